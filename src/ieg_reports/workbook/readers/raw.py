"""Raw tables as read from a file, before any interpretation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ieg_reports.problems import Problem


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

    `frame` holds every cell as read (object dtype, missing as None), indexed by the row
    number Excel shows, columns numbered from 0. The header is still a row of it.
    """

    name: str
    file: str
    frame: pd.DataFrame


@dataclass(frozen=True)
class RawWorkbook:
    """Every sheet of one workbook."""

    path: Path
    sheets: tuple[RawSheet, ...]
    # What reading noticed without failing (an encoding guessed, the file open in Excel).
    problems: tuple[Problem, ...] = ()


def frame_from_rows(rows: list[list[object]], first_row: int = 1) -> pd.DataFrame:
    """A DataFrame of cells from a list of rows, indexed by Excel row numbers."""
    width = max((len(r) for r in rows), default=0)
    padded = [list(r) + [None] * (width - len(r)) for r in rows]
    frame = pd.DataFrame(padded, dtype=object)
    frame.index = pd.RangeIndex(first_row, first_row + len(padded))
    return frame
