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
