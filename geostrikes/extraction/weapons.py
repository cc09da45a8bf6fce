"""What struck: aircraft, drones, missiles, rockets, artillery and bombs named in text.

A strike report may name the weapon exactly ("an MQ-9 Reaper", "Shahed-136
drones", "F-16s"), by class ("a ballistic missile", "kamikaze drones",
"barrel bombs") or only generically ("warplanes", "drones", "rockets").
:func:`find_weapons` finds all three levels and normalises the spelling, so
that "F-4 Phantoms", "F4 Phantom" and "F-4" all become ``"F-4 Phantom"`` and
"suicide drones" becomes ``"kamikaze drone"``. Each mention has a category
(``aircraft``, ``drone``, ``missile``, ``rocket``, ``artillery``, ``bomb`` or
``other``) and its character span.

A named type swallows the generic words that follow it ("F-16 fighter jets",
"Tomahawk cruise missiles" are one mention each), and words that only look
like weapons are left alone: "anti-aircraft", "counter-drone", "aircraft
carrier", "drone footage", "bomb shelter", "passenger planes", "Typhoon" and
"Tornado" without an aircraft word next to them (they are storms too).

:func:`primary_weapon` picks the one name that best describes the weapon of an
event: a named type beats a class, a class beats a generic word; then the most
frequent, then the first.

All patterns live in one table, compiled once at import into a single regular
expression, so a text is scanned once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["CATEGORIES", "WeaponMention", "find_weapons", "primary_weapon"]

#: The categories a weapon mention can have.
CATEGORIES = ("aircraft", "drone", "missile", "rocket", "artillery", "bomb", "other")

# Specificity: a named type, a class of weapon, a generic word.
_NAMED, _CLASS, _GENERIC = 3, 2, 1
# Rows of proper names and acronyms count only when capitalised ("Typhoon",
# "Grad", "IED"); rows of common words count in any case.
_CASE, _NOCASE = False, True


@dataclass(frozen=True, slots=True)
class WeaponMention:
    """One weapon named in text.

    Parameters
    ----------
    name : str
        Normalised name: ``"F-4 Phantom"``, ``"Shahed-136"``, ``"ballistic
        missile"``, ``"aircraft"``...
    category : str
        One of :data:`CATEGORIES`.
    start, end : int
        Character span in the text that was searched.

    Examples
    --------
    >>> WeaponMention("MQ-9 Reaper", "drone", 4, 15).category
    'drone'
    """

    name: str
    category: str
    start: int
    end: int


_JETS = (
    r"(?:\s+(?:fighter[\s-]jets?|fighter[\s-]bombers?|strike\s+fighters?|jet\s+fighters?|"
    r"fighters?|jets?|warplanes?|aircraft|bombers?|planes?))?"
)
_HELOS = r"(?:\s+(?:attack\s+)?(?:helicopters?|gunships?|choppers?|helicopter\s+gunships?))?"
_DRONES = (
    r"(?:\s+(?:kamikaze\s+|suicide\s+|attack\s+|combat\s+|armed\s+|surveillance\s+)?"
    r"(?:drones?|UAVs?|unmanned\s+aerial\s+vehicles?))?"
)
_MISSILES = (
    r"(?:\s+(?:(?:short|medium|long|intermediate)-range\s+)?(?:ballistic\s+|cruise\s+|hypersonic\s+|"
    r"air-launched\s+|land-attack\s+|anti-ship\s+|anti-tank\s+|air-to-surface\s+|surface-to-surface\s+|guided\s+)?"
    r"missiles?)?"
)
_ROCKETS = r"(?:\s+(?:(?:multiple\s+)?rocket\s+launchers?|rockets?|launchers?|MLRS))?"

# (normalised name, category, specificity, case rule, pattern). Order
# matters where two patterns can start at the same place: the first wins, so
# longer and more specific patterns come first. A name with "{n}" takes the
# digits of the pattern's group "n".
# fmt: off
_TABLE: list[tuple[str, str | None, int, bool, str]] = [
    # not weapons: matched so that the words inside them are not
    ("", None, 0, _NOCASE, r"DJI\s+Phantoms?"),
    ("", None, 0, _NOCASE,
     r"(?:passenger|civilian|commercial|cargo|private)\s+(?:planes?|aircraft|jets?|airliners?)"),
    # aircraft, named
    ("F-4 Phantom", "aircraft", _NAMED, _CASE,
     r"F-?4(?:[A-Z]\b)?s?(?:\s+Phantom(?:\s+II)?s?)?" + _JETS),
    ("F-4 Phantom", "aircraft", _NAMED, _CASE, r"Phantom(?:\s+II)?s?" + _JETS),
    ("F/A-18", "aircraft", _NAMED, _CASE, r"F/A-18[A-Z]?s?(?:\s+(?:Super\s+)?Hornets?)?" + _JETS),
    ("F-{n}", "aircraft", _NAMED, _CASE,
     r"F-?(?P<n>14|15|16|18|22|35)(?:[A-Z][A-Z0-9]{0,2}\b)?s?(?:\s+(?:Tomcat|Strike\s+Eagle|Eagle|"
     r"Fighting\s+Falcon|Falcon|Raptor|Lightning(?:\s+II)?|Adir|Sufa|Ra'?am)s?)?" + _JETS),
    ("Su-{n}", "aircraft", _NAMED, _CASE,
     r"(?:Sukhoi\s+)?Su-?(?P<n>17|22|24|25|27|30|33|34|35|57)(?:[A-Z][A-Z0-9]{0,3}\b)?s?" + _JETS),
    ("MiG-{n}", "aircraft", _NAMED, _NOCASE,
     r"MiG-?(?P<n>21|23|25|27|29|31|35)(?:[A-Z][A-Z0-9]{0,3}\b)?s?" + _JETS),
    ("Tu-{n}", "aircraft", _NAMED, _CASE, r"Tu-?(?P<n>22|95|160)(?:M3?|MS)?s?" + _JETS),
    ("B-{n}", "aircraft", _NAMED, _CASE,
     r"B-(?P<n>1|2|52)[A-Z]?s?(?:\s+(?:Lancer|Spirit|"
     r"Stratofortress)s?)?(?:\s+(?:stealth\s+)?bombers?)?"),
    ("A-10", "aircraft", _NAMED, _CASE,
     r"A-10[A-Z]?s?(?:\s+(?:Warthog|Thunderbolt(?:\s+II)?)s?)?" + _JETS),
    ("AC-130", "aircraft", _NAMED, _CASE, r"AC-130[A-Z]?s?(?:\s+(?:gunships?|aircraft|planes?))?"),
    ("Tornado", "aircraft", _NAMED, _CASE,
     r"(?:(?:Panavia|RAF)\s+)Tornado(?:\s+GR4)?s?" + _JETS + r"|"
     r"Tornado(?:\s+GR4)?s?\s+(?:fighter[\s-]jets?|jets?|fighters?|aircraft|warplanes?|"
     r"bombers?)|Tornado\s+GR4s?"),
    ("Typhoon", "aircraft", _NAMED, _CASE,
     r"(?:(?:Eurofighter|RAF)\s+)Typhoons?" + _JETS + r"|"
     r"Typhoon(?:\s+FGR4)?s?\s+(?:fighter[\s-]jets?|jets?|fighters?|aircraft|warplanes?)"),
    ("Rafale", "aircraft", _NAMED, _CASE, r"(?:Dassault\s+)?Rafales?" + _JETS),
    ("Mirage 2000", "aircraft", _NAMED, _CASE, r"Mirage(?:\s+2000(?:-\w+)?)s?" + _JETS),
    ("Gripen", "aircraft", _NAMED, _CASE, r"(?:Saab\s+)?Gripens?" + _JETS),
    ("JF-17", "aircraft", _NAMED, _CASE, r"JF-17s?(?:\s+Thunders?)?" + _JETS),
    ("Apache helicopter", "aircraft", _NAMED, _CASE,
     r"AH-64[A-Z]?s?(?:\s+Apaches?)?" + _HELOS + r"|Apache\s+(?:attack\s+)?(?:helicopters?|"
     r"gunships?|choppers?)"),
    ("AH-1 Cobra", "aircraft", _NAMED, _CASE,
     r"(?:AH-1Z?\s+)?Cobra\s+(?:attack\s+)?helicopters?|AH-1Z?s?\b" + _HELOS),
    ("Mi-{n}", "aircraft", _NAMED, _CASE,
     r"Mi-?(?P<n>8|17|24|28|35)(?:[A-Z][A-Z0-9]{0,3}\b)?s?" + _HELOS),
    ("Ka-52", "aircraft", _NAMED, _CASE, r"Ka-52s?" + _HELOS),
    # drones, named
    ("MQ-9 Reaper", "drone", _NAMED, _CASE,
     r"MQ-?9[AB]?s?(?:\s+Reapers?)?" + _DRONES + r"|Reapers?\s+(?:drones?|UAVs?)"),
    ("MQ-1C Gray Eagle", "drone", _NAMED, _CASE,
     r"MQ-?1C\s*(?:Gray\s+Eagles?)?" + _DRONES + r"|Gray\s+Eagle\s+drones?"),
    ("MQ-1 Predator", "drone", _NAMED, _CASE,
     r"MQ-?1[AB]?s?(?:\s+Predators?)?" + _DRONES + r"|Predators?\s+(?:drones?|UAVs?)"),
    ("RQ-4 Global Hawk", "drone", _NAMED, _CASE,
     r"RQ-4[A-Z]?s?(?:\s+Global\s+Hawks?)?" + _DRONES + r"|Global\s+Hawks?" + _DRONES),
    ("Bayraktar Akinci", "drone", _NAMED, _CASE, r"(?:Bayraktar\s+)?Ak[ıi]nc[ıi]s?" + _DRONES),
    ("Bayraktar TB2", "drone", _NAMED, _CASE,
     r"(?:Bayraktar\s+)?TB-?2s?" + _DRONES + r"|Bayraktars?" + _DRONES),
    ("Shahed-{n}", "drone", _NAMED, _NOCASE, r"Shahed-?(?P<n>101|129|131|136|149|238)s?" + _DRONES),
    ("Shahed", "drone", _NAMED, _CASE, r"Shaheds?" + _DRONES),
    ("Geran-2", "drone", _NAMED, _NOCASE, r"Geran-?2s?" + _DRONES),
    ("Mohajer-6", "drone", _NAMED, _NOCASE, r"Mohajer-?6s?" + _DRONES),
    ("Samad-{n}", "drone", _NAMED, _NOCASE, r"Samad-?(?P<n>1|2|3)s?" + _DRONES),
    ("Qasef-2K", "drone", _NAMED, _NOCASE, r"Qasef-?2K?s?" + _DRONES),
    ("Wing Loong", "drone", _NAMED, _CASE, r"Wing\s+Loong(?:\s+(?:II|2|1))?s?" + _DRONES),
    ("Hermes", "drone", _NAMED, _CASE, r"Hermes(?:\s+(?:450|900))s?" + _DRONES),
    ("Heron", "drone", _NAMED, _CASE, r"Heron(?:\s+TP)?s?\s+(?:drones?|UAVs?)|Heron\s+TPs?"),
    ("Lancet", "drone", _NAMED, _CASE,
     r"Lancets?\s+(?:kamikaze\s+|loitering\s+munitions?|drones?)+|ZALA\s+Lancets?"),
    ("Switchblade", "drone", _NAMED, _CASE, r"Switchblades?\s+(?:drones?|loitering\s+munitions?)"),
    ("Harop", "drone", _NAMED, _CASE, r"Harops?" + _DRONES),
    # missiles, named
    ("Tomahawk", "missile", _NAMED, _CASE, r"Tomahawks?" + _MISSILES),
    ("Hellfire", "missile", _NAMED, _CASE,
     r"(?:AGM-114\w*\s+)?Hellfire(?:\s+R9X)?s?" + _MISSILES + r"|AGM-114\w*" + _MISSILES + r"|"
     r"R9X" + _MISSILES),
    ("Kinzhal", "missile", _NAMED, _CASE, r"Kinzhals?" + _MISSILES),
    ("Kalibr", "missile", _NAMED, _CASE, r"Kalibrs?" + _MISSILES),
    ("Iskander", "missile", _NAMED, _CASE, r"Iskander(?:-M|-K)?s?" + _MISSILES),
    ("Kh-{n}", "missile", _NAMED, _CASE,
     r"Kh-?(?P<n>22|31|32|35|47|55|59|69|101|555)(?:[A-Z][A-Z0-9]{0,3}\b)?s?" + _MISSILES),
    ("Zircon", "missile", _NAMED, _CASE, r"(?:Zircon|Tsirkon)s?" + _MISSILES),
    ("Tochka-U", "missile", _NAMED, _CASE, r"Tochka(?:-U)?s?" + _MISSILES),
    ("Scud", "missile", _NAMED, _CASE, r"Scuds?" + _MISSILES),
    ("Storm Shadow", "missile", _NAMED, _CASE, r"Storm\s+Shadows?" + _MISSILES),
    ("SCALP", "missile", _NAMED, _CASE, r"SCALP(?:-EG)?s?" + _MISSILES),
    ("ATACMS", "missile", _NAMED, _CASE, r"ATACMS" + _MISSILES),
    ("JASSM", "missile", _NAMED, _CASE, r"JASSMs?(?:-ER)?" + _MISSILES),
    ("Fateh-{n}", "missile", _NAMED, _NOCASE, r"Fateh-?(?P<n>110|313|360)s?" + _MISSILES),
    ("Zolfaghar", "missile", _NAMED, _NOCASE,
     r"(?:Zolfaghar|Zolfaqar|Zulfiqar|Zulfikar)s?" + _MISSILES),
    ("Kheibar Shekan", "missile", _NAMED, _NOCASE, r"Kheibar(?:\s+|-)Shekan" + _MISSILES),
    ("Shahab-3", "missile", _NAMED, _NOCASE, r"Shahab-?3s?" + _MISSILES),
    ("Sejjil", "missile", _NAMED, _NOCASE, r"(?:Sejjil|Sejil)s?" + _MISSILES),
    ("Emad", "missile", _NAMED, _CASE, r"Emad\s+(?:ballistic\s+)?missiles?"),
    ("Qiam", "missile", _NAMED, _CASE, r"Qiam(?:-1)?s?" + _MISSILES),
    ("Burkan", "missile", _NAMED, _CASE, r"Burkan(?:-?\d\w*)?s?" + _MISSILES),
    ("Kornet", "missile", _NAMED, _CASE, r"Kornets?" + _MISSILES),
    ("Spike", "missile", _NAMED, _CASE, r"Spike\s+(?:anti-tank\s+)?missiles?"),
    ("Brimstone", "missile", _NAMED, _CASE, r"Brimstones?" + _MISSILES),
    ("Harpoon", "missile", _NAMED, _CASE, r"Harpoons?\s+(?:anti-ship\s+)?missiles?"),
    # rockets, named
    ("Katyusha", "rocket", _NAMED, _NOCASE, r"Katyushas?" + _ROCKETS),
    ("Grad", "rocket", _NAMED, _CASE,
     r"BM-21(?:\s+Grad)?s?" + _ROCKETS + r"|Grad\s+(?:rockets?|multiple|launchers?|MLRS)\w*"),
    ("HIMARS", "rocket", _NAMED, _CASE, r"HIMARS" + _ROCKETS),
    ("Uragan", "rocket", _NAMED, _CASE, r"Uragans?" + _ROCKETS),
    ("Smerch", "rocket", _NAMED, _CASE, r"Smerchs?" + _ROCKETS),
    ("Tornado-S", "rocket", _NAMED, _CASE, r"Tornado-S" + _ROCKETS),
    ("Qassam", "rocket", _NAMED, _CASE, r"Qassams?" + _ROCKETS),
    ("Fajr-5", "rocket", _NAMED, _CASE, r"Fajr-?5s?" + _ROCKETS),
    ("Falaq", "rocket", _NAMED, _CASE, r"Falaq(?:-?\d)?s?" + _ROCKETS),
    # bombs, named
    ("GBU-{n}", "bomb", _NAMED, _NOCASE,
     r"GBU-?(?P<n>\d{1,3})[A-Z]?s?(?:/B)?(?:\s+(?:guided\s+|glide\s+|"
     r"bunker[\s-]buster\s+)?bombs?)?"),
    ("JDAM", "bomb", _NAMED, _NOCASE,
     r"JDAMs?(?:-ER)?(?:\s+(?:guided\s+)?bombs?)?|Joint\s+Direct\s+Attack\s+Munitions?"),
    ("Mk-{n}", "bomb", _NAMED, _CASE, r"(?:Mk|MK|Mark)[\s-]?(?P<n>8[2-4])s?(?:\s+bombs?)?"),
    # classes
    ("helicopter gunship", "aircraft", _CLASS, _NOCASE,
     r"helicopter\s+gunships?|(?:attack|combat)\s+helicopters?|gunships?"),
    ("one-way attack drone", "drone", _CLASS, _NOCASE,
     r"one-way\s+attack\s+(?:drones?|UAVs?|UAS|unmanned\s+aerial\s+vehicles?)"),
    ("kamikaze drone", "drone", _CLASS, _NOCASE,
     r"(?:kamikaze|suicide|exploding|explosive-laden|"
     r"explosives-laden)[\s-](?:attack\s+)?(?:drones?|UAVs?)"),
    ("loitering munition", "drone", _CLASS, _NOCASE, r"loitering\s+munitions?"),
    ("FPV drone", "drone", _CLASS, _NOCASE, r"first-person[\s-]view\s+drones?"),
    ("FPV drone", "drone", _CLASS, _CASE, r"FPV\s+drones?"),
    ("naval drone", "drone", _CLASS, _NOCASE,
     r"(?:naval|sea|maritime|surface|water)\s+drones?|drone\s+boats?|"
     r"unmanned\s+surface\s+vessels?|USVs?\b"),
    ("ballistic missile", "missile", _CLASS, _NOCASE,
     r"(?:(?:short|medium|long|intermediate)-range\s+|intercontinental\s+)?ballistic\s+missiles?"),
    ("cruise missile", "missile", _CLASS, _NOCASE, r"cruise\s+missiles?"),
    ("hypersonic missile", "missile", _CLASS, _NOCASE, r"hypersonic\s+missiles?"),
    ("anti-ship missile", "missile", _CLASS, _NOCASE,
     r"anti-ship\s+(?:(?:cruise|ballistic)\s+)?missiles?"),
    ("anti-tank missile", "missile", _CLASS, _NOCASE, r"anti-tank\s+(?:guided\s+)?missiles?"),
    ("anti-tank missile", "missile", _CLASS, _CASE, r"ATGMs?\b"),
    ("surface-to-surface missile", "missile", _CLASS, _NOCASE,
     r"surface-to-surface\s+missiles?|ground-to-ground\s+missiles?"),
    ("air-to-surface missile", "missile", _CLASS, _NOCASE,
     r"air-to-(?:surface|ground)\s+missiles?|air-launched\s+missiles?"),
    ("surface-to-air missile", "missile", _CLASS, _NOCASE, r"surface-to-air\s+missiles?"),
    ("precision-guided munition", "missile", _CLASS, _NOCASE,
     r"precision[\s-]guided\s+(?:munitions?|missiles?|weapons?)"),
    ("precision-guided munition", "missile", _CLASS, _CASE, r"PGMs?\b"),
    ("guided missile", "missile", _CLASS, _NOCASE, r"guided\s+missiles?"),
    ("rocket-propelled grenade", "rocket", _CLASS, _NOCASE, r"rocket-propelled\s+grenades?"),
    ("rocket-propelled grenade", "rocket", _CLASS, _CASE, r"RPGs?\b"),
    ("multiple rocket launcher", "rocket", _CLASS, _NOCASE,
     r"multiple\s+(?:launch\s+)?rocket\s+(?:launchers?|systems?)"),
    ("multiple rocket launcher", "rocket", _CLASS, _CASE, r"MLRS\b"),
    ("barrel bomb", "bomb", _CLASS, _NOCASE, r"barrel[\s-]bombs?"),
    ("bunker buster", "bomb", _CLASS, _NOCASE,
     r"bunker[\s-]busters?(?:\s+bombs?)?|bunker-busting\s+(?:bombs?|munitions?)"),
    ("glide bomb", "bomb", _CLASS, _NOCASE, r"glide\s+bombs?|guided\s+aerial\s+bombs?"),
    ("glide bomb", "bomb", _CLASS, _CASE,
     r"KAB(?:s|-\d+\w*)?\s+(?:glide\s+|guided\s+)?bombs?|KAB(?:s\b|-\d+\w*)"),
    ("guided bomb", "bomb", _CLASS, _NOCASE,
     r"(?:precision-|laser-|satellite-)?guided\s+bombs?|smart\s+bombs?"),
    ("cluster munition", "bomb", _CLASS, _NOCASE, r"cluster\s+(?:bombs?|munitions?)"),
    ("thermobaric weapon", "bomb", _CLASS, _NOCASE,
     r"(?:thermobaric|vacuum)\s+(?:bombs?|weapons?|rockets?)"),
    ("white phosphorus", "other", _CLASS, _NOCASE, r"white\s+phosphorus"),
    ("howitzer", "artillery", _CLASS, _NOCASE, r"howitzers?"),
    ("mortar", "artillery", _CLASS, _NOCASE,
     r"mortars?(?:\s+(?:fire|shells?|rounds?|bombs?|attacks?))?"),
    ("tank fire", "artillery", _CLASS, _NOCASE, r"tank\s+(?:fire|shells?|shelling|rounds?)"),
    ("car bomb", "other", _CLASS, _NOCASE,
     r"car[\s-]bombs?|vehicle-borne\s+(?:improvised\s+)?explosive\s+devices?"),
    ("car bomb", "other", _CLASS, _CASE, r"VBIEDs?\b"),
    ("roadside bomb", "other", _CLASS, _NOCASE, r"roadside\s+bombs?"),
    ("IED", "other", _CLASS, _NOCASE, r"improvised\s+explosive\s+devices?"),
    ("IED", "other", _CLASS, _CASE, r"IEDs?\b"),
    ("suicide bomb", "other", _CLASS, _NOCASE, r"suicide\s+(?:bombs?|bombers?|bombings?|vests?)"),
    # generic words
    ("aircraft", "aircraft", _GENERIC, _NOCASE,
     r"(?:war[\s-]?planes?|"
     r"fighter[\s-]jets?|jet[\s-]fighters?|fighter[\s-]bombers?|fighter\s+(?:aircraft|"
     r"planes?)|(?:combat|military)\s+(?:aircraft|jets?|planes?)|strategic\s+bombers?|"
     r"jets?(?![\s-]+(?:fuel|ski|stream|engines?|lag))|aircraft(?!\s+carriers?)|planes?)"),
    ("helicopter", "aircraft", _GENERIC, _NOCASE, r"helicopters?|choppers?"),
    ("drone", "drone", _GENERIC, _NOCASE,
     r"(?:drones?|UAVs?|UAS\b|unmanned\s+(?:aerial|air)\s+(?:vehicles?|systems?)|"
     r"unmanned\s+aircraft)(?!\s+(?:footage|videos?|images?|photos?|pictures?|cameras?|"
     r"pilots?|operators?|shows?|racing|deliver(?:y|ies)|light\s+shows?))"),
    ("missile", "missile", _GENERIC, _NOCASE,
     r"missiles?(?!\s+(?:defen[cs]es?|shields?|programs?|programmes?|tests?|interceptors?))"),
    ("rocket", "rocket", _GENERIC, _NOCASE,
     r"rocket\s+fire|rockets?(?!\s+(?:scien\w+|launch\s+pads?))"),
    ("artillery", "artillery", _GENERIC, _NOCASE,
     r"artillery(?:\s+(?:fire|shells?|shelling|rounds?|barrages?|strikes?))?"),
    ("shelling", "artillery", _GENERIC, _NOCASE, r"shelling|shells"),
    ("bomb", "bomb", _GENERIC, _NOCASE,
     r"bombs?(?!\s+(?:shelters?|squads?|threats?|disposal|scares?|sniff\w*))"),
]
# fmt: on


def _split_alternatives(pattern: str) -> list[str]:
    """Split ``pattern`` at its top-level ``|``."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _closing_paren(pattern: str) -> int:
    """Index of the parenthesis closing the group that opens ``pattern``."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError(f"unbalanced pattern: {pattern!r}")


def _literal_first(pattern: str) -> list[str]:
    """Rewrite ``pattern`` as alternatives that each start with a plain character.

    A leading optional group is expanded ("Sukhoi Su-24" and "Su-24" become two
    alternatives), and so is a leading group of alternatives ("RAF Tornado",
    "Panavia Tornado").
    """
    out = []
    for alt in _split_alternatives(pattern):
        if not alt.startswith("(?:"):
            out.append(alt)
            continue
        close = _closing_paren(alt)
        inner, rest = alt[3:close], alt[close + 1 :]
        if rest[:1] == "?" and rest[1:2] != "?":
            out += [a for i in _split_alternatives(inner) for a in _literal_first(i + rest[1:])]
            out += _literal_first(rest[1:])
        elif rest[:1] in ("*", "+", "{"):
            out.append(alt)
        else:
            out += [a for i in _split_alternatives(inner) for a in _literal_first(i + rest)]
    return out


# Python's regex engine skips an alternative cheaply only when it starts with
# a literal character, and only in a case-sensitive pattern. So the table is
# compiled in lower case, against a lower-cased copy of the text, as
# alternatives bucketed by their first character; a marker group at the end
# of each alternative says which row matched, and a row of proper names is
# then accepted only if the original text capitalises it.
_ROWS: list[tuple[str, str | None, int, bool]] = []
_buckets: dict[str, list[str]] = {}
for _row, (_name, _category, _level, _nocase, _pattern) in enumerate(_TABLE):
    _pattern = _pattern.replace("(?P<n>", "(?:")
    _ROWS.append((_name, _category, _level, not _nocase))
    for _k, _alt in enumerate(_literal_first(_pattern.lower())):
        _key = _alt[0] if _alt[0].isalnum() else ""
        _buckets.setdefault(_key, []).append(f"{_alt[1:] if _key else _alt}(?P<r{_row}_{_k}>)")
# Weapons are whole words, and a hyphen before one negates or modifies it:
# "anti-aircraft", "counter-drone", "anti-missile". After one, a hyphen
# usually just builds an adjective ("drone-launched") unless it names
# something else ("bomb-making", "blast-proof").
_WEAPON_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        f"{re.escape(k)}(?:{'|'.join(v)})" if k else "|".join(v) for k, v in _buckets.items()
    )
    + r")(?!\w|-(?:making|maker|makers|proof|sniffing|like)\b)"
)
_DIGITS_RE = re.compile(r"\d+")
del _row, _name, _category, _level, _nocase, _pattern, _k, _alt, _key, _buckets


def _lower(text: str) -> str:
    """Lower-case ``text`` without changing any character offset."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters lower-case to two ("İ"): keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def find_weapons(text: str) -> list[WeaponMention]:
    """Find weapons named in ``text``.

    Parameters
    ----------
    text : str
        A sentence or a whole article.

    Returns
    -------
    list of WeaponMention
        In text order, without overlaps.

    Examples
    --------
    >>> [(w.name, w.category) for w in find_weapons(
    ...     "Two F-4 Phantoms and a Shahed-136 drone struck, then rocket fire.")]
    [('F-4 Phantom', 'aircraft'), ('Shahed-136', 'drone'), ('rocket', 'rocket')]
    >>> find_weapons("anti-aircraft guns on an aircraft carrier")
    []
    """
    return [mention for mention, _ in _iter_weapons(text)]


def _iter_weapons(text: str) -> Iterable[tuple[WeaponMention, int]]:
    """Mentions with the specificity of the table row that found them."""
    low = _lower(text)
    pos = 0
    while (m := _WEAPON_RE.search(low, pos)) is not None:
        start, end = m.span()
        name, category, level, proper = _ROWS[int(m.lastgroup[1:].partition("_")[0])]
        if proper and not text[start].isupper():
            pos = start + 1  # "tornado", "grad", "spike": common words, not names
            continue
        pos = end
        if category is None:
            continue
        if "{n}" in name:
            name = name.format(n=_DIGITS_RE.search(low, start, end).group())
        yield WeaponMention(name, category, start, end), level


def primary_weapon(sentences: Iterable[str] | str) -> str | None:
    """Pick the one name that best describes the weapon used.

    A named type ("F-16", "Shahed-136") beats a class ("ballistic missile",
    "kamikaze drone"), which beats a generic word ("aircraft", "drone").
    Among equals, the most mentioned wins, then the first mentioned.

    Parameters
    ----------
    sentences : iterable of str, or str
        The sentences reporting one event (a single string is one sentence).

    Returns
    -------
    str or None
        A normalised weapon name; ``None`` when no weapon is named.

    Examples
    --------
    >>> primary_weapon(["Warplanes struck the depot.", "The jets were F-16s, officials said."])
    'F-16'
    >>> primary_weapon("Nothing was said about how.") is None
    True
    """
    if isinstance(sentences, str):
        sentences = [sentences]
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    level: dict[str, int] = {}
    for sentence in sentences:
        for mention, specificity in _iter_weapons(sentence):
            counts[mention.name] = counts.get(mention.name, 0) + 1
            first.setdefault(mention.name, len(first))
            level[mention.name] = specificity
    if not counts:
        return None
    return max(counts, key=lambda n: (level[n], counts[n], -first[n]))
