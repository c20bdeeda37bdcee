"""QR symbols stored between builds: the very symbol, read back without the encoder."""

from __future__ import annotations

from pathlib import Path

import pytest

from ieg_reports.charts import qr, qrstore

URL = "https://www.example.org/ressources/prospective-2035?page=3"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(qrstore, "private_folder", lambda: tmp_path)
    return tmp_path


def _no_encoder(url: str, border: int) -> None:
    raise AssertionError("encoded again")


def test_the_stored_symbol_is_the_encoded_one(store: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = qrstore.qr_modules(URL, 2)
    assert first == qr.matrix(URL, 2)
    assert len(list(store.glob("qr-*.txt"))) == 1
    monkeypatch.setattr(qr, "matrix", _no_encoder)
    assert qrstore.qr_modules(URL, 2) == first


def test_each_link_and_border_is_its_own_entry(store: Path) -> None:
    assert qrstore.qr_modules(URL, 2) != qrstore.qr_modules(URL, 4)
    qrstore.qr_modules(URL + "&x=1", 2)
    assert len(list(store.glob("qr-*.txt"))) == 3


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # torn
        lambda text: text.replace("1", "2", 1),  # not modules
        lambda text: "\n".join(text.split("\n")[:-4]),  # not a square
        lambda text: "0\n",  # not a QR code's size
    ],
)
def test_a_damaged_entry_is_encoded_again(store: Path, damage) -> None:  # type: ignore[no-untyped-def]
    expected = qrstore.qr_modules(URL, 2)
    (entry,) = store.glob("qr-*.txt")
    entry.write_text(damage(entry.read_text()))
    assert qrstore.qr_modules(URL, 2) == expected
    assert qrstore.qr_modules(URL, 2) == expected  # and stored right again


def test_no_folder_no_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qrstore, "private_folder", lambda: None)
    assert qrstore.qr_modules(URL, 2) == qr.matrix(URL, 2)
