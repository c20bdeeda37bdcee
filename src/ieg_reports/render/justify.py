"""When a justified paragraph justifies badly: both writers set it ragged right instead.

A line whose word spaces would widen past twice their width (long names bound by no-break
spaces, a link, few words a line) reads as a river. The PDF writer asks it of each
paragraph as it sets it; the Word writer, which cannot see its lines, sets the paragraph
the same way in the same font and measure, and asks the same question.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as RLParagraph

from ieg_reports.compose.document import Run
from ieg_reports.fonts import SANS
from ieg_reports.render.hyphenation import SOFT_HYPHEN, hyphenator, last_word

STRETCH = 1.0  # extra space a justified gap may take, in spaces (a gap of two spaces)
LEADING = 1.4  # the body's leading, in font sizes (the Word styles' « 1,17 line » of Lato)


def stretched(paragraph: Any) -> bool:
    """True when a wrapped justified paragraph widens a line's gaps (not the last line's)
    past STRETCH spaces."""
    style: ParagraphStyle = paragraph.style
    space = stringWidth(" ", style.fontName, style.fontSize)
    for line in paragraph.blPara.lines[:-1]:
        extra, words = (
            (line.extraSpace, line.wordCount) if paragraph.blPara.kind else (line[0], len(line[1]))
        )
        if words > 1 and extra / (words - 1) > STRETCH * space:
            return True
    return False


# Verdicts by paragraph, measure and size: the PDF writer records those it reaches while
# setting a document, and its Word twin, written next by the same process, reads them.
_VERDICTS: OrderedDict[tuple[tuple[Run, ...], int, float, float], bool] = OrderedDict()
KEEP = 4096


def _key(runs: tuple[Run, ...], width: float, size: float, leading: float) -> Any:
    return (runs, round(width * 2), size, round(leading, 2))


def remember(runs: tuple[Run, ...], width: float, size: float, leading: float, bad: bool) -> None:
    """Record the verdict on a justified paragraph as a writer set it."""
    _VERDICTS[_key(runs, width, size, leading)] = bad
    while len(_VERDICTS) > KEEP:
        _VERDICTS.popitem(last=False)


def justifies_badly(runs: tuple[Run, ...], width: float, size: float) -> bool:
    """True when `runs`, justified in the body font at `size` points on `width` points and
    cut where the writers cut words, would stretch a line past STRETCH."""
    known = _VERDICTS.get(_key(runs, width, size, size * LEADING))
    if known is not None:
        return known
    text = "".join(run.text for run in runs if not run.line_break)
    if stringWidth(text, SANS + "-Bold", size) <= width:
        return False  # one line, even in bold: only a last line, which is never stretched
    style = ParagraphStyle(
        "measure",
        fontName=SANS,
        fontSize=size,
        leading=size * LEADING,
        alignment=TA_JUSTIFY,
        hyphenationLang=hyphenator(last_word(text)),
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
    )
    paragraph = RLParagraph(_markup(runs), style)
    paragraph.wrap(width, 1e6)
    bad = stretched(paragraph)
    remember(runs, width, size, size * LEADING, bad)
    return bad


def _markup(runs: tuple[Run, ...]) -> str:
    """The runs as reportlab markup: only what changes the widths (weight, slant, face)."""
    parts = []
    for run in runs:
        if run.line_break:
            parts.append("<br/>")
            continue
        text = escape(run.text.replace(SOFT_HYPHEN, ""))
        if run.code:
            text = f'<font face="Courier">{text}</font>'
        if run.bold:
            text = f"<b>{text}</b>"
        parts.append(f"<i>{text}</i>" if run.italic else text)
    return "".join(parts)
