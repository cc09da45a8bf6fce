"""The ``-o/--output`` and ``--format`` options shared by commands that write files.

The format names and suffixes come from :mod:`geostrikes.export`, so the
command line offers exactly what the library writes. A command passes both
values straight to :func:`geostrikes.export.write_events` or
:func:`geostrikes.export.write_places`, which tell the format from the suffix
when ``--format`` is not given.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from geostrikes.export import FORMATS

__all__ = ["output_options", "FORMAT_HELP"]

F = TypeVar("F", bound=Callable[..., object])

FORMAT_HELP = (
    "Output format; by default told from the output's suffix: .geojson/.json geojson, "
    ".geojsons/.geojsonl geojsonseq (one Feature a line), .parquet/.geoparquet parquet "
    "(GeoParquet), .gpkg gpkg (GeoPackage), .csv csv (every column, geometry as WKT), "
    ".jsonl jsonl (JSON Lines). 'acled' writes a CSV in ACLED's columns."
)


def output_options(f: F) -> F:
    """Add ``-o/--output PATH`` (required) and ``--format`` to a click command.

    The command receives ``output`` (a :class:`pathlib.Path`) and ``format``
    (a format name, or None to follow the suffix).

    Parameters
    ----------
    f : callable
        The command function.

    Returns
    -------
    callable
        ``f`` with the two options.

    Examples
    --------
    >>> import click
    >>> @click.command()
    ... @output_options
    ... def extract(output, format):
    ...     '''Extract events.'''
    >>> [p.name for p in extract.params]
    ['output', 'format']
    """
    f = click.option(
        "--format", "format", type=click.Choice(FORMATS, case_sensitive=False), default=None,
        help=FORMAT_HELP,
    )(f)
    f = click.option(
        "-o", "--output", required=True, metavar="PATH",
        type=click.Path(dir_okay=False, writable=False, path_type=Path),
        help="File to write; replaced only once complete, so a failed run leaves it as it was.",
    )(f)
    return f
