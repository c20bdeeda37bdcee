"""The workbook's parsed tables kept in the output folder, beside the manifest.

One file per sheet, named by its key (`workbook/tables.py` says what the key covers), in a
hidden folder. Only the files of the last build are kept. The store is a speed-up, never a
source of truth: a missing, unreadable or damaged file only means its sheet is parsed
again, and a failure to write one never fails a build.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from ieg_reports.pipeline.io import TEMP_PREFIX

CACHE_FOLDER = ".ieg-build.tables"
_KEY = re.compile(r"[0-9a-f]{64}")
_SUFFIX = ".json"


class TableFiles:
    """A `TableStore` reading and writing the files of one output folder's cache."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / CACHE_FOLDER
        self.used: set[str] = set()
        self.new: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        """The stored bytes under `key`, or None (no file, or not readable)."""
        if not _KEY.fullmatch(key):
            return None
        self.used.add(key)
        try:
            return (self.folder / f"{key}{_SUFFIX}").read_bytes()
        except OSError:
            return None

    def put(self, key: str, data: bytes) -> None:
        """Keep `data` to be written by `save`."""
        if _KEY.fullmatch(key):
            self.used.add(key)
            self.new[key] = data

    def save(self) -> None:
        """Write the new tables and remove those this build did not use (errors ignored)."""
        with contextlib.suppress(OSError):
            self.folder.mkdir(exist_ok=True)
            for key, data in self.new.items():
                _write(self.folder / f"{key}{_SUFFIX}", data)
            for path in self.folder.iterdir():
                if path.stem not in self.used or path.suffix != _SUFFIX:
                    path.unlink(missing_ok=True)
        self.new.clear()


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename: a reader sees the old file or the new.

    No fsync: a file torn by a crash fails its checks and is parsed again.
    """
    handle, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
