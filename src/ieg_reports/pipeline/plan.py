"""Deciding what a build does to each output, and why: a pure function of its inputs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ieg_reports.pipeline.manifest import OutputRecord

COMPONENT_REASONS = {
    "version": "nouvelle version d'ieg-reports",
    "modele": "modèle modifié",
    "styles": "styles modifiés",
    "reglages": "réglages modifiés",
    "atelier": "informations de l'atelier modifiées",
    "familles": "familles modifiées",
    "facteurs": "facteurs ou notes modifiés",
    "mots_cles": "mots-clés modifiés",
    "effets": "effets modifiés",
    "themes": "thèmes modifiés",
    "theme": "thème modifié",
    "participants": "participants modifiés",
    "dossiers": "dossier joint modifié",
    "programme": "programme modifié",
    "joint": "programme joint modifié",
}


class Action(StrEnum):
    """What happens to one output."""

    BUILD = "build"
    KEEP = "keep"
    KEEP_EDITED = "keep-edited"
    SIDECAR = "sidecar"
    ARCHIVE = "archive"
    REMOVE = "remove"
    ORPHAN_EDITED = "orphan-edited"


@dataclass(frozen=True)
class Wanted:
    """An output the current workbook calls for, with its key and components."""

    name: str
    key: str
    components: dict[str, Any]


@dataclass(frozen=True)
class Decision:
    """What to do with one output, and the French reason a user reads."""

    name: str
    action: Action
    reason: str

    @property
    def writes(self) -> bool:
        """True when the output's new version must be rendered."""
        return self.action in (Action.BUILD, Action.SIDECAR, Action.ARCHIVE)


def explain(old: dict[str, Any], new: dict[str, Any]) -> str:
    """Why two component sets differ, in French (« ressource ajoutée, modèle modifié »)."""
    reasons = []
    for name in sorted(set(old) | set(new)):
        if old.get(name) == new.get(name):
            continue
        if name == "ressources":
            reasons.append(_resources_reason(old.get(name) or [], new.get(name) or []))
        else:
            reasons.append(COMPONENT_REASONS.get(name, f"{name} modifié"))
    return ", ".join(reasons) or "modifié"


def _resources_reason(old: list[str], new: list[str]) -> str:
    if len(new) > len(old):
        return "ressource ajoutée" if len(new) - len(old) == 1 else "ressources ajoutées"
    if len(new) < len(old):
        return "ressource supprimée" if len(old) - len(new) == 1 else "ressources supprimées"
    return "ressource modifiée"


def decide(
    wanted: list[Wanted],
    records: dict[str, OutputRecord] | None,
    on_disk: dict[str, str | None],
    force: bool = False,
    overwrite_edited: bool = False,
    no_manifest: str = "",
) -> list[Decision]:
    """One decision per output wanted now or recorded before.

    `on_disk` maps output names to the SHA-256 of the file there (None: no file).
    A file whose bytes differ from the recorded ones was edited by hand and is never
    overwritten, unless `overwrite_edited` (it is archived first).
    """
    records = records or {}
    decisions = [
        _decide_one(
            w, records.get(w.name), on_disk.get(w.name), force, overwrite_edited, no_manifest
        )
        for w in wanted
    ]
    names = {w.name for w in wanted}
    for name, record in sorted(records.items()):
        if name not in names:
            decisions.append(_decide_gone(name, record, on_disk.get(name)))
    return decisions


def _decide_one(
    w: Wanted,
    record: OutputRecord | None,
    disk: str | None,
    force: bool,
    overwrite_edited: bool,
    no_manifest: str,
) -> Decision:
    if record is None:
        return Decision(w.name, Action.BUILD, no_manifest or "nouveau")
    if disk is None:
        return Decision(w.name, Action.BUILD, "fichier absent")
    changed = record.key != w.key
    reason = (
        "reconstruction forcée (--force)"
        if force and not changed
        else explain(record.components, w.components)
    )
    if disk != record.sha256:
        if overwrite_edited:
            return Decision(w.name, Action.ARCHIVE, f"modifié à la main : archivé, puis {reason}")
        if changed or force:
            return Decision(
                w.name,
                Action.SIDECAR,
                f"modifié à la main : nouvelle version écrite à côté ({reason})",
            )
        return Decision(w.name, Action.KEEP_EDITED, "modifié à la main : conservé")
    if changed or force:
        return Decision(w.name, Action.BUILD, reason)
    return Decision(w.name, Action.KEEP, "inchangé")


def _decide_gone(name: str, record: OutputRecord, disk: str | None) -> Decision:
    if disk is not None and disk != record.sha256:
        return Decision(
            name, Action.ORPHAN_EDITED, "n'est plus produit, mais modifié à la main : conservé"
        )
    return Decision(
        name, Action.REMOVE, "n'est plus produit (thème supprimé ou changé de parcours)"
    )
