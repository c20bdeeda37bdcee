"""« vouliez-vous dire … ? »: the one place that finds the closest known name."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

NBSP = "\u00a0"


def quote_fr(text: object) -> str:
    """French quotes with no-break spaces: « text »."""
    return f"«{NBSP}{text}{NBSP}»"


def closest(
    name: str, names: Iterable[str], cutoff: float = 0.6, key: Callable[[str], str] = str
) -> str | None:
    """The known name closest to `name` (compared through `key`), or None."""
    by_key: dict[str, str] = {}
    for known in names:
        by_key.setdefault(key(known), known)
    found = difflib.get_close_matches(key(name), list(by_key), n=1, cutoff=cutoff)
    return by_key[found[0]] if found else None


def did_you_mean(
    name: str,
    names: Iterable[str],
    cutoff: float = 0.6,
    key: Callable[[str], str] = str,
    prefix: str = "",
) -> str:
    """« vouliez-vous dire « X » ? » when a close name exists, else an empty string."""
    found = closest(name, names, cutoff, key)
    return f"vouliez-vous dire {quote_fr(prefix + found)}{NBSP}?" if found else ""
