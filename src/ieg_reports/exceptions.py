"""The one small error hierarchy of ieg-reports.

A subclass of `IegError` is a user error: click prints its message as one French line,
« Erreur : … », without a traceback, and exits with its code. Anything else is a bug and
shows its traceback.
"""

from __future__ import annotations

from typing import IO, Any

import click


class IegError(click.ClickException):
    """A user-facing error, printed as one French line."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        """Print « Erreur : message » on standard error."""
        click.echo(f"Erreur\u00a0: {self.format_message()}", err=True, file=file)

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

    exit_code = 1


class StrictWarningsError(IegError):
    """`--strict`: the build met warnings, treated as errors."""

    exit_code = 1
