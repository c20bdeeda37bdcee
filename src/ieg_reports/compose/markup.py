"""The templates' light markup: CommonMark (markdown-it-py, with tables) plus directives.

Directives are lines of their own, starting with `@@`:
    @@toc Sommaire            the table of contents
    @@pagebreak               a new page (`@@pagebreak soft`: unless the page is under a
                              third full; PDF only)
    @@figure CHART [k=v ...] | caption (inline markup) | alt text
    @@table widths=3,1,1      column widths of the next table (`header=no`: its first row
                              is data, for a key/value table)
    @@cover ... @@endcover    the cover page (its first heading is the title)
    @@box ... @@endbox        a highlighted panel
    @@aside qr=URL ... @@endaside   blocks with a QR code of URL beside them
    @@style lead              the role of the next paragraph (lead, note, small, center)
Data interpolated into a template is escaped (`escape_markup`), so only the template's own
text can be markup or a directive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt

from ieg_reports.compose.document import (
    LINE_BREAK,
    Aside,
    Block,
    Box,
    Cell,
    Cover,
    Figure,
    Heading,
    ListBlock,
    ListItem,
    PageBreak,
    Paragraph,
    Run,
    Table,
    Toc,
)
from ieg_reports.compose.french import typo_fr
from ieg_reports.workbook.text import slug as _slug

# Every ASCII punctuation character CommonMark may read as markup (and `@` for directives).
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&@=:\"'$%^;?,/])")
_DIRECTIVE = re.compile(r"^@@(\w+)(?:[ \t]+(.*))?$")


def escape_markup(text: str) -> str:
    """Escape data so the markup parser prints it exactly as typed."""
    text = text.replace("\r\n", "\n").replace("\n", LINE_BREAK)
    return _SPECIAL.sub(r"\\\1", text)


def unescape(text: str) -> str:
    """Undo `escape_markup` for directive arguments (codes, alt text)."""
    return re.sub(r"\\(.)", r"\1", text).replace(LINE_BREAK, " ")


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


@dataclass
class _State:
    """What the next block inherits from directives, and the figure counter."""

    widths: tuple[float, ...] = ()
    header: bool = True
    style: str | None = None
    figures: int = 0
    anchors: dict[str, int] = field(default_factory=dict)


def parse(text: str) -> tuple[Block, ...]:
    """Turn rendered template text into blocks of the document model."""
    return tuple(_parse(text.split("\n"), _State(), _parser()))


def _parse(lines: list[str], state: _State, md: MarkdownIt) -> list[Block]:
    blocks: list[Block] = []
    chunk: list[str] = []
    i = 0
    while i < len(lines):
        match = _DIRECTIVE.match(lines[i].strip())
        if match is None:
            chunk.append(lines[i])
            i += 1
            continue
        blocks += _markdown("\n".join(chunk), state, md)
        chunk = []
        name, arg = match[1], (match[2] or "").strip()
        if name in ("cover", "box", "aside"):
            end = _closing(lines, i, name)
            inner = tuple(_parse(lines[i + 1 : end], state, md))
            blocks.append(_container(name, arg, inner))
            i = end + 1
            continue
        blocks += _directive(name, arg, state, md)
        i += 1
    blocks += _markdown("\n".join(chunk), state, md)
    return blocks


def _container(name: str, arg: str, inner: tuple[Block, ...]) -> Block:
    if name == "cover":
        return Cover(inner)
    if name == "box":
        return Box(inner)
    return Aside(inner, unescape(_kv(arg).get("qr", "")))


def _closing(lines: list[str], start: int, name: str) -> int:
    for j in range(start + 1, len(lines)):
        if lines[j].strip() == f"@@end{name}":
            return j
    raise ValueError(f"@@{name} sans @@end{name}")


def _directive(name: str, arg: str, state: _State, md: MarkdownIt) -> list[Block]:
    if name == "pagebreak":
        return [PageBreak(soft=arg.strip() == "soft")]
    if name == "toc":
        return [Toc(unescape(arg) or "Sommaire")]
    if name == "table":
        options = _kv(arg)
        widths = options.get("widths", "")
        state.widths = tuple(float(w) for w in widths.split(",") if w.strip())
        state.header = options.get("header", "yes").lower() not in ("no", "non", "false")
        return []
    if name == "style":
        state.style = arg
        return []
    if name == "figure":
        return [_figure(arg, state, md)]
    raise ValueError(f"directive inconnue @@{name}")


def _kv(text: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in text.split() if "=" in part)


def _figure(arg: str, state: _State, md: MarkdownIt) -> Figure:
    parts = [p.strip() for p in re.split(r"(?<!\\)\|", arg)]
    head = parts[0].split()
    caption = _inline(md, parts[1]) if len(parts) > 1 else ()
    alt = unescape(parts[2]) if len(parts) > 2 else "".join(r.text for r in caption)
    params = tuple(sorted((k, unescape(v)) for k, v in _kv(" ".join(head[1:])).items()))
    state.figures += 1
    return Figure(head[0], params, caption, alt, state.figures)


def _markdown(text: str, state: _State, md: MarkdownIt) -> list[Block]:
    if not text.strip():
        return []
    tokens = md.parse(text)
    blocks, _ = _blocks(tokens, 0, state, md, stop=None)
    return blocks


def _blocks(
    tokens: list[Any], i: int, state: _State, md: MarkdownIt, stop: str | None
) -> tuple[list[Block], int]:
    """Blocks from a token stream until the closing token `stop`."""
    blocks: list[Block] = []
    while i < len(tokens) and tokens[i].type != stop:
        token = tokens[i]
        if token.type == "heading_open":
            blocks.append(_heading(int(token.tag[1]), _runs(tokens[i + 1].children), state))
            i += 3
        elif token.type == "paragraph_open":
            style, state.style = state.style or "body", None
            blocks.append(Paragraph(_runs(tokens[i + 1].children), style))
            i += 3
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            items, i = _list(tokens, i, state, md)
            blocks.append(items)
        elif token.type == "table_open":
            table, i = _table(tokens, i, state)
            blocks.append(table)
        elif token.type == "hr":
            blocks.append(PageBreak())
            i += 1
        else:
            i += 1
    return blocks, i + 1


def _list(tokens: list[Any], i: int, state: _State, md: MarkdownIt) -> tuple[ListBlock, int]:
    opening = tokens[i]
    ordered = opening.type == "ordered_list_open"
    close = "ordered_list_close" if ordered else "bullet_list_close"
    start = int(opening.attrGet("start") or 1)
    items: list[ListItem] = []
    i += 1
    while tokens[i].type != close:
        inner, i = _blocks(tokens, i + 1, state, md, stop="list_item_close")
        items.append(ListItem(tuple(inner)))
    return ListBlock(tuple(items), ordered, start), i + 1


def _table(tokens: list[Any], i: int, state: _State) -> tuple[Table, int]:
    rows: list[tuple[Cell, ...]] = []
    align: list[str] = []
    current: list[Cell] = []
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type in ("th_open", "td_open"):
            style = token.attrGet("style") or ""
            if not rows:
                align.append(style.replace("text-align:", "") or "left")
            current.append(Cell(_runs(tokens[i + 1].children)))
        elif token.type == "tr_close":
            rows.append(tuple(current))
            current = []
        i += 1
    widths, state.widths = state.widths, ()
    header, state.header = state.header, True
    return Table(rows[0], tuple(rows[1:]), widths, tuple(align), header), i + 1


def _heading(level: int, runs: tuple[Run, ...], state: _State) -> Heading:
    text = "".join(r.text for r in runs)
    base = _slug(text) if any(c.isalnum() for c in text) else "section"
    count = state.anchors.get(base, 0)
    state.anchors[base] = count + 1
    return Heading(level, runs, base if count == 0 else f"{base}-{count + 1}")


def _inline(md: MarkdownIt, text: str) -> tuple[Run, ...]:
    tokens = md.parseInline(text)
    return _runs(tokens[0].children if tokens else [])


def _runs(children: list[Any] | None) -> tuple[Run, ...]:
    """Inline tokens to runs: bold, italic, code, links, line breaks, typography."""
    runs: list[Run] = []
    bold = italic = 0
    link: str | None = None
    for token in children or []:
        kind = token.type
        if kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif kind == "link_open":
            link = str(token.attrGet("href") or "")
        elif kind == "link_close":
            link = None
        elif kind in ("softbreak",):
            runs.append(Run(" ", bool(bold), bool(italic), link=link))
        elif kind == "hardbreak":
            runs.append(Run("", line_break=True))
        elif kind == "code_inline":
            runs.append(Run(token.content, code=True, link=link))
        elif kind == "text":
            runs += _text_runs(token.content, bool(bold), bool(italic), link)
    merged = [r for r in _merge(runs) if r.text or r.line_break]
    return tuple(_space_across_runs(merged))


def _space_across_runs(runs: list[Run]) -> list[Run]:
    """« **Note** : » — the space before `:` sits at the start of the next run."""
    out = list(runs)
    for n in range(1, len(out)):
        run = out[n]
        if re.match(r"^ [;:!?»]", run.text) and out[n - 1].text.strip():
            out[n] = Run("\u00a0" + run.text[1:], run.bold, run.italic, run.code, run.link)
    return out


def _text_runs(text: str, bold: bool, italic: bool, link: str | None) -> list[Run]:
    """Text split at data line breaks, with French typography applied."""
    parts = text.split(LINE_BREAK)
    runs: list[Run] = []
    for n, part in enumerate(parts):
        if n:
            runs.append(Run("", line_break=True))
        runs.append(Run(typo_fr(part), bold, italic, link=link))
    return runs


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs of the same formatting (fewer, cleaner runs in Word)."""
    out: list[Run] = []
    for run in runs:
        prev = out[-1] if out else None
        if (
            prev
            and not run.line_break
            and not prev.line_break
            and (prev.bold, prev.italic, prev.code, prev.link)
            == (run.bold, run.italic, run.code, run.link)
        ):
            out[-1] = Run(typo_fr(prev.text + run.text), run.bold, run.italic, run.code, run.link)
        else:
            out.append(run)
    return out
