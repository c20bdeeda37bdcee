"""Shared chart settings and output to PNG or SVG, byte-reproducible."""

from __future__ import annotations

import io
import textwrap

from matplotlib.axes import Axes
from matplotlib.figure import Figure

CM = 1 / 2.54
MARKERS = {"macro_determinant": "o", "signal_faible": "^"}


# A chart never grows taller than this, however many families or themes there are.
MAX_HEIGHT_CM = 22.0


def new_figure(width_cm: float, height_cm: float) -> Figure:
    """A figure of the given size (height capped to fit a page), with the house look."""
    height_cm = min(height_cm, MAX_HEIGHT_CM)
    fig = Figure(figsize=(width_cm * CM, height_cm * CM), layout="constrained")
    fig.set_facecolor("white")
    return fig


def style_axes(ax: Axes, text_color: str = "#222222") -> None:
    """Light axes: no top/right spines, small ticks."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=7.5, colors=text_color)


def wrap(text: str, width: int) -> str:
    """Wrap a label over several lines."""
    return "\n".join(textwrap.wrap(text, width)) or text


def to_png(fig: Figure, dpi: int = 200) -> bytes:
    """PNG bytes without a timestamp or version stamp."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def to_svg(fig: Figure) -> bytes:
    """SVG bytes, text as paths, with fixed ids and no date."""
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "ieg-reports", "svg.fonttype": "path"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()
