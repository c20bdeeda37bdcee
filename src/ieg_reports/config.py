"""`ieg-reports.toml`: optional settings beside the workbook, checked against one declared
schema, every error reported at once with its line."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ieg_reports.exceptions import ConfigError
from ieg_reports.suggest import did_you_mean

CONFIG_NAME = "ieg-reports.toml"


@dataclass(frozen=True)
class Scale:
    """The rating scale of both criteria."""

    low: float = 1.0
    high: float = 5.0

    @property
    def midpoint(self) -> float:
        """The middle of the scale, default threshold and quadrant line."""
        return (self.low + self.high) / 2


@dataclass(frozen=True)
class Config:
    """Settings of one workbook; every field has a sensible default."""

    scale: Scale = field(default_factory=Scale)
    threshold_capacity: float | None = None
    threshold_criticality: float | None = None
    templates: Path | None = None
    packs_for_all_themes: bool = False
    source: Path | None = None

    @property
    def capacity_threshold(self) -> float:
        """Capacity-to-act threshold for key factors (default: scale midpoint)."""
        return self.scale.midpoint if self.threshold_capacity is None else self.threshold_capacity

    @property
    def criticality_threshold(self) -> float:
        """Criticality threshold for key factors (default: scale midpoint)."""
        if self.threshold_criticality is None:
            return self.scale.midpoint
        return self.threshold_criticality


def _number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "doit être un nombre, par exemple 3 ou 2.5"
    return None


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "doit valoir true ou false"


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) else 'doit être un chemin entre guillemets, "ainsi"'


@dataclass(frozen=True)
class Setting:
    """One key of the file: its section, name, check and meaning."""

    section: str
    key: str
    check: Callable[[Any], str | None]
    meaning: str


SCHEMA = (
    Setting("echelle", "min", _number, "note la plus basse des deux critères"),
    Setting("echelle", "max", _number, "note la plus haute des deux critères"),
    Setting("seuils", "capacite_agir", _number, "seuil de capacité d’agir des facteurs-clés"),
    Setting("seuils", "criticite", _number, "seuil de criticité des facteurs-clés"),
    Setting("documents", "modeles", _text, "dossier de modèles personnalisés"),
    Setting("documents", "dossiers_pour_tous_les_themes", _boolean, "un dossier par thème"),
)
SECTIONS = tuple(dict.fromkeys(s.section for s in SCHEMA))


def config_path_for(workbook: Path) -> Path:
    """Where the config of a workbook lives: beside it (inside it for a CSV folder)."""
    folder = workbook if workbook.is_dir() else workbook.parent
    return folder / CONFIG_NAME


def load_config(workbook: Path) -> Config:
    """Read the config beside `workbook`, or defaults when there is none."""
    path = config_path_for(workbook)
    if not path.is_file():
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path.name} illisible\u00a0: {exc}") from exc
    return parse_config(data, path, text)


def line_of(text: str, section: str, key: str | None = None) -> int | None:
    """The line of `[section]` (or of `key` inside it) in the file's text."""
    current = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if header := re.fullmatch(r"\[\s*([^\]]+?)\s*\]\s*(#.*)?", stripped):
            current = header[1]
            if key is None and current == section:
                return number
            continue
        # A top-level `section = value` is a section written as a key.
        owner, name = (None, section) if key is None else (section, key)
        if current == owner and re.match(rf"{re.escape(name)}\s*=", stripped):
            return number
    return None


@dataclass
class _Errors:
    """Errors of one file, each prefixed with its line when it can be found."""

    text: str
    found: list[tuple[int, str]] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)

    def add(self, section: str, key: str | None, message: str) -> None:
        """Record one error about `[section] key`."""
        line = line_of(self.text, section, key)
        where = f"ligne {line}, " if line else ""
        name = f"[{section}] {key}" if key else f"[{section}]"
        self.found.append((line or 0, f"{where}{name}\u00a0: {message}"))
        self.keys.add(f"{section}.{key}")

    @property
    def items(self) -> list[str]:
        """The errors in the order of the file."""
        return [text for _, text in sorted(self.found, key=lambda item: item[0])]


def _sections(data: dict[str, Any], errors: _Errors) -> dict[str, dict[str, Any]]:
    """The known sections as tables; unknown or misshapen ones are errors."""
    tables: dict[str, dict[str, Any]] = {}
    for name, value in data.items():
        if name not in SECTIONS:
            hint = did_you_mean(name, SECTIONS, 0.5) or f"connues\u00a0: {', '.join(SECTIONS)}"
            errors.add(name, None, f"section inconnue — {hint}")
        elif not isinstance(value, dict):
            errors.add(name, None, f"doit être une section, écrite [{name}] sur sa propre ligne")
        else:
            tables[name] = value
    return tables


def _values(tables: dict[str, dict[str, Any]], errors: _Errors) -> dict[str, Any]:
    """Every known key's value, checked; unknown keys are errors with a suggestion."""
    values: dict[str, Any] = {}
    for section, table in tables.items():
        keys = [s.key for s in SCHEMA if s.section == section]
        for key, value in table.items():
            setting = next((s for s in SCHEMA if (s.section, s.key) == (section, key)), None)
            if setting is None:
                hint = did_you_mean(key, keys, 0.5) or f"clés connues\u00a0: {', '.join(keys)}"
                errors.add(section, key, f"clé inconnue — {hint}")
            elif (problem := setting.check(value)) is not None:
                shown = f"«\u00a0{value}\u00a0»" if isinstance(value, str) else repr(value)
                errors.add(section, key, f"{problem} (trouvé\u00a0: {shown})")
            else:
                values[f"{section}.{key}"] = value
    return values


def _fr(value: float) -> str:
    """A setting's number as a French reader writes it (2,5)."""
    return f"{value:g}".replace(".", ",")


def _check_ranges(values: dict[str, Any], scale: Scale, errors: _Errors) -> None:
    # A bound already reported as invalid is not compared again (no cascade).
    rejected = {f"echelle.{k}" for k in ("min", "max")} & errors.keys
    if scale.low >= scale.high and not rejected:
        errors.add("echelle", "max", f"doit dépasser min ({_fr(scale.low)})")
    for key in ("capacite_agir", "criticite"):
        value = values.get(f"seuils.{key}")
        if value is not None and not scale.low <= value <= scale.high:
            span = f"{_fr(scale.low)}–{_fr(scale.high)}"
            errors.add("seuils", key, f"{_fr(value)} sort de l’échelle {span}")


def parse_config(data: dict[str, Any], path: Path, text: str = "") -> Config:
    """Check the parsed TOML against the schema; report every error in one message."""
    errors = _Errors(text)
    values = _values(_sections(data, errors), errors)
    scale = Scale(float(values.get("echelle.min", 1.0)), float(values.get("echelle.max", 5.0)))
    _check_ranges(values, scale, errors)
    folder = values.get("documents.modeles")
    templates = path.parent / folder if folder else None
    if templates is not None and not templates.is_dir():
        errors.add("documents", "modeles", f"dossier introuvable ({templates})")
    if errors.items:
        count = len(errors.items)
        title = f"{path.name}\u00a0: {count} erreur{'s' if count > 1 else ''}"
        raise ConfigError(title + "\n  - " + "\n  - ".join(errors.items))
    cap, crit = values.get("seuils.capacite_agir"), values.get("seuils.criticite")
    return Config(
        scale,
        None if cap is None else float(cap),
        None if crit is None else float(crit),
        templates,
        bool(values.get("documents.dossiers_pour_tous_les_themes", False)),
        path,
    )
