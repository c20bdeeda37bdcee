"""`ieg-reports watch`: rebuild on every save, keep watching through errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ieg_reports.exceptions import IegError, UnreadableWorkbookError

# Office and LibreOffice write these while saving; they are not the user's edit.
IGNORED_PREFIXES = ("~$", ".~lock", ".#")
IGNORED_SUFFIXES = (".tmp", ".swp", "~")
INTERRUPTED = "Interrompu : la construction en cours est abandonnée, les documents sont intacts."


def relevant(path: str, outputs: Path) -> bool:
    """True for a change that can alter the documents (not a lock or temp file, not an output)."""
    file = Path(path)
    if file.name.startswith(IGNORED_PREFIXES) or file.name.endswith(IGNORED_SUFFIXES):
        return False
    return outputs.resolve() not in file.resolve().parents


def watched_paths(workbook: Path) -> list[Path]:
    """The workbook (its folder, so a save-by-rename is seen), its config and the templates."""
    from ieg_reports.config import load_config
    from ieg_reports.resources import default_templates

    folder = workbook if workbook.is_dir() else workbook.parent
    paths = [folder, default_templates()]
    try:
        templates = load_config(workbook).templates
    except IegError:
        templates = None
    if templates is not None and templates.is_dir():
        paths.append(templates)
    return paths


def rebuild(
    workbook: Path, output: Path | None, jobs: int, say: Callable[[str], None], first: bool = False
) -> None:
    """One build, with the progress display of `build`; errors are printed, watching goes on.

    On the first build, a path that is no workbook at all stops the watch (as `build` would):
    later, an unreadable file is usually one being saved, and the next save mends it.
    """
    from ieg_reports.commands.build import run_build
    from ieg_reports.commands.output import make_progress, summary_line

    say("Construction en cours…")
    try:
        report = run_build(workbook, output, jobs=jobs, progress=make_progress(False))
    except IegError as exc:
        if first and isinstance(exc, UnreadableWorkbookError):
            raise
        say(f"Erreur\u00a0: {exc}")
        return
    for note in report.notes:
        say(f"Attention\u00a0: {note}")
    say(summary_line(report))


def run_watch(
    workbook: Path,
    output: Path | None,
    jobs: int,
    say: Callable[[str], None],
    changes: Iterable[set[tuple[object, str]]] | None = None,
) -> None:
    """Build now, then after each batch of relevant changes, until Ctrl-C."""
    import logging

    from watchfiles import watch

    from ieg_reports.commands.build import DEFAULT_OUTPUT

    # watchfiles says « KeyboardInterrupt caught, stopping watch » in English: we say it in French.
    logging.getLogger("watchfiles").setLevel(logging.ERROR)

    if not workbook.exists():  # nothing to watch: say so once, like build
        raise UnreadableWorkbookError(
            f"{workbook}\u00a0: classeur introuvable ; vérifiez le chemin "
            "(ieg-reports init en crée un)."
        )
    outputs = output or DEFAULT_OUTPUT
    try:
        rebuild(workbook, output, jobs, say, first=True)
        say(f"Surveillance de {workbook}\u00a0: chaque enregistrement relance la construction.")
        say("Appuyez sur Ctrl-C pour arrêter.")
        stream = (
            changes
            if changes is not None
            else watch(*watched_paths(workbook), debounce=800, step=100, raise_interrupt=False)
        )
        for batch in stream:
            if any(relevant(path, outputs) for _, path in batch):
                rebuild(workbook, output, jobs, say)
    except KeyboardInterrupt:
        say(INTERRUPTED)
    say("Surveillance arrêtée.")
