"""End-to-end: the sample synthesis read back as a Word reader would see it."""

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from ieg_reports.commands.build import run_build


@pytest.fixture(scope="module")
def synthesis(sample_build) -> Path:  # type: ignore[no-untyped-def]
    return sample_build.folder / "synthese.docx"


@pytest.fixture(scope="module")
def document(synthesis: Path):  # type: ignore[no-untyped-def]
    return docx.Document(str(synthesis))


def _all_text(document) -> str:  # type: ignore[no-untyped-def]
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts).replace("\u00a0", " ")


def test_every_family_key_factor_and_theme_is_there(document, sample_result) -> None:  # type: ignore[no-untyped-def]
    text = _all_text(document)
    workshop = sample_result.workshop
    for name in (
        [f.name for f in workshop.families]
        + [f.label for f in workshop.key_factors]
        + [t.title for t in workshop.themes]
    ):
        assert name.replace("\u00a0", " ") in text.replace("\u2019", "'"), name


def test_headings_use_word_heading_styles(document) -> None:  # type: ignore[no-untyped-def]
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    level1 = [t for s, t in headings if s == "Heading 1"]
    assert level1[:4] == [
        "Sommaire",
        "L’essentiel",
        "Contexte et méthode",
        "Les familles de facteurs",
    ]
    assert "Annexes" in level1
    assert ("Heading 2", "Tous les facteurs") in headings
    assert ("Heading 3", "Transition énergétique et environnement") in headings
    assert ("Heading 3", "T02 — La place de l’énergie dans l’économie circulaire") in headings
    assert document.paragraphs[0].style.name == "Title"


def test_toc_entries_carry_page_references_and_update_on_open(document, synthesis: Path) -> None:  # type: ignore[no-untyped-def]
    body = document.element.body.xml
    toc = [p.text for p in document.paragraphs if p.style.name.startswith("toc")]
    names = [t.split("\t")[0].replace("’", "'") for t in toc]
    assert names[:2] == ["L'essentiel", "Contexte et méthode"] and "Glossaire" in names
    assert all(t.endswith("\t") for t in toc)  # the tab to the dotted leader
    assert body.count(" PAGEREF _Toc_") == len(toc)
    settings = zipfile.ZipFile(synthesis).read("word/settings.xml").decode()
    assert '<w:updateFields w:val="true"/>' in settings


def test_figures_have_captions_alt_text_and_unique_ids(document) -> None:  # type: ignore[no-untyped-def]
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert [c.split(" — ")[0] for c in captions] == ["Figure 1", "Figure 2", "Figure 3", "Figure 4"]
    assert "Matrice de sélection" in captions[2]
    props = document.element.body.findall(".//" + qn("wp:docPr"))
    assert len(props) == 4 and all(p.get("descr") for p in props)
    ids = [p.get("id") for p in props]
    assert len(set(ids)) == len(ids)


def test_hyperlinks_with_their_targets(document, sample_result) -> None:  # type: ignore[no-untyped-def]
    links = document.element.body.findall(".//" + qn("w:hyperlink"))
    targets = {
        document.part.rels[link.get(qn("r:id"))].target_ref
        for link in links
        if link.get(qn("r:id"))
    }
    assert sample_result.workshop.info.event_link in targets
    styled = [link for link in links if link.get(qn("r:id"))]
    assert all(s.find(".//" + qn("w:rStyle")).get(qn("w:val")) == "Hyperlink" for s in styled)


def test_tables_repeat_header_and_rows_do_not_split(document) -> None:  # type: ignore[no-untyped-def]
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Code")
    first_row = table.rows[0]._tr
    assert first_row.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    assert len({g.get(qn("w:w")) for g in grid}) > 1  # real widths, not equal columns


def test_header_words_fit_their_columns(document) -> None:  # type: ignore[no-untyped-def]
    """LibreOffice breaks a header word wider than its column (« Cod/e », « Capacit/é »)."""
    from ieg_reports.render.docx_writer import _header_width

    checked = 0
    for table in document.tables:
        grid = table._tbl.tblGrid.gridCol_lst
        for cell, col in zip(table.rows[0].cells, grid, strict=False):
            if cell.text.strip():
                assert col.w >= _header_width(cell.text) - 635, cell.text  # twips, rounded
                checked += 1
    assert checked > 10


def test_core_properties_from_the_data(document) -> None:  # type: ignore[no-untyped-def]
    props = document.core_properties
    assert props.title.startswith("Synthèse — Atelier collaboratif")
    assert props.author == "Branche professionnelle des IEG"
    assert props.language == "fr-FR"
    assert (
        props.created == dt.datetime(2017, 7, 12, 9, 0, tzinfo=dt.UTC)
        and props.modified == props.created
    )
    assert "prospective" in props.keywords


def test_header_and_footer_fields(document) -> None:  # type: ignore[no-untyped-def]
    body = document.sections[-1]
    footer = body.footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer and "sur" in footer
    assert "Atelier collaboratif" in body.header.paragraphs[0].text
    assert len(document.sections) == 2 and not document.sections[0].header.paragraphs[0].text


def test_byte_identical_builds(tmp_path: Path, synthesis: Path) -> None:
    from conftest import SAMPLE

    again = run_build(SAMPLE, tmp_path).folder / "synthese.docx"
    assert (
        hashlib.sha256(again.read_bytes()).hexdigest()
        == hashlib.sha256(synthesis.read_bytes()).hexdigest()
    )


def test_source_date_epoch_sets_the_dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import FIXTURES

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    path = run_build(FIXTURES / "mini", tmp_path).folder / "synthese.docx"
    assert docx.Document(str(path)).core_properties.created == dt.datetime(
        2017, 7, 14, 2, 40, tzinfo=dt.UTC
    )
