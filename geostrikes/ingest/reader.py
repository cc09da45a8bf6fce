"""Read articles from files, folders and standard input: :func:`read_articles`.

This is the ingest stage's one entry point. It takes whatever the user
named, works out what each thing is, and streams :class:`~geostrikes.model.Article`
values, one file (or feed line, or table row) at a time:

- ``"-"`` is standard input. Its first non-blank character decides the
  format: ``{`` starts JSON Lines, ``[`` a JSON list of articles, anything
  else is one plain-text article with id ``stdin``.
- A folder is walked recursively in sorted name order. Real paths of the
  folders visited are remembered, so a symbolic link back up the tree (or a
  second link to a folder already read) is reported once and not followed.
  Hidden files and folders (names starting with ``.``) are passed over.
- A file goes to its format by extension: ``.txt``/``.text``/``.md`` (see
  :mod:`.text`), ``.html``/``.htm`` (:mod:`.html`), ``.jsonl``/``.ndjson``/
  ``.json`` (:mod:`.jsonl`) and ``.csv`` (:mod:`.table`).
- ``articles.csv`` is never an article source but a metadata sidecar: its
  rows give title, date, outlet and URL to the text and HTML files of its
  folder whose name without extension is the row's ``article_id``.

Only a path that does not exist stops the reading: that is a usage error,
raised as :class:`~geostrikes.errors.InputError` before anything is read.
Every other problem (an unknown extension, an empty, binary, oversized or
unreadable file, an article whose text is over the length cap, a bad feed line or table row, a sidecar row naming no
file) skips that one input and reports it to ``on_skip(where, reason)``;
by default as an :class:`~.base.InputWarning`. Article ids must be unique
in one reading, so a repeated id gets a ``#2`` (``#3``...) suffix and a
warning.
"""

from __future__ import annotations

import dataclasses
import io
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from geostrikes.errors import InputError
from geostrikes.ingest import html, jsonl, table, text
from geostrikes.ingest.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    SAMPLE_BYTES,
    InputWarning,
    NotAnArticle,
    Skipped,
    read_limited,
    sniff_encoding,
)
from geostrikes.ingest.table import SIDECAR_NAME, Sidecar
from geostrikes.model import Article

__all__ = ["SkipHandler", "read_articles"]

SkipHandler = Callable[[str, str], None]
"""Called as ``on_skip(where, reason)`` for each input that is skipped."""

_Item = Article | Skipped
_Format = Callable[..., Iterator[_Item]]

_FORMATS: dict[str, _Format] = {
    **dict.fromkeys(text.EXTENSIONS, text.read_text),
    **dict.fromkeys(html.EXTENSIONS, html.read_html),
    **dict.fromkeys(jsonl.LINE_EXTENSIONS, jsonl.read_jsonl),
    **dict.fromkeys(jsonl.DOCUMENT_EXTENSIONS, jsonl.read_json),
    **dict.fromkeys(table.EXTENSIONS, table.read_csv),
}
# One file, one article: the formats whose articles a sidecar describes.
_SIDECAR_FORMATS = frozenset((*text.EXTENSIONS, *html.EXTENSIONS))
STDIN = "-"
_STDIN_WHERE = "<stdin>"


def _warn_skip(where: str, reason: str) -> None:
    warnings.warn(f"skipped {where}: {reason}", InputWarning, stacklevel=3)


def _sources(inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str | Path]:
    """Check every input up front, so a typo fails before any work is done."""
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    elif isinstance(inputs, bytes):
        raise TypeError("inputs must be a path, a str or an iterable of them, not bytes")
    sources: list[str | Path] = []
    for source in inputs:
        if isinstance(source, str) and source == STDIN:
            sources.append(STDIN)
            continue
        if not isinstance(source, str | os.PathLike):
            raise TypeError(f"an input must be a path or a str, not {type(source).__name__}")
        path = Path(source)
        if not _exists(path):
            raise InputError(
                f"{path} does not exist; check the path, or pass '-' to read standard input"
            )
        sources.append(path)
    return sources


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        # Something is there that cannot be examined; reading it will say why.
        return True


class _UniqueIds:
    """Hands out article ids, renaming repeats ``ID#2``, ``ID#3``..."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next_suffix: dict[str, int] = {}

    def claim(self, article: Article) -> Article:
        if article.id not in self._taken:
            self._taken.add(article.id)
            return article
        suffix = self._next_suffix.get(article.id, 2)
        while f"{article.id}#{suffix}" in self._taken:
            suffix += 1
        self._next_suffix[article.id] = suffix + 1
        renamed = f"{article.id}#{suffix}"
        self._taken.add(renamed)
        warnings.warn(
            f"duplicate article id {article.id!r} at {article.path}: renamed {renamed!r}",
            InputWarning,
            stacklevel=3,
        )
        return dataclasses.replace(article, id=renamed)


class _Walk:
    """The state of one :func:`read_articles` call: folders seen, sidecars."""

    def __init__(self, max_bytes: int, max_chars: int) -> None:
        self.max_bytes = max_bytes
        self.max_chars = max_chars
        self._visited: set[str] = set()
        self._sidecars: dict[str, Sidecar | None] = {}

    def source(self, source: str | Path) -> Iterator[_Item]:
        if source == STDIN:
            yield from _stdin(self.max_bytes, self.max_chars)
        elif Path(source).is_dir():
            yield from self.folder(Path(source))
        else:
            path = Path(source)
            yield from self.load_sidecar(path.parent)
            yield from self.file(path, self._sidecars.get(os.path.realpath(path.parent)))

    def load_sidecar(self, folder: Path) -> Iterator[Skipped]:
        """Parse the folder's ``articles.csv`` once, reporting its bad rows."""
        key = os.path.realpath(folder)
        if key in self._sidecars:
            return
        path = folder / SIDECAR_NAME
        sidecar = table.read_sidecar(path, max_bytes=self.max_bytes) if path.is_file() else None
        self._sidecars[key] = sidecar
        if sidecar is not None:
            yield from sidecar.problems

    def folder(self, folder: Path) -> Iterator[_Item]:
        real = os.path.realpath(folder)
        if real in self._visited:
            yield Skipped(str(folder), f"folder already read as {real} (symbolic link loop)")
            return
        self._visited.add(real)
        try:
            with os.scandir(folder) as scan:
                entries = sorted((e for e in scan if not e.name.startswith(".")), key=_name)
        except OSError as error:
            yield Skipped(str(folder), f"cannot list folder: {error.strerror or error}")
            return
        yield from self.load_sidecar(folder)
        sidecar = self._sidecars[real]
        if sidecar is not None:
            yield from _unmatched_rows(sidecar, folder, entries)
        for entry in entries:
            yield from self.entry(folder / entry.name, entry, sidecar)

    def entry(
        self, path: Path, entry: os.DirEntry[str], sidecar: Sidecar | None
    ) -> Iterator[_Item]:
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as error:
            yield Skipped(str(path), f"cannot read: {error.strerror or error}")
            return
        if is_dir:
            yield from self.folder(path)
        elif entry.name == SIDECAR_NAME:
            return
        elif is_file:
            yield from self.file(path, sidecar)
        elif entry.is_symlink():
            yield Skipped(str(path), "broken symbolic link")
        else:
            yield Skipped(str(path), "not a regular file")

    def file(self, path: Path, sidecar: Sidecar | None) -> Iterator[_Item]:
        suffix = path.suffix.lower()
        reader = _FORMATS.get(suffix)
        if path.name == SIDECAR_NAME:
            yield Skipped(str(path), "a metadata sidecar, not articles")
            return
        if reader is None:
            known = ", ".join(sorted(_FORMATS))
            kind = f"unknown extension {suffix!r}" if suffix else "no extension"
            yield Skipped(str(path), f"{kind}; articles are read from {known}")
            return
        metadata = sidecar.metadata if sidecar and suffix in _SIDECAR_FORMATS else {}
        for item in reader(path, max_bytes=self.max_bytes, max_chars=self.max_chars):
            if isinstance(item, Article) and item.id in metadata:
                item = metadata[item.id].apply(item)
            yield item


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _unmatched_rows(
    sidecar: Sidecar, folder: Path, entries: list[os.DirEntry[str]]
) -> Iterator[Skipped]:
    stems = {Path(entry.name).stem for entry in entries if entry.name != SIDECAR_NAME}
    for article_id, line in sidecar.lines.items():
        if article_id not in stems:
            yield Skipped(
                f"{sidecar.path}:{line}", f"article_id {article_id!r} names no file in {folder}"
            )


def _stdin_stream() -> io.BufferedReader:
    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:
        # A text-only stand-in (io.StringIO in a notebook, say): already decoded.
        binary = io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))
    return binary if hasattr(binary, "peek") else io.BufferedReader(binary)


def _stdin(max_bytes: int, max_chars: int) -> Iterator[_Item]:
    """Read standard input as JSON Lines, a JSON list, or one text article."""
    stream = _stdin_stream()
    head = stream.peek(SAMPLE_BYTES)[:SAMPLE_BYTES]
    try:
        if not head.strip():
            raise NotAnArticle("empty")
        first = head.decode(sniff_encoding(head, complete=False), errors="replace").lstrip()[:1]
        if first == "{":
            yield from jsonl.parse_lines(
                stream, where=_STDIN_WHERE, stem="stdin", max_bytes=max_bytes, max_chars=max_chars
            )
        elif first == "[":
            data = read_limited(stream, max_bytes)
            yield from jsonl.parse_document(
                data, where=_STDIN_WHERE, stem="stdin", max_chars=max_chars
            )
        else:
            data = read_limited(stream, max_bytes, max_chars)
            yield text.parse_text(data, id="stdin", path=_STDIN_WHERE, max_chars=max_chars)
    except NotAnArticle as skip:
        yield Skipped(_STDIN_WHERE, skip.reason)
    except OSError as error:
        yield Skipped(_STDIN_WHERE, f"cannot read: {error.strerror or error}")


def _articles(
    sources: list[str | Path], on_skip: SkipHandler, max_bytes: int, max_chars: int
) -> Iterator[Article]:
    walk = _Walk(max_bytes, max_chars)
    ids = _UniqueIds()
    for source in sources:
        for item in walk.source(source):
            if isinstance(item, Skipped):
                on_skip(item.where, item.reason)
            else:
                yield ids.claim(item)


def read_articles(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    on_skip: SkipHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Article]:
    """Stream the articles in files, folders and standard input.

    Parameters
    ----------
    inputs : path, str or iterable of them
        Files, folders (read recursively), or ``"-"`` for standard input.
    on_skip : callable, optional
        Called as ``on_skip(where, reason)`` for every input, feed line or
        table row that is skipped. By default each becomes an
        :class:`~geostrikes.ingest.InputWarning` saying
        ``"skipped WHERE: REASON"``.
    max_bytes : int
        Largest article read, in bytes (default 50 MB); larger ones are
        skipped. For ``.json`` files and non-feed standard input it bounds
        the whole input.
    max_chars : int
        Length cap of an article's text, in characters (default 1,000,000):
        an article with longer text is skipped, and a file too big to hold
        a text under the cap is skipped unread. For a web page the cap
        applies to its text, not its markup, and a page over ten bytes per
        character of the cap is skipped unread; for a feed line or table
        row, the cap applies to its ``text`` field.

    Returns
    -------
    iterator of Article
        Lazily: one file is read at a time, feeds and tables a line at a time.

    Raises
    ------
    InputError
        When a named path does not exist; raised at once, before reading.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a1.txt").write_text("Drones struck Kalsu base on Friday.")
    >>> _ = (folder / "scan.pdf").write_bytes(b"%PDF-1.7")
    >>> skipped = []
    >>> [a.id for a in read_articles(folder, on_skip=lambda where, why: skipped.append(why))]
    ['a1']
    >>> skipped[0].split(";")[0]
    "unknown extension '.pdf'"
    """
    for name, value, unit in (("max_bytes", max_bytes, "bytes"),
                              ("max_chars", max_chars, "characters")):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive number of {unit}, not {value!r}")
    return _articles(_sources(inputs), on_skip or _warn_skip, max_bytes, max_chars)
