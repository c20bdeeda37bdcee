"""Incremental, atomic, parallel builds on a small workbook with two documentary themes."""

import csv
import email
import json
import shutil
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest

from ieg_reports.commands.build import run_build
from ieg_reports.pipeline import codestamp, pool
from ieg_reports.pipeline.lock import BuildLockedError, build_lock
from ieg_reports.pipeline.manifest import MANIFEST_NAME, PENDING_NAME
from pipeline.conftest import output_state as _state

PACK_T1 = "dossiers/T1-soleil-reseaux"
PACK_T3 = "dossiers/T3-travail-et-sens"
T3_PACK = (f"{PACK_T3}.pdf", f"{PACK_T3}.docx")


def _sheets() -> dict[str, list[list[object]]]:
    from fixtures.make_fixtures import MINI

    sheets = {k: [list(r) for r in v] for k, v in MINI.items()}
    sheets["themes"].append(["T3", "Travail et sens", "Axe 2", "documentaire", "F3", "Pourquoi ?"])
    sheets["ressources"] += [["T3", "Guide du sens", "2017", "https://example.org/b"]]
    sheets["participants"] += [
        ["Martin", "Léa", "lea@example.org", "documentaire", "T1, T3"],
        ["Petit", "Noé", "noe@example.org", "rencontre", ""],
    ]
    return sheets


def _write(folder: Path, sheets: dict[str, list[list[object]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in sheets.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, delimiter=";").writerows(rows)
    return folder


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("prebuilt")
    run_build(_write(root / "duo", _sheets()), root / "out")
    return root


def _edit_resource(book: Path) -> None:
    sheets = _sheets()
    sheets["ressources"][2][1] = "Guide du sens, 2e édition"
    _write(book, sheets)


def test_first_build_writes_everything(prebuilt: Path) -> None:
    out = prebuilt / "out" / "duo"
    names = set(_state(out))
    assert {
        "synthese.docx",
        "synthese.pdf",
        f"{PACK_T1}.pdf",
        f"{PACK_T3}.docx",
        "diffusion/envois.csv",
        "diffusion/dupont-jean.eml",
        "diffusion/martin-lea.eml",
    } <= names
    assert "diffusion/petit-noe.eml" not in names  # on the meeting route: no pack, no draft
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["format"] == "ieg-reports-manifest" and set(manifest["outputs"]) == names


def test_nothing_changed_is_a_no_op(built: Path) -> None:
    before = _state(built / "out" / "duo")
    report = run_build(built / "duo", built / "out")
    assert report.noop and _state(built / "out" / "duo") == before


def test_editing_one_resource_rebuilds_only_that_pack(built: Path) -> None:
    out = built / "out" / "duo"
    before = _state(out)
    _edit_resource(built / "duo")
    report = run_build(built / "duo", built / "out")
    rebuilt = set(report.built)
    # That pack and its twin, the table of sendings, and the draft of Léa who receives it.
    assert rebuilt == {*T3_PACK, "diffusion/envois.csv", "diffusion/martin-lea.eml"}
    reasons = {d.name: d.reason for d in report.decisions}
    assert (
        reasons[f"{PACK_T3}.pdf"] == "ressource modifiée" and reasons["synthese.docx"] == "inchangé"
    )
    after = _state(out)
    for name in (
        "synthese.docx",
        "synthese.pdf",
        f"{PACK_T1}.pdf",
        f"{PACK_T1}.docx",
        "diffusion/dupont-jean.eml",
    ):
        assert after[name] == before[name], name  # same bytes, same modification time
    assert after[f"{PACK_T3}.pdf"][0] != before[f"{PACK_T3}.pdf"][0]
    assert "diffusion/martin-lea.eml" in rebuilt  # her draft attaches the new pack


def test_editing_one_themes_questions_rebuilds_its_pack_and_the_synthesis(built: Path) -> None:
    sheets = _sheets()
    sheets["themes"][3][5] = "Pourquoi ?\nPour qui ?"  # T3's questions
    _write(built / "duo", sheets)
    report = run_build(built / "duo", built / "out")
    # The other pack shows T3 by its title only; only T3's recipient gets a new draft.
    expected = {"synthese.docx", "synthese.pdf", *T3_PACK}
    assert set(report.built) == expected | {"diffusion/envois.csv", "diffusion/martin-lea.eml"}


def test_editing_one_themes_stakes_rebuilds_its_pack_and_the_synthesis(built: Path) -> None:
    sheets = _sheets()
    header = sheets["themes"][0]
    if "Enjeux" not in header:
        header.append("Enjeux")
        for row in sheets["themes"][1:]:
            row.append("")
    sheets["themes"][1][header.index("Enjeux")] = "Un enjeu nouveau pour T1."
    _write(built / "duo", sheets)
    report = run_build(built / "duo", built / "out")
    expected = {"synthese.docx", "synthese.pdf", f"{PACK_T1}.pdf", f"{PACK_T1}.docx"}
    documents = {n for n in report.built if not n.startswith("diffusion/")}
    assert documents == expected
    reasons = {d.name: d.reason for d in report.decisions}
    assert reasons[f"{PACK_T3}.pdf"] == "inchangé"


def test_plan_explains_and_writes_nothing(built: Path) -> None:
    from click.testing import CliRunner

    from ieg_reports.cli import main

    _edit_resource(built / "duo")
    before = _state(built / "out" / "duo")
    result = CliRunner().invoke(main, ["plan", str(built / "duo"), "-o", str(built / "out")])
    assert result.exit_code == 0
    assert f"{PACK_T3}.pdf\u00a0: construit, ressource modifiée." in result.output
    assert "synthese.docx\u00a0: inchangé." in result.output
    assert _state(built / "out" / "duo") == before


def test_deleting_a_theme_removes_its_pack(built: Path) -> None:
    sheets = _sheets()
    sheets["themes"] = sheets["themes"][:-1]
    sheets["ressources"] = sheets["ressources"][:-1]
    sheets["participants"][2][4] = "T1"
    _write(built / "duo", sheets)
    report = run_build(built / "duo", built / "out")
    out = built / "out" / "duo"
    assert not (out / f"{PACK_T3}.pdf").exists() and not (out / f"{PACK_T3}.docx").exists()
    assert {d.name for d in report.decisions if d.action == "remove"} == {
        f"{PACK_T3}.pdf",
        f"{PACK_T3}.docx",
    }


@pytest.mark.parametrize("content", ["{pas du json", '{"format": "autre", "version": 9}', "[]"])
def test_corrupt_or_foreign_manifest_means_a_full_build(built: Path, content: str) -> None:
    (built / "out" / "duo" / MANIFEST_NAME).write_text(content, encoding="utf-8")
    report = run_build(built / "duo", built / "out")
    assert not report.noop and all(d.writes for d in report.decisions)
    assert (
        json.loads((built / "out" / "duo" / MANIFEST_NAME).read_text())["format"]
        == "ieg-reports-manifest"
    )


def test_a_failing_render_leaves_previous_outputs_intact(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = built / "out" / "duo"
    before = _state(out)
    manifest = (out / MANIFEST_NAME).read_bytes()
    _edit_resource(built / "duo")
    real = pool.render_target

    def fail_on_docx(target, workshop, settings):  # type: ignore[no-untyped-def]
        if target.name.endswith(".docx"):
            raise RuntimeError("panne simulée")
        return real(target, workshop, settings)

    monkeypatch.setattr(pool, "render_target", fail_on_docx)
    with pytest.raises(RuntimeError, match="panne simulée"):
        run_build(built / "duo", built / "out", jobs=1)
    assert _state(out) == before and (out / MANIFEST_NAME).read_bytes() == manifest
    assert not [p for p in out.rglob("*.tmp")]  # staged renders were cleaned up
    monkeypatch.setattr(pool, "render_target", real)
    report = run_build(built / "duo", built / "out", jobs=1)
    assert {f"{PACK_T3}.pdf", f"{PACK_T3}.docx"} <= set(report.built)


def test_files_written_by_a_killed_build_are_not_taken_for_hand_edits(built: Path) -> None:
    out = built / "out" / "duo"
    _edit_resource(built / "duo")
    fresh = built / "fresh"
    run_build(built / "duo", fresh)  # what the interrupted build was writing
    new_pdf = (fresh / "duo" / f"{PACK_T3}.pdf").read_bytes()
    (out / f"{PACK_T3}.pdf").write_bytes(new_pdf)  # written, then killed before the manifest
    from ieg_reports.pipeline.fingerprint import file_digest

    (out / PENDING_NAME).write_text(
        json.dumps({f"{PACK_T3}.pdf": file_digest(new_pdf)}), encoding="utf-8"
    )
    report = run_build(built / "duo", built / "out")
    assert not report.notes and not (out / f"{PACK_T3}.nouvelle-version.pdf").exists()
    assert not (out / PENDING_NAME).exists()


def test_parallel_output_equals_sequential(prebuilt: Path, tmp_path: Path) -> None:
    one = run_build(prebuilt / "duo", tmp_path / "one", jobs=1).folder
    two = run_build(prebuilt / "duo", tmp_path / "two", jobs=2).folder
    assert {k: v[0] for k, v in _state(one).items()} == {k: v[0] for k, v in _state(two).items()}


def test_a_second_build_on_the_same_folder_is_refused(built: Path) -> None:
    _edit_resource(built / "duo")
    with (
        build_lock(built / "out" / "duo"),
        pytest.raises(BuildLockedError, match="autre construction"),
    ):
        run_build(built / "duo", built / "out")


def test_a_hand_edited_synthesis_survives_a_rebuild(built: Path) -> None:
    out = built / "out" / "duo"
    edited = (out / "synthese.docx").read_bytes() + b"commentaire du consultant"
    (out / "synthese.docx").write_bytes(edited)
    sheets = _sheets()
    sheets["familles"][1][1] = "Énergie et réseaux"
    _write(built / "duo", sheets)
    for force in (False, True):
        report = run_build(built / "duo", built / "out", force=force)
        assert (out / "synthese.docx").read_bytes() == edited
        assert (out / "synthese.nouvelle-version.docx").is_file()
        assert any(
            "synthese.docx" in n and "synthese.nouvelle-version.docx" in n for n in report.notes
        )
    report = run_build(built / "duo", built / "out", overwrite_edited=True)
    archived = list((out / "archives").glob("synthese.*.docx"))
    assert len(archived) == 1 and archived[0].read_bytes() == edited
    assert (out / "synthese.docx").read_bytes() != edited


def test_drafts_parse_back_with_their_attachments(prebuilt: Path) -> None:
    out = prebuilt / "out" / "duo"
    message = email.message_from_bytes(
        (out / "diffusion/martin-lea.eml").read_bytes(), policy=policy.default
    )
    assert message["To"] == "Léa Martin <lea@example.org>" and message["X-Unsent"] == "1"
    assert message["Subject"].startswith("Vos dossiers documentaires")
    attachments = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert attachments == {
        Path(f"{PACK_T1}.pdf").name: (out / f"{PACK_T1}.pdf").read_bytes(),
        Path(f"{PACK_T3}.pdf").name: (out / f"{PACK_T3}.pdf").read_bytes(),
    }
    body = message.get_body(("plain",)).get_content()
    assert "Bonjour Léa" in body and "T3 — Travail et sens" in body
    rows = list(
        csv.reader(
            (out / "diffusion/envois.csv").read_text(encoding="utf-8-sig").splitlines(),
            delimiter=";",
        )
    )
    assert rows[0][:5] == ["Participant", "Organisation", "E-mail", "Parcours", "Document"]
    assert rows[2][:4] == ["Léa Martin", "", "lea@example.org", "documentaire"] or any(
        r[0] == "Léa Martin" for r in rows
    )


def test_changed_packs_are_flagged_in_the_distribution_table(built: Path) -> None:
    _edit_resource(built / "duo")
    run_build(built / "duo", built / "out")
    rows = list(
        csv.reader(
            (built / "out/duo/diffusion/envois.csv").read_text(encoding="utf-8-sig").splitlines(),
            delimiter=";",
        )
    )
    states = {(r[0], r[5]): r[6] for r in rows[1:] if r[5]}
    assert states[("Léa Martin", f"{PACK_T3}.pdf")] == "modifié"
    assert states[("Léa Martin", f"{PACK_T1}.pdf")] == "inchangé"


def test_the_no_op_build_does_not_parse_or_import_renderers(built: Path) -> None:
    code = (
        "import sys\nfrom ieg_reports.cli import main\n"
        f"sys.argv = ['ieg-reports', 'build', {str(built / 'duo')!r}, '-o', {str(built / 'out')!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert e.code == 0, e.code\n"
        "assert 'pandas' not in sys.modules and 'reportlab' not in sys.modules and 'docx' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "rien à faire" in result.stdout


def test_a_folder_of_workbooks_builds_each_and_reports_failures(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from conftest import FIXTURES
    from ieg_reports.cli import main

    books = tmp_path / "ateliers"
    books.mkdir()
    shutil.copytree(FIXTURES / "mini", books / "mini")
    shutil.copy(FIXTURES / "broken.xlsx", books / "broken.xlsx")
    result = CliRunner().invoke(main, ["build", str(books), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert (tmp_path / "out/mini/synthese.docx").is_file() and not (
        tmp_path / "out/broken"
    ).exists()
    assert "broken.xlsx" in result.output and "mini\u00a0: " in result.output


def test_render_warnings_are_located_at_their_document(tmp_path: Path) -> None:
    from ieg_reports.problems import Severity

    sheets = _sheets()
    sheets["themes"][-1][1] = "Travail et sens \U0001f9e0"  # a glyph the embedded font lacks
    report = run_build(_write(tmp_path / "duo", sheets), tmp_path / "out")
    found = [p for p in report.problems if "U+1F9E0" in p.message]
    assert found and all(p.severity is Severity.WARNING for p in found)
    assert {p.location.file for p in found} >= {f"{PACK_T3}.pdf"}
    assert any(line.startswith(f"{PACK_T3}.pdf\u00a0: ") for line in report.warnings)


def test_a_build_made_by_other_code_is_made_again(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(codestamp, "code_stamp", lambda: "0.1.0+autre-code")
    for module in ("ieg_reports.pipeline.runner", "ieg_reports.pipeline.inputs"):
        monkeypatch.setattr(f"{module}.code_stamp", lambda: "0.1.0+autre-code")
    from click.testing import CliRunner

    from ieg_reports.cli import main

    args = ["plan", str(built / "duo"), "-o", str(built / "out")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "synthese.pdf\u00a0: construit, nouvelle version d’ieg-reports." in result.output
