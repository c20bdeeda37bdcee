"""`ieg-reports init`: an empty workbook of the contract for the next workshop."""

from __future__ import annotations

from pathlib import Path

from ieg_reports.exceptions import IegError, OutputExistsError


def run_init(path: Path) -> str:
    """Write an empty workbook at `path`; never overwrite an existing file."""
    from ieg_reports.workbook.blank import write_workbook

    if path.suffix.lower() != ".xlsx":
        raise IegError(f"{path.name} : le classeur créé par init est un fichier .xlsx.")
    if path.exists():
        raise OutputExistsError(
            f"{path} existe déjà : init ne remplace jamais un fichier. Choisissez un autre nom."
        )
    if not path.parent.is_dir():
        raise IegError(f"{path.parent} : dossier introuvable.")
    write_workbook(path)
    return (
        f"Classeur créé : {path}\nRemplissez ses feuilles (voir « Mode d'emploi »), puis "
        f"vérifiez-le avec : ieg-reports validate {path}"
    )
