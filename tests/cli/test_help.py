"""Every command has help text with an example; --version works."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from geostrikes._version import __version__
from geostrikes.cli.main import cli


def _commands():
    return sorted(cli.commands)


def test_all_documented_commands_exist():
    assert {"extract", "map", "places", "geocode", "gazetteer"} <= set(cli.commands)


@pytest.mark.parametrize("name", _commands())
def test_every_command_help_has_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert f"geostrikes {name}" in result.output


def test_group_help_and_version():
    runner = CliRunner()
    assert "Example" in runner.invoke(cli, ["--help"]).output
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("name", ["extract", "places", "map"])
def test_max_chars_is_documented_with_the_library_default(name):
    from geostrikes.ingest.base import DEFAULT_MAX_CHARS

    result = CliRunner().invoke(cli, [name, "--help"], terminal_width=200)
    assert "--max-chars N" in result.output
    assert f"[default: {DEFAULT_MAX_CHARS}" in result.output
