"""French typography over the extracted text of every sample document, PDF and Word."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

import pytest

URL = re.compile(r"(?:https?|mailto):\S+|\S+@\S+\.\w+")
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"


def _documents(folder: Path, suffix: str) -> list[Path]:
    return [folder / f"synthese{suffix}", *sorted((folder / "dossiers").glob(f"*{suffix}"))]


def _prose(text: str) -> str:
    return URL.sub(" ", text)


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(texts)


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
        lines = [line.strip() for line in text.splitlines()]
        for line, following in itertools.pairwise(lines):
            if re.match(r"^[;:!?»%]", following) or line.endswith("«"):
                faults.append(f"{line} ⏎ {following}")
            if re.search(r"\b\d+(?:er)?$", line) and re.match(rf"^(?:{MONTHS}|%)\b", following):
                faults.append(f"{line} ⏎ {following}")
        assert not faults, f"{path.name} : {faults[:5]}"


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_every_sample_document_is_checked(sample_build, suffix: str) -> None:  # type: ignore[no-untyped-def]
    assert len(_documents(sample_build.folder, suffix)) == 8
