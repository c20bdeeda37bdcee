"""Rendering one target to bytes: compose its document, run the right writer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ieg_reports.config import Config
from ieg_reports.model import Workshop
from ieg_reports.pipeline.targets import Target
from ieg_reports.resources import default_templates

if TYPE_CHECKING:
    from ieg_reports.compose.document import Document
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
    from ieg_reports.pipeline.slices import slice_for
    from ieg_reports.style import load_style

    style = load_style(template_file(settings, "style.toml"))
    whole = workshop
    workshop = slice_for(target, workshop)  # the template sees exactly what the key covers
    key = (target.kind.rsplit("-", 1)[0], target.theme, settings)
    if _LAST_COMPOSED and _LAST_COMPOSED[0] is whole and _LAST_COMPOSED[1] == key:
        document = _LAST_COMPOSED[2]  # the twin just composed it from the same model
    else:
        _LAST_COMPOSED[:] = []  # the previous document may be large: let it go first
        document = _compose(target, workshop, settings)
        _LAST_COMPOSED[:] = [whole, key, document]
    assets = resolve_assets(document, workshop, style)
    data, warnings = writer_for(target, settings, style).write(document, assets)
    return data, warnings + assets.warnings


# The last document composed, with the model and the key it was composed from: a PDF and its
# Word twin, rendered one after the other by the same worker, share one composition. The
# model is held, not its id, so that a new build's model can never be taken for it.
_LAST_COMPOSED: list[Any] = []


def forget_composed() -> None:
    """Drop the last composition (a new batch of targets: templates may have changed)."""
    _LAST_COMPOSED.clear()


def _compose(target: Target, workshop: Workshop, settings: RenderSettings) -> Document:
    """The document of one target, composed from its slice of the model."""
    from ieg_reports.compose import compose_pack, compose_synthesis

    if target.kind.startswith("programme"):
        from ieg_reports.compose.programme import compose_programme

        return compose_programme(workshop, settings.templates)
    if target.theme is None:
        return compose_synthesis(workshop, settings.templates)
    return compose_pack(
        workshop,
        workshop.theme(target.theme),
        settings.templates,
        settings.config.packs_for_all_themes,
    )


def writer_for(target: Target, settings: RenderSettings, style: Style) -> Writer:
    """The writer of a target's format."""
    if target.name.endswith(".docx"):
        from ieg_reports.fonts import FACES, font_file
        from ieg_reports.render.docx_writer import DocxWriter

        fonts = {key: font_file(style, key) for key in FACES.values()}
        reference = template_file(settings, "reference.docx")
        return DocxWriter(
            reference, style.colors, fonts, body_size=style.sizes["body"], style=style
        )
    from ieg_reports.render.pdf_writer import PdfWriter

    return PdfWriter(style)
