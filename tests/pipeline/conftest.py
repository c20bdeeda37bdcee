"""What the build tests share: a copy of a module's prebuilt workbook for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def built(prebuilt: Path, tmp_path: Path) -> Path:
    """A copy of the module's built workbook and outputs (mtimes kept), for one test to change."""
    shutil.copytree(prebuilt, tmp_path / "w", copy_function=shutil.copy2)
    return tmp_path / "w"


def output_state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every output file's bytes and modification time (the build's own records left out)."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and not any(part.startswith(".ieg-build") for part in p.relative_to(folder).parts)
    }


def user_templates(book: Path, tmp_path: Path, footer: str = "Pied de page.\n") -> Path:
    """A user templates folder whose pack includes a partial footer, set in the book's config."""
    from ieg_reports.resources import default_templates

    templates = tmp_path / "modeles"
    templates.mkdir()
    source = (default_templates() / "dossier.md.j2").read_text(encoding="utf-8")
    (templates / "dossier.md.j2").write_text(
        source + '\n{% include "partiels/pied.md.j2" %}\n', encoding="utf-8"
    )
    (templates / "partiels").mkdir()
    (templates / "partiels/pied.md.j2").write_text(footer, encoding="utf-8")
    (book / "ieg-reports.toml").write_text(
        f'[documents]\nmodeles = "{templates.as_posix()}"\n', encoding="utf-8"
    )
    return templates
