"""Reading .xlsx workbooks in streaming mode, within documented limits.

Each sheet's XML is read row by row (openpyxl's read-only parser): empty but formatted
cells far away (a lone format at XFD1048576) cost nothing, and reading stops at the limits
of `limits.py`. Formulas give their cached values; an Excel error value and a formula that
was never calculated are kept as markers, so that validation reports them at their cell.
"""

from __future__ import annotations

import sys
import zipfile
import zlib
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from ieg_reports.exceptions import UnreadableWorkbookError
from ieg_reports.workbook.readers.limits import (
    MAX_COLUMNS,
    MAX_ROWS,
    check_archive,
    over_limit,
    unreadable,
)
from ieg_reports.workbook.readers.raw import (
    ExcelError,
    RawSheet,
    RawWorkbook,
    Uncalculated,
    padded,
)

# What a damaged file raises while being read: a corrupt zip member (zlib), malformed XML
# (ParseError), a missing part (KeyError), values of the wrong shape (ValueError, TypeError).
DAMAGED: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    ParseError,
    EOFError,
    KeyError,
    OSError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
)
try:  # openpyxl parses with lxml when it is installed; its errors have their own base
    from lxml.etree import LxmlError

    DAMAGED += (LxmlError,)
except ImportError:  # pragma: no cover - lxml absent: ElementTree's ParseError is enough
    pass


# openpyxl imports numpy (to accept numpy numbers as cell values) and Pillow (to write
# images) when they are installed; reading needs neither, and they are most of its import.
_NOT_FOR_READING = ("numpy", "PIL")


def import_openpyxl() -> None:
    """Import openpyxl without numpy and Pillow, unless something already imported them.

    A None in sys.modules makes `import numpy` raise ImportError (the import system's own
    way to hide a module); they are visible again as soon as openpyxl is loaded.
    """
    if "openpyxl" in sys.modules:
        return
    hidden = [name for name in _NOT_FOR_READING if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import openpyxl  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


def read_xlsx(path: Path) -> RawWorkbook:
    """Every sheet of an xlsx file; formulas give their cached values."""
    import_openpyxl()
    from openpyxl import load_workbook

    check_archive(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheets = tuple(_sheet(path, ws) for ws in book.worksheets)
        finally:
            book.close()
    except UnreadableWorkbookError:
        raise
    except DAMAGED as exc:
        raise unreadable(path, exc) from exc
    return RawWorkbook(path, sheets)


def _sheet(path: Path, ws: Any) -> RawSheet:
    """One sheet's cells, row by row, stopping at the limits."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["data_type"] == "e" and cell["value"] is not None:
                cell["value"] = ExcelError(str(cell["value"]))
            elif cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = Uncalculated()
            return cell

    book = ws.parent
    rows: dict[int, dict[int, object]] = {}
    beyond: list[str] = []
    with ws._get_source() as source:
        parser = Parser(
            source,
            book.shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        last = 0
        for number, cells in parser.parse():
            if number <= last:  # Excel numbers rows in order, once each: a damaged sheet
                raise unreadable(path, ValueError(f"feuille {ws.title}, ligne {number} répétée"))
            last = number
            _keep(number, cells, rows, beyond)
            if len(beyond) > 5:
                break  # enough to say what is wrong
        merged = parser.merged_cells
    if beyond:
        raise over_limit(path, ws.title, beyond)
    _fill_merged(rows, merged)
    return RawSheet(ws.title, path.name, padded(dense(rows)))


def _keep(
    number: int, cells: list[dict[str, Any]], rows: dict[int, dict[int, object]], beyond: list[str]
) -> None:
    """Store the non-empty cells of one row; note those past the limits."""
    from openpyxl.utils import get_column_letter

    for cell in cells:
        if cell["value"] is None:
            continue  # formatted but empty: Excel keeps these anywhere
        column = int(cell["column"])
        if number > MAX_ROWS or column > MAX_COLUMNS:
            beyond.append(f"{get_column_letter(column)}{number}")
        else:
            rows.setdefault(number, {})[column] = cell["value"]


def _fill_merged(rows: dict[int, dict[int, object]], merged: Any) -> None:
    """Fill each merged range with its top-left value (within the limits)."""
    from openpyxl.worksheet.cell_range import CellRange

    for ranged in getattr(merged, "mergeCell", None) or []:
        area = CellRange(ranged.ref)
        fill_range(rows, area.min_row, area.min_col, area.max_row, area.max_col)


def fill_range(
    rows: dict[int, dict[int, object]], top: int, left: int, bottom: int, right: int
) -> None:
    """Give every cell of a merged range its top-left value (within the limits)."""
    value = rows.get(top, {}).get(left)
    if value is None:
        return
    for r in range(top, min(bottom, MAX_ROWS) + 1):
        for c in range(left, min(right, MAX_COLUMNS) + 1):
            rows.setdefault(r, {})[c] = value


def dense(rows: dict[int, dict[int, object]]) -> list[list[object]]:
    """Rows 1..last as lists, so that row numbers stay those Excel shows."""
    if not rows:
        return []
    width = max(max(cells) for cells in rows.values())
    out: list[list[object]] = []
    for number in range(1, max(rows) + 1):
        cells = rows.get(number, {})
        out.append([cells.get(c) for c in range(1, width + 1)])
    return out


__all__ = ["ExcelError", "Uncalculated", "read_xlsx"]
