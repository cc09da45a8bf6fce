"""Errors are one clear line; exit codes say what happened; failed runs write nothing."""

from __future__ import annotations

import json

from click.testing import CliRunner

from geostrikes.cli.main import cli

STRIKE = "Israeli jets struck a depot near Baghdad on Monday, Iraqi officials said.\n"


def run(args):
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def test_missing_input_is_one_line_and_exit_2(tmp_path):
    result = run(["extract", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "e.geojson")])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert "Traceback" not in result.output
    assert not (tmp_path / "e.geojson").exists()


def test_skipped_input_warns_and_exits_1(tmp_path):
    (tmp_path / "good.txt").write_text(STRIKE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out" / "e.geojson"
    out.parent.mkdir()
    result = run(["extract", str(tmp_path / "good.txt"), str(tmp_path / "empty.txt"), "-o",
                  str(out), "-q"])
    assert result.exit_code == 1
    assert "warning: skipped" in result.output and "empty.txt" in result.output
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["actor"] for f in features] == ["Israel"]


def test_missing_output_folder_keeps_going_nowhere(tmp_path):
    (tmp_path / "a.txt").write_text(STRIKE, encoding="utf-8")
    result = run(["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "no" / "e.geojson")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert "Traceback" not in result.output


def test_failed_run_leaves_the_earlier_result(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(STRIKE, encoding="utf-8")
    out = tmp_path / "e.geojson"
    out.write_text("earlier result", encoding="utf-8")
    import geostrikes.export as export

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(export, "iter_features", broken)
    result = run(["extract", str(tmp_path / "a.txt"), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "earlier result"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_debug_shows_the_traceback(tmp_path):
    result = CliRunner().invoke(cli, ["--debug", "extract", str(tmp_path / "nope.txt"), "-o",
                                      str(tmp_path / "e.geojson")])
    assert result.exit_code == 2
    assert "Traceback" in result.output


def test_unknown_format_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(STRIKE, encoding="utf-8")
    result = run(["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "e.xyz")])
    assert result.exit_code == 2
    assert "format" in result.output.lower()


def test_library_warning_is_one_warning_line(tmp_path, monkeypatch):
    import warnings

    import geostrikes.export as export

    real = export.write_events

    def noisy(*args, **kwargs):
        warnings.warn("a library changed its mind\nabout something", FutureWarning, stacklevel=2)
        return real(*args, **kwargs)

    monkeypatch.setattr(export, "write_events", noisy)
    (tmp_path / "a.txt").write_text(STRIKE, encoding="utf-8")
    result = run(["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "e.geojson"), "-q"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "warning: FutureWarning: a library changed its mind about something"
    ]


def test_keyboard_interrupt_while_parsing_is_exit_130_with_one_line(monkeypatch):
    from geostrikes.cli._common import GeostrikesGroup

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(GeostrikesGroup, "parse_args", interrupted)
    result = CliRunner().invoke(cli, ["extract", "--help"])
    assert result.exit_code == 130
    assert result.stderr.splitlines() == ["error: interrupted; no output was written"]


def test_keyboard_interrupt_in_a_command_is_exit_130_with_one_line(tmp_path, monkeypatch):
    import geostrikes.ingest as ingest

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest, "read_articles", interrupted)
    out = tmp_path / "e.geojson"
    out.write_text("earlier result", encoding="utf-8")
    result = run(["extract", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 130
    assert result.stderr.splitlines() == ["error: interrupted; no output was written"]
    assert out.read_text(encoding="utf-8") == "earlier result"
