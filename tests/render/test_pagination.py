"""Pagination of every document, of the sample and of workbooks of other styles: no
near-empty page, no page ending on a heading or an introducing line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .pagination import faults, pages
from .test_libreoffice import SOFFICE


def _documents(folder: Path, suffix: str) -> list[Path]:
    return [folder / f"synthese{suffix}", *sorted((folder / "dossiers").glob(f"*{suffix}"))]


def _every_pdf(folder: Path) -> list[Path]:
    return [*_documents(folder, ".pdf"), folder / "programme.pdf"]


def test_sample_pdf_pages_are_filled_and_never_end_on_a_heading(sample_build) -> None:  # type: ignore[no-untyped-def]
    found = {p.name: faults(p) for p in _every_pdf(sample_build.folder)}
    assert len(found) == 9
    assert not any(found.values()), found


@pytest.mark.parametrize("name", ["mini", "messy", "held_out"])
def test_pdf_pages_of_other_workbooks_too(built, name: str) -> None:  # type: ignore[no-untyped-def]
    documents = [p for p in _every_pdf(built(name).folder) if p.exists()]
    assert len(documents) >= 3
    found = {p.name: faults(p) for p in documents}
    assert not any(found.values()), found


def test_a_pack_never_ends_on_a_near_empty_page(sample_build, built) -> None:  # type: ignore[no-untyped-def]
    packs = [*_documents(sample_build.folder, ".pdf")[1:]]
    packs += _documents(built("held_out").folder, ".pdf")[1:]
    assert len(packs) >= 12
    last = {p.name: pages(p)[-1].fill for p in packs}
    assert all(fill >= 0.25 for fill in last.values()), last


def _convert_all(docs: list[Path], out: Path) -> list[Path]:
    """Every .docx converted to PDF by one LibreOffice run (a private profile, a timeout)."""
    import subprocess

    assert SOFFICE is not None
    profile = f"-env:UserInstallation=file://{out / 'lo-profile'}"
    subprocess.run(
        [SOFFICE, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out)]
        + [str(doc) for doc in docs],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return [out / (doc.stem + ".pdf") for doc in docs]


def _every_docx(folder: Path) -> list[Path]:
    return [*_documents(folder, ".docx"), folder / "programme.docx"]


WORD_BEFORE_FIGURE = 0.5  # the PDF, which floats figures, is held to two thirds


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent")
def test_word_pages_in_libreoffice_too(sample_build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    docs = _every_docx(sample_build.folder)
    assert len(docs) == 9 and all(doc.exists() for doc in docs)
    found = {pdf.name: faults(pdf) for pdf in _convert_all(docs, tmp_path)}
    assert not any(found.values()), found


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent")
def test_word_pages_of_the_held_out_workbook(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    docs = [p for p in _every_docx(built("held_out").folder) if p.exists()]
    assert len(docs) >= 3
    # Word cannot float a figure: the writer keeps it after the text that introduces it
    # rather than move it into another entry, so a figure moved on may leave up to half a page
    found = {
        pdf.name: faults(pdf, before_figure=WORD_BEFORE_FIGURE)
        for pdf in _convert_all(docs, tmp_path)
    }
    assert not any(found.values()), found


def test_the_check_fails_on_a_page_ending_with_an_introducing_line(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    body = getSampleStyleSheet()["Normal"]
    body.fontSize = 10
    text = "Une phrase de remplissage qui occupe la ligne entière de la page. " * 8
    story = [Paragraph("Couverture", body), PageBreak()]
    story += [Paragraph(text, body) for _ in range(6)] + [Paragraph("Questions :", body)]
    story += [PageBreak(), Paragraph("Peu de texte.", body), PageBreak(), Paragraph("Fin", body)]
    path = tmp_path / "faute.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    found = faults(path)
    assert found[0] == "page 2 finit sur « Questions : »"
    assert len(found) == 2 and found[1].startswith("page 3 remplie à ")


def test_the_check_fails_on_a_bold_heading_not_on_a_bold_name(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    body = getSampleStyleSheet()["Normal"]
    text = "Une phrase de remplissage qui occupe la ligne entière de la page. " * 8
    found = []
    for last in ("<b>Un intertitre en gras</b>", "<b>Un nom en gras</b> ouvre ce point."):
        story = [Paragraph("Couverture", body), PageBreak()]
        story += [Paragraph(text, body) for _ in range(6)]
        story += [Paragraph(last, body), PageBreak(), Paragraph(text, body)]
        path = tmp_path / "titre.pdf"
        SimpleDocTemplate(str(path), pagesize=A4).build(story)
        found.append(faults(path))
    assert found == [["page 2 finit sur « Un intertitre en gras »"], []]


def test_every_pack_has_its_own_running_header_that_fits(built) -> None:  # type: ignore[no-untyped-def]
    import pdfplumber

    headers = []
    for path in _documents(built("held_out").folder, ".pdf")[1:]:
        with pdfplumber.open(path) as pdf:
            page = pdf.pages[1]
            top = [c for c in page.chars if c["top"] < page.height * 0.085]
            headers.append("".join(c["text"] for c in top))
            assert max(c["x1"] for c in top) < page.width - 40  # inside the right margin
    assert len(headers) >= 5 and len(set(headers)) == len(headers), headers
    assert all(re.search(r"\(volet\s\d\)$", h) for h in headers), headers


def test_the_check_fails_on_a_hole_left_by_a_figure_that_moved_on(tmp_path: Path) -> None:
    from reportlab.graphics.shapes import Circle, Drawing
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    body = getSampleStyleSheet()["Normal"]
    text = "Une phrase de remplissage qui occupe la ligne entière de la page. " * 8
    drawing = Drawing(300, 300)
    drawing.add(Circle(150, 150, 140))
    found = []
    for first in (drawing, Paragraph(text, body)):
        story = [Paragraph("Couverture", body), PageBreak()]
        story += [Paragraph(text, body) for _ in range(4)] + [PageBreak(), first]
        story += [Paragraph(text, body) for _ in range(3)] + [PageBreak(), Paragraph("Fin", body)]
        path = tmp_path / "trou.pdf"
        SimpleDocTemplate(str(path), pagesize=A4).build(story)
        found.append(faults(path))
    assert len(found[0]) == 1 and found[0][0].endswith("avant une figure"), found
    assert found[1] == []  # the same page before text is no fault
