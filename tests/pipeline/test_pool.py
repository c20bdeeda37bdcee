"""How renders are spread over the workers."""

from ieg_reports.pipeline.pool import plan_chunks, shrinking
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


def test_chunks_shrink_so_the_workers_end_together() -> None:
    items = list(range(700))
    chunks = shrinking(items, jobs=2, least=2, most=1000)
    assert [i for chunk in chunks for i in chunk] == items  # each once, in order
    sizes = [len(chunk) for chunk in chunks]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] > 60 and sizes[-1] <= 2  # few chunks, a short last one
    assert max(len(c) for c in shrinking(items, jobs=1, most=50)) == 50
    assert shrinking([1], jobs=2, least=4) == [[1]] and shrinking([], jobs=2) == []


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


def _fake_chunk(payload: bytes, digest: str, settings: object, targets: list[Target]) -> list:  # type: ignore[type-arg]
    """A render that returns at once, naming the worker process that did it."""
    import os

    return [(t.name, str(os.getpid()).encode(), []) for t in targets]


def _no_warm_up() -> None:
    """Workers of these tests import nothing."""


def test_a_second_worker_starts_only_when_there_is_work_for_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports.pipeline import pool

    monkeypatch.setattr(pool, "_render_chunk", _fake_chunk)
    monkeypatch.setattr(pool, "warm_up", _no_warm_up)
    renders = pool.RenderPool(2)
    try:
        twins = [Target("T1.pdf", "pack-pdf", "T1"), Target("T1.docx", "pack-docx", "T1")]
        done = list(renders.render(twins, (), None))  # type: ignore[arg-type]
        assert sorted(name for name, _, _ in done) == ["T1.docx", "T1.pdf"]
        assert len(renders._pools) == 1  # one pack and its twin: one worker, no other started
        many = [
            Target(f"T{n}.{ext}", f"pack-{ext}", f"T{n}")
            for n in range(9)
            for ext in ("pdf", "docx")
        ]
        done = list(renders.render([Target("synthese.pdf", "synthese-pdf"), *many], (), None))  # type: ignore[arg-type]
        assert sorted(name for name, _, _ in done) == sorted(
            ["synthese.pdf", *(t.name for t in many)]
        )
        assert len(renders._pools) == 2 and len({pid for _, pid, _ in done}) >= 2
    finally:
        renders.close()


def _fake_mail(payload: bytes, digest: str, settings: object, jobs: list) -> list:  # type: ignore[type-arg]
    """Drafts that render at once, naming the worker process that did them."""
    import os

    return [(job.target.name, str(os.getpid()).encode()) for job in jobs]


def test_an_edits_few_drafts_start_no_worker(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports.pipeline import pool
    from ieg_reports.pipeline.distribute import MailJob

    monkeypatch.setattr(pool, "_mail_chunk", _fake_mail)
    monkeypatch.setattr(pool, "warm_up", _no_warm_up)

    def drafts(count: int) -> list[MailJob]:
        return [MailJob(Target(f"d{n}.eml", "courriel"), {}, {}) for n in range(count)]

    renders = pool.RenderPool(2)
    try:
        done = list(renders.render_mail(drafts(6), (), None))  # type: ignore[arg-type]
        assert sorted(name for name, _ in done) == sorted(f"d{n}.eml" for n in range(6))
        assert len(renders._pools) == 1  # the warm worker did them all
        many = pool.MAIL_WORKERS_FROM
        done = list(renders.render_mail(drafts(many), (), None))  # type: ignore[arg-type]
        assert len(done) == many and len(renders._pools) == 2
        assert len({pid for _, pid in done}) >= 2
    finally:
        renders.close()
