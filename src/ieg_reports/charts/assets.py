"""The assets stage: every figure and QR code of a document, drawn once, before the writers.

Pictures are memoised per process, keyed by what they depend on (the chart, its
parameters, the style and the slice of the model the chart reads), so a PDF and its Word
twin rendered by the same worker share one drawing, and a chart shown by several documents
is drawn once per worker.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ieg_reports.compose.assets import Assets, Picture, qr_link
from ieg_reports.compose.document import Aside, Document, Figure, walk
from ieg_reports.model import Workshop
from ieg_reports.style import Style

QR_SIZE_PT = 2.0 * 72 / 2.54  # 2 cm: a phone reads it at arm's length; it does not dominate
QR_BORDER = 2  # modules of quiet zone; the white page around adds the rest

# Recently drawn pictures: enough for a document and its twin (rendered one after the other
# in the same worker) and the synthesis's charts; bounded, so that a worker rendering
# 1 100 packs, each with its own highlighted matrix, does not keep them all.
KEEP_FIGURES = 16
KEEP_QR = 256
_FIGURES: OrderedDict[tuple[Any, ...], Picture] = OrderedDict()
_QR: OrderedDict[str, Picture] = OrderedDict()
DRAWN = {"charts": 0, "qr": 0}  # calls actually made (the tests count them)


def resolve_assets(document: Document, workshop: Workshop, style: Style) -> Assets:
    """The pictures of every figure and QR code of `document`."""
    figures: dict[Figure, Picture] = {}
    qr_codes: dict[str, Picture] = {}
    for block in walk(document.blocks):
        if isinstance(block, Figure) and block not in figures:
            figures[block] = figure_picture(block, workshop, style)
        elif isinstance(block, Aside) and block.qr not in qr_codes and qr_link(block.qr):
            qr_codes[block.qr] = qr_picture(block.qr)
    return Assets(figures, qr_codes)


def chart_key(block: Figure, workshop: Workshop, style: Style) -> tuple[Any, ...]:
    """What a chart depends on: its name, parameters, style, and the model it reads."""
    from ieg_reports.charts import inputs_of

    parts = "".join(part_digest(part) for part in inputs_of(block.chart, workshop))
    return (block.chart, block.params, style.path, hashlib.sha256(parts.encode()).hexdigest())


# Digests of the large model parts charts read, by identity: every pack slice holds the
# workshop's very factors and families, which pickling once per document walked again
# (a cost per pack that grew with the workshop). The part is held, so its id stays its own.
KEEP_PARTS = 32
_PARTS: OrderedDict[int, tuple[object, str]] = OrderedDict()
LARGE_PART = 16


def part_digest(part: object) -> str:
    """The digest of one input of a chart; a large tuple's memoised by identity."""
    large = isinstance(part, tuple) and len(part) > LARGE_PART
    if large and (hit := _PARTS.get(id(part))) is not None and hit[0] is part:
        _PARTS.move_to_end(id(part))
        return hit[1]
    data = pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
    digest = hashlib.sha256(data).hexdigest()
    if large:
        _PARTS[id(part)] = (part, digest)
        while len(_PARTS) > KEEP_PARTS:
            _PARTS.popitem(last=False)
    return digest


def figure_picture(block: Figure, workshop: Workshop, style: Style) -> Picture:
    """The picture of one figure, drawn on the first demand in this process."""
    key = chart_key(block, workshop, style)
    return _remember(_FIGURES, key, KEEP_FIGURES, lambda: _draw_figure(block, workshop, style))


def _remember(
    memo: OrderedDict[Any, Picture], key: Any, keep: int, make: Callable[[], Picture]
) -> Picture:
    """The memoised picture of `key`, made on a miss; the least recently used go first."""
    if key in memo:
        memo.move_to_end(key)
        return memo[key]
    memo[key] = picture = make()
    while len(memo) > keep:
        memo.popitem(last=False)
    return picture


def _draw_figure(block: Figure, workshop: Workshop, style: Style) -> Picture:
    from ieg_reports.charts import draw
    from ieg_reports.charts.raster import font_files, to_png

    DRAWN["charts"] += 1
    drawing = draw(block.chart, workshop, style, dict(block.params))
    notes = _missing_glyphs(drawing, block)
    fonts = font_files(style)
    below = tuple(getattr(drawing, "below", ()))
    return Picture(
        drawing, drawing.width, drawing.height, lambda: to_png(drawing, fonts), notes, below
    )


def _missing_glyphs(drawing: Any, block: Figure) -> tuple[str, ...]:
    """Characters of the chart's text the embedded font cannot draw, named once each."""
    from reportlab.pdfbase.pdfmetrics import getFont

    from ieg_reports.charts.base import strings

    missing: dict[str, None] = {}
    for shape in strings(drawing):
        glyphs = getFont(shape.fontName).face.charToGlyph
        missing.update({c: None for c in shape.text if ord(c) not in glyphs and not c.isspace()})
    return tuple(
        f"figure {block.number} : caractère absent de la police (U+{ord(c):04X})" for c in missing
    )


def qr_picture(url: str) -> Picture:
    """The QR code of `url`, encoded once per process."""
    return _remember(_QR, url, KEEP_QR, lambda: _draw_qr(url))


def _draw_qr(url: str) -> Picture:
    """Encode once; the PDF gets one path of all dark modules, Word a crisp small PNG."""
    from reportlab.graphics.shapes import Drawing, Path
    from reportlab.lib.colors import black

    from ieg_reports.charts.qrstore import qr_modules

    DRAWN["qr"] += 1
    modules = qr_modules(url, QR_BORDER)
    n = len(modules)
    unit = QR_SIZE_PT / n
    path = Path(fillColor=black, strokeColor=None, strokeWidth=0)
    for row, cells in enumerate(modules):
        for start, length in _runs(cells):
            x0, y0 = start * unit, (n - row - 1) * unit
            path.moveTo(x0, y0)
            path.lineTo(x0 + length * unit, y0)
            path.lineTo(x0 + length * unit, y0 + unit)
            path.lineTo(x0, y0 + unit)
            path.closePath()
    drawing = Drawing(QR_SIZE_PT, QR_SIZE_PT)
    drawing.add(path)
    return Picture(drawing, QR_SIZE_PT, QR_SIZE_PT, lambda: _qr_png(modules))


def _runs(cells: list[bool]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in a row: one rectangle per run."""
    runs, start = [], None
    for n, dark in enumerate([*cells, False]):
        if dark and start is None:
            start = n
        elif not dark and start is not None:
            runs.append((start, n - start))
            start = None
    return runs


def _qr_png(modules: list[list[bool]], pixels: int = 6) -> bytes:
    import io

    from PIL import Image

    n = len(modules)
    image = Image.new("1", (n, n), 1)
    image.putdata([0 if dark else 1 for row in modules for dark in row])
    buffer = io.BytesIO()
    image.resize((n * pixels, n * pixels), Image.Resampling.NEAREST).save(buffer, format="PNG")
    return buffer.getvalue()
