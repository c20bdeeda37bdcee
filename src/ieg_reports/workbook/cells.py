"""Pure parsers for one cell's value, by column kind. Each raises CellError when it can't."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from ieg_reports.workbook.readers.limits import MAX_CELL_CHARS
from ieg_reports.workbook.readers.raw import ExcelError, Uncalculated
from ieg_reports.workbook.schema import Enumeration
from ieg_reports.workbook.text import (
    MONTHS,
    clean_text,
    fold,
    split_items,
    split_lines,
    strip_accents,
)

_TRUE = frozenset({"oui", "o", "x", "1", "vrai", "yes", "y", "true", "v", "ok"})
_FALSE = frozenset({"non", "n", "0", "faux", "no", "false", "f", "-"})
EXCEL_ERRORS = frozenset(
    {"#NAME?", "#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)
_SEVERAL = re.compile(r"[,;\s]")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(ValueError):
    """A cell value that cannot be read as its column requires."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def check_cell(value: Any) -> None:
    """Refuse what no column can read: Excel errors, uncalculated formulas, oversized text."""
    if isinstance(value, Uncalculated):
        raise CellError(
            "formule jamais calculée : le fichier a été enregistré sans sa valeur",
            "ouvrez le classeur dans Excel ou LibreOffice, recalculez (F9) et enregistrez",
        )
    code = value.code if isinstance(value, ExcelError) else value
    if isinstance(code, str) and code.strip().upper() in EXCEL_ERRORS:
        raise CellError(
            f"la cellule contient l'erreur Excel {code.strip()}",
            "corrigez la formule de cette cellule ou remplacez-la par sa valeur",
        )
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise CellError(
            f"texte trop long ({len(value):,} caractères)".replace(",", "\u00a0"),
            f"une cellule contient au plus {MAX_CELL_CHARS:,} caractères ; ".replace(",", "\u00a0")
            + "raccourcissez-la ou mettez le texte dans un document joint",
        )


def is_blank(value: Any) -> bool:
    """True for a missing cell: None, NaN or text that cleans to nothing."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not clean_text(value)[0]


def as_text(value: Any) -> tuple[str, list[str]]:
    """Any cell as cleaned text (numbers without a useless `.0`, dates in ISO form)."""
    if isinstance(value, bool):
        return ("oui" if value else "non"), []
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), []
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat(), []
    return clean_text(str(value))


def parse_number(value: Any) -> float:
    """A number; accepts the decimal comma and spaces as thousands separators."""
    if isinstance(value, bool):
        raise CellError(
            f"«\u00a0{value}\u00a0» n'est pas un nombre", "saisissez une note, par exemple 3 ou 3,5"
        )
    if isinstance(value, int | float):
        if math.isnan(value) or math.isinf(value):
            raise CellError("valeur numérique invalide", "saisissez une note, par exemple 3 ou 3,5")
        return float(value)
    text = as_text(value)[0].replace(" ", "").replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise CellError(
            f"«\u00a0{as_text(value)[0]}\u00a0» n'est pas un nombre",
            "saisissez une note, par exemple 3 ou 3,5",
        ) from None
    if math.isnan(number) or math.isinf(number):
        raise CellError(
            f"«\u00a0{text}\u00a0» n'est pas un nombre", "saisissez une note, par exemple 3"
        )
    return number


def parse_bool(value: Any) -> bool:
    """oui/non, x/vide, 1/0, vrai/faux, yes/no."""
    if isinstance(value, bool):
        return value
    key = fold(as_text(value)[0])
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError(
        f"«\u00a0{as_text(value)[0]}\u00a0» n'est ni oui ni non",
        "écrivez oui ou non (ou x pour oui, vide pour non)",
    )


def parse_date(value: Any) -> dt.date:
    """Excel dates, 12/07/2017, 2017-07-12, 12 juillet 2017 (weekday allowed)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 < value < 2958466:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = as_text(value)[0]
    parsed = _parse_date_text(strip_accents(text).lower())
    if parsed is None:
        raise CellError(
            f"«\u00a0{text}\u00a0» n'est pas une date",
            "écrivez la date sous la forme 12/07/2017, 12/07/17 ou 12 juillet 2017",
        )
    return parsed


_PLAIN_MONTHS = tuple(strip_accents(m) for m in MONTHS)


def _month(word: str) -> int | None:
    """The month a French name or abbreviation names (« juil. », « sept », « décembre »)."""
    word = word.rstrip(".")
    found = [i for i, m in enumerate(_PLAIN_MONTHS) if len(word) >= 3 and m.startswith(word)]
    return found[0] + 1 if len(found) == 1 else None


def _year(text: str) -> int:
    """A year on four digits, or two (« 17 » is 2017, « 98 » is 1998)."""
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year < 70 else 1900 + year
    return year


def _parse_date_text(text: str) -> dt.date | None:
    """12/07/2017, 12/07/17, 12-07-2017, 12.07.2017, 2017-07-12, (mercredi) 12 juil. 2017."""
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?$", text)
    if match:
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    match = re.match(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$", text)
    if match:
        return _safe_date(_year(match[3]), int(match[2]), int(match[1]))
    match = re.match(r"^(?:[a-z]+\.? )?(\d{1,2})(?:er)? ([a-z]+\.?) (\d{4})$", text)
    month = _month(match[2]) if match else None
    if match and month:
        return _safe_date(int(match[3]), month, int(match[1]))
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_year(value: Any) -> int:
    """A publication year (a full date gives its year)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.year
    text = as_text(value)[0]
    match = re.fullmatch(r"\s*(\d{4})(?:\.0)?\s*", text)
    if not match or not 1500 <= int(match[1]) <= 2200:
        try:
            return parse_date(value).year
        except CellError:
            raise CellError(
                f"«\u00a0{text}\u00a0» n'est pas une année",
                "écrivez l'année sur quatre chiffres, par exemple 2017",
            ) from None
    return int(match[1])


def parse_enum(value: Any, enum: Enumeration) -> str:
    """The key of the enumeration value the cell names."""
    text = as_text(value)[0]
    choice = enum.match(text)
    if choice is None:
        allowed = ", ".join(enum.labels())
        raise CellError(
            f"«\u00a0{text}\u00a0» n'est pas une valeur permise", f"valeurs permises : {allowed}"
        )
    return choice.key


def parse_list(value: Any) -> tuple[str, ...]:
    """Several codes in one cell, separated by `,` `;` or line breaks."""
    return tuple(split_items(as_text(value)[0]))


def parse_lines(value: Any) -> tuple[str, ...]:
    """One item per line."""
    return tuple(split_lines(as_text(value)[0]))


def parse_email(value: Any) -> str:
    """One e-mail address, checked by email-validator without any network access."""
    from email_validator import EmailNotValidError, validate_email

    text = as_text(value)[0].removeprefix("mailto:").strip()
    hint = "écrivez une seule adresse de la forme prenom.nom@exemple.fr"
    if len(text) > 254:
        raise CellError("adresse e-mail trop longue (254 caractères au plus)", hint)
    if text.count("@") > 1 or (_SEVERAL.search(text) and "@" in text):
        raise CellError(f"«\u00a0{text}\u00a0» contient plusieurs adresses ou un séparateur", hint)
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise CellError(f"«\u00a0{text}\u00a0» n'est pas une adresse e-mail valide", hint) from None
    return text
