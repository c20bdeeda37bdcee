"""The default templates speak of no client: whatever is client-specific comes from the workbook."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ieg_reports.resources import default_templates

# Words of the sample's client (the branch of the French electricity and gas industries) and
# of the source site: none may come from a default template.
CLIENT_WORDS = (
    "IEG",
    "branche",
    "QVT",
    "gazières",
    "électriques",
    "Rencontre Prospective",
    "EDF",
    "Enedis",
    "GRDF",
    "statut national",
    "corpoe",
    "qualité de vie au travail",
)


def _found(text: str) -> list[str]:
    return [w for w in CLIENT_WORDS if re.search(rf"\b{re.escape(w)}\b", text, re.I)]


@pytest.mark.parametrize("name", sorted(p.name for p in default_templates().glob("*.j2")))
def test_default_template_names_no_client(name: str) -> None:
    text = (default_templates() / name).read_text(encoding="utf-8")
    assert not _found(text), f"{name} : {_found(text)}"


def test_the_check_finds_a_client_word() -> None:
    assert _found("Enjeux pour la Branche") == ["branche"]
    assert _found("la branche des IEG") == ["IEG", "branche"]
    assert _found("un embranchement") == []


def _document_text(document: object) -> str:
    from ieg_reports.compose.document import walk

    blocks = walk(document.blocks)  # type: ignore[attr-defined]
    parts = [getattr(b, "text", "") for b in blocks]
    parts += [c.text for b in blocks for row in (getattr(b, "header", None), *getattr(b, "rows", ())) if row for c in row]  # fmt: skip
    parts += ["".join(r.text for r in getattr(b, "caption", ())) for b in blocks]
    info = document.info  # type: ignore[attr-defined]
    return "\n".join([*parts, info.title, info.header, info.subject])


def test_another_clients_documents_say_nothing_of_the_sample_client(
    write_book, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """A workbook of another client: its synthesis, packs and programme name no IEG word."""
    from ieg_reports.api import load_workshop
    from ieg_reports.compose import compose_pack, compose_synthesis
    from ieg_reports.compose.programme import compose_programme

    book = write_book(
        {
            "atelier": [
                ["Champ", "Valeur"],
                ["Titre", "Atelier prospectif des métiers du bois"],
                ["Date", "12/07/2017"],
                ["Commanditaire", "Interprofession du bois"],
                ["Périmètre", "la filière bois"],
                ["Événement", "Journée de la filière"],
                ["Date de l'événement", "18/10/2017"],
            ],
        }
    )
    workshop = load_workshop(book).workshop
    documents = [compose_synthesis(workshop), compose_programme(workshop)]
    documents += [compose_pack(workshop, t, for_all=True) for t in workshop.themes]
    for document in documents:
        text = _document_text(document)
        assert "filière bois" in text or "Journée de la filière" in text
        assert not _found(text), (document.info.title, _found(text))
