from ieg_reports.charts import CHARTS, draw
from ieg_reports.charts.base import to_png, to_svg
from ieg_reports.charts.matrix import spread_labels
from ieg_reports.resources import default_templates
from ieg_reports.style import load_style

STYLE = load_style(default_templates() / "style.toml")


def _texts(fig) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_matrix_plots_every_rated_factor_and_labels_key_factors(sample_result) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_result.workshop
    fig = draw("matrice", workshop, STYLE, {})
    ax = fig.axes[0]
    plotted = {tuple(xy) for c in ax.collections for xy in c.get_offsets()}
    assert plotted == {
        (f.rating.capacity, f.rating.criticality) for f in workshop.factors if f.rating
    }
    assert {f.code for f in workshop.key_factors} <= set(_texts(fig))
    assert {"Facteurs-clés", "À surveiller", "Leviers", "Secondaires"} <= set(_texts(fig))
    vertical = [line.get_xdata()[0] for line in ax.lines]
    assert workshop.capacity_threshold in vertical


def test_matrix_highlight_labels_only_the_theme_factors(sample_result) -> None:  # type: ignore[no-untyped-def]
    fig = draw("matrice", sample_result.workshop, STYLE, {"surligner": "F04,F02"})
    codes = {t for t in _texts(fig) if t.startswith("F") and t[1:].isdigit()}
    assert codes == {"F04", "F02"}


def test_labels_never_overlap() -> None:
    points = [(3.0, 3.0)] * 6 + [(3.05, 3.02), (4.0, 4.0)]
    positions = spread_labels(points, 4.0)
    w, h = 4.0 * 0.075, 4.0 * 0.042
    for i, a in enumerate(positions):
        for b in positions[i + 1 :]:
            assert abs(a[0] - b[0]) >= w - 1e-9 or abs(a[1] - b[1]) >= h - 1e-6


def test_family_and_registre_bars(sample_result) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_result.workshop
    bars = draw("familles", workshop, STYLE, {}).axes[0].patches
    assert sum(p.get_width() for p in bars) == len(workshop.factors)
    registres = draw("registres", workshop, STYLE, {}).axes[0].patches
    assert sum(p.get_width() for p in registres) == len(workshop.keywords)


def test_themes_map_shows_every_theme_code(sample_result) -> None:  # type: ignore[no-untyped-def]
    texts = _texts(draw("themes", sample_result.workshop, STYLE, {}))
    assert {t.code for t in sample_result.workshop.themes} <= set(texts)


def test_outputs_are_reproducible(sample_result) -> None:  # type: ignore[no-untyped-def]
    for name in CHARTS:
        a = draw(name, sample_result.workshop, STYLE, {})
        b = draw(name, sample_result.workshop, STYLE, {})
        assert to_png(a, 50) == to_png(b, 50)
        assert to_svg(a) == to_svg(b)
