r"""The plumbing every article format shares: bytes in, clean text and Article out.

Article files come from scrapers, mail archives and old Windows desktops, so
their bytes are not to be trusted. Each format module (:mod:`.text`,
:mod:`.html`, :mod:`.jsonl`, :mod:`.table`) only *parses*; this module owns
the rest, in the order a file goes through it:

1. :func:`read_bytes` opens and reads a file under a size limit; an empty,
   oversized or unreadable file becomes a :class:`NotAnArticle`. A file too
   big to hold an article under the length cap (``max_chars``, checked on
   the decoded text by :func:`check_length`) is refused unread, so a huge
   file never costs more memory than a few times the cap.
2. :func:`sniff_encoding` picks a codec: a byte-order mark wins (UTF-8,
   UTF-16 and UTF-32, either byte order), then strict UTF-8, then a charset
   the document itself declares, then a guess. The guess prefers
   Windows-1252 (which also reads Latin-1) for text that looks Western,
   because charset-normalizer alone often names a sibling code page for
   short French or Spanish text ("très" read as "trčs"), and a DOS or Mac
   code page (cp850, mac_latin2) for accent-heavy text, which web pages and
   feeds never were in; a stray byte Windows-1252 leaves undefined does not
   change that. Otherwise charset-normalizer's best match is taken. A sample
   that is mostly control bytes is a ``binary file``.
3. :func:`decode_bytes` decodes with that codec; :func:`repair_text` removes
   NULs and other control characters, turns every newline into ``\n`` and
   lets ftfy repair mojibake (``waitâ€¦`` -> ``wait…``) without touching
   curly quotes or full-width letters.
4. :func:`make_article` (and :func:`record_to_article` for feed lines and
   table rows) builds the frozen :class:`~geostrikes.model.Article`.
   Character offsets refer to the text the Article holds, so nothing after
   this point changes it. Records that carry their own toponym ``spans``
   keep their text exactly as given, only decoded, so the spans stay valid.

Whatever cannot become an Article is reported as a :class:`Skipped` value
that the reader hands to its ``on_skip`` callback; the format modules raise
:class:`NotAnArticle` internally and turn it into one.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import datetime as dt
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from geostrikes.model import Article

if TYPE_CHECKING:  # pragma: no cover
    import ftfy
    from charset_normalizer.models import CharsetMatch

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "SAMPLE_BYTES",
    "InputWarning",
    "Skipped",
    "NotAnArticle",
    "Metadata",
    "read_bytes",
    "check_size",
    "check_length",
    "read_limited",
    "sniff_encoding",
    "decode_bytes",
    "text_stream",
    "looks_binary",
    "repair_text",
    "parse_published",
    "metadata_from_strings",
    "parse_spans",
    "make_article",
    "record_to_article",
]

DEFAULT_MAX_BYTES = 50_000_000
"""Largest article, in bytes, that is read; larger ones are skipped."""

DEFAULT_MAX_CHARS = 1_000_000
"""Longest article text, in characters, that is read; longer ones are skipped.

Processing time grows faster than linearly with an article's length, and no
news article comes near a million characters (a long one has 20,000).
"""

# No codec spends more than four bytes on a character (a BOM aside), so a
# file over this many bytes per allowed character is certainly too long.
_MAX_BYTES_PER_CHAR = 4
_BOM_BYTES = 4

SAMPLE_BYTES = 65_536
"""How much of a file the encoding and binary sniffers look at."""

PRECISIONS = ("day", "month", "year")

# C0 controls except tab, newline, form feed and carriage return, plus DEL.
_CONTROL_BYTES = frozenset([*range(0, 9), 11, *range(14, 32), 127])
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BINARY_RATIO = 0.10
# Western European prose has a few accented letters per word at most; Cyrillic
# or Greek read through Windows-1252 is nearly all accented "letters".
_WESTERN_MAX_NON_ASCII = 0.30
_BOMS = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Labels that in practice mean Windows-1252, as browsers (WHATWG) read them.
_WINDOWS_1252_ALIASES = frozenset({"latin_1", "iso8859_1", "ascii", "cp1252"})
# The five bytes Windows-1252 maps to no character.
_WINDOWS_1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


class InputWarning(UserWarning):
    """Warns that an input was skipped or changed while reading articles."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that did not become an article, and why.

    Parameters
    ----------
    where : str
        The file, ``file:line`` or folder that was skipped.
    reason : str
        What was wrong with it, e.g. ``"binary file"`` or ``"empty"``.

    Examples
    --------
    >>> str(Skipped("feed.jsonl:3", "not JSON"))
    'skipped feed.jsonl:3: not JSON'
    """

    where: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.where}: {self.reason}"


class NotAnArticle(Exception):
    """Raised inside the ingest stage when an input cannot become an Article.

    Parameters
    ----------
    reason : str
        Why, in a few words; becomes :attr:`Skipped.reason`.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Metadata:
    """Source metadata that a file, a record or a sidecar row gives an article.

    Fields left as None leave the article's own value in place.

    Examples
    --------
    >>> Metadata(title="Raid").apply(Article(id="a", text="x", title="old")).title
    'Raid'
    """

    title: str | None = None
    published: dt.date | None = None
    published_precision: str | None = None
    outlet: str | None = None
    url: str | None = None

    def apply(self, article: Article) -> Article:
        """Return ``article`` with every field this metadata sets replaced."""
        changes = {
            field.name: getattr(self, field.name)
            for field in dataclasses.fields(self)
            if getattr(self, field.name) is not None
        }
        return dataclasses.replace(article, **changes) if changes else article


# ---------------------------------------------------------------- reading


def check_size(size: int, max_bytes: int) -> None:
    """Raise :class:`NotAnArticle` when ``size`` is over the limit.

    Examples
    --------
    >>> check_size(10, 100)
    """
    if size > max_bytes:
        raise NotAnArticle(
            f"larger than the size limit ({size:,} > {max_bytes:,} bytes); "
            "raise max_bytes to read it"
        )


def check_length(length: int, max_chars: int, unit: str = "characters") -> None:
    """Raise :class:`NotAnArticle` when a text of ``length`` is over the length cap.

    Parameters
    ----------
    length : int
        The text's length, or (with ``unit="bytes"``) the size of a file so
        big that its text must be over the cap.
    max_chars : int
        The cap, in characters.
    unit : str
        What ``length`` counts, for the message.

    Examples
    --------
    >>> check_length(1_000, 1_000)
    >>> check_length(1_001, 1_000)
    Traceback (most recent call last):
    ...
    geostrikes.ingest.base.NotAnArticle: text longer than the cap of 1,000 characters (1,001 characters); raise max_chars (--max-chars) to read it
    """  # noqa: E501 - a doctest's expected output is one line
    if length > max_chars:
        raise NotAnArticle(
            f"text longer than the cap of {max_chars:,} characters ({length:,} {unit}); "
            "raise max_chars (--max-chars) to read it"
        )


def read_bytes(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int | None = None
) -> bytes:
    """Read a whole file, refusing empty, oversized and unreadable ones.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    max_bytes : int
        Size limit; the file's size is checked before anything is read.
    max_chars : int, optional
        Length cap of the text the file is to hold: a file larger than any
        text under the cap can be is refused before it is read.

    Returns
    -------
    bytes
        The file's contents.

    Raises
    ------
    NotAnArticle
        With reason ``"empty"``, a size-limit or length-cap message, or why it
        cannot be read.

    Examples
    --------
    >>> read_bytes(Path("seeds/000_8f5fee30c03d4b84.txt"))[:2]  # doctest: +SKIP
    b'US'
    """
    try:
        with path.open("rb") as stream:
            return read_limited(stream, max_bytes, max_chars)
    except OSError as error:
        raise NotAnArticle(f"cannot read: {error.strerror or error}") from error


def _check_read_size(size: int, max_bytes: int, max_chars: int | None) -> None:
    if max_chars is not None and size > _MAX_BYTES_PER_CHAR * max_chars + _BOM_BYTES:
        check_length(size, max_chars, unit="bytes")
    check_size(size, max_bytes)


def read_limited(stream: BinaryIO, max_bytes: int, max_chars: int | None = None) -> bytes:
    """Read a binary stream whole, under the limits of :func:`read_bytes`.

    At most one byte past the lower limit is ever read, so pipes and special
    files, which report no size, cannot make it read more.

    Examples
    --------
    >>> read_limited(io.BytesIO(b"Raid on Kalsu"), 100)
    b'Raid on Kalsu'
    """
    try:
        size = os.fstat(stream.fileno()).st_size
    except (OSError, AttributeError, io.UnsupportedOperation):
        size = 0
    limit = max_bytes
    if max_chars is not None:
        limit = min(max_bytes, _MAX_BYTES_PER_CHAR * max_chars + _BOM_BYTES)
    _check_read_size(size, max_bytes, max_chars)
    # Pipes and special files report no size: read one byte past the limit.
    data = stream.read(limit + 1)
    _check_read_size(len(data), max_bytes, max_chars)
    if not data.strip():
        raise NotAnArticle("empty")
    return data


# --------------------------------------------------------------- decoding


def looks_binary(sample: bytes) -> bool:
    """Whether a byte sample is mostly control bytes rather than text.

    Examples
    --------
    >>> looks_binary(b"Strike on Kalsu base"), looks_binary(bytes(range(32)) * 4)
    (False, True)
    """
    if not sample:
        return False
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls / len(sample) > _BINARY_RATIO


def _bom_encoding(sample: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding
    return None


def _bomless_utf16(sample: bytes) -> str | None:
    # ASCII-heavy UTF-16 without a BOM has a NUL in every other byte.
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                sample[: len(sample) // 2 * 2].decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
    return None


def _is_utf8(sample: bytes, complete: bool) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def _declared_codec(declared: str | None, sample: bytes) -> str | None:
    if not declared:
        return None
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    if name.replace("-", "_") in _WINDOWS_1252_ALIASES:
        name = "cp1252"
    try:
        sample.decode(name)
    except UnicodeDecodeError:
        return None
    return name


def _looks_western(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return True
    non_ascii = sum(1 for char in letters if not char.isascii())
    return non_ascii / len(letters) <= _WESTERN_MAX_NON_ASCII


def _latin_script(text: str) -> bool:
    return all(
        char.isascii() or unicodedata.name(char, "").startswith("LATIN")
        for char in text
        if char.isalpha()
    )


def _dos_or_mac(encoding: str) -> bool:
    # DOS (cp437, cp850...), EBCDIC and Mac code pages: charset-normalizer
    # names them for accented Western text, which web pages and news feeds
    # never were in.
    number = encoding[2:] if encoding.startswith("cp") else ""
    return encoding.startswith("mac_") or (number.isdigit() and int(number) < 1000)


def _prefer_windows_1252(best: CharsetMatch | None, western: str) -> bool:
    """Whether a Windows-1252 reading beats charset-normalizer's best guess."""
    if best is None or str(best) == western:
        return True
    from charset_normalizer.md import mess_ratio

    reading = str(best)
    if not _latin_script(reading):
        # A Cyrillic or Greek reading of mostly-ASCII text is charset-normalizer's
        # short-sample noise; of mostly non-ASCII letters, it is right.
        return _looks_western(western)
    if _dos_or_mac(best.encoding):
        return True
    # Only another Windows or ISO Latin code page that reads cleaner beats
    # Windows-1252 (Polish in Windows-1250, say).
    return _looks_western(western) and mess_ratio(reading, maximum_threshold=1.0) >= mess_ratio(
        western, maximum_threshold=1.0
    )


def _best_match(sample: bytes) -> CharsetMatch | None:
    from charset_normalizer import from_bytes

    # A guess of UTF-16/32 without a BOM is charset-normalizer's last resort
    # for odd bytes, never what an article file is.
    matches = [m for m in from_bytes(sample) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        return None
    # A Windows or ISO code page that reads as cleanly beats a DOS or Mac one
    # (cp1251 over mac_cyrillic); matches come cleanest first.
    for match in matches:
        if not _dos_or_mac(match.encoding) and match.chaos <= matches[0].chaos:
            return match
    return matches[0]


def _guess_legacy(sample: bytes) -> str:
    best = _best_match(sample)
    # A stray byte that Windows-1252 leaves undefined is damage in Western
    # text, not a sign of another code page; it decodes to U+FFFD.
    strays = sum(sample.count(byte) for byte in _WINDOWS_1252_UNDEFINED)
    if strays <= 1 + len(sample) // 1000:
        western = sample.decode("cp1252", errors="replace")
        if _prefer_windows_1252(best, western):
            return "cp1252"
    if best is not None:
        return best.encoding
    # Latin-1 maps every byte, so text is never dropped for want of a codec.
    return "latin-1"


def sniff_encoding(sample: bytes, *, declared: str | None = None, complete: bool = True) -> str:
    r"""Choose the codec to decode an article's bytes with.

    Parameters
    ----------
    sample : bytes
        The whole input, or its first bytes.
    declared : str, optional
        A charset the document names itself (an HTML ``<meta charset>``);
        used when the bytes are not UTF-8 but do decode with it.
    complete : bool
        False when ``sample`` is only the head of a stream and may end in the
        middle of a character.

    Returns
    -------
    str
        A codec name for :meth:`bytes.decode`.

    Raises
    ------
    NotAnArticle
        ``"binary file"`` when the sample is mostly control bytes.

    Examples
    --------
    >>> sniff_encoding("café".encode()), sniff_encoding("café".encode("latin-1"))
    ('utf-8', 'cp1252')
    >>> sniff_encoding("\ufeffcafé".encode("utf-16-le"))
    'utf-16'
    """
    bom = _bom_encoding(sample)
    if bom:
        return bom
    head = sample[:SAMPLE_BYTES]
    utf16 = _bomless_utf16(head)
    if utf16:
        return utf16
    if looks_binary(head):
        raise NotAnArticle("binary file")
    if _is_utf8(sample, complete):
        return "utf-8"
    codec = _declared_codec(declared, head if not complete else sample[: 4 * SAMPLE_BYTES])
    return codec or _guess_legacy(head)


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    r"""Decode an article's bytes robustly (see :func:`sniff_encoding`).

    Bytes the chosen codec cannot map become U+FFFD rather than an error.

    Examples
    --------
    >>> decode_bytes(b"\x93caf\xe9\x94 \x80 5")
    '“café” € 5'
    >>> decode_bytes(b"\xef\xbb\xbfStrike")
    'Strike'
    """
    codec = sniff_encoding(data, declared=declared)
    return data.decode(codec, errors="replace")


@contextlib.contextmanager
def text_stream(
    stream: io.BufferedReader, *, newline: str | None = None
) -> Iterator[io.TextIOWrapper]:
    r"""Read a binary stream as text, with the codec sniffed from its head.

    Used by the formats that read a file line by line or row by row; later
    bytes the codec cannot map become U+FFFD. On leaving the ``with`` block
    the binary stream is handed back open: it belongs to the caller, and
    may be standard input.

    Parameters
    ----------
    stream : io.BufferedReader
        An open binary stream that supports ``peek``.
    newline : str, optional
        As for :func:`open`; the csv module wants ``""``.

    Raises
    ------
    NotAnArticle
        ``"empty"`` or ``"binary file"``, on entering the block.

    Examples
    --------
    >>> with text_stream(io.BufferedReader(io.BytesIO(b"a\r\nb"))) as text:
    ...     text.read()
    'a\nb'
    """
    head = stream.peek(SAMPLE_BYTES)[:SAMPLE_BYTES]
    if not head.strip():
        raise NotAnArticle("empty")
    codec = sniff_encoding(head, complete=False)
    wrapper = io.TextIOWrapper(stream, encoding=codec, errors="replace", newline=newline)
    try:
        yield wrapper
    finally:
        if not wrapper.closed:
            wrapper.detach()


# ----------------------------------------------------------------- repair


def _ftfy_config() -> ftfy.TextFixerConfig:
    import ftfy

    return ftfy.TextFixerConfig(
        # Plain text is not HTML: "&amp;" in a .txt is what the author wrote.
        unescape_html=False,
        # The same removal happens for every line in repair_text, ASCII or not.
        remove_terminal_escapes=False,
        # Curly quotes and full-width letters are text, not damage.
        uncurl_quotes=False,
        fix_character_width=False,
        explain=False,
    )


def repair_text(text: str) -> str:
    r"""Clean decoded text: controls out, ``\n`` newlines, mojibake repaired.

    ftfy runs only on lines with non-ASCII characters: mojibake needs them,
    and skipping the rest keeps long articles fast.

    Examples
    --------
    >>> repair_text("Please waitâ€¦\r\nThank\x00 you")
    'Please wait…\nThank you'
    """
    text = _CONTROL_CHARS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if text.isascii():
        return text
    import ftfy

    config = _ftfy_config()
    lines = text.split("\n")
    return "\n".join(line if line.isascii() else ftfy.fix_text(line, config) for line in lines)


# ---------------------------------------------------------------- records


def parse_published(value: str) -> tuple[dt.date, str]:
    """Parse a publication date and say how precise it is.

    Parameters
    ----------
    value : str
        ``YYYY-MM-DD``, an ISO datetime, ``YYYY-MM`` or ``YYYY``.

    Returns
    -------
    (datetime.date, str)
        The date (first day of the month or year when only those are given)
        and its precision: ``day``, ``month`` or ``year``.

    Raises
    ------
    NotAnArticle
        When ``value`` is none of these.

    Examples
    --------
    >>> parse_published("2021-06-28T09:30:00Z")
    (datetime.date(2021, 6, 28), 'day')
    >>> parse_published("2014-12")
    (datetime.date(2014, 12, 1), 'month')
    """
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1), "year"
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return dt.date(int(text[:4]), int(text[5:]), 1), "month"
        try:
            return dt.date.fromisoformat(text), "day"
        except ValueError:
            return dt.datetime.fromisoformat(text).date(), "day"
    except ValueError as error:
        raise NotAnArticle(f"published {value!r} is not an ISO date (YYYY-MM-DD)") from error


def metadata_from_strings(
    *,
    title: str | None = None,
    published: str | None = None,
    published_precision: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Metadata:
    """Build :class:`Metadata` from text fields, parsing and checking dates.

    Raises
    ------
    NotAnArticle
        On an unparsable date or an unknown precision.

    Examples
    --------
    >>> metadata_from_strings(published="2014-12-01", published_precision="month").published
    datetime.date(2014, 12, 1)
    """
    date = precision = None
    if published:
        date, precision = parse_published(published)
    if published_precision:
        precision = published_precision.strip().lower()
        if precision not in PRECISIONS:
            raise NotAnArticle(
                f"published_precision {published_precision!r} is not one of "
                + ", ".join(PRECISIONS)
            )
    return Metadata(
        title=title or None,
        published=date,
        published_precision=precision if date else None,
        outlet=outlet or None,
        url=url or None,
    )


def parse_spans(value: object, length: int) -> tuple[tuple[int, int], ...]:
    """Check given toponym spans against the text they index.

    Parameters
    ----------
    value : object
        ``[[start, end], ...]`` as decoded from JSON, or a JSON string of it.
    length : int
        Length of the text; every span must satisfy
        ``0 <= start < end <= length``.

    Raises
    ------
    NotAnArticle
        Naming the first bad span.

    Examples
    --------
    >>> parse_spans([[0, 4], [10, 15]], 20)
    ((0, 4), (10, 15))
    """
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError) as error:
            raise NotAnArticle(f"spans are not JSON: {value[:40]!r}") from error
    if not isinstance(value, list):
        raise NotAnArticle("spans must be a list of [start, end] pairs")
    spans = []
    for span in value:
        if not (
            isinstance(span, list)
            and len(span) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) for n in span)
        ):
            raise NotAnArticle(f"span {span!r} is not a pair of integers")
        start, end = span
        if not 0 <= start < end <= length:
            raise NotAnArticle(f"span {span!r} is outside the text (length {length})")
        spans.append((start, end))
    return tuple(spans)


def make_article(
    id: str,  # noqa: A002 - the field's name in the model
    text: str,
    *,
    path: str | None = None,
    spans: tuple[tuple[int, int], ...] | None = None,
    metadata: Metadata | None = None,
) -> Article:
    """Build an :class:`~geostrikes.model.Article` from final text.

    Raises
    ------
    NotAnArticle
        ``"empty"`` when the text is blank.

    Examples
    --------
    >>> make_article("a1", "Strike in Erbil", metadata=Metadata(outlet="AP")).outlet
    'AP'
    """
    if not text.strip():
        raise NotAnArticle("empty")
    article = Article(id=id, text=text, path=path, spans=spans)
    return metadata.apply(article) if metadata else article


_RECORD_STRINGS = ("title", "published", "published_precision", "outlet", "url")


def _optional_string(record: Mapping[str, object], name: str) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise NotAnArticle(f"'{name}' is {type(value).__name__}, not a string")
    return value.strip() or None


def _record_id(value: object, fallback: str) -> str:
    if value is None or value == "":
        return fallback
    # Integer ids are common in exported feeds and unambiguous as text.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise NotAnArticle(f"'id' is {type(value).__name__}, not a string")
    return value.strip() or fallback


def record_to_article(
    record: Mapping[str, object],
    *,
    where: str,
    fallback_id: str,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """Build an Article from one feed line or table row.

    Parameters
    ----------
    record : mapping
        Fields ``text`` (required), ``id``, ``title``, ``published``,
        ``published_precision``, ``outlet``, ``url`` and ``spans``;
        None means absent.
    where : str
        ``file:line`` or similar; becomes ``Article.path``.
    fallback_id : str
        The id to use when the record has none.
    max_chars : int
        Length cap of ``text``, in characters.

    Raises
    ------
    NotAnArticle
        On a missing or non-string ``text``, a text over the length cap, a
        non-string field, a bad date or bad spans.

    Examples
    --------
    >>> record_to_article({"id": "a", "text": "Raid on Kalsu", "spans": [[8, 13]]},
    ...                   where="feed.jsonl:1", fallback_id="feed-1").spans
    ((8, 13),)
    """
    text = record.get("text")
    if text is None:
        raise NotAnArticle("no 'text' field")
    if not isinstance(text, str):
        raise NotAnArticle(f"'text' is {type(text).__name__}, not a string")
    check_length(len(text), max_chars)
    article_id = _record_id(record.get("id"), fallback_id)
    strings = {name: _optional_string(record, name) for name in _RECORD_STRINGS}
    metadata = metadata_from_strings(**strings)
    spans = None
    if record.get("spans") is not None:
        spans = parse_spans(record["spans"], len(text))
    else:
        # Without given spans nothing indexes the text yet, so it may be cleaned.
        text = repair_text(text)
    return make_article(article_id, text, path=where, spans=spans, metadata=metadata)
