"""Reading OpenDocument spreadsheets in streaming mode, within documented limits.

`content.xml` is parsed element by element (each row is dropped once read): repeated empty
rows and columns (`number-rows-repeated="1048000"`, common at the end of a sheet) cost
nothing, and values past the limits of `limits.py` are named in a short message. Merged
cells give their top-left value, formulas their last computed value; an error value and
a formula saved without its value are kept as markers, like in .xlsx files.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, iterparse

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
from ieg_reports.workbook.readers.xlsx import DAMAGED, dense, fill_range

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
CELLS = (f"{TABLE}table-cell", f"{TABLE}covered-table-cell")


def read_ods(path: Path) -> RawWorkbook:
    """Every sheet of an .ods file."""
    check_archive(path)
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
            sheets = tuple(_sheets(path, content))
    except UnreadableWorkbookError:
        raise
    except DAMAGED as exc:
        raise unreadable(path, exc) from exc
    return RawWorkbook(path, sheets)


@dataclass
class _Sheet:
    """The sheet being read: its cells so far, merged ranges, cells past the limits."""

    name: str
    cells: dict[int, dict[int, object]] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    beyond: list[str] = field(default_factory=list)
    row: int = 1
    row_values: dict[int, object] = field(default_factory=dict)
    column: int = 1


def _sheets(path: Path, content: IO[bytes]) -> Iterator[RawSheet]:
    stack: list[Element] = []
    sheet: _Sheet | None = None
    for event, element in iterparse(content, events=("start", "end")):
        if event == "start":
            stack.append(element)
            if element.tag == f"{TABLE}table" and sheet is None:
                sheet = _Sheet(element.get(f"{TABLE}name", f"Feuille{len(stack)}"))
            continue
        stack.pop()
        if sheet is None:
            continue
        if element.tag in CELLS:
            _cell(sheet, element)
        elif element.tag == f"{TABLE}table-row":
            _row(sheet, element)
            if stack:
                stack[-1].remove(element)  # a read row holds no memory
        elif element.tag == f"{TABLE}table":
            yield _finish(path, sheet)
            sheet = None
            element.clear()


def _cell(sheet: _Sheet, element: Element) -> None:
    """One cell (or a run of identical ones) of the current row."""
    repeat = int(element.get(f"{TABLE}number-columns-repeated", "1"))
    value = _value(element) if element.tag == CELLS[0] else None
    if value is not None:
        for column in range(sheet.column, sheet.column + min(repeat, MAX_COLUMNS + 1)):
            sheet.row_values[column] = value
        rows = int(element.get(f"{TABLE}number-rows-spanned", "1"))
        columns = int(element.get(f"{TABLE}number-columns-spanned", "1"))
        if rows > 1 or columns > 1:
            merged = (sheet.row, sheet.column, sheet.row + rows - 1, sheet.column + columns - 1)
            sheet.merged.append(merged)
    sheet.column += repeat
    element.clear()


def _row(sheet: _Sheet, element: Element) -> None:
    """The end of a row (or of a run of identical rows): keep its values within the limits."""
    from openpyxl.utils import get_column_letter

    repeat = int(element.get(f"{TABLE}number-rows-repeated", "1"))
    if sheet.row_values:
        for number in range(sheet.row, sheet.row + min(repeat, MAX_ROWS + 1)):
            for column, value in sheet.row_values.items():
                if number > MAX_ROWS or column > MAX_COLUMNS:
                    if len(sheet.beyond) < 6:
                        sheet.beyond.append(f"{get_column_letter(column)}{number}")
                else:
                    sheet.cells.setdefault(number, {})[column] = value
    sheet.row += repeat
    sheet.row_values, sheet.column = {}, 1


def _finish(path: Path, sheet: _Sheet) -> RawSheet:
    if sheet.beyond:
        raise over_limit(path, sheet.name, sheet.beyond)
    for top, left, bottom, right in sheet.merged:
        fill_range(sheet.cells, top, left, bottom, right)
    return RawSheet(sheet.name, path.name, padded(dense(sheet.cells)))


def _value(cell: Element) -> object:
    """A cell's value: number, date, boolean, text; error and uncalculated markers."""
    kind = cell.get(f"{OFFICE}value-type")
    paragraphs = [p for p in cell if p.tag == f"{TEXT}p"]  # not the comments' paragraphs
    text = "\n".join(_text(p) for p in paragraphs) or None
    if cell.get(f"{CALCEXT}value-type") == "error" and text:
        return ExcelError(text)
    if kind in ("float", "percentage", "currency"):
        return float(cell.get(f"{OFFICE}value", "nan"))
    if kind == "date":
        return _date(cell.get(f"{OFFICE}date-value", ""))
    if kind == "boolean":
        return cell.get(f"{OFFICE}boolean-value") == "true"
    if kind is None and cell.get(f"{TABLE}formula") is not None and text is None:
        return Uncalculated()
    return text


def _date(value: str) -> dt.date | dt.datetime | str:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return moment.date() if "T" not in value else moment


def _text(paragraph: Element) -> str:
    """The text of a paragraph: spans and links included, `text:s` and breaks expanded."""
    parts = [paragraph.text or ""]
    for child in paragraph:
        if child.tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c", "1")))
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
