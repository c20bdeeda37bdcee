"""Rendering one target to bytes: compose its document, run the right writer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ieg_reports.config import Config
from ieg_reports.model import Workshop
from ieg_reports.pipeline.targets import Target
from ieg_reports.resources import default_templates

if TYPE_CHECKING:
    from ieg_reports.render.common import Writer
    from ieg_reports.style import Style


@dataclass(frozen=True)
class RenderSettings:
    """Where templates and styles come from for one workbook."""

    templates: Path | None
    config: Config


def template_file(settings: RenderSettings, name: str) -> Path:
    """A template or style file: the user's copy if any, else the default."""
    if settings.templates is not None and (settings.templates / name).is_file():
        return settings.templates / name
    return default_templates() / name


def render_target(
    target: Target, workshop: Workshop, settings: RenderSettings
) -> tuple[bytes, list[str]]:
    """The bytes of one output and the warnings met rendering it: compose, assets, write."""
    from ieg_reports.charts.assets import resolve_assets
    from ieg_reports.compose import compose_pack, compose_synthesis
    from ieg_reports.pipeline.slices import slice_for
    from ieg_reports.style import load_style

    style = load_style(template_file(settings, "style.toml"))
    workshop = slice_for(target, workshop)  # the template sees exactly what the key covers
    if target.kind.startswith("programme"):
        from ieg_reports.compose.programme import compose_programme

        document = compose_programme(workshop, settings.templates)
    elif target.theme is None:
        document = compose_synthesis(workshop, settings.templates)
    else:
        document = compose_pack(
            workshop,
            workshop.theme(target.theme),
            settings.templates,
            settings.config.packs_for_all_themes,
        )
    assets = resolve_assets(document, workshop, style)
    data, warnings = writer_for(target, settings, style).write(document, assets)
    return data, warnings + assets.warnings


def writer_for(target: Target, settings: RenderSettings, style: Style) -> Writer:
    """The writer of a target's format."""
    if target.name.endswith(".docx"):
        from ieg_reports.fonts import FACES, font_file
        from ieg_reports.render.docx_writer import DocxWriter

        fonts = {key: font_file(style, key) for key in FACES.values()}
        return DocxWriter(template_file(settings, "reference.docx"), style.colors, fonts)
    from ieg_reports.render.pdf_writer import PdfWriter

    return PdfWriter(style)
