"""French hyphenation in both writers: three letters at least on each side of a cut, the
last word of a paragraph never cut; in the sample's synthesis as printed and as LibreOffice
sets its Word twin."""

from __future__ import annotations

import re
import subprocess
from itertools import pairwise
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from ieg_reports.render.hyphenation import (
    SOFT_HYPHEN,
    hyphenator,
    last_word,
    pairs,
    positions,
    soft_hyphens,
)

from .test_libreoffice import SOFFICE, convert


def test_a_cut_keeps_three_letters_on_each_side() -> None:
    cuts = pairs("exhaustivité")
    assert cuts and all(len(head) >= 3 and len(tail) >= 3 for head, tail in cuts)
    assert ("exhaustivi", "té") not in cuts
    assert [len(head) for head, _ in cuts] == sorted((len(h) for h, _ in cuts), reverse=True)
    assert not pairs("mercredi") or all(len(t) >= 3 for _, t in pairs("mercredi"))
    assert positions("famille") == () and positions("IEG") == () and positions("RTE2030") == ()


def test_the_last_word_of_a_paragraph_is_never_cut() -> None:
    text = "Une démarche collective, sans rechercher une parfaite exhaustivité."
    assert last_word(text) == "exhaustivité"
    marked = soft_hyphens(text, text.rindex("exhaustivité"))
    assert SOFT_HYPHEN in marked and marked.replace(SOFT_HYPHEN, "") == text
    assert marked.endswith(" exhaustivité.")
    assert hyphenator("exhaustivité")("exhaustivité") == []
    assert hyphenator("exhaustivité")("collective") == pairs("collective")
    assert last_word("« Numérique et données »).") == "données"


def _syllable_cuts(pdf: Path, words: set[str]) -> list[tuple[str, str]]:
    """The words cut at a line's end inside a syllable (not at a compound's own hyphen)."""
    lines = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    found = []
    for line, after in pairwise(lines):
        head, tail = re.search(r"(\w+)-$", line.strip()), re.match(r"\s*(\w+)", after)
        if head and tail and head.group(1) + tail.group(1) in words:
            found.append((head.group(1), tail.group(1)))
    return found


def _words(path: Path) -> set[str]:
    document = docx.Document(str(path))
    text = " ".join(p.text for p in document.paragraphs)
    return set(re.findall(r"\w+", text))


def _assert_no_short_cut(pdf: Path, words: set[str]) -> None:
    cuts = _syllable_cuts(pdf, words)
    assert len(cuts) >= 5, cuts  # the body is hyphenated at all
    short = [(h, t) for h, t in cuts if len(re.sub(r"^.*’", "", h)) < 3 or len(t) < 3]
    assert not short, short


def test_the_printed_synthesis_never_cuts_two_letters_off(sample_build) -> None:  # type: ignore[no-untyped-def]
    folder = sample_build.folder
    _assert_no_short_cut(folder / "synthese.pdf", _words(folder / "synthese.docx"))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice absent")
def test_libreoffice_never_cuts_two_letters_off_the_word_twin(sample_build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    twin = sample_build.folder / "synthese.docx"
    _assert_no_short_cut(convert(twin, tmp_path), _words(twin))


def test_the_word_twin_marks_its_cuts_with_soft_hyphens(sample_build) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document(str(sample_build.folder / "synthese.docx"))
    body = [p for p in document.paragraphs if p.style.name == "Normal"]
    marked = [p for p in body if p._p.xpath(".//w:softHyphen")]
    assert len(marked) > len(body) / 3
    for paragraph in marked:  # never in the last word: a space follows the last cut
        after = ""
        for element in paragraph._p.iter(qn("w:t"), qn("w:softHyphen")):
            after = "" if element.tag == qn("w:softHyphen") else after + (element.text or "")
        assert re.search(r"\s", after), paragraph.text
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings and not any(p._p.xpath(".//w:softHyphen") for p in headings)
