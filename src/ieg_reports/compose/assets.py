"""Drawing assets handed to the writers beside the document: charts and QR codes, made once.

The assets stage (`ieg_reports.charts.assets`) resolves every figure and QR code of a
document before any writer runs; the writers only place what they are given. A drawing is
kept as vectors (for the PDF) and rasterised on first demand (for Word), so both formats
show the same picture and a format that does not need the raster never pays for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ieg_reports.compose.document import Figure
from ieg_reports.links import qr_possible


def qr_link(url: str) -> bool:
    """Links that get a QR code on paper: web pages short enough to scan, never an e-mail."""
    return qr_possible(url)


@dataclass(eq=False)
class Picture:
    """One picture: vectors in points, and its PNG made once, on first use."""

    vector: Any  # a reportlab Drawing; writers draw it, never inspect it
    width: float
    height: float
    rasterise: Callable[[], bytes]
    warnings: tuple[str, ...] = ()
    below: tuple[str, ...] = ()  # lines set under the caption: the chart's notes, its source
    _png: bytes | None = field(default=None, repr=False)

    def png(self) -> bytes:
        """The PNG of the picture (computed the first time it is asked for)."""
        if self._png is None:
            self._png = self.rasterise()
        return self._png


@dataclass(frozen=True)
class Assets:
    """Every picture one document needs: figures by block, QR codes by URL."""

    figures: Mapping[Figure, Picture] = field(default_factory=dict)
    qr_codes: Mapping[str, Picture] = field(default_factory=dict)

    def figure(self, block: Figure) -> Picture:
        """The picture of a figure block (the assets stage made one for each)."""
        return self.figures[block]

    def qr(self, url: str) -> Picture | None:
        """The QR code of a URL, if the assets stage made one (safe web links only)."""
        return self.qr_codes.get(url)

    @property
    def warnings(self) -> list[str]:
        """Warnings met while drawing, once each, in order."""
        out: list[str] = []
        for picture in [*self.figures.values(), *self.qr_codes.values()]:
            out += [w for w in picture.warnings if w not in out]
        return out
