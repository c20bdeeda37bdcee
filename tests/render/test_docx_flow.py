"""Where the Word writer places figures: estimated pages, a figure that would leave a hole
moved after the text that fills its page (or shrunk), never past what it may not pass."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Rect, String

from ieg_reports.compose.assets import Assets, Picture
from ieg_reports.compose.document import (
    Block,
    Document,
    DocumentInfo,
    Figure,
    Heading,
    Paragraph,
    Run,
)
from ieg_reports.render.docx_flow import plan
from ieg_reports.resources import default_templates
from ieg_reports.style import load_style

STYLE = load_style(default_templates() / "style.toml")
WIDTH = (210 - 72) * 72 / 25.4  # the text width of A4 with 36 mm margins, in points
FILLER = "Une phrase de remplissage qui occupe une bonne part de la ligne du texte courant. "


def _figure(number: int = 1) -> Figure:
    return Figure("essai", (("n", str(number)),), (Run(f"Légende {number}"),), "Dessin", number)


def _picture(height: float, text: float = 10) -> Picture:
    drawing = Drawing(400, height)
    drawing.add(Rect(0, 0, 400, height, fillColor=None, strokeWidth=0.5))
    drawing.add(String(10, 10, "Dessin", fontSize=text))
    return Picture(drawing, 400, height, lambda: b"")


def _text(mark: str, sentences: int = 4) -> Paragraph:
    return Paragraph((Run(mark + " " + FILLER * sentences),))


def _plan(blocks: tuple[Block, ...], figure: Figure, height: float, text: float = 10):  # type: ignore[no-untyped-def]
    model = Document(DocumentInfo("Essai"), blocks)
    return plan(model, Assets({figure: _picture(height, text)}, {}), STYLE, WIDTH)


def _marks(blocks: tuple[Block, ...]) -> list[str]:
    out = []
    for block in blocks:
        text = getattr(block, "text", "")
        out.append("FIG" if isinstance(block, Figure) else text.split(" ")[0])
    return out


def _opening(paragraphs: int) -> tuple[Block, ...]:
    texts = [_text(f"A{n}") for n in range(paragraphs)]
    return (Heading(1, (Run("Partie"),), "partie"), *texts)


def test_a_figure_that_fits_stays_where_it_is() -> None:
    figure = _figure()
    blocks = (*_opening(2), figure, _text("B1"), _text("B2"))
    placed = _plan(blocks, figure, 200)
    assert placed.blocks == blocks and not placed.scales


def test_a_floating_figure_lets_the_text_after_it_fill_its_page() -> None:
    figure = _figure()
    blocks = (
        *_opening(5),
        figure,
        *(_text(f"B{n}") for n in range(6)),
        Heading(1, (Run("Suite"),), "s"),
    )
    placed = _plan(blocks, figure, 500)
    order = _marks(placed.blocks)
    assert order.index("FIG") > order.index("B0")  # text went first…
    assert order.index("FIG") < order.index("Suite")  # …never past a heading
    assert sorted(order) == sorted(_marks(blocks))


def test_a_named_figure_too_tall_passes_only_its_sections_subsections() -> None:
    figure = _figure()
    named = Paragraph((Run("La figure 1 montre ce qui suit. " + FILLER),))
    sub = Heading(2, (Run("Sous-partie"),), "sous")
    blocks = (*_opening(4), named, figure, sub, *(_text(f"B{n}", 2) for n in range(8)))
    placed = _plan(blocks, figure, 560)
    order = _marks(placed.blocks)
    assert order.index("FIG") > order.index("Sous-partie")
    before = placed.blocks[order.index("FIG") - 1]  # never under a heading or a « … : » line
    assert not isinstance(before, Heading) and not before.text.endswith(":")
    closed = (*_opening(4), named, figure, Heading(1, (Run("Autre"),), "a"), _text("B0"))
    assert _plan(closed, figure, 560).blocks == closed  # never past a section of its level


def test_a_named_figure_a_little_too_tall_shrinks_to_fit() -> None:
    figure = _figure()
    named = Paragraph((Run("La figure 1 montre ce qui suit. " + FILLER),))
    blocks = (*_opening(4), named, figure, _text("B0"))
    tall = _plan(blocks, figure, 300, text=14)  # 14 pt labels may shrink to 75 %
    assert tall.blocks == blocks
    assert 0.75 <= tall.scales[id(figure)] < 1
    assert not _plan(blocks, figure, 300, text=7).scales  # 7 pt labels never shrink
