"""The selection matrix: capacity to act × criticality, with the zone of the thresholds.

Families differ by marker shape as well as colour (readable in greyscale); the nature of a
factor by its fill (macro-déterminant filled, signal faible hollow). Labelled factors carry
their code, placed where it hides no other label or marker (charts.labels); a code that
finds no such place is located by its notes in a line under the figure, never overlapped.
The factor key naming them is a table the composer sets with the figure
(compose.figure_keys). When the « Facteur clé » column decided the selection, the factors
retained below the thresholds and those left out above them are ringed. Quadrant names go
where no marker is, inside the frame; the shaded zone's name goes to the legend under the
plot when it finds no such place.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

from reportlab.graphics.shapes import Circle, Drawing, Group, Rect, Shape
from reportlab.lib.colors import Color, HexColor, white

from ieg_reports.charts.base import (
    MAX_HEIGHT,
    MIN_TEXT,
    SHAPES,
    TEXT,
    Kit,
    Swatch,
    axis_ticks,
    line,
    marker,
    number,
    source_line,
)
from ieg_reports.charts.labels import Box, Segment, hits, leader, place_labels
from ieg_reports.compose.figure_keys import (
    Point,
    classify,
    highlighted,
    labelled,
    thinned_out,
    wants_key,
)
from ieg_reports.model import Workshop
from ieg_reports.style import Style

__all__ = ["Point", "classify", "place_labels", "selection_matrix"]

MAX_LABELS = 60  # more codes than this never fit the plot: the key alone names them
PLOT = 262.0  # height of the plot, in points, at the widest
LEFT = 40.0
RIGHT = 4.0  # points right of the plot
ROOM = 10.0  # points between the frame and a marker at the end of the scale
TOP = 4.0  # room above the frame, for the top tick number
AXIS = 34.0  # tick numbers and the axis title under the plot
GREY = HexColor("#C4C4C4")
NEUTRAL = HexColor("#6E6E6E")  # the family-neutral grey of the fill legend
COLUMN_NOTE = (
    "Facteurs-clés : ceux que l’atelier a retenus ; la zone ombrée réunit les facteurs "
    "notés au-dessus des deux seuils, retenus ou non (cerclés quand le choix s’en écarte)."
)
# The writers may set the figure after its table when it does not fit the page: no "qui suit".
KEY_NOTE = "Les codes renvoient au tableau des facteurs qui accompagne la figure."
UNPLACED = "Non étiqueté{s} faute de place : {codes}."
UNPLACED_LISTED = 6  # beyond, the note names the codes and the annex gives their notes
THINNED_NOTE = (
    "Seuls les facteurs qui s’écartent de la règle des seuils sont étiquetés : les {n} autres "
    "facteurs-clés sont ceux de la zone ombrée."
)
INSET = 2.5  # points kept clear inside the frame
TITLE_PAD = 2.0  # points kept clear around a quadrant name
QUADRANTS = (("À surveiller", 0, 1), ("Leviers", 1, 0), ("Secondaires", 0, 0))


def selection_matrix(workshop: Workshop, style: Style, params: dict[str, str]) -> Drawing:
    """The matrix; `surligner=F01,F02` shows those factors in colour and greys the others;
    `cle=non` when the text, not a key under the figure, names the labelled factors."""
    kit = Kit(style)
    highlight = highlighted(params)
    points = classify(workshop, highlight)
    # As wide as the measure: codes are wider than tall, and a cluster needs room for them.
    width = kit.wide - LEFT - RIGHT
    marks, marks_height, height = _marks_and_height(kit, workshop, points, width)
    room = MAX_HEIGHT - height - AXIS - TOP - marks_height
    families, legend_height = _family_legend(kit, workshop, points, room)
    bottom = legend_height + marks_height + AXIS
    drawing = Drawing(kit.wide, bottom + height + TOP)
    frame = _Frame(workshop, bottom, width, height)
    titles = _quadrant_titles(kit, workshop, frame, points)
    drawing.add(_background(kit, workshop, frame, titles))
    drawing.add(_markers(kit, workshop, frame, points))
    codes, unplaced = _labels(kit, workshop, frame, points, [t[1] for t in titles])
    drawing.add(codes)
    marks.translate(0, legend_height + marks_height)
    families.translate(0, legend_height)
    drawing.add(marks)
    drawing.add(families)
    return source_line(drawing, *_notes(workshop, params, points, unplaced))


def _marks_and_height(
    kit: Kit, workshop: Workshop, points: list[Point], width: float
) -> tuple[Group, float, float]:
    """The legend of the marks, its height, and the plot's: the plot gives the legend its
    room, so that the figure keeps its height on the page. The legend names the shaded
    zone when the plot finds no free place for its name."""
    for zone in (None, zone_name(workshop)):
        marks, marks_height = _marks_legend(
            kit, points, any(p.status == "gris" for p in points), zone
        )
        height = min(PLOT, round(kit.wide * 0.58)) - marks_height
        probe = _Frame(workshop, 0.0, width, height)
        if zone is not None or any(t[2] for t in _quadrant_titles(kit, workshop, probe, points)):
            break
    return marks, marks_height, height


def _notes(
    workshop: Workshop, params: dict[str, str], points: list[Point], unplaced: list[Point]
) -> list[str]:
    """The lines under the caption: how to read the figure, then its source."""
    highlight = highlighted(params)
    notes = [f"Note : {COLUMN_NOTE}"] if workshop.key_rule == "colonne" and not highlight else []
    if thinned_out(points):
        notes.append(THINNED_NOTE.format(n=number(len(thinned_out(points)))))
    if unplaced:
        notes.append(_unplaced_note(unplaced, wants_key(params)))
    if len(unplaced) < len(labelled(points)) and wants_key(params):  # else the text names them
        notes.append(KEY_NOTE)
    return [*notes, f"Source : {workshop.info.title}, moyennes des notes des participants."]


class _Frame:
    """Data to points: the plot, with room for a whole marker at each end of both axes."""

    def __init__(self, workshop: Workshop, bottom: float, width: float, height: float) -> None:
        self.width, self.height = width, height
        low, high = workshop.scale.low, workshop.scale.high
        self.x_low, self.x_span = _padded(low, high, width)
        self.y_low, self.y_span = _padded(low, high, height)
        self.left, self.bottom = LEFT, bottom
        self.right, self.top = LEFT + width, bottom + height

    def x(self, value: float) -> float:
        """Capacity to act → x."""
        return self.left + (value - self.x_low) / self.x_span * self.width

    def y(self, value: float) -> float:
        """Criticality → y."""
        return self.bottom + (value - self.y_low) / self.y_span * self.height


def _padded(low: float, high: float, length: float) -> tuple[float, float]:
    """The scale's low end and span once ROOM points are added at both ends."""
    pad = (high - low) * ROOM / (length - 2 * ROOM)
    return low - pad, high - low + 2 * pad


T = TypeVar("T")
Title = tuple[str, Box, bool]  # text, box, bold


def _background(kit: Kit, workshop: Workshop, fr: _Frame, titles: list[Title]) -> Group:
    """The zone of the thresholds, the frame, the axes and the names of the quadrants."""
    cx, cy = fr.x(workshop.capacity_threshold), fr.y(workshop.criticality_threshold)
    muted = kit.color("muted")
    zone = Rect(cx, cy, fr.right - cx, fr.top - cy, fillColor=kit.color("box"), strokeWidth=0)
    zone.strokeColor = None
    group = Group(zone)
    group.add(
        Rect(fr.left, fr.bottom, fr.width, fr.height, fillColor=None, strokeColor=kit.color("rule"))
    )
    group.add(line(cx, fr.bottom, cx, fr.top, muted, 0.7, (3, 2)))
    group.add(line(fr.left, cy, fr.right, cy, muted, 0.7, (3, 2)))
    group.add(_axes(kit, workshop, fr))
    for text, box, bold in titles:
        color = kit.color("primary") if bold else muted
        group.add(kit.text(box[0], box[1] + 2.5, text, 8 if bold else TEXT, bold=bold, color=color))
    return group


def _quadrant_titles(kit: Kit, workshop: Workshop, fr: _Frame, points: list[Point]) -> list[Title]:
    """Each quadrant's name in the free place of its edges nearest its outer corner; a name
    that finds none is left out (the zone's then goes to the side legend)."""
    cx, cy = fr.x(workshop.capacity_threshold), fr.y(workshop.criticality_threshold)
    # Markers counted by box: factors sharing a position (common on a small rating scale,
    # and at every scale-up) are weighed at once instead of one by one per spot.
    taken = Counter(_marker_box(fr, p, 1.0) for p in points)
    out: list[Title] = []
    for text, right, top in ((zone_name(workshop), 1, 1), *QUADRANTS):
        bold = text == zone_name(workshop)
        w, h = kit.width(text, 8 if bold else TEXT, bold), 10.0
        x0, x1 = (cx, fr.right) if right else (fr.left, cx)
        y0, y1 = (cy, fr.top) if top else (fr.bottom, cy)
        box = _free_spot((x0, y0, x1, y1), w, h, bool(right), bool(top), taken)
        if box is not None:
            taken[box] += 1
            out.append((text, box, bold))
    return out


def zone_name(workshop: Workshop) -> str:
    """The name of the shaded zone above both thresholds."""
    # DOMAIN.md: the quadrant is « Facteurs-clés » when the thresholds decide; when the
    # column decides, it only locates the ratings (the note says so).
    return "Au-dessus des deux seuils" if workshop.key_rule == "colonne" else "Facteurs-clés"


def _free_spot(
    area: Box, w: float, h: float, right: bool, top: bool, taken: Counter[Box]
) -> Box | None:
    """The free box along the area's edges (inside the frame) nearest its outer corner;
    None when every such box covers a marker or another name."""
    x0, y0, x1, y1 = area
    edges = [(y1 - h - 1, 0.0), (y0 + 1, 60.0)] if top else [(y0 + 1, 0.0), (y1 - h - 1, 60.0)]
    spots: list[tuple[float, Box]] = []
    for y, cost in edges:
        for step in range(int(max(0.0, x1 - x0 - w - 6) // 6) + 1):
            x = x1 - 3 - w - step * 6 if right else x0 + 3 + step * 6
            spots.append((cost + step * 6, (x, y, x + w, y + h)))
    free = [s for s in spots if not _covered(s[1], taken)]
    return min(free, key=lambda s: s[0])[1] if free else None


def _covered(box: Box, taken: Counter[Box]) -> int:
    """How many taken boxes (markers, names placed) the box overlaps."""
    return sum(n for other, n in taken.items() if hits(box, other))


def _axes(kit: Kit, workshop: Workshop, fr: _Frame) -> Group:
    """Ticks with French numbers on both axes, and the axis titles."""
    group, muted = Group(), kit.color("muted")
    for tick in axis_ticks(workshop.scale.low, workshop.scale.high):
        group.add(line(fr.x(tick), fr.bottom, fr.x(tick), fr.bottom - 3, muted))
        group.add(kit.text(fr.x(tick), fr.bottom - 11, number(tick), anchor="middle"))
        group.add(line(fr.left, fr.y(tick), fr.left - 3, fr.y(tick), muted))
        group.add(kit.text(fr.left - 5, fr.y(tick) - 2.6, number(tick), anchor="end"))
    title = "Capacité d’agir (moyenne des notes)"
    group.add(kit.text(fr.left + fr.width / 2, fr.bottom - 24, title, 8, anchor="middle"))
    y_title = kit.text(0, 0, "Criticité (moyenne des notes)", 8, anchor="middle")
    group.add(Group(y_title, transform=(0, 1, -1, 0, fr.left - 24, fr.bottom + fr.height / 2)))
    return group


def _look(
    kit: Kit, workshop: Workshop, point: Point, families: dict[str, int]
) -> tuple[str, float, Color, Color, float]:
    if point.status == "gris":  # context only: one grey dot, as its legend shows it
        return "circle", 5.0, GREY, GREY, 0.0
    index = families[point.factor.family.code]
    shape = SHAPES[index % len(SHAPES)]
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
        if families[point.factor.family.code] >= len(SHAPES) and point.status != "gris":
            group.add(_dot(x, y, look[2], look[3]))
        if point.status in ("sous", "ecarte"):
            group.add(_ring(kit, x, y, 7.2, [1.6, 1.2] if point.status == "sous" else None))
    return group


def _dot(x: float, y: float, fill: Color, stroke: Color) -> Circle:
    """The centre dot telling a family from the one whose shape it reuses (beyond twelve)."""
    ink = stroke if fill == white else white
    return Circle(x, y, 1.3, fillColor=ink, strokeColor=None, strokeWidth=0)


def radius(point: Point) -> float:
    """How far a point's marker (and its ring, if any) reaches from its centre."""
    if point.status in ("sous", "ecarte"):
        return 7.6  # the accent ring
    if point.status == "gris":
        return 3.0
    return (8.0 if point.status in ("cle", "theme") else 6.5) * 0.62


def _marker_box(fr: _Frame, p: Point, margin: float = 0.0) -> Box:
    x, y, r = fr.x(p.x), fr.y(p.y), radius(p) + margin
    return (x - r, y - r, x + r, y + r)


def _labels(
    kit: Kit, workshop: Workshop, fr: _Frame, points: list[Point], titles: list[Box]
) -> tuple[Group, list[Point]]:
    """The codes of the labelled factors, with leaders when moved, and the factors whose
    code finds no place clear of every other code, marker and leader (keyed instead)."""
    chosen = labelled(points)
    if len(chosen) > MAX_LABELS:
        return Group(), chosen
    size = MIN_TEXT + 0.5
    boxes = [(kit.width(p.factor.code, size, True) + 2, size + 1.0, 0.0, 0.0) for p in chosen]
    anchors = [(fr.x(p.x), fr.y(p.y)) for p in chosen]
    inset = INSET  # a code on the frame reads as a tick label
    bounds = (fr.left + inset, fr.bottom + inset, fr.right - inset, fr.top - inset)
    pad = TITLE_PAD  # a code flush against a quadrant name reads as part of it
    padded = [(t[0] - pad, t[1] - pad, t[2] + pad, t[3] + pad) for t in titles]
    obstacles = [*(_marker_box(fr, p) for p in points), *padded]
    places = place_labels(
        boxes, anchors, obstacles, bounds, [radius(p) for p in chosen], _thresholds(workshop, fr)
    )
    group, unplaced = Group(), []
    for p, place, (w, h, _, _) in zip(chosen, places, boxes, strict=True):
        if place is None:
            unplaced.append(p)
            continue
        box = (place[0], place[1], place[0] + w, place[1] + h)
        group.add(_code(kit, fr, p, box, place[2], size))
    return group, unplaced


def _unplaced_note(unplaced: list[Point], keyed: bool) -> str:
    """The factors left without a code on the figure, located by their notes (or, when
    many, named, their notes being in the annex)."""
    few = len(unplaced) <= UNPLACED_LISTED
    codes = [
        f"{p.factor.code} ({number(p.x, 1)} ; {number(p.y, 1)})" if few else p.factor.code
        for p in unplaced
    ]
    listed = ", ".join(codes[:-1]) + " et " + codes[-1] if len(codes) > 1 else codes[0]
    note = UNPLACED.format(s="s" if len(codes) > 1 else "", codes=listed)
    if few:
        return note[:-1] + ", entre parenthèses capacité d’agir et criticité."
    return note[:-1] + (" ; leurs notes figurent en annexe." if keyed else ".")


def _thresholds(workshop: Workshop, fr: _Frame) -> tuple[Segment, ...]:
    """The two dashed threshold lines, which a code should not straddle."""
    cx, cy = fr.x(workshop.capacity_threshold), fr.y(workshop.criticality_threshold)
    return ((cx, fr.bottom, cx, fr.top), (fr.left, cy, fr.right, cy))


def _code(kit: Kit, fr: _Frame, p: Point, box: Box, far: bool, size: float) -> Group:
    """A code on a light ground, joined to its marker by a hairline when moved."""
    group = Group()
    if far:
        group.add(_leader(kit, fr.x(p.x), fr.y(p.y), radius(p), box))
    ground = Rect(box[0], box[1], box[2] - box[0], box[3] - box[1], strokeWidth=0)
    ground.fillColor, ground.strokeColor = Color(1, 1, 1, 0.85), None
    group.add(ground)
    color = kit.color("muted") if p.status == "ecarte" else kit.color("text")
    group.add(kit.text(box[0] + 1, box[1] + 2, p.factor.code, size, bold=True, color=color))
    return group


def _leader(kit: Kit, x: float, y: float, r: float, box: Box) -> Group:
    """A hairline from the edge of a point's marker to its label."""
    _, _, ex, ey = leader(x, y, box)
    length = math.hypot(ex - x, ey - y) or 1.0
    sx, sy = x + (ex - x) / length * r, y + (ey - y) / length * r
    return Group(line(sx, sy, ex, ey, kit.color("muted"), 0.4))


def _marks_legend(
    kit: Kit, points: list[Point], highlight: bool, zone: str | None
) -> tuple[Group, float]:
    """Nature (fill), the marks of the selection, and the shaded zone when its name found no
    free place inside the frame, flowing in rows under the plot; the group hangs from
    y = 0 (returns it and its height)."""
    natures = {p.factor.is_weak_signal for p in points if p.status != "gris"}
    items: list[tuple[Mark, str]] = []  # only the natures drawn in colour
    # The fill convention on a neutral mark no family uses in grey: filled or hollow.
    if False in natures:
        items.append((_swatch(("square", 7, NEUTRAL, NEUTRAL, 0.4)), "plein : macro-déterminant"))
    if True in natures:
        items.append((_swatch(("square", 7, white, NEUTRAL, 1.3)), "creux : signal faible"))
    if highlight:
        items.append((_swatch(("circle", 5, GREY, GREY, 0.0)), "Autres facteurs"))
    for status, dash, text in RINGS:
        if any(p.status == status for p in points):
            items.append((_ringed(kit, dash), text))
    if zone is not None:
        items.append((_shaded(kit), f"Zone ombrée : {zone[:1].lower()}{zone[1:]}"))
    return _flow(kit, items)


Mark = Callable[[float, float], Shape]  # draws a legend's mark centred on (x, y)


def _swatch(look: Swatch) -> Mark:
    shape, size, fill, stroke, lw = look  # type: ignore[misc]
    return lambda x, y: marker(shape, x, y, size, fill, stroke, lw)


def _ringed(kit: Kit, dash: list[float] | None) -> Mark:
    return lambda x, y: _ring(kit, x, y, 5, dash)


def _shaded(kit: Kit) -> Mark:
    def draw(x: float, y: float) -> Shape:
        swatch = Rect(x - 4.5, y - 4, 9, 8, fillColor=kit.color("box"))
        swatch.strokeColor, swatch.strokeWidth = kit.color("rule"), 0.4
        return swatch

    return draw


def _flow(kit: Kit, items: list[tuple[Mark, str]]) -> tuple[Group, float]:
    """Mark-and-label pairs in rows across the chart's width, hanging from y = 0."""
    group, x, row, step = Group(), 0.0, 0, 14.0
    for mark, label in items:
        needed = 14 + kit.width(label)
        if x > 0 and x + needed > kit.wide:
            x, row = 0.0, row + 1
        y = -step * row - 8
        group.add(mark(x + 4.5, y + 2.6))
        group.add(kit.text(x + 13, y, label))
        x += needed + 16
    return group, (step * (row + 1) + 6 if items else 0.0)


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
    kit: Kit, workshop: Workshop, points: list[Point], room: float
) -> tuple[Group, float]:
    """Every family drawn in colour, with its marker, in balanced columns under the plot;
    the group hangs from y = 0 (returns it and its height)."""
    drawn = {p.factor.family.code for p in points if p.status != "gris"}
    shown = [(n, f) for n, f in enumerate(workshop.families) if f.code in drawn]
    if not shown:
        return Group(), 0.0
    columns = 1 if len(shown) == 1 else 2 if len(shown) <= 4 else 3
    gap = 12.0
    width = (kit.wide - gap * (columns - 1)) / columns
    entries = [(n, kit.wrap(f.name, width - 14)) for n, f in shown]
    heights = [len(lines) * 9 + 3 for _, lines in entries]
    group = Group(kit.text(0, -10, "Familles", 8, bold=True))
    while len(entries) > 1 and sum(heights) / columns + 30 > room:  # a pathological workbook
        entries, heights = entries[:-1], heights[:-1]
    if len(entries) < len(shown):
        rest = f"… et {number(len(shown) - len(entries))} autres familles, non montrées ici."
        group.add(kit.text(0, -room + 4, rest, italic=True))
    tallest = 0.0
    for col, chunk in enumerate(_balanced(list(zip(entries, heights, strict=True)), columns)):
        tallest = max(tallest, _family_column(kit, group, col * (width + gap), chunk))
    return group, (room if len(entries) < len(shown) else tallest + 4)


def _family_column(
    kit: Kit, group: Group, x: float, chunk: list[tuple[tuple[int, list[str]], float]]
) -> float:
    """One column of the family legend, added to `group`; returns how far down it goes."""
    top = -14.0
    for (n, lines), h in chunk:
        color = HexColor(kit.style.family_color(n))
        group.add(marker(SHAPES[n % len(SHAPES)], x + 4.5, top - 5.5, 7, color, white, 0.4))
        if n >= len(SHAPES):
            group.add(_dot(x + 4.5, top - 5.5, color, white))
        group.add(kit.lines(x + 14, top + 0.5, lines, TEXT, 9))
        top -= h
    return -top


def _balanced(items: list[tuple[T, float]], columns: int) -> list[list[tuple[T, float]]]:
    """`items` in order, cut into `columns` runs of about equal total height."""
    total = sum(h for _, h in items)
    out: list[list[tuple[T, float]]] = [[]]
    acc = 0.0
    for item in items:
        if out[-1] and len(out) < columns and acc + item[1] / 2 > total * len(out) / columns:
            out.append([])
        out[-1].append(item)
        acc += item[1]
    return out
