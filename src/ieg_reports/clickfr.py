"""click's own messages in French: usage errors, help headings, « Aborted! ».

click marks its messages for gettext; no French catalogue ships with it, so the CLI
installs this one by replacing the `_`/`ngettext` that click's modules look up at call time.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import click

# The French strings hold no-break spaces (U+00A0) before « : ? » and inside guillemets.

CATALOGUE: dict[str, str] = {
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Aborted!": "Interrompu.",
    "Commands": "Commandes",
    "Options": "Options",
    "Positional arguments": "Arguments",
    "Usage:": "Utilisation :",
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Pour l’aide : {command} {option}",
    "No such option {name!r}.": "option « {name} » inconnue.",
    "No such command {name!r}.": "commande « {name} » inconnue.",
    "Missing argument": "Argument manquant",
    "Missing command.": "Commande manquante.",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Missing {param_type}": "{param_type} manquant",
    "Option {name!r} does not take a value.": "l’option « {name} » ne prend pas de valeur.",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "{value!r} is not a valid {number_type}.": "« {value} » n’est pas un {number_type} valide.",
    "{value} is not in the range {range}.": "{value} n’est pas dans l’intervalle {range}.",
    "{name} {filename!r} does not exist.": "{name} « {filename} » introuvable.",
    "{name} {filename!r} is a directory.": "{name} « {filename} » est un dossier.",
    "{name} {filename!r} is a file.": "{name} « {filename} » est un fichier.",
    "{name} {filename!r} is not readable.": "{name} « {filename} » illisible.",
    "{name} {filename!r} is not writable.": "{name} « {filename} » protégé en écriture.",
    "Could not open file {filename!r}: {message}": (
        "impossible d’ouvrir « {filename} » : {message}"
    ),
    "default: {default}": "défaut : {default}",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "integer": "entier",
    "float": "nombre",
    "unknown error": "erreur inconnue",
    "Do you want to continue?": "Voulez-vous continuer ?",
}

PLURALS: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": (
        "argument en trop ({args})",
        "arguments en trop ({args})",
    ),
    "Did you mean {possibility}?": (
        "Vouliez-vous dire {possibility} ?",
        "(Vouliez-vous dire l’une de celles-ci : {possibilities} ?)",
    ),
    "Option {name!r} requires an argument.": (
        "l’option « {name} » attend une valeur.",
        "l’option « {name} » attend {nargs} valeurs.",
    ),
    "{value!r} is not {choice}.": (
        "« {value} » n’est pas {choice}.",
        "« {value} » n’est pas l’une des valeurs {choices}.",
    ),
}
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types")


def gettext_fr(message: str) -> str:
    """The French text of one of click's messages (the English one when unknown)."""
    return CATALOGUE.get(message, message)


def ngettext_fr(singular: str, plural: str, count: int) -> str:
    """The French singular or plural of one of click's counted messages."""
    pair = PLURALS.get(singular)
    if pair is None:
        return singular if count == 1 else plural
    return pair[0] if count == 1 else pair[1]


class FrenchHelpFormatter(click.HelpFormatter):
    """Help headings with the no-break space French puts before a colon."""

    def write_heading(self, heading: str) -> None:
        """« Options : » rather than « Options: »."""
        self.write(f"{'':>{self.current_indent}}{heading}\u00a0:\n")


class WholeNumber(click.IntRange):
    """An integer within bounds, named in French in help and errors."""

    name = "nombre entier"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        """« N » in the usage line."""
        return "N"

    def _describe_range(self) -> str:
        """« de 0 à 64 » rather than « 0<=x<=64 »."""
        return f"de {self.min} à {self.max}"


def format_possibilities(possibilities: list[str]) -> str:
    """click's « did you mean », with the names in French quotes."""
    names = ", ".join(f"« {p} »" for p in sorted(possibilities))
    return ngettext_fr("Did you mean {possibility}?", "", len(possibilities)).format(
        possibility=names, possibilities=names
    )


def install() -> None:
    """Make click speak French (idempotent)."""
    click.Context.formatter_class = FrenchHelpFormatter
    exceptions = importlib.import_module("click.exceptions")
    exceptions._format_possibilities = format_possibilities  # type: ignore[attr-defined]
    for name in _CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        patched: dict[str, Callable[..., str]] = {"_": gettext_fr, "ngettext": ngettext_fr}
        for attr, function in patched.items():
            if hasattr(module, attr):
                setattr(module, attr, function)
