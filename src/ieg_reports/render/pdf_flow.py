"""Pagination rules of the PDF writer, as a typographer sets them.

Tables split between rows only, with at least two body rows on each side of a break and
their header repeated at the top of the next page only; a heading (or an introducing line)
never ends a page: it moves on unless what it introduces starts under it; a figure keeps
its caption and source line under it, and shrinks a little (to a floor) rather than leave
a half-empty page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, String
from reportlab.platypus import (
    ActionFlowable,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from ieg_reports.render.common import LEAST_LINES
from ieg_reports.render.common import list_ends as common_ends

LEAST_ROWS = 3  # body rows a split table keeps on each side of the break (a total and two)
FIGURE_FLOOR = 0.75  # a figure shrinks to this fraction of its size to fit a page's foot
MIN_PRINT = 7.0  # the smallest text a printed figure may hold, in points
FIRST_LINES = 2.2  # lines of a paragraph that may stand alone at a page's foot (with room)


def rows_to_keep(heights: Sequence[float], available: float, head: int, least: int) -> int:
    """Body rows the first part of a split table holds (0: move the table on whole).

    Rows never split; each part holds at least `least` body rows.
    """
    used, fit = sum(heights[:head]), 0
    for height in heights[head:]:
        if used + height > available:
            break
        used, fit = used + height, fit + 1
    keep = min(fit, len(heights) - head - least)
    return keep if keep >= least else 0


class SplitTable(RLTable):  # type: ignore[misc]
    """A table that splits between rows, never leaving fewer than two body rows alone.

    The rest of a split table starts on a new page, under its repeated header: it never
    splits again in the space left under the first part.
    """

    continued = False

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        frame = getattr(self, "_frame", None)
        at_top = frame is None or bool(frame._atTop)
        if self.continued and not at_top:
            return self._next_page()
        head = self.repeatRows if isinstance(self.repeatRows, int) else 0
        keep = rows_to_keep(self._rowHeights, availHeight, head, LEAST_ROWS)
        if not keep and at_top:
            # A table of few, very tall rows: a lone row is better than no page at all.
            keep = rows_to_keep(self._rowHeights, availHeight, head, 1)
            if not keep:
                return self._split_inside_row(availWidth, availHeight)
        if not keep:
            return self._next_page()
        parts: list[Flowable] = self._splitRows(sum(self._rowHeights[: head + keep]) + 1e-3)
        for part in parts[1:]:
            part.continued = True
        return parts

    def _next_page(self) -> list[Flowable]:
        """The whole table on the next page. Said with a frame break rather than a refusal:
        reportlab takes a flowable refused twice for one too large for any page (and a
        floating figure may take the top of the next page before it)."""
        from reportlab.platypus.doctemplate import FrameBreak

        return [FrameBreak(), self]

    def _split_inside_row(self, width: float, height: float) -> list[Flowable]:
        """A row taller than a page: the one case where a row splits (or the build fails)."""
        self.splitInRow = 1
        parts: list[Flowable] = super().split(width, height)
        for part in parts[1:]:
            part.continued = True
        return parts

    def least_height(self, canvas: Any, width: float) -> float:
        """The height of the smallest first part this table may leave at a page's foot."""
        self.wrapOn(canvas, width, 1e6)
        head = self.repeatRows if isinstance(self.repeatRows, int) else 0
        rows = len(self._rowHeights) - head
        shown = rows if rows < 2 * LEAST_ROWS else LEAST_ROWS
        return float(sum(self._rowHeights[: head + shown]))


class FigureBlock(Flowable):  # type: ignore[misc]
    """A drawing, its caption under it, then its source line: one unbreakable block.

    Where the space left on a page is short, the drawing shrinks down to FIGURE_FLOOR of
    its size rather than move to the next page and leave a hole.
    """

    def __init__(
        self, drawing: Drawing, width: float, height: float, texts: list[RLParagraph]
    ) -> None:
        super().__init__()
        self.drawing, self.texts = drawing, texts
        self.full = min(1.0, width / drawing.width, height / drawing.height)
        self.scale = self.full
        # Never below 7 pt at print size: a chart set in 7 pt does not shrink at all.
        self.floor = max(FIGURE_FLOOR, min(1.0, MIN_PRINT / (smallest_text(drawing) * self.full)))
        self.spaceBefore, self.spaceAfter = 4.0, 4.0
        self.floats = False  # may wait for the next page while the text after it goes on
        self.waiting = False  # is waiting

    def _text_height(self, width: float) -> float:
        return float(
            sum(t.wrap(width, 1e6)[1] + t.getSpaceBefore() + t.getSpaceAfter() for t in self.texts)
        )

    def least_height(self, canvas: Any, width: float) -> float:
        """The height of this block drawn at its floor size."""
        return float(self.drawing.height * self.full * self.floor) + self._text_height(width)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        text = self._text_height(availWidth)
        room = (availHeight - text) / self.drawing.height
        self.scale = min(self.full, max(self.full * self.floor, room))
        self.width = availWidth
        self.height = self.drawing.height * self.scale + text
        return self.width, self.height

    def draw(self) -> None:
        canvas, width = self.canv, self.width
        picture = self.drawing.height * self.scale
        canvas.saveState()
        canvas.translate((width - self.drawing.width * self.scale) / 2, self.height - picture)
        canvas.scale(self.scale, self.scale)
        renderPDF.draw(self.drawing, canvas, 0, 0)
        canvas.restoreState()
        y = self.height - picture
        for text in self.texts:
            y -= text.getSpaceBefore() + text.wrap(width, 1e6)[1]
            text.drawOn(canvas, 0, y)
            y -= text.getSpaceAfter()


def smallest_text(drawing: Drawing) -> float:
    """The size of the smallest text of a drawing (its nested groups included)."""
    sizes, stack = [], list(drawing.contents)
    while stack:
        shape = stack.pop()
        if isinstance(shape, String):
            sizes.append(float(shape.fontSize))
        stack += getattr(shape, "contents", [])
    return min(sizes, default=MIN_PRINT * 2)


def float_figures(flowables: list[Flowable], frame: Any) -> None:
    """Let a floating figure that does not fit in what is left of the page wait behind the
    next flowable; at the top of the next page, it goes first."""
    if frame is None or len(flowables) < 2:
        return
    if frame._atTop and isinstance(flowables[1], FigureBlock) and flowables[1].waiting:
        flowables[0], flowables[1] = flowables[1], flowables[0]
    elif _floats_past(flowables, frame):
        flowables[0].waiting = True
        flowables[0], flowables[1] = flowables[1], flowables[0]


def _floats_past(flowables: list[Flowable], frame: Any) -> bool:
    """True when the first flowable is a floating figure that does not fit in what is left
    of a page already begun, and the next one is text it may let go first."""
    if frame._atTop:
        return False
    figure, after = flowables[0], flowables[1]
    if not isinstance(figure, FigureBlock) or not figure.floats:
        return False
    if isinstance(after, ActionFlowable | FigureBlock | CondPageBreak) or hasattr(after, "outline"):
        return False  # never past a forced break, another figure or a heading of any level
    room = frame._y - frame._y1p - figure.getSpaceBefore()
    return bool(figure.wrap(frame._aW, room)[1] > room)


def least_height(canvas: Any, flowable: Flowable, width: float, line: float) -> float:
    """The least of `flowable` that may stand at the foot of a page, under what introduces it."""
    measure = getattr(flowable, "least_height", None)
    if measure is not None:
        return float(measure(canvas, width))
    if isinstance(flowable, KeepTogether):  # whole (its own wrap asks for a split)
        return sum(block_height(canvas, f, width) for f in flowable._content)
    height = float(flowable.wrapOn(canvas, width, 1e6)[1])
    if isinstance(flowable, ListFlowable | RLTable):
        return min(height, 3 * line)
    return min(height, FIRST_LINES * line)


def list_parts(items: list[Flowable], width: float, height: float, frame: Any) -> list[Flowable]:
    """A list's items as they may flow over a page break: its first and its last items
    bound together (two items, or one of three lines or more), the whole list when these
    meet. When its first part does not fit here, the list starts on the next page (items
    split freely only at the top of a page)."""
    first, last = list_ends(items, width)
    whole = first + last > len(items)
    head = items if whole else items[:first]
    parts: list[Flowable] = [KeepTogether(head)]
    if not whole:
        parts += [*items[first:-last], KeepTogether(items[-last:])]
    need = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head)
    if need - head[-1].getSpaceAfter() <= height:
        from reportlab.platypus.doctemplate import NullActionFlowable

        return [NullActionFlowable(), *parts]  # an action first: reportlab lays it out again
    if frame is None or frame._atTop:
        return items
    from reportlab.platypus.doctemplate import FrameBreak

    return [FrameBreak(), *parts]


def list_ends(items: Sequence[Flowable], width: float) -> tuple[int, int]:
    """How many items the first and the last part of a split list hold at least: two
    one- or two-line items, or a single item of three lines or more."""
    return common_ends([item_lines(item, width) for item in items])


def item_lines(item: Flowable, width: float) -> int:
    """The lines of a list item's text (LEAST_LINES for an item that is not one paragraph)."""
    item.wrap(width, 1e6)
    lines = getattr(getattr(getattr(item, "_flowable", item), "blPara", None), "lines", None)
    return LEAST_LINES if lines is None else len(lines)


def block_height(canvas: Any, flowable: Flowable, width: float) -> float:
    """A flowable's height with the space around it."""
    height = float(flowable.wrapOn(canvas, width, 1e6)[1])
    return height + float(flowable.getSpaceBefore()) + float(flowable.getSpaceAfter())


class RoomFor(CondPageBreak):  # type: ignore[misc]
    """A page break unless the headings, the lines under them and the first part of what
    they introduce fit in the space left (measured when laid out, not guessed).

    With `most` set (a third of a page), a group whose text can break early needs only its
    headings and the first lines of its text when it is taller than that, or when moving
    it whole would leave more than a ninth of a page empty: the text then splits as usual
    rather than leave a hole. `least` is the room a section's title asks for; `then` is
    the group of a deeper heading right under this one's text, which must start here too.
    """

    def __init__(
        self,
        heads: list[Flowable],
        texts: list[Flowable],
        lead: Flowable | None,
        most: float | None = None,
        least: float = 0.0,
    ) -> None:
        super().__init__(0)
        self.heads, self._texts, self.lead = heads, texts, lead
        self._most, self._least = most, least
        self.then: RoomFor | None = None
        self.last: Flowable | None = None  # the last flowable of its group

    def ends_at(self, story: list[Flowable]) -> bool:
        """True when `story` ends with this group."""
        return bool(story) and story[-1] is self.last

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.height = max(self._least, self.need(availWidth, availHeight))
        return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]

    def need(self, width: float, room: float = float("inf")) -> float:
        """The height that must fit under the break for the group to stay on this page
        (`room`: the space left on the page)."""
        canvas = self.canv
        heads = sum(block_height(canvas, f, width) for f in self.heads)
        texts = sum(block_height(canvas, f, width) for f in self._texts)
        line = _line(self._texts or self.heads)
        lead = least_height(canvas, self.lead, width, line) if self.lead else 0.0
        full = heads + texts + lead
        if self.then is not None:
            self.then.canv = canvas
            full += self.then.need(width, room - full)
        if self._most is None or not self._texts or full <= min(self._most, room):
            return full
        if full <= self._most and room <= self._most / 3:
            return full  # moved whole, it leaves only a small blank
        first = self._texts[0]
        start = least_height(canvas, first, width, line) + float(first.getSpaceBefore())
        # A text that cannot break before its end goes whole, with what it introduces.
        return full if texts - start < FIRST_LINES * line else heads + start


def _line(flowables: list[Flowable]) -> float:
    """The leading of the last paragraph of `flowables` (12 pt when none)."""
    for flowable in reversed(flowables):
        style = getattr(flowable, "style", None)
        if style is not None:
            return float(style.leading)
    return 12.0


class NewPage(CondPageBreak):  # type: ignore[misc]
    """A page break, unless the page holds less than a third of a page (a page break
    there would leave a near-empty page: what follows goes on under it)."""

    def __init__(self) -> None:
        super().__init__(0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        frame = self._doctemplateAttr("frame")
        full = availHeight
        if frame:
            full = frame._y1 + frame._height - frame._topPadding - frame._y1p
        self.height = availHeight + 1 if full - availHeight >= full / 3 else 0
        return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]


def without_breaks(flowables: list[Flowable]) -> list[Flowable]:
    """`flowables` without their conditional page breaks (a group has one, at its head)."""
    return [f for f in flowables if not isinstance(f, CondPageBreak)]


class LayoutFrame(Frame):  # type: ignore[misc]
    """A frame that, with `drawing` off, lays its flowables out without drawing them.

    The first pass of a document with a table of contents only finds the entries' pages:
    its canvas is thrown away, and drawing it cost a third of that pass.
    """

    drawing = True

    def _add(self, flowable: Flowable, canv: Any, trySplit: int = 0) -> int:
        if self.drawing:
            return int(super()._add(flowable, canv, trySplit))
        flowable.drawOn = _no_drawing  # shadows the method for this one call
        try:
            return int(super()._add(flowable, canv, trySplit))
        finally:
            del flowable.drawOn

    add = _add


def _no_drawing(*args: Any, **kwargs: Any) -> None:
    """What a flowable draws in a layout-only pass: nothing."""
