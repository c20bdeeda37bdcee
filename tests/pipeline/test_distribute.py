"""The distribution plan's drafts: pack files named once per build, not once per draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from ieg_reports.commands.build import run_build
from ieg_reports.pipeline import targets
from ieg_reports.resources import sample_workbook


def test_the_packs_are_named_once_for_every_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = targets.pack_stems

    def counting(themes):  # type: ignore[no-untyped-def]
        calls.append(len(themes))
        return real(themes)

    monkeypatch.setattr(targets, "pack_stems", counting)
    run_build(sample_workbook(), tmp_path)
    drafts = list(tmp_path.rglob("diffusion/*.eml"))
    assert len(drafts) > 5
    # The plan names them, envois.csv and all the drafts share one naming: never one a draft.
    assert len(calls) < len(drafts) / 2
