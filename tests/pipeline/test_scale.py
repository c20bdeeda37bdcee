"""A workshop thirty times the sample: the synthesis builds in both formats (no LayoutError,
no chart taller than a page). The workbook is generated here from the sample's CSV sheets."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

# Columns holding codes of another sheet: each copy suffixes them the same way.
REFERENCES = {
    "familles": ("Code",),
    "facteurs": ("Code", "Famille"),
    "mots_cles": ("Facteur",),
    "evaluations": ("Facteur",),
    "effets": ("Facteur",),
    "themes": ("Code", "Facteurs"),
    "ressources": ("Thème",),
    "participants": ("Thèmes",),
}
NAMES = {"familles": "Nom", "themes": "Titre", "participants": "E-mail"}


def _copy(sheet: str, row: dict[str, str], n: int) -> dict[str, str]:
    out = dict(row)
    for column in REFERENCES.get(sheet, ()):
        codes = [c.strip() for c in row[column].split(",") if c.strip()]
        out[column] = ", ".join(f"{c}.{n}" for c in codes)
    if sheet in NAMES:
        out[NAMES[sheet]] = (
            f"{n}.{row[NAMES[sheet]]}" if sheet == "participants" else f"{row[NAMES[sheet]]} ({n})"
        )
    return out


def scaled_workbook(source: Path, target: Path, factor: int) -> Path:
    """A CSV workbook `factor` times `source` (the atelier sheet once)."""
    target.mkdir(parents=True)
    for path in sorted(source.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter=";")
            header, rows = list(reader.fieldnames or []), list(reader)
        copies = [0] if path.stem == "atelier" else range(factor)
        with (target / path.name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, header, delimiter=";", lineterminator="\n")
            writer.writeheader()
            for n in copies:
                writer.writerows(r if n == 0 else _copy(path.stem, r, n) for r in rows)
    return target


@pytest.mark.slow
def test_a_thirty_times_workshop_builds_its_synthesis(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from conftest import SAMPLE_SOURCE
    from ieg_reports.api import load_workshop
    from ieg_reports.config import Config
    from ieg_reports.pipeline.render import RenderSettings, render_target
    from ieg_reports.pipeline.targets import SYNTHESIS_DOCX, SYNTHESIS_PDF, Target

    book = scaled_workbook(SAMPLE_SOURCE, tmp_path / "atelier-x30", 30)
    result = load_workshop(book)
    assert result.ok and len(result.workshop.themes) == 330
    settings = RenderSettings(None, Config())
    pdf, _ = render_target(Target(SYNTHESIS_PDF, "synthese-pdf"), result.workshop, settings)
    (tmp_path / "synthese.pdf").write_bytes(pdf)
    assert len(PdfReader(tmp_path / "synthese.pdf").pages) > 100
    docx, _ = render_target(Target(SYNTHESIS_DOCX, "synthese-docx"), result.workshop, settings)
    assert docx.startswith(b"PK")
