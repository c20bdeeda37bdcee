"""Natural order of axes and sources: « Axe 2 » before « Axe 10 », first appearance else."""

from __future__ import annotations

import datetime as dt

from ieg_reports.model import Theme, Workshop, WorkshopInfo, axis_number, natural_key

INFO = WorkshopInfo("Atelier", dt.date(2017, 7, 12))


def _axes(*names: str) -> tuple[str, ...]:
    themes = tuple(Theme(f"T{i}", f"Thème {i}", a, "documentaire") for i, a in enumerate(names))
    return Workshop(INFO, (), (), (), (), themes, (), ()).axes


def test_numbered_axes_sort_by_number_ties_by_appearance() -> None:
    assert _axes("Axe 2", "Axe 10", "Axe 1", "Axe 2") == ("Axe 1", "Axe 2", "Axe 10")
    assert _axes("Axe 3 — Clients", "Axe 1 — Marchés") == ("Axe 1 — Marchés", "Axe 3 — Clients")
    assert _axes("Axe 2 bis", "Axe 2") == ("Axe 2 bis", "Axe 2")  # a tie keeps appearance


def test_unnumbered_or_mixed_axes_keep_first_appearance() -> None:
    assert _axes("Demande", "Écosystème") == ("Demande", "Écosystème")
    assert _axes("Industrie 4.0", "Clients") == ("Industrie 4.0", "Clients")
    assert _axes() == ()
    assert _axes("Axe 1") == ("Axe 1",)


def test_axis_number_and_natural_key() -> None:
    assert axis_number("Axe 12 — X") == 12 and axis_number("Clients") is None
    names = ["Étude 10", "Étude 2", "étude 0", "Rapport", "Étude 2b"]
    assert sorted(names, key=natural_key) == [
        "Rapport",
        "étude 0",
        "Étude 2",
        "Étude 2b",
        "Étude 10",
    ]
