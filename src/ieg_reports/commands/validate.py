"""`ieg-reports validate`: report every problem and the key figures of a workbook."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ieg_reports.api import load_workshop
from ieg_reports.compose.summary import figures_fr, plural, summary
from ieg_reports.problems import Problem
from ieg_reports.workbook import sorted_problems


def run_validate(path: Path, output_format: str = "text") -> tuple[str, int]:
    """The report to print and the exit code (0 fine, 1 errors), for one workbook or a folder."""
    from ieg_reports.commands.build import books_at

    books = books_at(path)
    if books == [path]:
        return _validate_one(path, output_format)
    reports = [_validate_one(book, output_format) for book in books]
    code = max(c for _, c in reports)
    if output_format == "json":
        return "[\n" + ",\n".join(r for r, _ in reports) + "\n]", code
    return "\n\n".join(r for r, _ in reports), code


def _validate_one(path: Path, output_format: str) -> tuple[str, int]:
    result = load_workshop(path)
    items = sorted_problems(result.problems.items)
    data = summary(result.workshop)
    code = 1 if result.problems.has_errors else 0
    if output_format == "json":
        report = {"file": path.name, "problems": [p.to_dict() for p in items], "summary": data}
        return json.dumps(report, ensure_ascii=False, indent=2), code
    return _text_report(path, items, data), code


def _text_report(path: Path, items: list[Problem], data: dict[str, Any]) -> str:
    errors = [p for p in items if p.severity == "error"]
    warnings = [p for p in items if p.severity == "warning"]
    lines = [
        f"{path.name}\u00a0: {plural(len(errors), 'erreur')}, "
        f"{plural(len(warnings), 'avertissement')}"
    ]
    for title, group in (("Erreurs", errors), ("Avertissements", warnings)):
        if group:
            lines += ["", f"{title}\u00a0:"] + [f"  - {p.format_fr()}" for p in group]
    lines += ["", "Chiffres clés\u00a0:"] + [f"  {line}" for line in figures_fr(data)]
    if data["keyword_groups"]:
        lines += ["", "Mots-clés regroupés\u00a0:"]
        lines += [f"  {k} ← {', '.join(v)}" for k, v in data["keyword_groups"].items()]
    if errors:
        lines += ["", "Corrigez les erreurs ci-dessus puis relancez la validation."]
    return "\n".join(lines)
