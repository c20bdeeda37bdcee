"""Building the model's entities from the records, resolving their references."""

from __future__ import annotations

import re
from collections import Counter

from ieg_reports.config import Config
from ieg_reports.model import (
    Effect,
    Factor,
    Family,
    GlossaryEntry,
    Keyword,
    Lesson,
    Participant,
    RatingSummary,
    Resource,
    Theme,
)
from ieg_reports.problems import Problems
from ieg_reports.workbook.checks import category_fits, check_email, check_key_flag
from ieg_reports.workbook.normalise import Record, Table
from ieg_reports.workbook.ratings import is_high
from ieg_reports.workbook.references import Index, UniqueIndex, q, records, unique_code
from ieg_reports.workbook.text import fold_plural


def build_families(table: Table | None, problems: Problems) -> UniqueIndex[Family]:
    index: UniqueIndex[Family] = UniqueIndex("famille", feminine=True)
    seen: dict[str, int] = {}
    for record in records(table):
        code = unique_code(record, seen, problems)
        if code is None or record.get("nom") is None:
            index.reject(record)
            continue
        family = Family(code, record.get("nom"), record.get("description"), record.location)
        index.add(family, code, family.name)
    return index


def build_factors(
    table: Table | None,
    families: Index[Family],
    ratings: dict[str, RatingSummary],
    config: Config,
    problems: Problems,
) -> tuple[UniqueIndex[Factor], str]:
    index: UniqueIndex[Factor] = UniqueIndex("facteur")
    rows = records(table)
    by_column = any(r.get("facteur_cle") is not None for r in rows)
    seen: dict[str, int] = {}
    for record in rows:
        code = unique_code(record, seen, problems)
        family = families.lookup(record, "famille", problems)
        if code is None or family is None or record.get("libelle") is None or record.failed:
            index.reject(record)
            continue
        rating = ratings.get(code)
        is_key = bool(record.get("facteur_cle")) if by_column else is_high(rating, config)
        if by_column:
            check_key_flag(record, is_key, rating, config, problems)
        factor = Factor(
            code,
            record.get("libelle"),
            family,
            record.get("nature") or "macro_determinant",
            is_key,
            record.get("source"),
            record.get("description"),
            rating,
            record.location,
        )
        index.add(factor, code)
    return index, "colonne" if by_column else "seuils"


def build_keywords(
    table: Table | None, factors: Index[Factor], problems: Problems
) -> tuple[Keyword, ...]:
    """Keywords with per-factor duplicates merged and near-identical spellings grouped."""
    kept: list[tuple[Factor, str, str, Record]] = []
    seen: dict[tuple[str, str], Record] = {}
    for record in records(table):
        text, registre = record.get("mot_cle"), record.get("registre")
        factor = factors.lookup(record, "facteur", problems)
        if factor is None or text is None or registre is None:
            continue
        key = (factor.code, fold_plural(text))
        if key in seen:
            problems.warning(
                record.at("mot_cle"),
                f"mot-clé {q(text)} déjà donné pour {factor.code} "
                f"(ligne {seen[key].location.row}), fusionné",
                "supprimez la ligne en double",
            )
            continue
        seen[key] = record
        kept.append((factor, text, registre, record))
    canonical = canonical_spellings([text for _, text, _, _ in kept])
    return tuple(
        Keyword(f, text, reg, canonical[fold_plural(text)], rec.location)
        for f, text, reg, rec in kept
    )


def canonical_spellings(texts: list[str]) -> dict[str, str]:
    """For each folded keyword, its most frequent spelling (first seen on a tie)."""
    counts: dict[str, Counter[str]] = {}
    for text in texts:
        counts.setdefault(fold_plural(text), Counter())[text] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in counts.items()}


def build_effects(
    table: Table | None, factors: Index[Factor], problems: Problems
) -> tuple[Effect, ...]:
    effects = []
    for record in records(table):
        factor = factors.lookup(record, "facteur", problems)
        kind, category = record.get("type"), record.get("categorie")
        if not category_fits(record, kind, category, problems):
            continue
        if factor is None or kind is None or record.get("libelle") is None:
            continue
        if not factor.is_key:
            problems.warning(
                record.at("facteur"),
                f"{factor.code} n’est pas un facteur-clé",
                "les effets se rapportent aux facteurs-clés ; "
                "vérifiez le code ou la colonne Facteur clé",
            )
        effects.append(
            Effect(
                factor,
                kind,
                category,
                record.get("libelle"),
                record.get("description"),
                record.location,
            )
        )
    return tuple(effects)


def build_themes(
    table: Table | None, factors: Index[Factor], problems: Problems
) -> UniqueIndex[Theme]:
    index: UniqueIndex[Theme] = UniqueIndex("thème")
    seen: dict[str, int] = {}
    for record in records(table):
        code = unique_code(record, seen, problems)
        linked = [
            factors.resolve(c, record.at("facteurs"), problems)
            for c in record.get("facteurs") or ()
        ]
        resolved = tuple(dict.fromkeys(f for f in linked if f is not None))
        if code is None or None in (record.get("titre"), record.get("axe"), record.get("parcours")):
            index.reject(record)
            continue
        if not record.get("facteurs"):
            problems.warning(
                record.at("facteurs"),
                f"le thème {code} n’indique aucun facteur",
                "citez les codes des facteurs-clés dont il est issu, séparés par des virgules",
            )
        for factor in resolved:
            if not factor.is_key:
                problems.warning(
                    record.at("facteurs"),
                    f"{factor.code} n’est pas un facteur-clé",
                    "un thème découle en principe des facteurs-clés",
                )
        theme = Theme(
            code,
            record.get("titre"),
            record.get("axe"),
            record.get("parcours"),
            resolved,
            record.get("enjeux"),
            record.get("questions") or (),
            len(index.names) + 1,
            record.location,
        )
        index.add(theme, code)
    return index


def build_resources(
    table: Table | None, themes: Index[Theme], problems: Problems
) -> tuple[Resource, ...]:
    from ieg_reports.links import is_safe_url, qr_possible

    resources = []
    for record in records(table):
        theme = themes.lookup(record, "theme", problems)
        url = record.get("url")
        if url is not None and not is_safe_url(url):
            problems.warning(
                record.at("url"),
                f"lien {q(url)} non cliquable (seuls http, https et mailto le sont)",
                "ce lien sera imprimé comme simple texte, sans être cliquable"
                if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I)
                else "écrivez l’adresse complète, par exemple https://www.exemple.fr/etude",
            )
        elif url is not None and not url.lower().startswith("mailto:") and not qr_possible(url):
            problems.warning(
                record.at("url"),
                f"lien trop long pour un code QR ({len(url)} caractères) : le code QR est omis",
                "le lien reste cliquable ; un lien raccourci donnerait un code QR lisible",
            )
        if theme is None or record.get("titre") is None:
            continue
        resources.append(
            Resource(
                theme,
                record.get("titre"),
                record.get("auteur"),
                record.get("source"),
                record.get("annee"),
                record.get("type"),
                url,
                record.get("resume"),
                record.location,
            )
        )
    return tuple(resources)


def build_participants(
    table: Table | None, themes: Index[Theme], problems: Problems
) -> tuple[Participant, ...]:
    people = []
    emails: dict[str, int] = {}
    for record in records(table):
        if record.get("nom") is None:
            continue
        chosen = []
        for code in record.get("themes") or ():
            theme = themes.by_key.get(fold_plural(code))
            if theme is None:
                problems.warning(
                    record.at("themes"),
                    f"thème {q(code)} inconnu, ignoré pour ce participant",
                    "vérifiez le code dans la feuille Thèmes",
                )
            else:
                chosen.append(theme)
        check_email(record, emails, problems)
        people.append(
            Participant(
                record.get("nom"),
                record.get("prenom"),
                record.get("organisation"),
                record.get("email"),
                record.get("parcours"),
                tuple(dict.fromkeys(chosen)),
                record.location,
            )
        )
    return tuple(people)


def build_lessons(table: Table | None) -> tuple[Lesson, ...]:
    """The consultant's paragraphs (« Enseignements »), in workbook order."""
    return tuple(
        Lesson(r.get("section"), r.get("texte"), r.location)
        for r in records(table)
        if r.get("section") is not None and r.get("texte") is not None
    )


def build_glossary(table: Table | None) -> tuple[GlossaryEntry, ...]:
    """The commissioning body's own terms (« Glossaire »), in workbook order."""
    return tuple(
        GlossaryEntry(r.get("terme"), r.get("definition"), r.location, bool(r.get("etranger")))
        for r in records(table)
        if r.get("terme") is not None and r.get("definition") is not None
    )
