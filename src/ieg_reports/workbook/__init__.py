"""Stage 1, the workbook: read (xlsx, ods, CSV folder), normalise, validate → model + problems.

`load_workbook` is the stage's one entry point; pandas never leaves this package.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ieg_reports.problems import Problem, Problems

if TYPE_CHECKING:  # a no-op build names the workbook's folder without loading the model
    from ieg_reports.config import Config
    from ieg_reports.model import Workshop
    from ieg_reports.workbook.tables import TableStore

__all__ = ["LoadResult", "load_workbook", "sorted_problems"]


@dataclass(frozen=True)
class LoadResult:
    """A loaded workshop with every problem found on the way."""

    path: Path
    workshop: Workshop
    problems: Problems
    config: Config

    @property
    def ok(self) -> bool:
        """True when documents can be built (no errors)."""
        return not self.problems.has_errors


def load_workbook(
    path: Path, config: Config | None = None, store: TableStore | None = None
) -> LoadResult:
    """Load, normalise and validate a workbook; raise only if it cannot be read at all.

    With a `store`, the sheets unchanged since it was filled are not parsed again.
    """
    from ieg_reports.config import load_config
    from ieg_reports.workbook.normalise import normalise
    from ieg_reports.workbook.readers import load_raw
    from ieg_reports.workbook.validate import validate

    config = config if config is not None else load_config(path)
    raw = load_raw(path)
    workshop, problems = validate(normalise(raw, store), config)
    return LoadResult(path, workshop, problems, config)


def sorted_problems(items: list[Problem]) -> list[Problem]:
    """Problems in reading order: sheet by sheet as in the contract, then by row."""
    from ieg_reports.workbook.schema import sheet_rank

    return sorted(items, key=lambda p: (sheet_rank(p.location.sheet), p.location.row or 0))
