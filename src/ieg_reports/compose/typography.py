"""French typography, in one place, for template text and workbook text alike.

`typeset` works on prose: typographic apostrophe, no-break spaces before : ; ! ? and inside
« », no « ?. », numbers, units and dates kept on one line. URLs, e-mail addresses and code
are left exactly as typed. `typeset_document` applies it to every run of a document model
(with the neighbouring runs as context), so both writers print the same text.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from functools import lru_cache
from typing import Any, TypeVar

NBSP = "\u00a0"
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
DAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
# Words a short number belongs to (« volet 1 »): the two never part at a line's end.
NUMBERED = (
    "volet|étude|axe|thème|tome|partie|chapitre|phase|étape|annexe|figure|tableau|page"
    "|session|atelier|groupe|niveau|article|numéro|version|dossier|séance|question"
)
PROTECTED = re.compile(
    r"(?:https?|ftp|mailto):[^\s<>«»]+|www\.[^\s<>«»]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|&#?\w+;"
)
RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # l'atelier, aujourd'hui: the typewriter apostrophe between letters
    (re.compile(r"(?<=[^\W\d_])'(?=\w)"), "’"),
    # « ?. » and « !. »: the question or exclamation mark ends the sentence
    (re.compile(r"([?!])\.(?!\.)"), r"\1"),
    # an existing space before a high punctuation mark or a closing guillemet
    (re.compile(r"[ \u202f\t]+([;:!?»])"), NBSP + r"\1"),
    # no space at all before ; ! ? » (but ?! and !? stay together, and times like 12:30)
    (re.compile(r"(?<=[^\s\u00a0?!«(\[])([;!?»])"), NBSP + r"\1"),
    (re.compile(r"(?<=[^\s\u00a0\d:/])(:)(?=\s|$)"), NBSP + r"\1"),
    (re.compile(r"([?!.…])»"), r"\1" + NBSP + "»"),
    # inside the guillemets
    (re.compile(r"«[ \u202f\t\u00a0]*"), "«" + NBSP),
    # numbers with their unit, « n° 4 », and dates never split
    (re.compile(r"(\d)[ \u202f](%|‰|€|°C|h\b|min\b|km\b|kg\b|M€|Md€)"), r"\1" + NBSP + r"\2"),
    (re.compile(r"\b([nN]°|[pP]\.|art\.)[ \u202f]?(?=\d)"), r"\1" + NBSP),
    (re.compile(rf"\b(\d{{1,2}}(?:er)?) ({MONTHS})\b"), r"\1" + NBSP + r"\2"),
    (re.compile(rf"\b({MONTHS}) (\d{{4}})\b"), r"\1" + NBSP + r"\2"),
    (re.compile(rf"\b({DAYS}) (\d{{1,2}}(?:er)?)\b"), r"\1" + NBSP + r"\2"),
    (re.compile(r"(\d) (?=\d{3}\b)"), r"\1" + NBSP),
    # « volet 1 », « Étude 1 », « axe 2 », « facteur F03 »: a short number or a code
    # never starts a line alone
    (re.compile(rf"(?i)\b({NUMBERED})[ \u202f](?=\d{{1,3}}\b)"), r"\1" + NBSP),
    (re.compile(r"(?<=[^\W\d_])[ \u202f](?=[A-Z]{1,2}\d{1,3}\b)"), NBSP),
)

T = TypeVar("T")

# English terms common in foresight and energy workshops, set in italics in prose (French
# typography: a foreign word is italicised). Whole words only: « digitalisation » stays.
ENGLISH_TERMS = (
    "e.g.",  # Latin abbreviations are italicised like foreign words
    "i.e.",
    "benchmark",
    "benchmarking",
    "best practice",
    "best practices",
    "big data",
    "blockchain",
    "blockchains",
    "brainstorming",
    "business model",
    "business models",
    "coaching",
    "coworking",
    "crowdfunding",
    "crowdsourcing",
    "data center",
    "data centers",
    "deep learning",
    "design thinking",
    "digital",
    "e-learning",
    "empowerment",
    "fab lab",
    "fab labs",
    "feedback",
    "flex office",
    "hackathon",
    "hackathons",
    "machine learning",
    "mentoring",
    "millennials",
    "onboarding",
    "open data",
    "open innovation",
    "open source",
    "prosumer",
    "prosumers",
    "reporting",
    "reverse mentoring",
    "serious game",
    "serious games",
    "smart cities",
    "smart city",
    "smart grid",
    "smart grids",
    "smart home",
    "soft skills",
    "start-up",
    "start-ups",
    "startup",
    "startups",
    "storytelling",
    "team building",
    "test and learn",
    "workshop",
    "workshops",
)


def foreign_pattern(extra: tuple[str, ...] = ()) -> re.Pattern[str]:
    """Whole-word matcher of the lexicon and the workbook's own foreign terms, longest first."""
    terms = sorted({t.strip().lower() for t in (*ENGLISH_TERMS, *extra) if t.strip()}, key=len)
    words = "|".join(re.escape(t).replace(r"\ ", r"[ \u00a0]") for t in reversed(terms))
    return re.compile(rf"(?<![\w@/.-])(?:{words})(?![\w@-]|\.\w)", re.IGNORECASE)


def foreign_spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Where foreign terms stand in `text`, outside URLs and e-mail addresses."""
    shielded = [m.span() for m in PROTECTED.finditer(text)]
    return [
        m.span()
        for m in pattern.finditer(text)
        if not any(a < m.end() and m.start() < b for a, b in shielded)
        and not _quoted(text, *m.span())
    ]


_OPENING, _CLOSING = "«“\"‘'", "»”\"’'"


def _quoted(text: str, start: int, end: int) -> bool:
    """True when the term stands alone in quotes: already marked, italics would mark it twice."""
    before, after = text[:start].rstrip(" \u00a0\u202f"), text[end:].lstrip(" \u00a0\u202f")
    return bool(before) and bool(after) and before[-1] in _OPENING and after[0] in _CLOSING


# Every rule needs one of these characters (a digit for the numbers, units and dates).
TRIGGERS = re.compile(r"[\d'?!;:»«]")


def _prose(text: str) -> str:
    if not TRIGGERS.search(text):  # most runs: nothing any rule could change
        return text
    for pattern, repl in RULES:
        text = pattern.sub(repl, text)
    return text


@lru_cache(maxsize=4096)  # names, labels and headings come back in every section
def typeset(text: str) -> str:
    """French typography on prose; URLs and e-mail addresses inside it are left untouched."""
    out, last = [], 0
    for match in PROTECTED.finditer(text):
        out += [_prose(text[last : match.start()]), match.group()]
        last = match.end()
    out.append(_prose(text[last:]))
    return "".join(out)


def typeset_in_context(text: str, before: str = "", after: str = "") -> str:
    """`typeset` for a run of a paragraph, seeing the last and next characters around it."""
    if not text:
        return text
    left, right = (before[-1:] or "\n"), (after[:1] or "\n")
    return typeset(left + text + right)[1:-1]


SHORT_LAST_WORD = 3  # « IEG », « RH », « 4.0 »: too short to stand alone on a title's line


def keep_last_words(text: str) -> str:
    """A title whose last word is short keeps it with the word before (a no-break space),
    so that « IEG » never stands alone on the last line of a title, in either writer."""
    head, space, last = text.rstrip().rpartition(" ")
    if not space or not head or len(last) > SHORT_LAST_WORD or "\n" in last:
        return text
    return head + NBSP + text.rstrip()[len(head) + 1 :] + text[len(text.rstrip()) :]


# A title line never ends on an article, a preposition or a conjunction: « de », « la », « et »…
_SHORT_WORD = re.compile(r"(?<![\w’'-])([a-zàâçéèêëîïôûù]{1,3}) (?=\w|«)")


def bind_short_words(text: str) -> str:
    """In a cover title, each word of up to three lower-case letters is bound to the next."""
    return _SHORT_WORD.sub("\\1" + NBSP, text)


def typeset_document(value: T, foreign: tuple[str, ...] = ()) -> T:
    """Every run, caption, alt text and title of a document model, typeset (a new object).

    Foreign terms (the lexicon and `foreign`, the workbook's own) are set in italics.
    """
    return _walk(value, foreign_pattern(foreign))  # type: ignore[no-any-return]


def _walk(value: Any, pattern: re.Pattern[str]) -> Any:
    from ieg_reports.compose.document import Cover, Heading, Run

    if isinstance(value, tuple) and value and all(isinstance(v, Run) for v in value):
        return _italicise(_runs(value), pattern)
    if isinstance(value, tuple):
        return tuple(_walk(v, pattern) for v in value)
    if not is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for f in fields(value):
        old = getattr(value, f.name)
        if isinstance(old, str) and f.name in {"alt", "title", "header", "subject"}:
            changes[f.name] = typeset(old)
        elif isinstance(old, tuple):
            changes[f.name] = _walk(old, pattern)
    if isinstance(value, Heading) and value.runs:
        last = changes["runs"][-1]
        changes["runs"] = (*changes["runs"][:-1], replace(last, text=keep_last_words(last.text)))
    if isinstance(value, Cover):
        changes["blocks"] = tuple(_bound_title(b) for b in changes["blocks"])
    return replace(value, **changes)


def _bound_title(block: Any) -> Any:
    """A cover's title set large on two or three lines: no line ends on a short word."""
    from ieg_reports.compose.document import Heading

    if not isinstance(block, Heading):
        return block
    return replace(block, runs=tuple(replace(r, text=bind_short_words(r.text)) for r in block.runs))


def _runs(runs: tuple[Any, ...]) -> tuple[Any, ...]:
    """Runs typeset one by one, each seeing its neighbours; code and link text kept."""
    texts = [r.text for r in runs]
    out = []
    for i, run in enumerate(runs):
        if run.code or (run.link and run.text == run.link):
            out.append(run)
            continue
        before = texts[i - 1] if i else ""
        after = texts[i + 1] if i + 1 < len(texts) else ""
        out.append(replace(run, text=typeset_in_context(run.text, before, after)))
    return tuple(out)


def _italicise(runs: tuple[Any, ...], pattern: re.Pattern[str]) -> tuple[Any, ...]:
    """Runs split so that each foreign term is a run of its own, in italics."""
    out: list[Any] = []
    for run in runs:
        spans = [] if run.code or run.italic or run.link else foreign_spans(run.text, pattern)
        last = 0
        for start, end in spans:
            if start > last:
                out.append(replace(run, text=run.text[last:start]))
            out.append(replace(run, text=run.text[start:end], italic=True))
            last = end
        out.append(run if not spans else replace(run, text=run.text[last:]))
    return tuple(r for r in out if r.text or r.line_break)
