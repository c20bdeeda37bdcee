"""Reading PDFs back as a reader sees them, for the end-to-end tests."""

from pathlib import Path


def pdf_text(path: Path) -> str:
    """The text of every page (pdfplumber), no-break spaces read as spaces."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return text.replace("\u00a0", " ")


def flat(text: str) -> str:
    """Text without line breaks, end-of-line hyphenation and spaces (for long strings)."""
    return text.replace("-\n", "").replace("\n", "").replace(" ", "").replace("\u00a0", "")
