"""Tolerant references between sheets: by code or name, with « vouliez-vous dire » on a miss."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ieg_reports.problems import Location, Problems
from ieg_reports.suggest import did_you_mean, quote_fr
from ieg_reports.workbook.normalise import Record, Table
from ieg_reports.workbook.text import fold, fold_plural

T = TypeVar("T")
q = quote_fr


@dataclass
class Index(Generic[T]):
    """Objects by folded code (and optionally name), for tolerant references."""

    what: str
    feminine: bool = False
    by_key: dict[str, T] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    # Codes of rows that exist but were rejected: their errors are already reported.
    broken: set[str] = field(default_factory=set)

    def add(self, obj: T, *names: str) -> None:
        """Register an object under its code and other names."""
        for name in names:
            self.by_key.setdefault(fold_plural(name), obj)
            self.names.append(name)

    def reject(self, record: Record) -> None:
        """Remember a row left out of the model, so references to it stay quiet."""
        for key in ("code", "nom"):
            if record.get(key):
                self.broken.add(fold_plural(record.get(key)))

    def lookup(self, record: Record, key: str, problems: Problems) -> T | None:
        """The object a record's cell names (None when the cell is empty or unknown)."""
        text = record.get(key)
        return self.resolve(text, record.at(key), problems) if text is not None else None

    def resolve(self, text: str, location: Location, problems: Problems) -> T | None:
        """The object `text` names, or an error with the closest known value."""
        found = self.by_key.get(fold_plural(text))
        if found is None and fold_plural(text) not in self.broken:
            pronoun = "elle" if self.feminine else "il"
            hint = did_you_mean(text, self.names, 0.5) or (
                f"vérifiez le code : {pronoun} doit figurer dans la feuille des {self.what}s"
            )
            unknown = "inconnue" if self.feminine else "inconnu"
            problems.error(location, f"{self.what} {q(text)} {unknown}", hint)
        return found


class UniqueIndex(Index[T]):
    """An index that also keeps its objects once, in order."""

    def by_key_unique(self) -> list[T]:
        """The objects in insertion order, each once."""
        seen: dict[int, T] = {}
        for obj in self.by_key.values():
            seen.setdefault(id(obj), obj)
        return list(seen.values())


def unique_code(record: Record, seen: dict[str, int], problems: Problems) -> str | None:
    """The record's code, or None (and an error) when it repeats an earlier one."""
    code = record.get("code")
    if code is None:
        return None
    first = seen.setdefault(fold(code), record.location.row or 0)
    if first != record.location.row:
        problems.error(
            record.at("code"),
            f"code {q(code)} en double (déjà ligne {first})",
            "donnez à chaque ligne un code unique",
        )
        return None
    return str(code)


def records(table: Table | None) -> list[Record]:
    return table.records if table is not None else []
