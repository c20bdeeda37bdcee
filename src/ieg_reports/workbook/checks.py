"""Rules across records that warn or reject without building anything."""

from __future__ import annotations

from ieg_reports.config import Config
from ieg_reports.model import (
    RatingSummary,
    Workshop,
)
from ieg_reports.problems import Location, Problems
from ieg_reports.workbook.normalise import Normalised, Record
from ieg_reports.workbook.ratings import is_high
from ieg_reports.workbook.references import q
from ieg_reports.workbook.schema import (
    CATEGORIES_BY_TYPE,
    CATEGORY,
    EFFECT_TYPE,
    OPTIONAL_SHEETS,
    SHEETS_BY_KEY,
)

REQUIRED_SHEETS = ("atelier", "familles", "facteurs", "themes")


def check_sheets(norm: Normalised, problems: Problems) -> None:
    for key, sheet in SHEETS_BY_KEY.items():
        table = norm.tables.get(key)
        where = Location(norm.file, sheet.label)
        if table is None and key in REQUIRED_SHEETS:
            problems.error(
                where,
                "feuille obligatoire absente",
                f"ajoutez une feuille {q(sheet.label)} (ieg-reports init en crée un modèle)",
            )
        elif table is None:
            if key not in OPTIONAL_SHEETS:
                problems.warning(
                    where, "feuille absente", f"les documents n’auront pas de {sheet.label.lower()}"
                )
        elif not table.records and key in REQUIRED_SHEETS:
            problems.error(
                table.where(),
                "la feuille ne contient aucune ligne de données",
                f"remplissez la feuille {q(table.name)} sous la ligne d’en-tête",
            )


def check_key_flag(
    record: Record, is_key: bool, rating: RatingSummary | None, config: Config, problems: Problems
) -> None:
    """Warn when the workshop's choice and the scores disagree strongly."""
    if rating is None:
        if is_key:
            problems.warning(
                record.at("facteur_cle"),
                "facteur-clé sans aucune évaluation",
                "ajoutez ses notes dans la feuille Évaluations pour le placer sur la matrice",
            )
        return
    scores = f"capacité d’agir {rating.capacity:.1f}, criticité {rating.criticality:.1f}".replace(
        ".", ","
    )
    low = (
        rating.capacity < config.capacity_threshold
        and rating.criticality < config.criticality_threshold
    )
    if is_key and low:
        problems.warning(
            record.at("facteur_cle"),
            f"retenu comme facteur-clé malgré des notes basses ({scores})",
            "vérifiez ce choix ou les notes de la feuille Évaluations",
        )
    elif not is_key and is_high(rating, config):
        problems.warning(
            record.at("facteur_cle"),
            f"non retenu alors que ses notes sont élevées ({scores})",
            "vérifiez ce choix ou marquez-le « oui » dans la colonne Facteur clé",
        )


def category_fits(
    record: Record, kind: str | None, category: str | None, problems: Problems
) -> bool:
    """An innovation track has an innovation category, a skill a skill category."""
    if kind is None or category is None or category in CATEGORIES_BY_TYPE[kind]:
        return True
    allowed = [c.label for c in CATEGORY.choices if c.key in CATEGORIES_BY_TYPE[kind]]
    label = next(c.label for c in EFFECT_TYPE.choices if c.key == kind)
    problems.error(
        record.at("categorie"),
        f"catégorie incompatible avec le type {q(label)}",
        "catégories permises pour ce type : " + ", ".join(allowed),
    )
    return False


def check_email(record: Record, emails: dict[str, int], problems: Problems) -> None:
    email = record.get("email")
    if email is None:
        if "email" not in record.failed:
            problems.warning(
                record.at("email"),
                "participant sans adresse e-mail",
                "ajoutez son adresse pour lui préparer ses envois (dossiers ou invitation)",
            )
        return
    first = emails.setdefault(email.lower(), record.location.row or 0)
    if first != record.location.row:
        problems.warning(
            record.at("email"),
            f"adresse {q(email)} déjà utilisée ligne {first}",
            "vérifiez qu’il ne s’agit pas d’un doublon",
        )


def check_documentary(workshop: Workshop, problems: Problems, norm: Normalised) -> None:
    """Every documentary theme should have resources to put in its pack."""
    if "ressources" not in norm.tables:
        return
    for theme in workshop.themes:
        if theme.is_documentary and not workshop.resources_of(theme):
            problems.warning(
                theme.location.at("code", None),
                f"le thème {theme.code} (documentaire) n’a aucune ressource",
                "ajoutez des ressources dans la feuille Ressources : son dossier serait vide",
            )
