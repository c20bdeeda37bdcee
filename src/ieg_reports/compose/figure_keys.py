"""The factor key of the selection matrix: the codes the chart labels, as a small table.

The chart labels factors by code only; the reader finds each code's factor in this table,
set by the composer right after the figure. Being an ordinary table it breaks across pages
and reads at body size, where a key drawn inside the chart made the figure too tall to
place. Which factors get a code (and why) is decided here, for the chart and the key alike.

The body is no place for the spreadsheet: the key names at most MAX_ROWS factors, those a
reader wonders about first (choices that depart from the ratings, then key factors), and
sends the reader to the annex « Tous les facteurs » for the other codes of the figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from ieg_reports.compose.document import Block, Cell, Figure, Paragraph, Run, Table
from ieg_reports.compose.french import guillemets, number_fr, words_fr
from ieg_reports.model import Factor, Workshop

# The factors a chart labels by code, by what the chart says of them, in the key's order.
SECTIONS = {
    "cle": "Facteur-clé",
    "sous": "Retenu sous un seuil",
    "ecarte": "Non retenu, notes hautes",
    "theme": "Facteur du thème",
}
# The key's rows, at most: beyond, the annex names the codes (a body table, not a listing).
MAX_ROWS = 8
# Which labelled factors the key names first: choices against the ratings, then the rest.
PRIORITY = {"ecarte": 0, "sous": 1, "theme": 2, "cle": 3}
ANNEX = "Tous les facteurs"


@dataclass(frozen=True)
class Point:
    """One rated factor as the chart shows it."""

    factor: Factor
    x: float
    y: float
    status: str  # cle, sous, ecarte, theme, autre, gris


def highlighted(params: dict[str, str]) -> set[str]:
    """The codes of `surligner=F01,F02`: the factors shown in colour."""
    return {c.strip() for c in params.get("surligner", "").split(",") if c.strip()}


def classify(workshop: Workshop, highlight: set[str]) -> list[Point]:
    """Each rated factor with what the chart must say about it."""
    cap, crit = workshop.capacity_threshold, workshop.criticality_threshold
    by_column = workshop.key_rule == "colonne"
    out = []
    for f in workshop.factors:
        if f.rating is None:
            continue
        high = f.rating.capacity >= cap and f.rating.criticality >= crit
        if highlight:
            status = "theme" if f.code in highlight else "gris"
        elif f.is_key:
            status = "sous" if by_column and not high else "cle"
        else:
            status = "ecarte" if by_column and high else "autre"
        out.append(Point(f, f.rating.capacity, f.rating.criticality, status))
    return out


def wants_key(params: dict[str, str]) -> bool:
    """False for `cle=non`: the text around the figure already names the factors it labels."""
    return params.get("cle", "oui").strip().lower() not in ("non", "no", "false")


# Beyond this many codes a matrix is a cloud of labels: it names only the exceptions.
DENSE = 30
EXCEPTIONS = ("sous", "ecarte")  # retained below a threshold, left out above both


def labelled(points: list[Point]) -> list[Point]:
    """The points the chart labels by code, in the key's order: by code, to look up; on a
    dense matrix, only the exceptions to the thresholds rule, when there are some (the
    shaded zone says where the other key factors are)."""
    left = {p.factor.code for p in thinned_out(points)}
    chosen = (p for p in points if p.status in SECTIONS and p.factor.code not in left)
    return sorted(chosen, key=lambda p: p.factor.code)


def thinned_out(points: list[Point]) -> list[Point]:
    """The key factors a dense matrix leaves unlabelled: those its shaded zone locates."""
    chosen = [p for p in points if p.status in SECTIONS]
    if len(chosen) <= DENSE or not any(p.status in EXCEPTIONS for p in chosen):
        return []
    return [p for p in chosen if p.status not in EXCEPTIONS]


def shown(points: list[Point], workshop: Workshop) -> list[Point]:
    """The labelled points the key names: MAX_ROWS at most, the most telling first."""

    def rank(p: Point) -> tuple[int, int, str]:
        # Among factors kept below a threshold, those below both are the striking ones.
        both = p.x < workshop.capacity_threshold and p.y < workshop.criticality_threshold
        return PRIORITY[p.status], 0 if both else 1, p.factor.code

    kept = {id(p) for p in sorted(points, key=rank)[:MAX_ROWS]}
    return [p for p in points if id(p) in kept]


def factor_key(
    workshop: Workshop, params: dict[str, str], every: list[Point] | None = None
) -> Table | None:
    """The table naming the factors the matrix labels (MAX_ROWS at most); None when it labels
    none, or when the template says the text names them (`cle=non`). `every`: the labelled
    points (see `labelled`), when the caller has them already."""
    every = _labelled(workshop, params) if every is None else every
    if not every or not wants_key(params):
        return None
    points = shown(every, workshop)
    sections = len({p.status for p in points}) > 1
    header = ["Code", "Facteur", "Capacité", "Criticité"]
    header += ["Sélection"] if sections else []
    rows = tuple(_row(p, sections) for p in points)
    widths = (1.4, 6.9, 2.2, 2.2) + ((5.0,) if sections else ())
    align = ("left", "left", "right", "right") + (("left",) if sections else ())
    return Table(_cells(header), rows, widths, align)


def _labelled(workshop: Workshop, params: dict[str, str]) -> list[Point]:
    return labelled(classify(workshop, highlighted(params)))


def _row(point: Point, sections: bool) -> tuple[Cell, ...]:
    f = point.factor
    cells = [f.code, f.label, number_fr(point.x, 1), number_fr(point.y, 1)]
    return _cells(cells + ([SECTIONS[point.status]] if sections else []))


def _cells(texts: list[str]) -> tuple[Cell, ...]:
    return tuple(Cell((Run(t),)) for t in texts)


def key_rest(
    workshop: Workshop, params: dict[str, str], every: list[Point] | None = None
) -> Paragraph | None:
    """« Les 38 autres codes de la figure… » under a key that cannot name them all."""
    every = _labelled(workshop, params) if every is None else every
    names = {id(p) for p in shown(every, workshop)}
    hidden = [p for p in every if id(p) not in names]
    if not hidden or not wants_key(params):
        return None
    rest, key = len(hidden), sum(p.factor.is_key for p in hidden)
    what = "L’autre code" if rest == 1 else f"Les {words_fr(rest)} autres codes"
    among = f", dont {words_fr(key)} facteurs-clés," if 1 < key < rest else ""
    among = ", dont un facteur-clé," if key == 1 < rest else among
    among = ", tous des facteurs-clés," if key == rest > 1 else among
    verb = "renvoie" if rest == 1 else "renvoient"
    text = f"{what} de la figure{among} {verb} à l’annexe {guillemets(ANNEX)}, où chaque "
    return Paragraph((Run(text + "facteur figure avec ses notes, famille par famille."),), "left")


def with_factor_keys(blocks: list[Block], workshop: Workshop) -> list[Block]:
    """`blocks` with the factor key of every matrix figure set right after it."""
    out: list[Block] = []
    for block in blocks:
        out.append(block)
        if isinstance(block, Figure) and block.chart == "matrice":
            params = dict(block.params)
            # Every factor of the workshop, classified once for the key and the line under it.
            every = _labelled(workshop, params)
            extra = (factor_key(workshop, params, every), key_rest(workshop, params, every))
            out.extend(b for b in extra if b is not None)
    return out
