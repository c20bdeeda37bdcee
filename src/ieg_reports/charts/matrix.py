"""The selection matrix: capacity to act × criticality, with the zone of the thresholds.

Families differ by marker shape as well as colour (readable in greyscale); the nature of a
factor by its fill (macro-déterminant filled, signal faible hollow). Labelled factors carry
their code, placed where it hides no other label or marker, and a key below names them.
When the « Facteur clé » column decided the selection, the factors retained below the
thresholds and those left out above them are marked and listed apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Rect
from reportlab.lib.colors import Color, HexColor, white

from ieg_reports.charts.base import (
    MIN_TEXT,
    SHAPES,
    TEXT,
    Kit,
    Swatch,
    axis_ticks,
    legend,
    line,
    marker,
    number,
    source_line,
)
from ieg_reports.charts.labels import Box, leader, place_labels
from ieg_reports.model import Factor, Workshop
from ieg_reports.style import Style

MAX_LABELS = 40  # beyond that, codes would hide the points: the key says where to look
PLOT = 262.0  # side of the square plot, in points, at the widest
LEFT = 40.0
GREY = HexColor("#C4C4C4")
COLUMN_NOTE = (
    (
        "Les facteurs-clés sont ceux que l’atelier a retenus (colonne « Facteur clé »), "
        "pas ceux du quadrant « Au-dessus des deux seuils »."
    )
    .replace("« ", "«\u00a0")
    .replace(" »", "\u00a0»")
)
QUADRANTS = (("À surveiller", 0, 1), ("Leviers", 1, 0), ("Secondaires", 0, 0))
SECTIONS = {
    "cle": "Facteurs-clés",
    "sous": "Retenus malgré des notes sous un seuil",
    "ecarte": "Non retenus malgré des notes au-dessus des seuils",
    "theme": "Facteurs du thème",
}


@dataclass(frozen=True)
class Point:
    """One rated factor as the chart shows it."""

    factor: Factor
    x: float
    y: float
    status: str  # cle, sous, ecarte, theme, autre, gris


def selection_matrix(workshop: Workshop, style: Style, params: dict[str, str]) -> Drawing:
    """The matrix; `surligner=F01,F02` shows those factors in colour and greys the others."""
    kit = Kit(style)
    highlight = {c.strip() for c in params.get("surligner", "").split(",") if c.strip()}
    points = classify(workshop, highlight)
    labelled = [p for p in points if p.status in SECTIONS]
    key_lines, key_height = _key(kit, labelled)
    by_column = workshop.key_rule == "colonne"
    bottom = key_height + 34  # the key, the axis title
    plot = min(PLOT, round(kit.wide * 0.58))
    drawing = Drawing(kit.wide, bottom + plot + 8)
    frame = _Frame(workshop, bottom, plot)
    drawing.add(_background(kit, workshop, frame, points, highlight))
    drawing.add(_markers(kit, workshop, frame, points))
    if len(labelled) <= MAX_LABELS:
        drawing.add(_labels(kit, frame, points, labelled))
    drawing.add(_side_legend(kit, workshop, frame, points, bool(highlight)))
    key_lines.translate(0, bottom - 34)
    drawing.add(key_lines)
    source = f"Source : {workshop.info.title}, moyennes des notes des participants."
    return source_line(drawing, *([f"Note : {COLUMN_NOTE}"] if by_column else []), source)


def classify(workshop: Workshop, highlight: set[str]) -> list[Point]:
    """Each rated factor with what the chart must say about it."""
    cap, crit = workshop.capacity_threshold, workshop.criticality_threshold
    by_column = workshop.key_rule == "colonne"
    out = []
    for f in workshop.factors:
        if f.rating is None:
            continue
        high = f.rating.capacity >= cap and f.rating.criticality >= crit
        if highlight:
            status = "theme" if f.code in highlight else "gris"
        elif f.is_key:
            status = "sous" if by_column and not high else "cle"
        else:
            status = "ecarte" if by_column and high else "autre"
        out.append(Point(f, f.rating.capacity, f.rating.criticality, status))
    return out


class _Frame:
    """Data to points: the square plot with a little room around the scale."""

    def __init__(self, workshop: Workshop, bottom: float, plot: float) -> None:
        self.plot = plot
        low, high = workshop.scale.low, workshop.scale.high
        pad = (high - low) * 0.05
        self.low, self.high, self.span = low - pad, high + pad, high - low + 2 * pad
        self.left, self.bottom = LEFT, bottom
        self.right, self.top = LEFT + plot, bottom + plot

    def x(self, value: float) -> float:
        """Capacity to act → x."""
        return self.left + (value - self.low) / self.span * self.plot

    def y(self, value: float) -> float:
        """Criticality → y."""
        return self.bottom + (value - self.low) / self.span * self.plot


def _background(
    kit: Kit, workshop: Workshop, fr: _Frame, points: list[Point], highlight: set[str]
) -> Group:
    """The zone of the thresholds, the frame, the axes and the names of the quadrants."""
    cx, cy = fr.x(workshop.capacity_threshold), fr.y(workshop.criticality_threshold)
    muted = kit.color("muted")
    zone = Rect(cx, cy, fr.right - cx, fr.top - cy, fillColor=kit.color("box"), strokeWidth=0)
    zone.strokeColor = None
    group = Group(zone)
    group.add(
        Rect(fr.left, fr.bottom, fr.plot, fr.plot, fillColor=None, strokeColor=kit.color("rule"))
    )
    group.add(line(cx, fr.bottom, cx, fr.top, muted, 0.7, (3, 2)))
    group.add(line(fr.left, cy, fr.right, cy, muted, 0.7, (3, 2)))
    group.add(_axes(kit, workshop, fr))
    # DOMAIN.md: the quadrant is « Facteurs-clés » when the thresholds decide; when the
    # column decides, it only locates the ratings (the source line says so).
    name = "Au-dessus des deux seuils" if workshop.key_rule == "colonne" else "Facteurs-clés"
    primary = kit.color("primary")
    group.add(kit.text(fr.right - 4, fr.top - 11, name, 8, bold=True, anchor="end", color=primary))
    for name, right, top in QUADRANTS:
        x = fr.right - 4 if right else fr.left + 4
        y = fr.top - 11 if top else fr.bottom + 5
        group.add(kit.text(x, y, name, anchor="end" if right else "start", color=muted))
    return group


def _axes(kit: Kit, workshop: Workshop, fr: _Frame) -> Group:
    """Ticks with French numbers on both axes, and the axis titles."""
    group, muted = Group(), kit.color("muted")
    for tick in axis_ticks(workshop.scale.low, workshop.scale.high):
        group.add(line(fr.x(tick), fr.bottom, fr.x(tick), fr.bottom - 3, muted))
        group.add(kit.text(fr.x(tick), fr.bottom - 11, number(tick), anchor="middle"))
        group.add(line(fr.left, fr.y(tick), fr.left - 3, fr.y(tick), muted))
        group.add(kit.text(fr.left - 5, fr.y(tick) - 2.6, number(tick), anchor="end"))
    title = "Capacité d’agir (moyenne des notes)"
    group.add(kit.text(fr.left + fr.plot / 2, fr.bottom - 24, title, 8, anchor="middle"))
    y_title = kit.text(0, 0, "Criticité (moyenne des notes)", 8, anchor="middle")
    group.add(Group(y_title, transform=(0, 1, -1, 0, fr.left - 24, fr.bottom + fr.plot / 2)))
    return group


def _look(
    kit: Kit, workshop: Workshop, point: Point, families: dict[str, int]
) -> tuple[str, float, Color, Color, float]:
    index = families[point.factor.family.code]
    shape = SHAPES[index % len(SHAPES)]
    if point.status == "gris":
        return shape, 5.0, GREY, GREY, 0.0
    color = HexColor(kit.style.family_color(index))
    big = point.status in ("cle", "sous", "theme")
    size = 8.0 if big else 6.5
    if point.factor.is_weak_signal:  # hollow: the nature shows without colour
        return shape, size, white, color, 1.3
    edge = kit.color("text") if big else white
    return shape, size, color, edge, 0.8 if big else 0.4


def _markers(kit: Kit, workshop: Workshop, fr: _Frame, points: list[Point]) -> Group:
    """Grey points first, drawn once per position; then the others, labelled ones on top."""
    families = {f.code: n for n, f in enumerate(workshop.families)}
    order = {"gris": 0, "autre": 1, "ecarte": 2, "cle": 3, "sous": 3, "theme": 3}
    group, seen = Group(), set()
    for point in sorted(points, key=lambda p: order[p.status]):
        look = _look(kit, workshop, point, families)
        key = (round(point.x, 3), round(point.y, 3), look)
        if key in seen:
            continue
        seen.add(key)
        x, y = fr.x(point.x), fr.y(point.y)
        group.add(marker(look[0], x, y, look[1], look[2], look[3], look[4]))
        if point.status in ("sous", "ecarte"):
            group.add(_ring(kit, x, y, 7.2, [1.6, 1.2] if point.status == "sous" else None))
    return group


def radius(point: Point) -> float:
    """How far a point's marker (and its ring, if any) reaches from its centre."""
    if point.status in ("sous", "ecarte"):
        return 7.6  # the accent ring
    if point.status == "gris":
        return 3.0
    return (8.0 if point.status in ("cle", "theme") else 6.5) * 0.62


def _obstacles(fr: _Frame, points: list[Point]) -> list[Box]:
    """What a label may not cover: every marker and the four quadrant names."""
    boxes = []
    for p in points:
        x, y, r = fr.x(p.x), fr.y(p.y), radius(p)
        boxes.append((x - r, y - r, x + r, y + r))
    return [
        *boxes,
        (fr.right - 120, fr.top - 13, fr.right, fr.top),
        (fr.left, fr.top - 13, fr.left + 70, fr.top),
        (fr.right - 60, fr.bottom, fr.right, fr.bottom + 13),
        (fr.left, fr.bottom, fr.left + 70, fr.bottom + 13),
    ]


def _labels(kit: Kit, fr: _Frame, points: list[Point], labelled: list[Point]) -> Group:
    """The codes of the labelled factors, on a light ground, with leaders when moved."""
    size = MIN_TEXT + 0.5
    boxes = [(kit.width(p.factor.code, size, True) + 2, size + 1.0, 0.0, 0.0) for p in labelled]
    anchors = [(fr.x(p.x), fr.y(p.y)) for p in labelled]
    bounds = (fr.left + 1, fr.bottom + 1, fr.right - 1, fr.top - 1)
    radii = [radius(p) for p in labelled]
    places = place_labels(boxes, anchors, _obstacles(fr, points), bounds, radii)
    group = Group()
    for p, (x, y), (w, h, _, _), (lx, ly, moved), r in zip(
        labelled, anchors, boxes, places, radii, strict=True
    ):
        if moved:
            group.add(_leader(kit, x, y, r, (lx, ly, lx + w, ly + h)))
        ground = Rect(lx, ly, w, h, fillColor=Color(1, 1, 1, 0.85), strokeWidth=0)
        ground.strokeColor = None
        group.add(ground)
        color = kit.color("muted") if p.status == "ecarte" else kit.color("text")
        group.add(kit.text(lx + 1, ly + 2, p.factor.code, size, bold=True, color=color))
    return group


def _leader(kit: Kit, x: float, y: float, r: float, box: Box) -> Group:
    """A hairline from the edge of a point's marker to its label."""
    _, _, ex, ey = leader(x, y, box)
    length = math.hypot(ex - x, ey - y) or 1.0
    sx, sy = x + (ex - x) / length * r, y + (ey - y) / length * r
    return Group(line(sx, sy, ex, ey, kit.color("muted"), 0.4))


def _side_legend(
    kit: Kit, workshop: Workshop, fr: _Frame, points: list[Point], highlight: bool
) -> Group:
    """Families (shape and colour), nature (fill) and the marks, right of the plot."""
    x, width = fr.right + 16, kit.wide - fr.right - 16
    shown = {p.factor.family.code for p in points if p.status != "gris"} if highlight else None
    group, top = _family_legend(kit, workshop, x, width, fr, shown)
    items: list[tuple[Swatch, str]] = [
        (("circle", 7, kit.color("muted"), white, 0.4), "Macro-déterminant (plein)"),
        (("circle", 7, white, kit.color("muted"), 1.3), "Signal faible (creux)"),
    ]
    if highlight:
        items.append((("circle", 5, GREY, GREY, 0.0), "Autres facteurs"))
    marks, height = legend(kit, items, x, top - 6, width)
    group.add(marks)
    top -= height + 8
    for status, dash, text in RINGS:
        if any(p.status == status for p in points):
            group.add(_ring(kit, x + 4.5, top - 5, 5, dash))
            group.add(kit.text(x + 14, top - 7.5, text))
            top -= 13
    return group


RINGS = (
    ("sous", [1.6, 1.2], "Retenu sous un seuil"),
    ("ecarte", None, "Non retenu, notes hautes"),
)


def _ring(kit: Kit, x: float, y: float, r: float, dash: list[float] | None) -> Circle:
    """The accent ring of a factor the selection treats apart (dashed: retained below)."""
    ring = Circle(x, y, r, fillColor=None, strokeColor=kit.color("accent"), strokeWidth=0.8)
    ring.strokeDashArray = dash
    return ring


def _family_legend(
    kit: Kit, workshop: Workshop, x: float, width: float, fr: _Frame, shown: set[str] | None
) -> tuple[Group, float]:
    """Each family shown, with its marker, as many as fit beside the plot."""
    group, top = Group(kit.text(x, fr.top - 8, "Familles", 8, bold=True)), fr.top - 14
    for n, family in enumerate(workshop.families):
        if shown is not None and family.code not in shown:
            continue
        lines = kit.wrap(family.name, width - 14)
        if top - len(lines) * 9 < fr.bottom + 60:
            group.add(kit.text(x + 14, top - 8, "… et d’autres familles", italic=True))
            return group, top - 10
        color = HexColor(kit.style.family_color(n))
        group.add(marker(SHAPES[n % len(SHAPES)], x + 4.5, top - 5.5, 7, color, white, 0.4))
        group.add(kit.lines(x + 14, top + 0.5, lines, TEXT, 9))
        top -= len(lines) * 9 + 3
    return group, top


Entry = tuple[str, list[str], bool]  # code, lines, is a section title


def _key(kit: Kit, labelled: list[Point]) -> tuple[Group, float]:
    """The labelled factors by code, in two balanced columns under the plot, by section."""
    group, gap = Group(), 14.0
    column = (kit.wide - gap) / 2
    if len(labelled) > MAX_LABELS:
        text = (
            f"{len(labelled)} facteurs à signaler : trop pour les étiqueter ici, voir le tableau."
        )
        group.add(kit.text(0, -TEXT, text))
        return group, 12.0
    code_width = max((kit.width(p.factor.code, TEXT, True) for p in labelled), default=0) + 5
    entries = _key_entries(kit, labelled, column, code_width)
    heights = [len(lines) * 9 + 2 for _, lines, _ in entries]
    split, acc = len(entries), 0.0
    for n, h in enumerate(heights):
        if acc + h / 2 > sum(heights) / 2:
            split = n
            break
        acc += h
    for col, chunk in enumerate((entries[:split], entries[split:])):
        x, top = col * (column + gap), 0.0
        for code, lines, is_title in chunk:
            if is_title:
                primary = kit.color("primary")
                group.add(kit.lines(x, top - 1, lines, TEXT, 9, bold=True, color=primary))
            else:
                group.add(kit.text(x, top - TEXT, code, TEXT, bold=True))
                group.add(kit.lines(x + code_width, top, lines, TEXT, 9))
            top -= len(lines) * 9 + 2
    return group, max(sum(heights[:split]), sum(heights[split:]))


def _key_entries(kit: Kit, labelled: list[Point], column: float, code_width: float) -> list[Entry]:
    """Section titles and factors (code and wrapped label), in the order of SECTIONS."""
    entries: list[Entry] = []
    for status, title in SECTIONS.items():
        chosen = sorted((p for p in labelled if p.status == status), key=lambda p: p.factor.code)
        if chosen:
            entries.append(("", kit.wrap(title, column, TEXT, bold=True), True))
        for p in chosen:
            entries.append((p.factor.code, kit.wrap(p.factor.label, column - code_width), False))
    return entries
