"""The pure function that decides what a build does, rule by rule."""

from ieg_reports.pipeline.manifest import OutputRecord
from ieg_reports.pipeline.plan import Action, Wanted, decide, explain


def _record(key: str = "k1", sha: str = "s1", **components: object) -> OutputRecord:
    return OutputRecord(key, dict(components) or {"theme": "a"}, sha, 10, 1)


def _one(wanted: Wanted, record: OutputRecord | None, disk: str | None, **kw: bool):  # type: ignore[no-untyped-def]
    records = {wanted.name: record} if record else None
    return decide([wanted], records, {wanted.name: disk}, **kw)[0]


def test_new_output_is_built() -> None:
    decision = _one(Wanted("a.pdf", "k1", {}), None, None)
    assert (decision.action, decision.reason) == (Action.BUILD, "nouveau")


def test_unchanged_output_is_kept() -> None:
    decision = _one(Wanted("a.pdf", "k1", {"theme": "a"}), _record(), "s1")
    assert (decision.action, decision.reason) == (Action.KEEP, "inchangé")


def test_changed_output_says_why() -> None:
    wanted = Wanted("a.pdf", "k2", {"theme": "a", "ressources": ["r1", "r2"]})
    decision = _one(wanted, _record(theme="a", ressources=["r1"]), "s1")
    assert (decision.action, decision.reason) == (Action.BUILD, "ressource ajoutée")


def test_explanations() -> None:
    assert explain({"ressources": ["a", "b"]}, {"ressources": ["a"]}) == "ressource supprimée"
    assert explain({"ressources": ["a"]}, {"ressources": ["b"]}) == "ressource modifiée"
    assert (
        explain({"modele": "1", "theme": "x"}, {"modele": "2", "theme": "y"})
        == "modèle modifié, thème modifié"
    )


def test_missing_file_is_rebuilt() -> None:
    assert _one(Wanted("a.pdf", "k1", {}), _record(), None).reason == "le fichier avait disparu"


def test_force_rebuilds_unchanged() -> None:
    decision = _one(Wanted("a.pdf", "k1", {"theme": "a"}), _record(), "s1", force=True)
    assert decision.action is Action.BUILD and "--force" in decision.reason


def test_hand_edited_file_is_never_overwritten() -> None:
    changed = Wanted("a.docx", "k2", {"theme": "b"})
    assert _one(changed, _record(), "edited").action is Action.SIDECAR
    assert _one(changed, _record(), "edited", force=True).action is Action.SIDECAR
    assert (
        _one(Wanted("a.docx", "k1", {"theme": "a"}), _record(), "edited").action
        is Action.KEEP_EDITED
    )
    assert _one(changed, _record(), "edited", overwrite_edited=True).action is Action.ARCHIVE


def test_outputs_no_longer_wanted_are_removed_unless_edited() -> None:
    records = {"old.pdf": _record(), "edited.docx": _record()}
    decisions = decide([], records, {"old.pdf": "s1", "edited.docx": "changed"})
    actions = {d.name: d.action for d in decisions}
    assert actions == {"old.pdf": Action.REMOVE, "edited.docx": Action.ORPHAN_EDITED}


def test_no_manifest_reason_is_given() -> None:
    decision = decide(
        [Wanted("a.pdf", "k", {})], None, {"a.pdf": None}, no_manifest="manifeste illisible"
    )[0]
    assert (decision.action, decision.reason) == (Action.BUILD, "manifeste illisible")


def test_a_file_with_no_record_is_never_overwritten() -> None:
    wanted = Wanted("synthese.docx", "k", {})
    assert decide([wanted], None, {"synthese.docx": "x"})[0].action is Action.SIDECAR
    archived = decide([wanted], None, {"synthese.docx": "x"}, overwrite_edited=True)[0]
    assert archived.action is Action.ARCHIVE


def test_files_a_killed_build_journalled_are_its_own() -> None:
    wanted = Wanted("a.pdf", "k2", {})
    pending = {"a.pdf": {"new"}}
    decision = decide([wanted], None, {"a.pdf": "new"}, pending=pending)[0]
    assert decision.action is Action.BUILD
    edited = decide([wanted], {"a.pdf": _record()}, {"a.pdf": "other"}, pending=pending)[0]
    assert edited.action is Action.SIDECAR


def test_a_gone_output_is_removed_only_when_its_bytes_are_the_recorded_ones() -> None:
    records = {"dossiers/x.pdf": _record(sha="s1")}
    assert decide([], records, {"dossiers/x.pdf": "s2"})[0].action is Action.ORPHAN_EDITED
    assert decide([], records, {"dossiers/x.pdf": None})[0].action is Action.REMOVE
