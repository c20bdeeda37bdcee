"""`ieg-reports templates export DIR`: copy the default templates to customise them."""

from __future__ import annotations

import shutil
from pathlib import Path

from ieg_reports.exceptions import OutputExistsError
from ieg_reports.resources import default_templates


def run_export(folder: Path) -> list[Path]:
    """Copy every default template into `folder`; never overwrite a file there."""
    sources = sorted(p for p in default_templates().iterdir() if p.is_file())
    clashes = [folder / p.name for p in sources if (folder / p.name).exists()]
    if clashes:
        raise OutputExistsError(
            "déjà présents, non remplacés : " + ", ".join(str(c) for c in clashes)
        )
    folder.mkdir(parents=True, exist_ok=True)
    copied = []
    for source in sources:
        shutil.copy2(source, folder / source.name)
        copied.append(folder / source.name)
    return copied
