"""What every command shares: error handling, exit codes, options, progress.

Exit codes
----------
0  success
1  success, but some inputs were skipped (each with a warning line)
2  usage error or fatal error (one line on stderr; ``--debug`` adds the traceback)
130  interrupted (Ctrl-C); no partial output is left behind
143  terminated (SIGTERM); no partial output is left behind

Python warnings raised while a command runs (by geostrikes or by a library
it uses) are printed as one ``warning:`` line each, like skipped inputs,
not with the file and line of code that raised them.
"""

from __future__ import annotations

import sys
import traceback
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import click

from geostrikes.cli._interrupt import EXIT_INTERRUPTED, INTERRUPTED_MESSAGE
from geostrikes.errors import GeostrikesError

if TYPE_CHECKING:  # pragma: no cover
    from geostrikes.model import Article

EXIT_OK, EXIT_SKIPPED, EXIT_FATAL = 0, 1, 2

# The library's default (geostrikes.ingest.base.DEFAULT_MAX_CHARS), written out
# so that start-up does not import the ingest stage; a test checks they agree.
DEFAULT_MAX_CHARS = 1_000_000

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

    def articles(self, inputs: Iterable[str], *, max_chars: int, desc: str) -> Iterator[Article]:
        """Read the articles of ``inputs``, reporting skips, behind a progress bar."""
        from geostrikes.ingest import read_articles

        return self.progress(read_articles(inputs, on_skip=self.skip, max_chars=max_chars),
                             desc=desc, unit="article")

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


def show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                 file: Any = None, line: str | None = None) -> None:
    """Print a Python warning as one ``warning:`` line (a :func:`warnings.showwarning`).

    Examples
    --------
    >>> out = sys.stdout
    >>> show_warning(UserWarning("no basemap:  outlines\tmissing"), UserWarning, "x.py", 1, out)
    warning: no basemap: outlines missing
    >>> show_warning("old API", FutureWarning, "x.py", 1, out)
    warning: FutureWarning: old API
    """
    text = " ".join(str(message).split())
    if not issubclass(category, UserWarning):
        text = f"{category.__name__}: {text}"
    click.echo(f"warning: {text}", file=file or sys.stderr)


def _interrupted() -> SystemExit:
    click.echo(INTERRUPTED_MESSAGE, err=True)
    return SystemExit(EXIT_INTERRUPTED)


class GeostrikesGroup(click.Group):
    """A click group that turns library errors into one clean line.

    Warnings become ``warning:`` lines (see :func:`show_warning`) and a
    KeyboardInterrupt, wherever click would see it, exit code 130 with one
    line. The console entry point also installs a SIGINT handler (see
    :mod:`geostrikes.cli._interrupt`) so that Ctrl-C never depends on a
    KeyboardInterrupt surviving the code it interrupts.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with warnings.catch_warnings():
            warnings.showwarning = show_warning
            return super().main(*args, **kwargs)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:
            raise _interrupted() from None

    def invoke(self, ctx: click.Context) -> Any:
        def debug() -> bool:
            # Read when an error happens: the group's callback has set it by then.
            return "--debug" in sys.argv or bool(getattr(ctx.obj, "debug", False))

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            raise _interrupted() from None
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


def max_chars_option(f):  # noqa: D103 - decorator
    return click.option(
        "--max-chars", type=click.IntRange(min=1), default=DEFAULT_MAX_CHARS, show_default=True,
        metavar="N",
        help="Skip articles whose text is longer than N characters, with a warning each: "
             "processing time grows faster than an article's length.",
    )(f)
