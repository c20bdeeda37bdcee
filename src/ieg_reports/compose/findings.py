"""Findings: what the workshop shows, as French sentences computed from the model.

Each finding is a small pure function of the workshop that returns one or two sentences,
or None when there is nothing worth saying. Wording handles zero, one, many and ties;
no sentence starts with a numeral (counts at the start are written in words).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from ieg_reports.compose.french import (
    NBSP,
    count_fr,
    guillemets,
    join_fr,
    number_fr,
    percent_fr,
    plural_fr,
    score_fr,
    words_fr,
)
from ieg_reports.model import Factor, Family, RatingSummary, Theme, Workshop

# Plural wording of the effect categories, for « surtout de nouveaux métiers ».
CATEGORY_PLURALS = {
    "nouveau_metier": "de nouveaux métiers",
    "nouvelle_maniere": "de nouvelles manières d’exercer",
    "connaissances": "des connaissances",
    "pratiques": "des pratiques professionnelles",
    "aptitudes_individuelles": "des aptitudes individuelles",
    "aptitudes_collectives": "des aptitudes collectives",
}
MAX_NAMED = 3


def cap(text: str) -> str:
    """The sentence with its first letter in capitals."""
    return text[:1].upper() + text[1:]


def quote(text: str) -> str:
    """« text » with no-break spaces inside the guillemets (“ ” for any inside it)."""
    return guillemets(text)


def named(items: Sequence[str], limit: int = MAX_NAMED) -> str:
    """« a », « b » et « c », or « a », « b » et 4 autres when there are more."""
    quoted = [quote(i) for i in items]
    if len(quoted) <= limit:
        return join_fr(quoted)
    rest = len(quoted) - limit + 1
    return join_fr([*quoted[: limit - 1], f"{words_fr(rest)} autres"])


def _top(counts: Sequence[tuple[str, int]]) -> tuple[list[str], int]:
    """The names sharing the highest count, and that count."""
    best = max(n for _, n in counts)
    return [name for name, n in counts if n == best], best


def _key_counts(ws: Workshop) -> list[tuple[str, int]]:
    """Each family's name and its number of key factors, counted in one pass."""
    per_family = Counter(k.family.code for k in ws.key_factors)
    return [(f.name, per_family[f.code]) for f in ws.families]


def key_factor_families(ws: Workshop) -> str | None:
    """Which families supply most key factors, with their share; those supplying none."""
    if not ws.families:
        return None
    total = len(ws.key_factors)
    if total == 0:
        return "Aucun facteur n’a été retenu comme facteur-clé."
    counts = _key_counts(ws)
    top, best = _top(counts)
    share = f"{best} sur {total}, soit {percent_fr(best / total)}"
    if len(top) == 1 and best == total:
        text = f"Tous les facteurs-clés viennent de la famille {quote(top[0])}."
    elif len(top) == len(counts):
        text = (
            f"Les facteurs-clés se répartissent à parts égales entre les familles ({best} chacune)."
        )
    elif len(top) == 1:
        text = f"La famille {quote(top[0])} fournit le plus de facteurs-clés ({share})"
        text += _runner_up(counts, best) + "."
    else:
        text = f"Les familles {named(top)} fournissent chacune le plus de facteurs-clés ({share})."
    return text + _families_without(counts, best == total)


def _runner_up(counts: Sequence[tuple[str, int]], best: int) -> str:
    """« , devant « B » (4) » for the family or families just behind the first."""
    rest = [(name, n) for name, n in counts if 0 < n < best]
    if not rest:
        return ""
    second, n = _top(rest)
    return f", devant {named(second)} ({n}{' chacune' if len(second) > 1 else ''})"


def _families_without(counts: Sequence[tuple[str, int]], all_in_one: bool) -> str:
    """The families that supply no key factor (unless one family supplies them all)."""
    empty = [name for name, n in counts if n == 0]
    if not empty or all_in_one:
        return ""
    if len(empty) == 1:
        return f" La famille {quote(empty[0])} n’en fournit aucun."
    return f" Les familles {named(empty)} n’en fournissent aucun."


def weak_signals(ws: Workshop) -> str | None:
    """Which weak signals were retained as key factors: the names (L'essentiel has the count)."""
    weak = [f for f in ws.factors if f.is_weak_signal]
    kept = [f.label for f in weak if f.is_key]
    if not weak:
        return None
    if len(weak) == 1:
        verb = "a été retenu" if kept else "n’a pas été retenu"
        return f"Le seul signal faible, {quote(weak[0].label)}, {verb} comme facteur-clé."
    if not kept:
        return f"Aucun des {words_fr(len(weak))} signaux faibles n’a été retenu comme facteur-clé."
    if len(kept) == len(weak):
        return (
            f"Les {words_fr(len(weak))} signaux faibles ont tous été retenus comme facteurs-clés."
        )
    if len(kept) == 1:
        return f"Le signal faible retenu comme facteur-clé est {quote(kept[0])}."
    return f"Les signaux faibles retenus comme facteurs-clés sont {named(kept)}."


def _spread(r: RatingSummary) -> float:
    """The widest gap between two teams' ratings of a factor, on either criterion."""
    return max(r.capacity_max - r.capacity_min, r.criticality_max - r.criticality_min)


def _range_text(r: RatingSummary) -> str:
    """« criticité notée de 2 à 5 » on the criterion where the teams diverged most."""
    if r.capacity_max - r.capacity_min >= r.criticality_max - r.criticality_min:
        low, high, name = r.capacity_min, r.capacity_max, "capacité d’agir"
    else:
        low, high, name = r.criticality_min, r.criticality_max, "criticité"
    return f"{name} notée de {number_fr(low)} à {number_fr(high)}"


def _disagreement(r: RatingSummary) -> float:
    """Mean standard deviation of the teams' ratings over the two criteria."""
    return round((r.capacity_sd + r.criticality_sd) / 2, 6)


def plural_fr_gap(gap: float) -> str:
    """« 1 point », « 1,5 point », « 2 points »."""
    return f"{number_fr(gap)}{NBSP}point{'s' if gap >= 2 else ''}"


def agreement(ws: Workshop) -> str | None:
    """Where the teams agreed most and least: the spread of their ratings, named."""
    rated = [(f, f.rating) for f in ws.factors if f.rating is not None and f.rating.count > 1]
    if not rated:
        return None
    spreads = [_disagreement(r) for _, r in rated]
    low, high = min(spreads), max(spreads)
    if low == high:
        gap = max(_spread(r) for _, r in rated)
        gap_text = "identiques" if gap == 0 else f"à {plural_fr_gap(gap)} près"
        return f"Les équipes ont noté chaque facteur de façon homogène (notes {gap_text})."
    most = [(f, r) for (f, r), s in zip(rated, spreads, strict=True) if s == low]
    least = [(f, r) for (f, r), s in zip(rated, spreads, strict=True) if s == high]
    gap = max(_spread(r) for _, r in most)
    how = "des notes identiques" if gap == 0 else f"des notes à {plural_fr_gap(gap)} près"
    first = (
        f"Les équipes se sont le plus accordées sur {named([f.label for f, _ in most])} ({how})."
    )
    detail = join_fr([f"{quote(f.label)} ({_range_text(r)})" for f, r in least[:MAX_NAMED]])
    more = f", et {words_fr(len(least) - MAX_NAMED)} autres" if len(least) > MAX_NAMED else ""
    return f"{first} Elles ont le plus divergé sur {detail}{more}."


def _scores(f: Factor) -> str:
    r = f.rating
    assert r is not None  # callers keep rated factors only
    return f"{quote(f.label)} ({score_fr(r.capacity)} et {score_fr(r.criticality)})"


def odd_choices(ws: Workshop, said: str = "") -> tuple[list[Factor], list[Factor]]:
    """Key factors below both thresholds and factors left out above them, except those the
    consultant's text `said` already names (by label or code)."""
    code = re.compile(r"\b(?:" + "|".join(re.escape(f.code) for f in ws.factors) + r")\b")
    codes = set(code.findall(said)) if ws.factors else set()
    rated = [f for f in ws.factors if f.rating is not None]
    rated = [
        f for f in rated if not (said and mentions(said, f.label, True)) and f.code not in codes
    ]
    below = [f for f in rated if f.is_key and _quadrant(ws, f) == "low"]
    above = [f for f in rated if not f.is_key and _quadrant(ws, f) == "high"]
    return below, above


def _listed(factors: list[Factor]) -> str:
    """Up to three factors with their scores, then « et N autres »."""
    if len(factors) <= MAX_NAMED:
        return join_fr([_scores(f) for f in factors])
    shown = [_scores(f) for f in factors[: MAX_NAMED - 1]]
    return join_fr([*shown, f"{words_fr(len(factors) - MAX_NAMED + 1)} autres"])


def choices_to_explain(ws: Workshop, said: str = "") -> str | None:
    """Key factors retained below both thresholds, and factors left out above them, three
    named at most (the annex lists them all); none the consultant's text `said` names."""
    if not any(f.rating is not None for f in ws.factors):
        return None
    below, above = odd_choices(ws, said)
    if not below and not above:
        if said and any(odd_choices(ws)):
            return None  # the consultant explained every one of them
        return (
            "Les choix de l’atelier suivent les notes : aucun facteur-clé n’est sous les deux "
            "seuils, aucun facteur au-dessus des deux seuils n’a été écarté."
        )
    parts = []
    if below:
        verb = "a été retenu" if len(below) == 1 else "ont été retenus"
        parts.append(f"{_listed(below)} {verb} malgré des notes sous les deux seuils")
    if above:
        verb = "a été écarté" if len(above) == 1 else "ont été écartés"
        parts.append(f"{_listed(above)} {verb} malgré des notes au-dessus des deux seuils")
    one = len(below) + len(above) == 1
    if len(below) + len(above) < sum(map(len, odd_choices(ws))):
        intro = "Un autre choix est" if one else "D’autres choix sont"
    else:
        intro = "Un choix est" if one else "Des choix sont"
    annex = " ; l’annexe les détaille" if max(len(below), len(above)) > MAX_NAMED else ""
    return f"{intro} à expliquer (capacité d’agir et criticité) : {' ; '.join(parts)}{annex}."


def _quadrant(ws: Workshop, f: Factor) -> str:
    """« high » when both means reach the thresholds, « low » when both are below."""
    r = f.rating
    if r is None:
        return "none"
    cap_ok, crit_ok = r.capacity >= ws.capacity_threshold, r.criticality >= ws.criticality_threshold
    return "high" if cap_ok and crit_ok else "low" if not (cap_ok or crit_ok) else "mixed"


def effects_split(ws: Workshop) -> str | None:
    """How the effects divide between innovation tracks and skills, and by category."""
    effects = ws.effects
    if not ws.key_factors:
        return None
    if not effects:
        return "Aucun effet n’a encore été décrit pour les facteurs-clés."
    innov = [e for e in effects if e.type == "innovation"]
    skills = [e for e in effects if e.type != "innovation"]
    parts = []
    if innov:
        parts.append(
            count_fr(len(innov), "piste d’innovation", "pistes d’innovation", feminine=True)
            + _lead_category(innov)
        )
    if skills:
        parts.append(
            count_fr(len(skills), "compétence nouvelle", "compétences nouvelles", feminine=True)
            + _lead_category(skills)
        )
    if len(effects) == 1:
        return f"Un seul effet a été décrit : {parts[0]}."
    if len(parts) == 1:
        return f"Les {_small(len(effects))} effets sont tous des {parts[0].split(NBSP, 1)[1]}."
    return f"Les {_small(len(effects))} effets se partagent entre {parts[0]} et {parts[1]}."


def _small(count: int) -> str:
    """A count under ten in words (« les cinq effets »), digits above."""
    return words_fr(count) if 0 <= count < 10 else str(count)


def _lead_category(effects: Sequence[object]) -> str:
    """« , surtout de nouveaux métiers (8) », or the tie between categories."""
    counts = Counter(getattr(e, "category", None) for e in effects)
    counts.pop(None, None)
    if not counts or len(effects) < 2:
        return ""
    top, best = _top([(str(k), n) for k, n in counts.items()])
    if len(top) > 1:
        return f" (à parts égales entre {join_fr([CATEGORY_PLURALS[k] for k in top])})"
    return f" (surtout {CATEGORY_PLURALS[top[0]]} : {best})"


def theme_roots(ws: Workshop) -> str | None:
    """Which themes rest on the most key factors, and the factor behind most themes."""
    if not ws.themes:
        return None
    counts = [(t.code, len(t.factors)) for t in ws.themes]
    top, best = _top(counts)
    if best == 0:
        return "Aucun thème n’est encore rattaché à des facteurs-clés."
    titles = [_theme_name(ws.theme(code)) for code in top]
    many = count_fr(best, "facteur-clé", "facteurs-clés")
    if len(top) == len(counts) and len(top) > 1:
        text = f"Chaque thème repose sur {many}."
    elif len(top) > MAX_NAMED:
        text = _spread_of_roots(counts, top, best)
    elif len(top) == 1:
        text = f"Le thème {titles[0]} repose sur le plus de facteurs-clés ({best})."
    else:
        text = f"Les thèmes {join_fr(titles)} reposent chacun sur {many}, le plus grand nombre."
    return text + _busiest_factor(ws)


def _spread_of_roots(counts: list[tuple[str, int]], top: list[str], best: int) -> str:
    """When many themes share the most key factors, the range says more than the count."""
    least = min(n for _, n in counts)
    many = count_fr(best, "facteur-clé", "facteurs-clés")
    if 2 * len(top) > len(counts) and least > 0:
        span = "ou" if best - least == 1 else "à"
        return f"Chaque thème repose sur {words_fr(least)} {span} {many}."
    themes = f"{cap(words_fr(len(top)))} des {words_fr(len(counts))} thèmes"
    return f"{themes} reposent sur {many}, le maximum."


def _theme_name(t: Theme) -> str:
    return quote(t.title)


def _busiest_factor(ws: Workshop) -> str:
    """« Le facteur « X » nourrit à lui seul trois thèmes. » (or the few that tie)."""
    uses = Counter(f.code for t in ws.themes for f in t.factors)
    if not uses:
        return ""
    top, best = _top(list(uses.items()))
    if best < 2 or len(top) > MAX_NAMED:
        return ""
    labels = [quote(f.label) for code in top for f in ws.factors if f.code == code]
    if len(labels) == 1:
        return f" Le facteur {labels[0]} nourrit à lui seul {words_fr(best)} thèmes."
    return f" Les facteurs {join_fr(labels)} nourrissent chacun {words_fr(best)} thèmes."


def routes(ws: Workshop, event: str) -> str | None:
    """What goes to the event and what to the documentary route."""
    meeting = [t for t in ws.themes if not t.is_documentary]
    documentary = [t for t in ws.themes if t.is_documentary]
    if not ws.themes:
        return None
    packs = "un dossier documentaire par thème"
    if not meeting:
        return f"Tous les thèmes sont suivis par apports documentaires, {packs}."
    if not documentary:
        return f"Tous les thèmes sont portés à {event}."
    head = (
        f"Un thème prioritaire est porté à {event}"
        if len(meeting) == 1
        else f"{cap(words_fr(len(meeting)))} thèmes prioritaires sont portés à {event}"
    )
    rest = (
        "l’autre thème est suivi par apports documentaires, avec son dossier"
        if len(documentary) == 1
        else f"les {words_fr(len(documentary))} autres sont suivis "
        f"par apports documentaires, {packs}"
    )
    return f"{head} ; {rest}."


def keyword_registres(ws: Workshop) -> str | None:
    """Which registre the participants used most and least."""
    if not ws.keywords:
        return None
    from ieg_reports.compose.context import labels

    names = labels()["registre"]
    counts = [(names[k], n) for k, n in Counter(k.registre for k in ws.keywords).items()]
    top, best = _top(counts)
    total = len(ws.keywords)
    if len(counts) == 1:
        return f"Tous les mots-clés relèvent du registre {quote(top[0])}."
    many = plural_fr(best, "mot-clé", "mots-clés")
    text = f"Le registre {quote(top[0])} domine ({many} sur {total})"
    if len(top) > 1:
        shown = join_fr([quote(t) for t in top])
        text = f"Les registres {shown} dominent ({many} chacun sur {total})"
    bottom = min(n for _, n in counts)
    if len(counts) > len(top):
        last = [name for name, n in counts if n == bottom]
        verb = "en recueille" if len(last) == 1 else "en recueillent"
        text += (
            f", devant {join_fr([quote(t) for t in last])} ({bottom})"
            if len(counts) == 2
            else f" ; {join_fr([quote(t) for t in last])} {verb} le moins ({bottom})"
        )
    return text + "."


def shared_keywords(ws: Workshop) -> str | None:
    """The keywords that came back for several factors."""
    factors: dict[str, set[str]] = {}
    for k in ws.keywords:
        factors.setdefault(k.canonical, set()).add(k.factor.code)
    shared = sorted(((w, len(f)) for w, f in factors.items() if len(f) > 1), key=lambda x: -x[1])
    if not shared:
        return None
    shown = shared[:MAX_NAMED]
    items = join_fr([f"{quote(w)} ({plural_fr(n, 'facteur')})" for w, n in shown])
    if len(shared) == 1:
        return f"Un mot-clé revient pour plusieurs facteurs : {items}."
    return f"Les mots-clés qui reviennent le plus souvent d’un facteur à l’autre sont {items}."


def family_sizes(ws: Workshop) -> str | None:
    """The largest and smallest families."""
    if len(ws.families) < 2:
        return None
    counts = [(f.name, len(ws.factors_of(f))) for f in ws.families]
    top, best = _top(counts)
    low = min(n for _, n in counts)
    if best == low:
        return f"Les familles sont de même taille ({plural_fr(best, 'facteur')} chacune)."
    smallest = [name for name, n in counts if n == low]
    if len(top) == 1 and len(smallest) == len(counts) - 1:
        rest = f"en comptent {low} chacune" if low else "n’en comptent aucun"
        return (
            f"La famille {quote(top[0])} est la plus fournie ({plural_fr(best, 'facteur')}) ; "
            f"les autres {rest}."
        )
    each = " chacune" if len(top) > 1 else ""
    return (
        f"{'La famille' if len(top) == 1 else 'Les familles'} {named(top)} "
        f"{'est la plus fournie' if len(top) == 1 else 'sont les plus fournies'} "
        f"({plural_fr(best, 'facteur')}{each}), "
        f"{'la famille' if len(smallest) == 1 else 'les familles'} "
        f"{named(smallest)} "
        f"{'la moins fournie' if len(smallest) == 1 else 'les moins fournies'} ({low})."
    )


def key_families_brief(ws: Workshop) -> str | None:
    """L'essentiel's short form of key_factor_families: where the key factors come from."""
    if not ws.families or not ws.key_factors:
        return None
    counts = _key_counts(ws)
    top, _ = _top(counts)
    if len(top) == len(counts) and len(top) > 1:
        return "Aucune famille ne domine parmi les facteurs-clés."
    if len(top) == 1:
        return f"La famille {quote(top[0])} est la première source de facteurs-clés."
    return None  # a tie is no headline: the section names the families, with the figures


def weak_signals_brief(ws: Workshop) -> str | None:
    """L'essentiel's short form of weak_signals: how many of them became key factors."""
    weak = [f for f in ws.factors if f.is_weak_signal]
    kept = sum(f.is_key for f in weak)
    if not weak:
        return None
    if kept == 0:
        return "Aucun signal faible ne figure parmi les facteurs-clés."
    if kept == len(weak):
        return "Tous les signaux faibles figurent parmi les facteurs-clés."
    if kept == 1:
        return f"Un seul des {words_fr(len(weak))} signaux faibles figure parmi les facteurs-clés."
    return (
        f"{cap(words_fr(kept))} des {words_fr(len(weak))} signaux faibles "
        "figurent parmi les facteurs-clés."
    )


def choices_brief(ws: Workshop) -> str | None:
    """L'essentiel's short form of choices_to_explain: how many choices depart from the notes."""
    rated = [f for f in ws.factors if f.rating is not None]
    if not rated:
        return None
    odd = sum(
        (f.is_key and _quadrant(ws, f) == "low") or (not f.is_key and _quadrant(ws, f) == "high")
        for f in rated
    )
    if odd == 0:
        return "Les choix de l’atelier suivent les notes des équipes."
    if odd == 1:
        return "Un choix de l’atelier s’écarte des notes des équipes ; il reste à expliquer."
    return (
        f"{cap(words_fr(odd))} choix de l’atelier s’écartent des notes des équipes ; "
        "ils restent à expliquer."
    )


def routes_brief(ws: Workshop, event: str) -> str | None:
    """L'essentiel's short form of routes: the share of themes that go to the event."""
    meeting = sum(not t.is_documentary for t in ws.themes)
    total = len(ws.themes)
    if not ws.themes:
        return None
    if meeting == 0:
        return "La suite passe par des apports documentaires, thème par thème."
    if meeting == total:
        return f"La suite se joue à {event}."
    who = "Un thème" if meeting == 1 else f"{cap(words_fr(meeting))} thèmes"
    verb = "sera approfondi" if meeting == 1 else "seront approfondis"
    rest = "l’autre" if total - meeting == 1 else "les autres"
    return f"{who} sur {words_fr(total)} {verb} à {event}, {rest} par apports documentaires."


def family_leader(ws: Workshop) -> str | None:
    """The largest family and the first source of key factors: one sentence when they are
    the same single family, else the two findings one after the other."""
    sizes = [(f.name, len(ws.factors_of(f))) for f in ws.families]
    keys = [(f.name, sum(k.family.code == f.code for k in ws.key_factors)) for f in ws.families]
    separate = " ".join(s for s in (family_sizes(ws), key_factor_families(ws)) if s) or None
    if len(sizes) < 2 or not ws.key_factors:
        return separate
    (big, best), (lead, most) = _top(sizes), _top(keys)
    total = len(ws.key_factors)
    if len(big) != 1 or big != lead or most == total:
        return separate
    text = (
        f"La famille {quote(big[0])} est à la fois la plus fournie "
        f"({plural_fr(best, 'facteur')}) et la première source de facteurs-clés "
        f"({most} sur {total}, soit {percent_fr(most / total)})"
    )
    return text + _runner_up(keys, most) + "." + _families_without(keys, False)


Finding = Callable[[Workshop], str | None]
SECTION_FINDINGS: dict[str, tuple[Finding, ...]] = {
    "familles": (family_leader, weak_signals),
    "mots_cles": (keyword_registres, shared_keywords),
    "selection": (agreement,),
    "effets": (effects_split,),
    "themes": (theme_roots,),
}
# L'essentiel states each finding once, in short; its section gives the detail.
ESSENTIALS: tuple[Finding, ...] = (key_families_brief, weak_signals_brief, choices_brief)


_QUOTED = re.compile("«\u00a0(.+?)\u00a0»")


def mentions(said: str, name: str, loose: bool = False) -> bool:
    """True when a text names something, give or take a plural: each word of four letters or
    more of the name (or, `loose`, its first word of five and its numbers) has its stem (six
    letters) in it."""
    told = said.casefold()
    words = [w for w in re.findall(r"\w+", name.casefold()) if len(w) >= 4 or w.isdigit()]
    if loose:
        words = [w for w in words if len(w) >= 5][:1] + [w for w in words if w.isdigit()]
    return all(w[:6] in told for w in words or [name.casefold()])


def _told(finding: str, ws: Workshop, section: str) -> bool:
    """True when the consultant's text of the section already names everything the finding
    quotes: the finding would only repeat it."""
    said = " ".join(ws.lessons_for(section))
    names = _QUOTED.findall(finding)
    return bool(said and names) and all(mentions(said, n) for n in names)


def section_findings(ws: Workshop, event: str, when: str = "") -> dict[str, list[str]]:
    """The findings that open each section of the synthesis, by section key.

    `event` names the phase-2 event, `when` dates it (« du mercredi 18 octobre 2017 »):
    L'essentiel gives the date; Prochaines étapes gives it in its own detail.
    """
    found = {
        section: [s for s in (f(ws) for f in funcs) if s and not _told(s, ws, section)]
        for section, funcs in SECTION_FINDINGS.items()
    }
    # The choices the consultant explains in the section are not listed again after them.
    said = " ".join(ws.lessons_for("selection"))
    found["selection"] += [s for s in (choices_to_explain(ws, said),) if s]
    found["etapes"] = [s for s in (routes(ws, event),) if s]
    # The effects' counts are in L'essentiel's box already: no short form of them here.
    essentials = [s for s in (f(ws) for f in ESSENTIALS) if s and not _told(s, ws, "essentiel")]
    found["essentiel"] = [s for s in [*essentials, routes_brief(ws, event + when)] if s]
    return found


__all__ = ["Family", "section_findings", "words_fr"]


# « En bref » of a briefing pack: what a reader who was not in the room keeps.
def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _theme_criticality(t: Theme) -> float | None:
    """The mean criticality of a theme's rated key factors (None when none is rated)."""
    rated = [f.rating.criticality for f in t.factors if f.rating is not None]
    return round(_mean(rated), 6) if rated else None


def pack_origin(ws: Workshop, theme: Theme) -> str | None:
    """Where the theme comes from: its key factors' families and their mean ratings."""
    if not theme.factors:
        return None
    families = list(dict.fromkeys(f.family.name for f in theme.factors))
    many = count_fr(len(theme.factors), "facteur-clé", "facteurs-clés")
    if len(families) == 1:
        text = f"Le thème naît {_de(many)} de la famille {quote(families[0])}"
    else:
        text = f"Le thème naît {_de(many)} issus de {words_fr(len(families), True)} familles, "
        text += join_fr([quote(n) for n in families])
    rated = [f.rating for f in theme.factors if f.rating is not None]
    if rated:
        capacity = _mean([r.capacity for r in rated])
        criticality = _mean([r.criticality for r in rated])
        text += (
            f", {'noté' if len(theme.factors) == 1 else 'notés'} en moyenne "
            f"{score_fr(capacity)} en capacité d’agir et {score_fr(criticality)} en criticité "
            f"sur une échelle de {number_fr(ws.scale.low)} à {number_fr(ws.scale.high)}"
        )
    return text + "." + _criticality_rank(ws, theme)


def _de(phrase: str) -> str:
    """« de trois facteurs-clés », « d’un facteur-clé »."""
    return ("d’" if phrase[:1] in "aeiouyéèh" else "de ") + phrase


def _criticality_rank(ws: Workshop, theme: Theme) -> str:
    """« C’est le plus critique des onze thèmes. » when the theme ranks first (or top three)."""
    mine = _theme_criticality(theme)
    scores = [s for s in (_theme_criticality(t) for t in ws.themes) if s is not None]
    if mine is None or len(scores) < 4:
        return ""
    rank = 1 + sum(s > mine for s in scores)
    ties = sum(s == mine for s in scores)
    if rank == 1 and ties == 1:
        return f" C’est le plus critique des {words_fr(len(scores))} thèmes de l’atelier."
    if rank + ties - 1 <= 3:
        return " Il compte parmi les trois thèmes jugés les plus critiques par l’atelier."
    return ""


def pack_effects(ws: Workshop, theme: Theme) -> str | None:
    """What the workshop expects of the theme: its innovation tracks and skills, counted."""
    if not theme.factors:
        return None
    mine = {f.code for f in theme.factors}
    effects = [e for e in ws.effects if e.factor.code in mine]
    if not effects:
        which = "ce facteur" if len(theme.factors) == 1 else "ces facteurs"
        return f"Les effets de {which} sur l’environnement de travail restent à préciser."
    innov = [e for e in effects if e.type == "innovation"]
    jobs = sum(e.category == "nouveau_metier" for e in innov)
    skills = len(effects) - len(innov)
    parts = []
    if innov:
        text = count_fr(len(innov), "piste d’innovation", "pistes d’innovation", feminine=True)
        if 0 < jobs < len(innov):
            text += f" (dont {count_fr(jobs, 'nouveau métier', 'nouveaux métiers')})"
        elif jobs and jobs == len(innov):
            text += f" ({'un nouveau métier' if jobs == 1 else 'autant de nouveaux métiers'})"
        parts.append(text)
    if skills:
        parts.append(count_fr(skills, "compétence nouvelle", "compétences nouvelles", True))
    return f"L’atelier en attend {join_fr(parts)}."


def pack_next(theme: Theme, event: str, when: str) -> str:
    """What happens next for the theme, and when."""
    if not theme.is_documentary:
        return (
            f"Suite de la démarche : le thème est débattu lors de {event}{when} ; "
            "ce dossier prépare la discussion."
        )
    text = "Suite de la démarche : un parcours documentaire, dont ce dossier est le support"
    return text + (f" ; {event}{when} approfondit les thèmes prioritaires." if when else ".")


def pack_brief(ws: Workshop, theme: Theme, event: str, when: str) -> list[str]:
    """The three to five messages of a pack's « En bref », the theme's own stakes first."""
    found = [theme.stakes, pack_origin(ws, theme), pack_effects(ws, theme)]
    return [s for s in found if s] + [pack_next(theme, event, when)]
