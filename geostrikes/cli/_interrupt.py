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
SIGTERM is handled the same way (exit code 143).

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
# SIGTERM (kill, timeout, a service manager) would otherwise end the process
# with no clean-up at all, leaving temporary files behind.
_TERMINATED = (128 + signal.SIGTERM, "error: terminated; no output was written")


def exit_on_interrupt() -> None:
    """Make SIGINT and SIGTERM end the process at once, cleanly (see the module notes).

    Exit codes are 130 and 143. Leaves a signal alone when it is ignored
    (``nohup``, a background job of a non-interactive shell) or handled by
    someone else already, and does nothing outside the main thread, where
    signal handlers cannot be set.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_signal)
    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _on_signal)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    # A second signal while leaving must not print a second line.
    for each in (signal.SIGINT, signal.SIGTERM):
        signal.signal(each, signal.SIG_IGN)
    code, message = _TERMINATED if signum == signal.SIGTERM else (
        EXIT_INTERRUPTED, INTERRUPTED_MESSAGE)
    runner = sys.modules.get("geostrikes.scale.runner")
    if runner is not None:
        runner.kill_workers()
    atomic = sys.modules.get("geostrikes._atomic")
    if atomic is not None:
        atomic.remove_temporaries()
    # os.write, not print: the handler may run while sys.stderr is mid-write.
    with contextlib.suppress(OSError):
        # A progress bar may hold the terminal's current line.
        newline = "\n" if os.isatty(2) else ""
        os.write(2, f"{newline}{message}\n".encode())
    os._exit(code)
