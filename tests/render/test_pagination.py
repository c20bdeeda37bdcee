"""Pagination of every sample document: no near-empty page, no page ending on a heading."""

from __future__ import annotations

from pathlib import Path

import pytest

from .pagination import faults
from .test_libreoffice import SOFFICE


def _documents(folder: Path, suffix: str) -> list[Path]:
    return [folder / f"synthese{suffix}", *sorted((folder / "dossiers").glob(f"*{suffix}"))]


def test_pdf_pages_are_filled_and_never_end_on_a_heading(sample_build) -> None:  # type: ignore[no-untyped-def]
    found = {p.name: faults(p) for p in _documents(sample_build.folder, ".pdf")}
    assert len(found) == 8
    assert not any(found.values()), found


def _convert_all(docs: list[Path], out: Path) -> list[Path]:
    """Every .docx converted to PDF by one LibreOffice run (a private profile, a timeout)."""
    import subprocess

    assert SOFFICE is not None
    profile = f"-env:UserInstallation=file://{out / 'lo-profile'}"
    subprocess.run(
        [
            SOFFICE,
            profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, docs),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return [out / (doc.stem + ".pdf") for doc in docs]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent")
def test_word_pages_in_libreoffice_too(sample_build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = sample_build.folder
    docs = [*_documents(folder, ".docx"), folder / "programme.docx"]
    assert len(docs) == 9 and all(doc.exists() for doc in docs)
    found = {pdf.name: faults(pdf) for pdf in _convert_all(docs, tmp_path)}
    assert not any(found.values()), found


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent")
def test_word_pages_of_another_workbook(fixtures: Path, tmp_path: Path) -> None:
    from ieg_reports.commands.build import run_build

    folder = run_build(fixtures / "messy.xlsx", tmp_path / "build").folder
    docs = [*_documents(folder, ".docx"), folder / "programme.docx"]
    assert len(docs) >= 3 and all(doc.exists() for doc in docs)
    found = {pdf.name: faults(pdf) for pdf in _convert_all(docs, tmp_path)}
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
