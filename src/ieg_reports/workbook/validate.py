"""Validate: check references and rules across records, and assemble the model.

Invalid records are left out of the model but reported; the model is always built so the
summary can be shown, and the caller decides from the problems whether to go on.
"""

from __future__ import annotations

from ieg_reports.config import Config
from ieg_reports.model import (
    Workshop,
)
from ieg_reports.problems import Problems
from ieg_reports.workbook.checks import check_documentary, check_sheets
from ieg_reports.workbook.entities import (
    build_effects,
    build_factors,
    build_families,
    build_glossary,
    build_keywords,
    build_lessons,
    build_participants,
    build_resources,
    build_themes,
)
from ieg_reports.workbook.info import workshop_info
from ieg_reports.workbook.normalise import Normalised
from ieg_reports.workbook.programme import check_event, read_programme
from ieg_reports.workbook.ratings import collect_ratings, factor_codes


def validate(norm: Normalised, config: Config) -> tuple[Workshop, Problems]:
    """Check the normalised tables and build the workshop model."""
    problems = norm.problems
    tables = norm.tables
    check_sheets(norm, problems)
    info = workshop_info(norm, problems)
    families = build_families(tables.get("familles"), problems)
    ratings = collect_ratings(
        tables.get("evaluations"), factor_codes(tables.get("facteurs")), config, problems
    )
    factors, rule = build_factors(tables.get("facteurs"), families, ratings, config, problems)
    keywords = build_keywords(tables.get("mots_cles"), factors, problems)
    effects = build_effects(tables.get("effets"), factors, problems)
    themes = build_themes(tables.get("themes"), factors, problems)
    resources = build_resources(tables.get("ressources"), themes, problems)
    participants = build_participants(tables.get("participants"), themes, problems)
    programme = read_programme(tables.get("programme"), themes.resolve, info, problems)
    workshop = Workshop(
        info,
        tuple(families.by_key_unique()),
        tuple(factors.by_key_unique()),
        keywords,
        effects,
        tuple(themes.by_key_unique()),
        resources,
        participants,
        config.scale,
        config.capacity_threshold,
        config.criticality_threshold,
        rule,
        programme,
        build_lessons(tables.get("enseignements")),
        build_glossary(tables.get("glossaire")),
    )
    check_documentary(workshop, problems, norm)
    check_event(workshop, norm, problems)
    return workshop, problems
