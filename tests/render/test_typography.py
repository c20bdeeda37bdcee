"""French typography over the extracted text of every sample document, PDF and Word."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

import pytest

URL = re.compile(r"(?:https?|mailto):\S+|\S+@\S+\.\w+")
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"


DAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
UNITS = rf"(?:{MONTHS}|%|h|min|€|k€|M€|°C|km|kg)(?=\W|$)"


def _documents(folder: Path, suffix: str) -> list[Path]:
    packs = sorted((folder / "dossiers").glob(f"*{suffix}"))
    return [folder / f"synthese{suffix}", folder / f"programme{suffix}", *packs]


def _prose(text: str) -> str:
    return URL.sub(" ", text)


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(texts)


def _docx_paragraphs(path: Path) -> list[str]:
    """The body paragraphs of a Word file (sentences live there, not in table cells)."""
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def _split_at_line_end(line: str, following: str) -> bool:
    """True when a line break separates what belongs together (a number and its unit…)."""
    return bool(
        re.match(r"^[;:!?»·]", following)
        or re.search(r"\s{3}· ", following)  # a table column of -layout opening on « · »
        or line.endswith("«")
        or (re.search(r"\d$", line) and re.match(UNITS, following))
        or (re.search(rf"\b(?:{MONTHS})$", line) and re.match(r"^\d{4}\b", following))
        or (re.search(rf"\b(?:{DAYS})$", line, re.I) and re.match(r"^\d", following))
        or (re.search(r"\bn°$", line) and re.match(r"^\d", following))
    )


def _common_faults(text: str) -> list[str]:
    prose = _prose(text)
    faults = re.findall(r".{0,20}[^\W\d_]'\w.{0,10}", prose)
    faults += re.findall(r".{0,20}[?!]\.(?!\.).{0,5}", prose)
    return faults


def test_word_text_has_french_typography(sample_build) -> None:  # type: ignore[no-untyped-def]
    for path in _documents(sample_build.folder, ".docx"):
        text = _docx_text(path)
        prose = _prose(text)
        faults = _common_faults(text)
        faults += re.findall(r".{0,20}[^\u00a0\s\d?!][;:!?](?=\s|$).{0,5}", prose, re.M)
        faults += re.findall(r".{0,20}[ \t][;:!?»].{0,5}", prose)
        faults += re.findall(r".{0,5}«[^\u00a0].{0,20}", prose)
        faults += re.findall(rf".{{0,10}}\b\d+ (?:%|{MONTHS}).{{0,5}}", prose)
        assert not faults, f"{path.name} : {faults[:5]}"


def test_pdf_lines_never_split_what_belongs_together(sample_build) -> None:  # type: ignore[no-untyped-def]
    for path in _documents(sample_build.folder, ".pdf"):
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        faults = _common_faults(text)
        layout = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        for version in (text, layout):
            lines = [line.strip() for line in version.splitlines()]
            for line, following in itertools.pairwise(lines):
                if line and following and _split_at_line_end(line, following):
                    faults.append(f"{line} ⏎ {following}")
        assert not faults, f"{path.name} : {faults[:5]}"


def test_the_line_end_check_catches_what_it_must() -> None:
    assert _split_at_line_end("le mercredi 18", "octobre 2017")
    assert _split_at_line_end("soit 23", "% des facteurs")
    assert _split_at_line_end("le 18 octobre", "2017, à Paris")
    assert _split_at_line_end("le mercredi", "18 octobre")
    assert _split_at_line_end("la liste n°", "4")
    assert _split_at_line_end("Quelle place", "? Aucune")
    assert _split_at_line_end("numérique · capteurs", "· données massives")
    assert _split_at_line_end("environnement   bas carbone", "               · batteries")
    assert not _split_at_line_end("les 22 facteurs-clés du", "mercredi 18 octobre 2017")
    assert not _split_at_line_end("les 12", "signaux faibles")


def test_no_sentence_starts_with_a_numeral(sample_build) -> None:  # type: ignore[no-untyped-def]
    # Table cells (codes, scores, hours) are not sentences: the body paragraphs are.
    for path in _documents(sample_build.folder, ".docx"):
        faults = [p for p in _docx_paragraphs(path) if _starts_with_numeral(p)]
        assert not faults, f"{path.name} : {faults[:3]}"


def _starts_with_numeral(paragraph: str) -> bool:
    """True when a sentence of the paragraph opens with a figure (« 22 facteurs… »)."""
    return bool(re.search(r"(?:^|[.!?…]\s+)\d", _prose(paragraph)))


def test_the_numeral_check_catches_what_it_must() -> None:
    assert _starts_with_numeral("9 h 20, table ronde. Les villes…")
    assert _starts_with_numeral("Le thème est retenu. 22 facteurs-clés en découlent.")
    assert not _starts_with_numeral("À 9 h 20, table ronde. Les 22 facteurs-clés, version 1.0.")
    assert not _starts_with_numeral("Voir https://example.org/2017/1. Fin.")


def test_guillemets_hold_no_break_spaces_in_word(sample_build) -> None:  # type: ignore[no-untyped-def]
    for path in _documents(sample_build.folder, ".docx"):
        prose = _prose(_docx_text(path))
        faults = re.findall(r".{0,15}(?:«[^\u00a0\u202f]|[^\u00a0\u202f]»).{0,15}", prose)
        assert not faults, f"{path.name} : {faults[:5]}"


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_every_sample_document_is_checked(sample_build, suffix: str) -> None:  # type: ignore[no-untyped-def]
    documents = _documents(sample_build.folder, suffix)
    assert len(documents) == 9 and all(p.exists() for p in documents)
