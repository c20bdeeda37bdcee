"""`ieg-reports build`: the documents of a workbook, written atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ieg_reports.api import PROJECT_ROOT, load_workshop
from ieg_reports.build.io import write_atomic
from ieg_reports.build.render import RenderSettings, render_target
from ieg_reports.build.targets import inside, targets_for
from ieg_reports.commands.validate import sorted_problems
from ieg_reports.exceptions import WorkbookInvalidError
from ieg_reports.load import workbook_name
from ieg_reports.summary import plural

DEFAULT_OUTPUT = PROJECT_ROOT / "outputs"


@dataclass
class BuildReport:
    """What a build did."""

    folder: Path
    built: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def run_build(workbook: Path, output: Path | None = None, with_pdf: bool = True) -> BuildReport:
    """Load, check, render and write every output; nothing is written if there are errors."""
    result = load_workshop(workbook)
    if not result.ok:
        lines = [p.format_fr() for p in sorted_problems(result.problems.errors)]
        raise WorkbookInvalidError(
            f"{workbook.name} : {plural(len(lines), 'erreur')}, aucun document produit.\n  - "
            + "\n  - ".join(lines)
        )
    folder = (output or DEFAULT_OUTPUT) / workbook_name(workbook)
    settings = RenderSettings(result.config.templates, result.config)
    report = BuildReport(folder, warnings=[p.format_fr() for p in result.problems.warnings])
    rendered = []
    for target in targets_for(result.workshop, result.config, with_pdf):
        data, warnings = render_target(target, result.workshop, settings)
        rendered.append((inside(folder, target.name), data))
        report.warnings += [f"{target.name} : {w}" for w in warnings]
    for path, data in rendered:  # everything rendered before anything is written
        write_atomic(path, data)
        report.built.append(str(path.relative_to(folder)))
    return report
