"""What every command shares: error handling, exit codes, options, progress.

Exit codes
----------
0  success
1  success, but some inputs were skipped (each with a warning line)
2  usage error or fatal error (one line on stderr; ``--debug`` adds the traceback)
130  interrupted (Ctrl-C); no partial output is left behind
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import click

from geostrikes.errors import GeostrikesError

EXIT_OK, EXIT_SKIPPED, EXIT_FATAL, EXIT_INTERRUPTED = 0, 1, 2, 130

T = TypeVar("T")


@dataclass
class RunState:
    """Per-invocation settings and the count of skipped inputs."""

    quiet: bool = False
    debug: bool = False
    skipped: list[str] = field(default_factory=list)

    def skip(self, where: str, reason: str) -> None:
        """Report one skipped input as a single warning line and count it."""
        self.skipped.append(where)
        click.echo(f"warning: skipped {where}: {reason}", err=True)

    def info(self, message: str) -> None:
        """Print a status line on stderr unless ``--quiet``."""
        if not self.quiet:
            click.echo(message, err=True)

    def progress(self, items: Iterable[T], *, desc: str, total: int | None = None,
                 unit: str = "it") -> Iterator[T]:
        """Wrap ``items`` in a progress bar shown only on a terminal."""
        from tqdm import tqdm

        # disable=None: tqdm stays silent when stderr is not a terminal.
        yield from tqdm(items, desc=desc, total=total, unit=unit, leave=False,
                        disable=True if self.quiet else None, file=sys.stderr)


class Counting(Iterator[T]):
    """Pass items through, counting them (``.count``), for the closing status line."""

    def __init__(self, items: Iterable[T]) -> None:
        self._items = iter(items)
        self.count = 0

    def __next__(self) -> T:
        item = next(self._items)
        self.count += 1
        return item


def state() -> RunState:
    """The :class:`RunState` of the running command."""
    ctx = click.get_current_context()
    root = ctx.find_root()
    if not isinstance(root.obj, RunState):
        root.obj = RunState()
    return root.obj


def finish() -> None:
    """Exit with 1 when inputs were skipped, else return normally."""
    st = state()
    if st.skipped:
        st.info(f"{len(st.skipped)} input(s) skipped")
        raise SystemExit(EXIT_SKIPPED)


class GeostrikesGroup(click.Group):
    """A click group that turns library errors into one clean line."""

    def invoke(self, ctx: click.Context) -> Any:
        def debug() -> bool:
            # Read when an error happens: the group's callback has set it by then.
            return "--debug" in sys.argv or bool(getattr(ctx.obj, "debug", False))

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("error: interrupted; no output was written", err=True)
            raise SystemExit(EXIT_INTERRUPTED) from None
        except GeostrikesError as exc:
            if debug():
                traceback.print_exc()
            click.echo(f"error: {exc}", err=True)
            raise SystemExit(EXIT_FATAL) from None
        except Exception as exc:  # noqa: BLE001 - last resort: never a bare traceback
            if debug():
                traceback.print_exc()
            click.echo(f"error: {type(exc).__name__}: {exc} (run with --debug for details)",
                       err=True)
            raise SystemExit(EXIT_FATAL) from None


def quiet_option(f):  # noqa: D103 - decorator
    return click.option("-q", "--quiet", is_flag=True, help="No progress bars or status lines.",
                        callback=_set_quiet, expose_value=False, is_eager=True)(f)


def _set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        state().quiet = True
