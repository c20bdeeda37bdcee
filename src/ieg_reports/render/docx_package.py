"""Finishing a .docx package: embedded fonts, honest app.xml, no blank thumbnail.

Word and LibreOffice show a font embedded in the package without installing it. Fonts are
embedded as OOXML requires: obfuscated (.odttf, the first 32 bytes XORed with a key named
in fontTable.xml), subset to the characters a reader or an editor needs. The key is derived
from the face so that the same document gives the same bytes.
"""

from __future__ import annotations

import io
import logging
import re
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Any

# fontTools logs remarks about the font files (old timestamps…): not the user's business.
logging.getLogger("fontTools").setLevel(logging.ERROR)

FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
ODTTF = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FACES = (("embedRegular", "regular"), ("embedBold", "bold"), ("embedItalic", "italic"),
         ("embedBoldItalic", "bold_italic"))  # fmt: skip
# Latin, Latin-1, Latin Extended-A and general punctuation: enough to edit French text.
BASE_CHARS = "".join(
    chr(c)
    for c in (*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2000, 0x2070), 0x20AC, 0x2116)
)
# No « liga »: LibreOffice would draw Lato's « ti » ligature, which Word and the PDF never show.
LAYOUT_FEATURES = ("kern", "locl")
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>ieg-reports</Application><DocSecurity>0</DocSecurity></Properties>"
)
# The children of w:settings in the order the schema's sequence requires (CT_Settings,
# ECMA-376 Part 1, 17.15.1.78): Word refuses or ignores a setting out of its place.
SETTINGS_ORDER = [
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
]
_RANK = {name: n for n, name in enumerate(SETTINGS_ORDER)}


def font_key(family: str, face: str) -> str:
    """A stable GUID for one face: same font, same bytes."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"ieg-reports:{family}:{face}")).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes with the key's 16 bytes, in reverse order (ECMA-376, 17.8.1)."""
    key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ key_bytes[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


@lru_cache(maxsize=32)
def subset(path: Path, chars: str) -> bytes:
    """The font with only the glyphs of `chars`, from the disk cache when made before."""
    from ieg_reports.fonts import derived_font

    # The options are part of the key: a subset made with other options (an older version
    # that kept the ligatures, run by another checkout) must never be taken for this one.
    recipe = f"{chars}:{','.join(LAYOUT_FEATURES)}"
    return derived_font(path, recipe, lambda p: _subset_now(p, chars))


def _subset_now(path: Path, chars: str) -> bytes:
    """The font with only the glyphs of `chars` (and what they need)."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.layout_features = list(LAYOUT_FEATURES)
    font = TTFont(str(path), recalcTimestamp=False)  # same font, same bytes
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def finish_parts(parts: dict[str, bytes], family: str, faces: dict[str, Path]) -> None:
    """The package's parts with `family` embedded, a plain app.xml and no thumbnail."""
    used = set(BASE_CHARS).union(
        *(_text_chars(parts[n]) for n in parts if n.startswith("word/") and n.endswith(".xml"))
    )
    chars = "".join(sorted(used))
    _embed(parts, family, faces, chars)
    parts["docProps/app.xml"] = APP_XML.encode("utf-8")
    _drop_thumbnail(parts)


@lru_cache(maxsize=64)
def _text_chars(xml: bytes) -> frozenset[str]:
    """The characters of a part's text (outside tags); styles, numbering… repeat unchanged."""
    return frozenset(re.sub(r"<[^>]+>", "", xml.decode("utf-8")))


def _embed(parts: dict[str, bytes], family: str, faces: dict[str, Path], chars: str) -> None:
    """Font parts, their relationships, the fontTable entry and the settings flags."""
    rels, embeds = [], []
    for number, (element, face) in enumerate(FACES, start=1):
        if face not in faces:
            continue
        key = font_key(family, face)
        parts[f"word/fonts/font{number}.odttf"] = obfuscate(subset(faces[face], chars), key)
        rels.append(f'<Relationship Id="rIdFont{number}" Type="{FONT_REL}" '
                    f'Target="fonts/font{number}.odttf"/>')  # fmt: skip
        embeds.append(f'<w:{element} r:id="rIdFont{number}" w:fontKey="{key}"/>')
    parts["word/_rels/fontTable.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
        f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{"".join(rels)}'
        "</Relationships>"
    ).encode()
    parts["word/fontTable.xml"] = _font_table(parts["word/fontTable.xml"].decode(), family, embeds)
    types = parts["[Content_Types].xml"].decode()
    if 'Extension="odttf"' not in types:
        types = types.replace(
            "<Default ", f'<Default Extension="odttf" ContentType="{ODTTF}"/><Default ', 1
        )
    parts["[Content_Types].xml"] = types.encode()
    parts["word/settings.xml"] = _settings(parts["word/settings.xml"].decode()).encode()


def _font_table(xml: str, family: str, embeds: list[str]) -> bytes:
    """fontTable.xml with one entry for `family` carrying the embedded faces."""
    xml = re.sub(rf'<w:font w:name="{re.escape(family)}"(?:/>|>.*?</w:font>)', "", xml, flags=re.S)
    if 'xmlns:r="' not in xml.split(">", 2)[1]:
        xml = re.sub(r"<w:fonts ", f'<w:fonts xmlns:r="{R}" ', xml, count=1)
    entry = (
        f'<w:font w:name="{family}"><w:charset w:val="00"/><w:family w:val="swiss"/>'
        f'<w:pitch w:val="variable"/>{"".join(embeds)}</w:font>'
    )
    return xml.replace("</w:fonts>", entry + "</w:fonts>").encode("utf-8")


def _settings(xml: str) -> str:
    """settings.xml asking Word to keep the embedded (subset) fonts, in schema order."""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    for name in ("embedTrueTypeFonts", "saveSubsetFonts"):
        set_setting(root, name)
    return str(
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), "utf-8"
    )


def set_setting(settings: Any, name: str, **attributes: str) -> Any:
    """The w:`name` child of w:settings, made where the schema's sequence puts it if absent,
    with `attributes` (w: names) set on it."""
    tag = f"{{{W}}}{name}"
    element = settings.find(tag)
    if element is None:
        element = settings.makeelement(tag, {})
        rank = _RANK[name]
        after = [
            child for child in settings if _RANK.get(_local(child.tag), len(SETTINGS_ORDER)) > rank
        ]
        if after:
            after[0].addprevious(element)
        else:
            settings.append(element)
    for key, value in attributes.items():
        element.set(f"{{{W}}}{key}", value)
    return element


def _local(tag: Any) -> str:
    """The local name of an element's tag (a comment's tag is not a string)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _drop_thumbnail(parts: dict[str, bytes]) -> None:
    """Remove the blank thumbnail python-docx's template carries, and its relationship."""
    for name in [n for n in parts if n.startswith("docProps/thumbnail")]:
        del parts[name]
    rels = parts["_rels/.rels"].decode()
    rels = re.sub(r'<Relationship [^>]*Target="docProps/thumbnail[^"]*"/>', "", rels)
    parts["_rels/.rels"] = rels.encode()
