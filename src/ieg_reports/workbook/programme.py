"""The event route: the « Programme » sheet read into sequences, and the event's checks.

Every problem is located like the others (file, sheet, Excel row, column); the sequences
come out in chronological order, whatever the order of the rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ieg_reports.model import Person, Sequence, Theme, Workshop, WorkshopInfo
from ieg_reports.problems import Location, Problems
from ieg_reports.workbook.normalise import Normalised, Record, Table

_NBSP = "\u00a0"
_PERSON = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<org>[^()]+)\)\s*$")
DATE_LABEL = "Date de l’événement"
Resolver = Callable[[str, Location, Problems], Theme | None]


def q(text: object) -> str:
    """French quotes with no-break spaces."""
    return f"«{_NBSP}{text}{_NBSP}»"


def clock(time: dt.time) -> str:
    """« 9 h 30 », « 10 h » (French way of writing a time, no-break spaces)."""
    minutes = f"{_NBSP}{time.minute:02d}" if time.minute else ""
    return f"{time.hour}{_NBSP}h{minutes}"


def person(text: str) -> Person:
    """« Prénom Nom (Organisation) » split into name and organisation."""
    match = _PERSON.match(text)
    if match is None:
        return Person(text.strip())
    return Person(match["name"].strip(), match["org"].strip())


def read_programme(
    table: Table | None, resolve: Resolver, info: WorkshopInfo, problems: Problems
) -> tuple[Sequence, ...]:
    """The sequences of the « Programme » sheet, checked and in chronological order."""
    rows = []
    for record in table.records if table is not None else []:
        sequence = _sequence(record, resolve, problems)
        if sequence is not None:
            rows.append((sequence, record))
    rows.sort(key=lambda pair: (pair[0].start, pair[0].end, pair[1].location.row or 0))
    _check_overlaps(rows, problems)
    _check_hours(rows, info, problems)
    return tuple(sequence for sequence, _ in rows)


def _sequence(record: Record, resolve: Resolver, problems: Problems) -> Sequence | None:
    start, end, title = record.get("debut"), record.get("fin"), record.get("titre")
    theme = _theme(record, resolve, problems)
    if start is not None and end is not None and end <= start:
        problems.error(
            record.at("fin"),
            f"la séquence se termine à {clock(end)}, avant son début ({clock(start)})",
            "vérifiez les heures de début et de fin (par exemple 9h30 et 10h15)",
        )
        return None
    if start is None or end is None or title is None:
        return None  # already reported by normalise (empty or unreadable cell)
    return Sequence(
        start,
        end,
        title,
        theme,
        record.get("format"),
        tuple(person(p) for p in record.get("intervenants") or ()),
        tuple(person(p) for p in record.get("moderation") or ()),
        record.get("description"),
        record.location,
    )


def _theme(record: Record, resolve: Resolver, problems: Problems) -> Theme | None:
    code = record.get("theme")
    if code is None:
        return None
    theme = resolve(code, record.at("theme"), problems)
    if theme is not None and theme.is_documentary:
        problems.warning(
            record.at("theme"),
            f"le thème {theme.code} suit le parcours documentaire, pas la rencontre",
            "il figurera au programme ; s’il est prioritaire, passez-le au parcours "
            f"{q('rencontre')} dans la feuille Thèmes",
        )
    return theme


def _check_overlaps(rows: list[tuple[Sequence, Record]], problems: Problems) -> None:
    """Warn when a sequence starts before an earlier one (the latest to end) is over."""
    before: Sequence | None = None
    for after, record in rows:
        if before is not None and after.start < before.end:
            problems.warning(
                record.at("debut"),
                f"la séquence {q(after.title)} commence à {clock(after.start)}, avant la fin "
                f"de {q(before.title)} (ligne {before.location.row}, {clock(before.end)})",
                "décalez l’une des deux séquences, sauf si elles ont lieu en parallèle",
            )
        if before is None or after.end > before.end:
            before = after


def _check_hours(
    rows: list[tuple[Sequence, Record]], info: WorkshopInfo, problems: Problems
) -> None:
    """A sequence outside the event's opening hours is probably a typing slip."""
    opens, closes = info.event_start, info.event_end
    for sequence, record in rows:
        early = opens is not None and sequence.start < opens
        late = closes is not None and sequence.end > closes
        if early or late:
            hours = f"{clock(opens or sequence.start)} – {clock(closes or sequence.end)}"
            problems.warning(
                record.at("debut" if early else "fin"),
                f"la séquence {q(sequence.title)} déborde des horaires de l’événement ({hours})",
                f"corrigez l’heure, ou les champs {q('Heure de début')} et {q('Heure de fin')} "
                "de la feuille Atelier",
            )


def check_event(workshop: Workshop, norm: Normalised, problems: Problems) -> None:
    """The event's date and hours, its sequences' hours, and why there is no programme."""
    info = workshop.info
    if not info.has_event:
        _no_event(workshop, norm, problems)
        return
    date_at = _field_at(norm, "evenement_date")
    if info.event_date is not None and info.event_date < info.date:
        problems.error(
            date_at,
            f"l’événement est daté du {info.event_date:%d/%m/%Y}, avant l’atelier "
            f"({info.date:%d/%m/%Y})",
            "l’événement de la phase 2 suit l’atelier : corrigez l’une des deux dates",
        )
    if info.event_start and info.event_end and info.event_end <= info.event_start:
        problems.error(
            _field_at(norm, "evenement_fin"),
            f"l’événement finit à {clock(info.event_end)}, avant son ouverture "
            f"({clock(info.event_start)})",
            "vérifiez les heures de début et de fin de l’événement",
        )
    _check_coverage(workshop, problems)


def _field_at(norm: Normalised, key: str) -> Location:
    """Where an « Atelier » field's value is (the sheet itself when the field is absent)."""
    return norm.fields[key][1] if key in norm.fields else _sheet_at(norm)


def _sheet_at(norm: Normalised) -> Location:
    """The « Atelier » sheet itself, for a field that is missing altogether."""
    table = norm.tables.get("atelier")
    return table.where() if table is not None else Location(norm.file, "Atelier")


def _no_event(workshop: Workshop, norm: Normalised, problems: Problems) -> None:
    """One line saying why no programme and no invitation are built."""
    info = workshop.info
    wanted = workshop.priority_themes or workshop.programme or "programme" in norm.tables
    if not (wanted or any(p.invited for p in workshop.participants)):
        return
    missing = DATE_LABEL if info.event else "Événement"
    problems.warning(
        _field_at(norm, "evenement").at("champ", "Champ") if info.event else _sheet_at(norm),
        f"champ {q(missing)} non renseigné : ni programme ni invitations ne sont produits",
        f"ajoutez une ligne {q(missing)} dans la feuille Atelier"
        + ("" if info.event else f", avec la ligne {q(DATE_LABEL)}"),
    )


def _check_coverage(workshop: Workshop, problems: Problems) -> None:
    """Each priority theme should be treated by at least one sequence of the programme."""
    if not workshop.programme:
        return
    for theme in workshop.priority_themes:
        if not workshop.sequences_of(theme):
            problems.warning(
                theme.location.at("code", None),
                f"le thème prioritaire {theme.code} n’est traité par aucune séquence du programme",
                f"indiquez {theme.code} dans la colonne {q('Thème')} d’une séquence de la "
                "feuille Programme",
            )
