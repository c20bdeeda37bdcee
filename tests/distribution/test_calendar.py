"""The iCalendar invitation: parsed back by icalendar and by an independent parser (vobject)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import icalendar
import pytest
import vobject

from fixtures.event import event_sheets, write_csv_book
from ieg_reports.api import load_workshop
from ieg_reports.distribution.calendar import event_uid, invitation_ics
from ieg_reports.model import Workshop

STAMP = dt.datetime(2017, 9, 1, 8, 0)


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory) -> Workshop:
    book = write_csv_book(tmp_path_factory.mktemp("cal") / "book", event_sheets())
    return load_workshop(book).workshop


def _person(workshop: Workshop):  # type: ignore[no-untyped-def]
    return next(p for p in workshop.participants if p.last_name == "Petit")


def _event(data: bytes) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["METHOD"] == "REQUEST" and calendar["VERSION"] == "2.0"
    (event,) = calendar.walk("VEVENT")
    return event


def test_icalendar_reads_local_times_in_europe_paris(workshop: Workshop) -> None:
    data = invitation_ics(workshop, _person(workshop), 0, STAMP)
    event = _event(data)
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (
        dt.datetime(2017, 10, 18, 9, 0),
        dt.datetime(2017, 10, 18, 11, 0),
    )
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert start.utcoffset() == dt.timedelta(hours=2)  # summer time on 18 October 2017
    (zone,) = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Paris"
    assert b"DTSTART;TZID=Europe/Paris:20171018T090000" in data


def test_icalendar_reads_place_text_organiser_and_attendee(workshop: Workshop) -> None:
    event = _event(invitation_ics(workshop, _person(workshop), 3, STAMP))
    assert str(event["SUMMARY"]) == "Rencontre Prospective"
    assert str(event["LOCATION"]) == "Maison de la Chimie, 28 rue Saint-Dominique, 75007 Paris"
    text = str(event["DESCRIPTION"])
    assert "T2 — Travail demain" in text and "Le travail demain" in text
    assert "https://example.org/inscription" in text
    assert str(event["ORGANIZER"]) == "mailto:animation@example.org"
    assert event["ORGANIZER"].params["CN"] == "Équipe d’animation"  # as the draft's From
    assert str(event["ATTENDEE"]) == "mailto:noe@example.org"
    assert event["ATTENDEE"].params["CN"] == "Noé Petit"
    assert event.decoded("SEQUENCE") == 3
    assert str(event["UID"]) == event_uid(workshop)


def test_an_independent_parser_agrees(workshop: Workshop) -> None:
    data = invitation_ics(workshop, _person(workshop), 0, STAMP)
    calendar = vobject.readOne(data.decode("utf-8"))
    event = calendar.vevent
    start = event.dtstart.value
    assert start.replace(tzinfo=None) == dt.datetime(2017, 10, 18, 9, 0)
    assert start.utcoffset() == dt.timedelta(hours=2)
    assert event.dtend.value.astimezone(dt.UTC) == dt.datetime(2017, 10, 18, 9, 0, tzinfo=dt.UTC)
    assert event.uid.value == event_uid(workshop)
    assert event.location.value.startswith("Maison de la Chimie")
    assert calendar.method.value == "REQUEST"


def test_winter_dates_take_the_winter_offset_from_our_vtimezone(workshop: Workshop) -> None:
    info = dataclasses.replace(workshop.info, event_date=dt.date(2017, 12, 6))
    data = invitation_ics(dataclasses.replace(workshop, info=info), None, 0, STAMP)
    start = vobject.readOne(
        data.decode("utf-8")
    ).vevent.dtstart.value  # vobject uses the file's rules
    assert start.utcoffset() == dt.timedelta(hours=1)


def test_uid_survives_every_edit_but_the_event_itself(workshop: Workshop) -> None:
    moved = dataclasses.replace(
        workshop,
        info=dataclasses.replace(
            workshop.info, event_date=dt.date(2017, 10, 25), event_start=dt.time(10)
        ),
        programme=workshop.programme[:1],
    )
    assert str(_event(invitation_ics(moved, None, 1, STAMP))["UID"]) == event_uid(workshop)
    other = dataclasses.replace(
        workshop, info=dataclasses.replace(workshop.info, event="Autre rencontre")
    )
    assert event_uid(other) != event_uid(workshop)


def test_without_hours_the_entry_takes_the_whole_day(workshop: Workshop) -> None:
    info = dataclasses.replace(workshop.info, event_start=None, event_end=None)
    data = invitation_ics(dataclasses.replace(workshop, info=info, programme=()), None, 0, STAMP)
    event = _event(data)
    assert event.decoded("DTSTART") == dt.date(2017, 10, 18)
    assert event.decoded("DTEND") == dt.date(2017, 10, 19)
    assert b"VTIMEZONE" not in data
    assert vobject.readOne(data.decode("utf-8")).vevent.dtstart.value == dt.date(2017, 10, 18)


def test_same_input_same_bytes(workshop: Workshop, tmp_path: Path) -> None:
    person = _person(workshop)
    assert invitation_ics(workshop, person, 2, STAMP) == invitation_ics(workshop, person, 2, STAMP)
