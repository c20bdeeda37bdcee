"""Reading a folder of CSV files, one per sheet, as Excel in France saves them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from ieg_reports.exceptions import UnreadableWorkbookError
from ieg_reports.workbook.readers.raw import RawSheet, RawWorkbook, frame_from_rows


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, the usual French Excel export."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_separator(text: str) -> str:
    """The separator of a CSV text among `;`, `,` and tab."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        header = text.splitlines()[0] if text else ""
        return max(";,\t", key=header.count)


def read_csv_text(text: str) -> list[list[object]]:
    """Rows of a CSV text, every cell a string, blank lines kept so row numbers hold."""
    if not text.strip():
        return []
    frame = pd.read_csv(
        io.StringIO(text),
        sep=sniff_separator(text),
        header=None,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
        engine="python",
    )
    return [
        [v if isinstance(v, str) and v != "" else None for v in row]
        for row in frame.itertuples(index=False)
    ]


def read_csv_folder(path: Path) -> RawWorkbook:
    """Every `.csv` file of the folder, as a sheet named after the file."""
    files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    if not files:
        raise UnreadableWorkbookError(f"{path.name} : ce dossier ne contient aucun fichier .csv.")
    sheets = []
    for file in files:
        try:
            rows = read_csv_text(decode(file.read_bytes()))
        except (pd.errors.ParserError, csv.Error, OSError) as exc:
            raise UnreadableWorkbookError(f"{file.name} : fichier CSV illisible ({exc}).") from exc
        sheets.append(RawSheet(file.stem, f"{path.name}/{file.name}", frame_from_rows(rows)))
    return RawWorkbook(path, tuple(sheets))
