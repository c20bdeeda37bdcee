"""Nothing a workbook holds escapes its cell: CSV formulas, mail headers, addresses, bidi."""

from __future__ import annotations

import csv
import email
import time
from email import policy
from pathlib import Path

import pytest

from conftest import WriteBook
from fixtures.make_fixtures import MINI
from ieg_reports.api import load_workshop
from ieg_reports.distribution.drafts import draft_email, draft_name, envois_csv

EVIL = '=HYPERLINK("http://evil","x")'


def _participants(*rows: list[object]) -> dict[str, list[list[object]]]:
    header = ["Nom", "Prénom", "Organisation", "E-mail", "Parcours", "Thèmes"]
    return {"participants": [header, *[list(r) for r in rows]]}


def _errors(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.format_fr() for p in result.problems.errors]


def test_csv_cells_never_run_as_formulas(write_book: WriteBook) -> None:
    rows = [
        ["Dupont", "Jean", EVIL, "jean@example.org", "documentaire", "T1"],
        ["+Martin", "@Léa", "-2+3", "lea@example.org", "documentaire", "T1"],
        ["Petit", "\tNoé", "=1+1", "noe@example.org", "rencontre", ""],
    ]
    result = load_workshop(write_book(_participants(*rows)))
    assert result.ok, _errors(result)
    data = envois_csv(result.workshop, {"T1": "dossiers/T1-soleil.pdf"}, {})
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the accents
    table = list(csv.reader(data.decode("utf-8-sig").splitlines(), delimiter=";"))
    cells = [c for row in table for c in row]
    assert f"'{EVIL}" in cells and "'-2+3" in cells and "'=1+1" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert any(c.startswith("'@Léa") or c.startswith("'+Martin") for c in cells)


@pytest.mark.parametrize(
    "address",
    [
        "alice@exa,mple.org",
        "alice@example.org, bob@example.org",
        "alice@example.org;bob@example.org",
        "Alice <alice@example.org>",
        "alice@@example.org",
        "alice@example",
        "a" * 100_000 + "@example.org",
    ],
)
def test_invalid_addresses_are_located_errors(write_book: WriteBook, address: str) -> None:
    book = write_book(_participants(["Martin", "Alice", "", address, "documentaire", "T1"]))
    start = time.perf_counter()
    result = load_workshop(book)
    assert time.perf_counter() - start < 5  # was 27 s for a 100,000-character cell
    errors = [p for p in result.problems.errors if p.location.header == "E-mail"]
    assert len(errors) == 1 and errors[0].location.row == 2, _errors(result)


def test_no_value_can_add_a_header(write_book: WriteBook) -> None:
    rows = [
        [
            "Martin\r\nBcc: evil@example.net",
            'Léa "la" <chef>, dir.',
            "",
            "lea@example.org",
            "documentaire",
            "T1",
        ],
    ]
    atelier = [list(r) for r in MINI["atelier"]]
    atelier[1][1] = "Atelier\u2028Bcc: evil@example.net"
    atelier.append(["Animation", "Cabinet\rX-Evil: 1"])
    atelier.append(["E-mail de l'animation", "equipe@cabinet.fr"])
    result = load_workshop(write_book({**_participants(*rows), "atelier": atelier}))
    assert result.ok, _errors(result)
    person = result.workshop.participants[0]
    subject = f"Vos dossiers — {result.workshop.info.title}"
    raw = draft_email(result.workshop, person, [], subject, "Bonjour\n")
    message = email.message_from_bytes(raw, policy=policy.default)
    assert set(message.keys()) == {
        "From", "To", "Subject", "Message-ID", "X-Unsent", "Content-Type",
        "Content-Transfer-Encoding", "MIME-Version",
    }  # fmt: skip
    assert message["To"].addresses[0].addr_spec == "lea@example.org"
    assert len(message["To"].addresses) == 1
    # (CPython's parser puts a space between two encoded words: compare without spaces.)
    shown = message["To"].addresses[0].display_name.replace(" ", "")
    assert shown == 'Léa"la"<chef>,dir.MartinBcc:evil@example.net'
    assert message["From"].addresses[0].addr_spec == "equipe@cabinet.fr"
    assert message["From"].addresses[0].display_name == "Cabinet X-Evil: 1"
    assert "Date" not in message  # a draft is dated when it is sent, not with the workshop
    assert "\n" not in message["Subject"] and "Bcc" in message["Subject"]


def test_bidi_controls_are_removed_with_a_warning(write_book: WriteBook) -> None:
    name = "Martin\u202egnp.exe"
    book = write_book(
        _participants([name, "Léa\u2066", "", "lea@example.org", "documentaire", "T1"])
    )
    result = load_workshop(book)
    person = result.workshop.participants[0]
    assert person.full_name == "Léa Martingnp.exe"
    warnings = [p for p in result.problems.warnings if "U+202E" in p.message]
    assert warnings and warnings[0].location.row == 2
    assert draft_name(person, set()) == "martingnp-exe-lea"
    data = envois_csv(result.workshop, {"T1": "dossiers/T1.pdf"}, {}).decode("utf-8-sig")
    assert not any(c in data for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_two_participants_sharing_an_address_each_get_their_own_draft(
    write_book: WriteBook, tmp_path: Path
) -> None:
    from ieg_reports.commands.build import run_build

    rows = [
        ["Dupont", "Jean", "", "accueil@example.org", "documentaire", "T1"],
        ["Durand", "Anne", "", "accueil@example.org", "documentaire", "T1"],
    ]
    themes = [list(r) for r in MINI["themes"]]
    themes[1][1] = " ".join(["territorialisation"] * 15)  # 284 characters: past Word's 255
    resources = [list(r) for r in MINI["ressources"]]
    resources[1][3] = "https://example.org/" + "a" * 2400
    book = write_book({**_participants(*rows), "themes": themes, "ressources": resources})
    report = run_build(book, tmp_path / "out", jobs=1)
    drafts = sorted((report.folder / "diffusion").glob("*.eml"))
    assert [d.name for d in drafts] == ["dupont-jean.eml", "durand-anne.eml"]
    names = [
        email.message_from_bytes(d.read_bytes(), policy=policy.default)["To"].addresses[0]
        for d in drafts
    ]
    assert [a.display_name for a in names] == ["Jean Dupont", "Anne Durand"]
    assert any("trop long pour un code QR" in w for w in report.warnings)
    packs = [p.name for p in (report.folder / "dossiers").glob("*.pdf")]
    assert packs and all(len(p) <= 64 for p in packs)
    assert all(not p.removesuffix(".pdf").endswith("territorialisat") for p in packs)


def test_excel_errors_and_uncalculated_formulas_are_located(tmp_path: Path) -> None:
    from fixtures.make_fixtures import write_xlsx

    sheets = {k: [list(r) for r in v] for k, v in MINI.items()}
    sheets["themes"][1][1] = "#NAME?"
    sheets["familles"][1][1] = "=A2&B2"  # a formula openpyxl saves without its value
    sheets["facteurs"][2][1] = "#N/A"
    path = tmp_path / "erreurs.xlsx"
    write_xlsx(path, sheets)
    result = load_workshop(path)
    by_sheet = {(p.location.sheet, p.location.row): p.message for p in result.problems.errors}
    assert "erreur Excel #NAME?" in by_sheet[("themes", 2)]
    assert "erreur Excel #N/A" in by_sheet[("facteurs", 3)]
    assert "formule jamais calculée" in by_sheet[("familles", 2)]


def test_text_past_its_column_limit_is_a_located_error(write_book: WriteBook) -> None:
    themes = [list(r) for r in MINI["themes"]]
    themes[1][1] = "mot " * 1000
    themes[2][5] = "x" * 20_000
    themes.append(["T9", "Long mot", "Axe 1", "documentaire", "F1", "y" * 500])
    result = load_workshop(write_book({"themes": themes}))
    located = {(p.location.row, p.location.header): p.message for p in result.problems.errors}
    assert "trop long" in located[(2, "Titre")]
    assert "trop long" in located[(3, "Questions")]
    assert "mot de 500\u00a0caractères sans espace" in located[(4, "Questions")]
