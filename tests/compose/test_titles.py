"""Titles keep a short last word with the word before, in both writers (one place)."""

from __future__ import annotations

from ieg_reports.compose.document import Cover, Heading, Paragraph, Run
from ieg_reports.compose.typography import keep_last_words, typeset_document

NBSP = "\u00a0"


def test_a_short_last_word_is_tied_to_the_word_before() -> None:
    assert keep_last_words("Atelier de la branche des IEG") == f"Atelier de la branche des{NBSP}IEG"
    assert keep_last_words("Formation 4.0") == f"Formation{NBSP}4.0"
    assert keep_last_words("Les RH ") == f"Les{NBSP}RH "


def test_a_long_last_word_or_a_single_word_is_left_alone() -> None:
    for text in ("Formation 4.0 et entreprise apprenante", "IEG", "", "Culture de l’agilité"):
        assert keep_last_words(text) == text


def test_headings_and_the_cover_title_are_tied_but_not_paragraphs() -> None:
    title = Heading(1, (Run("Atelier de la "), Run("branche des IEG", bold=True)), "t")
    body = Paragraph((Run("Une phrase sur les IEG"),))
    cover, paragraph = typeset_document((Cover((title,)), body))
    assert cover.blocks[0].runs[-1].text == f"branche des{NBSP}IEG"
    assert cover.blocks[0].runs[0].text == f"Atelier de{NBSP}la "
    assert paragraph.runs[0].text == "Une phrase sur les IEG"
