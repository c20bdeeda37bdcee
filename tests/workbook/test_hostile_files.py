"""Hostile and damaged files are refused in seconds within a memory bound, never a traceback.

Each file is generated here and read in a subprocess limited to 1 GiB of address space and
60 s of CPU (`resource.setrlimit`): a regression fails the test instead of the machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbook import hostile

resource = pytest.importorskip("resource")  # POSIX only: the limits need it
LIMIT_BYTES = 2**30


def _limits() -> None:  # runs in the child, before Python starts
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (60, 60))


def _validate(path: Path) -> tuple[int, str, float]:
    """Exit code, output and seconds of `ieg-reports validate` on `path`, under the limits."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "ieg_reports", "validate", str(path)],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=_limits,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr, time.perf_counter() - start


def _no_traceback(output: str) -> None:
    assert "Traceback" not in output and "MemoryError" not in output, output


def test_a_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    path = hostile.bomb(tmp_path / "bombe.xlsx")
    assert path.stat().st_size < 5 * 2**20
    code, output, seconds = _validate(path)
    _no_traceback(output)
    assert code == 2 and "décompressé" in output and "bombe.xlsx" in output
    assert seconds < 30


def test_400000_rows_stop_at_the_row_limit(tmp_path: Path) -> None:
    path = hostile.many_rows(tmp_path / "long.xlsx")
    code, output, seconds = _validate(path)
    _no_traceback(output)
    assert code == 2 and "50\u00a0000 lignes" in output and "facteurs" in output
    assert len(output.splitlines()) < 10 and seconds < 60


def test_a_formatted_cell_at_xfd1048576_costs_nothing(tmp_path: Path) -> None:
    code, output, seconds = _validate(hostile.sparse(tmp_path / "creux.xlsx"))
    _no_traceback(output)
    assert code == 0, output
    assert seconds < 30


def test_a_value_at_xfd1048576_is_named(tmp_path: Path) -> None:
    code, output, _ = _validate(hostile.sparse(tmp_path / "loin.xlsx", value=True))
    _no_traceback(output)
    assert code == 2 and "XFD1048576" in output


@pytest.mark.parametrize("make", [hostile.corrupt_member, hostile.malformed_xml])
def test_a_damaged_file_is_an_unreadable_workbook(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    code, output, _ = _validate(make(tmp_path / "abime.xlsx"))
    _no_traceback(output)
    assert code == 2 and "classeur illisible" in output and "abime.xlsx" in output


@pytest.mark.parametrize("bom", [True, False])
def test_utf16_csv_is_read_and_said(tmp_path: Path, bom: bool) -> None:
    code, output, _ = _validate(hostile.utf16_folder(tmp_path / "unicode", bom))
    _no_traceback(output)
    assert code == 0, output
    assert "fichier lu en UTF-16" in output and "Télétravail" not in output  # no mojibake


def test_utf16_csv_keeps_its_accents(tmp_path: Path) -> None:
    from ieg_reports.api import load_workshop

    result = load_workshop(hostile.utf16_folder(tmp_path / "unicode", bom=False))
    assert "Télétravail" in {f.label for f in result.workshop.factors}


def test_one_stray_byte_is_a_located_warning_not_mojibake(tmp_path: Path) -> None:
    from ieg_reports.api import load_workshop

    result = load_workshop(hostile.stray_byte_folder(tmp_path / "mixte"))
    labels = {f.label for f in result.workshop.factors}
    assert "Télétravail" in labels and "Énergie" in {f.name for f in result.workshop.families}
    warnings = [p for p in result.problems.warnings if "Windows-1252" in p.message]
    assert len(warnings) == 1
    assert warnings[0].location.file == "mixte/facteurs.csv" and warnings[0].location.row == 4
    assert not any("Ã" in f.label for f in result.workshop.factors)


def test_an_ods_with_a_million_empty_rows_costs_nothing(tmp_path: Path) -> None:
    code, output, seconds = _validate(hostile.sparse_ods(tmp_path / "creux.ods"))
    _no_traceback(output)
    assert code == 0, output
    assert seconds < 30


def test_an_ods_value_past_the_limits_is_named(tmp_path: Path) -> None:
    code, output, _ = _validate(hostile.sparse_ods(tmp_path / "loin.ods", value=True))
    _no_traceback(output)
    assert code == 2 and "WQK1048006" in output and "loin.ods" in output


def test_rows_that_repeat_their_number_are_a_damaged_sheet(tmp_path: Path) -> None:
    code, output, seconds = _validate(hostile.repeated_rows(tmp_path / "repete.xlsx"))
    assert code == 2 and "classeur illisible" in output and "ligne 90 répétée" in output
    assert seconds < 30 and "Traceback" not in output
