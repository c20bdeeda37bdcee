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
DEFAULT_TEAM = "Équipe d'animation"
# OWASP « CSV injection »: a cell starting with one of these is run as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


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


def _row(person: Participant, route: str, pack: str, file: str, state: str) -> list[str]:
    cells = [person.full_name, person.organisation or "", person.email or "", route, pack, file]
    return [csv_cell(c) for c in [*cells, state]]


def envois_csv(workshop: Workshop, packs: dict[str, str], status: dict[str, str]) -> bytes:
    """One row per participant and pack (UTF-8 with BOM and `;`, as Excel in France opens it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(
        ["Participant", "Organisation", "E-mail", "Parcours", "Dossier", "Fichier", "État"]
    )
    themes = [t for t in workshop.themes if t.code in packs]
    for person in workshop.participants:
        received = packs_for(person, themes)
        route = person.route or ""
        if not received:
            state = "aucun dossier (rencontre)" if route == "rencontre" else "aucun dossier"
            writer.writerow(_row(person, route, "", "", state))
        for theme in received:
            name = packs[theme.code]
            pack = f"{theme.code} — {theme.title}"
            writer.writerow(_row(person, route, pack, name, status.get(name, "nouveau")))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


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
