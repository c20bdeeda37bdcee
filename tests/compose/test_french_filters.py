"""The filters that fit workbook text into the templates' sentences."""

from __future__ import annotations

import pytest

from ieg_reports.compose.environment import make_environment
from ieg_reports.compose.french import mid_sentence


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Branche professionnelle des IEG", "branche professionnelle des IEG"),
        ("Fédération des entreprises de l’énergie", "fédération des entreprises de l’énergie"),
        ("L’énergie est à la fois une ressource", "l’énergie est à la fois une ressource"),
        ("Assure l’intégration des installations.", "assure l’intégration des installations."),
        ("IEG", "IEG"),  # an acronym
        ("EDF Commerce", "EDF Commerce"),  # opens on an acronym
        ("Paris", "Paris"),  # a single word: a name
        ("Enedis", "Enedis"),
        ("Banque de France", "Banque de France"),  # a capital further on: a proper name
        ("Métropole de Lyon", "Métropole de Lyon"),
        ("branche déjà en minuscule", "branche déjà en minuscule"),
        ("", ""),
    ],
)
def test_mid_sentence_lowers_only_common_noun_descriptions(value: str, expected: str) -> None:
    assert mid_sentence(value) == expected


def test_the_programme_sets_the_sponsor_in_lower_case_mid_sentence() -> None:
    env = make_environment()
    text = env.from_string("par l’atelier ({{ sponsor | mid_sentence }})").render(
        sponsor="Branche professionnelle des IEG"
    )
    assert text == "par l’atelier (branche professionnelle des IEG)"


def test_axis_fr_never_doubles_the_word() -> None:
    from ieg_reports.compose.french import axis_fr

    assert axis_fr("Axe 2") == "Axe 2"
    assert axis_fr("axe des clients") == "axe des clients"
    assert axis_fr("Demande") == "axe «\u00a0Demande\u00a0»"
    assert axis_fr("Axes et réseaux") == "axe «\u00a0Axes et réseaux\u00a0»"


def test_quoted_list_and_time_range() -> None:
    import datetime as dt

    from ieg_reports.compose.french import quoted_list, time_range_fr

    assert (
        quoted_list(["Sens et travail", "IA"])
        == "«\u00a0Sens et travail\u00a0» et «\u00a0IA\u00a0»"
    )
    assert quoted_list([]) == ""
    nine, half = dt.time(9), dt.time(8, 30)
    assert time_range_fr(half, nine) == "8\u00a0h\u00a030\u00a0–\u00a09\u00a0h"
    assert " " not in time_range_fr(half, nine)  # never split across lines
    assert time_range_fr(nine, None) == "9\u00a0h" and time_range_fr(None, nine) == ""


def test_natural_sort_of_sources() -> None:
    from ieg_reports.compose.french import natural_sort

    assert natural_sort(["Étude 6", "Étude 10", "Étude 0"]) == ["Étude 0", "Étude 6", "Étude 10"]


def test_guillemets_inside_a_quoted_name_become_english_quotes() -> None:
    from ieg_reports.compose.french import guillemets, quoted_list

    assert (
        guillemets("Consommateurs (« prosumers »)") == "«\u00a0Consommateurs (“prosumers”)\u00a0»"
    )
    assert quoted_list(["A", "B («b»)"]) == "«\u00a0A\u00a0» et «\u00a0B (“b”)\u00a0»"


def test_large_counts_stay_in_figures_with_their_thousands_apart() -> None:
    from ieg_reports.compose.french import words_fr

    assert words_fr(99) == "quatre-vingt-dix-neuf"
    assert words_fr(400) == "400" and words_fr(1100) == "1\u00a0100"
