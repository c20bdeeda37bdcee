"""Arbitrary Unicode in every text field: loading never crashes, text is normalised by the rules."""

import csv
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ieg_reports.api import load_workshop
from ieg_reports.workbook.text import ZERO_WIDTH, clean_text, is_illegal_char

TEXT = st.text(st.characters(codec="utf-8"), max_size=60)


def _expected_clean(value: str) -> bool:
    """Check the invariants the cleaning rules promise."""
    text, _ = clean_text(value)
    return (
        text == unicodedata.normalize("NFC", text)
        and not any(is_illegal_char(c) for c in text)
        and not any(c in ZERO_WIDTH or c == "\u00a0" or c == "\t" for c in text)
        and "  " not in text
        and all(line == line.strip() for line in text.split("\n"))
    )


@given(TEXT)
def test_clean_text_invariants(value: str) -> None:
    assert _expected_clean(value)
    assert clean_text(clean_text(value)[0])[0] == clean_text(value)[0]  # idempotent


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(TEXT, min_size=6, max_size=6))
def test_loading_arbitrary_text_never_crashes(tmp_path_factory, values: list[str]) -> None:  # type: ignore[no-untyped-def]
    from fixtures.make_fixtures import MINI

    folder: Path = tmp_path_factory.mktemp("book")
    sheets = {k: [list(r) for r in v] for k, v in MINI.items()}
    sheets["atelier"][1][1] = values[0] or "x"
    sheets["familles"][1][1] = values[1] or "x"
    sheets["facteurs"][1][1] = values[2] or "x"
    sheets["mots_cles"][1][1] = values[3] or "x"
    sheets["themes"][1][1] = values[4] or "x"
    sheets["ressources"][1][1] = values[5] or "x"
    for name, rows in sheets.items():
        with (folder / f"{name}.csv").open(
            "w", encoding="utf-8", newline="", errors="surrogatepass"
        ) as f:
            csv.writer(f, delimiter=";").writerows(rows)
    result = load_workshop(folder)
    # The first family row, if it was kept (a cell like « #NAME? » is an error: row left out).
    code = sheets["familles"][1][0]
    family = next((f for f in result.workshop.families if f.code == code), None)
    if family is not None and clean_text(values[1])[0]:
        assert family.name == clean_text(values[1])[0]
    for factor in result.workshop.factors:
        assert _expected_clean(factor.label) and factor.label == clean_text(factor.label)[0]
