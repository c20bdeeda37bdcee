"""Deciding what a build does to each output, and why: a pure function of its inputs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ieg_reports.pipeline.manifest import OutputRecord

COMPONENT_REASONS = {
    "version": "nouvelle version d’ieg-reports",
    "modele": "modèle modifié",
    "styles": "styles modifiés",
    "reglages": "réglages modifiés",
    "atelier": "informations de l’atelier modifiées",
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
    pending: dict[str, set[str]] | None = None,
) -> list[Decision]:
    """One decision per output wanted now or recorded before.

    `on_disk` maps output names to the SHA-256 of the file there (None: no file); `pending`
    the digests a killed build was writing. A file whose bytes are neither the recorded nor
    the pending ones is taken as edited by hand, even with no manifest at all, and is never
    overwritten unless `overwrite_edited` (it is archived first).
    """
    records = records or {}
    pending = pending or {}
    decisions = []
    for w in wanted:
        disk = on_disk.get(w.name)
        ours = disk is not None and disk in pending.get(w.name, ())
        state = _State(records.get(w.name), disk, ours, force, overwrite_edited, no_manifest)
        decisions.append(_decide_one(w, state))
    names = {w.name for w in wanted}
    for name, record in sorted(records.items()):
        if name not in names:
            disk = on_disk.get(name)
            ours = disk is None or disk == record.sha256 or disk in pending.get(name, ())
            decisions.append(_decide_gone(name, ours))
    return decisions


@dataclass(frozen=True)
class _State:
    """What is known of one output before deciding."""

    record: OutputRecord | None
    disk: str | None
    ours: bool  # the file on disk was written by an interrupted build
    force: bool
    overwrite_edited: bool
    no_manifest: str


def _decide_one(w: Wanted, s: _State) -> Decision:
    if s.disk is None:
        reason = "le fichier avait disparu" if s.record else (s.no_manifest or "nouveau")
        return Decision(w.name, Action.BUILD, reason)
    if s.ours:
        return Decision(w.name, Action.BUILD, "reprise d’une construction interrompue")
    if s.record is None:
        return _unknown_file(w, s)
    changed = s.record.key != w.key
    if s.force and not changed:
        reason = "reconstruction forcée par --force"
    else:
        reason = explain(s.record.components, w.components)
    if s.disk != s.record.sha256:
        return _edited(w, s, reason, changed or s.force)
    if changed or s.force:
        return Decision(w.name, Action.BUILD, reason)
    return Decision(w.name, Action.KEEP, "inchangé")


def _edited(w: Wanted, s: _State, reason: str, changed: bool) -> Decision:
    if s.overwrite_edited:
        return Decision(
            w.name, Action.ARCHIVE, f"modifié à la main, archivé puis reconstruit : {reason}"
        )
    if changed:
        return Decision(
            w.name,
            Action.SIDECAR,
            f"modifié à la main, donc conservé ; la nouvelle version est écrite à côté : {reason}",
        )
    return Decision(w.name, Action.KEEP_EDITED, "modifié à la main, conservé tel quel")


def _unknown_file(w: Wanted, s: _State) -> Decision:
    """A file is there but no record says the tool wrote it: it may be the user's work."""
    if s.overwrite_edited:
        return Decision(
            w.name,
            Action.ARCHIVE,
            "fichier présent sans trace de construction, archivé puis reconstruit",
        )
    return Decision(
        w.name,
        Action.SIDECAR,
        "fichier présent sans trace de construction, donc conservé s’il diffère ; "
        "la nouvelle version est alors écrite à côté",
    )


def _decide_gone(name: str, ours: bool) -> Decision:
    if not ours:
        return Decision(
            name,
            Action.ORPHAN_EDITED,
            "n’est plus produit, mais a été modifié à la main : conservé",
        )
    return Decision(
        name, Action.REMOVE, "n’est plus produit (thème supprimé ou changé de parcours)"
    )
