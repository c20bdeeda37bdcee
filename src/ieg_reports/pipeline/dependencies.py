"""The files each kind of output actually loads: templates and their partials, styles, fonts.

An output's key hashes these files, so editing a partial that a user template includes,
extends or imports rebuilds exactly the documents that use it. A reference Jinja cannot
resolve before rendering (a name computed at run time) counts every template as loaded.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ieg_reports.pipeline.fingerprint import combine, file_digest
from ieg_reports.pipeline.render import RenderSettings, template_file
from ieg_reports.resources import default_templates, fonts_folder

if TYPE_CHECKING:  # jinja2 is imported when a build plans, never by a no-op build
    pass

ROOTS = {
    "synthese-docx": ("synthese.md.j2",),
    "synthese-pdf": ("synthese.md.j2",),
    "pack-pdf": ("dossier.md.j2",),
    "pack-docx": ("dossier.md.j2",),
    "programme-pdf": ("programme.md.j2",),
    "programme-docx": ("programme.md.j2",),
    "envois": (),
    "courriel": ("courriel.txt.j2",),
    "invitation": ("invitation.txt.j2",),
}
_STYLED = (
    "synthese-docx",
    "synthese-pdf",
    "pack-pdf",
    "pack-docx",
    "programme-pdf",
    "programme-docx",
)
_WORD = ("synthese-docx", "pack-docx", "programme-docx")


def template_closure(settings: RenderSettings, roots: tuple[str, ...]) -> dict[str, Path]:
    """Every template reachable from `roots` through include, extends and import."""
    # Parsing the templates costs about 30 ms a root: each is parsed once per state of the
    # template folders (a build asks for the same roots for every output of a kind).
    return dict(_closure(settings.templates, roots, _stamp(settings)))


def _stamp(settings: RenderSettings) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file of the template folders."""
    folders = [settings.templates] if settings.templates else []
    files = []
    for folder in [*folders, default_templates()]:
        for path in sorted(folder.glob("*")) if folder.is_dir() else ():
            stat = path.stat()
            files.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(files)


@lru_cache(maxsize=16)
def _closure(
    templates: Path | None, roots: tuple[str, ...], stamp: tuple[tuple[str, int, int], ...]
) -> tuple[tuple[str, Path], ...]:
    import jinja2
    from jinja2 import meta

    folders = [str(templates)] if templates else []
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([*folders, str(default_templates())]))
    found: dict[str, Path] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in found:
            continue
        try:
            source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
            references = list(meta.find_referenced_templates(env.parse(source)))
        except (jinja2.TemplateError, OSError):
            continue  # rendering reports the missing or broken template with its line
        found[name] = Path(str(filename))
        if None in references:
            todo += env.loader.list_templates()  # type: ignore[union-attr]
        todo += [r for r in references if r is not None]
    return tuple(found.items())


def _fonts(style_file: Path) -> dict[str, Path]:
    try:
        fonts = tomllib.loads(style_file.read_text(encoding="utf-8")).get("fonts", {})
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    files: dict[str, Path] = {}
    for name in fonts.values() if isinstance(fonts, dict) else ():
        if isinstance(name, str):
            local = style_file.parent / name
            files[f"police/{name}"] = local if local.is_file() else fonts_folder() / name
    return files


def loaded_files(
    settings: RenderSettings, kind: str, known: dict[tuple[str, ...], dict[str, Path]] | None = None
) -> dict[str, Path]:
    """Label → path of every file one kind of output loads (`known`: closures already found)."""
    known = {} if known is None else known
    roots = ROOTS[kind]
    if roots not in known:
        known[roots] = template_closure(settings, roots)
    files = {f"modele/{n}": p for n, p in known[roots].items()}
    if kind in _STYLED:
        style = template_file(settings, "style.toml")
        files["style/style.toml"] = style
        files.update(_fonts(style))
    if kind in _WORD:
        files["style/reference.docx"] = template_file(settings, "reference.docx")
    return files


@dataclass
class DependencyCache:
    """What one build already knows: file digests, each kind's components, the closures.

    The closures (which templates each root loads) need jinja to parse the templates; the
    manifest keeps them with the digest of every template file, so a build whose templates
    are those of the last one reuses them without importing jinja (see `templates_record`).
    """

    files: dict[Path, str] = field(default_factory=dict)
    kinds: dict[str, dict[str, str]] = field(default_factory=dict)
    closures: dict[tuple[str, ...], dict[str, Path]] = field(default_factory=dict)


def templates_key(settings: RenderSettings, inputs: dict[str, str]) -> str:
    """What the closures depend on: the template folders and the digest of each file in them."""
    folders = [str(settings.templates or ""), str(default_templates())]
    files = sorted((k, v) for k, v in inputs.items() if k.startswith("modeles"))
    return combine({"dossiers": folders, "fichiers": files})


def templates_record(cache: DependencyCache, key: str) -> dict[str, object]:
    """The closures found by this build, as the manifest keeps them."""
    closures = {"|".join(r): {n: str(p) for n, p in c.items()} for r, c in cache.closures.items()}
    return {"cle": key, "fermetures": closures}


def known_closures(
    record: object, key: str, settings: RenderSettings
) -> dict[tuple[str, ...], dict[str, Path]]:
    """The closures a manifest kept, when its templates are these; else none (parse again)."""
    if not isinstance(record, dict) or record.get("cle") != key:
        return {}
    folders = [Path(f) for f in (settings.templates, default_templates()) if f is not None]
    known: dict[tuple[str, ...], dict[str, Path]] = {}
    closures = record.get("fermetures")
    for roots, closure in closures.items() if isinstance(closures, dict) else ():
        paths = {n: Path(p) for n, p in closure.items()} if isinstance(closure, dict) else {}
        if not all(isinstance(n, str) and _within(p, folders) for n, p in paths.items()):
            return {}  # not what a build writes: parse the templates again
        known[tuple(r for r in str(roots).split("|") if r)] = paths
    return known


def dependency_digests(
    settings: RenderSettings, kind: str, cache: DependencyCache
) -> dict[str, str]:
    """The « modele » and « styles » components of an output's key (once per kind and build)."""
    if kind not in cache.kinds:
        cache.kinds[kind] = _digests(settings, kind, cache)
    return cache.kinds[kind]


def _within(path: Path, folders: list[Path]) -> bool:
    return any(folder in path.parents for folder in folders)


def _digests(settings: RenderSettings, kind: str, cache: DependencyCache) -> dict[str, str]:
    text: dict[str, str] = {}
    styles: dict[str, str] = {}
    files = cache.files
    for label, path in loaded_files(settings, kind, cache.closures).items():
        if path not in files:
            try:
                files[path] = file_digest(path.read_bytes())
            except OSError:
                files[path] = "absent"
        (text if label.startswith("modele/") else styles)[label] = files[path]
    return {"modele": combine(text), "styles": combine(styles)}
