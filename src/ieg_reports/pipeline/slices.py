"""What each output depends on: the slice of the model its template may see.

Templates are rendered with the sliced workshop, so an output can only use what its key
covers: the dependency record is exact by construction.
"""

from __future__ import annotations

import dataclasses
import weakref
from typing import Any

from ieg_reports.model import Workshop
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
    index = _pack_index(workshop)
    theme = workshop.theme(code)
    mine = {f.code for f in theme.factors}
    themes = tuple(t if t.code == code else index.summaries[t.code] for t in workshop.themes)
    return dataclasses.replace(
        workshop,
        themes=themes,
        keywords=_of_factors(index.keywords, mine),
        effects=_of_factors(index.effects, mine),
        resources=index.resources.get(code, ()),
        participants=(),
        programme=(),
    )


@dataclasses.dataclass(frozen=True)
class _PackIndex:
    """What every pack slice of one workshop shares, made once per workshop."""

    workshop: weakref.ref[Workshop]
    summaries: dict[str, Any]  # theme code → the theme as the other packs show it
    shown: tuple[Any, ...]  # every theme as the packs show it, in order: one object to digest
    resources: dict[str, tuple[Any, ...]]  # theme code → its resources, in order
    keywords: dict[str, list[tuple[int, Any]]]  # factor code → (position, keyword)
    effects: dict[str, list[tuple[int, Any]]]  # factor code → (position, effect)


# The last workshop's index. The other themes' summaries are then the same objects in
# every pack slice: their fingerprints are taken once per build instead of once per pack,
# which grew with the square of the workshop (a 100× plan took minutes). A weak reference:
# a new build's model is never taken for the old one, nor kept alive.
_INDEX: list[_PackIndex] = []


def _pack_index(workshop: Workshop) -> _PackIndex:
    if _INDEX and _INDEX[0].workshop() is workshop:
        return _INDEX[0]
    resources: dict[str, list[Any]] = {}
    for resource in workshop.resources:
        resources.setdefault(resource.theme.code, []).append(resource)
    summaries = {t.code: dataclasses.replace(t, stakes=None, questions=()) for t in workshop.themes}
    index = _PackIndex(
        weakref.ref(workshop),
        summaries,
        tuple(summaries[t.code] for t in workshop.themes),
        {code: tuple(found) for code, found in resources.items()},
        _by_factor(workshop.keywords),
        _by_factor(workshop.effects),
    )
    _INDEX[:] = [index]
    return index


def _by_factor(items: tuple[Any, ...]) -> dict[str, list[tuple[int, Any]]]:
    out: dict[str, list[tuple[int, Any]]] = {}
    for position, item in enumerate(items):
        out.setdefault(item.factor.code, []).append((position, item))
    return out


def _of_factors(index: dict[str, list[tuple[int, Any]]], codes: set[str]) -> tuple[Any, ...]:
    """The items of these factors, in the workbook's order."""
    found = sorted(pair for code in codes for pair in index.get(code, []))
    return tuple(item for _, item in found)


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


def model_components(
    target: Target, sliced: Workshop, fp: Fingerprinter, whole: Workshop | None = None
) -> dict[str, Any]:
    """Named digests of the parts of the slice, so a change can be explained.

    Given the `whole` workshop, a pack's themes are digested as every theme's summary (one
    tuple shared by all packs, digested once) beside its own theme whole: the same content
    as its slice's themes, without walking every theme once per pack (square of the size).
    """
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
        "themes": fp.digest(_themes_shown(target, sliced, whole)),
    }
    if target.kind.startswith("programme"):
        parts["programme"] = fp.digest(sliced.programme)
    if target.theme is not None:
        parts["theme"] = fp.digest(sliced.theme(target.theme))
        parts["ressources"] = [fp.digest(r) for r in sliced.resources]
    return parts


def _themes_shown(target: Target, sliced: Workshop, whole: Workshop | None) -> tuple[Any, ...]:
    """What a slice shows of the themes, as one object shared by every pack when possible
    (the pack's own theme whole is its `theme` component)."""
    if target.theme is None or whole is None or target.kind.startswith("programme"):
        return sliced.themes
    return _pack_index(whole).shown
