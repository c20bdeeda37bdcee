"""The same workshop as xlsx, ods, a CSV folder, or typed messily, gives one model."""

from pathlib import Path

import pytest

from ieg_reports.api import load_workshop


@pytest.mark.parametrize("name", ["mini.xlsx", "mini.ods", "messy-cp1252", "messy.xlsx"])
def test_same_model_from_every_format(fixtures: Path, name: str) -> None:
    reference = load_workshop(fixtures / "mini")
    other = load_workshop(fixtures / name)
    assert not other.problems.errors
    assert other.workshop == reference.workshop


def test_sample_source_and_xlsx_agree() -> None:
    from conftest import SAMPLE, SAMPLE_SOURCE

    assert load_workshop(SAMPLE).workshop == load_workshop(SAMPLE_SOURCE).workshop
