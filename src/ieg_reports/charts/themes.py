"""The map of themes: one column per axis, a box per theme, coloured by route."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ieg_reports.charts.base import new_figure, wrap

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ieg_reports.model import Theme, Workshop
    from ieg_reports.style import Style

ROUTES = (("rencontre", "Rencontre (événement)"), ("documentaire", "Parcours documentaire"))


def themes_map(workshop: Workshop, style: Style, params: dict[str, str]) -> Figure:
    """Themes grouped by axis, marked « rencontre » or « documentaire »."""
    from matplotlib.patches import FancyBboxPatch, Patch

    axes = list(workshop.axes) or ["—"]
    rows = max((len(workshop.themes_on(a)) for a in axes), default=1) or 1
    fig = new_figure(16, 3.2 + 2.1 * rows)
    ax = fig.add_subplot()
    ax.set_xlim(0, len(axes))
    ax.set_ylim(-rows - 0.2, 0.9)
    ax.axis("off")
    for col, axis in enumerate(axes):
        ax.text(
            col + 0.5,
            0.45,
            wrap(axis, 26),
            ha="center",
            va="center",
            fontsize=8.5,
            fontweight="bold",
            color=style.color("primary"),
        )
        for row, theme in enumerate(workshop.themes_on(axis)):
            _box(ax, FancyBboxPatch, col, row, theme, style)
    handles = [Patch(facecolor=style.color(k), label=label) for k, label in ROUTES]
    fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=7, frameon=False)
    return fig


def _box(ax: Axes, patch: type, col: int, row: int, theme: Theme, style: Style) -> None:
    color = style.color(theme.route)
    y = -row - 0.95
    box = patch(
        (col + 0.05, y),
        0.9,
        0.86,
        boxstyle="round,pad=0.0,rounding_size=0.05",
        facecolor=color,
        edgecolor="white",
        lw=0,
    )
    ax.add_patch(box)
    title = theme.title if len(theme.title) <= 90 else theme.title[:87].rstrip() + "…"
    ax.text(
        col + 0.5,
        y + 0.78,
        theme.code,
        ha="center",
        va="top",
        fontsize=8,
        fontweight="bold",
        color="white",
        bbox={"boxstyle": "round,pad=0.2", "fc": color, "ec": "none"},
    )
    route = "RENCONTRE" if theme.route == "rencontre" else "DOCUMENTAIRE"
    ax.text(col + 0.92, y + 0.8, route, ha="right", va="top", fontsize=4.6, color="white")
    ax.text(
        col + 0.5,
        y + 0.4,
        wrap(title, 32),
        ha="center",
        va="center",
        fontsize=6.2,
        color="white",
        linespacing=1.15,
        bbox={"boxstyle": "round,pad=0.2", "fc": color, "ec": "none"},
    )
