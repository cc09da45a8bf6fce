"""Numbers and casualty counts, read the way a conflict coder reads them.

News gives tolls in every register: "1,200", "twenty-five", "two dozen",
"dozens", "at least 30", "between 10 and 15". :func:`parse_number` turns one
such phrase into an integer, always choosing the *conservative* reading, as
ACLED does: a range gives its lower end, "at least N" and "more than N" give
N, vague plurals give a floor ("tens" = 10, "dozens" = 12, "scores" = 20,
"hundreds" = 100, "thousands" = 1,000) and vague counts give a small number
("a couple" = 2, "a few", "several" and "a handful" = 3). Words that carry no
number at all ("many", "a number of", bare "some") give ``None``: a made-up
count is worse than a missing one.

:func:`find_casualties` reads one sentence and returns the killed and the
injured it states, through a few English constructions:

- subject and passive verb: "12 people were killed", "eight more were
  reported wounded", "Five others, including a paramedic, were also killed";
- active verb and object: "killed 12", "killing one", "wounding at least 30",
  "left 4 dead";
- nouns: "the death of one member", "the death toll rose to 25", "40 deaths",
  "among the dead were four children";
- explicit zeros: "no one was hurt", "no casualties".

Within one sentence, a figure marked as additional ("five others",
"three more", "another two") is added to the first figure; repeated figures
are not (the larger is kept). Across sentences, :func:`sum_casualties` keeps
the largest figure of each kind rather than adding them, because an article
restates and updates one toll far more often than it reports separate tolls
for separate strikes; adding would double-count, taking the largest keeps the
latest update and under-counts only the rarer multi-strike case.

Everything here is plain :mod:`re`, compiled once at import; a sentence with
no casualty word is rejected by one cheap search before any grammar runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "NUMBER_WORDS",
    "VAGUE_COUNTS",
    "Casualties",
    "parse_number",
    "find_casualties",
    "sum_casualties",
]

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()

#: Cardinal number words from "zero" to "ninety" (compounds such as
#: "twenty-five" are built from these by :func:`parse_number`).
NUMBER_WORDS: Mapping[str, int] = MappingProxyType(
    {**{w: i for i, w in enumerate(_UNITS)}, **{w: 20 + 10 * i for i, w in enumerate(_TENS)}}
)

#: Conservative values for vague quantities (ACLED: "tens" 10, "dozens" 12,
#: "hundreds" 100; the small counts are this project's floor).
VAGUE_COUNTS: Mapping[str, int] = MappingProxyType(
    {
        "tens": 10,
        "dozens": 12,
        "scores": 20,
        "hundreds": 100,
        "thousands": 1000,
        "millions": 1_000_000,
        "several": 3,
        "a few": 3,
        "few": 3,
        "a handful": 3,
        "a couple": 2,
        "both": 2,
        "a dozen": 12,
        "half a dozen": 6,
        "a score": 20,
    }
)

_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

_UNIT_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN_RE = "|".join(_TENS)
# "twenty-five", "twenty five", "seven", "nineteen"
_WORD_2 = rf"(?:(?:{_TEN_RE})(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|{_UNIT_RE})"
# "one hundred and twenty", "a thousand", "two thousand five hundred"
_WORD_N = (
    rf"(?:(?:{_WORD_2}|an?)\s+(?:hundred|thousand|million)"
    rf"(?:,?\s+(?:and\s+)?(?:{_WORD_2}\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{_WORD_2})?|{_WORD_2}))?"
    rf"|{_WORD_2})"
)
# Digits must not be glued to letters or hyphens: "F-16", "MQ-9", "3-year-old".
_DIGITS = (
    r"(?:(?<![\w.,/-])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\d,]*[\w/])(?!-(?!\d))"
    r"(?:\s+(?:hundred|thousand|million)\b)?)"
)
_VAGUE = (
    r"(?:(?:tens|dozens|scores|hundreds|thousands)(?:\s+of\s+(?:hundreds|thousands|millions))?"
    r"|several|a\s+few|a\s+handful|a\s+couple|both|half\s+a\s+dozen|a\s+dozen|a\s+score"
    rf"|(?:{_WORD_2}|\d+)\s+dozen)"
)
_NUM = rf"(?:{_DIGITS}|{_VAGUE}|(?<![\w-]){_WORD_N}(?![\w-]))"
_PREFIX = (
    r"(?:at\s+least|more\s+than|over|nearly|almost|about|around|approximately|roughly|"
    r"some|an\s+estimated|estimated|a\s+total\s+of|up\s+to|as\s+many\s+as|"
    r"no\s+(?:fewer|less)\s+than|not\s+less\s+than|at\s+most|a\s+further|another|"
    r"an\s+additional|additional|further|all|a\s+reported|a\s+minimum\s+of|close\s+to|"
    r"upwards\s+of|in\s+excess\s+of)"
)
_RANGE = rf"(?:\s*(?:-|–|—|\bto\b|\bor\b)\s*{_NUM})"

# One quantity phrase: prefixes, a number (or range), an optional trailing "of".
_QUANTITY = rf"(?:(?:{_PREFIX}\s+)*(?:between\s+{_NUM}\s+and\s+{_NUM}|{_NUM}{_RANGE}?)(?:\s+of\b)?)"
_QUANTITY_RE = re.compile(rf"\s*(?P<q>{_QUANTITY})", re.IGNORECASE)
_FEWER_RE = re.compile(r"\s*(?:fewer|less)\s+than\b|\s*under\b", re.IGNORECASE)
_ADDITIVE_RE = re.compile(r"\b(?:another|further|additional)\b", re.IGNORECASE)
_OTHERS_RE = re.compile(r"\b(?:others|more)\b", re.IGNORECASE)
_PREFIX_STRIP_RE = re.compile(rf"^(?:(?:{_PREFIX}|between)\s+)+", re.IGNORECASE)
_FIRST_NUM_RE = re.compile(_NUM, re.IGNORECASE)
_TOKEN_RE = re.compile(r"[a-z]+|\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Casualties:
    """Killed and injured stated by a sentence (``None`` when not stated).

    Parameters
    ----------
    fatalities : int, optional
        People reported killed; ``0`` only when the text says nobody died.
    injured : int, optional
        People reported wounded or injured.

    Examples
    --------
    >>> Casualties(fatalities=3)
    Casualties(fatalities=3, injured=None)
    """

    fatalities: int | None = None
    injured: int | None = None


def _words_value(tokens: list[str]) -> int | None:
    """Value of cardinal words such as ``["two", "hundred", "and", "five"]``."""
    total = current = 0
    seen = False
    for tok in tokens:
        if tok == "and":
            continue
        if tok in ("a", "an"):
            current, seen = current or 1, True
        elif tok in NUMBER_WORDS:
            current, seen = current + NUMBER_WORDS[tok], True
        elif tok == "hundred":
            current, seen = (current or 1) * 100, True
        elif tok in _SCALES:
            total, current, seen = total + (current or 1) * _SCALES[tok], 0, True
        else:
            return None
    return total + current if seen else None


def _number_value(num: str) -> int | None:
    """Value of one ``_NUM`` match (no prefix, no range)."""
    low = " ".join(num.lower().replace("-", " ").split())
    if low in VAGUE_COUNTS:
        return VAGUE_COUNTS[low]
    if " of " in low:  # "hundreds of thousands": a floor times a floor
        head, _, tail = low.partition(" of ")
        return VAGUE_COUNTS[head] * VAGUE_COUNTS[tail]
    if low.endswith(" dozen"):
        base = _number_value(low[: -len(" dozen")])
        return None if base is None else base * 12
    tokens = _TOKEN_RE.findall(low.replace(",", ""))
    if tokens and tokens[0][0].isdigit():
        value = float(tokens[0])
        for tok in tokens[1:]:
            value *= _SCALES[tok]
        return int(value)
    return _words_value(tokens)


def parse_number(text: str) -> int | None:
    """Read the quantity phrase at the start of ``text`` conservatively.

    Parameters
    ----------
    text : str
        A phrase that starts with a quantity: digits ("1,200"), words
        ("twenty-five", "a hundred"), a vague quantity ("dozens", "several"),
        optionally after "at least", "more than", "up to", "some"... and
        optionally a range ("5 to 10", "5-10", "between 5 and 10"). Words
        after the quantity ("12 people") are ignored.

    Returns
    -------
    int or None
        The lowest number the phrase allows; ``None`` when it states no
        number ("many", "a number of", "fewer than ten": no floor but zero).

    Examples
    --------
    >>> parse_number("1,200")
    1200
    >>> parse_number("twenty-five")
    25
    >>> parse_number("at least two dozen people")
    24
    >>> parse_number("dozens")
    12
    >>> parse_number("between 10 and 15")
    10
    >>> parse_number("a number of") is None
    True
    """
    if _FEWER_RE.match(text):
        return None
    m = _QUANTITY_RE.match(text)
    if m is None:
        return None
    phrase = _PREFIX_STRIP_RE.sub("", m.group("q").strip())
    first = _FIRST_NUM_RE.match(phrase)
    return None if first is None else _number_value(first.group(0))


# --- casualties -----------------------------------------------------------

# Searched in a lower-cased copy: case-sensitive literals let the engine skip
# most positions at once, which an ignore-case search cannot.
_CUE_RE = re.compile(
    r"kill|dead|die|death|wound|injur|hurt|slain|perish|martyr|lives|casualt|bodies|toll|fatalit"
)

_PERSON = (
    r"(?:people|persons?|civilians?|others|more|soldiers?|troops|servicem[ae]n|"
    r"service\s*members?|fighters?|militants?|members?|commanders?|officers?|officials?|"
    r"children|child|kids|women|woman|men|man|boys?|girls?|babies|baby|infants?|toddlers?|"
    r"teenagers?|teens?|residents?|journalists?|reporters?|photographers?|paramedics?|medics?|"
    r"doctors?|nurses?|rescuers?|(?:aid\s+)?workers?|staff(?:ers)?|farmers?|shepherds?|"
    r"students?|pupils?|worshipp?ers?|passengers?|policem[ae]n|police(?:\s+officers?)?|"
    r"guards?|gunm[ae]n|insurgents?|jihadists?|rebels?|militiam[ae]n|operatives?|"
    r"combatants?|personnel|individuals?|victims?|citizens?|relatives?|generals?|leaders?|"
    r"fishermen|migrants?|refugees?|detainees?|prisoners?|pilots?|crew(?:\s+members?)?|"
    r"sailors?|marines?|contractors?|volunteers?|sons?|daughters?|brothers?|sisters?|"
    r"mothers?|fathers?|husbands?|wives|wife|siblings?|cousins?|"
    r"(?-i:[A-Z][a-z]+(?:i|ian|an|ese)s?))"  # demonyms: "Palestinians", "Yemenis", "Lebanese"
)
# Words allowed between a number and its head noun: names and demonyms,
# hyphenated modifiers, ages, and a short list of ordinary adjectives.
_MODIFIER = (
    r"(?:(?-i:[A-Z][\w'’.-]*)|\w+['’]s|\d+-year-old|[a-z]+-[a-z]+(?:-[a-z]+)?|"
    r"other|more|young|senior|top|local|civilian|armed|unarmed|innocent|elderly|"
    r"military|security|police|government|rebel|militia|unidentified|medical|aid|"
    r"humanitarian|suspected|alleged|fellow|foreign|family|same|further|additional|"
    r"off-duty|female|male|minor|displaced|army|naval|air|defence|defense|emergency|"
    r"rescue|health|civil|UN|U\.N\.|U\.S\.)"
)
# Singular roles that name one person after "the": "killed the group's commander".
_ROLE = (
    r"(?:commander|leader|head|chief|deputy|founder|spokesman|spokeswoman|son|daughter|"
    r"brother|sister|wife|husband|driver|bodyguard|governor|mayor|minister|general)"
)
# A head noun with up to three modifiers and an "of/from/in ..." tail of up
# to six words: "three members of the Popular Resistance Committees' armed wing".
_HEAD = (
    rf"(?:(?:{_MODIFIER}\s+){{0,3}}{_PERSON}"
    rf"(?:\s+(?:of|from|in|at|inside|aboard)\s+(?:[\w'’.-]+\s+){{0,5}}?[\w'’.-]+)?)"
)
_ONE_PERSON = rf"(?:\b(?:an?|one)\s+(?:{_MODIFIER}\s+){{0,3}}{_PERSON}\b)"
_AUX = (
    r"(?:was|were|is|are|been|being|be|have|has|had|reportedly|reported|also|later|all|"
    r"among|the|those|confirmed|believed|feared|said|to|found|now|subsequently|instantly|"
    r"immediately|already|since|both|seriously|critically|lightly|slightly|badly|"
    r"severely|fatally|mortally|moderately|allegedly)"
)
_SAID = (
    r"(?:,?\s+(?:they|he|she|it|officials|sources|medics|witnesses|police)\s+(?:said|say|says),?)"
)
# A parenthetical between subject and verb: ", including a paramedic,".
_PAREN = (
    r"(?:\s*[,(—–]\s*(?:including|among\s+them|among\s+whom|most\s+of\s+them|mostly|all|both|"
    r"two\s+of\s+them|one\s+of\s+them)\b[^,;()—–]{0,80}[,)—–])"
)
_FATAL_KW = r"(?:killed|dead|died|slain|perished|martyred|lost\s+(?:their|his|her)\s+lives?)"
_INJURE_KW = r"(?:wounded|injured|hurt|maimed)"
_NOT_A_COUNT = (
    r"(?!\s*(?:%|percent\b|per\s+cent\b|days?\b|weeks?\b|months?\b|years?\b|hours?\b|"
    r"minutes?\b|times\b|a\.m\.?|p\.m\.?|am\b|pm\b|km\b|kilomet|miles?\b|met(?:er|re)s?\b|"
    r"o'clock|GMT\b|local\s+time|[-–]year))"
)
_QTY = rf"(?P<q>{_QUANTITY}){_NOT_A_COUNT}"

_SUBJECT_RE = re.compile(
    rf"(?:(?<![\w-])(?<!no\s){_QTY}(?:\s+{_HEAD})?|(?<!no\s)(?P<one>{_ONE_PERSON}))"
    rf"{_PAREN}?{_SAID}?(?:\s+{_AUX})*\s+"
    rf"(?:(?P<fatal>{_FATAL_KW})|(?P<injured>{_INJURE_KW}))\b"
    # "two drones killed three": the object is the count, not the subject
    rf"(?!\s+(?:{_PREFIX}\s+)?(?:\d[\d,.]*|(?:{_WORD_2}|an?)\b){_NOT_A_COUNT})",
    re.IGNORECASE,
)
_OBJECT_RE = re.compile(
    rf"\b(?:(?P<fatal>kill(?:ed|ing|s)?|claim(?:ed|ing|s)?\s+the\s+lives\s+of)|"
    rf"(?P<injured>wound(?:ed|ing|s)?|injur(?:ed|ing|es)?))\s+"
    rf"(?:{_QTY}|(?P<one>(?:an?|one)\b(?!\s+(?:number|lot|few|couple|total|series|wave|string|"
    rf"spate|handful|dozen|score)\b)|(?:the|its|their|his|her)\s+(?:{_MODIFIER}\s+){{0,3}}{_ROLE}\b"
    rf"|(?:{_MODIFIER}\s+){{0,3}}{_ROLE}(?-i:(?:\s+[A-Z][\w'’.-]*){{1,4}})))"
    rf"(?:\s+{_HEAD})?"
    rf"(?:,?\s+(?:and|as\s+well\s+as|plus|along\s+with)\s+"
    rf"(?P<q2>{_QUANTITY})\s+(?:others|more|other\s+[\w-]+))?",
    re.IGNORECASE,
)
_LEFT_RE = re.compile(
    rf"\b(?:leav(?:e|es|ing)|left)\s+{_QTY}(?:\s+{_HEAD})?\s+"
    rf"(?:(?P<fatal>dead|killed)|(?P<injured>{_INJURE_KW}))\b",
    re.IGNORECASE,
)
_DEATH_OF_RE = re.compile(
    rf"\b(?:deaths?|killings?)\s+of\s+(?:{_QTY}|(?P<one>an?|one)\b)", re.IGNORECASE
)
_TOLL_RE = re.compile(
    rf"\b(?:(?:death|casualty)\s+toll|number\s+of\s+(?:dead|deaths|fatalities|"
    rf"(?:people|those)\s+killed))\s+(?:[\w'’-]+\s+){{0,8}}?"
    rf"(?:to|at|of|reached|hit|is|was|stands|stood)\s+{_QTY}",
    re.IGNORECASE,
)
_AMONG_RE = re.compile(
    rf"\bamong\s+(?:the\s+|those\s+)?(?:(?P<fatal>dead|killed|victims)|(?P<injured>wounded|injured))"
    rf"\s+(?:were|was|are|is)\s+{_QTY}",
    re.IGNORECASE,
)
_COUNT_NOUN_RE = re.compile(
    rf"(?<![\w-]){_QTY}\s+(?:(?P<fatal>deaths|fatalities|bodies)|(?P<injured>injuries))\b",
    re.IGNORECASE,
)
_PASSIVE_BEFORE_RE = re.compile(
    r"\b(?:was|were|been|being|be|is|are|get|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)
_ZERO_RE = re.compile(
    r"\b(?:no\s+one|nobody|none|no\s+(?:[\w-]+\s+)?(?:people|civilians|soldiers|troops|"
    r"personnel|one))\s+(?:was|were|has\s+been|have\s+been|had\s+been|got)\s+"
    r"(?:reportedly\s+)?(?:(?P<zf>killed)|(?P<zi>hurt|injured|wounded))"
    r"(?:\s+or\s+(?:(?P<zf2>killed)|(?P<zi2>hurt|injured|wounded)))?\b"
    r"|\b(?:caused\s+|causing\s+|with\s+|there\s+were\s+)no\s+(?:(?P<zc>casualties)|(?P<zd>deaths|fatalities)|(?P<zj>injuries))\b"
    r"|\bwithout\s+(?:causing\s+)?(?:any\s+)?(?:(?P<zc2>casualties)|(?P<zj2>injuries))\b"
    r"|\bno\s+(?:(?P<zc3>casualties)|(?P<zd3>deaths|fatalities)|(?P<zj3>injuries))\s+"
    r"(?:were|was|have\s+been|had\s+been)\s+(?!immediately\b)(?:reported|recorded|caused)\b",
    re.IGNORECASE,
)


def _additive(quantity: str, matched: str) -> bool:
    """Tell whether a figure comes on top of another: "five others", "another two"."""
    return bool(_ADDITIVE_RE.search(quantity)) or bool(_OTHERS_RE.search(matched, 0, 80))


def _combine(figures: list[tuple[int, bool]]) -> int | None:
    """Largest plain figure plus every additional one."""
    if not figures:
        return None
    base = max((v for v, add in figures if not add), default=0)
    return base + sum(v for v, add in figures if add)


def find_casualties(sentence: str) -> Casualties:
    """Read the killed and injured one sentence states.

    Parameters
    ----------
    sentence : str
        One sentence of news text.

    Returns
    -------
    Casualties
        Conservative counts; a field is ``None`` when the sentence states no
        figure of that kind, ``0`` when it says there were none.

    Examples
    --------
    >>> find_casualties("An air strike killed at least 12 people and wounded dozens.")
    Casualties(fatalities=12, injured=12)
    >>> find_casualties("One soldier was killed and eight more were reported wounded.")
    Casualties(fatalities=1, injured=8)
    >>> find_casualties("The strike caused the death of one fighter.")
    Casualties(fatalities=1, injured=None)
    >>> find_casualties("Officials said no one was hurt.")
    Casualties(fatalities=None, injured=0)
    """
    if not _CUE_RE.search(sentence.lower()):
        return Casualties()
    fatal: list[tuple[int, bool]] = []
    injured: list[tuple[int, bool]] = []

    for m in _SUBJECT_RE.finditer(sentence):
        if m.group("one"):
            value, add = 1, False
        else:
            value = parse_number(m.group("q"))
            if value is None:
                continue
            add = _additive(m.group("q"), m.group(0))
        (fatal if m.group("fatal") else injured).append((value, add))

    for m in _OBJECT_RE.finditer(sentence):
        if m.group(0)[:1].lower() in "kw" and _PASSIVE_BEFORE_RE.search(sentence, 0, m.start()):
            verb = m.group("fatal") or m.group("injured")
            if verb.lower().endswith("ed"):
                continue  # "were killed two days ago": passive, no object
        value = 1 if m.group("one") else parse_number(m.group("q"))
        if value is None:
            continue
        add = bool(m.group("q")) and bool(_ADDITIVE_RE.search(m.group("q")))
        if m.group("q2"):
            value += parse_number(m.group("q2")) or 0
        (fatal if m.group("fatal") else injured).append((value, add))

    for m in _LEFT_RE.finditer(sentence):
        value = parse_number(m.group("q"))
        if value is not None:
            (fatal if m.group("fatal") else injured).append((value, False))

    for m in _DEATH_OF_RE.finditer(sentence):
        value = 1 if m.group("one") else parse_number(m.group("q"))
        if value is not None:
            fatal.append((value, False))
    for m in _TOLL_RE.finditer(sentence):
        value = parse_number(m.group("q"))
        if value is not None:
            fatal.append((value, False))
    for m in _AMONG_RE.finditer(sentence):
        value = parse_number(m.group("q"))
        if value is not None:
            (fatal if m.group("fatal") else injured).append((value, False))
    for m in _COUNT_NOUN_RE.finditer(sentence):
        value = parse_number(m.group("q"))
        if value is not None:
            (fatal if m.group("fatal") else injured).append((value, False))

    zero_fatal = zero_injured = False
    for m in _ZERO_RE.finditer(sentence):
        groups = {k for k, v in m.groupdict().items() if v}
        zero_fatal |= bool(groups & {"zf", "zf2", "zc", "zd", "zc2", "zc3", "zd3"})
        zero_injured |= bool(groups & {"zi", "zi2", "zc", "zj", "zc2", "zj2", "zc3", "zj3"})

    fatalities = _combine(fatal)
    wounded = _combine(injured)
    if fatalities is None and zero_fatal:
        fatalities = 0
    if wounded is None and zero_injured:
        wounded = 0
    return Casualties(fatalities=fatalities, injured=wounded)


def sum_casualties(items: Iterable[Casualties]) -> Casualties:
    """Combine the counts of several sentences about one event.

    Each field keeps its largest stated figure, not the sum: articles repeat
    and update one toll ("killed 12" in the lead, "the toll rose to 14"
    later), so adding would double-count. The cost is an under-count when
    one article gives separate tolls for separate strikes, which is the
    conservative error.

    Parameters
    ----------
    items : iterable of Casualties
        Per-sentence counts, e.g. from :func:`find_casualties`.

    Returns
    -------
    Casualties
        Per-field maximum; ``None`` where no item states a figure.

    Examples
    --------
    >>> sum_casualties([Casualties(12, None), Casualties(14, 30), Casualties()])
    Casualties(fatalities=14, injured=30)
    """
    fatal: int | None = None
    injured: int | None = None
    for item in items:
        if item.fatalities is not None:
            fatal = item.fatalities if fatal is None else max(fatal, item.fatalities)
        if item.injured is not None:
            injured = item.injured if injured is None else max(injured, item.injured)
    return Casualties(fatalities=fatal, injured=injured)
