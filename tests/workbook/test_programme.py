"""The « Programme » sheet and the event: read into sequences, every problem located."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import WriteBook
from fixtures.event import PROGRAMME, event_sheets
from ieg_reports.api import LoadResult, load_workshop
from ieg_reports.problems import Problem


def _load(write_book: WriteBook, **changes: list[list[object]]) -> LoadResult:
    return load_workshop(write_book(event_sheets(**changes)))


def _at(result: LoadResult, sheet: str, row: int | None, column: str | None) -> list[Problem]:
    return [
        p
        for p in result.problems.items
        if (p.location.sheet, p.location.row, p.location.column) == (sheet, row, column)
    ]


def _programme(*rows: list[object]) -> list[list[object]]:
    return [PROGRAMME[0], *[list(r) for r in rows]]


def test_sequences_speakers_and_event_fields_are_read(write_book: WriteBook) -> None:
    result = _load(write_book)
    assert result.ok, [p.format_fr() for p in result.problems.errors]
    workshop = result.workshop
    assert [(s.start, s.end) for s in workshop.programme] == [
        (dt.time(9), dt.time(9, 30)),
        (dt.time(9, 30), dt.time(10, 30)),
        (dt.time(10, 30), dt.time(11)),
    ]
    debate = workshop.programme[1]
    assert debate.theme is not None and debate.theme.code == "T2"
    assert [(p.name, p.organisation) for p in debate.speakers] == [
        ("Anne Roy", "Métropole X"),
        ("Paul Dumas", "Université Y"),
    ]
    assert [p.label for p in debate.moderators] == ["Zoé Lin (Cabinet Z)"]
    info = workshop.info
    assert (info.event_start, info.event_end) == (dt.time(9), dt.time(11))
    assert info.event_address == "28 rue Saint-Dominique, 75007 Paris"
    assert info.event_registration == "https://example.org/inscription"


@pytest.mark.parametrize("typed", ["9h30", "09:30", "9:30", "9 h 30", 0.3958333333])
def test_every_usual_way_of_typing_a_time(write_book: WriteBook, typed: object) -> None:
    result = _load(write_book, programme=_programme([typed, "10h", "Ouverture", "T2"]))
    assert result.workshop.programme[0].start == dt.time(9, 30)


def test_rows_come_out_in_chronological_order(write_book: WriteBook) -> None:
    rows = _programme(["10h", "11h", "Débat", "T2"], ["9h", "10h", "Accueil", ""])
    titles = [s.title for s in _load(write_book, programme=rows).workshop.programme]
    assert titles == ["Accueil", "Débat"]


def test_unreadable_time_is_located(write_book: WriteBook) -> None:
    result = _load(write_book, programme=_programme(["9h", "onze heures", "Débat", "T2"]))
    (problem,) = _at(result, "programme", 2, "fin")
    assert problem.severity == "error" and "n’est pas une heure" in problem.message
    assert problem.location.header == "Fin" and "9h30" in problem.hint


def test_sequence_ending_before_it_starts_is_an_error(write_book: WriteBook) -> None:
    result = _load(write_book, programme=_programme(["10h", "9h30", "Débat", "T2"]))
    (problem,) = _at(result, "programme", 2, "fin")
    assert problem.severity == "error"
    assert "avant son début" in problem.message and "9\u00a0h\u00a030" in problem.message
    assert not result.workshop.programme


def test_overlapping_sequences_are_a_warning_on_the_later_one(write_book: WriteBook) -> None:
    rows = _programme(
        ["9h", "11h", "Long débat", "T2"], ["9h30", "9h45", "Pause", ""], ["10h", "10h30", "X", ""]
    )
    result = _load(write_book, programme=rows)
    assert result.ok
    for row in (3, 4):  # both start while the long debate (row 2) is still on
        (problem,) = _at(result, "programme", row, "debut")
        assert problem.severity == "warning" and "Long débat" in problem.message
        assert "ligne 2" in problem.message


def test_unknown_theme_code_suggests_the_closest(write_book: WriteBook) -> None:
    result = _load(write_book, programme=_programme(["9h", "10h", "Débat", "T22"]))
    (problem,) = _at(result, "programme", 2, "theme")
    assert problem.severity == "error" and "T22" in problem.message
    assert problem.hint.startswith("vouliez-vous dire") and "T2" in problem.hint
    assert problem.location.header == "Thème"


def test_documentary_theme_on_the_programme_is_a_warning(write_book: WriteBook) -> None:
    rows = _programme(["9h", "10h", "Soleil", "T1"], ["10h", "11h", "Travail", "T2"])
    result = _load(write_book, programme=rows)
    (problem,) = _at(result, "programme", 2, "theme")
    assert problem.severity == "warning" and "documentaire" in problem.message


def test_priority_theme_no_sequence_treats_is_a_warning(write_book: WriteBook) -> None:
    result = _load(write_book, programme=_programme(["9h", "10h", "Accueil", ""]))
    (problem,) = _at(result, "themes", 3, "code")
    assert problem.severity == "warning" and "T2" in problem.message
    assert "Programme" in problem.hint


def test_event_dated_before_the_workshop_is_an_error(write_book: WriteBook) -> None:
    atelier = [r for r in event_sheets()["atelier"] if r[0] != "Date de l'événement"]
    atelier.insert(3, ["Date de l'événement", "01/07/2017"])
    result = _load(write_book, atelier=atelier)
    (problem,) = _at(result, "atelier", 4, "valeur")
    assert problem.severity == "error" and "avant l’atelier" in problem.message


def test_sequence_outside_the_event_hours_is_a_warning(write_book: WriteBook) -> None:
    result = _load(write_book, programme=_programme(["10h", "12h", "Débat", "T2"]))
    (problem,) = _at(result, "programme", 2, "fin")
    assert problem.severity == "warning" and "déborde" in problem.message


def test_without_an_event_validate_says_why_in_one_line(write_book: WriteBook) -> None:
    atelier = [r for r in event_sheets()["atelier"] if "événement" not in str(r[0]).lower()]
    result = _load(write_book, atelier=atelier)
    lines = [p for p in result.problems.warnings if "ni programme ni invitations" in p.message]
    assert len(lines) == 1 and lines[0].location.sheet == "atelier"
    assert lines[0].location.row is None  # the field is missing: the sheet is the place
    assert "\n" not in lines[0].message
    assert not result.workshop.info.has_event


def test_without_a_programme_sheet_nothing_is_reported(write_book: WriteBook) -> None:
    result = _load(write_book, programme=None)  # type: ignore[arg-type]
    assert not [p for p in result.problems.items if "rogramme" in (p.location.sheet or "")]
    assert not [p for p in result.problems.items if "feuille absente" in p.message]
    assert result.workshop.info.has_event and not result.workshop.programme


def test_participant_on_both_routes(write_book: WriteBook) -> None:
    people = {p.last_name: p for p in _load(write_book).workshop.participants}
    assert people["Martin"].route == "les_deux"
    assert people["Martin"].invited and people["Martin"].receives_packs
    assert people["Petit"].invited and not people["Petit"].receives_packs
    assert people["Dupont"].receives_packs and not people["Dupont"].invited


def test_excel_times_in_an_xlsx_workbook(tmp_path, write_book: WriteBook) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports.workbook.blank import write_workbook
    from ieg_reports.workbook.schema import SHEETS

    sheets = event_sheets()
    rows: dict[str, list[list[object]]] = {}
    for sheet in SHEETS:
        if sheet.key not in sheets:  # optional sheets this workbook leaves out
            continue
        header, *data = sheets[sheet.key]
        keys = [c.label for c in sheet.columns]
        rows[sheet.key] = [[dict(zip(header, r, strict=False)).get(k) for k in keys] for r in data]
    rows["programme"] = [[dt.time(9, 15), 0.4375, "Débat", "T2", None, "Anne Roy (X)", None, None]]
    path = tmp_path / "evenement.xlsx"
    write_workbook(path, rows)
    result = load_workshop(path)
    (sequence,) = result.workshop.programme
    assert (sequence.start, sequence.end) == (dt.time(9, 15), dt.time(10, 30))
    assert result.workshop.info.event_start == dt.time(9)


def test_validate_prints_the_event_in_its_key_figures(write_book: WriteBook) -> None:
    from ieg_reports.commands.validate import run_validate

    text, code = run_validate(write_book(event_sheets()))
    assert code == 0
    assert "Rencontre Prospective : programme de 3 séquences, 2 invités" in text.replace(
        "\u00a0", " "
    )


def test_init_documents_the_programme_sheet(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from ieg_reports.workbook.blank import write_workbook

    write_workbook(tmp_path / "vide.xlsx")
    book = load_workbook(tmp_path / "vide.xlsx")
    assert [c.value for c in book["Programme"][1]][:3] == ["Début", "Fin", "Séquence"]
    guide = [str(r[0].value) for r in book["Mode d’emploi"].iter_rows() if r[0].value]
    assert "Programme" in guide
    assert any(line.startswith("Facultative") and "Intervenants" not in line for line in guide)
    fields = [r[0].value for r in book["Atelier"].iter_rows(min_row=2)]
    for label in ("Heure de début", "Adresse de l’événement", "Lien d’inscription"):
        assert label in fields


def test_an_event_without_a_date_is_named_at_its_row(write_book: WriteBook) -> None:
    atelier = [r for r in event_sheets()["atelier"] if r[0] != "Date de l'événement"]
    result = _load(write_book, atelier=atelier)
    (line,) = [p for p in result.problems.warnings if "ni programme" in p.message]
    assert (line.location.row, line.location.column) == (4, "champ")  # the « Événement » row
    assert "Date de l’événement" in line.message and not result.workshop.info.has_event
