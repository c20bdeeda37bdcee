"""The outputs of a workbook and how each is rendered."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ieg_reports.config import Config
from ieg_reports.model import Theme, Workshop

SYNTHESIS_DOCX = "synthese.docx"
SYNTHESIS_PDF = "synthese.pdf"
PACKS = "dossiers"
PROGRAMME_PDF = "programme.pdf"
PROGRAMME_DOCX = "programme.docx"
WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


@dataclass(frozen=True)
class Target:
    """One output file: its path inside the output folder, its kind, its theme if any."""

    name: str
    kind: str
    theme: str | None = None
    ref: str | None = None


def slugify(text: str, limit: int = 60) -> str:
    """ASCII, lower case, hyphens; never empty, never a path, never a reserved name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")
    if not slug or slug in WINDOWS_RESERVED:
        slug = f"x-{slug}" if slug else "sans-titre"
    return slug


def safe_code(code: str) -> str:
    """A theme code for a file name: ASCII letters and digits, case kept (T07)."""
    ascii_text = unicodedata.normalize("NFKD", code).encode("ascii", "ignore").decode()
    safe = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")[:20].strip("-")
    return safe if safe and safe.lower() not in WINDOWS_RESERVED else f"x-{safe}".rstrip("-")


def pack_stems(themes: list[Theme]) -> dict[str, str]:
    """`<code>-<slug>` per theme code, at most 60 characters, unique."""
    stems: dict[str, str] = {}
    used: set[str] = set()
    for theme in themes:
        code = safe_code(theme.code)
        stem = f"{code}-{slugify(theme.title)}"[:60].strip("-")
        candidate, n = stem, 2
        while candidate in used:
            suffix = f"-{n}"
            candidate = stem[: 60 - len(suffix)] + suffix
            n += 1
        used.add(candidate)
        stems[theme.code] = candidate
    return stems


def pack_themes(workshop: Workshop, config: Config) -> list[Theme]:
    """The themes that get a briefing pack."""
    return [t for t in workshop.themes if config.packs_for_all_themes or t.is_documentary]


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
