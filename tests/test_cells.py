import datetime as dt

import pytest

from ieg_reports.links import is_safe_url
from ieg_reports.workbook import cells
from ieg_reports.workbook.schema import NATURE, REGISTRE


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("3,5", 3.5), ("3.5", 3.5), (" 4 ", 4.0), (2, 2.0), (4.25, 4.25), ("1 000", 1000.0)],
)
def test_numbers_accept_decimal_comma(raw: object, expected: float) -> None:
    assert cells.parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["beaucoup", "nan", "inf", True, "3,5,1"])
def test_text_that_is_not_a_number_is_an_error(raw: object) -> None:
    with pytest.raises(cells.CellError):
        cells.parse_number(raw)


@pytest.mark.parametrize("raw", ["oui", "OUI", "x", "X", "1", 1, "vrai", "yes", True])
def test_true_booleans(raw: object) -> None:
    assert cells.parse_bool(raw) is True


@pytest.mark.parametrize("raw", ["non", "Non", "0", 0, "faux", "no", False])
def test_false_booleans(raw: object) -> None:
    assert cells.parse_bool(raw) is False


def test_other_booleans_are_errors() -> None:
    with pytest.raises(cells.CellError, match="peut-être"):
        cells.parse_bool("peut-être")


@pytest.mark.parametrize(
    "raw",
    [
        "12/07/2017",
        "2017-07-12",
        "12 juillet 2017",
        "mercredi 12 juillet 2017",
        "12.07.2017",
        dt.datetime(2017, 7, 12),
        dt.date(2017, 7, 12),
        42928,
        "2017-07-12T00:00:00",
    ],
)
def test_dates(raw: object) -> None:
    assert cells.parse_date(raw) == dt.date(2017, 7, 12)


def test_first_of_month_and_accents() -> None:
    assert cells.parse_date("1er août 2017") == dt.date(2017, 8, 1)
    assert cells.parse_date("18 Octobre 2017") == dt.date(2017, 10, 18)


@pytest.mark.parametrize("raw", ["32/07/2017", "le 32 juillet", "12 juillo 2017", "demain"])
def test_bad_dates(raw: str) -> None:
    with pytest.raises(cells.CellError):
        cells.parse_date(raw)


def test_years() -> None:
    assert cells.parse_year("2016") == 2016
    assert cells.parse_year(2016.0) == 2016
    assert cells.parse_year(dt.datetime(2015, 3, 1)) == 2015
    with pytest.raises(cells.CellError):
        cells.parse_year("récent")


def test_enumerations_ignore_case_accents_and_plural() -> None:
    assert cells.parse_enum("Signaux faibles", NATURE) == "signal_faible"
    assert cells.parse_enum("MACRO-DÉTERMINANT", NATURE) == "macro_determinant"
    assert cells.parse_enum("Conséquences", REGISTRE) == "consequence"
    with pytest.raises(cells.CellError, match="valeur permise") as info:
        cells.parse_enum("tendance", NATURE)
    assert "macro-déterminant" in info.value.hint


def test_emails_and_urls() -> None:
    assert cells.parse_email("mailto:a.b@example.org") == "a.b@example.org"
    with pytest.raises(cells.CellError):
        cells.parse_email("a.b@")
    assert is_safe_url("HTTPS://example.org") and is_safe_url("mailto:a@b.fr")
    assert not is_safe_url("javascript:alert(1)") and not is_safe_url("file:///etc/passwd")


def test_as_text_of_typed_cells() -> None:
    assert cells.as_text(3.0) == ("3", [])
    assert cells.as_text(dt.datetime(2017, 7, 12)) == ("2017-07-12", [])
    assert cells.is_blank("  \u00a0 ") and cells.is_blank(None) and cells.is_blank(float("nan"))
