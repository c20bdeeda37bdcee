"""Point labels placed as a cartographer places them: near their point, never on another
label, a marker or another label's leader line.

Greedy, most crowded points first: each label tries rings of positions around its point,
nearest first (sixteen directions a ring); beyond the first ring a leader line joins it to
its point, and that line may cross no marker and no label. When every ring is full, the
label takes the nearest free place of the whole plot, with a leader. A leader never
crosses another one where a ring offers a place; a last pass swaps the labels of two
crossing leaders when that uncrosses them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
Segment = tuple[float, float, float, float]  # x0, y0, x1, y1

# Sixteen directions, the four sides first, then the corners, then the rest.
ANGLES = tuple(math.radians(a) for a in (0, 180, 90, 270, 45, 135, 315, 225)) + tuple(
    math.radians(a) for a in (22.5, 157.5, 337.5, 202.5, 67.5, 112.5, 292.5, 247.5)
)
GAPS = (1.5, 6.0, 10.0, 15.0, 21.0, 28.0, 36.0, 46.0, 58.0, 72.0)  # from the marker's edge
LEADER_FROM = 5.0  # a label further than this from its marker gets a leader line
SCAN_STEP = 5.0  # the grid of last-resort places
CROSSING = 30.0  # a leader over a marker is as bad as a label this much further out


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


@dataclass
class _Board:
    """What is already on the plot: obstacles, labels (bucketed by cell) and leaders."""

    bounds: Box
    cell: float = 16.0
    cells: dict[tuple[int, int], list[Box]] = field(default_factory=dict)
    # Markers by box with how many share it: the many factors at one position (a small
    # rating scale, a scaled-up workshop) are weighed at once, not one by one per spot.
    obstacles: Counter[Box] = field(default_factory=Counter)
    labels: list[Box] = field(default_factory=list)
    leaders: list[Segment] = field(default_factory=list)

    def _keys(self, box: Box) -> Iterator[tuple[int, int]]:
        for i in range(int(box[0] // self.cell), int(box[2] // self.cell) + 1):
            for j in range(int(box[1] // self.cell), int(box[3] // self.cell) + 1):
                yield i, j

    def occupy(self, box: Box) -> None:
        """Remember an occupied box."""
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def free(self, box: Box) -> bool:
        """True when `box` lies inside the plot and meets no box and no leader."""
        b = self.bounds
        if box[0] < b[0] or box[1] < b[1] or box[2] > b[2] or box[3] > b[3]:
            return False
        near = (other for k in self._keys(box) for other in self.cells.get(k, ()))
        if any(hits(box, other) for other in near):
            return False
        return not any(crosses_box(leader, box) for leader in self.leaders)

    def beside(self, box: Box, x: float, y: float) -> int:
        """Markers (other than the point's own) right beside a moved label: a reader would
        take it for theirs."""
        near = (box[0] - 3, box[1] - 3, box[2] + 3, box[3] + 3)
        return sum(
            n
            for o, n in self.obstacles.items()
            if abs(o[2] - o[0] - (o[3] - o[1])) <= 0.5
            and hits(near, o)
            and not (o[0] <= x <= o[2] and o[1] <= y <= o[3])
        )

    def crossings(self, seg: Segment) -> int:
        """How many markers (and quadrant names) a leader from a point crosses, its own
        marker and those under its start aside; a leader crossed counts 100, a label 1000."""
        start = (seg[0], seg[1])
        count = 0
        for box, n in self.obstacles.items():
            own = box[0] <= start[0] <= box[2] and box[1] <= start[1] <= box[3]
            count += n * (not own and _meets(seg, box))
        count += 1000 * sum(crosses_box(seg, box) for box in self.labels)
        return count + 100 * sum(crosses(seg, other) for other in self.leaders)


def _meets(seg: Segment, box: Box) -> bool:
    """True when the segment meets an obstacle: a square one is a round marker."""
    w, h = box[2] - box[0], box[3] - box[1]
    if abs(w - h) > 0.5:
        return crosses_box(seg, box)
    cx, cy, r = box[0] + w / 2, box[1] + h / 2, w / 2
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    t = max(0.0, min(1.0, ((cx - x0) * dx + (cy - y0) * dy) / ((dx * dx + dy * dy) or 1.0)))
    return math.hypot(x0 + t * dx - cx, y0 + t * dy - cy) < r


def leader(x: float, y: float, box: Box) -> Segment:
    """The segment from a point to the nearest point of its label's box."""
    return x, y, min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])


def place_labels(
    boxes: list[tuple[float, float, float, float]],
    anchors: list[tuple[float, float]],
    obstacles: list[Box],
    bounds: Box,
    radii: list[float] | None = None,
) -> list[tuple[float, float, bool]]:
    """Lower-left corners (and whether a leader is drawn) for labels of sizes `boxes`
    (width, height, …) of points `anchors` whose markers reach `radii` around them."""
    board = _Board(bounds, obstacles=Counter(obstacles))
    for box in board.obstacles:  # each distinct box once: `free` asks whether any is hit
        board.occupy(box)
    radii = radii or [4.0] * len(anchors)
    out: list[tuple[float, float, bool]] = [(0.0, 0.0, False)] * len(anchors)
    for n in _crowded_first(anchors):
        (w, h, *_), (x, y) = boxes[n], anchors[n]
        chosen = _ring_spot(board, x, y, w, h, radii[n]) or _any_spot(board, x, y, w, h)
        lx, ly, with_leader = chosen or (x + radii[n], y - h / 2, False)
        box = (lx, ly, lx + w, ly + h)
        board.occupy(box)
        board.labels.append(box)
        if with_leader:
            board.leaders.append(leader(x, y, box))
        out[n] = (lx, ly, with_leader)
    return _uncross(out, boxes, anchors, obstacles, bounds)


def _crowded_first(anchors: list[tuple[float, float]]) -> list[int]:
    """Indices of the points, those with the most neighbours within 30 points first."""

    def neighbours(n: int) -> int:
        x, y = anchors[n]
        return sum(1 for a, b in anchors if abs(a - x) < 30 and abs(b - y) < 30)

    return sorted(range(len(anchors)), key=lambda n: (-neighbours(n), n))


def _ring_spot(
    board: _Board, x: float, y: float, w: float, h: float, radius: float
) -> tuple[float, float, bool] | None:
    """The free place around (x, y) nearest its point, a marker its leader crosses
    counting as CROSSING points of distance (a label or leader crossed, never)."""
    best: tuple[float, float, float, bool] | None = None
    for gap in GAPS:
        if best is not None and gap >= best[0]:
            break  # no further ring can do better
        for angle in ANGLES:
            c, s = math.cos(angle), math.sin(angle)
            # The box's side (or corner) that faces the point sits at the gap's distance.
            px, py = x + c * (radius + gap), y + s * (radius + gap)
            lx, ly = px - w / 2 + c * w / 2, py - h / 2 + s * h / 2
            box = (lx, ly, lx + w, ly + h)
            if not board.free(box):
                continue
            moved = gap > LEADER_FROM
            cost = board.crossings(leader(x, y, box)) + board.beside(box, x, y) if moved else 0
            score = gap + CROSSING * cost
            if cost < 100 and (best is None or score < best[0]):  # no leader, no label crossed
                best = (score, lx, ly, moved)
    return best[1:] if best else None


def _any_spot(
    board: _Board, x: float, y: float, w: float, h: float
) -> tuple[float, float, bool] | None:
    """The free place of the whole plot nearest to (x, y), reached by the leader that
    crosses least."""
    x0, y0, x1, y1 = board.bounds
    spots = [
        (x0 + i * SCAN_STEP, y0 + j * SCAN_STEP)
        for i in range(int((x1 - x0 - w) // SCAN_STEP) + 1)
        for j in range(int((y1 - y0 - h) // SCAN_STEP) + 1)
    ]
    spots.sort(key=lambda p: (p[0] + w / 2 - x) ** 2 + (p[1] + h / 2 - y) ** 2)
    best: tuple[int, float, float] | None = None
    for lx, ly in spots:
        box = (lx, ly, lx + w, ly + h)
        if board.free(box):
            cost = board.crossings(leader(x, y, box))
            if cost == 0:
                return lx, ly, True
            if best is None or cost < best[0]:
                best = (cost, lx, ly)  # over a label, a leader is still better than a label
    return (best[1], best[2], True) if best else None


Place = tuple[float, float, bool]


def _uncross(
    out: list[Place],
    sizes: list[tuple[float, float, float, float]],
    anchors: list[tuple[float, float]],
    obstacles: list[Box],
    bounds: Box,
) -> list[Place]:
    """`out` with the labels of two crossing leaders swapped wherever that uncrosses them
    and puts no label on a marker, another label or a leader."""
    out = list(out)
    for _ in range(3):  # a swap may uncross one pair and leave another: a few passes
        swapped = False
        for i, j in _crossing_pairs(out, sizes, anchors):
            swap = list(out)
            swap[i], swap[j] = (out[j][0], out[j][1], True), (out[i][0], out[i][1], True)
            trial: list[Place] | None = swap
            if not _sound(swap, sizes, anchors, obstacles, bounds, (i, j)):
                trial = _replaced(out, sizes, anchors, obstacles, bounds, i, j)
            if trial is not None:
                out, swapped = trial, True
        if not swapped:
            break
    return out


def _replaced(
    out: list[Place],
    sizes: list[tuple[float, float, float, float]],
    anchors: list[tuple[float, float]],
    obstacles: list[Box],
    bounds: Box,
    *pair: int,
) -> list[Place] | None:
    """`out` with one label of the pair placed anew among all the others, where its leader
    crosses no leader and no label; None when neither finds such a place."""
    boxes, segs = _boxes(out, sizes), _leaders(out, sizes, anchors)
    for n in pair:
        board = _Board(bounds, obstacles=Counter(obstacles))
        for box in [*obstacles, *(b for m, b in enumerate(boxes) if m != n)]:
            board.occupy(box)
        board.labels = [b for m, b in enumerate(boxes) if m != n]
        board.leaders = [s for m, s in segs.items() if m != n]
        (w, h, *_), (x, y) = sizes[n], anchors[n]
        spot = _ring_spot(board, x, y, w, h, 4.0) or _any_spot(board, x, y, w, h)
        if (
            spot
            and board.crossings(leader(x, y, (spot[0], spot[1], spot[0] + w, spot[1] + h))) < 100
        ):
            return [*out[:n], spot, *out[n + 1 :]]
    return None


def _boxes(out: list[Place], sizes: list[tuple[float, float, float, float]]) -> list[Box]:
    return [(x, y, x + s[0], y + s[1]) for (x, y, _), s in zip(out, sizes, strict=True)]


def _leaders(
    out: list[Place],
    sizes: list[tuple[float, float, float, float]],
    anchors: list[tuple[float, float]],
) -> dict[int, Segment]:
    boxes = _boxes(out, sizes)
    return {n: leader(*anchors[n], boxes[n]) for n, p in enumerate(out) if p[2]}


def _crossing_pairs(
    out: list[Place],
    sizes: list[tuple[float, float, float, float]],
    anchors: list[tuple[float, float]],
) -> list[tuple[int, int]]:
    """The pairs of labels whose leaders cross."""
    segs = sorted(_leaders(out, sizes, anchors).items())
    return [(i, j) for n, (i, a) in enumerate(segs) for j, b in segs[n + 1 :] if crosses(a, b)]


def _sound(
    out: list[Place],
    sizes: list[tuple[float, float, float, float]],
    anchors: list[tuple[float, float]],
    obstacles: list[Box],
    bounds: Box,
    moved: tuple[int, int],
) -> bool:
    """True when the moved labels sit inside the plot on nothing, and their leaders cross
    no leader, no label and no marker but their own."""
    boxes, segs = _boxes(out, sizes), _leaders(out, sizes, anchors)
    for n in moved:
        box, b = boxes[n], bounds
        if box[0] < b[0] or box[1] < b[1] or box[2] > b[2] or box[3] > b[3]:
            return False
        if any(hits(box, o) for o in obstacles) or any(
            hits(box, other) for m, other in enumerate(boxes) if m != n
        ):
            return False
        if any(crosses_box(seg, box) for m, seg in segs.items() if m != n):
            return False
        seg = segs[n]
        if any(crosses(seg, other) for m, other in segs.items() if m != n):
            return False
        if any(crosses_box(seg, other) for m, other in enumerate(boxes) if m != n):
            return False
        if any(_meets(seg, o) and not _holds(o, anchors[n]) for o in obstacles):
            return False
    return True


def _holds(box: Box, point: tuple[float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]
