"""Findings of « L'essentiel »: zero, one, many and ties, on small workshops built here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import fields, is_dataclass, replace
from pathlib import Path

from ieg_reports.compose.document import Run
from ieg_reports.compose.findings import (
    agreement,
    choices_brief,
    choices_to_explain,
    effects_split,
    family_leader,
    family_sizes,
    key_factor_families,
    key_families_brief,
    keyword_registres,
    mentions,
    pack_brief,
    pack_effects,
    pack_origin,
    routes,
    routes_brief,
    section_findings,
    shared_keywords,
    theme_roots,
    weak_signals,
    weak_signals_brief,
)
from ieg_reports.compose.french import words_fr
from ieg_reports.model import (
    Effect,
    Factor,
    Family,
    Keyword,
    RatingSummary,
    Theme,
    Workshop,
    WorkshopInfo,
)

INFO = WorkshopInfo("Atelier", dt.date(2017, 7, 12))
A, B, C = Family("A", "Énergie"), Family("B", "Travail"), Family("C", "Clients")


def rating(cap: float, crit: float, spread: float = 0.0, count: int = 3) -> RatingSummary:
    """A rating whose teams differ by `spread` points on each criterion."""
    return RatingSummary(
        count, cap, crit, cap - spread / 2, cap + spread / 2, crit - spread / 2,
        crit + spread / 2, spread / 2, spread / 2,
    )  # fmt: skip


def factor(code: str, family: Family, key: bool = True, weak: bool = False, **kw: object) -> Factor:
    r = kw.get("rating", rating(4, 4))
    nature = "signal_faible" if weak else "macro_determinant"
    return Factor(code, f"Facteur {code}", family, nature, key, rating=r)  # type: ignore[arg-type]


def workshop(
    factors: list[Factor], families: tuple[Family, ...] = (A, B, C), **kw: object
) -> Workshop:
    return Workshop(
        INFO,
        families,
        tuple(factors),
        (),
        tuple(kw.get("effects", ())),  # type: ignore[arg-type]
        tuple(kw.get("themes", ())),  # type: ignore[arg-type]
        (),
        (),
    )


def test_words_for_counts() -> None:
    assert [words_fr(n) for n in (0, 1, 17, 21, 71, 80, 92)] == [
        "zéro", "un", "dix-sept", "vingt et un", "soixante et onze", "quatre-vingts",
        "quatre-vingt-douze",
    ]  # fmt: skip
    assert words_fr(1, feminine=True) == "une" and words_fr(120) == "120"


def test_families_one_leader_runner_up_and_empty() -> None:
    ws = workshop([factor("1", A), factor("2", A), factor("3", B), factor("4", C, key=False)])
    text = key_factor_families(ws)
    assert text == (
        "La famille «\u00a0Énergie\u00a0» fournit le plus de facteurs-clés (2 sur 3, soit "
        "67\u00a0%), devant «\u00a0Travail\u00a0» (1). La famille «\u00a0Clients\u00a0» "
        "n’en fournit aucun."
    )


def test_families_tie_zero_and_one() -> None:
    tie = workshop([factor("1", A), factor("2", B), factor("3", C, key=False)])
    assert key_factor_families(tie) is not None
    assert "Les familles «\u00a0Énergie\u00a0» et «\u00a0Travail\u00a0» fournissent chacune" in (
        key_factor_families(tie) or ""
    )
    even = workshop([factor("1", A), factor("2", B), factor("3", C)])
    assert "à parts égales" in (key_factor_families(even) or "")
    none = workshop([factor("1", A, key=False)])
    assert key_factor_families(none) == "Aucun facteur n’a été retenu comme facteur-clé."
    single = workshop([factor("1", A), factor("2", B, key=False)], (A, B))
    assert key_factor_families(single) == (
        "Tous les facteurs-clés viennent de la famille «\u00a0Énergie\u00a0»."
    )


def test_weak_signals_zero_one_many_all() -> None:
    assert weak_signals(workshop([factor("1", A)])) is None
    one = workshop([factor("1", A, weak=True)])
    assert weak_signals(one) == (
        "Le seul signal faible, «\u00a0Facteur 1\u00a0», a été retenu comme facteur-clé."
    )
    none = workshop([factor("1", A, key=False, weak=True), factor("2", A, key=False, weak=True)])
    assert weak_signals(none) == "Aucun des deux signaux faibles n’a été retenu comme facteur-clé."
    some = workshop([factor(str(i), A, key=i < 2, weak=True) for i in range(4)])
    # L'essentiel counts them (« Deux des quatre… »): the section names them, no count again.
    assert weak_signals(some) == (
        "Les signaux faibles retenus comme facteurs-clés sont "
        "«\u00a0Facteur 0\u00a0» et «\u00a0Facteur 1\u00a0»."
    )
    assert (
        weak_signals_brief(some)
        == "Deux des quatre signaux faibles figurent parmi les facteurs-clés."
    )
    single = workshop([factor(str(i), A, key=i == 0, weak=True) for i in range(3)])
    assert weak_signals(single) == (
        "Le signal faible retenu comme facteur-clé est «\u00a0Facteur 0\u00a0»."
    )
    every = workshop([factor(str(i), A, weak=True) for i in range(3)])
    assert weak_signals(every) == (
        "Les trois signaux faibles ont tous été retenus comme facteurs-clés."
    )


def test_agreement_names_most_and_least_with_ties() -> None:
    ws = workshop(
        [
            factor("1", A, rating=rating(4, 4, 0)),
            factor("2", A, rating=rating(4, 4, 2)),
            factor("3", A, rating=rating(4, 4, 2)),
            factor("4", A, rating=rating(4, 4, 1)),
        ]
    )
    text = agreement(ws) or ""
    assert text.startswith("Les équipes se sont le plus accordées sur «\u00a0Facteur 1\u00a0» ")
    assert "(des notes identiques)" in text
    assert (
        "divergé sur «\u00a0Facteur 2\u00a0» (capacité d’agir notée de 3 à 5) et «\u00a0Facteur 3"
        in text
    )


def test_agreement_zero_and_uniform() -> None:
    assert agreement(workshop([factor("1", A, rating=rating(4, 4, 1, count=1))])) is None
    same = workshop(
        [factor("1", A, rating=rating(4, 4, 1)), factor("2", A, rating=rating(3, 3, 1))]
    )
    assert agreement(same) == (
        "Les équipes ont noté chaque facteur de façon homogène (notes à 1\u00a0point près)."
    )


def test_choices_to_explain() -> None:
    low = factor("1", A, rating=rating(2, 2))
    high = factor("2", A, key=False, rating=rating(4.5, 4))
    text = choices_to_explain(workshop([low, high, factor("3", B)])) or ""
    assert text.startswith("Des choix sont à expliquer")
    assert "«\u00a0Facteur 1\u00a0» (2,0 et 2,0) a été retenu malgré des notes sous" in text
    assert "«\u00a0Facteur 2\u00a0» (4,5 et 4,0) a été écarté" in text
    one = choices_to_explain(workshop([low, factor("3", B)])) or ""
    assert one.startswith("Un choix est à expliquer")
    none = choices_to_explain(
        workshop([factor("3", B), factor("4", B, key=False, rating=rating(2, 2))])
    )
    assert none is not None and none.startswith("Les choix de l’atelier suivent les notes")


def test_choices_to_explain_names_three_at_most() -> None:
    lows = [factor(str(i), A, rating=rating(2, 2)) for i in range(13)]
    text = choices_to_explain(workshop([*lows, factor("99", B)])) or ""
    assert text.count("«") == 2
    assert "et onze autres ont été retenus malgré des notes sous" in text
    assert text.endswith("; l’annexe les détaille.")
    three = choices_to_explain(workshop(lows[:3])) or ""
    assert three.count("«") == 3 and "autres" not in three and "annexe" not in three


def test_choices_the_consultant_names_are_not_repeated() -> None:
    low = factor("1", A, rating=rating(2, 2))
    high = factor("2", A, key=False, rating=rating(4.5, 4))
    ws = workshop([low, high, factor("3", B)])
    both = "Facteur 1 a été retenu pour son enjeu ; facteur 2 écarté car déjà traité."
    assert choices_to_explain(ws, both) is None
    one = choices_to_explain(ws, "Le facteur 1 a été retenu pour son enjeu.") or ""
    assert one.startswith("Un autre choix est à expliquer")
    assert "Facteur 1" not in one and "«\u00a0Facteur 2\u00a0»" in one


def _effect(f: Factor, kind: str, category: str | None) -> Effect:
    return Effect(f, kind, category, "Effet")


def test_effects_split_zero_one_many_ties() -> None:
    f = factor("1", A)
    assert (
        effects_split(workshop([f])) == "Aucun effet n’a encore été décrit pour les facteurs-clés."
    )
    one = workshop([f], effects=[_effect(f, "innovation", "nouveau_metier")])
    assert effects_split(one) == "Un seul effet a été décrit : une\u00a0piste d’innovation."
    many = workshop(
        [f],
        effects=[
            _effect(f, "innovation", "nouveau_metier"),
            _effect(f, "innovation", "nouveau_metier"),
            _effect(f, "innovation", "nouvelle_maniere"),
            _effect(f, "competence", "connaissances"),
            _effect(f, "competence", "pratiques"),
        ],
    )
    assert effects_split(many) == (
        "Les cinq effets se partagent entre trois\u00a0pistes d’innovation (surtout de nouveaux "
        "métiers : 2) et deux\u00a0compétences nouvelles (à parts égales entre des connaissances "
        "et des pratiques professionnelles)."
    )


def test_theme_roots_leader_tie_and_busiest_factor() -> None:
    f1, f2, f3 = factor("1", A), factor("2", B), factor("3", C)
    themes = [
        Theme("T1", "Un", "Axe", "documentaire", (f1, f2)),
        Theme("T2", "Deux", "Axe", "rencontre", (f1,)),
    ]
    text = theme_roots(workshop([f1, f2, f3], themes=themes)) or ""
    assert text == (
        "Le thème «\u00a0Un\u00a0» repose sur le plus de facteurs-clés (2). "
        "Le facteur «\u00a0Facteur 1\u00a0» nourrit à lui seul deux thèmes."
    )
    tie = [
        Theme("T1", "Un", "Axe", "documentaire", (f1,)),
        Theme("T2", "Deux", "Axe", "rencontre", (f2,)),
    ]
    assert (
        theme_roots(workshop([f1, f2], themes=tie))
        == "Chaque thème repose sur un\u00a0facteur-clé."
    )
    most = [Theme(f"T{i}", f"T{i}", "Axe", "documentaire", (f1, f2) if i < 4 else (f1,))
            for i in range(5)]  # fmt: skip
    assert (theme_roots(workshop([f1, f2], themes=most)) or "").startswith(
        "La plupart des thèmes (quatre sur cinq) reposent sur deux\u00a0facteurs-clés, le maximum."
    )
    few = [Theme(f"T{i}", f"T{i}", "Axe", "documentaire", (f1, f2) if i < 4 else (f1,))
           for i in range(9)]  # fmt: skip
    assert (theme_roots(workshop([f1, f2], themes=few)) or "").startswith(
        "Quatre des neuf thèmes reposent sur deux\u00a0facteurs-clés, le maximum."
    )
    empty = [Theme("T1", "Un", "Axe", "documentaire")]
    assert theme_roots(workshop([f1], themes=empty)) == (
        "Aucun thème n’est encore rattaché à des facteurs-clés."
    )
    assert theme_roots(workshop([f1])) is None


def test_routes_never_start_with_a_numeral() -> None:
    docs = [Theme(f"T{i}", f"Thème {i}", "Axe", "documentaire") for i in range(3)]
    meet = [Theme(f"R{i}", f"Thème {i}", "Axe", "rencontre") for i in range(2)]
    event = "l’événement"
    assert routes(workshop([], themes=docs + meet), event) == (
        "Deux thèmes prioritaires sont portés à l’événement ; les trois autres sont suivis par "
        "apports documentaires, un dossier documentaire par thème."
    )
    assert routes(workshop([], themes=docs[:1] + meet[:1]), event) == (
        "Un thème prioritaire est porté à l’événement ; l’autre thème est suivi par apports "
        "documentaires, avec son dossier."
    )
    assert (routes(workshop([], themes=docs), event) or "").startswith(
        "Tous les thèmes sont suivis"
    )
    assert routes(workshop([]), event) is None


def test_sample_findings_open_every_section(sample_result) -> None:  # type: ignore[no-untyped-def]
    found = section_findings(sample_result.workshop, "l’événement")
    for section in (
        "essentiel",
        "familles",
        "mots_cles",
        "selection",
        "effets",
        "themes",
        "etapes",
    ):
        assert found[section], section
        assert all(not s[0].isdigit() and s.endswith(".") for s in found[section])


def test_consultant_text_opens_its_section(write_book, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports.api import load_workshop
    from ieg_reports.compose import compose_synthesis

    book = write_book(
        {
            "enseignements": [
                ["Section", "Texte"],
                ["La sélection des facteurs-clés", "Notre lecture de la sélection."],
                ["essentiel", "Le message principal."],
            ],
            "glossaire": [["Terme", "Définition"], ["ZZZ", "un sigle du client."]],
        }
    )
    blocks = compose_synthesis(load_workshop(book).workshop).blocks
    texts = [(type(b).__name__, _text(b)) for b in blocks]
    for heading, lesson in (
        ("L'essentiel", "Le message principal."),
        ("La sélection des facteurs-clés", "Notre lecture de la sélection."),
    ):
        at = texts.index(("Heading", heading))
        assert texts[at + 1] == ("Paragraph", lesson)
    assert any("ZZZ : un sigle du client." in t for _, t in texts)
    assert not any("IEG" in t for _, t in texts)


def _text(block: object) -> str:
    """All the text of a block, its nested blocks included, with plain spaces and quotes."""
    if isinstance(block, Run):
        return block.text
    if isinstance(block, list | tuple):
        return "".join(_text(b) for b in block)
    if not is_dataclass(block):
        return ""
    parts = [_text(getattr(block, f.name)) for f in fields(block)]
    return "".join(parts).replace("\u00a0", " ").replace("’", "'")


def test_sample_essentials_are_not_repeated_in_the_sections(sample_result) -> None:  # type: ignore[no-untyped-def]
    found = section_findings(sample_result.workshop, "l’événement")
    sections = " ".join(s for key, texts in found.items() if key != "essentiel" for s in texts)
    sentences = [s for text in found["essentiel"] for s in re.split(r"(?<=[.!?])\s+", text)]
    assert sentences
    for sentence in sentences:
        assert sentence not in sections, sentence


def test_sample_synthesis_states_each_essential_once(sample_result) -> None:  # type: ignore[no-untyped-def]
    from ieg_reports.compose import compose_synthesis
    from ieg_reports.compose.findings import ESSENTIALS

    texts = [_text(b) for b in compose_synthesis(sample_result.workshop).blocks]
    said = " ".join(sample_result.workshop.lessons_for("essentiel"))
    for finding in ESSENTIALS:
        sentence = (finding(sample_result.workshop) or "").replace("\u00a0", " ")
        shown = sum(sentence.replace("’", "'") in t for t in texts)
        # Once, or never when the consultant's own « L'essentiel » already says it.
        names = re.findall(r"« (.+?) »", sentence)
        assert shown == 1 or (shown == 0 and names and all(mentions(said, n) for n in names))


def test_mentions_gives_or_takes_a_plural_but_not_a_number() -> None:
    said = "L’atelier a d’abord parlé d’organisation et de compétences ; le facteur 1 aussi."
    assert mentions(said, "Organisations et compétences")
    assert mentions(said, "Facteur 1") and not mentions(said, "Facteur 2")
    assert not mentions(said, "Numérique et données")


def _keyword(f: Factor, text: str, registre: str = "definition") -> Keyword:
    return Keyword(f, text, registre, text)


def _with_keywords(keywords: list[Keyword]) -> Workshop:
    factors = list(dict.fromkeys(k.factor for k in keywords))
    return replace(workshop(factors), keywords=tuple(keywords))


def test_keyword_registres_one_leader_and_ties() -> None:
    f = factor("1", A)
    assert keyword_registres(workshop([f])) is None
    one = _with_keywords([_keyword(f, "a")])
    assert (
        keyword_registres(one)
        == "Tous les mots-clés relèvent du registre «\u00a0définition\u00a0»."
    )
    lead = _with_keywords(
        [
            _keyword(f, "a"),
            _keyword(f, "b"),
            _keyword(f, "c", "risque"),
            _keyword(f, "d", "question"),
        ]
    )
    assert keyword_registres(lead) == (
        "Le registre «\u00a0définition\u00a0» domine (2\u00a0mots-clés sur 4) ; «\u00a0risque\u00a0» "
        "et «\u00a0question\u00a0» en recueillent le moins (1)."
    )
    tie = _with_keywords([_keyword(f, "a"), _keyword(f, "b", "risque")])
    assert keyword_registres(tie) == (
        "Les registres «\u00a0définition\u00a0» et «\u00a0risque\u00a0» dominent "
        "(1\u00a0mot-clé chacun sur 2)."
    )


def test_shared_keywords_zero_one_many() -> None:
    f, g = factor("1", A), factor("2", B)
    assert shared_keywords(_with_keywords([_keyword(f, "a"), _keyword(g, "b")])) is None
    one = _with_keywords([_keyword(f, "a"), _keyword(g, "a"), _keyword(f, "b")])
    assert shared_keywords(one) == (
        "Un mot-clé revient pour plusieurs facteurs : «\u00a0a\u00a0» (2\u00a0facteurs)."
    )
    two = _with_keywords([_keyword(f, "a"), _keyword(g, "a"), _keyword(f, "b"), _keyword(g, "b")])
    assert (shared_keywords(two) or "").endswith(
        "sont «\u00a0a\u00a0» (2\u00a0facteurs) et «\u00a0b\u00a0» (2\u00a0facteurs)."
    )


def test_family_sizes_one_leader_ties_and_empty() -> None:
    assert family_sizes(workshop([factor("1", A)], (A,))) is None
    assert family_sizes(workshop([factor("1", A), factor("2", B)], (A, B))) == (
        "Les familles sont de même taille (1\u00a0facteur chacune)."
    )
    empty = workshop([factor("1", A)])
    assert family_sizes(empty) == (
        "La famille «\u00a0Énergie\u00a0» est la plus fournie (1\u00a0facteur) ; "
        "les autres n’en comptent aucun."
    )
    tie = workshop([factor("1", A), factor("2", A), factor("3", B), factor("4", B), factor("5", C)])
    assert family_sizes(tie) == (
        "Les familles «\u00a0Énergie\u00a0» et «\u00a0Travail\u00a0» sont les plus fournies "
        "(2\u00a0facteurs chacune), la famille «\u00a0Clients\u00a0» la moins fournie (1)."
    )


def test_essentials_short_forms_zero_one_ties() -> None:
    assert key_families_brief(workshop([factor("1", A, key=False)])) is None
    assert key_families_brief(workshop([factor("1", A), factor("2", B), factor("3", C)])) == (
        "Aucune famille ne domine parmi les facteurs-clés."
    )
    assert key_families_brief(workshop([factor("1", A), factor("2", B, key=False)])) == (
        "La famille «\u00a0Énergie\u00a0» est la première source de facteurs-clés."
    )
    # A tie between some families is no headline: the section names them with the figures.
    tie = workshop([factor("1", A), factor("2", B), factor("3", C, False)])
    assert key_families_brief(tie) is None
    assert "Les familles «\u00a0Énergie\u00a0» et «\u00a0Travail\u00a0»" in (
        key_factor_families(tie) or ""
    )
    weak = [factor(str(i), A, key=i == 0, weak=True) for i in range(3)]
    assert weak_signals_brief(workshop(weak)) == (
        "Un seul des trois signaux faibles figure parmi les facteurs-clés."
    )
    assert weak_signals_brief(workshop(weak[1:])) == (
        "Aucun signal faible ne figure parmi les facteurs-clés."
    )
    assert weak_signals_brief(workshop([factor("1", A)])) is None
    low = factor("1", A, rating=rating(2, 2))
    assert choices_brief(workshop([factor("2", A)])) == (
        "Les choix de l’atelier suivent les notes des équipes."
    )
    assert (choices_brief(workshop([low])) or "").startswith("Un choix de l’atelier s’écarte")
    two = workshop([low, factor("3", A, key=False)])
    assert (choices_brief(two) or "").startswith("Deux choix de l’atelier s’écartent")


def test_routes_brief_zero_one_many_all() -> None:
    docs = [Theme(f"T{i}", f"Thème {i}", "Axe", "documentaire") for i in range(3)]
    meet = [Theme(f"R{i}", f"Thème {i}", "Axe", "rencontre") for i in range(2)]
    event = "l’événement"
    assert routes_brief(workshop([]), event) is None
    assert routes_brief(workshop([], themes=docs), event) == (
        "La suite passe par des apports documentaires, thème par thème."
    )
    assert routes_brief(workshop([], themes=meet), event) == "La suite se joue à l’événement."
    assert routes_brief(workshop([], themes=docs + meet[:1]), event) == (
        "Un thème sur quatre sera approfondi à l’événement, les autres par apports documentaires."
    )
    assert routes_brief(workshop([], themes=docs[:1] + meet[:1]), event) == (
        "Un thème sur deux sera approfondi à l’événement, l’autre par apports documentaires."
    )
    assert (routes_brief(workshop([], themes=docs + meet), event) or "").startswith(
        "Deux thèmes sur cinq seront approfondis"
    )


def _pack_workshop() -> tuple[Workshop, list[Theme]]:
    f1, f2 = factor("1", A, rating=rating(4, 5)), factor("2", A, rating=rating(3, 4))
    f3 = factor("3", B, rating=rating(2, 2))
    themes = [
        Theme("T1", "Un", "Axe", "documentaire", (f1, f2), stakes="L’enjeu du thème."),
        Theme("T2", "Deux", "Axe", "rencontre", (f3,)),
        Theme("T3", "Trois", "Axe", "documentaire", (f2,)),
        Theme("T4", "Quatre", "Axe", "documentaire", (f3,)),
        Theme("T5", "Cinq", "Axe", "documentaire", (f1, f3)),
    ]
    effects = [
        Effect(f1, "innovation", "nouveau_metier", "E1"),
        Effect(f1, "innovation", "nouvelle_maniere", "E2"),
        Effect(f2, "competence", "pratiques", "E3"),
    ]
    return workshop([f1, f2, f3], themes=themes, effects=effects), themes


def test_pack_brief_keeps_three_to_five_messages_stakes_first() -> None:
    ws, themes = _pack_workshop()
    brief = pack_brief(ws, themes[0], "l’événement", " du mercredi 18 octobre 2017")
    assert 3 <= len(brief) <= 5
    assert brief[0] == "L’enjeu du thème."
    assert brief[-1].startswith("Suite de la démarche : un parcours documentaire")
    assert "18 octobre 2017" in brief[-1]
    met = pack_brief(ws, themes[1], "l’événement", "")
    assert met[-1].startswith("Suite de la démarche : le thème est débattu lors de l’événement")
    assert all(not m[0].isdigit() for m in brief + met)


def test_pack_origin_one_family_many_families_and_rank() -> None:
    ws, themes = _pack_workshop()
    assert pack_origin(ws, themes[0]) == (
        "Le thème naît de deux\u00a0facteurs-clés de la famille «\u00a0Énergie\u00a0», notés "
        "en moyenne 3,5 en capacité d’agir et 4,5 en criticité sur une échelle de 1 à 5. "
        "C’est le plus critique des cinq thèmes de l’atelier."
    )
    assert (pack_origin(ws, themes[1]) or "").startswith(
        "Le thème naît d’un\u00a0facteur-clé de la famille «\u00a0Travail\u00a0», noté en"
    )
    assert "issus de deux familles, «\u00a0Énergie\u00a0» et «\u00a0Travail\u00a0»" in (
        pack_origin(ws, themes[4]) or ""
    )
    # T3 comes second: among the three most critical; T2 ties with T4 for last: neither.
    assert (pack_origin(ws, themes[2]) or "").endswith(
        "Il compte parmi les trois thèmes jugés les plus critiques par l’atelier."
    )
    assert "critique" not in (pack_origin(ws, themes[1]) or "")
    assert "critique" not in (pack_origin(ws, themes[3]) or "")
    assert pack_origin(ws, Theme("T9", "Vide", "Axe", "documentaire")) is None


def test_pack_effects_zero_one_many() -> None:
    ws, themes = _pack_workshop()
    assert pack_effects(ws, themes[0]) == (
        "L’atelier en attend deux\u00a0pistes d’innovation (dont un\u00a0nouveau métier) "
        "et une\u00a0compétence nouvelle."
    )
    assert pack_effects(ws, themes[2]) == "L’atelier en attend une\u00a0compétence nouvelle."
    assert pack_effects(ws, themes[1]) == (
        "Les effets de ce facteur sur l’environnement de travail restent à préciser."
    )


def test_family_leader_one_sentence_when_one_family_leads_both() -> None:
    same = workshop([factor("1", A), factor("2", A), factor("3", B), factor("4", C, False)])
    assert family_leader(same) == (
        "La famille «\u00a0Énergie\u00a0» est à la fois la plus fournie (2\u00a0facteurs) et la "
        "première source de facteurs-clés (2 sur 3, soit 67\u00a0%), devant «\u00a0Travail\u00a0» "
        "(1). La famille «\u00a0Clients\u00a0» n’en fournit aucun."
    )
    apart = workshop([factor("1", A), factor("2", B, False), factor("3", B, False), factor("4", C)])
    assert family_leader(apart) == f"{family_sizes(apart)} {key_factor_families(apart)}"
    even = workshop([factor("1", A), factor("2", B)], (A, B))
    assert family_leader(even) == f"{family_sizes(even)} {key_factor_families(even)}"
    none = workshop([factor("1", A, False)], (A, B))
    assert family_leader(none) == (
        f"{family_sizes(none)} Aucun facteur n’a été retenu comme facteur-clé."
    )


def test_factor_line_speaks_to_a_participant() -> None:
    from ieg_reports.compose.context import factor_line

    f = replace(factor("4", A, weak=True, rating=rating(3.8, 3.6, count=5)), source="Étude 3")
    assert factor_line(f) == (
        "Famille «\u00a0Énergie\u00a0», signal faible. Noté en moyenne 3,8 en capacité d’agir "
        "et 3,6 en criticité (cinq\u00a0notes). D’après Étude 3. Repère 4 sur la matrice."
    )
    bare = replace(factor("5", B), rating=None)
    assert factor_line(bare) == "Famille «\u00a0Travail\u00a0». Pas encore noté par les équipes."
    for text in (factor_line(f), factor_line(bare)):
        assert "colonne" not in text and "source :" not in text and " · " not in text


def test_why_label_not_repeated_when_the_summary_has_one() -> None:
    from ieg_reports.compose.context import why_label
    from ieg_reports.model import Resource

    def res(kind: str | None, summary: str) -> Resource:
        return Resource(
            Theme("T1", "Un", "Axe", "documentaire"), "Titre", type=kind, summary=summary
        )

    assert why_label(res("Rapport", "Une synthèse claire.")) == "Pourquoi le lire."
    assert why_label(res("Vidéo", "Un exposé.")) == "Pourquoi la regarder."
    assert why_label(res("Podcast", "Un entretien.")) == "Pourquoi l’écouter."
    assert why_label(res(None, "Pourquoi la lire : une synthèse.")) == ""
    assert why_label(res("Rapport", "  pourquoi pas ? Un pari.")) == ""


def test_choices_a_consultant_names_in_passing_are_not_repeated() -> None:
    low = replace(factor("1", A, rating=rating(2, 2)), label="Transmission des savoirs")
    high = replace(
        factor("2", A, key=False, rating=rating(4.5, 4)), label="Cybersécurité des réseaux"
    )
    said = "La transmission des savoirs a été retenue ; la cybersécurité a été écartée."
    assert choices_to_explain(workshop([low, high, factor("3", B)]), said) is None


def test_origin_quotes_each_name() -> None:
    from ieg_reports.compose.context import origin

    one = replace(factor("1", A), label="Smart cities et services")
    two, three = factor("2", A), factor("3", B)
    assert origin([one, two]) == (
        "«\u00a0Smart cities et services\u00a0» et «\u00a0Facteur 2\u00a0», "
        "tous de la famille «\u00a0Énergie\u00a0»"
    )
    assert origin([one, three]).endswith(
        "ainsi que «\u00a0Facteur 3\u00a0» (famille «\u00a0Travail\u00a0»)"
    )


def test_family_shares_say_when_their_rounding_does_not_add_up() -> None:
    from ieg_reports.compose.context import shares_note

    thirds = workshop([factor("1", A), factor("2", B), factor("3", C)])
    assert shares_note(thirds) == (
        "Arrondies à l’unité, les parts de facteurs-clés totalisent 99\u00a0%."
    )
    halves = workshop([factor("1", A), factor("2", B), factor("3", C, key=False)])
    assert shares_note(halves) == ""
    assert shares_note(workshop([factor("1", A, key=False)])) == ""  # no key factor at all
