r"""The one escaping path from untrusted article text to HTML and JavaScript.

Everything a map shows that came from an article (actor names, places,
quotes, titles, outlets, URLs) is hostile until proven otherwise: an article
can contain ``<script>``, ``<img onerror=...>``, ``javascript:`` links or a
bare ``</script>`` that would end the map's own script. Map code therefore
never concatenates article text into markup. It builds markup with
:func:`format_html` (which escapes every argument that is not already
:class:`Markup`), links with :func:`link` (http and https only), and puts
data into ``<script>`` blocks with :func:`js_json`.

Escaped text is also safe inside a JavaScript template literal, which is how
folium embeds popup and tooltip HTML (the backtick, ``$`` and the backslash
become character references as well), and inside folium's rendered output,
which branca compiles again as a Jinja template: ``{`` is escaped in HTML
and ``{{``, ``{%`` and ``{#`` in script data, or an article saying
``{{ ... }}`` would run Python on the analyst's machine.

Examples
--------
>>> format_html("<b>{}</b> said {}", "Iran", "<script>x()</script>")
'<b>Iran</b> said &lt;script&gt;x()&lt;/script&gt;'
>>> link("javascript:alert(1)", "click")
'click <span class="gs-url">javascript:alert(1)</span>'
>>> js_json({"quote": "</script>"})
'{"quote":"\\u003c/script\\u003e"}'
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

__all__ = ["Markup", "escape", "format_html", "join_html", "link", "safe_url", "js_json",
           "css_color"]

# "&" first, so the references added after it are not escaped again.
_HTML_ESCAPES = (
    ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"),
    # Folium puts popup and tooltip HTML in JavaScript template literals.
    ("`", "&#96;"), ("$", "&#36;"), ("\\", "&#92;"),
    # Branca compiles rendered output as a Jinja template again: no "{{" or "{%".
    ("{", "&#123;"),
)
# C0 controls (but tab, newline, carriage return) and DEL have no business in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NEEDS_ESCAPE = re.compile(r"[&<>\"'`$\\{\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_URL_BREAKERS = re.compile(r"[\s\x00-\x1f\x7f]")
_JS_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"),
               ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
# Folium's rendered output is compiled again as a Jinja template by branca, so
# "{{", "{%" and "{#" from an article would run as template code. In JSON they
# can only occur inside strings, where a \u escape means the same.
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_LINK_SCHEMES = frozenset({"http", "https"})


class Markup(str):
    """A string of HTML that is safe to insert as it is.

    Only :func:`escape`, :func:`format_html`, :func:`join_html` and
    :func:`link` should create one; wrapping article text in ``Markup``
    directly defeats the escaping.
    """

    __slots__ = ()

    def __html__(self) -> Markup:
        # The protocol Jinja and MarkupSafe use to recognise safe markup.
        return self


def escape(value: Any) -> Markup:
    r"""Escape a value for HTML text or a double-quoted attribute.

    Parameters
    ----------
    value : object
        Anything; ``None`` becomes the empty string, :class:`Markup` is
        returned unchanged, other values go through ``str``.

    Returns
    -------
    Markup
        The text with ``& < > " ' ` $ \ {`` replaced by character references
        and control characters removed.

    Examples
    --------
    >>> escape('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    >>> escape(None)
    ''
    """
    if isinstance(value, Markup):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Markup("")
    text = str(value)
    if _NEEDS_ESCAPE.search(text) is None:
        return Markup(text)
    text = _CONTROL.sub("", text)
    for char, reference in _HTML_ESCAPES:
        text = text.replace(char, reference)
    return Markup(text)


def format_html(template: str, *args: Any, **kwargs: Any) -> Markup:
    """Fill a trusted HTML template with escaped values.

    Parameters
    ----------
    template : str
        Markup written in the code, with ``str.format`` fields. Never build
        it from article text.
    *args, **kwargs
        Values for the fields; each is passed through :func:`escape`.

    Returns
    -------
    Markup

    Examples
    --------
    >>> format_html('<td title="{t}">{v}</td>', t='"quoted"', v="a < b")
    '<td title="&quot;quoted&quot;">a &lt; b</td>'
    """
    return Markup(template.format(*(escape(a) for a in args),
                                  **{k: escape(v) for k, v in kwargs.items()}))


def join_html(separator: Any, items: Iterable[Any]) -> Markup:
    """Join values with a separator, escaping each that is not :class:`Markup`.

    Examples
    --------
    >>> join_html(Markup("<br>"), ["a&b", Markup("<i>c</i>")])
    'a&amp;b<br><i>c</i>'
    """
    return Markup(escape(separator).join(escape(item) for item in items))


def safe_url(url: Any) -> str | None:
    r"""Return the URL if it may become a link (absolute http or https), else None.

    Anything with whitespace or control characters inside is refused too:
    browsers strip them, so ``"java\tscript:"`` would still run.

    Examples
    --------
    >>> safe_url("https://example.org/a?b=1")
    'https://example.org/a?b=1'
    >>> safe_url("javascript:alert(1)") is None
    True
    >>> safe_url("data:text/html,<script>alert(1)</script>") is None
    True
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or _URL_BREAKERS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _LINK_SCHEMES or not parts.netloc:
        return None
    return url


def link(url: Any, text: Any = None) -> Markup:
    """Make a link that opens in a new tab, or plain text unless the URL is http(s).

    Parameters
    ----------
    url : str
        The address, from an article or feed.
    text : str, optional
        Link text; defaults to the URL.

    Returns
    -------
    Markup
        ``<a href=...>`` for http and https URLs; otherwise the text followed
        by the address as inert text, so a reader still sees where it pointed.

    Examples
    --------
    >>> link("https://example.org/x", "Title")
    '<a href="https://example.org/x" target="_blank" rel="noopener noreferrer nofollow">Title</a>'
    >>> link(None, "Title")
    'Title'
    """
    good = safe_url(url)
    label = text if text not in (None, "") else url
    if good is not None:
        return format_html('<a href="{}" target="_blank" rel="noopener noreferrer nofollow">{}</a>',
                           good, label)
    if url in (None, "") or label is url:
        return escape(label)
    return format_html('{} <span class="gs-url">{}</span>', label, url)


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def js_json(value: Any) -> str:
    r"""Encode JSON for a ``<script>`` block: no character in it can end the script.

    ``<``, ``>``, ``&`` and ``'`` become ``\u`` escapes, so
    ``</script>`` and ``<!--`` in article text stay inside the string;
    U+2028/U+2029 are escaped for older JavaScript parsers. NaN and
    infinities become ``null``.

    Parameters
    ----------
    value : object
        Anything :func:`json.dumps` accepts.

    Returns
    -------
    str
        Compact JSON.

    Examples
    --------
    >>> js_json(["a</script><script>x()</script>", float("nan")])
    '["a\\u003c/script\\u003e\\u003cscript\\u003ex()\\u003c/script\\u003e",null]'
    """
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                          default=_default)
    except ValueError:
        # Rare (a NaN somewhere): pay for the deep copy only then.
        text = json.dumps(_finite(value), ensure_ascii=False, separators=(",", ":"),
                          allow_nan=False, default=_default)
    for char, escaped in _JS_ESCAPES:
        text = text.replace(char, escaped)
    return _JINJA_OPEN.sub(r"\\u007b", text)


def _default(value: Any) -> Any:
    # numpy scalars and other number-likes, which json does not know.
    if hasattr(value, "item"):
        return _finite(value.item())
    raise TypeError(f"cannot put {type(value).__name__} into map data")


def css_color(value: str) -> str:
    """Check that a colour is ``#RRGGBB`` before it goes into a style attribute.

    Raises
    ------
    ValueError
        For anything else: colours are never taken from articles, so this
        is a programming error.

    Examples
    --------
    >>> css_color("#0072B2")
    '#0072B2'
    """
    if not isinstance(value, str) or not _HEX_COLOUR.fullmatch(value):
        raise ValueError(f"not a #RRGGBB colour: {value!r}")
    return value
