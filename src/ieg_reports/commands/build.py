"""`ieg-reports build` and `ieg-reports plan`: one workbook or every workbook of a folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ieg_reports.exceptions import IegError
from ieg_reports.pipeline.runner import BuildOptions, BuildReport, Progress, build_workbook

# Relative to where the command runs: the project folder for the sample, the user's folder
# otherwise (an installed wheel has no project folder).
DEFAULT_OUTPUT = Path("outputs")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods")


def workbooks_in(path: Path) -> list[Path]:
    """A workbook is a file or a folder of CSV files; any other folder holds workbooks."""
    if not path.is_dir() or any(p.suffix.lower() == ".csv" for p in path.iterdir()):
        return [path]
    found = [
        p
        for p in sorted(path.iterdir())
        if not p.name.startswith((".", "~$"))
        and (
            (p.is_file() and p.suffix.lower() in WORKBOOK_SUFFIXES)
            or (p.is_dir() and any(c.suffix.lower() == ".csv" for c in p.iterdir()))
        )
    ]
    return found


@dataclass
class BatchResult:
    """Builds of several workbooks: reports of those that built, errors of those that failed."""

    reports: list[BuildReport] = field(default_factory=list)
    failures: list[tuple[Path, IegError]] = field(default_factory=list)


def run_build(
    workbook: Path,
    output: Path | None = None,
    jobs: int = 1,
    force: bool = False,
    overwrite_edited: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Build one workbook (library entry point used by the CLI and the tests)."""
    options = BuildOptions(
        output or DEFAULT_OUTPUT, jobs, force, overwrite_edited, dry_run, progress
    )
    return build_workbook(workbook, options)


def books_at(path: Path) -> list[Path]:
    """The workbooks at `path` (one, or each of a folder); a French error when there are none."""
    from ieg_reports.exceptions import UnreadableWorkbookError

    if not path.exists():
        raise UnreadableWorkbookError(
            f"{path} : classeur introuvable ; vérifiez le chemin (ieg-reports init en crée un)."
        )
    books = workbooks_in(path)
    if not books:
        raise UnreadableWorkbookError(
            f"{path} : aucun classeur (.xlsx, .ods ou dossier de CSV) dans ce dossier."
        )
    return books


def run_plan(path: Path, output: Path | None = None, force: bool = False) -> list[BuildReport]:
    """What `build` would do for each workbook at `path`, writing nothing."""
    return [run_build(book, output, force=force, dry_run=True) for book in books_at(path)]


def run_batch(path: Path, options: BuildOptions) -> BatchResult:
    """Build every workbook at `path`; one failing workbook does not stop the others."""
    books = books_at(path)
    batch = BatchResult()
    for book in books:
        try:
            batch.reports.append(build_workbook(book, options))
        except IegError as exc:
            batch.failures.append((book, exc))
    return batch
