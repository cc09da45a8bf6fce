import codecs
import datetime as dt
from pathlib import Path

import pytest

from geostrikes.ingest.base import (
    Metadata,
    NotAnArticle,
    Skipped,
    check_size,
    decode_bytes,
    looks_binary,
    make_article,
    parse_published,
    parse_spans,
    read_bytes,
    record_to_article,
    repair_text,
    sniff_encoding,
)
from geostrikes.model import Article

# --------------------------------------------------------------- decoding


def test_utf8_bom_is_dropped():
    assert decode_bytes(codecs.BOM_UTF8 + b"Strike on Erbil") == "Strike on Erbil"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_bom_are_decoded(codec):
    data = "\ufeffDrones hit Kalsu — 3 dead".encode(codec)
    assert decode_bytes(data) == "Drones hit Kalsu — 3 dead"


def test_utf16_le_without_bom_is_recognised():
    data = "Airstrike near Al-Qaim, officials said".encode("utf-16-le")
    assert decode_bytes(data) == "Airstrike near Al-Qaim, officials said"


def test_latin1_accents_are_decoded_not_dropped():
    text = "Le café est très bon, à Montréal. Déjà vu."
    assert decode_bytes(text.encode("latin-1")) == text


def test_short_latin1_word_is_decoded():
    assert decode_bytes(b"caf\xe9") == "café"


def test_windows1252_curly_quotes_and_euro_are_decoded():
    assert decode_bytes(b"\x93Strike\x94 cost \x80 5m, caf\xe9") == "“Strike” cost € 5m, café"


@pytest.mark.parametrize(
    "text",
    [
        # charset-normalizer alone names mac_latin2, mac_iceland, cp775 and cp1250 for these.
        "À Évreux, l’été: ça été très éprouvé à Sète; élève âgée où ù ê ë ï î ô œ",
        "Größere Schäden in Düsseldorf, Köln und München – „überprüft“.",
        "• Strike one\n• Strike two\n• Strike three ™ ©",
        "Zoé Müller, José Núñez, Søren Ågård, Françoise Lefèvre",
    ],
)
def test_western_windows1252_is_not_read_as_a_dos_mac_or_sibling_code_page(text):
    assert sniff_encoding(text.encode("cp1252")) == "cp1252"
    assert decode_bytes(text.encode("cp1252")) == text


def test_windows1252_with_a_stray_undefined_byte_stays_windows1252():
    text = "Le ministère a déclaré que l’armée avait frappé près de Deir ez-Zor."
    assert decode_bytes(text.encode("cp1252") + b"\x81") == text + "\ufffd"


def test_cyrillic_windows1251_sentence_is_not_read_as_mac_cyrillic():
    text = "Удар по Харькову нанесли ночью, сообщили власти."
    assert decode_bytes(text.encode("cp1251")) == text


def test_cyrillic_windows1251_is_not_read_as_western():
    text = "Привет, как дела? Всё хорошо, удар по базе."
    assert decode_bytes(text.encode("cp1251")) == text


def test_polish_windows1250_is_not_read_as_western():
    text = "Zażółć gęślą jaźń, uderzenie w bazę"
    assert decode_bytes(text.encode("cp1250")) == text


def test_html_declared_charset_is_used_when_not_utf8():
    text = "Ataque aéreo en Irak: más de 20 muertos"
    assert decode_bytes(text.encode("cp1252"), declared="iso-8859-1") == text


def test_unknown_declared_charset_is_ignored():
    assert decode_bytes("café".encode(), declared="no-such-codec") == "café"


def test_mostly_control_bytes_are_a_binary_file():
    with pytest.raises(NotAnArticle, match="binary file"):
        sniff_encoding(bytes(range(32)) * 100)


def test_png_header_looks_binary():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
    assert looks_binary(png)


def test_text_with_a_few_nul_bytes_is_not_binary():
    assert not looks_binary(b"Strike on\x00 the base near Baghdad, officials said.")


def test_utf8_truncated_mid_character_in_a_stream_head_is_still_utf8():
    head = "Mosul — strike".encode()[:8]  # cuts the em dash in half
    assert sniff_encoding(head, complete=False) == "utf-8"


# ----------------------------------------------------------------- repair


def test_mojibake_is_repaired():
    assert repair_text("Please waitâ€¦ Thank you") == "Please wait… Thank you"


def test_nul_and_control_characters_are_removed():
    assert repair_text("Str\x00ike\x07 on\x1b Erbil") == "Strike on Erbil"


def test_newlines_are_normalised():
    assert repair_text("one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour"


def test_curly_quotes_and_full_width_letters_are_kept():
    assert repair_text("“Ｔｅｈｒａｎ” denies") == "“Ｔｅｈｒａｎ” denies"


def test_html_entities_in_plain_text_are_kept():
    assert repair_text("AT&amp;T") == "AT&amp;T"


# ---------------------------------------------------------------- reading


def test_read_bytes_refuses_an_empty_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"")
    with pytest.raises(NotAnArticle, match="^empty$"):
        read_bytes(path)


def test_read_bytes_refuses_a_file_over_the_limit(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 101)
    with pytest.raises(NotAnArticle, match="size limit"):
        read_bytes(path, 100)


def test_read_bytes_reports_an_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("text")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(NotAnArticle, match="cannot read: Permission denied"):
        read_bytes(path)


def test_check_size_allows_exactly_the_limit():
    check_size(100, 100)


# ---------------------------------------------------------------- records


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2014-12-03", (dt.date(2014, 12, 3), "day")),
        ("2014-12-03T10:15:00Z", (dt.date(2014, 12, 3), "day")),
        ("2014-12-03 10:15:00+03:00", (dt.date(2014, 12, 3), "day")),
        ("2014-12", (dt.date(2014, 12, 1), "month")),
        ("2014", (dt.date(2014, 1, 1), "year")),
    ],
)
def test_published_dates_are_parsed_with_their_precision(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "2014-13-01", "03/12/2014", ""])
def test_unparsable_published_dates_are_refused(value):
    with pytest.raises(NotAnArticle, match="not an ISO date"):
        parse_published(value)


def test_spans_inside_the_text_are_kept():
    assert parse_spans([[0, 4], [5, 10]], 10) == ((0, 4), (5, 10))


def test_spans_can_come_as_a_json_string():
    assert parse_spans("[[0, 4]]", 10) == ((0, 4),)


@pytest.mark.parametrize(
    "spans",
    [[[0, 11]], [[-1, 3]], [[4, 4]], [[5, 2]], [[0, "4"]], [[0, True]], [[1, 2, 3]], [0, 4], {}],
)
def test_bad_spans_are_refused(spans):
    with pytest.raises(NotAnArticle):
        parse_spans(spans, 10)


def test_record_with_spans_keeps_its_text_unchanged():
    text = "Please waitâ€¦\r\nStrike on Erbil\x00"
    article = record_to_article(
        {"id": "a", "text": text, "spans": [[26, 31]]}, where="f:1", fallback_id="f-1"
    )
    assert article.text == text
    assert article.text[26:31] == "Erbil"


def test_record_without_spans_is_repaired():
    article = record_to_article({"text": "waitâ€¦\r\n"}, where="f:1", fallback_id="f-1")
    assert article.text == "wait…\n"
    assert article.id == "f-1"


def test_record_with_integer_id_uses_it_as_text():
    assert record_to_article({"id": 17, "text": "x"}, where="f", fallback_id="f").id == "17"


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": "a"}, "no 'text' field"),
        ({"id": "a", "text": 5}, "'text' is int"),
        ({"id": "a", "text": "x", "title": ["t"]}, "'title' is list"),
        ({"id": True, "text": "x"}, "'id' is bool"),
        ({"id": "a", "text": "x", "published": "soon"}, "not an ISO date"),
        ({"id": "a", "text": "x", "published": "2020", "published_precision": "week"}, "week"),
        ({"id": "a", "text": "   "}, "empty"),
    ],
)
def test_bad_records_are_refused_with_a_reason(record, reason):
    with pytest.raises(NotAnArticle, match=reason):
        record_to_article(record, where="f:1", fallback_id="f-1")


def test_record_metadata_is_parsed():
    article = record_to_article(
        {"id": "a", "text": "x", "published": "2021-06", "outlet": "Reuters", "url": "u"},
        where="f:1",
        fallback_id="f-1",
    )
    assert (article.published, article.published_precision) == (dt.date(2021, 6, 1), "month")
    assert (article.outlet, article.url, article.path) == ("Reuters", "u", "f:1")


def test_metadata_replaces_only_the_fields_it_sets():
    article = Article(id="a", text="x", title="old", outlet="AP")
    updated = Metadata(title="new").apply(article)
    assert (updated.title, updated.outlet) == ("new", "AP")


def test_make_article_refuses_blank_text():
    with pytest.raises(NotAnArticle, match="empty"):
        make_article("a", " \n\t ")


def test_skipped_reads_as_a_warning_line():
    assert str(Skipped("a.txt", "empty")) == "skipped a.txt: empty"
