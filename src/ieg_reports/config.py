"""`ieg-reports.toml`: optional settings beside the workbook, checked all at once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ieg_reports.exceptions import ConfigError

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
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path.name} illisible : {exc}") from exc
    return parse_config(data, path)


def _number(data: dict[str, Any], key: str, where: str, errors: list[str]) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        errors.append(f"[{where}] {key} doit être un nombre (trouvé : {value!r})")
        return None
    return float(value)


def parse_config(data: dict[str, Any], path: Path) -> Config:
    """Check the parsed TOML; report every error in one message."""
    errors: list[str] = []
    known = {"echelle", "seuils", "documents"}
    errors += [
        f"section inconnue [{k}] (connues : echelle, seuils, documents)"
        for k in data
        if k not in known
    ]
    scale_data = data.get("echelle", {})
    low = _number(scale_data, "min", "echelle", errors)
    high = _number(scale_data, "max", "echelle", errors)
    scale = Scale(low if low is not None else 1.0, high if high is not None else 5.0)
    if scale.low >= scale.high:
        errors.append(f"[echelle] min ({scale.low:g}) doit être inférieur à max ({scale.high:g})")
    thresholds = data.get("seuils", {})
    cap = _number(thresholds, "capacite_agir", "seuils", errors)
    crit = _number(thresholds, "criticite", "seuils", errors)
    for name, value in (("capacite_agir", cap), ("criticite", crit)):
        if value is not None and not scale.low <= value <= scale.high:
            errors.append(
                f"[seuils] {name} = {value:g} sort de l'échelle {scale.low:g}–{scale.high:g}"
            )
    docs = data.get("documents", {})
    templates = docs.get("modeles")
    if templates is not None and not isinstance(templates, str):
        errors.append("[documents] modeles doit être un chemin entre guillemets")
        templates = None
    for_all = docs.get("dossiers_pour_tous_les_themes", False)
    if not isinstance(for_all, bool):
        errors.append("[documents] dossiers_pour_tous_les_themes doit valoir true ou false")
        for_all = False
    if errors:
        raise ConfigError(f"{path.name} : " + " ; ".join(errors))
    folder = path.parent
    return Config(scale, cap, crit, folder / templates if templates else None, for_all, path)
