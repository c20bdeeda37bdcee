"""English terms in italics, in both writers through the document model; the fast path for
text no rule can change changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ieg_reports.compose import typography
from ieg_reports.compose.document import Paragraph, Run
from ieg_reports.compose.markup import parse
from ieg_reports.compose.typography import foreign_pattern, foreign_spans, typeset_document


def _italic_words(text: str, extra: tuple[str, ...] = ()) -> list[str]:
    blocks = typeset_document(parse(text), extra)
    paragraph = blocks[0]
    assert isinstance(paragraph, Paragraph)
    return [r.text for r in paragraph.runs if r.italic]


def test_lexicon_terms_are_set_in_italics() -> None:
    words = _italic_words("Le big data, la blockchain et les smart grids ; un workshop.")
    assert words == ["big data", "blockchain", "smart grids", "workshop"]


@pytest.mark.parametrize(
    "text",
    [
        "La digitalisation des métiers",  # a French word built on an English one
        "Un reportage sur le terrain",
        "https://example.org/blockchain/big-data",  # inside a URL
        "Écrire à blockchain@example.org",  # inside an e-mail address
        "Le site digital.example.org",
    ],
)
def test_whole_words_only_and_never_in_urls_or_addresses(text: str) -> None:
    assert _italic_words(text) == []


def test_code_and_links_are_left_alone() -> None:
    assert _italic_words("Voir `blockchain` et [le blockchain](https://example.org).") == []


def test_text_around_a_term_keeps_its_formatting() -> None:
    (paragraph,) = typeset_document(parse("**Le big data arrive**"))
    assert isinstance(paragraph, Paragraph)
    assert paragraph.runs == (
        Run("Le ", bold=True),
        Run("big data", bold=True, italic=True),
        Run(" arrive", bold=True),
    )


@pytest.mark.parametrize(
    "text", ["Les consommateurs (« prosumers »)", 'Des "smart grids"', "Le “big data”"]
)
def test_a_term_alone_in_quotes_is_not_marked_twice(text: str) -> None:
    assert _italic_words(text) == []


def test_latin_abbreviations_are_italic() -> None:
    assert _italic_words("(i.e. aspirations des jeunes ; e.g. le télétravail)") == ["i.e.", "e.g."]


def test_a_term_beside_a_quoted_one_is_still_italic() -> None:
    assert _italic_words("Un « smart grid » et des smart cities") == ["smart cities"]


def test_a_term_split_by_a_no_break_space_is_still_found() -> None:
    pattern = foreign_pattern()
    assert foreign_spans("le big\u00a0data", pattern) == [(3, 11)]


def test_the_workbook_glossary_adds_its_foreign_terms(write_book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports.api import load_workshop
    from ieg_reports.compose import compose_synthesis
    from ieg_reports.compose.document import walk

    book = write_book(
        {
            "glossaire": [
                ["Terme", "Définition", "Terme étranger"],
                ["Klaxoon", "un tableau blanc numérique.", "oui"],
                ["IEG", "industries électriques et gazières.", ""],
            ],
        }
    )
    workshop = load_workshop(book).workshop
    assert [e.foreign for e in workshop.glossary] == [True, False]
    runs = [
        r
        for b in walk(compose_synthesis(workshop).blocks)
        if isinstance(b, Paragraph)
        for r in b.runs
    ]
    assert any(r.text == "Klaxoon" and r.italic for r in runs)
    assert not any(r.text == "IEG" and r.italic for r in runs)


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("Comment faire (volet 1)", "volet\u00a01"),
        ("source : Étude 1, 2019", "Étude\u00a01"),
        ("le thème de l’axe 2", "axe\u00a02"),
        ("la liste n° 4", "n°\u00a04"),
        ("issu du facteur F03", "facteur\u00a0F03"),
        ("le dossier T04 ouvre", "dossier\u00a0T04"),
        ("le 18 octobre 2017", "18\u00a0octobre\u00a02017"),
    ],
)
def test_a_short_number_stays_with_its_word(text: str, bound: str) -> None:
    from ieg_reports.compose.typography import typeset

    assert bound in typeset(text)


def test_plain_counts_are_left_breakable() -> None:
    from ieg_reports.compose.typography import typeset

    assert typeset("les 9 thèmes, de 1 à 5") == "les 9 thèmes, de 1 à 5"


ALPHABET = list("ab lé'?!;:«»…. 0123456789%°nhjuilet\u202f\u00a0\t")


@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=40))
def test_the_fast_path_gives_what_every_rule_gives(text: str) -> None:
    slow = text
    for pattern, replacement in typography.RULES:
        slow = pattern.sub(replacement, slow)
    assert typography._prose(text) == slow


def test_text_without_a_trigger_is_returned_as_it_is() -> None:
    text = "Les familles de facteurs et leurs thèmes"
    assert typography._prose(text) is text
    assert (
        typography.typeset("12 juillet 2017 : l'atelier")
        == "12\u00a0juillet\u00a02017\u00a0: l’atelier"
    )


def test_a_cover_title_never_ends_a_line_on_a_short_word() -> None:
    from ieg_reports.compose.document import Cover, Heading

    title = Heading(1, (Run("Atelier collaboratif de prospective de la branche"),), "t")
    (cover, heading) = typeset_document((Cover((title,)), title))
    text = "".join(r.text for r in cover.blocks[0].runs)  # type: ignore[union-attr]
    assert text == "Atelier collaboratif de\u00a0prospective de\u00a0la\u00a0branche"
    assert heading.runs[0].text == "Atelier collaboratif de prospective de la branche"  # type: ignore[union-attr]
