"""The parsed tables a build keeps beside its manifest: used when unchanged, never trusted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ieg_reports.commands.build import run_build
from ieg_reports.pipeline.tablecache import CACHE_FOLDER
from ieg_reports.workbook import normalise
from pipeline.conftest import output_state as _state
from pipeline.test_runner import PACK_T3, _edit_resource, _sheets, _write


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tables")
    run_build(_write(root / "duo", _sheets()), root / "out")
    return root


def _stored(built: Path) -> dict[str, bytes]:
    folder = built / "out" / "duo" / CACHE_FOLDER
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sheets parsed cell by cell from now on."""
    names: list[str] = []
    real = normalise._table

    def counting(raw_sheet, sheet, problems):  # type: ignore[no-untyped-def]
        names.append(raw_sheet.name)
        return real(raw_sheet, sheet, problems)

    monkeypatch.setattr(normalise, "_table", counting)
    return names


def test_a_build_keeps_one_table_per_sheet_and_the_atelier_fields(built: Path) -> None:
    stored = _stored(built).values()
    assert sum(b'"ieg-reports-table"' in data for data in stored) == len(_sheets())
    assert sum(b'"ieg-reports-table-champs"' in data for data in stored) == 1
    assert len(stored) == len(_sheets()) + 1


def test_after_an_edit_only_the_edited_sheet_is_parsed(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _stored(built)
    parsed = _parsed(monkeypatch)
    _edit_resource(built / "duo")
    report = run_build(built / "duo", built / "out", jobs=1)
    assert parsed == ["ressources"]
    assert f"{PACK_T3}.pdf" in report.built
    after = _stored(built)
    assert len(after) == len(before) and len(set(after) - set(before)) == 1  # the old one pruned


@pytest.mark.parametrize("damage", ["garbage", "truncated", "swapped", "folder"])
def test_a_damaged_store_changes_nothing_but_the_time(built: Path, damage: str) -> None:
    out = built / "out" / "duo"
    folder = out / CACHE_FOLDER
    files = sorted(folder.iterdir())
    if damage == "garbage":
        for path in files:
            path.write_bytes(b"\x00\xffpas du JSON")
    elif damage == "truncated":
        for path in files:
            path.write_bytes(path.read_bytes()[:50])
    elif damage == "swapped":  # another sheet's table under each name
        contents = [p.read_bytes() for p in files]
        for path, data in zip(files, contents[1:] + contents[:1], strict=True):
            path.write_bytes(data)
    else:
        for path in files:
            path.unlink()
        folder.rmdir()
        folder.write_text("un fichier à la place du dossier")
    before = _state(out)
    _edit_resource(built / "duo")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ieg_reports",
            "build",
            str(built / "duo"),
            "-o",
            str(built / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr + done.stdout
    after = _state(out)
    rebuilt = {n for n in after if after[n] != before.get(n)}
    assert rebuilt == {
        f"{PACK_T3}.pdf",
        f"{PACK_T3}.docx",
        "diffusion/envois.csv",
        "diffusion/martin-lea.eml",
    }
