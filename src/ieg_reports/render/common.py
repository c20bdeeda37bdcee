"""What both writers share: charts from the model, reproducible bytes, safe XML text."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import warnings as pywarnings
import zipfile
from dataclasses import dataclass, field

from ieg_reports.compose.document import Figure, Paragraph
from ieg_reports.model import Workshop
from ieg_reports.style import Style

# Characters XML 1.0 forbids (python-docx raises on them).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def xml_safe(text: str, warnings: list[str]) -> str:
    """Drop characters illegal in XML, saying which ones (never crash)."""
    if not _ILLEGAL_XML.search(text):
        return text
    found = sorted({f"U+{ord(c):04X}" for c in _ILLEGAL_XML.findall(text)})
    warnings.append(f"caractères interdits supprimés ({', '.join(found)}) dans « {text[:40]} »")
    return _ILLEGAL_XML.sub("", text)


def introduces(paragraph: Paragraph) -> bool:
    """A paragraph ending with a colon introduces what follows: keep them on one page."""
    return paragraph.text.rstrip().endswith(":")


def source_date() -> dt.datetime | None:
    """The date SOURCE_DATE_EPOCH asks for, if set (reproducible builds)."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value or not value.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(value), dt.UTC).replace(tzinfo=None)


def fixed_zip(data: bytes) -> bytes:
    """Re-zip an OOXML package with fixed timestamps and a fixed member order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in names]
    ordered = first + sorted(n for n in names if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


@dataclass
class ChartSource:
    """Draws the figures of a document from the model, once per format."""

    workshop: Workshop
    style: Style
    _cache: dict[tuple[str, Figure], bytes] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def _draw(self, figure: Figure):  # type: ignore[no-untyped-def]
        from ieg_reports.charts import draw

        return draw(figure.chart, self.workshop, self.style, dict(figure.params))

    def _record(self, caught: list[pywarnings.WarningMessage], figure: Figure) -> None:
        """matplotlib's missing-glyph warnings become build warnings naming the figure."""
        for item in caught:
            message = str(item.message)
            if "missing from font" in message:
                glyph = message.split("(", 1)[-1].split(")", 1)[0]
                line = f"figure {figure.number} : caractère absent de la police ({glyph})"
                if line not in self.warnings:
                    self.warnings.append(line)

    def png(self, figure: Figure, dpi: int = 200) -> bytes:
        """The chart as a PNG (for Word)."""
        from ieg_reports.charts.base import to_png

        key = ("png", figure)
        if key not in self._cache:
            with pywarnings.catch_warnings(record=True) as caught:
                pywarnings.simplefilter("always")
                self._cache[key] = to_png(self._draw(figure), dpi)
            self._record(caught, figure)
        return self._cache[key]

    def svg(self, figure: Figure) -> bytes:
        """The chart as SVG (vectors, for the PDF)."""
        from ieg_reports.charts.base import to_svg

        key = ("svg", figure)
        if key not in self._cache:
            with pywarnings.catch_warnings(record=True) as caught:
                pywarnings.simplefilter("always")
                self._cache[key] = to_svg(self._draw(figure))
            self._record(caught, figure)
        return self._cache[key]
