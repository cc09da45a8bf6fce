"""Feeds: JSON Lines (``.jsonl``, ``.ndjson``) and JSON (``.json``) articles.

A JSON Lines file holds one article object a line::

    {"id": "a1", "text": "Drones struck Kalsu base...", "title": "...",
     "published": "2024-04-19", "url": "https://...", "outlet": "Reuters",
     "spans": [[14, 25]]}

``text`` is required; ``id`` defaults to ``STEM-LINE``; ``title``, ``url``,
``outlet``, ``published`` (an ISO date or datetime) and
``published_precision`` are optional strings; ``spans`` are toponym
character spans that the geoparser then resolves instead of finding its own.
A ``.json`` file holds a list of such objects, or a single one.

Feeds are read a line at a time, so a feed of any length streams. One bad
line never costs the rest: a line that is not JSON, not an object, lacks a
string ``text``, has a non-string field, a bad date or a span outside the
text is skipped, named as ``file:line``, and reading goes on. Text that comes
with spans is kept exactly as given (only decoded) so the spans stay valid;
other text is repaired like a plain-text file's.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

from geostrikes.ingest.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    NotAnArticle,
    Skipped,
    decode_bytes,
    read_bytes,
    record_to_article,
    text_stream,
)
from geostrikes.model import Article

__all__ = [
    "LINE_EXTENSIONS",
    "DOCUMENT_EXTENSIONS",
    "parse_lines",
    "parse_document",
    "read_jsonl",
    "read_json",
]

LINE_EXTENSIONS = (".jsonl", ".ndjson")
DOCUMENT_EXTENSIONS = (".json",)


def _load_object(line: str) -> dict[str, object]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise NotAnArticle(f"not JSON ({error.msg} at column {error.colno})") from error
    except RecursionError as error:
        raise NotAnArticle("not JSON (nested too deeply)") from error
    if not isinstance(value, dict):
        raise NotAnArticle(f"expected a JSON object, got {type(value).__name__}")
    return value


def _numbered_lines(text: io.TextIOBase, max_chars: int) -> Iterator[tuple[int, str | None]]:
    """Yield ``(line number, line)``; None for a line over the size limit."""
    number = 0
    while line := text.readline(max_chars + 1):
        number += 1
        if len(line) <= max_chars:
            yield number, line
            continue
        # Drain the rest of the oversized line without holding it.
        while line and not line.endswith("\n"):
            line = text.readline(max_chars + 1)
        yield number, None


def parse_lines(
    stream: io.BufferedReader,
    *,
    where: str,
    stem: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Article | Skipped]:
    r"""Read JSON Lines from a binary stream, one article or skip a line.

    Parameters
    ----------
    stream : io.BufferedReader
        The feed, opened in binary mode.
    where : str
        Its name in messages and ``Article.path`` (``where:LINE``).
    stem : str
        Prefix of the ids of records without one.
    max_bytes : int
        Longest line read (counted in characters); longer lines are skipped
        without being held in memory.
    max_chars : int
        Length cap of each record's ``text``.

    Examples
    --------
    >>> feed = io.BufferedReader(io.BytesIO(b'{"id": "a", "text": "Raid"}\n{oops}\n'))
    >>> [type(item).__name__ for item in parse_lines(feed, where="f", stem="f")]
    ['Article', 'Skipped']
    """
    try:
        with text_stream(stream) as text:
            yield from _records(
                text, where=where, stem=stem, max_bytes=max_bytes, max_chars=max_chars
            )
    except NotAnArticle as skip:
        yield Skipped(where, skip.reason)


def _records(
    text: io.TextIOBase, *, where: str, stem: str, max_bytes: int, max_chars: int
) -> Iterator[Article | Skipped]:
    blank = True
    for number, line in _numbered_lines(text, max_bytes):
        at = f"{where}:{number}"
        if line is None:
            blank = False
            yield Skipped(at, f"line longer than the size limit ({max_bytes:,} characters)")
        elif line.strip():
            blank = False
            try:
                record = _load_object(line)
                yield record_to_article(
                    record, where=at, fallback_id=f"{stem}-{number}", max_chars=max_chars
                )
            except NotAnArticle as skip:
                yield Skipped(at, skip.reason)
    if blank:
        yield Skipped(where, "empty")


def parse_document(
    data: bytes, *, where: str, stem: str, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | Skipped]:
    """Read a JSON document holding a list of article objects, or one.

    Items are named ``where[INDEX]``; an item without an id gets
    ``STEM-INDEX`` (or ``STEM`` for a lone object); an item whose ``text``
    is longer than ``max_chars`` is skipped.

    Examples
    --------
    >>> doc = b'[{"id": "a", "text": "Raid"}, {"id": "b", "text": 5}]'
    >>> [str(item) for item in parse_document(doc, where="f.json", stem="f")][1]
    "skipped f.json[1]: 'text' is int, not a string"
    """
    try:
        value = json.loads(decode_bytes(data))
    except NotAnArticle as skip:
        yield Skipped(where, skip.reason)
        return
    except json.JSONDecodeError as error:
        yield Skipped(where, f"not JSON ({error.msg} at line {error.lineno})")
        return
    except RecursionError:
        yield Skipped(where, "not JSON (nested too deeply)")
        return
    if isinstance(value, dict):
        items = [(where, stem, value)]
    elif isinstance(value, list):
        items = [(f"{where}[{i}]", f"{stem}-{i}", item) for i, item in enumerate(value)]
    else:
        yield Skipped(where, "expected a list of article objects or one object")
        return
    if not items:
        yield Skipped(where, "an empty list")
    for at, fallback_id, item in items:
        try:
            if not isinstance(item, dict):
                raise NotAnArticle(f"expected a JSON object, got {type(item).__name__}")
            yield record_to_article(item, where=at, fallback_id=fallback_id, max_chars=max_chars)
        except NotAnArticle as skip:
            yield Skipped(at, skip.reason)


def read_jsonl(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | Skipped]:
    """Stream the articles of a JSON Lines file, skipping bad lines.

    Examples
    --------
    >>> [a.id for a in read_jsonl(Path("feed.jsonl"))]  # doctest: +SKIP
    ['a1', 'a2']
    """
    try:
        with path.open("rb") as stream:
            yield from parse_lines(
                stream, where=str(path), stem=path.stem, max_bytes=max_bytes, max_chars=max_chars
            )
    except OSError as error:
        yield Skipped(str(path), f"cannot read: {error.strerror or error}")


def read_json(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | Skipped]:
    """Read the articles of a JSON file; the whole file is under the size limit.

    Examples
    --------
    >>> [a.id for a in read_json(Path("articles.json"))]  # doctest: +SKIP
    ['a1', 'a2']
    """
    try:
        data = read_bytes(path, max_bytes)
    except NotAnArticle as skip:
        yield Skipped(str(path), skip.reason)
        return
    yield from parse_document(data, where=str(path), stem=path.stem, max_chars=max_chars)
