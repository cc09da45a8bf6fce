import csv
import datetime as dt
from pathlib import Path

import pytest

from geostrikes.ingest import read_articles
from geostrikes.ingest.table import read_sidecar

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def read(path, **kwargs):
    skips = []
    articles = list(read_articles(path, on_skip=lambda w, r: skips.append((w, r)), **kwargs))
    return articles, skips


def table(tmp_path, *rows, name="batch.csv"):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(rows)
    return path


def test_rows_become_articles_with_their_metadata(tmp_path):
    path = table(
        tmp_path,
        ["id", "text", "title", "published", "published_precision", "outlet", "url", "notes"],
        ["a1", "Drones struck Kalsu base.", "Blast", "2024-04-19", "", "Reuters", "u1", "x"],
        ["a2", "Strike near Erbil.", "", "2024-04-01", "month", "", "", ""],
    )
    articles, skips = read(path)
    assert skips == []
    first, second = articles
    assert (first.id, first.title, first.outlet, first.url, first.path) == (
        "a1",
        "Blast",
        "Reuters",
        "u1",
        f"{path}:2",
    )
    assert (first.published, first.published_precision) == (dt.date(2024, 4, 19), "day")
    assert (second.title, second.outlet, second.published_precision) == (None, None, "month")


def test_ragged_rows_are_skipped_naming_the_row(tmp_path):
    path = table(
        tmp_path,
        ["id", "text"],
        ["a", "Strike on Erbil."],
        ["b", "Strike on Mosul.", "stray"],
        ["c"],
        ["d", "Strike on Kirkuk."],
    )
    articles, skips = read(path)
    assert [a.id for a in articles] == ["a", "d"]
    assert skips == [
        (f"{path}:3", "row 2 has 3 fields, the header has 2"),
        (f"{path}:4", "row 3 has 1 fields, the header has 2"),
    ]


def test_blank_lines_between_rows_are_ignored(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_text("id,text\n\na,Strike.\n\n")
    assert read(path)[1] == []


def test_table_without_text_column_is_skipped(tmp_path):
    path = table(tmp_path, ["id", "body"], ["a", "Strike."])
    assert read(path) == (
        [],
        [(str(path), "no 'text' column (expected id,text,title,published,...)")],
    )


def test_header_names_are_matched_loosely(tmp_path):
    path = table(tmp_path, [" ID ", "Text"], ["a", "Strike."])
    assert [a.id for a in read(path)[0]] == ["a"]


def test_fields_larger_than_the_csv_default_are_read(tmp_path):
    long_text = "Strike on Erbil. " * 20_000  # 340 kB, over csv's 128 kB default
    path = table(tmp_path, ["id", "text"], ["a", long_text])
    assert read(path)[0][0].text == long_text


def test_row_over_the_size_limit_is_skipped_and_the_rest_read(tmp_path):
    path = table(tmp_path, ["id", "text"], ["a", "x" * 700], ["b", "Strike."])
    articles, skips = read(path, max_bytes=600)
    assert [a.id for a in articles] == ["b"]
    assert skips[0][0] == f"{path}:2"


@pytest.fixture
def default_csv_field_limit():
    """Put the process-wide csv limit back to its default, then restore it."""
    saved = csv.field_size_limit(131_072)
    yield 131_072
    csv.field_size_limit(saved)


def test_field_beyond_the_csv_limit_ends_the_table_with_a_skip(tmp_path, default_csv_field_limit):
    huge = "x" * (default_csv_field_limit + 10)
    path = table(tmp_path, ["id", "text"], ["a", "Strike."], ["b", huge], ["c", "y"])
    articles, skips = read(path, max_bytes=1000)
    assert [a.id for a in articles] == ["a"]
    assert skips == [
        (f"{path}:3", "field larger than field limit (131072); the rest of the file is skipped")
    ]


def test_quoted_newlines_are_kept_and_normalised(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_bytes(b'id,text\r\na,"Strike on Erbil.\r\nTwo dead."\r\n')
    assert read(path)[0][0].text == "Strike on Erbil.\nTwo dead."


def test_spans_column_is_json(tmp_path):
    path = table(tmp_path, ["id", "text", "spans"], ["a", "Raid on Kalsu\r\n", "[[8, 13]]"])
    [article] = read(path)[0]
    assert article.spans == ((8, 13),)
    assert article.text == "Raid on Kalsu\r\n"  # kept as given, so the spans stay valid


def test_bad_spans_cell_skips_the_row(tmp_path):
    path = table(tmp_path, ["id", "text", "spans"], ["a", "Raid", "8-13"], ["b", "Raid", ""])
    articles, skips = read(path)
    assert [a.id for a in articles] == ["b"]
    assert skips == [(f"{path}:2", "spans are not JSON: '8-13'")]


def test_missing_id_defaults_to_stem_and_row(tmp_path):
    path = table(tmp_path, ["id", "text"], ["", "Strike."], name="night.csv")
    assert [a.id for a in read(path)[0]] == ["night-1"]


def test_windows1252_table_is_decoded(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_bytes(b"id,text\na,\x93Frappe\x94 pr\xe8s de Mossoul \x80\n")
    assert read(path)[0][0].text == "“Frappe” près de Mossoul €"


def test_binary_csv_is_skipped(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_bytes(bytes(range(256)) * 50)
    assert read(path) == ([], [(str(path), "binary file")])


# ----------------------------------------------------------------- sidecar


def test_seed_sidecar_gives_metadata_by_article_id():
    sidecar = read_sidecar(SEEDS / "articles.csv")
    assert sidecar.problems == ()
    assert len(sidecar.metadata) == 5
    meta = sidecar.metadata["001_b27fcc0f9643330e"]
    assert (meta.published, meta.published_precision) == (dt.date(2014, 12, 1), "month")
    assert meta.outlet is None


def test_sidecar_rows_with_bad_values_are_problems(tmp_path):
    path = table(
        tmp_path,
        ["article_id", "title", "published"],
        ["a", "Raid", "2020-02-30"],
        ["b", "Raid"],
        ["", "No id", ""],
        ["c", "Raid", "2020-02-03"],
        ["c", "Again", ""],
        name="articles.csv",
    )
    sidecar = read_sidecar(path)
    assert list(sidecar.metadata) == ["c"]
    assert sidecar.lines == {"c": 5}
    assert [p.where for p in sidecar.problems] == [f"{path}:{n}" for n in (2, 3, 4, 6)]


def test_sidecar_without_article_id_column_is_one_problem(tmp_path):
    path = table(tmp_path, ["id", "title"], ["a", "Raid"], name="articles.csv")
    sidecar = read_sidecar(path)
    assert sidecar.metadata == {}
    assert [str(p) for p in sidecar.problems] == [
        f"skipped {path}: metadata sidecar has no article_id column"
    ]


@pytest.mark.parametrize("content", [b"", bytes(range(32)) * 20])
def test_unusable_sidecar_is_one_problem(tmp_path, content):
    path = tmp_path / "articles.csv"
    path.write_bytes(content)
    assert len(read_sidecar(path).problems) == 1


def test_table_with_only_a_header_is_skipped(tmp_path):
    path = table(tmp_path, ["id", "text"])
    assert read(path) == ([], [(str(path), "no rows under the header")])


def test_row_over_the_length_cap_is_skipped_naming_its_line(tmp_path):
    path = table(tmp_path, ["id", "text"], ["a", "Strike."], ["b", "é" * 101], ["c", "Raid."])
    articles, skips = read(path, max_chars=100)
    assert [a.id for a in articles] == ["a", "c"]
    assert [where for where, _ in skips] == [f"{path}:3"]
    assert "cap of 100 characters (101 characters)" in skips[0][1]
