"""The event's programme: its template context and its document model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ieg_reports.compose.context import base_context, hours_fr
from ieg_reports.compose.document import Document, DocumentInfo
from ieg_reports.compose.french import date_fr
from ieg_reports.model import Workshop

PROGRAMME_TEMPLATE = "programme.md.j2"
__all__ = ["compose_programme", "hours_fr", "programme_context", "programme_info"]


def programme_info(workshop: Workshop) -> DocumentInfo:
    """Metadata of the programme."""
    info = workshop.info
    event = info.event or "Événement"
    return DocumentInfo(
        title=f"Programme — {event}",
        subject=f"Programme de l’événement {event} du {date_fr(info.event_date)}",
        author=info.sponsor or info.facilitator or "",
        date=info.event_date or info.date,
        header=f"{event} — {date_fr(info.event_date)}",
        keywords=("prospective", "programme", event, *(t.code for t in workshop.priority_themes)),
    )


def programme_context(workshop: Workshop) -> dict[str, Any]:
    """What the programme template sees, beyond the common variables."""
    return {
        **base_context(workshop),
        "programme": workshop.programme,
        "priority": workshop.priority_themes,
        "participants_of": lambda theme: sum(
            p.invited and any(t.code == theme.code for t in p.themes) for p in workshop.participants
        ),
        "br": "\n",  # a line break inside a table cell (data line breaks survive escaping)
    }


def compose_programme(workshop: Workshop, templates: Path | None = None) -> Document:
    """The programme of the phase-2 event as a document model."""
    from ieg_reports.compose import compose

    return compose(
        PROGRAMME_TEMPLATE, programme_context(workshop), programme_info(workshop), templates
    )
