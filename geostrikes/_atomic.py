"""Write outputs so that a failed run never leaves a truncated file.

Everything geostrikes writes goes to a temporary file in the destination's
folder first and is renamed over the destination only once complete, so an
error, a full disk or Ctrl-C leaves any earlier result untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from geostrikes.errors import OutputError

__all__ = ["atomic_path", "atomic_open"]


@contextlib.contextmanager
def atomic_path(destination: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``destination``; rename it on success.

    Parameters
    ----------
    destination : path-like
        The file to create or replace.

    Yields
    ------
    pathlib.Path
        Where to write. It keeps the destination's suffix, so writers that
        choose a format by suffix (GDAL) still do.

    Raises
    ------
    OutputError
        When the folder is missing or not writable, or the write fails.
    """
    dest = Path(destination)
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"output folder {str(folder)!r} does not exist: create it first")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=f".tmp{dest.suffix}",
                                        dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write in {str(folder)!r}: {exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    # GDAL refuses to overwrite some formats in place; let writers create it.
    tmp.unlink()
    try:
        yield tmp
        if not tmp.exists():
            raise OutputError(f"nothing was written for {str(dest)!r}")
        os.replace(tmp, dest)
    except OSError as exc:
        if isinstance(exc, OutputError):
            raise
        raise OutputError(f"cannot write {str(dest)!r}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


@contextlib.contextmanager
def atomic_open(
    destination: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8"
) -> Iterator[IO]:
    """Open a temporary file beside ``destination`` and rename it on success.

    Parameters
    ----------
    destination : path-like
        The file to create or replace.
    mode : {"w", "wb"}
        Text or binary.
    encoding : str, optional
        Text encoding (ignored in binary mode).
    """
    with atomic_path(destination) as tmp:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": "\n"}
        try:
            with open(tmp, mode, **kwargs) as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise OutputError(f"cannot write {str(destination)!r}: {exc.strerror or exc}") from exc
