"""Problems found while reading a workbook, each with the place a user can find it."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")


def one_line(text: str) -> str:
    """A message on one line: a cell's line breaks shown as ↵, never breaking the terminal line."""
    return french_spacing(_BREAKS.sub(" ↵ ", text))


# a plain space before : ; ? ! » or after « lets a terminal or a log viewer wrap the sign alone
_BEFORE_SIGN = re.compile(r"(?<=\S) ([:;?!»])")
_AFTER_QUOTE = re.compile(r"« ")


def french_spacing(text: str) -> str:
    """French spacing in a message: a no-break space before : ; ? ! » and after «."""
    return _AFTER_QUOTE.sub("«\u00a0", _BEFORE_SIGN.sub("\u00a0\\1", text))


class Severity(StrEnum):
    """How serious a problem is: errors stop the build, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Location:
    """Where a value lives: file, sheet (as named in the file), Excel row, column."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    header: str | None = None

    def at(self, column: str | None, header: str | None) -> Location:
        """The same row, at another column."""
        return Location(self.file, self.sheet, self.row, column, header)

    def describe(self) -> str:
        """French description: « a.xlsx, feuille « Facteurs », ligne 12, colonne « Code » »."""
        parts = [self.file]
        if self.sheet:
            parts.append(f"feuille «\u00a0{self.sheet}\u00a0»")
        if self.row:
            parts.append(f"ligne {self.row}")
        if self.header or self.column:
            parts.append(f"colonne «\u00a0{self.header or self.column}\u00a0»")
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in the input, with how to fix it."""

    severity: Severity
    location: Location
    message: str
    hint: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `validate --format json`."""
        loc = asdict(self.location)
        return {"severity": str(self.severity), **loc, "message": self.message, "hint": self.hint}

    def format_fr(self) -> str:
        """One French line (and a hint line) for the terminal."""
        text = f"{self.location.describe()}\u00a0: {self.message}"
        return f"{text}\n    → {self.hint}" if self.hint else text


@dataclass
class Problems:
    """The problems of one run, collected so every one is reported at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, location: Location, message: str, hint: str = "") -> None:
        """Record an error (the build will stop)."""
        self.items.append(Problem(Severity.ERROR, location, one_line(message), one_line(hint)))

    def warning(self, location: Location, message: str, hint: str = "") -> None:
        """Record a warning (the build goes on)."""
        self.items.append(Problem(Severity.WARNING, location, one_line(message), one_line(hint)))

    def extend(self, other: Problems) -> None:
        """Append the problems of another collection."""
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        """Only the errors."""
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Only the warnings."""
        return [p for p in self.items if p.severity is Severity.WARNING]

    @property
    def has_errors(self) -> bool:
        """True when at least one error was recorded."""
        return any(p.severity is Severity.ERROR for p in self.items)

    def __len__(self) -> int:
        return len(self.items)
