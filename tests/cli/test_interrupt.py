"""Ctrl-C on a real process: exit 130, one line, earlier results and folders untouched.

Each test starts ``python -m geostrikes`` on a feed long enough to take
several seconds, waits until the work is demonstrably under way (read
position of the input in ``/proc``, the output's temporary file, heavy
libraries mapped into the process), sends SIGINT to the process group as a
terminal's Ctrl-C would, and checks what is left.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geostrikes.cli._interrupt import INTERRUPTED_MESSAGE, exit_on_interrupt

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "data" / "articles"
EARLIER = b'{"type": "FeatureCollection", "features": []}\n'
# Input read before a test interrupts: far beyond the first buffer, so
# articles are being processed, and far before the end of the feed.
UNDER_WAY_BYTES = 256 * 1024

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/fdinfo").is_dir() or not hasattr(os, "killpg"),
    reason="needs Linux /proc and process groups",
)


@pytest.fixture(scope="module")
def feed(tmp_path_factory):
    """The own test articles thirty times over as one JSON Lines feed (about 2 MB)."""
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    with path.open("w", encoding="utf-8") as fh:
        for copy in range(30):
            for number, text in enumerate(texts):
                fh.write(json.dumps({"id": f"a{copy}-{number}", "text": text}) + "\n")
    assert path.stat().st_size > 8 * UNDER_WAY_BYTES
    return path


def _child_setup() -> None:
    # Its own process group, like a shell job; SIGINT not inherited as ignored.
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    return subprocess.Popen([sys.executable, "-m", "geostrikes", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=_child_setup)


def wait_for(process: subprocess.Popen, condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"exited {process.returncode} before {what}: {err.decode()[-2000:]}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.005)


def read_position(process: subprocess.Popen, path: Path) -> int:
    """How far the process has read ``path``; 0 while it has not opened it."""
    fds = Path(f"/proc/{process.pid}/fd")
    try:
        for fd in fds.iterdir():
            try:
                if os.readlink(fd) == str(path):
                    info = (Path(f"/proc/{process.pid}/fdinfo") / fd.name).read_text()
                    return int(info.split("pos:", 1)[1].split()[0])
            except OSError:
                continue
    except OSError:
        pass
    return 0


def size(path: Path) -> int:
    """Bytes in ``path``; 0 once it is gone.

    The writer reserves its temporary name by creating the file and removing
    it again at once, so a file just listed may have vanished.
    """
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def maps(process: subprocess.Popen) -> str:
    try:
        return Path(f"/proc/{process.pid}/maps").read_text()
    except OSError:
        return ""


def interrupt(process: subprocess.Popen) -> tuple[int, list[str]]:
    os.killpg(process.pid, signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    return process.returncode, [line for line in err.decode().splitlines() if line.strip()]


def assert_interrupted(code: int, stderr: list[str], out: Path, before: set[str]) -> None:
    assert code == 130, stderr
    assert stderr == [INTERRUPTED_MESSAGE]
    assert out.read_bytes() == EARLIER
    assert {p.name for p in out.parent.iterdir()} == before


def earlier_result(folder: Path, name: str) -> tuple[Path, set[str]]:
    out = folder / name
    out.write_bytes(EARLIER)
    return out, {p.name for p in folder.iterdir()}


@pytest.mark.parametrize(("command", "name"), [("extract", "events.geojson"),
                                             ("map", "map.html")])
def test_ctrl_c_while_articles_are_extracted(feed, tmp_path, command, name):
    out, before = earlier_result(tmp_path, name)
    process = start(command, str(feed), "-o", str(out))
    wait_for(process, lambda: read_position(process, feed) > UNDER_WAY_BYTES,
             "articles were being extracted")
    assert_interrupted(*interrupt(process), out, before)


def test_ctrl_c_during_places_removes_the_half_written_file(feed, tmp_path):
    out, before = earlier_result(tmp_path, "places.jsonl")

    def half_written() -> bool:
        return (any(size(p) for p in tmp_path.glob(".places.jsonl.*.tmp*"))
                and read_position(process, feed) > UNDER_WAY_BYTES)

    process = start("places", str(feed), "-o", str(out))
    wait_for(process, half_written, "mentions were being written")
    assert_interrupted(*interrupt(process), out, before)


# Shared libraries that appear in /proc/PID/maps one after another while
# ``map`` imports numpy, pandas, shapely and pyproj.
IMPORT_MARKERS = ("_multiarray_umath", "pandas/_libs", "shapely/lib", "pyproj/_")


@pytest.mark.parametrize("marker", IMPORT_MARKERS)
def test_ctrl_c_while_the_geo_libraries_are_being_imported(tmp_path, marker):
    # The trap: a KeyboardInterrupt raised inside a library's import can be
    # swallowed, or become another error ("partially initialized module").
    events = tmp_path / "events.geojson"
    events.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    out, before = earlier_result(tmp_path, "map.html")
    process = start("map", str(events), "-o", str(out))
    wait_for(process, lambda: marker in maps(process), f"{marker} was being loaded")
    assert_interrupted(*interrupt(process), out, before)


def test_sigterm_during_places_is_exit_143_and_removes_the_half_written_file(feed, tmp_path):
    out, before = earlier_result(tmp_path, "places.jsonl")
    process = start("places", str(feed), "-o", str(out))
    wait_for(process, lambda: any(size(p) for p in tmp_path.glob(".places.jsonl.*.tmp*")),
             "mentions were being written")
    process.terminate()
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 143
    assert err.decode().splitlines() == ["error: terminated; no output was written"]
    assert out.read_bytes() == EARLIER
    assert {p.name for p in tmp_path.iterdir()} == before


def test_handler_is_not_installed_over_an_ignored_sigint():
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        exit_on_interrupt()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
