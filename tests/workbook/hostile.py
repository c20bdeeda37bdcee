"""Generators of hostile workbooks (never committed): bombs, huge, sparse, damaged, UTF-16."""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from fixtures.make_fixtures import MINI, write_csv_folder, write_xlsx

SHEET = "xl/worksheets/sheet3.xml"  # the « facteurs » sheet of the mini workbook


def mini_xlsx(path: Path) -> Path:
    """The mini workshop as an .xlsx file."""
    write_xlsx(path, MINI)
    return path


def rewrite(path: Path, member: str, change: Callable[[bytes], bytes | Iterator[bytes]]) -> None:
    """Rewrite one member of a zip (streamed when `change` yields chunks)."""
    source = path.with_suffix(".orig")
    path.rename(source)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename != member:
                new.writestr(info, data)
                continue
            result = change(data)
            if isinstance(result, bytes):
                new.writestr(info.filename, result)
            else:
                with new.open(info.filename, "w", force_zip64=True) as out:
                    for chunk in result:
                        out.write(chunk)
    source.unlink()


def bomb(path: Path, size: int = 2**30) -> Path:
    """A small .xlsx whose sheet inflates to `size` bytes: one enormous cell."""
    mini_xlsx(path)

    def huge(data: bytes) -> Iterator[bytes]:
        head, _, tail = data.partition(b"</sheetData>")
        yield head + b'<row r="100"><c r="B100" t="inlineStr"><is><t>'
        chunk = b"a" * 2**20
        for _ in range(size // len(chunk)):
            yield chunk
        yield b"</t></is></c></row></sheetData>" + tail

    rewrite(path, SHEET, huge)
    return path


def many_rows(path: Path, rows: int = 400_000) -> Path:
    """A workbook whose « facteurs » sheet has `rows` filled rows (small once zipped)."""
    mini_xlsx(path)

    def grow(data: bytes) -> Iterator[bytes]:
        head, _, tail = data.partition(b"</sheetData>")
        yield head
        for n in range(100, 100 + rows):
            yield f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>F{n}</t></is></c></row>'.encode()
        yield b"</sheetData>" + tail

    rewrite(path, SHEET, grow)
    return path


def sparse(path: Path, value: bool = False) -> Path:
    """A workbook with one formatted (or filled) cell at XFD1048576, as real files have."""
    mini_xlsx(path)
    cell = (
        b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
        if value
        else b'<c r="XFD1048576" s="0"/>'
    )

    def far(data: bytes) -> bytes:
        data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
        row = b'<row r="1048576">' + cell + b"</row>"
        return data.replace(b"</sheetData>", row + b"</sheetData>")

    rewrite(path, SHEET, far)
    return path


def corrupt_member(path: Path) -> Path:
    """A workbook whose sheet member has damaged compressed bytes (zlib.error or bad CRC)."""
    mini_xlsx(path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + min(info.compress_size, 200) - 5):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def malformed_xml(path: Path) -> Path:
    """A workbook whose sheet XML is cut in the middle of a row."""
    mini_xlsx(path)
    rewrite(path, SHEET, lambda data: data[: data.find(b"<row") + 40])
    return path


def utf16_folder(folder: Path, bom: bool) -> Path:
    """The mini workshop as CSV files saved as Excel's « Texte Unicode » (UTF-16 LE, tabs)."""
    write_csv_folder(folder, MINI)
    for file in folder.glob("*.csv"):
        text = file.read_text(encoding="utf-8").replace(";", "\t")
        data = text.encode("utf-16-le")
        file.write_bytes((codecs.BOM_UTF16_LE if bom else b"") + data)
    return folder


def stray_byte_folder(folder: Path) -> Path:
    """The mini workshop in UTF-8 where one line of « facteurs » has a Windows-1252 byte."""
    write_csv_folder(folder, MINI)
    file = folder / "facteurs.csv"
    lines = file.read_bytes().split(b"\n")
    lines[3] = lines[3].replace("Télétravail".encode(), "Télétravail".encode("cp1252"))
    file.write_bytes(b"\n".join(lines))
    return folder


def sparse_ods(path: Path, value: bool = False) -> Path:
    """The mini .ods with a million repeated empty rows (as LibreOffice saves formats) and,
    optionally, one value past them."""
    from conftest import FIXTURES

    path.write_bytes((FIXTURES / "mini.ods").read_bytes())
    far = (
        b'<table:table-row><table:table-cell table:number-columns-repeated="16000"/>'
        b'<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
        b"</table:table-row>"
        if value
        else b""
    )
    empty = (
        b'<table:table-row table:number-rows-repeated="1048000">'
        b'<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )

    def grow(data: bytes) -> bytes:
        end = data.index(b"</table:table>")
        return data[:end] + empty + far + data[end:]

    rewrite(path, "content.xml", grow)
    return path


def repeated_rows(path: Path, rows: int = 880_000) -> Path:
    """A sheet whose rows all claim the same number: each would overwrite the last."""
    mini_xlsx(path)

    def repeat(data: bytes) -> Iterator[bytes]:
        head, _, tail = data.partition(b"</sheetData>")
        yield head
        row = b'<row r="90"><c r="A90" t="inlineStr"><is><t>AAAA</t></is></c></row>'
        for _ in range(rows // 1000):
            yield row * 1000
        yield b"</sheetData>" + tail

    rewrite(path, SHEET, repeat)
    return path
