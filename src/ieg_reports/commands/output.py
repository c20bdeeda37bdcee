"""How builds talk to the user: a progress bar on a terminal, one line per output otherwise."""

from __future__ import annotations

import sys
from typing import Any

import click

from ieg_reports.compose.summary import plural
from ieg_reports.pipeline.plan import Action, Decision
from ieg_reports.pipeline.runner import BuildReport

VERBS = {
    Action.BUILD: "construit",
    Action.ARCHIVE: "construit",
    Action.SIDECAR: "nouvelle version à côté",
    Action.REMOVE: "supprimé",
    Action.KEEP_EDITED: "conservé",
    Action.ORPHAN_EDITED: "conservé",
    Action.KEEP: "inchangé",
}


def decision_line(decision: Decision) -> str:
    """« construit : dossiers/T07-….pdf (ressource ajoutée) »."""
    return f"  {VERBS[decision.action]} : {decision.name} ({decision.reason})"


class PlainProgress:
    """One line per output that changed, for logs and pipes."""

    def start(self, total: int) -> None:
        """Nothing to show before the first output."""

    def rendered(self, name: str) -> None:
        """Rendering alone is not worth a line."""

    def done(self, decision: Decision) -> None:
        """A line for every output not left as it was."""
        if decision.action is not Action.KEEP:
            click.echo(decision_line(decision))


class BarProgress(PlainProgress):
    """A rich progress bar while rendering, then the same lines."""

    def __init__(self) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=True,
        )
        self._task: Any = None

    def start(self, total: int) -> None:
        """Show the bar."""
        self._bar.start()
        self._task = self._bar.add_task("Rendu des documents", total=total)

    def rendered(self, name: str) -> None:
        """Advance the bar, naming the output just rendered."""
        self._bar.update(self._task, advance=1, description=f"Rendu : {name[-50:]}")
        if self._bar.tasks[0].finished:
            self._bar.stop()

    def done(self, decision: Decision) -> None:
        """Stop the bar before the first line, then print lines."""
        if self._task is not None and not self._bar.finished:
            self._bar.stop()
        super().done(decision)


def make_progress(quiet: bool) -> PlainProgress | None:
    """Nothing when quiet; a bar on a terminal; plain lines otherwise."""
    if quiet:
        return None
    return BarProgress() if sys.stderr.isatty() else PlainProgress()


def summary_line(report: BuildReport) -> str:
    """« atelier : 15 construits, 0 inchangé, 0 supprimé, 2 avertissements, 11,5 s »."""
    seconds = f"{report.seconds:.1f}".replace(".", ",")
    if report.noop:
        return f"{report.folder.name} : rien à faire, tout est à jour ({seconds} s)"
    built = report.count(Action.BUILD, Action.ARCHIVE, Action.SIDECAR)
    kept = report.count(Action.KEEP, Action.KEEP_EDITED)
    removed = report.count(Action.REMOVE)
    return (
        f"{report.folder.name} : {plural(built, 'construit')}, {plural(kept, 'inchangé')}, "
        f"{plural(removed, 'supprimé')}, {plural(len(report.warnings), 'avertissement')}, "
        f"{seconds} s"
    )


def plan_line(decision: Decision) -> str:
    """« dossiers/T07-….pdf : ressource ajoutée » (what `plan` prints)."""
    return f"{decision.name} : {decision.reason}"
