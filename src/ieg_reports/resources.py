"""The package's own data files (templates, styles, fonts, the sample), found through
importlib.resources so that they work from a wheel as well as from a checkout."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

SAMPLE_NAME = "atelier-2017-07-12.xlsx"


@cache
def _folder(name: str) -> Path:
    """A data folder of the package, as a real path on disk."""
    # Wheels and source trees both install data as plain files: the traversable is a Path.
    return Path(str(resources.files("ieg_reports") / name))


def default_templates() -> Path:
    """The shipped templates folder (Markdown templates, style.toml, reference.docx)."""
    return _folder("templates")


def fonts_folder() -> Path:
    """The shipped fonts folder."""
    return _folder("fonts")


def sample_workbook() -> Path:
    """The shipped sample workbook."""
    return _folder("sample") / SAMPLE_NAME
