"""The build manifest: what each output was built from, and the bytes it was built as.

The manifest is trusted only when every record is well formed: a name the tool could have
written (see `is_output_name`), a SHA-256, a size. One malformed record makes the whole
manifest unreadable: the build then rebuilds everything and deletes nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ieg_reports.pipeline.io import write_atomic

MANIFEST_NAME = ".ieg-build.json"
PENDING_NAME = ".ieg-build.pending.json"
FORMAT = "ieg-reports-manifest"
VERSION = 2
_SHA256 = re.compile(r"[0-9a-f]{64}")
# What a build writes: documents, drafts, the distribution table, calendar entries; never
# anything under archives/ (the user's files moved aside), never a hidden file.
OUTPUT_SUFFIXES = frozenset({".docx", ".pdf", ".eml", ".csv", ".ics"})
_SAFE_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def is_output_name(name: object) -> bool:
    """True for a path the tool may have written: relative, inside the folder, a known type."""
    if not isinstance(name, str):
        return False
    parts = name.split("/")
    return (
        len(parts) <= 3
        and all(_SAFE_PART.fullmatch(p) and p not in (".", "..") for p in parts)
        and parts[0] != "archives"
        and PurePosixPath(name).suffix in OUTPUT_SUFFIXES
    )


@dataclass
class OutputRecord:
    """One output as last built (and its side copy, when the user had edited it)."""

    key: str
    components: dict[str, Any]
    sha256: str
    size: int
    mtime_ns: int
    sidecar: str | None = None
    sidecar_sha256: str | None = None
    # The file on disk is the user's: size and mtime are its own, sha256 the tool's version.
    edited: bool = False


@dataclass
class Manifest:
    """Everything the next build compares against."""

    package: str
    inputs: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, OutputRecord] = field(default_factory=dict)
    distributed: dict[str, str] = field(default_factory=dict)
    workbook: str = ""
    # The workbook seen from the output folder: a project folder copied whole still matches.
    workbook_relative: str = ""
    # Which templates each root loads, with the digest of the templates it was found for
    # (a speed-up only: ignored when it does not match, see dependencies.known_closures).
    templates: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        """The manifest file's text."""
        data = {
            "format": FORMAT,
            "version": VERSION,
            "package": self.package,
            "workbook": self.workbook,
            "workbook_relative": self.workbook_relative,
            "inputs": self.inputs,
            "outputs": {k: asdict(v) for k, v in sorted(self.outputs.items())},
            "distributed": self.distributed,
            "templates": self.templates,
        }
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


class _Malformed(ValueError):
    """A manifest that does not hold what the tool writes."""


def _record(name: object, value: object) -> OutputRecord:
    if not is_output_name(name) or not isinstance(value, dict):
        raise _Malformed(name)
    record = OutputRecord(**value)
    sidecar_ok = record.sidecar is None or (
        is_output_name(record.sidecar)
        and (record.sidecar_sha256 is None or bool(_SHA256.fullmatch(record.sidecar_sha256)))
    )
    if not (
        isinstance(record.key, str)
        and isinstance(record.components, dict)
        and isinstance(record.sha256, str)
        and _SHA256.fullmatch(record.sha256)
        and type(record.size) is int
        and type(record.mtime_ns) is int
        and sidecar_ok
        and isinstance(record.edited, bool)
    ):
        raise _Malformed(name)
    return record


def _parse(data: Any) -> Manifest:
    names = (data.get("workbook"), data.get("workbook_relative"), data.get("package"))
    if not all(isinstance(n, str) for n in names):
        raise _Malformed("workbook")
    inputs, distributed = data["inputs"], data.get("distributed", {})
    if not all(isinstance(v, str) for v in (*inputs.values(), *distributed.values())):
        raise _Malformed("inputs")
    outputs = {str(k): _record(k, v) for k, v in data["outputs"].items()}
    templates = data.get("templates")
    return Manifest(
        data["package"],
        dict(inputs),
        outputs,
        dict(distributed),
        data["workbook"],
        data["workbook_relative"],
        templates if isinstance(templates, dict) else {},
    )


def load_manifest(folder: Path) -> tuple[Manifest | None, str]:
    """The manifest of an output folder, or None with the reason (missing, corrupt, foreign)."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return None, "première construction"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            return None, "le manifeste est d’un autre format, tout est reconstruit"
        return _parse(data), ""
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None, "le manifeste est illisible, tout est reconstruit"


def save_manifest(folder: Path, manifest: Manifest) -> None:
    """Write the manifest atomically (always the last file of a build)."""
    write_atomic(folder / MANIFEST_NAME, manifest.to_json().encode("utf-8"))


def load_pending(folder: Path) -> dict[str, set[str]]:
    """Digests of files killed builds may have written after their manifest (`write_pending`)."""
    try:
        data = json.loads((folder / PENDING_NAME).read_text(encoding="utf-8"))
        pending: dict[str, set[str]] = {}
        for name, digests in data.items():
            values = [digests] if isinstance(digests, str) else list(digests)
            pending[str(name)] = {str(v) for v in values}
        return pending
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def write_pending(folder: Path, digests: dict[str, str]) -> None:
    """Record what is about to be written, so a kill between files is not taken for a hand edit.

    Digests of earlier killed builds are kept: their files may still be on disk.
    """
    merged = load_pending(folder)
    for name, digest in digests.items():
        merged.setdefault(name, set()).add(digest)
    data = {name: sorted(values) for name, values in sorted(merged.items())}
    write_atomic(folder / PENDING_NAME, json.dumps(data).encode("utf-8"))


def clear_pending(folder: Path) -> None:
    """Drop the pending record once the manifest is written."""
    (folder / PENDING_NAME).unlink(missing_ok=True)
