from pathlib import Path

import pytest

from ieg_reports.compose.document import (
    Box,
    Cover,
    Figure,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Table,
    Toc,
)
from ieg_reports.compose.environment import finalize, link, make_environment, render_template
from ieg_reports.compose.markup import escape_markup, parse
from ieg_reports.exceptions import TemplateError

HOSTILE = [
    "S&P 500 & co",
    "score <seuil",
    "<b>gras</b>",
    "{{ 1 + 1 }}",
    "{% if x %}",
    "*étoile* et _souligné_",
    "# pas un titre",
    "[x](https://example.org)",
    "anti\\slash \\*",
    "a | b",
    "1. pas une liste",
    "- pas une puce",
    "@@pagebreak",
    "« guillemets » \"droits\" 'simples'",
    "😀 émoji",
    "עברית العربية",
    "`code`",
    "~~barré~~",
    "&amp; &lt;",
    "---",
    "===",
    "> citation",
    "![img](x.png)",
]


def _render(source: str, **context: object) -> str:
    env = make_environment()
    return env.from_string(source).render(**context)


@pytest.mark.parametrize("text", HOSTILE)
def test_data_prints_exactly_as_typed_in_a_paragraph(text: str) -> None:
    blocks = parse(_render("{{ value }}\n", value=text))
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph)
    assert blocks[0].text.replace("\u00a0", " ") == text


@pytest.mark.parametrize("text", HOSTILE)
def test_data_prints_exactly_as_typed_in_a_table_and_a_list(text: str) -> None:
    blocks = parse(_render("| A | B |\n|---|---|\n| {{ v }} | x |\n\n- {{ v }}\n", v=text))
    table, items = blocks
    assert isinstance(table, Table) and isinstance(items, ListBlock)
    assert table.rows[0][0].text.replace("\u00a0", " ") == text
    assert [c.text for c in table.rows[0]][1] == "x"
    first = items.items[0].blocks[0]
    assert isinstance(first, Paragraph) and first.text.replace("\u00a0", " ") == text


def test_long_text_and_line_breaks_survive() -> None:
    long = "mot " * 1250
    word = "a" * 200
    blocks = parse(
        _render("{{ a }}\n\n{{ b }}\n\n{{ c }}\n", a=long.strip(), b=word, c="ligne 1\nligne 2")
    )
    assert blocks[0].text == long.strip() and blocks[1].text == word  # type: ignore[union-attr]
    assert blocks[2].text == "ligne 1\nligne 2"  # type: ignore[union-attr]


def test_escaping_is_the_default_and_raw_markup_passes() -> None:
    assert finalize("*x*") == escape_markup("*x*") != "*x*"
    assert finalize(None) == ""
    blocks = parse(_render("{{ 'a' | bold }} {{ link('site', 'https://example.org/a b') }}\n"))
    runs = blocks[0].runs  # type: ignore[union-attr]
    assert runs[0].bold and runs[0].text == "a"
    assert runs[-1].link == "https://example.org/a%20b" and runs[-1].text == "site"


def test_only_safe_links_become_links() -> None:
    assert link("x", "javascript:alert(1)") == "x"
    assert link("x", "file:///etc/passwd") == "x"
    assert "mailto:" in link("x", "mailto:a@example.org")


def test_directives() -> None:
    source = (
        "@@cover\n# Titre\n\nSous-titre\n@@endcover\n@@toc Sommaire\n@@pagebreak\n# Un\n\n"
        "@@box\n- a\n- b\n@@endbox\n@@figure matrice surligner=F1,F2 | Légende *en italique* | Texte alt\n"
        "@@figure familles | Deux\n@@style note\nUne note.\n\n@@table widths=3,1\n| a | b |\n|:--|--:|\n| 1 | 2 |\n"
    )
    blocks = parse(source)
    kinds = [type(b) for b in blocks]
    assert kinds == [Cover, Toc, PageBreak, Heading, Box, Figure, Figure, Paragraph, Table]
    first, second = blocks[5], blocks[6]
    assert isinstance(first, Figure) and isinstance(second, Figure)
    assert (first.number, second.number) == (1, 2)
    assert first.param("surligner") == "F1,F2" and first.alt == "Texte alt"
    assert first.caption[1].italic and first.caption[1].text == "en italique"
    assert blocks[7].style == "note"  # type: ignore[union-attr]
    table = blocks[8]
    assert (
        isinstance(table, Table) and table.widths == (3.0, 1.0) and table.align == ("left", "right")
    )


def test_data_cannot_forge_a_directive() -> None:
    blocks = parse(_render("{{ v }}\n", v="@@pagebreak"))
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "@@pagebreak"


def test_heading_anchors_are_unique() -> None:
    blocks = parse("# Annexes\n\n# Annexes\n")
    assert [b.anchor for b in blocks] == ["annexes", "annexes-2"]  # type: ignore[union-attr]


def test_strict_undefined_names_template_and_line(tmp_path: Path) -> None:
    (tmp_path / "t.md.j2").write_text(
        "# Titre\n\nligne deux\n{{ workshop.inexistant }}\n", encoding="utf-8"
    )
    env = make_environment(tmp_path)
    with pytest.raises(TemplateError, match=r"t\.md\.j2, ligne 4"):
        render_template(env, "t.md.j2", {"workshop": object()})


def test_syntax_error_names_template_and_line(tmp_path: Path) -> None:
    (tmp_path / "t.md.j2").write_text("a\n{% if %}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="ligne 2"):
        render_template(make_environment(tmp_path), "t.md.j2", {})


def test_user_templates_override_defaults(tmp_path: Path) -> None:
    (tmp_path / "synthese.md.j2").write_text("# Ma synthèse\n", encoding="utf-8")
    assert render_template(make_environment(tmp_path), "synthese.md.j2", {}) == "# Ma synthèse\n"


def test_a_key_value_table_has_no_header_row() -> None:
    text = (
        "@@table widths=1,3 header=no\n| **Date** | mercredi |\n|---|---|\n| **Lieu** | Paris |\n"
    )
    (table,) = parse(text)
    assert isinstance(table, Table)
    assert table.has_header is False
    assert [c.text for c in table.header] == ["Date", "mercredi"]  # the first row, as data
    assert [[c.text for c in row] for row in table.rows] == [["Lieu", "Paris"]]
    (plain,) = parse("| A | B |\n|---|---|\n| 1 | 2 |\n")
    assert isinstance(plain, Table) and plain.has_header is True


def test_a_soft_page_break_is_told_apart() -> None:
    from ieg_reports.compose.document import PageBreak

    assert parse("@@pagebreak soft\n# Un\n")[0] == PageBreak(soft=True)
    assert parse("@@pagebreak\n# Un\n")[0] == PageBreak(soft=False)
