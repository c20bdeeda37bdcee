"""Style settings from `templates/style.toml` (or a user's copy): fonts, sizes, colours."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ieg_reports.exceptions import ConfigError

STYLE_NAME = "style.toml"


@dataclass(frozen=True)
class Style:
    """The parsed style file: plain dictionaries of strings and numbers."""

    fonts: dict[str, str]
    sizes: dict[str, float]
    page: dict[str, float]
    colors: dict[str, str]
    families: tuple[str, ...]
    registres: tuple[str, ...]
    path: Path

    def color(self, name: str) -> str:
        """A named colour (#RRGGBB)."""
        return self.colors[name]

    def family_color(self, index: int) -> str:
        """The colour of the n-th family (the palette cycles)."""
        return self.families[index % len(self.families)]


def style_path(folder: Path | None, default: Path) -> Path:
    """The user's style file when they have one, else the default."""
    if folder is not None and (folder / STYLE_NAME).is_file():
        return folder / STYLE_NAME
    return default / STYLE_NAME


def load_style(path: Path) -> Style:
    """Read and check a style file."""
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
        palette = data["palette"]
        return Style(
            dict(data["fonts"]),
            {k: float(v) for k, v in data["sizes"].items()},
            {k: float(v) for k, v in data["page"].items()},
            dict(data["colors"]),
            tuple(palette["families"]),
            tuple(palette["registres"]),
            path,
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path} : fichier de style invalide ({exc})") from exc
