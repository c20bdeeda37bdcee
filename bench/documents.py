"""One document through our writers and through the bare libraries, on the same content.

- ours: the assets stage (charts and QR codes drawn from scratch) and our PDF or Word writer;
- bare platypus: the very flowables our PDF writer makes, laid out by a plain
  `BaseDocTemplate.build` (no table-of-contents passes, no page « X sur Y », no outline);
- bare python-docx: the same text, lists, tables and pictures added with python-docx's
  default template and its plain API (it embeds no font; ours embeds the four faces of the
  family, subset, as every build does: that work is counted on our side);
- WeasyPrint: the same document as HTML (charts as SVG); LibreOffice: our .docx → PDF.

Times are medians of interleaved runs in this process, in CPU time of this process: five
engineers share the machine's two cores, and wall-clock time measures their load as much as
ours. LibreOffice runs in its own processes: its time is wall-clock.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
    Table,
    Toc,
)


@dataclass
class Routes:
    """The routes of one document, each a function returning its bytes (or None)."""

    name: str
    ours_pdf: Callable[[], Any]
    bare_pdf: Callable[[], Any]
    ours_docx: Callable[[], Any]
    bare_docx: Callable[[], Any]
    weasyprint: Callable[[], Any]
    libreoffice: Callable[[], Any]


def fresh_assets(document: Document, workshop: Any, style: Any) -> Assets:
    """The document's pictures drawn from scratch (the per-process memo emptied first)."""
    from ieg_reports.charts import assets

    assets._FIGURES.clear()
    assets._QR.clear()
    return assets.resolve_assets(document, workshop, style)


def bare_platypus(document: Document, assets: Assets, style: Any) -> bytes:
    """Our writer's story, laid out by a plain BaseDocTemplate.build."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from ieg_reports.render import pdf_writer as w

    font = w.register_fonts(style)
    page = style.page
    left, right = page["margin_left"] * mm, page["margin_right"] * mm
    top, bottom = page["margin_top"] * mm, page["margin_bottom"] * mm
    width, height = A4[0] - left - right, A4[1] - top - bottom
    ctx = w._Context(w._styles(style), style, assets, w.Coverage(font), document, width, height)
    story = w._flowables(ctx, document.blocks, width)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, invariant=1)
    doc.addPageTemplates([PageTemplate("body", [Frame(left, bottom, width, height)])])
    doc.build(story)
    return buffer.getvalue()


def bare_docx(document: Document, assets: Assets) -> bytes:
    """The same content through python-docx's plain API and default template."""
    import docx
    from docx.shared import Cm

    out = docx.Document()

    def text(block: Any) -> str:
        return "".join(r.text for r in block.runs)

    def add(block: Block) -> None:
        if isinstance(block, Heading):
            out.add_heading(text(block), min(block.level, 3))
        elif isinstance(block, Paragraph):
            paragraph = out.add_paragraph()
            for run in block.runs:
                paragraph.add_run(run.text, None).bold = run.bold or None
        elif isinstance(block, ListBlock):
            style = "List Number" if block.ordered else "List Bullet"
            for item in block.items:
                for inner in item.blocks:
                    if isinstance(inner, Paragraph):
                        out.add_paragraph(text(inner), style)
                    else:
                        add(inner)
        elif isinstance(block, Table):
            table = out.add_table(rows=1, cols=len(block.header))
            for cell, value in zip(table.rows[0].cells, block.header, strict=False):
                cell.text = value.text
            for row in block.rows:
                for cell, value in zip(table.add_row().cells, row, strict=False):
                    cell.text = value.text
        elif isinstance(block, Figure):
            out.add_picture(io.BytesIO(assets.figure(block).png()), width=Cm(16))
            out.add_paragraph(f"Figure {block.number} — " + "".join(r.text for r in block.caption))
        elif isinstance(block, Box | Cover | Aside):
            for inner in block.blocks:
                add(inner)
            picture = assets.qr(block.qr) if isinstance(block, Aside) else None
            if picture is not None:
                out.add_picture(io.BytesIO(picture.png()), width=Cm(2.2))
        elif isinstance(block, PageBreak | Toc):
            out.add_page_break()

    for block in document.blocks:
        add(block)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def routes_for(name: str, document: Document, workshop: Any, style: Any, reference: Any) -> Routes:
    """Every route of one composed document."""
    from html_route import libreoffice_pdf, weasyprint_pdf

    from ieg_reports.fonts import FACES, font_file
    from ieg_reports.render.docx_writer import DocxWriter
    from ieg_reports.render.pdf_writer import PdfWriter

    warm = fresh_assets(document, workshop, style)
    warm_png = [p.png() for p in [*warm.figures.values(), *warm.qr_codes.values()]]
    assert warm_png is not None  # bare routes reuse pictures already made
    fonts = {key: font_file(style, key) for key in FACES.values()}  # as every build embeds them
    docx_bytes = DocxWriter(reference, style.colors, fonts).write(document, warm)[0]
    return Routes(
        name,
        lambda: PdfWriter(style).write(document, fresh_assets(document, workshop, style)),
        lambda: bare_platypus(document, warm, style),
        lambda: DocxWriter(reference, style.colors, fonts).write(
            document, fresh_assets(document, workshop, style)
        ),
        lambda: bare_docx(document, warm),
        lambda: weasyprint_pdf(document, warm),
        lambda: libreoffice_pdf(docx_bytes),
    )


FIELDS = ("ours_pdf", "bare_pdf", "ours_docx", "bare_docx", "weasyprint", "libreoffice")


def measure(routes: Routes, repeats: int, slow_repeats: int = 1) -> dict[str, float | None]:
    """Median seconds of each route, runs interleaved (LibreOffice and WeasyPrint fewer)."""
    times: dict[str, list[float]] = {f: [] for f in FIELDS}
    missing: set[str] = set()
    for field in FIELDS:
        getattr(routes, field)()  # warm-up: imports, fonts, caches
    for n in range(repeats):
        for field in FIELDS:
            if field in missing or (field in ("weasyprint", "libreoffice") and n >= slow_repeats):
                continue
            clock = time.perf_counter if field == "libreoffice" else time.process_time
            start = clock()
            if getattr(routes, field)() is None:
                missing.add(field)
                continue
            times[field].append(clock() - start)
    return {f: (statistics.median(v) if v and f not in missing else None) for f, v in times.items()}


def table(rows: list[tuple[str, dict[str, float | None]]]) -> str:
    """The per-document table (Markdown, French), ratios to the bare libraries."""

    def sec(value: float | None) -> str:
        return "—" if value is None else f"{value * 1000:.0f} ms".replace(".", ",")

    def ratio(a: float | None, b: float | None) -> str:
        return "—" if a is None or b is None else f"×{a / b:.2f}".replace(".", ",")

    lines = [
        "| Document | PDF (nous) | platypus nu | ratio | .docx (nous) | python-docx nu | ratio "
        "| WeasyPrint | nous / WeasyPrint | LibreOffice (.docx → PDF) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, m in rows:
        lines.append(
            f"| {name} | {sec(m['ours_pdf'])} | {sec(m['bare_pdf'])} | "
            f"{ratio(m['ours_pdf'], m['bare_pdf'])} | {sec(m['ours_docx'])} | "
            f"{sec(m['bare_docx'])} | {ratio(m['ours_docx'], m['bare_docx'])} | "
            f"{sec(m['weasyprint'])} | {ratio(m['ours_pdf'], m['weasyprint'])} | "
            f"{sec(m['libreoffice'])} |"
        )
    return "\n".join(lines)
