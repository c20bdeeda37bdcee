"""The one small error hierarchy of ieg-reports.

A subclass of `IegError` is a user error: click prints its message as one French line,
« Erreur : … », without a traceback, and exits with its code. Anything else is a bug and
shows its traceback.
"""

from __future__ import annotations

import errno
from typing import IO, Any

import click

from ieg_reports.problems import french_spacing


class IegError(click.ClickException):
    """A user-facing error, printed as one French line."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        """Print « Erreur : message » on standard error."""
        click.echo(f"Erreur\u00a0: {french_spacing(self.format_message())}", err=True, file=file)

    def __str__(self) -> str:
        return self.message


class UnreadableWorkbookError(IegError):
    """The file is not a workbook we can read (missing, corrupt, protected)."""

    exit_code = 2


class ConfigError(IegError):
    """`ieg-reports.toml` is unreadable or holds invalid values."""

    exit_code = 2


class WorkbookInvalidError(IegError):
    """The workbook has errors: nothing is built."""

    exit_code = 1


class TemplateError(IegError):
    """A document template is missing or fails; the message names the file and line."""

    exit_code = 1


class OutputExistsError(IegError):
    """Refusing to overwrite an existing file."""

    exit_code = 2


class OutputFolderError(IegError):
    """The destination cannot be used (missing, not a folder, read-only, full)."""

    exit_code = 2


# What the file system says, in French (the system's own strerror is English).
OS_REASONS = {
    errno.ENOSPC: "le disque est plein",
    getattr(errno, "EDQUOT", -1): "le quota du disque est atteint",
    errno.EROFS: "le dossier est en lecture seule",
    errno.EACCES: "vous n’avez pas le droit d’y écrire (dossier en lecture seule\u00a0?)",
    errno.EPERM: "vous n’avez pas le droit d’y écrire (dossier en lecture seule\u00a0?)",
    errno.EFBIG: "le fichier dépasse la taille permise",
    errno.ENOENT: "ce dossier n’existe pas et ne peut pas être créé",
    errno.ENOTDIR: "un fichier porte déjà ce nom (il faut un dossier)",
    errno.EISDIR: "un dossier porte déjà ce nom",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.ENAMETOOLONG: "le chemin est trop long",
}
FULL_DISK = {errno.ENOSPC, getattr(errno, "EDQUOT", -1)}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in French."""
    return OS_REASONS.get(exc.errno or 0, "erreur du système de fichiers")


def os_advice(exc: OSError) -> str:
    """What to do about it."""
    if (exc.errno or 0) in FULL_DISK:
        return "libérez de la place, puis relancez"
    return "choisissez un autre dossier avec -o, puis relancez"


class StrictWarningsError(IegError):
    """`--strict`: the build met warnings, treated as errors."""

    exit_code = 1
