from ieg_reports.model import Theme
from ieg_reports.pipeline.targets import inside, pack_stems
from ieg_reports.workbook.text import code_slug as safe_code
from ieg_reports.workbook.text import slug as slugify


def _theme(code: str, title: str) -> Theme:
    return Theme(code, title, "Axe", "documentaire")


def test_slugs_are_ascii_short_and_safe() -> None:
    assert slugify("L'énergie : « économie » circulaire ?") == "l-energie-economie-circulaire"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("CON") == "x-con" and slugify("😀") == "sans-titre"
    assert len(slugify("a" * 300)) == 60
    assert slugify("le cœur de l'œuvre") == "le-coeur-de-l-oeuvre"


def test_file_names_are_cut_between_words() -> None:
    title = "Gouvernance et territorialisation des politiques publiques de formation"
    stem = pack_stems([_theme("T2", title)])["T2"]
    assert len(stem) <= 60 and stem == "T2-gouvernance-et-territorialisation-des-politiques"


def test_codes_keep_their_case_and_lose_separators() -> None:
    assert safe_code("T07") == "T07" and safe_code("T/3") == "T-3" and safe_code("NUL") == "x-NUL"
    assert safe_code("../") == "x"


def test_pack_names_are_unique_and_at_most_60_characters() -> None:
    themes = [
        _theme("T1", "Même titre"),
        _theme("t1", "Même titre"),
        _theme("T/3", "x" * 200),
        _theme("NUL", "y"),
        _theme("T5", "../../etc/passwd"),
    ]
    stems = pack_stems(themes)
    assert len(set(stems.values())) == len(themes)
    assert all(len(s) <= 60 and "/" not in s and s.isascii() for s in stems.values())
    assert stems["T/3"].startswith("T-3-") and stems["NUL"].startswith("x-NUL")
    assert stems["T5"] == "T5-etc-passwd"


def test_output_paths_never_leave_the_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    assert inside(tmp_path, "dossiers/a.pdf") == (tmp_path / "dossiers/a.pdf").resolve()
    with pytest.raises(ValueError):
        inside(tmp_path, "../evil.pdf")
