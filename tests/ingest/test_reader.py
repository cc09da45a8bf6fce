import codecs
import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geostrikes
from geostrikes.errors import InputError
from geostrikes.ingest import InputWarning, Skipped, read_articles
from geostrikes.ingest import text as text_format
from geostrikes.model import Article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def read(inputs, **kwargs):
    skips = []
    articles = list(read_articles(inputs, on_skip=lambda w, r: skips.append((w, r)), **kwargs))
    return articles, skips


def write(path, data=b"Strike on Erbil."):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def sidecar(folder, *rows):
    path = folder / "articles.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["article_id", "title", "published", "published_precision", "outlet"])
        writer.writerows(rows)
    return path


# ------------------------------------------------------------------- seeds


def test_seeds_are_read_with_their_sidecar_metadata():
    articles, skips = read(SEEDS)
    assert skips == []
    assert [a.id for a in articles] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    by_id = {a.id: a for a in articles}
    first = by_id["000_8f5fee30c03d4b84"]
    assert first.title == "US believes Iran launched air raids on ISIL in Iraq, Tehran denies"
    assert (first.published, first.published_precision) == (dt.date(2014, 12, 3), "day")
    assert first.outlet is None
    reuters = by_id["003_b7933940d2ad0c5a"]
    assert (reuters.outlet, reuters.published) == ("Reuters", dt.date(2021, 6, 28))
    assert by_id["002_6ca58fbd8b0e5b80"].published_precision == "month"
    assert all(isinstance(a.published, dt.date) for a in articles)


def test_seed_mojibake_is_repaired():
    [article] = read(SEEDS / "001_b27fcc0f9643330e.txt")[0]
    assert "Please wait… Thank you" in article.text
    assert "â€" not in article.text


def test_a_file_named_alone_still_gets_its_folders_sidecar_metadata():
    [article] = read(SEEDS / "004_d4370a5304246c3b.txt")[0]
    assert (article.outlet, article.published) == ("The Epoch Times", dt.date(2024, 4, 21))


def test_read_articles_is_served_from_the_package_top():
    assert geostrikes.read_articles is read_articles


# ------------------------------------------------------------ what inputs


def test_missing_path_raises_input_error_before_reading(tmp_path):
    write(tmp_path / "a.txt")
    with pytest.raises(InputError, match="nope.txt does not exist"):
        read_articles([tmp_path / "a.txt", tmp_path / "nope.txt"])


def test_inputs_may_be_a_str_a_path_or_an_iterable_of_them(tmp_path):
    a, b = write(tmp_path / "a.txt"), write(tmp_path / "b.txt")
    assert [x.id for x in read(str(a))[0]] == ["a"]
    assert [x.id for x in read(a)[0]] == ["a"]
    assert [x.id for x in read(x for x in [str(b), a])[0]] == ["b", "a"]


def test_inputs_of_the_wrong_type_are_refused():
    with pytest.raises(TypeError):
        read_articles([42])
    with pytest.raises(TypeError):
        read_articles(b"seeds")


@pytest.mark.parametrize("max_bytes", [0, -1, 1.5, True])
def test_max_bytes_must_be_a_positive_integer(max_bytes):
    with pytest.raises(ValueError, match="max_bytes"):
        read_articles(SEEDS, max_bytes=max_bytes)


@pytest.mark.parametrize("max_chars", [0, -1, 1.5, True])
def test_max_chars_must_be_a_positive_integer(max_chars):
    with pytest.raises(ValueError, match="max_chars"):
        read_articles(SEEDS, max_chars=max_chars)


def test_reading_is_lazy_one_file_at_a_time(tmp_path, monkeypatch):
    for name in "abc":
        write(tmp_path / f"{name}.txt")
    opened = []
    real_read_bytes = text_format.read_bytes

    def counting_read_bytes(path, *args):
        opened.append(path.name)
        return real_read_bytes(path, *args)

    monkeypatch.setattr(text_format, "read_bytes", counting_read_bytes)
    articles = read_articles(tmp_path)
    assert opened == []
    assert next(articles).id == "a"
    assert opened == ["a.txt"]


# ----------------------------------------------------------------- folders


def test_folders_are_walked_recursively_in_sorted_order(tmp_path):
    for name in ["b.txt", "a/z.txt", "a/b/y.md", "c.html", "a/a.jsonl"]:
        write(tmp_path / name)
    (tmp_path / "c.html").write_text("<p>Strike on Erbil.</p>")
    (tmp_path / "a/a.jsonl").write_text(json.dumps({"id": "feed", "text": "Strike."}))
    articles, skips = read(tmp_path)
    assert skips == []
    assert [a.id for a in articles] == ["feed", "y", "z", "b", "c"]


def test_hidden_files_and_folders_are_passed_over(tmp_path):
    write(tmp_path / ".DS_Store", b"\x00\x01")
    write(tmp_path / ".git/notes.txt")
    write(tmp_path / "a.txt")
    assert [a.id for a in read(tmp_path)[0]] == ["a"]


def test_unknown_extension_is_skipped_with_a_reason(tmp_path):
    pdf = write(tmp_path / "report.pdf", b"%PDF-1.7")
    bare = write(tmp_path / "README")
    write(tmp_path / "a.txt")
    articles, skips = read(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert [w for w, _ in skips] == [str(bare), str(pdf)]
    assert skips[0][1].startswith("no extension; articles are read from .csv, .htm, .html")
    assert skips[1][1].startswith("unknown extension '.pdf'")


def test_unknown_extension_named_alone_is_skipped_too(tmp_path):
    pdf = write(tmp_path / "report.pdf", b"%PDF-1.7")
    articles, skips = read(pdf)
    assert articles == []
    assert [w for w, _ in skips] == [str(pdf)]


def test_symlink_loop_is_reported_once_and_not_followed(tmp_path):
    write(tmp_path / "a.txt")
    write(tmp_path / "sub/b.txt")
    (tmp_path / "sub/loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "twin").symlink_to(tmp_path / "sub", target_is_directory=True)
    articles, skips = read(tmp_path)
    assert [a.id for a in articles] == ["a", "b"]
    assert [w for w, _ in skips] == [str(tmp_path / "sub/loop"), str(tmp_path / "twin")]
    assert all("already read" in r for _, r in skips)


def test_broken_symlink_in_a_folder_is_skipped(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    write(tmp_path / "a.txt")
    articles, skips = read(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert skips == [(str(tmp_path / "gone.txt"), "broken symbolic link")]


def test_unreadable_folder_is_skipped(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    write(locked / "a.txt")
    write(tmp_path / "b.txt")
    real_scandir = os.scandir

    def guarded_scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    articles, skips = read(tmp_path)
    assert [a.id for a in articles] == ["b"]
    assert skips == [(str(locked), "cannot list folder: Permission denied")]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_folder_is_skipped_for_real(tmp_path):
    locked = tmp_path / "locked"
    write(locked / "a.txt")
    locked.chmod(0)
    try:
        articles, skips = read(tmp_path)
    finally:
        locked.chmod(0o755)
    assert articles == []
    assert [w for w, _ in skips] == [str(locked)]


def test_a_bad_file_in_a_folder_does_not_stop_the_rest(tmp_path):
    write(tmp_path / "a.txt", b"")
    write(tmp_path / "b.txt", bytes(range(256)) * 10)
    write(tmp_path / "c.txt")
    articles, skips = read(tmp_path)
    assert [a.id for a in articles] == ["c"]
    assert [r for _, r in skips] == ["empty", "binary file"]


def test_same_id_in_two_folders_is_renamed_with_a_warning(tmp_path):
    write(tmp_path / "x/a.txt")
    write(tmp_path / "y/a.txt")
    with pytest.warns(InputWarning, match=r"duplicate article id 'a' at .*y/a.txt: renamed 'a#2'"):
        assert [a.id for a in read(tmp_path)[0]] == ["a", "a#2"]


# ----------------------------------------------------------------- sidecar


def test_sidecar_metadata_reaches_the_files_of_its_folder_only(tmp_path):
    write(tmp_path / "a.txt")
    write(tmp_path / "sub/b.txt")
    sidecar(tmp_path, ["a", "Raid on Erbil", "2020-03-04", "", "AP"], ["b", "Not here", "", "", ""])
    sidecar(tmp_path / "sub", ["b", "Raid on Mosul", "2021", "", ""])
    articles, skips = read(tmp_path)
    assert [(a.id, a.title, a.published, a.published_precision, a.outlet) for a in articles] == [
        ("a", "Raid on Erbil", dt.date(2020, 3, 4), "day", "AP"),
        ("b", "Raid on Mosul", dt.date(2021, 1, 1), "year", None),
    ]
    assert skips == [
        (f"{tmp_path / 'articles.csv'}:3", f"article_id 'b' names no file in {tmp_path}")
    ]


def test_sidecar_row_naming_a_missing_file_warns_once_and_reading_goes_on(tmp_path):
    write(tmp_path / "a.txt")
    sidecar(tmp_path, ["a", "Raid", "", "", ""], ["ghost", "Gone", "", "", ""])
    with pytest.warns(InputWarning) as caught:
        articles = list(read_articles(tmp_path))
    assert [a.title for a in articles] == ["Raid"]
    assert [str(w.message) for w in caught] == [
        f"skipped {tmp_path / 'articles.csv'}:3: article_id 'ghost' names no file in {tmp_path}"
    ]


def test_sidecar_title_overrides_the_html_title(tmp_path):
    (tmp_path / "p.html").write_text("<title>Page</title><p>Strike on Erbil.</p>")
    sidecar(tmp_path, ["p", "Curated", "", "", ""])
    assert [a.title for a in read(tmp_path)[0]] == ["Curated"]


def test_sidecar_is_not_applied_to_feed_records(tmp_path):
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "feed", "text": "Strike."}))
    sidecar(tmp_path, ["feed", "Not for records", "", "", ""])
    assert [a.title for a in read(tmp_path)[0]] == [None]


def test_sidecar_named_alone_is_not_an_article_source(tmp_path):
    path = sidecar(tmp_path, ["a", "Raid", "", "", ""])
    assert read(path) == ([], [(str(path), "a metadata sidecar, not articles")])


def test_sidecar_bad_rows_are_reported_once(tmp_path):
    write(tmp_path / "a.txt")
    write(tmp_path / "b.txt")
    path = sidecar(tmp_path, ["a", "Raid", "someday", "", ""])
    with pytest.warns(InputWarning, match="duplicate article id"):
        articles, skips = read([tmp_path / "a.txt", tmp_path / "b.txt", tmp_path])
    assert [a.id for a in articles] == ["a", "b", "a#2", "b#2"]
    assert [w for w, _ in skips] == [f"{path}:2"]


# ------------------------------------------------------------------- stdin


def fake_stdin(monkeypatch, data):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_plain_text_is_one_article_named_stdin(monkeypatch):
    fake_stdin(monkeypatch, "Please waitâ€¦\r\nStrike on Erbil.".encode())
    assert read("-") == (
        [Article(id="stdin", text="Please wait…\nStrike on Erbil.", path="<stdin>")],
        [],
    )


def test_stdin_json_lines_are_read_line_by_line(monkeypatch):
    lines = [{"id": "a", "text": "Strike."}, {"id": "b"}, {"id": "c", "text": "Raid."}]
    fake_stdin(monkeypatch, ("\n  " + "\n".join(map(json.dumps, lines))).encode())
    articles, skips = read("-")
    assert [(a.id, a.path) for a in articles] == [("a", "<stdin>:2"), ("c", "<stdin>:4")]
    assert skips == [("<stdin>:3", "no 'text' field")]


def test_stdin_json_list_is_read(monkeypatch):
    fake_stdin(monkeypatch, codecs.BOM_UTF8 + json.dumps([{"text": "Strike."}]).encode())
    assert [a.id for a in read("-")[0]] == ["stdin-0"]


def test_empty_stdin_is_skipped_as_empty(monkeypatch):
    fake_stdin(monkeypatch, b"  \n")
    assert read("-") == ([], [("<stdin>", "empty")])


def test_stdin_over_the_size_limit_is_skipped(monkeypatch):
    fake_stdin(monkeypatch, b"Strike. " * 100)
    articles, skips = read("-", max_bytes=100)
    assert articles == []
    assert skips[0][0] == "<stdin>"
    assert "size limit" in skips[0][1]


def test_stdin_text_over_the_length_cap_is_skipped(monkeypatch):
    fake_stdin(monkeypatch, "Strike on Erbil “again”. ".encode() * 10)
    articles, skips = read("-", max_chars=100)
    assert articles == []
    assert skips[0][0] == "<stdin>" and "cap of 100 characters (250 characters)" in skips[0][1]


def test_stdin_far_over_the_length_cap_is_not_read_whole(monkeypatch):
    stream = io.BytesIO(b"Strike. " * 10_000)
    buffered = io.BufferedReader(stream)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(buffered, encoding="utf-8"))
    articles, skips = read("-", max_chars=100)
    assert articles == [] and "(405 bytes)" in skips[0][1]
    assert stream.tell() <= 16_384  # a buffer or two of the 80,000 bytes


def test_stdin_text_only_stand_in_is_read(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Strike on Erbil."))
    assert [a.text for a in read("-")[0]] == ["Strike on Erbil."]


def test_stdin_and_files_mix(monkeypatch, tmp_path):
    fake_stdin(monkeypatch, b"Strike on Mosul.")
    write(tmp_path / "a.txt")
    assert [a.id for a in read([tmp_path / "a.txt", "-"])[0]] == ["a", "stdin"]


# -------------------------------------------------------------- reporting


def test_default_on_skip_is_an_input_warning(tmp_path):
    path = write(tmp_path / "a.txt", b"")
    with pytest.warns(InputWarning, match=f"skipped {path}: empty"):
        assert list(read_articles(path)) == []


def test_skipped_and_input_warning_are_public():
    assert Skipped("a", "b").where == "a"
    assert issubclass(InputWarning, UserWarning)


def test_import_stays_light():
    code = (
        "import sys, geostrikes, geostrikes.ingest; geostrikes.read_articles; "
        "heavy = {'trafilatura', 'charset_normalizer', 'ftfy', 'lxml'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# ------------------------------------------------------------------ fuzzing


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=500).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.lists(
            st.dictionaries(
                st.sampled_from(["id", "text", "title", "published", "spans", "url"]),
                st.one_of(st.text(max_size=20), st.integers(), st.none(), st.lists(st.integers())),
            ),
            max_size=4,
        ).map(lambda records: "\n".join(json.dumps(r) for r in records).encode()),
    ),
    extension=st.sampled_from([".txt", ".jsonl", ".json", ".csv", ".html", ".md"]),
)
def test_arbitrary_bytes_never_raise(tmp_path_factory, data, extension):
    path = tmp_path_factory.mktemp("fuzz") / f"input{extension}"
    path.write_bytes(data)
    skips = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        articles = list(read_articles(path, on_skip=lambda w, r: skips.append((w, r))))
    assert all(
        isinstance(a, Article) and isinstance(a.text, str) and a.text.strip() for a in articles
    )
    assert articles or skips
    assert all(isinstance(w, str) and isinstance(r, str) for w, r in skips)
