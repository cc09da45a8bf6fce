import codecs
import os
import time
from pathlib import Path

import pytest

from geostrikes.ingest import read_articles
import geostrikes.ingest.text as text_format
from geostrikes.ingest.text import parse_text, read_text
from geostrikes.model import Article


def read(path, **kwargs):
    """Articles and ``(where, reason)`` skips of one reading."""
    skips = []
    articles = list(read_articles(path, on_skip=lambda w, r: skips.append((w, r)), **kwargs))
    return articles, skips


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_text_file_becomes_one_article_named_for_its_stem(tmp_path):
    path = write(tmp_path, "0042_raid.txt", b"Drones struck Kalsu base on Friday.\n")
    articles, skips = read(path)
    assert skips == []
    assert articles == [
        Article(id="0042_raid", text="Drones struck Kalsu base on Friday.\n", path=str(path))
    ]


@pytest.mark.parametrize("name", ["a.text", "a.md", "a.TXT"])
def test_other_text_extensions_are_read(tmp_path, name):
    articles, _ = read(write(tmp_path, name, b"# Strike\n\nOn Erbil."))
    assert [a.text for a in articles] == ["# Strike\n\nOn Erbil."]


def test_empty_file_is_skipped_as_empty(tmp_path):
    path = write(tmp_path, "a.txt", b"")
    assert read(path) == ([], [(str(path), "empty")])


def test_whitespace_only_file_is_skipped_as_empty(tmp_path):
    path = write(tmp_path, "a.txt", b" \r\n\t\n")
    assert read(path) == ([], [(str(path), "empty")])


def test_binary_file_with_txt_extension_is_skipped(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    path = write(tmp_path, "photo.txt", png)
    assert read(path) == ([], [(str(path), "binary file")])


def test_utf8_with_bom_loses_the_bom(tmp_path):
    articles, _ = read(write(tmp_path, "a.txt", codecs.BOM_UTF8 + "Strike — Mosul".encode()))
    assert articles[0].text == "Strike — Mosul"


def test_utf16_le_with_bom_is_decoded(tmp_path):
    data = "\ufeffStrike near Al-Qaim\r\nTwo dead".encode("utf-16-le")
    articles, _ = read(write(tmp_path, "a.txt", data))
    assert articles[0].text == "Strike near Al-Qaim\nTwo dead"


def test_latin1_file_is_decoded(tmp_path):
    text = "Frappe aérienne près de Mossoul, selon l'armée française."
    articles, _ = read(write(tmp_path, "a.txt", text.encode("latin-1")))
    assert articles[0].text == text


def test_windows1252_quotes_and_euro_are_decoded(tmp_path):
    data = b"The minister said \x93no comment\x94 about the \x80 2m caf\xe9 strike."
    articles, _ = read(write(tmp_path, "a.txt", data))
    assert articles[0].text == "The minister said “no comment” about the € 2m café strike."


def test_nul_bytes_are_removed(tmp_path):
    articles, _ = read(write(tmp_path, "a.txt", b"Strike\x00 on Erbil,\x00 officials said."))
    assert articles[0].text == "Strike on Erbil, officials said."


def test_mojibake_is_repaired(tmp_path):
    data = "Sign up Please waitâ€¦ Thank you for signing up.".encode()
    articles, _ = read(write(tmp_path, "a.txt", data))
    assert articles[0].text == "Sign up Please wait… Thank you for signing up."


def test_crlf_and_cr_newlines_become_lf(tmp_path):
    articles, _ = read(write(tmp_path, "a.txt", b"one\r\ntwo\rthree"))
    assert articles[0].text == "one\ntwo\nthree"


def test_very_long_line_is_read_whole_and_fast(tmp_path):
    line = ("Missiles hit the base near Baghdad “again”, said officials. " * 40_000).encode()
    start = time.perf_counter()
    articles, _ = read(write(tmp_path, "a.txt", line), max_chars=len(line))
    assert time.perf_counter() - start < 5
    assert len(articles[0].text) == len(line.decode())


def test_article_over_50_mb_is_skipped_by_the_default_limits(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.write(b"Strike. " * 7_500_000)  # 60 MB
    articles, skips = read(path)
    assert articles == []
    assert skips[0][0] == str(path)
    assert "longer than the cap of 1,000,000 characters (60,000,000 bytes)" in skips[0][1]
    articles, skips = read(path, max_chars=100_000_000)
    assert articles == [] and "larger than the size limit" in skips[0][1]


def test_text_over_the_length_cap_is_skipped_and_the_rest_read(tmp_path):
    write(tmp_path, "a_short.txt", "Strike on Erbil, “again”.".encode())
    write(tmp_path, "b_long.txt", "Strike on Erbil, “again”. ".encode() * 10)
    articles, skips = read(tmp_path, max_chars=100)
    assert [a.id for a in articles] == ["a_short"]
    assert [Path(where).name for where, _ in skips] == ["b_long.txt"]
    assert "longer than the cap of 100 characters (260 characters)" in skips[0][1]


def test_file_too_big_for_any_text_under_the_cap_is_not_read(tmp_path, monkeypatch):
    path = write(tmp_path, "a.txt", b"Strike. " * 100)
    monkeypatch.setattr(text_format, "parse_text", lambda *a, **k: pytest.fail("was read"))
    articles, skips = read(path, max_chars=100)
    assert articles == [] and "(800 bytes)" in skips[0][1]


def test_max_bytes_skips_smaller_articles_and_reads_the_rest(tmp_path):
    write(tmp_path, "a_small.txt", b"Strike on Erbil.")
    write(tmp_path, "b_big.txt", b"Strike on Erbil. " * 100)
    articles, skips = read(tmp_path, max_bytes=1000)
    assert [a.id for a in articles] == ["a_small"]
    assert [(Path(w).name, "size limit" in r) for w, r in skips] == [("b_big.txt", True)]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_skipped(tmp_path):
    path = write(tmp_path, "a.txt", b"Strike.")
    path.chmod(0)
    try:
        articles, skips = read(path)
    finally:
        path.chmod(0o644)
    assert articles == []
    assert skips == [(str(path), "cannot read: Permission denied")]


def test_unreadable_file_is_skipped_when_open_is_refused(tmp_path, monkeypatch):
    locked = write(tmp_path, "a.txt", b"Strike on Erbil.")
    write(tmp_path, "b.txt", b"Strike on Mosul.")
    real_open = Path.open

    def guarded_open(self, *args, **kwargs):
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    articles, skips = read(tmp_path)
    assert [a.id for a in articles] == ["b"]
    assert skips == [(str(locked), "cannot read: Permission denied")]


def test_read_text_yields_a_skip_rather_than_raising(tmp_path):
    path = write(tmp_path, "a.txt", b"")
    assert [str(item) for item in read_text(path)] == [f"skipped {path}: empty"]


def test_parse_text_builds_an_article_from_bytes():
    assert parse_text(b"caf\xe9", id="x", path="p").text == "café"
