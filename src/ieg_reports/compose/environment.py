"""The jinja2 environment of the templates: strict, and escaping data for the markup.

Every `{{ value }}` is escaped for the markup by default (as autoescape does for HTML);
helpers that build markup on purpose return `Raw`, which passes through unescaped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from ieg_reports.compose.french import FILTERS
from ieg_reports.compose.markup import escape_markup
from ieg_reports.exceptions import TemplateError
from ieg_reports.resources import default_templates
from ieg_reports.workbook.cells import is_safe_url

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


def make_environment(user_folder: Path | None = None, markup: bool = True) -> jinja2.Environment:
    """The environment: user templates first, then the defaults; StrictUndefined.

    `markup=False` is for plain-text templates (e-mails): values are printed as they are.
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
    return env


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
        raise TemplateError(f"modèle {name}, ligne {_line(exc, name)} : {exc.message}") from exc


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
