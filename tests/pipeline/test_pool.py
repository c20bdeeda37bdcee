"""How renders are spread over the workers."""

from ieg_reports.pipeline.pool import plan_chunks
from ieg_reports.pipeline.targets import Target


def test_syntheses_first_alone_and_twins_together() -> None:
    targets = [Target("synthese.docx", "synthese-docx"), Target("synthese.pdf", "synthese-pdf")]
    for n in range(10):
        targets += [
            Target(f"T{n}.pdf", "pack-pdf", f"T{n}"),
            Target(f"T{n}.docx", "pack-docx", f"T{n}"),
        ]
    chunks = plan_chunks(targets, jobs=2)
    assert chunks[0] == [targets[0]] and chunks[1] == [targets[1]]
    seen = [t for chunk in chunks for t in chunk]
    assert sorted(t.name for t in seen) == sorted(t.name for t in targets)
    for chunk in chunks[2:]:
        themes = [t.theme for t in chunk]
        assert all(themes.count(code) == 2 for code in themes)  # never a twin without its pair
    assert len(chunks) - 2 >= 2 * 2  # enough chunks to keep both workers busy


def test_a_pack_and_its_twin_share_one_composition(sample_result, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pickle

    from ieg_reports import compose
    from ieg_reports.config import Config
    from ieg_reports.pipeline import pool
    from ieg_reports.pipeline.render import RenderSettings
    from ieg_reports.pipeline.targets import targets_for

    composed: list[str] = []
    real = compose.compose_pack

    def counting(workshop, theme, *args):  # type: ignore[no-untyped-def]
        composed.append(theme.code)
        return real(workshop, theme, *args)

    monkeypatch.setattr(compose, "compose_pack", counting)
    settings = RenderSettings(None, Config())
    targets = targets_for(sample_result.workshop, settings.config)
    themes = list(dict.fromkeys(t.theme for t in targets if t.theme))[:2]
    twins = [t for t in targets if t.theme in themes]
    assert len(twins) == 4
    payload = pickle.dumps(sample_result.workshop)
    results = pool._render_chunk(payload, "digest", settings, twins)
    assert [name for name, _, _ in results] == [t.name for t in twins]
    assert composed == themes
    pool._render_chunk(payload, "digest", settings, twins[:1])  # a new chunk composes anew
    assert composed == [*themes, themes[0]]


def test_drafts_are_rendered_in_the_workers(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    from ieg_reports.commands.build import run_build
    from ieg_reports.pipeline import distribute
    from ieg_reports.resources import sample_workbook

    record = tmp_path / "pids.txt"
    real = distribute._draft

    def spy(*args):  # type: ignore[no-untyped-def]
        with record.open("a") as out:  # the workers are forked: they write here too
            out.write(f"{os.getpid()}\n")
        return real(*args)

    monkeypatch.setattr(distribute, "_draft", spy)
    folder = run_build(sample_workbook(), tmp_path / "out", jobs=2).folder
    pids = record.read_text().split()
    assert len(pids) == len(list(folder.glob("diffusion/*.eml"))) > 5
    assert str(os.getpid()) not in pids  # every draft came back from a worker
