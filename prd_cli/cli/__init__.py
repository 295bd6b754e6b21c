"""The command line: parse arguments, call the core, print. Nothing else lives here.

One module per group of commands; importing them registers their commands on `app`,
in the order `prd --help` lists them."""

from __future__ import annotations

import sys

# Importing the command modules registers their commands on `app`, in this order: the
# order `prd --help` lists them in.
# isort: off
from . import queries, reports, progress, setup  # noqa: F401

# isort: on
from ..i18n import _
from .common import ReaderGone, app, progress_app
from .language import (
    _cells,
    _help_in_the_readers_language,
    _usage_errors_in_the_readers_language,
    _wrap_cells,
)

__all__ = ["_cells", "_wrap_cells", "app", "main", "progress_app"]


def main() -> None:
    """Console entry point: a clean message instead of a traceback, whatever happens."""
    import os

    from ..i18n import language

    if language() is not None:
        _usage_errors_in_the_readers_language()
        _help_in_the_readers_language()
    try:
        try:
            app()
        except SystemExit:
            # What is still buffered goes now, while a reader that left can be told from an
            # error: at the interpreter's exit it would be a message and exit 120.
            sys.stdout.flush()
            raise
    except KeyboardInterrupt:
        # Typer turns a Ctrl-C in a command into exit 130; this catches one around it.
        sys.exit(130)
    except (BrokenPipeError, ReaderGone):
        # `prd list | head`: the reader left; that is not an error worth a message. Whatever
        # is left in the buffer goes to nowhere, so the flush at exit cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - the last line of defence must catch everything
        if os.environ.get("PRD_DEBUG"):
            raise
        sys.stderr.write(
            "prd: "
            + _("internal error: {reason}").format(reason=f"{type(exc).__name__}: {exc}")
            + "\n"
            + _("(set PRD_DEBUG=1 to see the traceback)")
            + "\n"
        )
        sys.exit(3)
