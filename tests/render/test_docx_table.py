"""Tables written as XML in one piece: the document python-docx's own calls would make."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.table import _Cell

from ieg_reports.compose.assets import Assets
from ieg_reports.compose.document import (
    Box,
    Cell,
    Document,
    DocumentInfo,
    Paragraph,
    Run,
    Table,
)
from ieg_reports.render import docx_writer
from ieg_reports.resources import default_templates
from ieg_reports.style import load_style

# Runs of every kind a cell can hold: links, code, line breaks, tabs, spaces kept, XML marks.
RUNS = (
    (Run("F01"),),
    (Run("Énergie & « climat » <2030>", bold=True),),
    (Run(" espace "), Run("italique", italic=True), Run("", line_break=True), Run("x\ty")),
    (Run("code", code=True), Run("lien", link="https://example.org/a?b=1&c=2")),
    (Run("https://example.org/", link="https://example.org/"), Run("fin\nde ligne")),
    (Run("3,6"),),
)


def _table(rows: int) -> Table:
    header = tuple(Cell((Run(name),)) for name in ("Code", "Facteur", "Note", "Lien", "Url", "Cr"))
    header = (*header[:3], Cell((Run("Lien", link="https://example.org/h"),)), *header[4:])
    body = tuple(tuple(Cell(RUNS[(r + c) % len(RUNS)]) for c in range(6)) for r in range(rows))
    return Table(header, body, widths=(1, 3, 1, 2, 2, 1), align=("left", "left", "right"))


def _document(rows: int) -> Document:
    table = _table(rows)
    boxed = Box((Paragraph((Run("Dans un encadré"),)), table))
    pairs = dataclasses.replace(table, has_header=False)  # a key/value table
    return Document(DocumentInfo("Essai", header="Essai"), (table, boxed, pairs))


def _by_objects(w: Any, container: Any, block: Table) -> None:
    """The table as python-docx's API builds it (the writer's former way)."""
    columns = len(block.header)
    table = docx_writer._add_table(container, 1 + len(block.rows), columns)
    table._tbl.tblStyle_val = w.style_id("Table Grid", WD_STYLE_TYPE.TABLE)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = docx_writer._widths(w, block, columns)
    for n, column in enumerate(table.columns):
        column.width = widths[n]
    rows = zip(table._tbl.tr_lst, (block.header, *block.rows), strict=True)
    for r, (tr, cells) in enumerate(rows):
        head = r == 0 and block.has_header
        tr_pr = tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if head:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for c, tc in enumerate(tr.tc_lst):
            cell: Any = _Cell(tc, table)
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph._p.style = w.style_id("Table Text")
            paragraph.alignment = docx_writer.ALIGN.get(
                block.align[c] if c < len(block.align) else "left"
            )
            lead = 2 if block.has_header else 1
            if docx_writer.keeps_with_next(r, 1 + len(block.rows), lead, docx_writer.TABLE_TAIL):
                paragraph.paragraph_format.keep_with_next = True
            docx_writer._paragraph(w, paragraph, cells[c].runs)
            stripe = w.colors["table_stripe"] if r % 2 == 0 else None
            fill = w.colors["table_header"] if head else stripe
            docx_writer._shade_cell(cell, fill)
            if fill:
                _edge(cell, fill)
            if head:
                for run in paragraph.runs:
                    run.bold = True
                    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single" if edge in ("top", "bottom", "insideH") else "nil")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:color"), w.colors["rule"].lstrip("#"))
        borders.append(element)
    after = docx_writer.TBLPR_AFTER_MARGINS
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", *after)
    margins = OxmlElement("w:tblCellMar")
    for edge, size in (("top", 60), ("left", 80), ("bottom", 60), ("right", 80)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(size))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.insert_element_before(margins, *after)
    docx_writer._space(w, container, 6)


def _edge(cell: Any, color: str) -> None:
    """Side borders of a shaded cell in its own shade."""
    borders = OxmlElement("w:tcBorders")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:color"), color.lstrip("#"))
        borders.append(element)
    cell._tc.get_or_add_tcPr().insert_element_before(borders, *docx_writer.TCPR_AFTER_BORDERS)


def _render(document: Document) -> bytes:
    style = load_style(default_templates() / "style.toml")
    reference = default_templates() / "reference.docx"
    return docx_writer.render_docx(document, Assets(), reference, style.colors)[0]


def _part(package: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return archive.read(name)


@pytest.mark.parametrize("rows", [3, 400])
def test_the_xml_is_the_one_python_docx_makes(rows: int, monkeypatch: pytest.MonkeyPatch) -> None:
    direct = _render(_document(rows))
    monkeypatch.setattr(docx_writer, "_table", _by_objects)
    by_objects = _render(_document(rows))
    for name in ("word/document.xml", "word/_rels/document.xml.rels"):
        assert _part(direct, name) == _part(by_objects, name), name
    assert direct == by_objects


def test_python_docx_reads_the_cells_back() -> None:
    read = docx.Document(io.BytesIO(_render(_document(4))))
    table = read.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Code", "Facteur", "Note", "Lien", "Url", "Cr"]
    assert table.rows[1].cells[1].text == "Énergie & « climat » <2030>"
    assert table.rows[1].cells[2].text == " espace italique\nx\ty"
    assert table.rows[1].cells[4].text == "https://example.org/fin\nde ligne"
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
    assert len(read.tables[1].rows[0].cells[0].tables) == 1  # the table in the box


def test_a_table_keeps_its_last_three_rows_together() -> None:
    """A total and the two rows above it never stand alone at the top of a page."""
    keeps = [docx_writer.keeps_with_next(r, 10, 2, docx_writer.TABLE_TAIL) for r in range(10)]
    assert keeps == [True, True, False, False, False, False, False, True, True, False]
