"""One workbook's build: plan from the manifest, render in parallel, write atomically.

Read everything before writing anything: the workbook is loaded and checked, every output
that must change is rendered into a hidden file beside its place (drafts and envois.csv
too, attaching the packs as they will be), the digests of all of them are journalled, and
only then are files replaced (each atomically), the manifest last. A file is replaced only
when its bytes are the ones the tool last wrote (manifest or journal); otherwise it is the
user's and the new version goes beside it. After a kill, the journal tells the next build
which files it wrote, and the temporary files left behind are removed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ieg_reports import __version__
from ieg_reports.exceptions import IegError, UnreadableWorkbookError
from ieg_reports.pipeline.codestamp import code_stamp
from ieg_reports.pipeline.fingerprint import Fingerprinter, combine, file_digest
from ieg_reports.pipeline.inputs import input_digests
from ieg_reports.pipeline.io import Staged, commit, discard, remove_stale_temps, stage, writing
from ieg_reports.pipeline.manifest import (
    Manifest,
    OutputRecord,
    clear_pending,
    load_manifest,
    load_pending,
    save_manifest,
    write_pending,
)
from ieg_reports.pipeline.plan import Action, Decision, Wanted, decide
from ieg_reports.pipeline.targets import Target, inside
from ieg_reports.problems import Location, Problem, Severity
from ieg_reports.resources import default_templates
from ieg_reports.workbook.readers import workbook_name

if TYPE_CHECKING:  # imported by a build with work to do, never by a no-op build
    from ieg_reports.pipeline.dependencies import DependencyCache
    from ieg_reports.pipeline.pool import RenderPool
    from ieg_reports.pipeline.render import RenderSettings
    from ieg_reports.pipeline.tablecache import TableFiles


class Progress(Protocol):
    """What a build tells its user as it goes."""

    def start(self, total: int) -> None:
        """`total` outputs are about to be rendered."""

    def rendered(self, name: str) -> None:
        """One output was rendered."""

    def done(self, decision: Decision) -> None:
        """One output was written, removed or kept as decided."""


ARCHIVES = "archives"
DISTRIBUTION = ("envois", "courriel", "invitation")


class ForeignOutputError(IegError):
    """The output folder holds the documents of another workbook."""

    exit_code = 2


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where, how many workers, what to force."""

    output: Path
    jobs: int = 0
    force: bool = False
    overwrite_edited: bool = False
    dry_run: bool = False
    progress: Progress | None = None
    strict: bool = False


@dataclass
class BuildReport:
    """What a build decided and did."""

    workbook: Path
    folder: Path
    decisions: list[Decision] = field(default_factory=list)
    # Warnings of the workbook (at their cell) and of the renders (at their document).
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    noop: bool = False

    @property
    def warnings(self) -> list[str]:
        """Every warning as the French line a user reads."""
        return [p.format_fr() for p in self.problems]

    def count(self, *actions: Action) -> int:
        """How many outputs got one of these actions."""
        return sum(d.action in actions for d in self.decisions)

    @property
    def built(self) -> list[str]:
        """Names of the outputs written by this build."""
        return [d.name for d in self.decisions if d.writes]


def jobs_count(jobs: int) -> int:
    """Worker processes: as asked, else the number of cores."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def build_workbook(workbook: Path, options: BuildOptions) -> BuildReport:
    """Build (or plan, with `dry_run`) every output of one workbook."""

    if not workbook.exists():
        raise UnreadableWorkbookError(f"{workbook}\u00a0: fichier ou dossier introuvable.")
    start = time.perf_counter()
    if not workbook.exists():
        raise UnreadableWorkbookError(
            f"{workbook} : classeur introuvable ; vérifiez le chemin (ieg-reports init en crée un)."
        )
    folder = options.output / workbook_name(workbook)
    report = BuildReport(workbook, folder)
    manifest, _ = load_manifest(folder)  # read once: at 100× it is a large file
    moved = check_owner(folder, workbook, report, manifest)
    inputs = input_digests(workbook, default_templates())
    fresh = not (options.force or options.overwrite_edited or moved)
    if fresh and nothing_changed(folder, inputs, manifest):
        report.noop = True
        report.seconds = time.perf_counter() - start
        return report
    from ieg_reports.pipeline.lock import build_lock
    from ieg_reports.pipeline.pool import RenderPool
    from ieg_reports.pipeline.tablecache import TableFiles

    pool = RenderPool(1 if options.dry_run else jobs_count(options.jobs))  # warms up meanwhile
    tables = TableFiles(folder)  # the sheets unchanged since the last build are not parsed
    try:
        # Read and check everything before touching the folder.
        result = _load(workbook, report, options.strict, tables)
        if options.dry_run:
            _run(result, folder, inputs, options, report, pool)
        else:
            with build_lock(folder), writing(folder):
                _run(result, folder, inputs, options, report, pool)
                tables.save()
    except BaseException:
        pool.terminate()  # Ctrl-C or a failure: no worker outlives the build
        raise
    finally:
        pool.close()
    report.seconds = time.perf_counter() - start
    return report


def workbook_id(workbook: Path) -> str:
    """How a manifest names its workbook: the absolute path."""
    return str(workbook.resolve())


def workbook_relative(workbook: Path, folder: Path) -> str:
    """The workbook's path from the output folder (POSIX form; empty across Windows drives)."""
    try:
        return Path(os.path.relpath(workbook.resolve(), folder.resolve())).as_posix()
    except ValueError:
        return ""


def check_owner(
    folder: Path, workbook: Path, report: BuildReport, manifest: Manifest | None
) -> bool:
    """Refuse a folder built from another workbook that still exists; True for a moved one."""
    if manifest is None or manifest.workbook in ("", workbook_id(workbook)):
        return False
    if manifest.workbook_relative == workbook_relative(workbook, folder):
        return False  # the project folder was copied or moved with its outputs
    if Path(manifest.workbook).exists():
        raise ForeignOutputError(
            f"{folder.resolve()} contient les documents d’un autre classeur "
            f"({manifest.workbook}) ; rien n’est écrit. Choisissez un autre dossier de sortie "
            "avec -o, ou renommez l’un des deux classeurs."
        )
    report.notes.append(
        f"Le classeur {manifest.workbook} a été déplacé ou renommé : "
        f"ses documents sont repris pour {workbook_id(workbook)}."
    )
    return True


def nothing_changed(folder: Path, inputs: dict[str, str], manifest: Manifest | None) -> bool:
    """True when inputs and outputs are exactly as the manifest recorded (no parsing at all)."""
    if manifest is None or manifest.inputs != inputs or not manifest.outputs:
        return False
    for name, record in manifest.outputs.items():
        try:
            stat = (folder / name).stat()
        except OSError:
            return False
        if stat.st_size != record.size or stat.st_mtime_ns != record.mtime_ns:
            return False
    return True


@dataclass
class _Plan:
    """The targets of this build with their keys, slices and decisions."""

    folder: Path
    targets: dict[str, Target]
    wanted: list[Wanted]
    decisions: list[Decision]
    manifest: Manifest
    previous: Manifest | None
    on_disk: dict[str, str | None]

    @cached_property
    def wanted_by_name(self) -> dict[str, Wanted]:
        """The wanted outputs by name (made once: each output asks, 4,000 at 100×)."""
        return {w.name: w for w in self.wanted}


def _load(
    workbook: Path, report: BuildReport, strict: bool = False, tables: TableFiles | None = None
) -> Any:
    """The loaded workshop; a workbook with errors stops here, before anything is written."""
    from ieg_reports.workbook import load_workbook, sorted_problems

    result = load_workbook(workbook, store=tables)
    if not result.ok:
        from ieg_reports.compose.summary import plural
        from ieg_reports.exceptions import WorkbookInvalidError

        lines = [p.format_fr() for p in sorted_problems(result.problems.errors)]
        raise WorkbookInvalidError(
            f"{workbook.name} : {plural(len(lines), 'erreur')}, aucun document produit.\n  - "
            + "\n  - ".join(lines)
        )
    report.problems += sorted_problems(result.problems.warnings)
    if strict:
        refuse_warnings(workbook, report.warnings)
    return result


def refuse_warnings(workbook: Path, warnings: list[str]) -> None:
    """`--strict`: any warning stops the build before anything is written."""
    from ieg_reports.compose.summary import plural
    from ieg_reports.exceptions import StrictWarningsError

    if warnings:
        raise StrictWarningsError(
            f"{workbook.name}\u00a0: {plural(len(warnings), 'avertissement')} "
            f"(--strict), aucun document produit.\n  - " + "\n  - ".join(warnings)
        )


def _run(
    result: Any,
    folder: Path,
    inputs: dict[str, str],
    options: BuildOptions,
    report: BuildReport,
    pool: RenderPool,
) -> None:
    from ieg_reports.pipeline.render import RenderSettings

    settings = RenderSettings(result.config.templates, result.config)
    if not options.dry_run:
        remove_stale_temps(folder)  # left by a killed build: we hold the lock, they are ours
    plan = _plan(result.workshop, settings, folder, inputs, options)
    plan.manifest.workbook = workbook_id(report.workbook)
    plan.manifest.workbook_relative = workbook_relative(report.workbook, folder)
    report.decisions = plan.decisions
    if options.dry_run:
        return
    documents = [d for d in plan.decisions if d.writes and not _is_distribution(plan, d.name)]
    staged: dict[str, Staged] = {}
    try:
        _render_all(documents, plan, result.workshop, settings, options, report, pool, staged)
        _render_distribution(plan, result.workshop, settings, staged, pool)
        if options.strict:
            refuse_warnings(result.path, report.warnings)
        # Every file about to change is journalled first: after a kill, the next build
        # recognises them as its own, whatever the manifest says.
        write_pending(folder, {name: item.sha256 for name, item in staged.items()})
        # Where each decision stands in the report (a search per output grew with the square).
        where = {id(d): n for n, d in enumerate(report.decisions)}
        for planned in _in_order(plan):
            decision = _settled(planned, staged.get(planned.name), plan)
            report.decisions[where[id(planned)]] = decision
            _apply(folder, decision, staged.get(decision.name), plan, report)
            if options.progress:
                options.progress.done(decision)
    finally:
        discard(list(staged.values()))  # a failure leaves every previous output as it was
    save_manifest(folder, plan.manifest)
    clear_pending(folder)


def _is_distribution(plan: _Plan, name: str) -> bool:
    target = plan.targets.get(name)
    return target is not None and target.kind in DISTRIBUTION


def _in_order(plan: _Plan) -> list[Decision]:
    """Documents first, then the distribution plan that attaches them."""
    return sorted(plan.decisions, key=lambda d: _is_distribution(plan, d.name))


def _plan(
    workshop: Any,
    settings: RenderSettings,
    folder: Path,
    inputs: dict[str, str],
    options: BuildOptions,
) -> _Plan:
    from ieg_reports.pipeline.dependencies import (
        DependencyCache,
        dependency_digests,
        known_closures,
        templates_key,
        templates_record,
    )
    from ieg_reports.pipeline.slices import model_components, slice_for
    from ieg_reports.pipeline.targets import targets_for

    fp = Fingerprinter()
    previous, why = load_manifest(folder)
    key = templates_key(settings, inputs)
    cache = DependencyCache(closures=known_closures(previous and previous.templates, key, settings))
    targets = {t.name: t for t in targets_for(workshop, settings.config)}
    wanted = []
    for target in targets.values():
        parts = {
            "version": code_stamp(),
            "reglages": str(settings.config.packs_for_all_themes),
            **dependency_digests(settings, target.kind, cache),
            **model_components(target, slice_for(target, workshop), fp, workshop),
        }
        wanted.append(Wanted(target.name, combine(parts), parts))
    packs = {t.theme: (n, w.key) for w in wanted if (t := targets[n := w.name]).kind == "pack-pdf"}
    programme = next((w.key for w in wanted if targets[w.name].kind == "programme-pdf"), None)
    for target, parts in _distribution_targets(workshop, settings, packs, programme, fp, cache):
        targets[target.name] = target
        wanted.append(Wanted(target.name, combine(parts), parts))
    records = dict(previous.outputs) if previous else None
    pending = load_pending(folder)
    on_disk = _disk_digests(folder, wanted, records)
    decisions = decide(
        wanted, records, on_disk, options.force, options.overwrite_edited, why, pending
    )
    manifest = Manifest(__version__, inputs, {}, dict(previous.distributed) if previous else {})
    manifest.templates = templates_record(cache, key)
    return _Plan(folder, targets, wanted, decisions, manifest, previous, on_disk)


def _distribution_targets(
    workshop: Any,
    settings: RenderSettings,
    packs: dict[str | None, tuple[str, str]],
    programme: str | None,
    fp: Fingerprinter,
    cache: DependencyCache,
) -> list[tuple[Target, dict[str, Any]]]:
    """envois.csv, a draft per participant receiving packs or invited; keys cover attachments."""
    from ieg_reports.distribution.drafts import ENVOIS, draft_name, packs_for
    from ieg_reports.pipeline.dependencies import dependency_digests
    from ieg_reports.pipeline.invite import invitation_targets
    from ieg_reports.pipeline.targets import PROGRAMME_PDF

    if not workshop.participants:
        return []
    themes = [t for t in workshop.themes if t.code in packs]
    base = {"version": code_stamp(), "atelier": fp.digest(workshop.info)}
    every = dict(sorted(packs.values()))
    if programme is not None:
        every[PROGRAMME_PDF] = programme
    out = [
        (
            Target(ENVOIS, "envois"),
            {**base, "participants": fp.digest(workshop.participants), "dossiers": every},
        )
    ]
    used: set[str] = set()
    for index, person in enumerate(workshop.participants):
        received = packs_for(person, themes)
        if not received or not person.email:
            continue
        name = draft_name(person, used)
        attached = dict(packs[t.code] for t in received)
        parts = {
            **base,
            **dependency_digests(settings, "courriel", cache),
            "participants": fp.digest(person),
            "dossiers": attached,
        }
        out.append((Target(f"diffusion/{name}.eml", "courriel", ref=str(index)), parts))
    invitations = {**base, **dependency_digests(settings, "invitation", cache)}
    return out + invitation_targets(workshop, programme, invitations, fp)


def _disk_digests(
    folder: Path, wanted: list[Wanted], records: dict[str, OutputRecord] | None
) -> dict[str, str | None]:
    """SHA-256 of every output file present (None: no file).

    A file whose size and modification time are those recorded is not read again.
    """
    names = {w.name for w in wanted} | set(records or {})
    return {name: _disk_digest(folder / name, (records or {}).get(name)) for name in names}


def _disk_digest(path: Path, record: OutputRecord | None) -> str | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    same = record is not None and (stat.st_size, stat.st_mtime_ns) == (record.size, record.mtime_ns)
    if record is not None and same and not record.edited:
        return record.sha256
    return file_digest(path.read_bytes())


# The synthesis is the longest render: start it first so workers finish together.
_ORDER = {"synthese-docx": 0, "synthese-pdf": 0}


def _render_all(
    decisions: list[Decision],
    plan: _Plan,
    workshop: Any,
    settings: RenderSettings,
    options: BuildOptions,
    report: BuildReport,
    pool: RenderPool,
    staged: dict[str, Staged],
) -> None:
    """Render every output to write (in the warm workers) into hidden files beside their place."""
    todo = sorted((plan.targets[d.name] for d in decisions), key=lambda t: _ORDER.get(t.kind, 1))
    if options.progress:
        options.progress.start(len(todo))
    for name, data, warnings in pool.render(todo, workshop, settings):
        staged[name] = stage(inside(plan.folder, name), data)
        report.problems += [Problem(Severity.WARNING, Location(name), w) for w in warnings]
        if options.progress:
            options.progress.rendered(name)


def _render_distribution(
    plan: _Plan,
    workshop: Any,
    settings: RenderSettings,
    staged: dict[str, Staged],
    pool: RenderPool,
) -> None:
    """envois.csv and the drafts, attaching each pack as it will be on disk after the build.

    The drafts and invitations are rendered in the workers, reading their attachments from
    the files that hold them; envois.csv and the calendar's revision stay here (the manifest).
    """
    from ieg_reports.pipeline.distribute import MAIL_KINDS, mail_job, render_distribution

    actions = {d.name: d.action for d in plan.decisions}

    def file_of(name: str) -> Path:
        if name in staged and actions.get(name) in (Action.BUILD, Action.ARCHIVE):
            return staged[name].temp
        return plan.folder / name

    wanted = {w.name: w for w in plan.wanted}
    jobs = []
    for decision in plan.decisions:
        if decision.writes and _is_distribution(plan, decision.name):
            target = plan.targets[decision.name]
            if target.kind in MAIL_KINDS:
                jobs.append(mail_job(target, wanted[decision.name], plan.manifest, file_of))
                continue
            data = render_distribution(
                target,
                workshop,
                settings,
                lambda name: file_of(name).read_bytes(),
                plan.manifest,
                wanted[decision.name],
            )
            staged[decision.name] = stage(inside(plan.folder, decision.name), data)
    for name, data in pool.render_mail(jobs, workshop, settings):
        staged[name] = stage(inside(plan.folder, name), data)


def sidecar_name(name: str, n: int = 1) -> str:
    """`synthese.docx` → `synthese.nouvelle-version.docx` (then `…nouvelle-version-2.docx`)."""
    path = Path(name)
    suffix = "" if n == 1 else f"-{n}"
    return path.with_name(f"{path.stem}.nouvelle-version{suffix}{path.suffix}").as_posix()


def _free_sidecar(folder: Path, name: str, previous: OutputRecord | None) -> str:
    """The side copy's name: ours to replace, or the first free one (an edited copy is kept)."""
    n = 1
    while True:
        candidate = sidecar_name(name, n)
        path = folder / candidate
        if not path.exists():
            return candidate
        ours = (
            previous is not None
            and previous.sidecar == candidate
            and previous.sidecar_sha256 == file_digest(path.read_bytes())
        )
        if ours:
            return candidate
        n += 1


def _settled(decision: Decision, data: Staged | None, plan: _Plan) -> Decision:
    """A file kept « in case it was edited » that is exactly the new version is simply adopted."""
    same = data is not None and data.sha256 == plan.on_disk.get(decision.name)
    if decision.action is Action.SIDECAR and same:
        return Decision(
            decision.name, Action.BUILD, "identique au fichier présent, repris tel quel"
        )
    return decision


def _apply(
    folder: Path, decision: Decision, data: Staged | None, plan: _Plan, report: BuildReport
) -> None:
    path = inside(folder, decision.name)
    wanted = plan.wanted_by_name.get(decision.name)
    previous = plan.previous.outputs.get(decision.name) if plan.previous else None
    action = decision.action
    if action is Action.ARCHIVE and path.exists():
        archived = _archive(folder, path)
        report.notes.append(
            f"{decision.name} avait été modifié à la main : il est archivé sous {archived}, "
            "puis remplacé."
        )
    if action in (Action.BUILD, Action.ARCHIVE) and data is not None and wanted is not None:
        commit(data, path)
        plan.manifest.outputs[decision.name] = _record(wanted, path, data.sha256)
    elif action is Action.SIDECAR and data is not None and wanted is not None:
        _write_sidecar(folder, decision.name, data, wanted, previous, plan, report)
    elif action is Action.KEEP and previous is not None:
        plan.manifest.outputs[decision.name] = previous
    elif action is Action.KEEP_EDITED and previous is not None:
        plan.manifest.outputs[decision.name] = _edited_record(path, previous)
    elif action is Action.REMOVE:
        _remove(folder, path, previous)
    elif action is Action.ORPHAN_EDITED:
        report.notes.append(
            f"{decision.name} n’est plus produit, mais a été modifié à la main : il est conservé."
        )


def _write_sidecar(
    folder: Path,
    name: str,
    data: Staged,
    wanted: Wanted,
    previous: OutputRecord | None,
    plan: _Plan,
    report: BuildReport,
) -> None:
    """Keep the user's file; write the new version beside it and remember both."""
    side = _free_sidecar(folder, name, previous)
    commit(data, inside(folder, side))
    tool = previous.sha256 if previous else data.sha256  # never the user's bytes
    record = OutputRecord(wanted.key, wanted.components, tool, 0, 0, side, data.sha256)
    plan.manifest.outputs[name] = _edited_record(folder / name, record)
    report.notes.append(
        f"{name} a été modifié à la main (ou n’a pas été écrit par ieg-reports) : il n’est pas "
        f"remplacé ; la nouvelle version est écrite dans {side}."
    )


def _edited_record(path: Path, record: OutputRecord) -> OutputRecord:
    """The record of a file the user edited: its stat, so an unchanged folder is a no-op."""
    stat = path.stat()
    return dataclasses.replace(record, size=stat.st_size, mtime_ns=stat.st_mtime_ns, edited=True)


def _remove(folder: Path, path: Path, previous: OutputRecord | None) -> None:
    """Remove an output the tool wrote, and its side copy if it is still the tool's."""
    path.unlink(missing_ok=True)
    if previous and previous.sidecar and previous.sidecar_sha256:
        side = inside(folder, previous.sidecar)
        if side.is_file() and file_digest(side.read_bytes()) == previous.sidecar_sha256:
            side.unlink()


def _record(wanted: Wanted, path: Path, sha256: str) -> OutputRecord:
    stat = path.stat()
    return OutputRecord(wanted.key, wanted.components, sha256, stat.st_size, stat.st_mtime_ns)


def _archive(folder: Path, path: Path) -> Path:
    """Move a hand-edited file to archives/ with a timestamp; never lose it."""
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    target = folder / ARCHIVES / f"{path.stem}.{stamp}{path.suffix}"
    n = 2
    while target.exists():
        target = folder / ARCHIVES / f"{path.stem}.{stamp}-{n}{path.suffix}"
        n += 1
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(path), target)
    return target.relative_to(folder)
