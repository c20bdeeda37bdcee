"""Reading OpenDocument spreadsheets through pandas' odf engine."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd

from ieg_reports.exceptions import UnreadableWorkbookError
from ieg_reports.workbook.readers.raw import RawSheet, RawWorkbook, frame_from_rows


def read_ods(path: Path) -> RawWorkbook:
    """Every sheet of an .ods file."""
    try:
        frames = pd.read_excel(path, engine="odf", sheet_name=None, header=None, dtype=object)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableWorkbookError(
            f"{path.name} : ce fichier n'est pas un classeur OpenDocument lisible ({exc})."
        ) from exc
    sheets = []
    for name, frame in frames.items():
        rows = [[None if pd.isna(v) else v for v in row] for row in frame.itertuples(index=False)]
        sheets.append(RawSheet(str(name), path.name, frame_from_rows(rows)))
    return RawWorkbook(path, tuple(sheets))
