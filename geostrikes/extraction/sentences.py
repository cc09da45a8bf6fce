"""Split article text into sentences, keeping each sentence's character span.

News text is full of periods that end nothing ("U.S.", "Dec. 3", "Gen.
Smith", "St. Louis"), and of lines with no period at all (headlines, photo
captions, datelines): a line break always ends a sentence, and a period ends
one only when what follows looks like the start of a new one.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]

_ABBREVIATIONS = frozenset("""
mr mrs ms dr gen col lt maj capt sgt adm rep sen gov pres st mt ft jr sr no vs etc inc ltd co corp
jan feb mar apr jun jul aug sep sept oct nov dec u s k a e n w fig approx dept est
""".split())
_ASCII_LETTERS = string.ascii_letters
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and span in the article's text."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with spans, in order; blank ones dropped.

    Examples
    --------
    >>> [s.text for s in split_sentences("U.S. jets struck on Dec. 3. Gen. Smith said so.")]
    ['U.S. jets struck on Dec. 3.', 'Gen. Smith said so.']
    """
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group().startswith((".",)) and _is_abbreviation(text, match.start()):
            continue
        _append(sentences, text, start, end)
        start = end
    _append(sentences, text, start, len(text))
    return sentences


def _is_abbreviation(text: str, dot: int) -> bool:
    # The last word before the dot, as the search for "[A-Za-z]+$" would find it
    # ("$" also matches before a final line break), without a regex's scan.
    window = text[max(0, dot - 12):dot]
    if window.endswith("\n"):
        window = window[:-1]
    word = window[len(window.rstrip(_ASCII_LETTERS)):]
    return bool(word) and word.lower() in _ABBREVIATIONS


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        offset = start + len(chunk) - len(chunk.lstrip())
        sentences.append(Sentence(offset, offset + len(stripped), stripped))
