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

from geostrikes.extraction.actors import COUNTRY_NAMES, UNKNOWN, ActorMention, find_actors
from geostrikes.extraction.dates import find_dates
from geostrikes.extraction.numbers import find_casualties
from geostrikes.extraction.sentences import Sentence, split_sentences
from geostrikes.extraction.stance import denial_in, find_speaker, is_hedged, sentence_stance
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

_AERIAL = (r"air ?strikes?|airstrikes?|air[- ]raids?|air attacks?|aerial (?:attacks?|"
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
    r"\b(?:threaten\w*|warn\w*|would|could|might|may|plan\w*|prepar\w*|vow\w*|ready|"
    r"prospect|possible|possibility|consider\w*|if|avoid|calls? for|called for|intend\w*|"
    r"seek\w*|want\w*|risk\w*|capable|capability|deter\w*)\b[^;]{0,90}$",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:no|not|never|n['’]t|any such|denied that|deny that|denies that)\b"
    r"(?:\W+\w+){0,6}\W*$", re.IGNORECASE)
_AGGREGATE = re.compile(
    r"\b\d[\d,]*\+?\s+(?:\w+\s+)?(?:air ?strikes|airstrikes|strikes|raids|sorties)\b[^.;]*?"
    r"\b(?:so far|since|to date|in total|this year|over the past|in the past)\b"
    r"|\b(?:hundreds|thousands|dozens) of (?:air ?strikes|airstrikes|strikes|raids)\b",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(
    r"\b(?:the|those|these|that|this|such)\s+(?:\w+\s+)?(?:air ?strikes?|airstrikes?|strikes?|"
    r"raids?|attacks?|blasts?|explosions?|bombings?|bombardment)\b"
    r"|\b(?:another|a second|a third|a further|a new|further|more)\s+(?:\w+\s+)?(?:wave|round|"
    r"strikes?|raids?|attacks?|salvos?|barrages?)\b",
    re.IGNORECASE)
_TARGET_BEFORE = re.compile(
    r"\b(?:on|against|targeting|at|toward|towards|of|hit|struck|bombed|targeted|attacked)"
    r"\s+(?:the\s+|an?\s+|some\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE)
_AGENT_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:\w+\s+){0,5}?(?:has |have |had |also |reportedly |allegedly |"
    r"apparently |appear(?:s|ed)? to (?:have )?|is |are |was |were )*(?:carried out|"
    r"carrying out|launched|launching|conducted|conducting|struck|striking|bombed|bombing|"
    r"hit|targeted|attacked|fired|used|sent|shelled|pounded|fires|launches|pounds)\b",
    re.IGNORECASE)
_BY_AGENT = re.compile(
    r"\b(?:strikes?|airstrikes?|raids?|attacks?|bombing|bombardment|shelling|carried out|"
    r"conducted|launched|hit|struck|targeted|bombed|fired)\s+(?:[\w-]+\s+){0,2}(?:by|from)"
    r"\s+(?:the\s+)?$", re.IGNORECASE)
_LAUNCH_SITE = re.compile(r"\b(?:from|launched from|fired from|originating in)\s+(?:the\s+)?$",
                          re.IGNORECASE)
# Words between an actor adjective and the strike phrase that break the link
# ("An Iraqi security expert said the strikes").
_LINK_BREAK = re.compile(r"[,;:]|\b(?:said|says|told|is|was|were|are|has|have|had|that|"
                         r"who|which|expert|officials?|sources?|analysts?)\b", re.IGNORECASE)
_BLAMED = re.compile(
    r"\b(?:blam(?:ed|es|ing) (?:\w+\s+)?on|attributed (?:\w+\s+)?to|accused|accuses|blames|"
    r"blamed|blaming)\s+"
    r"(?:the\s+)?$", re.IGNORECASE)
_SAID_IT = re.compile(
    r"\b(?:said|says|announced|confirmed|stated)\s+(?:\w+ly\s+|on \w+\s+|in an? (?:statement|"
    r"post|video|message)\s+)*(?:that\s+)?"
    r"(?:it|they|we|its(?:\s+[\w-]+){1,2}|their(?:\s+[\w-]+){1,2})\s+(?:had\s+|has\s+|"
    r"have\s+)?(?:carried out|conducted|launched|struck|targeted|hit|bombed|attacked|fired)\b",
    re.IGNORECASE)
_REPORTS = re.compile(r"\breports?\b", re.IGNORECASE)
_DENIER_VERB = re.compile(r"\b(?:denied|denies|deny|denying|not true|no reason to believe|"
                          r"has not|have not|had not|did not|never|not responsible|no raids)\b",
                          re.IGNORECASE)
_CLAIMED_RESPONSIBILITY = re.compile(r"\bclaim(?:ed|s)? responsibility\b", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\b(?:from|launched from|fired from|based in|over)\s+(?:the\s+)?"
                          r"(?:\w+\s+)?$", re.IGNORECASE)
# A list item of a strike release: "-- Near Raqqa, 14 strikes engaged ...".
_LIST_ITEM = re.compile(r"^\W*(?:near|in|on|at|outside|around)\s+[A-Z]", re.IGNORECASE)
# A sentence that goes on about the same strike: "They were in a building in X."
_CONTINUES = re.compile(
    r"^(?:They|It|Those|These|The (?:[\w-]+ ){0,2}(?:was|were|is|are|had|has|hit|struck|"
    r"took place|happened|occurred))\b")
# "in Tehran, Khuzestan and Ilam": a place listed after a located one.
_LISTED = re.compile(r"(?:,|\band|\bor)\s*$")
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
        triggers = [_trigger(s.text, air_context) if cues.within(s.start, s.end) else None
                    for s in sentences]
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
        drafts: list[_Draft] = []
        denials: set[str] = set()
        last: _Attributed | None = None
        speakers = _Speakers(sentences)
        article_actors = _article_actors(text)
        actor_starts = [a.start for a in article_actors]
        for index, sentence in enumerate(sentences):
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            trigger = triggers[index]
            denied = cues.within(sentence.start, sentence.end, "denial") and denial_in(
                sentence.text)
            if trigger is None and not denied:
                continue
            actors = _actors_in(article_actors, sentence, actor_starts)
            if denied:
                last_speaker = speakers.last_before(index)
                denier = _denier(sentence.text, actors) or (last_speaker and last_speaker.actor)
                if denier and denier != UNKNOWN:
                    denials.add(denier)
            if trigger is None:
                continue
            speaker = speakers.of(index)
            attributed = self._attribute(sentence.text, trigger, actors, speaker, last)
            if attributed is None:
                continue
            if (attributed.actor == UNKNOWN and not _STRONG.search(sentence.text)
                    and not _CRAFT.search(sentence.text) and not _ANAPHOR.search(sentence.text)):
                # "an attack on X" with no one named: too vague to be a strike report.
                continue
            last = attributed
            places = _sentence_places(mentions, sentence, actors, attributed.actor,
                                      mention_starts)
            if not places and following is not None and _CONTINUES.match(following.text) \
                    and triggers[index + 1] is None:
                places = _sentence_places(
                    mentions, following, _actors_in(article_actors, following, actor_starts),
                    attributed.actor, mention_starts)
            if not places:
                continue
            details = _details(sentence, following, article)
            for place in places:
                drafts.append(_Draft(
                    location=place, actor=attributed.actor, stance=attributed.stance,
                    sentence=sentence,
                    attributions=[Attribution(attributed.actor, attributed.stance,
                                              attributed.attributed_by, (), article.id)],
                    **details,
                ))
        merged = _merge_drafts(drafts)
        return [self._event(article, n, draft, denials) for n, draft in enumerate(merged, 1)]

    def _mentions(self, article: Article, wanted: list[tuple[int, int]]) -> list[Mention]:
        """The geoparser's mentions, built only in the wanted spans when it can."""
        parser = self.geoparser
        if isinstance(parser, Geoparser) and type(parser).parse is Geoparser.parse:
            return parser._parse(article, wanted)
        return parser.parse(article)  # a geoparser of its own: all its mentions

    def _attribute(self, sentence: str, trigger: re.Match[str], actors: list[ActorMention],
                   speaker, last: _Attributed | None) -> _Attributed | None:
        actor = _agent(sentence, trigger, actors, speaker)
        if actor is None and last is not None and (
                _ANAPHOR.search(sentence) or _LIST_ITEM.match(sentence)):
            return last
        actor = actor or UNKNOWN
        by_reports = bool(_REPORTS.search(sentence))
        if _CLAIMED_RESPONSIBILITY.search(sentence) and actor != UNKNOWN:
            stance = Stance.CLAIMED
        else:
            stance = sentence_stance(actor, speaker, is_hedged(sentence), by_reports)
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


def _article_actors(text: str) -> list[ActorMention]:
    """Every actor the article names; a bare "the coalition" means the one it names in full."""
    actors = find_actors(text)
    named = {a.actor for a in actors if a.actor.endswith("coalition")
             and a.text.lower() != "coalition"}
    if len(named) != 1:
        return actors
    coalition = named.pop()
    return [replace(a, actor=coalition) if a.text.lower() == "coalition" else a for a in actors]


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


class _Speakers:
    """Who each sentence reports (:func:`find_speaker`), found only when asked."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self.found: dict[int, object] = {}
        self.scanned = 0  # sentences before this one have been looked at
        self.last = None  # the last speaker among them

    def of(self, index: int):
        """The speaker of sentence ``index``, or None."""
        if index not in self.found:
            following = self.sentences[index + 1].text if index + 1 < len(self.sentences) else ""
            self.found[index] = find_speaker(self.sentences[index].text, following)
        return self.found[index]

    def last_before(self, index: int):
        """The speaker of the last sentence before ``index`` that has one, or None."""
        while self.scanned < index:
            speaker = self.of(self.scanned)
            if speaker is not None:
                self.last = speaker
            self.scanned += 1
        return self.last


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
    if _AGGREGATE.search(sentence):
        return None
    candidates = [m for m in (_STRONG.search(sentence), _CRAFT.search(sentence)) if m]
    if not candidates and air_context:
        candidates = list(_WEAK.finditer(sentence))
    for match in sorted(candidates, key=lambda m: m.start()):
        before = sentence[:match.start()]
        if _HYPOTHETICAL.search(before[-110:]) or _NEGATED.search(before[-60:]):
            continue
        return match
    return None


def _agent(sentence: str, trigger: re.Match[str], actors: list[ActorMention], speaker
           ) -> str | None:
    if _SAID_IT.search(sentence) and speaker is not None and speaker.actor != UNKNOWN:
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
        if _BLAMED.search(before[-40:]) or _BY_AGENT.search(before[-50:]):
            return mention.actor
        if _LAUNCH_SITE.search(before[-30:]):
            continue  # "a drone launched from Yemen": where it came from, not who
        if _TARGET_BEFORE.search(before[-40:]) and not mention.adjective:
            continue
        if mention.adjective or mention.actor.endswith(("coalition", "militias")):
            # "Israeli drones", "US-led coalition jets": an adjective right
            # before the strike phrase or the aircraft.
            gap = trigger.start() - mention.end
            between = sentence[mention.end:trigger.start()] if gap > 0 else ""
            if 0 <= gap <= 40 and not _LINK_BREAK.search(between):
                distance = gap
            elif _AGENT_AFTER.match(after):
                distance = len(_AGENT_AFTER.match(after).group())
            else:
                continue
        elif _AGENT_AFTER.match(after):
            distance = len(_AGENT_AFTER.match(after).group())
        elif 0 <= trigger.start() - mention.end <= 3:
            distance = 0  # "U.S. strikes"
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, mention.actor)
    return best[1] if best else None


def _denier(sentence: str, actors: list[ActorMention]) -> str | None:
    match = _DENIER_VERB.search(sentence)
    if not match:
        return None
    before = [a for a in actors if a.end <= match.start()]
    return before[-1].actor if before else None


def _sentence_places(mentions: list[Mention], sentence: Sentence, actors: list[ActorMention],
                     actor: str, starts: list[int] | None = None) -> list[Mention]:
    actor_code = _CODE_OF_COUNTRY.get(actor)
    places: list[Mention] = []
    previous: Mention | None = None  # the place named just before, if it was taken
    if starts is not None:
        mentions = [mentions[i] for i in _within(starts, sentence)]
    for mention in mentions:
        if not (sentence.start <= mention.start and mention.end <= sentence.end):
            continue
        if not mention.locational or mention.place is None:
            continue
        local = mention.start - sentence.start
        before = sentence.text[:local]
        listed = (previous is not None and bool(_LISTED.search(before[-12:]))
                  and mention.start - previous.end < 40)
        previous = None
        if _FROM_BEFORE.search(before[-25:]) or not (
                listed or _LOCATIVE_BEFORE.search(before[-45:])):
            continue
        local_end = mention.end - sentence.start
        if any(a.start <= local and local_end <= a.end and (a.end - a.start) > (
                local_end - local) for a in actors):
            # Part of an actor's name ("Quds Force", "Kataib Sayyid al-Shuhada").
            continue
        place = mention.place
        if place.kind == Kind.REGION or (
                place.kind == Kind.COUNTRY and place.country_code == actor_code):
            # "across the Middle East" locates no strike; nor does an actor's own country.
            continue
        previous = mention
        places.append(mention)
    return places


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
        return _distance_to_shape(outer, inner) < (40.0 if outer.precision != Precision.BORDER
                                                   else 150.0)
    if inner.precision in (Precision.NEAR, Precision.OFFSET) or outer.precision in (
            Precision.NEAR, Precision.OFFSET):
        radius = max(outer.radius_km or 0, inner.radius_km or 0, 10.0)
        return _km(*_point(outer), *_point(inner)) <= radius + 10.0
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
    stances = [d.stance for d in (keep, other) if d.actor == actor] or [first.stance]
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
