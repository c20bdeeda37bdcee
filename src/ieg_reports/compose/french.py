"""French typography and wording: plain functions, used as Jinja filters and by the CLI."""

from __future__ import annotations

import datetime as dt
import re

from ieg_reports.workbook.text import MONTHS

NBSP = "\u00a0"
NNBSP = "\u202f"

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def date_fr(value: dt.date | None, weekday: bool = True) -> str:
    """« mercredi 12 juillet 2017 », « 1er août 2017 » (lower case, words)."""
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {MONTHS[value.month - 1]} {value.year}"
    return f"{DAYS[value.weekday()]} {text}" if weekday else text


def time_fr(value: dt.time | None) -> str:
    """« 9 h 30 », « 10 h » (no-break spaces, no leading zero)."""
    if value is None:
        return ""
    minutes = f"{NBSP}{value.minute:02d}" if value.minute else ""
    return f"{value.hour}{NBSP}h{minutes}"


def number_fr(value: float | int, decimals: int | None = None) -> str:
    """2,5 ; 50 000 (no-break space for thousands) ; integers without decimals."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",")


def percent_fr(value: float, decimals: int = 0) -> str:
    """« 20 % » from 0.2."""
    return f"{number_fr(value * 100, decimals)}{NBSP}%"


def plural_fr(count: int, singular: str, plural: str | None = None) -> str:
    """« 0 facteur », « 1 facteur », « 2 facteurs » (0 and 1 take the singular in French)."""
    word = singular if abs(count) < 2 else (plural or _plural(singular))
    return f"{number_fr(count)}{NBSP}{word}"


def _plural(word: str) -> str:
    """French plural of each word of a simple noun phrase (facteur-clé → facteurs-clés)."""

    def one(w: str) -> str:
        if w.endswith(("s", "x", "z")):
            return w
        if w.endswith("al"):
            return w[:-2] + "aux"
        if w.endswith(("eau", "au", "eu")):
            return w + "x"
        return w + "s"

    parts = re.split(r"([ -])", word)
    small = {"de", "d'", "du", "des", "à", "en", "et", "la", "le", "les", " ", "-"}
    return "".join(p if p in small or p.startswith("d'") else one(p) for p in parts)


_BEFORE = re.compile(r"(?<=\S) ([;:!?»])")
_AFTER = re.compile(r"(«) (?=\S)")


def typo_fr(text: str) -> str:
    """French typography: the space before : ; ! ? » and after « becomes a no-break space.

    Only existing spaces change, so data keeps every character it was typed with and URLs
    or times (https://, 12:30) are never touched.
    """
    text = _BEFORE.sub(lambda m: NBSP + m.group(1), text)
    return _AFTER.sub(lambda m: m.group(1) + NBSP, text)


def join_fr(items: list[str], last: str = "et") -> str:
    """« a, b et c »."""
    items = [i for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def ordinal_fr(value: int, feminine: bool = False) -> str:
    """1er (1re), 2e, 3e."""
    if value == 1:
        return "1re" if feminine else "1er"
    return f"{value}e"


def score_fr(value: float | None) -> str:
    """A mean score with one decimal: 3,6 (a dash when missing)."""
    return "—" if value is None else number_fr(value, 1)


FILTERS = {
    "date_fr": date_fr,
    "time_fr": time_fr,
    "number_fr": number_fr,
    "percent_fr": percent_fr,
    "plural_fr": plural_fr,
    "typo_fr": typo_fr,
    "join_fr": join_fr,
    "ordinal_fr": ordinal_fr,
    "score_fr": score_fr,
}
