"""PDF tables: a header word is never cut letter by letter."""

from __future__ import annotations

import io

from ieg_reports.compose.assets import Assets
from ieg_reports.compose.document import Cell, Document, DocumentInfo, Run, Table
from ieg_reports.render.pdf_writer import PdfWriter, widen_for_words
from ieg_reports.resources import default_templates
from ieg_reports.style import load_style

STYLE = load_style(default_templates() / "style.toml")


def test_columns_widen_to_their_longest_word_from_the_columns_with_room() -> None:
    widths = widen_for_words([200.0, 40.0, 60.0], [50.0, 55.0, 30.0])
    assert widths[1] == 55.0 and sum(widths) == 300.0
    assert widths[0] < 200.0 and widths[2] < 60.0 and widths[2] >= 30.0


def test_columns_stay_as_they_are_when_the_words_cannot_all_fit() -> None:
    assert widen_for_words([40.0, 40.0], [70.0, 30.0]) == [40.0, 40.0]
    assert widen_for_words([100.0, 50.0], [20.0, 20.0]) == [100.0, 50.0]


def test_a_narrow_header_column_keeps_its_word_whole() -> None:
    import pdfplumber

    header = tuple(Cell((Run(t),)) for t in ("Famille", "Facteurs", "Facteurs-clés", "Part"))
    rows = (
        (Cell((Run("Numérique"),)), Cell((Run("8"),)), Cell((Run("3"),)), Cell((Run("38 %"),))),
    )
    table = Table(header, rows, widths=(9.0, 1.2, 0.6, 1.2))
    data, _ = PdfWriter(STYLE).write(Document(DocumentInfo("Essai"), (table,)), Assets({}, {}))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = pdf.pages[0].extract_text()
    assert "Facteurs-clés" in text.replace("\n", " ").split()
