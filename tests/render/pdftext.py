"""Reading PDFs back as a reader sees them, for the end-to-end tests."""

from pathlib import Path


def pdf_text(path: Path) -> str:
    """The text of every page (pdfplumber), no-break spaces read as spaces."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return text.replace("\u00a0", " ")


def flat(text: str) -> str:
    """Text without line breaks, end-of-line hyphenation, spaces and apostrophe style.

    For checking that data reads back: typography (’ for ', no-break spaces) is checked by
    its own tests.
    """
    return (
        text.replace("-\n", "")
        .replace("\n", "")
        .replace(" ", "")
        .replace("\u00a0", "")
        .replace("\u2019", "'")
    )
