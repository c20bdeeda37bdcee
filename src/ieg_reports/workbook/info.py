"""The « Atelier » sheet: the workshop's own fields."""

from __future__ import annotations

import datetime as dt

from ieg_reports.model import (
    WorkshopInfo,
)
from ieg_reports.problems import Problems
from ieg_reports.workbook.normalise import Normalised
from ieg_reports.workbook.references import q
from ieg_reports.workbook.text import fold_plural


def workshop_info(norm: Normalised, problems: Problems) -> WorkshopInfo:
    fields = norm.fields
    table = norm.tables.get("atelier")
    for key, label, missing in (
        ("titre", "Titre", "non renseigné"),
        ("date", "Date", "non renseignée"),
    ):
        if key in fields or table is None:
            continue
        row = next(
            (
                r
                for r in table.records
                if r.get("champ") and fold_plural(r.get("champ")) == fold_plural(label)
            ),
            None,
        )
        if row is not None and "valeur" not in row.failed and key not in norm.failed_fields:
            problems.error(
                row.at("valeur"),
                f"{label} de l’atelier {missing}",
                "indiquez-le dans la colonne Valeur",
            )
        elif row is None:
            problems.error(
                table.where(),
                f"champ {q(label)} absent",
                f"ajoutez une ligne {q(label)} dans la colonne Champ, avec sa valeur",
            )

    def get(key: str) -> object:
        return fields[key][0] if key in fields else None

    date = get("date")
    return WorkshopInfo(
        title=str(get("titre") or ""),
        date=date if isinstance(date, dt.date) else dt.date(1970, 1, 1),
        **{
            attr: get(key)
            for attr, key in (  # type: ignore[arg-type]
                ("place", "lieu"),
                ("sponsor", "commanditaire"),
                ("facilitator", "animation"),
                ("phase", "phase"),
                ("version", "version"),
                ("event", "evenement"),
                ("event_date", "evenement_date"),
                ("event_place", "evenement_lieu"),
                ("link", "lien"),
                ("event_link", "evenement_lien"),
                ("contact", "contact"),
                ("notice", "mention"),
                ("event_address", "evenement_adresse"),
                ("event_start", "evenement_debut"),
                ("event_end", "evenement_fin"),
                ("event_registration", "evenement_inscription"),
                ("event_contact", "evenement_contact"),
                ("scope", "perimetre"),
            )
        },
    )
