"""The ``--workers``, ``--engine``, ``--scheduler`` and ``--batch-size`` options.

Commands that process articles pass the four values straight to
:func:`geostrikes.scale.runner.run`; the default is every core of this
machine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from geostrikes.scale.runner import BATCH_SIZE, ENGINES

__all__ = ["scale_options"]

F = TypeVar("F", bound=Callable[..., object])


def scale_options(f: F) -> F:
    """Add the options that choose how many processes, or which cluster, do the work.

    The command receives ``workers`` (int or None for every core),
    ``engine``, ``scheduler`` (str or None) and ``batch_size``.

    Parameters
    ----------
    f : callable
        The command function.

    Returns
    -------
    callable
        ``f`` with the four options.

    Examples
    --------
    >>> @click.command()
    ... @scale_options
    ... def places(workers, engine, scheduler, batch_size):
    ...     '''Find places.'''
    >>> [p.name for p in places.params]
    ['workers', 'engine', 'scheduler', 'batch_size']
    """
    f = click.option(
        "--batch-size", type=click.IntRange(min=1), default=BATCH_SIZE, show_default=True,
        metavar="N",
        help="Articles per task sent to a worker.",
    )(f)
    f = click.option(
        "--scheduler", metavar="ADDRESS", default=None,
        help="Address of a running Dask scheduler (tcp://host:8786) for --engine dask; "
             "its workers need geostrikes installed. Without one, a local Dask cluster of "
             "--workers processes is started.",
    )(f)
    f = click.option(
        "--engine", type=click.Choice(ENGINES), default="local", show_default=True,
        help="local: a process pool on this machine; dask: a Dask cluster "
             "(pip install 'geostrikes[dask]').",
    )(f)
    f = click.option(
        "--workers", "-j", type=click.IntRange(min=1), default=None, metavar="N",
        help="Worker processes [default: every core]; 1 runs in this process. Output is "
             "the same, in the same order, for any N.",
    )(f)
    return f
