"""The assets stage: every figure and QR code of a document, drawn once, before the writers.

Pictures are memoised per process, keyed by what they depend on (the chart, its
parameters, the style and the slice of the model the chart reads), so a PDF and its Word
twin rendered by the same worker share one drawing, and a chart shown by several documents
is drawn once per worker.
"""

from __future__ import annotations

import hashlib
import pickle
from typing import Any

from ieg_reports.compose.assets import Assets, Picture, qr_link
from ieg_reports.compose.document import Aside, Document, Figure, walk
from ieg_reports.model import Workshop
from ieg_reports.style import Style

QR_SIZE_PT = 2.2 * 72 / 2.54  # 2.2 cm: large enough for a phone at arm's length

_FIGURES: dict[tuple[Any, ...], Picture] = {}
_QR: dict[str, Picture] = {}
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

    data = pickle.dumps(inputs_of(block.chart, workshop), protocol=pickle.HIGHEST_PROTOCOL)
    return (block.chart, block.params, style.path, hashlib.sha256(data).hexdigest())


def figure_picture(block: Figure, workshop: Workshop, style: Style) -> Picture:
    """The picture of one figure, drawn on the first demand in this process."""
    key = chart_key(block, workshop, style)
    if key not in _FIGURES:
        _FIGURES[key] = _draw_figure(block, workshop, style)
    return _FIGURES[key]


def _draw_figure(block: Figure, workshop: Workshop, style: Style) -> Picture:
    import io
    import warnings as pywarnings

    from svglib.svglib import svg2rlg

    from ieg_reports.charts import draw
    from ieg_reports.charts.base import to_png, to_svg

    DRAWN["charts"] += 1
    with pywarnings.catch_warnings(record=True) as caught:
        pywarnings.simplefilter("always")
        figure = draw(block.chart, workshop, style, dict(block.params))
        drawing = svg2rlg(io.BytesIO(to_svg(figure)))
        assert drawing is not None  # our own SVG always parses
    notes = _glyph_warnings(caught, block)
    params = dict(block.params)
    return Picture(
        drawing,
        drawing.width,
        drawing.height,
        lambda: to_png(draw(block.chart, workshop, style, params)),
        notes,
    )


def _glyph_warnings(caught: list[Any], block: Figure) -> tuple[str, ...]:
    """matplotlib's missing-glyph warnings become build warnings naming the figure."""
    out: list[str] = []
    for item in caught:
        message = str(item.message)
        if "missing from font" in message:
            glyph = message.split("(", 1)[-1].split(")", 1)[0]
            line = f"figure {block.number} : caractère absent de la police ({glyph})"
            if line not in out:
                out.append(line)
    return tuple(out)


def qr_picture(url: str) -> Picture:
    """The QR code of `url`, encoded once per process."""
    if url not in _QR:
        _QR[url] = _draw_qr(url)
    return _QR[url]


def _draw_qr(url: str) -> Picture:
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    DRAWN["qr"] += 1
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    size = QR_SIZE_PT
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return Picture(drawing, size, size, lambda: _qr_png(url))


def _qr_png(url: str) -> bytes:
    import io

    import qrcode

    image = qrcode.make(url, box_size=6, border=1)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
