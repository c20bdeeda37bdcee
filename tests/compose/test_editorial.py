"""What a reader must never see in the composed documents of the sample and of another
client's workbook: spreadsheet wording, doubled words, the same list twice."""

from __future__ import annotations

import atexit
import dataclasses
import functools
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from compose.test_findings import _text
from fixtures.held_out import write_held_out
from ieg_reports.api import load_workshop
from ieg_reports.compose import compose_pack, compose_synthesis
from ieg_reports.compose.context import lessons_once
from ieg_reports.compose.programme import compose_programme
from ieg_reports.model import Lesson, Workshop


@functools.cache
def _held_out_workshop() -> Workshop:
    """The held-out workbook's workshop, read once per test session."""
    folder = Path(tempfile.mkdtemp(prefix="ieg-held-out-"))
    atexit.register(shutil.rmtree, folder, True)
    return load_workshop(write_held_out(folder / "atelier")).workshop


@pytest.fixture(scope="module")
def held_out() -> Workshop:
    return _held_out_workshop()


def _texts(ws: Workshop) -> dict[str, str]:
    """Every document's text, by name."""
    docs = {"synthese": compose_synthesis(ws), "programme": compose_programme(ws)}
    docs |= {t.code: compose_pack(ws, t) for t in ws.pack_themes(False)}
    return {name: _text(d.blocks).replace("\u00a0", " ") for name, d in docs.items()}


@pytest.fixture(scope="module", params=["sample", "held_out"])
def texts(request: pytest.FixtureRequest) -> dict[str, str]:
    name = "sample_result" if request.param == "sample" else "held_out"
    return _texts(request.getfixturevalue(name).workshop if name == "sample_result"
                  else request.getfixturevalue(name))  # fmt: skip


def test_no_column_names_nor_doubled_axis(texts: dict[str, str]) -> None:
    for name, text in texts.items():
        assert "colonne" not in text.lower(), name
        assert not re.search(r"[Aa]xe « Axe", text), name
        assert "Pourquoi le lire. Pourquoi" not in text, name


def test_no_digits_for_the_programme_count(texts: dict[str, str]) -> None:
    assert not re.search(r"Les \d+ thèmes", texts["programme"])


def test_held_out_axes_in_order_and_effects_not_listed_in_the_body(held_out: Workshop) -> None:
    assert held_out.axes == tuple(sorted(held_out.axes, key=lambda a: int(a.split()[-1])))
    text = _text(compose_synthesis(held_out).blocks).replace("\u00a0", " ")
    body, annex = text.rsplit("Annexes", 1)
    categories = {(e.type, e.category) for e in held_out.effects}
    listed = re.findall(r"« Effet \d+ de F\d+ »", body)  # the body names examples only
    assert 0 < len(listed) <= 3 * len(categories) < len(held_out.effects)
    assert all(e.label in annex for e in held_out.effects)  # the annex lists them all
    choices = re.search(r"Des choix sont à expliquer[^.]*\.", body)
    assert choices is None or choices.group().count("«") <= 3 * 2


def test_sample_consultant_choices_not_repeated(sample_result) -> None:  # type: ignore[no-untyped-def]
    ws = sample_result.workshop
    said = " ".join(ws.lessons_for("selection"))
    text = _text(compose_synthesis(ws).blocks).replace("\u00a0", " ")
    for name in re.findall(r"« (.+?) »", said):
        assert text.count(f"« {name} »") <= 1 + said.count(name), name


def test_sample_consultant_words_do_not_open_on_the_illustration_notice(sample_result) -> None:  # type: ignore[no-untyped-def]
    # The sample says once, in its notice (cover), that its data are illustrative: the
    # consultant's words open on their message.
    ws = sample_result.workshop
    for section in ("essentiel", "selection"):
        assert not ws.lessons_for(section)[0].lower().startswith("données d"), section
    assert "enseignements" in ws.info.notice
    text = _text(compose_synthesis(ws).blocks).replace("'", "’")
    assert text.count("Données d’illustration") == 1


def test_lessons_once_keeps_new_sentences_and_line_breaks(sample_result) -> None:  # type: ignore[no-untyped-def]
    lessons = (
        Lesson("essentiel", "Même phrase. Première idée."),
        Lesson("selection", "Même phrase.\nAutre idée ! Première idée."),
        Lesson("selection", "même  phrase."),
    )
    ws = dataclasses.replace(sample_result.workshop, lessons=lessons)
    once = lessons_once(ws)
    assert once("essentiel") == ["Même phrase. Première idée."]
    assert once("selection") == ["Autre idée !"]
    assert lessons_once(ws)("selection") == ["Même phrase.\nAutre idée ! Première idée."]
