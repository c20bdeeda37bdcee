"""Label placement: on crowded clouds, no label on another label, a marker or a leader."""

from __future__ import annotations

import math
import random

import pytest

from ieg_reports.charts.labels import crosses, crosses_box, hits, leader, place_labels


def _cloud(seed: int, points: int) -> list[tuple[float, float]]:
    """Points packed in a corner of the plot, as the key factors of a workshop are."""
    rng = random.Random(seed)
    return [(rng.uniform(150, 230), rng.uniform(150, 220)) for _ in range(points)]


@pytest.mark.parametrize("seed", range(6))
def test_labels_of_a_crowded_cloud_never_overlap(seed: int) -> None:
    anchors = _cloud(seed, 28)
    markers = [(x - 4, y - 4, x + 4, y + 4) for x, y in anchors]
    sizes = [(16.0, 8.5, 0.0, 0.0)] * len(anchors)
    placed = place_labels(sizes, anchors, markers, (0, 0, 262, 262))
    boxes = [(x, y, x + 16, y + 8.5) for x, y, _ in placed]
    leaders = [leader(*a, b) for a, b, p in zip(anchors, boxes, placed, strict=True) if p[2]]
    for n, box in enumerate(boxes):
        assert box[0] >= 0 and box[2] <= 262 and box[1] >= 0 and box[3] <= 262
        assert not any(hits(box, m) for m in markers), (n, box)
        assert not any(hits(box, other) for other in boxes[n + 1 :]), (n, box)
        assert not any(crosses_box(seg, box) for seg in leaders), (n, box)
    reach = sorted(math.dist(a, leader(*a, b)[2:]) for a, b in zip(anchors, boxes, strict=True))
    assert reach[len(reach) // 2] < 30  # most labels stay beside their point


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


@pytest.mark.parametrize("seed", (101, 104, 106, 107))
def test_no_two_leaders_cross_on_a_crowded_cloud(seed: int) -> None:
    anchors = _cloud(seed, 20)  # the key factors a dense matrix still labels
    markers = [(x - 4, y - 4, x + 4, y + 4) for x, y in anchors]
    sizes = [(16.0, 8.5, 0.0, 0.0)] * len(anchors)
    placed = place_labels(sizes, anchors, markers, (0, 0, 262, 262))
    boxes = [(x, y, x + 16, y + 8.5) for x, y, _ in placed]
    leaders = [leader(*a, b) for a, b, p in zip(anchors, boxes, placed, strict=True) if p[2]]
    assert len(leaders) > 3  # crowded enough for leaders to meet
    pairs = [(a, b) for n, a in enumerate(leaders) for b in leaders[n + 1 :] if crosses(a, b)]
    assert not pairs
