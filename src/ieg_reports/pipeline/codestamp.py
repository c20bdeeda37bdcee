"""The stamp of the running code, so that documents made by other code are made again.

The release number alone misses a developer's edit or a reinstalled build of the same
release; the name, size and modification time of every module catch both, for a few
hundred `stat` calls and without reading a file.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from ieg_reports import __version__


def source_stamp(root: Path) -> str:
    """Digest of the path, size and modification time of every Python module under root."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        status = path.stat()
        line = f"{path.relative_to(root).as_posix()}\0{status.st_size}\0{status.st_mtime_ns}\n"
        digest.update(line.encode())
    return digest.hexdigest()[:16]


@functools.cache
def code_stamp() -> str:
    """« 0.1.0+<digest> »: this release and the exact state of its modules."""
    return f"{__version__}+{source_stamp(Path(__file__).resolve().parent.parent)}"
