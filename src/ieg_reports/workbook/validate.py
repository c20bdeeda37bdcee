"""Stage 2b, validate: check references and rules across records, and assemble the model.

Invalid records are left out of the model but reported; the model is always built so the
summary can be shown, and the caller decides from the problems whether to go on.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ieg_reports.config import Config
from ieg_reports.model import (
    Effect,
    Factor,
    Family,
    Keyword,
    Participant,
    RatingSummary,
    Resource,
    Theme,
    Workshop,
    WorkshopInfo,
)
from ieg_reports.problems import Location, Problems
from ieg_reports.workbook.normalise import Normalised, Record, Table
from ieg_reports.workbook.programme import check_event, read_programme
from ieg_reports.workbook.schema import (
    CATEGORIES_BY_TYPE,
    CATEGORY,
    EFFECT_TYPE,
    OPTIONAL_SHEETS,
    SHEETS_BY_KEY,
)
from ieg_reports.workbook.text import fold, fold_plural

T = TypeVar("T")
REQUIRED_SHEETS = ("atelier", "familles", "facteurs", "themes")
_NBSP = "\u00a0"


def q(text: object) -> str:
    """French quotes with no-break spaces."""
    return f"«{_NBSP}{text}{_NBSP}»"


@dataclass
class Index(Generic[T]):
    """Objects by folded code (and optionally name), for tolerant references."""

    what: str
    feminine: bool = False
    by_key: dict[str, T] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    # Codes of rows that exist but were rejected: their errors are already reported.
    broken: set[str] = field(default_factory=set)

    def add(self, obj: T, *names: str) -> None:
        """Register an object under its code and other names."""
        for name in names:
            self.by_key.setdefault(fold_plural(name), obj)
            self.names.append(name)

    def reject(self, record: Record) -> None:
        """Remember a row left out of the model, so references to it stay quiet."""
        for key in ("code", "nom"):
            if record.get(key):
                self.broken.add(fold_plural(record.get(key)))

    def lookup(self, record: Record, key: str, problems: Problems) -> T | None:
        """The object a record's cell names (None when the cell is empty or unknown)."""
        text = record.get(key)
        return self.resolve(text, record.at(key), problems) if text is not None else None

    def resolve(self, text: str, location: Location, problems: Problems) -> T | None:
        """The object `text` names, or an error with the closest known value."""
        found = self.by_key.get(fold_plural(text))
        if found is None and fold_plural(text) not in self.broken:
            close = difflib.get_close_matches(text, self.names, n=1, cutoff=0.5)
            pronoun = "elle" if self.feminine else "il"
            hint = (
                f"vouliez-vous dire {q(close[0])}{_NBSP}?"
                if close
                else (f"vérifiez le code : {pronoun} doit figurer dans la feuille des {self.what}s")
            )
            unknown = "inconnue" if self.feminine else "inconnu"
            problems.error(location, f"{self.what} {q(text)} {unknown}", hint)
        return found


def validate(norm: Normalised, config: Config) -> tuple[Workshop, Problems]:
    """Check the normalised tables and build the workshop model."""
    problems = norm.problems
    tables = norm.tables
    _check_sheets(norm, problems)
    info = _info(norm, problems)
    families = _families(tables.get("familles"), problems)
    ratings = _ratings(
        tables.get("evaluations"), _factor_codes(tables.get("facteurs")), config, problems
    )
    factors, rule = _factors(tables.get("facteurs"), families, ratings, config, problems)
    keywords = _keywords(tables.get("mots_cles"), factors, problems)
    effects = _effects(tables.get("effets"), factors, problems)
    themes = _themes(tables.get("themes"), factors, problems)
    resources = _resources(tables.get("ressources"), themes, problems)
    participants = _participants(tables.get("participants"), themes, problems)
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
    )
    _check_documentary(workshop, problems, norm)
    check_event(workshop, norm, problems)
    return workshop, problems


def _check_sheets(norm: Normalised, problems: Problems) -> None:
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
                    where, "feuille absente", f"les documents n'auront pas de {sheet.label.lower()}"
                )
        elif not table.records and key in REQUIRED_SHEETS:
            problems.error(
                table.where(),
                "la feuille ne contient aucune ligne de données",
                f"remplissez la feuille {q(table.name)} sous la ligne d'en-tête",
            )


def _info(norm: Normalised, problems: Problems) -> WorkshopInfo:
    fields = norm.fields
    table = norm.tables.get("atelier")
    for key, label in (("titre", "Titre"), ("date", "Date")):
        if key in fields or table is None:
            continue
        row = next(
            (
                r
                for r in table.records
                if r.get("champ") and fold_plural(r.get("champ")) == fold_plural(label)
            ),
            None,
        )
        if row is not None and "valeur" not in row.failed and key not in norm.failed_fields:
            problems.error(
                row.at("valeur"),
                f"{label} de l'atelier non renseigné",
                "indiquez-le dans la colonne Valeur",
            )
        elif row is None:
            problems.error(
                table.where(),
                f"champ {q(label)} absent",
                f"ajoutez une ligne {q(label)} dans la colonne Champ, avec sa valeur",
            )

    def get(key: str) -> object:
        return fields[key][0] if key in fields else None

    date = get("date")
    return WorkshopInfo(
        title=str(get("titre") or ""),
        date=date if isinstance(date, dt.date) else dt.date(1970, 1, 1),
        **{
            attr: get(key)
            for attr, key in (  # type: ignore[arg-type]
                ("place", "lieu"),
                ("sponsor", "commanditaire"),
                ("facilitator", "animation"),
                ("phase", "phase"),
                ("version", "version"),
                ("event", "evenement"),
                ("event_date", "evenement_date"),
                ("event_place", "evenement_lieu"),
                ("link", "lien"),
                ("event_link", "evenement_lien"),
                ("contact", "contact"),
                ("notice", "mention"),
                ("event_address", "evenement_adresse"),
                ("event_start", "evenement_debut"),
                ("event_end", "evenement_fin"),
                ("event_registration", "evenement_inscription"),
                ("event_contact", "evenement_contact"),
            )
        },
    )


class UniqueIndex(Index[T]):
    """An index that also keeps its objects once, in order."""

    def by_key_unique(self) -> list[T]:
        """The objects in insertion order, each once."""
        seen: dict[int, T] = {}
        for obj in self.by_key.values():
            seen.setdefault(id(obj), obj)
        return list(seen.values())


def _unique_code(record: Record, seen: dict[str, int], problems: Problems) -> str | None:
    """The record's code, or None (and an error) when it repeats an earlier one."""
    code = record.get("code")
    if code is None:
        return None
    first = seen.setdefault(fold(code), record.location.row or 0)
    if first != record.location.row:
        problems.error(
            record.at("code"),
            f"code {q(code)} en double (déjà ligne {first})",
            "donnez à chaque ligne un code unique",
        )
        return None
    return str(code)


def _records(table: Table | None) -> list[Record]:
    return table.records if table is not None else []


def _families(table: Table | None, problems: Problems) -> UniqueIndex[Family]:
    index: UniqueIndex[Family] = UniqueIndex("famille", feminine=True)
    seen: dict[str, int] = {}
    for record in _records(table):
        code = _unique_code(record, seen, problems)
        if code is None or record.get("nom") is None:
            index.reject(record)
            continue
        family = Family(code, record.get("nom"), record.get("description"), record.location)
        index.add(family, code, family.name)
    return index


def _factor_codes(table: Table | None) -> dict[str, str]:
    return {fold_plural(r.get("code")): r.get("code") for r in _records(table) if r.get("code")}


def _ratings(
    table: Table | None, codes: dict[str, str], config: Config, problems: Problems
) -> dict[str, RatingSummary]:
    """Aggregate the ratings of each factor, checking the scale."""
    scores: dict[str, list[tuple[float, float]]] = {}
    index: Index[str] = Index("facteur")
    for folded, code in codes.items():
        index.by_key[folded] = code
        index.names.append(code)
    for record in _records(table):
        pair = [_on_scale(record, key, config, problems) for key in ("capacite_agir", "criticite")]
        found = index.lookup(record, "facteur", problems)
        if found is not None and pair[0] is not None and pair[1] is not None:
            scores.setdefault(found, []).append((pair[0], pair[1]))
    return {code: summarise(values) for code, values in scores.items()}


def _on_scale(record: Record, key: str, config: Config, problems: Problems) -> float | None:
    value = record.get(key)
    low, high = config.scale.low, config.scale.high
    if value is not None and not low <= value <= high:
        problems.error(
            record.at(key),
            f"note {value:g} hors de l'échelle {low:g} à {high:g}",
            f"saisissez une note entre {low:g} et {high:g} (réglable dans ieg-reports.toml)",
        )
        return None
    return float(value) if value is not None else None


def summarise(values: list[tuple[float, float]]) -> RatingSummary:
    """Mean, range and standard deviation of (capacity, criticality) pairs."""
    caps = [v[0] for v in values]
    crits = [v[1] for v in values]
    spread = statistics.pstdev
    return RatingSummary(
        len(values),
        round(statistics.fmean(caps), 6),
        round(statistics.fmean(crits), 6),
        min(caps),
        max(caps),
        min(crits),
        max(crits),
        round(spread(caps), 6),
        round(spread(crits), 6),
    )


def _is_high(rating: RatingSummary | None, config: Config) -> bool:
    return (
        rating is not None
        and rating.capacity >= config.capacity_threshold
        and rating.criticality >= config.criticality_threshold
    )


def _factors(
    table: Table | None,
    families: Index[Family],
    ratings: dict[str, RatingSummary],
    config: Config,
    problems: Problems,
) -> tuple[UniqueIndex[Factor], str]:
    index: UniqueIndex[Factor] = UniqueIndex("facteur")
    records = _records(table)
    by_column = any(r.get("facteur_cle") is not None for r in records)
    seen: dict[str, int] = {}
    for record in records:
        code = _unique_code(record, seen, problems)
        family = families.lookup(record, "famille", problems)
        if code is None or family is None or record.get("libelle") is None or record.failed:
            index.reject(record)
            continue
        rating = ratings.get(code)
        is_key = bool(record.get("facteur_cle")) if by_column else _is_high(rating, config)
        if by_column:
            _check_key_flag(record, is_key, rating, config, problems)
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


def _check_key_flag(
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
    scores = f"capacité d'agir {rating.capacity:.1f}, criticité {rating.criticality:.1f}".replace(
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
    elif not is_key and _is_high(rating, config):
        problems.warning(
            record.at("facteur_cle"),
            f"non retenu alors que ses notes sont élevées ({scores})",
            "vérifiez ce choix ou marquez-le « oui » dans la colonne Facteur clé",
        )


def _keywords(
    table: Table | None, factors: Index[Factor], problems: Problems
) -> tuple[Keyword, ...]:
    """Keywords with per-factor duplicates merged and near-identical spellings grouped."""
    kept: list[tuple[Factor, str, str, Record]] = []
    seen: dict[tuple[str, str], Record] = {}
    for record in _records(table):
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


def _effects(table: Table | None, factors: Index[Factor], problems: Problems) -> tuple[Effect, ...]:
    effects = []
    for record in _records(table):
        factor = factors.lookup(record, "facteur", problems)
        kind, category = record.get("type"), record.get("categorie")
        if not _category_fits(record, kind, category, problems):
            continue
        if factor is None or kind is None or record.get("libelle") is None:
            continue
        if not factor.is_key:
            problems.warning(
                record.at("facteur"),
                f"{factor.code} n'est pas un facteur-clé",
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


def _category_fits(
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


def _themes(table: Table | None, factors: Index[Factor], problems: Problems) -> UniqueIndex[Theme]:
    index: UniqueIndex[Theme] = UniqueIndex("thème")
    seen: dict[str, int] = {}
    for record in _records(table):
        code = _unique_code(record, seen, problems)
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
                f"le thème {code} n'indique aucun facteur",
                "citez les codes des facteurs-clés dont il est issu, séparés par des virgules",
            )
        for factor in resolved:
            if not factor.is_key:
                problems.warning(
                    record.at("facteurs"),
                    f"{factor.code} n'est pas un facteur-clé",
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


def _resources(
    table: Table | None, themes: Index[Theme], problems: Problems
) -> tuple[Resource, ...]:
    from ieg_reports.workbook.cells import is_safe_url

    resources = []
    for record in _records(table):
        theme = themes.lookup(record, "theme", problems)
        url = record.get("url")
        if url is not None and not is_safe_url(url):
            problems.warning(
                record.at("url"),
                f"lien {q(url)} non cliquable (seuls http, https et mailto le sont)",
                "ce lien sera imprimé comme simple texte, sans être cliquable"
                if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I)
                else "écrivez l'adresse complète, par exemple https://www.exemple.fr/etude",
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


def _participants(
    table: Table | None, themes: Index[Theme], problems: Problems
) -> tuple[Participant, ...]:
    people = []
    emails: dict[str, int] = {}
    for record in _records(table):
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
        _check_email(record, emails, problems)
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


def _check_email(record: Record, emails: dict[str, int], problems: Problems) -> None:
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
            "vérifiez qu'il ne s'agit pas d'un doublon",
        )


def _check_documentary(workshop: Workshop, problems: Problems, norm: Normalised) -> None:
    """Every documentary theme should have resources to put in its pack."""
    if "ressources" not in norm.tables:
        return
    for theme in workshop.themes:
        if theme.is_documentary and not workshop.resources_of(theme):
            problems.warning(
                theme.location.at("code", None),
                f"le thème {theme.code} (documentaire) n'a aucune ressource",
                "ajoutez des ressources dans la feuille Ressources : son dossier serait vide",
            )
