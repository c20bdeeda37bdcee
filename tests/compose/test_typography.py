"""French typography: the fast path for text no rule can change changes nothing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ieg_reports.compose import typography

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
