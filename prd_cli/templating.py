"""Render reports with Jinja: sandboxed, strict about missing values, escaped for HTML.

Imported only by `prd report`, so other commands never pay for loading Jinja.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup

from .i18n import _
from .render import cell, md_cell
from .report import css_string, progress_text, responsibility, row_ref

FORMATS = {"md": "report.md.j2", "html": "report.html.j2"}


class TemplateProblem(Exception):
    """A template that cannot be rendered; the message names the template file and line."""


def templates_dir() -> Path:
    here = Path(__file__).resolve().parent
    shipped = here / "_templates"  # where the wheel puts templates/
    return shipped if shipped.is_dir() else here.parent / "templates"


# A report is a few hundred KB; an office's template that needs more is a mistake or an attack.
MAX_OUTPUT_CHARS = 50_000_000
MAX_SEQUENCE = 1_000_000  # the longest string or list `*` may build
MAX_SECONDS = 60
# What an office's template may allocate beyond what prd holds when it starts: a filter
# given a huge width ('a'|center(10**9), indent, '%1000000000s') would otherwise take
# gigabytes of a shared machine before the output bound could see it.
MAX_EXTRA_BYTES = 512 * 1024 * 1024


class FolderLoader(BaseLoader):
    """Templates from one folder only: no `..`, no dot-files (.git/config), no symlink out of it,
    nothing but regular files, each read to a bound."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
        from .safefiles import read_regular_file

        parts = template.replace("\\", "/").split("/")
        if any(not p or p.startswith(".") for p in parts):
            raise TemplateNotFound(_("{name} (names starting with a dot and .. are not allowed)").format(name=template))
        path = self.folder.joinpath(*parts)
        real = path.resolve()
        if not real.is_relative_to(self.folder):
            raise TemplateNotFound(_("{name} (it leads out of the template's folder)").format(name=template))
        try:
            source = read_regular_file(real, 4 * 1024 * 1024).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateNotFound(f"{template} ({getattr(exc, 'strerror', None) or exc})") from None
        mtime = real.stat().st_mtime
        return source, str(path), lambda: real.exists() and real.stat().st_mtime == mtime


class _LimitedEnvironment(SandboxedEnvironment):
    """The sandbox, with `*` and `**` kept from building strings or numbers without bound."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 100:
            raise SecurityError(_("an exponent above 100 is not allowed in a template"))
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int) and len(seq) * times > MAX_SEQUENCE:
                    raise SecurityError(
                        _("a repetition longer than {count} is not allowed in a template").format(
                            count=f"{MAX_SEQUENCE:,}"
                        )
                    )
        return super().call_binop(context, operator, left, right)


def _environment(folder: Path, html: bool, trusted: bool = False) -> Environment:
    """The sandbox for an office's own template; prd's shipped templates, which are code of
    prd's like any other, skip its check on every attribute (a third of a large report's time).
    Data is escaped the same way in both."""
    kind: type[Environment] = Environment if trusted else _LimitedEnvironment
    env = kind(
        loader=FolderLoader(folder),
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
    env.filters["roles"] = responsibility
    # Safe by construction (everything but letters and digits escaped), so HTML escaping stays off it.
    env.filters["css_string"] = lambda text: Markup(css_string(text))
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
    env = _environment(folder, html=fmt == "html", trusted=template is None)
    try:
        if template is None:
            # prd's own templates are trusted and linear in the report: a province's report
            # (5,000 documents) is longer and slower than any limit meant for a stranger's.
            return env.get_template(name).render(r=report, s=script_context(script))
        with _time_limit(MAX_SECONDS), _memory_limit(MAX_EXTRA_BYTES):
            return _bounded(env.get_template(name).generate(r=report, s=script_context(script)))
    except TemplateSyntaxError as exc:
        raise TemplateProblem(
            f"{where}:{exc.lineno}: " + _("template syntax: {what}").format(what=exc.message)
        ) from None
    except TemplateError as exc:
        line = _template_line(exc, folder / name)
        raise TemplateProblem(f"{where}:{line}: {_template_error(exc)}") from None
    except RecursionError as exc:
        line = _template_line(exc, folder / name)
        raise TemplateProblem(f"{where}:{line}: " + _("the template recurses too deep")) from None
    except (OverflowError, MemoryError) as exc:
        # The sandbox's range() limit, or a filter asked for more memory than there is.
        said = str(exc) or _("it needs more than the {mb} MB of memory a template may use").format(
            mb=MAX_EXTRA_BYTES // 2**20
        )
        line = _template_line(exc, folder / name)
        raise TemplateProblem(f"{where}:{line}: " + _("too large: {what}").format(what=said)) from None
    except _TooSlow:
        raise TemplateProblem(
            f"{where}: " + _("the template ran longer than {seconds} s: it was stopped").format(seconds=MAX_SECONDS)
        ) from None


def _template_error(exc: TemplateError) -> str:
    """Jinja's own words, quoted, inside prd's: an office's template author reads the frame in
    their language, and the quoted part is what to search for."""
    from jinja2 import UndefinedError

    if isinstance(exc, UndefinedError):
        return _("{what}: the template sees the report as `r` and page settings as `s`").format(what=exc)
    if isinstance(exc, TemplateNotFound):
        return _("template not found: {name}").format(name=exc)
    if isinstance(exc, SecurityError):
        return _("not allowed in a template: {what}").format(what=exc)
    return f"{type(exc).__name__}: {exc}"


def _bounded(chunks: Any) -> str:
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise SecurityError(
                _("the report would be longer than {count} characters").format(count=f"{MAX_OUTPUT_CHARS:,}")
            )
        out.append(chunk)
    return "".join(out)


class _TooSlow(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Stop a template that loops without end (Unix, main thread; elsewhere no limit)."""
    import signal
    import threading

    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _memory_limit(extra: int | None) -> Iterator[None]:
    """Cap the address space at its size now plus `extra` while a template runs, so a huge
    allocation ends in MemoryError (reported as too large); Linux only, elsewhere no cap."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as f:
            now = int(f.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError, IndexError):
        extra = None
    if extra is None:
        yield
        return
    cap = now + extra
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY and soft <= cap:
        yield  # already capped tighter by whoever started prd
        return
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _template_line(exc: BaseException, path: Path) -> int | str:
    # Jinja rewrites tracebacks so template frames carry the template's file and line.
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if Path(frame.filename).resolve() == path.resolve() and frame.lineno:
            return frame.lineno
    return "?"
