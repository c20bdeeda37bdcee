"""The shipped sample workbook is what its CSV source regenerates (scripts/make_sample.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from ieg_reports.api import sample_workbook
from ieg_reports.workbook import load_workbook

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_sample.py"


def test_the_sample_source_regenerates_the_shipped_workshop(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_sample", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules["make_sample"] = script
    spec.loader.exec_module(script)
    rows, notice = script.read_source()
    target = tmp_path / "atelier-2017-07-12.xlsx"
    script.write_workbook(target, rows, notice)
    regenerated = load_workbook(target)
    shipped = load_workbook(sample_workbook())
    assert not regenerated.problems.errors
    rated = [f.code for f in regenerated.workshop.factors if f.rating is not None]
    assert len(rated) == len(regenerated.workshop.factors) == 50  # « Capacité d'agir » matched
    assert regenerated.workshop == shipped.workshop
