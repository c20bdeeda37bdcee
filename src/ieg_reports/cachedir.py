"""The user's cache folder, for what builds keep to go faster: never a source of truth.

Compiled templates and encoded QR codes are trusted as they are read back, so they live where
only the user writes: the system's cache folder in the user's home (XDG on Linux, Caches on
macOS, LocalAppData on Windows), never the shared temporary folder. When it cannot be made,
builds simply keep nothing.
"""

from __future__ import annotations

import functools
import os
import sys
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
