"""`ieg-reports templates export DIR`: copy the default templates to customise them."""

from __future__ import annotations

import shutil
from pathlib import Path

from ieg_reports.exceptions import OutputExistsError, OutputFolderError, os_reason
from ieg_reports.resources import default_templates


def run_export(folder: Path) -> list[Path]:
    """Copy every default template into `folder`; never overwrite a file there."""
    sources = sorted(p for p in default_templates().iterdir() if p.is_file())
    clashes = [folder / p.name for p in sources if (folder / p.name).exists()]
    if clashes:
        raise OutputExistsError(
            "déjà présents, non remplacés\u00a0: " + ", ".join(str(c) for c in clashes)
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for source in sources:
            shutil.copy2(source, folder / source.name)
    except OSError as exc:
        raise OutputFolderError(
            f"impossible de copier les modèles dans {folder}\u00a0: {os_reason(exc)}\u00a0; "
            "indiquez un autre dossier."
        ) from exc
    return [folder / p.name for p in sources]
