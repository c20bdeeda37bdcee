"""What each output depends on: the slice of the model its template may see.

Templates are rendered with the sliced workshop, so an output can only use what its key
covers: the dependency record is exact by construction.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ieg_reports.model import Workshop
from ieg_reports.pipeline.fingerprint import Fingerprinter
from ieg_reports.pipeline.targets import Target


def synthesis_slice(workshop: Workshop) -> Workshop:
    """The synthesis sees everything but the participants and the resources' details."""
    return dataclasses.replace(workshop, resources=(), participants=())


def pack_slice(workshop: Workshop, code: str) -> Workshop:
    """A pack sees its theme whole (resources, keywords, effects), every factor (the matrix),
    and the other themes by what it shows of them: code, title, axis, route and factors.

    Their stakes and questions are left out, so that editing them rebuilds that theme's
    pack and the synthesis, not every pack.
    """
    theme = workshop.theme(code)
    mine = {f.code for f in theme.factors}
    themes = tuple(
        t if t.code == code else dataclasses.replace(t, stakes=None, questions=())
        for t in workshop.themes
    )
    return dataclasses.replace(
        workshop,
        themes=themes,
        keywords=tuple(k for k in workshop.keywords if k.factor.code in mine),
        effects=tuple(e for e in workshop.effects if e.factor.code in mine),
        resources=tuple(r for r in workshop.resources if r.theme.code == code),
        participants=(),
    )


def slice_for(target: Target, workshop: Workshop) -> Workshop:
    """The slice a document target is composed from."""
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
    if target.theme is not None:
        parts["theme"] = fp.digest(sliced.theme(target.theme))
        parts["ressources"] = [fp.digest(r) for r in sliced.resources]
    return parts
