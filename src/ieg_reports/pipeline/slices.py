"""What each output depends on: the slice of the model its template may see.

Templates are rendered with the sliced workshop, so an output can only use what its key
covers: the dependency record is exact by construction.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ieg_reports.model import Theme, Workshop
from ieg_reports.pipeline.fingerprint import Fingerprinter
from ieg_reports.pipeline.targets import Target


def synthesis_slice(workshop: Workshop) -> Workshop:
    """The synthesis sees everything but the participants and the resources' details."""
    return dataclasses.replace(workshop, resources=(), participants=(), programme=())


def pack_slice(workshop: Workshop, code: str) -> Workshop:
    """A pack sees its theme whole (resources, keywords, effects), every factor (the matrix),
    and the other themes by what it shows of them: code, title, axis, route and factors.

    Their stakes and questions are left out, so that editing them rebuilds that theme's
    pack and the synthesis, not every pack.
    """
    theme = workshop.theme(code)
    mine = {f.code for f in theme.factors}
    themes = tuple(t if t.code == code else lean for t, lean in _lean_themes(workshop))
    return dataclasses.replace(
        workshop,
        themes=themes,
        keywords=tuple(k for k in workshop.keywords if k.factor.code in mine),
        effects=tuple(e for e in workshop.effects if e.factor.code in mine),
        resources=tuple(r for r in workshop.resources if r.theme.code == code),
        participants=(),
        programme=(),
    )


# The last workshop's themes as other packs show them: made once, shared by every pack's
# slice, so that their digests are computed once per build (not once per pack and theme).
_LEAN: list[tuple[tuple[Theme, ...], tuple[tuple[Theme, Theme], ...]]] = []


def _lean_themes(workshop: Workshop) -> tuple[tuple[Theme, Theme], ...]:
    """Each theme with itself without its stakes and questions."""
    if _LEAN and _LEAN[0][0] is workshop.themes:
        return _LEAN[0][1]
    pairs = tuple((t, dataclasses.replace(t, stakes=None, questions=())) for t in workshop.themes)
    _LEAN[:] = [(workshop.themes, pairs)]
    return pairs


def programme_slice(workshop: Workshop) -> Workshop:
    """The programme sees the event, its sequences, and the themes it shows with the names of
    their key factors (no scores, keywords, effects, resources or participants)."""
    shown = {t.code: t for t in workshop.priority_themes}
    for sequence in workshop.programme:
        if sequence.theme is not None:
            shown.setdefault(sequence.theme.code, sequence.theme)
    factors = {f.code: f for t in shown.values() for f in t.factors}
    lean = {
        c: dataclasses.replace(f, rating=None, source=None, description=None)
        for c, f in factors.items()
    }
    themes = {
        c: dataclasses.replace(t, factors=tuple(lean[f.code] for f in t.factors))
        for c, t in shown.items()
    }
    families = {f.family.code for f in lean.values()}
    return dataclasses.replace(
        workshop,
        families=tuple(f for f in workshop.families if f.code in families),
        factors=tuple(lean.values()),
        keywords=(),
        effects=(),
        themes=tuple(themes.values()),
        resources=(),
        participants=(),
        programme=tuple(
            dataclasses.replace(s, theme=themes[s.theme.code]) if s.theme else s
            for s in workshop.programme
        ),
    )


def slice_for(target: Target, workshop: Workshop) -> Workshop:
    """The slice a document target is composed from."""
    if target.kind.startswith("programme"):
        return programme_slice(workshop)
    if target.theme is not None:
        return pack_slice(workshop, target.theme)
    return synthesis_slice(workshop)


def model_components(target: Target, sliced: Workshop, fp: Fingerprinter) -> dict[str, Any]:
    """Named digests of the parts of the slice, so a change can be explained."""
    parts: dict[str, Any] = {
        "atelier": fp.digest(
            (
                sliced.info,
                sliced.scale,
                sliced.capacity_threshold,
                sliced.criticality_threshold,
                sliced.key_rule,
            )
        ),
        "familles": fp.digest(sliced.families),
        "facteurs": fp.digest(sliced.factors),
        "mots_cles": fp.digest(sliced.keywords),
        "effets": fp.digest(sliced.effects),
        "themes": fp.digest(sliced.themes),
    }
    if target.kind.startswith("programme"):
        parts["programme"] = fp.digest(sliced.programme)
    if target.theme is not None:
        parts["theme"] = fp.digest(sliced.theme(target.theme))
        parts["ressources"] = [fp.digest(r) for r in sliced.resources]
    return parts
