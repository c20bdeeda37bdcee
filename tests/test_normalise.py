from pathlib import Path

from conftest import WriteBook
from ieg_reports.workbook.normalise import normalise
from ieg_reports.workbook.readers import load_raw


def _norm(path: Path):  # type: ignore[no-untyped-def]
    return normalise(load_raw(path))


def test_headers_match_labels_keys_and_english_names(write_book: WriteBook) -> None:
    path = write_book(
        {
            "factors": [
                ["code", "LABEL", "family", "Nature ", "facteur_cle"],
                ["F1", "Solaire", "A", "macro", "oui"],
            ],
            "facteurs": None,
        }
    )
    table = _norm(path).tables["facteurs"]
    assert set(table.columns) == {"code", "libelle", "famille", "nature", "facteur_cle"}
    assert table.records[0].values["libelle"] == "Solaire"


def test_unknown_column_is_a_warning_with_suggestion(write_book: WriteBook) -> None:
    path = write_book({"familles": [["Code", "Nomm", "Couleur"], ["A", "Énergie", "bleu"]]})
    problems = _norm(path).problems
    hints = {p.location.header: p.hint for p in problems.warnings}
    assert "Nom" in hints["Nomm"] and "vouliez-vous dire" in hints["Nomm"]
    assert "Couleur" in hints
    assert any("colonne obligatoire" in p.message for p in problems.errors)


def test_unknown_sheet_is_a_warning_and_info_sheets_are_silent(write_book: WriteBook) -> None:
    path = write_book({"Brouillon": [["x"], ["y"]], "Mode d’emploi": [["Lisez-moi"]]})
    warnings = _norm(path).problems.warnings
    assert [w.location.sheet for w in warnings] == ["Brouillon"]


def test_empty_rows_and_columns_are_dropped(write_book: WriteBook) -> None:
    path = write_book(
        {
            "familles": [
                ["", "", ""],
                ["Code", "Nom", ""],
                ["", "", ""],
                ["A", "Énergie", ""],
                ["", "", ""],
                ["B", "Travail", ""],
            ]
        }
    )
    table = _norm(path).tables["familles"]
    assert [r.location.row for r in table.records] == [4, 6]


def test_a_table_starting_in_column_b_is_read_as_written(write_book: WriteBook) -> None:
    path = write_book({"familles": [["", "", ""], ["", "Code", "Nom"], ["", "A", "Énergie"]]})
    norm = _norm(path)
    assert [r.values for r in norm.tables["familles"].records] == [{"code": "A", "nom": "Énergie"}]
    assert not norm.problems.errors


def test_duplicate_columns_are_errors(write_book: WriteBook) -> None:
    path = write_book({"familles": [["Code", "Nom", "Name"], ["A", "Énergie", "Energy"]]})
    errors = _norm(path).problems.errors
    assert errors[0].location.header == "Name" and "en double" in errors[0].message


def test_control_characters_are_warnings_naming_the_cell(write_book: WriteBook) -> None:
    path = write_book({"familles": [["Code", "Nom"], ["A", "Éner\x0bgie"], ["B", "Travail"]]})
    norm = _norm(path)
    warning = norm.problems.warnings[0]
    assert (warning.location.row, warning.location.column) == (2, "nom")
    assert "U+000B" in warning.message
    assert norm.tables["familles"].records[0].values["nom"] == "Énergie"


def test_required_value_missing(write_book: WriteBook) -> None:
    path = write_book({"familles": [["Code", "Nom"], ["A", ""], ["B", "Travail"]]})
    error = _norm(path).problems.errors[0]
    assert (error.location.row, error.location.column, error.location.header) == (2, "nom", "Nom")


def test_atelier_fields(write_book: WriteBook) -> None:
    path = write_book(
        {
            "atelier": [
                ["Champ", "Valeur"],
                ["Intitulé", "Test"],
                ["date", "1er août 2017"],
                ["Couleur", "rouge"],
            ]
        }
    )
    norm = _norm(path)
    assert norm.fields["titre"][0] == "Test"
    assert str(norm.fields["date"][0]) == "2017-08-01"
    assert norm.problems.warnings[0].location.row == 4


def test_column_messages_name_columns_as_the_contract_labels_them(write_book) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports.api import load_workshop

    rows = [["Facteur", "Evaluateur", "capacty", "Criticité"], ["F1", "A", "4", "4"]]
    problems = load_workshop(write_book({"evaluations": rows})).problems.items
    text = "\n".join(p.format_fr() for p in problems)
    assert "colonne obligatoire «\u00a0Capacité d’agir\u00a0» absente" in text
    assert "vouliez-vous dire «\u00a0Capacité d’agir\u00a0»\u00a0?" in text
    assert "capacite_agir" not in text
