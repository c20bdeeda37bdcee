from pathlib import Path

from conftest import WriteBook
from ieg_reports.api import load_workshop
from ieg_reports.config import Config, Scale


def _cells(result):  # type: ignore[no-untyped-def]
    return {
        (p.location.sheet, p.location.row, p.location.column): p for p in result.problems.errors
    }


def test_broken_workbook_reports_every_fault_at_once(fixtures: Path) -> None:
    result = load_workshop(fixtures / "broken.xlsx")
    found = _cells(result)
    expected = {
        ("atelier", 3, "valeur"): "n’est pas une date",
        ("familles", 3, "code"): "en double",
        ("facteurs", 2, "famille"): "inconnue",
        ("facteurs", 3, "nature"): "valeur permise",
        ("facteurs", 3, "facteur_cle"): "ni oui ni non",
        ("facteurs", 4, "code"): "en double",
        ("mots_cles", 2, "registre"): "valeur permise",
        ("evaluations", 2, "capacite_agir"): "pas un nombre",
        ("evaluations", 3, "capacite_agir"): "hors de l’échelle",
        ("evaluations", 4, "facteur"): "inconnu",
        ("effets", 2, "categorie"): "incompatible",
        ("themes", 2, "parcours"): "est vide",
    }
    for place, words in expected.items():
        assert place in found, place
        assert words in found[place].message
    assert len(found) == len(expected)  # no cascade of follow-up errors
    assert (
        found[("facteurs", 2, "famille")].hint == "vouliez-vous dire «\u00a0Énergie\u00a0»\u00a0?"
    )
    assert found[("facteurs", 2, "famille")].location.file == "broken.xlsx"
    assert found[("facteurs", 2, "famille")].location.header == "Famille"


def test_unsafe_link_is_a_warning(fixtures: Path) -> None:
    warnings = load_workshop(fixtures / "broken.xlsx").problems.warnings
    assert any(w.location.column == "url" and "javascript" in w.message for w in warnings)


def test_key_factors_from_the_column(fixtures: Path) -> None:
    workshop = load_workshop(fixtures / "mini").workshop
    assert [f.code for f in workshop.key_factors] == ["F1", "F3"]
    assert workshop.key_rule == "colonne"


def test_key_factors_from_thresholds_without_the_column(write_book: WriteBook) -> None:
    from fixtures.make_fixtures import MINI

    facteurs = [row[:5] for row in MINI["facteurs"]]
    result = load_workshop(write_book({"facteurs": facteurs}))
    assert [f.code for f in result.workshop.key_factors] == ["F1", "F3"]  # F3: 3.75 / 3.5
    strict = load_workshop(write_book({"facteurs": facteurs}), Config(threshold_capacity=4.0))
    assert [f.code for f in strict.workshop.key_factors] == ["F1"]
    assert strict.workshop.key_rule == "seuils"


def test_ratings_are_aggregated(fixtures: Path) -> None:
    factor = load_workshop(fixtures / "mini").workshop.factors[0]
    assert factor.rating is not None
    assert (factor.rating.count, factor.rating.capacity, factor.rating.criticality) == (
        2,
        4.5,
        4.25,
    )
    assert (factor.rating.capacity_min, factor.rating.capacity_max) == (4.0, 5.0)


def test_flag_and_scores_disagreeing_are_warnings(write_book: WriteBook) -> None:
    facteurs = [
        ["Code", "Libellé", "Famille", "Facteur clé"],
        ["F1", "Solaire", "A", "non"],
        ["F2", "Blockchain", "A", "oui"],
        ["F3", "Télétravail", "B", "oui"],
        ["F4", "M", "B", "oui"],
    ]
    result = load_workshop(write_book({"facteurs": facteurs}))
    messages = {
        p.location.row: p.message
        for p in result.problems.warnings
        if p.location.sheet == "facteurs"
    }
    assert "notes sont élevées" in messages[2]
    assert 3 not in messages  # F2: capacity 2 but criticality 3, not low on both criteria
    assert "notes basses" in messages[5]


def test_scale_from_config(write_book: WriteBook) -> None:
    result = load_workshop(write_book({}), Config(scale=Scale(1, 4)))
    assert any("hors de l’échelle 1 à 4" in p.message for p in result.problems.errors)


def test_family_by_name_and_references_resolved(fixtures: Path) -> None:
    workshop = load_workshop(fixtures / "messy-cp1252").workshop
    assert workshop.factors[0].family.code == "A"
    assert workshop.themes[0].factors[0] is workshop.factors[0]
    assert workshop.resources[0].theme is workshop.themes[0]


def test_repeated_keyword_is_merged_with_a_warning(write_book: WriteBook) -> None:
    rows = [
        ["Facteur", "Mot-clé", "Registre"],
        ["F1", "soleil", "définition"],
        ["F1", "Soleils", "risque"],
    ]
    result = load_workshop(write_book({"mots_cles": rows}))
    assert len(result.workshop.keywords) == 1
    assert (
        result.problems.warnings[0].location.row == 3
        and "fusionné" in result.problems.warnings[0].message
    )


def test_near_identical_keywords_share_a_canonical_form(fixtures: Path) -> None:
    workshop = load_workshop(fixtures / "mini").workshop
    forms = {k.text: k.canonical for k in workshop.keywords}
    assert forms["numérique"] == forms["numériques"]


def test_participants_with_unknown_theme_or_no_email_are_warnings(write_book: WriteBook) -> None:
    rows = [
        ["Nom", "E-mail", "Parcours", "Thèmes"],
        ["A", "", "documentaire", "T1"],
        ["B", "b@example.org", "documentaire", "T1, T9"],
    ]
    result = load_workshop(write_book({"participants": rows}))
    assert not result.problems.errors
    messages = {p.location.row: p.message for p in result.problems.warnings}
    assert "sans adresse" in messages[2] and "T9" in messages[3]
    assert [t.code for t in result.workshop.participants[1].themes] == ["T1"]


def test_missing_required_sheet_is_an_error(write_book: WriteBook) -> None:
    result = load_workshop(write_book({"themes": None}))
    assert any(
        p.location.sheet == "Thèmes" and "absente" in p.message for p in result.problems.errors
    )


def test_dangling_theme_factor_is_an_error_with_hint(write_book: WriteBook) -> None:
    rows = [
        ["Code", "Titre", "Axe", "Parcours", "Facteurs"],
        ["T1", "X", "A", "documentaire", "F1; F33"],
    ]
    error = load_workshop(write_book({"themes": rows})).problems.errors[0]
    assert (error.location.row, error.location.column) == (2, "facteurs") and "F33" in error.message


def test_a_line_break_in_a_cell_never_breaks_a_message_line() -> None:
    from ieg_reports.problems import Location, Problems

    problems = Problems()
    problems.error(
        Location("a.xlsx", "Atelier", 3), "« a@b.fr\r\nBcc: x@y.fr » invalide", "un\nseul"
    )
    (line,) = [p.format_fr() for p in problems.items]
    assert line.count("\n") == 1  # the message line, then the hint line
    assert "a@b.fr ↵ Bcc: x@y.fr" in line and "un ↵ seul" in line
