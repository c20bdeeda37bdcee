"""The distribution plan: who receives which pack, as a CSV table and e-mail drafts (.eml).

Nothing a workbook holds can escape its cell here: CSV cells that a spreadsheet would run
as a formula are neutralised, and headers are built only through `email.headerregistry`,
from values stripped of line breaks and direction controls, so no value can add a header.
"""

from __future__ import annotations

import csv
import hashlib
import io
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from ieg_reports.model import Participant, Theme, Workshop
from ieg_reports.workbook.text import header_safe, slug

ENVOIS = "diffusion/envois.csv"
DEFAULT_SENDER = "animation@example.invalid"
DEFAULT_TEAM = "Équipe d’animation"
# OWASP « CSV injection »: a cell starting with one of these is run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


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


def draft_name(person: Participant, used: set[str]) -> str:
    """The file stem of a participant's draft (`martin-lea`), unique among `used`."""
    stem = slug(f"{person.last_name} {person.first_name or ''}", 50)
    name, n = stem, 2
    while name in used:
        name, n = f"{stem}-{n}", n + 1
    used.add(name)
    return name


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: formulas neutralised with a leading `'` (OWASP)."""
    value = header_safe(value, keep_lines=True)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _row(person: Participant, route: str, document: str, file: str, state: str) -> list[str]:
    cells = [person.full_name, person.organisation or "", person.email or "", route, document]
    return [csv_cell(c) for c in [*cells, file, state]]


def envois_csv(
    workshop: Workshop,
    packs: dict[str, str],
    status: dict[str, str],
    programme: str | None = None,
) -> bytes:
    """One row per participant and document sent, on both routes (UTF-8 with BOM and `;`,
    as Excel in France opens it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(
        ["Participant", "Organisation", "E-mail", "Parcours", "Document", "Fichier", "État"]
    )
    themes = [t for t in workshop.themes if t.code in packs]
    event = f"Programme — {workshop.info.event}" if workshop.info.event else "Programme"
    for person in workshop.participants:
        sent = [
            ("documentaire", f"{theme.code} — {theme.title}", packs[theme.code])
            for theme in packs_for(person, themes)
        ]
        if programme is not None and person.invited:
            sent.append(("rencontre", f"{event} (invitation)", programme))
        for route, title, name in sent:
            writer.writerow(_row(person, route, title, name, status.get(name, "nouveau")))
        if not sent:
            writer.writerow(_row(person, _route_label(person.route), "", "", "aucun document"))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _route_label(route: str | None) -> str:
    return {"les_deux": "les deux"}.get(route or "", route or "")


def address(name: str, email: str) -> Address:
    """A header address: display name quoted as needed, the address split (never parsed)."""
    user, _, domain = email.rpartition("@")
    return Address(display_name=header_safe(name), username=user, domain=domain)


def draft_email(
    workshop: Workshop,
    person: Participant,
    attachments: list[tuple[str, bytes]],
    subject: str,
    body: str,
) -> bytes:
    """An RFC 5322 draft with the packs attached, marked unsent: mail clients open it as a draft.

    It is sent from the facilitation team; it has no Date header (the client sets it on
    sending), so it is never dated with the workshop's day.
    """
    info = workshop.info
    message = EmailMessage()
    message["From"] = address(info.facilitator or DEFAULT_TEAM, info.contact or DEFAULT_SENDER)
    message["To"] = address(person.full_name, person.email or "")
    message["Subject"] = header_safe(subject)
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
