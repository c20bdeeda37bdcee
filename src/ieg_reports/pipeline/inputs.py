"""Digests of every input file of a build, computed without parsing anything.

When they match the manifest and every output is as recorded, a build has nothing to do:
this check imports neither pandas nor the renderers.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ieg_reports.pipeline.codestamp import code_stamp

_READ = 1 << 20


def _sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_READ):
            digest.update(chunk)
    return digest.hexdigest()


def workbook_files(workbook: Path) -> list[Path]:
    """The files a workbook is made of (one, or the CSV files of a folder)."""
    if workbook.is_dir():
        return sorted(p for p in workbook.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    return [workbook]


def _user_templates(workbook: Path) -> Path | None:
    """The user's templates folder, as the config names it (None when it cannot be read)."""
    from ieg_reports.config import load_config
    from ieg_reports.exceptions import ConfigError

    try:
        return load_config(workbook).templates
    except ConfigError:
        return None  # the real load reports it


def input_digests(workbook: Path, defaults: Path) -> dict[str, str]:
    """SHA-256 of the workbook, its config and every template file, and the running code's stamp."""
    from ieg_reports.config import config_path_for

    digests = {"ieg-reports": code_stamp()}
    digests.update({f"classeur/{p.name}": _sha(p) for p in workbook_files(workbook)})
    config = config_path_for(workbook)
    digests["reglages"] = _sha(config) if config.is_file() else "absent"
    folders = [("modeles", defaults)]
    user = _user_templates(workbook) if config.is_file() else None
    if user is not None and user.is_dir():
        folders.append(("modeles-utilisateur", user))
    for label, folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digests[f"{label}/{path.relative_to(folder)}"] = _sha(path)
    return digests
