"""The user's cache folder: in the home's cache, made for the user alone."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from ieg_reports import cachedir


@pytest.fixture(autouse=True)
def _fresh() -> None:
    cachedir.private_folder.cache_clear()
    yield
    cachedir.private_folder.cache_clear()


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG")
def test_in_the_xdg_cache_for_the_user_alone(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = cachedir.private_folder()
    assert folder == tmp_path / "cache" / "ieg-reports"
    assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG")
def test_a_relative_xdg_cache_is_ignored(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cachedir.private_folder() == tmp_path / ".cache" / "ieg-reports"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes anywhere")
def test_no_folder_when_it_cannot_be_made(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setattr(cachedir, "cache_root", lambda: locked / "cache")
    assert cachedir.private_folder() is None


def test_no_folder_where_a_file_stands(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "ieg-reports").write_text("not a folder")
    monkeypatch.setattr(cachedir, "cache_root", lambda: tmp_path)
    assert cachedir.private_folder() is None


def test_remembered_bytes_are_made_once(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(cachedir, "cache_root", lambda: tmp_path)
    assert cachedir.remembered("x.bin", lambda: b"made") == b"made"

    def again() -> bytes:
        raise AssertionError("made again")

    assert cachedir.remembered("x.bin", again) == b"made"


def test_a_damaged_file_is_made_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(cachedir, "cache_root", lambda: tmp_path)
    cachedir.store("x.bin", b"the bytes")
    path = tmp_path / "ieg-reports" / "x.bin"
    for damaged in (path.read_bytes()[:-1], b"the bytez" + path.read_bytes()[9:], b""):
        path.write_bytes(damaged)
        assert cachedir.stored("x.bin") is None
        assert cachedir.remembered("x.bin", lambda: b"new") == b"new"
        assert cachedir.stored("x.bin") == b"new"
