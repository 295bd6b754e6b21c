"""The console entry point: Ctrl-C exits 130, quietly, from the moment prd's code runs.

Python turns Ctrl-C into KeyboardInterrupt wherever the program happens to be: in the first
fraction of a second that is in the middle of importing typer or pydantic, before any
handler of prd's is on the stack, and the user gets a traceback. So this module imports
nothing heavy and installs its own handler before it imports the command line.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

INTERRUPTED = 130  # 128 + SIGINT, what shells report for a program stopped by Ctrl-C


def _exit_now(signum: int, frame: FrameType | None) -> None:
    # Nothing to clean up: either still importing, or already cleaning up after a first Ctrl-C.
    os._exit(INTERRUPTED)


def _interrupt_once(signum: int, frame: FrameType | None) -> None:
    # The first Ctrl-C unwinds normally, so an atomic write removes its temporary file and
    # Typer exits 130; a second one while that happens ends the process at once.
    signal.signal(signal.SIGINT, _exit_now)
    raise KeyboardInterrupt


def main() -> None:
    # Leave an ignored SIGINT ignored (nohup, background jobs), and a handler set by someone
    # else alone.
    ours = signal.getsignal(signal.SIGINT) in (signal.default_int_handler, _exit_now)
    if ours:
        signal.signal(signal.SIGINT, _exit_now)
    from .cli import main as run

    if ours:
        signal.signal(signal.SIGINT, _interrupt_once)
    try:
        run()
    except KeyboardInterrupt:
        sys.exit(INTERRUPTED)
    finally:
        if ours:  # interpreter shutdown is no place for a traceback either
            signal.signal(signal.SIGINT, _exit_now)
