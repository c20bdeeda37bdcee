"""Invitation drafts for the rencontre route: the programme and a calendar entry attached.

Same conventions as the packs' drafts (RFC 5322, `X-Unsent: 1`, sender from the workbook,
fixed Message-ID and boundary so the same draft has the same bytes); headers are built the
same safe way (`drafts.address`, `header_safe`): no value can add a header.
"""

from __future__ import annotations

import hashlib
from email.message import EmailMessage

from ieg_reports.distribution.drafts import DEFAULT_SENDER, DEFAULT_TEAM, address
from ieg_reports.model import Participant, Workshop
from ieg_reports.workbook.text import header_safe

INVITATIONS = "diffusion/invitations"
ICS_NAME = "invitation.ics"


def invitation_email(
    workshop: Workshop,
    person: Participant,
    text: tuple[str, str],
    attachments: list[tuple[str, bytes]],
    calendar: bytes,
) -> bytes:
    """The draft: `text` is (subject, body); PDFs attached, then the .ics (METHOD:REQUEST).

    Like the packs' drafts it has no Date header: the mail client dates it on sending.
    """
    subject, body = text
    info = workshop.info
    message = EmailMessage()
    message["From"] = address(info.facilitator or DEFAULT_TEAM, info.contact or DEFAULT_SENDER)
    message["To"] = address(person.full_name, person.email or "")
    message["Subject"] = header_safe(subject)
    seed = hashlib.sha256(f"invitation|{person.full_name}|{person.email}".encode()).hexdigest()
    message["Message-ID"] = f"<{seed[:24]}@ieg-reports.invalid>"
    message["X-Unsent"] = "1"
    message.set_content(body)
    for name, data in attachments:
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    message.add_attachment(
        calendar,
        maintype="text",
        subtype="calendar",
        filename=ICS_NAME,
        params={"method": "REQUEST", "charset": "utf-8"},
    )
    message.set_boundary(f"=_ieg_{seed[:24]}")  # a fixed boundary: the same draft, the same bytes
    return bytes(message.as_bytes(policy=message.policy.clone(linesep="\r\n")))
