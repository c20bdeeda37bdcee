"""Invitation drafts for the rencontre route: the programme and a calendar entry attached.

Same conventions as the packs' drafts (RFC 5322, `X-Unsent: 1`, sender from the workbook,
fixed Message-ID and boundary so the same draft has the same bytes). Addresses go through
`email.headerregistry.Address`, and line breaks never reach a header.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from ieg_reports.model import Participant, Workshop

INVITATIONS = "diffusion/invitations"
ICS_NAME = "invitation.ics"
DEFAULT_SENDER = "animation@example.invalid"
_BREAKS = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """Header text on one line: a line break in the data must not start a new header."""
    return _BREAKS.sub(" ", text).strip()


def address(name: str, email: str) -> Address:
    """A mailbox with its display name quoted or encoded as needed."""
    user, _, domain = email.partition("@")
    return Address(display_name=one_line(name), username=user, domain=domain)


def invitation_email(
    workshop: Workshop,
    person: Participant,
    text: tuple[str, str],
    attachments: list[tuple[str, bytes]],
    calendar: bytes,
    when: dt.datetime,
) -> bytes:
    """The draft: `text` is (subject, body); PDFs attached, then the .ics (METHOD:REQUEST)."""
    subject, body = text
    info = workshop.info
    message = EmailMessage()
    sender = info.contact or DEFAULT_SENDER
    message["From"] = address(info.sponsor or "Équipe d’animation", sender)
    message["To"] = address(person.full_name, person.email or "")
    message["Subject"] = one_line(subject)
    message["Date"] = format_datetime(when.replace(tzinfo=dt.UTC))
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
