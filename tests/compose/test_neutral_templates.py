"""The default templates speak of no client: whatever is client-specific comes from the workbook."""

from __future__ import annotations

import re

import pytest

from ieg_reports.resources import default_templates

CLIENT_WORDS = ("IEG", "branche", "QVT", "gazières", "électriques", "Rencontre Prospective", "EDF")


@pytest.mark.parametrize("name", sorted(p.name for p in default_templates().glob("*.j2")))
def test_default_template_names_no_client(name: str) -> None:
    text = (default_templates() / name).read_text(encoding="utf-8")
    found = [w for w in CLIENT_WORDS if re.search(rf"\b{re.escape(w)}\b", text, re.I)]
    assert not found, f"{name} : {found}"
