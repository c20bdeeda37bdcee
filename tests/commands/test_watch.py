"""watch: one build per batch of real changes, errors printed, watching goes on."""

import shutil
from pathlib import Path

from conftest import FIXTURES
from ieg_reports.commands.watch import relevant, run_watch


def test_office_temporary_files_and_outputs_are_ignored(tmp_path: Path) -> None:
    out = tmp_path / "outputs"
    assert relevant(str(tmp_path / "atelier.xlsx"), out)
    assert not relevant(str(tmp_path / "~$atelier.xlsx"), out)
    assert not relevant(str(tmp_path / ".~lock.atelier.xlsx#"), out)
    assert not relevant(str(tmp_path / "atelier.xlsx.tmp"), out)
    assert not relevant(str(out / "atelier" / "synthese.pdf"), out)


def test_rebuilds_on_changes_and_keeps_watching_through_errors(tmp_path: Path) -> None:
    book = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", book)
    lines: list[str] = []

    def changes():  # type: ignore[no-untyped-def]
        (book / "familles.csv").write_text("Code;Nom\nA;\n", encoding="utf-8")  # now broken
        yield {(1, str(book / "familles.csv"))}
        yield {(1, str(book / "~$familles.csv"))}  # Excel's lock file: no build
        shutil.copy(FIXTURES / "mini" / "familles.csv", book / "familles.csv")  # fixed again
        yield {(2, str(book / "familles.csv"))}
        raise KeyboardInterrupt

    run_watch(book, tmp_path / "out", 1, lines.append, changes())
    summaries = [line for line in lines if line.startswith("mini\u00a0: ")]
    errors = [line for line in lines if line.startswith("Erreur")]
    assert len(summaries) == 2 and len(errors) == 1
    assert "construit" in summaries[0] and "Nom" in errors[0]
    assert lines[-1] == "Surveillance arrêtée."


def test_a_missing_workbook_is_one_french_error(tmp_path: Path) -> None:
    import pytest

    from ieg_reports.exceptions import UnreadableWorkbookError

    with pytest.raises(UnreadableWorkbookError, match="introuvable"):
        run_watch(tmp_path / "absent.xlsx", tmp_path / "out", 1, print, iter(()))


def test_ctrl_c_during_a_rebuild_stops_cleanly(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports.commands import build

    def interrupted(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "run_build", interrupted)
    lines: list[str] = []
    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    run_watch(tmp_path / "mini", tmp_path / "out", 1, lines.append, iter(()))
    assert lines[0] == "Construction en cours…"
    assert "documents sont intacts" in lines[-2] and lines[-1] == "Surveillance arrêtée."


def test_ctrl_c_in_a_terminal_leaves_no_traceback_and_no_worker(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    import pytest

    if sys.platform == "win32":
        pytest.skip("process groups")
    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ieg_reports",
            "watch",
            str(tmp_path / "mini"),
            "-o",
            str(tmp_path / "out"),
            "-j",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith("Construction en cours")
    time.sleep(3)  # workers started, rendering under way
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    workers = [int(p) for p in children.read_text().split()] if children.exists() else []
    os.killpg(process.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
    out, err = process.communicate(timeout=60)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "Surveillance arrêtée." in out
    time.sleep(1)
    assert not [
        p
        for p in workers
        if Path(f"/proc/{p}").exists() and "State:\tZ" not in Path(f"/proc/{p}/status").read_text()
    ]
    assert not list((tmp_path / "out").rglob(".ieg-tmp-*"))
