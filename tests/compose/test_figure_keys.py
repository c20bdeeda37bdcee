"""The factor key: every code the matrix labels is named in a table set under the figure."""

from __future__ import annotations

import re

from ieg_reports.charts import draw
from ieg_reports.charts.base import strings
from ieg_reports.compose import compose_pack, compose_synthesis
from ieg_reports.compose.document import Document, Figure, Table, walk
from ieg_reports.compose.figure_keys import DENSE, SECTIONS, classify, factor_key
from ieg_reports.model import Workshop
from ieg_reports.resources import default_templates
from ieg_reports.style import load_style

STYLE = load_style(default_templates() / "style.toml")


def _keys_after_matrices(document: Document) -> list[tuple[Figure, Table | None]]:
    blocks = list(document.blocks)
    out: list[tuple[Figure, Table | None]] = []
    for n, block in enumerate(blocks):
        if isinstance(block, Figure) and block.chart == "matrice":
            after = blocks[n + 1] if n + 1 < len(blocks) else None
            out.append((block, after if isinstance(after, Table) else None))
    return out


def _check(document: Document, workshop: Workshop) -> None:
    pairs = _keys_after_matrices(document)
    assert pairs
    for figure, key in pairs:
        drawing = draw("matrice", workshop, STYLE, dict(figure.params))
        labels = {s.text for s in strings(drawing) if re.fullmatch(r"F\d+", s.text)}
        assert key is not None and labels
        assert labels <= {row[0].text for row in key.rows}
        assert any("tableau qui suit" in line for line in drawing.below)


def test_the_synthesis_matrix_is_followed_by_its_key(sample_result) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_result.workshop
    _check(compose_synthesis(workshop), workshop)


def test_a_pack_names_its_factors_in_the_text_not_in_a_key(sample_result) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_result.workshop
    theme = next(t for t in workshop.themes if t.factors)
    document = compose_pack(workshop, theme)
    [(figure, key)] = _keys_after_matrices(document)
    assert figure.param("cle") == "non" and key is None
    drawing = draw("matrice", workshop, STYLE, dict(figure.params))
    assert not any("tableau qui suit" in line for line in drawing.below)
    text = " ".join(r.text for b in walk(document.blocks) for r in getattr(b, "runs", ()))
    labels = {s.text for s in strings(drawing) if re.fullmatch(r"F\d+", s.text)}
    assert labels and all(code in text for code in labels)  # the pack's text names them


def test_the_key_gives_names_and_french_scores(sample_result) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_result.workshop
    key = factor_key(workshop, {})
    assert key is not None
    f48 = next(row for row in key.rows if row[0].text == "F48")
    factor = next(f for f in workshop.factors if f.code == "F48")
    assert f48[1].text == factor.label and "," in f48[2].text + f48[3].text
    assert f48[-1].text == "Retenu sous un seuil"  # the column kept it below a threshold
    assert factor_key(workshop, {"surligner": "ZZ9"}) is None  # nothing labelled, no key


def test_a_dense_matrix_labels_exactly_the_rows_of_its_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fixtures.held_out import write_held_out
    from ieg_reports.api import load_workshop

    workshop = load_workshop(write_held_out(tmp_path / "dense")).workshop
    key = factor_key(workshop, {})
    drawing = draw("matrice", workshop, STYLE, {})
    labels = [s.text for s in strings(drawing) if re.fullmatch(r"F\d+", s.text)]
    assert key is not None and labels
    every = [p for p in classify(workshop, set()) if p.status in SECTIONS]
    assert len(every) > DENSE and len(key.rows) < len(every)  # thinned to the exceptions
    assert sorted(labels) == sorted(row[0].text for row in key.rows)
