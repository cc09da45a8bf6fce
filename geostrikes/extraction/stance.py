"""How firmly a sentence attributes a strike, and who says so.

Reporting verbs give the speaker ("U.S. officials said", "according to the
Pentagon", a quote closed by ``," Hashemi told Reuters``); hedges make an
attribution ``suspected`` ("suspected Israeli drone strikes", "appeared to
have hit"); denial language ("denied", "not true", "has not conducted",
"never been involved") records who denies. The stance of one sentence's
attribution then follows the definitions of the evaluation contract:

- ``claimed``: the actor itself speaks ("the U.S. military said it targeted");
- ``accused``: a named third party attributes it ("U.S. officials said Iran");
- ``suspected``: hedged, or only unnamed reports attribute it;
- ``confirmed``: stated as fact by the outlet;
- ``denied``: the actor denies and no one else asserts it (decided per event);
- ``unattributed``: no actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geostrikes.extraction.actors import UNKNOWN, find_actors
from geostrikes.model import Stance

__all__ = ["Speaker", "find_speaker", "is_hedged", "denial_in", "sentence_stance"]

_SAY = (r"said|says|say|told|stated|states|announced|announces|reported|reports|claimed|"
        r"claims|added|noted|confirmed|confirms|believes|believe|believed|alleged|alleges|"
        r"insisted|wrote|writes|tweeted|posted|blame|blamed|blames|accuse|accused|accuses|"
        r"acknowledged|admitted|suggested|estimated|indicated")
_ASIDE = re.compile(r",[^,]{1,90},\s*$")
_SAY_VERB = re.compile(r"\b(?:" + _SAY + r")\b")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|be|being)\s+(?:\w+ly\s+)?$",
                             re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:\"“”(]|\bthat\b|\bwhile\b|\bbut\b")
# Headline style "U.S.: Israeli airstrikes in Iraq ...": the speaker before a colon.
_HEADLINE_SPEAKER = re.compile(r"^(?P<speaker>[^:\n]{2,40}):\s")
# The closing attribution with the verb first: ", said a spokesman for the KIA."
_INVERTED = re.compile(
    r"[,\"”]\s*(?:said|says|added|adds|told reporters|wrote)\s+"
    # A name and its apposition, not a clause: ", said the United States had ..." is none.
    r"(?P<speaker>(?-i:[A-Z]|an?\s|the\s)(?:(?!\b(?:had|has|have|was|were|is|are|that|would|"
    r"will|did|could|may|might)\b)[^;:\"“”]){2,90}?)\s*[.!?]?[\"”’']?\s*$")
_ACCORDING = re.compile(r"according to (?P<speaker>[^,.;]{3,80})", re.IGNORECASE)
_QUOTE_CLOSE = re.compile(
    r"[\"”’']\s*,?\s*(?P<speaker>[^.;\"“”]{2,80}?)\s+(?:" + _SAY + r")\b"
)
_HEDGES = re.compile(
    r"\b(?:suspected|apparent(?:ly)?|appear(?:s|ed)? to|believed to|thought to|likely|"
    r"probably|possibly|presumably|alleged(?:ly)?|reportedly|purported(?:ly)?|unclaimed|"
    r"indications?|may have|might have|could have|is said to|are said to|unconfirmed|"
    r"unverified|almost certainly|reports? (?:claim\w*|that|of|said|say|suggest\w*)|"
    r"press reports)\b",
    re.IGNORECASE,
)
_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected (?:claims|reports|accusations)|"
    r"(?:were|was|is|are) not true|not responsible|no (?:reason to believe|involvement|role)|"
    r"(?:has|have|had) not (?:conducted|carried out|launched|struck)|did not (?:conduct|carry"
    r" out|launch|strike)|never been involved|no (?:raids|strikes|air strikes|airstrikes) had"
    r" been carried out|not involved)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a sentence reports: the phrase and the actor it stands for."""

    text: str
    actor: str  # UNKNOWN when the speaker is no recognised party
    witness: bool = False  # residents, witnesses, reporters: independent eyes


_UNNAMED_REPORTS = re.compile(
    r"^(?:the\s+|some\s+|several\s+)?(?:initial\s+|early\s+|unconfirmed\s+|local\s+|media\s+|"
    r"press\s+|news\s+)*reports?$", re.IGNORECASE)


_PARENTHESIS = re.compile(r"\s*\([^()]{0,40}\)")
_OPENING = re.compile(r"^(?:In a statement,?\s*|But\s+|And\s+|However,?\s*)")
_COMMA = re.compile(r",\s+")
_OWN_VOICE = re.compile(
    r"^(?:an?|the|its|their)\s+(?:military\s+|army\s+|official\s+|senior\s+)?"
    r"(?:spokes(?:man|woman|person)|statement|military|army|command|ministry)$", re.IGNORECASE)


_WITNESSES = re.compile(
    r"\b(?:residents?|witness(?:es)?|eyewitness(?:es)?|journalists?|reporters?|correspondents?|"
    r"photographers?|locals|villagers|neighbou?rs|footage|videos?)\b", re.IGNORECASE)
_MONITORS = re.compile(
    r"\b(?:Observatory|monitor(?:s|ing)?|watchdog|Human Rights|Amnesty|White Helmets|"
    r"(?i:civil defen[cs]e)|Red Crescent|Red Cross|Doctors Without Borders|MSF|United Nations|UN|"
    r"rights groups?|analysts?|researchers?|experts?|think tank|Airwars|ACLED)\b")
_STATE_MEDIA = re.compile(r"\bstate(?:-run)?\s+(?:media|news|television|TV|agency)|"
                          r"official news agency", re.IGNORECASE)


def _speaker(phrase: str) -> Speaker | None:
    phrase = phrase.strip(" ,")
    if _UNNAMED_REPORTS.match(phrase):
        # "Reports said": nobody in particular; the sentence is merely hedged.
        return None
    phrase = _OPENING.sub("", phrase)
    if _WITNESSES.search(phrase):
        return Speaker(phrase, UNKNOWN, witness=True)
    if _MONITORS.search(phrase) and not _STATE_MEDIA.search(phrase):
        # "the Syrian Observatory", "the Yemeni Red Crescent": not the state speaking.
        return Speaker(phrase, UNKNOWN)
    actors = find_actors(phrase)
    if not actors:
        return Speaker(phrase, UNKNOWN)
    # "targets in Iraq in recent days, U.S. officials" -> "U.S. officials"
    tail = _COMMA.split(phrase[actors[-1].start:])[0]
    return Speaker(tail.strip(" ,"), actors[-1].actor)


# ", Lebanon's state-run National News Agency (NNA) reported." -- the closing
# attribution of a sentence, which outranks any reporting verb inside it.
_TRAILING = re.compile(
    r",(?!\s*(?:where|which|who|whom|when|while|as|after|before|and|but|because|since|if|"
    r"though|although|in|on|at|for|with|from|by|to|of|near|during|amid)\b)\s*"
    r"(?P<speaker>[^,;:\"“”]{2,90}?)\s+(?:" + _SAY + r")\b"
    r"(?P<rest>(?:(?!\b(?:that|it|they|he|she|we|had|has|have|was|were|is|are)\b)"
    r"[^,;\"“”]){0,50})[.!?]?[\"”’']?\s*$", re.IGNORECASE)
# A reporting verb inside an adverbial clause hanging off a main clause
# ("... struck Sanaa, a day after the rebels said they had ...") reports the
# clause, not the sentence.
_SUBORDINATE = re.compile(r"\b(?:after|before|since|when|because|although|though|until|"
                          r"as|while|days?|hours?|weeks?)\s+(?:[^,;]{0,60})$", re.IGNORECASE)


def _reporting_verbs(sentence: str, focus: int) -> list[re.Match[str]]:
    """Reporting verbs of the clause at ``focus``, closing attribution first."""
    verbs = list(_SAY_VERB.finditer(sentence))
    if not verbs:
        return verbs  # most sentences: and the closing attribution only reorders verbs
    trailing = _TRAILING.search(sentence)
    if trailing:
        verbs = [m for m in verbs if m.start() >= trailing.start("speaker")][:1] + verbs
    main = []
    for match in verbs:
        if _PASSIVE_BEFORE.search(sentence, max(0, match.start() - 30), match.start()):
            continue  # "militias were blamed for", "is widely believed": no one speaks
        before = sentence[:match.start()]
        clause = before.rsplit(",", 1)[-1]
        opener = _SUBORDINATE.search(clause)
        opens_at = len(before) - len(clause) + opener.start() if opener else 0
        if opener and opens_at > focus and len(before[:opens_at].split()) >= 4:
            continue
        main.append(match)
    # "India says it struck ...; Islamabad says mosques hit": the verb of the
    # semicolon-separated part that names the strike comes first.
    low = sentence.rfind(";", 0, focus) + 1
    high = sentence.find(";", focus)
    high = len(sentence) if high < 0 else high
    return sorted(main, key=lambda m: not low <= m.start() < high)


def find_speaker(sentence: str, following: str = "", focus: int = 0) -> Speaker | None:
    """The party a sentence reports, if it names one.

    Parameters
    ----------
    sentence : str
        The sentence.
    following : str
        The next sentence, for a quotation whose attribution comes after it
        (``"... in Diyala. Of course ...," al-Hashemi told Reuters.``).
    focus : int
        Where in the sentence the reported strike is named: a reporting verb
        in a later adverbial clause ("... a day after the rebels said") does
        not report it.

    Examples
    --------
    >>> find_speaker("U.S. officials said Iran used F-4s.").actor
    'United States'
    >>> find_speaker("Strikes hit Sanaa, according to Houthi media.").actor
    'Houthis'
    >>> find_speaker("Two U.S. officials, speaking anonymously, said Iran did it.").text
    'U.S. officials'
    """
    match = _ACCORDING.search(sentence)
    if match:
        return _speaker(match.group("speaker"))
    match = _INVERTED.search(sentence)
    if match:
        # "..., said Colonel Naw Bu, a spokesman for the KIA.": the verb first.
        return _speaker(match.group("speaker"))
    match = _HEADLINE_SPEAKER.match(sentence)
    if match and (find_actors(match.group("speaker")) or (
            len(match.group("speaker").split()) <= 3 and not match.group("speaker").isupper())):
        # An upper-case "ISLAMABAD:" that names no party is a dateline, not a speaker.
        return _speaker(match.group("speaker"))
    verbs = _reporting_verbs(sentence, focus)
    if verbs and verbs[0].start() > 0:
        # "(PUK)", "(NNA)": a parenthesis inside the speaker's name is no clause break.
        clause = _CLAUSE_BREAK.split(_PARENTHESIS.sub("", sentence[:verbs[0].start()]))[-1]
        # "Two U.S. officials, speaking on condition of anonymity, said": the
        # subject is before the aside; "In the town of Ariha, south of Idlib,
        # the White Helmets said": after the last comma.
        clause = _ASIDE.sub("", clause).rstrip(" ,").rsplit(",", 1)[-1]
        words = clause.split()[-8:]
        if words:
            return _speaker(" ".join(words))
    opened = sentence.lstrip()[:1] in "\"“'‘"
    if opened:
        for text in (sentence, following):
            match = _QUOTE_CLOSE.search(text)
            if match:
                return _speaker(match.group("speaker"))
    return None


def is_hedged(sentence: str) -> bool:
    """Whether the sentence hedges what it reports ("suspected", "appeared to").

    Examples
    --------
    >>> is_hedged("Suspected Israeli drones hit a depot."), is_hedged("Jets hit a depot.")
    (True, False)
    """
    return bool(_HEDGES.search(sentence))


def denial_in(sentence: str) -> bool:
    """Whether the sentence denies something ("denied", "not true", "has not conducted")."""
    return bool(_DENIAL.search(sentence))


def sentence_stance(actor: str, speaker: Speaker | None, hedged: bool,
                    by_reports: bool = False) -> Stance:
    """Stance of one sentence's attribution of a strike to ``actor``.

    Examples
    --------
    >>> sentence_stance("Iran", Speaker("U.S. officials", "United States"), False).value
    'accused'
    >>> sentence_stance("United States", Speaker("the Pentagon", "United States"), False).value
    'claimed'
    >>> sentence_stance("Israel", None, True).value
    'suspected'
    """
    if actor == UNKNOWN:
        return Stance.UNATTRIBUTED
    if speaker is not None and speaker.witness:
        # Residents and reporters who saw it: independent confirmation, unless hedged.
        return Stance.SUSPECTED if hedged else Stance.CONFIRMED
    if speaker is not None and speaker.actor == UNKNOWN and _OWN_VOICE.match(speaker.text):
        # "A spokesman said coalition aircraft struck ...": the actor's own voice.
        return Stance.CLAIMED
    if speaker is not None and speaker.actor == actor:
        return Stance.SUSPECTED if hedged and by_reports else Stance.CLAIMED
    if speaker is not None:
        # Anyone but the actor who says it: a third party's attribution.
        return Stance.ACCUSED
    return Stance.SUSPECTED if hedged else Stance.CONFIRMED
