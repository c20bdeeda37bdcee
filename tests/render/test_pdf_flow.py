"""The pagination rules of the PDF writer, one by one: table splits, figures, room."""

from __future__ import annotations

import random

import pytest
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, Paragraph

from ieg_reports.render.pdf_flow import (
    LEAST_ROWS,
    FigureBlock,
    RoomFor,
    SplitTable,
    rows_to_keep,
)

BODY = getSampleStyleSheet()["Normal"]


@pytest.mark.parametrize("rows", range(1, 12))
def test_rows_to_keep_never_leaves_fewer_than_two_body_rows_on_a_side(rows: int) -> None:
    rng = random.Random(rows)
    heights = [14.0] + [rng.choice((12.0, 24.0, 48.0)) for _ in range(rows)]
    for available in range(0, int(sum(heights)) + 2):
        keep = rows_to_keep(heights, available, 1, LEAST_ROWS)
        if keep:
            assert LEAST_ROWS <= keep <= rows - LEAST_ROWS
            assert sum(heights[: 1 + keep]) <= available  # what stays fits
        else:
            fit = sum(1 for n in range(1, rows + 1) if sum(heights[: n + 1]) <= available)
            assert fit < LEAST_ROWS or rows - LEAST_ROWS < LEAST_ROWS or fit >= rows


def _table(rows: int, seed: int) -> SplitTable:
    rng = random.Random(seed)
    data = [[Paragraph("Code", BODY), Paragraph("Libellé", BODY)]]
    for n in range(rows):
        words = " ".join(["mot"] * rng.choice((2, 30, 70)))
        data.append([Paragraph(f"R{n}", BODY), Paragraph(words, BODY)])
    return SplitTable(data, colWidths=[60, 200], repeatRows=1, splitByRow=1)


def _codes(table: SplitTable) -> list[str]:
    cells = [row[0] for row in table._cellvalues]
    return [(c[0] if isinstance(c, list | tuple) else c).text for c in cells]


class _MidPage:
    """The frame of a page already begun (what Frame.split sets on a flowable)."""

    _atTop = 0


@pytest.mark.parametrize("rows", [1, 3, 4, 5, 9, 16])
def test_a_table_split_at_every_height_keeps_rows_whole_and_two_a_side(rows: int) -> None:
    canvas = Canvas("/dev/null")
    whole = _table(rows, rows)
    total = whole.wrapOn(canvas, 260, 1e6)[1]
    splits = 0
    for available in range(10, int(total), 4):
        table = _table(rows, rows)
        table.wrapOn(canvas, 260, available)
        table._frame = _MidPage()
        parts = table.split(260, available)
        if isinstance(parts[0], ActionFlowable):
            assert parts[1:] == [table]  # moved on whole
            continue
        assert len(parts) == 2
        first, rest = (_codes(p) for p in parts)
        assert first[0] == rest[0] == "Code"  # the header, at the top of each part only
        assert first[1:] + rest[1:] == [f"R{n}" for n in range(rows)]  # no row split or lost
        assert min(len(first), len(rest)) - 1 >= LEAST_ROWS
        assert parts[0].wrapOn(canvas, 260, available)[1] <= available
        splits += 1
    assert splits > 0 if rows >= 2 * LEAST_ROWS else splits == 0


def test_the_rest_of_a_split_table_waits_for_the_top_of_a_page() -> None:
    canvas = Canvas("/dev/null")
    table = _table(12, 1)
    table.wrapOn(canvas, 260, 400)
    rest = table.split(260, 400)[1]
    rest.wrapOn(canvas, 260, 300)
    rest._frame = _MidPage()
    moved = rest.split(260, 300)  # never a header repeated in the middle of a page
    assert isinstance(moved[0], ActionFlowable) and moved[1:] == [rest]
    del rest._frame  # at the top of the next page
    assert rest.split(260, 300)


def test_a_row_taller_than_a_page_still_splits() -> None:
    canvas = Canvas("/dev/null")
    data = [["Code", "Texte"], ["R0", Paragraph("mot " * 3000, BODY)]]
    table = SplitTable(data, colWidths=[60, 200], repeatRows=1, splitByRow=1)
    table.wrapOn(canvas, 260, 700)
    assert len(table.split(260, 700)) == 2


def _chart(size: float) -> Drawing:
    drawing = Drawing(300, 400)
    drawing.add(Rect(0, 0, 300, 400))
    drawing.add(String(10, 10, "Étiquette", fontSize=size))
    return drawing


def test_a_figure_shrinks_to_its_floor_never_under_seven_points() -> None:
    caption = Paragraph("Figure 1 — Légende", BODY)
    source = Paragraph("Source : atelier.", BODY)
    roomy = FigureBlock(_chart(10), 300, 700, [caption, source])
    full = roomy.wrap(300, 1000)[1]
    squeezed = roomy.wrap(300, full - 60)[1]
    assert squeezed <= full - 60 and roomy.scale >= 0.7  # 10 pt × 0.7 = 7 pt
    tight = FigureBlock(_chart(7), 300, 700, [caption, source])
    assert tight.wrap(300, full - 60)[1] == pytest.approx(full)  # 7 pt text: no shrinking


def test_a_figure_draws_its_caption_then_its_source(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reportlab.platypus import SimpleDocTemplate

    from .pdftext import pdf_text

    texts = [Paragraph("Figure 1 — Légende", BODY), Paragraph("Source : atelier.", BODY)]
    path = tmp_path / "figure.pdf"
    SimpleDocTemplate(str(path)).build([FigureBlock(_chart(9), 300, 600, texts)])
    text = pdf_text(path)
    assert text.index("Étiquette") < text.index("Figure 1") < text.index("Source")


def test_room_for_a_heading_measures_what_it_introduces() -> None:
    canvas = Canvas("/dev/null")
    heading = Paragraph("<b>Titre</b>", BODY)
    table = _table(6, 2)
    room = RoomFor([heading], [], table)
    room.canv = canvas
    need = room.need(260)
    table.wrapOn(canvas, 260, 1e6)
    assert need >= sum(table._rowHeights[:3])  # the header and two rows
    long_text = Paragraph("mot " * 900, BODY)
    capped = RoomFor([heading], [long_text], None, most=200)
    capped.canv = canvas
    assert capped.need(260) < 100  # a long text only needs its first lines under the heading


def test_room_for_a_heading_measures_a_block_kept_together() -> None:
    from reportlab.platypus import KeepTogether

    canvas = Canvas("/dev/null")
    kept = KeepTogether([Paragraph("mot " * 60, BODY), Paragraph("fin", BODY)])
    room = RoomFor([Paragraph("<b>Titre</b>", BODY)], [Paragraph("Une ligne.", BODY)], kept)
    room.canv = canvas
    assert 40 < room.need(260) < 300  # the block's own height, not reportlab's split request
