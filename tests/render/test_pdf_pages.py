"""The page rules of the PDF writer on hand-made documents: where figures, headings and
list items land, read back from the PDF page by page."""

from __future__ import annotations

import io
import re
from typing import Any

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
from ieg_reports.render.pdf_writer import PdfWriter
from ieg_reports.resources import default_templates
from ieg_reports.style import load_style

STYLE = load_style(default_templates() / "style.toml")
FILLER = "Une phrase de remplissage qui occupe une bonne part de la ligne du texte courant. "


def _figure(number: int) -> Figure:
    return Figure("essai", (("n", str(number)),), (Run(f"Légende {number}"),), "Dessin", number)


def _picture(height: float) -> Picture:
    drawing = Drawing(400, height)
    drawing.add(Rect(0, 0, 400, height, fillColor=None, strokeWidth=0.5))
    drawing.add(String(10, 10, "Dessin", fontSize=10))
    return Picture(drawing, 400, height, lambda: b"")


def _pages(blocks: tuple[Block, ...], figures: dict[Figure, Picture] | None = None) -> list[str]:
    """The text of each page of `blocks` set as a PDF."""
    import pdfplumber

    data, _ = PdfWriter(STYLE).write(
        Document(DocumentInfo("Essai"), blocks), Assets(figures or {}, {})
    )
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(p.extract_text() or "").replace("\u00a0", " ") for p in pdf.pages]


def _page_of(pages: list[str], text: str) -> int:
    return next(n for n, page in enumerate(pages) if text in page)


def _text(words: int, mark: str = "") -> Paragraph:
    return Paragraph((Run(mark + FILLER * words),))


def _filled(lines: int) -> tuple[Block, ...]:
    """About `lines` lines of body text under a first heading."""
    return (Heading(1, (Run("Début"),), "debut"), *(_text(1) for _ in range(lines)))


def _float_case(before: Paragraph | Table, after: int = 3, lines: int = 34) -> list[str]:
    figure = _figure(1)
    blocks = (
        *_filled(lines),
        before,
        figure,
        _text(after, "APRES "),
        Heading(2, (Run("Section suivante"),), "s"),
        _text(12, "FIN "),
    )
    return _pages(blocks, {figure: _picture(420)})


def test_a_figure_after_plain_text_floats_past_text_but_never_past_a_heading() -> None:
    pages = _float_case(_text(1, "Du texte. "))
    assert _page_of(pages, "APRES") < _page_of(pages, "Légende 1")  # the text went first
    pages = _float_case(_text(1, "Du texte. "), after=1, lines=30)
    figure, heading = _page_of(pages, "Légende 1"), _page_of(pages, "Section suivante")
    assert heading > figure or pages[figure].index("Légende 1") < pages[figure].index("Section")


def test_a_figure_after_a_table_floats_too() -> None:
    row = (Cell((Run("Ligne"),)), Cell((Run("1"),)))
    table = Table((Cell((Run("Clé"),)), Cell((Run("Valeur"),))), (row, row))
    pages = _float_case(table)
    assert _page_of(pages, "APRES") < _page_of(pages, "Légende 1")


def test_a_figure_named_or_pointed_to_in_the_text_above_never_floats() -> None:
    for words in ("La figure 1 en donne la répartition. ", "Ils sont présentés ci-dessous. "):
        pages = _float_case(_text(1, words))
        assert _page_of(pages, "Légende 1") <= _page_of(pages, "APRES"), words
    pages = _float_case(_text(1, "La figure 12 en donne une autre. "))
    assert _page_of(pages, "APRES") < _page_of(pages, "Légende 1")  # not its own number


def test_a_hyphen_is_never_lost_in_cells_and_headings() -> None:
    words = (Run("Normes de "), Run("reporting", italic=True), Run(" extra-financier et "))
    words += (Run("open", italic=True), Run(" data-driven"))
    rows = tuple((Cell(words), Cell((Run("1"),))) for _ in range(3))
    blocks: list[Block] = []
    for weight in range(2, 30):  # the first column from narrow to wide
        head = (Cell((Run("Famille"),)), Cell((Run("N"),)))
        blocks.append(Table(head, rows, (weight, 10)))
        blocks.append(Heading(3, words, f"h{weight}"))
    text = "".join(_pages(tuple(blocks))).replace("\n", "")
    assert text.count("extra-financier") == text.count("extra") > 50
    assert "extrafinancier" not in text and "datadriven" not in text


def test_a_long_header_keeps_its_distinguishing_tail() -> None:
    from ieg_reports.compose import short_title
    from ieg_reports.fonts import register_fonts
    from ieg_reports.render.pdf_writer import fit_line

    title = "Comment les entreprises peuvent-elles anticiper leurs métiers d’ici 2035 (volet 2)"
    assert short_title(title, 40) == "Comment les entreprises… (volet 2)"
    assert short_title("Un titre court", 40) == "Un titre court"
    register_fonts(STYLE)
    fitted = fit_line(title, 150, 7.5)
    assert fitted.endswith("… (volet 2)") and fitted.startswith("Comment les")


def _list_case(lines: int, items: int, words: int = 1) -> list[str]:
    from ieg_reports.compose.document import ListBlock, ListItem

    entries = tuple(ListItem((_text(words, f"ITEM{n} "),)) for n in range(items))
    blocks = (*_filled(lines), Heading(2, (Run("Un facteur"),), "f"), _text(1, "Note. "))
    return _pages((*blocks, ListBlock(entries), _text(20, "FIN ")))


def test_a_short_list_never_splits_and_a_long_one_leaves_two_items_a_side() -> None:
    for lines in range(28, 44, 2):  # the list meets the page's foot at every height
        for items in (2, 3, 4, 7):
            pages = _list_case(lines, items)
            found = [sum(f"ITEM{n} " in page for n in range(items)) for page in pages]
            shared = [count for count in found if count]
            assert len(shared) == 1 or (items > 3 and min(shared) >= 2), (lines, items, found)
            head = _page_of(pages, "Un facteur")
            assert "ITEM0 " in pages[head] and "Note." in pages[head], (lines, items)


def test_a_list_of_long_items_splits_one_item_a_side_rather_than_leave_a_hole() -> None:
    # Items of four lines: the heading, its note and the first item fill the page's foot.
    moved = 0
    for lines in range(26, 44, 2):
        pages = _list_case(lines, 3, words=3)
        found = [sum(f"ITEM{n} " in page for n in range(3)) for page in pages]
        head = _page_of(pages, "Un facteur")
        assert "ITEM0 " in pages[head], (lines, found)
        moved += len([count for count in found if count]) > 1
    assert moved >= 2  # the list did split at some heights


def test_a_soft_page_break_is_kept_unless_the_page_is_under_a_third_full() -> None:
    from ieg_reports.compose.document import PageBreak

    for lines, alone in ((20, True), (3, False)):
        blocks = (*_filled(lines), PageBreak(soft=True), Heading(1, (Run("Annexes"),), "a"))
        pages = _pages(blocks)
        assert (_page_of(pages, "Annexes") != _page_of(pages, "Début")) == alone, lines
    hard = _pages((*_filled(3), PageBreak(), Heading(1, (Run("Annexes"),), "a")))
    assert _page_of(hard, "Annexes") == 1


def test_toc_leaders_start_at_one_gap_after_each_title() -> None:
    import pdfplumber

    from ieg_reports.compose.document import PageBreak, Toc
    from ieg_reports.render.pdf_writer import TOC_GAP

    titles = ("Un", "Le contexte et la méthode", "Les thèmes retenus par l’atelier", "Fin")
    blocks: list[Block] = [Toc("Sommaire"), PageBreak()]
    for n, title in enumerate(titles):
        blocks += [Heading(1 + n % 2, (Run(title),), f"t{n}"), _text(3)]
    data, _ = PdfWriter(STYLE).write(Document(DocumentInfo("Essai"), tuple(blocks)), Assets({}, {}))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        leaders = sorted(page.lines + page.curves, key=lambda line: line["top"])
        gaps = []
        for leader in leaders:
            row = [c for c in page.chars if c["top"] < leader["top"] < c["bottom"]]
            ends = [c["x1"] for c in row if c["x1"] < leader["x0"]]
            if ends:  # not the running header's rule
                gaps.append(leader["x0"] - max(ends))
    assert len(gaps) == len(titles)
    assert all(abs(gap - TOC_GAP) < 1.0 for gap in gaps), gaps


def test_no_justified_line_stretches_its_spaces_past_twice_their_width() -> None:
    import itertools
    import random

    import pdfplumber
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ieg_reports.fonts import SANS, register_fonts

    rng = random.Random(4)
    names = ("Territorialisation de la production d’énergie", "Transformation numérique")
    names += ("Interopérabilité", "Décarbonation des infrastructures", "registres distribués")
    names += ("Blockchain", "Innovations de rupture", "Économie circulaire et valorisation")
    blocks = []
    for n in range(40):
        runs = [Run("Il découle des facteurs-clés ")]
        for name in rng.sample(names, 3):
            runs += [Run(name, bold=True), Run(rng.choice((" et ", " (famille « Marchés ») ")))]
        blocks.append(
            Paragraph(
                (*runs, Run(f"fin {n}.")),
            )
        )
    data, _ = PdfWriter(STYLE).write(Document(DocumentInfo("Essai"), tuple(blocks)), Assets({}, {}))
    register_fonts(STYLE)
    space = stringWidth(" ", SANS, STYLE.sizes["body"])
    gaps = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            words = page.extract_words(use_text_flow=True)
            for left, right in itertools.pairwise(words):
                if abs(left["top"] - right["top"]) < 1:
                    gaps.append((right["x0"] - left["x1"], left["text"], right["text"]))
    worst = max(gaps)
    assert worst[0] < 2 * space + 0.3, worst


def test_text_beside_a_qr_code_is_set_ragged_right() -> None:
    import itertools

    import pdfplumber

    from ieg_reports.compose.document import Aside

    words = "Pourquoi la regarder. Ressource fictive donnée pour l’exemple : elle montre "
    aside = Aside((_text(1, words * 3),), "https://example.org/qr")
    data, _ = PdfWriter(STYLE).write(
        Document(DocumentInfo("Essai"), (aside,)),
        Assets({}, {"https://example.org/qr": Picture(Drawing(60, 60), 60, 60, lambda: b"")}),
    )
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        found = pdf.pages[0].extract_words()
    lines = [list(g) for _, g in itertools.groupby(found, key=lambda w: round(w["top"]))]
    ends = [round(line[-1]["x1"]) for line in lines if len(line) > 4][:-1]  # the full lines
    assert len(ends) >= 3 and len(set(ends)) > 1, ends  # justified, they would all end alike


def test_a_cut_leaves_three_letters_a_side_and_never_cuts_a_paragraphs_last_word() -> None:
    from ieg_reports.render.hyphenation import hyphenator, last_word

    assert last_word("lors de cette rencontre.") == "rencontre"
    assert list(hyphenator("rencontre")("rencontre")) == []
    assert all(len(h) >= 3 and len(t) >= 3 for h, t in hyphenator()("approfondis"))
    # Set in every measure, the same sentences never cut « ap- » nor their last word.
    blocks = []
    for n in range(60):
        words = "Les deux thèmes prioritaires retenus sont approfondis lors de cette rencontre."
        blocks.append(Paragraph((Run("x" * (n % 30) + " " + words + " Puis débattre."),)))
        blocks.append(Paragraph((Run("mot " * (n % 25) + words),)))
    text = "\n".join(_pages(tuple(blocks)))
    lines = text.splitlines()
    assert any(line.endswith("-") for line in lines)  # it does hyphenate
    cuts = [line.rsplit(" ", 1)[-1] for line in lines if line.endswith("-")]
    assert all(len(cut) > LEAST_CUT for cut in cuts), cuts
    assert "ren-" in cuts  # inside a paragraph, not at its end
    assert not re.search(r"ren-\ncontre\.(?! Puis)", text) and "débat-\ntre." not in text


LEAST_CUT = 3  # « ren- »: three letters and the hyphen


def test_ragged_lines_are_never_hyphenated() -> None:
    words = "Issu de trois facteurs-clés : comment donner du sens au travail et aux nouvelles "
    blocks = tuple(Paragraph((Run("x" * n + " " + words * 3),), style="left") for n in range(40))
    text = "\n".join(_pages(blocks))
    assert not re.search(r"[a-zé]-\n", text.replace("facteurs-\nclés", ""))


def test_with_a_table_of_contents_each_figure_is_drawn_once(monkeypatch: Any) -> None:
    """The first pass only finds the entries' pages: it lays out without drawing."""
    from reportlab.graphics import renderPDF

    from ieg_reports.compose.document import PageBreak, Toc

    drawn: list[object] = []
    real = renderPDF.draw

    def counted(drawing: object, *args: Any, **kwargs: Any) -> None:
        drawn.append(drawing)
        real(drawing, *args, **kwargs)

    monkeypatch.setattr(renderPDF, "draw", counted)
    figure = _figure(1)
    blocks = (Toc("Sommaire"), PageBreak(), *_filled(40), figure, Heading(1, (Run("Fin"),), "f"))
    pages = _pages(blocks, {figure: _picture(200)})
    assert len(drawn) == 1
    assert "Fin" in pages[0] and "Légende 1" in "".join(pages[1:])
