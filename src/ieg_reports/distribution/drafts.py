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
    """Participants on the documentary route (or with no route but themes) get packs."""
    return person.route == "documentaire" or (person.route is None and bool(person.themes))


def packs_for(person: Participant, pack_themes: list[Theme]) -> list[Theme]:
    """The packs a participant receives: their themes that have a pack, else all packs."""
    if not receives_packs(person):
        return []
    codes = {t.code for t in pack_themes}
    chosen = [t for t in person.themes if t.code in codes]
    return chosen if person.themes else list(pack_themes)


def envois_csv(workshop: Workshop, packs: dict[str, str], status: dict[str, str]) -> bytes:
    """One row per participant and pack (UTF-8 with BOM and `;`, as Excel in France opens it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ["Participant", "Organisation", "E-mail", "Parcours", "Dossier", "Fichier", "État"]
    )
    themes = [t for t in workshop.themes if t.code in packs]
    for person in workshop.participants:
        received = packs_for(person, themes)
        route = person.route or ""
        if not received:
            writer.writerow(
                [
                    person.full_name,
                    person.organisation or "",
                    person.email or "",
                    route,
                    "",
                    "",
                    "aucun dossier (rencontre)" if route == "rencontre" else "aucun dossier",
                ]
            )
        for theme in received:
            name = packs[theme.code]
            writer.writerow(
                [
                    person.full_name,
                    person.organisation or "",
                    person.email or "",
                    route,
                    f"{theme.code} — {theme.title}",
                    name,
                    status.get(name, "nouveau"),
                ]
            )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


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
