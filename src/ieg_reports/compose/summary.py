"""The key figures of a workshop, as `validate` prints them."""

from __future__ import annotations

from typing import Any

from ieg_reports.compose.french import plural_fr as plural
from ieg_reports.model import Workshop

__all__ = ["figures_fr", "keyword_groups", "plural", "summary"]


def summary(workshop: Workshop) -> dict[str, Any]:
    """Counts and the theme codes on each route (the JSON `summary`)."""
    return {
        "families": len(workshop.families),
        "factors": len(workshop.factors),
        "weak_signals": sum(f.is_weak_signal for f in workshop.factors),
        "key_factors": len(workshop.key_factors),
        "key_factor_rule": workshop.key_rule,
        "keywords": len(workshop.keywords),
        "effects": len(workshop.effects),
        "themes": len(workshop.themes),
        "axes": len(workshop.axes),
        "resources": len(workshop.resources),
        "participants": len(workshop.participants),
        "routes": {
            "documentaire": [t.code for t in workshop.themes if t.route == "documentaire"],
            "rencontre": [t.code for t in workshop.themes if t.route == "rencontre"],
        },
        "keyword_groups": keyword_groups(workshop),
        "event": {
            "name": workshop.info.event if workshop.info.has_event else None,
            "sequences": len(workshop.programme),
            "invited": sum(p.invited for p in workshop.participants),
        },
    }


def keyword_groups(workshop: Workshop) -> dict[str, list[str]]:
    """Canonical keywords that gathered several spellings, with those spellings."""
    groups: dict[str, set[str]] = {}
    for keyword in workshop.keywords:
        groups.setdefault(keyword.canonical, set()).add(keyword.text)
    return {k: sorted(v) for k, v in groups.items() if len(v) > 1}


def figures_fr(data: dict[str, Any]) -> list[str]:
    """The summary as French lines."""
    routes = data["routes"]
    return [
        f"{plural(data['families'], 'famille')}, {plural(data['factors'], 'facteur')} "
        f"(dont {plural(data['weak_signals'], 'signal faible', 'signaux faibles')}), "
        f"{plural(data['key_factors'], 'facteur-clé', 'facteurs-clés')}",
        f"{plural(data['keywords'], 'mot-clé', 'mots-clés')}, {plural(data['effects'], 'effet')}",
        f"{plural(data['themes'], 'thème')} en {plural(data['axes'], 'axe')}\u00a0: "
        f"{len(routes['rencontre'])} pour la rencontre ({', '.join(routes['rencontre']) or '—'}), "
        f"{len(routes['documentaire'])} en parcours documentaire "
        f"({', '.join(routes['documentaire']) or '—'})",
        f"{plural(data['resources'], 'ressource')}, {plural(data['participants'], 'participant')}",
        *_event_line(data["event"]),
    ]


def _event_line(event: dict[str, Any]) -> list[str]:
    """« Rencontre Prospective : programme de 8 séquences, 12 invités »."""
    if not event["name"]:
        return []
    timeline = (
        f"programme de {plural(event['sequences'], 'séquence')}"
        if event["sequences"]
        else "programme sans déroulé"
    )
    return [f"{event['name']}\u00a0: {timeline}, {plural(event['invited'], 'invité')}"]
