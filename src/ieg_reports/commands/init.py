"""`ieg-reports init`: an empty workbook of the contract for the next workshop."""

from __future__ import annotations

from pathlib import Path

from ieg_reports.exceptions import OutputExistsError, OutputFolderError, os_reason


def run_init(path: Path) -> str:
    """Write an empty workbook at `path`; never overwrite an existing file."""
    from ieg_reports.workbook.blank import write_workbook

    if path.suffix.lower() != ".xlsx":
        raise OutputFolderError(
            f"{path.name}\u00a0: le classeur créé par init est un fichier .xlsx\u00a0; "
            "donnez un nom qui finit par .xlsx."
        )
    if path.exists():
        raise OutputExistsError(
            f"{path} existe déjà\u00a0: init ne remplace jamais un fichier\u00a0; choisissez un "
            "autre nom."
        )
    if not path.parent.is_dir():
        raise OutputFolderError(f"{path.parent}\u00a0: dossier introuvable.")
    try:
        write_workbook(path)
    except OSError as exc:
        raise OutputFolderError(f"impossible d’écrire {path}\u00a0: {os_reason(exc)}.") from exc
    return (
        f"Classeur créé\u00a0: {path}\nRemplissez ses feuilles (voir «\u00a0Mode d’emploi\u00a0»), "
        f"puis vérifiez-le avec\u00a0: ieg-reports validate {path}"
    )
