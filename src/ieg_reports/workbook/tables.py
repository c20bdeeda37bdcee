"""Normalised tables kept between builds, each keyed by the exact cells of its sheet.

Parsing every cell of every sheet is most of what loading a workbook costs; after one edit,
only the edited sheet needs it again. A table is stored with the problems its sheet raised,
so a sheet read from the store reports exactly what a full reading reports. The key hashes
the sheet's name, file and every cell as read, and the source of the code that parses them:
any change to the sheet (or to the parser) is a different key, so a stored table is never
used for cells it was not parsed from. What a store returns is checked field by field; an
entry that is damaged, foreign or of another format is ignored and the sheet parsed again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from ieg_reports.problems import Location, Problem, Severity
from ieg_reports.workbook.normalise import Record, Table
from ieg_reports.workbook.readers.raw import RawSheet
from ieg_reports.workbook.schema import Sheet

FORMAT = "ieg-reports-table"
VERSION = 1


class TableStore(Protocol):
    """Where stored tables are kept (the pipeline keeps them beside its manifest)."""

    def get(self, key: str) -> bytes | None:
        """The stored bytes under `key`, or None."""

    def put(self, key: str, data: bytes) -> None:
        """Store `data` under `key`."""


class _Unstorable(ValueError):
    """A parsed value the store's format does not hold: the table is simply not stored."""


class _Damaged(ValueError):
    """A stored entry that is not what this module writes."""


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The digest of the source that reads and parses sheets (this package and its helpers)."""
    package = Path(__file__).parent
    helpers = [package.parent / "problems.py", package.parent / "suggest.py"]
    files = [*sorted(package.rglob("*.py")), *helpers]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def table_key(raw: RawSheet, sheet: Sheet) -> str:
    """The key of a sheet's table: its contract sheet, name, file and cells, and the code."""
    head = f"{FORMAT}\n{VERSION}\n{code_digest()}\n{sheet.key}\n{raw.name}\n{raw.file}\n"
    # Cells are str, int, float, bool, dates, None or the error markers: reprs are exact.
    return hashlib.sha256(head.encode() + repr(raw.rows).encode()).hexdigest()


def encode_table(key: str, table: Table, problems: list[Problem]) -> bytes:
    """A table and its sheet's problems as stored bytes (raises _Unstorable for odd values)."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "key": key,
        "sheet": table.sheet.key,
        "name": table.name,
        "file": table.file,
        "columns": table.columns,
        "records": [
            [r.location.row, {k: _encode(v) for k, v in r.values.items()}, sorted(r.failed)]
            for r in table.records
        ],
        "problems": [_encode_problem(p) for p in problems],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _Unstorable(value)
        return value
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    for kind, cls in _DATES.items():
        if type(value) is cls:
            return {kind: value.isoformat()}
    raise _Unstorable(type(value).__name__)


_DATES: dict[str, type[dt.date] | type[dt.time]] = {
    "date": dt.date,
    "datetime": dt.datetime,
    "time": dt.time,
}


def _encode_problem(problem: Problem) -> list[Any]:
    return [
        str(problem.severity),
        _encode_location(problem.location),
        problem.message,
        problem.hint,
    ]


def stored_table(
    store: TableStore, key: str, raw: RawSheet, sheet: Sheet
) -> tuple[Table, list[Problem]] | None:
    """The table stored under `key` with its problems; None when absent, damaged or foreign."""
    data = store.get(key)
    if data is None:
        return None
    try:
        return _decode(json.loads(data.decode("utf-8")), key, raw, sheet)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
        return None  # not what this version writes: the sheet is parsed again


def store_table(store: TableStore, key: str, table: Table, problems: list[Problem]) -> None:
    """Keep a freshly parsed table for the next build (unless a value cannot be stored)."""
    with contextlib.suppress(_Unstorable):  # not stored: parsed again next time, only slower
        store.put(key, encode_table(key, table, problems))


def _decode(data: Any, key: str, raw: RawSheet, sheet: Sheet) -> tuple[Table, list[Problem]]:
    header = (data["format"], data["version"], data["key"], data["sheet"])
    same = (data["name"], data["file"]) == (raw.name, raw.file)
    if header != (FORMAT, VERSION, key, sheet.key) or not same:
        raise _Damaged("another table")
    columns = {_text(k): _text(v) for k, v in data["columns"].items()}
    if not set(columns) <= {c.key for c in sheet.columns}:
        raise _Damaged("column")
    table = Table(sheet, raw.name, raw.file, columns=columns)
    for row, values, failed in data["records"]:
        if not (values.keys() <= columns.keys() and set(failed) <= columns.keys()):
            raise _Damaged("value of an absent column")
        location = Location(raw.file, raw.name, _row(row))
        # Most values are text: kept as they are, without a call each.
        decoded = {k: v if type(v) is str else _decode_value(v) for k, v in values.items()}
        table.records.append(Record(location, decoded, dict(columns), set(failed)))
    return table, [_decode_problem(p) for p in data["problems"]]


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _Damaged("text")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _row(value: Any) -> int:
    if type(value) is not int or value < 1:
        raise _Damaged("row")
    return value


def _decode_value(value: Any) -> Any:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, list):
        return tuple(_decode_value(v) for v in value)
    (kind, text), *rest = value.items()
    if rest or kind not in _DATES:
        raise _Damaged("value")
    return _DATES[kind].fromisoformat(_text(text))


def fields_key(table_key: str) -> str:
    """The key of the atelier fields read from the table stored under `table_key`."""
    return hashlib.sha256(f"{FORMAT}-champs\n{VERSION}\n{table_key}".encode()).hexdigest()


Fields = dict[str, tuple[Any, Location]]


def store_fields(
    store: TableStore, table_key: str, fields: Fields, failed: set[str], problems: list[Problem]
) -> None:
    """Keep the atelier fields read from a table, with the problems reading them raised."""
    key = fields_key(table_key)
    data = {
        "format": f"{FORMAT}-champs",
        "version": VERSION,
        "key": key,
        "fields": {k: [_encode(v), _encode_location(at)] for k, (v, at) in fields.items()},
        "failed": sorted(failed),
        "problems": [_encode_problem(p) for p in problems],
    }
    with contextlib.suppress(_Unstorable):
        store.put(key, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def stored_fields(
    store: TableStore, table_key: str
) -> tuple[Fields, set[str], list[Problem]] | None:
    """The atelier fields kept for that table, or None (absent, damaged or foreign)."""
    key = fields_key(table_key)
    data = store.get(key)
    if data is None:
        return None
    try:
        entry = json.loads(data.decode("utf-8"))
        if (entry["format"], entry["version"], entry["key"]) != (f"{FORMAT}-champs", VERSION, key):
            raise _Damaged("other fields")
        fields = {
            _text(k): (_decode_value(v), _decode_location(at))
            for k, (v, at) in entry["fields"].items()
        }
        failed = {_text(k) for k in entry["failed"]}
        return fields, failed, [_decode_problem(p) for p in entry["problems"]]
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
        return None


def _encode_location(where: Location) -> list[Any]:
    return [where.file, where.sheet, where.row, where.column, where.header]


def _decode_location(item: Any) -> Location:
    file, sheet, row, column, header = item
    return Location(
        _text(file),
        _optional_text(sheet),
        None if row is None else _row(row),
        _optional_text(column),
        _optional_text(header),
    )


def _decode_problem(item: Any) -> Problem:
    severity, where, message, hint = item
    return Problem(Severity(severity), _decode_location(where), _text(message), _text(hint))
