"""Stored tables: the same tables and problems as a full reading, never used for other cells."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from conftest import WriteBook
from ieg_reports.workbook import load_workbook, sorted_problems
from ieg_reports.workbook.normalise import Normalised, normalise
from ieg_reports.workbook.readers import load_raw
from ieg_reports.workbook.schema import SHEETS
from ieg_reports.workbook.tables import table_key


class Store:
    """An in-memory store that counts what it was asked."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}
        self.hits = 0
        self.puts = 0

    def get(self, key: str) -> bytes | None:
        found = self.data.get(key)
        self.hits += found is not None
        return found

    def put(self, key: str, data: bytes) -> None:
        self.puts += 1
        self.data[key] = data


def _same(a: Normalised, b: Normalised) -> None:
    assert a.problems.items == b.problems.items
    assert (a.fields, a.failed_fields) == (b.fields, b.failed_fields)
    assert a.tables.keys() == b.tables.keys()
    for key, table in a.tables.items():
        other = b.tables[key]
        assert (table.sheet, table.name, table.file, table.columns) == (
            other.sheet,
            other.name,
            other.file,
            other.columns,
        )
        assert table.records == other.records, key


@pytest.mark.parametrize("name", ["messy.xlsx", "mini.ods", "messy-cp1252", "broken.xlsx"])
def test_a_stored_table_is_exactly_a_fresh_reading(fixtures: Path, name: str) -> None:
    raw = load_raw(fixtures / name)
    store = Store()
    fresh = normalise(raw, store)
    stored = len(fresh.tables) + ("atelier" in fresh.tables)  # the atelier's fields too
    assert store.puts == stored and store.hits == 0
    again = normalise(raw, store)
    assert store.hits == stored and store.puts == stored
    _same(fresh, again)
    _same(fresh, normalise(raw))  # and both are what a reading without a store gives


def test_problems_of_a_stored_sheet_are_still_reported(write_book: WriteBook) -> None:
    path = write_book({"familles": [["Code", "Nom", "Couleur"], ["A", "", "bleu"]]})
    store = Store()
    first = load_workbook(path, store=store)
    second = load_workbook(path, store=store)
    assert store.hits and first.problems.errors and first.problems.warnings
    assert sorted_problems(second.problems.items) == sorted_problems(first.problems.items)
    assert second.workshop == first.workshop


def test_any_edit_of_a_sheet_changes_its_key_and_only_its(write_book: WriteBook) -> None:
    path = write_book({})
    before = {s.name: s for s in load_raw(path).sheets}
    rows = [list(r) for r in before["ressources"].rows]
    rows[1][1] = f"{rows[1][1]} "  # one space more: still a different cell
    edited = dataclasses.replace(before["ressources"], rows=tuple(map(tuple, rows)))
    sheet = next(s for s in SHEETS if s.key == "ressources")
    assert table_key(edited, sheet) != table_key(before["ressources"], sheet)
    renamed = dataclasses.replace(before["ressources"], name="Ressources")
    assert table_key(renamed, sheet) != table_key(before["ressources"], sheet)
    store = Store()
    normalise(load_raw(path), store)
    path.joinpath("ressources.csv").write_text(
        path.joinpath("ressources.csv").read_text("utf-8").replace("https", "http"), "utf-8"
    )
    puts = store.puts
    normalise(load_raw(path), store)
    assert store.puts == puts + 1  # the edited sheet alone is parsed again


def _damaged(entry: bytes) -> list[bytes]:
    data = json.loads(entry)
    variants = [
        entry[: len(entry) // 2],
        b"\xff\xfe garbage",
        b"[]",
        b"null",
        json.dumps({**data, "format": "autre"}).encode(),
        json.dumps({**data, "version": 99}).encode(),
        json.dumps({**data, "key": "0" * 64}).encode(),
        json.dumps({**data, "name": "Autre feuille"}).encode(),
        json.dumps({**data, "columns": {"inconnue": "X"}}).encode(),
        json.dumps({**data, "records": [["x", {}, []]]}).encode(),
        json.dumps({**data, "records": [[2, {"absente": "x"}, []]]}).encode(),
        json.dumps({**data, "records": [[2, {"code": {"heure": "9h"}}, []]]}).encode(),
        json.dumps(
            {**data, "problems": [["grave", ["f", None, None, None, None], "m", ""]]}
        ).encode(),
        json.dumps({**data, "problems": [[1, 2]]}).encode(),
    ]
    return variants


def test_a_damaged_or_foreign_entry_is_ignored_and_the_sheet_parsed(fixtures: Path) -> None:
    raw = load_raw(fixtures / "messy.xlsx")
    store = Store()
    fresh = normalise(raw, store)
    key, entry = next((k, v) for k, v in store.data.items() if b'"ieg-reports-table"' in v)
    for damaged in _damaged(entry):
        store.data[key] = damaged
        _same(normalise(raw, store), fresh)
        assert store.data[key] == entry  # parsed again and stored whole


def test_damaged_atelier_fields_are_read_again(write_book: WriteBook) -> None:
    path = write_book({})
    raw = load_raw(path)
    store = Store()
    fresh = normalise(raw, store)
    assert fresh.fields and any(b"-champs" in v for v in store.data.values())
    key, entry = next((k, v) for k, v in store.data.items() if b"-champs" in v)
    data = json.loads(entry)
    for damaged in (
        entry[:40],
        json.dumps({**data, "key": "1" * 64}).encode(),
        json.dumps(
            {**data, "fields": {"date": [{"jour": "x"}, ["f", None, None, None, None]]}}
        ).encode(),
        json.dumps(
            {**data, "fields": {"date": ["2017-07-12", ["f", None, "x", None, None]]}}
        ).encode(),
        json.dumps({**data, "failed": [3]}).encode(),
    ):
        store.data[key] = damaged
        _same(normalise(raw, store), fresh)
        assert store.data[key] == entry


def test_an_entry_stored_for_another_sheet_is_not_used(fixtures: Path) -> None:
    raw = load_raw(fixtures / "messy.xlsx")
    store = Store()
    fresh = normalise(raw, store)
    entries = list(store.data.values())
    for key in list(store.data):
        store.data[key] = entries[0] if store.data[key] != entries[0] else entries[1]
    _same(normalise(raw, store), fresh)
