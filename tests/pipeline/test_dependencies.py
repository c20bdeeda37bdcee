"""Template closures: kept in the manifest for the templates they were found for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ieg_reports.commands.build import run_build
from ieg_reports.pipeline import dependencies
from ieg_reports.pipeline.manifest import MANIFEST_NAME
from pipeline.conftest import user_templates
from pipeline.test_runner import PACK_T3, _edit_resource, _sheets, _write


def _parsing(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The roots whose templates jinja parses from now on."""
    parsed: list[tuple[str, ...]] = []
    real = dependencies._closure.__wrapped__

    def counting(templates, roots, stamp):  # type: ignore[no-untyped-def]
        parsed.append(roots)
        return real(templates, roots, stamp)

    monkeypatch.setattr(dependencies, "_closure", counting)
    return parsed


def test_closures_are_reused_until_a_template_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = _write(tmp_path / "duo", _sheets())
    templates = user_templates(book, tmp_path)
    run_build(book, tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "duo" / MANIFEST_NAME).read_text("utf-8"))
    kept = manifest["templates"]["fermetures"]["dossier.md.j2"]
    assert set(kept) == {"dossier.md.j2", "partiels/pied.md.j2"}
    parsed = _parsing(monkeypatch)
    _edit_resource(book)
    assert f"{PACK_T3}.pdf" in run_build(book, tmp_path / "out").built
    assert parsed == []  # the workbook changed, not the templates: nothing parsed
    (templates / "partiels/pied.md.j2").write_text("Autre pied.\n", encoding="utf-8")
    report = run_build(book, tmp_path / "out")
    assert parsed and f"{PACK_T3}.pdf" in report.built


@pytest.mark.parametrize(
    "record",
    [
        {"cle": "autre", "fermetures": {}},
        {"cle": None},
        "pas un dictionnaire",
        {"fermetures": {"dossier.md.j2": {"dossier.md.j2": "/etc/passwd"}}},
    ],
)
def test_foreign_closures_are_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, record: object
) -> None:
    book = _write(tmp_path / "duo", _sheets())
    run_build(book, tmp_path / "out")
    path = tmp_path / "out" / "duo" / MANIFEST_NAME
    manifest = json.loads(path.read_text("utf-8"))
    if isinstance(record, dict) and "fermetures" in record and "cle" not in record:
        record = {**record, "cle": manifest["templates"]["cle"]}  # right key, foreign paths
    manifest["templates"] = record
    path.write_text(json.dumps(manifest), encoding="utf-8")
    parsed = _parsing(monkeypatch)
    _edit_resource(book)
    report = run_build(book, tmp_path / "out")
    assert parsed and f"{PACK_T3}.pdf" in report.built
    assert set(report.built) <= {
        f"{PACK_T3}.pdf",
        f"{PACK_T3}.docx",
        "diffusion/envois.csv",
        "diffusion/martin-lea.eml",
    }
