"""Reading OpenDocument spreadsheets through pandas' odf engine."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ieg_reports.exceptions import UnreadableWorkbookError
from ieg_reports.workbook.readers.limits import (
    MAX_COLUMNS,
    MAX_ROWS,
    check_archive,
    thousands,
    unreadable,
)
from ieg_reports.workbook.readers.raw import RawSheet, RawWorkbook, frame_from_rows
from ieg_reports.workbook.readers.xlsx import DAMAGED


def read_ods(path: Path) -> RawWorkbook:
    """Every sheet of an .ods file."""
    check_archive(path)
    try:
        frames = pd.read_excel(
            path, engine="odf", sheet_name=None, header=None, dtype=object, nrows=MAX_ROWS + 1
        )
    except DAMAGED as exc:
        raise unreadable(path, exc) from exc
    if any(len(frame) > MAX_ROWS or frame.shape[1] > MAX_COLUMNS for frame in frames.values()):
        raise UnreadableWorkbookError(
            f"{path.name} : une feuille dépasse les limites de {thousands(MAX_ROWS)} lignes "
            f"et {MAX_COLUMNS} colonnes ; supprimez les lignes et colonnes inutiles."
        )
    sheets = []
    for name, frame in frames.items():
        rows = [[None if pd.isna(v) else v for v in row] for row in frame.itertuples(index=False)]
        sheets.append(RawSheet(str(name), path.name, frame_from_rows(rows)))
    return RawWorkbook(path, tuple(sheets))
