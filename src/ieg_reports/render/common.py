"""What both writers share: reproducible bytes, safe XML text, safe links, one protocol."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import zipfile
import zlib
from collections import OrderedDict
from typing import Protocol

from ieg_reports.compose.assets import Assets
from ieg_reports.compose.document import Block, Box, Document, Heading, Paragraph, Table

# Characters XML 1.0 forbids (python-docx raises on them).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

Rendered = tuple[bytes, list[str]]


class Writer(Protocol):
    """A writer turns a document and its pictures into the bytes of one file format."""

    @property
    def suffix(self) -> str:
        """The file name suffix of the format (".pdf", ".docx")."""

    def write(self, document: Document, assets: Assets) -> Rendered:
        """The file's bytes (reproducible) and the warnings met while writing it."""


def xml_safe(text: str, warnings: list[str]) -> str:
    """Drop characters illegal in XML, saying which ones (never crash)."""
    if not _ILLEGAL_XML.search(text):
        return text
    found = sorted({f"U+{ord(c):04X}" for c in _ILLEGAL_XML.findall(text)})
    warnings.append(f"caractères interdits supprimés ({', '.join(found)}) dans « {text[:40]} »")
    return _ILLEGAL_XML.sub("", text)


def introduces(paragraph: Paragraph) -> bool:
    """A paragraph ending with a colon introduces what follows: keep them on one page."""
    return paragraph.text.rstrip().endswith(":")


# The most text under a heading that keeps with what it introduces (about six lines): more
# would leave a hole at a page's foot when it moves on with the heading.
INTRO_CHARS = 480
INTRO_PARAGRAPHS = 3


def intro_keeps(blocks: tuple[Block, ...]) -> set[int]:
    """The ids of the short paragraphs right under a heading that introduce a deeper heading,
    a table or a box: they keep with it, so that the heading and its first lines never
    stand alone at a page's foot (the PDF's rule, for writers that only keep). Not before a
    list: its introducing line (« … : ») keeps with it already, and text then list would
    move on whole, leaving a hole; nor before a figure, which may start the next page under
    a text that ends this one, as figures do (moved with it, they would leave a hole)."""
    keep: set[int] = set()
    for n, block in enumerate(blocks):
        if not isinstance(block, Heading):
            continue
        texts = list(_paragraphs_from(blocks, n + 1))
        after = blocks[n + 1 + len(texts)] if n + 1 + len(texts) < len(blocks) else None
        if not texts or not isinstance(after, Heading | Table | Box):
            continue
        if isinstance(after, Heading) and after.level <= block.level:
            continue  # the next section: the heading's text ends its own
        if sum(len(text.text) for text in texts) <= INTRO_CHARS:
            keep |= {id(text) for text in texts}
    return keep


def _paragraphs_from(blocks: tuple[Block, ...], start: int) -> list[Paragraph]:
    """The paragraphs (at most INTRO_PARAGRAPHS) from `start` to the next other block."""
    out = []
    for block in blocks[start : start + INTRO_PARAGRAPHS + 1]:
        if not isinstance(block, Paragraph):
            break
        out.append(block)
    return out if len(out) <= INTRO_PARAGRAPHS else []


def may_float(before: Block, number: int) -> bool:
    """Whether figure `number`, after `before`, may float: after plain text or a table, never
    when the text right above introduces it, names it (« la figure N ») or points below
    (« ci-dessous », « suivante »)."""
    if isinstance(before, Paragraph) and (introduces(before) or _points_below(before.text, number)):
        return False
    return isinstance(before, Paragraph | Table)


def _points_below(text: str, number: int) -> bool:
    """True when `text` names figure `number` or points to what follows it."""
    lower = text.lower()
    if re.search(r"ci-dessous|ci-après|suivante", lower):
        return True
    return bool(number and re.search(rf"\bfigure\s+{number}\b", lower))


def source_date() -> dt.datetime | None:
    """The date SOURCE_DATE_EPOCH asks for, if set (reproducible builds)."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value or not value.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(value), dt.UTC).replace(tzinfo=None)


# Already-compressed media: deflating them again costs time and saves nothing.
_STORED = (".png", ".jpeg", ".jpg", ".gif")


def zip_members(members: dict[str, bytes]) -> bytes:
    """An OOXML package: fixed timestamps, a fixed member order, media stored as they are."""
    first = [n for n in ("[Content_Types].xml", "_rels/.rels") if n in members]
    ordered = first + sorted(n for n in members if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, ZIP_EPOCH)
            info.external_attr = 0o600 << 16
            if name.lower().endswith(_STORED):
                info.compress_type = zipfile.ZIP_STORED
                target.writestr(info, members[name])
            else:
                _write_deflated(target, info, members[name])
    return out.getvalue()


# Deflated parts by content: the embedded fonts, styles, theme and numbering are the same
# from one document to the next; deflating them again was a third of a pack's Word time.
KEEP_DEFLATED = 64
_DEFLATED: OrderedDict[bytes, tuple[bytes, int]] = OrderedDict()


def _deflate(data: bytes) -> tuple[bytes, int]:
    """The raw deflate stream of `data` (as zipfile makes it) and its CRC, made once."""
    key = hashlib.blake2b(data, digest_size=20).digest()
    if key in _DEFLATED:
        _DEFLATED.move_to_end(key)
        return _DEFLATED[key]
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    _DEFLATED[key] = made = (compressor.compress(data) + compressor.flush(), zlib.crc32(data))
    while len(_DEFLATED) > KEEP_DEFLATED:
        _DEFLATED.popitem(last=False)
    return made


def _write_deflated(target: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
    """Add a deflated member from its remembered stream: the bytes `writestr` would write."""
    packed, crc = _deflate(data)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.flag_bits = 0
    info.file_size, info.compress_size, info.CRC = len(data), len(packed), crc
    handle = target.fp
    assert handle is not None  # the archive is open for writing
    info.header_offset = handle.tell()
    handle.write(info.FileHeader(False))
    handle.write(packed)
    target.start_dir = handle.tell()
    target.filelist.append(info)
    target.NameToInfo[info.filename] = info
    target._didModify = True  # type: ignore[attr-defined]  # zipfile writes its directory


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, between words, with « … » when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"
