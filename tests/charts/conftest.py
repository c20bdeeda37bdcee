"""The charts' tests draw with reportlab's shape checking on (builds turn it off for speed)."""

from __future__ import annotations

import pytest
from reportlab import rl_config


@pytest.fixture(autouse=True)
def shape_checking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every attribute of every shape type-checked as it is set, as while writing a chart."""
    import ieg_reports.charts.base  # noqa: F401  # it turns the checks off when first imported

    monkeypatch.setattr(rl_config, "shapeChecking", 1)
