"""Atomic file writes: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# Temporary files are created 0600; the final file gets the usual permissions.
FILE_MODE = 0o666 & ~_umask()


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, FILE_MODE)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@dataclass
class Staged:
    """A rendered output waiting in a hidden temporary file beside its final place."""

    temp: Path
    sha256: str
    committed: bool = False


def stage(path: Path, data: bytes) -> Staged:
    """Write `data` to a temporary file next to `path` (nothing visible changes yet)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(temp, FILE_MODE)
    return Staged(Path(temp), hashlib.sha256(data).hexdigest())


def commit(staged: Staged, path: Path) -> None:
    """Put a staged file in place, atomically."""
    os.replace(staged.temp, path)
    staged.committed = True


def discard(staged: list[Staged]) -> None:
    """Remove staged files that were never put in place (a failed or interrupted build)."""
    for item in staged:
        if not item.committed:
            item.temp.unlink(missing_ok=True)
