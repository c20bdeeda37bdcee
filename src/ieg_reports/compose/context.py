"""What templates see: the model, labels for the enumerations, derived figures."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ieg_reports.model import Effect, Factor, Keyword, Resource, Theme, Workshop
from ieg_reports.workbook.schema import CATEGORY, EFFECT_TYPE, NATURE, REGISTRE, ROUTE

REGISTRE_TITLES = {
    "definition": "Ce que les participants entendent",
    "consequence": "Les conséquences pour l’environnement de travail",
    "question": "Les questions soulevées",
    "risque": "Les risques pointés",
}


def labels() -> dict[str, dict[str, str]]:
    """French labels of every enumeration, by key."""
    return {
        e.name: {c.key: c.label for c in e.choices}
        for e in (NATURE, REGISTRE, EFFECT_TYPE, CATEGORY, ROUTE)
    }


def effects_by_category(workshop: Workshop, kind: str) -> list[tuple[str, list[Effect]]]:
    """Effects of one type grouped by category (in the contract's order, uncategorised last)."""
    effects = [e for e in workshop.effects if e.type == kind]
    order = [c.key for c in CATEGORY.choices] + [None]
    groups = [(key, [e for e in effects if e.category == key]) for key in order]
    names = labels()["categorie"]
    return [(names.get(k or "", "Autres"), group) for k, group in groups if group]


def effect_summary(workshop: Workshop, kind: str) -> list[tuple[str, int, str]]:
    """Per category of one type: its name, its count and two or three effects named."""
    from ieg_reports.compose.findings import named, quote

    rows = []
    for name, effects in effects_by_category(workshop, kind):
        names = list(dict.fromkeys(e.label for e in effects))
        shown = named(names) if len(names) <= 3 else ", ".join(map(quote, names[:2])) + ", etc."
        rows.append((name, len(effects), shown))
    return rows


def choices_annex(workshop: Workshop) -> list[tuple[Factor, str]]:
    """The choices to explain, each with what was done, when the body cannot name them all."""
    from ieg_reports.compose.findings import MAX_NAMED, odd_choices

    said = " ".join(workshop.lessons_for("selection"))
    below, above = odd_choices(workshop, said)
    if max(len(below), len(above)) <= MAX_NAMED:
        return []
    return [(f, "retenu") for f in below] + [(f, "écarté") for f in above]


def keywords_by_registre(workshop: Workshop, registre: str) -> list[tuple[str, list[Keyword]]]:
    """Keywords of one registre grouped by family."""
    by_family: dict[str, list[Keyword]] = {}
    for k in workshop.keywords:  # one pass: families × keywords grew with the square
        if k.registre == registre:
            by_family.setdefault(k.factor.family.code, []).append(k)
    return [(f.name, by_family[f.code]) for f in workshop.families if f.code in by_family]


def distinct_keywords(keywords: list[Keyword]) -> list[str]:
    """Canonical keyword texts, each once, in order."""
    return list(dict.fromkeys(k.canonical for k in keywords))


def family_rows(workshop: Workshop) -> list[tuple[str, int, int, int, str]]:
    """Per family: name, factors, weak signals, key factors, share of all key factors."""
    from ieg_reports.compose.french import percent_fr

    total = len(workshop.key_factors)
    rows = []
    for family in workshop.families:
        factors = workshop.factors_of(family)
        key = sum(f.is_key for f in factors)
        share = percent_fr(key / total) if total else "—"
        rows.append((family.name, len(factors), sum(f.is_weak_signal for f in factors), key, share))
    return rows


def shares_note(workshop: Workshop) -> str:
    """A sentence when the family table's rounded shares do not add up to 100 %."""
    from ieg_reports.compose.french import number_fr

    total = len(workshop.key_factors)
    counts = [sum(f.is_key for f in workshop.factors_of(family)) for family in workshop.families]
    shown = sum(int(number_fr(100 * n / total, 0)) for n in counts) if total else 100
    if shown == 100:
        return ""
    return f"Arrondies à l’unité, les parts de facteurs-clés totalisent {shown}\u00a0%."


QUADRANT_ROWS = (
    ("high", "Au-dessus des deux seuils"),
    ("critical", "À surveiller (criticité seule au-dessus du seuil)"),
    ("lever", "Leviers (capacité d’agir seule au-dessus du seuil)"),
    ("low", "Secondaires (sous les deux seuils)"),
    ("none", "Non évalués"),
)


def quadrant_of(workshop: Workshop, factor: Factor) -> str:
    """Where a factor's mean ratings put it on the selection matrix."""
    r = factor.rating
    if r is None:
        return "none"
    cap = r.capacity >= workshop.capacity_threshold
    crit = r.criticality >= workshop.criticality_threshold
    return {(True, True): "high", (False, True): "critical", (True, False): "lever"}.get(
        (cap, crit), "low"
    )


def quadrant_rows(workshop: Workshop) -> list[tuple[str, int, int]]:
    """Per quadrant of the matrix (empty ones left out): label, factors, key factors."""
    rows = []
    for key, label in QUADRANT_ROWS:
        factors = [f for f in workshop.factors if quadrant_of(workshop, f) == key]
        if factors:
            rows.append((label, len(factors), sum(f.is_key for f in factors)))
    return rows


def by_family(factors: tuple[Factor, ...] | list[Factor]) -> list[tuple[str, list[Factor]]]:
    """Factors grouped by family, families in order of first appearance."""
    groups: dict[str, list[Factor]] = {}
    for factor in factors:
        groups.setdefault(factor.family.name, []).append(factor)
    return list(groups.items())


def origin(factors: tuple[Factor, ...] | list[Factor]) -> str:
    """« « a » et « b » (famille « X ») ainsi que « c » (famille « Y ») »: markup, data
    escaped; each name quoted, so that an « et » inside a name cannot blur the list."""
    from ieg_reports.compose.environment import Raw
    from ieg_reports.compose.french import guillemets, join_fr
    from ieg_reports.compose.markup import escape_markup

    def names(group: list[Factor]) -> str:
        return join_fr([escape_markup(guillemets(f.label)) for f in group])

    groups = by_family(factors)
    if len(groups) == 1:
        family, group = groups[0]
        where = "de la famille" if len(group) == 1 else "tous de la famille"
        return Raw(f"{names(group)}, {where} «\u00a0{escape_markup(family)}\u00a0»")
    parts = [f"{names(g)} (famille «\u00a0{escape_markup(n)}\u00a0»)" for n, g in groups]
    return Raw(", ".join(parts[:-1]) + " ainsi que " + parts[-1])


PACK_REGISTRES = (("definition", "consequence"), ("question",), ("risque",))


def pack_keywords(workshop: Workshop, factors: tuple[Factor, ...]) -> dict[str, list[Keyword]]:
    """A pack's keywords by « code:registre », each canonical keyword printed once.

    Keywords are met in the pack's reading order (each factor's meaning and consequences,
    then the questions, then the risks); one already printed is not printed again.
    """
    seen: set[str] = set()
    out: dict[str, list[Keyword]] = {}
    for registres in PACK_REGISTRES:
        for factor in factors:
            for registre in registres:
                fresh = []
                for k in workshop.keywords_of(factor, registre):
                    if k.canonical not in seen:
                        seen.add(k.canonical)
                        fresh.append(k)
                out[f"{factor.code}:{registre}"] = fresh
    return out


def neighbours(workshop: Workshop, theme: Theme) -> list[tuple[Theme, list[str], list[str]]]:
    """Each related theme, the key factors it shares with `theme`, and its other ones."""
    mine = {f.code for f in theme.factors}
    return [
        (
            other,
            [f.label for f in other.factors if f.code in mine],
            [f.label for f in other.factors if f.code not in mine],
        )
        for other in workshop.related_themes(theme)
    ]


def factor_line(factor: Factor) -> str:
    """A participant's reading of a factor's data: « Famille « Numérique », signal faible.
    Noté en moyenne 3,8 en capacité d’agir et 3,6 en criticité (cinq notes). D’après …
    Repère F04 sur la matrice. »"""
    from ieg_reports.compose.french import count_fr, score_fr

    text = f"Famille «\u00a0{factor.family.name}\u00a0»"
    text += ", signal faible." if factor.is_weak_signal else "."
    r = factor.rating
    if r is None:
        text += " Pas encore noté par les équipes."
    else:
        text += (
            f" Noté en moyenne {score_fr(r.capacity)} en capacité d’agir et "
            f"{score_fr(r.criticality)} en criticité ({count_fr(r.count, 'note')})."
        )
    text += f" D’après {factor.source}." if factor.source else ""
    # The pack's matrix labels its points by code: the reader needs the link.
    return text + (f" Repère {factor.code} sur la matrice." if r is not None else "")


WATCHED = ("vidéo", "video", "webinaire", "conférence filmée")
HEARD = ("podcast", "émission", "audio")


def why_label(resource: Resource) -> str:
    """« Pourquoi le lire. » before a resource's summary, empty when the summary already
    opens with its own « Pourquoi … »."""
    if (resource.summary or "").lstrip().casefold().startswith("pourquoi"):
        return ""
    kind = (resource.type or "").casefold()
    if kind in WATCHED:
        return "Pourquoi la regarder."
    return "Pourquoi l’écouter." if kind in HEARD else "Pourquoi le lire."


def event_wording(workshop: Workshop) -> tuple[str, str]:
    """« l'événement « Rencontre Prospective » » and « du mercredi 18 octobre 2017 »."""
    from ieg_reports.compose.french import date_fr

    info = workshop.info
    name = f"l’événement «\u00a0{info.event}\u00a0»" if info.event else "l’événement de la phase 2"
    when = f" du {date_fr(info.event_date)}" if info.event_date else ""
    return name, when


DEFAULT_SCOPE = "l’organisation"


def hours_fr(workshop: Workshop) -> str:
    """« de 8 h 30 à 12 h 45 » from the event's hours, else the programme's, else nothing."""
    from ieg_reports.compose.french import time_fr

    start, end = workshop.event_hours
    if start and end:
        return f"de {time_fr(start)} à {time_fr(end)}"
    return f"à partir de {time_fr(start)}" if start else ""


def glossary(workshop: Workshop, method: dict[str, str]) -> list[tuple[str, str]]:
    """The method's terms and the workbook's own, in alphabetical order (workbook wins)."""
    from ieg_reports.workbook.text import fold_plural

    terms = {fold_plural(t): (t, d) for t, d in method.items()}
    terms.update({fold_plural(e.term): (e.term, e.definition) for e in workshop.glossary})
    return [terms[k] for k in sorted(terms)]


_SENTENCE_END = re.compile(r"(?<=[.!?…])(\s+)(?=[«\"“A-ZÀ-ÖØ-ÞŒÆ])")


def lessons_once(workshop: Workshop) -> Callable[[str], list[str]]:
    """The consultant's paragraphs of a section, less sentences an earlier section printed."""
    printed: set[str] = set()

    def lessons(section: str) -> list[str]:
        # A sentence the consultant pasted into two sections reads as a slip when printed twice.
        paragraphs = []
        for text in workshop.lessons_for(section):
            parts = _SENTENCE_END.split(text.strip())
            kept = ""
            for sentence, space in zip(parts[::2], ["", *parts[1::2]], strict=True):
                norm = " ".join(sentence.split()).casefold()
                if norm and norm not in printed:
                    printed.add(norm)
                    kept += (space if kept else "") + sentence
            if kept:
                paragraphs.append(kept)
        return paragraphs

    return lessons


class LazyFindings(Mapping[str, list[str]]):
    """The synthesis' findings, computed on first use: they read every factor and family,
    so a pack (whose template does not use them) computing them grew with the workshop."""

    def __init__(self, compute: Callable[[], dict[str, list[str]]]) -> None:
        self._compute = compute
        self._found: dict[str, list[str]] | None = None

    def _all(self) -> dict[str, list[str]]:
        if self._found is None:
            self._found = self._compute()
        return self._found

    def __getitem__(self, key: str) -> list[str]:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def base_context(workshop: Workshop, for_all: bool = False) -> dict[str, Any]:
    """The variables every template gets."""
    from ieg_reports.compose.findings import section_findings

    event, event_when = event_wording(workshop)
    return {
        "scope": workshop.info.scope or DEFAULT_SCOPE,
        "findings": LazyFindings(lambda: section_findings(workshop, event, event_when)),
        "hours": hours_fr(workshop),
        "foreign_terms": tuple(e.term for e in workshop.glossary if e.foreign),
        "lessons": lessons_once(workshop),
        "glossary": lambda method: glossary(workshop, method),
        "event": event,
        "event_when": event_when,
        "workshop": workshop,
        "atelier": workshop.info,
        "labels": labels(),
        "registre_titles": REGISTRE_TITLES,
        "effects_by_category": lambda kind: effects_by_category(workshop, kind),
        "effect_summary": lambda kind: effect_summary(workshop, kind),
        "choices_annex": lambda: choices_annex(workshop),
        "keywords_by_registre": lambda reg: keywords_by_registre(workshop, reg),
        "distinct_keywords": distinct_keywords,
        "factor_line": factor_line,
        "why_label": why_label,
        "family_rows": lambda: family_rows(workshop),
        "shares_note": lambda: shares_note(workshop),
        "quadrant_rows": lambda: quadrant_rows(workshop),
        "by_family": by_family,
        "origin": origin,
        "packs": list(workshop.pack_themes(for_all)),
        "documentary": [t for t in workshop.themes if t.is_documentary],
        "meeting": [t for t in workshop.themes if not t.is_documentary],
    }
