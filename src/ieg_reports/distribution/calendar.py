"""The event's calendar entry: an iCalendar invitation (RFC 5545, METHOD:REQUEST).

Built with the `icalendar` library, never by hand. Local times in Europe/Paris with the
zone's own VTIMEZONE; the UID depends only on the workshop and the event's name, so a
rebuilt invitation updates the entry (with a higher SEQUENCE) instead of adding another.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress

from ieg_reports.compose.french import date_fr, time_fr
from ieg_reports.distribution.drafts import DEFAULT_SENDER, DEFAULT_TEAM
from ieg_reports.model import Participant, Workshop

TZID = "Europe/Paris"
PARIS = ZoneInfo(TZID)
PRODID = "-//ieg-reports//Invitation//FR"


def event_uid(workshop: Workshop) -> str:
    """A UID stable across rebuilds: the workshop (title, date) and the event's name."""
    info = workshop.info
    seed = f"{info.title}|{info.date.isoformat()}|{info.event or ''}"
    return f"{hashlib.sha256(seed.encode('utf-8')).hexdigest()[:32]}@ieg-reports"


def event_hours(workshop: Workshop) -> tuple[dt.time, dt.time] | None:
    """Opening and closing times; an hour long when the end is unknown."""
    start, end = workshop.event_hours
    if start is None:
        return None
    if end is None or end <= start:
        end = (dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(hours=1)).time()
    return start, end


def paris_timezone() -> Timezone:
    """Europe/Paris as a VTIMEZONE with the European summer-time rules (as mail clients send)."""
    zone = Timezone()
    zone.add("tzid", TZID)
    for part, name, start, month, offsets in (
        (TimezoneDaylight(), "CEST", dt.datetime(1981, 3, 29, 2, 0), 3, (1, 2)),
        (TimezoneStandard(), "CET", dt.datetime(1996, 10, 27, 3, 0), 10, (2, 1)),
    ):
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        part.add("tzoffsetfrom", dt.timedelta(hours=offsets[0]))
        part.add("tzoffsetto", dt.timedelta(hours=offsets[1]))
        zone.add_component(part)
    return zone


def description(workshop: Workshop) -> str:
    """The entry's text: themes, timeline and where to register, in plain French."""
    lines = []
    if workshop.priority_themes:
        lines.append("Thèmes prioritaires de l’atelier du " + date_fr(workshop.info.date) + " :")
        lines += [f"- {t.code} — {t.title}" for t in workshop.priority_themes]
    if workshop.programme:
        lines += ["", "Programme :"]
        lines += [f"{time_fr(s.start)} – {time_fr(s.end)} : {s.title}" for s in workshop.programme]
    info = workshop.info
    for label, value in (
        ("Adresse", info.event_address),
        ("Inscription", info.event_registration),
        ("Page de l’événement", info.event_link),
        ("Contact", info.event_contact),
    ):
        if value:
            lines += ["", f"{label} : {value}"] if label == "Adresse" else [f"{label} : {value}"]
    return "\n".join(lines).strip().replace(" :", "\u00a0:")


def _address(email: str, name: str | None) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["cn"] = name
    return address


def invitation_ics(
    workshop: Workshop, person: Participant | None, sequence: int, stamp: dt.datetime
) -> bytes:
    """The calendar invitation of the event for one participant (or for anyone, when None)."""
    info = workshop.info
    assert info.event_date is not None  # only events with a date get invitations
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", event_uid(workshop))
    event.add("dtstamp", stamp.astimezone(dt.UTC) if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC))
    event.add("sequence", sequence)
    hours = event_hours(workshop)
    if hours is None:
        event.add("dtstart", info.event_date)  # a whole day: no time zone involved
        event.add("dtend", info.event_date + dt.timedelta(days=1))
    else:
        calendar.add_component(paris_timezone())
        event.add("dtstart", dt.datetime.combine(info.event_date, hours[0], PARIS))
        event.add("dtend", dt.datetime.combine(info.event_date, hours[1], PARIS))
    _describe(event, workshop, person)
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def _describe(event: Event, workshop: Workshop, person: Participant | None) -> None:
    info = workshop.info
    event.add("summary", info.event or "Événement")
    place = ", ".join(p for p in (info.event_place, info.event_address) if p)
    if place:
        event.add("location", place)
    event.add("description", description(workshop))
    if info.event_link or info.event_registration:
        event.add("url", info.event_registration or info.event_link)
    # The organiser is who sends the invitation: the facilitation team, as the draft's From.
    organizer = _address(info.contact or DEFAULT_SENDER, info.facilitator or DEFAULT_TEAM)
    event.add("organizer", organizer)
    if person is not None and person.email:
        attendee = _address(person.email, person.full_name)
        for key, value in (
            ("role", "REQ-PARTICIPANT"),
            ("partstat", "NEEDS-ACTION"),
            ("rsvp", "TRUE"),
        ):
            attendee.params[key] = value
        event.add("attendee", attendee)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("class", "PUBLIC")
