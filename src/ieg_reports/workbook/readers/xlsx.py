"""Reading .xlsx workbooks with openpyxl (merged cells, cached formula values)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from ieg_reports.exceptions import UnreadableWorkbookError
from ieg_reports.workbook.readers.raw import RawSheet, RawWorkbook, frame_from_rows


def read_xlsx(path: Path) -> RawWorkbook:
    """Every sheet of an xlsx file; formulas give their cached values."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableWorkbookError(
            f"{path.name} : ce fichier n'est pas un classeur Excel lisible ({exc})."
        ) from exc
    sheets = tuple(RawSheet(ws.title, path.name, frame_from_rows(_values(ws))) for ws in book)
    return RawWorkbook(path, sheets)


def _values(ws: Any) -> list[list[object]]:
    """Cell values with each merged range filled with its top-left value."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for merged in ws.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1] if rows else None
        for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
            for c in range(merged.min_col - 1, merged.max_col):
                if c < len(rows[r]):
                    rows[r][c] = top
    return rows
