"""Reading a folder of CSV files, one per sheet, as Excel and LibreOffice in France save them.

Encodings: UTF-16 (Excel's « Texte Unicode », with or without BOM), UTF-8 (with or without
BOM), Windows-1252. A UTF-8 file with a few stray bytes is read line by line: only the
lines that are not UTF-8 are read as Windows-1252, each with a warning naming the line.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ieg_reports.exceptions import UnreadableWorkbookError
from ieg_reports.problems import Location, Problem, Severity
from ieg_reports.workbook.readers.limits import MAX_CSV_BYTES, MAX_ROWS, megabytes, thousands
from ieg_reports.workbook.readers.raw import RawSheet, RawWorkbook, padded


@dataclass
class Decoded:
    """A CSV file's text, the encoding used, and the lines that needed a fallback."""

    text: str
    encoding: str
    fallback_lines: list[int] = field(default_factory=list)


def _utf16(data: bytes) -> str | None:
    """The UTF-16 codec of `data` (BOM, or NUL bytes on one side of ASCII text), else None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        return "utf-16-le" if odd > even else "utf-16-be"
    return None


def decode(data: bytes) -> Decoded:
    """The text of a CSV file and the encoding it was read with."""
    codec = _utf16(data)
    if codec is not None:
        try:
            return Decoded(data.decode(codec).lstrip("\ufeff"), "UTF-16")
        except UnicodeDecodeError:
            pass
    try:
        return Decoded(data.decode("utf-8-sig"), "UTF-8")
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    utf8 = [_try_utf8(line) for line in lines]
    if not any(text is not None and not text.isascii() for text in utf8):
        return Decoded(data.decode("cp1252", errors="replace"), "Windows-1252")
    fallback = [i + 1 for i, text in enumerate(utf8) if text is None]
    texts = [
        text if text is not None else line.decode("utf-8", errors=_STRAY)
        for line, text in zip(lines, utf8, strict=True)
    ]
    return Decoded("\n".join(texts).removeprefix("\ufeff"), "UTF-8", fallback)


def _stray_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decode only the bytes that are not UTF-8 as Windows-1252 (« T\xe9l\xc3\xa9 » → Télé)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="replace"), error.end


_STRAY = "ieg-stray-bytes"
codecs.register_error(_STRAY, _stray_bytes)


def _try_utf8(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def sniff_separator(text: str) -> str:
    """The separator of a CSV text among `;`, `,` and tab."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        header = text.splitlines()[0] if text else ""
        return max(";,\t", key=header.count)


def read_csv_text(text: str) -> list[list[object]]:
    """Rows of a CSV text, every cell a string, blank lines kept so row numbers hold.

    A quoted cell may span lines; it is one row, as in Excel. Reading stops one row past
    the limit, which is enough to say the file is too long.
    """
    if not text.strip():
        return []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_separator(text))
    rows: list[list[object]] = []
    for row in reader:
        rows.append([v if v != "" else None for v in row])
        if len(rows) > MAX_ROWS:
            break
    return [list(r) for r in padded(rows)]


def overlong_rows(where: str, sheet: str, rows: list[list[object]]) -> list[Problem]:
    """Rows with values past the header's last column: a separator inside an unquoted value."""
    header = next((r for r in rows if any(v is not None for v in r)), [])
    width = max((i + 1 for i, v in enumerate(header) if v is not None), default=0)
    found = []
    for number, row in enumerate(rows, start=1):
        extra = [v for v in row[width:] if v is not None and str(v).strip()]
        if extra and header:
            found.append(
                Problem(
                    Severity.ERROR,
                    Location(where, sheet, number),
                    f"{len(row)} valeurs pour {width} colonnes d’en-tête "
                    f"(en trop : « {str(extra[0])[:60]} »)",
                    "une valeur contient sans doute le séparateur : mettez-la entre "
                    "guillemets, ou enregistrez de nouveau le fichier depuis le tableur",
                )
            )
    return found


def _read_file(folder: Path, file: Path) -> tuple[list[list[object]], list[Problem]]:
    where = f"{folder.name}/{file.name}"
    if file.stat().st_size > MAX_CSV_BYTES:
        raise UnreadableWorkbookError(
            f"{where} : fichier trop volumineux ({megabytes(file.stat().st_size)}, "
            f"limite {megabytes(MAX_CSV_BYTES)}) ; vérifiez qu’il s’agit bien d’une feuille "
            "de l’atelier."
        )
    decoded = decode(file.read_bytes())
    rows = read_csv_text(decoded.text)
    if len(rows) > MAX_ROWS:
        raise UnreadableWorkbookError(
            f"{where} : plus de {thousands(MAX_ROWS)} lignes, au-delà de la limite par "
            "feuille ; répartissez les données ou supprimez les lignes inutiles."
        )
    return rows, _encoding_notes(where, file.stem, decoded) + overlong_rows(where, file.stem, rows)


def _encoding_notes(where: str, sheet: str, decoded: Decoded) -> list[Problem]:
    notes = []
    if decoded.encoding != "UTF-8":
        notes.append(
            Problem(
                Severity.WARNING,
                Location(where, sheet),
                f"fichier lu en {decoded.encoding}",
                "vérifiez les accents ; enregistrez de préférence en « CSV UTF-8 »",
            )
        )
    for line in decoded.fallback_lines[:5]:
        notes.append(
            Problem(
                Severity.WARNING,
                Location(where, sheet, line),
                "octets hors UTF-8 dans un fichier UTF-8 : lus en Windows-1252",
                "vérifiez les accents de cette ligne, puis enregistrez le fichier en CSV UTF-8",
            )
        )
    if len(decoded.fallback_lines) > 5:
        more = len(decoded.fallback_lines) - 5
        notes.append(
            Problem(
                Severity.WARNING,
                Location(where, sheet),
                f"{more} autres lignes ont des octets lus en Windows-1252",
                "enregistrez le fichier en CSV UTF-8",
            )
        )
    return notes


def read_csv_folder(path: Path) -> RawWorkbook:
    """Every `.csv` file of the folder, as a sheet named after the file."""
    files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if not files:
        raise UnreadableWorkbookError(f"{path.name} : ce dossier ne contient aucun fichier .csv.")
    sheets, problems = [], []
    for file in files:
        try:
            rows, notes = _read_file(path, file)
        except (csv.Error, OSError) as exc:
            raise UnreadableWorkbookError(
                f"{path.name}/{file.name} : fichier CSV illisible ({exc})."
            ) from exc
        sheets.append(RawSheet(file.stem, f"{path.name}/{file.name}", padded(rows)))
        problems += notes
    return RawWorkbook(path, tuple(sheets), tuple(problems))
