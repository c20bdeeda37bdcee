"""One build at a time per output folder (a portable lock: Windows, macOS, Linux)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ieg_reports.exceptions import IegError
from ieg_reports.pipeline.io import write_error, writing

LOCK_NAME = ".ieg-build.lock"


class BuildLockedError(IegError):
    """Another build is writing to the same folder."""

    exit_code = 2


@contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (released when the process ends, even if killed)."""
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder / LOCK_NAME, timeout=0, thread_local=False)
    try:
        lock.acquire()
    except Timeout:  # a subclass of OSError: caught first
        raise BuildLockedError(
            f"{folder} : une autre construction est en cours dans ce dossier ; "
            "relancez quand elle sera terminée."
        ) from None
    except OSError as exc:
        raise write_error(folder / LOCK_NAME, exc) from exc
    try:
        yield
    finally:
        lock.release()
