"""The `ieg-reports` command: a thin click layer over `commands/`.

Heavy libraries (pandas, python-docx, reportlab) are imported inside the verbs so that
`ieg-reports --help` stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ieg_reports import __version__
from ieg_reports.exceptions import IegError


def _sample() -> Path:
    from ieg_reports.api import SAMPLE_WORKBOOK

    return SAMPLE_WORKBOOK


def _fail(exc: IegError) -> None:
    click.echo(f"Erreur : {exc}", err=True)
    sys.exit(exc.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", message="ieg-reports %(version)s")
def main() -> None:
    """Produit les documents d'un atelier de prospective à partir de son classeur."""


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

    try:
        report, code = run_validate(classeur or _sample(), output_format)
    except IegError as exc:
        _fail(exc)
    click.echo(report)
    sys.exit(code)


@main.command()
@click.argument("classeur", type=click.Path(path_type=Path))
def init(classeur: Path) -> None:
    """Crée un classeur vide, prêt à remplir, pour un nouvel atelier."""
    from ieg_reports.commands.init import run_init

    try:
        message = run_init(classeur)
    except IegError as exc:
        _fail(exc)
    click.echo(message)


@main.command()
@click.argument("classeur", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "sortie",
    type=click.Path(path_type=Path),
    help="Dossier où créer le sous-dossier du classeur (par défaut : outputs/).",
)
def build(classeur: Path | None, sortie: Path | None) -> None:
    """Produit les documents d'un classeur (par défaut : l'exemple livré)."""
    from ieg_reports.commands.build import run_build

    try:
        report = run_build(classeur or _sample(), sortie)
    except IegError as exc:
        _fail(exc)
    for line in report.warnings:
        click.echo(f"Avertissement : {line}")
    for name in report.built:
        click.echo(f"écrit : {report.folder / name}")


@main.group()
def templates() -> None:
    """Modèles des documents (textes, styles Word et PDF)."""


@templates.command("export")
@click.argument("dossier", type=click.Path(path_type=Path))
def templates_export(dossier: Path) -> None:
    """Copie les modèles par défaut dans DOSSIER pour les personnaliser."""
    from ieg_reports.commands.templates import run_export

    try:
        copied = run_export(dossier)
    except IegError as exc:
        _fail(exc)
    for path in copied:
        click.echo(f"copié : {path}")
    click.echo(f'Indiquez ce dossier dans ieg-reports.toml : [documents] modeles = "{dossier}"')
