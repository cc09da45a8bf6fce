"""Web pages: ``.html`` and ``.htm`` files become their article's plain text.

A saved news page is mostly not the article: navigation, adverts, comment
threads, scripts. trafilatura finds the main text (comments and tables left
out, recall favoured so short wire stories survive) and the title. When it
finds nothing, a plain tag stripper takes the whole body instead.

A page more than ten times the size of the length cap (``max_chars``, in
bytes) is skipped unread: parsing it would cost far more than any article.

Pages are untrusted input. Whatever path the text takes, scripts, styles,
iframes and other embedded code never reach it: trafilatura drops them, and
the stripper skips their content; attributes such as ``onerror=`` are never
text at all. What comes out is plain text, entities decoded.

The bytes are decoded by :mod:`.base`, with the page's own
``<meta charset>`` consulted when they are not UTF-8.
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from geostrikes.ingest.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    InputWarning,
    Metadata,
    NotAnArticle,
    Skipped,
    check_length,
    decode_bytes,
    make_article,
    read_bytes,
    repair_text,
)
from geostrikes.model import Article

__all__ = ["EXTENSIONS", "declared_charset", "strip_tags", "parse_html", "read_html"]

EXTENSIONS = (".html", ".htm")

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Elements whose content is code or embedded documents, never article text.
_SKIPPED_ELEMENTS = frozenset(
    {
        "script", "style", "iframe", "noscript", "template", "svg", "math", "object",
        "applet", "noembed", "noframes", "textarea", "select",
    }
)  # fmt: skip
_BLOCK_ELEMENTS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "td", "th", "tr", "ul",
    }
)  # fmt: skip
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(?:\n\s*)*")
_trafilatura_missing_warned = False
# Markup is many times its text, but a page over ten bytes for each character
# the length cap allows is no single news article, and parsing costs about a
# second and 20 MB of memory per megabyte of page.
_MARKUP_BYTES_PER_CHAR = 10


def declared_charset(data: bytes) -> str | None:
    """Return the charset a page declares in a ``<meta>`` tag near its top, if any.

    Examples
    --------
    >>> declared_charset(b'<html><head><meta charset="windows-1252">')
    'windows-1252'
    """
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


class _TextCollector(HTMLParser):
    """Collects a page's visible text and its ``<title>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._skipping: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _SKIPPED_ELEMENTS:
            self._skipping.append(tag)
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIPPED_ELEMENTS:
            # Close up to the matching open element; stray end tags are ignored.
            if tag in self._skipping:
                while self._skipping and self._skipping.pop() != tag:
                    pass
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skipping:
            self.parts.append(data)


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _title_element(markup: str) -> str | None:
    match = _TITLE.search(markup)
    return _tidy(html.unescape(re.sub(r"<[^>]*>", "", match.group(1)))) or None if match else None


def strip_tags(markup: str) -> tuple[str, str | None]:
    """Plain text and title of a page, by dropping every tag.

    The fallback when trafilatura finds no main text: keeps all visible
    text, one block element a line, and skips scripts, styles, iframes and
    similar elements entirely.

    Returns
    -------
    (str, str or None)
        The text, and the ``<title>`` if there is one.

    Examples
    --------
    >>> strip_tags("<title>Raid</title><p>Hit <b>Kalsu</b>.<script>x()</script></p>")
    ('Hit Kalsu.', 'Raid')
    """
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    title = _tidy("".join(collector.title_parts).replace("\n", " ")) or None
    return _tidy("".join(collector.parts)), title


def _trafilatura(markup: str) -> tuple[str, str | None]:
    global _trafilatura_missing_warned
    try:
        import trafilatura
    except ImportError as error:
        if not _trafilatura_missing_warned:
            _trafilatura_missing_warned = True
            warnings.warn(
                f"trafilatura cannot be imported ({error}); HTML pages are read "
                "whole by the plain tag stripper. Reinstall geostrikes' dependencies.",
                InputWarning,
                stacklevel=2,
            )
        return "", None
    try:
        document = trafilatura.bare_extraction(
            markup,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
            with_metadata=True,
        )
    # trafilatura and lxml fail in many ways on hostile markup; the plain
    # stripper is the answer to all of them.
    except Exception:  # noqa: BLE001
        return "", None
    if document is None:
        return "", None
    return document.text or "", document.title or None


def parse_html(
    data: bytes,
    *,
    id: str,  # noqa: A002 - the field's name in the model
    path: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """Make one article from the bytes of a web page.

    Parameters
    ----------
    data : bytes
        The page as saved.
    id : str
        The article id.
    path : str, optional
        Where it came from.
    max_chars : int
        Length cap of the page's text (not of its markup).

    Raises
    ------
    NotAnArticle
        For binary input, a page without text, or text over the length cap.

    Examples
    --------
    >>> page = b"<title>Raid</title><p>Drones hit Kalsu.</p><script>x()</script>"
    >>> article = parse_html(page, id="a")
    >>> article.text, article.title
    ('Drones hit Kalsu.', 'Raid')
    """
    markup = decode_bytes(data, declared=declared_charset(data))
    text, title = _trafilatura(markup)
    if not text.strip():
        text, fallback_title = strip_tags(markup)
        title = title or fallback_title
    elif title is None:
        title = _title_element(markup)
    if not text.strip():
        raise NotAnArticle("no text in the page")
    check_length(len(text), max_chars)
    title = repair_text(title).strip() or None if title else None
    return make_article(id, repair_text(text), path=path, metadata=Metadata(title=title))


def _check_page_size(path: Path, max_chars: int) -> None:
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it will say why
    limit = _MARKUP_BYTES_PER_CHAR * max_chars
    if size > limit:
        raise NotAnArticle(
            f"page larger than {limit:,} bytes ({size:,}), ten for each character of the "
            "length cap; raise max_chars (--max-chars) to read it"
        )


def read_html(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article | Skipped]:
    """Read a saved web page as one article, or say why not.

    Examples
    --------
    >>> next(read_html(Path("page.html"))).title  # doctest: +SKIP
    'US airstrikes in Iraq, Syria hit Iran-backed militia facilities'
    """
    try:
        _check_page_size(path, max_chars)
        data = read_bytes(path, max_bytes)
        yield parse_html(data, id=path.stem, path=str(path), max_chars=max_chars)
    except NotAnArticle as skip:
        yield Skipped(str(path), skip.reason)
