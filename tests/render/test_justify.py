"""One rule in both writers: a paragraph that justifies badly (long names bound by no-break
spaces) is set ragged right, in the PDF as in its Word twin."""

from __future__ import annotations

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ieg_reports.compose.document import Run
from ieg_reports.fonts import register_fonts
from ieg_reports.render import justify
from ieg_reports.render.justify import justifies_badly
from ieg_reports.resources import default_templates
from ieg_reports.style import load_style

STYLE = load_style(default_templates() / "style.toml")
WIDTH = 391.2  # the body's measure, in points
NAMES = (
    "Il découle des facteurs-clés «\u00a0Blockchain\u00a0et\u00a0registres\u00a0distribués\u00a0» "
    "(famille «\u00a0Numérique\u00a0et\u00a0données\u00a0») ainsi que «\u00a0Innovations\u00a0de"
    "\u00a0rupture\u00a0» (famille «\u00a0Marchés\u00a0et\u00a0modèles\u00a0économiques\u00a0»)."
)
PROSE = (
    "Les participants de l’atelier ont construit ensemble la cartographie des facteurs qui "
    "transforment leur environnement de travail, par des méthodes d’intelligence collective "
    "qui sollicitent l’expérience de chacun et facilitent les échanges entre les équipes."
)


def test_long_bound_names_justify_badly_prose_does_not() -> None:
    register_fonts(STYLE)
    assert justifies_badly((Run(NAMES),), WIDTH, 11)
    assert not justifies_badly((Run(PROSE),), WIDTH, 11)
    assert not justifies_badly((Run("Une ligne."),), WIDTH, 11)


def test_the_pdf_verdict_is_the_one_the_word_twin_reads() -> None:
    runs = (Run(PROSE + " Encore une phrase."),)
    justify.remember(runs, WIDTH, 11, 11 * justify.LEADING, True)
    assert justifies_badly(runs, WIDTH, 11)  # recorded, not measured again


def test_the_word_twin_sets_such_a_paragraph_ragged(sample_build) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document(str(sample_build.folder / "synthese.docx"))
    body = [p for p in document.paragraphs if p.style.name == "Normal" and p.text.strip()]
    ragged = [p for p in body if p.alignment == WD_ALIGN_PARAGRAPH.LEFT]
    assert ragged and len(ragged) < len(body)
    register_fonts(STYLE)
    for paragraph in ragged:
        if paragraph.text.startswith("Il découle"):
            runs = tuple(
                Run(r.text, bold=bool(r.bold), italic=bool(r.italic)) for r in paragraph.runs
            )
            assert justifies_badly(runs, WIDTH, 11), paragraph.text
