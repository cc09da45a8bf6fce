import datetime as dt
import io
import json

import pytest

from geostrikes.ingest import InputWarning, read_articles
from geostrikes.ingest.jsonl import parse_document, parse_lines


def read(path, **kwargs):
    skips = []
    articles = list(read_articles(path, on_skip=lambda w, r: skips.append((w, r)), **kwargs))
    return articles, skips


def feed(tmp_path, *lines, name="feed.jsonl"):
    path = tmp_path / name
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


def test_each_line_becomes_an_article_with_its_metadata(tmp_path):
    path = feed(
        tmp_path,
        {
            "id": "a1",
            "text": "Drones struck Kalsu base.",
            "title": "Blast at Kalsu",
            "published": "2024-04-19T22:30:00Z",
            "url": "https://example.org/kalsu",
            "outlet": "Reuters",
        },
        {"id": "a2", "text": "Strike near Erbil.", "published": "2024-04"},
    )
    articles, skips = read(path)
    assert skips == []
    first, second = articles
    assert (first.id, first.title, first.outlet, first.url) == (
        "a1",
        "Blast at Kalsu",
        "Reuters",
        "https://example.org/kalsu",
    )
    assert (first.published, first.published_precision) == (dt.date(2024, 4, 19), "day")
    assert (second.published, second.published_precision) == (dt.date(2024, 4, 1), "month")
    assert (first.path, second.path) == (f"{path}:1", f"{path}:2")


def test_ndjson_extension_is_read(tmp_path):
    path = feed(tmp_path, {"id": "a", "text": "Strike."}, name="feed.ndjson")
    assert [a.id for a in read(path)[0]] == ["a"]


def test_malformed_line_is_skipped_naming_file_and_line(tmp_path):
    path = feed(
        tmp_path,
        {"id": "a", "text": "Strike on Erbil."},
        '{"id": "b", "text": "unterminated',
        {"id": "c", "text": "Strike on Mosul."},
    )
    articles, skips = read(path)
    assert [a.id for a in articles] == ["a", "c"]
    assert [w for w, _ in skips] == [f"{path}:2"]
    assert skips[0][1].startswith("not JSON")


def test_line_that_is_not_an_object_is_skipped(tmp_path):
    path = feed(tmp_path, '["a", "Strike"]', "17", {"id": "c", "text": "Strike."})
    articles, skips = read(path)
    assert [a.id for a in articles] == ["c"]
    assert skips == [
        (f"{path}:1", "expected a JSON object, got list"),
        (f"{path}:2", "expected a JSON object, got int"),
    ]


def test_missing_text_is_skipped(tmp_path):
    path = feed(tmp_path, {"id": "a", "body": "Strike."}, {"id": "b", "text": "Strike."})
    articles, skips = read(path)
    assert [a.id for a in articles] == ["b"]
    assert skips == [(f"{path}:1", "no 'text' field")]


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": "a", "text": 42}, "'text' is int, not a string"),
        ({"id": "a", "text": ["Strike."]}, "'text' is list, not a string"),
        ({"id": "a", "text": "Strike.", "title": 7}, "'title' is int, not a string"),
        ({"id": "a", "text": "Strike.", "url": {"href": "x"}}, "'url' is dict, not a string"),
        ({"id": ["a"], "text": "Strike."}, "'id' is list, not a string"),
        ({"id": "a", "text": "Strike.", "published": 2024}, "'published' is int, not a string"),
    ],
)
def test_non_string_fields_skip_the_line(tmp_path, record, reason):
    path = feed(tmp_path, record, {"id": "ok", "text": "Strike."})
    articles, skips = read(path)
    assert [a.id for a in articles] == ["ok"]
    assert skips == [(f"{path}:1", reason)]


def test_bad_published_date_skips_the_line(tmp_path):
    path = feed(tmp_path, {"id": "a", "text": "Strike.", "published": "last Sunday"})
    assert read(path)[1] == [
        (f"{path}:1", "published 'last Sunday' is not an ISO date (YYYY-MM-DD)")
    ]


def test_duplicate_ids_get_a_suffix_and_a_warning(tmp_path):
    path = feed(
        tmp_path,
        {"id": "a", "text": "First."},
        {"id": "a", "text": "Second."},
        {"id": "a", "text": "Third."},
    )
    with pytest.warns(InputWarning, match="duplicate article id 'a'") as caught:
        articles, skips = read(path)
    assert [a.id for a in articles] == ["a", "a#2", "a#3"]
    assert [a.text for a in articles] == ["First.", "Second.", "Third."]
    assert len(caught) == 2
    assert skips == []


def test_duplicate_suffix_does_not_collide_with_a_given_id(tmp_path):
    path = feed(
        tmp_path, {"id": "a#2", "text": "x"}, {"id": "a", "text": "y"}, {"id": "a", "text": "z"}
    )
    with pytest.warns(InputWarning):
        assert [a.id for a in read(path)[0]] == ["a#2", "a", "a#3"]


def test_spans_are_kept_with_the_text_exactly_as_given(tmp_path):
    text = "Please waitâ€¦\r\nDrones hit Kalsu base."
    start = text.index("Kalsu")
    path = feed(tmp_path, {"id": "a", "text": text, "spans": [[start, start + 5]]})
    [article] = read(path)[0]
    assert article.text == text
    assert article.spans == ((start, start + 5),)
    assert article.text[start : start + 5] == "Kalsu"


def test_text_without_spans_is_repaired(tmp_path):
    path = feed(tmp_path, {"id": "a", "text": "Please waitâ€¦\r\nDrones hit Kalsu."})
    assert read(path)[0][0].text == "Please wait…\nDrones hit Kalsu."


@pytest.mark.parametrize(
    "spans",
    [[[0, 99]], [[3, 1]], [[0, 2.5]], [[0, "2"]], [[0, 1, 2]], "0-2", [[-1, 2]], [[0, False]]],
)
def test_bad_spans_skip_the_line(tmp_path, spans):
    path = feed(tmp_path, {"id": "a", "text": "Strike.", "spans": spans}, {"id": "b", "text": "x"})
    articles, skips = read(path)
    assert [a.id for a in articles] == ["b"]
    assert [w for w, _ in skips] == [f"{path}:1"]


def test_missing_id_defaults_to_stem_and_line(tmp_path):
    path = feed(tmp_path, "", {"text": "Strike."}, name="night.jsonl")
    assert [a.id for a in read(path)[0]] == ["night-2"]


def test_integer_id_is_used_as_text(tmp_path):
    assert [a.id for a in read(feed(tmp_path, {"id": 7, "text": "Strike."}))[0]] == ["7"]


def test_blank_lines_are_ignored(tmp_path):
    path = feed(tmp_path, "", "   ", {"id": "a", "text": "Strike."}, "")
    assert read(path) == ([read(path)[0][0]], [])


def test_unknown_fields_are_ignored(tmp_path):
    path = feed(tmp_path, {"id": "a", "text": "Strike.", "lang": "en", "tags": [1]})
    assert read(path)[1] == []


def test_line_over_the_size_limit_is_skipped_and_the_rest_read(tmp_path):
    path = feed(
        tmp_path,
        {"id": "a", "text": "Strike. " * 200},
        {"id": "b", "text": "Short."},
    )
    articles, skips = read(path, max_bytes=1000)
    assert [a.id for a in articles] == ["b"]
    assert [w for w, _ in skips] == [f"{path}:1"]
    assert "size limit" in skips[0][1]


def test_binary_jsonl_is_skipped_once(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(bytes(range(256)) * 50)
    assert read(path) == ([], [(str(path), "binary file")])


def test_empty_jsonl_is_skipped_as_empty(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n\n")
    assert read(path) == ([], [(str(path), "empty")])


def test_utf16_jsonl_with_bom_is_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = '{"id": "a", "text": "Frappe près de Mossoul"}\r\n{"id": "b", "text": "x"}\r\n'
    path.write_bytes(("\ufeff" + lines).encode("utf-16-le"))
    assert [a.text for a in read(path)[0]] == ["Frappe près de Mossoul", "x"]


def test_escaped_line_separators_stay_inside_the_text(tmp_path):
    path = feed(tmp_path, {"id": "a", "text": "one\u2028two", "spans": [[0, 3]]})
    assert read(path)[0][0].text == "one\u2028two"


# ------------------------------------------------------------------- .json


def test_json_list_of_articles_is_read(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"id": "a", "text": "x"}, {"text": "y"}, "junk"]))
    articles, skips = read(path)
    assert [(a.id, a.path) for a in articles] == [("a", f"{path}[0]"), ("batch-1", f"{path}[1]")]
    assert skips == [(f"{path}[2]", "expected a JSON object, got str")]


def test_json_single_object_is_one_article(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": "Strike.", "title": "T"}))
    [article] = read(path)[0]
    assert (article.id, article.title, article.path) == ("one", "T", str(path))


@pytest.mark.parametrize(("content", "reason"), [("42", "expected a list"), ("{oops", "not JSON")])
def test_json_that_is_not_articles_is_skipped(tmp_path, content, reason):
    path = tmp_path / "bad.json"
    path.write_text(content)
    articles, skips = read(path)
    assert articles == []
    assert skips[0][0] == str(path)
    assert skips[0][1].startswith(reason)


def test_deeply_nested_json_is_skipped_not_raised():
    data = b"[" * 100_000 + b"]" * 100_000
    assert [str(s) for s in parse_document(data, where="x.json", stem="x")] == [
        "skipped x.json: not JSON (nested too deeply)"
    ]


def test_parse_lines_reads_any_binary_stream():
    stream = io.BufferedReader(io.BytesIO(b'{"id": "a", "text": "Strike."}\n'))
    assert [a.id for a in parse_lines(stream, where="s", stem="s")] == ["a"]


def test_json_empty_list_is_skipped(tmp_path):
    path = tmp_path / "none.json"
    path.write_text("[]")
    assert read(path) == ([], [(str(path), "an empty list")])


def test_text_over_the_length_cap_skips_the_line_and_the_rest_is_read(tmp_path):
    path = feed(tmp_path, {"id": "a", "text": "x" * 101}, {"id": "b", "text": "Strike."})
    articles, skips = read(path, max_chars=100)
    assert [a.id for a in articles] == ["b"]
    assert skips == [(f"{path}:1", "text longer than the cap of 100 characters "
                      "(101 characters); raise max_chars (--max-chars) to read it")]


def test_json_list_item_over_the_length_cap_is_skipped(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": "x" * 101}, {"text": "Strike."}]), encoding="utf-8")
    articles, skips = read(path, max_chars=100)
    assert [a.id for a in articles] == ["list-1"]
    assert [where for where, _ in skips] == [f"{path}[0]"]
