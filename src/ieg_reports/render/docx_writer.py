"""The Word writer: the document model into a .docx, with python-docx.

Styles come from the reference document (`templates/reference.docx`); this module only
chooses which named style each block uses, so a user restyles everything in Word.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass, field, replace
from functools import singledispatch
from itertools import pairwise
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from docx import Document as open_docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt
from docx.table import _Cell

from ieg_reports.cachedir import store, stored
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
    PageBreak,
    Paragraph,
    Run,
    Table,
    Toc,
)
from ieg_reports.fonts import FACES, register_files
from ieg_reports.links import is_safe_url
from ieg_reports.render.common import (
    LEAST_LINES,
    clip,
    intro_keeps,
    introduces,
    list_ends,
    source_date,
    xml_safe,
    zip_members,
)
from ieg_reports.render.docx_flow import plan
from ieg_reports.render.docx_package import finish_parts, set_setting
from ieg_reports.render.docx_styles import LazyStylesPart, use_lazy_styles
from ieg_reports.render.hyphenation import SOFT_HYPHEN, last_word, soft_hyphens
from ieg_reports.render.justify import justifies_badly
from ieg_reports.style import Style

PARAGRAPH_STYLES = {
    "body": "Normal",
    "lead": "Lead",
    "note": "Note",
    "small": "Small",
    "center": "Cover Line",
    "title": "Title",
}
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
}


@dataclass
class _Writer:
    """State of one document being written: the python-docx object, counters, warnings."""

    doc: Any
    model: Document
    assets: Assets
    colors: dict[str, str]
    bookmarks: int = 0
    warnings: list[str] = field(default_factory=list)
    keeps: set[int] = field(default_factory=set)  # ids of paragraphs kept with the next block
    body_size: float = 0.0  # the body's size in points, to measure its lines (0: not measured)
    scales: dict[int, float] = field(default_factory=dict)  # figures shrunk to fit, by id
    measure: float = 0.0  # the body's text width in points, once read
    _style_ids: StyleIds = field(default_factory=lambda: StyleIds())

    def style_id(self, name: str, kind: Any = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
        """The id of a named style, looked up once (python-docx rescans every style each time)."""
        key = (name, kind)
        if key not in self._style_ids:
            self._style_ids.learn(key, self.doc.part.get_style_id(name, kind))
        return self._style_ids[key]

    def paragraph(self, container: Any, style: str | None = None) -> Any:
        """A new paragraph of `container` in a named style (as `add_paragraph(style=…)`)."""
        paragraph = container.add_paragraph()
        if style is not None:
            paragraph._p.style = self.style_id(style)
        return paragraph

    @property
    def text_width(self) -> Any:
        """Width between the margins of the current section."""
        section = self.doc.sections[-1]
        return section.page_width - section.left_margin - section.right_margin


@dataclass(frozen=True)
class DocxWriter:
    """The Word writer, set up with its reference document and colours."""

    reference: Path
    colors: dict[str, str]
    fonts: dict[str, Path] = field(default_factory=dict)
    suffix: str = ".docx"
    body_size: float = 11.0  # the body's size in the reference's styles
    style: Style | None = None  # the PDF's style: with it, figures are placed as Word sets them

    def write(self, document: Document, assets: Assets) -> tuple[bytes, list[str]]:
        """The .docx's bytes and the warnings met."""
        return render_docx(
            document, assets, self.reference, self.colors, self.fonts, self.body_size, self.style
        )


def render_docx(
    model: Document,
    assets: Assets,
    reference: Path,
    colors: dict[str, str],
    fonts: dict[str, Path] | None = None,
    body_size: float = 11.0,
    style: Style | None = None,
) -> tuple[bytes, list[str]]:
    """Write `model` as .docx bytes (reproducible), with the warnings met (`style`: the
    PDF's, to estimate where figures fall and place them as Word can)."""
    use_lazy_styles()
    doc = open_docx(str(reference))
    _clear_body(doc)
    writer = _Writer(doc, model, assets, colors, _style_ids=_known_styles(reference))
    writer.keeps = intro_keeps(model.blocks)
    if fonts and set(FACES.values()) <= set(fonts):  # the embedded faces measure the lines
        register_files(fonts)
        writer.body_size = body_size
    blocks = model.blocks
    # Figures are placed from an estimate of Word's pages in a document of several figures
    # (a synthesis): measuring costs a fifth of a short pack's writing time, and a pack's one
    # figure comes early, where its template puts it.
    if style is not None and sum(isinstance(block, Figure) for block in blocks) > 1:
        columns = lambda table: [float(x) for x in _widths(writer, table, len(table.header))]  # noqa: E731
        placed = plan(model, assets, style, Emu(writer.text_width).pt, columns)
        blocks, writer.scales = placed.blocks, placed.scales
    first = blocks[0] if blocks else None
    if isinstance(first, Cover):
        _cover(writer, first)
    _header_footer(writer, with_cover=isinstance(first, Cover))
    for block in blocks[1:] if isinstance(first, Cover) else blocks:
        _block(block, writer, doc)
    _breaks_before(doc)
    _keep_last(doc.element.body)
    _properties(doc, model)
    _settings(doc, contents=any(isinstance(block, Toc) for block in model.blocks))
    _language(doc, model.info.language)
    family = font_family(fonts["regular"]) if fonts and "regular" in fonts else None
    return package_bytes(doc.part.package, family, fonts), writer.warnings


class StyleIds(dict[tuple[str, Any], str | None]):
    """Style ids of one reference document by (name, type), kept in the cache folder too.

    A lookup costs 5 ms and parses the reference's 350 kB of styles: learnt once for every
    build rather than in each worker. `name` is the cache file (None: kept in memory only).
    """

    def __init__(self, name: str | None = None) -> None:
        super().__init__()
        self.name = name
        data = stored(name) if name else None
        kinds = {int(kind): kind for kind in WD_STYLE_TYPE}
        with contextlib.suppress(ValueError, TypeError, KeyError):  # damaged: looked up again
            for style, kind, known in json.loads(data or "[]"):
                if isinstance(style, str) and (known is None or isinstance(known, str)):
                    self[(style, kinds[kind])] = known

    def learn(self, key: tuple[str, Any], known: str | None) -> None:
        """Remember one lookup, here and on disk."""
        self[key] = known
        if self.name:
            rows = [[style, int(kind), value] for (style, kind), value in self.items()]
            store(self.name, json.dumps(rows).encode())


# Style ids by reference document (path, size, mtime).
_STYLE_IDS: dict[tuple[str, int, int], StyleIds] = {}


def _known_styles(reference: Path) -> StyleIds:
    """The memo of style ids shared by every document made from `reference`."""
    import docx

    stat = reference.stat()
    key = (str(reference), stat.st_size, stat.st_mtime_ns)
    if key not in _STYLE_IDS:
        digest = hashlib.sha256(reference.read_bytes()).hexdigest()
        _STYLE_IDS[key] = StyleIds(f"styleids-{digest}-{docx.__version__}.json")
    return _STYLE_IDS[key]


def package_bytes(
    package: Any, family: str | None = None, fonts: dict[str, Path] | None = None
) -> bytes:
    """The package zipped once, reproducibly (python-docx's own save zips it with the time),
    with the font family embedded when there is one."""
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from docx.opc.pkgwriter import _ContentTypesItem

    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    members = {
        CONTENT_TYPES_URI.membername: _ContentTypesItem.from_parts(parts).blob,  # type: ignore[no-untyped-call]
        PACKAGE_URI.rels_uri.membername: package.rels.xml,
    }
    for part in parts:
        members[part.partname.membername] = part.blob
        if len(part.rels):
            members[part.partname.rels_uri.membername] = part.rels.xml
    if family and fonts:
        finish_parts(members, family, fonts)
    return zip_members(members)


def font_family(path: Path) -> str:
    """The family name a font file declares (what Word styles must name to use it).

    Kept with the font's subsets: reading it takes fontTools' font tables, whose import
    costs a worker 40 ms on every build.
    """
    from ieg_reports.fonts import derived_font

    return derived_font(path, "family-name", _read_family).decode("utf-8")


def _read_family(path: Path) -> bytes:
    from fontTools.ttLib import TTFont

    return str(TTFont(str(path), lazy=True)["name"].getDebugName(1)).encode("utf-8")


def _breaks_before(doc: Any) -> None:
    """Each paragraph holding only a page break becomes a « page break before » on the
    paragraph after it: Word and LibreOffice would set the break's empty paragraph on the new
    page, a blank line above its heading, where the PDF starts at the top. A paragraph that
    opens a page (after a break or the cover) keeps the PDF's space above it."""
    for p in doc.element.body.findall(qn("w:p")):
        following = p.getnext()
        if following is None or following.tag != qn("w:p"):
            continue
        if p.pPr is not None and p.pPr.sectPr is not None:  # the cover's end: a new page
            _space_at_top(doc, following.get_or_add_pPr())
        if not _only_a_break(p):
            continue
        ppr = following.get_or_add_pPr()
        ppr.get_or_add_pageBreakBefore()
        _space_at_top(doc, ppr)
        p.getparent().remove(p)


def _keep_last(body: Any) -> None:
    """The document's last paragraph (a colophon) never opens a page alone: the one before
    it keeps with it."""
    written = [p for p in body.iterchildren(qn("w:p")) if _plain(p).strip()]
    if len(written) > 1 and written[-2].getnext() is written[-1]:
        written[-2].get_or_add_pPr().get_or_add_keepNext()


def _plain(paragraph: Any) -> str:
    return "".join(paragraph.xpath(".//w:t/text()"))


# The body's space after a paragraph: headings' space before includes it (Word keeps the
# larger of the two spaces where reportlab adds them), except at the top of a page.
BODY_SPACE_AFTER = Pt(5)


def _space_at_top(doc: Any, ppr: Any) -> None:
    """A paragraph opening a page keeps only its own space before, as in the PDF."""
    before = _space_before(doc, ppr.pStyle.val) if ppr.pStyle is not None else None
    if before:
        ppr.get_or_add_spacing().before = max(0, before - BODY_SPACE_AFTER)


# A style's space before, by styles part content: reading it parses the styles.
_SPACE_BEFORE: dict[tuple[int, str], Any] = {}


def _space_before(doc: Any, style_id: str) -> Any:
    """The space before of a paragraph style (looked up once per reference)."""
    raw = getattr(doc.part._styles_part, "_raw", None)  # a lazy part's bytes
    key = (hash(raw), style_id)
    if raw is None or key not in _SPACE_BEFORE:
        style = doc.styles.element.get_by_id(style_id)
        spacing = style.pPr.spacing if style is not None and style.pPr is not None else None
        _SPACE_BEFORE[key] = spacing.before if spacing is not None else None
    return _SPACE_BEFORE[key]


def _only_a_break(p: Any) -> bool:
    """Whether a paragraph holds a page break and nothing else."""
    runs = p.findall(qn("w:r"))
    return (
        len(runs) == 1
        and [c.tag for c in runs[0] if c.tag != qn("w:rPr")] == [qn("w:br")]
        and runs[0][-1].get(qn("w:type")) == "page"
    )


def _clear_body(doc: Any) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


@singledispatch
def _block(block: Block, w: _Writer, container: Any) -> None:
    """Write one block into the document or a table cell (one handler per block type)."""
    raise TypeError(f"unknown block type {type(block).__name__}")


@_block.register
def _(block: Heading, w: _Writer, container: Any) -> None:
    _heading(w, container, block)


@_block.register
def _(block: Paragraph, w: _Writer, container: Any) -> None:
    paragraph = w.paragraph(container, PARAGRAPH_STYLES.get(block.style, "Normal"))
    _paragraph(w, paragraph, block.runs, hyphenate=block.style in HYPHENATED)
    if block.style == "left" or _justifies_badly(w, container, block):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT  # ragged right
    if block.style == "left":  # short lists, key/value lines: never hyphenated
        _no_hyphens(paragraph._p.get_or_add_pPr())
    if block.style == "title":  # a title at the top of a page, not on a cover: no drop
        paragraph.paragraph_format.space_before = Pt(0)
    if introduces(block) or id(block) in w.keeps:
        paragraph.paragraph_format.keep_with_next = True


def _justifies_badly(w: _Writer, container: Any, block: Paragraph) -> bool:
    """A body paragraph whose justified lines would stretch (the PDF's rule, measured in the
    same font on the same measure) is set ragged right, as the PDF sets it."""
    if block.style != "body" or not w.body_size or isinstance(container, _Cell):
        return False
    if not w.measure:  # the body's sections share one measure: read it once
        w.measure = Emu(w.text_width).pt
    return justifies_badly(block.runs, w.measure, w.body_size)


@_block.register
def _(block: ListBlock, w: _Writer, container: Any) -> None:
    _list(w, container, block, 1)


@_block.register
def _(block: Table, w: _Writer, container: Any) -> None:
    _table(w, container, block)


@_block.register
def _(block: Figure, w: _Writer, container: Any) -> None:
    _figure(w, container, block)


@_block.register
def _(block: PageBreak, w: _Writer, container: Any) -> None:
    if not block.soft:  # a soft break needs the page's fill, which Word alone knows
        container.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


@_block.register
def _(block: Toc, w: _Writer, container: Any) -> None:
    _toc(w, container, block)


@_block.register
def _(block: Box, w: _Writer, container: Any) -> None:
    _box(w, container, block)


@_block.register
def _(block: Aside, w: _Writer, container: Any) -> None:
    _aside(w, container, block)


@_block.register
def _(block: Cover, w: _Writer, container: Any) -> None:
    for inner in block.blocks:
        _block(inner, w, container)


# Roles whose paragraphs are hyphenated, as in the PDF (a lead, a title, a cover line are not).
HYPHENATED = ("body", "note", "small")  # not "left": ragged lines need no cut


def _paragraph(w: _Writer, paragraph: Any, runs: tuple[Run, ...], hyphenate: bool = False) -> Any:
    """The runs of a paragraph; with `hyphenate`, soft hyphens where a word may be cut (the
    paragraph's last word never)."""
    before, offset = "", 0
    stop = _last_word_start(runs) if hyphenate else 0
    for run in runs:
        if run.line_break:
            paragraph.add_run().add_break()
        elif run.link and is_safe_url(run.link):
            _hyperlink(w, paragraph, run)
        else:
            cut = 0 if run.code else max(0, stop - offset)
            _plain_runs(w, paragraph, run, before.endswith("«\u00a0"), cut)
        before, offset = run.text, offset + len(run.text)
    return paragraph


def _last_word_start(runs: tuple[Run, ...]) -> int:
    """Where the last word of the runs' text starts (words before it may be cut)."""
    text = "".join("" if run.line_break else run.text for run in runs)
    last = last_word(text)
    return text.rindex(last) if last else len(text)


# The PDF never cuts words bound by a no-break space: reportlab takes them as one word, not
# made of letters only (« Décarbonation », « mercredi 18 octobre 2017 », « thème ; »). Word
# and LibreOffice cut each word of such a group: they get no soft hyphen, and no language.
QUOTED_WORD = re.compile(r"(«\u00a0\S+|\S+(?:\u00a0\S+)+)")


def _plain_runs(w: _Writer, paragraph: Any, run: Run, after_quote: bool, cut: int = 0) -> None:
    """A run, each group of words bound by no-break spaces (a date, the first word of a
    quoted name) in a run of its own that is never cut (`after_quote`: the run itself opens
    a name, « *prosumers* »); its other words ending before offset `cut` get soft hyphens."""
    pieces = QUOTED_WORD.split(run.text)
    if after_quote:
        word = re.match(r"\S*", pieces[0]).group()  # type: ignore[union-attr]
        pieces[:1] = ["", word, pieces[0][len(word) :]]
    offset = 0
    for k, piece in enumerate(pieces):
        text = piece if k % 2 else soft_hyphens(piece, cut - offset)
        offset += len(piece)
        if piece:
            out = _run(w, paragraph, replace(run, text=text))
            if k % 2:
                lang = OxmlElement("w:lang")
                lang.set(qn("w:val"), "zxx")
                rpr = out._r.get_or_add_rPr()
                rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")


def _run(w: _Writer, paragraph: Any, run: Run) -> Any:
    text = xml_safe(run.text, w.warnings)
    out = paragraph.add_run(text)
    if SOFT_HYPHEN in text:
        _soft_hyphens(out._r)
    out.bold = run.bold or None
    out.italic = run.italic or None
    if run.code:
        out.font.name = "Consolas"
    return out


def _soft_hyphens(r: Any) -> None:
    """A run's soft hyphens as Word's optional hyphens (w:softHyphen between its texts)."""
    for t in r.findall(qn("w:t")):
        pieces = (t.text or "").split(SOFT_HYPHEN)
        if len(pieces) < 2:
            continue
        t.text = pieces[0]
        t.set(qn("xml:space"), "preserve")
        anchor = t
        for piece in pieces[1:]:  # lxml's own factory: OxmlElement parses a string each time
            hyphen = t.makeelement(qn("w:softHyphen"), {})
            anchor.addnext(hyphen)
            anchor = t.makeelement(qn("w:t"), {qn("xml:space"): "preserve"})
            anchor.text = piece
            hyphen.addnext(anchor)


def _hyperlink(w: _Writer, paragraph: Any, run: Run) -> None:
    """A clickable link (python-docx has no API): a w:hyperlink with the Hyperlink style."""
    rel = paragraph.part.relate_to(run.link, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    link.set(qn("w:history"), "1")
    element = _run(w, paragraph, run)._r
    rpr = element.get_or_add_rPr()
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    rpr.insert(0, style)
    element.addprevious(link)
    link.append(element)


def _heading(w: _Writer, container: Any, block: Heading) -> None:
    paragraph = w.paragraph(container, f"Heading {min(block.level, 3)}")
    w.bookmarks += 1
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(w.bookmarks))
    start.set(qn("w:name"), _bookmark(block))
    paragraph._p.append(start)
    _paragraph(w, paragraph, block.runs)
    _hold_last_compound(paragraph._p)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(w.bookmarks))
    paragraph._p.append(end)


def _hold_last_compound(p: Any) -> None:
    """A title's last word is never cut at its own hyphen (« l’auto- / disruption »), as
    the PDF keeps it: its hyphens become Word's non-breaking hyphens."""
    texts = p.findall(f"{qn('w:r')}/{qn('w:t')}")
    if not texts or "-" not in (texts[-1].text or "").rpartition(" ")[2]:
        return
    t = texts[-1]
    head, space, last = (t.text or "").rpartition(" ")
    first, *rest = last.split("-")
    t.text = head + space + first
    t.set(qn("xml:space"), "preserve")
    anchor = t
    for piece in rest:
        hyphen = OxmlElement("w:noBreakHyphen")
        anchor.addnext(hyphen)
        anchor = OxmlElement("w:t")
        anchor.text = piece
        hyphen.addnext(anchor)


def _bookmark(block: Heading) -> str:
    """Word bookmark names: at most 40 characters, no hyphen."""
    return ("_Toc_" + block.anchor.replace("-", "_"))[:40]


def _list(w: _Writer, container: Any, block: ListBlock, level: int) -> None:
    kind = "List Number" if block.ordered else "List Bullet"
    style = kind if level == 1 else f"{kind} {min(level, 3)}"
    num_id = _restart_numbering(w.doc, style, block.start) if block.ordered else None
    keeps = _item_keeps(block, int(w.text_width) / 12700)
    for item, keep in zip(block.items, keeps, strict=True):
        first = True
        for inner in item.blocks:
            if isinstance(inner, ListBlock):
                _list(w, container, inner, level + 1)
            elif isinstance(inner, Paragraph):
                paragraph = w.paragraph(container, style if first else "List Continue")
                if num_id is not None and first:
                    _set_num(paragraph, num_id)
                _paragraph(w, paragraph, inner.runs, hyphenate=True)
                if keep:
                    paragraph.paragraph_format.keep_with_next = True
                first = False
            else:
                _block(inner, w, container)


AVERAGE_CHAR = 4.9  # points: the mean width of a character of the body text (11 pt Lato)


def _item_keeps(block: ListBlock, width: float) -> list[bool]:
    """Which items keep with the next one, as the PDF splits a list: its first and its last
    two items bound together, or one item of three lines or more (lines estimated from the
    length of the text on a measure of `width` points: Word counts them only when laying out)."""
    per_line = max(20, int(width / AVERAGE_CHAR))
    lines = [
        -(-sum(len(b.text) for b in item.blocks if isinstance(b, Paragraph)) // per_line)
        if all(isinstance(b, Paragraph) for b in item.blocks)
        else LEAST_LINES
        for item in block.items
    ]
    count = len(lines)
    first, last = list_ends(lines)
    whole = first + last > count
    return [n < count - 1 and (whole or n < first - 1 or n >= count - last) for n in range(count)]


def _restart_numbering(doc: Any, style_name: str, start: int) -> int:
    """A new numbering instance so each numbered list starts again at `start`."""
    base_id = _list_num_id(doc, style_name)
    numbering = doc.part.numbering_part.element
    base = next(n for n in numbering.findall(qn("w:num")) if int(n.get(qn("w:numId"))) == base_id)
    abstract = base.find(qn("w:abstractNumId")).get(qn("w:val"))
    new_id = max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_id))
    abstract_ref = OxmlElement("w:abstractNumId")
    abstract_ref.set(qn("w:val"), abstract)
    num.append(abstract_ref)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start_el = OxmlElement("w:startOverride")
    start_el.set(qn("w:val"), str(start))
    override.append(start_el)
    num.append(override)
    numbering.append(num)
    return new_id


# A list style's numbering id, by styles part content: reading it parses the styles.
_LIST_NUM_IDS: dict[tuple[int, str], int] = {}


def _list_num_id(doc: Any, style_name: str) -> int:
    """The numbering instance a list style names (looked up once per reference)."""
    raw = getattr(doc.part._styles_part, "_raw", None)  # a lazy part's bytes
    key = (hash(raw), style_name)
    if raw is None or key not in _LIST_NUM_IDS:
        num_pr = doc.styles[style_name].element.pPr.find(qn("w:numPr"))
        _LIST_NUM_IDS[key] = int(num_pr.find(qn("w:numId")).get(qn("w:val")))
    return _LIST_NUM_IDS[key]


def _set_num(paragraph: Any, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _widths(w: _Writer, table: Table, columns: int) -> list[int]:
    """Column widths in EMU filling the text width, from the relative widths given."""
    weights = list(table.widths[:columns]) + [1.0] * (columns - len(table.widths))
    total = sum(weights) or 1.0
    width = int(w.text_width)
    widths = [width * x / total for x in weights]
    least = [_header_width(cell.text) if table.has_header else 0.0 for cell in table.header]
    # LibreOffice breaks a header word that does not fit (« Cod/e »): widen those columns,
    # taking the room from the others in proportion to what they have to spare.
    short = sum(max(0.0, m - x) for m, x in zip(least, widths, strict=True))
    spare = sum(max(0.0, x - m) for m, x in zip(least, widths, strict=True))
    if short > 0 and spare > short:
        widths = [
            m if x <= m else x - (x - m) * short / spare for m, x in zip(least, widths, strict=True)
        ]
    return _whole_twips(widths)


def _whole_twips(widths: list[float]) -> list[int]:
    """Widths in whole twips (635 EMU), rounded edge by edge so that they add up: the .docx
    stores twips, and columns a fraction apart leave a white seam between shaded cells."""
    edges, total = [0], 0.0
    for width in widths:
        total += width
        edges.append(round(total / 635) * 635)
    return [right - left for left, right in pairwise(edges)]


def _header_width(text: str) -> float:
    """The width in EMU the longest word of a header needs (9 pt bold Lato, cell margins)."""
    longest = max((len(word) for word in text.split()), default=0)
    return longest * 0.58 * 9 * 12700 + int(Pt(10))  # Lato Bold's wide letters, 4 pt margins


def _table(w: _Writer, container: Any, block: Table) -> None:
    """A table written as XML in one piece, then parsed once.

    python-docx builds a table element by element, each insertion scanning its siblings:
    the synthesis's annex at 100× (thousands of rows) spent most of the document's time
    there. The XML is the very XML python-docx makes (the tests compare them).
    """
    widths = _widths(w, block, len(block.header))
    tbl = parse_xml(_table_xml(w, block, widths))
    if isinstance(container, _Cell):
        container._element._insert_tbl(tbl)
        container.add_paragraph()  # as `_Cell.add_table`: a cell ends with a paragraph
    else:
        container._body._element._insert_tbl(tbl)
    _space(w, container, 6)  # the PDF's space after a table


# Children of w:tblPr that the schema puts after w:tblCellMar (Word wants the order).
TBLPR_AFTER_MARGINS = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
# Children of w:tcPr after w:tcBorders, after w:shd, and after w:tcMar.
TCPR_AFTER_BORDERS = ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
                      "w:vAlign", "w:hideMark")  # fmt: skip


def _space(w: _Writer, container: Any, points: float) -> None:
    """An empty paragraph exactly `points` high: the gap the PDF leaves after a table (Word
    also needs a paragraph between two tables, or it merges them)."""
    paragraph = w.paragraph(container, "Small")
    paragraph_format = paragraph.paragraph_format
    paragraph_format.line_spacing = Pt(points)
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.space_before = paragraph_format.space_after = Pt(0)


CELL_MARGINS = (
    '<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
    '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
)


def _table_xml(w: _Writer, block: Table, widths: list[int]) -> str:
    """The w:tbl of a table: light borders, header row repeated, striped rows."""
    style = w.style_id("Table Grid", WD_STYLE_TYPE.TABLE)
    rule = w.colors["rule"].lstrip("#")
    borders = "".join(
        f'<w:{edge} w:val="{"single" if edge in ("top", "bottom", "insideH") else "nil"}" '
        f'w:sz="4" w:color="{rule}"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    head = (
        f"<w:tbl {nsdecls('w', 'r')}><w:tblPr>"
        + (f'<w:tblStyle w:val="{_attr(style)}"/>' if style is not None else "")
        + '<w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        + CELL_MARGINS  # the PDF's 3/4 pt around a cell's text
        + '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
        'w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
        "</w:tblPr><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{Emu(x).twips}"/>' for x in widths)
        + "</w:tblGrid>"
    )
    text_style = w.style_id("Table Text")
    count, lead = 1 + len(block.rows), 2 if block.has_header else 1
    keeps = [keeps_with_next(r, count, lead, TABLE_TAIL) for r in range(count)]
    rows = [_row_xml(w, block, r, cells, widths, text_style, keeps[r])
            for r, cells in enumerate((block.header, *block.rows))]  # fmt: skip
    return head + "".join(rows) + "</w:tbl>"


def keeps_with_next(index: int, count: int, lead: int = 1, tail: int = 2) -> bool:
    """The PDF's keep rules for rows and list items: the first `lead` keep with the next one
    (a table's header and first row), the last `tail` stay together; at most four are never
    split; the last one keeps with nothing."""
    if index >= count - 1:
        return False
    return count <= 4 or index < lead or index >= count - tail


TABLE_TAIL = 3  # rows a table keeps together at its end (a total and two), as the PDF does


def _row_xml(
    w: _Writer,
    block: Table,
    r: int,
    cells: Any,
    widths: list[int],
    text_style: str | None,
    keep: bool,
) -> str:
    """One w:tr: never split across pages; the header repeats, white bold on the accent."""
    head = r == 0 and block.has_header  # a key/value table has no header row
    stripe = w.colors["table_stripe"] if r % 2 == 0 else None
    fill = w.colors["table_header"] if head else stripe
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill.lstrip("#")}"/>' if fill else ""
    # Shaded cells edged in their own shade: LibreOffice leaves a white seam between them.
    edges = _shade_edges(fill) if fill else ""
    out = ["<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if head else "") + "</w:trPr>"]
    for c, width in enumerate(widths):
        align = ALIGN_XML.get(block.align[c] if c < len(block.align) else "left")
        out.append(
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{Emu(width).twips}"/>{edges}{shade}'
            "</w:tcPr><w:p><w:pPr>"
            + (f'<w:pStyle w:val="{_attr(text_style)}"/>' if text_style is not None else "")
            + ("<w:keepNext/>" if keep else "")
            + (f'<w:jc w:val="{align}"/>' if align else "")
            + "</w:pPr>"
            + "".join(_run_xml(w, run, head) for run in (cells[c].runs if c < len(cells) else ()))
            + "</w:p></w:tc>"
        )
    return "".join(out) + "</w:tr>"


def _shade_edges(fill: str) -> str:
    """A shaded cell's side borders in its own fill colour."""
    color = fill.lstrip("#")
    return (
        "<w:tcBorders>"
        + "".join(f'<w:{side} w:val="single" w:sz="4" w:color="{color}"/>' for side in SIDES)
        + "</w:tcBorders>"
    )


SIDES = ("left", "right")
ALIGN_XML = {"left": "left", "right": "right", "center": "center"}
_HEADER_RUN = '<w:b/><w:color w:val="FFFFFF"/>'


def _run_xml(w: _Writer, run: Run, header: bool) -> str:
    """One run as `_paragraph` writes it (a header run in white bold, links excepted)."""
    if run.line_break:
        return f"<w:r>{'<w:rPr>' + _HEADER_RUN + '</w:rPr>' if header else ''}<w:br/></w:r>"
    link = run.link and is_safe_url(run.link)
    properties = (
        ('<w:rStyle w:val="Hyperlink"/>' if link else "")
        + ('<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/>' if run.code else "")
        + ("<w:b/>" if run.bold or (header and not link) else "")
        + ("<w:i/>" if run.italic else "")
        + ('<w:color w:val="FFFFFF"/>' if header and not link else "")
    )
    body = f"<w:r><w:rPr>{properties}</w:rPr>" if properties else "<w:r><w:rPr/>"
    body += _text_xml(xml_safe(run.text, w.warnings)) + "</w:r>"
    if not link:
        return body
    rel = w.doc.part.relate_to(run.link, RT.HYPERLINK, is_external=True)
    return f'<w:hyperlink r:id="{rel}" w:history="1">{body}</w:hyperlink>'


def _text_xml(text: str) -> str:
    """Run content as python-docx writes a run's text: tabs and line ends as elements."""
    out = []
    for piece in re.split(r"([\t\r\n])", text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            out.append(f"<w:t{space}>{xml_escape(piece)}</w:t>")
    return "".join(out)


def _attr(value: str) -> str:
    return xml_escape(value, {'"': "&quot;"})


def _add_table(container: Any, rows: int, cols: int) -> Any:
    """A new table in the document body or a cell, in the default table style.

    `Document.add_table` sets the style even to none, which reads (parses) every style.
    """
    if isinstance(container, _Cell):
        return container.add_table(rows=rows, cols=cols)
    return container._body.add_table(rows, cols, container._block_width)


def _shade_cell(cell: Any, color: str | None) -> None:
    if not color:
        return
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color.lstrip("#"))
    cell._tc.get_or_add_tcPr().insert_element_before(shading, *TCPR_AFTER_BORDERS[1:])


def _figure(w: _Writer, container: Any, block: Figure) -> None:
    picture = w.assets.figure(block)
    paragraph = w.paragraph(container, "Figure")
    run = paragraph.add_run()
    width = min(int(w.text_width), int(Pt(picture.width)))  # print size, as in the PDF
    width = int(width * w.scales.get(id(block), 1.0))  # or shrunk to fit its page
    _picture(run, picture.png(), width)
    doc_pr = run._r.find(".//" + qn("wp:docPr"))
    doc_pr.set("descr", xml_safe(block.alt, w.warnings))
    doc_pr.set("title", f"Figure {block.number}")
    caption = w.paragraph(container, "Caption")
    caption.add_run("Figure ")
    _field(caption, " SEQ Figure \\* ARABIC ", str(block.number))
    caption.add_run(" — ")
    _paragraph(w, caption, block.caption, hyphenate=True)
    # The chart's notes, then its source, each in its own paragraph as in the PDF, all
    # kept with the caption.
    below = [caption]
    for line in picture.below:
        below.append(w.paragraph(container, _source_style(w)))
        below[-1].add_run(xml_safe(line, w.warnings))
    for paragraph in below[:-1]:
        paragraph.paragraph_format.keep_with_next = True


def _source_style(w: _Writer) -> str:
    """The notes' style: « Source », or « Small » in a user's reference that lacks it."""
    try:
        w.style_id("Source")
    except KeyError:
        return "Small"
    return "Source"


def _picture(run: Any, png: bytes, width: Any) -> None:
    """An inline picture with no wrapping distance: python-docx leaves the distances out,
    and LibreOffice then reads an eighth of an inch on each side (a figure 9 pt right of
    the PDF's, jutting into the margin)."""
    run.add_picture(io.BytesIO(png), width=width)
    inline = run._r.find(".//" + qn("wp:inline"))
    for side in ("distT", "distB", "distL", "distR"):
        inline.set(side, "0")


def _field(paragraph: Any, instruction: str, result: str) -> None:
    """A Word field with a cached result (shown before any update)."""
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", result),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _toc(w: _Writer, container: Any, block: Toc) -> None:
    """The headings as linked entries, each with a dotted leader and a PAGEREF field.

    Not a TOC field: LibreOffice keeps a TOC field's cached text as it is, while it computes
    PAGEREF fields when it lays the pages out; Word computes them when it updates the fields
    on opening (updateFields), so both show the page numbers.
    """
    title = w.paragraph(container, "Heading 1")
    title.add_run(block.title)
    title.paragraph_format.keep_with_next = True
    for heading in w.model.headings(block.depth):
        paragraph = w.paragraph(container, f"toc {heading.level}")
        _tab_stop(paragraph, w.text_width)
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), _bookmark(heading))
        paragraph._p.append(link)
        text_run = paragraph.add_run(xml_safe(heading.text, w.warnings))
        link.append(text_run._r)
        _page_reference(paragraph, link, _bookmark(heading))


def _page_reference(paragraph: Any, link: Any, bookmark: str) -> None:
    """A tab to the dotted leader, then a PAGEREF field: LibreOffice computes it on opening,
    Word when it refreshes the table of contents."""
    tab = paragraph.add_run()
    tab._r.append(OxmlElement("w:tab"))
    link.append(tab._r)
    for kind, text in (("begin", None), (None, f" PAGEREF {bookmark} \\h "), ("separate", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        link.append(run._r)
    cached = paragraph.add_run("")
    link.append(cached._r)
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)
    link.append(end._r)


def _tab_stop(paragraph: Any, width: Any) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

    paragraph.paragraph_format.tab_stops.add_tab_stop(
        width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
    )


def _field_part(paragraph: Any, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


def _instr(paragraph: Any, text: str) -> None:
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = text
    paragraph.add_run()._r.append(instr)


def _box(w: _Writer, container: Any, block: Box) -> None:
    """A shaded one-cell table holding the blocks, with an accent rule on the left."""
    table = _add_table(container, 1, 1)
    table.autofit = False
    table.columns[0].width = int(w.text_width)
    cell = table.cell(0, 0)
    cell.width = int(w.text_width)
    _shade_cell(cell, w.colors["box"])
    table.alignment = WD_TABLE_ALIGNMENT.CENTER  # its rule on the margin, as in the PDF
    margins = OxmlElement("w:tcMar")
    for edge, size in (("top", "160"), ("left", "240"), ("bottom", "120"), ("right", "200")):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), size)
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    cell._tc.get_or_add_tcPr().insert_element_before(margins, *TCPR_AFTER_BORDERS[3:])
    borders = OxmlElement("w:tcBorders")
    left = OxmlElement("w:left")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", "24"),
        ("w:color", w.colors["primary"].lstrip("#")),
    ):
        left.set(qn(key), value)
    borders.append(left)
    cell._tc.get_or_add_tcPr().insert_element_before(borders, *TCPR_AFTER_BORDERS)
    first = cell.paragraphs[0]
    for inner in block.blocks:
        _block(inner, w, cell)
    first._p.getparent().remove(first._p)
    _space(w, container, 8)


def _aside(w: _Writer, container: Any, block: Aside) -> None:
    """The blocks, with the QR code of their link in a narrow column on the right."""
    picture = w.assets.qr(block.qr)
    if picture is None:
        for inner in block.blocks:
            _block(inner, w, container)
        return
    table = _add_table(container, 1, 2)
    table.autofit = False
    widths = [int(w.text_width) - int(Cm(2.8)), int(Cm(2.8))]
    for n, width in enumerate(widths):
        table.columns[n].width = width
        table.cell(0, n).width = width
    text_cell, qr_cell = table.cell(0, 0), table.cell(0, 1)
    first = text_cell.paragraphs[0]
    for inner in block.blocks:
        _block(inner, w, text_cell)
    first._p.getparent().remove(first._p)
    # Ragged right beside the code, as the PDF (its styles left unread: parsing them is slow).
    for paragraph in text_cell.paragraphs:
        if paragraph.alignment in (None, WD_ALIGN_PARAGRAPH.JUSTIFY):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    qr_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT  # on the margin, as the PDF
    run = qr_cell.paragraphs[0].add_run()
    _picture(run, picture.png(), Pt(picture.width))
    run._r.find(".//" + qn("wp:docPr")).set("descr", f"Code QR du lien {block.qr}")
    _space(w, container, 6)


# What follows w:suppressAutoHyphens in a paragraph's properties (the schema's order).
AFTER_HYPHENS = (
    *("w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE"),
    *("w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind"),
    *("w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc"),
    *("w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId"),
    *("w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
)


def _no_hyphens(ppr: Any) -> None:
    """Word's and LibreOffice's « do not hyphenate » on a paragraph, in its schema place."""
    if ppr.find(qn("w:suppressAutoHyphens")) is None:
        ppr.insert_element_before(OxmlElement("w:suppressAutoHyphens"), *AFTER_HYPHENS)


def _cover(w: _Writer, cover: Cover) -> None:
    """The cover in a section of its own (no header or footer), then a new section."""
    doc = w.doc
    for inner in cover.blocks:
        if isinstance(inner, Heading) and inner is cover.blocks[0]:
            _hold_last_compound(_paragraph(w, w.paragraph(doc, "Title"), inner.runs)._p)
        elif isinstance(inner, Paragraph) and inner.style == "note":
            paragraph = _paragraph(w, w.paragraph(doc, "Note"), inner.runs, hyphenate=True)
            paragraph.paragraph_format.space_before = Pt(72)
        else:
            _block(inner, w, doc)
    doc.add_section(WD_SECTION.NEW_PAGE)


def _header_footer(w: _Writer, with_cover: bool) -> None:
    """Title in the header, « page X sur Y » in the footer; nothing on the cover."""
    sections = w.doc.sections
    body = sections[-1]
    body.header.is_linked_to_previous = False
    body.footer.is_linked_to_previous = False
    header = body.header.paragraphs[0]
    header._p.style = w.style_id("Header Text")
    header.add_run(xml_safe(w.model.info.header or w.model.info.title, w.warnings))
    footers = [body.footer.paragraphs[0]]
    if not w.model.info.header_on_first_page:  # page 1: the footer only, no running header
        body.different_first_page_header_footer = True
        footers.append(body.first_page_footer.paragraphs[0])
    for footer in footers:
        footer._p.style = w.style_id("Footer Text")
        footer.add_run("page ")
        _field(footer, " PAGE ", "1")
        footer.add_run(" sur ")
        _field(footer, " NUMPAGES ", "1")
    if with_cover and len(sections) > 1:
        cover = sections[0]
        cover.header.is_linked_to_previous = False
        cover.footer.is_linked_to_previous = False


CORE_PROPERTY_MAX = 255  # python-docx refuses longer core properties (Word's own limit)


def _properties(doc: Any, model: Document) -> None:
    """Core properties from the data; dates from the workshop or SOURCE_DATE_EPOCH."""
    info = model.info
    props = doc.core_properties
    when = source_date() or dt.datetime.combine(info.date, dt.time(9, 0))
    props.title = clip(info.title, CORE_PROPERTY_MAX)
    props.subject = clip(info.subject, CORE_PROPERTY_MAX)
    props.author = clip(info.author, CORE_PROPERTY_MAX)
    props.last_modified_by = clip(info.author, CORE_PROPERTY_MAX)
    props.keywords = clip(", ".join(info.keywords), CORE_PROPERTY_MAX)
    props.language = info.language
    props.comments = "Document généré par ieg-reports à partir du classeur de l’atelier."
    props.category = "Prospective"
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1


# Hyphenation as in the PDF: French words cut in justified text, at the soft hyphens the
# writer puts where a cut leaves three letters on each side (neither Word nor LibreOffice
# reads such a minimum from a .docx, and their automatic hyphenation leaves « exhaustivi-/té »),
# so automatic hyphenation is off; the rest holds for a user's own additions once it is on:
# a zone of 1 cm, never more than two lines running ending with a hyphen, no word in capitals.
HYPHENATION = (
    ("autoHyphenation", {"val": "false"}),
    ("consecutiveHyphenLimit", {"val": "2"}),
    ("hyphenationZone", {"val": "567"}),
    ("doNotHyphenateCaps", {"val": "true"}),
)


def _language(doc: Any, language: str) -> None:
    """The document's language on every run by default: Word and LibreOffice hyphenate by
    it (a user's own reference.docx may still say en-US)."""
    part = doc.part._styles_part
    if isinstance(part, LazyStylesPart):  # set when written: the styles stay unparsed
        part.edit(("language", language), lambda styles: _set_language(styles, language))
    else:
        _set_language(doc.styles.element, language)


def _set_language(styles: Any, language: str) -> None:
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    rpr = rpr_default.find(qn("w:rPr")) if rpr_default is not None else None
    if rpr is None:
        return  # no defaults to set: the styles keep their own languages
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


def _settings(doc: Any, contents: bool) -> None:
    """Hyphenation on; with a table of contents, its page numbers refreshed on open.

    Word asks before it updates fields: only a document with contents asks (page numbers in
    the footer and figure numbers are right without an update).
    """
    settings = doc.settings.element
    for name, attributes in HYPHENATION:
        set_setting(settings, name, **attributes)
    if contents:
        set_setting(settings, "updateFields", val="true")
