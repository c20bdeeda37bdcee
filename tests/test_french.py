import datetime as dt

from ieg_reports.compose.french import (
    date_fr,
    join_fr,
    number_fr,
    ordinal_fr,
    percent_fr,
    plural_fr,
    score_fr,
    typo_fr,
)

NB = "\u00a0"


def test_dates_in_words() -> None:
    assert date_fr(dt.date(2017, 7, 12)) == "mercredi 12 juillet 2017"
    assert date_fr(dt.date(2017, 10, 18)) == "mercredi 18 octobre 2017"
    assert date_fr(dt.date(2017, 8, 1)) == "mardi 1er août 2017"
    assert date_fr(dt.date(2017, 7, 12), weekday=False) == "12 juillet 2017"
    assert date_fr(None) == ""


def test_numbers() -> None:
    assert number_fr(2.5) == "2,5"
    assert number_fr(50000) == f"50{NB}000"
    assert number_fr(3.0) == "3"
    assert number_fr(3.456, 2) == "3,46"
    # halves round up, as a French reader rounds them (Python's format rounds to even)
    assert [number_fr(v) for v in (2.25, 2.75, 2.35, -2.25)] == ["2,3", "2,8", "2,4", "-2,3"]
    assert number_fr(0.125, 2) == "0,13"
    assert percent_fr(0.2) == f"20{NB}%"
    assert score_fr(3.6) == "3,6" and score_fr(4.0) == "4,0" and score_fr(None) == "—"


def test_plural_agreement() -> None:
    assert plural_fr(0, "facteur") == f"0{NB}facteur"
    assert plural_fr(1, "facteur") == f"1{NB}facteur"
    assert plural_fr(2, "facteur") == f"2{NB}facteurs"
    assert plural_fr(2, "facteur-clé") == f"2{NB}facteurs-clés"
    assert plural_fr(3, "signal faible", "signaux faibles") == f"3{NB}signaux faibles"
    assert plural_fr(2, "piste d'innovation") == f"2{NB}pistes d'innovation"
    assert plural_fr(2, "thème") == f"2{NB}thèmes"


def test_no_break_spaces_of_french_typography() -> None:
    assert typo_fr("Quel avenir ?") == f"Quel avenir{NB}?"
    assert typo_fr("Note : oui ; non !") == f"Note{NB}: oui{NB}; non{NB}!"
    assert typo_fr("« mot »") == f"«{NB}mot{NB}»"
    assert typo_fr("Quoi?") == f"Quoi{NB}?"  # the missing space is added, as a no-break one
    assert typo_fr("Quoi ?.") == f"Quoi{NB}?" and typo_fr("l'atelier") == "l’atelier"
    assert typo_fr("le 1er août 2017, 20 %, n°4") == f"le 1er{NB}août{NB}2017, 20{NB}%, n°{NB}4"


def test_typography_leaves_links_times_and_repeats_alone() -> None:
    assert typo_fr("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert typo_fr("12:30") == "12:30"
    assert typo_fr("Vraiment ?!") == f"Vraiment{NB}?!"
    assert typo_fr("&amp; &lt;") == "&amp; &lt;"


def test_join_and_ordinals() -> None:
    assert join_fr(["a", "b", "c"]) == "a, b et c"
    assert join_fr(["a"]) == "a" and join_fr([]) == ""
    assert (
        ordinal_fr(1) == "1er" and ordinal_fr(1, feminine=True) == "1re" and ordinal_fr(2) == "2e"
    )


def test_small_counts_are_written_in_words_in_prose() -> None:
    from ieg_reports.compose.french import count_fr

    assert count_fr(1, "piste", feminine=True) == "une\u00a0piste"
    assert count_fr(3, "facteur-clé", "facteurs-clés") == "trois\u00a0facteurs-clés"
    assert count_fr(0, "effet") == "zéro\u00a0effet"
    assert count_fr(12, "thème") == "12\u00a0thèmes"
