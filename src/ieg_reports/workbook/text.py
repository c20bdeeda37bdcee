"""Pure text rules: cleaning cell text and folding names for tolerant matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width characters are invisible in Excel but break matching and layout.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
# Direction controls reorder what is shown (« fdp.exe » shown as « exe.pdf »): removed, reported.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
# Characters that end a line in a mail header or a CSV row, besides CR and LF.
LINE_BREAKS = frozenset("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WINDOWS_RESERVED = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{i}" for i in range(1, 10)),
        *(f"lpt{i}" for i in range(1, 10)),
    }
)
# Every kind of no-break or typographic space becomes a plain space in cell text.
SPACES = frozenset("\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u3000\t")
_RUN_OF_SPACES = re.compile(r" {2,}")
# Any character one of the rules below may change (a superset): text without one, already
# NFC, on one trimmed line, is returned as it is (most cells; 2.7 million calls saved at 10×).
_SPECIAL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00a0\u061c\u2000-\u200f\u2028-\u202f"
    "\u205f-\u206f\u3000\ufeff\ufffe\uffff\ud800-\udfff]"
)
_WORD = re.compile(r"[a-z0-9]+")


def is_illegal_char(char: str) -> bool:
    """True for characters a cell may not keep: controls (but line breaks) and surrogates."""
    if char in "\n\t":
        return False
    if char in BIDI_CONTROLS:
        return True
    category = unicodedata.category(char)
    return category in ("Cc", "Cs") or char in ("\ufffe", "\uffff")


def char_name(char: str) -> str:
    """A readable name for a character, for warnings (« U+000B »)."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name.lower()})" if name else "")


def clean_text(value: str) -> tuple[str, list[str]]:
    """Normalise cell text; return it with the illegal characters that were removed.

    Rules: line endings (and U+2028, U+2029) to \\n; NFC; zero-width characters dropped;
    no-break spaces and tabs to spaces; control and direction characters removed (reported);
    each line trimmed with runs of spaces collapsed; blank lines at the ends dropped and
    inner runs kept as one.
    """
    if (
        "\n" not in value
        and "  " not in value
        and not _SPECIAL.search(value)
        and value == value.strip()
        and unicodedata.is_normalized("NFC", value)
    ):
        return value, []
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    removed = sorted({c for c in text if is_illegal_char(c)})
    text = "".join(c for c in text if not is_illegal_char(c) and c not in ZERO_WIDTH)
    text = "".join(" " if c in SPACES else c for c in text)
    text = unicodedata.normalize("NFC", text)
    lines = [_RUN_OF_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _join_lines(lines), [char_name(c) for c in removed]


def _join_lines(lines: list[str]) -> str:
    """Join trimmed lines, keeping at most one blank line between paragraphs."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def strip_accents(text: str) -> str:
    """Remove diacritics (« Évaluateur » → « Evaluateur »), expand œ and æ."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Folding is pure and the same codes and names are folded thousands of times (each reference
# to a factor, each keyword): memoised, a workbook's folds cost once each.
@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Matching key ignoring case, accents, spaces and punctuation."""
    return "".join(_WORD.findall(strip_accents(text).lower()))


def singular(word: str) -> str:
    """Crude French singular, enough for headers and enumerations (signaux → signal)."""
    if word.endswith("eaux"):
        return word[:-1]
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 16)
def fold_plural(text: str) -> str:
    """Like `fold`, also ignoring the plural of each word."""
    return "".join(singular(w) for w in _WORD.findall(strip_accents(text).lower()))


def split_items(text: str) -> list[str]:
    """Split a cell holding several items (`,` `;` or line breaks) into trimmed items."""
    return [item.strip() for item in re.split(r"[,;\n]", text) if item.strip()]


def split_lines(text: str) -> list[str]:
    """Split a cell holding one item per line."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def header_safe(text: str, keep_lines: bool = False) -> str:
    """Text that cannot end a header or a row: no line break, control or direction mark."""
    out = []
    for char in text:
        if char in LINE_BREAKS:
            out.append("\n" if keep_lines and char in "\n\u2028\u2029" else " ")
        elif not is_illegal_char(char) and char not in ZERO_WIDTH:
            out.append(char)
    return _RUN_OF_SPACES.sub(" ", "".join(out)).strip()


@lru_cache(maxsize=8192)  # file names are asked for again by the plan, the drafts, envois.csv
def slug(text: str, limit: int = 60) -> str:
    """ASCII, lower case, hyphens, cut at a word boundary; never empty, a path or a reserved name.

    « le cœur de l'œuvre » → `le-coeur-de-l-oeuvre` (python-slugify transliterates).
    """
    from slugify import slugify

    value = slugify(header_safe(text), max_length=limit, word_boundary=True, save_order=True)
    if not value:
        return "sans-titre"
    return f"x-{value}" if value in WINDOWS_RESERVED else value


@lru_cache(maxsize=8192)
def code_slug(code: str, limit: int = 20) -> str:
    """A code for a file name: ASCII letters, digits and hyphens, case kept (T07)."""
    from slugify import slugify

    value = slugify(header_safe(code), max_length=limit, lowercase=False, word_boundary=True)
    if not value:
        return "x"
    return f"x-{value}" if value.lower() in WINDOWS_RESERVED else value


def decimal(value: float) -> str:
    """A number for a French message: decimal comma, no useless zeros (« 5,5 », « 3 »)."""
    return f"{value:g}".replace(".", ",")
