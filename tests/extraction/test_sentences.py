"""Sentence splitting: which periods end a sentence."""

from __future__ import annotations

import re

import pytest

from geostrikes.extraction import sentences


@pytest.mark.parametrize("text", [
    "Gen. Smith", "Gen\n. Smith", "x Gen. Smith", "U.S. jets", "abcdefghijklmnopGen. A", ". A",
    "no. 5 said", "Lt.\n. Then", "9. Then", "Mr.  Ali", "Dec\n\n. After"])
def test_an_abbreviation_is_the_last_word_before_the_dot_as_the_regex_reads_it(text):
    for dot in (i for i, c in enumerate(text) if c == "."):
        word = re.search(r"([A-Za-z]+)$", text[max(0, dot - 12):dot])
        expected = bool(word) and word.group(1).lower() in sentences._ABBREVIATIONS
        assert sentences._is_abbreviation(text, dot) == expected
