"""The one document model that every writer consumes (Word, PDF).

Composition produces it from templates; writers turn it into files. Nothing here knows
about python-docx or reportlab.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# A line break inside data text: escaped data never carries a raw newline into the markup.
LINE_BREAK = "\ue000"


@dataclass(frozen=True)
class Run:
    """A piece of inline text with its formatting; `link` makes it a hyperlink."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None
    line_break: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading of level 1 to 3."""

    level: int
    runs: tuple[Run, ...]
    anchor: str

    @property
    def text(self) -> str:
        """The plain text of the heading."""
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline runs; `style` is a role (body, lead, note, small, center)."""

    runs: tuple[Run, ...]
    style: str = "body"

    @property
    def text(self) -> str:
        """The plain text of the paragraph."""
        return "".join("\n" if r.line_break else r.text for r in self.runs)


@dataclass(frozen=True)
class ListItem:
    """One item of a list: paragraphs and nested lists."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list."""

    items: tuple[ListItem, ...]
    ordered: bool = False
    start: int = 1


@dataclass(frozen=True)
class Cell:
    """A table cell."""

    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        """The plain text of the cell."""
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Table:
    """A table; widths are relative, alignment per column.

    `header` is the first row: styled and repeated as a header row unless `has_header` is
    False (a key/value table, whose first row is data like the others).
    """

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...] = ()
    align: tuple[str, ...] = ()
    has_header: bool = True


@dataclass(frozen=True)
class Figure:
    """A chart drawn from the model by name, with its caption and alt text."""

    chart: str
    params: tuple[tuple[str, str], ...]
    caption: tuple[Run, ...]
    alt: str
    number: int = 0

    def param(self, name: str, default: str = "") -> str:
        """One parameter of the chart."""
        return dict(self.params).get(name, default)


@dataclass(frozen=True)
class PageBreak:
    """Start a new page; a `soft` one only where the page before stays a third full (the
    PDF measures it; Word, which cannot, flows on)."""

    soft: bool = False


@dataclass(frozen=True)
class Toc:
    """Where the table of contents goes."""

    title: str
    depth: int = 2


@dataclass(frozen=True)
class Box:
    """A highlighted panel of blocks (key figures, notices)."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Aside:
    """Blocks with a QR code of `qr` beside them (a resource and its link, for paper)."""

    blocks: tuple[Block, ...]
    qr: str


@dataclass(frozen=True)
class Cover:
    """The cover page: its first heading is the title; the rest is centred below."""

    blocks: tuple[Block, ...]


Block = Heading | Paragraph | ListBlock | Table | Figure | PageBreak | Toc | Box | Aside | Cover


@dataclass(frozen=True)
class DocumentInfo:
    """Metadata of a document: title, header text, properties."""

    title: str
    subject: str = ""
    author: str = ""
    keywords: tuple[str, ...] = ()
    date: dt.date = dt.date(2000, 1, 1)
    language: str = "fr-FR"
    header: str = ""


@dataclass(frozen=True)
class Document:
    """A whole document: metadata and blocks."""

    info: DocumentInfo
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def headings(self, depth: int = 3) -> list[Heading]:
        """Every heading down to `depth`, in order (not the cover's)."""
        return [b for b in self.blocks if isinstance(b, Heading) and b.level <= depth]

    def figures(self) -> list[Figure]:
        """Every figure, in order."""
        return [b for b in walk(self.blocks) if isinstance(b, Figure)]


def walk(blocks: tuple[Block, ...]) -> list[Block]:
    """Every block, containers opened, in reading order."""
    out: list[Block] = []
    for block in blocks:
        out.append(block)
        if isinstance(block, Box | Cover | Aside):
            out += walk(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                out += walk(item.blocks)
    return out
