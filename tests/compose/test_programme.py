"""The programme, read back as a participant reads it: the PDF's text and the Word text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from fixtures.event import event_sheets, write_csv_book
from ieg_reports.api import load_workshop
from ieg_reports.pipeline.render import RenderSettings, render_target
from ieg_reports.pipeline.targets import Target, targets_for
from render.pdftext import flat, pdf_text


def _render(book: Path, tmp: Path) -> tuple[str, str]:
    """The programme's PDF text and Word text."""
    result = load_workshop(book)
    assert result.ok, [p.format_fr() for p in result.problems.errors]
    settings = RenderSettings(None, result.config)
    pdf, _ = render_target(Target("programme.pdf", "programme-pdf"), result.workshop, settings)
    word, _ = render_target(Target("programme.docx", "programme-docx"), result.workshop, settings)
    (tmp / "programme.pdf").write_bytes(pdf)
    document = docx.Document(io.BytesIO(word))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    return pdf_text(tmp / "programme.pdf"), text.replace("\u00a0", " ")


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    root = tmp_path_factory.mktemp("programme")
    return _render(write_csv_book(root / "book", event_sheets()), root)


@pytest.mark.parametrize("which", [0, 1], ids=["pdf", "docx"])
def test_timeline_speakers_and_moderators(programme: tuple[str, str], which: int) -> None:
    text = programme[which]
    for expected in (
        "Rencontre Prospective",
        "Mercredi 18 octobre 2017, de 9 h à 11 h",
        "Accueil café",
        "Le travail demain",
        "Conclusions",
        "Anne Roy",
        "Métropole X",
        "Paul Dumas",
        "Université Y",
        "Modération : Zoé Lin, Cabinet Z",
        "Marc Noir",
        "9 h 30",
        "10 h 30",
        "Table ronde · thème T2",
    ):
        assert expected in text or flat(expected) in flat(text), expected


@pytest.mark.parametrize("which", [0, 1], ids=["pdf", "docx"])
def test_priority_themes_and_practical_information(programme: tuple[str, str], which: int) -> None:
    text = programme[which]
    assert "T2 — Travail demain" in text and "Télétravail" in text  # the theme, its key factor
    assert "T1 — Soleil" not in text  # a documentary theme is not on the agenda
    # Page 2 adds to the timeline rather than repeating its sequence (time, format).
    assert "9 h 30, table ronde." not in text
    assert "« Télétravail »" in text.replace("\u00a0", " ")  # key factors quoted in a list
    for expected in (
        "Date",
        "Maison de la Chimie, 28 rue Saint-Dominique, 75007 Paris",
        "https://example.org/inscription",
        "Alice Nord, 01 02 03 04 05",
    ):
        assert flat(expected) in flat(text), expected


@pytest.mark.parametrize("which", [0, 1], ids=["pdf", "docx"])
def test_times_are_one_range_and_counts_in_words(programme: tuple[str, str], which: int) -> None:
    text = programme[which].replace("\u00a0", " ")
    assert "9 h 30 – 10 h 30" in text or "9 h – 9 h 30" in text
    assert not re.search(r"\bLes \d+ thèmes", text)


def test_timeline_in_time_order_in_the_pdf(programme: tuple[str, str]) -> None:
    text = programme[0]
    positions = [text.index(t) for t in ("Accueil café", "Le travail demain", "Conclusions")]
    assert positions == sorted(positions)


def test_without_programme_sheet_themes_and_event_but_no_timeline(tmp_path: Path) -> None:
    book = write_csv_book(tmp_path / "book", event_sheets(programme=None))  # type: ignore[arg-type]
    pdf, word = _render(book, tmp_path)
    for text in (pdf, word):
        assert "Rencontre Prospective" in text and "T2 — Travail demain" in text
        assert "Horaire" not in text and "Anne Roy" not in text
        assert flat("sera communiqué") in flat(text)  # wherever the line breaks
        assert "de 9 h à 11 h" in text  # the event's own hours still show


def test_without_an_event_there_is_no_programme(tmp_path: Path) -> None:
    atelier = [r for r in event_sheets()["atelier"] if "événement" not in str(r[0]).lower()]
    book = write_csv_book(tmp_path / "book", event_sheets(atelier=atelier))
    result = load_workshop(book)
    names = [t.name for t in targets_for(result.workshop, result.config)]
    assert "synthese.pdf" in names and not [n for n in names if n.startswith("programme")]


def test_data_is_printed_as_typed(tmp_path: Path) -> None:
    rows = event_sheets()["programme"]
    rows[2][2] = "Débat *libre* | <b>ouvert</b> & {{ x }}"
    rows[2][5] = "Anne_Roy (R&D)"
    book = write_csv_book(tmp_path / "book", event_sheets(programme=rows))
    pdf, word = _render(book, tmp_path)
    for text in (pdf, word):
        assert flat("Débat *libre* | <b>ouvert</b> & {{ x }}") in flat(text)
        assert "Anne_Roy" in text and "R&D" in text


def test_the_sample_programme_fits_on_two_pages(sample_build) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    path = sample_build.folder / "programme.pdf"
    assert len(PdfReader(path).pages) == 2
    column = column_text(path, "Séquence", "Intervenants")
    for sequence in sample_build_sequences():
        assert flat(sequence) in flat(column), sequence


def column_text(path: Path, header: str, next_header: str) -> str:
    """The text of one column of the timeline on page 1 (cells of neighbours interleave)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        words = {w["text"]: w for w in page.extract_words()}
        box = (words[header]["x0"] - 1, 0, words[next_header]["x0"] - 1, page.height)
        return (page.crop(box).extract_text() or "").replace("\u00a0", " ")


def sample_build_sequences() -> list[str]:
    """Titles of the shipped sample's sequences, from its readable source."""
    import csv

    from conftest import SAMPLE_SOURCE

    with (SAMPLE_SOURCE / "programme.csv").open(encoding="utf-8", newline="") as handle:
        return [row["Séquence"] for row in csv.DictReader(handle, delimiter=";")]


@pytest.mark.parametrize("which", [0, 1], ids=["pdf", "docx"])
def test_factor_counts_agree_and_are_in_words(programme: tuple[str, str], which: int) -> None:
    text = " ".join(programme[which].replace("\u00a0", " ").split())
    found = re.findall(r"Issu d(?:u|e \S+) facteurs?-clés?", text)
    assert found
    for phrase in found:
        assert not re.search(r"\d", phrase), phrase
        assert phrase == "Issu du facteur-clé" or phrase.endswith("facteurs-clés"), phrase
