"""The outputs of a workbook and how each is rendered."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ieg_reports.workbook.text import code_slug, slug

if TYPE_CHECKING:  # a no-op build resolves output paths without loading the model
    from ieg_reports.config import Config
    from ieg_reports.model import Theme, Workshop

SYNTHESIS_DOCX = "synthese.docx"
SYNTHESIS_PDF = "synthese.pdf"
PACKS = "dossiers"
PROGRAMME_PDF = "programme.pdf"
PROGRAMME_DOCX = "programme.docx"


@dataclass(frozen=True)
class Target:
    """One output file: its path inside the output folder, its kind, its theme if any."""

    name: str
    kind: str
    theme: str | None = None
    ref: str | None = None


def pack_stems(themes: list[Theme]) -> dict[str, str]:
    """`<code>-<slug>` per theme code, at most 60 characters, cut between words, unique."""
    stems: dict[str, str] = {}
    used: set[str] = set()
    for theme in themes:
        code = code_slug(theme.code)
        stem = f"{code}-{slug(theme.title, 59 - len(code))}"
        candidate, n = stem, 2
        while candidate in used:
            suffix = f"-{n}"
            candidate = f"{code}-{slug(theme.title, 59 - len(code) - len(suffix))}{suffix}"
            n += 1
        used.add(candidate)
        stems[theme.code] = candidate
    return stems


def pack_themes(workshop: Workshop, config: Config) -> list[Theme]:
    """The themes that get a briefing pack under this config."""
    return list(workshop.pack_themes(config.packs_for_all_themes))


def targets_for(workshop: Workshop, config: Config) -> list[Target]:
    """Every output of the workshop, in a stable order."""
    targets = [Target(SYNTHESIS_DOCX, "synthese-docx"), Target(SYNTHESIS_PDF, "synthese-pdf")]
    for code, stem in pack_stems(pack_themes(workshop, config)).items():
        targets.append(Target(f"{PACKS}/{stem}.pdf", "pack-pdf", code))
        targets.append(Target(f"{PACKS}/{stem}.docx", "pack-docx", code))
    if workshop.info.has_event:
        targets += [
            Target(PROGRAMME_PDF, "programme-pdf"),
            Target(PROGRAMME_DOCX, "programme-docx"),
        ]
    return targets


def inside(folder: Path, name: str) -> Path:
    """The path of `name` in `folder`, refusing anything that would leave it."""
    path = (folder / name).resolve()
    if folder.resolve() not in path.parents:
        raise ValueError(f"chemin de sortie hors du dossier : {name}")
    return path
