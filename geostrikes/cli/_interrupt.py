"""Ctrl-C at any moment: one line, exit code 130, no temporary files left.

Python turns SIGINT into a KeyboardInterrupt raised wherever the main thread
happens to be. Inside another library's import, a finalizer or a broad
``except`` that exception is swallowed, printed as "Exception ignored", or
turned into another error ("partially initialized module"), so a command
could exit 2 with a traceback, or even finish and write its output after
the user asked it to stop. The command line therefore does not rely on it:
its handler deletes the temporary files of unfinished writes (see
:func:`geostrikes._atomic.remove_temporaries`), prints one line and leaves at
once. Nothing else needs undoing, since outputs only ever appear by rename.

This module imports nothing but the standard library, so that
``python -m geostrikes`` can install the handler before click and the
commands are imported.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from types import FrameType

__all__ = ["EXIT_INTERRUPTED", "INTERRUPTED_MESSAGE", "exit_on_interrupt"]

EXIT_INTERRUPTED = 130
INTERRUPTED_MESSAGE = "error: interrupted; no output was written"


def exit_on_interrupt() -> None:
    """Make SIGINT end the process at once, cleanly (see the module notes).

    Does nothing when SIGINT is ignored (``nohup``, a background job of a
    non-interactive shell) or handled by someone else already, or outside
    the main thread, where signal handlers cannot be set.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_interrupt)


def _on_interrupt(signum: int, frame: FrameType | None) -> None:
    # A second Ctrl-C while leaving must not print a second line.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    atomic = sys.modules.get("geostrikes._atomic")
    if atomic is not None:
        atomic.remove_temporaries()
    # os.write, not print: the handler may run while sys.stderr is mid-write.
    with contextlib.suppress(OSError):
        # A progress bar may hold the terminal's current line.
        newline = "\n" if os.isatty(2) else ""
        os.write(2, f"{newline}{INTERRUPTED_MESSAGE}\n".encode())
    os._exit(EXIT_INTERRUPTED)
