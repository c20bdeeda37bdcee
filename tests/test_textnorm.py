from ieg_reports.workbook.text import (
    clean_text,
    fold,
    fold_plural,
    singular,
    split_items,
    split_lines,
    strip_accents,
)


def test_rule_trim_and_collapse_spaces() -> None:
    assert clean_text("  Atelier   de  prospective ") == ("Atelier de prospective", [])


def test_rule_no_break_spaces_become_spaces() -> None:
    assert clean_text("20\u00a0%\u202fdes") == ("20 % des", [])


def test_rule_unicode_nfc() -> None:
    decomposed = "Cre\u0301dit"  # e + combining acute
    assert clean_text(decomposed)[0] == "Crédit"
    assert len(clean_text(decomposed)[0]) == 6


def test_rule_zero_width_dropped_silently() -> None:
    assert clean_text("co\u200bde\ufeff") == ("code", [])


def test_rule_control_characters_removed_and_named() -> None:
    text, removed = clean_text("Bruit\x0b caché\x07")
    assert text == "Bruit caché"
    assert removed == ["U+0007", "U+000B"] or all(r.startswith("U+000") for r in removed)
    assert len(removed) == 2


def test_rule_line_breaks_kept_and_blank_runs_folded() -> None:
    assert clean_text("a\r\n\r\n\r\nb\rc\n\n") == ("a\n\nb\nc", [])


def test_rule_tabs_become_spaces() -> None:
    assert clean_text("a\t\tb") == ("a b", [])


def test_fold_ignores_case_accents_spaces_punctuation() -> None:
    assert fold("Capacité d'agir") == fold("CAPACITE D AGIR") == "capacitedagir"
    assert fold("Œuvre") == "oeuvre"
    assert strip_accents("À l'État") == "A l'Etat"


def test_fold_plural_ignores_plural() -> None:
    assert fold_plural("Signaux faibles") == fold_plural("signal faible")
    assert fold_plural("Nouveaux métiers") == fold_plural("nouveau métier")
    assert fold_plural("Mots-clés") == fold_plural("mots_cles") == fold_plural("Mot clé")
    assert singular("process") == "process"


def test_split_items_on_commas_semicolons_and_lines() -> None:
    assert split_items("F1, F2;F3\nF4 ; ") == ["F1", "F2", "F3", "F4"]
    assert split_lines("Quel avenir ?\n\n Qui décide ? ") == ["Quel avenir ?", "Qui décide ?"]
