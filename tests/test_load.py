import zipfile
from pathlib import Path

import pytest

from ieg_reports.exceptions import UnreadableWorkbookError
from ieg_reports.workbook.readers import load_raw
from ieg_reports.workbook.readers.csvdir import decode, read_csv_text, sniff_separator


def _sheet(book, name):  # type: ignore[no-untyped-def]
    return next(s for s in book.sheets if s.name.strip() == name)


def test_xlsx_rows_are_numbered_as_excel_shows_them(fixtures: Path) -> None:
    book = load_raw(fixtures / "messy.xlsx")
    sheet = _sheet(book, "Facteurs")
    assert sheet.cell(2, 0) == "CODE"  # a blank first row: the header is on row 2
    assert sheet.cell(3, 0) == "F1"


def test_merged_cells_count_as_their_top_left_value(fixtures: Path) -> None:
    sheet = _sheet(load_raw(fixtures / "messy.xlsx"), "Facteurs")
    assert sheet.cell(3, 2) == "Énergie" and sheet.cell(4, 2) == "Énergie"


def test_formula_cells_give_cached_values(fixtures: Path) -> None:
    sheet = _sheet(load_raw(fixtures / "messy.xlsx"), "Evaluations")
    assert sheet.cell(4, 2) == 5


def test_ods_sheets(fixtures: Path) -> None:
    book = load_raw(fixtures / "mini.ods")
    assert {s.name for s in book.sheets} >= {"facteurs", "themes"}
    assert _sheet(book, "facteurs").cell(2, 0) == "F1"


def test_csv_windows_1252_with_semicolons(fixtures: Path) -> None:
    book = load_raw(fixtures / "messy-cp1252")
    sheet = _sheet(book, "Facteurs")
    assert sheet.cell(2, 2) == "energie"
    assert sheet.cell(3, 3) == "Signaux faibles"


def test_csv_encodings_and_separators() -> None:
    assert decode("Évaluation".encode("utf-8-sig")).text == "Évaluation"
    assert decode("Évaluation".encode("cp1252")).text == "Évaluation"
    assert sniff_separator("a;b;c\n1;2;3\n") == ";"
    assert sniff_separator("a,b,c\n1,2,3\n") == ","
    assert sniff_separator("a\tb\tc\n1\t2\t3\n") == "\t"


def test_csv_keeps_blank_lines_so_rows_match_excel() -> None:
    rows = read_csv_text("Code;Nom\n\nA;Énergie\n")
    assert rows[2] == ["A", "Énergie"] and rows[1] == [None, None]


def test_csv_multiline_cells_count_as_one_row() -> None:
    rows = read_csv_text('Code;Questions\nT1;"Quoi ?\nQui ?"\nT2;x\n')
    assert rows[1] == ["T1", "Quoi ?\nQui ?"] and rows[2] == ["T2", "x"]


def test_csv_row_longer_than_its_header_is_an_error_at_its_row(tmp_path: Path) -> None:
    folder = tmp_path / "atelier"
    folder.mkdir()
    (folder / "familles.csv").write_text("Code;Nom\nA;Énergie;\nB;Paris; France\n", "utf-8")
    problems = load_raw(folder).problems
    assert [(p.location.file, p.location.row) for p in problems] == [("atelier/familles.csv", 3)]
    assert "3\u00a0valeurs pour 2\u00a0colonnes" in problems[0].message
    assert "France" in problems[0].message and "guillemets" in problems[0].hint


def test_a_sheet_is_also_a_dataframe_for_analysis(fixtures: Path) -> None:
    sheet = _sheet(load_raw(fixtures / "messy.xlsx"), "Facteurs")
    assert sheet.frame.loc[3, 0] == sheet.cell(3, 0) == "F1"
    assert sheet.frame.shape == (len(sheet.rows), len(sheet.rows[0]))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableWorkbookError, match="introuvable"):
        load_raw(tmp_path / "absent.xlsx")


def test_not_a_workbook(fixtures: Path) -> None:
    with pytest.raises(UnreadableWorkbookError, match="pas un classeur"):
        load_raw(fixtures / "not-a-workbook.xlsx")


def test_password_protected_or_old_xls(tmp_path: Path) -> None:
    path = tmp_path / "protege.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(UnreadableWorkbookError, match="mot de passe"):
        load_raw(path)


def test_zip_that_is_not_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "bonjour")
    with pytest.raises(UnreadableWorkbookError):
        load_raw(path)


def test_single_csv_and_unknown_format(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("x;y\n")
    (tmp_path / "a.pdf").write_text("%PDF")
    with pytest.raises(UnreadableWorkbookError, match="dossier"):
        load_raw(tmp_path / "a.csv")
    with pytest.raises(UnreadableWorkbookError, match="format"):
        load_raw(tmp_path / "a.pdf")
    empty = tmp_path / "vide"
    empty.mkdir()
    with pytest.raises(UnreadableWorkbookError, match="aucun fichier"):
        load_raw(empty)


def test_reading_xlsx_loads_neither_numpy_nor_pillow_and_hides_them_no_longer(
    fixtures: Path,
) -> None:
    import subprocess
    import sys

    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from ieg_reports.workbook.readers import load_raw\n"
        f"book = load_raw(Path({str(fixtures / 'messy.xlsx')!r}))\n"
        "print(sorted(m for m in ('numpy', 'PIL') if m in sys.modules))\n"
        "import numpy, PIL.Image\n"
        "print(len(book.sheets), numpy.zeros(2).sum())\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "[]"
