"""Plain-text articles: ``.txt``, ``.text`` and ``.md`` files, and standard input.

One file is one article; its id is the file name without extension. All the
work (size limit, decoding, repair) is :mod:`.base`'s; Markdown is kept as
written, since its markup is light enough for the geoparser to read past.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from geostrikes.ingest.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    NotAnArticle,
    Skipped,
    check_length,
    decode_bytes,
    make_article,
    read_bytes,
    repair_text,
)
from geostrikes.model import Article

__all__ = ["EXTENSIONS", "parse_text", "read_text"]

EXTENSIONS = (".txt", ".text", ".md")


def parse_text(
    data: bytes,
    *,
    id: str,  # noqa: A002 - the field's name in the model
    path: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    r"""Make one article from the bytes of a plain-text document.

    Parameters
    ----------
    data : bytes
        The raw document, in any encoding :func:`.base.decode_bytes` reads.
    id : str
        The article id.
    path : str, optional
        Where it came from.
    max_chars : int
        Length cap of the decoded text, checked before it is repaired.

    Raises
    ------
    NotAnArticle
        For binary or blank input, or a text over the length cap.

    Examples
    --------
    >>> parse_text(b"Please wait\xe2\x80\xa6\r\n", id="a").text
    'Please wait…\n'
    """
    text = decode_bytes(data)
    check_length(len(text), max_chars)
    return make_article(id, repair_text(text), path=path)


def read_text(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | Skipped]:
    """Read a plain-text file as one article, or say why not.

    Examples
    --------
    >>> next(read_text(Path("seeds/000_8f5fee30c03d4b84.txt"))).id  # doctest: +SKIP
    '000_8f5fee30c03d4b84'
    """
    try:
        data = read_bytes(path, max_bytes, max_chars)
        yield parse_text(data, id=path.stem, path=str(path), max_chars=max_chars)
    except NotAnArticle as skip:
        yield Skipped(str(path), skip.reason)
