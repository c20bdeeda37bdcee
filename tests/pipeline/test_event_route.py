"""The rencontre route through the build: programme, invitation drafts, one distribution table."""

from __future__ import annotations

import csv
import email
from email import policy
from email.message import EmailMessage
from pathlib import Path

import icalendar
import pytest

from fixtures.event import event_sheets, write_csv_book
from ieg_reports.commands.build import run_build
from pipeline.conftest import output_state as _state

INVITED = ("diffusion/invitations/petit-noe.eml", "diffusion/invitations/martin-lea.eml")
PROGRAMME = ("programme.pdf", "programme.docx")


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("event")
    run_build(write_csv_book(root / "book", event_sheets()), root / "out")
    return root


def _message(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _calendar(message: EmailMessage) -> icalendar.Event:
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST"
    (event,) = icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
    return event


def _rows(out: Path) -> list[list[str]]:
    text = (out / "diffusion/envois.csv").read_text(encoding="utf-8-sig")
    return list(csv.reader(text.splitlines(), delimiter=";"))


def test_invitation_drafts_parse_with_programme_and_calendar(prebuilt: Path) -> None:
    out = prebuilt / "out" / "book"
    for name in INVITED:
        message = _message(out / name)
        assert message["X-Unsent"] == "1" and message["From"].addresses[0].addr_spec == (
            "animation@example.org"
        )
        assert message["Subject"].startswith("Invitation — Rencontre Prospective")
        files = {p.get_filename(): p.get_content() for p in message.iter_attachments()}
        assert set(files) == {"programme.pdf", "invitation.ics"}
        assert files["programme.pdf"] == (out / "programme.pdf").read_bytes()
        body = message.get_body(("plain",))
        assert body is not None and "T2 — Travail demain" in body.get_content()
    assert str(_calendar(_message(out / INVITED[0]))["ATTENDEE"]) == "mailto:noe@example.org"


def test_a_participant_on_both_routes_receives_both(prebuilt: Path) -> None:
    out = prebuilt / "out" / "book"
    packs = _message(out / "diffusion/martin-lea.eml")
    assert [p.get_filename() for p in packs.iter_attachments()] == ["T1-soleil-reseaux.pdf"]
    assert (out / "diffusion/invitations/martin-lea.eml").is_file()
    lea = [r for r in _rows(out) if r[0] == "Léa Martin"]
    assert [(r[3], r[5], r[6]) for r in lea] == [
        ("documentaire", "dossiers/T1-soleil-reseaux.pdf", "nouveau"),
        ("rencontre", "programme.pdf", "nouveau"),
    ]
    assert not (out / "diffusion/invitations/dupont-jean.eml").exists()  # documentary only


def test_editing_one_sequence_rebuilds_exactly_the_event_route(built: Path) -> None:
    out = built / "out" / "book"
    before = _state(out)
    uid = str(_calendar(_message(out / INVITED[0]))["UID"])
    sheets = event_sheets()
    sheets["programme"][2][5] = "Anne Roy (Métropole X)\nInès Morel (Université Y)"
    write_csv_book(built / "book", sheets)
    report = run_build(built / "book", built / "out")
    after = _state(out)
    changed = {n for n in after if after[n] != before.get(n)}
    assert changed == {*PROGRAMME, *INVITED, "diffusion/envois.csv"}
    assert set(report.built) == changed
    event = _calendar(_message(out / INVITED[0]))
    assert str(event["UID"]) == uid and event.decoded("SEQUENCE") == 1  # an update, not a copy
    states = {(r[0], r[5]): r[6] for r in _rows(out)[1:] if r[5]}
    assert states[("Léa Martin", "programme.pdf")] == "modifié"
    assert states[("Léa Martin", "dossiers/T1-soleil-reseaux.pdf")] == "inchangé"
    reasons = {d.name: d.reason for d in report.decisions}
    assert reasons["programme.pdf"] == "programme modifié"


def test_documentary_edits_leave_the_event_route_alone(built: Path) -> None:
    out = built / "out" / "book"
    before = _state(out)
    sheets = event_sheets()
    sheets["ressources"][1][1] = "Guide solaire, 2e édition"
    write_csv_book(built / "book", sheets)
    run_build(built / "book", built / "out")
    after = _state(out)
    for name in (*PROGRAMME, *INVITED):
        assert after[name] == before[name], name


def test_removing_the_event_removes_programme_and_invitations(built: Path) -> None:
    out = built / "out" / "book"
    sheets = event_sheets()
    sheets["atelier"] = [r for r in sheets["atelier"] if "événement" not in str(r[0]).lower()]
    write_csv_book(built / "book", sheets)
    run_build(built / "book", built / "out")
    for name in (*PROGRAMME, *INVITED):
        assert not (out / name).exists(), name
    assert not [r for r in _rows(out) if r[5] == "programme.pdf"]
