import dataclasses

from ieg_reports.pipeline.fingerprint import Fingerprinter
from ieg_reports.pipeline.slices import model_components, pack_slice, synthesis_slice
from ieg_reports.pipeline.targets import Target


def test_pack_slice_keeps_only_its_theme_resources_and_factors(sample_result) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_result.workshop
    sliced = pack_slice(workshop, "T02")
    assert {r.theme.code for r in sliced.resources} == {"T02"}
    mine = {f.code for f in workshop.theme("T02").factors}
    assert {k.factor.code for k in sliced.keywords} == mine and not sliced.participants
    assert len(sliced.themes) == len(workshop.themes) and len(sliced.factors) == len(
        workshop.factors
    )


def test_synthesis_slice_has_no_resources_or_participants(sample_result) -> None:  # type: ignore[no-untyped-def]
    sliced = synthesis_slice(sample_result.workshop)
    assert not sliced.resources and not sliced.participants


def test_editing_another_themes_resource_leaves_the_key(sample_result) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_result.workshop
    edited = dataclasses.replace(
        workshop,
        resources=tuple(
            dataclasses.replace(r, summary="autre") if r.theme.code == "T03" else r
            for r in workshop.resources
        ),
    )
    target = Target("dossiers/T02.pdf", "pack-pdf", "T02")
    before = model_components(target, pack_slice(workshop, "T02"), Fingerprinter())
    after = model_components(target, pack_slice(edited, "T02"), Fingerprinter())
    assert before == after
    other = Target("dossiers/T03.pdf", "pack-pdf", "T03")
    assert (
        model_components(other, pack_slice(workshop, "T03"), Fingerprinter())["ressources"]
        != model_components(other, pack_slice(edited, "T03"), Fingerprinter())["ressources"]
    )


def test_fingerprints_ignore_locations(fixtures) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports.api import load_workshop

    a = load_workshop(fixtures / "mini").workshop
    b = load_workshop(fixtures / "messy.xlsx").workshop
    assert Fingerprinter().digest(a) == Fingerprinter().digest(b)


def test_editing_one_themes_stakes_changes_only_that_packs_key(sample_result) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_result.workshop
    edited = dataclasses.replace(
        workshop,
        themes=tuple(
            dataclasses.replace(t, stakes="Autres enjeux", questions=("Et alors ?",))
            if t.code == "T03"
            else t
            for t in workshop.themes
        ),
    )
    fp = Fingerprinter()
    for code in ("T02", "T03"):
        target = Target(f"dossiers/{code}.pdf", "pack-pdf", code)
        before = model_components(target, pack_slice(workshop, code), fp)
        after = model_components(target, pack_slice(edited, code), fp)
        assert (before == after) == (code != "T03"), code
    synthesis = Target("synthese.pdf", "synthese-pdf")
    assert model_components(synthesis, synthesis_slice(workshop), fp) != model_components(
        synthesis, synthesis_slice(edited), fp
    )


def test_pack_slices_share_the_other_themes_and_hold_what_they_held(sample_result) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from ieg_reports.pipeline.slices import pack_slice

    workshop = sample_result.workshop
    codes = [t.code for t in workshop.themes]
    for code in codes:
        mine = {f.code for f in workshop.theme(code).factors}
        expected = dataclasses.replace(
            workshop,
            themes=tuple(
                t if t.code == code else dataclasses.replace(t, stakes=None, questions=())
                for t in workshop.themes
            ),
            keywords=tuple(k for k in workshop.keywords if k.factor.code in mine),
            effects=tuple(e for e in workshop.effects if e.factor.code in mine),
            resources=tuple(r for r in workshop.resources if r.theme.code == code),
            participants=(),
            programme=(),
        )
        assert pack_slice(workshop, code) == expected
    first, second = pack_slice(workshop, codes[0]), pack_slice(workshop, codes[1])
    # The third theme, shown by both packs in short, is one object: fingerprinted once.
    assert first.themes[2] is second.themes[2]


def _pack_keys(workshop, codes, fp):  # type: ignore[no-untyped-def]
    targets = [Target(f"dossiers/{c}.pdf", "pack-pdf", c) for c in codes]
    return [model_components(t, pack_slice(workshop, t.theme or ""), fp, workshop) for t in targets]


def test_pack_keys_from_the_whole_follow_stakes_and_titles(sample_result) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_result.workshop
    stakes = dataclasses.replace(
        workshop,
        themes=tuple(
            dataclasses.replace(t, stakes="Autres enjeux") if t.code == "T03" else t
            for t in workshop.themes
        ),
    )
    titled = dataclasses.replace(
        workshop,
        themes=tuple(
            dataclasses.replace(t, title="Autre titre") if t.code == "T03" else t
            for t in workshop.themes
        ),
    )
    fp = Fingerprinter()
    base = _pack_keys(workshop, ("T02", "T03"), fp)
    assert _pack_keys(stakes, ("T02", "T03"), fp) == [base[0], _pack_keys(stakes, ("T03",), fp)[0]]
    assert _pack_keys(stakes, ("T03",), fp)[0] != base[1]
    # A title is shown in every pack: every pack's key follows it.
    assert all(a != b for a, b in zip(_pack_keys(titled, ("T02", "T03"), fp), base, strict=True))


def test_a_pack_key_does_not_walk_every_theme_again(sample_result, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_result.workshop
    fp = Fingerprinter()
    _pack_keys(workshop, ("T02",), fp)  # the shared summaries are digested once, here
    walked: list[object] = []
    structure = fp._structure
    monkeypatch.setattr(fp, "_structure", lambda v: walked.append(v) or structure(v))
    _pack_keys(workshop, ("T03",), fp)
    themes = [v for v in walked if isinstance(v, tuple) and len(v) == len(workshop.themes)]
    assert not themes and len(workshop.themes) > 5
