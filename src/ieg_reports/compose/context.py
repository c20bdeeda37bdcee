"""What templates see: the model, labels for the enumerations, derived figures."""

from __future__ import annotations

from typing import Any

from ieg_reports.model import Effect, Factor, Keyword, Workshop
from ieg_reports.workbook.schema import CATEGORY, EFFECT_TYPE, NATURE, REGISTRE, ROUTE

REGISTRE_TITLES = {
    "definition": "Ce que les participants entendent",
    "consequence": "Les conséquences pour l'environnement de travail",
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


def factor_line(factor: Factor) -> str:
    """« capacité d'agir 3,6 · criticité 4,0 (5 notes) »."""
    from ieg_reports.compose.french import plural_fr, score_fr

    if factor.rating is None:
        return "non évalué"
    r = factor.rating
    return (
        f"capacité d'agir {score_fr(r.capacity)}, criticité {score_fr(r.criticality)} "
        f"({plural_fr(r.count, 'note')})"
    )


def event_wording(workshop: Workshop) -> tuple[str, str]:
    """« l'événement « Rencontre Prospective » » and « du mercredi 18 octobre 2017 »."""
    from ieg_reports.compose.french import date_fr

    info = workshop.info
    name = f"l'événement «\u00a0{info.event}\u00a0»" if info.event else "l'événement de la phase 2"
    when = f" du {date_fr(info.event_date)}" if info.event_date else ""
    return name, when


DEFAULT_SCOPE = "l’organisation"


def glossary(workshop: Workshop, method: dict[str, str]) -> list[tuple[str, str]]:
    """The method's terms and the workbook's own, in alphabetical order (workbook wins)."""
    from ieg_reports.workbook.text import fold_plural

    terms = {fold_plural(t): (t, d) for t, d in method.items()}
    terms.update({fold_plural(e.term): (e.term, e.definition) for e in workshop.glossary})
    return [terms[k] for k in sorted(terms)]


def base_context(workshop: Workshop, for_all: bool = False) -> dict[str, Any]:
    """The variables every template gets."""
    from ieg_reports.compose.findings import section_findings

    event, event_when = event_wording(workshop)
    return {
        "scope": workshop.info.scope or DEFAULT_SCOPE,
        "findings": section_findings(workshop, event + event_when),
        "lessons": workshop.lessons_for,
        "glossary": lambda method: glossary(workshop, method),
        "event": event,
        "event_when": event_when,
        "workshop": workshop,
        "atelier": workshop.info,
        "labels": labels(),
        "registre_titles": REGISTRE_TITLES,
        "effects_by_category": lambda kind: effects_by_category(workshop, kind),
        "keywords_by_registre": lambda reg: keywords_by_registre(workshop, reg),
        "distinct_keywords": distinct_keywords,
        "factor_line": factor_line,
        "packs": list(workshop.pack_themes(for_all)),
        "documentary": [t for t in workshop.themes if t.is_documentary],
        "meeting": [t for t in workshop.themes if not t.is_documentary],
    }
