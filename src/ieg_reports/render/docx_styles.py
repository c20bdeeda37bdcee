"""The reference document's styles part, parsed only when a document reads its styles.

The reference's styles.xml (350 kB) was parsed and written back for every document: a third
of a pack's Word time. The writer looks style ids up once per process, so most documents
never read it; untouched, it is written back with the very bytes python-docx would write.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import serialize_part_xml
from docx.opc.part import Part, PartFactory
from docx.oxml.parser import parse_xml
from docx.parts.styles import StylesPart

from ieg_reports.cachedir import remembered


@lru_cache(maxsize=4)
def _reserialised(xml: bytes) -> bytes:
    """A part's XML as python-docx writes it back when nothing changed it."""
    return remembered(_stored_name(xml, ()), lambda: bytes(serialize_part_xml(parse_xml(xml))))


def _stored_name(xml: bytes, edits: tuple[Hashable, ...]) -> str:
    """The cache file of a styles part written back after `edits`: it depends on the XML,
    the edits, python-docx, lxml and the code making the edits (this and the writer)."""
    import docx
    from lxml import etree

    digest = hashlib.sha256(xml)
    digest.update(repr((edits, docx.__version__, etree.LXML_VERSION)).encode())
    digest.update(_code_digest().encode())
    return f"styles-{digest.hexdigest()}.xml"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    folder = Path(__file__).parent
    return hashlib.sha256(
        b"".join((folder / name).read_bytes() for name in ("docx_styles.py", "docx_writer.py"))
    ).hexdigest()


class LazyStylesPart(StylesPart):
    """A styles part that keeps its XML as bytes until something reads its element."""

    _raw: bytes

    @classmethod
    def load(cls, partname: Any, content_type: str, blob: bytes, package: Any) -> LazyStylesPart:
        """The part, its XML not parsed yet."""
        part = cls.__new__(cls)
        Part.__init__(part, partname, content_type, package=package)
        part._raw = blob
        return part

    def __getattr__(self, name: str) -> Any:
        # Only reached while `_element` is unset: parse on the first demand.
        if name != "_element" or "_raw" not in self.__dict__:
            raise AttributeError(name)
        self._element = parse_xml(self._raw)
        for _, edit in self.__dict__.get("_edits", []):
            edit(self._element)
        return self._element

    def edit(self, key: Hashable, change: Callable[[Any], None]) -> None:
        """Change the styles (`key` names the change): at once if they are parsed, else when
        written, once per reference and key in this process."""
        if "_element" in self.__dict__:
            change(self._element)
        else:
            self.__dict__.setdefault("_edits", []).append((key, change))

    @property
    def blob(self) -> bytes:
        """The part's XML: re-serialised once per reference and edits while unparsed."""
        if "_element" in self.__dict__:
            return bytes(serialize_part_xml(self._element))
        edits = self.__dict__.get("_edits", [])
        if not edits:
            return _reserialised(self._raw)
        key = (self._raw, tuple(k for k, _ in edits))
        if key not in _EDITED:

            def edited() -> bytes:
                element = parse_xml(self._raw)
                for _, change in edits:
                    change(element)
                return bytes(serialize_part_xml(element))

            _EDITED[key] = remembered(_stored_name(*key), edited)
            while len(_EDITED) > 8:
                _EDITED.pop(next(iter(_EDITED)))
        return _EDITED[key]


# Styles parts as written after their edits (the document's language…), by reference and edits.
_EDITED: dict[tuple[bytes, tuple[Hashable, ...]], bytes] = {}


def use_lazy_styles() -> None:
    """Load styles parts lazily from now on (python-docx's part factory, in this process)."""
    PartFactory.part_type_for[CT.WML_STYLES] = LazyStylesPart
