"""Which links become clickable: one rule for the workbook checks, templates and writers."""

from __future__ import annotations

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def is_safe_url(url: str) -> bool:
    """True for the only links that become clickable: http, https and mailto."""
    return url.lower().startswith(SAFE_SCHEMES)


# A QR code holds at most 2,331 bytes at the error correction level the writers use (M);
# past a thousand, phones can hardly read it from paper anyway.
QR_MAX_BYTES = 1_000


def qr_possible(url: str | None) -> bool:
    """True when a link can be printed as a QR code: a web page, short enough to scan."""
    if not url or not is_safe_url(url) or url.lower().startswith("mailto:"):
        return False
    return len(url.encode("utf-8")) <= QR_MAX_BYTES
