"""Raw tables as read from a file, before any interpretation."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ieg_reports.problems import Problem

if TYPE_CHECKING:  # pandas is a view for analysis, never needed to read or check a workbook
    import pandas as pd

Row = tuple[object, ...]


@dataclass(frozen=True)
class ExcelError:
    """A cell holding an Excel error value (#NAME?, #N/A, #REF!, #DIV/0!…)."""

    code: str

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class Uncalculated:
    """A formula cell saved without its value (the file was never recalculated)."""

    def __str__(self) -> str:
        return ""


@dataclass(frozen=True)
class RawSheet:
    """One sheet: its name as written, the file it came from, its cells.

    `rows` holds every cell as read (missing as None), row 1 first so that a row's number is
    the one Excel shows, columns from 0, every row equally wide. The header is still a row.
    """

    name: str
    file: str
    rows: tuple[Row, ...]

    def cell(self, row: int, column: int) -> object:
        """The value at an Excel row number and a column from 0 (None outside the cells)."""
        if not 1 <= row <= len(self.rows) or not 0 <= column < len(self.rows[row - 1]):
            return None
        return self.rows[row - 1][column]

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The cells as a DataFrame indexed by Excel row numbers (for analysis in a notebook)."""
        import pandas as pd

        frame = pd.DataFrame(list(self.rows), dtype=object)
        frame.index = pd.RangeIndex(1, 1 + len(self.rows))
        return frame


@dataclass(frozen=True)
class RawWorkbook:
    """Every sheet of one workbook."""

    path: Path
    sheets: tuple[RawSheet, ...]
    # What reading noticed without failing (an encoding guessed, the file open in Excel).
    problems: tuple[Problem, ...] = ()


def padded(rows: list[list[object]]) -> tuple[Row, ...]:
    """Rows made equally wide (missing cells as None), row 1 first."""
    width = max((len(r) for r in rows), default=0)
    return tuple((*r, *([None] * (width - len(r)))) for r in rows)
