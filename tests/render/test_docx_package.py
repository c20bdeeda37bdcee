"""The .docx package: Lato embedded (obfuscated, subset), an honest app.xml, no blank thumbnail."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from fontTools.ttLib import TTFont

from ieg_reports.render.docx_package import font_key, obfuscate


def test_obfuscation_is_its_own_inverse_and_touches_only_the_head() -> None:
    data = bytes(range(256)) * 4
    key = font_key("Lato", "regular")
    hidden = obfuscate(data, key)
    assert hidden[32:] == data[32:] and hidden[:32] != data[:32]
    assert obfuscate(hidden, key) == data
    assert re.fullmatch(r"\{[0-9A-F-]{36}\}", key) and key == font_key("Lato", "regular")


def test_every_docx_embeds_the_four_faces(sample_build) -> None:  # type: ignore[no-untyped-def]
    docs = [
        sample_build.folder / "synthese.docx",
        *(sample_build.folder / "dossiers").glob("*.docx"),
    ]
    assert len(docs) == 8
    for path in docs:
        package = zipfile.ZipFile(path)
        table = package.read("word/fontTable.xml").decode()
        keys = dict(re.findall(r'r:id="(rIdFont\d)" w:fontKey="(\{[^"]+\})"', table))
        assert '<w:font w:name="Lato">' in table and len(keys) == 4, path.name
        rels = package.read("word/_rels/fontTable.xml.rels").decode()
        for rid, key in keys.items():
            target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels)
            assert target is not None
            font = TTFont(io.BytesIO(obfuscate(package.read("word/" + target.group(1)), key)))
            assert font["name"].getDebugName(1) == "Lato"
            assert all(ord(c) in font.getBestCmap() for c in "éèàçœ’«»\u00a0")
        assert "<w:embedTrueTypeFonts/>" in package.read("word/settings.xml").decode()
        assert 'Extension="odttf"' in package.read("[Content_Types].xml").decode()


def test_app_xml_is_honest_and_no_blank_thumbnail(sample_build) -> None:  # type: ignore[no-untyped-def]
    package = zipfile.ZipFile(Path(sample_build.folder) / "synthese.docx")
    app = package.read("docProps/app.xml").decode()
    assert "<Application>ieg-reports</Application>" in app and "Microsoft" not in app
    assert not any(n.startswith("docProps/thumbnail") for n in package.namelist())
    assert "thumbnail" not in package.read("_rels/.rels").decode()


def test_embedded_fonts_are_reproducible() -> None:
    from ieg_reports.render.docx_package import subset
    from ieg_reports.resources import fonts_folder

    font = fonts_folder() / "Lato-Regular.ttf"
    assert subset(font, "abc’é") == subset(font, "abc’é")
    # the subset keeps the font's own date instead of stamping the time of the build
    stamped = TTFont(io.BytesIO(subset(font, "abc")))["head"].modified
    assert stamped == TTFont(str(font))["head"].modified


def test_embedded_fonts_have_no_ligatures() -> None:
    """LibreOffice would draw Lato's « ti » ligature, which neither Word nor the PDF shows."""
    from ieg_reports.render.docx_package import subset
    from ieg_reports.resources import fonts_folder

    full = TTFont(str(fonts_folder() / "Lato-Regular.ttf"))
    embedded = TTFont(io.BytesIO(subset(fonts_folder() / "Lato-Regular.ttf", "Criticité fi")))
    tags = {r.FeatureTag for r in embedded["GSUB"].table.FeatureList.FeatureRecord}
    assert "liga" in {r.FeatureTag for r in full["GSUB"].table.FeatureList.FeatureRecord}
    assert "liga" not in tags


def test_the_fonts_of_a_built_docx_have_no_ligatures(sample_build) -> None:  # type: ignore[no-untyped-def]
    """Read back from the package itself: a subset cached by another version must not leak."""
    with zipfile.ZipFile(sample_build.folder / "synthese.docx") as package:
        table = package.read("word/fontTable.xml").decode()
        embeds = re.findall(r'r:id="rIdFont(\d)" w:fontKey="([^"]+)"', table)
        assert len(embeds) == 4
        for number, key in embeds:
            font = TTFont(
                io.BytesIO(obfuscate(package.read(f"word/fonts/font{number}.odttf"), key))
            )
            tags = {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}
            assert "liga" not in tags and "locl" in tags
