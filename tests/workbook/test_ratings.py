"""Rating summaries: the float spread gives the figures the exact one gives."""

import itertools
import statistics

from ieg_reports.workbook.ratings import spread, summarise


def test_spread_rounds_as_the_exact_standard_deviation() -> None:
    marks = (1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0)
    for size in range(1, 5):
        for values in itertools.combinations_with_replacement(marks, size):
            assert round(spread(list(values)), 6) == round(statistics.pstdev(values), 6), values


def test_summary_of_identical_marks_has_no_spread() -> None:
    summary = summarise([(3.0, 4.0), (3.0, 4.0), (3.0, 4.0)])
    assert (summary.capacity, summary.criticality) == (3.0, 4.0)
    assert summary.capacity_sd == summary.criticality_sd == 0.0
