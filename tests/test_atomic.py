"""Atomic writes: whole files or nothing, and never a replaced device node."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from geostrikes._atomic import _PENDING, atomic_open, atomic_path, remove_temporaries
from geostrikes.errors import OutputError


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


def device(tmp_path, name, minor):
    """A character device like /dev/null (minor 3) or /dev/full (minor 7).

    As root a twin is made inside tmp_path, so a writer that wrongly replaced
    the node would replace only the twin, never the system's device.
    """
    if os.geteuid() != 0:
        if not os.path.exists(f"/dev/{name}"):
            pytest.skip(f"this system has no /dev/{name}")
        return f"/dev/{name}"
    node = tmp_path / name
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    return node


def test_new_file_is_written_whole(tmp_path):
    with atomic_open(tmp_path / "out.geojson") as fh:
        fh.write("done")
    assert (tmp_path / "out.geojson").read_text() == "done"
    assert leftovers(tmp_path) == []


def test_failure_keeps_the_earlier_file_and_leaves_no_temporary(tmp_path):
    out = tmp_path / "out.geojson"
    out.write_text("earlier")
    with pytest.raises(RuntimeError), atomic_open(out) as fh:
        fh.write("half")
        raise RuntimeError("boom")
    assert out.read_text() == "earlier"
    assert leftovers(tmp_path) == []


def test_missing_folder_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="does not exist"), atomic_open(tmp_path / "no" / "x"):
        pass


def test_symlink_destination_replaces_the_file_it_names(tmp_path):
    real = tmp_path / "real" / "events.geojson"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "events.geojson"
    link.symlink_to(real)
    with atomic_open(link) as fh:
        fh.write("new")
    assert link.is_symlink()
    assert real.read_text() == "new"
    assert leftovers(tmp_path) == [] and leftovers(real.parent) == []


@pytest.mark.parametrize("mode", ["w", "wb"])
def test_null_device_is_written_into_not_replaced(tmp_path, mode):
    null = device(tmp_path, "null", 3)
    with atomic_open(null, mode) as fh:
        fh.write(b"data" if "b" in mode else "data")
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert leftovers(tmp_path) == []


def test_full_device_is_a_clear_error_and_stays_a_device(tmp_path):
    full = device(tmp_path, "full", 7)
    with pytest.raises(OutputError, match="No space left"), atomic_open(full) as fh:
        fh.write("x" * 100_000)
    assert stat.S_ISCHR(os.stat(full).st_mode)
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_pipe_receives_the_whole_output(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    with atomic_path(fifo) as tmp:
        tmp.write_bytes(b"x" * 200_000)
    reader.join(timeout=30)
    assert received == [b"x" * 200_000]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_folder_destination_is_refused(tmp_path):
    with pytest.raises(OutputError, match="is a folder"), atomic_open(tmp_path):
        pass


def test_read_only_destination_is_refused_and_kept(tmp_path):
    out = tmp_path / "out.geojson"
    out.write_text("earlier")
    out.chmod(0o444)
    if os.access(out, os.W_OK):
        pytest.skip("this user may write read-only files (root with CAP_DAC_OVERRIDE); "
                    "tests/cli/test_hostile_inputs.py checks it without that capability")
    with pytest.raises(OutputError, match="read-only"), atomic_open(out) as fh:
        fh.write("new")
    assert out.read_text() == "earlier"


def test_remove_temporaries_deletes_unfinished_writes_and_their_journals(tmp_path):
    out = tmp_path / "events.gpkg"
    with atomic_path(out) as tmp:
        tmp.write_bytes(b"half a database")
        (tmp.parent / f"{tmp.name}-journal").write_bytes(b"journal")
        assert tmp in _PENDING
        remove_temporaries()
        assert leftovers(tmp_path) == []
        tmp.write_bytes(b"whole")
    assert out.read_bytes() == b"whole"
    assert not _PENDING
