"""Rendering the distribution plan's outputs from the packs already written."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ieg_reports.model import Workshop
from ieg_reports.pipeline.manifest import Manifest
from ieg_reports.pipeline.plan import Wanted
from ieg_reports.pipeline.render import RenderSettings
from ieg_reports.pipeline.targets import Target


def pack_status(current: dict[str, str], distributed: dict[str, str]) -> dict[str, str]:
    """For each pack: « nouveau », « modifié » or « inchangé » since the previous distribution."""
    status = {}
    for name, key in current.items():
        before = distributed.get(name)
        status[name] = "nouveau" if before is None else ("inchangé" if before == key else "modifié")
    return status


# The outputs a worker can render: each participant's draft and invitation.
MAIL_KINDS = ("courriel", "invitation")


@dataclass(frozen=True)
class MailJob:
    """One draft to render in a worker: what it attaches, read from the files that hold it."""

    target: Target
    files: dict[str, Path]  # attachment name → the file holding its bytes now (staged or kept)
    packs: dict[str, str]  # a draft's packs (name → key); empty for an invitation
    sequence: int = 0  # an invitation's calendar revision, decided by the build beforehand


def mail_job(
    target: Target,
    wanted: Wanted,
    manifest: Manifest,
    file_of: Callable[[str], Path],
) -> MailJob:
    """The job of one draft or invitation (the calendar's revision settled here, in the build)."""
    from ieg_reports.pipeline.invite import KIND, calendar_sequence
    from ieg_reports.pipeline.targets import PROGRAMME_PDF

    if target.kind == KIND:
        sequence = calendar_sequence(manifest, wanted.components["joint"][PROGRAMME_PDF])
        return MailJob(target, {PROGRAMME_PDF: file_of(PROGRAMME_PDF)}, {}, sequence)
    packs: dict[str, str] = wanted.components["dossiers"]
    return MailJob(target, {name: file_of(name) for name in packs}, packs)


def render_mail(job: MailJob, workshop: Workshop, settings: RenderSettings) -> bytes:
    """The bytes of one draft or invitation, its attachments read from their files."""
    from ieg_reports.pipeline.invite import KIND, invitation_draft

    def attachment(name: str) -> bytes:
        return job.files[name].read_bytes()

    if job.target.kind == KIND:
        return invitation_draft(job.target, workshop, settings, attachment, job.sequence)
    return _draft(job.target, workshop, settings, attachment, job.packs)


def render_distribution(
    target: Target,
    workshop: Workshop,
    settings: RenderSettings,
    attachment: Callable[[str], bytes],
    manifest: Manifest,
    wanted: Wanted,
) -> bytes:
    """envois.csv, or one participant's draft with their packs (or the programme) attached."""
    from ieg_reports.distribution.drafts import envois_csv
    from ieg_reports.pipeline.invite import KIND, render_invitation
    from ieg_reports.pipeline.targets import PROGRAMME_PDF

    if target.kind == KIND:
        return render_invitation(target, workshop, settings, attachment, manifest, wanted)
    packs: dict[str, str] = wanted.components["dossiers"]
    if target.kind == "envois":
        status = pack_status(packs, manifest.distributed)
        kept = {k: v for k, v in manifest.distributed.items() if k.startswith("#")}
        manifest.distributed = {**kept, **packs}  # « # » entries: the calendar's revision
        by_theme = {t.code: n for n, t in _pack_themes(workshop, packs, settings).items()}
        programme = PROGRAMME_PDF if PROGRAMME_PDF in packs else None
        return envois_csv(workshop, by_theme, status, programme)
    return _draft(target, workshop, settings, attachment, packs)


def _pack_themes(
    workshop: Workshop, packs: dict[str, str], settings: RenderSettings
) -> dict[str, Any]:
    """Pack file names to their themes, named exactly as the build names them."""
    by_stem = _themes_by_file(workshop, settings)
    return {name: by_stem[name] for name in packs if name in by_stem}


# The last workshop's pack files → themes: every draft asks, and naming every pack once per
# draft grew with the square of the workshop. A weak reference: a new build's model is a
# new object, never taken for the old one, and the old one is not kept alive.
_BY_FILE: list[Any] = []


def _themes_by_file(workshop: Workshop, settings: RenderSettings) -> dict[str, Any]:
    """Each pack PDF's name (as the build names it) → its theme, made once per workshop."""
    from ieg_reports.pipeline.targets import pack_stems, pack_themes

    if _BY_FILE and _BY_FILE[0]() is workshop and _BY_FILE[1] == settings.config:
        by_file: dict[str, Any] = _BY_FILE[2]
        return by_file
    stems = pack_stems(pack_themes(workshop, settings.config))
    by_file = {f"dossiers/{stem}.pdf": workshop.theme(code) for code, stem in stems.items()}
    _BY_FILE[:] = [weakref.ref(workshop), settings.config, by_file]
    return by_file


def _draft(
    target: Target,
    workshop: Workshop,
    settings: RenderSettings,
    attachment: Callable[[str], bytes],
    packs: dict[str, str],
) -> bytes:
    from ieg_reports.compose.environment import make_environment, render_template
    from ieg_reports.compose.typography import typeset
    from ieg_reports.distribution.drafts import draft_email

    person = workshop.participants[int(target.ref or 0)]
    themes = list(_pack_themes(workshop, packs, settings).values())
    env = make_environment(settings.templates, markup=False)
    text = render_template(
        env, "courriel.txt.j2", {"atelier": workshop.info, "person": person, "packs": themes}
    )
    subject, _, body = typeset(text).partition("\n")  # the e-mail is prose like the documents
    attachments = [(name, attachment(name)) for name in packs]
    return draft_email(workshop, person, attachments, subject.strip(), body.strip() + "\n")
