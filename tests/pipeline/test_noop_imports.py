"""A no-op build in a fresh process reads no workbook and imports no renderer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ieg_reports.commands.build import run_build

HEAVY = (
    *("pandas", "jinja2", "markdown_it", "reportlab", "docx", "openpyxl", "PIL", "qrcode"),
    *("email_validator", "multiprocessing", "ieg_reports.compose", "ieg_reports.model"),
)
PROGRAM = """
import sys
from ieg_reports.cli import main
try:
    main(["build", sys.argv[1], "--output", sys.argv[2]])
except SystemExit:
    pass
print("IMPORTED", sorted(m for m in {heavy!r} if m in sys.modules))
"""


def test_a_noop_build_imports_none_of_the_heavy_modules(tmp_path: Path, fixtures: Path) -> None:
    run_build(fixtures / "mini", tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(heavy=HEAVY), str(fixtures / "mini"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "rien à faire" in done.stdout + done.stderr
    assert "IMPORTED []" in done.stdout


EDIT = """
import sys
from ieg_reports.cli import main
try:
    main(["build", sys.argv[1], "--output", sys.argv[2], "--jobs", "2"])
except SystemExit as done:
    assert not done.code, done.code
print("IMPORTED", sorted(m for m in {heavy!r} if m in sys.modules))
"""


def test_after_an_edit_the_main_process_renders_no_document(
    tmp_path: Path,
) -> None:
    """Tables and fields come from the last build; workers render the documents."""
    from pipeline.test_runner import PACK_T3, _edit_resource, _sheets, _write

    book = _write(tmp_path / "duo", _sheets())
    run_build(book, tmp_path / "out")
    _edit_resource(book)
    # The drafts are written in the build process for now (jinja2): see s2-render's merge.
    heavy = ("reportlab", "docx", "email_validator", "openpyxl", "ieg_reports.charts")
    done = subprocess.run(
        [sys.executable, "-c", EDIT.format(heavy=heavy), str(book), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"{PACK_T3}.pdf" in done.stdout and "IMPORTED []" in done.stdout
