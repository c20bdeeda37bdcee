"""Documents made by other code are made again: the stamp follows every module's state."""

import os
from pathlib import Path

from ieg_reports.pipeline.codestamp import source_stamp


def _package(root: Path) -> Path:
    (root / "pkg" / "sub").mkdir(parents=True)
    (root / "pkg" / "a.py").write_text("A = 1\n")
    (root / "pkg" / "sub" / "b.py").write_text("B = 2\n")
    (root / "pkg" / "notes.txt").write_text("not code\n")
    return root / "pkg"


def test_the_stamp_is_stable_and_changes_with_any_module(tmp_path: Path) -> None:
    package = _package(tmp_path)
    first = source_stamp(package)
    assert source_stamp(package) == first
    (package / "notes.txt").write_text("still not code, longer\n")
    assert source_stamp(package) == first
    (package / "sub" / "b.py").write_text("B = 22\n")
    edited = source_stamp(package)
    assert edited != first
    status = (package / "a.py").stat()
    os.utime(package / "a.py", ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    assert source_stamp(package) != edited
    (package / "c.py").write_text("")
    assert len({first, edited, source_stamp(package)}) == 3
