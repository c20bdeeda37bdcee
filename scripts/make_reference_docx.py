"""Regenerate src/ieg_reports/templates/reference.docx, the Word styles of every generated document.

Usage: python scripts/make_reference_docx.py
Users restyle documents by editing templates/reference.docx in Word (fonts, colours,
heading look, margins); this script only recreates the shipped default.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "ieg_reports" / "templates" / "reference.docx"
PRIMARY = RGBColor(0x1F, 0x4E, 0x79)
ACCENT = RGBColor(0xC5, 0x5A, 0x11)
TEXT = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x66, 0x66, 0x66)
FONT = "Lato"  # the family embedded in every .docx (style.toml names its files)


def _font(
    style,
    size: float,
    color: RGBColor = TEXT,
    bold: bool = False,
    italic: bool = False,
    name: str = FONT,
) -> None:  # type: ignore[no-untyped-def]
    style.font.name = name
    style.font.size = Pt(size)
    style.font.color.rgb = color
    style.font.bold = bold
    style.font.italic = italic
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        rfonts.attrib.pop(qn(attr), None)


def _spacing(
    style, before: float, after: float, line: float | None = None, keep: bool = False
) -> None:  # type: ignore[no-untyped-def]
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line:
        fmt.line_spacing = line
    fmt.keep_with_next = keep


def _language(doc) -> None:  # type: ignore[no-untyped-def]
    """fr-FR as the default language of every run."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), "fr-FR")


def _paragraph_style(doc, name: str, base: str = "Normal"):  # type: ignore[no-untyped-def]
    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles[base]
        style.quick_style = True
        return style


def main() -> None:
    """Write the reference document."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(3.6)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.1)
    _language(doc)
    styles = doc.styles
    _font(styles["Normal"], 11)
    _spacing(styles["Normal"], 0, 6, 1.15)
    styles["Normal"].paragraph_format.widow_control = True
    # Body text justified like the PDF; everything set from a narrower measure stays left.
    styles["Normal"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for level, size, before in ((1, 19, 18), (2, 14.5, 14), (3, 12.5, 10)):
        style = styles[f"Heading {level}"]
        _font(style, size, PRIMARY if level < 3 else ACCENT, bold=True)
        _spacing(style, before, 6, 1.0, keep=True)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _font(styles["Title"], 28, PRIMARY, bold=True)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _spacing(styles["Title"], 120, 18, 1.0)
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    _font(styles["Caption"], 9, MUTED, italic=True)
    styles["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(styles["Caption"], 3, 12)
    for name, size, color, italic, align in (
        ("Lead", 14.5, PRIMARY, False, WD_ALIGN_PARAGRAPH.LEFT),
        ("Cover Line", 12, TEXT, False, WD_ALIGN_PARAGRAPH.LEFT),
        ("Note", 9, MUTED, True, WD_ALIGN_PARAGRAPH.LEFT),
        ("Small", 9, MUTED, False, WD_ALIGN_PARAGRAPH.LEFT),
        ("Figure", 11, TEXT, False, WD_ALIGN_PARAGRAPH.CENTER),
        ("Table Text", 9, TEXT, False, WD_ALIGN_PARAGRAPH.LEFT),
        ("Header Text", 8, MUTED, False, WD_ALIGN_PARAGRAPH.LEFT),
        ("Footer Text", 8, MUTED, False, WD_ALIGN_PARAGRAPH.CENTER),
    ):
        style = _paragraph_style(doc, name)
        _font(style, size, color, italic=italic)
        style.paragraph_format.alignment = align
    _spacing(styles["Figure"], 6, 0, 1.0, keep=True)
    _spacing(styles["Table Text"], 1, 1, 1.0)
    _spacing(styles["Lead"], 6, 12)
    for level in (1, 2):
        style = _paragraph_style(doc, f"toc {level}")
        _font(style, 11 if level == 1 else 10.5, TEXT, bold=level == 1)
        style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        _spacing(style, 6 if level == 1 else 1, 1)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x1F, 0x5F, 0xA8)
    link.font.underline = True
    for name in ("List Bullet", "List Bullet 2", "List Number", "List Number 2"):
        _spacing(styles[name], 0, 4, 1.15)
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        # The default template suppresses the space between items of one list: the PDF keeps it.
        for contextual in styles[name].element.get_or_add_pPr().findall(qn("w:contextualSpacing")):
            contextual.getparent().remove(contextual)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    doc.core_properties.author = "ieg-reports"
    doc.core_properties.title = "Modèle de styles ieg-reports"
    doc.save(TARGET)
    print(f"écrit : {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
