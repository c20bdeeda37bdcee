"""The `ieg-reports` command: a thin click layer over `commands/`.

Heavy libraries (pandas, python-docx, reportlab) are imported inside the verbs so that
`ieg-reports --help` stays instant.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ieg_reports import __version__, clickfr

# Before any decorator runs: option help texts are translated when they are declared.
clickfr.install()


def _sample() -> Path:
    from ieg_reports.api import SAMPLE_WORKBOOK

    return SAMPLE_WORKBOOK


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
)
@click.version_option(
    __version__,
    "--version",
    message="ieg-reports %(version)s",
    help="Affiche la version et quitte.",
)
def main() -> None:
    """Produit les documents d’un atelier de prospective à partir de son classeur."""


@main.command()
@click.argument("classeur", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Format du rapport (texte ou JSON).",
)
def validate(classeur: Path | None, output_format: str) -> None:
    """Vérifie un classeur et affiche tous ses problèmes et ses chiffres clés."""
    from ieg_reports.commands.validate import run_validate

    report, code = run_validate(classeur or _sample(), output_format)
    click.echo(report)
    sys.exit(code)


@main.command()
@click.argument("classeur", type=click.Path(path_type=Path))
def init(classeur: Path) -> None:
    """Crée un classeur vide, prêt à remplir, pour un nouvel atelier."""
    from ieg_reports.commands.init import run_init

    message = run_init(classeur)
    click.echo(message)


F = TypeVar("F", bound=Callable[..., Any])


def _output_option(function: F) -> F:
    return click.option(
        "-o",
        "--output",
        "sortie",
        type=click.Path(path_type=Path),
        help="Dossier où créer le sous-dossier de chaque classeur (défaut : outputs/).",
    )(function)


@main.command()
@click.argument("classeur", required=False, type=click.Path(path_type=Path))
@_output_option
@click.option(
    "-j",
    "--jobs",
    type=clickfr.WholeNumber(0, 64),
    default=0,
    help="Processus de rendu en parallèle (défaut : le nombre de cœurs).",
)
@click.option(
    "--force", is_flag=True, help="Reconstruit tout (sauf les fichiers modifiés à la main)."
)
@click.option(
    "--overwrite-edited",
    is_flag=True,
    help="Remplace aussi les fichiers modifiés à la main, après les avoir archivés.",
)
@click.option("-q", "--quiet", is_flag=True, help="N’affiche que le bilan.")
@click.option(
    "--strict", is_flag=True, help="Traite les avertissements comme des erreurs : rien n’est écrit."
)
def build(
    classeur: Path | None,
    sortie: Path | None,
    jobs: int,
    force: bool,
    overwrite_edited: bool,
    quiet: bool,
    strict: bool,
) -> None:
    """Produit les documents d’un classeur, ou de chaque classeur d’un dossier."""
    from ieg_reports.commands.build import DEFAULT_OUTPUT, run_batch
    from ieg_reports.commands.output import make_progress, summary_line
    from ieg_reports.pipeline.runner import BuildOptions

    progress = make_progress(quiet)
    options = BuildOptions(
        sortie or DEFAULT_OUTPUT, jobs, force, overwrite_edited, False, progress, strict
    )
    batch = run_batch(classeur or _sample(), options)
    for report in batch.reports:
        if not quiet:
            for line in report.warnings:
                click.echo(f"Avertissement : {line}")
        for note in report.notes:
            click.echo(f"Attention : {note}")
        click.echo(summary_line(report))
    for _book, failure in batch.failures:
        failure.show()
    sys.exit(max((failure.exit_code for _, failure in batch.failures), default=0))


@main.command()
@click.argument("classeur", required=False, type=click.Path(path_type=Path))
@_output_option
@click.option("--force", is_flag=True, help="Montre ce que ferait une reconstruction complète.")
def plan(classeur: Path | None, sortie: Path | None, force: bool) -> None:
    """Montre ce que ferait « build » pour chaque document, et pourquoi, sans rien écrire."""
    from ieg_reports.commands.build import run_plan
    from ieg_reports.commands.output import plan_lines

    reports = run_plan(classeur or _sample(), sortie, force=force)
    for report in reports:
        click.echo(plan_lines(report, len(reports) > 1))


@main.command()
@click.argument("classeur", required=False, type=click.Path(path_type=Path))
@_output_option
@click.option(
    "-j",
    "--jobs",
    type=clickfr.WholeNumber(0, 64),
    default=0,
    help="Processus de rendu en parallèle.",
)
def watch(classeur: Path | None, sortie: Path | None, jobs: int) -> None:
    """Reconstruit les documents à chaque enregistrement du classeur, des modèles, des réglages."""
    from ieg_reports.commands.watch import run_watch

    run_watch(classeur or _sample(), sortie, jobs, click.echo)


@main.group()
def templates() -> None:
    """Modèles des documents (textes, styles Word et PDF)."""


@templates.command("export")
@click.argument("dossier", type=click.Path(path_type=Path))
def templates_export(dossier: Path) -> None:
    """Copie les modèles par défaut dans DOSSIER pour les personnaliser."""
    from ieg_reports.commands.templates import run_export

    copied = run_export(dossier)
    for path in copied:
        click.echo(f"copié : {path}")
    click.echo(f'Indiquez ce dossier dans ieg-reports.toml : [documents] modeles = "{dossier}"')
