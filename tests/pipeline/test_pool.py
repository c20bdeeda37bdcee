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
