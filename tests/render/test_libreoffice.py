"""Real-client check: LibreOffice opens the Word synthesis and finds what a reader would."""

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent (installé par .ci/run)")


def convert(docx: Path, out: Path) -> Path:
    """docx → pdf with a private LibreOffice profile and a timeout."""
    profile = out / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / (docx.stem + ".pdf")


def test_libreoffice_opens_the_synthesis(sample_build, sample_result, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    pdf = convert(sample_build.folder / "synthese.docx", tmp_path)
    reader = PdfReader(pdf)
    assert 14 <= len(reader.pages) <= 30
    text = "\n".join(page.extract_text() for page in reader.pages)
    for theme in sample_result.workshop.themes:
        assert theme.code in text
    assert "Écosystème des IEG" in text and "Rencontre Prospective" in text
    assert "La place de l'énergie dans l'économie circulaire" in text.replace("’", "'")


def test_libreoffice_opens_the_programme_on_two_pages(
    sample_build, sample_result, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    pdf = convert(sample_build.folder / "programme.docx", tmp_path)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2  # as the PDF: the timeline, then the themes and the access
    text = "\n".join(p.extract_text() for p in reader.pages).replace("’", "'").replace("\xa0", " ")
    workshop = sample_result.workshop
    for theme in workshop.priority_themes:
        assert f"{theme.code} — " in text
    speakers = {p.name for s in workshop.programme for p in s.speakers}
    assert speakers and all(name in text for name in speakers)
    assert "Inscription" in text and "mercredi 18 octobre 2017" in text
