"""Where the PDF may cut a French word at a line's end, as a typographer allows it.

reportlab asks a hyphenator for the breaks of each word (pyphen's by default, which leave
two letters alone: « ap- / profondis »). Here: at least three letters on each side, and
never in a paragraph's last word (« ren- / contre. » would end the paragraph on a
fragment). A word bound to its neighbour by a no-break space (a date, « n° 4 ») is never
offered to the hyphenator at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import pyphen

LEAST_LETTERS = 3  # letters a cut leaves on each side of it
EDGES = "'\"([{¿‘‚“„«])}?!.,;:’‛”‟»…"  # what reportlab takes off a word before cutting it


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="fr", left=LEAST_LETTERS, right=LEAST_LETTERS)


class Hyphenator:
    """The breaks of a word, outermost first (reportlab's protocol), never in `last`."""

    def __init__(self, last: str = "") -> None:
        self.last = last

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        if word == self.last:
            return iter(())
        return iter(_dictionary().iterate(word))

    def __repr__(self) -> str:  # reportlab lists a style's attributes by their repr
        return f"Hyphenator({self.last!r})"


def last_word(text: str) -> str:
    """The last word of `text` as reportlab offers it to a hyphenator (no punctuation)."""
    words = re.split(r"[ \t\r\n]+", text.strip())
    return words[-1].strip(EDGES) if words else ""
