"""Factors per family (key factors highlighted) and keyword registres per family."""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.ticker import MaxNLocator

from ieg_reports.charts.base import new_figure, style_axes, wrap

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ieg_reports.model import Workshop
    from ieg_reports.style import Style

REGISTRES = (
    ("definition", "Définition"),
    ("consequence", "Conséquence"),
    ("question", "Question"),
    ("risque", "Risque"),
)


def factors_per_family(workshop: Workshop, style: Style, params: dict[str, str]) -> Figure:
    """Horizontal bars: key factors (dark) and other factors (light, outlined) per family."""
    families = list(workshop.families)[::-1]
    names = [wrap(f.name, 34) for f in families]
    key = [sum(x.is_key for x in workshop.factors_of(f)) for f in families]
    other = [len(workshop.factors_of(f)) - k for f, k in zip(families, key, strict=True)]
    fig = new_figure(16, 2.2 + 0.85 * len(families))
    ax = fig.add_subplot()
    ax.barh(names, key, color=style.color("primary"), label="Facteurs-clés")
    ax.barh(
        names,
        other,
        left=key,
        color="#BDD7EE",
        edgecolor=style.color("primary"),
        lw=0.5,
        label="Autres facteurs",
    )
    for y, (k, o) in enumerate(zip(key, other, strict=True)):
        ax.text(k + o + 0.1, y, f"{k + o}", va="center", fontsize=7.5, color=style.color("text"))
    ax.set_xlabel("Nombre de facteurs", fontsize=8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    style_axes(ax, style.color("text"))
    fig.legend(loc="outside lower center", ncol=2, fontsize=7, frameon=False)
    return fig


def keyword_registres(workshop: Workshop, style: Style, params: dict[str, str]) -> Figure:
    """Stacked bars of keywords by registre for each family."""
    families = list(workshop.families)[::-1]
    names = [wrap(f.name, 34) for f in families]
    fig = new_figure(16, 2.4 + 0.85 * len(families))
    ax = fig.add_subplot()
    left = [0] * len(families)
    for n, (key, label) in enumerate(REGISTRES):
        counts = [
            sum(
                1 for k in workshop.keywords if k.registre == key and k.factor.family.code == f.code
            )
            for f in families
        ]
        ax.barh(
            names,
            counts,
            left=left,
            color=style.registres[n % len(style.registres)],
            edgecolor="white",
            lw=0.3,
            label=label,
        )
        left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.set_xlabel("Nombre de mots-clés", fontsize=8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    style_axes(ax, style.color("text"))
    fig.legend(loc="outside lower center", ncol=4, fontsize=7, frameon=False)
    return fig
