"""Which links become clickable: one rule for the workbook checks, templates and writers."""

from __future__ import annotations

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def is_safe_url(url: str) -> bool:
    """True for the only links that become clickable: http, https and mailto."""
    return url.lower().startswith(SAFE_SCHEMES)
