"""One workbook's build: plan from the manifest, render in parallel, write atomically.

Read everything before writing anything: the workbook is loaded and checked, every output
that must change is rendered, and only then are files replaced (each atomically), the
distribution drafts written and, last, the manifest.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ieg_reports import __version__
from ieg_reports.pipeline.fingerprint import Fingerprinter, combine, file_digest
from ieg_reports.pipeline.inputs import input_digests
from ieg_reports.pipeline.io import Staged, commit, discard, stage
from ieg_reports.pipeline.lock import build_lock
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
from ieg_reports.pipeline.pool import RenderPool
from ieg_reports.pipeline.render import RenderSettings, template_file
from ieg_reports.pipeline.slices import model_components, slice_for
from ieg_reports.pipeline.targets import Target, inside, targets_for
from ieg_reports.resources import default_templates
from ieg_reports.workbook.readers import workbook_name


class Progress(Protocol):
    """What a build tells its user as it goes."""

    def start(self, total: int) -> None:
        """`total` outputs are about to be rendered."""

    def rendered(self, name: str) -> None:
        """One output was rendered."""

    def done(self, decision: Decision) -> None:
        """One output was written, removed or kept as decided."""


ARCHIVES = "archives"
TEMPLATES_OF = {
    "synthese-docx": ("synthese.md.j2", "style.toml", "reference.docx"),
    "synthese-pdf": ("synthese.md.j2", "style.toml"),
    "pack-pdf": ("dossier.md.j2", "style.toml"),
    "pack-docx": ("dossier.md.j2", "style.toml", "reference.docx"),
    "programme-pdf": ("programme.md.j2", "style.toml"),
    "programme-docx": ("programme.md.j2", "style.toml", "reference.docx"),
    "envois": (),
    "courriel": ("courriel.txt.j2",),
    "invitation": ("invitation.txt.j2",),
}
# Outputs made after the documents, from the documents on disk.
DISTRIBUTION = ("envois", "courriel", "invitation")


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where, how many workers, what to force."""

    output: Path
    jobs: int = 0
    force: bool = False
    overwrite_edited: bool = False
    dry_run: bool = False
    progress: Progress | None = None


@dataclass
class BuildReport:
    """What a build decided and did."""

    workbook: Path
    folder: Path
    decisions: list[Decision] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    noop: bool = False

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
    start = time.perf_counter()
    folder = options.output / workbook_name(workbook)
    report = BuildReport(workbook, folder)
    inputs = input_digests(workbook, default_templates())
    if not (options.force or options.overwrite_edited) and nothing_changed(folder, inputs):
        report.noop = True
        report.seconds = time.perf_counter() - start
        return report
    pool = RenderPool(1 if options.dry_run else jobs_count(options.jobs))  # warms up meanwhile
    try:
        result = _load(workbook, report)  # read and check everything before touching the folder
        if options.dry_run:
            _run(result, folder, inputs, options, report, pool)
        else:
            with build_lock(folder):
                _run(result, folder, inputs, options, report, pool)
    finally:
        pool.close()
    report.seconds = time.perf_counter() - start
    return report


def nothing_changed(folder: Path, inputs: dict[str, str]) -> bool:
    """True when inputs and outputs are exactly as the manifest recorded (no parsing at all)."""
    manifest, _ = load_manifest(folder)
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


def _load(workbook: Path, report: BuildReport) -> Any:
    """The loaded workshop; a workbook with errors stops here, before anything is written."""
    from ieg_reports.api import load_workshop
    from ieg_reports.commands.validate import sorted_problems
    from ieg_reports.compose.summary import plural
    from ieg_reports.exceptions import WorkbookInvalidError

    result = load_workshop(workbook)
    if not result.ok:
        lines = [p.format_fr() for p in sorted_problems(result.problems.errors)]
        raise WorkbookInvalidError(
            f"{workbook.name} : {plural(len(lines), 'erreur')}, aucun document produit.\n  - "
            + "\n  - ".join(lines)
        )
    report.warnings += [p.format_fr() for p in sorted_problems(result.problems.warnings)]
    return result


def _run(
    result: Any,
    folder: Path,
    inputs: dict[str, str],
    options: BuildOptions,
    report: BuildReport,
    pool: RenderPool,
) -> None:
    settings = RenderSettings(result.config.templates, result.config)
    plan = _plan(result.workshop, settings, folder, inputs, options)
    report.decisions = plan.decisions
    if options.dry_run:
        return
    documents = [
        d for d in plan.decisions if d.writes and plan.targets[d.name].kind not in DISTRIBUTION
    ]
    staged: dict[str, Staged] = {}
    try:
        _render_all(documents, plan, result.workshop, settings, options, report, pool, staged)
        _write(folder, plan, staged, report, options)
    finally:
        discard(list(staged.values()))  # a failure leaves every previous output as it was
    _distribute(folder, plan, result.workshop, settings, report, options)
    _finish(folder, plan, report)


def _template_digests(settings: RenderSettings, kind: str) -> dict[str, str]:
    """Digests of the template (text) and style files one kind of output reads."""
    files = {
        name: file_digest(template_file(settings, name).read_bytes()) for name in TEMPLATES_OF[kind]
    }
    text = {k: v for k, v in files.items() if k.endswith(".j2")}
    styles = {k: v for k, v in files.items() if not k.endswith(".j2")}
    return {"modele": combine(text), "styles": combine(styles)}


def _plan(
    workshop: Any,
    settings: RenderSettings,
    folder: Path,
    inputs: dict[str, str],
    options: BuildOptions,
) -> _Plan:
    fp = Fingerprinter()
    targets = {t.name: t for t in targets_for(workshop, settings.config)}
    wanted = []
    for target in targets.values():
        parts = {
            "version": __version__,
            "reglages": str(settings.config.packs_for_all_themes),
            **_template_digests(settings, target.kind),
            **model_components(target, slice_for(target, workshop), fp),
        }
        wanted.append(Wanted(target.name, combine(parts), parts))
    packs = {t.theme: (n, w.key) for w in wanted if (t := targets[n := w.name]).kind == "pack-pdf"}
    programme = next((w.key for w in wanted if targets[w.name].kind == "programme-pdf"), None)
    for target, parts in _distribution_targets(workshop, settings, packs, programme, fp):
        targets[target.name] = target
        wanted.append(Wanted(target.name, combine(parts), parts))
    previous, why = load_manifest(folder)
    records = dict(previous.outputs) if previous else None
    on_disk = _disk_digests(folder, wanted, records, load_pending(folder))
    decisions = decide(wanted, records, on_disk, options.force, options.overwrite_edited, why)
    manifest = Manifest(__version__, inputs, {}, dict(previous.distributed) if previous else {})
    return _Plan(folder, targets, wanted, decisions, manifest, previous)


def _distribution_targets(
    workshop: Any,
    settings: RenderSettings,
    packs: dict[str | None, tuple[str, str]],
    programme: str | None,
    fp: Fingerprinter,
) -> list[tuple[Target, dict[str, Any]]]:
    """envois.csv, a draft per participant receiving packs or invited; keys cover attachments."""
    from ieg_reports.distribution.drafts import ENVOIS, packs_for
    from ieg_reports.pipeline.invite import invitation_targets
    from ieg_reports.pipeline.targets import PROGRAMME_PDF, slugify

    if not workshop.participants:
        return []
    themes = [t for t in workshop.themes if t.code in packs]
    base = {"version": __version__, "atelier": fp.digest(workshop.info)}
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
    for person in workshop.participants:
        received = packs_for(person, themes)
        if not received or not person.email:
            continue
        stem = slugify(f"{person.last_name}-{person.first_name or ''}", 50)
        name, n = stem, 2
        while name in used:
            name, n = f"{stem}-{n}", n + 1
        used.add(name)
        attached = dict(packs[t.code] for t in received)
        parts = {
            **base,
            **_template_digests(settings, "courriel"),
            "participants": fp.digest(person),
            "dossiers": attached,
        }
        out.append((Target(f"diffusion/{name}.eml", "courriel", ref=person.email), parts))
    invitations = {**base, **_template_digests(settings, "invitation")}
    return out + invitation_targets(workshop, programme, invitations, fp)


def _disk_digests(
    folder: Path,
    wanted: list[Wanted],
    records: dict[str, OutputRecord] | None,
    pending: dict[str, str],
) -> dict[str, str | None]:
    """SHA-256 of every output file present; files a killed build wrote count as generated.

    A file whose size and modification time are those recorded is not read again.
    """
    names = {w.name for w in wanted} | set(records or {})
    digests: dict[str, str | None] = {}
    for name in names:
        digests[name] = _disk_digest(folder / name, (records or {}).get(name), pending.get(name))
    return digests


def _disk_digest(path: Path, record: OutputRecord | None, pending: str | None) -> str | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    if record is not None and (stat.st_size, stat.st_mtime_ns) == (record.size, record.mtime_ns):
        return record.sha256
    digest = file_digest(path.read_bytes())
    if record is not None and pending == digest:
        record.sha256 = digest  # written by an interrupted build, not edited by hand
    return digest


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
        report.warnings += [f"{name} : {w}" for w in warnings]
        if options.progress:
            options.progress.rendered(name)


def sidecar_name(name: str) -> str:
    """`synthese.docx` → `synthese.nouvelle-version.docx`."""
    path = Path(name)
    return str(path.with_name(f"{path.stem}.nouvelle-version{path.suffix}"))


def _write(
    folder: Path,
    plan: _Plan,
    rendered: dict[str, Staged],
    report: BuildReport,
    options: BuildOptions,
) -> None:
    """Replace files (atomically) as decided; say what happened to hand-edited ones."""
    write_pending(folder, {name: item.sha256 for name, item in rendered.items()})
    wanted = {w.name: w for w in plan.wanted}
    for decision in plan.decisions:
        if plan.targets.get(decision.name) and plan.targets[decision.name].kind in DISTRIBUTION:
            continue
        _apply(
            folder, decision, rendered.get(decision.name), wanted.get(decision.name), plan, report
        )
        if options.progress:
            options.progress.done(decision)


def _apply(
    folder: Path,
    decision: Decision,
    data: Staged | None,
    wanted: Wanted | None,
    plan: _Plan,
    report: BuildReport,
) -> None:
    path = inside(folder, decision.name)
    previous = plan.previous.outputs.get(decision.name) if plan.previous else None
    action = decision.action
    if action is Action.ARCHIVE:
        archived = _archive(folder, path)
        report.notes.append(
            f"{decision.name} modifié à la main : archivé sous {archived}, puis remplacé."
        )
    if action in (Action.BUILD, Action.ARCHIVE) and data is not None and wanted is not None:
        commit(data, path)
        plan.manifest.outputs[decision.name] = _record(wanted, path, data.sha256)
    elif (
        action is Action.SIDECAR
        and data is not None
        and wanted is not None
        and previous is not None
    ):
        commit(data, inside(folder, sidecar_name(decision.name)))
        plan.manifest.outputs[decision.name] = OutputRecord(
            wanted.key,
            wanted.components,
            previous.sha256,
            previous.size,
            previous.mtime_ns,
            sidecar_name(decision.name),
        )
        report.notes.append(
            f"{decision.name} a été modifié à la main depuis la dernière construction : "
            f"il n'est pas remplacé ; la nouvelle version est écrite dans "
            f"{sidecar_name(decision.name)}."
        )
    elif action in (Action.KEEP, Action.KEEP_EDITED) and previous is not None:
        plan.manifest.outputs[decision.name] = previous
    elif action is Action.REMOVE:
        path.unlink(missing_ok=True)
        if previous and previous.sidecar:
            inside(folder, previous.sidecar).unlink(missing_ok=True)
    elif action is Action.ORPHAN_EDITED:
        report.notes.append(
            f"{decision.name} n'est plus produit, mais a été modifié à la main : il est conservé."
        )


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


def _distribute(
    folder: Path,
    plan: _Plan,
    workshop: Any,
    settings: RenderSettings,
    report: BuildReport,
    options: BuildOptions,
) -> None:
    """envois.csv and the .eml drafts, made after the packs they attach are on disk."""
    from ieg_reports.pipeline.distribute import render_distribution

    decisions = [
        d
        for d in plan.decisions
        if plan.targets.get(d.name) and plan.targets[d.name].kind in DISTRIBUTION
    ]
    wanted = {w.name: w for w in plan.wanted}
    for decision in decisions:
        staged = None
        if decision.writes:
            target = plan.targets[decision.name]
            data = render_distribution(
                target, workshop, settings, folder, plan.manifest, wanted[decision.name]
            )
            staged = stage(inside(folder, decision.name), data)
        try:
            _apply(folder, decision, staged, wanted.get(decision.name), plan, report)
        finally:
            if staged is not None:
                discard([staged])
        if options.progress:
            options.progress.done(decision)


def _finish(folder: Path, plan: _Plan, report: BuildReport) -> None:
    """Write the manifest last, then drop the pending record."""
    save_manifest(folder, plan.manifest)
    clear_pending(folder)
