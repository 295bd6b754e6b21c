"""Render reports with Jinja: sandboxed, strict about missing values, escaped for HTML.

Imported only by `prd report`, so other commands never pay for loading Jinja.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from .render import cell, md_cell
from .report import progress_text, row_ref

FORMATS = {"md": "report.md.j2", "html": "report.html.j2"}


class TemplateProblem(Exception):
    """A template that cannot be rendered; the message names the template file and line."""


def templates_dir() -> Path:
    here = Path(__file__).resolve().parent
    shipped = here / "_templates"  # where the wheel puts templates/
    return shipped if shipped.is_dir() else here.parent / "templates"


def _environment(folder: Path, html: bool) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        autoescape=html,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_cell
    env.filters["cell"] = cell
    env.filters["progress"] = progress_text
    env.filters["ref"] = row_ref
    return env


def render_report(report: Any, fmt: str, template: Path | None = None, script: str = "hans") -> str:
    """Render with the shipped template for `fmt`, or with the office's own `template`.

    The template sees the report as `r` and its script's page settings (lang, fonts) as `s`.
    """
    from .script import script_context

    if template is None:
        folder, name = templates_dir(), FORMATS[fmt]
    else:
        folder, name = template.resolve().parent, template.name
    where = str(template) if template is not None else name
    env = _environment(folder, html=fmt == "html")
    try:
        return env.get_template(name).render(r=report, s=script_context(script))
    except TemplateSyntaxError as exc:
        raise TemplateProblem(f"{where}:{exc.lineno}: template syntax: {exc.message}") from None
    except TemplateError as exc:
        raise TemplateProblem(f"{where}:{_template_line(exc, folder / name)}: {type(exc).__name__}: {exc}") from None


def _template_line(exc: BaseException, path: Path) -> int | str:
    # Jinja rewrites tracebacks so template frames carry the template's file and line.
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if Path(frame.filename).resolve() == path.resolve() and frame.lineno:
            return frame.lineno
    return "?"
