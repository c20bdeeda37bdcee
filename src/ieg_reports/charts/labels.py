"""Point labels placed as a cartographer places them: near their point, never on another
label, a marker or another label's leader line, never across another leader.

Each label gets its candidate places: rings around its point, nearest first, that stay
inside the plot and off every marker; beyond the first ring a leader line joins the label
to its point. A candidate costs its distance, plus a penalty when its leader passes over
another marker, when it sits right beside another point (a reader would take it for that
point's), or when it straddles one of the plot's lines. Labels are then placed greedily,
the one with the fewest places left first; each placed label strikes out the places of
the others it would overlap or cross. A label left without a place gets one by moving a
single placed neighbour; failing that it stays unplaced (None): the caller keys it
elsewhere. Nothing placed ever overlaps or crosses: a last check drops any label that
would (none should).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
Segment = tuple[float, float, float, float]  # x0, y0, x1, y1
Place = tuple[float, float, bool]  # lower-left corner, and whether a leader is drawn

# Sixteen directions, the four sides first, then the corners, then the rest.
ANGLES = tuple(math.radians(a) for a in (0, 180, 90, 270, 45, 135, 315, 225)) + tuple(
    math.radians(a) for a in (22.5, 157.5, 337.5, 202.5, 67.5, 112.5, 292.5, 247.5)
)
# Far from its point a label has more room to turn: sixteen more directions there.
FAR_ANGLES = ANGLES + tuple(math.radians(11.25 + 22.5 * n) for n in range(16))
FAR = 15.0  # the gap from which the far directions are tried
GAPS = (1.5, 6.0, 10.0, 15.0, 21.0, 28.0, 36.0, 45.0)  # from the marker's edge
LEADER_FROM = 5.0  # a label further than this from its marker gets a leader line
CROSSING = 45.0  # a leader over a marker is as bad as a label this much further out
BESIDE = 20.0  # a label touching another point's marker: this much further out
ON_LINE = 30.0  # a label straddling a line of the plot: this much further out
TOUCH = 12.0  # a label touching another label: this much further out
STRETCH = 40.0  # the gap at which a place costs twice its distance
MAX_CROSSED = 1  # markers a leader may pass over (its own aside)
KEEP = 160  # the best candidates kept per label: enough to choose, few to compare


def hits(a: Box, b: Box) -> bool:
    """True when two boxes overlap (touching edges do not)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def crosses_box(seg: Segment, box: Box) -> bool:
    """True when the segment passes through the box (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return high - low > 1e-6


def crosses(a: Segment, b: Segment) -> bool:
    """True when two segments cross (strictly)."""

    def side(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    p1, p2, p3, p4 = (a[0], a[1]), (a[2], a[3]), (b[0], b[1]), (b[2], b[3])
    d1, d2 = side(p3, p4, p1), side(p3, p4, p2)
    d3, d4 = side(p1, p2, p3), side(p1, p2, p4)
    return d1 * d2 < 0 and d3 * d4 < 0


def leader(x: float, y: float, box: Box) -> Segment:
    """The segment from a point to the nearest point of its label's box."""
    return x, y, min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])


def meets(seg: Segment, box: Box) -> bool:
    """True when the segment meets an obstacle: a square one is a round marker."""
    w, h = box[2] - box[0], box[3] - box[1]
    if abs(w - h) > 0.5:
        return crosses_box(seg, box)
    cx, cy, r = box[0] + w / 2, box[1] + h / 2, w / 2
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    t = max(0.0, min(1.0, ((cx - x0) * dx + (cy - y0) * dy) / ((dx * dx + dy * dy) or 1.0)))
    return math.hypot(x0 + t * dx - cx, y0 + t * dy - cy) < r


@dataclass(frozen=True)
class _Spot:
    """One candidate place of a label: its cost, its box and its leader (None: beside)."""

    cost: float
    box: Box
    seg: Segment | None
    extent: Box  # what the label and its leader cover: far apart places never clash

    def clashes(self, other: _Spot) -> bool:
        """True when the two places cannot both be taken."""
        a, b = self.extent, other.extent
        if not (a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]):
            return False
        if hits(self.box, other.box):
            return True
        if self.seg and (
            crosses_box(self.seg, other.box) or (other.seg and crosses(self.seg, other.seg))
        ):
            return True
        return bool(other.seg and crosses_box(other.seg, self.box))


@dataclass(frozen=True)
class Plot:
    """What labels must avoid: the plot's bounds, its markers and names (boxes; a square box
    is a round marker), and its lines (thresholds), which a label should not straddle."""

    bounds: Box
    obstacles: tuple[Box, ...]
    lines: tuple[Segment, ...] = ()


def place_labels(
    sizes: list[tuple[float, float, float, float]],
    anchors: list[tuple[float, float]],
    obstacles: list[Box],
    bounds: Box,
    radii: list[float] | None = None,
    lines: tuple[Segment, ...] = (),
) -> list[Place | None]:
    """Lower-left corners (and whether a leader is drawn) for labels of sizes `sizes`
    (width, height, …) of points `anchors` whose markers reach `radii` around them; None
    for a label that finds no place clear of every other label, marker and leader."""
    plot = Plot(bounds, tuple(dict.fromkeys(obstacles)), lines)
    radii = radii or [4.0] * len(anchors)
    spots = [
        _spots(plot, anchors[n], sizes[n][0], sizes[n][1], radii[n]) for n in range(len(anchors))
    ]
    chosen = _greedy(spots)
    for n in [n for n, s in enumerate(chosen) if s is None]:
        chosen = _repaired(chosen, spots, n)
    chosen = _improved(chosen, spots)
    chosen = _checked(chosen)
    return [(s.box[0], s.box[1], s.seg is not None) if s else None for s in chosen]


def _spots(
    plot: Plot, anchor: tuple[float, float], w: float, h: float, radius: float
) -> list[_Spot]:
    """The label's places inside the plot and off every marker, cheapest first."""
    x, y = anchor
    b = plot.bounds
    near = [o for o in plot.obstacles if _within(o, x, y, radius + GAPS[-1] + w + h)]
    out: list[_Spot] = []
    for gap in GAPS:
        for angle in FAR_ANGLES if gap >= FAR else ANGLES:
            c, s = math.cos(angle), math.sin(angle)
            # The box's side (or corner) that faces the point sits at the gap's distance.
            px, py = x + c * (radius + gap), y + s * (radius + gap)
            lx, ly = px - w / 2 + c * w / 2, py - h / 2 + s * h / 2
            box = (lx, ly, lx + w, ly + h)
            if lx < b[0] or ly < b[1] or lx + w > b[2] or ly + h > b[3]:
                continue
            if any(hits(box, o) for o in near):
                continue
            seg = leader(x, y, box) if gap > LEADER_FROM else None
            # A long leader reads worse than its length: the cost grows faster than the gap.
            crossed = _crossed(near, box, seg, x, y)
            if crossed > MAX_CROSSED:  # a leader through a row of markers misleads
                continue
            cost = gap * (1 + gap / STRETCH) + CROSSING * crossed + _penalty(plot, near, box, x, y)
            out.append(_Spot(cost, box, seg, _extent(box, x, y)))
    out.sort(key=lambda s: s.cost)
    return out[:KEEP]


def _extent(box: Box, x: float, y: float) -> Box:
    return min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)


def _within(box: Box, x: float, y: float, reach: float) -> bool:
    return box[0] - reach < x < box[2] + reach and box[1] - reach < y < box[3] + reach


def _crossed(near: list[Box], box: Box, seg: Segment | None, x: float, y: float) -> int:
    """How many markers (other than the point's own) a label's leader passes over."""
    if seg is None:
        return 0
    span = _extent(box, x, y)
    return sum(meets(seg, o) for o in near if hits(span, o) and not _holds(o, x, y))


def _penalty(plot: Plot, near: list[Box], box: Box, x: float, y: float) -> float:
    """What makes a place worse than its distance and its leader: other points it sits
    right beside, lines of the plot it straddles."""
    ring = (box[0] - 3.0, box[1] - 3.0, box[2] + 3.0, box[3] + 3.0)
    beside = sum(1 for o in near if hits(ring, o) and not _holds(o, x, y))
    straddled = sum(crosses_box(line, box) for line in plot.lines)
    return BESIDE * min(beside, 2) + ON_LINE * straddled


def _holds(box: Box, x: float, y: float) -> bool:
    """True when the point lies in the box: the marker (or markers) at the label's point."""
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _greedy(spots: list[list[_Spot]]) -> list[_Spot | None]:
    """Labels placed one by one, the one with the fewest places left first (ties: the one
    whose best place is dearest); each strikes out the places it clashes with."""
    left = {n: list(s) for n, s in enumerate(spots)}
    chosen: list[_Spot | None] = [None] * len(spots)
    while left:
        n = min(left, key=lambda m: (min(len(left[m]), 6), -(left[m][0].cost if left[m] else 0), m))
        options = left.pop(n)
        if not options:
            continue
        placed = [s.box for s in chosen if s is not None]
        spot = chosen[n] = min(options, key=lambda o: _worth(o, placed))
        for m, others in left.items():
            left[m] = [o for o in others if not spot.clashes(o)]
    return chosen


def _repaired(chosen: list[_Spot | None], spots: list[list[_Spot]], n: int) -> list[_Spot | None]:
    """`chosen` with label `n` placed by moving the one placed label in its way to another
    of its places; unchanged when no single move makes room."""
    for spot in spots[n]:
        blocking = [m for m, s in enumerate(chosen) if s is not None and s.clashes(spot)]
        if len(blocking) != 1:
            continue
        m = blocking[0]
        rest = [s for k, s in enumerate(chosen) if s is not None and k != m]
        for other in spots[m]:
            if not other.clashes(spot) and not any(other.clashes(s) for s in rest):
                out = list(chosen)
                out[n], out[m] = spot, other
                return out
    return chosen


def _worth(spot: _Spot, placed: list[Box]) -> float:
    """A place's cost, plus TOUCH when it touches a label already placed: codes in a row
    read as a list, a reader cannot tell which point each one names."""
    b = spot.box
    near = (b[0] - 2.0, b[1] - 2.0, b[2] + 2.0, b[3] + 2.0)
    return spot.cost + TOUCH * any(hits(near, other) for other in placed)


def _improved(chosen: list[_Spot | None], spots: list[list[_Spot]]) -> list[_Spot | None]:
    """`chosen` with each label moved to a cheaper place that the labels placed after it
    left free, twice over; then a place for any label still without one."""
    out = list(chosen)
    for _ in range(2):
        for n, current in enumerate(out):
            others = [s for m, s in enumerate(out) if s is not None and m != n]
            boxes = [o.box for o in others]
            limit = _worth(current, boxes) if current else math.inf
            for spot in spots[n]:
                if spot.cost >= limit:
                    break  # sorted by cost: no later place can be worth less
                if _worth(spot, boxes) < limit and not any(spot.clashes(o) for o in others):
                    out[n], limit = spot, _worth(spot, boxes)
    return out


def _checked(chosen: list[_Spot | None]) -> list[_Spot | None]:
    """`chosen` with any label that clashes with one placed before it dropped (a guard: the
    placement above never lets it happen)."""
    out: list[_Spot | None] = []
    for spot in chosen:
        kept = [s for s in out if s is not None]
        out.append(spot if spot is not None and not any(spot.clashes(s) for s in kept) else None)
    return out
