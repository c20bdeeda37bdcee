"""Ratings: on the scale, averaged per factor, and the key-factor thresholds."""

from __future__ import annotations

import math
import statistics

from ieg_reports.config import Config
from ieg_reports.model import (
    RatingSummary,
)
from ieg_reports.problems import Problems
from ieg_reports.workbook.normalise import Record, Table
from ieg_reports.workbook.references import Index, records
from ieg_reports.workbook.text import decimal, fold_plural


def factor_codes(table: Table | None) -> dict[str, str]:
    return {fold_plural(r.get("code")): r.get("code") for r in records(table) if r.get("code")}


def collect_ratings(
    table: Table | None, codes: dict[str, str], config: Config, problems: Problems
) -> dict[str, RatingSummary]:
    """Aggregate the ratings of each factor, checking the scale."""
    scores: dict[str, list[tuple[float, float]]] = {}
    index: Index[str] = Index("facteur")
    for folded, code in codes.items():
        index.by_key[folded] = code
        index.names.append(code)
    for record in records(table):
        pair = [on_scale(record, key, config, problems) for key in ("capacite_agir", "criticite")]
        found = index.lookup(record, "facteur", problems)
        if found is not None and pair[0] is not None and pair[1] is not None:
            scores.setdefault(found, []).append((pair[0], pair[1]))
    return {code: summarise(values) for code, values in scores.items()}


def on_scale(record: Record, key: str, config: Config, problems: Problems) -> float | None:
    value = record.get(key)
    low, high = config.scale.low, config.scale.high
    if value is not None and not low <= value <= high:
        problems.error(
            record.at(key),
            f"note {decimal(value)} hors de l’échelle {decimal(low)} à {decimal(high)}",
            f"saisissez une note entre {decimal(low)} et {decimal(high)} "
            "(réglable dans ieg-reports.toml)",
        )
        return None
    return float(value) if value is not None else None


def summarise(values: list[tuple[float, float]]) -> RatingSummary:
    """Mean, range and standard deviation of (capacity, criticality) pairs."""
    caps = [v[0] for v in values]
    crits = [v[1] for v in values]
    return RatingSummary(
        len(values),
        round(statistics.fmean(caps), 6),
        round(statistics.fmean(crits), 6),
        min(caps),
        max(caps),
        min(crits),
        max(crits),
        round(spread(caps), 6),
        round(spread(crits), 6),
    )


def spread(values: list[float]) -> float:
    """The population standard deviation, in floats.

    statistics.pstdev computes in exact fractions: a third of validating a 10× workshop.
    Rounded to six decimals as the summary keeps it, both give the same figure.
    """
    mean = math.fsum(values) / len(values)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))


def is_high(rating: RatingSummary | None, config: Config) -> bool:
    return (
        rating is not None
        and rating.capacity >= config.capacity_threshold
        and rating.criticality >= config.criticality_threshold
    )
