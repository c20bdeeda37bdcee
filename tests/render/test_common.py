"""The OOXML zip: deflated parts remembered by content, the bytes zipfile itself writes."""

from __future__ import annotations

import io
import random
import zipfile
import zlib

from ieg_reports.render import common


def _zipfile_only(members: dict[str, bytes]) -> bytes:
    """The package as `zipfile.writestr` alone writes it (the reference)."""
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in members]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in first + sorted(n for n in members if n not in first):
            info = zipfile.ZipInfo(name, common.ZIP_EPOCH)
            stored = name.endswith(".png")
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, members[name])
    return out.getvalue()


def _members(seed: int) -> dict[str, bytes]:
    rnd = random.Random(seed)
    text = " ".join(rnd.choice(["atelier", "facteur", "clé", "énergie"]) for _ in range(3000))
    return {
        "[Content_Types].xml": b"<Types/>",
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": f"<w:body>{text}</w:body>".encode(),
        "word/fonts/font1.odttf": rnd.randbytes(20000),
        "word/media/image1.png": rnd.randbytes(5000),
        "word/styles.xml": b"<w:styles/>" * 400,
        "docProps/empty.xml": b"",
    }


def test_the_package_has_the_bytes_zipfile_writes(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(common, "_DEFLATED", type(common._DEFLATED)())
    for seed in range(3):
        members = _members(seed)
        assert common.zip_members(members) == _zipfile_only(members)
        assert common.zip_members(members) == _zipfile_only(members)  # from the memo


def test_a_part_seen_before_is_not_deflated_again(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports import cachedir

    monkeypatch.setattr(cachedir, "private_folder", lambda: None)  # this process's memo only
    monkeypatch.setattr(common, "_DEFLATED", type(common._DEFLATED)())
    calls = []
    real = zlib.compressobj

    def counting(*args):  # type: ignore[no-untyped-def]
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(zlib, "compressobj", counting)
    members = _members(1)
    common.zip_members(members)
    deflated = len(calls)
    assert deflated == len([n for n in members if not n.endswith(".png")])
    members["word/document.xml"] = b"<w:body>autre</w:body>"
    package = common.zip_members(members)
    assert len(calls) == deflated + 1  # only the changed part
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assert archive.testzip() is None
        assert archive.read("word/document.xml") == b"<w:body>autre</w:body>"
