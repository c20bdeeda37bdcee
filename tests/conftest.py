"""Shared fixtures: the fixture workbooks and a helper to write small CSV workbooks."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from ieg_reports.resources import sample_workbook

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = sample_workbook()
SAMPLE_SOURCE = ROOT / "samples" / "atelier-2017-07-12"

WriteBook = Callable[[dict[str, list[list[object]]]], Path]


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The tool's cache folder for this session (builds in subprocesses too): no test reads
    what another run, or the developer's own builds, left there."""
    import os

    from ieg_reports import cachedir

    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    cachedir.private_folder.cache_clear()
    yield
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before
    cachedir.private_folder.cache_clear()


@pytest.fixture
def fixtures() -> Path:
    """The folder of fixture workbooks."""
    return FIXTURES


@pytest.fixture
def write_book(tmp_path: Path) -> WriteBook:
    """Write a CSV-folder workbook from {sheet: rows}, starting from the mini workshop."""
    from fixtures.make_fixtures import MINI

    def write(overrides: dict[str, list[list[object]]]) -> Path:
        folder = tmp_path / "atelier"
        folder.mkdir(exist_ok=True)
        for name, rows in {**MINI, **overrides}.items():
            path = folder / f"{name}.csv"
            if rows is None:
                path.unlink(missing_ok=True)
                continue
            with path.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle, delimiter=";").writerows(rows)
        return folder

    return write


@pytest.fixture(scope="session")
def sample_result():  # type: ignore[no-untyped-def]
    """The shipped sample, loaded once."""
    from ieg_reports.api import load_workshop

    return load_workshop(SAMPLE)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Every document of the sample, built once into a temporary folder."""
    from ieg_reports.commands.build import run_build

    out = tmp_path_factory.mktemp("build")
    return run_build(SAMPLE, out)


@pytest.fixture(scope="session")
def built(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Build a fixture workbook once per session: built("mini") → its build report.

    "mini" and "messy" are the committed fixtures; "held_out" a workshop of another client
    the tests write (long titles, many factors, documentary themes without resources).
    """
    from fixtures.held_out import write_held_out
    from ieg_reports.commands.build import run_build

    reports = {}

    def build(name: str):  # type: ignore[no-untyped-def]
        if name not in reports:
            root = tmp_path_factory.mktemp(name)
            sources = {"mini": FIXTURES / "mini", "messy": FIXTURES / "messy.xlsx"}
            source = sources.get(name) or write_held_out(root / "atelier-logistique")
            reports[name] = run_build(source, root / "documents")
        return reports[name]

    return build
