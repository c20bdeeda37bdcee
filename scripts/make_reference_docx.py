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
LEADING = 1.167
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


def _condense(style) -> None:  # type: ignore[no-untyped-def]
    """A tenth of a point less between letters (invisible): LibreOffice and Word round Lato's
    widths up where reportlab does not, and a title that just fits the PDF's line would
    otherwise break one word earlier (« (volet 3) » alone on a heading's last line)."""
    rpr = style.element.get_or_add_rPr()
    for element in rpr.findall(qn("w:spacing")):
        rpr.remove(element)
    condensed = OxmlElement("w:spacing")
    condensed.set(qn("w:val"), "-2")
    rpr.insert_element_before(
        condensed,
        "w:w",
        "w:kern",
        "w:position",
        "w:sz",
        "w:szCs",
        "w:highlight",
        "w:u",
        "w:effect",
        "w:bdr",
        "w:shd",
        "w:fitText",
        "w:vertAlign",
        "w:rtl",
        "w:cs",
        "w:em",
        "w:lang",
        "w:eastAsianLayout",
        "w:specVanish",
        "w:oMath",
    )


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


# Styles set from a narrow measure or ragged: hyphenated only in the body, as in the PDF.
NOT_HYPHENATED = (
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Title",
    "Lead",
    "Cover Line",
    "Table Text",
    "Source",
    "Header Text",
    "Footer Text",
    "toc 1",
    "toc 2",
)


def _no_hyphens(style) -> None:  # type: ignore[no-untyped-def]
    """w:suppressAutoHyphens on a paragraph style, in its schema place (after keepLines…)."""
    ppr = style.element.get_or_add_pPr()
    element = ppr.find(qn("w:suppressAutoHyphens"))
    if element is None:
        element = OxmlElement("w:suppressAutoHyphens")
        ppr.insert_element_before(element, *PPR_AFTER_SUPPRESS)


# CT_PPrBase children that come after w:suppressAutoHyphens.
PPR_AFTER_SUPPRESS = tuple(
    f"w:{n}"
    for n in [
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
)


def _rule_below(style) -> None:  # type: ignore[no-untyped-def]
    """A thin grey rule under the running header, as the PDF draws it."""
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "3"), ("w:space", "1"), ("w:color", "BFBFBF")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(
        borders, "w:shd", "w:tabs", "w:suppressAutoHyphens", *PPR_AFTER_SUPPRESS
    )


def _list_numbering(doc) -> None:  # type: ignore[no-untyped-def]
    """Bullets and numbers as in the PDF: a Lato « • » or a bare number in the primary
    colour, the text 14 pt in (level 1), 28 pt (level 2)…"""
    numbering = doc.part.numbering_part.element
    for abstract in numbering.findall(qn("w:abstractNum")):
        for lvl in abstract.findall(qn("w:lvl")):
            bullet = lvl.find(qn("w:numFmt")).get(qn("w:val")) == "bullet"
            lvl.find(qn("w:lvlText")).set(qn("w:val"), "•" if bullet else "%1")
            ppr = lvl.find(qn("w:pPr"))
            step = int(ppr.find(qn("w:ind")).get(qn("w:left"))) // 360
            indent = str(280 * step)
            ppr.find(qn("w:ind")).set(qn("w:left"), indent)
            ppr.find(qn("w:ind")).set(qn("w:hanging"), "280")
            ppr.find(qn("w:tabs")).find(qn("w:tab")).set(qn("w:pos"), indent)
            rpr = lvl.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                lvl.append(rpr)
            for child in list(rpr):
                rpr.remove(child)
            fonts = OxmlElement("w:rFonts")
            for attr in ("w:ascii", "w:hAnsi", "w:cs"):
                fonts.set(qn(attr), FONT)
            color = OxmlElement("w:color")
            color.set(qn("w:val"), str(PRIMARY))
            rpr.append(fonts)
            rpr.append(color)


def main() -> None:
    """Write the reference document."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    # The PDF's page: 36 mm side margins, 22 mm top, 20 mm bottom (style.toml).
    section.left_margin = section.right_margin = Cm(3.6)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.45), Cm(1.05)
    _language(doc)
    styles = doc.styles
    _font(styles["Normal"], 11)
    # The PDF's leading: 1.4 × the size, i.e. 1.167 × Lato's own line height (1.2 em).
    _spacing(styles["Normal"], 0, 5, LEADING)
    styles["Normal"].paragraph_format.widow_control = True
    # Body text justified like the PDF; everything set from a narrower measure stays left.
    styles["Normal"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    # Word and LibreOffice keep the larger of a paragraph's space after and the next one's
    # space before, where reportlab adds them: a heading's space before is the PDF's plus the
    # body's 5 pt after.
    for level, size, before, after in ((1, 19, 19, 8), (2, 14.5, 16, 5), (3, 12.5, 13, 4)):
        style = styles[f"Heading {level}"]
        _font(style, size, PRIMARY if level < 3 else ACCENT, bold=True)
        _spacing(style, before, after, 1.0, keep=True)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _font(styles["Title"], 26, PRIMARY, bold=True)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _spacing(styles["Title"], 156, 16, 1.0)  # 5.5 cm down the cover, as in the PDF
    # python-docx's Title spaces its letters and kerns from 14 pt: the PDF does neither.
    title_rpr = styles["Title"].element.get_or_add_rPr()
    for name in ("w:spacing", "w:kern"):
        for element in title_rpr.findall(qn(name)):
            title_rpr.remove(element)
    # …but LibreOffice and Word round Lato's widths up where reportlab does not: a title that
    # just fits the PDF's line would break one word earlier. A tenth of a point less between
    # letters (invisible) keeps the same lines.
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        _condense(styles[name])
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)
    _font(styles["Caption"], 9, MUTED, italic=True)
    styles["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(styles["Caption"], 3, 10)
    for name, size, color, italic, align in (
        ("Lead", 14.5, PRIMARY, False, WD_ALIGN_PARAGRAPH.LEFT),
        ("Cover Line", 12.5, TEXT, False, WD_ALIGN_PARAGRAPH.LEFT),
        ("Note", 9, MUTED, True, WD_ALIGN_PARAGRAPH.JUSTIFY),
        ("Small", 9, MUTED, False, WD_ALIGN_PARAGRAPH.LEFT),
        ("Figure", 11, TEXT, False, WD_ALIGN_PARAGRAPH.CENTER),
        ("Table Text", 9, TEXT, False, WD_ALIGN_PARAGRAPH.LEFT),
        ("Header Text", 7.5, MUTED, False, WD_ALIGN_PARAGRAPH.LEFT),
        ("Source", 8.5, MUTED, False, WD_ALIGN_PARAGRAPH.LEFT),
        ("Footer Text", 7.5, MUTED, False, WD_ALIGN_PARAGRAPH.CENTER),
    ):
        style = _paragraph_style(doc, name)
        _font(style, size, color, italic=italic)
        style.paragraph_format.alignment = align
    _spacing(styles["Figure"], 6, 0, 1.0, keep=True)
    _spacing(styles["Table Text"], 0, 0, 1.083)  # 1.3 × the size, as the PDF's cells
    _spacing(styles["Lead"], 0, 10, 1.08)  # 1.3 × the size, as the PDF
    _spacing(styles["Cover Line"], 0, 4)
    _spacing(styles["Source"], 0, 2, 1.083)  # a figure's notes and source, as the PDF's
    for level in (1, 2):
        style = _paragraph_style(doc, f"toc {level}")
        _font(style, 11, TEXT, bold=level == 1)
        style.paragraph_format.left_indent = Pt(12 * (level - 1))
        _spacing(style, 5 if level == 1 else 0, 1 if level == 1 else 0, LEADING)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _rule_below(styles["Header Text"])
    for name in NOT_HYPHENATED:
        _no_hyphens(styles[name])
    _list_numbering(doc)
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x1F, 0x5F, 0xA8)
    link.font.underline = True
    for name in ("List Bullet", "List Bullet 2", "List Number", "List Number 2"):
        _spacing(styles[name], 0, 5, LEADING)
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
