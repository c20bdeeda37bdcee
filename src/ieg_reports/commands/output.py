"""How builds talk to the user: a progress bar on a terminal, one line per output otherwise."""

from __future__ import annotations

import sys
from typing import Any

import click

from ieg_reports.pipeline.plan import Action, Decision
from ieg_reports.pipeline.runner import BuildReport


def decision_line(decision: Decision) -> str:
    """« dossiers/T07-….pdf : construit, ressource ajoutée. » (one plain sentence)."""
    return f"  {plan_line(decision)}"


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
        self._bar.update(self._task, advance=1, description=f"Rendu\u00a0: {name[-50:]}")
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
    """« atelier : 15 construits, 0 inchangé, 0 supprimé, 2 avertissements, en 11,5 s. »

    A second line gives the output folder's full path, so the documents are easy to find.
    """
    seconds = number_fr(report.seconds)
    where = f"\nDocuments dans\u00a0: {report.folder.resolve()}"
    if report.noop:
        return f"{report.folder.name}\u00a0: rien à faire, tout est à jour ({seconds} s).{where}"
    from ieg_reports.compose.summary import plural  # not needed by a no-op build

    built = report.count(Action.BUILD, Action.ARCHIVE, Action.SIDECAR)
    kept = report.count(Action.KEEP, Action.KEEP_EDITED)
    removed = report.count(Action.REMOVE)
    return (
        f"{report.folder.name}\u00a0: {plural(built, 'construit')}, {plural(kept, 'inchangé')}, "
        f"{plural(removed, 'supprimé')}, {plural(len(report.warnings), 'avertissement')}, "
        f"en {seconds} s.{where}"
    )


def plan_line(decision: Decision) -> str:
    """What happens to one output, as a sentence (what `plan` prints)."""
    reason = decision.reason
    if decision.action is Action.BUILD:
        text = f"construit, {reason}" if reason != "nouveau" else "nouveau, construit"
    elif decision.action is Action.KEEP:
        text = "inchangé"
    else:
        text = reason
    return f"{decision.name}\u00a0: {text}."


def number_fr(value: float) -> str:
    """One decimal, with the French decimal comma (« 5,5 »)."""
    return f"{value:.1f}".replace(".", ",")


def plan_lines(report: BuildReport, named: bool) -> str:
    """What `plan` prints for one workbook (headed by its name when there are several)."""
    if report.noop:
        return f"{report.folder.name}\u00a0: rien à faire, tout est à jour."
    lines = [f"{report.folder.name} :"] if named else []
    lines += [("  " if named else "") + plan_line(d) for d in report.decisions]
    return "\n".join(lines)
