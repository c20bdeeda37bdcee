"""Pure parsers for one cell's value, by column kind. Each raises CellError when it can't."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from ieg_reports.workbook.readers.limits import (
    MAX_CELL_CHARS,
    MAX_CODE_CHARS,
    MAX_TITLE_CHARS,
    MAX_WORD_CHARS,
)
from ieg_reports.workbook.readers.raw import ExcelError, Uncalculated
from ieg_reports.workbook.schema import Column, Enumeration, Kind
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
# Columns whose text becomes a heading, a table cell or a file name: kept short.
TITLE_KEYS = frozenset(
    {
        "titre",
        "libelle",
        "nom",
        "prenom",
        "organisation",
        "axe",
        "mot_cle",
        "evaluateur",
        "auteur",
        "source",
        "type",
        "champ",
    }
)
_SEVERAL = re.compile(r"[,;\s]")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(ValueError):
    """A cell value that cannot be read as its column requires."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def check_cell(value: Any, column: Column | None = None) -> None:
    """Refuse what no column can read: Excel errors, uncalculated formulas, oversized text.

    Checked before any parsing, so that the cost of a cell is bounded by its limits.
    """
    if isinstance(value, Uncalculated):
        raise CellError(
            "formule jamais calculée : le fichier a été enregistré sans sa valeur",
            "ouvrez le classeur dans Excel ou LibreOffice, recalculez (F9) et enregistrez",
        )
    code = value.code if isinstance(value, ExcelError) else value
    if isinstance(code, str) and code.strip().upper() in EXCEL_ERRORS:
        raise CellError(
            f"la cellule contient l’erreur Excel {code.strip()}",
            "corrigez la formule de cette cellule ou remplacez-la par sa valeur",
        )
    if isinstance(value, str):
        _check_length(value, column)


def max_chars(column: Column | None) -> int:
    """The longest text a column accepts (codes, names and titles are short)."""
    if column is None:
        return MAX_CELL_CHARS
    if column.kind is Kind.CODE:
        return MAX_CODE_CHARS
    return MAX_TITLE_CHARS if column.key in TITLE_KEYS else MAX_CELL_CHARS


def _check_length(value: str, column: Column | None) -> None:
    limit = max_chars(column)
    if len(value) > limit:
        raise CellError(
            f"texte trop long ({_n(len(value))}\u00a0caractères, {_n(limit)} au plus ici)",
            "raccourcissez ce texte ; un long développement a sa place dans un document joint",
        )
    if column is not None and (column.kind in (Kind.URL, Kind.EMAIL) or column.key == "valeur"):
        return
    longest = max((len(w) for w in value.split()), default=0)
    if longest > MAX_WORD_CHARS:
        raise CellError(
            f"mot de {_n(longest)}\u00a0caractères sans espace ({_n(MAX_WORD_CHARS)} au plus)",
            "ajoutez des espaces, ou mettez un long lien dans la colonne prévue pour les liens",
        )


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


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
            f"«\u00a0{value}\u00a0» n’est pas un nombre", "saisissez une note, par exemple 3 ou 3,5"
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
            f"«\u00a0{as_text(value)[0]}\u00a0» n’est pas un nombre",
            "saisissez une note, par exemple 3 ou 3,5",
        ) from None
    if math.isnan(number) or math.isinf(number):
        raise CellError(
            f"«\u00a0{text}\u00a0» n’est pas un nombre", "saisissez une note, par exemple 3"
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
        f"«\u00a0{as_text(value)[0]}\u00a0» n’est ni oui ni non",
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
            f"«\u00a0{text}\u00a0» n’est pas une date",
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


_TIME = re.compile(r"^(\d{1,2})\s*(?:h|:|\.)\s*(\d{2})?(?:\s*(?:min|mn|m))?(?::\d{2})?$")


def parse_time(value: Any) -> dt.time:
    """A time of day: Excel times, 9h30, 9 h, 09:30, 9:30, 09:30:00."""
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1:
        minutes = round(value * 24 * 60)  # an Excel time is a fraction of a day
        return dt.time(minutes // 60 % 24, minutes % 60)
    text = as_text(value)[0]
    if re.fullmatch(r"0[.,]\d+", text):  # an Excel time shown as a number (0,395833)
        return parse_time(float(text.replace(",", ".")))
    match = _TIME.match(strip_accents(text).lower().replace(" ", ""))
    if match and int(match[1]) < 24 and int(match[2] or 0) < 60:
        return dt.time(int(match[1]), int(match[2] or 0))
    raise CellError(
        f"«\u00a0{text}\u00a0» n’est pas une heure",
        "écrivez l’heure sous la forme 9h30 ou 09:30",
    )


def parse_people(value: Any) -> tuple[str, ...]:
    """Several people in one cell, separated by `;` or line breaks (commas stay in names)."""
    return tuple(item.strip() for item in re.split(r"[;\n]", as_text(value)[0]) if item.strip())


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
                f"«\u00a0{text}\u00a0» n’est pas une année",
                "écrivez l’année sur quatre chiffres, par exemple 2017",
            ) from None
    return int(match[1])


def parse_enum(value: Any, enum: Enumeration) -> str:
    """The key of the enumeration value the cell names."""
    text = as_text(value)[0]
    choice = enum.match(text)
    if choice is None:
        allowed = ", ".join(enum.labels())
        raise CellError(
            f"«\u00a0{text}\u00a0» n’est pas une valeur permise", f"valeurs permises : {allowed}"
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
        raise CellError(f"«\u00a0{text}\u00a0» n’est pas une adresse e-mail valide", hint) from None
    return text
