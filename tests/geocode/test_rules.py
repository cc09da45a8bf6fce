"""The context rules still find phrases their cheap word checks could wrongly skip."""

from __future__ import annotations

import pytest

from geostrikes.geocode.recognize import tokenize
from geostrikes.geocode.rules import kind_hint, metonym_role, qualifier
from geostrikes.model import Kind


def _name(text: str, name: str) -> tuple[int, int]:
    start = text.rindex(name)
    return start, start + len(name)


@pytest.mark.parametrize("text", [
    "Western diplomats held talks with the Iran of today",  # "the" before the name
    "officials (warned Iran about the consequences)",  # the verb after a bracket
    "Analysts expect Israel to keep confronting  Iran for years",  # engag/confront inside
    "a rapprochement WITH Iran",  # upper case
    "relations with\nIran",  # a line break between
])
def test_a_metonym_phrase_is_found_whatever_stands_around_its_last_word(text):
    assert metonym_role(text, *_name(text, "Iran")) == "metonym"


@pytest.mark.parametrize("text", [
    "Tehran: no comment", "Tehran, in a statement on Monday, denied it",
    "Tehran  Officially Denied it", "Tehran\u2019s said nothing", "Tehran\n\thas denied it",
])
def test_a_speech_verb_after_the_name_is_found_past_colons_asides_and_adverbs(text):
    assert metonym_role(text, *_name(text, "Tehran")) == "metonym"


def test_a_phrase_in_letters_the_word_check_does_not_fold_still_reaches_the_regex():
    # The Kelvin sign folds to "k" for the regex: "as\u212aed" is "asked".
    text = "reporters as\u212aed Tehran about it"
    assert metonym_role(text, *_name(text, "Tehran")) == "metonym"


def test_a_name_without_white_space_before_it_has_no_qualifier_or_role():
    text = "the strikes(near)Baghdad"
    assert qualifier(text, text.index("Baghdad")) is None
    assert metonym_role(text, *_name(text, "Baghdad")) is None


@pytest.mark.parametrize("text, role", [
    ("a base just outside the town of Kirkuk", "near"),
    ("fighting close to\tKirkuk", "near"),
    ("a village 30 miles south of the city of Kirkuk", "offset"),
])
def test_a_qualifier_ending_in_the_or_a_tab_is_found(text, role):
    found = qualifier(text, text.index("Kirkuk"))
    assert found is not None and found.role == role


@pytest.mark.parametrize("text, kind", [
    ("Idlib\n  Province was hit", Kind.ADMIN1), ("Kandahar Air Field", Kind.BASE),
    ("Mosul sub-district", Kind.ADMIN2), ("Kirkuk \u017ftate", Kind.ADMIN1)])
def test_a_kind_word_after_the_name_is_found_whatever_its_case_or_spacing(text, kind):
    name = text.split()[0]
    assert kind_hint(text, *_name(text, name)) == kind


def test_a_kind_word_with_a_comma_before_the_name_is_found():
    text = "the capital, Kabul"
    assert kind_hint(text, *_name(text, "Kabul")) == Kind.POPULATED_PLACE


def test_a_possessive_is_cut_off_the_same_word_each_time_it_appears():
    first, second = tokenize("Iraq's army and Iraq's government")[0::3]
    assert (first.text, first.end, first.possessive) == ("Iraq", 4, True)
    assert (second.text, second.end - second.start) == ("Iraq", 4)


@pytest.mark.parametrize("text, role", [
    ("the Health Ministry in the Gaza Strip said", "source"),
    ("reporters at a (summit IN Gaza", "venue"),
    ("officials who arrived in\nGaza on Monday", "venue"),
    ("fighting in Gaza went on", None),
])
def test_the_word_before_in_decides_a_venue_or_a_source(text, role):
    assert metonym_role(text, *_name(text, "Gaza")) == role


def test_the_word_checks_skip_no_phrase_in_any_test_article(monkeypatch):
    # The cheap checks copy the last words of the rules' phrases. Every capitalised
    # word of every article the project has must get the same answers with them as
    # with the regular expressions alone, so a phrase added to a pattern without
    # its word fails here rather than silently never matching.
    import re
    from pathlib import Path

    from geostrikes.geocode import rules

    data = Path(__file__).resolve().parents[1] / "data"
    texts = [p.read_text(encoding="utf-8") for p in sorted(data.glob("*/articles/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(data.glob("articles/*.txt"))]
    assert texts
    positions = [(text, m.start(), m.end()) for text in texts
                 for m in re.finditer(r"\b[A-Z][\w'’-]*", text)]

    def answers():
        return [(rules.metonym_role(t, s, e), rules.qualifier(t, s), rules.kind_hint(t, s, e))
                for t, s, e in positions]

    checked = answers()
    monkeypatch.setattr(rules, "_may_end_in", lambda *args, **kwargs: True)
    monkeypatch.setattr(rules, "_plain_in", lambda *args, **kwargs: False)
    monkeypatch.setattr(rules, "_may_open_with", lambda *args, **kwargs: True)
    assert answers() == checked


def test_the_border_checks_skip_no_phrase_in_any_test_article(monkeypatch):
    # Each border pattern is scanned only where a border word allows it; the
    # answers must be those of the plain scans.
    from pathlib import Path

    from geostrikes.geocode import rules

    data = Path(__file__).resolve().parents[1] / "data"
    texts = [p.read_text(encoding="utf-8") for p in sorted(data.glob("**/*.txt"))]
    texts += ["the Syria-Iraq border", "(Syria/Iraq border)", "xSyria and Iraq  border",
              "Iran\u2019s border with Iraq", "the border between Iran and Iraq; the border of "
              "Syria and Turkey", "its Lebanese\tfrontier", "the border", "a boundary of Gaza"]
    checked = [rules.find_border_cues(text) for text in texts]
    assert sum(map(len, checked)) >= 8
    monkeypatch.setattr(rules, "_border_matches", lambda pattern, text, words:
                        pattern.finditer(text))
    assert [rules.find_border_cues(text) for text in texts] == checked
