"""Context rules: what the words around a place name say about it.

Each rule reads a small window of text beside a recognised span and answers
one question:

- is the name a metonym ("Tehran denies", "Washington said", "according to
  Baghdad", "U.S. officials") or a meeting venue ("in Brussels for a
  meeting"), i.e. named but not the location of anything?
- is the location qualified: "near X" (a radius), "30 miles south of X" (an
  offset point), "north of X"?
- does the text say what kind of place it is: "X province", "the town of X",
  "X air base"?
- is it part of a border phrase: "the Syria-Iraq border", "the border between
  X and Y", "near the Iranian border"?

The patterns are general English news usage; nothing here knows particular
articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from geostrikes.extraction.numbers import parse_number
from geostrikes.model import Kind

__all__ = [
    "Qualifier",
    "BorderCue",
    "metonym_role",
    "qualifier",
    "kind_hint",
    "find_border_cues",
    "BEARINGS",
]

_SPEECH_VERBS = (
    r"said|says|say|denied|denies|deny|denying|condemned|condemns|accused|accuses|believes|"
    r"believed|warned|warns|announced|announces|claimed|claims|blamed|blames|rejected|rejects|"
    r"insisted|insists|responded|responds|vowed|vows|threatened|threatens|urged|urges|"
    r"demanded|demands|called|calls|confirmed|confirms|stated|states|acknowledged|"
    r"acknowledges|maintains|maintained|argued|argues|wants|wanted|agreed|agrees|refused|"
    r"refuses|retaliated|reiterated|sanctioned|imposed|welcomed|welcomes|praised|criticized|"
    r"criticised|protested|summoned|expelled|pledged|promised|asked|told|hopes|fears|sees|"
    r"considers|regards|backs|backed|supports|supported|sent|sends|has said|had said|has denied|"
    r"had denied|has no|had no|did not|does not|is not|was not|has not|had not|would|will|"
    r"could|may|might|must|should|intends|plans|seeks|sought"
)
_AFTER_METONYM = re.compile(
    r"^\s*:\s|^(?:['’]s?)?\s*(?:,[^,.;]{1,60},\s*)?(?:has |had |also |later |then |quickly |"
    r"again |officially |publicly |repeatedly |strongly |on \w+ )*(?:" + _SPEECH_VERBS + r")\b",
    re.IGNORECASE,
)
_GOVERNMENT_NOUNS = (
    r"government|regime|administration|authorities|officials?|ministry|ministers?|military|"
    r"army|armed forces|forces|troops|air force|navy|president|leaders?|leadership|"
    r"spokesman|spokeswoman|envoy|ambassador|embassy|state media|state television|"
    r"foreign ministry|defen[cs]e ministry|defen[cs]e department|intelligence|"
    r"security forces|diplomats?|delegation|commanders?|generals?|jets|warplanes|aircraft|"
    r"drones?|missiles?|strikes?|airstrikes?|air strikes?|raids?|bombers|fighters|"
    r"navy|coalition|allies|ally|partners?|counterparts?|position|policy|stance|role|"
    r"involvement|support|backing|proxies|nuclear program(?:me)?|parliament|congress|cabinet|"
    r"prime minister|foreign minister|defen[cs]e minister|national security|citizens|nationals|"
    r"personnel|soldiers|service ?members|contractors|interests|assets|diplomacy|sanctions|"
    r"officers|units|proxy|proxies|allies|regime['’]s|bases|facilities|warships|vessels|"
    r"sovereignty|territory|airspace|air space"
)
_MODIFIER_AFTER = re.compile(
    # [ \t], not \s: "... in Nyala\n\nDrones were heard" is no "Nyala drones".
    r"^(?:['’]s)?[ \t]*(?:-[ \t]*)?(?:led|backed|based|linked|allied|aligned|sponsored|funded|"
    r"made|supplied|built)\b|^-[A-Z][\w.]*(?!\s+(?:border|frontier|boundary))\b"
    r"|^(?:['’]s)?[ \t]+(?:" + _GOVERNMENT_NOUNS + r")\b",
    re.IGNORECASE,
)
_BEFORE_METONYM = re.compile(
    r"\b(?:according to|cooperat\w+ with|coordinat\w+ with|deconflict\w* with|talks with|"
    r"ties with|relations with|negotiations with|deal with|agreement with|pressure on|"
    r"tensions? with|war with|conflict with|(?:tensions?|relations|ties|talks|war|conflict|"
    r"rift|rivalry|escalation|deal|dialogue) between|hostility (?:to|toward)|engag\w+|confront\w*|"
    r"diplomacy with|dialogue with|rapprochement with|support for|supporting|"
    r"sanctions (?:on|against)|warned|accused|blamed|urged|told|asked|said to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_VENUE_AFTER = re.compile(
    r"^\s*(?:,\s*)?(?:for|to attend|to join|attending)\s+(?:a|an|the)?\s*(?:\w+\s+){0,3}?"
    r"(?:meeting|summit|talks|conference|visit|ceremony|negotiations|forum|session|gathering|"
    r"consultations)\b",
    re.IGNORECASE,
)
_VENUE_BEFORE = re.compile(
    r"\b(?:(?:meeting|summit|talks|conference|forum|ceremony|negotiations|session)\s+"
    r"(?:held\s+)?in|(?:visit|trip)\s+to|visiting|flew to|travel(?:l?ed|s)? to|"
    r"arrived in|headquartered in|based in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)

#: Compass words -> bearing in degrees.
BEARINGS = {
    "north": 0.0, "northeast": 45.0, "north-east": 45.0, "east": 90.0, "southeast": 135.0,
    "south-east": 135.0, "south": 180.0, "southwest": 225.0, "south-west": 225.0,
    "west": 270.0, "northwest": 315.0, "north-west": 315.0,
}
_DIRECTION = r"(?P<dir>north-?east|north-?west|south-?east|south-?west|north|south|east|west)"
_UNITS = {"mile": 1.609344, "miles": 1.609344, "mi": 1.609344, "km": 1.0, "kms": 1.0,
          "kilometer": 1.0, "kilometers": 1.0, "kilometre": 1.0, "kilometres": 1.0,
          "nautical mile": 1.852, "nautical miles": 1.852, "nm": 1.852}
_OFFSET_BEFORE = re.compile(
    r"(?:about|around|some|roughly|nearly|approximately|just|only|almost|\()?\s*"
    r"(?P<num>\d[\d,.]*|[a-z]+(?:[- ][a-z]+)?)\s*-?\s*"
    r"(?P<unit>nautical\s+miles?|nm|miles?|mi|kms?|kilomet(?:er|re)s?)\s+(?:\([^)]{1,20}\)\s+)?"
    + _DIRECTION + r"(?:ern)?\s+of\s+(?:the\s+)?(?:(?:city|town|capital|village|province)"
    r"\s+of\s+)?$",
    re.IGNORECASE,
)
_DIRECTION_BEFORE = re.compile(
    r"\b(?:just\s+|far\s+)?" + _DIRECTION + r"(?:ern)?\s+of\s+(?:the\s+)?"
    r"(?:(?:city|town|capital|village)\s+of\s+)?$",
    re.IGNORECASE,
)
_NEAR_BEFORE = re.compile(
    r"\b(?:near|nearby|outside|close to|on the outskirts of|the outskirts of|outskirts of|"
    r"in the vicinity of|around|not far from|just outside|on the edge of|the edge of|"
    r"the area of|the vicinity of)\s+(?:the\s+)?(?:(?:city|town|capital|village|district)\s+"
    r"of\s+)?$",
    re.IGNORECASE,
)
_KIND_AFTER = [
    (re.compile(r"^\s*(?:province|governorate|governate|region|state|muhafazat|ostan|"
                r"oblast|wilayah|emirate)\b", re.IGNORECASE), Kind.ADMIN1),
    (re.compile(r"^\s*(?:district|sub-?district|county|qada|nahiya|shahrestan|municipality)\b",
                re.IGNORECASE), Kind.ADMIN2),
    (re.compile(r"^\s*(?:air ?base|airfield|air field|air station|military base|base|camp|"
                r"garrison|barracks|outpost)\b", re.IGNORECASE), Kind.BASE),
    (re.compile(r"^\s*(?:international\s+)?airport\b", re.IGNORECASE), Kind.AIRPORT),
    (re.compile(r"^\s*(?:city|town|village|neighbou?rhood|suburb)\b", re.IGNORECASE),
     Kind.POPULATED_PLACE),
    # A newspaper bears its city's name: "The Washington Post" is not the state's.
    (re.compile(r"^\s(?:Post|Times|Herald|Tribune|Gazette|Chronicle|Courier|Sun-Times|"
                r"Daily News|Examiner|Inquirer|Dispatch|Free Press|Star-Tribune|Star Tribune|"
                r"Journal-Constitution|Plain Dealer|Post-Gazette|Courant)\b"), Kind.POPULATED_PLACE),
]
_KIND_BEFORE = [
    (re.compile(r"\b(?:the\s+)?(?:province|governorate|region|state)\s+of\s+$", re.IGNORECASE),
     Kind.ADMIN1),
    (re.compile(r"\b(?:the\s+)?(?:district)\s+of\s+$", re.IGNORECASE), Kind.ADMIN2),
    (re.compile(r"\b(?:town|city|village|hamlet|suburb|neighbou?rhood|capital(?: city)?),?"
                r"\s+(?:of\s+)?$", re.IGNORECASE), Kind.POPULATED_PLACE),
]


_NEAR_WORDS = ("near", "outside", "close to", "outskirts", "vicinity", "around", "far from",
               "edge of", "area of")
_UNIT_WORDS = re.compile(r"\b(?:miles?|mi|kms?|kilomet|nm)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Qualifier:
    """How words before a name qualify the location: near, or an offset."""

    role: str  # "near" or "offset"
    start: int  # where the qualifying phrase starts
    distance_km: float | None = None
    bearing: float | None = None


@dataclass(frozen=True, slots=True)
class BorderCue:
    """A phrase naming a border: its span and the one or two sides named."""

    start: int
    end: int
    text: str
    sides: tuple[str, ...]  # the side words as written ("Syria", "Iraqi")


def _before(text: str, start: int, width: int = 80) -> str:
    return text[max(0, start - width):start]


# The last word of each phrase the patterns anchored at a name look for. A
# name whose preceding words end in none of them cannot match, and asking
# that with str methods spares the regexes, which would try every position
# of the window: they ran around every name. A word added to a pattern's
# phrases must be added here too, or the pattern never sees it.
_VENUE_LAST = ("in", "to", "visiting")
_SOURCE_LAST = ("in",)
_METONYM_LAST = ("to", "toward", "with", "on", "between", "for", "supporting", "against",
                 "warned", "accused", "blamed", "urged", "told", "asked")
_METONYM_INSIDE = ("engag", "confront")  # engag\w+, confront\w*
_QUALIFIER_LAST = ("of", "near", "nearby", "outside", "to", "around", "from")
# The first words of the phrases _KIND_AFTER looks for after a name.
_KIND_FIRST = ("province", "governorate", "governate", "region", "state", "muhafazat", "ostan",
               "oblast", "wilayah", "emirate", "district", "sub", "county", "qada", "nahiya",
               "shahrestan", "municipality", "air", "military", "base", "camp", "garrison",
               "barracks", "outpost", "international", "airport", "city", "town", "village",
               "neighbo", "suburb",
               # newspapers named after their city (the last of _KIND_AFTER)
               "post", "times", "herald", "tribune", "gazette", "chronicle", "courier",
               "sun-times", "daily news", "examiner", "inquirer", "dispatch", "free press",
               "star", "journal", "plain dealer", "courant")
# What may open the words after a metonym (_AFTER_METONYM): a colon, an aside,
# an adverb or a speech verb.
_METONYM_FIRST = (":", ",", "has ", "had ", "also ", "later ", "then ", "quickly ", "again ",
                  "officially ", "publicly ", "repeatedly ", "strongly ", "on ",
                  *_SPEECH_VERBS.split("|"))
_FIRST_WIDTH = max(map(len, _KIND_FIRST + _METONYM_FIRST))
_KIND_LAST = tuple(w + comma for w in ("of", "town", "city", "village", "hamlet", "suburb",
                                       "hood", "capital") for comma in ("", ","))


def _closing_words(before: str) -> tuple[str, ...] | None:
    """The last word of ``before`` and, if that is "the", the one before, lower-cased.

    Every pattern anchored at a name ends in white space, so without it the
    answer is ``()``. ``None`` when the words are not ASCII: the regexes fold
    the case of other letters their own way, so they must be asked.
    """
    if not before or not before[-1].isspace():
        return ()
    chunks = before.rsplit(None, 2)
    if not chunks:
        return ()
    last = chunks[-1]
    if not last.isascii():
        return None
    last = last.lower()
    if last != "the" or len(chunks) < 2:
        return (last,)
    previous = chunks[-2]
    return (last, previous.lower()) if previous.isascii() else None


def _may_open_with(after: str, first: tuple[str, ...], possessive: bool = False) -> bool:
    """Whether ``after``, past white space, may open with one of the words ``first``.

    With ``possessive``, also past an apostrophe or ``'s`` first. Not ASCII,
    the regexes must be asked (they fold the case of other letters their own
    way).
    """
    heads = [after]
    if possessive and after[:1] in ("'", "’"):
        heads += [after[1:], after[2:]] if after[1:2] in ("s", "S") else [after[1:]]
    for head in heads:
        head = head.lstrip()[:_FIRST_WIDTH]
        if not head.isascii() or head.lower().startswith(first):
            return True
    return False


def _may_end_in(words: tuple[str, ...] | None, last: tuple[str, ...],
                inside: tuple[str, ...] = ()) -> bool:
    """Whether ``words`` (:func:`_closing_words`) may end a phrase ending in ``last``."""
    if words is None:
        return True
    for word in words:
        if word.endswith(last):
            return True
        for part in inside:
            if part in word:
                return True
    return False


_SOURCE_BEFORE = re.compile(
    r"\b(?:ministry|government|authorities|officials|agency|observatory|monitor|office|"
    r"headquarters|media|spokes(?:man|woman)|command|correspondent|bureau|newsroom)\s+"
    r"(?:based\s+)?in\s+(?:the\s+)?$", re.IGNORECASE)


# The words before "in" that make it a venue's or a source's: "talks in",
# "arrived in", "the ministry in", "based in" (in step with _VENUE_BEFORE and
# _SOURCE_BEFORE, like the lists above).
_SITE_BEFORE_IN = ("meeting", "summit", "talks", "conference", "forum", "ceremony",
                   "negotiations", "session", "held", "arrived", "headquartered", "based",
                   "ministry", "government", "authorities", "officials", "agency",
                   "observatory", "monitor", "office", "headquarters", "media", "spokesman",
                   "spokeswoman", "command", "correspondent", "bureau", "newsroom")


def _plain_in(before: str, words: tuple[str, ...] | None) -> bool:
    """Whether ``before`` ends in a bare "in" ("in", "in the") after no site word.

    Most names follow "in", and only after a word of :data:`_SITE_BEFORE_IN`
    can that "in" end a venue or source phrase.
    """
    if not words or words[-1] != "in":
        return False
    chunks = before.rsplit(None, len(words) + 1)
    if len(chunks) < len(words) + 1:
        return False  # the window starts at "in": let the regexes decide
    previous = chunks[-len(words) - 1]
    return previous.isascii() and not previous.lower().endswith(_SITE_BEFORE_IN)


def metonym_role(text: str, start: int, end: int) -> str | None:
    """``"metonym"``, ``"modifier"`` or ``"venue"`` when the name is not a location.

    Examples
    --------
    >>> t = "A senior official said Tehran denies any role."
    >>> metonym_role(t, t.index("Tehran"), t.index("Tehran") + 6)
    'metonym'
    >>> t = "The minister, in Brussels for a meeting, said so."
    >>> metonym_role(t, t.index("Brussels"), t.index("Brussels") + 8)
    'venue'
    """
    after = text[end:end + 80]
    before = _before(text, start)
    if _VENUE_AFTER.match(after) and re.search(r"\bin\s+$", before, re.IGNORECASE):
        return "venue"
    words = _closing_words(before)
    sited = _may_end_in(words, _VENUE_LAST) and not _plain_in(before, words)
    if sited and _VENUE_BEFORE.search(before):
        return "venue"
    if sited and _SOURCE_BEFORE.search(before):
        # "the Health Ministry in Ramallah said": where the source sits.
        return "source"
    if _MODIFIER_AFTER.match(after):
        return "modifier"
    if (_may_open_with(after, _METONYM_FIRST, possessive=True)
            and _AFTER_METONYM.match(after)) or (_may_end_in(words, _METONYM_LAST,
                                                             _METONYM_INSIDE)
                                       and _BEFORE_METONYM.search(before)):
        return "metonym"
    return None


def qualifier(text: str, start: int) -> Qualifier | None:
    """The near/offset qualifier that ends right before a name, if any.

    Examples
    --------
    >>> t = "a base 30 miles south of Baghdad"
    >>> q = qualifier(t, t.index("Baghdad"))
    >>> (q.role, round(q.distance_km), q.bearing)
    ('offset', 48, 180.0)
    """
    before = _before(text, start, 100)
    lowered = before[-40:].lower()
    if " of" not in lowered and not any(w in lowered for w in _NEAR_WORDS):
        return None  # most names have no qualifier: skip the regexes
    if not _may_end_in(_closing_words(before), _QUALIFIER_LAST):
        return None
    match = _OFFSET_BEFORE.search(before) if _UNIT_WORDS.search(before) else None
    if match:
        number = parse_number(match.group("num"))
        unit = _UNITS.get(" ".join(match.group("unit").lower().rstrip(".").split()), 1.0)
        direction = match.group("dir").lower().replace("-", "")
        if number is not None and 0 < number < 2000:
            return Qualifier("offset", start - len(before) + match.start(),
                             float(number) * unit, BEARINGS[direction])
    match = _DIRECTION_BEFORE.search(before)
    if match:
        direction = match.group("dir").lower().replace("-", "")
        return Qualifier("near", start - len(before) + match.start(), None,
                         BEARINGS[direction])
    match = _NEAR_BEFORE.search(before)
    if match:
        return Qualifier("near", start - len(before) + match.start())
    return None


# A dateline: the capitalised name that opens a line, then perhaps its state or
# country and the agency, then the dash ("JORDAN —", "SALEM, Ore. —", "ROME (AP) -").
_DATELINE_AFTER = re.compile(r"(?:,[^\n,—–]{1,30}?)?\s*(?:\([\w .]{1,20}\)\s*)?[—–-]\s")


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens a dateline, which names a town.

    A paper files from Jordan, Minnesota, never from the kingdom alone.

    Examples
    --------
    >>> is_dateline("SALEM, Ore. — Lawmakers met.", 0, 5)
    True
    >>> is_dateline("US officials said", 0, 2)
    False
    """
    return ((start == 0 or text[start - 1] == "\n") and text[start:end].isupper()
            and _DATELINE_AFTER.match(text, end) is not None)


def kind_hint(text: str, start: int, end: int) -> Kind | None:
    """The kind of place the surrounding words name ("X province" -> admin1)."""
    after = text[end:end + 30]
    if _may_open_with(after, _KIND_FIRST):
        for pattern, kind in _KIND_AFTER:
            if pattern.match(after):
                return kind
    before = _before(text, start, 40)
    if not _may_end_in(_closing_words(before), _KIND_LAST):
        return None
    for pattern, kind in _KIND_BEFORE:
        if pattern.search(before):
            return kind
    return None


_SIDE = r"(?:[A-Z][\w'’.]*(?:\s[A-Z][\w'’.]*){0,2})"
_BORDER_PATTERNS = [
    re.compile(r"(?P<a>" + _SIDE + r")\s*(?:-|–|—|/|\band\b)\s*(?P<b>" + _SIDE + r")\s+"
               r"(?:border|frontier|boundary)\b"),
    re.compile(r"\b(?:border|frontier|boundary)\s+(?:between|of)\s+(?P<a>" + _SIDE +
               r")\s+and\s+(?P<b>" + _SIDE + r")"),
    re.compile(r"(?P<a>" + _SIDE + r")['’]s\s+(?:border|frontier|boundary)\s+with\s+"
               r"(?P<b>" + _SIDE + r")"),
    re.compile(r"\b(?:the|its|their)\s+(?P<a>" + _SIDE + r")\s+(?:border|frontier)\b"),
]


_BORDER_WORDS = ("border", "frontier", "boundary")


def find_border_cues(text: str) -> list[BorderCue]:
    """Phrases that name a border, with the side words they give.

    Examples
    --------
    >>> [c.sides for c in find_border_cues("strikes on the Syria-Iraq border")]
    [('Syria', 'Iraq')]
    >>> [c.sides for c in find_border_cues("not far from the Iranian border")]
    [('Iranian',)]
    """
    if not any(word in text for word in _BORDER_WORDS):
        return []  # every pattern names one of them, as written
    cues: list[BorderCue] = []
    taken: list[tuple[int, int]] = []
    words = _border_words(text)
    for pattern in _BORDER_PATTERNS:
        for match in _border_matches(pattern, text, words):
            start, end = match.start(), match.end()
            if any(s < end and start < e for s, e in taken):
                continue
            sides = tuple(v for v in match.groupdict().values() if v)
            if pattern is _BORDER_PATTERNS[3]:
                start = match.start("a")
            cues.append(BorderCue(start, end, text[start:end], sides))
            taken.append((start, end))
    return sorted(cues, key=lambda c: c.start)


def _border_words(text: str) -> list[int]:
    """Where the border words start in ``text``, in order."""
    starts = []
    for word in _BORDER_WORDS:
        at = text.find(word)
        while at >= 0:
            starts.append(at)
            at = text.find(word, at + len(word))
    return sorted(starts)


def _border_matches(pattern: re.Pattern[str], text: str, words: list[int]
                    ) -> Iterable[re.Match[str]]:
    """``pattern.finditer(text)`` for a border pattern, sparing scans that cannot match.

    Each pattern is a scan of the whole article, and most articles that say
    "border" say it after no capitalised side ("along the border"): what must
    stand before a border word for a pattern to match is checked first, with
    str methods, at the ``words`` (their starts).
    """
    if pattern is _BORDER_PATTERNS[1]:
        return _matches_at(pattern, text, words)  # it starts at its border word
    if pattern is _BORDER_PATTERNS[2]:
        possible = any(_after_possessive(text, at) for at in words)
    else:
        possible = any(_after_side(text, at) for at in words)
    return pattern.finditer(text) if possible else ()


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]
                ) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches can only begin at ``starts``."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            yield match
            end = match.end()


def _space_before(text: str, at: int) -> int:
    """Where the white space that ends right before ``at`` begins (``at`` when there is none)."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at


def _after_side(text: str, at: int) -> bool:
    """Whether white space and a word with a capital letter (as _SIDE ends) stand before ``at``."""
    end = _space_before(text, at)
    if end == at:
        return False
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'’."):
        start -= 1  # the characters of [\w'’.]
    return any("A" <= c <= "Z" for c in text[start:end])


def _after_possessive(text: str, at: int) -> bool:
    """Whether "'s" and white space stand before ``at``."""
    end = _space_before(text, at)
    return end < at and text[end - 2:end] in ("'s", "’s")
