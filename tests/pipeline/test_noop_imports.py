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
