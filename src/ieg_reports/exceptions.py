"""The one small error hierarchy of ieg-reports.

A subclass of `IegError` is a user error: the CLI prints its message as one French line,
without a traceback. Anything else is a bug and shows its traceback.
"""


class IegError(Exception):
    """A user-facing error, printed as one French line."""

    exit_code = 1


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
