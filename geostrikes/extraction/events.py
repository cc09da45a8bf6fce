"""Strike events: who struck where, and how sure anyone is.

The method, sentence by sentence:

1. **Trigger**: a sentence reports a strike when it has a strike phrase
   ("air strikes", "drone attack", "warplanes hit", "bombardment"); weaker
   words ("strikes", "attack", "blast", "hit") count only in an article that
   reports aerial strikes at all. Threats and hypotheticals ("could strike",
   "the prospect of"), negations ("never been involved in any air
   strikes") and aggregates ("1,000 air strikes so far") report no event.
2. **Where**: the sentence's locational place mentions from the geoparser
   (never metonyms, venues, launch sites "from X", or the actor's own
   country); when it names none, the next sentence's places if that one
   only continues the story ("They were in a building in Damascus").
3. **Who**: the actor named as the agent ("Israeli drones", "strikes by the
   coalition", "Iran has carried out", "blamed on Israel", "said it
   targeted"); an anaphor ("the strikes") inherits the last attribution.
4. **How sure**: the speaker and hedges of the sentence
   (:mod:`geostrikes.extraction.stance`), and denials anywhere in the article.
5. **One event per strike**: mentions of one strike in an article (same or
   compatible actor, contained or nearby places, compatible dates) merge,
   keeping the most precise place and every attribution; across articles,
   :func:`merge_events` merges reports of the same strike.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from geostrikes.extraction.actors import (
    COUNTRY_NAMES,
    GROUPS,
    UNKNOWN,
    DATELINE,
    ActorMention,
    article_aliases,
    find_actors,
    generic_mentions,
    resolve_alias,
)
from geostrikes.extraction.dates import find_dates
from geostrikes.extraction.numbers import find_casualties
from geostrikes.extraction.sentences import Sentence, split_sentences
from geostrikes.extraction.stance import (
    Speaker,
    denial_in,
    find_speaker,
    is_hedged,
    sentence_stance,
)
from geostrikes.extraction.weapons import primary_weapon
from geostrikes.geocode.geoparser import Geoparser
from geostrikes.geocode.normalize import name_key
from geostrikes.model import (
    Article,
    Attribution,
    Kind,
    Mention,
    Precision,
    Source,
    Stance,
    StrikeEvent,
)

__all__ = ["extract", "extract_article", "merge_events", "Extractor"]

_AERIAL = (r"air ?strikes?|airstrikes?|air[- ]raids?(?! (?:alerts?|sirens?|warnings?|shelters?|"
           r"alarms?))|air attacks?|aerial (?:attacks?|"
           r"bombardments?|strikes?|bombing)|drone (?:strikes?|attacks?)|missile (?:strikes?|"
           r"attacks?|barrages?)|rocket (?:attacks?|fire|barrages?)|precision strikes?|"
           r"bombardments?|(?<!suicide )(?<!car )bombings?|bombed|bombing|shelled|airstrike|"
           r"(?:was|were|been|being) (?:hit|struck|targeted|bombed) by|"
           r"(?:rocket|missile|drone) (?:fire|barrages?|salvos?|strikes?)|barrage of|salvo of|"
           r"(?:fired|launched) (?:[\w-]+ ){0,3}(?:rockets|missiles|drones|projectiles)|"
           r"dropped (?:[\w-]+ )?bombs")
_STRONG = re.compile(r"\b(?:" + _AERIAL + r")\b", re.IGNORECASE)
_CRAFT = re.compile(
    r"\b(?:warplanes?|jets?|fighter[- ]jets?|planes?|aircraft|drones?|helicopters?|"
    r"bombers?|missiles?|rockets?|F-?\d+\w*|Phantoms?|UAVs?)\b(?:\W+\w+){0,4}?\W+"
    r"(?:hits?|struck|strikes?|bomb(?:s|ed|ing)|target(?:s|ed)|attack(?:s|ed)|pound(?:s|ed)|"
    r"striking|slammed|slams)\b",
    re.IGNORECASE,
)
_WEAK = re.compile(
    r"\b(?:strikes?|struck|striking|raids?|attacks?|attacked|hit|targeted|blasts?|"
    r"explosions?)\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    # Word forms spelt out: "plan\w*" would take an oil plant, "deter\w*" a deteriorating one.
    r"\b(?:threaten\w*|warn\w*|would|could|might|may|plan(?:s|ned|ning)?|prepar(?:e|es|ed|ing)|"
    r"vow\w*|ready|prospect|possible|possibility|consider\w*|if|avoid|calls? for|called for|"
    r"intend\w*|seek\w*|want\w*|risk\w*|capable|capability|deter(?:s|red|ring|rence|rent)?)"
    r"\b[^;]{0,90}$",
    re.IGNORECASE,
)
_MODAL_AFTER = re.compile(r"\s+(?:would|will|could|might|may|must|should|can)\b", re.IGNORECASE)
_NEGATED = re.compile(
    r"\b(?:no|not|never|n['’]t|any such)\b(?:\W+\w+){0,6}\W*$", re.IGNORECASE)
# The strike is the act someone denies: "Pakistan denied carrying out air
# strikes in Khost", "Israel denied that its jets had struck". Not "did not deny".
_DENIED_ACT = re.compile(
    r"(?<!not )(?<!n['’]t )\b(?:denied|denies|deny|denying)\b(?:(?!\bbut\b)[^;:.]){0,70}$",
    re.IGNORECASE)
_AGGREGATE = re.compile(
    r"\b\d[\d,]*\+?\s+(?:\w+\s+)?(?:air ?strikes|airstrikes|strikes|raids|sorties|attacks)\b"
    r"[^.;]*?"
    r"\b(?:so far|since|to date|in total|this year|over the past|in the past)\b"
    r"|\b(?:hundreds|thousands|dozens) of (?:air ?strikes|airstrikes|strikes|raids)\b"
    r"|\bsuch (?:explosions|attacks|strikes|raids|blasts|incidents)\b"
    r"|\b(?:\d[\d,]*|dozens of|hundreds of|scores of)\s+times\b"
    r"|\b(?:has|have) been (?:\w+ )?(?:hit|struck|bombed|shelled|targeted|attacked) (?:almost |"
    r"nearly )?(?:daily|nightly|repeatedly|regularly|routinely|frequently|every (?:day|night))\b"
    r"|\b(?:attacks|strikes|raids|bombings)\b[^.;]{0,40}?\b(?:have|has)\s+(?:surged|increased|"
    r"risen|intensified|escalated|grown|multiplied|doubled|spiked)\b",
    re.IGNORECASE,
)
_GROUND = re.compile(
    r"\b(?:exchanges? of fire|clashes|clashed|gunfire|gun battles?|firefights?|stormed|"
    r"ambush(?:ed)?|border posts?|ground (?:assault|offensive|attack|incursion)|infantry|"
    r"gunmen|suicide (?:bomber|bombing|attack)|roadside bomb|car bomb)\b", re.IGNORECASE)
# Drills strike nothing real: "jets struck mock targets at a range near Konya".
_EXERCISE = re.compile(
    r"\b(?:(?:military|joint|naval|air|annual|large-scale|live-fire|live fire)\s+"
    r"(?:exercises?|drills?)|war ?games?|manoeuvres|maneuvers|mock targets?|simulated "
    r"(?:targets?|attacks?|strikes?)|firing range|bombing range)\b",
    re.IGNORECASE)
_ANAPHOR = re.compile(
    # "One strike hit a house ... Another hit a car": the next of the same strikes.
    r"^\W*(?:Another|A second|A third|A fourth|A further|One|The other)\s+(?:hit|struck|"
    r"landed|slammed|exploded|killed|destroyed|damaged)\b|"
    r"\b(?:the|those|these|that|this|such)\s+(?:\w+\s+)?(?:air ?strikes?|airstrikes?|strikes?|"
    r"raids?|attacks?|blasts?|explosions?|bombings?|bombardment)\b"
    r"|\b(?:another|a second|a third|a further|a new|further|more)\s+(?:\w+\s+)?(?:wave|round|"
    r"strikes?|raids?|attacks?|salvos?|barrages?|blasts?|explosions?|drones?|missiles?)\b",
    re.IGNORECASE)
_TARGET_BEFORE = re.compile(
    r"\b(?:on|against|targeting|at|toward|towards|of|hit|struck|bombed|targeted|attacked)"
    r"\s+(?:the\s+|an?\s+|some\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE)
_AGENT_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[\w'’-]+\s+){0,5}?(?:has |have |had |also |reportedly |allegedly |"
    r"apparently |appear(?:s|ed)? to (?:have )?|is |are |was |were )*(?:carried out|"
    r"carrying out|launched|launching|conducted|conducting|struck|striking|bombed|bombing|"
    r"hit|targeted|attacked|fired|used|sent|shelled|pounded|fires|launches|pounds)\b",
    re.IGNORECASE)
# An adjective that is the object, not the agent: "fighting Yemen's Houthi rebels",
# "strikes on Iranian positions".
_OBJECT_BEFORE = re.compile(
    r"\b(?:fighting|against|targeting|targeted|hit|hitting|struck|striking|bombed|bombing|"
    r"attacked|attacking|on)\s+(?:the\s+|an?\s+)?(?:[\w-]+['’]s\s+)?$", re.IGNORECASE)
_SAID_WITHIN = re.compile(r"\b(?:said|says|blamed|blames|accused|accuses|claimed|claims|"
                          r"alleged|alleges|reported)\b", re.IGNORECASE)
_OWNS = re.compile(r"['’]s\s+")
_POSSESSOR = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,3}$")
_SAY_BETWEEN = re.compile(r"\b(?:said|says|say|reports?|reported|claims?|claimed|told|"
                          r"announced|accused|accuses|blamed|blames)\b", re.IGNORECASE)
_BY_AGENT = re.compile(
    r"\b(?:strikes?|airstrikes?|raids?|attacks?|bombing|bombardment|shelling|carried out|"
    r"conducted|launched|hit|struck|targeted|bombed|fired)\s+"
    # "hit in the town of Ain Issa, apparently by a Turkish drone": where, then by whom
    r"(?:(?:in|at|near|outside)\s+(?:the\s+(?:town|city|village|district|area)\s+of\s+)?"
    r"(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*)){0,2},?\s+)?"
    r"(?:(?!(?:used|operated|run|held|controlled|owned|occupied|manned)\b)[\w-]+,?\s+){0,2}?"
    r"(?:(?:apparently|reportedly|allegedly|possibly|probably|likely)\s+)?(?:by|from)\s+"
    # "hit by what the ministry called an Israeli missile attack"
    r"(?:what\s+(?:[\w-]+\s+){1,3}?(?:called|described as|said (?:was|were))\s+)?"
    r"(?:the\s+|an?\s+)?(?:(?-i:[A-Z][\w-]*)['’]s\s+)?$", re.IGNORECASE)
_LAUNCHED_FROM = re.compile(r"\b(?:launched|fired|flown|flew|took off|originating|coming|came)"
                            r"\s+(?:[\w-]+\s+){0,2}from\s+(?:the\s+)?$", re.IGNORECASE)
_LAUNCH_SITE = re.compile(r"\b(?:from|launched from|fired from|originating in)\s+(?:the\s+)?$",
                          re.IGNORECASE)
# Words between an actor adjective and the strike phrase that break the link
# ("An Iraqi security expert said the strikes").
_LINK_BREAK = re.compile(r"[,;:]|\b(?:said|says|told|is|was|were|are|has|have|had|that|"
                         r"who|which|expert|officials?|sources?|analysts?)\b", re.IGNORECASE)
_BLAMED = re.compile(
    r"\b(?:blam(?:e|ed|es|ing) (?:\w+\s+)?on|attributed (?:\w+\s+)?to|accuse|accused|accuses|"
    r"accusing|blame|blames|blamed|blaming)\s+"
    r"(?:the\s+)?$", re.IGNORECASE)
# "Iran-backed militias were blamed for a drone attack": someone, unnamed, accuses them.
_BLAMED_AFTER = re.compile(
    r"\s+(?:was|were|is|are|has been|have been|had been)\s+(?:\w+ly\s+)?(?:blamed for|"
    r"accused of|held responsible for|suspected of|believed to (?:have been|be) behind|"
    r"thought to (?:have been|be) behind)\b", re.IGNORECASE)
_SAID_IT = re.compile(
    r"\b(?:said|says|say|announced|confirmed|stated)\s+(?:\w+ly\s+|on \w+\s+|in an? (?:statement|"
    r"post|video|message)\s+)*(?:that\s+)?"
    r"(?:it|they|we|its(?:\s+[\w-]+){1,2}|their(?:\s+[\w-]+){1,2})\s+(?:had\s+|has\s+|"
    r"have\s+)?(?:carried out|conducted|launched|struck|targeted|hit|bombed|attacked|fired|"
    r"killed|destroyed|eliminated|neutrali[sz]ed)\b",
    re.IGNORECASE)
_FORCES_VOICE = re.compile(r"\b(?:military|army|armed forces|air force|(?<!civil )defen[cs]e|"
                           r"spokes\w+|command|IDF|CENTCOM|AFRICOM|Pentagon|IRGC|ISPR)\b",
                           re.IGNORECASE)
# "RSF says army drone strike ...": the drones are someone else's.
_OWNER_WORD = re.compile(r"\b(?:army|military|air force|navy|enemy|regime|government|hostile|"
                         r"foreign|occupation)\b", re.IGNORECASE)
_CIVIL_VOICE = re.compile(r"\b(?:health|media|TV|television|channel|news|agency|hospital|"
                          r"civil defen[cs]e|ministry|Al-Masirah|Al-Manar)\b", re.IGNORECASE)
_SAID_CRAFT = re.compile(
    r"\b(?:said|says|say|announced|stated)\s+(?:[\w-]+\s+){0,5}?(?:that\s+)?"
    r"(?:(?:an?|the|its|some|more than|about|around|over|\d[\d,]*)\s+)*(?:[\w-]+\s+){0,2}"
    r"(?:aircraft|jets|warplanes|planes|drones?|forces|troops|helicopters?|UAVs?|missiles?|"
    r"rockets?)\b", re.IGNORECASE)
# "claimed responsibility", and headlines' "Hezbollah claims drone attack on Nahariya".
_CLAIMED_RESPONSIBILITY = re.compile(
    r"\bclaim(?:ed|s)? (?:responsibility|(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:attacks?|"
    r"strikes?|raids?))\b", re.IGNORECASE)
_REPORTS = re.compile(r"\breports?\b", re.IGNORECASE)
_DENIER_VERB = re.compile(r"\b(?:denied|denies|deny|denying|not true|no reason to believe|"
                          r"has not|have not|had not|did not|never|not responsible|no raids)\b",
                          re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\b(?:from|launched from|fired from|based in|over)\s+(?:the\s+)?"
                          r"(?:\w+\s+)?$", re.IGNORECASE)
# A list item of a strike release: "-- Near Raqqa, 14 strikes engaged ...".
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•*·]+|\d+[.)])\s*(?:near|in|on|at|outside|around)\s+[A-Z]",
                        re.IGNORECASE)
# A sentence that goes on about the same strike: "They were in a building in X."
_CONTINUES = re.compile(
    r"^(?:They|It|Those|These|The (?:[\w-]+ ){0,2}(?:was|were|is|are|had|has|hit|struck|"
    r"took place|happened|occurred))\b")
# A place that tells where the one before it lies: "Jurf al-Sakhar, a militia
# stronghold south of Baghdad", "near Tammun, south of Tubas".
_REFERENCE = re.compile(
    # An apposition, not a clause: "a stronghold south of", not "the governor said a
    # missile hit a site near".
    r"(?:\s+(?:air\s*)?(?:base|airport|camp|dam|port|refinery|plant|depot|complex|site|"
    r"facility|crossing))?"
    r"\s*,?\s*(?:(?:a|an|the)\s+(?:(?!\b(?:said|says|told|hit|struck|targeted|attacked|"
    r"killed)\b)[^,;.]){0,60}?\s+)?(?:about\s+|some\s+|roughly\s+)?"
    r"(?:\d[\d,.]*\s*(?:km|kilomet(?:er|re)s?|miles?)\s+(?:\([^)]{0,20}\)\s*)?)?"
    r"(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|near|outside|"
    r"close to)\s+(?:of\s+)?(?:the\s+)?(?:(?:city|town|capital|village|province)\s+of\s+)?$",
    re.IGNORECASE)
_SPEECH_VENUE = re.compile(
    r"\b(?:told|telling|briefed|briefing|addressed|addressing)\s+(?:[\w-]+\s+){0,3}(?:in|at|from)"
    r"\s+(?:the\s+)?$|\b(?:speaking|spoke|news conference|press conference|statement issued)"
    r"\s+(?:in|at|from)\s+(?:the\s+)?$"
    r"|\b(?:meetings?|talks|summit|conference|negotiations|visit)\s+(?:[\w-]+\s+){0,4}?(?:in|at)"
    r"\s+(?:the\s+)?$"
    r"|\b(?-i:Center|Centre|Institute|University|Council|Foundation|School|House)\s+"
    r"(?:in|at)\s+$"
    r"|\b(?:officials|authorities|police|governor|mayor|spokes(?:man|woman|person))\s+"
    r"(?:in|of|for)\s+(?:the\s+)?$",
    re.IGNORECASE)
# A possessive place is a modifier ("Iran's nuclear programme"), unless what it
# owns is a part of it ("Syria's north-east", "Iraq's western desert").
_POSSESSIVE = re.compile(
    r"(?:\s+(?:Region|Province|Governorate|State|Republic|Strip))?['’]s?\s+"
    r"(?!(?:[\w-]+\s+)?(?:countryside|outskirts|north|south|east|west|northern|"
    r"southern|eastern|western|north-?east|north-?west|south-?east|south-?west|centre|center|"
    r"interior|coast|border|borders|territory|soil|airspace|desert|mountains|capital)\b)")
_INSTITUTION_BEFORE = re.compile(
    r"\b[A-Z][\w-]*\s+(?:Union|Party|Front|Movement|Council|Bank|University|Ministry|Institute|"
    r"Church|Federation|League|Alliance|State|Emirate|Congress|Assembly)\s+(?:of|for)\s+"
    r"(?:the\s+)?$")
_INSTITUTION_AFTER = re.compile(
    r"\s+(?:[A-Z][\w-]*\s+){0,4}(?:Institute|University|Foundation|Council|Agency|"
    r"Organi[sz]ation|Society|Association|Times|Post|Herald|Tribune|Gazette|Club|Army|Front|"
    r"Movement|Brigades?)\b")
# "in Tehran, Khuzestan and Ilam": a place listed after a located one.
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:towns?\s+of\s+|cities\s+of\s+)?$",
                      re.IGNORECASE)
_AREA_KINDS = (Kind.COUNTRY, Kind.ADMIN1, Kind.ADMIN2, Kind.REGION)
_OPENER = re.compile(r"^\W*(?:In|At)\s+(?:the\s+)?$")
# "in Kyiv and the western Lviv region": a direction may stand before the next one.
_LISTED = re.compile(r"(?:,|\band|\bor)\s*(?:(?:the\s+)?(?:northern|southern|eastern|western|"
                     r"central|north-?eastern|north-?western|south-?eastern|south-?western)\s+)?$")
# Words that may stand between a locative word and the place: "in the Syrian
# town of", "in Iraq's central".
_MODIFIER = (r"(?:the|a|an|central|nearby|neighbou?ring|rural|besieged|occupied|"
             r"(?:north|south)(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?|"
             r"(?-i:[A-Z][\w-]*['’]s|[A-Z][\w-]*))")
# A strike site is introduced by a locative word: "in X", "near X", "hit X".
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|on|near|at|outside|across|around|inside|into|of|over|hit|struck|targeting|"
    r"targeted|bombed|bombing|attacked|pounded|shelled|against|along|toward|towards|"
    r"throughout|within|beyond|between|from the air over)\s+(?:" + _MODIFIER + r"\s+){0,2}$"
    r"|\b(?:capital|city|town|port|village|province|district|region|area|camp),\s*$",
    re.IGNORECASE)
# A strike site may also be the subject of a passive strike phrase: "Qamishli
# was hit by a Turkish drone", "Aleppo airport had been struck".
_PASSIVE_AFTER = re.compile(
    r"(?:\s+(?!(?:was|were|has|had|have|is|are)\b)[\w-]+){0,2}\s+(?:was|were|has been|had been|"
    r"have been|is being|are being)\s+(?:\w+ly\s+)?(?:hit|struck|targeted|bombed|attacked|"
    r"shelled|pounded)\b", re.IGNORECASE)
_AIR_CONTEXT = re.compile(
    r"\b(?:" + _AERIAL + r"|warplanes?|fighter jets?|drones?|airstrikes?|missiles?|"
    r"air force|helicopter gunships?|aircraft|jets|bombers)\b", re.IGNORECASE)

_CODE_OF_COUNTRY = {name: code for code, name in COUNTRY_NAMES.items()}

# Literal words the patterns cannot match without (lower-case; an article or
# sentence without them is settled without running the patterns, which cost
# about a millisecond per article):
# - every match of _AIR_CONTEXT (and so of _STRONG, a part of it) has one of
#   _AIR_CUES;
# - every match of _CRAFT has one of _CRAFT_CUES (or "F-16"-like numbers,
#   _F_NUMBER) and one of _VERB_CUES;
# - every trigger of a sentence (_STRONG, _CRAFT or _WEAK) has one of
#   _TRIGGER_CUES.
_AERIAL_CUES = ("air strike", "airstrike", "air-raid", "air raid", "air attack", "aerial ",
                "drone", "missile", "rocket", "precision strike", "bombardment", "bombing",
                "bombed", "shelled", "hit by", "struck by", "targeted by", "barrage of",
                "salvo of", "projectile", "dropped ")
_AIR_CUES = _AERIAL_CUES + ("warplane", "jet", "air force", "helicopter gunship", "aircraft",
                            "bomber")
_CRAFT_CUES = ("jet", "plane", "aircraft", "drone", "helicopter", "bomber", "missile", "rocket",
               "phantom", "uav")
_VERB_CUES = ("hit", "struck", "strik", "bomb", "target", "attack", "pound", "slam")
_TRIGGER_CUES = _AERIAL_CUES + _VERB_CUES + ("raid", "blast", "explosion")
# Every match of the stance module's denial pattern has one of these.
_DENIAL_CUES = ("deni", "deny", "rejected ", "not ", "no ", "never been")
_F_NUMBER = re.compile(r"F-?\d", re.IGNORECASE)
# The only characters an IGNORECASE pattern matches with an ASCII letter that
# str.lower() does not turn into it (İ, ı, ſ, the Kelvin sign): where they
# occur the cue words prove nothing, and the patterns decide alone.
_CASE_FOLD_ODDITIES = re.compile("[\u0130\u0131\u017f\u212a]")

_PRECISION_ORDER = {
    Precision.EXACT: 0, Precision.OFFSET: 1, Precision.NEAR: 2, Precision.ADMIN2: 3,
    Precision.ADMIN1: 4, Precision.BORDER: 5, Precision.COUNTRY: 6, Precision.REGION: 7,
}
_STANCE_ORDER = {
    Stance.CLAIMED: 0, Stance.CONFIRMED: 1, Stance.ACCUSED: 2, Stance.SUSPECTED: 3,
    Stance.DENIED: 4, Stance.UNATTRIBUTED: 5,
}
_SAME_SITE_KM = 12.0
# From here on a place is an area (a district, province, border or country), not a site.
_AREA_ORDER = 3
# Strikes dated this long before the article are background, not its news.
_BACKGROUND_DAYS = 365
_HISTORY = re.compile(
    r"\b(?:(?:\w+|\d+) years? (?:since|after|ago)|anniversary of|(?:the|a|its) (?:19|20)\d\d\s+"
    r"(?:[\w-]+\s+)?(?:air ?strikes?|airstrikes?|bombings?|raids?|attacks?|strikes?))",
    re.IGNORECASE)
_SPAN_START = re.compile(r"\b(?:since|until|till|from|through|by)\s+(?:the\s+)?$", re.IGNORECASE)
# A place "in" a province lies in its polygon; the slack only absorbs coarse outlines.
_INSIDE_KM = 5.0
_ON_BORDER_KM = 10.0
_DATE_SLACK_DAYS = {"day": 3, "week": 10, "month": 31, "year": 366}


@dataclass(slots=True)
class _Draft:
    """An event while it is being built and merged."""

    location: Mention
    actor: str
    stance: Stance
    sentence: Sentence
    attributions: list[Attribution] = field(default_factory=list)
    date: dt.date | None = None
    date_precision: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    weapon: str | None = None
    target: str | None = None
    headline: bool = False


@dataclass(frozen=True, slots=True)
class _Attributed:
    actor: str
    stance: Stance
    attributed_by: tuple[str, ...]


class Extractor:
    """Strike events from articles; the geoparser is injectable.

    Parameters
    ----------
    geoparser : Geoparser, optional
        Resolves the place mentions; one over the bundled gazetteer by default.
    """

    def __init__(self, geoparser: Geoparser | None = None) -> None:
        self.geoparser = geoparser if geoparser is not None else Geoparser()

    def extract_article(self, article: Article) -> list[StrikeEvent]:
        """Every strike one article reports, merged to one event per strike."""
        text = article.text
        cues = _Cues(text)
        # _STRONG is a part of _AIR_CONTEXT: an article it matches is one of these.
        air_context = cues.may_be_air() and bool(_AIR_CONTEXT.search(text)
                                                 or _CRAFT.search(text))
        if not air_context:
            return []
        sentences = split_sentences(text)
        parts = [_triggered_clauses(s, air_context, []) if cues.within(s.start, s.end) else []
                 for s in sentences]
        triggers = [any(trigger for _, trigger in clauses) for clauses in parts]
        if not any(triggers):
            return []
        # Only places in a strike sentence or the one after it can locate an
        # event: the geoparser resolves every name (they are each other's
        # context) but builds mentions only there.
        wanted = sorted({(s.start, s.end) for index, trigger in enumerate(triggers) if trigger
                         for s in sentences[index:index + 2]})
        mentions = [m for m in self._mentions(replace(article, spans=None), wanted)
                    if m.place is not None]
        mention_starts = [m.start for m in mentions]
        place_starts = [m.start for m in mentions if m.locational]
        drafts: list[_Draft] = []
        denials: set[str] = set()
        last: _Attributed | None = None
        host = _host_country(mentions)
        article_actors = _article_actors(text, host)
        aliases = article_aliases(text, article_actors, host, self._capital_of(text))
        article_actors = generic_mentions(text, article_actors, aliases)
        actor_starts = [a.start for a in article_actors]
        # Now that places are known, a semicolon may split off a place of its own.
        parts = [_triggered_clauses(sentence, air_context, place_starts)
                 if clauses and ";" in sentence.text else clauses
                 for sentence, clauses in zip(sentences, parts, strict=True)]
        speakers = _Speakers(sentences, parts, aliases)
        for index, sentence in enumerate(sentences):
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            after = following.text if following else ""
            clauses = parts[index]
            if cues.within(sentence.start, sentence.end, "denial") and denial_in(sentence.text):
                actors = _actors_in(article_actors, sentence, actor_starts)
                denier = _denier(sentence.text, actors)
                if not denier:
                    last_speaker = speakers.before(index)
                    denier = last_speaker and last_speaker.actor
                if denier and denier != UNKNOWN:
                    denials.add(denier)
            if not clauses:
                continue
            speaker = speakers.of(index)
            last_speaker = speaker if speaker is not None else speakers.before(index)
            earlier: _Attributed | None = None  # of a previous clause of this sentence
            for clause, trigger in clauses:
                if trigger is None:
                    continue
                if clause.start != sentence.start:
                    speaker = _speaker(sentence.text, after,
                                       clause.start - sentence.start + trigger.start(), aliases,
                                       last_speaker)
                    if speaker is not None and _MOTIVE.match(clause.text) and \
                            not _SAID_WITHIN.search(clause.text):
                        # The act a strike answers is told as fact, not as the speaker's
                        # claim, unless the clause has its own ("that it blamed on Israel").
                        speaker = None
                actors = _actors_in(article_actors, clause, actor_starts)
                # "India says it struck ...; Islamabad says mosques hit in Kotli": the
                # other side's account of the same strikes.
                echo = earlier if speaker is not None and speaker.text in clause.text else None
                attributed = self._attribute(clause.text, trigger, actors, speaker, last, echo)
                if attributed is None:
                    continue
                if attributed.actor == UNKNOWN and following is not None:
                    # "Drones hit a depot. Officials blamed the rebels for the attack.": an
                    # accusation in the next sentence of the paragraph names the actor.
                    attributed = _accusation_after(
                        sentence, following, text,
                        _actors_in(article_actors, following, actor_starts),
                        speaker) or attributed
                if attributed.actor != UNKNOWN:
                    earlier = attributed
                if (attributed.actor == UNKNOWN and not _STRONG.search(clause.text)
                        and not _CRAFT.search(clause.text) and not _ANAPHOR.search(clause.text)):
                    # "an attack on X" with no one named: too vague to be a strike report.
                    continue
                last = attributed
                places = _sentence_places(mentions, clause, actors, attributed.actor,
                                          mention_starts)
                if not places and following is not None and _CONTINUES.match(following.text) \
                        and not triggers[index + 1]:
                    places = _sentence_places(
                        mentions, following, _actors_in(article_actors, following, actor_starts),
                        attributed.actor, mention_starts)
                if not places:
                    continue
                if _background(sentence.text, clause.start - sentence.start + trigger.start(),
                               article):
                    continue  # "The last time India struck was in February 2019": history
                details = _details(sentence, following, article)
                for place in places:
                    drafts.append(_Draft(
                        location=place, actor=attributed.actor, stance=attributed.stance,
                        sentence=sentence,
                        attributions=[Attribution(attributed.actor, attributed.stance,
                                                  attributed.attributed_by, (), article.id)],
                        headline=index == 0 and _is_headline(sentence, text),
                        **details,
                    ))
        merged = _merge_drafts(drafts)
        return [self._event(article, n, draft, denials) for n, draft in enumerate(merged, 1)]

    def _capital_of(self, text: str) -> str | None:
        """The country whose capital datelines the article ("BOGOTÁ —" -> Colombia)."""
        match = DATELINE.search(text[:600])
        gazetteer = getattr(self.geoparser, "gazetteer", None)
        if match is None or gazetteer is None:
            return None
        found = gazetteer.lookup(match.group("city").title(), limit=1)
        if not found or found[0].feature_code != "PPLC":
            return None
        return COUNTRY_NAMES.get(found[0].country_code or "")

    def _mentions(self, article: Article, wanted: list[tuple[int, int]]) -> list[Mention]:
        """The geoparser's mentions, built only in the wanted spans when it can."""
        parser = self.geoparser
        if isinstance(parser, Geoparser) and type(parser).parse is Geoparser.parse:
            return parser._parse(article, wanted)
        return parser.parse(article)  # a geoparser of its own: all its mentions

    def _attribute(self, sentence: str, trigger: re.Match[str], actors: list[ActorMention],
                   speaker, last: _Attributed | None, echo: _Attributed | None = None
                   ) -> _Attributed | None:
        actor = _agent(sentence, trigger, actors, speaker)
        if actor is None and echo is not None:
            actor = echo.actor
        if actor is None and last is not None and (
                _ANAPHOR.search(sentence) or _LIST_ITEM.match(sentence)):
            return last
        denied = _DENIED_ACT.search(sentence, 0, trigger.start())
        if denied is not None:
            denier = _denier(sentence, actors)
            if denier is not None and actor in (None, UNKNOWN, denier):
                return _Attributed(denier, Stance.DENIED, ())
        actor = actor or UNKNOWN
        by_reports = bool(_REPORTS.search(sentence))
        if _CLAIMED_RESPONSIBILITY.search(sentence) and actor != UNKNOWN:
            stance = Stance.CLAIMED
        else:
            stance = sentence_stance(actor, speaker, is_hedged(sentence), by_reports)
            if stance == Stance.CONFIRMED and any(m.actor == actor and (
                    _BLAMED.search(sentence, max(0, m.start - 40), m.start)
                    or m.end <= trigger.start() and _BLAMED_AFTER.match(sentence, m.end))
                    for m in actors):
                # "blamed on the coalition", "militias were blamed for": the blame is
                # someone's, not the outlet's finding.
                stance = Stance.ACCUSED
        attributed_by = ()
        if speaker is not None and speaker.actor != actor and stance == Stance.ACCUSED:
            attributed_by = (speaker.text,)
        return _Attributed(actor, stance, attributed_by)

    def _event(self, article: Article, n: int, draft: _Draft, denials: set[str]
               ) -> StrikeEvent:
        actor, stance = draft.actor, draft.stance
        attributed_by = tuple(dict.fromkeys(b for a in draft.attributions for b in
                                            a.attributed_by))
        denied_by: tuple[str, ...] = ()
        if actor in denials:
            denied_by = (actor,)
            # Denied, unless someone named asserts it.
            if stance in (Stance.SUSPECTED, Stance.UNATTRIBUTED) and not attributed_by:
                stance = Stance.DENIED
        source = Source(article.id, article.title, article.outlet, article.url,
                        article.published)
        attributions = tuple(replace(a, denied_by=denied_by) for a in draft.attributions)
        return StrikeEvent(
            event_id=f"{article.id}:{n}", article_id=article.id, location=draft.location,
            actor=actor, stance=stance, attributed_by=attributed_by, denied_by=denied_by,
            attributions=attributions, sources=(source,), target=draft.target,
            weapon=draft.weapon, fatalities=draft.fatalities, injured=draft.injured,
            date=draft.date, date_precision=draft.date_precision, quote=draft.sentence.text,
            quote_start=draft.sentence.start, quote_end=draft.sentence.end,
        )

    def extract(self, articles: Iterable[Article]) -> Iterator[StrikeEvent]:
        """Events of many articles, streamed article by article."""
        for article in articles:
            yield from self.extract_article(article)


_ACCUSES = re.compile(
    r"\b(?:accus(?:e|ed|es|ing)\s+(?P<of>.{2,60}?)\s+of\b|"
    # "It accused the military, which ...": the accused with no charge spelled out.
    r"accus(?:e|ed|es|ing)\s+(?P<whom>[^,.;]{2,60}?)\s*(?:[,.;]|\bwhich\b|\bwho\b|$)|"
    r"blam(?:e|ed|es|ing)\s+(?P<for>.{2,60}?)\s+for\b|"
    r"blam(?:e|ed|es|ing)\s+(?:it|the\s+\w+|them)\s+on\s+(?P<on>[^,.;]{2,60})|"
    # "The group said the army had carried out the attack": who did it, in someone's words.
    r"(?:said|says|stated|alleged)\s+(?:in\s+a\s+statement\s+)?(?:that\s+)?"
    r"(?P<did>[^,;]{2,60}?)\s+(?:had\s+|has\s+)?(?:carried\s+out|conducted|"
    r"(?:was|were)\s+(?:behind|responsible\s+for))\s+(?:the|this|that|these|those)\s+"
    r"(?:attacks?|strikes?|air\s?strikes?|raids?|bombings?|bombardment))",
    re.IGNORECASE)


#: "It accused ...", "They blamed ...": the speaker of the sentence before goes on.
_PRONOUN_SUBJECT = re.compile(r"\s*(?:It|They|He|She)\s+(?:\w+\s+){0,2}$")


def _accusation_after(sentence: Sentence, following: Sentence, text: str,
                      actors: list[ActorMention], speaker: Speaker | None = None
                      ) -> _Attributed | None:
    """An accusation in the next sentence of the same paragraph: who it names.

    ``actors`` are the article's actor mentions in ``following``, with offsets
    relative to it. When the strike sentence has a ``speaker``, only an
    accusation that goes on in its voice ("It accused the army") counts.
    """
    if "\n\n" in text[sentence.end:following.start] or "\n" in sentence.text.strip():
        return None
    match = _ACCUSES.search(following.text)
    if match is None:
        return None
    group = next(name for name, value in match.groupdict().items() if value)
    start, end = match.span(group)
    named = [a for a in actors if start <= a.start and a.end <= end]
    if not named:
        return None
    prefix = following.text[:match.start()]
    if speaker is not None:
        if not _PRONOUN_SUBJECT.fullmatch(prefix):
            return None
    else:
        speaker = find_speaker(prefix + " said")
    if speaker is not None and speaker.actor == named[0].actor:
        return _Attributed(named[0].actor, Stance.CLAIMED, ())  # "the army said it had"
    by = (speaker.text,) if speaker is not None else ()
    return _Attributed(named[0].actor, Stance.ACCUSED, by)


def _article_actors(text: str, host: str | None = None) -> list[ActorMention]:
    """Every actor the article names; a bare "the coalition" means the one it names in full.

    Named in no other way, the coalition of a story set in Yemen, or about the
    Houthis, is the Saudi-led one.
    """
    actors = find_actors(text)
    named = {a.actor for a in actors if a.actor.endswith("coalition")
             and a.text.lower() != "coalition"}
    if not named and (host == "Yemen" or any(a.actor == "Houthis" for a in actors)):
        named = {"Saudi-led coalition"}
    if len(named) != 1:
        return actors
    coalition = named.pop()
    return [replace(a, actor=coalition) if a.text.lower() == "coalition" else a for a in actors]


# "... struck Sanaa, a day after the rebels said they had sent drones ...": an
# adverbial clause with a subject of its own reports another act.
_SUBORDINATE_CLAUSE = re.compile(
    r"(?:,\s*)?\b(?:(?:a|one|two|three|four|several|\d+)\s+(?:days?|hours?|weeks?|months?)\s+"
    r"|(?:just|shortly|soon|hours|days|weeks)\s+)?(?:after|before|while|whereas)\s+"
    r"(?=(?:the\s+|an?\s+|its\s+|their\s+)?(?:[A-Z]|(?:it|they|he|she|rebels|militants)\b)"
    # "... after a long-range drone launched from Yemen slammed into ...": a strike of its own.
    r"|(?:the\s+|an?\s+)(?:[\w-]+\s+){0,3}(?:drones?|missiles?|rockets?|bombs?|shells?)\s+"
    r"(?:launched|fired|hit|struck|slammed|exploded|landed|crashed))")


# "... in retaliation for a drone attack on US troops in Syria": the act it answers.
_MOTIVE = re.compile(r"(?:,\s*)?\b(?:(?:this time |partly )?in (?:retaliation|response|reprisal)"
                     r"\s+(?:for|to)|to avenge|as payback for|(?:was|were|came as) an?\s+"
                     r"(?:\w+\s+)?(?:response|retaliation|reprisal)\s+(?:for|to)"
                     # "..., which it blamed for drone attacks on the Hmeimim base"
                     r"|which\s+(?:it|they|he|she|the\s+\w+)\s+(?:blamed|blames|holds?\s+"
                     r"responsible|held\s+responsible)\s+for)\b",
                     re.IGNORECASE)


_MOTIVE_WORDS = ("retaliation", "response", "reprisal", "avenge", "payback", "blame",
                 "responsible")


def _may_give_motive(text: str) -> bool:
    """Whether _MOTIVE may match: one of its words, or letters it folds its own way."""
    if not text.isascii():
        return True
    lower = text.lower()
    return any(word in lower for word in _MOTIVE_WORDS)


def _triggered_clauses(sentence: Sentence, air_context: bool, place_starts: list[int]
                       ) -> list[tuple[Sentence, re.Match[str] | None]]:
    """The sentence's clauses, each with its strike phrase; [] when none has one."""
    clauses = [(clause, _trigger(clause.text, air_context))
               for clause in _clauses(sentence, air_context, place_starts)]
    return clauses if any(trigger for _, trigger in clauses) else []


def _clauses(sentence: Sentence, air_context: bool, place_starts: list[int]) -> list[Sentence]:
    """The sentence, split before adverbial clauses that have their own subject.

    A semicolon splits it too when the part after it reports a strike or names a
    place of its own ("Ukraine says it hit a depot; fire at Ryazan refinery after
    drone attack", "...; Kurdish forces accuse Turkey over deaths at Tishreen
    Dam"), not when it only comments on the part before ("Drones hit Port Sudan;
    army blames RSF").
    """
    text = sentence.text
    cuts = []
    # Most sentences have neither pattern's words: str checks spare the scans.
    if "after" in text or "before" in text or "while" in text or "whereas" in text:
        cuts += [m.start() for m in _SUBORDINATE_CLAUSE.finditer(text) if m.start() > 0]
    if _may_give_motive(text):
        cuts += [m.start() for m in _MOTIVE.finditer(text) if m.start() > 0]
    for semicolon in (m.end() for m in re.finditer(r";\s*", text)):
        has_place = bool(_within(place_starts, Sentence(sentence.start + semicolon,
                                                         sentence.end, "")))
        if _trigger(text[:semicolon], air_context) and (
                has_place or _trigger(text[semicolon:], air_context)):
            cuts.append(semicolon)
    cuts.sort()
    if not cuts:
        return [sentence]
    bounds = [0, *cuts, len(sentence.text)]
    return [Sentence(sentence.start + a, sentence.start + b, sentence.text[a:b])
            for a, b in zip(bounds, bounds[1:], strict=False) if sentence.text[a:b].strip()]


_GENERIC_SPEAKER = re.compile(r"^(?:the|its)\s+(?:army|military|armed forces|air force|"
                             r"government|junta|defen[cs]e ministry)$", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:.*\s)?(?:it|they|he|she)$", re.IGNORECASE)


def _speaker(sentence: str, following: str, focus: int, aliases: dict[str, str],
             previous: Speaker | None) -> Speaker | None:
    """The sentence's speaker for the strike named at ``focus``, resolved through aliases."""
    return _resolve_speaker(find_speaker(sentence, following, focus=focus), sentence, aliases,
                            previous)


def _needs_previous(speaker: Speaker) -> bool:
    """Whether a speaker is a pronoun that stands for whoever spoke last ("it said")."""
    return speaker.actor == UNKNOWN and bool(_PRONOUN.match(speaker.text))


def _resolve_speaker(speaker: Speaker | None, sentence: str, aliases: dict[str, str],
                     previous: Speaker | None) -> Speaker | None:
    """:func:`find_speaker`'s answer for a sentence, resolved through aliases."""
    if speaker is not None and previous is not None and _needs_previous(speaker):
        return previous  # "In a statement it said": whoever spoke last
    if speaker is not None and speaker.actor == UNKNOWN and _GENERIC_SPEAKER.search(speaker.text):
        # "In neighbouring Burkina Faso, the army said": that country's army.
        local = [a for a in find_actors(sentence[:max(0, sentence.find(speaker.text))])
                 if not a.adjective and a.actor in _CODE_OF_COUNTRY]
        if len({a.actor for a in local}) == 1:
            return Speaker(speaker.text, local[0].actor)
    if speaker is not None and speaker.actor == UNKNOWN:
        # "Hagari said", "the army said": whom the article introduced them as.
        alias = resolve_alias(speaker.text, aliases)
        if alias is not None:
            return Speaker(speaker.text, alias)
    return speaker


class _Speakers:
    """Each sentence's speaker (for its first strike phrase), found only when asked.

    A sentence's speaker may stand for the one before ("it said"), so the
    extractor once found every sentence's in turn; only the sentences with a
    strike phrase or a denial ask, and each only back to the last sentence
    that names a speaker, so most sentences are never read for one.
    """

    def __init__(self, sentences: list[Sentence],
                 parts: list[list[tuple[Sentence, re.Match[str] | None]]],
                 aliases: dict[str, str]) -> None:
        self._sentences, self._parts, self._aliases = sentences, parts, aliases
        self._found: dict[int, Speaker | None] = {}
        self._resolved: dict[int, Speaker | None] = {}

    def _find(self, index: int) -> Speaker | None:
        if index not in self._found:
            sentence = self._sentences[index]
            after = self._sentences[index + 1].text if index + 1 < len(self._sentences) else ""
            focus = next((c.start - sentence.start + t.start()
                          for c, t in self._parts[index] if t), 0)
            self._found[index] = find_speaker(sentence.text, after, focus=focus)
        return self._found[index]

    def _resolve(self, index: int, previous: Speaker | None) -> Speaker | None:
        speaker = _resolve_speaker(self._find(index), self._sentences[index].text,
                                   self._aliases, previous)
        self._resolved[index] = speaker
        return speaker

    def of(self, index: int) -> Speaker | None:
        """The speaker of a sentence, None when it names none."""
        if index in self._resolved:
            return self._resolved[index]
        found = self._find(index)
        previous = self.before(index) if found is not None and _needs_previous(found) else None
        return self._resolve(index, previous)

    def before(self, index: int) -> Speaker | None:
        """The speaker of the last sentence before ``index`` that names one."""
        # Back to a speaker that needs no one before it, then forward through the
        # pronouns on the way, each standing for the one before: no recursion.
        pronouns = []
        speaker = None
        for earlier in range(index - 1, -1, -1):
            if earlier in self._resolved:
                speaker = self._resolved[earlier]
                if speaker is not None:
                    break
                continue
            found = self._find(earlier)
            if found is None:
                continue
            if not _needs_previous(found):
                speaker = self._resolve(earlier, None)
                break
            pronouns.append(earlier)
        for earlier in reversed(pronouns):
            speaker = self._resolve(earlier, speaker)
        return speaker


def _is_headline(sentence: Sentence, text: str) -> bool:
    """Whether the first sentence is a headline: a line of its own with no full stop."""
    return (not sentence.text.rstrip().endswith((".", "!", "?", '"', "”"))
            and text[sentence.end:sentence.end + 2].lstrip(" \t").startswith("\n"))


class _Cues:
    """Where an article's cue words are, found once with one automaton."""

    def __init__(self, text: str) -> None:
        self.unsure = bool(_CASE_FOLD_ODDITIES.search(text))
        automaton, kinds = _cue_automaton()
        found = [] if self.unsure else automaton.find_matches_as_indexes(
            text.lower(), overlapping=True)
        seen: set[str] = set()
        starts: dict[str, list[int]] = {"trigger": [], "denial": []}
        for index, start, _ in found:
            seen |= kinds[index]
            for kind in kinds[index] & starts.keys():
                starts[kind].append(start)
        self.starts = {kind: sorted(found) for kind, found in starts.items()}
        self.air = "air" in seen or "verb" in seen and (
            "craft" in seen or bool(_F_NUMBER.search(text)))

    def may_be_air(self) -> bool:
        """Whether _AIR_CONTEXT or _CRAFT can match the article."""
        return self.unsure or self.air

    def within(self, start: int, end: int, kind: str = "trigger") -> bool:
        """Whether a cue of a kind ("trigger" or "denial") starts in ``text[start:end]``."""
        if self.unsure:
            return True
        starts = self.starts[kind]
        index = bisect_left(starts, start)
        return index < len(starts) and starts[index] < end


@lru_cache(maxsize=1)
def _cue_automaton():
    import ahocorasick_rs

    kinds: dict[str, set[str]] = {}
    for kind, cues in (("air", _AIR_CUES), ("craft", _CRAFT_CUES), ("verb", _VERB_CUES),
                       ("trigger", _TRIGGER_CUES), ("denial", _DENIAL_CUES)):
        for cue in cues:
            kinds.setdefault(cue, set()).add(kind)
    words = list(kinds)
    return ahocorasick_rs.AhoCorasick(words), [frozenset(kinds[w]) for w in words]


def _within(starts: list[int], sentence: Sentence) -> range:
    """Indices of the items (sorted by start) that start inside a sentence."""
    return range(bisect_left(starts, sentence.start), bisect_right(starts, sentence.end))


def _host_country(mentions: list[Mention]) -> str | None:
    """The country most of the article's places are in, by name."""
    counts: dict[str, int] = {}
    for mention in mentions:
        code = mention.place.country_code if mention.locational else None
        if code and len(code) == 2:
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    return COUNTRY_NAMES.get(max(counts, key=counts.__getitem__))


def _actors_in(actors: list[ActorMention], sentence: Sentence,
               starts: list[int] | None = None) -> list[ActorMention]:
    """The article's actor mentions inside a sentence, with sentence-relative offsets.

    ``starts`` are the mentions' starts (they are in text order): given, only
    the mentions that start inside the sentence are looked at.
    """
    if starts is not None:
        actors = [actors[i] for i in _within(starts, sentence)]
    return [replace(a, start=a.start - sentence.start, end=a.end - sentence.start)
            for a in actors if sentence.start <= a.start and a.end <= sentence.end]


def _trigger(sentence: str, air_context: bool) -> re.Match[str] | None:
    if _AGGREGATE.search(sentence) or _EXERCISE.search(sentence):
        return None
    candidates = [m for m in (_STRONG.search(sentence), _CRAFT.search(sentence)) if m]
    if not candidates and air_context and not _GROUND.search(sentence):
        # "attacked border posts, prompting exchanges of fire": a fight on the
        # ground, unless the sentence itself says it came from the air.
        candidates = list(_WEAK.finditer(sentence))
    for match in sorted(candidates, key=lambda m: m.start()):
        before = sentence[:match.start()]
        if _HYPOTHETICAL.search(before[-110:]) or _NEGATED.search(before[-60:]):
            continue
        if _MODAL_AFTER.match(sentence, match.end()):
            continue  # "attacks would continue until ...": not something that happened
        return match
    return None


def _agent(sentence: str, trigger: re.Match[str], actors: list[ActorMention], speaker
           ) -> str | None:
    if _SAID_IT.search(sentence) and speaker is not None and speaker.actor != UNKNOWN:
        return speaker.actor
    # "Yemen's Houthi movement", "Lebanon's Hezbollah": the group, not its country.
    actors = [m for i, m in enumerate(actors) if i + 1 == len(actors)
              or not _OWNS.fullmatch(sentence, m.end, actors[i + 1].start)]
    # "American and British forces": the first named leads, or the one speaking.
    own = speaker.actor if speaker is not None else None
    actors = [m for i, m in enumerate(actors) if not (
        i and m.adjective and m.actor != own and m.actor != actors[i - 1].actor
        and _AND_BEFORE.fullmatch(sentence, actors[i - 1].end, m.start))]
    said_craft = _SAID_CRAFT.search(sentence)
    if speaker is not None and speaker.actor != UNKNOWN and said_craft is not None and \
            _forces_voice(speaker) and not _OWNER_WORD.search(said_craft.group()) and not any(
                said_craft.start() <= m.start < trigger.end() for m in actors):
        # "military spokesman Hagari said more than 100 aircraft had hit ...": its own,
        # unless it names whose aircraft they were.
        return speaker.actor
    claim = _CLAIMED_RESPONSIBILITY.search(sentence)
    if claim:
        before = [m for m in actors if m.end <= claim.start()]
        if before:
            return before[-1].actor
    best: tuple[int, str] | None = None
    for mention in actors:
        before = sentence[:mention.start]
        after = sentence[mention.end:]
        if _LAUNCHED_FROM.search(before[-40:]):
            continue  # "a drone launched from Yemen": where it came from, not who
        if _BLAMED.search(before[-40:]) or _BY_AGENT.search(before[-50:]) or (
                mention.end <= trigger.start() and _BLAMED_AFTER.match(sentence, mention.end)):
            return mention.actor
        if _LAUNCH_SITE.search(before[-30:]):
            continue
        if mention.start >= trigger.end():
            continue  # named after the strike, not blamed for it: another clause's subject
        if _TARGET_BEFORE.search(before[-40:]) and not mention.adjective:
            continue
        if _OBJECT_BEFORE.search(before[-40:]):
            continue  # "the coalition fighting Yemen's Houthi rebels": whom it fights
        if mention.adjective or mention.actor.endswith(("coalition", "militias")):
            # "Israeli drones", "US-led coalition jets": an adjective right
            # before the strike phrase or the aircraft.
            gap = trigger.start() - mention.end
            between = sentence[mention.end:trigger.start()] if gap > 0 else ""
            if 0 <= gap <= 40 and not _LINK_BREAK.search(between):
                distance = gap
            elif _agent_after(after):
                distance = _agent_after(after)
            else:
                continue
        elif _agent_after(after):
            distance = _agent_after(after)
        elif 0 <= trigger.start() - mention.end <= 3 or _POSSESSOR.match(
                sentence, mention.end, max(mention.end, trigger.start())):
            distance = 0  # "U.S. strikes", "Iran's ballistic missile barrage"
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, mention.actor)
    return best[1] if best else None


def _forces_voice(speaker: Speaker) -> bool:
    """Whether a speaker speaks for fighting forces: a military, or an armed group.

    "Houthis say missile hit Eilat" is the Houthis' claim; a group's health
    ministry or television reporting a strike on its own people is not.
    """
    if _FORCES_VOICE.search(speaker.text):
        return True
    return speaker.actor in GROUPS and not _CIVIL_VOICE.search(speaker.text)


def _agent_after(after: str) -> int:
    """Length of "... carried out" after a name that is its subject; 0 if it is not.

    A reporting verb in between makes the name a speaker: "Islamabad says
    mosques hit".
    """
    match = _AGENT_AFTER.match(after)
    if match is None or _SAY_BETWEEN.search(match.group()):
        return 0
    return len(match.group())


def _denier(sentence: str, actors: list[ActorMention]) -> str | None:
    match = _DENIER_VERB.search(sentence)
    if not match:
        return None
    # "The coalition fighting the Islamic State group denied ...": not whom it fights.
    before = [a for a in actors if a.end <= match.start()
              and not _OBJECT_BEFORE.search(sentence, max(0, a.start - 40), a.start)]
    return before[-1].actor if before else None


def _sentence_places(mentions: list[Mention], sentence: Sentence, actors: list[ActorMention],
                     actor: str, starts: list[int] | None = None) -> list[Mention]:
    actor_code = _CODE_OF_COUNTRY.get(actor)
    places: list[Mention] = []
    previous: Mention | None = None  # the place named just before, if it was taken
    origin: int | None = None  # where a place named as an origin ("from X") ends
    if starts is not None:
        mentions = [mentions[i] for i in _within(starts, sentence)]
    for mention in mentions:
        if not (sentence.start <= mention.start and mention.end <= sentence.end):
            continue
        if not mention.locational or mention.place is None:
            continue
        local = mention.start - sentence.start
        before = sentence.text[:local]
        listed = (previous is not None and bool(_LISTED.search(before[-30:]))
                  and mention.start - previous.end < 40)
        if listed and places and places[-1] is previous and _BETWEEN.search(
                sentence.text, max(0, previous.start - sentence.start - 30),
                previous.start - sentence.start) and mention.place.kind not in _AREA_KINDS:
            continue  # "a car on the road between Tyre and Naqoura": one strike, not two
        previous = None
        if origin is not None and _WHERE_IT_LIES.fullmatch(sentence.text, origin, local):
            origin = mention.end - sentence.start
            continue  # "sailed from Batumi in Georgia": where it came from, all of it
        origin = None
        if _FROM_BEFORE.search(before[-25:]):
            origin = mention.end - sentence.start
            continue
        if not (
                listed or _LOCATIVE_BEFORE.search(before[-45:])
                or _PASSIVE_AFTER.match(sentence.text, mention.end - sentence.start)):
            continue
        local_end = mention.end - sentence.start
        if any(a.start <= local and local_end <= a.end and (a.end - a.start) > (
                local_end - local) for a in actors):
            # Part of an actor's name ("Quds Force", "Kataib Sayyid al-Shuhada").
            continue
        if _SPEECH_VENUE.search(before[-50:]):
            continue  # "told reporters in Rawalpindi": where it was said
        if _paired_with_party(sentence.text, local, local_end, actors):
            continue  # "mediates between Washington and the Houthis": a party, not a place
        if mention.place.kind in (Kind.COUNTRY, Kind.ADMIN1) and \
                _POSSESSIVE.match(sentence.text, local_end):
            continue  # "nine days into Israel's war", "the Kurdistan Region's forces"
        if _INSTITUTION_AFTER.match(sentence.text, local_end) or \
                _INSTITUTION_BEFORE.search(before[-40:]):
            continue  # "the Stockholm ... Institute", "the Patriotic Union of Kurdistan"
        if places and _REFERENCE.match(sentence.text, places[-1].end - sentence.start, local):
            continue  # "Jurf al-Sakhar, a stronghold south of Baghdad": where the site lies
        place = mention.place
        if place.kind == Kind.REGION or (
                place.kind == Kind.COUNTRY and place.country_code == actor_code):
            # "across the Middle East" locates no strike; nor does an actor's own country.
            continue
        previous = mention
        places.append(mention)
    if len(places) > 1 and _OPENER.match(sentence.text[:places[0].start - sentence.start]) and \
            sentence.text.startswith(",", places[0].end - sentence.start):
        # "In Lviv, the governor said a missile hit a site near Stryi": the
        # opener sets the scene; the places the clause goes on to name are the sites.
        places = places[1:]
    return places


_WHERE_IT_LIES = re.compile(r"\s*(?:,|\bin)\s*(?:the\s+)?")
_AND_AFTER = re.compile(r"\s+and\s+(?:the\s+)?")
_AND_BEFORE = re.compile(r"\s+and\s+$")


def _paired_with_party(sentence: str, start: int, end: int, actors: list[ActorMention]
                       ) -> bool:
    """Whether a place is coordinated with a party by name: then it is one too.

    "between Washington and the Houthis", "Hezbollah and Israel": a capital or
    country paired with an armed group stands for its government.
    """
    after = _AND_AFTER.match(sentence, end)
    for actor in actors:
        if actor.adjective:
            continue
        if after is not None and actor.start == after.end():
            return True
        if actor.end <= start and _AND_BEFORE.fullmatch(sentence, actor.end, start):
            return True
    return False


def _background(sentence: str, at: int, article: Article) -> bool:
    """Whether the strike named at ``at`` is dated long before the article: history."""
    if _HISTORY.search(sentence[max(0, at - 40):at + 12]):
        return True  # "five years since the explosion", "the 2023 bombing of"
    if article.published is None:
        return False
    dates = [d for d in find_dates(sentence, article.published,
                                   article.published_precision or "day")
             if not _SPAN_START.search(sentence[max(0, d.start - 12):d.start])]
    if not dates:
        return False
    # The date nearest the strike dates it ("off-limits since 2014" dates nothing).
    nearest = min(dates, key=lambda d: abs(d.start - at))
    return (article.published - nearest.date).days > _BACKGROUND_DAYS


def _details(sentence: Sentence, following: Sentence | None, article: Article) -> dict:
    dates = find_dates(sentence.text, article.published, article.published_precision or "day")
    date = dates[0] if dates else None
    casualties = find_casualties(sentence.text)
    weapon = primary_weapon([sentence.text])
    return {
        "date": date.date if date else article.published,
        "date_precision": date.precision if date else (
            "month" if article.published else None),
        "fatalities": casualties.fatalities,
        "injured": casualties.injured,
        "weapon": weapon,
        "target": _target(sentence.text),
    }


_TARGET = re.compile(
    r"\b(?:on|against|targeting|targeted|hit|struck)\s+(?P<target>(?:an?\s+|the\s+|some\s+)?"
    r"[\w'’ -]{3,60}?(?:positions?|targets?|bases?|depots?|facilit(?:y|ies)|headquarters|"
    r"convoy|camp|compound|militia|militias|fighters|forces|commanders?|leaders?|"
    r"building|warehouse|site|group))\b", re.IGNORECASE)


def _target(sentence: str) -> str | None:
    match = _TARGET.search(sentence)
    return match.group("target").strip() if match else None


# -- merging -------------------------------------------------------------------------


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _point(mention: Mention) -> tuple[float, float]:
    place = mention.place
    lat = mention.latitude if mention.latitude is not None else place.latitude
    lon = mention.longitude if mention.longitude is not None else place.longitude
    return lat, lon


def _contains(outer: Mention, inner: Mention) -> bool:
    """Whether ``outer``'s place contains (or is the same strike site as) ``inner``'s."""
    a, b = outer.place, inner.place
    if a.id == b.id:
        return True
    if outer.precision == Precision.COUNTRY:
        codes = (b.country_code or "").split("-")
        return a.country_code in codes
    if outer.precision in (Precision.ADMIN1, Precision.ADMIN2, Precision.BORDER):
        if outer.precision == Precision.ADMIN1 and b.admin1 and \
                name_key(b.admin1) == name_key(a.name):
            return True
        slack = _INSIDE_KM if outer.precision != Precision.BORDER else _ON_BORDER_KM
        return _distance_to_shape(outer, inner) < slack
    if inner.precision in (Precision.NEAR, Precision.OFFSET) or outer.precision in (
            Precision.NEAR, Precision.OFFSET):
        # "near Tyre" and "Nabatieh" 30 km away are two strikes: however wide the
        # uncertainty, two named places are one site only when they are close.
        return _km(*_point(outer), *_point(inner)) <= _SAME_SITE_KM
    return False


def _distance_to_shape(outer: Mention, inner: Mention) -> float:
    from geostrikes.frame import mention_geometry

    shape = mention_geometry(outer)
    lat, lon = _point(inner)
    if shape is None:
        return math.inf
    import shapely

    degrees = shape.distance(shapely.Point(lon, lat))
    return degrees * 111.0


def _dates_compatible(a: _Draft, b: _Draft) -> bool:
    if a.date is None or b.date is None:
        return True
    slack = max(_DATE_SLACK_DAYS.get(a.date_precision or "day", 3),
                _DATE_SLACK_DAYS.get(b.date_precision or "day", 3))
    return abs((a.date - b.date).days) <= slack


def _actors_compatible(a: str, b: str) -> bool:
    return a == b or UNKNOWN in (a, b)


def _compatible(a: _Draft, b: _Draft) -> bool:
    if not _actors_compatible(a.actor, b.actor) or not _dates_compatible(a, b):
        return False
    order_a = _PRECISION_ORDER[a.location.precision]
    order_b = _PRECISION_ORDER[b.location.precision]
    outer, inner = (a, b) if order_a >= order_b else (b, a)
    return _contains(outer.location, inner.location)


def _absorb(keep: _Draft, other: _Draft) -> _Draft:
    """One draft from two reports of the same strike."""
    first, second = sorted((keep, other), key=lambda d: (
        _PRECISION_ORDER[d.location.precision], d.sentence.start))
    actor = first.actor if first.actor != UNKNOWN else second.actor
    same = [d for d in (keep, other) if d.actor == actor]
    if len({d.headline for d in same}) == 2:
        # A headline compresses who says what; the body's attribution is the careful one.
        same = [d for d in same if not d.headline]
    sites = [d for d in same if _PRECISION_ORDER[d.location.precision] < _AREA_ORDER]
    if sites:
        # "struck targets in Kherson region" says nothing of how sure anyone is
        # about the bus hit in Antonivka: a site keeps its own attribution.
        same = sites
    stances = [d.stance for d in same] or [first.stance]
    stance = min(stances, key=_STANCE_ORDER.__getitem__)
    precise_date = min((d for d in (keep, other) if d.date is not None),
                       key=lambda d: _DATE_SLACK_DAYS.get(d.date_precision or "day", 3),
                       default=first)
    return _Draft(
        location=first.location, actor=actor, stance=stance, sentence=first.sentence,
        attributions=keep.attributions + other.attributions,
        date=precise_date.date, date_precision=precise_date.date_precision,
        fatalities=_max(keep.fatalities, other.fatalities),
        injured=_max(keep.injured, other.injured),
        weapon=first.weapon or second.weapon, target=first.target or second.target,
        headline=keep.headline and other.headline,
    )


def _max(a: int | None, b: int | None) -> int | None:
    values = [v for v in (a, b) if v is not None]
    return max(values) if values else None


def _merge_drafts(drafts: list[_Draft]) -> list[_Draft]:
    # Most precise first, so coarse mentions fold into the precise ones.
    pending = sorted(drafts, key=lambda d: (_PRECISION_ORDER[d.location.precision],
                                            d.sentence.start))
    merged: list[_Draft] = []
    for draft in pending:
        for index, kept in enumerate(merged):
            if _compatible(kept, draft):
                merged[index] = _absorb(kept, draft)
                break
        else:
            merged.append(draft)
    return sorted(merged, key=lambda d: d.sentence.start)


def merge_events(events: Iterable[StrikeEvent]) -> list[StrikeEvent]:
    """Merge reports of the same strike from different articles.

    Two events merge when their places are within tolerance (one contains
    the other, or points within their radius), their dates are compatible
    and their actors agree (or one is unknown). The merged event keeps every
    source and every attribution; its headline attribution is the firmest.
    """
    merged: list[StrikeEvent] = []
    for event in sorted(events, key=lambda e: (
            _PRECISION_ORDER[e.location.precision] if e.location else 9, e.event_id)):
        for index, kept in enumerate(merged):
            if kept.location is None or event.location is None:
                continue
            if kept.article_id == event.article_id:
                continue
            a, b = _as_draft(kept), _as_draft(event)
            if _compatible(a, b):
                merged[index] = _merge_two(kept, event)
                break
        else:
            merged.append(event)
    return merged


def _as_draft(event: StrikeEvent) -> _Draft:
    sentence = Sentence(event.quote_start, event.quote_end, event.quote)
    return _Draft(event.location, event.actor, event.stance, sentence, date=event.date,
                  date_precision=event.date_precision)


def _merge_two(kept: StrikeEvent, other: StrikeEvent) -> StrikeEvent:
    actor = kept.actor if kept.actor != UNKNOWN else other.actor
    stance = min((e.stance for e in (kept, other) if e.actor == actor),
                 key=_STANCE_ORDER.__getitem__)
    return replace(
        kept, actor=actor, stance=stance,
        attributed_by=tuple(dict.fromkeys(kept.attributed_by + other.attributed_by)),
        denied_by=tuple(dict.fromkeys(kept.denied_by + other.denied_by)),
        attributions=kept.attributions + other.attributions,
        sources=kept.sources + other.sources,
        fatalities=_max(kept.fatalities, other.fatalities),
        injured=_max(kept.injured, other.injured),
        weapon=kept.weapon or other.weapon, target=kept.target or other.target,
    )


def extract_article(article: Article, *, geoparser: Geoparser | None = None
                    ) -> list[StrikeEvent]:
    """Every strike one article reports.

    Examples
    --------
    >>> from geostrikes import Article
    >>> art = Article("a1", "Suspected Israeli drones struck a depot near Baghdad on Monday.")
    >>> [(e.actor, e.stance.value, e.location.precision.value) for e in extract_article(art)]
    [('Israel', 'suspected', 'near')]
    """
    return Extractor(geoparser).extract_article(article)


def extract(articles: Iterable[Article] | Article, *, geoparser: Geoparser | None = None,
            merge: bool = False) -> list[StrikeEvent]:
    """Strike events of the articles, as typed values.

    Parameters
    ----------
    articles : Article or iterable of Article
        E.g. ``geostrikes.read_articles("seeds/")``.
    geoparser : Geoparser, optional
        Injected geoparser (and through it, the gazetteer).
    merge : bool
        Also merge reports of the same strike across articles into one event
        with every source (:func:`merge_events`). Off by default, so that
        each event belongs to exactly one article, as the GeoJSON contract's
        ``article_id`` expects.

    Returns
    -------
    list of StrikeEvent
        Turn them into a GeoDataFrame with :func:`geostrikes.events_frame`.
    """
    if isinstance(articles, Article):
        articles = [articles]
    events = list(Extractor(geoparser).extract(articles))
    return merge_events(events) if merge else events
