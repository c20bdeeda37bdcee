"""The jinja2 environment of the templates: strict, and escaping data for the markup.

Every `{{ value }}` is escaped for the markup by default (as autoescape does for HTML);
helpers that build markup on purpose return `Raw`, which passes through unescaped.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from ieg_reports.cachedir import private_folder
from ieg_reports.compose.french import FILTERS
from ieg_reports.compose.markup import escape_markup
from ieg_reports.exceptions import TemplateError
from ieg_reports.links import is_safe_url
from ieg_reports.resources import default_templates
from ieg_reports.suggest import did_you_mean

DEFAULT_TEMPLATES = default_templates()


class Raw(str):
    """Markup written on purpose by a helper: not escaped."""

    __slots__ = ()


def finalize(value: Any) -> str:
    """Escape every interpolated value unless it is `Raw` markup."""
    if value is None:
        return ""
    if isinstance(value, Raw):
        return str(value)
    return escape_markup(str(value))


def link(text: object, url: str | None) -> Raw:
    """A hyperlink, only for http, https and mailto (others print as plain text)."""
    label = escape_markup(str(text))
    if not url or not is_safe_url(url):
        return Raw(label)
    target = url.replace(" ", "%20").replace("\\", "%5C").replace("<", "%3C").replace(">", "%3E")
    return Raw(f"[{label}](<{target}>)")


def bold(text: object) -> Raw:
    """Bold data text (escaped inside)."""
    return Raw(f"**{escape_markup(str(text))}**") if str(text) else Raw("")


def italic(text: object) -> Raw:
    """Italic data text (escaped inside)."""
    return Raw(f"*{escape_markup(str(text))}*") if str(text) else Raw("")


@cache
def make_environment(user_folder: Path | None = None, markup: bool = True) -> jinja2.Environment:
    """The environment: user templates first, then the defaults; StrictUndefined.

    `markup=False` is for plain-text templates (e-mails): values are printed as they are.
    One per process and folder: it keeps the parsed templates, and reloads a template
    whose file changed (jinja's auto_reload), so `watch` sees every edit.
    """
    folders = [str(user_folder)] if user_folder else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(DEFAULT_TEMPLATES)]),
        undefined=jinja2.StrictUndefined,
        finalize=finalize if markup else (lambda v: "" if v is None else v),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.filters.update({"bold": bold, "italic": italic, "raw": Raw})
    env.globals.update({"link": link, "bold": bold, "italic": italic})
    env.bytecode_cache = bytecode_cache(env, markup)
    return env


class _DiskBytecode(jinja2.FileSystemBytecodeCache):
    """jinja's cache of compiled templates on disk; a file it cannot read or write only
    costs the compilation."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill the bucket from its file, if any; a torn or foreign file is ignored."""
        try:
            super().load_bytecode(bucket)
        except Exception:  # whatever the damage, compiling again is the cure
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Write the bucket to its file (atomically, by jinja)."""
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache(env: jinja2.Environment, markup: bool) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds, in the user's private cache folder.

    Compiling the pack's template is most of a worker's first composition, on every build.
    jinja checks each file against the template's source and Python's version; the file
    name covers the rest the compiled code depends on: jinja's version, the environment's
    options, and the name and calling convention of every filter and test.
    """
    folder = private_folder()
    if folder is None:
        return None
    conventions = [
        (kind, name, repr(getattr(function, "jinja_pass_arg", None)))
        for kind, table in (("filter", env.filters), ("test", env.tests))
        for name, function in sorted(table.items())
    ]
    options = (env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.autoescape)
    salt = repr((jinja2.__version__, markup, options, conventions))
    digest = hashlib.sha256(salt.encode()).hexdigest()[:16]
    return _DiskBytecode(str(folder), f"jinja-{digest}-%s.cache")


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template; errors name the template file and line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"modèle {exc.filename or name}, ligne {exc.lineno} : {exc.message}"
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"modèle {exc.name} introuvable") from exc
    except jinja2.UndefinedError as exc:
        line = _line(exc, name)
        detail = undefined_message(exc.message or "", _source_line(env, name, line), context)
        raise TemplateError(f"modèle {name}, ligne {line}\u00a0: {detail}") from exc


_NO_ATTRIBUTE = re.compile(r"^'(?P<owner>.+?)' has no attribute '(?P<attr>[^']+)'$")
_UNDEFINED = re.compile(r"^'(?P<name>[^']+)' is undefined$")


def undefined_message(message: str, source: str, context: dict[str, Any]) -> str:
    """jinja's English message about an unknown name, in French with the known names."""
    if found := _NO_ATTRIBUTE.match(message):
        attr = found["attr"]
        variable = re.search(rf"([A-Za-z_][\w.]*)\.{re.escape(attr)}\b", source)
        prefix = f"{variable[1]}." if variable else ""
        known = _attributes(context, prefix.rstrip("."))
        return _unknown(prefix + attr, did_you_mean(attr, known, 0.5, prefix=prefix), known)
    if found := _UNDEFINED.match(message):
        known = sorted(k for k in context if not k.startswith("_"))
        return _unknown(found["name"], did_you_mean(found["name"], known, 0.5), known)
    return message


def _unknown(name: str, hint: str, known: list[str]) -> str:
    listed = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
    text = f"nom inconnu «\u00a0{name}\u00a0»"
    text += f" — {hint}" if hint else ""
    return text + (f" (noms connus\u00a0: {listed})" if known else "")


def _attributes(context: dict[str, Any], prefix: str) -> list[str]:
    """The public attributes of the object the template named (found in the context)."""
    value: Any = context.get(prefix.split(".")[0]) if prefix else None
    for part in prefix.split(".")[1:]:
        value = getattr(value, part, None)
    if value is None or isinstance(value, dict):
        return sorted(value) if isinstance(value, dict) else []
    names = {n for n in dir(value) if not n.startswith("_")}
    if dataclasses.is_dataclass(value):
        names |= {f.name for f in dataclasses.fields(value)}
    return sorted(names)


def _source_line(env: jinja2.Environment, name: str, line: str) -> str:
    """The text of one line of a template (empty when it cannot be read)."""
    try:
        source = env.loader.get_source(env, name)[0] if env.loader else ""
    except jinja2.TemplateNotFound:
        return ""
    lines = source.splitlines()
    return lines[int(line) - 1] if line.isdigit() and 0 < int(line) <= len(lines) else ""


def _line(exc: BaseException, name: str) -> str:
    """The template line of an error raised while rendering."""
    tb = exc.__traceback__
    line = "?"
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(name) or "<template>" in filename:
            line = str(tb.tb_lineno)
        tb = tb.tb_next
    return line
