"""The user's cache folder, for what builds keep to go faster: never a source of truth.

Compiled templates and encoded QR codes are trusted as they are read back, so they live where
only the user writes: the system's cache folder in the user's home (XDG on Linux, Caches on
macOS, LocalAppData on Windows), never the shared temporary folder. When it cannot be made,
builds simply keep nothing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

NAME = "ieg-reports"


def cache_root() -> Path:
    """Where the system keeps the user's caches."""
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches"
    xdg = Path(os.environ.get("XDG_CACHE_HOME", ""))
    return xdg if xdg.is_absolute() else Path.home() / ".cache"  # the spec ignores relative


@functools.cache
def private_folder() -> Path | None:
    """The tool's cache folder (made on first use, for the user alone), or None."""
    try:
        folder = cache_root() / NAME
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: no home folder to be found
        return None
    return folder


def remembered(name: str, make: Callable[[], bytes]) -> bytes:
    """The bytes `make()` returns, kept in the cache folder as `name`.

    `name` must say everything the bytes depend on (a digest of the inputs, the versions of
    the code that makes them).
    """
    data = stored(name)
    if data is None:
        data = make()
        store(name, data)
    return data


def stored(name: str) -> bytes | None:
    """The bytes kept as `name`, or None (none, unreadable, torn or damaged)."""
    folder = private_folder()
    try:
        data = (folder / name).read_bytes() if folder else b""
    except OSError:
        return None
    body, check = data[:-_CHECK], data[-_CHECK:]
    return body if len(data) >= _CHECK and hashlib.sha256(body).digest() == check else None


def store(name: str, data: bytes) -> None:
    """Keep `data` as `name`, closed by its digest (a failure to write is ignored)."""
    folder = private_folder()
    if folder is not None:
        _write(folder / name, data + hashlib.sha256(data).digest())


_CHECK = 32  # bytes of the SHA-256 digest closing each file


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename: readers see the old file or the new."""
    with contextlib.suppress(OSError):
        handle, name = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(name, path)
        finally:
            Path(name).unlink(missing_ok=True)
