"""French typography and wording: plain functions, used as Jinja filters and by the CLI."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from ieg_reports.model import natural_key
from ieg_reports.workbook.text import MONTHS

NBSP = "\u00a0"
NNBSP = "\u202f"

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


UNITS = [
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
]
TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def words_fr(n: int, feminine: bool = False) -> str:
    """A count in words (« vingt et un », « une »); digits beyond 99."""
    if n < 0 or n > 99:
        return number_fr(n)  # « 1 100 »: thousands set apart, as everywhere else
    if n < 20:
        text = UNITS[n]
    elif n < 70:
        tens, unit = divmod(n, 10)
        text = TENS[tens] + ("" if unit == 0 else " et un" if unit == 1 else f"-{UNITS[unit]}")
    elif n < 80:
        text = "soixante et onze" if n == 71 else f"soixante-{UNITS[n - 60]}"
    else:
        text = "quatre-vingts" if n == 80 else f"quatre-vingt-{UNITS[n - 80]}"
    return text[:-2] + "une" if feminine and text.endswith("un") else text


def plural_words_fr(
    count: int, singular: str, plural: str | None = None, feminine: bool = False
) -> str:
    """« trois ressources », « une ressource »: a count in words, to open a sentence."""
    word = singular if abs(count) < 2 else (plural or _plural(singular))
    return f"{words_fr(count, feminine)} {word}"


def count_fr(count: int, singular: str, plural: str | None = None, feminine: bool = False) -> str:
    """« trois pistes », « une piste », « 12 pistes »: small counts in words, as in prose."""
    if 0 <= count < 10:
        word = singular if count < 2 else (plural or _plural(singular))
        return f"{words_fr(count, feminine)}\u00a0{word}"
    return plural_fr(count, singular, plural)


def capitalize_first(text: str) -> str:
    """The text with its first letter in capitals, the rest untouched."""
    return text[:1].upper() + text[1:]


def _is_acronym(word: str) -> bool:
    """IEG, EDF, QVT, eSport, 4.0: a capital or a digit after the first letter."""
    return any(c.isupper() or c.isdigit() for c in word[1:])


def mid_sentence(text: str) -> str:
    """A description from the workbook, set inside a sentence: its capital lowered.

    Only for fields that describe with a common noun (the commissioning body's description,
    a theme's stakes, an effect's description). The capital stays when the text looks like
    a name: a single word (« Enedis »), a first word that is an acronym (« IEG », « EDF »),
    or a later word with a capital other than an acronym (« Banque de France »).
    « Branche professionnelle des IEG » → « branche professionnelle des IEG ».
    """
    words = text.split()
    if len(words) < 2 or not words[0][:1].isupper() or _is_acronym(words[0].split("’")[-1]):
        return text
    if any(w[:1].isupper() and not _is_acronym(w) for w in words[1:]):
        return text
    return text[:1].lower() + text[1:]


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
    # French convention rounds halves up (2,25 → 2,3), not to even as Python's format does;
    # the shortest repr keeps 2.25 exact rather than its binary neighbour
    if not math.isfinite(value):
        return str(value)
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{exact:,.{decimals}f}"
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


def typo_fr(text: str) -> str:
    """French typography on prose (see compose.typography, which owns the rules)."""
    from ieg_reports.compose.typography import typeset

    return typeset(text)


def join_fr(items: list[str], last: str = "et") -> str:
    """« a, b et c »."""
    items = [i for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


_VOWEL = re.compile(r"^[aeiouyhàâäéèêëîïôöûüœ]", re.I)


def de_fr(phrase: str) -> str:
    """« de » before a noun phrase: du secteur, des entreprises, de la branche, d'EDF."""
    lower = phrase.lower()
    if lower.startswith("le "):
        return "du " + phrase[3:]
    if lower.startswith("les "):
        return "des " + phrase[4:]
    if lower.startswith(("la ", "l'", "l’")):
        return "de " + phrase
    return ("d’" if _VOWEL.match(phrase) else "de ") + phrase


def a_fr(phrase: str) -> str:
    """« à » before a noun phrase: au secteur, aux entreprises, à la branche."""
    lower = phrase.lower()
    if lower.startswith("le "):
        return "au " + phrase[3:]
    if lower.startswith("les "):
        return "aux " + phrase[4:]
    return "à " + phrase


def ordinal_fr(value: int, feminine: bool = False) -> str:
    """1er (1re), 2e, 3e."""
    if value == 1:
        return "1re" if feminine else "1er"
    return f"{value}e"


def score_fr(value: float | None) -> str:
    """A mean score with one decimal: 3,6 (a dash when missing)."""
    return "—" if value is None else number_fr(value, 1)


def natural_sort(items: Iterable[str]) -> list[str]:
    """The texts in natural order: « Étude 2 » before « Étude 10 »."""
    return sorted(items, key=natural_key)


def axis_fr(name: str) -> str:
    """« axe « Clients » », or « Axe 2 » as it is when the name already says « axe »."""
    words = name.split()
    if words and words[0].casefold() == "axe":
        return name
    return f"axe «{NBSP}{name}{NBSP}»"


def guillemets(text: str) -> str:
    """« text » with no-break spaces; guillemets inside become “ ” (French nesting)."""
    inner = re.sub(r"«[\s\u00a0\u202f]*", "“", text)
    inner = re.sub(r"[\s\u00a0\u202f]*»", "”", inner)
    return f"«{NBSP}{inner}{NBSP}»"


def quoted_list(items: Iterable[str]) -> str:
    """« a », « b » et « c »: names whose own « et » must not blur the list."""
    return join_fr([guillemets(i) for i in items])


def time_range_fr(start: dt.time | None, end: dt.time | None) -> str:
    """« 8 h 30 – 9 h » with no-break spaces: never split across lines."""
    if start is None:
        return ""
    if end is None:
        return time_fr(start)
    return f"{time_fr(start)}{NBSP}–{NBSP}{time_fr(end)}"


FILTERS = {
    "natural_sort": natural_sort,
    "axis_fr": axis_fr,
    "quoted_list": quoted_list,
    "time_range_fr": time_range_fr,
    "date_fr": date_fr,
    "time_fr": time_fr,
    "number_fr": number_fr,
    "percent_fr": percent_fr,
    "plural_fr": plural_fr,
    "typo_fr": typo_fr,
    "join_fr": join_fr,
    "ordinal_fr": ordinal_fr,
    "de_fr": de_fr,
    "words_fr": words_fr,
    "plural_words_fr": plural_words_fr,
    "capitalize_first": capitalize_first,
    "mid_sentence": mid_sentence,
    "a_fr": a_fr,
    "score_fr": score_fr,
}
