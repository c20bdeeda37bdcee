"""The pipeline's one-way flow, checked on the source: a stage never imports a later one."""

from __future__ import annotations

import ast
from pathlib import Path

import ieg_reports

PACKAGE = Path(ieg_reports.__file__).parent

# Each top-level module or package of ieg_reports, by rank: a module may import its own rank
# and lower ranks only. Foundation modules are plain helpers every stage may use.
RANKS = {
    "exceptions": 0,
    "problems": 0,
    "config": 0,
    "style": 0,
    "resources": 0,
    "suggest": 0,
    "fonts": 0,
    "links": 0,
    "cachedir": 0,
    "model": 1,
    "workbook": 2,
    "compose": 3,
    "charts": 4,
    "assets": 4,
    "render": 5,
    "distribution": 6,
    "pipeline": 7,
    "api": 8,
    "clickfr": 8,
    "commands": 9,
    "cli": 10,
    "__main__": 11,
}
# The writers see the document model and its drawing assets, never the workshop model,
# the workbook or the charts that produced the drawings.
FORBIDDEN = {"render": {"model", "workbook", "charts", "pipeline"}}


def _stage(module: str) -> str:
    """`ieg_reports.workbook.readers.xlsx` → `workbook`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> set[str]:
    """Every ieg_reports module a source file imports (at any depth in the file)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "ieg_reports":
                found |= {f"ieg_reports.{alias.name}" for alias in node.names}
            elif node.module.startswith("ieg_reports."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("ieg_reports.")}
    return found


def _violations() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).with_suffix("")
        stage = relative.parts[0]
        for module in _imports(path):
            target = _stage(module)
            if target == "__version__" or target == stage:
                continue
            if RANKS[target] > RANKS[stage] or target in FORBIDDEN.get(stage, ()):
                found.append(f"{relative} imports {module}")
    return found


def test_every_stage_has_a_rank() -> None:
    names = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()}
    names = {n for n in names if not n.startswith(("_", ".")) or n == "__main__"}
    data = {"templates", "fonts", "sample", "py"}
    missing = sorted(n for n in names if n not in RANKS and n not in data)
    assert not missing, f"place these in RANKS: {missing}"


def test_no_stage_imports_a_later_one() -> None:
    assert _violations() == []


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    source = tmp_path / "x.py"
    source.write_text(
        "def f():\n    from ieg_reports.render.pdf_writer import render_pdf\n", encoding="utf-8"
    )
    assert _imports(source) == {"ieg_reports.render.pdf_writer"}
    assert RANKS[_stage("ieg_reports.render.pdf_writer")] > RANKS["workbook"]
