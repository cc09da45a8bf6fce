"""Find the spans of an article that name gazetteer places.

Recognition is gazetteer-driven, not a statistical NER model: the text is cut
into word tokens (keeping their character spans), and runs of up to six
tokens that start and end with a capitalised word are looked up, longest
first, under the same :func:`~geostrikes.geocode.normalize.name_key` the
gazetteer stores. Lower-case connectors may sit inside a name ("Deir ez-Zor",
"Jurf al-Sakhar", "Bosnia and Herzegovina"); an Arabic article may start one
("al-Qaim"). Runs never cross sentence punctuation.

Single capitalised words are where false positives live (a sentence-initial
"However" is a village somewhere), so they must pass filters: not a
demonym, not a common word the article also writes in lower case, not a
title or first name before a surname, not on the stop-list.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from typing import NamedTuple

from geostrikes.geocode.demonyms import DEMONYMS
from geostrikes.geocode.normalize import ARABIC_ARTICLES, name_key

__all__ = ["Token", "Span", "tokenize", "find_spans", "STOPWORDS"]

# Dotted abbreviations ("U.S.", "U.A.E.") are one token; so are words with
# inner apostrophes ("Ba'quba", "Sana'a").
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’`ʼʿ][^\W_]+)*")
# What may stand between two tokens of one name: spaces, a hyphen, a period
# of an initial ("St. Louis"), an apostrophe ("'Ayn al 'Arab"); not a line break
# ("$" would match before one: "Middle Shabelle.\n\nAl-Shabaab" is two names).
_JOINER = re.compile(r"^(?:[ \t]{1,2}|\s?[-‐‑–]\s?|\.[ \t]|\s['’`ʿ]|['’`ʿ])\Z")
_MAX_TOKENS = 6

# Lower-case words that may sit inside a place name.
_CONNECTORS = frozenset(ARABIC_ARTICLES | {
    "of", "the", "and", "de", "del", "la", "le", "di", "da", "do", "dos", "das", "du", "des",
    "bin", "ibn", "bint", "upon", "on", "sur", "am", "im", "der", "den", "van", "von", "y",
    "e", "i", "al", "el", "abu", "umm", "bani", "beni", "wadi", "tal", "tell", "ain",
})

#: Capitalised words that name places somewhere but in news almost never do.
STOPWORDS = frozenset("""
a about above after again against all also although among an and another any are around as
at be because been before being below between both but by can could did do does down during
each few for from further had has have having he her here hers him his how however i if in into
is it its just may me might more most much must my no nor not now of off on once only or other
our out over own same she should so some such than that the their them then there these they
this those through to too under until up very was we were what when where which while who whom
why will with would yet you your monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december today
yesterday tomorrow police army air force forces military government president minister prime
officials official spokesman spokeswoman ministry news reuters ap afp said says according
north south east west northern southern eastern western central new old great little upper
lower mount lake river city town village state province district county region capital
world national international islamic republic kingdom union party front council
committee group news times post daily weekly radio tv television channel agency press
mr mrs ms dr gen general col colonel maj major lt lieutenant capt captain sgt sergeant adm
admiral rear vice secretary senator rep representative sheikh imam king queen prince emir
sultan lord sir saint st chief head leader commander director office center centre
hospital university school college church mosque airport station bridge road street
highway hotel market square park tower building embassy base camp
shia shiite shi'ite sunni sunnis kurds kurd arab arabs muslim muslims islam christian
christians jewish jews druze alawite alawites yazidi yazidis sufi shah ayatollah caliph mullah
nato un eu isis isil daesh is al jazeera reuters cnn bbc associated popular
near outside across around inside beyond toward towards via along amid despite
jan feb mar apr jun jul aug sep sept oct nov dec hamas hezbollah hizbollah houthi houthis
taliban peshmerga kurdish baloch baluch pashtun turkmen aramco opec nato
black white red green blue victory unity liberty freedom independence peace hope
image photo video file reporting editing writing additional staff correspondent
sign subscribe read more share email print comments advertisement
""".split())

_TITLES = frozenset(
    "mr mrs ms dr gen general col colonel maj major lt lieutenant capt captain sgt sergeant "
    "adm admiral president minister senator sen rep sheikh imam king queen prince emir "
    "pope judge justice spokesman spokeswoman secretary ambassador commander chief".split()
)


class Token(NamedTuple):
    """One word of the text with its span and folded form.

    A named tuple rather than a frozen dataclass: an article has hundreds of
    tokens, and tuples are built several times faster.
    """

    start: int
    end: int
    text: str
    key: str
    capital: bool
    possessive: bool


@dataclass(frozen=True, slots=True)
class Span:
    """A run of tokens whose key names at least one gazetteer place."""

    start: int
    end: int
    text: str
    key: str
    first: int
    last: int


class _Words(dict):
    """Each word's token fields but its span, kept across articles.

    A dict that fills a miss itself, so that a hit, nearly every word, is
    asked in C (``map(words.__getitem__, ...)``) with no Python step.
    """

    def __missing__(self, word: str) -> tuple[str, str, bool, bool]:
        possessive = len(word) > 2 and word[-2] in "'’" and word[-1] in "sS"
        bare = word[:-2] if possessive else word
        first = bare[0]
        fields = self[word] = (bare, name_key(bare), first.isupper() or first.isdigit(),
                               possessive)
        return fields


_WORDS = _Words()
_WORDS_SIZE = 262_144
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")


def tokenize(text: str) -> list[Token]:
    """Word tokens with their spans; possessive ``'s`` is cut off the span.

    Examples
    --------
    >>> [t.text for t in tokenize("Gaza's north, near Deir ez-Zor.")]
    ['Gaza', 'north', 'near', 'Deir', 'ez', 'Zor']
    """
    words = _WORDS
    if len(words) > _WORDS_SIZE:
        words.clear()
    # Built wholly in C: splitting on the tokens alternates gaps and words, so
    # the running sum of the parts' lengths gives every span with no match
    # object; a token is its span plus its word's fields, and tuple.__new__
    # skips the named tuple's Python-level __new__.
    parts = _TOKEN_SPLIT.split(text)
    bounds = list(accumulate(map(len, parts)))
    tokens = list(map(_new_tuple, repeat(Token),
                      map(operator.add, zip(bounds[0::2], bounds[1::2], strict=False),
                          map(words.__getitem__, parts[1::2]))))
    for i in compress(range(len(tokens)), map(_POSSESSIVE, tokens)):
        start, end, *fields = tokens[i]
        tokens[i] = _new_tuple(Token, (start, end - 2, *fields))
    return tokens


_new_tuple = tuple.__new__
_POSSESSIVE = operator.itemgetter(Token._fields.index("possessive"))
_CAPITAL = operator.itemgetter(Token._fields.index("capital"))
_KEY = operator.itemgetter(Token._fields.index("key"))


def _joined(text: str, left: Token, right: Token) -> bool:
    if left.possessive:
        return False
    gap = text[left.end:right.start]
    return gap == " " or bool(_JOINER.match(gap))


def find_spans(text: str, tokens: list[Token], has_key: Callable[[str], bool],
               has_loose_key: Callable[[str], bool] | None = None) -> list[Span]:
    """Longest-first runs of tokens that name a place, left to right.

    Parameters
    ----------
    text : str
        The article text the tokens come from.
    tokens : list of Token
        ``tokenize(text)``.
    has_key : callable
        Whether the gazetteer stores a name under a key.
    has_loose_key : callable, optional
        Whether it stores the name in another transliteration: asked only
        for a run no exact key matches, before a shorter run is tried.

    Returns
    -------
    list of Span
        Non-overlapping, in text order.
    """
    spans: list[Span] = []
    lower_words = {t.key for t in tokens if not t.capital}
    n = len(tokens)
    resume = 0  # the first token not inside a name already found
    # Only capitalised words and Arabic articles can start a name; picking
    # them out in C (compress over map) spares a Python step for each of the
    # other three quarters of the words.
    possible = map(operator.or_, map(_CAPITAL, tokens),
                   map(ARABIC_ARTICLES.__contains__, map(_KEY, tokens)))
    for i in compress(range(n), possible):
        if i < resume:
            continue
        tok = tokens[i]
        starts_name = tok.capital or (
            i + 1 < n and tokens[i + 1].capital
            and _joined(text, tok, tokens[i + 1])
            and (text[tok.end] in "-‐‑" or tok.key in ("al", "el"))
        )
        if not starts_name:
            continue
        found = None
        # Extend as far as the joiners allow, then try the longest run first.
        last = i
        while last + 1 < n and last - i + 1 < _MAX_TOKENS:
            nxt = tokens[last + 1]
            # The word test first: it is cheaper than the joiner's, and most
            # capitalised words are followed by a lower-case one.
            if not (nxt.capital or nxt.key in _CONNECTORS) or not _joined(text, tokens[last],
                                                                          nxt):
                break
            last += 1
        for j in range(last, i - 1, -1):
            if not tokens[j].capital:
                continue
            run = tokens[i:j + 1]
            if j == i:
                key = tok.key
            else:
                words = [t.key for t in run if t.key]
                if len(words) > 1:
                    words = [w for w in words if w not in ARABIC_ARTICLES] or words
                key = " ".join(words)
            if not key or not (has_key(key) or has_loose_key is not None
                               and has_loose_key(key)):
                continue
            if _letters(key) < 2:
                continue
            if j == i and not _single_word_ok(text, tok, tokens, i, lower_words):
                continue
            if j > i and " " not in key and not (
                    _word_ok(tokens[j], lower_words)
                    and not (i and _after_given_name(tokens[i - 1], tok))):
                # "al-Sultan" is the one word "Sultan" to the gazetteer, and
                # "Zaid Al Harbi" a person: the same filters apply.
                continue
            found = Span(run[0].start, run[-1].end, text[run[0].start:run[-1].end], key, i, j)
            break
        if found is None:
            continue
        spans.append(found)
        resume = found.last + 1
    return spans


def _letters(key: str) -> int:
    """How many letters a key has (its words are almost always letters only)."""
    bare = key.replace(" ", "")
    return len(bare) if bare.isalpha() else sum(c.isalpha() for c in key)


# Capitalised words that open the names of organisations, not of places: the
# word after them belongs to the same name ("National Liberation Army").
_NAME_OPENERS = frozenset("""
national international islamic republic kingdom union party front council committee group
world popular islamic revolutionary democratic liberation united federal supreme royal
""".split())

_PATRONYMIC = frozenset({"bin", "ibn", "bint"})
_WATERS = frozenset({"gulf", "bay", "sea", "strait", "straits"})
_HYPHENS = frozenset("-‐‑")
# Capitalised words that close the names of organisations: the word before
# them is part of the same name ("Liberation Front").
_NAME_CLOSERS = frozenset("""
front army party movement council committee alliance brigade brigades league coalition
organisation organization
""".split())

_PLACE_PREFIXES = frozenset("""
northern southern eastern western central north south east west northeast northwest southeast
southwest greater upper lower occupied rural inner outer downtown old new
""".split())


def _word_ok(tok: Token, lower_words: set[str]) -> bool:
    """Whether a word alone may name a place, whatever its neighbours."""
    key = tok.key
    if len(key) < 2 or not _letters(key):
        return False
    if key in STOPWORDS or key in DEMONYMS and not tok.text.isupper():
        return False
    if len(key) < 3 and not tok.text.isupper():
        return False
    # The article writes it as a common word elsewhere.
    return key not in lower_words


def _after_given_name(prev: Token, tok: Token) -> bool:
    """Whether ``tok`` continues the proper name that ``prev`` begins.

    "Reza Zahedi": a surname after a given name; "National Liberation Army":
    a word of an organisation's name. Not after a word that may stand before a
    place ("The", "In", "North") or a demonym.
    """
    return (prev.capital and prev.end + 1 == tok.start
            and prev.key not in _PLACE_PREFIXES and prev.key not in DEMONYMS
            and (prev.key not in STOPWORDS or prev.key in _NAME_OPENERS)
            and not prev.text.isupper())


def _single_word_ok(text: str, tok: Token, tokens: list[Token], i: int,
                    lower_words: set[str]) -> bool:
    if not _word_ok(tok, lower_words):
        return False
    prev = tokens[i - 1] if i else None
    if prev is not None and prev.key in _TITLES and prev.capital:
        # "President Jordan", "Gen. Lebanon": a person.
        return False
    if prev is not None and _after_given_name(prev, tok):
        return False
    if (prev is not None and prev.key == "of" and not prev.capital and i > 1
            and tokens[i - 2].capital and tokens[i - 2].key in _WATERS):
        return False  # "the Gulf of Aden", "the Strait of Hormuz": the water, not the town
    if prev is not None and not prev.capital and prev.key in _PATRONYMIC:
        return False  # "Mohammed bin Rashid": a father's name
    if (prev is not None and prev.key in ARABIC_ARTICLES and i > 1
            and (prev.capital or text[prev.end:tok.start] in _HYPHENS)
            and _after_given_name(tokens[i - 2], prev)):
        return False  # "Mohammad Al Kindi", "Haider al-Abadi": the end of a longer name
    if i + 2 < len(tokens):
        article, named = tokens[i + 1], tokens[i + 2]
        if (article.key in ARABIC_ARTICLES and named.capital
                and article.start - tok.end <= 1 and named.start == article.end + 1
                and (text[article.end] in "-‐‑" if not article.capital
                     else text[article.end] == " ")):
            # "Tal al-Sultan", "Bashar al-Assad", "Rashid Al Maktoum": the first
            # word of a longer name.
            return False
    if i + 2 < len(tokens) and tokens[i + 1].key == "of" and not tokens[i + 1].capital:
        named = tokens[i + 3] if tokens[i + 2].key == "the" and i + 3 < len(tokens) else (
            tokens[i + 2])
        if named.capital and text[tok.end:tokens[i + 1].start] == " ":
            # "Bank of England", "Summit of the Americas": the head of a longer name.
            return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if (nxt is not None and nxt.key in _NAME_CLOSERS and nxt.capital
            and tok.end + 1 == nxt.start and not tok.possessive
            and prev is not None and prev.capital and tok.start - prev.end <= 3):
        # "People's Liberation Front": inside an organisation's name (but
        # "thanked Pakistan Army" names the country).
        return False
    if (nxt is not None and nxt.capital and tok.end + 1 == nxt.start and not tok.possessive
            and nxt.key not in STOPWORDS and nxt.key not in DEMONYMS and not nxt.text.isupper()
            and not nxt.key.isdigit()):
        # "Popular Mobilization", "Damascus Gate Hotel": part of a longer proper name.
        return False
    return True
