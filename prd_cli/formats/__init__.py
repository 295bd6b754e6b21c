"""The report's output formats: one table of renderers over one `Report` object.

Markdown and HTML come from Jinja templates (an office may bring its own); Word is built in
Python (prd_cli/formats/docx.py), since its layout is code. Each renderer is imported only when
its format is asked for, so `prd report` pays for Jinja or python-docx, never both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..report import Report


@dataclass(frozen=True)
class ReportFormat:
    name: str
    description: str
    binary: bool  # written to a file only, never to a terminal
    templated: bool  # takes --template
    render: Callable[[Report, Path | None, str], bytes]


def _templated(fmt: str) -> Callable[[Report, Path | None, str], bytes]:
    def render(report: Report, template: Path | None, script: str) -> bytes:
        from ..script import converter
        from ..templating import render_report

        text = render_report(report, fmt, template, script)
        if fmt == "md":
            from ..safetext import terminal

            text = terminal(text)  # read in terminals as often as on GitHub: no escape sequences
        convert = converter(script)
        return (convert(text) if convert else text).encode("utf-8")

    return render


def _docx(report: Report, template: Path | None, script: str) -> bytes:
    from ..script import converter
    from .docx import render_docx

    return render_docx(report, converter(script), script=script)


REPORT_FORMATS: dict[str, ReportFormat] = {
    "md": ReportFormat("md", "GitHub Markdown", binary=False, templated=True, render=_templated("md")),
    "html": ReportFormat("html", "one self-contained file", binary=False, templated=True, render=_templated("html")),
    "docx": ReportFormat("docx", "公文 layout, needs --output", binary=True, templated=False, render=_docx),
}


class FormatMismatch(ValueError):
    """--format asks for text while --output names a Word file: the file would not open."""


def choose_report_format(asked: str | None, output: Path | None) -> ReportFormat:
    """The format asked for; else the one --output's name ends in (.docx, .html); else md.
    Raises FormatMismatch for text asked into a file named .docx."""
    named = {".docx": "docx", ".html": "html", ".htm": "html"}.get(output.suffix.lower()) if output else None
    if asked is not None and named == "docx" and asked != "docx":
        raise FormatMismatch(asked)
    return REPORT_FORMATS[asked or named or "md"]


def render_report_as(report: Report, fmt: str, *, template: Path | None = None, script: str = "hans") -> bytes:
    """The report in `fmt` and `script` (hans, or hant: Traditional, Hong Kong standard);
    raises templating.TemplateProblem when a template cannot render."""
    return REPORT_FORMATS[fmt].render(report, template, script)
