"""A reportlab Drawing rasterised to PNG with Pillow, for the Word twin of a document.

reportlab's own bitmap renderer needs pycairo, which has no wheels for Linux or macOS; the
charts use a handful of shapes, so they are painted here with Pillow (drawn at twice the
resolution, then reduced, for smooth edges), text in the same TrueType files as the PDF.
"""

from __future__ import annotations

import io
import itertools
import math
from functools import cache
from pathlib import Path as FilePath
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Path,
    Polygon,
    PolyLine,
    Rect,
    String,
)

from ieg_reports.fonts import FACES, LATIN, SANS, font_file, unhinted
from ieg_reports.style import Style

Matrix = tuple[float, float, float, float, float, float]
OVERSAMPLE = 2


def to_png(drawing: Drawing, fonts: dict[str, str], dpi: int = 200) -> bytes:
    """PNG bytes of `drawing` at `dpi` (no timestamp: the same drawing gives the same bytes)."""
    scale = dpi / 72 * OVERSAMPLE
    final = (max(1, round(drawing.width * dpi / 72)), max(1, round(drawing.height * dpi / 72)))
    size = (final[0] * OVERSAMPLE, final[1] * OVERSAMPLE)
    image = Image.new("RGB", size, "white")
    painter = _Painter(ImageDraw.Draw(image), image, size[1], fonts)
    painter.group(drawing, (scale, 0, 0, scale, 0, 0))
    reduced = image.reduce(OVERSAMPLE)  # a box filter: smooth edges, and fast
    # A chart has few colours: 256 keep its smooth edges; the PNG is half the size and
    # twice as fast to encode.
    palette = _white_kept(reduced.quantize(colors=256, method=Image.Quantize.FASTOCTREE))
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", dpi=(dpi, dpi), compress_level=1)
    return buffer.getvalue()


def _white_kept(image: Image.Image) -> Image.Image:
    """The palette's near-whites set back to white: the octree averages the page white
    with its neighbours (254, 254, 254), a faint grey box around the chart on the page."""
    colours = image.getpalette() or []
    for n in range(0, len(colours) - 2, 3):
        if min(colours[n : n + 3]) >= 250:
            colours[n : n + 3] = [255, 255, 255]
    image.putpalette(colours)
    return image


def _multiply(a: Matrix, b: Matrix) -> Matrix:
    """The transform `b` applied inside `a`."""
    return (
        a[0] * b[0] + a[2] * b[1],
        a[1] * b[0] + a[3] * b[1],
        a[0] * b[2] + a[2] * b[3],
        a[1] * b[2] + a[3] * b[3],
        a[0] * b[4] + a[2] * b[5] + a[4],
        a[1] * b[4] + a[3] * b[5] + a[5],
    )


def _rgb(color: Any) -> tuple[int, int, int] | None:
    if color is None:
        return None
    alpha = getattr(color, "alpha", 1)
    blend = [c * alpha + (1 - alpha) for c in (color.red, color.green, color.blue)]
    return tuple(round(255 * c) for c in blend)


@cache
def _font(path: str, pixels: int, latin: bool = True) -> ImageFont.FreeTypeFont:
    if not latin:
        return ImageFont.truetype(path, pixels)
    return ImageFont.truetype(io.BytesIO(unhinted(FilePath(path))), pixels)


class _Painter:
    """Walks the shape tree, carrying the transform, and paints each shape."""

    def __init__(
        self, draw: ImageDraw.ImageDraw, image: Image.Image, height: int, fonts: dict[str, str]
    ) -> None:
        self.draw, self.image, self.height, self.fonts = draw, image, height, fonts

    def point(self, m: Matrix, x: float, y: float) -> tuple[float, float]:
        """Drawing coordinates (y up) to pixels (y down)."""
        return m[0] * x + m[2] * y + m[4], self.height - (m[1] * x + m[3] * y + m[5])

    def group(self, group: Group, m: Matrix) -> None:
        """Paint a group's contents under its transform."""
        m = _multiply(m, tuple(group.transform))
        for shape in group.contents:
            self.shape(shape, m)

    def shape(self, shape: Any, m: Matrix) -> None:
        """Paint one shape."""
        if isinstance(shape, Group):
            self.group(shape, m)
        elif isinstance(shape, String):
            self.string(shape, m)
        elif isinstance(shape, Rect):
            x, y, w, h = shape.x, shape.y, shape.width, shape.height
            self.polygon([x, y, x + w, y, x + w, y + h, x, y + h], shape, m, closed=True)
        elif isinstance(shape, Circle):
            self.circle(shape, m)
        elif isinstance(shape, Line):
            self.polyline([shape.x1, shape.y1, shape.x2, shape.y2], shape, m)
        elif isinstance(shape, Polygon):
            self.polygon(list(shape.points), shape, m, closed=True)
        elif isinstance(shape, PolyLine):
            self.polyline(list(shape.points), shape, m)
        elif isinstance(shape, Path):
            self.path(shape, m)

    def _width(self, shape: Any, m: Matrix) -> int:
        return max(1, round((shape.strokeWidth or 0) * math.hypot(m[0], m[1])))

    def polygon(self, points: list[float], shape: Any, m: Matrix, closed: bool) -> None:
        """A filled and/or stroked polygon."""
        xy = [self.point(m, points[i], points[i + 1]) for i in range(0, len(points), 2)]
        fill = _rgb(shape.fillColor)
        if fill is not None:
            self.draw.polygon(xy, fill=fill)
        if shape.strokeColor is not None and shape.strokeWidth:
            self._stroke([*xy, xy[0]], shape, m)

    def polyline(self, points: list[float], shape: Any, m: Matrix) -> None:
        """An open line."""
        if shape.strokeColor is not None and shape.strokeWidth:
            self._stroke(
                [self.point(m, points[i], points[i + 1]) for i in range(0, len(points), 2)],
                shape,
                m,
            )

    def _stroke(self, xy: list[tuple[float, float]], shape: Any, m: Matrix) -> None:
        color, width = _rgb(shape.strokeColor), self._width(shape, m)
        dash = [d * math.hypot(m[0], m[1]) for d in (shape.strokeDashArray or [])]
        for a, b in itertools.pairwise(xy):
            for segment in _dashes(a, b, dash):
                self.draw.line(segment, fill=color, width=width)

    def circle(self, shape: Circle, m: Matrix) -> None:
        """A circle (dashed outlines as arcs)."""
        cx, cy = self.point(m, shape.cx, shape.cy)
        r = shape.r * math.hypot(m[0], m[1])
        box = [cx - r, cy - r, cx + r, cy + r]
        fill = _rgb(shape.fillColor)
        outline = _rgb(shape.strokeColor) if shape.strokeWidth else None
        width = self._width(shape, m)
        if fill is not None:
            self.draw.ellipse(box, fill=fill)
        if outline is None:
            return
        dash = shape.strokeDashArray
        if not dash:
            self.draw.ellipse(box, outline=outline, width=width)
            return
        step = 360 * dash[0] / (2 * math.pi * shape.r)
        period = 360 * (dash[0] + dash[1]) / (2 * math.pi * shape.r)
        angle = 0.0
        while angle < 360:
            self.draw.arc(box, angle, angle + step, fill=outline, width=width)
            angle += period

    def path(self, shape: Path, m: Matrix) -> None:
        """Closed sub-paths of straight segments (the QR code's modules), filled."""
        fill = _rgb(shape.fillColor)
        points, ops = list(shape.points), list(shape.operators)
        current: list[tuple[float, float]] = []
        index = 0
        for op in ops:
            if op in (0, 1):  # moveTo, lineTo
                current.append(self.point(m, points[index], points[index + 1]))
                index += 2
            elif op == 3 and current:  # closePath
                self.draw.polygon(current, fill=fill)
                current = []

    def string(self, shape: String, m: Matrix) -> None:
        """Text in the embedded font; rotated text is painted apart and pasted."""
        scale = math.hypot(m[0], m[1])
        font = _font(
            self.fonts.get(shape.fontName, self.fonts[SANS]),
            max(1, round(shape.fontSize * scale)),
            LATIN.issuperset(shape.text),
        )
        width = font.getlength(shape.text) / scale
        shift = {"middle": width / 2, "end": width}.get(shape.textAnchor, 0.0)
        color = _rgb(shape.fillColor) or (0, 0, 0)
        if abs(m[1]) < 1e-9:  # upright
            x, y = self.point(m, shape.x - shift, shape.y)
            self.draw.text((x, y), shape.text, font=font, fill=color, anchor="ls")
            return
        ascent, descent = font.getmetrics()
        tile = Image.new(
            "RGBA", (math.ceil(width * scale) + 2, ascent + descent + 2), (255, 255, 255, 0)
        )
        ImageDraw.Draw(tile).text((1, ascent + 1), shape.text, font=font, fill=color, anchor="ls")
        turned = tile.rotate(math.degrees(math.atan2(m[1], m[0])), expand=True)
        x, y = self.point(m, shape.x - shift, shape.y)
        self.image.paste(turned, (round(x - ascent - 1), round(y - turned.height)), turned)


def _dashes(
    a: tuple[float, float], b: tuple[float, float], dash: list[float]
) -> list[list[tuple[float, float]]]:
    """The pieces of the segment a–b that a dash pattern draws."""
    if not dash:
        return [[a, b]]
    length = math.dist(a, b)
    pieces, at, n = [], 0.0, 0
    while at < length:
        end = min(length, at + dash[n % len(dash)])
        if n % 2 == 0:
            t0, t1 = at / length, end / length
            pieces.append(
                [
                    (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0),
                    (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1),
                ]
            )
        at, n = end, n + 1
    return pieces


def font_files(style: Style) -> dict[str, str]:
    """Registered face names → TrueType paths, for `to_png`."""
    return {SANS + suffix: str(font_file(style, key)) for suffix, key in FACES.items()}
