"""The library API: what the CLI, the scripts and the tests call."""

from __future__ import annotations

from ieg_reports.resources import sample_workbook
from ieg_reports.workbook import LoadResult, load_workbook

__all__ = ["SAMPLE_WORKBOOK", "LoadResult", "load_workshop"]

SAMPLE_WORKBOOK = sample_workbook()

# The workbook stage's entry point, under the name the API has always used.
load_workshop = load_workbook
