"""Tables: ``.csv`` files of articles, and the ``articles.csv`` metadata sidecar.

An article table has a header row and one article a row, with the same
columns as a JSON Lines feed (see :mod:`.jsonl`): ``text`` is required,
``id``, ``title``, ``published``, ``published_precision``, ``outlet``,
``url`` and ``spans`` (as JSON, ``[[0, 4]]``) optional, other columns
ignored. Rows stream through the csv module, so a table of any length does;
a ragged row (more or fewer fields than the header), or one with a bad date
or bad spans, is skipped and named as ``file:line``, and the rest are read.

A sidecar is different: ``articles.csv`` beside article files is never read
as articles. Its rows give metadata (``title``, ``published``,
``published_precision``, ``outlet``, ``url``) to the file whose name without
extension is the row's ``article_id``; :func:`read_sidecar` parses it and the
reader matches it to the files of its folder.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from geostrikes.ingest.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    Metadata,
    NotAnArticle,
    Skipped,
    check_size,
    decode_bytes,
    metadata_from_strings,
    read_bytes,
    record_to_article,
    repair_text,
    text_stream,
)
from geostrikes.model import Article

if TYPE_CHECKING:  # pragma: no cover
    import _csv

__all__ = [
    "EXTENSIONS",
    "SIDECAR_NAME",
    "Sidecar",
    "parse_rows",
    "read_csv",
    "read_sidecar",
]

EXTENSIONS = (".csv",)
SIDECAR_NAME = "articles.csv"
_SIDECAR_FIELDS = ("title", "published", "published_precision", "outlet", "url")
_FIELD_LIMIT_CAP = 2**31 - 1


@dataclass(frozen=True, slots=True)
class Sidecar:
    """The metadata an ``articles.csv`` gives the articles of its folder.

    Parameters
    ----------
    path : str
        The sidecar file.
    metadata : mapping of str to Metadata
        Metadata by ``article_id``.
    lines : mapping of str to int
        The line each ``article_id`` is on, for messages.
    problems : tuple of Skipped
        Rows that were not used, and why.
    """

    path: str
    metadata: Mapping[str, Metadata] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)
    problems: tuple[Skipped, ...] = ()


def _allow_large_fields(max_bytes: int) -> None:
    # The csv module refuses fields over 128 KiB by default, far below a long
    # article. The limit is process-wide, so it is only ever raised.
    wanted = min(max(max_bytes, csv.field_size_limit()), _FIELD_LIMIT_CAP)
    csv.field_size_limit(wanted)


def _header(row: list[str]) -> list[str]:
    return [name.strip().lower() for name in row]


def _rows(reader: _csv._reader, where: str) -> Iterator[tuple[int, list[str] | Skipped]]:
    """Yield ``(first line, row)``; a csv error ends the table as a Skipped."""
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield line, Skipped(f"{where}:{line}", f"{error}; the rest of the file is skipped")
            return
        yield line, row


def _row_record(columns: list[str], row: list[str]) -> dict[str, object]:
    return {
        name: value if name == "text" or value.strip() else None
        for name, value in zip(columns, row, strict=True)
    }


def parse_rows(
    stream: io.BufferedReader,
    *,
    where: str,
    stem: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Article | Skipped]:
    r"""Read an article table from a binary stream, one article or skip a row.

    Parameters
    ----------
    stream : io.BufferedReader
        The table, opened in binary mode.
    where : str
        Its name in messages and ``Article.path`` (``where:LINE``).
    stem : str
        Prefix of the ids of rows without one (``STEM-ROW``).
    max_bytes : int
        Largest article text; larger rows are skipped.
    max_chars : int
        Length cap of each row's ``text``; longer rows are skipped.

    Examples
    --------
    >>> table = io.BufferedReader(io.BytesIO(b"id,text\na,Raid on Kalsu\nb,x,y\n"))
    >>> [str(item) for item in parse_rows(table, where="t.csv", stem="t")][1]
    'skipped t.csv:3: row 2 has 3 fields, the header has 2'
    """
    _allow_large_fields(max_bytes)
    try:
        with text_stream(stream, newline="") as text:
            yield from _table(
                text, where=where, stem=stem, max_bytes=max_bytes, max_chars=max_chars
            )
    except NotAnArticle as skip:
        yield Skipped(where, skip.reason)


def _table(
    text: io.TextIOBase, *, where: str, stem: str, max_bytes: int, max_chars: int
) -> Iterator[Article | Skipped]:
    rows = _rows(csv.reader(text), where)
    header = next(rows, None)
    if header is None or isinstance(header[1], Skipped):
        yield header[1] if header else Skipped(where, "empty")
        return
    columns = _header(header[1])
    if "text" not in columns:
        yield Skipped(where, "no 'text' column (expected id,text,title,published,...)")
        return
    empty = True
    for number, (line, row) in enumerate(rows, start=1):
        at = f"{where}:{line}"
        empty = empty and not row  # the csv module returns [] for a blank line
        if isinstance(row, Skipped):
            yield row
        elif len(row) != len(columns):
            if row:
                fields = f"{len(row)} fields, the header has {len(columns)}"
                yield Skipped(at, f"row {number} has {fields}")
        else:
            try:
                record = _row_record(columns, row)
                check_size(len(str(record["text"])), max_bytes)
                yield record_to_article(
                    record, where=at, fallback_id=f"{stem}-{number}", max_chars=max_chars
                )
            except NotAnArticle as skip:
                yield Skipped(at, skip.reason)
    if empty:
        yield Skipped(where, "no rows under the header")


def read_csv(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | Skipped]:
    """Stream the articles of a CSV table, skipping bad rows.

    Examples
    --------
    >>> [a.id for a in read_csv(Path("articles_table.csv"))]  # doctest: +SKIP
    ['a1', 'a2']
    """
    try:
        with path.open("rb") as stream:
            yield from parse_rows(
                stream, where=str(path), stem=path.stem, max_bytes=max_bytes, max_chars=max_chars
            )
    except OSError as error:
        yield Skipped(str(path), f"cannot read: {error.strerror or error}")


def _sidecar_row(columns: list[str], row: list[str]) -> tuple[str, Metadata]:
    values = {name: value.strip() for name, value in zip(columns, row, strict=True)}
    article_id = values.get("article_id", "")
    if not article_id:
        raise NotAnArticle("no article_id")
    strings = {name: values.get(name) or None for name in _SIDECAR_FIELDS}
    if strings["title"]:
        strings["title"] = repair_text(strings["title"])
    return article_id, metadata_from_strings(**strings)


def read_sidecar(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Sidecar:
    """Parse an ``articles.csv`` sidecar; unusable rows become problems.

    Parameters
    ----------
    path : pathlib.Path
        The sidecar, with columns ``article_id`` (required), ``title``,
        ``published``, ``published_precision``, ``outlet`` and ``url``.
    max_bytes : int
        Size limit for the sidecar file.

    Returns
    -------
    Sidecar
        Metadata by article id; an unreadable sidecar or one without an
        ``article_id`` column gives none, and one problem saying so.

    Examples
    --------
    >>> read_sidecar(Path("seeds/articles.csv")).metadata["003_b7933940d2ad0c5a"].outlet
    'Reuters'
    """
    where = str(path)
    try:
        text = decode_bytes(read_bytes(path, max_bytes))
    except NotAnArticle as skip:
        return Sidecar(where, problems=(Skipped(where, f"metadata sidecar: {skip.reason}"),))
    _allow_large_fields(max_bytes)
    rows = _rows(csv.reader(io.StringIO(text, newline="")), where)
    header = next(rows, None)
    if header is None or isinstance(header[1], Skipped) or "article_id" not in _header(header[1]):
        problem = Skipped(where, "metadata sidecar has no article_id column")
        return Sidecar(where, problems=(problem,))
    columns = _header(header[1])
    metadata: dict[str, Metadata] = {}
    lines: dict[str, int] = {}
    problems: list[Skipped] = []
    for line, row in rows:
        if isinstance(row, Skipped):
            problems.append(row)
            continue
        if not row:
            continue
        at = f"{where}:{line}"
        try:
            if len(row) != len(columns):
                raise NotAnArticle(f"row has {len(row)} fields, the header has {len(columns)}")
            article_id, row_metadata = _sidecar_row(columns, row)
            if article_id in metadata:
                raise NotAnArticle(f"article_id {article_id!r} repeats line {lines[article_id]}")
        except NotAnArticle as skip:
            problems.append(Skipped(at, skip.reason))
            continue
        metadata[article_id] = row_metadata
        lines[article_id] = line
    return Sidecar(where, metadata, lines, tuple(problems))
