"""French hyphenation shared by both writers: where a word may be cut at a line's end.

A typographer never leaves fewer than three letters on either side of a cut (« exhaustivi-
/té » reads as a stray syllable), never cuts a word in capitals (IEG), a number, a link,
or the last word of a paragraph (its last line would hold a word's tail alone). The PDF
writer hands `pairs` to reportlab; the Word writer writes the cuts as soft hyphens, since
neither Word nor LibreOffice reads a minimum length of a cut from a .docx.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

SOFT_HYPHEN = "\u00ad"
LEAST = 3  # letters kept on each side of a cut
LANGUAGE = "fr_FR"

# A word pyphen may cut: letters only (apostrophes and hyphens split it into parts).
_WORD = re.compile(r"[^\W\d_]+")
_LAST_WORD = re.compile(r"[^\W\d_]+(?=[^\w]*$)")


@lru_cache(maxsize=1)
def _dictionary() -> object:
    import pyphen

    return pyphen.Pyphen(lang=LANGUAGE, left=LEAST, right=LEAST)


@lru_cache(maxsize=8192)
def positions(word: str) -> tuple[int, ...]:
    """Where `word` (letters only) may be cut, as offsets; none in a word in capitals."""
    if len(word) < 2 * LEAST or word.isupper() or not word.isalpha():
        return ()
    return tuple(_dictionary().positions(word))  # type: ignore[attr-defined]


def pairs(word: str) -> list[tuple[str, str]]:
    """The cuts of `word` as (head, tail), the longest head first (reportlab's hyphenator)."""
    return [(word[:at], word[at:]) for at in reversed(positions(word))]


def hyphenator(last: str = "") -> Callable[[str], list[tuple[str, str]]]:
    """A reportlab hyphenator that never cuts `last` (a paragraph's last word)."""
    if not last:
        return pairs
    return lambda word: [] if word == last else pairs(word)


def last_word(text: str) -> str:
    """The last word of a paragraph's text, its closing punctuation left out."""
    found = _LAST_WORD.search(text)
    return found.group() if found else ""


def soft_hyphens(text: str, stop: int | None = None) -> str:
    """`text` with a soft hyphen at every allowed cut of its words before offset `stop`."""
    end = len(text) if stop is None else stop

    def cut(match: re.Match[str]) -> str:
        word = match.group()
        if match.end() > end:
            return word
        out, previous = [], 0
        for at in positions(word):
            out += [word[previous:at], SOFT_HYPHEN]
            previous = at
        return "".join(out) + word[previous:]

    return _WORD.sub(cut, text)
