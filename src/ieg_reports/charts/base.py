"""What every chart shares: print size, the embedded font and its metrics, French numbers,
markers that differ by shape, wrapped labels, legends, the source line.

Charts are reportlab Drawings in points at their print size: the PDF draws them as vectors
with their text in the embedded font, and the Word twin gets the same drawing rasterised.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeAlias

from reportlab import rl_config
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from ieg_reports.compose.french import number_fr
from ieg_reports.compose.typography import typeset
from ieg_reports.fonts import face_name, register_fonts
from ieg_reports.style import Style

# reportlab checks the type of every attribute of every shape as it is set: a help while
# writing a chart, half the time of drawing one. The charts' tests draw every chart.
rl_config.shapeChecking = 0

CM = 72 / 2.54
MM = CM / 10
A4_WIDTH = 210 * MM
WIDTH = 16 * CM  # the widest a chart gets; narrower when the page's measure is
MIN_TEXT = 7.0  # nothing smaller at print size
TEXT = 7.5
# A chart never grows taller than this, however many families or themes there are.
MAX_HEIGHT = 21.5 * CM
SHAPES = (
    "circle",
    "square",
    "triangle",
    "diamond",
    "down",
    "pentagon",
    "hexagon",
    "star",
    "plus",
    "left",
    "right",
    "cross",
)


@dataclass(frozen=True)
class Kit:
    """The style's colours and the embedded font, measured as the page will set them."""

    style: Style

    def __post_init__(self) -> None:
        register_fonts(self.style)

    @property
    def wide(self) -> float:
        """The chart's width: the page's text measure, at most 16 cm (drawn at print size)."""
        page = self.style.page
        measure = A4_WIDTH - (page["margin_left"] + page["margin_right"]) * MM
        return min(WIDTH, measure)

    def color(self, name: str) -> Color:
        """A named colour of the style."""
        return HexColor(self.style.color(name))

    def width(self, text: str, size: float = TEXT, bold: bool = False) -> float:
        """Width of `text` in points, in the embedded font."""
        return float(stringWidth(text, face_name(bold), size))

    def wrap(self, text: str, width: float, size: float = TEXT, bold: bool = False) -> list[str]:
        """`text` in lines no wider than `width` (a longer word keeps a line of its own)."""
        lines: list[str] = []
        for word in typeset(text).split(" "):  # no-break spaces keep their words together
            if not word:
                continue
            if lines and self.width(f"{lines[-1]} {word}", size, bold) <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines or [""]

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float = TEXT,
        *,
        bold: bool = False,
        italic: bool = False,
        anchor: str = "start",
        color: Color | None = None,
    ) -> String:
        """One line of text in the embedded font (never under 7 pt), French typography."""
        return String(
            x,
            y,
            typeset(text),
            fontName=face_name(bold, italic),
            fontSize=max(size, MIN_TEXT),
            fillColor=color or self.color("text"),
            textAnchor=anchor,
        )

    def lines(
        self,
        x: float,
        top: float,
        lines: list[str],
        size: float = TEXT,
        leading: float | None = None,
        **kw: object,
    ) -> Group:
        """Several lines of text, the first baseline one size below `top`."""
        leading = leading or size * 1.2
        group = Group()
        for n, line in enumerate(lines):
            group.add(self.text(x, top - size - n * leading, line, size, **kw))  # type: ignore[arg-type]
        return group


def number(value: float, decimals: int | None = None) -> str:
    """A number as French readers write it (2,5)."""
    return number_fr(value, decimals)


def marker(shape: str, x: float, y: float, size: float, fill: Color, stroke: Color, lw: float):  # type: ignore[no-untyped-def]
    """A marker of one of SHAPES, `size` points across, centred on (x, y)."""
    r = size / 2
    if shape == "circle":
        return Circle(x, y, r, fillColor=fill, strokeColor=stroke, strokeWidth=lw)
    if shape == "square":
        s = r * 0.88
        return Rect(x - s, y - s, 2 * s, 2 * s, fillColor=fill, strokeColor=stroke, strokeWidth=lw)
    points = _outline(shape, x, y, r)
    return Polygon(points, fillColor=fill, strokeColor=stroke, strokeWidth=lw, strokeLineJoin=1)


CORNERS = {"diamond": 4, "pentagon": 5, "hexagon": 6, "star": 10}
START = {"down": -90.0, "left": 180.0, "right": 0.0, "cross": 45.0}
SCALE = {"diamond": 1.15, "star": 1.25}


def _outline(shape: str, x: float, y: float, r: float) -> list[float]:
    """The corners of a polygonal marker, centred on (x, y), about `r` in radius."""
    if shape in ("plus", "cross"):
        return _arms(x, y, r * 1.1, 45.0 if shape == "cross" else 0.0)
    corners = CORNERS.get(shape, 3)
    start = START.get(shape, 90.0)
    scale = SCALE.get(shape, 1.2 if corners == 3 else 1.05)
    points: list[float] = []
    for n in range(corners):
        angle = math.radians(start + n * 360 / corners)
        radius = r * scale * (0.45 if shape == "star" and n % 2 else 1.0)
        points += [x + radius * math.cos(angle), y + radius * math.sin(angle)]
    return points


def _arms(x: float, y: float, r: float, turn: float) -> list[float]:
    """A plus sign of arms a third as wide as long, turned by `turn` degrees (× at 45)."""
    a = 0.36
    corners = [(1, a), (a, a), (a, 1), (-a, 1), (-a, a), (-1, a)]
    corners += [(-u, -v) for u, v in corners]
    cos, sin = math.cos(math.radians(turn)), math.sin(math.radians(turn))
    points: list[float] = []
    for u, v in corners:
        points += [x + r * (u * cos - v * sin), y + r * (u * sin + v * cos)]
    return points


class Chart(Drawing):  # type: ignore[misc]
    """A chart's drawing with the lines publishers set under its caption (notes, source)."""

    _attrMap = AttrMap(BASE=Drawing, below=AttrMapValue(None, desc="lines under the caption"))

    def __init__(self, width: float, height: float) -> None:
        super().__init__(width, height)
        self.below: tuple[str, ...] = ()


def source_line(drawing: Drawing, *lines: str) -> Chart:
    """The chart without the empty room at its foot, its notes and source line set apart:
    the writers print them under the caption (figure, caption, then source)."""
    low = drawing.getBounds()[1]
    lift = max(0.0, low - 1.0)
    chart = Chart(drawing.width, drawing.height - lift)
    chart.add(Group(*drawing.contents, transform=(1, 0, 0, 1, 0, -lift)))
    chart.below = tuple(typeset(line) for line in lines)
    return chart


Swatch: TypeAlias = "Color | tuple[str, float, Color, Color, float] | None"


def legend(
    kit: Kit, items: list[tuple[Swatch, str]], x: float, top: float, width: float
) -> tuple[Group, float]:
    """Swatch-and-label pairs flowing in rows within `width`; returns the group and its height."""
    group = Group()
    cx, row, gap, step = x, 0, 14.0, TEXT * 1.9
    for swatch, label in items:
        needed = 14 + kit.width(label)
        if cx > x and cx + needed > x + width:
            cx, row = x, row + 1
        y = top - step * row - TEXT
        if isinstance(swatch, tuple):
            shape, size, fill, stroke, lw = swatch
            group.add(marker(shape, cx + 4.5, y + 2.6, size, fill, stroke, lw))
        elif swatch is not None:
            group.add(Rect(cx, y - 0.5, 9, 6.5, fillColor=swatch, strokeColor=white, strokeWidth=0))
        group.add(kit.text(cx + 13, y, label))
        cx += needed + gap
    return group, step * (row + 1)


def axis_ticks(low: float, high: float) -> list[float]:
    """Round tick values from `low` to `high`: every unit, or every 2 or 5 on long scales."""
    span = high - low
    step = 1.0 if span <= 10 else 2.0 if span <= 20 else 5.0
    ticks, value = [], math.ceil(low / step) * step
    while value <= high + 1e-9:
        ticks.append(value)
        value += step
    return ticks


def count_ticks(top: int) -> list[int]:
    """Integer ticks from 0 for counts: at most about six of them."""
    step = max(1, math.ceil(max(top, 1) / 6))
    for nice in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if nice >= step:
            step = nice
            break
    return list(range(0, top + step, step))


def line(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    color: Color,
    lw: float = 0.5,
    dash: tuple[float, ...] | None = None,
) -> Line:
    """A straight line, dashed if asked."""
    return Line(
        x1,
        y1,
        x2,
        y2,
        strokeColor=color,
        strokeWidth=lw,
        strokeDashArray=list(dash) if dash else None,
    )


def strings(group: Group) -> Iterator[String]:
    """Every text of a drawing, groups opened."""
    for shape in group.contents:
        if isinstance(shape, Group):
            yield from strings(shape)
        elif isinstance(shape, String):
            yield shape
