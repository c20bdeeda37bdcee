"""Stage 2a, normalise: raw tables into clean records keyed by the contract's columns.

Sheets and headers are matched tolerantly, every cell is parsed by its column's kind, and
every problem is recorded with its place; nothing stops at the first fault.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ieg_reports.problems import Location, Problems
from ieg_reports.suggest import closest, did_you_mean, quote_fr
from ieg_reports.workbook import cells
from ieg_reports.workbook.readers.raw import RawSheet, RawWorkbook, Row
from ieg_reports.workbook.schema import ATELIER_FIELDS, INFO_SHEETS, SHEETS, Column, Kind, Sheet
from ieg_reports.workbook.text import fold_plural

if TYPE_CHECKING:
    from ieg_reports.workbook.tables import TableStore


@dataclass(frozen=True)
class Record:
    """One data row: its place, its parsed values by column key, the headers as written."""

    location: Location
    values: dict[str, Any]
    headers: dict[str, str]
    failed: set[str] = field(default_factory=set)

    def at(self, key: str) -> Location:
        """The location of one cell of this row."""
        return self.location.at(key, self.headers.get(key))

    def get(self, key: str) -> Any:
        """The parsed value of a column, or None."""
        return self.values.get(key)


@dataclass
class Table:
    """The records of one sheet of the contract."""

    sheet: Sheet
    name: str
    file: str
    records: list[Record] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    # The key of the cells it was parsed from, when it went through a store (tables.py).
    key: str = ""

    def where(self) -> Location:
        """The location of the sheet itself."""
        return Location(self.file, self.name)


@dataclass
class Normalised:
    """Every known sheet's table, the atelier fields, and the problems met."""

    file: str
    tables: dict[str, Table]
    fields: dict[str, tuple[Any, Location]]
    problems: Problems
    failed_fields: set[str] = field(default_factory=set)


def _match(name: str, candidates: dict[str, tuple[str, ...]]) -> str | None:
    key = fold_plural(name)
    for target, names in candidates.items():
        if key in {fold_plural(n) for n in names}:
            return target
    return None


def _suggest(name: str, names: list[str]) -> str:
    """« vouliez-vous dire « Libellé » ? » when a close name exists."""
    return did_you_mean(name, names, 0.6, key=fold_plural)


def _suggest_column(name: str, sheet: Sheet) -> str:
    """« vouliez-vous dire « Libellé » ? », naming the column as the contract labels it."""
    labels = {n: c.label for c in sheet.columns for n in (c.label, c.key, *c.aliases)}
    found = closest(name, labels, 0.6, key=fold_plural)
    return f"vouliez-vous dire {quote_fr(labels[found])}\u00a0?" if found else ""


def normalise(raw: RawWorkbook, store: TableStore | None = None) -> Normalised:
    """Match sheets and columns, parse every cell; collect every problem.

    With a `store`, a sheet whose cells are exactly those of a stored table is not parsed
    again: its table and its problems come from the store (see `tables.py`).
    """
    problems = Problems(list(raw.problems))
    tables: dict[str, Table] = {}
    candidates = {s.key: s.names() for s in SHEETS}
    for raw_sheet in raw.sheets:
        key = _match(raw_sheet.name, candidates)
        if key is None:
            _unknown_sheet(raw_sheet, problems)
        elif key in tables:
            problems.warning(
                Location(raw_sheet.file, raw_sheet.name),
                f"deuxième feuille «\u00a0{tables[key].sheet.label}\u00a0», ignorée",
                f"les données sont lues dans la feuille «\u00a0{tables[key].name}\u00a0»",
            )
        else:
            sheet = SHEETS[[s.key for s in SHEETS].index(key)]
            tables[key] = _stored_table(raw_sheet, sheet, problems, store)
    file = raw.path.name
    failed: set[str] = set()
    fields = _stored_fields(tables.get("atelier"), problems, failed, store)
    return Normalised(file, tables, fields, problems, failed)


def _stored_table(
    raw_sheet: RawSheet, sheet: Sheet, problems: Problems, store: TableStore | None
) -> Table:
    """The sheet's table, from the store when its cells are unchanged, else parsed (and kept)."""
    if store is None:
        return _table(raw_sheet, sheet, problems)
    from ieg_reports.workbook.tables import store_table, stored_table, table_key

    key = table_key(raw_sheet, sheet)
    found = stored_table(store, key, raw_sheet, sheet)
    if found is None:
        own = Problems()
        found = _table(raw_sheet, sheet, own), own.items
        store_table(store, key, *found)
    problems.items.extend(found[1])
    found[0].key = key
    return found[0]


def _stored_fields(
    table: Table | None, problems: Problems, failed: set[str], store: TableStore | None
) -> dict[str, tuple[Any, Location]]:
    """The atelier fields, from the store when the atelier sheet is unchanged, else parsed.

    Stored too because reading the contact's e-mail loads email-validator, whose regular
    expressions cost more to compile than the whole of an unchanged workbook to load.
    """
    if store is None or table is None or not table.key:
        return _fields(table, problems, failed)
    from ieg_reports.workbook.tables import store_fields, stored_fields

    found = stored_fields(store, table.key)
    if found is None:
        own = Problems()
        found = _fields(table, own, failed), set(failed), own.items
        store_fields(store, table.key, *found)
    fields, failures, items = found
    failed.update(failures)
    problems.items.extend(items)
    return fields


def _unknown_sheet(raw_sheet: RawSheet, problems: Problems) -> None:
    if _match(raw_sheet.name, {"info": INFO_SHEETS}):
        return
    hint = _suggest(raw_sheet.name, [s.label for s in SHEETS]) or (
        "feuilles attendues : " + ", ".join(s.label for s in SHEETS)
    )
    problems.warning(Location(raw_sheet.file, raw_sheet.name), "feuille inconnue, ignorée", hint)


def _trimmed(rows: tuple[Row, ...]) -> tuple[list[int], list[int]]:
    """The row numbers (as Excel shows them) and column positions that hold something.

    The fully empty rows and columns Excel leaves around the data are dropped; column
    positions stay those of the sheet, so a table starting in column B is read as written.
    """
    kept_rows: list[int] = []
    kept_columns: set[int] = set()
    for number, row in enumerate(rows, start=1):
        filled = [i for i, value in enumerate(row) if not cells.is_blank(value)]
        if filled:
            kept_rows.append(number)
            kept_columns.update(filled)
    return kept_rows, sorted(kept_columns)


def _table(raw_sheet: RawSheet, sheet: Sheet, problems: Problems) -> Table:
    table = Table(sheet, raw_sheet.name, raw_sheet.file)
    numbers, columns = _trimmed(raw_sheet.rows)
    if not numbers:
        return table
    header = raw_sheet.rows[numbers[0] - 1]
    mapping = _header_map([(i, header[i]) for i in columns], table, numbers[0], problems)
    for number in numbers[1:]:
        record = _record(raw_sheet.rows[number - 1], mapping, table, number, problems)
        if record is not None:
            table.records.append(record)
    return table


def _header_map(
    header: list[tuple[int, object]], table: Table, row: int, problems: Problems
) -> dict[int, Column]:
    """Map column positions to contract columns; warn on unknown ones."""
    sheet = table.sheet
    candidates = {c.key: c.names() for c in sheet.columns}
    mapping: dict[int, Column] = {}
    where = Location(table.file, table.name, row)
    for position, cell in header:
        if cells.is_blank(cell):
            continue
        text = cells.as_text(cell)[0]
        key = _match(text, candidates)
        if key is None:
            hint = _suggest_column(text, sheet)
            problems.warning(
                where.at(None, text),
                "colonne inconnue, ignorée",
                hint or "colonnes attendues : " + ", ".join(c.label for c in sheet.columns),
            )
        elif key in table.columns:
            problems.error(
                where.at(key, text),
                f"colonne en double (déjà «\u00a0{table.columns[key]}\u00a0»)",
                "supprimez ou renommez l’une des deux colonnes",
            )
        else:
            mapping[position] = sheet.column(key)
            table.columns[key] = text
    for column in sheet.columns:
        if column.required and column.key not in table.columns:
            problems.error(
                where,
                f"colonne obligatoire «\u00a0{column.label}\u00a0» absente",
                f"ajoutez une colonne «\u00a0{column.label}\u00a0» à la ligne d’en-tête",
            )
    return mapping


def _record(
    row: Row, mapping: dict[int, Column], table: Table, number: int, problems: Problems
) -> Record | None:
    """Parse one row; None when it holds nothing the contract knows."""
    location = Location(table.file, table.name, number)
    headers = {c.key: table.columns[c.key] for c in mapping.values()}
    record = Record(location, {}, headers)
    for position, column in mapping.items():
        value = row[position] if position < len(row) else None
        if not cells.is_blank(value):
            _cell(value, column, record, problems)
    if not record.values and not record.failed:
        return None
    for column in mapping.values():
        if (
            column.needs_value
            and column.key not in record.values
            and column.key not in record.failed
        ):
            problems.error(
                record.at(column.key),
                f"«\u00a0{column.label}\u00a0» est vide",
                f"renseignez «\u00a0{column.label}\u00a0» ou supprimez la ligne",
            )
    return record


def _cell(value: Any, column: Column, record: Record, problems: Problems) -> None:
    """Parse one cell into `record.values`, reporting what it can't read."""
    try:
        cells.check_cell(value, column)  # first: bounds the cost of everything after
    except cells.CellError as exc:
        record.failed.add(column.key)
        problems.error(record.at(column.key), exc.message, exc.hint)
        return
    removed = cells.as_text(value)[1]
    if removed:
        problems.warning(
            record.at(column.key),
            "caractères de contrôle supprimés : " + ", ".join(removed),
            "ces caractères invisibles viennent souvent d’un copier-coller ou d’un export",
        )
    try:
        record.values[column.key] = parse_value(value, column.kind, column)
    except cells.CellError as exc:
        record.failed.add(column.key)
        problems.error(record.at(column.key), exc.message, exc.hint)


# One parser per kind of cell; text is the default, enumerations need their column.
_PARSERS: dict[Kind, Callable[[Any], Any]] = {
    Kind.NUMBER: cells.parse_number,
    Kind.BOOL: cells.parse_bool,
    Kind.DATE: cells.parse_date,
    Kind.YEAR: cells.parse_year,
    Kind.TIME: cells.parse_time,
    Kind.PEOPLE: cells.parse_people,
    Kind.LIST: cells.parse_list,
    Kind.LINES: cells.parse_lines,
    Kind.EMAIL: cells.parse_email,
}


def parse_value(value: Any, kind: Kind, column: Column | None = None) -> Any:
    """Parse a non-blank cell by kind."""
    if kind is Kind.ENUM and column is not None and column.enum is not None:
        return cells.parse_enum(value, column.enum)
    parser = _PARSERS.get(kind)
    return parser(value) if parser is not None else cells.as_text(value)[0]


def _fields(
    table: Table | None, problems: Problems, failed: set[str]
) -> dict[str, tuple[Any, Location]]:
    """The `atelier` sheet's champ/valeur rows as fields."""
    fields: dict[str, tuple[Any, Location]] = {}
    if table is None:
        return fields
    candidates = {f.key: (f.label, f.key, *f.aliases) for f in ATELIER_FIELDS}
    for record in table.records:
        name, value = record.get("champ"), record.get("valeur")
        if name is None or value is None:
            continue
        key = _match(name, candidates)
        spec = next((f for f in ATELIER_FIELDS if f.key == key), None)
        if spec is None:
            problems.warning(
                record.at("champ"),
                f"champ «\u00a0{name}\u00a0» inconnu, ignoré",
                _suggest(name, [f.label for f in ATELIER_FIELDS])
                or "champs attendus : " + ", ".join(f.label for f in ATELIER_FIELDS),
            )
            continue
        try:
            fields[spec.key] = (parse_value(value, spec.kind), record.at("valeur"))
        except cells.CellError as exc:
            failed.add(spec.key)
            problems.error(record.at("valeur"), f"{spec.label} : {exc.message}", exc.hint)
    return fields
