"""The map of themes: a column per axis, a box per theme with its full title, the route
shown by the box (filled for the event, outlined for the documentary route) and in words."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, Rect
from reportlab.lib.colors import white

from ieg_reports.charts.base import (
    MAX_HEIGHT,
    Kit,
    Swatch,
    legend,
    number,
    source_line,
)
from ieg_reports.model import Theme, Workshop
from ieg_reports.style import Style

ROUTES = {"rencontre": "Rencontre", "documentaire": "Documentaire"}
LEGEND = (("rencontre", "Rencontre (événement)"), ("documentaire", "Parcours documentaire"))
GAP = 10.0
PER_BAND = 3  # axes side by side; more axes go to a band below
# The cards' type: Lato's small x-height reads smaller than its size, so a size above the
# 7 pt floor, even on the narrowest page measure.
CARD_TEXT, CARD_LEADING = 8.0, 10.0


def themes_map(workshop: Workshop, style: Style, params: dict[str, str]) -> Drawing:
    """Themes grouped by axis, marked « rencontre » or « documentaire »."""
    kit = Kit(style)
    axes = list(workshop.axes)
    bands = [axes[i : i + PER_BAND] for i in range(0, len(axes), PER_BAND)] or [[]]
    budget = (MAX_HEIGHT - 40) / len(bands)
    parts = [_band(kit, workshop, band, len(bands[0]), budget) for band in bands]
    height = 40 + sum(h for _, h in parts) + GAP * (len(parts) - 1)
    drawing = Drawing(kit.wide, height)
    items: list[tuple[Swatch, str]] = [
        (
            ("square", 8, kit.color(k), kit.color(k), 0.5)
            if k == "rencontre"
            else ("square", 8, white, kit.color(k), 1.2),
            label,
        )
        for k, label in LEGEND
    ]
    keys, _ = legend(kit, items, 0, height - 2, kit.wide)
    drawing.add(keys)
    top = height - 20
    for group, h in parts:
        group.translate(0, top)
        drawing.add(group)
        top -= h + GAP
    return source_line(drawing, f"Source : {workshop.info.title}.")


def _band(
    kit: Kit, workshop: Workshop, axes: list[str], columns: int, budget: float
) -> tuple[Group, float]:
    """One row of axis columns, hanging from y = 0; returns it and its height."""
    width = (kit.wide - GAP * (columns - 1)) / max(columns, 1)
    heads = [kit.wrap(axis, width, 8, bold=True) for axis in axes]
    head = max((len(h) for h in heads), default=1) * 10 + 4
    group, used = Group(), float(head)
    for n, (axis, lines) in enumerate(zip(axes, heads, strict=True)):
        x = n * (width + GAP)
        group.add(kit.lines(x, 0, lines, 8, 10, bold=True, color=kit.color("primary")))
        used = max(
            used,
            _column(kit, workshop.themes_on(axis), x, -head, width, budget - head, group) + head,
        )
    return group, used


def _column(
    kit: Kit,
    themes: tuple[Theme, ...],
    x: float,
    top: float,
    width: float,
    room: float,
    group: Group,
) -> float:
    """The boxes of one axis, as many as fit in `room`; returns the height used."""
    used = 0.0
    for n, theme in enumerate(themes):
        lines = kit.wrap(theme.title, width - 12, CARD_TEXT)
        h = 19 + len(lines) * CARD_LEADING + 4
        if used + h > room and n:
            group.add(
                kit.text(
                    x, top - used - 9, f"… et {number(len(themes) - n)} autres thèmes", italic=True
                )
            )
            return used + 12
        group.add(_box(kit, theme, lines, x, top - used - h, width, h))
        used += h + 5
    return used


def _box(
    kit: Kit, theme: Theme, lines: list[str], x: float, y: float, width: float, h: float
) -> Group:
    color = kit.color(theme.route) if theme.route in ROUTES else kit.color("muted")
    filled = theme.route == "rencontre"
    ink = white if filled else kit.color("text")
    group = Group()
    group.add(
        Rect(
            x,
            y,
            width,
            h,
            rx=3,
            ry=3,
            fillColor=color if filled else white,
            strokeColor=color,
            strokeWidth=0.5 if filled else 1.2,
        )
    )
    group.add(kit.text(x + 6, y + h - 12, theme.code, 8, bold=True, color=ink if filled else color))
    route = ROUTES.get(theme.route, theme.route)
    group.add(
        kit.text(
            x + width - 6, y + h - 12, route, 7.5, anchor="end", color=ink if filled else color
        )
    )
    group.add(kit.lines(x + 6, y + h - 17, lines, CARD_TEXT, CARD_LEADING, color=ink))
    return group
