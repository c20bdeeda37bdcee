"""The distribution plan: who receives which pack, as a CSV table and e-mail drafts (.eml)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path

from ieg_reports.model import Participant, Theme, Workshop

ENVOIS = "diffusion/envois.csv"
DEFAULT_SENDER = "animation@example.invalid"


def receives_packs(person: Participant) -> bool:
    """Participants on the documentary route (or both, or no route but themes) get packs."""
    return person.receives_packs


def packs_for(person: Participant, pack_themes: list[Theme]) -> list[Theme]:
    """The packs a participant receives: their themes that have a pack, else all packs."""
    if not receives_packs(person):
        return []
    codes = {t.code for t in pack_themes}
    chosen = [t for t in person.themes if t.code in codes]
    return chosen if person.themes else list(pack_themes)


def envois_csv(
    workshop: Workshop,
    packs: dict[str, str],
    status: dict[str, str],
    programme: str | None = None,
) -> bytes:
    """One row per participant and document sent, on both routes (UTF-8 with BOM and `;`,
    as Excel in France opens it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ["Participant", "Organisation", "E-mail", "Parcours", "Document", "Fichier", "État"]
    )
    themes = [t for t in workshop.themes if t.code in packs]
    event = f"Programme — {workshop.info.event}" if workshop.info.event else "Programme"
    for person in workshop.participants:
        who = [person.full_name, person.organisation or "", person.email or ""]
        sent = [
            ["documentaire", f"{theme.code} — {theme.title}", packs[theme.code]]
            for theme in packs_for(person, themes)
        ]
        if programme is not None and person.invited:
            sent.append(["rencontre", f"{event} (invitation)", programme])
        for route, title, name in sent:
            writer.writerow([*who, route, title, name, status.get(name, "nouveau")])
        if not sent:
            writer.writerow([*who, _route_label(person.route), "", "", "aucun document"])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _route_label(route: str | None) -> str:
    return {"les_deux": "les deux"}.get(route or "", route or "")


def draft_email(
    workshop: Workshop,
    person: Participant,
    attachments: list[tuple[str, bytes]],
    subject: str,
    body: str,
    when: dt.datetime,
) -> bytes:
    """An RFC 5322 draft with the packs attached, marked unsent: mail clients open it as a draft."""
    message = EmailMessage()
    sender = workshop.info.contact or DEFAULT_SENDER
    message["From"] = formataddr((workshop.info.sponsor or "Équipe d'animation", sender))
    message["To"] = formataddr((person.full_name, person.email or ""))
    message["Subject"] = subject
    message["Date"] = format_datetime(when.replace(tzinfo=dt.UTC))
    seed = hashlib.sha256(f"{person.full_name}|{person.email}|{subject}".encode()).hexdigest()[:24]
    message["Message-ID"] = f"<{seed}@ieg-reports.invalid>"
    message["X-Unsent"] = "1"
    message.set_content(body)
    for name, data in attachments:
        message.add_attachment(
            data, maintype="application", subtype="pdf", filename=Path(name).name
        )
    if attachments:
        message.set_boundary(f"=_ieg_{seed}")  # a fixed boundary: the same draft, the same bytes
    return bytes(message.as_bytes(policy=message.policy.clone(linesep="\r\n")))
