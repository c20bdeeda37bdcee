"""French spacing of the messages a user reads."""

from __future__ import annotations

from ieg_reports.problems import Location, Problems, french_spacing

NBSP = "\u00a0"


def test_french_spacing_binds_signs_and_guillemets() -> None:
    text = french_spacing("Date : « 32/13/2017 » ; vérifiez ! Pourquoi ?")
    assert text == f"Date{NBSP}: «{NBSP}32/13/2017{NBSP}»{NBSP}; vérifiez{NBSP}! Pourquoi{NBSP}?"


def test_french_spacing_leaves_paths_links_and_times_alone() -> None:
    text = r"C:\Ateliers\a.xlsx https://example.org/a?b=1 12:30"
    assert french_spacing(text) == text


def test_recorded_problems_carry_french_spacing() -> None:
    problems = Problems()
    problems.error(
        Location("a.xlsx", "Atelier", 3, "B", "Date"),
        "date illisible : « x »",
        "écrivez-la ainsi : 12/07/2017",
    )
    line = problems.items[0].format_fr()
    assert " :" not in line and "« " not in line and " »" not in line
    assert f"illisible{NBSP}: «{NBSP}x{NBSP}»" in line
