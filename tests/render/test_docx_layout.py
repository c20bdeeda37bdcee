"""The Word twins' page layout, read from the real .docx files of the sample: hyphenation,
keeps, unsplittable rows, the contents' dotted leaders; then hyphenation seen in LibreOffice."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from itertools import takewhile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from ieg_reports.compose.assets import Assets
from ieg_reports.compose.document import (
    Document,
    DocumentInfo,
    ListBlock,
    ListItem,
    Paragraph,
    Run,
)
from ieg_reports.render import docx_writer
from ieg_reports.render.docx_package import SETTINGS_ORDER
from ieg_reports.resources import default_templates
from ieg_reports.style import load_style

from .test_libreoffice import SOFFICE, convert

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _twins(folder: Path) -> list[Path]:
    return [
        folder / "synthese.docx",
        *sorted((folder / "dossiers").glob("*.docx")),
        folder / "programme.docx",
    ]


@pytest.fixture(scope="module")
def twins(sample_build) -> list[Path]:  # type: ignore[no-untyped-def]
    found = _twins(sample_build.folder)
    assert len(found) == 9 and all(p.exists() for p in found)
    return found


@pytest.fixture(scope="module")
def synthesis(twins: list[Path]):  # type: ignore[no-untyped-def]
    return docx.Document(str(twins[0]))


def _settings(path: Path) -> list[tuple[str, dict[str, str]]]:
    from lxml import etree

    root = etree.fromstring(zipfile.ZipFile(path).read("word/settings.xml"))
    return [
        (child.tag.replace(W, ""), {k.replace(W, ""): v for k, v in child.attrib.items()})
        for child in root
        if isinstance(child.tag, str) and child.tag.startswith(W)
    ]


def test_every_twin_hyphenates_in_the_schema_order(twins: list[Path]) -> None:
    for path in twins:
        settings = _settings(path)
        found = dict(settings)
        # Cut at the writer's soft hyphens only (three letters on each side of a cut).
        assert found["autoHyphenation"] == {"val": "false"}, path.name
        assert found["doNotHyphenateCaps"] == {"val": "true"}
        assert 425 <= int(found["hyphenationZone"]["val"]) <= 567  # 0.75 to 1 cm
        assert found["consecutiveHyphenLimit"] == {"val": "2"}
        assert "embedTrueTypeFonts" in found
        # Word asks to update the fields on opening: only the synthesis has contents to update.
        assert ("updateFields" in found) == (path.name == "synthese.docx")
        assert found.get("updateFields", {"val": "true"}) == {"val": "true"}
        ranks = [SETTINGS_ORDER.index(name) for name, _ in settings]
        assert ranks == sorted(ranks), (path.name, [name for name, _ in settings])


def test_setting_placed_by_the_schema_not_appended() -> None:
    from lxml import etree

    from ieg_reports.render.docx_package import set_setting

    root = etree.fromstring(
        f'<w:settings xmlns:w="{W[1:-1]}"><w:zoom/><w:defaultTabStop w:val="720"/>'
        "<w:compat/><w:listSeparator/></w:settings>".encode()
    )
    set_setting(root, "updateFields", val="true")
    set_setting(root, "autoHyphenation", val="true")
    set_setting(root, "writeProtection")
    set_setting(root, "autoHyphenation", val="false")  # found again, not added twice
    names = [child.tag.replace(W, "") for child in root]
    assert names == [
        "writeProtection",
        "zoom",
        "defaultTabStop",
        "autoHyphenation",
        "updateFields",
        "compat",
        "listSeparator",
    ]
    assert root.find(W + "autoHyphenation").get(W + "val") == "false"


def _style_ppr(document, name: str):  # type: ignore[no-untyped-def]
    return document.styles[name].element.pPr


def test_headings_cells_and_contents_are_not_hyphenated(synthesis) -> None:  # type: ignore[no-untyped-def]
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title", "Table Text", "toc 1", "toc 2"):
        assert _style_ppr(synthesis, name).find(qn("w:suppressAutoHyphens")) is not None, name
    assert _style_ppr(synthesis, "Normal").find(qn("w:suppressAutoHyphens")) is None
    defaults = synthesis.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert defaults.get(qn("w:val")) == "fr-FR"
    cells = [
        p.style.name
        for t in synthesis.tables
        if t._tbl.xpath(".//w:tblHeader")
        for r in t.rows
        for c in r.cells
        for p in c.paragraphs
    ]
    assert cells and set(cells) == {"Table Text"}


def test_headings_and_introducing_lines_keep_with_next(synthesis) -> None:  # type: ignore[no-untyped-def]
    for name in ("Heading 1", "Heading 2", "Heading 3", "Figure"):
        assert synthesis.styles[name].paragraph_format.keep_with_next, name
    assert synthesis.styles["Normal"].paragraph_format.widow_control
    introducing = [p for p in synthesis.paragraphs if p.text.rstrip().endswith(":")]
    assert len(introducing) > 5
    assert all(p.paragraph_format.keep_with_next for p in introducing)


def test_every_figure_is_kept_with_its_caption(synthesis) -> None:  # type: ignore[no-untyped-def]
    paragraphs = synthesis.paragraphs
    figures = [n for n, p in enumerate(paragraphs) if p._p.xpath(".//w:drawing")]
    assert len(figures) == 4
    for n in figures:
        assert paragraphs[n].style.name == "Figure" and paragraphs[n + 1].style.name == "Caption"


def test_pictures_sit_on_the_margins_without_wrapping_distance(twins: list[Path]) -> None:
    """Without explicit zero distances LibreOffice moves every picture 9 pt to the right."""
    inlines = [
        inline
        for path in twins[:2]
        for inline in docx.Document(str(path)).element.body.iter(qn("wp:inline"))
    ]
    assert len(inlines) >= 6  # the synthesis's figures, the pack's figure and QR codes
    for inline in inlines:
        assert [inline.get(s) for s in ("distT", "distB", "distL", "distR")] == ["0"] * 4


def test_rows_never_split_and_headers_repeat(twins: list[Path]) -> None:
    tables = 0
    for path in twins:
        for table in docx.Document(str(path)).tables:
            rows = table._tbl.tr_lst
            if rows[0].trPr is None or rows[0].trPr.find(qn("w:tblHeader")) is None:
                continue  # a box or an aside: one row, no header
            tables += 1
            assert all(r.trPr.find(qn("w:cantSplit")) is not None for r in rows)
    assert tables >= 8


def test_page_breaks_start_the_next_paragraph(synthesis) -> None:  # type: ignore[no-untyped-def]
    """No paragraph holds only a page break: its empty line would open the next page."""
    body = synthesis.element.body
    breaks = body.xpath("./w:p[w:r/w:br[@w:type='page']]")
    assert not [p for p in breaks if not "".join(p.xpath(".//w:t/text()")).strip()]
    assert body.xpath("./w:p[w:pPr/w:pageBreakBefore]")


def test_contents_entries_have_a_dotted_leader_and_a_page_field(synthesis) -> None:  # type: ignore[no-untyped-def]
    section = synthesis.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    entries = [p for p in synthesis.paragraphs if p.style.name.startswith("toc")]
    assert len(entries) >= 15
    for entry in entries:
        (tab,) = entry._p.xpath("./w:pPr/w:tabs/w:tab")
        assert tab.get(qn("w:val")) == "right" and tab.get(qn("w:leader")) == "dot"
        assert abs(int(tab.get(qn("w:pos"))) - width / 635) < 2  # twips
        instructions = "".join(entry._p.xpath(".//w:instrText/text()"))
        assert re.fullmatch(r" PAGEREF _Toc_\w+ \\h ", instructions), instructions


def test_the_cover_title_keeps_its_short_last_word(twins: list[Path]) -> None:
    title = docx.Document(str(twins[0])).paragraphs[0]
    assert title.style.name == "Title" and title.text.endswith("des\u00a0IEG")


def test_a_title_never_breaks_its_last_compound_at_the_hyphen(twins: list[Path]) -> None:
    pack = next(p for p in twins if "auto-disruption" in p.name)
    title = docx.Document(str(pack)).paragraphs[0]
    assert title.text.replace("\u00a0", " ") == "Culture de l’agilité et de l’auto-disruption"
    assert len(title._p.findall(f"{qn('w:r')}/{qn('w:noBreakHyphen')}")) == 1
    assert not title._p.xpath(".//w:t[contains(., 'auto-')]")


def _french_dictionary() -> bool:
    return any(Path("/usr/share/hyphen").glob("hyph_fr*.dic"))


@pytest.fixture(scope="module")
def synthesis_in_libreoffice(twins: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice absent")
    return convert(twins[0], tmp_path_factory.mktemp("lo"))


@pytest.mark.skipif(not _french_dictionary(), reason="hyphen-fr absent")
def test_libreoffice_hyphenates_the_french_body(
    twins: list[Path], synthesis_in_libreoffice: Path
) -> None:
    from .pdftext import pdf_text

    text = pdf_text(synthesis_in_libreoffice)
    paragraphs = docx.Document(str(twins[0])).paragraphs
    words = set(re.findall(r"\w+", " ".join(p.text for p in paragraphs)))
    cut = re.findall(r"(\w+)-\n(\w+)", text)
    # A word cut at a line end, whose halves make a word of the text (not a compound's hyphen).
    hyphenated = [a + b for a, b in cut if a + b in words]
    assert len(hyphenated) >= 10, cut


def test_libreoffice_draws_every_character_in_the_embedded_lato(
    synthesis_in_libreoffice: Path,
) -> None:
    """No fallback face (OpenSymbol bullets, DejaVu for a missing glyph): Lato throughout."""
    import pdfplumber

    with pdfplumber.open(synthesis_in_libreoffice) as pdf:
        faces = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    lato = {"Lato-Regular", "Lato-Bold", "Lato-Italic", "Lato-BoldItalic"}
    assert "Lato-Regular" in faces and faces <= lato, faces


def test_the_document_language_overrides_a_reference_in_english(tmp_path: Path) -> None:
    from ieg_reports.compose.assets import Assets
    from ieg_reports.compose.document import Document, DocumentInfo, Paragraph, Run
    from ieg_reports.render.docx_writer import DocxWriter
    from ieg_reports.resources import default_templates
    from ieg_reports.style import load_style

    reference = docx.Document(str(default_templates() / "reference.docx"))
    defaults = reference.styles.element.find(qn("w:docDefaults"))
    defaults.find(".//" + qn("w:lang")).set(qn("w:val"), "en-US")
    english = tmp_path / "reference.docx"
    reference.save(str(english))
    colors = load_style(default_templates() / "style.toml").colors
    info = DocumentInfo(title="Essai", subject="", author="", keywords=())
    model = Document(info, (Paragraph((Run("Une phrase justifiée."),)),))
    data, _ = DocxWriter(english, colors).write(model, Assets())
    written = docx.Document(io.BytesIO(data)).styles.element.find(qn("w:docDefaults"))
    assert written.find(".//" + qn("w:lang")).get(qn("w:val")) == "fr-FR"


def test_table_columns_add_up_to_the_measure_in_twips(synthesis) -> None:  # type: ignore[no-untyped-def]
    section = synthesis.sections[-1]
    measure = round((section.page_width - section.left_margin - section.right_margin) / 635)
    tables = [t for t in synthesis.tables if t._tbl.xpath(".//w:tblHeader")]
    assert tables
    for table in tables:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(grid) - measure) <= 1, grid
        cells = [int(tc.tcPr.tcW.get(qn("w:w"))) for tc in table._tbl.tr_lst[0].tc_lst]
        assert cells == grid


def _keeps(paragraphs) -> bool:  # type: ignore[no-untyped-def]
    return all(p.paragraph_format.keep_with_next for p in paragraphs)


def test_table_rows_keep_the_first_two_and_the_last_three_together(synthesis) -> None:  # type: ignore[no-untyped-def]
    tables = [t for t in synthesis.tables if t._tbl.xpath("./w:tr/w:trPr/w:tblHeader")]
    assert any(len(t.rows) > 5 for t in tables)
    for table in tables:
        keeps = [_keeps(p for c in row.cells for p in c.paragraphs) for row in table.rows]
        n = len(keeps)
        assert not keeps[-1]  # the last row keeps with nothing
        if n <= 4:
            assert all(keeps[:-1])  # a small table is never split
        else:
            # Header and first row, the last three rows together; the middle free.
            assert keeps[:2] == [True, True] and keeps[-3] and keeps[-2]
            assert not any(keeps[2:-3])


def _render(model: Document) -> bytes:
    style = load_style(default_templates() / "style.toml")
    reference = default_templates() / "reference.docx"
    return docx_writer.render_docx(model, Assets(), reference, style.colors)[0]


def _list_items(n: int) -> ListBlock:
    return ListBlock(tuple(ListItem((Paragraph((Run(f"Élément {k}"),)),)) for k in range(n)))


def test_list_items_keep_the_first_two_and_the_last_two_together(tmp_path: Path) -> None:
    model = Document(DocumentInfo("Essai", header="Essai"), (_list_items(7), _list_items(3)))
    path = tmp_path / "listes.docx"
    path.write_bytes(_render(model))
    items = [p for p in docx.Document(str(path)).paragraphs if p.text.startswith("Élément")]
    keeps = [bool(p.paragraph_format.keep_with_next) for p in items]
    assert keeps[:7] == [True, False, False, False, False, True, False]
    assert keeps[7:] == [True, True, False]  # three items: kept whole


def test_a_long_list_item_may_stand_alone_on_either_side_of_a_break(tmp_path: Path) -> None:
    # As in the PDF: an item of three lines or more is no lone line at a page's foot.
    long = "Élément long, " + "une phrase qui occupe une bonne part de la ligne du texte. " * 5
    items = tuple(ListItem((Paragraph((Run(long),)),)) for _ in range(3))
    model = Document(DocumentInfo("Essai", header="Essai"), (ListBlock(items), _list_items(3)))
    path = tmp_path / "longues.docx"
    path.write_bytes(_render(model))
    items_read = [p for p in docx.Document(str(path)).paragraphs if p.text.startswith("Élément")]
    keeps = [bool(p.paragraph_format.keep_with_next) for p in items_read]
    assert keeps == [False, False, False, True, True, False]


def test_sources_list_keeps_its_ends(synthesis) -> None:  # type: ignore[no-untyped-def]
    paragraphs = synthesis.paragraphs
    start = next(n for n, p in enumerate(paragraphs) if p.text == "Sources des facteurs")
    items = list(takewhile(lambda p: p.style.name == "List Bullet", paragraphs[start + 1 :]))
    assert len(items) > 4
    keeps = [bool(p.paragraph_format.keep_with_next) for p in items]
    assert keeps[0] and keeps[-2] and not keeps[-1] and not any(keeps[1:-2])


def test_figure_notes_and_source_are_paragraphs_kept_with_the_caption(synthesis) -> None:  # type: ignore[no-untyped-def]
    paragraphs = synthesis.paragraphs
    captions = [n for n, p in enumerate(paragraphs) if p.style.name == "Caption"]
    assert len(captions) == 4
    noted = 0
    for n in captions:
        assert not paragraphs[n]._p.xpath(".//w:br")  # nothing glued into the caption
        below = list(takewhile(lambda p: p.style.name == "Source", paragraphs[n + 1 :]))
        assert below and below[-1].text.startswith("Source")
        noted += any(p.text.startswith("Note") for p in below)
        assert (
            _keeps([paragraphs[n], *below[:-1]]) and not below[-1].paragraph_format.keep_with_next
        )
    assert noted >= 1
    ppr = _style_ppr(synthesis, "Source")
    assert ppr.find(qn("w:jc")).get(qn("w:val")) == "left"
    assert ppr.find(qn("w:suppressAutoHyphens")) is not None


def test_table_cells_shaded_to_their_edges(synthesis) -> None:  # type: ignore[no-untyped-def]
    table = next(t for t in synthesis.tables if t._tbl.xpath("./w:tr/w:trPr/w:tblHeader"))
    shaded = table._tbl.xpath("./w:tr/w:tc[w:tcPr/w:shd]")
    assert len(shaded) > len(table.columns)  # the header and the striped rows
    for tc in shaded:
        fill = tc.xpath("./w:tcPr/w:shd/@w:fill")[0]
        sides = tc.xpath("./w:tcPr/w:tcBorders/*")
        assert [s.tag.replace(W, "") for s in sides] == ["left", "right"]
        assert {s.get(qn("w:color")) for s in sides} == {fill}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler absent")
def test_libreoffice_cuts_no_heading_word(synthesis, synthesis_in_libreoffice: Path) -> None:  # type: ignore[no-untyped-def]
    lines = subprocess.run(
        ["pdftotext", str(synthesis_in_libreoffice), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    headings = [p.text for p in synthesis.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) > 10
    for heading in headings:
        # The heading's words with line ends allowed between them, never inside one.
        pattern = r"\s+".join(re.escape(word) for word in heading.split())
        assert re.search(pattern, lines.replace("\u00a0", " ")), heading


def test_the_first_word_of_a_quoted_name_is_never_cut(
    synthesis, synthesis_in_libreoffice: Path
) -> None:  # type: ignore[no-untyped-def]
    runs = [
        r
        for p in synthesis.paragraphs
        for before, r in zip(["", *(x.text for x in p.runs)], p.runs, strict=False)
        if r.text.startswith("«\u00a0") or (before.endswith("«\u00a0") and r.text.strip())
    ]
    assert len(runs) > 10 and any(r.italic for r in runs)  # « *prosumers* » too
    assert all(r._r.xpath("./w:rPr/w:lang/@w:val") == ["zxx"] for r in runs)
    lines = subprocess.run(
        ["pdftotext", "-layout", str(synthesis_in_libreoffice), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert not re.findall(r"«\s\w+-\n", lines)


def test_text_beside_a_qr_code_is_ragged_in_both_writers(twins: list[Path]) -> None:
    # A narrow justified column stretches its short lines: ragged right beside the code.
    beside = 0
    for path in twins[1:-1]:
        for table in docx.Document(str(path)).tables:
            cells = table.rows[0].cells
            if len(cells) == 2 and cells[1]._tc.findall(".//" + qn("w:drawing")):
                for paragraph in cells[0].paragraphs:
                    beside += 1
                    assert paragraph.alignment == 0, paragraph.text  # 0: left
    assert beside > 10


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent")
def test_libreoffice_never_cuts_a_date_bound_by_no_break_spaces(tmp_path: Path) -> None:
    from ieg_reports.compose.typography import typeset
    from ieg_reports.render.docx_writer import DocxWriter

    from .pdftext import pdf_text

    colors = load_style(default_templates() / "style.toml").colors
    date = "mercredi 18 octobre 2017"
    blocks = tuple(
        Paragraph((Run(typeset("x" * n + " l’événement aura lieu le " + date + " à Paris.")),))
        for n in range(0, 60)
    )
    data, _ = DocxWriter(default_templates() / "reference.docx", colors).write(
        Document(DocumentInfo("Essai"), blocks), Assets()
    )
    path = tmp_path / "dates.docx"
    path.write_bytes(data)
    text = pdf_text(convert(path, tmp_path))
    assert text.count("octobre") == 60
    cut = re.findall(r"(mer\w*|oc\w*)-\n", text)
    assert not cut, cut


def test_a_headings_short_text_keeps_with_what_it_opens_and_the_colophon_never_alone(
    twins: list[Path],
) -> None:
    # As the PDF's groups: « Pour aller plus loin », its one-sentence intro and the first
    # resource (a table) move together; the last line of a pack never opens a page alone.
    kept = 0
    for path in twins[1:-1]:
        body = docx.Document(str(path)).element.body
        blocks = [c for c in body.iterchildren() if c.tag in (W + "p", W + "tbl")]
        for heading, text, after in zip(blocks, blocks[1:], blocks[2:], strict=False):
            styles = heading.xpath("./w:pPr/w:pStyle/@w:val")
            if styles and styles[0].startswith("Heading") and after.tag == W + "tbl":
                assert text.xpath("./w:pPr/w:keepNext"), "".join(text.xpath(".//w:t/text()"))
                kept += 1
        written = [b for b in blocks if b.tag == W + "p" and "".join(b.xpath(".//w:t/text()"))]
        assert written[-2].xpath("./w:pPr/w:keepNext"), path.name
    assert kept >= 5


def test_ragged_key_value_lines_are_not_hyphenated_in_word(twins: list[Path]) -> None:
    programme = docx.Document(str(twins[-1])).element.body
    ragged = programme.xpath(".//w:p[w:pPr/w:jc/@w:val='left' and not(w:pPr/w:pStyle)]")
    assert len(ragged) >= 4
    assert all(p.xpath("./w:pPr/w:suppressAutoHyphens") for p in ragged)
    assert not any(p.xpath(".//w:softHyphen") for p in ragged)
