"""Write outputs so that a failed run never leaves a truncated file.

Everything geostrikes writes goes to a temporary file in the destination's
folder first and is renamed over the destination only once complete, so an
error, a full disk or Ctrl-C leaves any earlier result untouched.

Three kinds of destination are not simply renamed over:

- A symbolic link to a file: the file it points to is replaced, in its own
  folder, and the link stays a link.
- A character device or a pipe (``/dev/null``, ``/dev/full``, ``/dev/stdout``
  on a terminal or a pipe): the output is built in the system's temporary
  folder and then copied into it, so writers that must seek (GeoPackage,
  Parquet) still work and the device node itself is never replaced.
- Anything else that is not a regular file (a folder, a socket, a block
  device), and an existing file without write permission, is refused with
  an :class:`~geostrikes.errors.OutputError`.

While a write is under way its temporary path is listed in a registry, so
that the command line's Ctrl-C handler can delete it with
:func:`remove_temporaries` before it leaves.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from geostrikes.errors import OutputError

__all__ = ["atomic_path", "atomic_open", "remove_temporaries"]

# Temporary paths of the writes under way in this process.
_PENDING: set[Path] = set()


def remove_temporaries() -> None:
    """Delete the temporary files of every write still under way.

    Also deletes what writers leave beside a temporary file (SQLite's
    ``-journal``, ``-wal`` and ``-shm`` for a GeoPackage). Safe to call from
    a signal handler: it never raises.
    """
    for tmp in list(_PENDING):
        _remove(tmp)


def _remove(tmp: Path) -> None:
    for name in glob.glob(glob.escape(str(tmp)) + "*"):
        with contextlib.suppress(OSError):
            os.unlink(name)


def _shown(path: str | os.PathLike[str]) -> str:
    return repr(str(path))


def _target(dest: Path) -> tuple[Path, bool]:
    """Return the file to replace, and whether it is a device or pipe to copy into."""
    try:
        mode = os.stat(dest).st_mode
    except FileNotFoundError:
        # A new file, or a dangling link: create what the link names.
        return Path(os.path.realpath(dest)), False
    except OSError as exc:
        raise OutputError(f"cannot write {_shown(dest)}: {exc.strerror or exc}") from exc
    if stat.S_ISREG(mode):
        real = Path(os.path.realpath(dest))
        if not os.access(real, os.W_OK):
            raise OutputError(
                f"{_shown(dest)} is read-only: make it writable or choose another output"
            )
        return real, False
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return dest, True
    if stat.S_ISDIR(mode):
        raise OutputError(f"{_shown(dest)} is a folder: name a file inside it")
    raise OutputError(f"{_shown(dest)} is not a regular file: choose another output")


def _reserve(folder: Path, dest: Path) -> Path:
    """Pick an unused temporary name in ``folder``, registered before it exists."""
    for _ in range(100):
        tmp = folder / f".{dest.name}.{secrets.token_hex(4)}.tmp{dest.suffix}"
        _PENDING.add(tmp)
        try:
            # Created and removed again at once: this checks that the folder
            # is writable before any work, and GDAL refuses to overwrite some
            # formats in place, so the writer must create the file itself.
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            _PENDING.discard(tmp)
            continue
        except OSError as exc:
            _PENDING.discard(tmp)
            raise OutputError(f"cannot write in {_shown(folder)}: {exc.strerror or exc}") from exc
        tmp.unlink()
        return tmp
    raise OutputError(f"cannot find an unused temporary name in {_shown(folder)}")


def _copy_into(tmp: Path, dest: Path) -> None:
    with open(tmp, "rb") as source, open(dest, "wb") as sink:
        shutil.copyfileobj(source, sink)


@contextlib.contextmanager
def atomic_path(destination: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``destination``; rename it on success.

    Parameters
    ----------
    destination : path-like
        The file to create or replace, or a character device or pipe to
        write into (see the module notes).

    Yields
    ------
    pathlib.Path
        Where to write. It keeps the destination's suffix, so writers that
        choose a format by suffix (GDAL) still do.

    Raises
    ------
    OutputError
        When the folder is missing or not writable, the destination is
        read-only or not a file, or the write fails.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("done")
    >>> out.read_text()
    'done'
    """
    dest = Path(destination)
    target, into_device = _target(dest)
    folder = Path(tempfile.gettempdir()) if into_device else target.parent
    if not folder.is_dir():
        raise OutputError(f"output folder {_shown(dest.parent)} does not exist: create it first")
    tmp = _reserve(folder, dest)
    try:
        yield tmp
        if not tmp.exists():
            raise OutputError(f"nothing was written for {_shown(dest)}")
        if into_device:
            _copy_into(tmp, dest)
        else:
            os.replace(tmp, target)
    except OSError as exc:
        if isinstance(exc, OutputError):
            raise
        raise OutputError(f"cannot write {_shown(dest)}: {exc.strerror or exc}") from exc
    finally:
        _remove(tmp)
        _PENDING.discard(tmp)


@contextlib.contextmanager
def atomic_open(
    destination: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8"
) -> Iterator[IO]:
    """Open a temporary file beside ``destination`` and rename it on success.

    Parameters
    ----------
    destination : path-like
        The file to create or replace (see :func:`atomic_path`).
    mode : {"w", "wb"}
        Text or binary.
    encoding : str, optional
        Text encoding (ignored in binary mode).

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_open(out) as fh:
    ...     _ = fh.write("done")
    >>> out.read_text()
    'done'
    """
    with atomic_path(destination) as tmp:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": "\n"}
        try:
            with open(tmp, mode, **kwargs) as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            if isinstance(exc, OutputError):
                raise
            raise OutputError(f"cannot write {_shown(destination)}: {exc.strerror or exc}") from exc
