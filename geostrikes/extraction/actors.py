"""Who is named in a sentence, normalised to the actor names events carry.

Countries are named by English short name (``United States``, ``Iran``);
their capitals, ministries, armed forces, commands and aircraft markings map
to the state (``Pentagon``, ``CENTCOM`` -> United States; ``IRGC``,
``Tehran`` -> Iran; ``IDF`` -> Israel). Coalitions and armed groups have
their own names (``US-led coalition``, ``Houthis``, ``Iran-backed militias``).

A match records whether the actor was named by a noun ("Israel", "the
Pentagon") or by an adjective ("Israeli drones"), since the two take part in
different attribution patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geostrikes.geocode.demonyms import COUNTRY_NAMES, DEMONYM_FORMS

__all__ = ["ActorMention", "find_actors", "article_aliases", "generic_mentions", "resolve_alias",
           "COUNTRY_NAMES", "GROUPS", "UNKNOWN"]

UNKNOWN = "unknown"


# Nouns (beyond the country's own name) that stand for a state's decisions or forces.
_STATE_NOUNS = {
    "United States": r"United States|U\.S\.A?\.?|USA|US|America|Washington|Pentagon|"
                     r"CENTCOM|Central Command|AFRICOM|White House|Department of Defen[cs]e|"
                     r"(?:Obama|Trump|Biden|Bush) administration|U\.S\. Air Force|USAF|"
                     r"U\.S\. Navy|U\.S\. military|American military",
    "Iran": r"Iran|Tehran|IRGC|Revolutionary Guards?(?: Corps)?|Islamic Republic(?: of Iran)?|"
            r"Quds Force",
    "Israel": r"Israel|IDF|Israel Defen[cs]e Forces|Israeli Air Force|IAF|Tel Aviv|Mossad",
    "Russia": r"Russia|Moscow|Kremlin",
    "Turkey": r"Turkey|T[üu]rkiye|Ankara",
    "United Kingdom": r"United Kingdom|Britain|Great Britain|UK|U\.K\.|RAF|Royal Air Force|London",
    "Saudi Arabia": r"Saudi Arabia|Riyadh|KSA",
    "United Arab Emirates": r"United Arab Emirates|UAE|U\.A\.E\.|Abu Dhabi",
    "Syria": r"Syrian (?:government|regime|army|military|air force|forces)|Assad regime|"
             r"Syrian Arab Army",
    "Iraq": r"Iraqi (?:government|army|military|air force|armed forces|security forces)",
    "Ukraine": r"Ukraine|Kyiv|Kiev",
    "France": r"France|Paris",
    "Egypt": r"Egypt|Cairo",
    "Jordan": r"Jordanian (?:air force|military|army)|Amman",
    "Pakistan": r"Pakistan|Islamabad",
    "Afghanistan": r"Afghanistan",
    "Lebanon": r"Lebanese (?:army|military)",
    "Yemen": r"Yemeni (?:government|army)",
    "Sudan": r"Sudanese (?:army|armed forces|air force)|SAF",
    "Ethiopia": r"Ethiopian (?:army|military|air force)|ENDF",
    "Nigeria": r"Nigerian (?:army|military|air force)",
    "Myanmar": r"Tatmadaw|Myanmar (?:military|junta|army|air force)",
    "Colombia": r"Colombian (?:army|military|air force|armed forces)",
}

_GROUPS = {
    "US-led coalition": r"U\.?S\.?-led (?:international )?coalition|American-led coalition|"
                        r"international coalition|anti-IS(?:IS|IL)? coalition|"
                        r"Global Coalition|Operation Inherent Resolve|CJTF-OIR|"
                        r"Combined Joint Task Force|[Cc]oalition",
    "Saudi-led coalition": r"Saudi-led (?:military )?coalition|Arab coalition|"
                           r"Saudi-led|Saudi-UAE coalition",
    "Houthis": r"Houthis?|Huthis?|Ansar ?Allah|Ansarullah",
    "Hezbollah": r"Hezbollah|Hizbollah|Hizballah|Hizbullah",
    "Kataib Hezbollah": r"Kata['’]?ib Hez?b[ou]llah|Kata['’]?ib Hizballah|Kataeb Hezbollah",
    "Kataib Sayyid al-Shuhada": r"Kata['’]?ib Sayy?[ie]d al-Shuhada",
    "Asaib Ahl al-Haq": r"Asa['’]?ib Ahl al-Haq",
    "Harakat al-Nujaba": r"Harakat (?:Hezbollah )?al-Nujaba",
    "Badr Organization": r"Badr (?:Organi[sz]ation|Brigades?)",
    "Hamas": r"Hamas|Qassam Brigades|Izz ad-Din al-Qassam Brigades",
    "Palestinian Islamic Jihad": r"(?:Palestinian )?Islamic Jihad|al-Quds Brigades",
    "ISIS": r"ISIS|ISIL|Islamic State(?: group)?|Daesh|IS",
    "al-Qaeda": r"al-Qa['’]?eda|Al Qaeda|AQAP|al-Qaida",
    "al-Shabaab": r"al-Shabaab|Al Shabaab|al-Shabab|Shabaab",
    "Taliban": r"Taliban",
    "PKK": r"PKK|Kurdistan Workers['’]? Party",
    "SDF": r"SDF|Syrian Democratic Forces",
    "Popular Mobilization Forces": r"Popular Mobili[sz]ation (?:Forces|Units)|PMF|PMU|"
                                   r"Hashd al-Shaabi",
    "Iran-backed militias": r"Islamic Resistance in Iraq|"
                            r"Iran(?:ian)?-(?:backed|aligned|allied|linked|supported) "
                            r"(?:militias?|groups?|forces|fighters|factions?|proxies)|"
                            r"Iranian(?:-| )backed (?:militias?|forces|groups?)",
    "Wagner Group": r"Wagner(?: Group)?",
    "Rapid Support Forces": r"Rapid Support Forces|RSF",
    "Libyan National Army": r"Libyan National Army|LNA|Libyan Arab Armed Forces|"
                            r"Haftar['’]s forces|forces loyal to (?:Khalifa )?Haftar",
    "Government of National Unity": r"Government of National Unity|GNU",
    "Government of National Accord": r"Government of National Accord|GNA",
    "ELN": r"ELN|National Liberation Army",
    "Boko Haram": r"Boko Haram",
    "ISWAP": r"ISWAP|Islamic State West Africa Province",
    "JNIM": r"JNIM|Jama['’]?at Nusrat al-Islam wal-Muslimin",
    "Fano": r"Fano(?: militia)?",
    "TPLF": r"TPLF|Tigray People['’]s Liberation Front|Tigrayan forces",
    "TTP": r"TTP|Tehrik-e-Taliban Pakistan|Tehreek-e-Taliban Pakistan|Pakistani Taliban",
    "YPG": r"YPG|People['’]s Protection Units",
    "Jaish al-Adl": r"Jaish al-Adl",
    "Baloch Liberation Army": r"Baloch Liberation Army|BLA",
    "Arakan Army": r"Arakan Army",
    "Kachin Independence Army": r"Kachin Independence Army",  # not "KIA": killed in action
}


#: The armed groups and coalitions (not states) that :func:`find_actors` names.
GROUPS = frozenset(_GROUPS)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in text: normalised name, span, and how it was named."""

    actor: str
    start: int
    end: int
    text: str
    adjective: bool


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    alternatives: list[tuple[str, str, bool]] = []
    for actor, nouns in {**_STATE_NOUNS, **_GROUPS}.items():
        alternatives += [(form, actor, False) for form in _top_level(nouns)]
    for code, forms in DEMONYM_FORMS.items():
        name = COUNTRY_NAMES.get(code)
        if not name:
            continue
        alternatives.append((re.escape(name), name, False))
        alternatives += [(re.escape(f), name, True) for f in forms.split("|")
                         if not f.isupper() and "." not in f]
    # Longest alternatives first, so "Iran-backed militias" wins over "Iran".
    alternatives.sort(key=lambda a: -len(a[0]))
    _pattern.table = [(actor, adjective) for _, actor, adjective in alternatives]  # type: ignore[attr-defined]
    # One alternation per first letter: trying 300 branches at every name
    # start is what made this slow. Forms that do not start with a plain
    # letter go into every bucket.
    by_first: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for index, (form, _actor, _adjective) in enumerate(alternatives):
        branch = f"(?P<a{index}>{form})"
        if form[:1].isalpha():
            by_first.setdefault(form[0], []).append(branch)
        else:
            anywhere.append(branch)
    _pattern.buckets = {  # type: ignore[attr-defined]
        first: re.compile(r"(?<![\w-])(?:" + "|".join(branches + anywhere) + r")(?![\w])")
        for first, branches in by_first.items()
    }
    return re.compile(r"(?<![\w-])(?:" + "|".join(anywhere) + r")(?![\w])")


def _top_level(pattern: str) -> list[str]:
    """Split a regex on the ``|`` that are not inside parentheses."""
    parts, depth, current = [], 0, []
    for char in pattern:
        if char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        current.append(char)
    parts.append("".join(current))
    return parts


def find_actors(text: str) -> list[ActorMention]:
    """Actors named in ``text``, in order, non-overlapping.

    Examples
    --------
    >>> [(a.actor, a.adjective) for a in find_actors("Israeli drones hit Iran-backed militias.")]
    [('Israel', True), ('Iran-backed militias', False)]
    >>> [a.actor for a in find_actors("the Pentagon and the IRGC")]
    ['United States', 'Iran']
    """
    pattern = _pattern()
    table = _pattern.table  # type: ignore[attr-defined]
    buckets = _pattern.buckets  # type: ignore[attr-defined]
    found: list[ActorMention] = []
    taken = 0
    # Try the big alternation only where a name can start: trying it at every
    # character costs ~40 ms per article, at capitalised words ~1 ms.
    for start in _NAME_STARTS.finditer(text):
        if start.start() < taken:
            continue
        bucket = buckets.get(text[start.start()], pattern)
        match = bucket.match(text, start.start())
        if match is None:
            continue
        taken = match.end()
        index = int(match.lastgroup[1:])
        actor, adjective = table[index]
        surface = match.group()
        if surface in ("IS", "US") and not _plausible_abbreviation(text, match.start()):
            continue
        if " " in surface and _inside_longer_name(text, match.start(), found):
            continue  # "Ta'ang National Liberation Army" is not the ELN
        found.append(ActorMention(actor, match.start(), match.end(), surface, adjective))
    return found


#: Where an actor's name can begin: a capitalised word, or one of the few
#: lower-case forms ("coalition", "al-Qaeda").
_NAME_STARTS = re.compile(r"(?<![\w-])(?:[A-Z]|[Cc]oalition|al-)")


#: A capitalised word right before a name ("Ta'ang" in "Ta'ang National Liberation Army").
_NAME_WORD_BEFORE = re.compile(r"(?<![\w'’-])(?P<word>[A-Z][\w'’-]*)[ \t]+$")
_NOT_NAME_WORDS = frozenset({"The", "A", "An", "Its", "Their", "His", "Her", "Our", "And",
                             "Both", "By", "For", "From", "In", "On", "Of", "With", "When",
                             "While", "After", "Before", "As", "But", "Says", "Said"})


def _inside_longer_name(text: str, start: int, found: list[ActorMention]) -> bool:
    """Whether a capitalised word no one has named joins the name to a longer one.

    "Karen National Liberation Army" names another group than the "National
    Liberation Army"; "Iran's Islamic Revolutionary Guard Corps" and "Iranian
    Islamic ..." (an actor already) do not.
    """
    before = _NAME_WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None or before.group("word") in _NOT_NAME_WORDS:
        return False
    word = before.group("word")
    if word.endswith(("'s", "’s", "'", "’")) or re.search(r"-[a-z]", word):
        return False  # "Colombia's ...", "Tripoli-based ...": a word about the name
    return not (found and found[-1].end >= before.start("word"))


def _plausible_abbreviation(text: str, start: int) -> bool:
    # "US" and "IS" are words in all-caps headlines; in running text they are
    # abbreviations. A lower-case neighbour says we are in running text.
    window = text[max(0, start - 20):start + 22]
    return any(c.islower() for c in window)


# -- what an article's own words stand for ------------------------------------------

#: Nouns that, with no name, mean the one party the article names with them
#: ("the army" after "the Sudanese army", "the rebels" after "Houthi rebels").
_GENERIC = ("army", "military", "armed forces", "air force", "rebels", "militants",
            "militia", "militias", "regime", "government", "paramilitaries", "junta",
            "ministry")
_GENERIC_AFTER = re.compile(r"(?:['’]s)?\s+(?:(?:[A-Z][\w-]*|national|regular|federal|state|"
                            r"armed|paramilitary|health|defen[cs]e|interior|foreign)\s+)?"
                            r"(?P<noun>(?i:" + "|".join(
    sorted(_GENERIC, key=len, reverse=True)) + r"))\b")
_GENERIC_BARE = re.compile(r"\b(?:the|its|their)\s+(?P<noun>" + "|".join(
    sorted(_GENERIC, key=len, reverse=True)) + r")\b")
#: "a military aircraft", "army helicopters": forces named by their aircraft alone.
_GENERIC_CRAFT = re.compile(r"\b(?:an?\s+)?(?P<noun>military|army|air force)\s+(?=(?:aircraft|"
                            r"jets?|planes?|warplanes?|helicopters?|gunships?|drones?)\b)")
_TITLE_WORDS = (r"spokes(?:man|woman|person)|minister|secretary|chief|commander|general|"
                r"president|premier|envoy|ambassador|official|governor|colonel|admiral|"
                r"lieutenant|brigadier|major|captain|head|leader|director")
#: "Israeli military spokesman Daniel Hagari", "Coalition spokesman Col. Turki al-Maliki",
#: "US Defense Secretary Lloyd Austin": a title after an actor, then a name.
_NAMED_PERSON = re.compile(
    r"(?:['’]s?)?\s+(?:(?:[A-Z][\w.-]*|military|army|defen[cs]e|foreign|interior|senior|"
    r"top|deputy|former|acting|regional|provincial|government|state|security|air|force|navy|"
    r"national|media)\s+){0,3}?(?i:" + _TITLE_WORDS + r")\.?,?\s+"
    r"(?:(?:Gen|Col|Lt|Maj|Brig|Adm|Capt|Cmdr|Sgt|Dr|Mr|Ms|Mrs)\.\s+)*"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:(?:al|el|bin|ibn|abu|de|van|von)[- ])?[A-Z][\w'’-]+){0,3})")


#: Nouns that, when the article names no one's, mean the host country's forces
#: ("the army" in a Sudan or Myanmar story).
_HOST_FORCES = ("army", "armed forces", "junta", "military", "air force")
_FORCES = ("army", "military", "armed forces", "air force")


#: "WASHINGTON —", "BEIRUT, Nov 14 (Levant Wire) -", "ISLAMABAD:" at a line start.
DATELINE = re.compile(r"(?m)^(?P<city>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’ .-]{2,40}?)(?:,[^—–:\n]{0,40}?)?\s*"
                       r"(?:\([^)\n]{0,40}\)\s*)?(?:—|–|--|-|:)\s")
#: "Defense Secretary Lloyd Austin": an official introduced with a title and no party.
_TITLED = re.compile(
    r"\b(?:[A-Z][a-z]+\s+){0,2}(?:Secretary|Minister|Spokes(?:man|woman|person)|President|"
    r"Premier|Chancellor|Commander|Chief)\s+(?:(?:Gen|Col|Lt|Maj|Brig|Adm)\.\s+)*"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")


def _dateline_party(text: str) -> str | None:
    """The party whose capital datelines the story ("WASHINGTON —" -> United States)."""
    match = DATELINE.search(text[:600])
    if match is None:
        return None
    actors = find_actors(match.group("city").title())
    return actors[0].actor if len(actors) == 1 else None


def article_aliases(text: str, actors: list[ActorMention], host: str | None = None,
                    capital_of: str | None = None) -> dict[str, str]:
    """What an article's bare nouns and people's surnames stand for.

    Parameters
    ----------
    text : str
        The article's text.
    actors : list of ActorMention
        The actors :func:`find_actors` found in it.
    host : str, optional
        The country the story is set in; its forces are "the army" when the
        article names no other party's army.
    capital_of : str, optional
        The country whose capital the dateline names, when the caller's
        gazetteer knows it ("BOGOTÁ —"); otherwise told from the capitals
        that stand for their governments.

    Returns
    -------
    dict
        Lower-cased alias to actor: ``"the army"`` when the article names
        exactly one party's army, and the surname (and full name) of people
        it introduces with a party and a title.

    Examples
    --------
    >>> text = "Israeli military spokesman Daniel Hagari said so. Hagari added more."
    >>> article_aliases(text, find_actors(text))["hagari"]
    'Israel'
    """
    owners: dict[str, set[str]] = {}
    named_by: set[str] = set()  # groups whose own name ends in a forces noun
    aliases: dict[str, str] = {}
    for index, mention in enumerate(actors):
        after = text[mention.end:mention.end + 120]
        generic = _GENERIC_AFTER.match(after)
        following = actors[index + 1].start if index + 1 < len(actors) else len(text)
        if generic and mention.end + generic.start("noun") < following:
            # "Yemen's Houthi rebels": the rebels are the Houthis', not Yemen's.
            owners.setdefault(generic.group("noun").lower(), set()).add(mention.actor)
        lowered = mention.text.lower()
        for noun in _GENERIC:
            # "the Israeli military", "the Government of National Unity": its noun.
            if lowered.endswith(" " + noun) or lowered.startswith(noun + " of "):
                owners.setdefault(noun, set()).add(mention.actor)
                if mention.actor in GROUPS and noun in _FORCES:
                    named_by.add(mention.actor)
        person = _NAMED_PERSON.match(after)
        if person:
            name = person.group("name")
            aliases.setdefault(name.lower(), mention.actor)
            aliases.setdefault(name.split()[-1].lower(), mention.actor)
    dateline = capital_of or _dateline_party(text)
    if dateline is not None:
        # A Washington story's "Defense Secretary Lloyd Austin" speaks for Washington.
        for match in _TITLED.finditer(text):
            name = match.group("name")
            aliases.setdefault(name.lower(), dateline)
            aliases.setdefault(name.split()[-1].lower(), dateline)
    # "the army" after "the Israeli military": one party's forces, whichever noun.
    # "the Arakan Army" is a group's name, not a state's forces: "the military" is
    # still the host's.
    forces = set().union(*(owners.get(noun, set()) for noun in _FORCES)) - named_by
    if len(forces) == 1:
        for noun in _FORCES:
            owners.setdefault(noun, forces)
    for noun, parties in owners.items():
        if len(parties) == 1:
            aliases[f"the {noun}"] = next(iter(parties))
    if host is not None and not forces:
        for noun in _HOST_FORCES:
            if named_by and f"the {noun}" in aliases:
                continue
            aliases[f"the {noun}"] = host
    return aliases


def generic_mentions(text: str, actors: list[ActorMention], aliases: dict[str, str]
                     ) -> list[ActorMention]:
    """``actors`` plus the bare nouns ("the army") that ``aliases`` resolve."""
    extra = []
    for match in _GENERIC_BARE.finditer(text):
        actor = aliases.get(f"the {match.group('noun')}")
        if actor is None:
            continue
        start, end = match.start("noun"), match.end()
        extra.append(ActorMention(actor, start, end, match.group("noun"), False))
    for match in _GENERIC_CRAFT.finditer(text):
        actor = aliases.get(f"the {match.group('noun')}")
        if actor is not None:
            extra.append(ActorMention(actor, match.start("noun"), match.end("noun"),
                                      match.group("noun"), True))
    if not extra:
        return actors
    taken = [(a.start, a.end) for a in actors]
    extra = [e for e in extra if not any(s < e.end and e.start < t for s, t in taken)]
    return sorted(actors + extra, key=lambda a: a.start)


def resolve_alias(phrase: str, aliases: dict[str, str]) -> str | None:
    """The actor a speaker phrase stands for through ``aliases``, if any.

    Examples
    --------
    >>> resolve_alias("Hagari", {"hagari": "Israel"}), resolve_alias("the army", {})
    ('Israel', None)
    """
    # "Hagari's", "the rebels' military spokesman": possessives name their owner.
    words = [re.sub(r"['’]s?$", "", word) for word in phrase.strip(" ,.").split()]
    if not words:
        return None
    lowered = [w.lower() for w in words]
    for size in (3, 2, 1):
        if len(lowered) >= size:
            key = " ".join(lowered[-size:])
            if key in aliases:
                return aliases[key]
    if f"the {lowered[-1]}" in aliases and (len(lowered) == 1 or lowered[-2] in ("the", "its")):
        return aliases[f"the {lowered[-1]}"]  # "the army", and headlines' bare "army"
    for word in lowered:
        # "military spokesman Rear Admiral ...", "the rebels' spokesman": the
        # spokesman of the military, or the rebels, that the article names.
        if f"the {word}" in aliases:
            return aliases[f"the {word}"]
    return None
