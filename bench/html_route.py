"""The usual alternative routes, for comparison: HTML → PDF with WeasyPrint, docx → PDF with LibreOffice.

The HTML comes from the same document model as our PDF, with the same charts as inline SVG,
so the three routes lay out the same content.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

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

CSS = """
@page { size: A4; margin: 22mm; @bottom-center { content: "page " counter(page) " sur " counter(pages); font-size: 8pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.42; text-align: justify; hyphens: auto; }
h1 { color: #1F4E79; font-size: 18pt; } h2 { color: #1F4E79; font-size: 13.5pt; } h3 { color: #C55A11; font-size: 11.5pt; }
h1, h2, h3 { break-after: avoid; text-align: left; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; } th { background: #1F4E79; color: white; }
td, th { border-bottom: 0.4pt solid #BFBFBF; padding: 3pt 4pt; text-align: left; vertical-align: top; }
.box { background: #EEF3F8; border-left: 3pt solid #1F4E79; padding: 8pt 12pt; }
.cover { break-after: page; padding-top: 55mm; } .cover h1 { font-size: 26pt; }
figure { text-align: center; break-inside: avoid; } figure svg { width: 16cm; height: auto; }
figcaption { font-style: italic; font-size: 8.5pt; color: #666; } .note { font-style: italic; color: #666; font-size: 8.5pt; }
"""


def _runs(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        if run.line_break:
            out.append("<br>")
            continue
        text = html.escape(run.text)
        text = f"<b>{text}</b>" if run.bold else text
        text = f"<i>{text}</i>" if run.italic else text
        out.append(f'<a href="{html.escape(run.link)}">{text}</a>' if run.link else text)
    return "".join(out)


def _block(block: Block, assets: Assets) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{_runs(block.runs)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f'<p class="{block.style}">{_runs(block.runs)}</p>'
    if isinstance(block, ListBlock):
        tag = "ol" if block.ordered else "ul"
        items = "".join(
            "<li>" + "".join(_block(b, assets) for b in i.blocks) + "</li>" for i in block.items
        )
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        head = "".join(f"<th>{_runs(c.runs)}</th>" for c in block.header)
        rows = "".join(
            "<tr>" + "".join(f"<td>{_runs(c.runs)}</td>" for c in r) + "</tr>" for r in block.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if isinstance(block, Figure):
        from reportlab.graphics import renderSVG

        svg = renderSVG.drawToString(assets.figure(block).vector).split("?>", 1)[-1]
        return f"<figure>{svg}<figcaption>Figure {block.number} — {_runs(block.caption)}</figcaption></figure>"
    if isinstance(block, PageBreak):
        return '<div style="break-after: page"></div>'
    if isinstance(block, Toc):
        return ""
    if isinstance(block, Box | Aside | Cover):
        css = {Box: "box", Aside: "aside", Cover: "cover"}[type(block)]
        return f'<div class="{css}">' + "".join(_block(b, assets) for b in block.blocks) + "</div>"
    return ""


def to_html(document: Document, assets: Assets) -> str:
    """The document as one HTML page."""
    body = "".join(_block(b, assets) for b in document.blocks)
    return (
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{html.escape(document.info.title)}'
        f"</title><style>{CSS}</style></head><body>{body}</body></html>"
    )


def weasyprint_pdf(document: Document, assets: Assets) -> bytes | None:
    """HTML → PDF with WeasyPrint, or None when it is not installed."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):
        return None
    return HTML(string=to_html(document, assets)).write_pdf()


def libreoffice_pdf(docx: bytes) -> bytes | None:
    """docx → PDF with LibreOffice headless (a fresh profile, as a user's script would), or None."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "dossier.docx"
        source.write_bytes(docx)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp}/profil",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        return (Path(tmp) / "dossier.pdf").read_bytes()
