"""Stage 1, load: a workbook file (xlsx, ods, CSV folder) into raw tables."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ieg_reports.exceptions import UnreadableWorkbookError
from ieg_reports.problems import Location, Problem, Severity

if TYPE_CHECKING:  # the readers are imported only when a workbook is really read
    from ieg_reports.workbook.readers.raw import RawWorkbook

__all__ = ["load_raw", "workbook_name"]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def workbook_name(path: Path) -> str:
    """The name of a workbook without extension, used for its output folder."""
    return path.name if path.is_dir() else path.stem


def load_raw(path: Path) -> RawWorkbook:
    """Read every sheet of the workbook at `path`; raise if it cannot be read at all."""
    import dataclasses

    raw = _read(path)
    notice = open_notice(path)
    if notice is None:
        return raw
    return dataclasses.replace(raw, problems=(notice, *raw.problems))


def open_notice(path: Path) -> Problem | None:
    """A warning when Excel (`~$x.xlsx`) or LibreOffice (`.~lock.x.xlsx#`) has the file open."""
    if path.is_dir():
        return None
    locks = (path.with_name(f"~${path.name}"), path.with_name(f".~lock.{path.name}#"))
    if not any(lock.exists() for lock in locks):
        return None
    return Problem(
        Severity.WARNING,
        Location(path.name),
        "le classeur est ouvert dans Excel ou LibreOffice : "
        "les modifications non enregistrées ne sont pas prises en compte",
        "enregistrez le classeur, puis relancez",
    )


def _read(path: Path) -> RawWorkbook:
    if not path.exists():
        raise UnreadableWorkbookError(
            f"{path} : classeur introuvable ; vérifiez le chemin (ieg-reports init en crée un)."
        )
    if path.is_dir():
        from ieg_reports.workbook.readers.csvdir import read_csv_folder

        return read_csv_folder(path)
    suffix = path.suffix.lower()
    _check_not_ole(path)
    if suffix in (".xlsx", ".xlsm"):
        from ieg_reports.workbook.readers.xlsx import read_xlsx

        return read_xlsx(path)
    if suffix == ".ods":
        from ieg_reports.workbook.readers.ods import read_ods

        return read_ods(path)
    if suffix == ".csv":
        raise UnreadableWorkbookError(
            f"{path.name} : un classeur CSV est un dossier de fichiers .csv, un par feuille ; "
            "indiquez le dossier plutôt que le fichier."
        )
    raise UnreadableWorkbookError(
        f"{path.name} : format non pris en charge ; enregistrez le classeur en .xlsx ou .ods."
    )


def _check_not_ole(path: Path) -> None:
    """Encrypted xlsx and old .xls files are OLE containers: say so plainly."""
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic == _OLE_MAGIC:
        raise UnreadableWorkbookError(
            f"{path.name} : classeur protégé par mot de passe ou au format .xls ancien ; "
            "retirez le mot de passe et enregistrez-le en .xlsx."
        )
