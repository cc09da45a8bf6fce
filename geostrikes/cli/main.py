"""The ``geostrikes`` command line: a thin layer over the library.

Each command calls one library function and turns library errors into one
clean line (see :mod:`geostrikes.cli._common` for the exit codes).
"""

from __future__ import annotations

import click

from geostrikes._version import __version__
from geostrikes.cli._common import GeostrikesGroup, RunState
from geostrikes.cli._interrupt import exit_on_interrupt


@click.group(cls=GeostrikesGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="geostrikes")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Where was struck, by whom, and how sure is anyone about that.

    Read news articles about air, drone and missile strikes, geocode them
    offline and map them by attributed actor.

    \b
    Example:
      geostrikes extract seeds/ -o events.geojson
      geostrikes map events.geojson -o map.html
    """
    ctx.obj = ctx.obj if isinstance(ctx.obj, RunState) else RunState()
    ctx.obj.debug = debug


def _register() -> None:
    # Command modules are imported here, not at the top of their own modules,
    # so each stays importable on its own in tests.
    from geostrikes.cli import gazetteer as gazetteer_cmds
    from geostrikes.cli import extract as extract_cmds
    from geostrikes.cli import map as map_cmds
    from geostrikes.cli import places as places_cmds

    for command in (*extract_cmds.COMMANDS, *gazetteer_cmds.COMMANDS, *places_cmds.COMMANDS,
                    *map_cmds.COMMANDS):
        cli.add_command(command)


_register()


def main() -> None:
    """Console-script entry point."""
    exit_on_interrupt()
    cli(prog_name="geostrikes")
