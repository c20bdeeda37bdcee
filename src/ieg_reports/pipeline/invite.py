"""The rencontre route's distribution: one invitation draft per invited participant.

Each draft's key covers the participant, the invitation template and the programme it
attaches (whose key covers the event, its sequences and the priority themes), so editing
one sequence rebuilds the programme, its twin and these drafts, and nothing else.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from typing import Any

from ieg_reports.model import Workshop
from ieg_reports.pipeline.fingerprint import Fingerprinter
from ieg_reports.pipeline.manifest import Manifest
from ieg_reports.pipeline.plan import Wanted
from ieg_reports.pipeline.render import RenderSettings
from ieg_reports.pipeline.targets import PROGRAMME_PDF, Target

KIND = "invitation"
# Where the calendar entry's revision is remembered between builds (in the manifest).
SEQUENCE_KEY = "#invitation.ics"


def invitation_targets(
    workshop: Workshop,
    programme: str | None,
    base: dict[str, Any],
    fp: Fingerprinter,
) -> list[tuple[Target, dict[str, Any]]]:
    """A draft per participant on the rencontre route with an address; none without event."""
    from ieg_reports.distribution.drafts import draft_name
    from ieg_reports.distribution.invitations import INVITATIONS

    if programme is None:
        return []
    out = []
    used: set[str] = set()
    for index, person in enumerate(workshop.participants):
        if not person.invited or not person.email:
            continue
        name = draft_name(person, used)
        parts = {**base, "participants": fp.digest(person), "joint": {PROGRAMME_PDF: programme}}
        out.append((Target(f"{INVITATIONS}/{name}.eml", KIND, ref=str(index)), parts))
    return out


def calendar_sequence(manifest: Manifest, event_key: str) -> int:
    """The iCalendar SEQUENCE: one more each time the event's content changed since last time."""
    key, _, number = manifest.distributed.get(SEQUENCE_KEY, "").partition(" ")
    sequence = int(number) if number.isdigit() else -1
    if key != event_key:
        sequence += 1
    manifest.distributed[SEQUENCE_KEY] = f"{event_key} {sequence}"
    return sequence


def render_invitation(
    target: Target,
    workshop: Workshop,
    settings: RenderSettings,
    attachment: Callable[[str], bytes],
    manifest: Manifest,
    wanted: Wanted,
) -> bytes:
    """One participant's invitation draft, with programme.pdf and invitation.ics attached."""
    sequence = calendar_sequence(manifest, wanted.components["joint"][PROGRAMME_PDF])
    return invitation_draft(target, workshop, settings, attachment, sequence)


def invitation_draft(
    target: Target,
    workshop: Workshop,
    settings: RenderSettings,
    attachment: Callable[[str], bytes],
    sequence: int,
) -> bytes:
    """The invitation draft of revision `sequence` (what a worker renders, the manifest aside)."""
    from ieg_reports.compose.environment import make_environment, render_template
    from ieg_reports.compose.french import typo_fr
    from ieg_reports.distribution.calendar import invitation_ics
    from ieg_reports.distribution.invitations import invitation_email
    from ieg_reports.render.common import source_date

    person = workshop.participants[int(target.ref or 0)]
    shown, shared = _programme(workshop)  # the drafts see what the programme shows, no more
    env = make_environment(settings.templates, markup=False)
    context = {**shared, "person": person}
    subject, _, body = render_template(env, "invitation.txt.j2", context).partition("\n")
    when = source_date() or dt.datetime.combine(workshop.info.date, dt.time(9, 0))
    calendar = invitation_ics(shown, person, sequence, when)
    text = (typo_fr(subject.strip()), typo_fr(body.strip()) + "\n")
    attached = [(PROGRAMME_PDF, attachment(PROGRAMME_PDF))]
    return invitation_email(shown, person, text, attached, calendar)


# The last workshop's programme slice and template context: the same for every invitation.
# A weak reference: a new build's model is never taken for the old one, nor kept alive.
_PROGRAMME: list[Any] = []


def _programme(workshop: Workshop) -> tuple[Workshop, dict[str, Any]]:
    """What the programme shows of the workshop, and its template context, made once."""
    from ieg_reports.compose.programme import programme_context
    from ieg_reports.pipeline.slices import programme_slice

    if not _PROGRAMME or _PROGRAMME[0]() is not workshop:
        shown = programme_slice(workshop)
        _PROGRAMME[:] = [weakref.ref(workshop), shown, programme_context(shown)]
    return _PROGRAMME[1], _PROGRAMME[2]
