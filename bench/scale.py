"""Workshops k times the shipped sample, for the benchmark: every sheet copied k times."""

from __future__ import annotations

import csv
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "samples" / "atelier-2017-07-12"
# Columns holding codes that refer to another sheet, which must follow the copy's codes.
REFERENCES = {
    "familles": {"Code": "F"},
    "facteurs": {"Code": "X", "Famille": "F"},
    "mots_cles": {"Facteur": "X"},
    "evaluations": {"Facteur": "X"},
    "effets": {"Facteur": "X"},
    "themes": {"Code": "T", "Facteurs": "X*"},
    "ressources": {"Thème": "T"},
    "participants": {"Thèmes": "T*"},
}


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (SOURCE / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        return list(reader.fieldnames or []), list(reader)


def _suffix(value: str, copy: int, many: bool) -> str:
    if not copy:
        return value
    if many:
        return ", ".join(f"{v.strip()}.{copy + 1}" for v in value.split(",") if v.strip())
    return f"{value}.{copy + 1}"


def _copy_row(name: str, row: dict[str, str], copy: int) -> dict[str, str]:
    out = dict(row)
    for column, kind in REFERENCES.get(name, {}).items():
        out[column] = _suffix(row[column], copy, kind.endswith("*"))
    if copy and name in ("familles", "themes"):
        key = "Nom" if name == "familles" else "Titre"
        out[key] = f"{row[key]} ({copy + 1})"
    if copy and name == "participants":
        out["E-mail"] = f"{copy + 1}.{row['E-mail']}"
    return out


def write_scaled(target: Path, factor: int) -> Path:
    """A CSV workbook `factor` times the sample (the atelier sheet stays as it is)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(SOURCE.glob("*.csv")):
        header, rows = _read(path.stem)
        copies = 1 if path.stem == "atelier" else factor
        with (target / path.name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, header, delimiter=";", lineterminator="\n")
            writer.writeheader()
            for copy in range(copies):
                writer.writerows(_copy_row(path.stem, r, copy) for r in rows)
    return target


def edit_one_resource(workbook: Path, variant: int) -> None:
    """Change the summary of the first resource (a documentary theme's), differently each time."""
    path = workbook / "ressources.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        header, rows = list(reader.fieldnames or []), list(reader)
    rows[0]["Résumé"] = f"Résumé révisé pour la mesure n° {variant}."
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, delimiter=";", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
