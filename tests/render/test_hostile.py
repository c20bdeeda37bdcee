"""Hostile text in the workbook builds, and reads back intact from the documents."""

from pathlib import Path

import docx
import pytest

from ieg_reports.commands.build import run_build
from render.pdftext import flat, pdf_text

LONG = ("Un paragraphe très long & <balisé> ; " * 140).strip()
WORD = "Anticonstitutionnellement" * 8
HOSTILE_FAMILY = "S&P 500 <b>gras</b> {{ x }} {% if %} *a* _b_ \\ | [x](y) 😀 🧠 עברית"


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import csv

    from fixtures.make_fixtures import MINI

    folder = tmp_path_factory.mktemp("hostile") / "hostile"
    folder.mkdir()
    sheets = {k: [list(r) for r in v] for k, v in MINI.items()}
    sheets["familles"][1][1] = HOSTILE_FAMILY
    sheets["familles"][1][2] = LONG
    sheets["facteurs"][1][1] = "# pas un titre\x0b avec contrôle"
    sheets["facteurs"][2][1] = WORD
    sheets["facteurs"][4][1] = LONG[:300]  # the longest label a workbook may hold (annex table)
    sheets["themes"][1][1] = "../../etc/passwd : « piège » ?"
    sheets["themes"][1][5] = "- pas une puce\n1. pas une liste\n@@pagebreak"
    for name, rows in sheets.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, delimiter=";").writerows(rows)
    return folder


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(parts).replace("\u00a0", " ").replace("\u2019", "'")


def test_hostile_text_reads_back_from_word(hostile_book: Path, tmp_path: Path) -> None:
    report = run_build(hostile_book, tmp_path)
    text = _text(report.folder / "synthese.docx")
    for expected in (
        HOSTILE_FAMILY,
        LONG,
        WORD,
        "# pas un titre avec contrôle",
        "../../etc/passwd : « piège » ?",
        "- pas une puce",
        "@@pagebreak",
    ):
        assert expected in text, expected
    assert any("U+000B" in w for w in report.warnings)
    assert all(p.resolve().is_relative_to(tmp_path.resolve()) for p in tmp_path.rglob("*"))


def test_hostile_text_reads_back_from_the_pdfs(hostile_book: Path, tmp_path: Path) -> None:
    report = run_build(hostile_book, tmp_path)
    synthesis = flat(pdf_text(report.folder / "synthese.pdf"))
    for expected in (
        "S&P 500 <b>gras</b> {{ x }} {% if %} *a* _b_ \\ | [x](y)",
        LONG[:400],
        LONG[-400:],
        WORD,
        "# pas un titre avec contrôle",
    ):
        assert flat(expected) in synthesis, expected
    pack = next((report.folder / "dossiers").glob("*.pdf"))
    assert pack.name.startswith("T1-etc-passwd")
    assert flat("../../etc/passwd : « piège » ?") in flat(pdf_text(pack))
    assert any("U+1F9E0" in w for w in report.warnings)  # no glyph for 🧠: said, not hidden
