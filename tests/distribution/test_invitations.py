"""Invitation drafts: standard e-mail, safe headers whatever the workbook holds."""

from __future__ import annotations

import dataclasses
import email
from email import policy
from pathlib import Path

from fixtures.event import event_sheets, write_csv_book
from ieg_reports.api import load_workshop
from ieg_reports.distribution.invitations import invitation_email


def test_line_breaks_in_names_never_make_a_header(tmp_path: Path) -> None:
    workshop = load_workshop(write_csv_book(tmp_path / "book", event_sheets())).workshop
    person = dataclasses.replace(
        workshop.participants[-1], first_name="Léa\r\nBcc: espion@example.org", last_name="M"
    )
    info = dataclasses.replace(workshop.info, facilitator="Cabinet\nX-Evil: 1")
    data = invitation_email(
        dataclasses.replace(workshop, info=info),
        person,
        ("Objet\nBcc: autre@example.org", "Bonjour\n"),
        [("programme.pdf", b"%PDF-1.4")],
        b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    )
    message = email.message_from_bytes(data, policy=policy.default)
    assert message["Bcc"] is None and message["X-Evil"] is None
    assert message["To"].addresses[0].addr_spec == "lea@example.org"
    assert message["Subject"] == "Objet Bcc: autre@example.org"
    assert [p.get_filename() for p in message.iter_attachments()] == [
        "programme.pdf",
        "invitation.ics",
    ]
