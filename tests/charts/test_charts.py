"""The native charts: what they show, how they read in print and in greyscale, both formats."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from PIL import Image
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Rect, String
from reportlab.lib.colors import white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from compose.test_editorial import _held_out_workshop
from ieg_reports.charts import CHARTS, draw, matrix
from ieg_reports.charts.base import (
    MAX_HEIGHT,
    MIN_TEXT,
    SHAPES,
    WIDTH,
    Kit,
    axis_ticks,
    marker,
    number,
    strings,
)
from ieg_reports.charts.labels import crosses_box, hits
from ieg_reports.charts.matrix import classify, place_labels
from ieg_reports.charts.raster import font_files, to_png
from ieg_reports.compose.typography import typeset
from ieg_reports.model import Factor, Family, Theme, Workshop
from ieg_reports.resources import default_templates
from ieg_reports.style import load_style

STYLE = load_style(default_templates() / "style.toml")


def _texts(drawing: Drawing) -> list[str]:
    return [s.text for s in strings(drawing)]


@pytest.fixture(scope="module")
def workshop(sample_result) -> Workshop:  # type: ignore[no-untyped-def]
    return sample_result.workshop  # type: ignore[no-any-return]


def test_theme_cards_read_at_least_at_seven_and_a_half_points(workshop: Workshop) -> None:
    """Lato reads small: the cards' titles and routes stay clear of the 7 pt floor."""
    drawing = draw("themes", workshop, STYLE, {})
    titles = [t for t in strings(drawing) if t.text in {th.code for th in workshop.themes}]
    assert titles
    cards = [t for t in strings(drawing) if not t.text.startswith("Source")]
    assert min(t.fontSize for t in cards) >= 7.5


@pytest.mark.parametrize("families", [False, True])
def test_every_chart_keeps_its_text_legible_and_inside(workshop: Workshop, families: bool) -> None:
    workshop = _ten_families(workshop) if families else workshop
    for name in CHARTS:
        drawing = draw(name, workshop, STYLE, {})
        measure = A4[0] - (STYLE.page["margin_left"] + STYLE.page["margin_right"]) * mm
        assert drawing.width <= min(WIDTH, measure) + 0.01, name  # print size: never scaled down
        assert drawing.height <= MAX_HEIGHT + 60, name
        for text in strings(drawing):
            assert text.fontSize >= MIN_TEXT, (name, text.text)
            width = stringWidth(text.text, text.fontName, text.fontSize)
            left = text.x - {"middle": width / 2, "end": width}.get(text.textAnchor, 0)
            if not text.text.startswith("Criticité"):  # the rotated axis title
                assert left >= -0.5 and left + width <= drawing.width + 0.5, (name, text.text)


def test_numbers_are_french(workshop: Workshop) -> None:
    assert number(2.5) == "2,5" and number(3) == "3"
    assert axis_ticks(0, 10) == [float(n) for n in range(11)]
    assert axis_ticks(0, 100)[:3] == [0.0, 5.0, 10.0]
    for name in ("matrice", "familles", "registres"):  # the map of themes has no numbers
        numbers = [
            t for t in _texts(draw(name, workshop, STYLE, {})) if re.fullmatch(r"[\d.,\s]+", t)
        ]
        assert numbers and not [t for t in numbers if "." in t], name


def test_matrix_names_every_key_factor_and_the_exceptions(workshop: Workshop) -> None:
    texts = _texts(draw("matrice", workshop, STYLE, {}))
    assert {f.code for f in workshop.key_factors} <= set(texts)
    assert {"À surveiller", "Leviers", "Secondaires"} <= set(texts)
    statuses = {p.factor.code: p.status for p in classify(workshop, set())}
    # The sample's column retains F48 below the thresholds and leaves F11 out above them.
    assert statuses["F48"] == "sous" and statuses["F11"] == "ecarte"
    assert "Retenu sous un seuil" in texts and "Non retenu, notes hautes" in texts
    assert "Au-dessus des deux seuils" in texts


def test_the_zone_is_called_key_factors_when_the_thresholds_decided(workshop: Workshop) -> None:
    cap, crit = workshop.capacity_threshold, workshop.criticality_threshold
    factors = tuple(
        dataclasses.replace(
            f,
            is_key=f.rating is not None
            and f.rating.capacity >= cap
            and f.rating.criticality >= crit,
        )
        for f in workshop.factors
    )
    by_rule = dataclasses.replace(workshop, factors=factors, key_rule="seuils")
    assert {p.status for p in classify(by_rule, set())} <= {"cle", "autre"}
    texts = _texts(draw("matrice", by_rule, STYLE, {}))
    assert texts.count("Facteurs-clés") == 1  # the zone; the key is a table under the figure
    assert "Au-dessus des deux seuils" not in texts


def test_matrix_highlight_labels_only_the_theme_factors(workshop: Workshop) -> None:
    texts = _texts(draw("matrice", workshop, STYLE, {"surligner": "F04,F02"}))
    codes = {t for t in texts if re.fullmatch(r"F\d\d", t)}
    assert codes == {"F04", "F02"}


def test_families_differ_by_shape_not_colour_alone() -> None:
    outlines = set()
    for shape in SHAPES:
        drawn = marker(shape, 0, 0, 8, white, white, 0)
        corners = getattr(drawn, "points", None) or [drawn.__class__.__name__]
        outlines.add(tuple(str(round(v, 2)) if isinstance(v, float) else v for v in corners))
    assert len(SHAPES) >= 12 and len(outlines) == len(SHAPES)


def _ten_families(workshop: Workshop, count: int = 10) -> Workshop:
    families = tuple(
        Family(f"X{n}", f"Famille {n} au nom assez long pour passer à la ligne")
        for n in range(count)
    )
    factors = tuple(
        dataclasses.replace(f, family=families[n % count]) for n, f in enumerate(workshop.factors)
    )
    return dataclasses.replace(workshop, families=families, factors=factors)


def test_the_legend_names_every_family_drawn_and_only_those(workshop: Workshop) -> None:
    ten = _ten_families(workshop)
    text = " ".join(_texts(draw("matrice", ten, STYLE, {})))
    assert all(f.name[:20] in text for f in ten.families) and "autres familles" not in text
    one = ten.factors[3]
    shown = " ".join(_texts(draw("matrice", ten, STYLE, {"surligner": one.code})))
    assert one.family.name[:20] in shown
    assert [f for f in ten.families if f.name[:20] in shown] == [one.family]


def test_families_beyond_the_shapes_carry_a_centre_dot(workshop: Workshop) -> None:
    many = _ten_families(workshop, len(SHAPES) + 2)
    dots = [
        s
        for s in _shapes(draw("matrice", many, STYLE, {}))
        if isinstance(s, Circle) and abs(s.r - 1.3) < 1e-6
    ]
    legend_dots = 2  # one in the legend for each of the two families past the twelfth
    drawn = sum(1 for f in many.factors if f.rating and f.family.code in {"X12", "X13"})
    assert len(dots) >= legend_dots + 1 and len(dots) <= legend_dots + drawn


def _shapes(group: Group) -> list[object]:
    out: list[object] = []
    for shape in group.contents:
        out += _shapes(shape) if isinstance(shape, Group) else [shape]
    return out


def _frame_of(workshop: Workshop, params: dict[str, str]):  # type: ignore[no-untyped-def]
    points = classify(workshop, set(params))
    return matrix._Frame(
        workshop, 80.0, Kit(STYLE).wide - matrix.LEFT - matrix.RIGHT, matrix.PLOT
    ), points


@pytest.mark.parametrize("shift", [0, 1, 2])
def test_no_marker_covers_a_quadrant_name(workshop: Workshop, shift: int) -> None:
    corners = [(1.0, 1.0), (5.0, 5.0), (1.0, 5.0), (5.0, 1.0), (3.0, 3.0), (4.8, 4.9)]
    factors = tuple(
        dataclasses.replace(
            f,
            rating=dataclasses.replace(
                f.rating,
                capacity=corners[(n + shift) % 6][0],
                criticality=corners[(n + shift) % 6][1],
            ),
        )
        if f.rating is not None and n % 3 == 0
        else f
        for n, f in enumerate(workshop.factors)
    )
    for case in (workshop, dataclasses.replace(workshop, factors=factors)):
        frame, points = _frame_of(case, {})
        titles = matrix._quadrant_titles(Kit(STYLE), case, frame, points)
        assert len(titles) == 4
        for _, box, _ in titles:
            assert not any(hits(box, matrix._marker_box(frame, p)) for p in points)


def test_markers_at_the_ends_of_the_scale_stay_inside_the_frame(workshop: Workshop) -> None:
    factors = tuple(
        dataclasses.replace(f, rating=dataclasses.replace(f.rating, capacity=v, criticality=v))
        for f, v in zip(workshop.factors[:4], (1.0, 5.0, 1.0, 5.0), strict=True)
        if f.rating is not None
    )
    edge = dataclasses.replace(workshop, factors=factors)
    frame, points = _frame_of(edge, {})
    assert {p.x for p in points} == {1.0, 5.0}
    for p in points:
        x0, y0, x1, y1 = matrix._marker_box(frame, p)
        assert frame.left < x0 and x1 < frame.right and frame.bottom < y0 and y1 < frame.top


def test_labels_overlap_neither_each_other_nor_markers() -> None:
    anchors = [(100.0 + 3 * (n % 5), 100.0 + 2 * (n // 5)) for n in range(20)]
    markers = [(x - 4, y - 4, x + 4, y + 4) for x, y in anchors]
    sizes = [(14.0, 8.0, 0.0, 0.0)] * len(anchors)
    placed = place_labels(sizes, anchors, markers, (0, 0, 300, 300))
    boxes = [(p[0], p[1], p[0] + 14, p[1] + 8) for p in placed if p is not None]
    assert len(boxes) >= 15  # a blob of twenty: most are labelled, the rest keyed
    for i, a in enumerate(boxes):
        assert not any(a[0] < m[2] and m[0] < a[2] and a[1] < m[3] and m[1] < a[3] for m in markers)
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_themes_map_shows_every_title_whole(workshop: Workshop) -> None:
    words = " ".join(_texts(draw("themes", workshop, STYLE, {}))).split()
    joined = " ".join(words)
    for theme in workshop.themes:
        assert " ".join(typeset(theme.title).split()) in joined, theme.title
        assert theme.code in words


def test_bars_count_factors_and_keywords(workshop: Workshop) -> None:
    texts = _texts(draw("familles", workshop, STYLE, {}))
    first = workshop.families[0]
    total = len(workshop.factors_of(first))
    keys = sum(f.is_key for f in workshop.factors_of(first))
    assert f"{total} (dont {keys} clé{'s' if keys > 1 else ''})" in texts
    singles = [t for t in texts if "(dont 1 " in t]
    assert all(t.endswith("(dont 1 clé)") for t in singles), singles
    registres = _texts(draw("registres", workshop, STYLE, {}))
    per_family = [
        sum(1 for k in workshop.keywords if k.factor.family.code == fam.code)
        for fam in workshop.families
    ]
    assert all(str(n) in registres for n in per_family)


def test_big_workshops_stay_within_a_page(workshop: Workshop) -> None:
    families = tuple(
        Family(f"X{n}", f"Famille numéro {n} au nom assez long pour passer à la ligne")
        for n in range(60)
    )
    factors = tuple(
        dataclasses.replace(f, code=f"{f.code}-{n}", family=families[n % 60])
        for n in range(30)
        for f in workshop.factors
    )
    themes = tuple(
        Theme(f"T{n}", "Un titre de thème " * 4, workshop.themes[n % 11].axis, "documentaire")
        for n in range(300)
    )
    big = dataclasses.replace(workshop, families=families, factors=factors, themes=themes)
    for name in CHARTS:
        drawing = draw(name, big, STYLE, {})
        assert drawing.height <= MAX_HEIGHT + 60, name
    assert any("autres thèmes" in t for t in _texts(draw("themes", big, STYLE, {})))
    matrix_drawing = draw("matrice", big, STYLE, {})
    assert matrix_drawing.height <= MAX_HEIGHT
    legend = _texts(matrix_drawing)
    drawn = {f.family.code for f in big.factors if f.rating is not None}
    assert len(drawn) == 30 and sum(t.startswith("Famille numéro") for t in legend) >= 30
    many = dataclasses.replace(
        big,
        factors=tuple(
            dataclasses.replace(f, family=families[n % 60]) for n, f in enumerate(factors)
        ),
    )
    crowded = draw("matrice", many, STYLE, {})
    assert crowded.height <= MAX_HEIGHT
    assert any("autres familles, non montrées" in t for t in _texts(crowded))


def test_png_and_pdf_come_from_the_same_drawing(workshop: Workshop, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from render.pdftext import pdf_text

    drawing = draw("matrice", workshop, STYLE, {})
    png = to_png(drawing, font_files(STYLE), dpi=100)
    assert png == to_png(drawing, font_files(STYLE), dpi=100)  # reproducible
    image = Image.open(io.BytesIO(png))
    assert image.size == (round(drawing.width * 100 / 72), round(drawing.height * 100 / 72))
    assert len(image.convert("RGB").getcolors(1 << 16) or ()) > 50  # painted, not blank
    rgb = image.convert("RGB")
    corners = [(0, 0), (image.width - 1, 0), (0, image.height - 1)]
    assert {rgb.getpixel(xy) for xy in corners} == {(255, 255, 255)}  # no grey box on the page
    path = tmp_path / "matrice.pdf"
    renderPDF.drawToFile(drawing, str(path))
    text = pdf_text(path)
    assert "Capacité d’agir (moyenne des notes)" in text and "F01" in text


def test_factor_without_rating_is_left_out(workshop: Workshop) -> None:
    unrated = dataclasses.replace(workshop.factors[0], rating=None)
    assert isinstance(unrated, Factor)
    changed = dataclasses.replace(workshop, factors=(unrated, *workshop.factors[1:]))
    assert unrated.code not in {p.factor.code for p in classify(changed, set())}


def test_a_wrapped_title_never_starts_a_line_with_its_number() -> None:
    from ieg_reports.charts.base import Kit
    from ieg_reports.resources import default_templates
    from ieg_reports.style import load_style

    kit = Kit(load_style(default_templates() / "style.toml"))
    title = "Comment les entreprises peuvent-elles anticiper leurs métiers (volet 1)"
    for width in range(40, 200, 3):
        lines = kit.wrap(title, width)
        assert not any(re.match(r"^\d", line) for line in lines), (width, lines)


def test_the_legend_explains_only_the_natures_drawn(workshop: Workshop) -> None:
    macro = [f.code for f in workshop.factors if f.rating and not f.is_weak_signal][:3]
    weak = [f.code for f in workshop.factors if f.rating and f.is_weak_signal][:1]
    only_macro = (
        " | ".join(_texts(draw("matrice", workshop, STYLE, {"surligner": ",".join(macro)})))
        .replace("\u00a0", " ")
        .replace("\u202f", " ")
    )
    assert "plein : macro-déterminant" in only_macro
    assert "creux : signal faible" not in only_macro
    both = (
        " | ".join(_texts(draw("matrice", workshop, STYLE, {"surligner": ",".join(macro + weak)})))
        .replace("\u00a0", " ")
        .replace("\u202f", " ")
    )
    assert "plein : macro-déterminant" in both and "creux : signal faible" in both


def _code_boxes(codes: Group) -> dict[str, tuple[float, float, float, float]]:
    """Each code drawn by the matrix with the box of its light ground."""
    out = {}
    for group in codes.contents:
        ground = next(s for s in group.contents if isinstance(s, Rect))
        text = next(s for s in group.contents if isinstance(s, String)).text
        out[text] = (ground.x, ground.y, ground.x + ground.width, ground.y + ground.height)
    return out


@pytest.mark.parametrize("which", ["sample", "held_out"])
def test_matrix_codes_stay_clear_of_markers_lines_and_frame(workshop: Workshop, which: str) -> None:
    case = workshop if which == "sample" else _held_out_workshop()
    kit, (frame, points) = Kit(STYLE), _frame_of(case, {})
    titles = matrix._quadrant_titles(kit, case, frame, points)
    codes, unplaced = matrix._labels(kit, case, frame, points, [t[1] for t in titles])
    boxes = _code_boxes(codes)
    assert len(boxes) + len(unplaced) == len(matrix.labelled(points)) and boxes
    lines = matrix._thresholds(case, frame)
    inside = (frame.left + 2, frame.bottom + 2, frame.right - 2, frame.top - 2)
    for code, box in boxes.items():
        assert inside[0] <= box[0] and box[2] <= inside[2], code  # not on the frame
        assert inside[1] <= box[1] and box[3] <= inside[3], code
        assert not any(hits(box, matrix._marker_box(frame, p)) for p in points), code
        assert not any(hits(box, t[1]) for t in titles), code
        assert not any(hits(box, b) for c, b in boxes.items() if c != code), code
    straddling = [c for c, b in boxes.items() if any(crosses_box(s, b) for s in lines)]
    assert len(straddling) <= len(boxes) // 10  # a code on a threshold line only for want of room
    for _, box, _ in titles:  # quadrant names inside the frame, never above it
        assert frame.left < box[0] and box[2] < frame.right and box[3] < frame.top


def test_codes_without_a_place_are_located_in_a_note(workshop: Workshop) -> None:
    case = _held_out_workshop()
    drawing = draw("matrice", case, STYLE, {})
    drawn = {t for t in _texts(drawing) if re.fullmatch(r"F\d+", t)}
    missing = {p.factor.code for p in matrix.labelled(classify(case, set()))} - drawn
    notes = " ".join(drawing.below)
    assert all(code in notes for code in missing)
    assert ("faute de place" in notes) == bool(missing)
    zone = matrix.zone_name(case)
    texts = " ".join(_texts(drawing))  # inside the frame or, if no room, in the legend
    assert zone in texts or f"Zone ombrée\u00a0: {zone[:1].lower()}{zone[1:]}" in texts
