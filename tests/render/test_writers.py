"""Each writer on hand-made documents and pictures: no workbook, no model, no chart code."""

from __future__ import annotations

import ast
import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from reportlab.graphics.shapes import Drawing, Rect, String

from ieg_reports.compose.assets import Assets, Picture
from ieg_reports.compose.document import (
    Aside,
    Box,
    Cell,
    Cover,
    Document,
    DocumentInfo,
    Figure,
    Heading,
    ListBlock,
    ListItem,
    PageBreak,
    Paragraph,
    Run,
    Table,
    Toc,
)
from ieg_reports.render.common import Writer
from ieg_reports.render.docx_writer import DocxWriter
from ieg_reports.render.pdf_writer import PdfWriter
from ieg_reports.resources import default_templates
from ieg_reports.style import load_style
from render.pdftext import pdf_text

STYLE = load_style(default_templates() / "style.toml")
URL = "https://example.org/rapport"
FIGURE = Figure("essai", (("k", "v"),), (Run("Une légende"),), "Texte de remplacement", 1)


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def _picture(label: str, width: float = 200, height: float = 100) -> Picture:
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=None, strokeWidth=0.5))
    drawing.add(String(10, 40, label, fontSize=10))
    return Picture(drawing, width, height, _png)


def _document() -> Document:
    para = Paragraph((Run("Texte "), Run("gras", bold=True), Run(" et lien", link=URL)))
    table = Table(
        (Cell((Run("Code"),)), Cell((Run("Libellé"),))),
        ((Cell((Run("F01"),)), Cell((Run("Énergie & climat <seuil"),))),),
        (1, 3),
        ("left", "left"),
    )
    items = (ListItem((Paragraph((Run("premier point"),)),)),)
    blocks = (
        Cover((Heading(1, (Run("Titre du document"),), "titre"), Paragraph((Run("Sous-titre"),)))),
        Toc("Sommaire"),
        Heading(1, (Run("Première partie"),), "premiere"),
        para,
        ListBlock(items),
        ListBlock(items, ordered=True, start=3),
        table,
        FIGURE,
        Box((Paragraph((Run("Dans l’encadré"),)),)),
        PageBreak(),
        Heading(2, (Run("Ressources"),), "ressources"),
        Aside((Paragraph((Run("Un rapport"),)),), URL),
        Aside((Paragraph((Run("Une adresse"),)),), "mailto:a@example.org"),
    )
    info = DocumentInfo("Document d’essai", author="Essai", date=dt.date(2017, 7, 12))
    return Document(info, blocks)


def _assets() -> Assets:
    return Assets({FIGURE: _picture("Dessin de la figure")}, {URL: _picture("QR", 60, 60)})


def test_writers_follow_the_protocol() -> None:
    writers: list[Writer] = [
        PdfWriter(STYLE),
        DocxWriter(default_templates() / "reference.docx", STYLE.colors),
    ]
    assert [w.suffix for w in writers] == [".pdf", ".docx"]


def test_pdf_writer_sets_every_block(tmp_path: Path) -> None:
    data, warnings = PdfWriter(STYLE).write(_document(), _assets())
    path = tmp_path / "essai.pdf"
    path.write_bytes(data)
    text = pdf_text(path)
    for expected in (
        "Titre du document",
        "Sommaire",
        "Première partie",
        "premier point",
        "Énergie & climat <seuil",
        "Dessin de la figure",  # the picture's vectors, as given
        "Figure 1 — Une légende",
        "Dans l’encadré",
        "Un rapport",
        "QR",
        "Une adresse",
    ):
        assert expected in text, expected
    assert warnings == []


def test_pdf_writer_is_reproducible() -> None:
    first, _ = PdfWriter(STYLE).write(_document(), _assets())
    again, _ = PdfWriter(STYLE).write(_document(), _assets())
    assert first == again


def test_docx_writer_sets_every_block(tmp_path: Path) -> None:
    writer = DocxWriter(default_templates() / "reference.docx", STYLE.colors)
    data, warnings = writer.write(_document(), _assets())
    document = docx.Document(io.BytesIO(data))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", "Titre du document") in styles
    assert ("Heading 1", "Première partie") in styles
    assert ("Heading 2", "Ressources") in styles
    assert any(s.startswith("List Number") and t == "premier point" for s, t in styles)
    assert any(s == "Caption" and t.endswith("Une légende") for s, t in styles)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert (
        "Énergie & climat <seuil" in cells and "Un rapport" in cells and "Dans l’encadré" in cells
    )
    pictures = document.element.body.findall(".//" + qn("wp:docPr"))
    descriptions = [p.get("descr") for p in pictures]
    assert descriptions == ["Texte de remplacement", f"Code QR du lien {URL}"]
    media = [p for p in document.part.package.parts if p.partname.startswith("/word/media/")]
    assert [p.blob for p in media] == [_png()]  # the same PNG twice is stored once
    assert warnings == []


def test_pictures_are_rasterised_only_when_a_writer_asks() -> None:
    calls: list[int] = []

    def rasterise() -> bytes:
        calls.append(1)
        return _png()

    picture = Picture(Drawing(10, 10), 10, 10, rasterise)
    PdfWriter(STYLE).write(Document(DocumentInfo("x"), (FIGURE,)), Assets({FIGURE: picture}))
    assert calls == []
    writer = DocxWriter(default_templates() / "reference.docx", STYLE.colors)
    doc = Document(DocumentInfo("x"), (FIGURE, FIGURE))
    writer.write(doc, Assets({FIGURE: picture}))
    assert calls == [1]


def test_an_unknown_block_is_a_programming_error() -> None:
    class Stray:
        pass

    document = Document(DocumentInfo("x"), (Stray(),))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Stray"):
        PdfWriter(STYLE).write(document, Assets())


def test_writers_import_neither_the_model_nor_the_charts() -> None:
    folder = Path(__file__).resolve().parents[2] / "src" / "ieg_reports" / "render"
    forbidden = (
        "ieg_reports.model",
        "ieg_reports.charts",
        "matplotlib",
        "svglib",
        "ieg_reports.workbook.normalise",
    )
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        names += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        bad = [n for n in names if n.startswith(forbidden)]
        assert not bad, f"{path.name} imports {bad}"


def test_flowables_taller_than_a_page_split() -> None:
    long = Paragraph((Run("un thème, " * 2200),))
    blocks = (
        ListBlock((ListItem((long,)),)),
        Box((long,)),
        Aside((long,), URL),
    )
    data, _ = PdfWriter(STYLE).write(
        Document(DocumentInfo("x"), blocks), _assets()
    )  # no LayoutError
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(data)).pages) >= 6  # each long block spread over pages


def test_a_key_value_table_is_written_without_a_header_row(tmp_path: Path) -> None:
    """Word marks no row as a repeated header; the PDF sets the first row as plain data."""

    def row(key: str, value: str) -> tuple[Cell, Cell]:
        return (Cell((Run(key, bold=True),)), Cell((Run(value),)))

    table = Table(row("Date", "mercredi"), (row("Lieu", "Paris"),), (1, 3), (), False)
    document = Document(DocumentInfo("Essai"), (table,))
    writer = DocxWriter(default_templates() / "reference.docx", STYLE.colors)
    data, _ = writer.write(document, Assets({}, {}))
    (written,) = docx.Document(io.BytesIO(data)).tables
    assert "w:tblHeader" not in written._tbl.xml
    assert [c.text for c in written.rows[0].cells] == ["Date", "mercredi"]
    assert not any(r.font.color.rgb for r in written.rows[0].cells[1].paragraphs[0].runs)
    headed = Table(row("Clé", "Valeur"), (row("Lieu", "Paris"),))
    data, _ = writer.write(Document(DocumentInfo("Essai"), (headed,)), Assets({}, {}))
    assert "w:tblHeader" in docx.Document(io.BytesIO(data)).tables[0]._tbl.xml
    pdf, _ = PdfWriter(STYLE).write(document, Assets({}, {}))
    (tmp_path / "t.pdf").write_bytes(pdf)
    assert "Date mercredi" in pdf_text(tmp_path / "t.pdf")
