"""Fonts derived from the shipped ones: cached on disk, Latin glyphs without hinting."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from ieg_reports import fonts
from ieg_reports.charts import raster
from ieg_reports.resources import fonts_folder

LATO = fonts_folder() / "Lato-Regular.ttf"


def test_the_unhinted_copy_keeps_every_latin_glyph_and_drops_the_programs() -> None:
    original, copy = TTFont(str(LATO)), TTFont(io.BytesIO(fonts.unhinted(LATO)))
    assert "fpgm" in original and "prep" in original
    assert "fpgm" not in copy and "prep" not in copy
    wanted = {ord(c) for c in fonts.LATIN} & set(original.getBestCmap())
    assert wanted <= set(copy.getBestCmap())


def test_a_derived_font_is_made_once_then_read_from_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ieg_reports import cachedir

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path / "shared"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "private"))
    cachedir.private_folder.cache_clear()
    made: list[Path] = []

    def make(path: Path) -> bytes:
        made.append(path)
        return b"font " + path.name.encode()

    first = fonts.derived_font(LATO, "test", make)
    assert fonts.derived_font(LATO, "test", make) == first == b"font Lato-Regular.ttf"
    assert made == [LATO]
    # in the user's private folder, never the shared temporary one another user can write
    kept = list((tmp_path / "private" / "ieg-reports").glob("font-*.ttf"))
    assert len(kept) == 1 and not (tmp_path / "shared").exists()
    cachedir.private_folder.cache_clear()


def test_text_beyond_latin_is_painted_with_the_whole_font(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reportlab.graphics.shapes import Drawing, String

    from ieg_reports.resources import default_templates
    from ieg_reports.style import load_style

    asked: list[bool] = []
    real = raster._font

    def spy(path: str, pixels: int, latin: bool = True) -> object:
        asked.append(latin)
        return real(path, pixels, latin)

    monkeypatch.setattr(raster, "_font", spy)
    drawing = Drawing(200, 40)
    drawing.add(String(5, 20, "Énergie, cœur « 2030 »", fontName=fonts.SANS))
    drawing.add(String(5, 5, "Ωmega ∑", fontName=fonts.SANS))
    style = load_style(default_templates() / "style.toml")
    assert raster.to_png(drawing, raster.font_files(style)).startswith(b"\x89PNG")
    assert asked == [True, False]
    assert real(str(LATO), 20, False).path == str(LATO)  # the shipped file, every glyph
