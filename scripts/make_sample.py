"""Regenerate the shipped sample workbook from its source, samples/atelier-2017-07-12/.

Usage: python scripts/make_sample.py
The CSV files are the source of truth (diffable); the xlsx is what users open.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from ieg_reports.workbook.blank import write_workbook
from ieg_reports.workbook.schema import SHEETS
from ieg_reports.workbook.text import fold

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "samples" / "atelier-2017-07-12"
TARGET = ROOT / "src" / "ieg_reports" / "sample" / "atelier-2017-07-12.xlsx"
NOTICE = "Mention"


def _coerce(text: str) -> object:
    """Numbers and times as such, so the workbook looks typed by a person in Excel."""
    time = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if time:
        return dt.time(int(time[1]), int(time[2]))
    try:
        return int(text)
    except ValueError:
        return text or None


def read_source() -> tuple[dict[str, list[list[object]]], str | None]:
    """Rows of each sheet in the contract's column order, and the sample's notice."""
    rows: dict[str, list[list[object]]] = {}
    notice = None
    for sheet in SHEETS:
        if not (SOURCE / f"{sheet.key}.csv").is_file():
            continue  # an optional sheet the sample does not use
        with (SOURCE / f"{sheet.key}.csv").open(encoding="utf-8", newline="") as handle:
            # headers matched as the tool matches them: « Capacité d'agir » is « Capacité d’agir »
            records = [
                {fold(k): v for k, v in r.items()} for r in csv.DictReader(handle, delimiter=";")
            ]
        labels = [fold(c.label) for c in sheet.columns]
        rows[sheet.key] = [[_coerce(r.get(label) or "") for label in labels] for r in records]
        notice = notice or next((r["valeur"] for r in records if r.get("champ") == NOTICE), None)
    return rows, notice


def main() -> None:
    """Write the xlsx."""
    rows, notice = read_source()
    write_workbook(TARGET, rows, notice)
    print(f"écrit : {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
