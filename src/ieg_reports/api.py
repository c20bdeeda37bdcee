"""The library API: what the CLI, the build and the tests call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ieg_reports.config import Config, load_config
from ieg_reports.model import Workshop
from ieg_reports.problems import Problems
from ieg_reports.resources import sample_workbook

SAMPLE_WORKBOOK = sample_workbook()


@dataclass(frozen=True)
class LoadResult:
    """A loaded workshop with every problem found on the way."""

    path: Path
    workshop: Workshop
    problems: Problems
    config: Config

    @property
    def ok(self) -> bool:
        """True when documents can be built (no errors)."""
        return not self.problems.has_errors


def load_workshop(path: Path, config: Config | None = None) -> LoadResult:
    """Load, normalise and validate a workbook; raise only if it cannot be read at all."""
    from ieg_reports.workbook.normalise import normalise
    from ieg_reports.workbook.readers import load_raw
    from ieg_reports.workbook.validate import validate

    config = config if config is not None else load_config(path)
    raw = load_raw(path)
    workshop, problems = validate(normalise(raw), config)
    return LoadResult(path, workshop, problems, config)
