"""A first run never surprises: folders of workbooks, open workbooks, dates, plain sentences."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from ieg_reports.cli import main


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), prog_name="ieg-reports")
    return result.exit_code, result.output


@pytest.fixture
def two_books(tmp_path: Path) -> Path:
    books = tmp_path / "ateliers"
    books.mkdir()
    shutil.copytree(FIXTURES / "mini", books / "mini")
    shutil.copy(FIXTURES / "mini.xlsx", books / "autre.xlsx")
    return books


def test_validate_accepts_a_folder_of_workbooks(two_books: Path) -> None:
    code, output = _run("validate", str(two_books))
    assert code == 0, output
    assert "autre.xlsx\u00a0: 0\u00a0erreur" in output and "mini\u00a0: 0\u00a0erreur" in output


def test_plan_accepts_a_folder_of_workbooks(two_books: Path, tmp_path: Path) -> None:
    code, output = _run("plan", str(two_books), "-o", str(tmp_path / "out"))
    assert code == 0, output
    assert "autre :" in output and "mini :" in output
    assert "synthese.docx\u00a0: construit, première construction." in output
    assert not (tmp_path / "out").exists()


def test_a_build_ends_with_the_full_path_of_its_documents(tmp_path: Path) -> None:
    code, output = _run("build", str(FIXTURES / "mini"), "-o", str(tmp_path / "out"), "-q")
    assert code == 0, output
    folder = (tmp_path / "out" / "mini").resolve()
    assert output.rstrip().endswith(f"Documents dans\u00a0: {folder}")
    assert " s." in output and "(" not in output.splitlines()[-2]


@pytest.mark.parametrize("lock", ["~$mini.xlsx", ".~lock.mini.xlsx#"])
def test_an_open_workbook_gets_a_notice(tmp_path: Path, lock: str) -> None:
    from ieg_reports.api import load_workshop

    shutil.copy(FIXTURES / "mini.xlsx", tmp_path / "mini.xlsx")
    (tmp_path / lock).write_bytes(b"owner")
    result = load_workshop(tmp_path / "mini.xlsx")
    notices = [p.message for p in result.problems.warnings if "ouvert" in p.message]
    assert notices == [
        "le classeur est ouvert dans Excel ou LibreOffice : "
        "les modifications non enregistrées ne sont pas prises en compte"
    ]


@pytest.mark.parametrize("text", ["12/07/17", "12 juil. 2017", "12-07-2017", "12.07.2017"])
def test_common_dates_are_accepted(write_book, text: str) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from fixtures.make_fixtures import MINI
    from ieg_reports.api import load_workshop

    atelier = [list(r) for r in MINI["atelier"]]
    atelier[2][1] = text
    result = load_workshop(write_book({"atelier": atelier}))
    assert result.workshop.info.date == dt.date(2017, 7, 12), result.problems.errors


def test_status_lines_are_plain_sentences() -> None:
    from ieg_reports.commands.output import plan_line
    from ieg_reports.pipeline.plan import Action, Decision

    lines = [
        plan_line(
            Decision("synthese.docx", Action.KEEP_EDITED, "modifié à la main, conservé tel quel")
        ),
        plan_line(Decision("a.pdf", Action.BUILD, "reconstruction forcée par --force")),
    ]
    assert lines == [
        "synthese.docx\u00a0: modifié à la main, conservé tel quel.",
        "a.pdf\u00a0: construit, reconstruction forcée par --force.",
    ]
    assert all(line.count("(") == 0 for line in lines)


def test_a_missing_date_agrees_in_gender(write_book) -> None:  # type: ignore[no-untyped-def]
    from fixtures.make_fixtures import MINI
    from ieg_reports.api import load_workshop

    atelier = [list(r) for r in MINI["atelier"]]
    atelier[2][1] = ""
    result = load_workshop(write_book({"atelier": atelier}))
    assert any(p.message == "Date de l’atelier non renseignée" for p in result.problems.errors)
