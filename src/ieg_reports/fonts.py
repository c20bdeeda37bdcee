"""The embedded font family, registered once for reportlab: the PDF writer and the charts.

Charts need the font's metrics to place their labels, and the PDF writer embeds it; both
register it through here so that a drawing measures text exactly as the page will set it.
"""

from __future__ import annotations

from pathlib import Path

from ieg_reports.resources import fonts_folder
from ieg_reports.style import Style

SANS = "IEG-Sans"
FACES = {"": "regular", "-Bold": "bold", "-Italic": "italic", "-BoldItalic": "bold_italic"}


def font_file(style: Style, key: str) -> Path:
    """A font file named in the style: beside the style file, else the shipped fonts."""
    name = style.fonts[key]
    local = style.path.parent / name
    if local.is_file():
        return local
    return fonts_folder() / name


def face_name(bold: bool = False, italic: bool = False) -> str:
    """The registered name of one face of the family."""
    return (
        SANS
        + {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Italic", (1, 1): "-BoldItalic"}[
            (int(bold), int(italic))
        ]
    )


def register_fonts(style: Style) -> object:
    """Register the four faces of the sans family; no page ever falls back to Helvetica."""
    from reportlab import rl_config
    from reportlab.graphics import shapes
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for suffix, key in FACES.items():
        if SANS + suffix not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(SANS + suffix, str(font_file(style, key))))
    pdfmetrics.registerFontFamily(
        SANS,
        normal=SANS,
        bold=SANS + "-Bold",
        italic=SANS + "-Italic",
        boldItalic=SANS + "-BoldItalic",
    )
    # Pages and drawings start with a base font: make it ours, or Helvetica is listed unembedded.
    rl_config.canvas_basefontname = SANS
    rl_config.defaultGraphicsFontName = SANS
    shapes.STATE_DEFAULTS["fontName"] = SANS
    return pdfmetrics.getFont(SANS)
