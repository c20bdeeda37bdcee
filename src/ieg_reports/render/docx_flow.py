"""Where Word would set each figure, estimated before writing: Word cannot float a figure.

A figure that does not fit in what is left of its page moves to the next one in Word and
LibreOffice, leaving a hole a quarter or half a page high. The PDF lets the text after a
floating figure fill the page first. For Word the order is decided at write time: the
blocks' heights are measured as the PDF sets them (same fonts, sizes and measure), pages
are filled from the last forced break, and a figure that would leave a hole either comes
after the plain text of its own subsection that fills its page (never a heading nor what
follows one, never its key table) or shrinks to fit, down to the PDF's floor; else it stays
where it is, at the top of the next page.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ieg_reports.compose.assets import Assets
from ieg_reports.compose.document import (
    Block,
    Cover,
    Document,
    Figure,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Table,
)
from ieg_reports.render.common import introduces, may_float
from ieg_reports.style import Style

FULL = 2 / 3  # a page a figure leaves is at least this full
# The estimate's margin, in points: Word's pages run a few lines ahead of or behind it (its
# keeps differ from the PDF's), and a figure that « just fits » by the estimate moves on.
SAFETY = 48.0
HEADING_ROOM = 40.0  # points under a heading: its first lines, kept with it
KEPT_ITEMS = 4  # a list of at most this many items never splits in Word (keeps_with_next)


@dataclass
class Plan:
    """The order Word sets the blocks in, and the scale of each figure that shrinks."""

    blocks: tuple[Block, ...]
    scales: dict[int, float] = field(default_factory=dict)  # by id of the Figure block


@dataclass
class _Pages:
    """The running estimate: how far down the current page the last block ends."""

    height: float
    used: float = 0.0
    number: int = 1  # pages begun

    def flow(self, height: float) -> None:
        """Text that splits across pages freely."""
        self.used += height
        while self.used > self.height:
            self.used -= self.height
            self.number += 1

    def whole(self, height: float) -> None:
        """A block that never splits: on this page, else at the top of the next."""
        if self.used + height > self.height:
            self.new()
        self.used = min(self.height, self.used + height)

    def new(self) -> None:
        """Start a page."""
        self.used, self.number = 0.0, self.number + 1

    @property
    def room(self) -> float:
        """What is left of the page."""
        return self.height - self.used


def plan(
    model: Document,
    assets: Assets,
    style: Style,
    width: float,
    columns: Callable[[Table], list[float]] | None = None,
) -> Plan:
    """The blocks in the order Word sets them, figures that would leave a hole moved or
    shrunk (`width`: the text width in points; `columns`: a table's widths in Word)."""
    figures = [n for n, block in enumerate(model.blocks) if isinstance(block, Figure)]
    if not figures:
        return Plan(model.blocks)
    measure = _Measure(model, assets, style, width, columns)
    pages = _Pages(measure.frame_height)
    blocks, scales = list(model.blocks), dict[int, float]()
    n = 0
    while n <= figures[-1]:  # nothing moves after the last figure: no need to measure it
        block = blocks[n]
        if isinstance(block, Figure):
            n = _place(blocks, n, pages, measure, scales)
            continue
        _advance(pages, block, measure)
        n += 1
    return Plan(tuple(blocks), scales)


def _advance(pages: _Pages, block: Block, measure: _Measure) -> None:
    """The estimate after `block`."""
    if isinstance(block, Cover) or (isinstance(block, PageBreak) and not block.soft):
        pages.new()  # the cover's section and a forced break start a page
    elif isinstance(block, Heading):
        height = measure.height(block)
        if pages.room < height + HEADING_ROOM:
            pages.new()
        pages.flow(height)
    elif isinstance(block, ListBlock) and len(block.items) <= KEPT_ITEMS:
        pages.whole(measure.height(block))  # Word keeps a short list's items together
    elif not isinstance(block, PageBreak):
        pages.flow(measure.height(block))


def _place(
    blocks: list[Block], n: int, pages: _Pages, measure: _Measure, scales: dict[int, float]
) -> int:
    """Place the figure at `n`: as it is, after the text that fills its page, or shrunk.
    Returns the index after the blocks placed."""
    figure = blocks[n]
    assert isinstance(figure, Figure)
    height = measure.height(figure)
    if height + SAFETY <= pages.room or pages.used >= pages.height * FULL:
        pages.whole(height)
        return n + 1
    # A figure that may float lets the text of its subsection go first, as in the PDF; one
    # the text above names shrinks first, and lets that text go first only if it must.
    floats = n > 0 and may_float(blocks[n - 1], figure.number)
    if not floats and _shrink(figure, height, pages, measure, scales):
        return n + 1
    moved = _fill(blocks, n, pages, measure)
    if not moved:
        # Nothing may go first: shrunk to the floor, else left in place (top of the next
        # page, right after the text that introduces it) rather than reordered.
        if floats and _shrink(figure, height, pages, measure, scales):
            return n + 1
        pages.whole(height)
        return n + 1
    for block in blocks[n + 1 : n + moved + 1]:
        _advance(pages, block, measure)
    blocks[n : n + moved + 1] = [*blocks[n + 1 : n + moved + 1], figure]
    pages.whole(height)
    return n + moved + 1


def _shrink(
    figure: Figure, height: float, pages: _Pages, measure: _Measure, scales: dict[int, float]
) -> bool:
    """Set the figure in what is left of its page, shrunk down to its floor if need be:
    whether it fits there."""
    floor, texts = measure.floor(figure), measure.texts(figure)
    scale = (pages.room - SAFETY - texts) / (height - texts)
    if scale >= floor:  # shrunk to what is left, with the estimate's margin
        scales[id(figure)] = scale
        pages.whole(height * scale)
        return True
    if height <= pages.room:  # fits without the margin: kept whole, maybe moved on by Word
        pages.whole(height)
        return True
    return False


def _fill(blocks: list[Block], n: int, pages: _Pages, measure: _Measure) -> int:
    """How many blocks after the figure at `n` fill what is left of its page (the last may
    run onto the next): only the plain paragraphs and lists of its own subsection, never a
    heading of any level nor what follows one, a table (its key stays after it), a break,
    a box or another figure."""
    ahead = replace(pages)  # measured ahead: the caller advances over what moves
    moved = 0
    for block in blocks[n + 1 :]:
        if not isinstance(block, Paragraph | ListBlock):
            break
        start = ahead.number
        _advance(ahead, block, measure)
        moved += 1
        if ahead.number > start:  # it ran onto the next page: the page is full
            break
    while moved and _introduces(blocks[n + moved]):
        moved -= 1  # a line that introduces what follows never ends what goes before
    return moved


def _introduces(block: Block) -> bool:
    """Whether `block` is a line (« … : ») that keeps with the block after it."""
    return isinstance(block, Paragraph) and introduces(block)


class _Measure:
    """Block heights as the PDF writer sets them (its styles, fonts and measure)."""

    def __init__(
        self,
        model: Document,
        assets: Assets,
        style: Style,
        width: float,
        columns: Callable[[Table], list[float]] | None,
    ) -> None:
        from reportlab.lib.units import mm
        from reportlab.pdfgen.canvas import Canvas

        from ieg_reports.fonts import register_fonts
        from ieg_reports.render import pdf_writer

        page = style.page
        self.frame_height = 297 * mm - (page["margin_top"] + page["margin_bottom"]) * mm
        font = register_fonts(style)
        self.ctx = pdf_writer._Context(
            pdf_writer._styles(style),
            style,
            assets,
            pdf_writer.Coverage(font),
            model,
            width,
            self.frame_height,
        )
        self.canvas = Canvas(io.BytesIO())
        self.width, self.columns = width, columns
        self._made: dict[int, list[Any]] = {}  # flowables by id of their block
        self._heights: dict[int, float] = {}

    def _flowables(self, block: Block) -> list[Any]:
        from ieg_reports.render import pdf_writer

        if id(block) not in self._made:
            made = block
            if isinstance(block, Table) and self.columns is not None:
                made = replace(block, widths=tuple(self.columns(block)))  # Word's own columns
            self._made[id(block)] = list(pdf_writer._flowable(made, self.ctx, self.width))
        return self._made[id(block)]

    def height(self, block: Block) -> float:
        """The height of `block` with the space around it (measured once)."""
        from ieg_reports.render.pdf_flow import block_height

        if id(block) not in self._heights:
            self._heights[id(block)] = sum(
                block_height(self.canvas, f, self.width) for f in self._flowables(block)
            )
        return self._heights[id(block)]

    def texts(self, figure: Figure) -> float:
        """The height of a figure's caption and notes."""
        block = self._flowables(figure)[0]
        return float(block._text_height(self.width))

    def floor(self, figure: Figure) -> float:
        """The least scale of a figure, of its print size (the PDF's: never under 7 pt)."""
        block = self._flowables(figure)[0]
        return float(block.floor)
