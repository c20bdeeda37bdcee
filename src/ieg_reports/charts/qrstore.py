"""QR symbols kept between builds: an edit's worker then imports neither numpy nor qrcode.

Encoding a link costs milliseconds, but the encoder's imports cost a tenth of a second in
each worker of each build, for links that rarely change. A symbol is stored as rows of 0 and
1 in the user's private cache folder, under a key covering the link, the quiet zone, the
encoder's source and the installed qrcode's files. What is read back is checked (a square of
a QR code's size); anything else is encoded again. The store never fails a build.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import os
import tempfile
from pathlib import Path

from ieg_reports.cachedir import private_folder

Modules = list[list[bool]]


def qr_modules(url: str, border: int) -> Modules:
    """The modules of the QR code of `url` with `border` light modules around (level M)."""
    folder = private_folder()
    path = folder / f"qr-{_key(url, border)}.txt" if folder else None
    if path is not None and (stored := _read(path, border)) is not None:
        return stored
    from ieg_reports.charts.qr import matrix

    modules = matrix(url, border)
    if path is not None:
        _write(path, "\n".join("".join("1" if m else "0" for m in row) for row in modules))
    return modules


@functools.cache
def encoder_stamp() -> str:
    """Digest of the encoder's source and of the installed qrcode's files (name, size, date)."""
    digest = hashlib.sha256((Path(__file__).parent / "qr.py").read_bytes())
    spec = importlib.util.find_spec("qrcode")
    if spec is not None and spec.origin:
        root = Path(spec.origin).parent
        for path in sorted(root.rglob("*.py")):
            status = path.stat()
            digest.update(
                f"{path.relative_to(root)}\0{status.st_size}\0{status.st_mtime_ns}\n".encode()
            )
    return digest.hexdigest()


def _key(url: str, border: int) -> str:
    return hashlib.sha256(f"{encoder_stamp()}\0{border}\0{url}".encode()).hexdigest()


def _read(path: Path, border: int) -> Modules | None:
    """The stored symbol, or None when absent or not a QR code's square of modules."""
    try:
        rows = path.read_text(encoding="ascii").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    size = len(rows) - 2 * border  # versions 1 to 40: 21 to 177 modules, by fours
    if not (21 <= size <= 177 and size % 4 == 1):
        return None
    if any(len(row) != len(rows) or row.strip("01") for row in rows):
        return None
    return [[c == "1" for c in row] for row in rows]


def _write(path: Path, text: str) -> None:
    """Write through a temporary file and a rename; a failure only costs the next encoding."""
    with contextlib.suppress(OSError):
        handle, name = tempfile.mkstemp(prefix=".qr-", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="ascii") as out:
                out.write(text)
            os.replace(name, path)
        finally:
            Path(name).unlink(missing_ok=True)
