"""Compiled templates kept on disk: the same text, without compiling again."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from ieg_reports.compose import environment


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Environments made anew, their compiled templates in a folder of this test."""
    store = tmp_path / "store"
    store.mkdir()
    monkeypatch.setattr(environment, "private_folder", lambda: store)
    environment.make_environment.cache_clear()
    yield store
    environment.make_environment.cache_clear()


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(name)
        return real(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return calls


def _render(folder: Path, markup: bool = True) -> str:
    environment.make_environment.cache_clear()
    env = environment.make_environment(folder, markup)
    return environment.render_template(env, "t.md.j2", {"who": "Léa & co"})


def test_a_new_process_renders_from_the_stored_code(fresh, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    templates = tmp_path / "modeles"
    templates.mkdir()
    (templates / "t.md.j2").write_text("Bonjour {{ who | bold }} !\n", encoding="utf-8")
    calls = _compiles(monkeypatch)
    first = _render(templates)
    assert calls == ["t.md.j2"] and list(fresh.iterdir())
    assert _render(templates) == first and calls == ["t.md.j2"]  # read back, not compiled
    (templates / "t.md.j2").write_text("Au revoir {{ who }}.\n", encoding="utf-8")
    assert _render(templates) == "Au revoir Léa \\& co.\n" and len(calls) == 2


def test_plain_text_templates_have_their_own_code(fresh, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    templates = tmp_path / "modeles"
    templates.mkdir()
    (templates / "t.md.j2").write_text("{{ who }}\n", encoding="utf-8")
    calls = _compiles(monkeypatch)
    marked, plain = _render(templates, markup=True), _render(templates, markup=False)
    assert len(calls) == 2 and plain == "Léa & co\n" and marked != plain


def test_a_damaged_entry_is_compiled_again(fresh, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    templates = tmp_path / "modeles"
    templates.mkdir()
    (templates / "t.md.j2").write_text("{{ who }}\n", encoding="utf-8")
    first = _render(templates)
    for entry in fresh.iterdir():
        entry.write_bytes(entry.read_bytes()[:20])
    assert _render(templates) == first


def test_no_private_folder_no_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(environment, "private_folder", lambda: None)
    environment.make_environment.cache_clear()
    try:
        assert environment.make_environment(None).bytecode_cache is None
    finally:
        environment.make_environment.cache_clear()
