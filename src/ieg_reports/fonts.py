"""The embedded font family, registered once for reportlab: the PDF writer and the charts.

Charts need the font's metrics to place their labels, and the PDF writer embeds it; both
register it through here so that a drawing measures text exactly as the page will set it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from ieg_reports.resources import fonts_folder
from ieg_reports.style import Style

SANS = "IEG-Sans"
FACES = {"": "regular", "-Bold": "bold", "-Italic": "italic", "-BoldItalic": "bold_italic"}


def font_file(style: Style, key: str) -> Path:
    """A font file named in the style: beside the style file, else the shipped fonts."""
    name = style.fonts[key]
    local = style.path.parent / name
    if local.is_file():
        return local
    return fonts_folder() / name


def face_name(bold: bool = False, italic: bool = False) -> str:
    """The registered name of one face of the family."""
    return (
        SANS
        + {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Italic", (1, 1): "-BoldItalic"}[
            (int(bold), int(italic))
        ]
    )


def register_fonts(style: Style) -> object:
    """Register the four faces of the sans family; no page ever falls back to Helvetica."""
    return register_files({key: font_file(style, key) for key in FACES.values()})


def register_files(files: dict[str, Path]) -> object:
    """Register the four faces of the sans family from their files (by FACES key)."""
    from reportlab import rl_config
    from reportlab.graphics import shapes
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for suffix, key in FACES.items():
        if SANS + suffix not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(SANS + suffix, str(files[key])))
    pdfmetrics.registerFontFamily(
        SANS,
        normal=SANS,
        bold=SANS + "-Bold",
        italic=SANS + "-Italic",
        boldItalic=SANS + "-BoldItalic",
    )
    # Pages and drawings start with a base font: make it ours, or Helvetica is listed unembedded.
    rl_config.canvas_basefontname = SANS
    rl_config.defaultGraphicsFontName = SANS
    shapes.STATE_DEFAULTS["fontName"] = SANS
    return pdfmetrics.getFont(SANS)


def derived_font(path: Path, variant: str, make: Callable[[Path], bytes]) -> bytes:
    """A font made from `path` (a subset, a copy without hinting…), from the disk cache when
    made before.

    Making one costs about half a second a face with fontTools; a build's workers would pay
    it for every face on every build. The cache is the user's private cache folder (never the
    shared temporary folder, where another user could plant a font), keyed by the font's
    bytes, the variant and the fontTools version, each file checked by its digest.
    """
    from fontTools import version as fonttools_version

    from ieg_reports.cachedir import remembered

    data = path.read_bytes()
    key = hashlib.sha256(data + variant.encode() + fonttools_version.encode()).hexdigest()
    return remembered(f"font-{key[:32]}.ttf", lambda: make(path))


# Latin, Latin-1, Latin Extended-A, general punctuation, euro and numero signs: French text.
LATIN = frozenset(
    chr(c)
    for c in (*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2000, 0x2070), 0x20AC, 0x2116)
)


def unhinted(path: Path) -> bytes:
    """The font's Latin glyphs without their hinting programs, for painting pictures.

    FreeType runs Lato's hinting bytecode for every glyph it draws: twice the time of the
    drawing itself, for pixels that the picture's own oversampling smooths out anyway.
    Text with other characters is painted with the whole font (`LATIN` says which).
    """
    return derived_font(path, "unhinted-latin", _strip_hinting)


def _strip_hinting(path: Path) -> bytes:
    import io
    import logging

    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.layout_features = ["*"]
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # remarks on the files: not ours
    font = TTFont(str(path), recalcTimestamp=False)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(LATIN)))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()
