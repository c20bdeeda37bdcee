"""Stage 3, model: the workshop as frozen, typed dataclasses with references resolved.

Records keep the workbook's order and their source location (excluded from equality,
so the same content read from xlsx, ods or CSV compares equal).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from ieg_reports.config import Scale
from ieg_reports.problems import Location

NOWHERE = Location("")


_NUMBER = re.compile(r"(\d+)")


def axis_number(name: str) -> int | None:
    """The first number in an axis name (« Axe 2 — Clients » → 2), None when none."""
    found = _NUMBER.search(name)
    return int(found.group()) if found else None


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders « Étude 2 » before « Étude 10 » (numbers by value)."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _NUMBER.split(text)
        if part
    )


@dataclass(frozen=True)
class WorkshopInfo:
    """The workshop itself and the phase-2 event."""

    title: str
    date: dt.date
    place: str | None = None
    sponsor: str | None = None
    facilitator: str | None = None
    phase: str | None = None
    version: str | None = None
    event: str | None = None
    event_date: dt.date | None = None
    event_place: str | None = None
    link: str | None = None
    event_link: str | None = None
    contact: str | None = None
    notice: str | None = None
    event_address: str | None = None
    event_start: dt.time | None = None
    event_end: dt.time | None = None
    event_registration: str | None = None
    event_contact: str | None = None
    scope: str | None = None

    @property
    def has_event(self) -> bool:
        """True when the phase-2 event is named and dated: it gets a programme."""
        return bool(self.event) and self.event_date is not None


@dataclass(frozen=True)
class Family:
    """A family of factors."""

    code: str
    name: str
    description: str | None = None
    location: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class RatingSummary:
    """The ratings of one factor on the two criteria, aggregated over raters."""

    count: int
    capacity: float
    criticality: float
    capacity_min: float
    capacity_max: float
    criticality_min: float
    criticality_max: float
    capacity_sd: float
    criticality_sd: float


@dataclass(frozen=True)
class Factor:
    """A macro-determinant factor or weak signal, in its family."""

    code: str
    label: str
    family: Family
    nature: str
    is_key: bool
    source: str | None = None
    description: str | None = None
    rating: RatingSummary | None = None
    location: Location = field(default=NOWHERE, compare=False, repr=False)

    @property
    def is_weak_signal(self) -> bool:
        """True for a weak signal, False for a macro-determinant."""
        return self.nature == "signal_faible"


@dataclass(frozen=True)
class Keyword:
    """A keyword characterising a factor, in one of four registres."""

    factor: Factor
    text: str
    registre: str
    canonical: str
    location: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Effect:
    """An effect of a key factor on the work environment."""

    factor: Factor
    type: str
    category: str | None
    label: str
    description: str | None = None
    location: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Theme:
    """A theme kept for phase 2, in its axis, on its route."""

    code: str
    title: str
    axis: str
    route: str
    factors: tuple[Factor, ...] = ()
    stakes: str | None = None
    questions: tuple[str, ...] = ()
    number: int = 0
    location: Location = field(default=NOWHERE, compare=False, repr=False)

    @property
    def is_documentary(self) -> bool:
        """True when the theme is followed through briefing packs."""
        return self.route == "documentaire"


@dataclass(frozen=True)
class Resource:
    """A documentary resource of a theme."""

    theme: Theme
    title: str
    author: str | None = None
    source: str | None = None
    year: int | None = None
    type: str | None = None
    url: str | None = None
    summary: str | None = None
    location: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Participant:
    """A participant and the themes they follow."""

    last_name: str
    first_name: str | None = None
    organisation: str | None = None
    email: str | None = None
    route: str | None = None
    themes: tuple[Theme, ...] = ()
    location: Location = field(default=NOWHERE, compare=False, repr=False)

    @property
    def receives_packs(self) -> bool:
        """On the documentary route (or both, or no route but themes): gets briefing packs."""
        return self.route in ("documentaire", "les_deux") or (
            self.route is None and bool(self.themes)
        )

    @property
    def invited(self) -> bool:
        """On the rencontre route (or both, or no route but a priority theme): gets invited."""
        return self.route in ("rencontre", "les_deux") or (
            self.route is None and any(not t.is_documentary for t in self.themes)
        )

    @property
    def full_name(self) -> str:
        """« Prénom Nom »."""
        return f"{self.first_name} {self.last_name}" if self.first_name else self.last_name


@dataclass(frozen=True)
class Person:
    """A speaker or moderator of the event: « Prénom Nom (Organisation) »."""

    name: str
    organisation: str | None = None

    @property
    def label(self) -> str:
        """« Prénom Nom (Organisation) », as typed."""
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


@dataclass(frozen=True)
class Sequence:
    """One sequence of the event's programme."""

    start: dt.time
    end: dt.time
    title: str
    theme: Theme | None = None
    format: str | None = None
    speakers: tuple[Person, ...] = ()
    moderators: tuple[Person, ...] = ()
    description: str | None = None
    location: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Lesson:
    """The consultant's own words opening a section of the synthesis (« Enseignements »)."""

    section: str
    text: str
    location: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class GlossaryEntry:
    """A term of the commissioning body's own vocabulary (« Glossaire » sheet)."""

    term: str
    definition: str
    location: Location = field(default=NOWHERE, compare=False, repr=False)
    foreign: bool = False  # a term of another language: set in italics in the documents


@dataclass(frozen=True)
class Workshop:
    """Everything the documents are made from."""

    info: WorkshopInfo
    families: tuple[Family, ...]
    factors: tuple[Factor, ...]
    keywords: tuple[Keyword, ...]
    effects: tuple[Effect, ...]
    themes: tuple[Theme, ...]
    resources: tuple[Resource, ...]
    participants: tuple[Participant, ...]
    scale: Scale = field(default_factory=Scale)
    capacity_threshold: float = 3.0
    criticality_threshold: float = 3.0
    key_rule: str = "colonne"
    programme: tuple[Sequence, ...] = ()
    lessons: tuple[Lesson, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()

    @cached_property
    def priority_themes(self) -> tuple[Theme, ...]:
        """The themes on the rencontre route, carried to the event."""
        return tuple(t for t in self.themes if not t.is_documentary)

    @cached_property
    def event_hours(self) -> tuple[dt.time | None, dt.time | None]:
        """The event's opening and closing times: its own fields, else the programme's extent."""
        start = self.info.event_start or (self.programme[0].start if self.programme else None)
        end = self.info.event_end or max((s.end for s in self.programme), default=None)
        return start, end

    def sequences_of(self, theme: Theme) -> tuple[Sequence, ...]:
        """The sequences of the programme that treat a theme."""
        return tuple(s for s in self.programme if s.theme and s.theme.code == theme.code)

    @cached_property
    def key_factors(self) -> tuple[Factor, ...]:
        """The key factors, in workbook order."""
        return tuple(f for f in self.factors if f.is_key)

    @cached_property
    def axes(self) -> tuple[str, ...]:
        """The theme axes by their number when each carries one (« Axe 2 » before « Axe 10 »),
        else in order of first appearance (a stray « 4.0 » in one name must not reorder)."""
        first = tuple(dict.fromkeys(t.axis for t in self.themes))
        numbers = [axis_number(a) for a in first]
        if any(n is None for n in numbers):
            return first
        return tuple(a for _, _, a in sorted(zip(numbers, range(len(first)), first, strict=True)))

    def lessons_for(self, section: str) -> tuple[str, ...]:
        """The consultant's paragraphs for one section of the synthesis."""
        return tuple(lesson.text for lesson in self.lessons if lesson.section == section)

    def factors_of(self, family: Family) -> tuple[Factor, ...]:
        """The factors of a family."""
        return tuple(f for f in self.factors if f.family.code == family.code)

    def keywords_of(self, factor: Factor, registre: str | None = None) -> tuple[Keyword, ...]:
        """The keywords of a factor, optionally of one registre."""
        return tuple(
            k
            for k in self.keywords
            if k.factor.code == factor.code and (registre is None or k.registre == registre)
        )

    def effects_of(self, factor: Factor) -> tuple[Effect, ...]:
        """The effects of a factor."""
        return tuple(e for e in self.effects if e.factor.code == factor.code)

    def themes_of(self, factor: Factor) -> tuple[Theme, ...]:
        """The themes a factor leads to."""
        return tuple(t for t in self.themes if any(f.code == factor.code for f in t.factors))

    def themes_on(self, axis: str) -> tuple[Theme, ...]:
        """The themes of one axis."""
        return tuple(t for t in self.themes if t.axis == axis)

    def resources_of(self, theme: Theme) -> tuple[Resource, ...]:
        """The resources of a theme."""
        return tuple(r for r in self.resources if r.theme.code == theme.code)

    def pack_themes(self, for_all: bool = False) -> tuple[Theme, ...]:
        """The themes that get a briefing pack: the documentary ones, or all of them."""
        return tuple(t for t in self.themes if for_all or t.is_documentary)

    def theme(self, code: str) -> Theme:
        """The theme with that code."""
        return next(t for t in self.themes if t.code == code)

    def related_themes(self, theme: Theme) -> tuple[Theme, ...]:
        """Other themes sharing at least one factor with `theme`."""
        mine = {f.code for f in theme.factors}
        return tuple(
            t for t in self.themes if t.code != theme.code and mine & {f.code for f in t.factors}
        )
