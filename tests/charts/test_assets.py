"""The assets stage: each chart and QR code drawn once per build, shared by both twins."""

from __future__ import annotations

from collections import OrderedDict

import pytest

from ieg_reports.charts import assets
from ieg_reports.config import Config
from ieg_reports.pipeline.render import RenderSettings, render_target
from ieg_reports.pipeline.targets import targets_for


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Empty memos and counters, as in a new worker."""
    monkeypatch.setattr(assets, "_FIGURES", OrderedDict())
    monkeypatch.setattr(assets, "_QR", OrderedDict())
    monkeypatch.setattr(assets, "DRAWN", {"charts": 0, "qr": 0})
    return assets.DRAWN


def test_a_pack_and_its_twin_share_one_chart_and_one_qr_per_link(fresh, sample_result) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_result.workshop
    settings = RenderSettings(None, Config())
    pack = [t for t in targets_for(workshop, settings.config) if t.theme == "T02"]
    assert sorted(t.kind for t in pack) == ["pack-docx", "pack-pdf"]
    for target in pack:
        render_target(target, workshop, settings)
    links = {r.url for r in workshop.resources if r.theme.code == "T02" and r.url}
    assert {"charts": 1, "qr": len(links)} == assets.DRAWN


def test_the_synthesis_twins_draw_each_chart_once(fresh, sample_result) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_result.workshop
    settings = RenderSettings(None, Config())
    for target in targets_for(workshop, settings.config)[:2]:  # synthese.docx, synthese.pdf
        render_target(target, workshop, settings)
    # Four figures; the PDF's table-of-contents passes reuse the drawings made before.
    assert assets.DRAWN["charts"] == 4


def test_a_changed_slice_draws_again(fresh, sample_result) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from ieg_reports.compose.document import Figure
    from ieg_reports.resources import default_templates
    from ieg_reports.style import load_style

    style = load_style(default_templates() / "style.toml")
    workshop = sample_result.workshop
    figure = Figure("familles", (), (), "alt", 1)
    first = assets.figure_picture(figure, workshop, style)
    assert assets.figure_picture(figure, workshop, style) is first
    renamed = dataclasses.replace(workshop, info=dataclasses.replace(workshop.info, contact="x"))
    assert assets.figure_picture(figure, renamed, style) is first  # not read by the chart
    fewer = dataclasses.replace(workshop, factors=workshop.factors[1:])
    assert assets.figure_picture(figure, fewer, style) is not first
    assert assets.DRAWN["charts"] == 2


def test_the_memo_keeps_only_recent_pictures(fresh, sample_result, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports.compose.document import Figure
    from ieg_reports.resources import default_templates
    from ieg_reports.style import load_style

    monkeypatch.setattr(assets, "KEEP_FIGURES", 2)
    style = load_style(default_templates() / "style.toml")
    workshop = sample_result.workshop
    codes = [f.code for f in workshop.factors[:3]]
    for code in codes:  # three packs' matrices, each its own highlight
        assets.figure_picture(Figure("matrice", (("surligner", code),), (), "", 1), workshop, style)
    assert len(assets._FIGURES) == 2 and assets.DRAWN["charts"] == 3
    assets.figure_picture(Figure("matrice", (("surligner", codes[2]),), (), "", 1), workshop, style)
    assert assets.DRAWN["charts"] == 3  # the latest is still there


def test_pack_charts_do_not_pickle_every_factor_per_document(
    fresh, sample_result, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports.compose.document import Figure
    from ieg_reports.pipeline.slices import pack_slice
    from ieg_reports.resources import default_templates
    from ieg_reports.style import load_style

    monkeypatch.setattr(assets, "_PARTS", OrderedDict())
    pickled: list[object] = []
    dumps = assets.pickle.dumps
    monkeypatch.setattr(assets.pickle, "dumps", lambda v, **k: pickled.append(v) or dumps(v, **k))
    style = load_style(default_templates() / "style.toml")
    workshop = sample_result.workshop
    assert len(workshop.factors) > assets.LARGE_PART
    keys = []
    for code in ("T02", "T03", "T04"):  # three packs' matrices: one walk of the factors
        figure = Figure("matrice", (("surligner", code),), (), "", 1)
        keys.append(assets.chart_key(figure, pack_slice(workshop, code), style))
    assert sum(p is workshop.factors for p in pickled) == 1 and len(set(keys)) == 3
    import dataclasses

    changed = dataclasses.replace(workshop, factors=workshop.factors[1:])  # digested anew
    figure = Figure("matrice", (("surligner", "T02"),), (), "", 1)
    assert assets.chart_key(figure, changed, style) != keys[0]
