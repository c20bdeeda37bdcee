"""Stable digests of model slices, so a build can tell exactly what changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Any


class Fingerprinter:
    """Digests of values; dataclasses and tuples are memoised by identity within one build."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, str]] = {}

    def digest(self, value: Any) -> str:
        """A short hex digest of `value`'s content (fields excluded from equality are ignored)."""
        if isinstance(value, tuple) or dataclasses.is_dataclass(value):
            cached = self._memo.get(id(value))
            if cached is not None and cached[0] is value:
                return cached[1]
            result = _hash(self._structure(value))
            self._memo[id(value)] = (value, result)
            return result
        return _hash(self._structure(value))

    def _structure(self, value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = [
                (f.name, self._part(getattr(value, f.name)))
                for f in dataclasses.fields(value)
                if f.compare
            ]
            return [type(value).__name__, fields]
        if isinstance(value, tuple | list):
            return [self._part(v) for v in value]
        if isinstance(value, dict):
            return sorted((str(k), self._part(v)) for k, v in value.items())
        if isinstance(value, set | frozenset):
            return sorted((self._part(v) for v in value), key=repr)
        return _scalar(value)

    def _part(self, value: Any) -> Any:
        """A scalar as itself, anything else by its (memoised) digest in a one-item list.

        Scalars are most of a model: hashing each alone was most of the planning time.
        The list keeps a nested digest distinct from a text that happens to equal it.
        """
        if value is None or isinstance(value, str | int | float | dt.date):
            return _scalar(value)
        return [self.digest(value)]


def _scalar(value: Any) -> Any:
    """A JSON-ready form of a scalar (dates in ISO form, floats exactly)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return value


def _hash(structure: Any) -> str:
    text = json.dumps(structure, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def combine(parts: dict[str, Any]) -> str:
    """One key from named components."""
    return _hash(sorted(parts.items()))


def file_digest(data: bytes) -> str:
    """The SHA-256 of file contents."""
    return hashlib.sha256(data).hexdigest()
