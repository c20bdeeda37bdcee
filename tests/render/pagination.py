"""Reading a rendered PDF's pages as a typographer does: how full each is, how each ends."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

# The running header and the page number sit in these bands (fractions of the page height).
# The text area ends 20 mm (0.067) above the page's foot: the footer band stops short of it,
# or a page's last line of text would be taken for the footer and a heading above it for the
# page's end.
HEADER_BAND = 0.085
FOOTER_BAND = 0.055


@dataclass(frozen=True)
class PageEnd:
    """One page: how much of the text area it fills, and its last line of text."""

    number: int
    fill: float
    last_line: str
    last_size: float
    last_bold: bool
    opens_on_figure: bool = False  # its first thing is a picture or a drawing of curves


def pages(path: Path) -> list[PageEnd]:
    """Every page's fill (0–1, text and drawings) and last line above the footer."""
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            top, bottom = page.height * HEADER_BAND, page.height * (1 - FOOTER_BAND)
            chars = [c for c in page.chars if top < c["top"] and c["bottom"] < bottom]
            shapes = [
                s
                for s in (*page.rects, *page.curves, *page.lines, *page.images)
                if top < s["top"] and s["bottom"] < bottom
            ]
            lowest = max([c["bottom"] for c in chars] + [s["bottom"] for s in shapes], default=top)
            fill = (lowest - top) / (bottom - top)
            end = _page_end(number, fill, chars)
            out.append(replace(end, opens_on_figure=_opens_on_figure(page, top, chars)))
    return out


def _opens_on_figure(page: Any, top: float, chars: list[dict[str, Any]]) -> bool:
    """Whether a page's first thing, from the top of its text area, is a figure: a picture
    (Word's charts) or a drawing with curves (the PDF's), above any line of text."""
    # The text area starts a little above the header band (the band holds the header rule).
    figures = [s for s in (*page.images, *page.curves) if top - 12 < s["top"] < top + 40]
    first_text = min((float(c["top"]) for c in chars), default=page.height)
    return bool(figures) and min(float(f["top"]) for f in figures) <= first_text + 2


def _page_end(number: int, fill: float, chars: list[dict[str, object]]) -> PageEnd:
    """The last line of text of a page, with the size and weight of its first character."""
    if not chars:
        return PageEnd(number, fill, "", 0.0, False)
    last_top = max(float(c["top"]) for c in chars)  # type: ignore[arg-type]
    line = sorted(
        (c for c in chars if abs(float(c["top"]) - last_top) < 2),  # type: ignore[arg-type]
        key=lambda c: float(c["x0"]),  # type: ignore[arg-type]
    )
    text = "".join(str(c["text"]) for c in line).strip()
    # A heading is bold throughout; a list item opening on a bold name is not.
    bold = all("Bold" in str(c["fontname"]) for c in line if str(c["text"]).strip())
    return PageEnd(number, fill, text, float(line[0]["size"]), bold)  # type: ignore[arg-type]


def body_size(path: Path) -> float:
    """The size most characters of the document are set in: the body text."""
    import pdfplumber

    sizes: Counter[float] = Counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            sizes.update(round(float(c["size"]), 1) for c in page.chars)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def faults(path: Path, before_figure: float = 2 / 3) -> list[str]:
    """Pages (not the cover, not the last) under a third full, under `before_figure` before a
    page that opens on a figure (it moved on, leaving a hole), or ending on a heading or a
    colon."""
    found = []
    all_pages = pages(path)
    body = body_size(path)
    for page, after in pairwise(all_pages[1:]):  # the cover aside; `after` of the last too
        if page.fill < 1 / 3:
            found.append(f"page {page.number} remplie à {page.fill:.0%}")
        elif page.fill < before_figure and after.opens_on_figure:
            found.append(f"page {page.number} remplie à {page.fill:.0%} avant une figure")
        heading = page.last_size > body + 0.5 or (
            page.last_bold and page.last_size >= body and len(page.last_line) < 90
        )
        if heading or page.last_line.rstrip().endswith(":"):
            found.append(f"page {page.number} finit sur « {page.last_line} »")
    return found
