"""Writing a workbook of the contract (empty for `init`, filled for the shipped sample)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ieg_reports.workbook.schema import ATELIER_FIELDS, SHEETS, Kind, Sheet

HEADER_FILL = "1F4E79"
HEADER_FONT = "FFFFFF"
GUIDE_TITLE = "Mode d’emploi"


def write_workbook(
    path: Path,
    rows: Mapping[str, Sequence[Sequence[object]]] | None = None,
    guide_note: str | None = None,
) -> None:
    """Write every sheet with styled, frozen headers and drop-down lists for enumerations.

    `rows` maps sheet keys to data rows (in the contract's column order); without it the
    `atelier` sheet lists its fields with empty values.
    """
    from openpyxl import Workbook

    book = Workbook()
    _guide(book.active, guide_note)
    for sheet in SHEETS:
        data = rows.get(sheet.key, []) if rows is not None else _empty_rows(sheet)
        _sheet(book.create_sheet(sheet.label), sheet, data)
    book.save(path)


def _empty_rows(sheet: Sheet) -> list[list[object]]:
    if sheet.key != "atelier":
        return []
    return [[f.label, None] for f in ATELIER_FIELDS]


def _guide(ws: object, note: str | None) -> None:
    from openpyxl.styles import Alignment, Font

    ws.title = GUIDE_TITLE  # type: ignore[attr-defined]
    lines = [("ieg-reports — classeur d’un atelier de prospective", True), ("", False)]
    if note:
        lines += [(note, True), ("", False)]
    lines += [
        (
            "Chaque feuille a une ligne d’en-tête (ne la modifiez pas) ; une ligne par élément. "
            "Les listes déroulantes proposent les valeurs permises.",
            False,
        ),
        ("", False),
    ]
    for sheet in SHEETS:
        required = ", ".join(c.label for c in sheet.columns if c.required)
        lines += [
            (sheet.label, True),
            (sheet.help, False),
            (f"Colonnes obligatoires : {required}.", False),
        ]
    lines += [("", False), ("Vérifiez le classeur avec : ieg-reports validate <classeur>", False)]
    for number, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(row=number, column=1, value=text or None)  # type: ignore[attr-defined]
        cell.font = Font(bold=bold, size=13 if number == 1 else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 110  # type: ignore[attr-defined]


def _sheet(ws: object, sheet: Sheet, data: Sequence[Sequence[object]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for col, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=col, value=column.label)  # type: ignore[attr-defined]
        cell.font = Font(bold=True, color=HEADER_FONT)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = column.width  # type: ignore[attr-defined]
    for r, values in enumerate(data, start=2):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col, value=value)  # type: ignore[attr-defined]
            cell.alignment = Alignment(
                vertical="top", wrap_text=isinstance(value, str) and "\n" in value
            )
    ws.freeze_panes = "A2"  # type: ignore[attr-defined]
    _dropdowns(ws, sheet)


def _dropdowns(ws: object, sheet: Sheet) -> None:
    """An Excel data validation list under every enumerated or yes/no column."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for col, column in enumerate(sheet.columns, start=1):
        if column.kind is Kind.ENUM and column.enum is not None:
            values = column.enum.labels()
        elif column.kind is Kind.BOOL:
            values = ["oui", "non"]
        else:
            continue
        rule = DataValidation(
            type="list",
            formula1='"' + ",".join(values) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.label,
            error="Valeurs permises : " + ", ".join(values),
        )
        letter = get_column_letter(col)
        rule.add(f"{letter}2:{letter}2000")
        ws.add_data_validation(rule)  # type: ignore[attr-defined]
