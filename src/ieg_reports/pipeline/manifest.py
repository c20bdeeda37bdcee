"""The build manifest: what each output was built from, and the bytes it was built as."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ieg_reports.pipeline.io import write_atomic

MANIFEST_NAME = ".ieg-build.json"
PENDING_NAME = ".ieg-build.pending.json"
FORMAT = "ieg-reports-manifest"
VERSION = 1


@dataclass
class OutputRecord:
    """One output as last built."""

    key: str
    components: dict[str, Any]
    sha256: str
    size: int
    mtime_ns: int
    sidecar: str | None = None


@dataclass
class Manifest:
    """Everything the next build compares against."""

    package: str
    inputs: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, OutputRecord] = field(default_factory=dict)
    distributed: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        """The manifest file's text."""
        data = {
            "format": FORMAT,
            "version": VERSION,
            "package": self.package,
            "inputs": self.inputs,
            "outputs": {k: asdict(v) for k, v in sorted(self.outputs.items())},
            "distributed": self.distributed,
        }
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def load_manifest(folder: Path) -> tuple[Manifest | None, str]:
    """The manifest of an output folder, or None with the reason (missing, corrupt, foreign)."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return None, "première construction"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            return None, "manifeste d'un autre format : reconstruction complète"
        outputs = {k: OutputRecord(**v) for k, v in data["outputs"].items()}
        manifest = Manifest(
            str(data["package"]), dict(data["inputs"]), outputs, dict(data.get("distributed", {}))
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None, "manifeste illisible : reconstruction complète"
    return manifest, ""


def save_manifest(folder: Path, manifest: Manifest) -> None:
    """Write the manifest atomically (always the last file of a build)."""
    write_atomic(folder / MANIFEST_NAME, manifest.to_json().encode("utf-8"))


def load_pending(folder: Path) -> dict[str, str]:
    """Digests of files a killed build may have written after its manifest (see `write_pending`)."""
    try:
        data = json.loads((folder / PENDING_NAME).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()}
    except (OSError, ValueError, AttributeError):
        return {}


def write_pending(folder: Path, digests: dict[str, str]) -> None:
    """Record what is about to be written, so a kill between files is not taken for a hand edit."""
    write_atomic(folder / PENDING_NAME, json.dumps(digests, sort_keys=True).encode("utf-8"))


def clear_pending(folder: Path) -> None:
    """Drop the pending record once the manifest is written."""
    (folder / PENDING_NAME).unlink(missing_ok=True)
