"""What the Word writer keeps between builds: the same bytes, without the work."""

from __future__ import annotations

import zlib

import pytest

from ieg_reports.config import Config
from ieg_reports.pipeline.render import RenderSettings, render_target
from ieg_reports.pipeline.targets import targets_for
from ieg_reports.render import common, docx_styles, docx_writer


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget what this process keeps in memory, as a new worker would start."""
    monkeypatch.setattr(docx_writer, "_STYLE_IDS", {})
    monkeypatch.setattr(common, "_DEFLATED", type(common._DEFLATED)())
    monkeypatch.setattr(docx_styles, "_EDITED", {})
    docx_styles._reserialised.cache_clear()


def _pack_docx(workshop) -> bytes:  # type: ignore[no-untyped-def]
    settings = RenderSettings(None, Config())
    target = next(
        t for t in targets_for(workshop, settings.config) if t.name.endswith(".docx") and t.theme
    )
    return render_target(target, workshop, settings)[0]


def test_a_new_worker_writes_the_same_bytes_from_the_cache(
    sample_result, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports import cachedir

    monkeypatch.setattr(cachedir, "private_folder", lambda: tmp_path)
    _new_process(monkeypatch)
    first = _pack_docx(sample_result.workshop)  # learns the style ids: parses the styles
    _new_process(monkeypatch)
    assert _pack_docx(sample_result.workshop) == first  # writes them back unparsed: stored
    assert {p.name.split("-")[0] for p in tmp_path.iterdir()} >= {"deflate", "styles", "styleids"}
    _new_process(monkeypatch)
    deflated: list[int] = []
    real = common._compress

    def counting(data: bytes) -> bytes:
        deflated.append(len(data))
        return real(data)

    def no_lookup(*args: object) -> None:
        raise AssertionError("style looked up again")

    monkeypatch.setattr(common, "_compress", counting)
    monkeypatch.setattr(docx_styles, "parse_xml", no_lookup)
    monkeypatch.setattr(type(docx_writer.open_docx().part), "get_style_id", no_lookup)
    assert _pack_docx(sample_result.workshop) == first
    assert all(size < common.KEEP_ON_DISK for size in deflated)  # the large parts: read back


def test_a_stored_stream_is_the_one_zlib_makes(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports import cachedir

    monkeypatch.setattr(cachedir, "private_folder", lambda: tmp_path)
    monkeypatch.setattr(common, "_DEFLATED", type(common._DEFLATED)())
    data = b"<w:styles>" + b"<w:style/>" * 5000 + b"</w:styles>"
    packed, crc = common._deflate(data)
    assert zlib.decompress(packed, -15) == data and crc == zlib.crc32(data)
    monkeypatch.setattr(common, "_DEFLATED", type(common._DEFLATED)())
    assert common._deflate(data) == (packed, crc)
