"""What the sample's documents say: findings first, nothing printed twice, packs worth keeping."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from ieg_reports.compose.document import (
    Box,
    Document,
    Heading,
    ListBlock,
    Paragraph,
    Table,
    walk,
)


@pytest.fixture(scope="module")
def synthesis(sample_result) -> Document:  # type: ignore[no-untyped-def]
    from ieg_reports.compose import compose_synthesis

    return compose_synthesis(sample_result.workshop)


def _section(document: Document, title: str) -> list[object]:
    """The blocks of one level-1 section, containers opened."""
    blocks = list(document.blocks)
    start = next(
        i
        for i, b in enumerate(blocks)
        if isinstance(b, Heading) and b.text.replace("\u00a0", " ") == title
    )
    end = next(
        (i for i, b in enumerate(blocks[start + 1 :], start + 1) if isinstance(b, Heading) and b.level == 1),
        len(blocks),
    )  # fmt: skip
    return walk(tuple(blocks[start + 1 : end]))  # type: ignore[arg-type]


def _lines(document: Document) -> list[str]:
    """Every paragraph and table row of a document, as text."""
    lines = []
    for block in walk(document.blocks):
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            # A header row labels its columns: the same labels over several tables is fine.
            rows = (block.header, *block.rows) if not block.has_header else block.rows
            lines += [" | ".join(c.text for c in row) for row in rows]
    return lines


def test_every_section_opens_with_findings_before_detail(synthesis: Document) -> None:
    for title in (
        "Les familles de facteurs",
        "Les mots-clés des participants",
        "La sélection des facteurs-clés",
        "Les effets sur l’environnement de travail",
        "Les thèmes retenus",
        "Prochaines étapes",
    ):
        first = next(b for b in _section(synthesis, title) if not isinstance(b, Heading))
        assert isinstance(first, Paragraph), title
        sentences = re.findall(r"[^.!?]+[.!?]", first.text)
        assert 1 <= len(sentences) <= 5, (title, first.text)


def test_the_families_section_lists_no_factor_the_annex_lists_each_once(
    synthesis: Document, sample_result
) -> None:  # type: ignore[no-untyped-def]
    blocks = _section(synthesis, "Les familles de facteurs")
    assert not any(isinstance(b, ListBlock) for b in blocks)
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert [c.text for c in table.header][:2] == ["Famille", "Facteurs"]
    assert len(table.rows) == len(sample_result.workshop.families) + 1  # and the total
    annex = [" ".join(c.text for c in row) for b in _section(synthesis, "Annexes") if isinstance(b, Table) for row in b.rows]  # fmt: skip
    for factor in sample_result.workshop.factors:
        assert sum(line.startswith(factor.code + " ") for line in annex) == 1, factor.code


def test_nothing_is_printed_twice(synthesis: Document) -> None:
    lines = [line for line in _lines(synthesis) if len(line) > 30]
    twice = [line for line, n in Counter(lines).items() if n > 1]
    assert not twice, twice[:3]


def test_no_run_of_semicolon_strings_in_prose(synthesis: Document) -> None:
    for line in _lines(synthesis):
        assert line.count(" ;") < 3 or "|" in line, line


def test_the_key_figures_are_given_once(synthesis: Document) -> None:
    text = "\n".join(_lines(synthesis)).replace("\u00a0", " ")
    assert text.count("22 facteurs-clés") == 1
    assert text.count("50 facteurs") == 1


@pytest.fixture(scope="module")
def packs(sample_result) -> list[Document]:  # type: ignore[no-untyped-def]
    from ieg_reports.compose import compose_pack

    ws = sample_result.workshop
    return [compose_pack(ws, t) for t in ws.pack_themes()]


def test_en_bref_holds_three_to_five_messages_not_counts(packs: list[Document]) -> None:
    for pack in packs:
        box = next(b for b in _section(pack, "En bref") if isinstance(b, Box))
        (messages,) = [b for b in box.blocks if isinstance(b, ListBlock)]
        texts = ["".join(getattr(x, "text", "") for x in item.blocks) for item in messages.items]
        assert 3 <= len(texts) <= 5, pack.info.title
        assert any("Suite de la démarche" in t for t in texts)
        assert not any(re.match(r"^\d", t) for t in texts)


def test_no_keyword_is_printed_twice_in_a_pack(packs: list[Document], sample_result) -> None:  # type: ignore[no-untyped-def]
    canonical = {k.text: k.canonical for k in sample_result.workshop.keywords}
    for pack in packs:
        printed: list[str] = []
        for block in walk(pack.blocks):
            if isinstance(block, Paragraph):
                text = block.text.replace("’", "'").replace("\u00a0", " ")
                for word, canon in canonical.items():
                    if re.search(rf"(?:: |, |^){re.escape(word)}(?:,|\.| \(F\d)", text):
                        printed.append(canon)
        twice = [w for w, n in Counter(printed).items() if n > 1]
        assert not twice, (pack.info.title, twice)


def test_neighbours_are_explained_by_their_shared_key_factors(packs: list[Document]) -> None:
    explained = 0
    for pack in packs:
        if not any(isinstance(b, Heading) and b.text == "Thèmes voisins" for b in pack.blocks):
            continue
        items = [b for b in _section(pack, "Thèmes voisins") if isinstance(b, Paragraph)][1:]
        for item in items:
            assert re.search(r"\) partage «[^.]+»(?: ; il y ajoute «[^.]+»)?\.$", item.text), (
                item.text
            )
            # Concise: outside the names of the key factors, a handful of words.
            said = re.sub(r"«[^»]+»", "", item.text[item.text.index(") partage") :])
            assert len(said.split()) <= 8, said
            explained += 1
    assert explained


def test_what_comes_next_is_dated(packs: list[Document]) -> None:
    for pack in packs:
        text = " ".join(b.text for b in _section(pack, "Et ensuite ?") if isinstance(b, Paragraph))
        assert "Mercredi 18 octobre 2017" in text.replace("\u00a0", " "), pack.info.title


def test_a_workshop_without_event_says_what_comes_next_without_dates(write_book) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports.api import load_workshop
    from ieg_reports.compose import compose_pack, compose_synthesis

    book = write_book(
        {
            "atelier": [
                ["Champ", "Valeur"],
                ["Titre", "Atelier sans suite datée"],
                ["Date", "12/07/2017"],
            ]
        }
    )
    workshop = load_workshop(book).workshop
    for theme in workshop.themes:
        pack = compose_pack(workshop, theme, for_all=True)
        text = " ".join(_lines(pack)).replace("\u00a0", " ")
        assert "Suite de la démarche" in text and "octobre" not in text
        assert any(isinstance(b, Heading) and b.text.startswith("Et ensuite") for b in pack.blocks)
    steps = " ".join(
        str(getattr(b, "text", ""))
        for b in _section(compose_synthesis(workshop), "Prochaines étapes")
    )
    assert "l’événement de la phase 2" in steps.replace("\u00a0", " ")


def test_a_pack_counts_the_event_themes_instead_of_listing_hundreds(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from conftest import SAMPLE_SOURCE
    from ieg_reports.api import load_workshop
    from ieg_reports.compose import compose_pack
    from ieg_reports.compose.french import words_fr
    from pipeline.test_scale import scaled_workbook

    workshop = load_workshop(scaled_workbook(SAMPLE_SOURCE, tmp_path / "x2", 2)).workshop
    meeting = [t for t in workshop.themes if not t.is_documentary]
    assert len(meeting) > 6
    pack = compose_pack(workshop, workshop.pack_themes()[0])
    text = " ".join(_lines(pack)).replace("\u00a0", " ")
    assert f"approfondit les {words_fr(len(meeting))} thèmes prioritaires de l’atelier" in text
    assert sum(t.code in text for t in meeting) < len(meeting)
