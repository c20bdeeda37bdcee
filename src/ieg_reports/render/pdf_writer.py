"""The PDF writer: the document model into a PDF, with reportlab platypus.

Fonts are embedded TrueType files; every data string is escaped before it reaches a
Paragraph; charts and QR codes come as drawings made before (vectors); the output is
byte-reproducible.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import singledispatch
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    LIIndenter,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable
from reportlab.platypus.tableofcontents import TableOfContents

from ieg_reports.compose.assets import Assets
from ieg_reports.compose.document import (
    Aside,
    Block,
    Box,
    Cover,
    Document,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Run,
    Table,
    Toc,
)
from ieg_reports.compose.document import PageBreak as ModelPageBreak
from ieg_reports.fonts import SANS, register_fonts
from ieg_reports.links import is_safe_url
from ieg_reports.render.common import introduces, may_float, source_date
from ieg_reports.render.hyphenation import hyphenator, last_word
from ieg_reports.render.justify import remember, stretched
from ieg_reports.render.pdf_flow import (
    FigureBlock,
    LayoutFrame,
    NewPage,
    RoomFor,
    SplitTable,
    block_height,
    float_figures,
    list_ends,
    list_parts,
    without_breaks,
)
from ieg_reports.style import Style

ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}


@dataclass
class Coverage:
    """Characters no embedded font can draw: reported, never silently lost."""

    font: TTFont
    missing: dict[str, int] = field(default_factory=dict)

    def check(self, text: str) -> None:
        """Record characters of `text` the font lacks."""
        glyphs = self.font.face.charToGlyph
        for char in text:
            if (
                ord(char) not in glyphs
                and not char.isspace()
                and unicodedata.category(char) != "Cf"
            ):
                self.missing[char] = self.missing.get(char, 0) + 1

    def warnings(self) -> list[str]:
        """One French line per missing character."""
        return [
            f"caractère absent de la police, affiché comme un carré : U+{ord(c):04X} "
            f"({unicodedata.name(c, 'sans nom').lower()})"
            for c in sorted(self.missing)
        ]


def _styles(style: Style, tight: float = 1.0) -> dict[str, ParagraphStyle]:
    """The paragraph styles; `tight` scales the vertical space around paragraphs."""
    styles = _base_styles(style)
    if tight != 1.0:
        for paragraph in styles.values():
            paragraph.spaceBefore *= tight
            paragraph.spaceAfter *= tight
    return styles


def _base_styles(style: Style) -> dict[str, ParagraphStyle]:
    size, text = style.sizes, colors.HexColor(style.color("text"))
    primary = colors.HexColor(style.color("primary"))
    muted = colors.HexColor(style.color("muted"))
    base = ParagraphStyle(
        "body",
        fontName=SANS,
        fontSize=size["body"],
        leading=size["body"] * 1.4,
        textColor=text,
        alignment=TA_JUSTIFY,
        hyphenationLang=hyphenator(),  # three letters at least on each side of a cut
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
        spaceAfter=5,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    # No keepWithNext: a RoomFor break ahead of each heading keeps it with what follows
    # (reportlab's keep-with-next moves a heading and a long paragraph to a new page whole).
    heading = {"fontName": SANS + "-Bold", "alignment": TA_LEFT, "hyphenationLang": ""}
    styles = {
        "body": base,
        "h1": derive(
            "h1",
            fontSize=size["h1"],
            leading=size["h1"] * 1.2,
            textColor=primary,
            spaceBefore=14,
            spaceAfter=8,
            **heading,
        ),
        "h2": derive(
            "h2",
            fontSize=size["h2"],
            leading=size["h2"] * 1.25,
            textColor=primary,
            spaceBefore=11,
            spaceAfter=5,
            **heading,
        ),
        "h3": derive(
            "h3",
            fontSize=size["h3"],
            leading=size["h3"] * 1.25,
            textColor=colors.HexColor(style.color("accent")),
            spaceBefore=8,
            spaceAfter=4,
            **heading,
        ),
        "title": derive(
            "title",
            fontSize=size["title"],
            leading=size["title"] * 1.18,
            textColor=primary,
            spaceAfter=16,
            **heading,
        ),
        "lead": derive(
            "lead",
            fontSize=size["h2"],
            leading=size["h2"] * 1.3,
            textColor=primary,
            alignment=TA_LEFT,
            spaceAfter=10,
            hyphenationLang="",
        ),
        # Short lists, key/value lines: ragged right, and so never hyphenated.
        "left": derive("left", alignment=TA_LEFT, hyphenationLang=""),
        "center": derive("center", fontSize=size["body"] + 1.5, alignment=TA_LEFT, spaceAfter=4),
        "note": derive(
            "note",
            fontName=SANS + "-Italic",
            fontSize=size["small"],
            leading=size["small"] * 1.4,
            textColor=muted,
        ),
        "small": derive(
            "small", fontSize=size["small"], leading=size["small"] * 1.35, textColor=muted
        ),
        "caption": derive(
            "caption",
            fontName=SANS + "-Italic",
            fontSize=size["small"],
            leading=size["small"] * 1.3,
            textColor=muted,
            alignment=TA_CENTER,
            spaceBefore=3,
            spaceAfter=10,
        ),
        "source": derive(
            "source",
            fontSize=size["small"] - 0.5,
            leading=(size["small"] - 0.5) * 1.3,
            textColor=muted,
            alignment=TA_LEFT,  # notes of several lines read flush left, as publishers set them
            hyphenationLang="",
            spaceAfter=2,
        ),
        "cell": derive(
            "cell",
            fontSize=size["small"],
            leading=size["small"] * 1.3,
            alignment=TA_LEFT,
            spaceAfter=0,
            # Cells are not hyphenated at all: reportlab drops the hyphen of a compound
            # broken at it on a line mixing italic and roman (extra-/financier).
            hyphenationLang="",
        ),
        "toc1": derive(
            "toc1", fontName=SANS + "-Bold", alignment=TA_LEFT, spaceBefore=5, spaceAfter=1
        ),
        "toc2": derive("toc2", alignment=TA_LEFT, leftIndent=12, spaceAfter=0, spaceBefore=0),
    }
    for unbroken in styles.values():
        if not unbroken.hyphenationLang:  # nor at an existing hyphen (see "cell")
            unbroken.embeddedHyphenation = 0
    return styles


def markup(runs: tuple[Run, ...], coverage: Coverage, link_color: str) -> str:
    """Runs as reportlab Paragraph markup; every data string is escaped first."""
    parts = []
    for run in runs:
        if run.line_break:
            parts.append("<br/>")
            continue
        coverage.check(run.text)
        text = escape(run.text)
        if run.code:
            text = f'<font face="Courier">{text}</font>'
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.link and is_safe_url(run.link):
            href = escape(run.link, {'"': "&quot;"})
            text = f'<a href="{href}" color="{link_color}"><u>{text}</u></a>'
        parts.append(text)
    return "".join(parts)


@dataclass
class _Context:
    """What block conversion needs: styles, pictures, coverage, widths."""

    styles: dict[str, ParagraphStyle]
    style: Style
    assets: Assets
    coverage: Coverage
    model: Document
    width: float
    frame_height: float = 700.0

    def para(self, runs: tuple[Run, ...], style: str) -> RLParagraph:
        """A Paragraph of escaped runs; its last word is never cut."""
        chosen = self.styles[style]
        if callable(chosen.hyphenationLang):
            last = last_word("".join(run.text for run in runs))
            chosen = ParagraphStyle(style, parent=chosen, hyphenationLang=hyphenator(last))
        made = _Paragraph(markup(runs, self.coverage, self.style.color("link")), chosen)
        made.runs = runs
        return made


class _Paragraph(RLParagraph):  # type: ignore[misc]
    """A justified paragraph set ragged right when justifying would stretch a line's word
    spaces past twice their width (long bold names that cannot break)."""

    runs: tuple[Run, ...] = ()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        justified: ParagraphStyle = getattr(self, "_justified", None) or self.__dict__["style"]
        self.style = self._justified = justified
        size = super().wrap(availWidth, availHeight)
        if justified.alignment != TA_JUSTIFY:
            return size  # type: ignore[no-any-return]
        bad = stretched(self)
        if self.runs:  # for the Word twin, which asks the same of the same paragraph
            remember(self.runs, availWidth, justified.fontSize, justified.leading, bad)
        if bad:
            self.style = ParagraphStyle("ragged", parent=justified, alignment=TA_LEFT)
            size = super().wrap(availWidth, availHeight)
        return size  # type: ignore[no-any-return]


class _HeadingParagraph(RLParagraph):  # type: ignore[misc]
    """A heading paragraph that carries its outline level and bookmark key."""

    def __init__(self, text: str, style: ParagraphStyle, level: int, title: str, key: str) -> None:
        super().__init__(text, style)
        self.outline = (level, title, key)


def _flowables(ctx: _Context, blocks: tuple[Block, ...], width: float) -> list[Flowable]:
    out: list[Flowable] = []
    n = 0
    while n < len(blocks):
        block = blocks[n]
        if isinstance(block, Heading) or (isinstance(block, Paragraph) and introduces(block)):
            made, n = _group(ctx, blocks, n, width)
            _chain(out, made)
        else:
            made, n = _flowable(block, ctx, width), n + 1
            if isinstance(block, Figure) and n > 1:
                _let_float(made, blocks[n - 2], block.number)
        out += made
    return out


def _chain(out: list[Flowable], made: list[Flowable]) -> None:
    """A heading and its intro right above a deeper heading ask room for that heading's
    own group too: they never stay at a page's foot without it."""
    room = made[0]
    above = next((f for f in reversed(out) if isinstance(f, RoomFor)), None)
    if not isinstance(room, RoomFor) or above is None or not room.heads or not above.heads:
        return
    level = getattr(room.heads[0], "outline", (0,))[0]
    above_level = getattr(above.heads[0], "outline", (9,))[0]
    if level > above_level and above.ends_at(out) and above.lead is None:
        above.then = room


def _let_float(made: list[Flowable], before: Block, number: int) -> None:
    """A figure that `may_float` floats to the next page while the text of its section
    fills this one."""
    if not may_float(before, number):
        return
    for flowable in made:
        if isinstance(flowable, FigureBlock):
            flowable.floats = True


def _group(
    ctx: _Context, blocks: tuple[Block, ...], n: int, width: float
) -> tuple[list[Flowable], int]:
    """A heading (with the deeper headings right under it) and the paragraphs under it, or
    an introducing line, behind one break that keeps it off the foot of a page."""
    first = blocks[n]
    heads: list[Flowable] = []
    while n < len(blocks) and isinstance(blocks[n], Heading):
        level = blocks[n].level  # type: ignore[union-attr]
        if heads and level <= first.level:  # type: ignore[union-attr]
            break  # the next section: never part of this one's group
        heads += _flowable(blocks[n], ctx, width)
        n += 1
    texts: list[Flowable] = []
    story: list[Flowable] = []
    opens: Block | None = None
    while n < len(blocks) and isinstance(blocks[n], Paragraph) and len(texts) < 3:
        paragraph = blocks[n]
        opens = opens if texts else paragraph
        made = _flowable(paragraph, ctx, width)
        n += 1
        if introduces(paragraph):  # type: ignore[arg-type]
            lead, tail, n = _lead(ctx, blocks, n, width)
            if texts:  # its own break too: the text above it may end this page
                story.append(RoomFor([], made, lead))
            texts, story = texts + made, story + made + tail
            break
        texts, story = texts + made, story + made
    else:  # what the heading or its short text opens on (a list, a table…) starts here too
        lead, tail, n = _lead(ctx, blocks, n, width)
        story += tail
    capped = bool(texts) and not introduces(opens)  # type: ignore[arg-type]
    least = 4.5 * cm if isinstance(first, Heading) and first.level == 1 else 0.0
    room = RoomFor(heads, texts, lead, ctx.frame_height / 3 if capped else None, least)
    room.last = ([*heads, *story] or [room])[-1]
    return [room, *heads, *story], n


def _lead(
    ctx: _Context, blocks: tuple[Block, ...], n: int, width: float
) -> tuple[Flowable | None, list[Flowable], int]:
    """What an introducing line or a bare heading introduces: its first flowable (to
    measure), all its flowables, and the index after it."""
    if n >= len(blocks) or isinstance(blocks[n], Heading | Paragraph | ModelPageBreak):
        return None, [], n
    made = _flowable(blocks[n], ctx, width)
    lead = next((f for f in made if not isinstance(f, Spacer)), None)
    return lead, made, n + 1


@singledispatch
def _flowable(block: Block, ctx: _Context, width: float) -> list[Flowable]:
    """One block as flowables (one handler per block type, registered below)."""
    raise TypeError(f"unknown block type {type(block).__name__}")


@_flowable.register
def _(block: Heading, ctx: _Context, width: float) -> list[Flowable]:
    level = min(block.level, 3)
    text = markup(block.runs, ctx.coverage, ctx.style.color("link"))
    # The break that keeps it off a page's foot comes with its group (_group).
    return [_HeadingParagraph(text, ctx.styles[f"h{level}"], level, block.text, block.anchor)]


@_flowable.register
def _(block: Paragraph, ctx: _Context, width: float) -> list[Flowable]:
    return [ctx.para(block.runs, block.style if block.style in ctx.styles else "body")]


@_flowable.register
def _(block: ListBlock, ctx: _Context, width: float) -> list[Flowable]:
    return [_list(ctx, block, width)]


@_flowable.register
def _(block: Table, ctx: _Context, width: float) -> list[Flowable]:
    # The spacer ends a heading's keep-with-next chain, so a long table splits after the
    # heading instead of pushing both to the next page and leaving a near-empty one.
    return [Spacer(1, 0.1), _table(ctx, block, width), Spacer(1, 6)]


@_flowable.register
def _(block: Figure, ctx: _Context, width: float) -> list[Flowable]:
    return [_figure(ctx, block, width)]


@_flowable.register
def _(block: ModelPageBreak, ctx: _Context, width: float) -> list[Flowable]:
    return [NewPage() if block.soft else PageBreak()]


@_flowable.register
def _(block: Toc, ctx: _Context, width: float) -> list[Flowable]:
    return _toc(ctx, block)


@_flowable.register
def _(block: Box, ctx: _Context, width: float) -> list[Flowable]:
    return [_box(ctx, block, width), Spacer(1, 8)]


@_flowable.register
def _(block: Aside, ctx: _Context, width: float) -> list[Flowable]:
    return [_aside(ctx, block, width)]


@_flowable.register
def _(block: Cover, ctx: _Context, width: float) -> list[Flowable]:
    return _cover(ctx, block, width)


class _PageIndenter(LIIndenter):  # type: ignore[misc]
    """A list item that splits when it is taller than a whole page.

    reportlab refuses to split a justified item whose first part would hold all but two
    lines (to avoid a widow): fine on a part-filled page, a LayoutError when the item is
    taller than any page. Then a widow is the lesser evil.
    """

    page_height = 700.0

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        inner = self._flowable
        width = available_width - self._leftIndent - self._rightIndent
        parts = [p._flowable for p in super().split(available_width, available_height)]
        if not parts and inner.wrap(width, available_height)[1] > self.page_height:
            parts = inner.split(width, available_height)
        return [self._again(p, n == 0) for n, p in enumerate(parts)]

    def _again(self, flowable: Flowable, first: bool) -> _PageIndenter:
        """A piece of this item (the bullet on the first piece only)."""
        piece = _PageIndenter(flowable, self._leftIndent, self._rightIndent)
        piece._bullet = self._bullet if first else None
        piece.page_height = self.page_height
        return piece


class _List(ListFlowable):  # type: ignore[misc]
    """A list whose items split when taller than a page; a short list never splits, a
    longer one never leaves a single item alone on either side of a page break."""

    def __init__(self, items: list[ListItem], page_height: float, **kw: Any) -> None:
        self._page_height = page_height
        super().__init__(items, **kw)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        return list_parts(list(self._content), availWidth, availHeight, frame)

    def least_height(self, canvas: Any, width: float) -> float:
        """The height of the least of this list that may end a page: its first part (the
        whole list when it may not split)."""
        items = self._content
        first, last = list_ends(items, width)
        head = items if first + last > len(items) else items[:first]
        return float(sum(block_height(canvas, f, width) for f in head))

    def _makeLIIndenter(self, flowable: Flowable, bullet: Any, params: Any = None) -> Flowable:
        made = super()._makeLIIndenter(flowable, bullet, params)
        item = _PageIndenter(made._flowable, made._leftIndent, made._rightIndent, made._bullet)
        for name in ("spaceBefore", "spaceAfter"):
            if name in made.__dict__:
                setattr(item, name, made.__dict__[name])
        item.page_height = self._page_height
        return item


def _ragged(flowables: list[Flowable]) -> list[Flowable]:
    """Paragraphs set ragged right: short justified lines in a narrow measure make rivers."""
    for flowable in flowables:
        if isinstance(flowable, RLParagraph) and flowable.style.alignment == TA_JUSTIFY:
            flowable.style = ParagraphStyle("item", parent=flowable.style, alignment=TA_LEFT)
    return flowables


def _list(ctx: _Context, block: ListBlock, width: float) -> ListFlowable:
    # No page break inside an item: measured inside the list, it would break the page early.
    items = [
        ListItem(_ragged(without_breaks(_flowables(ctx, item.blocks, width - 16))))
        for item in block.items
    ]
    kind = (
        {"bulletType": "1", "start": str(block.start)}
        if block.ordered
        else {"bulletType": "bullet", "start": "•"}
    )
    return _List(
        items,
        ctx.frame_height,
        bulletFontName=SANS,
        bulletFontSize=ctx.style.sizes["body"],
        leftIndent=14,
        bulletColor=colors.HexColor(ctx.style.color("primary")),
        spaceAfter=4,
        **kind,
    )


def _table(ctx: _Context, block: Table, width: float) -> RLTable:
    columns = len(block.header)
    weights = list(block.widths[:columns]) + [1.0] * (columns - len(block.widths))
    widths = [width * w / sum(weights) for w in weights]
    if block.has_header:
        size = ctx.styles["cell"].fontSize
        widths = widen_for_words(
            widths, [_longest_word(cell.runs, size) + 9 for cell in block.header]
        )
    cell_styles = []
    for c in range(columns):
        align = ALIGN.get(block.align[c] if c < len(block.align) else "left", TA_LEFT)
        cell_styles.append(ParagraphStyle(f"cell{c}", parent=ctx.styles["cell"], alignment=align))
    header_style = [
        ParagraphStyle(
            f"head{c}",
            parent=s,
            fontName=SANS + "-Bold",
            textColor=colors.white,
            hyphenationLang="",
        )
        for c, s in enumerate(cell_styles)
    ]
    first = header_style if block.has_header else cell_styles  # key/value: no header row
    rows = [[_cell(ctx, block.header, c, first[c]) for c in range(columns)]]
    rows += [[_cell(ctx, row, c, cell_styles[c]) for c in range(columns)] for row in block.rows]
    repeat = 1 if block.has_header else 0
    table = SplitTable(rows, colWidths=widths, repeatRows=repeat, splitByRow=1)
    table.setStyle(_table_style(ctx.style, len(rows), block.has_header))
    return table


def _longest_word(runs: tuple[Any, ...], size: float) -> float:
    """Width of a header's longest word in bold: a narrower column would cut it letter by letter."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    words = "".join(run.text for run in runs).split(" ")
    return max((stringWidth(w, SANS + "-Bold", size) for w in words), default=0.0)


def widen_for_words(widths: list[float], needs: list[float]) -> list[float]:
    """Column widths widened to their longest unbreakable word, taken from the columns with room.

    The total stays the same; when the words cannot all fit, the widths are left as they are.
    """
    short = [max(0.0, need - w) for w, need in zip(widths, needs, strict=True)]
    room = [max(0.0, w - need) for w, need in zip(widths, needs, strict=True)]
    if not sum(short) or sum(room) < sum(short):
        return widths
    take = sum(short) / sum(room)  # each column with room gives in proportion to it
    return [w + s - r * take for w, s, r in zip(widths, short, room, strict=True)]


def _cell(ctx: _Context, cells: tuple[Any, ...], c: int, style: ParagraphStyle) -> RLParagraph:
    runs = cells[c].runs if c < len(cells) else ()
    return RLParagraph(markup(runs, ctx.coverage, ctx.style.color("link")), style)


def _table_style(style: Style, rows: int, header: bool = True) -> TableStyle:
    head = colors.HexColor(style.color("table_header" if header else "table_stripe"))
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("BACKGROUND", (0, 0), (-1, 0), head),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(style.color("rule"))),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    stripe = colors.HexColor(style.color("table_stripe"))
    commands += [("BACKGROUND", (0, r), (-1, r), stripe) for r in range(2, rows, 2)]
    return TableStyle(commands)


def _figure(ctx: _Context, block: Figure, width: float) -> Flowable:
    picture = ctx.assets.figure(block)
    prefix = (Run(f"Figure {block.number} — ", italic=True),)
    texts = [ctx.para(prefix + block.caption, "caption")]
    # Under the caption, as publishers set it: the chart's notes, then its source.
    texts += [ctx.para((Run(line),), "source") for line in picture.below]
    # At most a page minus room for the caption: a chart never overflows its frame.
    return FigureBlock(picture.vector, min(width, 16 * cm), ctx.frame_height - 3 * cm, texts)


TOC_GAP = 4.0  # points between a title and its dot leader, and the leader and the page


class _Toc(TableOfContents):  # type: ignore[misc]
    """A table of contents whose dot leaders start right after each title, at one gap
    (reportlab's start on a grid of whole dots, at uneven distances)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        size = super().wrap(availWidth, availHeight)

        def leader(canvas: Canvas, kind: str, label: str) -> None:
            page, level = label.split(",")[:2]
            style = self.getLevelStyle(int(level))
            x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
            draw_leader(canvas, style, page, x, y, availWidth)

        self.canv.setNamedCB("drawTOCEntryEnd", leader)
        return size  # type: ignore[no-any-return]


def draw_leader(
    canvas: Canvas, style: ParagraphStyle, page: str, x: float, y: float, right: float
) -> None:
    """The page number at `right`, and a dotted leader from `x` (a title's end) to it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    canvas.saveState()
    canvas.setFont(style.fontName, style.fontSize)
    canvas.setFillColor(style.textColor)
    canvas.drawRightString(right, y, page)
    end = right - stringWidth(page, style.fontName, style.fontSize) - TOC_GAP
    if end > x + 2 * TOC_GAP:
        canvas.setStrokeColor(style.textColor)
        canvas.setLineWidth(0.8)
        canvas.setLineCap(1)  # round caps: each dash of length 0 is a dot
        canvas.setDash([0, 3])
        canvas.line(x + TOC_GAP, y + 1.2, end, y + 1.2)
    canvas.restoreState()


def _toc(ctx: _Context, block: Toc) -> list[Flowable]:
    toc = _Toc(dotsMinLevel=0)
    toc.levelStyles = [ctx.styles["toc1"], ctx.styles["toc2"]]
    toc.tableStyle = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SANS),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    title = RLParagraph(escape(block.title), ctx.styles["h1"])
    return [title, toc]


def _box(ctx: _Context, block: Box, width: float) -> RLTable:
    inner = without_breaks(_flowables(ctx, block.blocks, width - 24))
    table = RLTable([[inner]], colWidths=[width], splitInRow=1)  # a long box splits
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(ctx.style.color("box"))),
                ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor(ctx.style.color("primary"))),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _aside(ctx: _Context, block: Aside, width: float) -> Flowable:
    picture = ctx.assets.qr(block.qr)
    qr_size = picture.width if picture else 2.0 * cm
    gutter = 0.8 * cm  # white between the text and the code: neither touches the other
    # Kept together as a whole: page breaks inside the cell would only break it up.
    # Ragged right beside the code: a narrow justified column stretches its short lines.
    inner = _ragged(without_breaks(_flowables(ctx, block.blocks, width - qr_size - gutter)))
    if picture is None:
        return KeepTogether(inner)
    # The aside splits only when taller than a page: never its title and code apart.
    table = RLTable(
        [[inner, picture.vector]],
        colWidths=[width - qr_size - gutter, qr_size + gutter],
        splitInRow=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (1, 0), (1, 0), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return KeepTogether([table])


def _cover(ctx: _Context, block: Cover, width: float) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 5.5 * cm)]
    for n, inner in enumerate(block.blocks):
        if n == 0 and isinstance(inner, Heading):
            out.append(ctx.para(inner.runs, "title"))
        elif isinstance(inner, Paragraph) and inner.style == "note":
            out += [Spacer(1, 2.5 * cm), ctx.para(inner.runs, "note")]
        else:
            out += _flowable(inner, ctx, width)
    return [*out, NextPageTemplate("body"), PageBreak()]


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Draws « page X sur Y » once the page count is known; fixes the PDF dates."""

    def __init__(self, *args: Any, footer: Any = None, stamp: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._footer = footer
        if stamp is not None:
            self._doc._timeStamp = stamp

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self._footer is not None:
                self._footer(self, total)
            super().showPage()
        super().save()


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    """Outline entries, bookmarks and TOC entries from heading paragraphs."""

    _last_level: int = -1
    _lowest: float = 0.0
    _passes: int = 0
    # Set when the first pass cannot be the last (the table of contents expects entries
    # with unknown pages): it then only lays out, and these frames do not draw in it.
    layout_first: list[LayoutFrame] | None = None

    def build(self, *args: Any, **kwargs: Any) -> None:
        self._passes += 1
        for frame in self.layout_first or ():
            frame.drawing = self._passes > 1
        super().build(*args, **kwargs)

    def afterFlowable(self, flowable: Flowable) -> None:
        if getattr(self, "frame", None) is not None:
            self._lowest = self.frame._y  # where the last thing laid out ends
        outline = getattr(flowable, "outline", None)
        if outline is None:
            return
        level, title, key = outline
        depth = min(level - 1, self._last_level + 1)
        self._last_level = depth
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, depth, closed=depth > 0)
        if level <= 2:
            self.notify("TOCEntry", (level - 1, escape(title), self.page, key))

    def beforeDocument(self) -> None:
        self._last_level = -1

    def last_fill(self) -> float:
        """How full the last page is (0–1), as laid out in the last pass."""
        frame = self.frame
        top = frame._y1 + frame._height - frame._topPadding
        return float((top - self._lowest) / (top - frame._y1p))

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """Lay out the next flowable; a floating figure that does not fit lets the text
        after it fill the page first (it waits one flowable at a time)."""
        float_figures(flowables, getattr(self, "frame", None))
        super().handle_flowable(flowables)


def _expect_entries(story: list[Flowable]) -> bool:
    """Give each table of contents its entries before the first pass, page numbers unknown.

    The first pass then lays the pages out as the last one will (the entries' page numbers
    take no room), and the second only writes the numbers: two passes instead of three over
    the whole synthesis. A wrong guess only costs a pass: passes go on until the entries that
    the headings notify hold still, as before.
    """
    tocs = [f for f in story if isinstance(f, TableOfContents)]
    if not tocs:
        return False
    expected = []
    for flowable in _handled(story):
        outline = getattr(flowable, "outline", None)
        if outline is not None and outline[0] <= 2:  # as _Doc.afterFlowable notifies them
            level, title, key = outline
            expected.append((level - 1, escape(title), 0, key))
    for toc in tocs:
        toc.addEntries(expected)
    return bool(expected)  # pages 0 never hold: a second pass is certain


def _handled(story: list[Flowable]) -> Iterator[Flowable]:
    """The flowables the page template handles one by one, those kept together included."""
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            yield from _handled(flowable._content)
        else:
            yield flowable


def _timestamp(model: Document) -> Any:
    """The PDF dates: SOURCE_DATE_EPOCH when set, else the document's date."""
    import calendar
    import datetime as dt

    from reportlab.lib.utils import TimeStamp

    stamp = TimeStamp(invariant=1)
    when = source_date() or dt.datetime.combine(model.info.date, dt.time(9, 0))
    stamp.t = calendar.timegm(when.timetuple())
    stamp.lt = when.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


@dataclass(frozen=True)
class PdfWriter:
    """The PDF writer, set up with its style."""

    style: Style
    suffix: str = ".pdf"

    def write(self, document: Document, assets: Assets) -> tuple[bytes, list[str]]:
        """The PDF's bytes and the warnings met."""
        return render_pdf(document, assets, self.style)


# A last page less full than this is set again a little tighter, if that saves it.
LAST_PAGE_LEAST = 0.25
TIGHTER = 0.7  # the vertical spaces around paragraphs and headings, when set tighter
TIGHTEN_UP_TO = 40  # pages; a longer document is not set twice for one page


def render_pdf(model: Document, assets: Assets, style: Style) -> tuple[bytes, list[str]]:
    """Write `model` as PDF bytes (reproducible), with the warnings met.

    A last page holding only a few lines (a section that overflowed by a hair) is a
    page a reader turns for nothing: the document is set again with tighter vertical
    spaces, and that version is kept when it has one page fewer.
    """
    data, warnings, doc = _render_once(model, assets, style)
    if 2 < doc.page <= TIGHTEN_UP_TO and doc.last_fill() < LAST_PAGE_LEAST:
        tight, _, tight_doc = _render_once(model, assets, style, TIGHTER)
        if tight_doc.page < doc.page:
            return tight, warnings
    return data, warnings


def _render_once(
    model: Document, assets: Assets, style: Style, tight: float = 1.0
) -> tuple[bytes, list[str], _Doc]:
    """The PDF's bytes, the warnings met and the laid-out document (for its page count)."""
    font = register_fonts(style)
    assert isinstance(font, TTFont)
    page = style.page
    left, right = page["margin_left"] * mm, page["margin_right"] * mm
    top, bottom = page["margin_top"] * mm, page["margin_bottom"] * mm
    width = A4[0] - left - right
    frame_height = A4[1] - top - bottom
    ctx = _Context(_styles(style, tight), style, assets, Coverage(font), model, width, frame_height)
    story = _flowables(ctx, model.blocks, width)
    expected = _expect_entries(story)
    buffer = io.BytesIO()
    doc = _Doc(
        buffer,
        pagesize=A4,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=model.info.title,
        author=model.info.author,
        subject=model.info.subject,
        keywords=", ".join(model.info.keywords),
        creator="ieg-reports",
        lang=model.info.language,
        invariant=1,
    )
    frame = LayoutFrame(
        left, bottom, width, A4[1] - top - bottom, id="body", leftPadding=0, rightPadding=0
    )
    doc.layout_first = [frame] if expected else None
    cover = isinstance(model.blocks[0], Cover) if model.blocks else False
    doc.addPageTemplates(
        [PageTemplate("cover", [frame]), PageTemplate("body", [frame])]
        if cover
        else [PageTemplate("body", [frame])]
    )
    stamp = _timestamp(model)
    decorate = _page_decoration(model, style, left, right, top, bottom, skip_first=cover)
    doc.multiBuild(
        story, canvasmaker=lambda *a, **k: _NumberedCanvas(*a, footer=decorate, stamp=stamp, **k)
    )
    return buffer.getvalue(), ctx.coverage.warnings(), doc


def _page_decoration(
    model: Document,
    style: Style,
    left: float,
    right: float,
    top: float,
    bottom: float,
    skip_first: bool,
) -> Any:
    fitted = fit_line(model.info.header or model.info.title, A4[0] - left - right, 7.5)
    muted = colors.HexColor(style.color("muted"))
    rule = colors.HexColor(style.color("rule"))

    def decorate(canvas: Canvas, total: int) -> None:
        number = canvas.getPageNumber()
        if skip_first and number == 1:
            return
        canvas.saveState()
        canvas.setFont(SANS, 7.5)
        canvas.setFillColor(muted)
        if number > 1 or model.info.header_on_first_page:
            canvas.drawString(left, A4[1] - top + 14, fitted)
            canvas.setStrokeColor(rule)
            canvas.setLineWidth(0.4)
            canvas.line(left, A4[1] - top + 10, A4[0] - right, A4[1] - top + 10)
        canvas.drawCentredString(A4[0] / 2, bottom - 22, f"page {number} sur {total}")
        canvas.restoreState()

    return decorate


def fit_line(text: str, width: float, size: float) -> str:
    """`text` cut at a word (with an ellipsis) to fit `width` in the body font at `size`;
    a closing parenthesis that tells it apart (« (volet 2) ») stays."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, SANS, size) <= width:
        return text
    tail = re.search(r"\s(\([^()]{1,24}\))$", text)
    keep = f" {tail.group(1)}" if tail else ""
    head = text[: tail.start()] if tail else text
    while " " in head and stringWidth(head + "…" + keep, SANS, size) > width:
        head = head.rsplit(" ", 1)[0].rstrip(" ,;:—-(")
    return head + "…" + keep
