"""Factors per family (key factors apart) and keywords by registre per family: bars with
the family names in full beside them and the counts written on the bars."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.graphics.shapes import Drawing, Group, Rect
from reportlab.lib.colors import Color, HexColor, white

from ieg_reports.charts.base import (
    MAX_HEIGHT,
    TEXT,
    Kit,
    Swatch,
    count_ticks,
    legend,
    line,
    number,
    source_line,
)
from ieg_reports.model import Family, Workshop
from ieg_reports.style import Style

REGISTRES = (
    ("definition", "Définition"),
    ("consequence", "Conséquence"),
    ("question", "Question"),
    ("risque", "Risque"),
)


def _names(kit: Kit) -> float:
    """Width of the family names column: a third of the chart."""
    return round(kit.wide / 3)


Segments = list[list[int]]


def factors_per_family(workshop: Workshop, style: Style, params: dict[str, str]) -> Drawing:
    """Horizontal bars: key factors (dark) then the other factors (light, outlined)."""
    kit = Kit(style)
    counts = [[sum(f.is_key for f in workshop.factors_of(fam)), 0] for fam in workshop.families]
    for row, fam in zip(counts, workshop.families, strict=True):
        row[1] = len(workshop.factors_of(fam)) - row[0]
    primary = kit.color("primary")
    looks = [(primary, primary), (HexColor("#BDD7EE"), primary)]
    items: list[tuple[Swatch, str]] = [
        (primary, "Facteurs-clés"),
        (HexColor("#BDD7EE"), "Autres facteurs"),
    ]

    def total(row: list[int]) -> str:
        if not row[0]:
            return number(sum(row))
        # « dont 1 clé », « dont 3 clés »: the count agrees with its noun.
        return f"{number(sum(row))} (dont {number(row[0])} clé{'s' if row[0] > 1 else ''})"

    return _bars(kit, workshop, counts, looks, items, "Nombre de facteurs", total)


def keyword_registres(workshop: Workshop, style: Style, params: dict[str, str]) -> Drawing:
    """Stacked bars of keywords by registre for each family, counts on the segments."""
    kit = Kit(style)
    index = {fam.code: n for n, fam in enumerate(workshop.families)}
    counts = [[0] * len(REGISTRES) for _ in workshop.families]
    column = {key: n for n, (key, _) in enumerate(REGISTRES)}
    for keyword in workshop.keywords:
        if keyword.registre in column and keyword.factor.family.code in index:
            counts[index[keyword.factor.family.code]][column[keyword.registre]] += 1
    colors = [HexColor(style.registres[n % len(style.registres)]) for n in range(len(REGISTRES))]
    looks = [(c, white) for c in colors]
    items: list[tuple[Swatch, str]] = [
        (c, label) for c, (_, label) in zip(colors, REGISTRES, strict=True)
    ]
    return _bars(
        kit, workshop, counts, looks, items, "Nombre de mots-clés", lambda r: number(sum(r))
    )


def _rows(kit: Kit, families: tuple[Family, ...], room: float) -> tuple[list[list[str]], int]:
    """Wrapped names of the families that fit in `room` points of height."""
    names, used = [], 0.0
    for fam in families:
        lines = kit.wrap(fam.name, _names(kit) - 8)
        height = max(17.0, len(lines) * 9 + 7)
        if used + height > room:
            break
        names.append(lines)
        used += height
    return names, len(families) - len(names)


def _bars(
    kit: Kit,
    workshop: Workshop,
    counts: Segments,
    looks: list[tuple[Color, Color]],
    items: list[tuple[Swatch, str]],
    title: str,
    total: Callable[[list[int]], str],
) -> Drawing:
    names, hidden = _rows(kit, workshop.families, MAX_HEIGHT - 90)
    counts = counts[: len(names)]
    heights = [max(17.0, len(lines) * 9 + 7) for lines in names]
    top_value = max((sum(r) for r in counts), default=0)
    ticks = count_ticks(top_value)
    left, width = _names(kit), kit.wide
    area = width - left - 86  # room for the total written after the longest bar
    scale = area / max(ticks[-1], 1)
    bottom = 48 + (12 if hidden else 0)
    height = bottom + sum(heights) + 28
    drawing = Drawing(width, height)
    keys, _ = legend(kit, items, left, height - 4, width - left)
    drawing.add(keys)
    y = height - 26
    for lines, row, h in zip(names, counts, heights, strict=True):
        y -= h
        drawing.add(kit.lines(0, y + h / 2 + len(lines) * 4.5 + 1, lines, TEXT, 9))
        bar = min(h - 7, 11.0)  # level with the middle of a name of several lines
        drawing.add(_bar(kit, row, looks, left, y + (h - bar) / 2, bar, scale, total(row)))
    drawing.add(_axis(kit, ticks, scale, bottom, title))
    if hidden:
        drawing.add(
            kit.text(
                0,
                bottom - 34,
                f"… et {number(hidden)} autres familles, non montrées ici.",
                italic=True,
            )
        )
    return source_line(drawing, f"Source : {workshop.info.title}.")


def _bar(
    kit: Kit,
    row: list[int],
    looks: list[tuple[Color, Color]],
    x: float,
    y: float,
    h: float,
    scale: float,
    label: str,
) -> Group:
    group = Group()
    for value, (fill, edge) in zip(row, looks, strict=True):
        if value == 0:
            continue
        width = value * scale
        group.add(Rect(x, y, width, min(h, 11), fillColor=fill, strokeColor=edge, strokeWidth=0.5))
        text = number(value)
        if len(row) > 2 and kit.width(text) + 4 <= width:
            ink = white if _dark(fill) else kit.color("text")
            group.add(
                kit.text(x + width / 2, y + min(h, 11) / 2 - 2.6, text, anchor="middle", color=ink)
            )
        x += width
    group.add(kit.text(x + 4, y + min(h, 11) / 2 - 2.6, label))
    return group


def _dark(color: Color) -> bool:
    return bool(0.299 * color.red + 0.587 * color.green + 0.114 * color.blue < 0.55)


def _axis(kit: Kit, ticks: list[int], scale: float, bottom: float, title: str) -> Group:
    group, muted, names = Group(), kit.color("muted"), _names(kit)
    group.add(line(names, bottom + 2, names + ticks[-1] * scale, bottom + 2, kit.color("rule")))
    for tick in ticks:
        x = names + tick * scale
        group.add(line(x, bottom + 2, x, bottom - 1, muted))
        group.add(kit.text(x, bottom - 9, number(tick), anchor="middle"))
    group.add(kit.text(names + ticks[-1] * scale / 2, bottom - 21, title, 8, anchor="middle"))
    return group
