"""The wheel works outside the checkout: package data (templates, fonts, sample) included."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built as pip builds it for a user."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("ieg_reports-*.whl"))


def test_the_wheel_holds_the_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in (
        "ieg_reports/templates/synthese.md.j2",
        "ieg_reports/templates/dossier.md.j2",
        "ieg_reports/templates/reference.docx",
        "ieg_reports/templates/style.toml",
        "ieg_reports/sample/atelier-2017-07-12.xlsx",
        "ieg_reports/py.typed",
    ):
        assert data in names, data
    assert any(n.startswith("ieg_reports/fonts/") and n.endswith(".ttf") for n in names)


def test_the_installed_wheel_builds_the_sample_outside_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # Dependencies come from the test environment (no network); the editable install there
    # is not active, since a directory named in a .pth file is not a site directory.
    purelib = sysconfig.get_paths(vars={"base": str(env_dir), "platbase": str(env_dir)})["purelib"]
    (Path(purelib) / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    script = "import ieg_reports, sys; print(ieg_reports.__file__)"
    where = subprocess.run(
        [str(python), "-c", script], cwd=work, check=True, capture_output=True, text=True
    ).stdout
    assert str(env_dir) in where and str(ROOT) not in where
    cli = env_dir / ("Scripts/ieg-reports.exe" if os.name == "nt" else "bin/ieg-reports")
    done = subprocess.run(
        [str(cli), "build", "-q", "-j", "1"], cwd=work, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    folder = work / "outputs" / "atelier-2017-07-12"
    assert (folder / "synthese.pdf").stat().st_size > 10_000
    assert (folder / "synthese.docx").stat().st_size > 10_000
    assert len(list((folder / "dossiers").glob("*.pdf"))) == 7
