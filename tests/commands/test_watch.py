"""watch: one build per batch of real changes, errors printed, watching goes on."""

import shutil
from pathlib import Path

from conftest import FIXTURES
from ieg_reports.commands.watch import relevant, run_watch


def test_office_temporary_files_and_outputs_are_ignored(tmp_path: Path) -> None:
    out = tmp_path / "outputs"
    assert relevant(str(tmp_path / "atelier.xlsx"), out)
    assert not relevant(str(tmp_path / "~$atelier.xlsx"), out)
    assert not relevant(str(tmp_path / ".~lock.atelier.xlsx#"), out)
    assert not relevant(str(tmp_path / "atelier.xlsx.tmp"), out)
    assert not relevant(str(out / "atelier" / "synthese.pdf"), out)


def test_rebuilds_on_changes_and_keeps_watching_through_errors(tmp_path: Path) -> None:
    book = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", book)
    lines: list[str] = []

    def changes():  # type: ignore[no-untyped-def]
        (book / "familles.csv").write_text("Code;Nom\nA;\n", encoding="utf-8")  # now broken
        yield {(1, str(book / "familles.csv"))}
        yield {(1, str(book / "~$familles.csv"))}  # Excel's lock file: no build
        shutil.copy(FIXTURES / "mini" / "familles.csv", book / "familles.csv")  # fixed again
        yield {(2, str(book / "familles.csv"))}
        raise KeyboardInterrupt

    run_watch(book, tmp_path / "out", 1, lines.append, changes())
    summaries = [line for line in lines if line.startswith("mini : ")]
    errors = [line for line in lines if line.startswith("Erreur")]
    assert len(summaries) == 2 and len(errors) == 1
    assert "construit" in summaries[0] and "Nom" in errors[0]
    assert lines[-1] == "Surveillance arrêtée."
