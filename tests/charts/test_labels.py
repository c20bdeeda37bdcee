"""Label placement: on crowded clouds, no label on another label, a marker or a leader."""

from __future__ import annotations

import math
import random

import pytest

from ieg_reports.charts.labels import Box, Segment, crosses, crosses_box, hits, leader, place_labels


def _cloud(seed: int, points: int) -> list[tuple[float, float]]:
    """Points packed in a corner of the plot, as the key factors of a workshop are."""
    rng = random.Random(seed)
    return [(rng.uniform(150, 230), rng.uniform(150, 220)) for _ in range(points)]


def _clustered(seed: int) -> list[tuple[float, float]]:
    """5 to 60 points in one to three clusters, half of them on the grid of a rating scale
    (many sharing a position), as the factors of a workshop fall on its matrix: never
    nearer the frame than the matrix puts a marker."""
    rng = random.Random(seed)
    centres = [(rng.uniform(30, 232), rng.uniform(30, 232)) for _ in range(rng.randint(1, 3))]
    points = []
    for _ in range(rng.randint(5, 60)):
        cx, cy = rng.choice(centres)
        x, y = (min(250.0, max(12.0, rng.gauss(c, 30))) for c in (cx, cy))
        if rng.random() < 0.5:
            x, y = round(x / 13) * 13 + 2.0, round(y / 13) * 13 + 2.0
        points.append((x, y))
    return points


def _placed(
    anchors: list[tuple[float, float]], bounds: Box
) -> tuple[dict[int, Box], dict[int, Segment]]:
    markers = [(x - 4, y - 4, x + 4, y + 4) for x, y in anchors]
    sizes = [(16.0, 8.5, 0.0, 0.0)] * len(anchors)
    placed = place_labels(sizes, anchors, markers, bounds)
    boxes = {n: (p[0], p[1], p[0] + 16, p[1] + 8.5) for n, p in enumerate(placed) if p}
    leaders = {n: leader(*anchors[n], boxes[n]) for n, p in enumerate(placed) if p and p[2]}
    return boxes, leaders


def _assert_clean(anchors: list[tuple[float, float]], bounds: Box) -> int:
    """Checks every rule of a placement; returns how many labels found a place."""
    markers = [(x - 4, y - 4, x + 4, y + 4) for x, y in anchors]
    boxes, leaders = _placed(anchors, bounds)
    for n, box in boxes.items():
        assert bounds[0] <= box[0] and box[2] <= bounds[2], (n, box)
        assert bounds[1] <= box[1] and box[3] <= bounds[3], (n, box)
        assert not any(hits(box, m) for m in markers), (n, box)
        assert not any(hits(box, other) for m, other in boxes.items() if m != n), (n, box)
        assert not any(crosses_box(seg, box) for m, seg in leaders.items() if m != n), (n, box)
    for n, seg in leaders.items():
        assert not any(crosses(seg, other) for m, other in leaders.items() if m != n), n
    return len(boxes)


@pytest.mark.parametrize("chunk", range(10))
def test_no_overlap_and_no_crossing_on_many_generated_layouts(chunk: int) -> None:
    counts = [
        (_assert_clean(a, (0, 0, 262, 262)), len(a))
        for a in map(_clustered, range(chunk * 20, chunk * 20 + 20))
    ]
    placed, total = sum(c[0] for c in counts), sum(c[1] for c in counts)
    assert placed >= 0.8 * total  # dense clusters leave a few codes to the key, not most
    assert all(p == t for p, t in counts if t <= 12)  # a light layout labels everything


def test_a_label_stays_beside_its_point_when_there_is_room() -> None:
    placed = place_labels(
        [(16.0, 8.5, 0.0, 0.0)], [(100.0, 100.0)], [(96, 96, 104, 104)], (0, 0, 262, 262)
    )
    x, y, moved = placed[0]
    assert not moved and abs(x - 104) < 3 and abs(y + 4.25 - 100) < 1  # right of the point


def test_the_geometry_helpers() -> None:
    assert crosses_box((0, 5, 10, 5), (4, 4, 6, 6))
    assert not crosses_box((0, 0, 10, 0), (4, 4, 6, 6))
    assert crosses((0, 0, 10, 10), (0, 10, 10, 0))
    assert not crosses((0, 0, 10, 0), (0, 1, 10, 1))


@pytest.mark.parametrize("seed", range(100, 110))
def test_no_two_leaders_cross_on_a_crowded_cloud(seed: int) -> None:
    anchors = _cloud(seed, 20)  # the key factors a dense matrix still labels
    boxes, leaders = _placed(anchors, (0, 0, 262, 262))
    assert len(leaders) > 3 and len(boxes) >= 18  # crowded enough for leaders to meet
    assert not [
        (a, b) for n, a in leaders.items() for m, b in leaders.items() if n < m and crosses(a, b)
    ]
    reach = sorted(math.dist(anchors[n], leader(*anchors[n], b)[2:]) for n, b in boxes.items())
    assert reach[len(reach) // 2] < 30  # most labels stay beside their point
