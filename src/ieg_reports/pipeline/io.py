"""Atomic file writes: a hidden temporary file in the same folder, then a rename.

Every file a build writes goes through `stage` then `commit` (`write_atomic` is both at
once), so a failure or a kill leaves the old file or the new one, never half of one. Every
temporary file carries the `TEMP_PREFIX`, so the next build can remove those a kill left.
Errors of the file system (read-only folder, full disk) become one French line.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ieg_reports.exceptions import OutputFolderError, os_advice, os_reason

TEMP_PREFIX = ".ieg-tmp-"


class OutputWriteError(OutputFolderError):
    """The output folder cannot be written (read-only, full, missing rights)."""


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# Temporary files are created 0600; the final file gets the usual permissions.
FILE_MODE = 0o666 & ~_umask()


def write_error(path: Path, exc: OSError) -> OutputWriteError:
    """The French error for a failed write to `path`."""
    return OutputWriteError(
        f"impossible d’écrire {path}\u00a0: {os_reason(exc)}. Les documents précédents sont "
        f"intacts\u00a0; {os_advice(exc)}."
    )


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn file-system errors met while writing `path` into `OutputWriteError`."""
    try:
        yield
    except OutputWriteError:
        raise
    except OSError as exc:
        raise write_error(path, exc) from exc


@dataclass
class Staged:
    """A rendered output waiting in a hidden temporary file beside its final place."""

    temp: Path
    sha256: str
    committed: bool = False

    def read(self) -> bytes:
        """The staged bytes."""
        return self.temp.read_bytes()


def stage(path: Path, data: bytes) -> Staged:
    """Write `data` to a temporary file next to `path` (nothing visible changes yet)."""
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            prefix=f"{TEMP_PREFIX}{path.name}.", suffix=".tmp", dir=path.parent
        )
        temp = Path(name)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temp, FILE_MODE)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    return Staged(temp, hashlib.sha256(data).hexdigest())


def commit(staged: Staged, path: Path) -> None:
    """Put a staged file in place, atomically."""
    with writing(path):
        os.replace(staged.temp, path)
    staged.committed = True


def discard(staged: list[Staged]) -> None:
    """Remove staged files that were never put in place (a failed or interrupted build)."""
    for item in staged:
        if not item.committed:
            item.temp.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so readers see the old file or the new one, never half."""
    staged = stage(path, data)
    try:
        commit(staged, path)
    finally:
        discard([staged])


def remove_stale_temps(folder: Path) -> int:
    """Remove the temporary files a killed build left in `folder` (returns how many)."""
    count = 0
    if not folder.is_dir():
        return 0
    for path in folder.rglob(f"{TEMP_PREFIX}*"):
        if path.is_file():
            path.unlink(missing_ok=True)
            count += 1
    return count
