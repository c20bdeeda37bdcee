"""Builds never lose the user's work: kills, lost manifests, foreign records, shared names."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ieg_reports.commands.build import run_build
from ieg_reports.exceptions import IegError
from ieg_reports.pipeline.io import TEMP_PREFIX, OutputWriteError
from ieg_reports.pipeline.manifest import MANIFEST_NAME, PENDING_NAME
from ieg_reports.pipeline.runner import ForeignOutputError
from pipeline.conftest import output_state as _state
from pipeline.test_runner import PACK_T3, _edit_resource, _sheets, _write

KILLER = Path(__file__).with_name("killer.py")


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("trust")
    run_build(_write(root / "duo", _sheets()), root / "out")
    return root


def _hidden(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(TEMP_PREFIX)]


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize(
    ("point", "count"),
    [("stage", 2), ("commit", 1), ("commit", 4), ("save_manifest", 1)],
)
def test_a_build_killed_anywhere_is_followed_by_a_clean_build(
    built: Path, point: str, count: int
) -> None:
    out = built / "out"
    _edit_resource(built / "duo")
    reference = built.parent / "reference"
    shutil.copytree(built, reference, copy_function=shutil.copy2)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    killed = subprocess.run(
        [sys.executable, str(KILLER), str(built / "duo"), str(out), point, str(count)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -9, killed.stderr
    workers = [int(p) for p in (out / "workers.txt").read_text().split()]
    assert workers  # the build was killed while its render workers were alive
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in workers if _alive(p)], "a render worker outlived the killed build"
    report = run_build(built / "duo", out, jobs=1)
    folder = out / "duo"
    assert not report.notes, report.notes
    assert not list(folder.rglob("*nouvelle-version*")) and not _hidden(folder)
    assert not (folder / PENDING_NAME).exists()
    expected = run_build(reference / "duo", reference / "out", jobs=1).folder
    assert {k: v[0] for k, v in _state(folder).items() if k != "workers.txt"} == {
        k: v[0] for k, v in _state(expected).items()
    }
    assert run_build(built / "duo", out).noop


@pytest.mark.parametrize("manifest", [None, "{illisible"])
def test_a_hand_edited_synthesis_survives_a_lost_manifest(
    built: Path, manifest: str | None
) -> None:
    folder = built / "out" / "duo"
    edited = (folder / "synthese.docx").read_bytes() + b"notes du consultant"
    (folder / "synthese.docx").write_bytes(edited)
    if manifest is None:
        (folder / MANIFEST_NAME).unlink()
    else:
        (folder / MANIFEST_NAME).write_text(manifest, encoding="utf-8")
    report = run_build(built / "duo", built / "out")
    assert (folder / "synthese.docx").read_bytes() == edited
    assert (folder / "synthese.nouvelle-version.docx").is_file()
    assert any("synthese.nouvelle-version.docx" in n for n in report.notes)
    # Untouched files were recognised as identical: no side copies for them.
    assert not (folder / "synthese.nouvelle-version.pdf").exists()
    reasons = {d.name: d.reason for d in report.decisions}
    assert reasons["synthese.pdf"] == "identique au fichier présent, repris tel quel"
    again = run_build(built / "duo", built / "out", force=True)
    assert (folder / "synthese.docx").read_bytes() == edited and not again.noop


@pytest.mark.parametrize("name", ["archives/notes.txt", "../../x", "", "dossiers"])
def test_a_foreign_record_deletes_nothing(built: Path, name: str) -> None:
    folder = built / "out" / "duo"
    (folder / "archives").mkdir()
    (folder / "archives/notes.txt").write_text("mes notes", encoding="utf-8")
    (folder / "notes.txt").write_text("à garder", encoding="utf-8")
    (built / "x").write_text("hors du dossier", encoding="utf-8")
    data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    sample = next(iter(data["outputs"].values()))
    data["outputs"][name] = dict(sample)
    (folder / MANIFEST_NAME).write_text(json.dumps(data), encoding="utf-8")
    before = _state(folder)
    report = run_build(built / "duo", built / "out")
    assert not report.count("remove")
    assert (folder / "archives/notes.txt").read_text(encoding="utf-8") == "mes notes"
    assert (folder / "notes.txt").is_file() and (built / "x").is_file()
    assert (folder / "dossiers").is_dir()
    assert {k: v[0] for k, v in _state(folder).items()} == {k: v[0] for k, v in before.items()}


def test_an_edited_side_copy_is_kept(built: Path) -> None:
    folder = built / "out" / "duo"
    (folder / "synthese.docx").write_bytes(b"ma version")
    sheets = _sheets()
    sheets["familles"][1][1] = "Énergie et réseaux"
    _write(built / "duo", sheets)
    run_build(built / "duo", built / "out")
    side = folder / "synthese.nouvelle-version.docx"
    side.write_bytes(b"relue par le client")
    sheets["familles"][1][1] = "Énergie, réseaux"
    _write(built / "duo", sheets)
    report = run_build(built / "duo", built / "out")
    assert side.read_bytes() == b"relue par le client"
    assert (folder / "synthese.nouvelle-version-2.docx").is_file()
    assert any("nouvelle-version-2" in n for n in report.notes)


def test_two_workbooks_of_the_same_name_never_share_a_folder(tmp_path: Path) -> None:
    one = _write(tmp_path / "client1" / "duo", _sheets())
    two = _write(tmp_path / "client2" / "duo", _sheets())
    run_build(one, tmp_path / "out")
    before = _state(tmp_path / "out" / "duo")
    with pytest.raises(ForeignOutputError, match="autre classeur") as caught:
        run_build(two, tmp_path / "out")
    assert str(one.resolve()) in str(caught.value) and "-o" in str(caught.value)
    assert _state(tmp_path / "out" / "duo") == before


def test_an_edited_partial_rebuilds_the_documents_that_include_it(tmp_path: Path) -> None:
    from pipeline.conftest import user_templates

    book = _write(tmp_path / "duo", _sheets())
    templates = user_templates(book, tmp_path, "Pied de page, version 1.\n")
    run_build(book, tmp_path / "out")
    (templates / "partiels/pied.md.j2").write_text("Pied de page, version 2.\n", encoding="utf-8")
    report = run_build(book, tmp_path / "out")
    rebuilt = set(report.built)
    assert f"{PACK_T3}.pdf" in rebuilt and f"{PACK_T3}.docx" in rebuilt
    assert "synthese.docx" not in rebuilt
    assert {d.reason for d in report.decisions if d.name == f"{PACK_T3}.pdf"} == {"modèle modifié"}


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_full_disk_or_read_only_folder_is_one_french_line(
    built: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    from ieg_reports.pipeline import io

    folder = built / "out" / "duo"
    before = _state(folder)
    manifest = (folder / MANIFEST_NAME).read_bytes()
    _edit_resource(built / "duo")
    real = os.fsync
    calls = [0]

    def failing(fd: int) -> None:
        calls[0] += 1
        if calls[0] == 2:
            raise OSError(code, os.strerror(code))
        real(fd)

    monkeypatch.setattr(io.os, "fsync", failing)
    with pytest.raises(OutputWriteError) as caught:
        run_build(built / "duo", built / "out", jobs=1)
    message = str(caught.value)
    assert "\n" not in message and "impossible d’écrire" in message
    assert any(w in message for w in ("disque est plein", "lecture seule"))
    assert isinstance(caught.value, IegError) and caught.value.exit_code != 0
    assert _state(folder) == before and (folder / MANIFEST_NAME).read_bytes() == manifest
    assert not _hidden(folder)


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root writes")
def test_a_read_only_folder(built: Path) -> None:
    folder = built / "out" / "duo"
    _edit_resource(built / "duo")
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o555)
    try:
        with pytest.raises(OutputWriteError, match="impossible d’écrire"):
            run_build(built / "duo", built / "out", jobs=1)
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)


def test_no_posix_only_call_in_the_package() -> None:
    source = Path(__file__).resolve().parents[2] / "src" / "ieg_reports"
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for call in ("import fcntl", "os.fork", "os.getuid", "signal.SIGKILL", "os.setsid"):
            assert call not in text, f"{path.name}: {call}"


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE")
def test_a_real_write_failure_leaves_everything_intact(built: Path) -> None:
    """The file-size limit makes the kernel refuse writes (EFBIG), as a full disk would."""
    import resource
    import signal

    folder = built / "out" / "duo"
    before = _state(folder)
    _edit_resource(built / "duo")

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ieg_reports",
            "build",
            str(built / "duo"),
            "-o",
            str(built / "out"),
            "-j",
            "1",
            "-q",
        ],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=small_files,
        timeout=300,
    )
    assert result.returncode == 2, result.stderr  # an unusable destination, like a usage error
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "impossible d’écrire" in lines[0] and "Traceback" not in lines[0]
    assert _state(folder) == before and not _hidden(folder)
