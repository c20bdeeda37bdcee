"""Where the Word writer places figures: estimated pages, a figure that would leave a hole
moved after the text that fills its page (or shrunk), never past what it may not pass."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Rect, String

from ieg_reports.compose.assets import Assets, Picture
from ieg_reports.compose.document import (
    Block,
    Cell,
    Document,
    DocumentInfo,
    Figure,
    Heading,
    Paragraph,
    Run,
    Table,
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


def test_a_named_figure_too_tall_lets_only_its_subsections_text_go_first() -> None:
    figure = _figure()
    named = Paragraph((Run("La figure 1 montre ce qui suit. " + FILLER),))
    colon = Paragraph((Run("Les codes des thèmes :"),))
    sub = Heading(2, (Run("Sous-partie"),), "sous")
    texts = (_text("B0", 2), _text("B1", 2), colon)
    blocks = (*_opening(4), named, figure, *texts, sub, *(_text(f"C{n}", 2) for n in range(8)))
    order = _marks(_plan(blocks, figure, 560).blocks)
    assert order.index("B0") < order.index("FIG") < order.index("Les")  # never under « … : »
    assert order.index("FIG") < order.index("Sous-partie")  # never past a heading


def test_a_named_figure_a_little_too_tall_shrinks_to_fit() -> None:
    figure = _figure()
    named = Paragraph((Run("La figure 1 montre ce qui suit. " + FILLER),))
    blocks = (*_opening(4), named, figure, _text("B0"))
    tall = _plan(blocks, figure, 300, text=14)  # 14 pt labels may shrink to 75 %
    assert tall.blocks == blocks
    assert 0.75 <= tall.scales[id(figure)] < 1
    assert not _plan(blocks, figure, 300, text=7).scales  # 7 pt labels never shrink


def test_no_heading_of_any_level_nor_what_follows_it_goes_before_a_figure() -> None:
    figure = _figure()
    named = Paragraph((Run("La figure 1 situe les thèmes. " + FILLER),))
    entry = Heading(3, (Run("Entrée"),), "entree")
    blocks = (
        *_opening(4),
        named,
        figure,
        _text("B0", 1),
        entry,
        *(_text(f"C{n}") for n in range(6)),
    )
    order = _marks(_plan(blocks, figure, 560).blocks)
    assert order.index("FIG") < order.index("Entrée")  # never inside the next entry
    floating = (*_opening(4), figure, _text("B0", 1), entry, *(_text(f"C{n}") for n in range(6)))
    order = _marks(_plan(floating, figure, 500).blocks)
    assert order.index("FIG") < order.index("Entrée")


def test_a_figures_key_table_never_goes_before_it() -> None:
    figure = _figure()
    key = Table((Cell((Run("Code"),)), Cell((Run("Thème"),))), _rows(12))
    blocks = (*_opening(5), figure, key, *(_text(f"B{n}") for n in range(4)))
    placed = _plan(blocks, figure, 500)
    assert placed.blocks.index(figure) < placed.blocks.index(key)


def test_a_figure_nothing_may_pass_shrinks_else_stays_in_place() -> None:
    figure = _figure()
    entry: tuple[Block, ...] = (
        Heading(3, (Run("Entrée"),), "entree"),
        *(_text(f"B{n}") for n in range(6)),
    )
    blocks = (*_opening(4), figure, *entry)
    shrunk = _plan(blocks, figure, 300, text=14)  # 14 pt labels may shrink to 75 %
    assert shrunk.blocks == blocks and 0.75 <= shrunk.scales[id(figure)] < 1
    named = Paragraph((Run("La figure 1 situe les thèmes. " + FILLER),))
    blocks = (*_opening(4), named, figure, *entry)
    kept = _plan(blocks, figure, 500, text=7)  # too tall even shrunk: left in place
    assert kept.blocks == blocks and not kept.scales


def _rows(count: int) -> tuple[tuple[Cell, ...], ...]:
    return tuple((Cell((Run(f"T{n:02d}"),)), Cell((Run("Un thème"),))) for n in range(count))
