"""One build at a time per output folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ieg_reports.exceptions import IegError

LOCK_NAME = ".ieg-build.lock"


class BuildLockedError(IegError):
    """Another build is writing to the same folder."""

    exit_code = 1


@contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (released when the process ends, even if killed)."""
    import fcntl

    folder.mkdir(parents=True, exist_ok=True)
    handle = (folder / LOCK_NAME).open("a+")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise BuildLockedError(
            f"{folder} : une autre construction est en cours dans ce dossier ; "
            "relancez quand elle sera terminée."
        ) from None
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()
