"""Regenerate the README previews (docs/*.png) from a fresh build of the shipped sample.

Usage: python scripts/make_previews.py
Renders the cover and one inner page of a briefing pack, the synthesis's key page and the
two pages of the event's programme, with pypdfium2 (installed with the test tools), at a small size.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pypdfium2

from ieg_reports.api import SAMPLE_WORKBOOK
from ieg_reports.commands.build import run_build

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# A page by its number, or by a text it holds (pages move as the documents improve).
PREVIEWS: tuple[tuple[str, int | str, str], ...] = (
    ("dossiers/T02-", 0, "apercu-dossier-couverture.png"),
    ("dossiers/T02-", 3, "apercu-dossier-page.png"),
    ("synthese.pdf", "Figure 3 —", "apercu-synthese-matrice.png"),
    ("programme.pdf", 0, "apercu-programme.png"),
    ("programme.pdf", 1, "apercu-programme-themes.png"),
)


def render_page(pdf: Path, where: int | str, target: Path, width: int = 620) -> None:
    """One page of `pdf` (its index, or the first holding a text) as a PNG `width` pixels wide."""
    document = pypdfium2.PdfDocument(str(pdf))
    if isinstance(where, str):
        texts = (page.get_textpage().get_text_range() for page in document)
        where = next(i for i, text in enumerate(texts) if where in text)
    page = document[where]
    scale = width / page.get_width()
    page.render(scale=scale).to_pil().save(target, optimize=True)


def main() -> None:
    """Build the sample in a temporary folder and render the previews."""
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = run_build(SAMPLE_WORKBOOK, Path(tmp)).folder
        for prefix, index, name in PREVIEWS:
            if prefix.endswith(".pdf"):
                pdf = folder / prefix
            else:
                pdf = next(folder.glob(prefix + "*.pdf"))
            render_page(pdf, index, DOCS / name)
            print(f"écrit : docs/{name}")


if __name__ == "__main__":
    main()
