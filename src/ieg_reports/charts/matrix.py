"""The selection matrix: capacity to act × criticality, quadrants at the thresholds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ieg_reports.charts.base import MARKERS, new_figure, style_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ieg_reports.model import Factor, Workshop
    from ieg_reports.style import Style

MAX_LABELS = 60
MAX_LEGEND_FAMILIES = 12
QUADRANTS = (
    ("Facteurs-clés", 1, 1),
    ("À surveiller", 0, 1),
    ("Leviers", 1, 0),
    ("Secondaires", 0, 0),
)


def selection_matrix(workshop: Workshop, style: Style, params: dict[str, str]) -> Figure:
    """Scatter of rated factors; `surligner=F01,F02` highlights some and greys the others."""
    highlight = {c.strip() for c in params.get("surligner", "").split(",") if c.strip()}
    fig = new_figure(16, 12.5)
    ax = fig.add_subplot()
    low, high = workshop.scale.low, workshop.scale.high
    pad = (high - low) * 0.06
    ax.set_xlim(low - pad, high + pad)
    ax.set_ylim(low - pad, high + pad)
    _quadrants(ax, workshop, style)
    rated = [f for f in workshop.factors if f.rating is not None]
    families = {f.code: n for n, f in enumerate(workshop.families)}
    draw_points(ax, rated, style, families, highlight)
    labelled = [f for f in rated if (f.code in highlight if highlight else f.is_key)]
    if len(labelled) <= MAX_LABELS:  # beyond that, labels would hide the points
        points = [(f.code, f.rating.capacity, f.rating.criticality) for f in labelled if f.rating]
        place_labels(ax, points, high - low)
    ax.set_xlabel("Capacité d'agir (moyenne des notes)", fontsize=8.5)
    ax.set_ylabel("Criticité (moyenne des notes)", fontsize=8.5)
    style_axes(ax, style.color("text"))
    _legend(fig, workshop, style)
    return fig


def _quadrants(ax: Axes, workshop: Workshop, style: Style) -> None:
    cap, crit = workshop.capacity_threshold, workshop.criticality_threshold
    ax.axvline(cap, color=style.color("muted"), lw=0.8, ls="--", zorder=1)
    ax.axhline(crit, color=style.color("muted"), lw=0.8, ls="--", zorder=1)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    ax.axvspan(cap, x1, ymin=(crit - y0) / (y1 - y0), color=style.color("box"), zorder=0)
    for name, right, top in QUADRANTS:
        ax.text(
            x1 - 0.03 if right else x0 + 0.03,
            y1 - 0.03 if top else y0 + 0.03,
            name,
            ha="right" if right else "left",
            va="top" if top else "bottom",
            fontsize=8,
            color=style.color("primary") if right and top else style.color("muted"),
            fontweight="bold" if right and top else "normal",
            zorder=2,
        )


def draw_points(
    ax: Axes, factors: list[Factor], style: Style, families: dict[str, int], highlight: set[str]
) -> None:
    """One scatter call per look; dimmed points drawn once per position (bounded cost)."""
    groups: dict[tuple[str, int, str, str, int], dict[tuple[float, float], None]] = {}
    for factor in factors:
        assert factor.rating is not None
        dimmed = bool(highlight) and factor.code not in highlight
        color = "#C8C8C8" if dimmed else style.family_color(families[factor.family.code])
        size = 46 if (factor.is_key or factor.code in highlight) and not dimmed else 22
        edge = "#222222" if (factor.is_key and not dimmed) else "white"
        look = (color, size, edge, MARKERS.get(factor.nature, "o"), 3 if dimmed else 4)
        groups.setdefault(look, {})[(factor.rating.capacity, factor.rating.criticality)] = None
    for (color, size, edge, marker, order), points in sorted(groups.items(), key=lambda g: g[0][4]):
        xs, ys = zip(*points, strict=True)
        ax.scatter(
            xs, ys, s=size, c=color, marker=marker, edgecolors=edge, linewidths=0.7, zorder=order
        )


def place_labels(
    ax: Axes, points: list[tuple[str, float, float]], span: float
) -> list[tuple[float, float]]:
    """Label points without overlaps: labels repel each other, with a leader when moved."""
    positions = spread_labels([(x, y) for _, x, y in points], span)
    for (code, x, y), (lx, ly) in zip(points, positions, strict=True):
        moved = abs(lx - x) + abs(ly - y) > span * 0.045
        ax.annotate(
            code,
            (x, y),
            (lx, ly),
            fontsize=6.5,
            ha="center",
            va="center",
            zorder=5,
            arrowprops={"arrowstyle": "-", "lw": 0.4, "color": "#555555"} if moved else None,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
        )
    return positions


def spread_labels(
    points: list[tuple[float, float]], span: float, rounds: int = 300
) -> list[tuple[float, float]]:
    """Deterministic repulsion of label boxes (width ≈ 0.075, height ≈ 0.04 of the span)."""
    w, h = span * 0.075, span * 0.042
    pos = [(x + w * 0.55, y + h * 0.7) for x, y in points]
    for _ in range(rounds):
        moved = False
        for i in range(len(pos)):
            for j in range(i + 1, len(pos)):
                dx, dy = pos[j][0] - pos[i][0], pos[j][1] - pos[i][1]
                if abs(dx) < w and abs(dy) < h:
                    push_y = (h - abs(dy)) / 2 + 1e-3
                    sign = 1 if (dy > 0 or (dy == 0 and j > i)) else -1
                    pos[i] = (pos[i][0], pos[i][1] - sign * push_y)
                    pos[j] = (pos[j][0], pos[j][1] + sign * push_y)
                    moved = True
        if not moved:
            break
    return pos


def _legend(fig: Figure, workshop: Workshop, style: Style) -> None:
    from matplotlib.lines import Line2D

    shown = workshop.families[:MAX_LEGEND_FAMILIES]
    handles = [
        Line2D([], [], marker="o", ls="", color=style.family_color(i), label=f.name, markersize=5)
        for i, f in enumerate(shown)
    ]
    if len(workshop.families) > len(shown):
        others = len(workshop.families) - len(shown)
        handles.append(Line2D([], [], ls="", label=f"… et {others} autres familles"))
    handles += [
        Line2D([], [], marker="o", ls="", color="#777777", label="Macro-déterminant", markersize=5),
        Line2D([], [], marker="^", ls="", color="#777777", label="Signal faible", markersize=5),
        Line2D(
            [],
            [],
            marker="o",
            ls="",
            color="white",
            markeredgecolor="#222222",
            label="Facteur-clé (contour)",
            markersize=6,
        ),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=6.5, frameon=False)
