import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from ieg_reports.cli import main


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), prog_name="ieg-reports")
    return result.exit_code, result.output


def test_validate_sample_without_argument() -> None:
    code, output = _run("validate")
    assert code == 0
    assert output.startswith("atelier-2017-07-12.xlsx\u00a0: 0\u00a0erreur, 2\u00a0avertissements")
    assert (
        "8\u00a0familles, 50\u00a0facteurs" in output and "11\u00a0thèmes en 3\u00a0axes" in output
    )


def test_validate_broken_lists_every_problem_and_exits_1(fixtures: Path) -> None:
    code, output = _run("validate", str(fixtures / "broken.xlsx"))
    assert code == 1
    assert "12\u00a0erreurs" in output
    assert (
        "broken.xlsx, feuille «\u00a0facteurs\u00a0», ligne 2, colonne «\u00a0Famille\u00a0»"
        in output
    )
    assert "Traceback" not in output


def test_validate_json(fixtures: Path) -> None:
    code, output = _run("validate", str(fixtures / "broken.xlsx"), "--format", "json")
    data = json.loads(output)
    assert code == 1
    first = data["problems"][0]
    assert set(first) >= {"severity", "file", "sheet", "row", "column", "header", "message", "hint"}
    assert {p["severity"] for p in data["problems"]} == {"error", "warning"}
    famille = next(p for p in data["problems"] if p["column"] == "famille")
    assert (famille["sheet"], famille["row"], famille["header"]) == ("facteurs", 2, "Famille")
    assert data["summary"]["families"] == 1


def test_validate_json_summary_of_sample() -> None:
    code, output = _run("validate", "--format", "json")
    summary = json.loads(output)["summary"]
    assert code == 0
    assert summary["routes"] == {
        "documentaire": ["T02", "T03", "T04", "T06", "T08", "T09", "T10"],
        "rencontre": ["T01", "T05", "T07", "T11"],
    }
    assert (summary["families"], summary["factors"], summary["key_factors"]) == (8, 50, 22)
    assert summary["participants"] == 25 and summary["resources"] == 25


def test_unreadable_file_is_one_line_and_exit_2(fixtures: Path, tmp_path: Path) -> None:
    for path in (fixtures / "not-a-workbook.xlsx", tmp_path / "absent.xlsx"):
        code, output = _run("validate", str(path))
        assert code == 2
        assert len(output.strip().splitlines()) == 1 and output.startswith("Erreur\u00a0: ")


def test_help_does_not_import_pandas() -> None:
    code = (
        "import sys; from ieg_reports.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'pandas' not in sys.modules, 'pandas imported'\n"
        "assert 'docx' not in sys.modules and 'reportlab' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_init_writes_a_workbook_of_the_contract(tmp_path: Path) -> None:
    path = tmp_path / "nouvel-atelier.xlsx"
    code, output = _run("init", str(path))
    assert code == 0 and "Classeur créé" in output
    book = load_workbook(path)
    assert book.sheetnames[0] == "Mode d’emploi"
    facteurs = book["Facteurs"]
    assert [c.value for c in facteurs[1]][:3] == ["Code", "Libellé", "Famille"]
    assert facteurs.freeze_panes == "A2" and facteurs["A1"].font.bold
    lists = {
        str(dv.sqref).split(":")[0]: dv.formula1 for dv in facteurs.data_validations.dataValidation
    }
    assert "macro-déterminant" in lists["D2"] and "oui" in lists["G2"]
    assert facteurs.column_dimensions["B"].width >= 40


def test_init_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"precious")
    code, output = _run("init", str(path))
    assert code == 2 and "existe déjà" in output
    assert path.read_bytes() == b"precious"


def test_validate_on_a_fresh_init_reports_missing_content(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    _run("init", str(path))
    code, output = _run("validate", str(path))
    assert code == 1
    assert "Titre de l’atelier non renseigné" in output
    assert "feuille «\u00a0Familles\u00a0»\u00a0: la feuille ne contient aucune ligne" in output
    assert "avertissement" in output and "Traceback" not in output


def test_templates_export_copies_defaults_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "mes-modeles"
    code, output = _run("templates", "export", str(target))
    assert code == 0
    assert {p.name for p in target.iterdir()} >= {
        "synthese.md.j2",
        "dossier.md.j2",
        "style.toml",
        "reference.docx",
        "courriel.txt.j2",
    }
    (target / "style.toml").write_text("# à moi\n", encoding="utf-8")
    code, output = _run("templates", "export", str(target))
    assert code == 2 and "non remplacés" in output
    assert (target / "style.toml").read_text(encoding="utf-8") == "# à moi\n"


def test_user_templates_change_the_documents(tmp_path: Path, fixtures: Path) -> None:
    import shutil

    import docx

    book = tmp_path / "mini"
    shutil.copytree(fixtures / "mini", book)
    _run("templates", "export", str(book / "modeles"))
    source = (book / "modeles" / "synthese.md.j2").read_text(encoding="utf-8")
    (book / "modeles" / "synthese.md.j2").write_text(
        source.replace("# L’essentiel", "# En un coup d’œil"), encoding="utf-8"
    )
    (book / "ieg-reports.toml").write_text('[documents]\nmodeles = "modeles"\n', encoding="utf-8")
    code, output = _run("build", str(book), "-o", str(tmp_path / "out"), "-q", "-j", "1")
    assert code == 0, output
    headings = [p.text for p in docx.Document(str(tmp_path / "out/mini/synthese.docx")).paragraphs]
    assert "En un coup d’œil" in headings and "L’essentiel" not in headings


def test_a_template_error_names_file_and_line(tmp_path: Path, fixtures: Path) -> None:
    import shutil

    book = tmp_path / "mini"
    shutil.copytree(fixtures / "mini", book)
    (book / "modeles").mkdir()
    (book / "modeles" / "synthese.md.j2").write_text(
        "# Titre\n\n{{ atelier.inconnu }}\n", encoding="utf-8"
    )
    (book / "ieg-reports.toml").write_text('[documents]\nmodeles = "modeles"\n', encoding="utf-8")
    code, output = _run("build", str(book), "-o", str(tmp_path / "out"), "-q", "-j", "1")
    assert code == 1 and "synthese.md.j2, ligne 3" in output and "Traceback" not in output


def test_a_template_typo_suggests_the_known_name(tmp_path: Path, fixtures: Path) -> None:
    import shutil

    book = tmp_path / "mini"
    shutil.copytree(fixtures / "mini", book)
    (book / "modeles").mkdir()
    (book / "modeles" / "dossier.md.j2").write_text(
        "# {{ theme.code }}\n\nTitre : {{ theme.titre }}\n", encoding="utf-8"
    )
    (book / "ieg-reports.toml").write_text('[documents]\nmodeles = "modeles"\n', encoding="utf-8")
    code, output = _run("build", str(book), "-o", str(tmp_path / "out"), "-q", "-j", "1")
    assert code == 1, output
    line = next(line for line in output.splitlines() if line.startswith("Erreur"))
    assert "modèle dossier.md.j2, ligne 3" in line
    assert "nom inconnu «\u00a0theme.titre\u00a0»" in line
    assert "vouliez-vous dire «\u00a0theme.title\u00a0»\u00a0?" in line
    assert "has no attribute" not in output and "ieg_reports.model" not in output


def test_an_unknown_variable_suggests_the_close_one(tmp_path: Path, fixtures: Path) -> None:
    import shutil

    book = tmp_path / "mini"
    shutil.copytree(fixtures / "mini", book)
    (book / "modeles").mkdir()
    (book / "modeles" / "synthese.md.j2").write_text("# {{ atelir.title }}\n", encoding="utf-8")
    (book / "ieg-reports.toml").write_text('[documents]\nmodeles = "modeles"\n', encoding="utf-8")
    code, output = _run("build", str(book), "-o", str(tmp_path / "out"), "-q", "-j", "1")
    assert code == 1
    assert "nom inconnu «\u00a0atelir\u00a0» — vouliez-vous dire «\u00a0atelier\u00a0»" in output


def test_usage_errors_are_in_french() -> None:
    code, output = _run("--forse")
    assert code == 2
    assert "Erreur\u00a0: option «\u00a0--forse\u00a0» inconnue." in output
    assert "Utilisation\u00a0: ieg-reports [OPTIONS]" in output
    assert "Pour l’aide\u00a0: ieg-reports --help" in output
    code, output = _run("build", "-j", "x")
    assert code == 2 and "«\u00a0x\u00a0» n’est pas un nombre entier valide" in output
    code, output = _run("init")
    assert code == 2 and "Argument manquant" in output
    code, output = _run("buidl")
    assert code == 2 and "commande «\u00a0buidl\u00a0» inconnue" in output


def test_help_is_in_french() -> None:
    code, output = _run("build", "--help")
    assert code == 0
    assert "Options\u00a0:" in output and "Affiche cette aide et quitte." in output
    for english in ("Show this message", "Usage:", "INTEGER RANGE", "Options:"):
        assert english not in output


def test_every_verb_on_a_missing_path_is_one_french_line(tmp_path: Path) -> None:
    missing = str(tmp_path / "absent.xlsx")
    for verb in ("build", "plan", "watch", "validate"):
        code, output = (
            _run(verb, missing, "-o", str(tmp_path / "o"))
            if verb != "validate"
            else _run(verb, missing)
        )
        assert code == 2, (verb, output)
        assert output.strip().startswith("Erreur\u00a0:") and "introuvable" in output
        assert len(output.strip().splitlines()) == 1 and "Traceback" not in output


def test_strict_turns_warnings_into_errors_and_writes_nothing(tmp_path: Path) -> None:
    from ieg_reports.api import SAMPLE_WORKBOOK

    out = tmp_path / "out"
    code, output = _run("build", str(SAMPLE_WORKBOOK), "-o", str(out), "-q", "--strict")
    assert code == 1
    assert "2\u00a0avertissements (--strict), aucun document produit" in output
    assert not (out / "atelier-2017-07-12" / "synthese.pdf").exists()


def test_interrupt_prints_french_and_no_traceback(monkeypatch: object) -> None:
    import click

    @click.command()
    def boom() -> None:
        raise KeyboardInterrupt

    from ieg_reports import clickfr

    clickfr.install()
    result = CliRunner().invoke(boom, [])
    assert result.exit_code == 1 and "Interrompu." in result.output


def test_templates_export_onto_a_file_is_one_french_line(tmp_path: Path) -> None:
    blocking = tmp_path / "f.csv"
    blocking.write_text("x", encoding="utf-8")
    code, output = _run("templates", "export", str(blocking))
    assert code == 2 and "Traceback" not in output
    assert output.startswith("Erreur\u00a0: impossible de copier les modèles")
    assert "un fichier porte déjà ce nom" in output


def test_write_errors_are_french_with_the_right_advice(tmp_path: Path) -> None:
    import errno

    from ieg_reports.pipeline.io import write_error

    full = str(write_error(tmp_path, OSError(errno.ENOSPC, "No space left on device")))
    missing = str(write_error(tmp_path, OSError(errno.ENOTDIR, "Not a directory")))
    assert "le disque est plein" in full and "libérez de la place" in full
    assert "un fichier porte déjà ce nom" in missing and "libérez" not in missing
    assert "No space" not in full and "Not a directory" not in missing


def test_watch_on_a_folder_without_workbook_stops_like_build(tmp_path: Path) -> None:
    empty = tmp_path / "vide"
    empty.mkdir()
    code, output = _run("watch", str(empty), "-o", str(tmp_path / "o"))
    assert code == 2 and "Erreur\u00a0:" in output and "Traceback" not in output
    assert "Surveillance" not in output
