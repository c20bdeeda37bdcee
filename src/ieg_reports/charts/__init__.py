"""Charts drawn from the model natively with reportlab graphics: one function per chart.

Each chart function takes the workshop, the style and the figure's parameters and returns
a reportlab Drawing at print size, its text in the embedded font; the PDF draws it as
vectors, and `raster` turns the same drawing into the PNG of the Word twin.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ieg_reports.charts.families import factors_per_family, keyword_registres
from ieg_reports.charts.matrix import selection_matrix
from ieg_reports.charts.themes import themes_map

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

    from ieg_reports.model import Workshop
    from ieg_reports.style import Style

ChartFunction = Callable[["Workshop", "Style", dict[str, str]], "Drawing"]

CHARTS: dict[str, ChartFunction] = {
    "matrice": selection_matrix,
    "familles": factors_per_family,
    "registres": keyword_registres,
    "themes": themes_map,
}


def inputs_of(name: str, workshop: Workshop) -> tuple[object, ...]:
    """The parts of the model chart `name` reads (its memo key; nothing else can change it)."""
    return (workshop.info.title, *_read_by(name, workshop))  # the title is in the source line


def _read_by(name: str, workshop: Workshop) -> tuple[object, ...]:
    limits = (workshop.scale, workshop.capacity_threshold, workshop.criticality_threshold)
    if name == "matrice":
        return (workshop.families, workshop.factors, limits, workshop.key_rule)
    if name == "familles":
        return (workshop.families, workshop.factors)
    if name == "registres":
        counted = tuple((k.factor.family.code, k.registre) for k in workshop.keywords)
        return (workshop.families, counted)
    if name == "themes":
        return tuple((t.code, t.title, t.axis, t.route) for t in workshop.themes)
    return (workshop,)


def draw(name: str, workshop: Workshop, style: Style, params: dict[str, str]) -> Drawing:
    """Draw the chart `name`; an unknown name is a template error."""
    from ieg_reports.exceptions import TemplateError

    if name not in CHARTS:
        raise TemplateError(f"graphique inconnu « {name} » (connus : {', '.join(CHARTS)})")
    return CHARTS[name](workshop, style, params)
