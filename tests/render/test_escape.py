"""Article text never runs: escaping for HTML, links and script data."""

from __future__ import annotations

import doctest
import html
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geostrikes.render import escape as esc
from geostrikes.render.escape import (
    Markup,
    css_color,
    escape,
    format_html,
    join_html,
    js_json,
    link,
    safe_url,
)

HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "</script><script>window.__pwned=1</script>",
    "`${window.__pwned=1}`",
    "<!--<script>",
    "a\\u0022b",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{% for x in range(3) %}X{% endfor %}{# c #}",
]


def test_module_examples():
    assert doctest.testmod(esc).failed == 0


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_leaves_no_markup_or_template_literal_syntax(text):
    out = escape(text)
    for char in "<>\"'`$\\{":
        assert char not in out
    assert html.unescape(out) == text


def test_escape_none_nan_and_markup():
    assert escape(None) == ""
    assert escape(float("nan")) == ""
    safe = Markup("<b>x</b>")
    assert escape(safe) is safe
    assert escape(3) == "3"


def test_escape_drops_control_characters():
    assert escape("a\x00b\x07c\td\ne") == "abc\td\ne"


def test_format_html_escapes_values_not_the_template():
    out = format_html('<td class="q">{}</td><td>{n}</td>', "<i>", n=Markup("<b>ok</b>"))
    assert out == '<td class="q">&lt;i&gt;</td><td><b>ok</b></td>'
    assert isinstance(out, Markup)


def test_join_html_escapes_plain_items_only():
    assert join_html(", ", ["<a>", Markup("<b>")]) == "&lt;a&gt;, <b>"


@pytest.mark.parametrize("url", [
    "https://example.org/a?b=1&c=2", "http://example.org", "HTTPS://EXAMPLE.ORG/x",
])
def test_safe_url_accepts_absolute_http(url):
    assert safe_url(url) == url


@pytest.mark.parametrize("url", [
    "javascript:window.__pwned=1", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
    "java\tscript:alert(1)", "java\nscript:alert(1)", "data:text/html,<script>x()</script>",
    "vbscript:msgbox(1)", "//evil.example/x", "https:evil", "/relative/path", "ftp://x.org/f",
    "https://exa mple.org", "", None, 42,
])
def test_safe_url_refuses_everything_else(url):
    assert safe_url(url) is None


def test_link_to_http_opens_in_new_tab_without_opener():
    out = link("https://example.org/?a=1&b=<2>", 'Title "quoted"')
    assert out.startswith('<a href="https://example.org/?a=1&amp;b=&lt;2&gt;"')
    assert 'rel="noopener noreferrer nofollow"' in out
    assert "Title &quot;quoted&quot;" in out


def test_javascript_url_becomes_visible_text():
    out = link("javascript:window.__pwned=1", "<img src=x onerror=alert(1)>")
    assert "<a" not in out and "href" not in out
    assert "javascript:window.__pwned=1" in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out


def test_link_without_text_shows_the_address():
    assert link("https://example.org").count("https://example.org") == 2
    assert link("javascript:x()") == "javascript:x()"
    assert link(None) == ""


@pytest.mark.parametrize("text", HOSTILE)
def test_js_json_cannot_end_a_script(text):
    out = js_json({"quote": text, "list": [text]})
    assert "<" not in out and ">" not in out and "&" not in out
    assert not re.search(r"\{[{%#]", out)
    assert json.loads(out) == {"quote": text, "list": [text]}


def test_js_json_line_separators_nan_and_numpy():
    np = pytest.importorskip("numpy")
    out = js_json(["\u2028\u2029", float("nan"), np.int64(3), {"a": float("inf")}])
    assert "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == ["\u2028\u2029", None, 3, {"a": None}]


def test_js_json_refuses_unknown_objects():
    with pytest.raises(TypeError):
        js_json(object())


def test_css_color_accepts_only_hex():
    assert css_color("#0072b2") == "#0072b2"
    for bad in ("red", "#fff", "#0072B2;background:url(x)", "expression(alert(1))", None):
        with pytest.raises(ValueError):
            css_color(bad)


@given(st.text())
def test_escaped_text_round_trips_and_has_no_markup(text):
    out = escape(text)
    assert not set(out) & set("<>\"'`$\\{")
    assert html.unescape(out) == esc._CONTROL.sub("", text)


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
                    max_leaves=20))
def test_js_json_round_trips_any_json(value):
    out = js_json(value)
    assert "</" not in out and not re.search(r"\{[{%#]", out)
    assert json.loads(out) == value
