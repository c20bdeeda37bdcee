"""The reference's styles part is parsed only when read, and written back unchanged."""

from __future__ import annotations

import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.part import PartFactory
from docx.parts.styles import StylesPart

from ieg_reports.config import Config
from ieg_reports.pipeline.render import RenderSettings, render_target
from ieg_reports.pipeline.targets import targets_for
from ieg_reports.render import docx_styles, docx_writer


def _word_outputs(workshop) -> list[bytes]:  # type: ignore[no-untyped-def]
    settings = RenderSettings(None, Config())
    targets = [t for t in targets_for(workshop, settings.config) if t.name.endswith(".docx")]
    chosen = [t for t in targets if t.theme in (None, "T02", "T05")]
    return [render_target(t, workshop, settings)[0] for t in chosen]


def test_lazy_styles_give_the_bytes_python_docx_gives(
    sample_result, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    lazy = _word_outputs(sample_result.workshop)
    monkeypatch.setattr(docx_writer, "use_lazy_styles", lambda: None)
    monkeypatch.setitem(PartFactory.part_type_for, CT.WML_STYLES, StylesPart)
    monkeypatch.setattr(docx_writer, "_STYLE_IDS", {})
    monkeypatch.setattr(docx_writer, "_LIST_NUM_IDS", {})
    monkeypatch.setattr(docx_writer, "_SPACE_BEFORE", {})
    assert _word_outputs(sample_result.workshop) == lazy


def test_styles_are_parsed_once_per_process(sample_result, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _word_outputs(sample_result.workshop)  # the style ids are known from now on
    parsed = []
    real = docx_styles.parse_xml

    def counting(xml: bytes):  # type: ignore[no-untyped-def]
        parsed.append(len(xml))
        return real(xml)

    monkeypatch.setattr(docx_styles, "parse_xml", counting)
    assert len(_word_outputs(sample_result.workshop)) == 3
    assert parsed == []
