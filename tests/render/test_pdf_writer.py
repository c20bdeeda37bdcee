"""End-to-end: the PDF packs and synthesis as a reader (and a PDF checker) sees them."""

import hashlib
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

from ieg_reports.commands.build import run_build
from render.pdftext import flat, pdf_text


def _packs(folder: Path) -> list[Path]:
    return sorted((folder / "dossiers").glob("*.pdf"))


def test_one_pack_per_documentary_theme(sample_build, sample_result) -> None:  # type: ignore[no-untyped-def]
    names = [p.name for p in _packs(sample_build.folder)]
    documentary = [t.code for t in sample_result.workshop.themes if t.is_documentary]
    assert [n.split("-")[0] for n in names] == documentary
    assert all(len(Path(n).stem) <= 60 and n.isascii() for n in names)
    assert all((sample_build.folder / "dossiers" / n).with_suffix(".docx").is_file() for n in names)


def test_pack_text_has_title_factors_and_resources(sample_build, sample_result) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_result.workshop
    for position, path in enumerate(_packs(sample_build.folder), start=1):
        theme = workshop.theme(path.name.split("-")[0])
        text = pdf_text(path)
        assert flat(theme.title) in flat(text)
        assert "Apport documentaire" in text
        assert flat(f"Dossier {position} sur 7 du parcours documentaire") in flat(text)
        for factor in theme.factors:
            assert flat(factor.label) in flat(text)
        for resource in workshop.resources_of(theme):
            assert flat(resource.title) in flat(text)


def test_pdfs_are_valid_with_embedded_fonts(sample_build) -> None:  # type: ignore[no-untyped-def]
    for path in [sample_build.folder / "synthese.pdf", *_packs(sample_build.folder)]:
        reader = PdfReader(path)
        fonts = set()
        for page in reader.pages:
            for font in (page["/Resources"].get("/Font") or {}).values():
                font = font.get_object()
                descriptor = (
                    font.get("/FontDescriptor")
                    or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                )
                assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
                fonts.add(font["/BaseFont"])
        assert fonts and not any("Helvetica" in f for f in fonts)
        if shutil.which("qpdf"):
            subprocess.run(["qpdf", "--check", str(path)], check=True, capture_output=True)


def test_outline_metadata_and_language(sample_build) -> None:  # type: ignore[no-untyped-def]
    path = _packs(sample_build.folder)[0]
    reader = PdfReader(path)
    titles = [o.title.replace("\u00a0", " ") for o in reader.outline if not isinstance(o, list)]
    assert titles[:3] == ["En bref", "Pourquoi ce thème ?", "Enjeux pour la branche des IEG"]
    meta = reader.metadata
    assert meta.title.startswith("Dossier documentaire — ")
    assert meta.author == "Branche professionnelle des IEG" and meta.creator == "ieg-reports"
    assert meta.subject.startswith("Apport documentaire") and "prospective" in meta["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"


def test_resource_links_are_clickable(sample_build, sample_result) -> None:  # type: ignore[no-untyped-def]
    path = _packs(sample_build.folder)[0]
    theme = sample_result.workshop.theme(path.name.split("-")[0])
    uris = set()
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                uris.add(action["/URI"])
    assert {r.url for r in sample_result.workshop.resources_of(theme)} <= uris


def test_synthesis_pdf_has_toc_with_page_numbers_and_internal_links(sample_build) -> None:  # type: ignore[no-untyped-def]
    path = sample_build.folder / "synthese.pdf"
    reader = PdfReader(path)
    toc_page = reader.pages[1].extract_text()
    assert "Sommaire" in toc_page and "L'essentiel" in toc_page.replace("’", "'")
    internal = [
        a
        for a in reader.pages[1].get("/Annots") or []
        if "/Dest" in a.get_object() or "/GoTo" in str(a.get_object().get("/A"))
    ]
    assert len(internal) >= 10
    assert "page 2 sur" in pdf_text(path)


def test_byte_identical_pdf(tmp_path: Path, sample_build) -> None:  # type: ignore[no-untyped-def]
    from conftest import SAMPLE

    again = run_build(SAMPLE, tmp_path).folder
    for name in ("synthese.pdf", f"dossiers/{_packs(sample_build.folder)[0].name}"):
        first = hashlib.sha256((sample_build.folder / name).read_bytes()).hexdigest()
        assert hashlib.sha256((again / name).read_bytes()).hexdigest() == first, name


def test_meeting_themes_get_a_preparatory_pack_when_asked(tmp_path: Path) -> None:
    from conftest import SAMPLE_SOURCE

    book = tmp_path / "atelier"
    shutil.copytree(SAMPLE_SOURCE, book)
    (book / "ieg-reports.toml").write_text(
        "[documents]\ndossiers_pour_tous_les_themes = true\n", encoding="utf-8"
    )
    folder = run_build(book, tmp_path / "out").folder
    packs = _packs(folder)
    assert len(packs) == 11
    t01 = next(p for p in packs if p.name.startswith("T01-"))
    assert flat("Dossier préparatoire — Rencontre Prospective du 18 octobre 2017") in flat(
        pdf_text(t01)
    )
