"""The factor key: every code the matrix labels is named in a table set under the figure."""

from __future__ import annotations

import re

from compose.test_editorial import _held_out_workshop
from compose.test_findings import _text as _plain
from ieg_reports.charts import draw
from ieg_reports.charts.base import strings
from ieg_reports.compose import compose_pack, compose_synthesis
from ieg_reports.compose.document import Document, Figure, Table, walk
from ieg_reports.compose.figure_keys import (
    ANNEX,
    DENSE,
    MAX_ROWS,
    SECTIONS,
    classify,
    factor_key,
    key_rest,
)
from ieg_reports.compose.french import words_fr
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
        named = {row[0].text for row in key.rows}
        # A code with no room on the figure is located by its notes in the lines under it.
        noted = set(re.findall(r"F\d+", " ".join(drawing.below)))
        assert named <= labels | noted and len(key.rows) <= MAX_ROWS
        rest = key_rest(workshop, dict(figure.params))
        assert (rest is None) == (labels == named)
        if rest is not None:  # the other codes are decoded by the annex, which lists them all
            annex = document.blocks[[_plain(b) for b in document.blocks].index(ANNEX) :]
            assert all(code in _plain(annex) for code in labels - named)
        assert any("tableau des facteurs" in line for line in drawing.below)


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
    assert not any("tableau des facteurs" in line for line in drawing.below)
    text = " ".join(r.text for b in walk(document.blocks) for r in getattr(b, "runs", ()))
    labels = {s.text for s in strings(drawing) if re.fullmatch(r"F\d+", s.text)}
    assert labels and all(code in text for code in labels)  # the pack's text names them


def test_the_key_gives_names_and_french_scores(sample_result) -> None:  # type: ignore[no-untyped-def]
    workshop = sample_result.workshop
    key = factor_key(workshop, {})
    assert key is not None
    f48 = next(row for row in key.rows if row[0].text == "F48")
    assert [row[-1].text for row in key.rows].count("Facteur-clé") == MAX_ROWS - 2
    factor = next(f for f in workshop.factors if f.code == "F48")
    assert f48[1].text == factor.label and "," in f48[2].text + f48[3].text
    assert f48[-1].text == "Retenu sous un seuil"  # the column kept it below a threshold
    assert factor_key(workshop, {"surligner": "ZZ9"}) is None  # nothing labelled, no key


def test_the_held_out_key_names_the_odd_choices_only_and_points_to_the_annex() -> None:
    workshop = _held_out_workshop()
    document = compose_synthesis(workshop)
    _check(document, workshop)
    key = factor_key(workshop, {})
    assert key is not None and len(key.rows) == MAX_ROWS
    assert {row[-1].text for row in key.rows} == {
        "Retenu sous un seuil",
        "Non retenu, notes hautes",
    }
    rest = key_rest(workshop, {})
    assert rest is not None
    drawing = draw("matrice", workshop, STYLE, {})
    labels = [s.text for s in strings(drawing) if re.fullmatch(r"F\d+", s.text)]
    others = words_fr(len(labels) - MAX_ROWS)  # the dense chart labels the exceptions only
    assert _plain(rest).startswith(
        f"Les {others} autres codes de la figure, tous des facteurs-clés,"
    )
    body = _plain(document.blocks).split("Annexes")[0]
    assert body.count("Retenu sous un seuil") <= MAX_ROWS


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
    named = {row[0].text for row in key.rows}  # the key: the most telling of the labels
    assert named <= set(labels) and len(named) == min(MAX_ROWS, len(labels))
