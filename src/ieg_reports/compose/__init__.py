"""Stage 4, compose: templates rendered with the model into one document model."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ieg_reports.compose.context import base_context
from ieg_reports.compose.document import Document, DocumentInfo
from ieg_reports.compose.typography import typeset_document
from ieg_reports.exceptions import TemplateError
from ieg_reports.model import Theme, Workshop

SYNTHESIS_TEMPLATE = "synthese.md.j2"
PACK_TEMPLATE = "dossier.md.j2"


def compose(
    template: str, context: dict[str, Any], info: DocumentInfo, templates: Path | None = None
) -> Document:
    """Render `template` with `context` and parse it into a Document."""
    # Imported here: the rest of the package (summaries, plural rules) serves commands
    # that must not pay for jinja2 and markdown-it, a no-op build first of all.
    from ieg_reports.compose.environment import make_environment, render_template
    from ieg_reports.compose.markup import parse

    text = render_template(make_environment(templates), template, context)
    try:
        blocks = parse(text)
    except ValueError as exc:
        raise TemplateError(f"modèle {template} : {exc}") from exc
    workshop = context.get("workshop")
    if isinstance(workshop, Workshop):  # the factor key of each matrix, under the figure
        from ieg_reports.compose.figure_keys import with_factor_keys

        blocks = tuple(with_factor_keys(list(blocks), workshop))
    foreign = tuple(context.get("foreign_terms", ()))
    return Document(typeset_document(info), typeset_document(blocks, foreign))


def synthesis_info(workshop: Workshop) -> DocumentInfo:
    """Metadata of the synthesis."""
    info = workshop.info
    return DocumentInfo(
        title=f"Synthèse — {info.title}",
        subject="Synthèse de l’atelier de prospective",
        author=info.sponsor or info.facilitator or "",
        date=info.date,
        header=info.title,
        keywords=("prospective", "atelier", *(a for a in workshop.axes)),
    )


def compose_synthesis(
    workshop: Workshop, templates: Path | None = None, for_all: bool = False
) -> Document:
    """The synthesis of the workshop as a document model."""
    return compose(
        SYNTHESIS_TEMPLATE, base_context(workshop, for_all), synthesis_info(workshop), templates
    )


def short_title(title: str, limit: int = 60) -> str:
    """The title cut at a word before `limit` characters, with an ellipsis when cut; a
    short closing parenthesis that tells titles apart (« (volet 2) ») is kept."""
    if len(title) <= limit:
        return title
    tail = re.search(r"\s(\([^()]{1,24}\))$", title)
    keep = f" {tail.group(1)}" if tail else ""
    room = limit - len(keep)
    cut = title[: room + 1].rsplit(" ", 1)[0].rstrip(" ,;:—-(")
    return cut + "…" + keep


def pack_info(workshop: Workshop, theme: Theme) -> DocumentInfo:
    """Metadata of a theme's briefing pack."""
    info = workshop.info
    return DocumentInfo(
        title=f"Dossier documentaire — {theme.title}",
        subject=f"Apport documentaire : {theme.title}",
        author=info.sponsor or info.facilitator or "",
        date=info.date,
        # The code first: every pack's running header differs, even with long titles.
        header=f"Dossier documentaire {theme.code} — {short_title(theme.title, 90)}",
        keywords=("prospective", theme.axis, theme.code),
    )


def compose_pack(
    workshop: Workshop, theme: Theme, templates: Path | None = None, for_all: bool = False
) -> Document:
    """The briefing pack of one theme as a document model."""
    from ieg_reports.compose.context import event_wording, neighbours, pack_keywords
    from ieg_reports.compose.findings import pack_brief

    event, when = event_wording(workshop)
    context = {
        **base_context(workshop, for_all),
        "theme": theme,
        "brief": pack_brief(workshop, theme, event, when),
        "pack_keywords": pack_keywords(workshop, theme.factors),
        "neighbours": neighbours(workshop, theme),
    }
    return compose(PACK_TEMPLATE, context, pack_info(workshop, theme), templates)
