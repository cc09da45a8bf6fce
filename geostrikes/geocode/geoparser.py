"""The geoparser: article text -> resolved place mentions.

One pipeline class wires four short stages, each replaceable:

1. **recognise** spans that name gazetteer places
   (:mod:`geostrikes.geocode.recognize`), or take the spans the input gives;
2. **rank** each span's candidates with the gazetteer's context-free prior;
3. **resolve** with the article's own context: which countries it is about
   (country names, demonyms, unambiguous places), the provinces it names
   ("Diyala" near "Baqubah"), appositions ("Paris, Texas"), kind words
   ("Babil province") and the proximity of the other places;
4. **qualify** each mention with the context rules
   (:mod:`geostrikes.geocode.rules`): metonyms and venues are marked
   non-locational, "near X" gets a radius, "30 miles south of X" an offset
   point (geopy's geodesic destination), border phrases the border line.
"""

from __future__ import annotations

import math
import operator
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import compress, pairwise

from geostrikes.geocode import rules
from geostrikes.geocode.demonyms import DEMONYMS, PLACE_ADJECTIVES
from geostrikes.geocode.gazetteer import (
    EVERY_TOWN_COUNTRIES,
    TRANSLITERATED_COUNTRIES,
    Candidate,
    Gazetteer,
    default_gazetteer,
)
from geostrikes.geocode.normalize import loose_key, name_key
from geostrikes.geocode.recognize import STOPWORDS, find_spans, tokenize
from geostrikes.model import Article, Kind, Mention, Place, Precision

__all__ = ["Geoparser"]

_PRECISION_OF_KIND = {
    Kind.COUNTRY: Precision.COUNTRY,
    Kind.ADMIN1: Precision.ADMIN1,
    Kind.ADMIN2: Precision.ADMIN2,
    Kind.BORDER: Precision.BORDER,
    Kind.REGION: Precision.REGION,
}
_POINT_KINDS = frozenset({Kind.POPULATED_PLACE, Kind.AIRPORT, Kind.BASE, Kind.SITE})
_GOVERNMENT_SEATS = frozenset({"PPLC", "PPLG", "PPLA"})
# On Python 3.11 every ``Kind.X`` passes through EnumType's Python-level
# __getattr__ hook (about 0.1 us); the resolution loop asks for kinds at every
# candidate, so its kinds are module constants.
_COUNTRY, _ADMIN1, _ADMIN2, _POPULATED, _REGION, _SITE, _AIRPORT, _BORDER, _EXACT = (
    Kind.COUNTRY, Kind.ADMIN1, Kind.ADMIN2, Kind.POPULATED_PLACE, Kind.REGION, Kind.SITE,
    Kind.AIRPORT, Kind.BORDER, Precision.EXACT)
_NEAR_RADIUS_KM = 25.0
_DIRECTION_RADIUS_KM = 50.0
_MAX_CANDIDATES = 25
_KEY = operator.attrgetter("key")
# Surfaces whose context-free ranking a parser keeps: news repeats the same few
# thousand names, and ranking one costs as much as the rest of its resolution.
_RANK_CACHE_SIZE = 50_000
# Cells of the anchor grid, in degrees: the proximity bonus reaches no further
# than 4 degrees of latitude and 6 of longitude.
_CELL_LAT, _CELL_LON = 4.0, 6.0
# Distances between candidates and anchors, kept across articles: the same
# pairs of towns meet again and again in the news of one region.
_DISTANCES: dict[tuple[float, float, float, float], float] = {}
_DISTANCE_CACHE_SIZE = 50_000
# Parts of a longer name that say nothing about where it is.
_FALLBACK_NOISE = frozenset(
    "the of republic kingdom state states city county north south east west new great "
    "upper lower central street road river lake mount world cup airport northern southern "
    "eastern western northeast northwest southeast southwest north-west north-east "
    "south-west south-east centre center district trust memorial springs falls heights "
    "hills park beach harbor harbour junction township village downtown uptown midtown".split()
) | {"old town", "old city", "town centre", "city centre", "city center"}
# A street named after a place is seldom in it ("Atlantic Avenue", "Northumberland
# Avenue"), unlike a building ("Delhi High Court"): streets get no fallback. Nor do
# rivers: the Ohio River is not at Ohio's middle, but at the town on its bank that the
# story is about (its focus).
_NO_FALLBACK_LAST = frozenset(
    "street st avenue ave road rd drive boulevard blvd lane highway canal river creek".split()
)


_UNASKED = object()


@dataclass(slots=True)
class _Slot:
    """A span being resolved: its candidates and the context cues around it."""

    start: int
    end: int
    text: str
    ranked: list[tuple[Candidate, float]]
    hint: Kind | None = None
    qualifier: rules.Qualifier | None = None
    choice: Candidate | None = None
    score: float = 0.0
    role: object = _UNASKED  # the metonym rule's answer, once asked
    loose: bool = False  # recognised only by the name's transliteration skeleton
    dateline: bool = False  # opens a dateline: a town, and the story's own
    # Resolved by a part of its name ("Dubai World Cup"): a guess, no one's context.
    guessed: bool = False
    # Placed abroad by its own apposition ("Athens, Greece" in an American story): the
    # writer qualified this mention because the bare name means the local place.
    abroad: bool = False
    margin: float = math.inf  # how far the choice led the runner-up
    votes: tuple[tuple[str, float], ...] = ()  # its own votes in the country profile

    def metonym_role(self, text: str) -> str | None:
        """:func:`rules.metonym_role` of the span, asked once."""
        if self.role is _UNASKED:
            self.role = rules.metonym_role(text, self.start, self.end)
        return self.role  # type: ignore[return-value]


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


class Geoparser:
    """Find and resolve every place an article names.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        Where names are looked up; the bundled one by default.

    Examples
    --------
    >>> from geostrikes import Article
    >>> art = Article("a1", "Jets struck near Baqubah in Diyala province. Tehran denied it.")
    >>> [(m.text, m.precision.value, m.locational) for m in Geoparser().parse(art)]
    [('Baqubah', 'near', True), ('Diyala', 'admin1', True), ('Tehran', 'exact', False)]
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
        self._rank_cache: dict[str, list[tuple[Candidate, float]]] = {}
        self._facts_cache: dict[str, tuple[list, tuple]] = {}

    # -- stages ---------------------------------------------------------------------

    def recognise(self, text: str, tokens: list | None = None) -> list[tuple[int, int]]:
        """Spans of ``text`` that name gazetteer places."""
        tokens = tokenize(text) if tokens is None else tokens
        gaz = self.gazetteer
        return [(s.start, s.end)
                for s in find_spans(text, tokens, gaz.has_key, gaz.has_loose_key)]

    def _slots(self, text: str, spans: Iterable[tuple[int, int]], recognised: bool,
               keep: Callable[[int, int], bool] | None = None) -> list[_Slot]:
        slots = []
        for start, end in spans:
            surface = text[start:end]
            adjective = self._adjective_place(surface, recognised)
            if adjective is not None:
                # Given as a place span, "Russian" can only mean Russia.
                slots.append(_Slot(start, end, surface, [(adjective, adjective.prior)],
                                   adjective.kind))
                continue
            ranked = self._ranked(surface)
            if recognised and ranked and text[end:end + 1] != ".":
                ranked = _unabbreviated(ranked, surface)
            loose = recognised and not self.gazetteer.has_key(name_key(surface))
            if loose:
                ranked = _transliterations(ranked, surface)
            guessed = False
            if not ranked and not recognised:
                ranked = self._postal_state(surface)
                if not ranked:
                    ranked = self._fallback(surface)
                    guessed = bool(ranked)
            hint = rules.kind_hint(text, start, end)
            owner = _possessive_owner(text, slots, start)
            if owner is not None and ranked:
                # "Iraq's Kurdistan region" lies in Iraq: not Iran's Kurdistan province,
                # and, with no Iraqi region of the name, nowhere the gazetteer knows.
                ranked = [(c, s) for c, s in ranked if c.country_code == owner
                          and (hint is None or c.kind == hint)]
                if not ranked and not recognised:
                    ranked = self._fallback(surface)
                    guessed = bool(ranked)
            dateline = hint is None and rules.is_dateline(text, start, end)
            if dateline:
                # Datelines name towns, never a country alone (Singapore and
                # Luxembourg are towns of their own name too).
                hint = Kind.POPULATED_PLACE
                ranked = [(c, s) for c, s in ranked if c.kind != Kind.COUNTRY] or ranked
            if not ranked and hint is not None and not loose:
                ranked = [(c, s) for c, s in self.gazetteer.rank(surface, kind=hint)
                          if owner is None or c.country_code == owner][:_MAX_CANDIDATES]
            qualifier = rules.qualifier(text, start) if keep is None or keep(start, end) else None
            slots.append(_Slot(start, end, surface, ranked, hint, qualifier, dateline=dateline,
                               guessed=guessed, loose=loose))
        return slots

    def _adjective_place(self, surface: str, recognised: bool) -> Candidate | None:
        """The country or region a demonym names ("Iranian", and for given spans "European")."""
        key = name_key(surface)
        code = DEMONYMS.get(key)
        if code is None and not recognised:
            code = PLACE_ADJECTIVES.get(key)
        if code is None:
            return None
        return self.gazetteer.country(code) if len(code) == 2 else self.gazetteer.candidate(code)

    def _ranked(self, surface: str) -> list[tuple[Candidate, float]]:
        """A surface's context-free candidates, cached across articles."""
        found = self._rank_cache.get(surface)
        if found is not None:
            return found
        # In running text a short code is a word ("DEC", "PMF", "BC"), not a place.
        found = [(c, s) for c, s in self.gazetteer.rank(surface)[:_MAX_CANDIDATES]
                 if not _is_code(c, surface)]
        if len(self._rank_cache) >= _RANK_CACHE_SIZE:
            self._rank_cache.clear()
        self._rank_cache[surface] = found
        return found

    def _postal_state(self, surface: str) -> list[tuple[Candidate, float]]:
        """The state a given span's postal code names ("Cleveland, OH").

        The gazetteer leaves out the codes that are also words (OH, IN, ME):
        recognised in running text they would be the words, but a span the
        input calls a place can only be the state.
        """
        name = _POSTAL_WORD_STATES.get(surface)
        if name is None:
            return []
        country = "CA" if surface == "ON" else "US"
        return self.gazetteer.rank(name, country=country, kind=Kind.ADMIN1)[:1]

    def _name_facts(self, slot: _Slot
                    ) -> tuple[frozenset[str | None], dict[str | None, int], int]:
        """The slot's namesake divisions and largest towns, kept per surface.

        They depend on the candidates only, which the rank cache shares across
        articles: worked out once per list, not per mention and pass.
        """
        found = self._facts_cache.get(slot.text)
        if found is not None and found[0] is slot.ranked:
            return found[1]
        largest = _largest_by_country(slot.ranked, name_key(slot.text))
        facts = (_namesake_division(slot), largest, max(largest.values(), default=0))
        if len(self._facts_cache) >= _RANK_CACHE_SIZE:
            self._facts_cache.clear()
        self._facts_cache[slot.text] = (slot.ranked, facts)
        return facts

    def _fallback(self, surface: str) -> list[tuple[Candidate, float]]:
        """Candidates for the longest part of a name that is known ("Dubai World Cup")."""
        words = surface.replace("-", " ").split()
        if words and name_key(words[-1]) in _NO_FALLBACK_LAST:
            return []
        for size in range(len(words) - 1, 0, -1):
            for first in (0, len(words) - size):
                part = " ".join(words[first:first + size])
                if name_key(part) in _FALLBACK_NOISE:
                    continue
                # Only a well-known part stands for the whole: "Dubai World Cup" is in
                # Dubai, but "Royal Street" is not in Royal City. The ranking score, not
                # the bare prior, so that a city known by the part only as a former name
                # (Glendale, once Riverdale) does not qualify.
                ranked = [(c, s - 0.5) for c, s in self.gazetteer.rank(part)[:_MAX_CANDIDATES]
                          if not _is_code(c, part) and c.exact and c.prior >= 1.5
                          and s >= 1.5]
                if ranked:
                    return ranked
        return []

    def resolve(self, text: str, slots: list[_Slot],
                countries: dict[str, float] | None = None, *,
                keep: Callable[[int, int], bool] | None = None) -> None:
        """Choose each slot's referent from the article's context (in place).

        With ``keep``, the second pass (whose choices are no one's context)
        resolves only the slots ``keep(start, end)`` accepts.
        """
        if countries is None:
            countries = self._country_profile(text, slots)
        # Two passes: the second uses the places chosen in the first as anchors.
        anchors: list[tuple[int, Candidate]] = []
        near: dict[tuple[float, float], list[tuple[float, float, frozenset[int]]]] = {}
        namesakes = _same_name_indices(slots)
        qualified: list[_Slot] = []  # placed in a country by their apposition
        for first_pass in (True, False):
            # A name repeated through the article brings the same candidates
            # back: measure each against the anchors once per pass.
            reach: dict[int, list[tuple[float, frozenset[int]]]] = {}
            admin1_keys = _admin1_support(slots, anchors, namesakes)
            counties = {(name_key(c.name), c.admin1) for _, c in anchors
                        if c.kind == Kind.ADMIN2 and c.admin1}
            for index, slot in enumerate(slots):
                if not first_pass and keep is not None and not keep(slot.start, slot.end):
                    continue
                if len(slot.ranked) == 1:
                    slot.choice, slot.score = slot.ranked[0]
                    continue  # nothing to choose between
                own = namesakes[index]
                apposition = self._apposition(text, slots, index)
                partners = _coordinated(text, slots, index)
                division, largest, largest_any = self._name_facts(slot)
                state = _state_not_country(slot, anchors, own, countries)
                hint = slot.hint
                county = (name_key(slot.text) + " county") if counties else None
                # The "X, cand" test reads the previous slot only: asked once per slot.
                previous = _previous_point(text, slots, index)
                # A town's name does not vouch for its own country: "Berlin" twice in
                # a New Hampshire story is no evidence for Germany. (A country's name
                # is: "Iraq" thrice makes it an Iraq story, and Arak no Iraq.)
                discount: dict[str, float] = {}
                if isinstance(countries, _Profile) and countries.top and (
                        slot.ranked and slot.ranked[0][0].kind != Kind.COUNTRY):
                    for i in own:
                        for code, vote in slots[i].votes:
                            discount[code] = discount.get(code, 0.0) + vote / countries.top
                best, best_score, runner_up = None, -math.inf, -math.inf
                for cand, base in slot.ranked:
                    code = cand.country_code or ""
                    share = countries.get(code)
                    if share is None:
                        share = 0.0
                    elif discount:
                        share -= discount.get(code, 0.0)
                    score = base + 1.3 * share
                    if hint is not None and cand.kind == hint:
                        score += 2.0
                    context = 0.0
                    if cand.admin1 and not admin1_keys.get(name_key(cand.admin1), own) <= own:
                        context += 0.9
                    elif cand.kind == Kind.ADMIN1 and not admin1_keys.get(
                            name_key(cand.name), own) <= own:
                        # "Wash." in the dateline, or Tacoma and Spokane: a bare
                        # "Washington" is then the state the other places lie in.
                        context += 0.9
                    if apposition is not None and _inside(cand, apposition):
                        score += 3.0
                    if previous is not None and cand.kind in _DIVISION_KINDS and _inside(
                            previous, cand):
                        score += 3.0
                    score += _partner_bonus(cand, partners)
                    yields = not slot.dateline and _yields_to_division(cand, division)
                    if county is not None and (county, cand.admin1) in counties:
                        # "Lebanon County" in the story: Lebanon is its town, not the
                        # country, and the county names it as well as a state would.
                        yields = False
                        context += 0.9
                    if near and not yields:
                        within = reach.get(cand.pid)
                        if within is None:
                            within = reach[cand.pid] = _in_reach(cand, near)
                        context += _proximity(within, own)
                    # A town named like a state is dwarfed by the state ("a man in Florida").
                    score += context * (0.5 if yields else
                                        _dwarf_factor(cand, largest, largest_any))
                    if state is not None and cand.pid == state.pid:
                        score += 2.5
                    if score > best_score:
                        best, best_score, runner_up = cand, score, best_score
                    elif score > runner_up:
                        runner_up = score
                slot.choice, slot.score = best, best_score
                slot.margin = best_score - runner_up
                if not first_pass and apposition is not None and (
                        apposition.kind == Kind.COUNTRY and best is not None
                        and _inside(best, apposition)):
                    qualified.append(slot)
            if first_pass:
                # A name found only in another spelling is no one's context.
                anchors = [(i, s.choice) for i, s in enumerate(slots)
                           if s.choice is not None and s.margin > _ANCHOR_MARGIN
                           and not s.guessed and not s.loose]
                near = _anchor_grid(_anchor_points(anchors))
        if qualified:
            home = _home_country(slots)
            for slot in qualified:
                slot.abroad = slot.choice.country_code != home
        _one_sense_per_name(slots, namesakes)

    @staticmethod
    def _country_profile(text: str, slots: list[_Slot], tokens: list | None = None
                         ) -> dict[str, float]:
        votes: Counter[str] = Counter()
        for slot in slots:
            if slot.loose:
                continue  # a name in another spelling is too weak to say where the story is
            slot.votes = _slot_votes(text, slot)
            for code, vote in slot.votes:
                votes[code] += vote
        tokens = tokenize(text) if tokens is None else tokens
        # Picked out in C: most words are no demonym.
        for token in compress(tokens, map(DEMONYMS.__contains__, map(_KEY, tokens))):
            code = DEMONYMS.get(token.key)
            if code and token.capital and not token.text.isupper() and "." not in token.text:
                votes[code] += 0.3
        votes.pop("", None)
        total = sum(votes.values())
        if not total:
            return _Profile()
        top = max(votes.values())
        profile = _Profile({cc: v / top for cc, v in votes.items()})
        profile.top = top
        return profile

    def _plausible(self, text: str, slots: list[_Slot], countries: dict[str, float],
                   tokens: list | None = None) -> list[_Slot]:
        """Drop recognised names whose only reading is an obscure far-away namesake.

        A one-word name that resolves to a hamlet, a district or a facility in
        a country the article is otherwise not about, with no word saying it
        is a place ("the town of", "X province", "near"), is far more often a
        surname or a common word than a place.
        """
        kept = []
        surnames = self._surnames(text)
        # Countries of the names' first readings, so that a name's own vote does
        # not vouch for it ("Middle East", Maryland, votes for the United States).
        # One vote per name: "Fano" thrice does not vouch for Italy.
        firsts = Counter(cc for _, cc in {(name_key(s.text), s.ranked[0][0].country_code)
                                          for s in slots
                                          if s.ranked and not s.loose})
        tokens = tokenize(text) if tokens is None else tokens
        firsts.update({DEMONYMS[t.key] for t in tokens if t.key in DEMONYMS and t.capital})
        things = {name_key(s.text) for s in slots if _names_a_thing(text, s)}
        for slot in slots:
            cand = slot.choice
            if cand is None:
                continue
            if (slot.hint is None and slot.qualifier is None and cand.kind in _POINT_KINDS
                    and (name_key(slot.text) in surnames or _speaks(text, slot, cand))):
                # "John Kelly ... Kelly": a person throughout the article; "Thomas
                # said", "her son Tyler": a person here.
                continue
            if slot.loose:
                if self._loose_plausible(text, slot, slots, countries, firsts):
                    kept.append(slot)
                continue
            obscure = (cand.kind in (Kind.ADMIN2, Kind.SITE, Kind.AIRPORT)
                       or cand.kind == Kind.POPULATED_PLACE and cand.population < 5000)
            # The gazetteer keeps every hamlet of the English-news countries, so there
            # even a phrase has tiny namesakes: "Middle East" is a Baltimore
            # neighbourhood only in a story set there.
            single = len(slot.text.split()) == 1 or (
                cand.kind == _POPULATED and cand.country_code in EVERY_TOWN_COUNTRIES)
            own = int(bool(slot.ranked) and slot.ranked[0][0].country_code == cand.country_code)
            supported = (slot.hint is not None or slot.qualifier is not None
                         or (countries.get(cand.country_code or "", 0.0) >= 0.5
                             and firsts[cand.country_code] > own))
            if obscure and single and not supported and not (
                    countries.get(cand.country_code or "", 0.0) > 0.0
                    and _beside_another(cand, slot, slots)):
                # ... unless it lies beside another place the story names, in a
                # country it names: "a position in Metula" after "Khiam".
                continue
            if not supported and name_key(slot.text) in things:
                continue  # "Soroka hospital", "Fano militia" in a story set elsewhere
            if (slot.hint is None and slot.qualifier is None and " " not in name_key(slot.text)
                    and _by_alias_only(cand, slot.text)
                    and (cand.kind == _POPULATED and cand.population < _ALIAS_TOWN
                         or not supported
                         and not self._near_the_story(cand, slot, slots, countries))):
                # A hamlet's former name ("Frank") is no evidence even in its country.
                continue
            kept.append(slot)
        return kept

    def _loose_plausible(self, text: str, slot: _Slot, slots: list[_Slot],
                         countries: dict[str, float], firsts: Counter[str]) -> bool:
        """Whether a name found only in another transliteration is a place here.

        "a car was hit in the town of Ain Issa" ('Ayn 'Isa): only in a story
        that other names set in the place's country or near it, and never a
        hospital's or a speaker's name ("Nasser Hospital", "said Ahmed
        Khalaf, a shopkeeper"). A spelling of a town's other name ("al-Shaddadi"
        for Ash Shaddadah, known as Shadadi) needs a place of the story nearby.
        """
        cand = slot.choice
        if _THING_AFTER_ANY_CASE.match(text, slot.end) or _speaks(text, slot, cand, words=True):
            return False
        if not (slot.hint is not None or slot.qualifier is not None
                or _LOCATIVE_BEFORE.search(text, max(0, slot.start - 40), slot.start)
                or _coordinated(text, slots, slots.index(slot))):
            return False  # "Central Command", "Stay tuned": no word says it is a place
        near = self._near_the_story(cand, slot, slots, countries)
        if _by_alias_only(cand, slot.text):
            return near
        return near or (countries.get(cand.country_code or "", 0.0) >= 0.5
                        and firsts[cand.country_code] > 0)

    def _near_the_story(self, cand: Candidate, slot: _Slot, slots: list[_Slot],
                        countries: dict[str, float]) -> bool:
        """Whether a candidate lies near the article's other places or countries.

        "Israeli jets struck Nabatieh": Lebanon is not named, but Nabatieh lies
        a short way from Israel, whereas Khoy, which "Choi" also spells, lies
        nowhere near a story about Seoul.
        """
        # Only places in the countries the article is about: one stray namesake
        # must not vouch for another.
        leading = {code for code, share in countries.items() if share >= 0.5}
        others = [s.choice for s in slots if s is not slot and s.choice is not None
                  and s.choice.kind in _POINT_KINDS and s.choice.country_code in leading]
        others += [c for c in map(self.gazetteer.country, leading)
                   if c is not None and c.country_code != cand.country_code]
        return any(_haversine_km(cand.latitude, cand.longitude, o.latitude, o.longitude)
                   < _STORY_REACH_KM for o in others)

    def _surnames(self, text: str) -> frozenset[str]:
        """Words the article writes after a given name ("John Kelly", "Sgt. Kelly").

        The first word must be capitalised, not a place name or one of the
        words that may stand before a place ("The", "In", "North").
        """
        found = set()
        for match in _NAME_PAIR.finditer(text):
            first, last = match.group(1), match.group(2)
            key = name_key(first)
            if key in STOPWORDS or key in DEMONYMS or self.gazetteer.has_key(key):
                continue
            found.add(name_key(last))
        # With a middle initial ("Gino D. Bassett") it is a person whatever the first word.
        if _may_have_initial(text):
            found.update(name_key(m.group(1)) for m in _INITIALLED_NAME.finditer(text))
        return frozenset(found)

    @staticmethod
    def _apposition(text: str, slots: list[_Slot], index: int) -> Candidate | None:
        """For "X, Y" where Y is a province or country, the Y that contains X."""
        if index + 1 >= len(slots):
            return None
        nxt = slots[index + 1]
        gap = text[slots[index].end:nxt.start]
        if gap.strip() != "," or not nxt.ranked:
            return None
        # "Tacoma, Washington": the state, though the bare name's first reading is the city.
        return next((c for c, _ in nxt.ranked[:3] if c.kind in (_ADMIN1, _COUNTRY)), None)


    # -- the whole article -------------------------------------------------------------

    def parse(self, article: Article) -> list[Mention]:
        """Every place mention of an article, resolved and qualified, in text order.

        Parameters
        ----------
        article : Article
            When ``article.spans`` is set, exactly those spans are resolved
            and nothing is recognised.

        Returns
        -------
        list of Mention
        """
        return self._parse(article)

    def _parse(self, article: Article, wanted: list[tuple[int, int]] | None = None
               ) -> list[Mention]:
        """:meth:`parse`, with mentions only inside the ``wanted`` spans (sorted, disjoint).

        Every name is still recognised and resolved, since each is context
        for the others; the mentions inside the spans are exactly those of
        :meth:`parse`.
        """
        text = article.text
        given = article.spans is not None
        keep = None if wanted is None else _inside_any(wanted)
        tokens = tokenize(text)
        spans = list(article.spans) if given else self.recognise(text, tokens)
        slots = self._slots(text, spans, recognised=not given, keep=keep)
        countries = self._country_profile(text, slots, tokens)
        self.resolve(text, slots, countries, keep=keep)
        if not given:
            # Judged over every name, so that it does not depend on ``wanted``.
            slots = self._plausible(text, slots, countries, tokens)
        if keep is not None:
            slots = [slot for slot in slots if keep(slot.start, slot.end)]
        mentions = [self._mention(article.id, text, slot) for slot in slots]
        if given:
            mentions = _place_at_focus(mentions, slots)
        if not given:
            mentions = self._add_borders(article.id, text, mentions, countries)
        return mentions

    def _mention(self, article_id: str, text: str, slot: _Slot) -> Mention:
        cand = slot.choice
        if cand is None:
            return Mention(article_id, slot.start, slot.end, slot.text, None, Precision.EXACT,
                           locational=False, role="unresolved")
        place = self.gazetteer.place(cand, slot.score)
        precision = _PRECISION_OF_KIND.get(cand.kind, _EXACT)
        role = None
        role = slot.metonym_role(text)
        if role in ("metonym", "modifier") and not (
                cand.kind in (_COUNTRY, _ADMIN1) or cand.feature_code in _GOVERNMENT_SEATS):
            # Only states and seats of government speak or act for someone.
            role = None
        if role is not None:
            return Mention(article_id, slot.start, slot.end, slot.text, place, precision,
                           place.latitude, place.longitude, locational=False, role=role)
        latitude, longitude, radius = place.latitude, place.longitude, None
        qual = slot.qualifier
        if qual is not None and cand.kind in _POINT_KINDS:
            if qual.role == "offset" and qual.distance_km is not None:
                latitude, longitude = _destination(latitude, longitude, qual.distance_km,
                                                   qual.bearing or 0.0)
                radius = max(5.0, 0.2 * qual.distance_km)
                precision, role = Precision.OFFSET, "offset"
            else:
                radius = _NEAR_RADIUS_KM if qual.bearing is None else _DIRECTION_RADIUS_KM
                if qual.bearing is not None:
                    latitude, longitude = _destination(latitude, longitude, radius * 0.6,
                                                       qual.bearing)
                precision, role = Precision.NEAR, "near"
        return Mention(article_id, slot.start, slot.end, slot.text, place, precision, latitude,
                       longitude, radius, locational=True, role=role)

    def _add_borders(self, article_id: str, text: str, mentions: list[Mention],
                     profile: dict[str, float]) -> list[Mention]:
        cues = rules.find_border_cues(text)
        if not cues:
            return mentions
        starts = [m.start for m in mentions]
        if all(a.end <= b.start for a, b in pairwise(cues)) and all(
                a <= b for a, b in pairwise(starts)):
            # Cues in order and apart, mentions in order: each cue's inner
            # mentions are found by bisection, not by a scan of all of them,
            # which made long articles quadratic.
            removed: set[int] = set()
            tail: list[Mention] = []
            for cue in cues:
                border = self._border_place(cue, profile, mentions)
                if border is None:
                    continue
                found = [i for i in range(bisect_left(starts, cue.start),
                                          bisect_right(starts, cue.end))
                         if mentions[i].end <= cue.end]
                removed.update(found)
                tail += _border_mentions(article_id, cue, border, [mentions[i] for i in found])
            out = [m for i, m in enumerate(mentions) if i not in removed] + tail
            return sorted(out, key=lambda m: (m.start, -m.end))
        out = list(mentions)
        for cue in cues:
            border = self._border_place(cue, profile, mentions)
            if border is None:
                continue
            inner = [m for m in out if cue.start <= m.start and m.end <= cue.end]
            out = [m for m in out if m not in inner]
            out += _border_mentions(article_id, cue, border, inner)
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _border_place(self, cue: rules.BorderCue, profile: dict[str, float],
                      mentions: list[Mention] = ()) -> Place | None:
        codes = [self._country_code(side) for side in cue.sides]
        if any(code is None for code in codes):
            return None
        if len(codes) == 1:
            # "the Suwaydiyah plant near the Iraqi border": the other side is the
            # country of the place just named; else, "the Iranian border" in an Iraq
            # story, the article's most prominent country that has a border with it.
            before = [m.place.country_code for m in mentions
                      if m.place is not None and m.locational and m.end <= cue.start
                      and cue.start - m.end < _BORDER_REACH and m.place.kind in _POINT_KINDS]
            if before and before[-1] not in (None, codes[0]):
                place = self.gazetteer.get("border:" + "-".join(sorted((codes[0], before[-1]))))
                if place is not None:
                    return place
            for other, _ in sorted(profile.items(), key=lambda kv: -kv[1]):
                if other != codes[0]:
                    place = self.gazetteer.get("border:" + "-".join(sorted((codes[0], other))))
                    if place is not None:
                        return place
            return None
        a, b = sorted(codes)
        return self.gazetteer.get(f"border:{a}-{b}") if a != b else None

    def _country_code(self, word: str) -> str | None:
        code = DEMONYMS.get(name_key(word))
        if code:
            return code
        found = self.gazetteer.lookup(word, kind=Kind.COUNTRY, limit=1)
        return found[0].country_code if found else None

    def parse_many(self, articles: Iterable[Article]) -> Iterator[Mention]:
        """Mentions of many articles, streamed article by article."""
        for article in articles:
            yield from self.parse(article)


# Two capitalised words in mid-sentence: sentence starts and headlines ("Considering
# Tunisia", "Politics Ukraine") capitalise words that are not given names.
_NAME_PAIR = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+) (?:[A-Z]\. )?((?:Mc|Mac)?[A-Z][a-z]{2,})\b")
_INITIALLED_NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z]\. ((?:Mc|Mac)?[A-Z][a-z]{2,})\b")
#: How far before a one-sided border phrase the place that gives its other side may end.
_BORDER_REACH = 60


def _may_have_initial(text: str) -> bool:
    """Whether ``text`` has " X. ", which every _INITIALLED_NAME match has.

    Few articles do, and finding the ". " of sentence ends is many times
    faster than the pattern's scan of every capital letter.
    """
    dot = text.find(". ")
    while dot >= 0:
        if "A" <= text[dot - 1] <= "Z" and text[dot - 2:dot - 1] == " ":
            return True
        dot = text.find(". ", dot + 2)
    return False


_COORDINATION = re.compile(r"^\s*(?:,\s*)?(?:and|or|&)\s+$|^\s*,\s*$")
_TOWN_BELOW_DIVISION = 100_000
#: Postal codes the gazetteer does not store because they are also words.
_POSTAL_WORD_STATES = {
    "IN": "Indiana", "OR": "Oregon", "ME": "Maine", "OK": "Oklahoma", "HI": "Hawaii",
    "OH": "Ohio", "PA": "Pennsylvania", "MA": "Massachusetts", "DE": "Delaware",
    "AL": "Alabama", "ID": "Idaho", "ON": "Ontario",
}


#: A country name used as an adjective: "U.S. aircraft", "US-led", "Iran-backed".
_ADJECTIVAL = re.compile(
    r"(?:-(?:led|backed|based|made|built|aligned|allied|linked|supported)\b|\s+(?:military|"
    r"forces|troops|aircraft|jets|warplanes|officials?|drones?|strikes?|air ?strikes?|"
    r"airstrikes?|air force|navy|army|government|embassy|personnel|soldiers|service members|"
    r"bases?|allies|ally|envoy|president|administration|defen[cs]e|intelligence|warships?|"
    r"missiles?|Central Command|Navy|Army|Air Force|Department|State Department|Treasury)\b)")


# Verbs of a person speaking: towns do not say, tell or tweet (governments do,
# and their seats are exempt).
_SPEAKS_AFTER = re.compile(r"(?:['’]s)?\s+(?:said|says|told|tweeted|wrote|added|admitted|"
                           r"recalled|laughed|laughs|explained|insisted)\b")
_SPEAKS_BEFORE = re.compile(r"\b(?:said|says|told|according to)\s+$")
_KIN_BEFORE = re.compile(r"\b(?:brother|sister|son|daughter|wife|husband|father|mother|"
                         r"uncle|aunt|cousin|nephew|niece|grandson|granddaughter|girlfriend|"
                         r"boyfriend|fiancée?|partner|widow|widower),?\s+$")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|of|near|to)\s+$", re.IGNORECASE)
# Words before a name that say it is a place: "in", "at the", "struck northern"
# (but "according to" names a source).
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|on|from|of|near|(?<!according )to|into|outside|around|across|towards?|through|"
    r"between|via|"
    r"hit|struck|shelled|bombed|targeted|raided)\s+(?:the\s+)?(?:(?:north|south|east|west|"
    r"central|northern|southern|eastern|western|north-?(?:east|west)(?:ern)?|"
    r"south-?(?:east|west)(?:ern)?)\s+)?$",
    re.IGNORECASE)


# Nouns after a name that make it the name of an institution, a feature or a
# group rather than of a town ("Soroka hospital", "Tirah valley", "Fano militia").
_THING_AFTER = re.compile(
    r"\s+(?:hospital|clinic|medical cent(?:er|re)|valley|militias?|club|university|stadium|"
    r"mosque|church|school|college|prison|tribes?|clan|brigades?|rebels|fighters|movement)\b")


# After a name found only in another spelling, "Nasser Hospital" too.
_THING_AFTER_ANY_CASE = re.compile(_THING_AFTER.pattern, re.IGNORECASE)


def _names_a_thing(text: str, slot: _Slot) -> bool:
    """Whether a one-word name is followed by a noun saying what it names."""
    return " " not in name_key(slot.text) and bool(_THING_AFTER.match(text, slot.end))


def _speaks(text: str, slot: _Slot, cand: Candidate, *, words: bool = False) -> bool:
    """Whether a one-word town name is a person: "Thomas said", "said Thomas.", "his son Tyler".

    With ``words``, a name of several words too ("said Ahmed Khalaf, a shopkeeper").
    """
    if cand.feature_code in _GOVERNMENT_SEATS or not words and " " in name_key(slot.text):
        return False
    if _KIN_BEFORE.search(text, max(0, slot.start - 20), slot.start):
        return True  # "his brother Tyler", "Rozen's wife, Julia"
    if cand.population >= _TOWN_BELOW_DIVISION:
        return False  # a city speaks through its council or its club ("Liverpool said")
    if _PLACE_BEFORE.search(text, max(0, slot.start - 8), slot.start):
        return False  # "doctors in Montpellier said"
    if _SPEAKS_AFTER.match(text, slot.end):
        return True
    return (bool(_SPEAKS_BEFORE.search(text, max(0, slot.start - 15), slot.start))
            and text[slot.end:slot.end + 1] in (".", ",", ""))


def _coordinated(text: str, slots: list[_Slot], index: int) -> list[Candidate]:
    """The choices of the names joined to this one by "and", "or" or a list comma.

    "Allendale and Ramsey", "California or Washington": coordinated names are
    usually places of one kind in one region.
    """
    partners = []
    for other in (index - 1, index + 1):
        if not 0 <= other < len(slots):
            continue
        left, right = slots[index], slots[other]
        if right.start < left.start:
            left, right = right, left
        gap = text[left.end:right.start]
        if len(gap) < 8 and _COORDINATION.match(gap) and slots[other].choice is not None:
            partners.append(slots[other].choice)
    return partners


def _partner_bonus(cand: Candidate, partners: list[Candidate]) -> float:
    bonus = 0.0
    for other in partners:
        if other.pid == cand.pid or other.country_code != cand.country_code:
            continue
        if other.kind == cand.kind:
            bonus += 0.4
        if cand.admin1 and other.admin1 == cand.admin1:
            bonus += 0.4
    return min(bonus, 0.8)


_DWARF_RATIO = 20
_DWARF_RATIO_ABROAD = 1000


def _state_not_country(slot: _Slot, anchors: list[tuple[int, Candidate]],
                       own: frozenset[int], countries: dict[str, float]) -> Candidate | None:
    """The state that a country's namesake means in a story about another country.

    "Georgia" in an American story with no other Georgian place is the US
    state; in a Tbilisi story it stays the country. Only when the state's
    country is well supported and none of the article's other mentions lies
    in the namesake country (the name's own vote makes the namesake country
    lead the profile, so the state's country need only be well supported).
    """
    key = name_key(slot.text)
    country = next((c for c, _ in slot.ranked if c.kind == _COUNTRY), None)
    state = next((c for c, _ in slot.ranked if c.kind == _ADMIN1
                  and name_key(c.name) == key), None)
    if country is None or state is None or state.country_code == country.country_code:
        return None
    if countries.get(state.country_code or "", 0.0) < 0.5 or not anchors:
        return None
    if any(c.country_code == country.country_code for i, c in anchors if i not in own):
        return None
    return state


class _Profile(dict):
    """Countries -> share of the article's votes (the leader has 1.0), with the scale."""

    top: float = 0.0


_OWNER_GAP = re.compile(r"['’]s\s+(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+"
                        r"|central\s+|restive\s+)?")


def _possessive_owner(text: str, slots: list[_Slot], start: int) -> str | None:
    """The country a name is said to lie in by a possessive: "Syria's Idlib province"."""
    if not slots:
        return None
    prev = slots[-1]
    if not prev.ranked or not _OWNER_GAP.fullmatch(text, prev.end, start):
        return None
    top = prev.ranked[0][0]
    return top.country_code if top.kind == Kind.COUNTRY else None


def _slot_votes(text: str, slot: _Slot) -> tuple[tuple[str, float], ...]:
    """What one mention says about the countries the article is about."""
    if not slot.ranked:
        return ()
    top, score = slot.ranked[0]
    cc = top.country_code or ""
    if top.kind == Kind.COUNTRY:
        # "Washington said", "U.S. officials", "U.S. aircraft": the country
        # as an actor says little about where the story happens.
        if slot.metonym_role(text) is None and not _ADJECTIVAL.match(text, slot.end):
            return ((cc, 1.0),)
        return ()
    if len(slot.ranked) == 1 or score - slot.ranked[1][1] > 1.0:
        return ((cc, 0.5),)
    # One vote per country: twenty American Springfields are no more evidence for
    # the United States than one. But when every reading lies in one country
    # (Gorham, Maine or New Hampshire), that country is as certain as an
    # unambiguous name makes it.
    codes = sorted({cand.country_code or "" for cand, _ in slot.ranked[:5]})
    share = 0.5 if len(codes) == 1 else 0.1
    return tuple((code, share) for code in codes)


def _home_country(slots: list[_Slot]) -> str | None:
    """The country most of the article's distinct towns, counties and provinces lie in.

    Named countries are left out: a local story that says "Moscow, Russia"
    twice is still about the many places of its own state.
    """
    places = {s.choice.pid: s.choice.country_code for s in slots
              if s.choice is not None and s.choice.kind != Kind.COUNTRY}
    counts = Counter(places.values())
    return counts.most_common(1)[0][0] if counts else None


def _largest_by_country(ranked: list[tuple[Candidate, float]], key: str
                        ) -> dict[str | None, int]:
    """The population of the largest town of the name in each country.

    Only towns that bear the name as their own: Minneapolis, the "Mill City"
    of a nickname, does not dwarf the Oregon town of Mill City.
    """
    largest: dict[str | None, int] = {}
    for cand, _ in ranked:
        if cand.kind == Kind.POPULATED_PLACE and cand.population > largest.get(
                cand.country_code, -1) and name_key(cand.name) == key:
            largest[cand.country_code] = cand.population
    return largest


def _dwarf_factor(cand: Candidate, largest: dict[str | None, int], largest_any: int) -> float:
    """How much regional context counts for a town dwarfed by a namesake city.

    A story that mentions Mississippi and "Louisville" more likely means the
    city of 600,000 in Kentucky than the Mississippi town of 6,000: nearby
    places and a shared state are weaker evidence than a ninety-fold size.
    Abroad only a thousandfold namesake dwarfs: against Rome, Italy, the
    country profile already speaks, and a Georgia story's Rome is Georgia's.
    """
    if cand.kind != Kind.POPULATED_PLACE:
        return 1.0
    if cand.population * _DWARF_RATIO < largest.get(cand.country_code, 0):
        return 0.5
    if cand.population * _DWARF_RATIO_ABROAD < largest_any:
        return 0.5  # London, California (1,869 people) against London
    return 1.0


def _namesake_division(slot: _Slot) -> frozenset[str | None]:
    """Where the divisions that bear the slot's name make their namesake towns yield.

    The country codes of first-level divisions of the name; None, meaning
    everywhere, for a country or a world region of the name: Lebanon,
    Pennsylvania yields to Lebanon wherever the story is.
    """
    key = name_key(slot.text)
    return frozenset(None if cand.kind != Kind.ADMIN1 else cand.country_code
                     for cand, _ in slot.ranked
                     if cand.kind in (Kind.COUNTRY, Kind.ADMIN1, Kind.REGION)
                     and name_key(cand.name) == key)


def _yields_to_division(cand: Candidate, division: frozenset[str | None]) -> bool:
    """Whether a town must not outscore its namesake division by mere proximity.

    "California" next to "Washington" is the state, not the Maryland town
    of California that lies near the capital. A division abroad does not
    count: Italy's province of Rome says nothing about Rome, Georgia.
    """
    return (cand.kind == Kind.POPULATED_PLACE and cand.population < _TOWN_BELOW_DIVISION
            and (cand.country_code in division or None in division))


def _border_mentions(article_id: str, cue: rules.BorderCue, border: Place,
                     inner: list[Mention]) -> list[Mention]:
    """The names inside a border phrase as its sides, then the border itself."""
    sides = [_replace(m, locational=False, role="border_side") for m in inner]
    return sides + [Mention(article_id, cue.start, cue.end, cue.text, border, Precision.BORDER,
                            border.latitude, border.longitude, locational=True, role="border",
                            anchors=tuple(inner))]


def _inside_any(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether ``text[start:end]`` lies inside one of the sorted, disjoint spans."""
    starts = [start for start, _ in spans]

    def inside(start: int, end: int) -> bool:
        index = bisect_right(starts, start) - 1
        return index >= 0 and end <= spans[index][1]
    return inside


def _anchor_points(anchors: list[tuple[int, Candidate]]
                   ) -> list[tuple[float, float, frozenset[int]]]:
    """Distinct located anchors with the mentions that chose them."""
    by_place: dict[int, tuple[float, float, set[int]]] = {}
    for index, cand in anchors:
        if cand.kind in (_COUNTRY, _BORDER, _REGION, _ADMIN1):
            # A province's point is only its middle; containment in it is the
            # admin1 bonus's business, not proximity's.
            continue
        entry = by_place.setdefault(cand.pid, (cand.latitude, cand.longitude, set()))
        entry[2].add(index)
    return [(lat, lon, frozenset(indices)) for lat, lon, indices in by_place.values()]


#: Radius of a mention placed at the article's focus: a town's, or a province's.
_FOCUS_RADIUS_KM = {Kind.ADMIN1: 150.0}
_FOCUS_KINDS = (Kind.POPULATED_PLACE, Kind.ADMIN2, Kind.BASE, Kind.AIRPORT, Kind.SITE,
                Kind.ADMIN1)


def _article_focus(slots: list[_Slot]) -> Candidate | None:
    """The place the article is most about: its most often named town, else province."""
    for kinds in (_FOCUS_KINDS[:-1], _FOCUS_KINDS[-1:]):
        counts: Counter[int] = Counter()
        first: dict[int, Candidate] = {}
        for slot in slots:
            if slot.choice is not None and slot.choice.kind in kinds:
                counts[slot.choice.pid] += 1
                first.setdefault(slot.choice.pid, slot.choice)
        if counts:
            # most_common keeps first-seen order among ties: the earlier name wins.
            return first[counts.most_common(1)[0][0]]
    return None


def _place_at_focus(mentions: list[Mention], slots: list[_Slot]) -> list[Mention]:
    """Given spans the gazetteer cannot resolve are placed near the article's focus.

    The input says "Quiet Pelican Lane" or "the Elm Street library" is a
    place; a local story's streets and venues lie in the town it is about. The
    mention stays without a gazetteer place, with precision ``near``, the
    role ``focus`` and a radius that says how rough the guess is.
    """
    if all(m.place is not None for m in mentions):
        return mentions
    focus = _article_focus(slots)
    if focus is None:
        return mentions
    radius = _FOCUS_RADIUS_KM.get(focus.kind, _NEAR_RADIUS_KM)
    return [_replace(m, precision=Precision.NEAR, latitude=focus.latitude,
                     longitude=focus.longitude, radius_km=radius, locational=True,
                     role="focus") if m.place is None else m for m in mentions]


_DIVISION_KINDS = (_ADMIN1, _COUNTRY)


def _previous_point(text: str, slots: list[_Slot], index: int) -> Candidate | None:
    """The point place named just before "X, Y", which a division Y must contain.

    In "Tacoma, Washington" the second name is the state Tacoma lies in,
    not the capital city: a candidate of :data:`_DIVISION_KINDS` that
    contains the returned place gets the bonus.
    """
    if index == 0:
        return None
    prev = slots[index - 1]
    if text[prev.end:slots[index].start].strip() != ",":
        return None
    first = prev.choice if prev.choice is not None else (
        prev.ranked[0][0] if prev.ranked else None)
    return first if first is not None and first.kind in _POINT_KINDS else None


def _same_name_indices(slots: list[_Slot]) -> list[frozenset[int]]:
    """For each slot, the indices of all slots of the same name (itself included)."""
    by_key: dict[str, set[int]] = {}
    for index, slot in enumerate(slots):
        by_key.setdefault(name_key(slot.text), set()).add(index)
    frozen = {key: frozenset(v) for key, v in by_key.items()}
    return [frozen[name_key(slot.text)] for slot in slots]


def _admin1_support(slots: list[_Slot], anchors: list[tuple[int, Candidate]],
                    namesakes: list[frozenset[int]]) -> dict[str, frozenset[int]]:
    """First-level divisions the anchors name or lie in -> the mentions that say so."""
    support: dict[str, set[int]] = {}
    for index, cand in anchors:
        keys = [name_key(cand.name)] if cand.kind == _ADMIN1 else []
        keys += [name_key(cand.admin1)] if cand.admin1 else []
        for key in keys:
            support.setdefault(key, set()).update(namesakes[index])
    return {key: frozenset(v) for key, v in support.items()}


def _one_sense_per_name(slots: list[_Slot], namesakes: list[frozenset[int]]) -> None:
    """Every mention of a name takes the referent of its best-evidenced mention.

    "Allendale, N.J." settles which Allendale the article's later bare
    "Allendale" means; the choice with the highest score carries the most
    context (an apposition, a kind word, nearby places).
    """
    done: set[frozenset[int]] = set()
    for group in namesakes:
        if len(group) < 2 or group in done:
            continue
        done.add(group)
        # A kind word speaks for its own mention only: "Khost province" does not make
        # every other "Khost" the province.
        # A dateline's town is the story's own: it speaks for every bare mention.
        chosen = [slots[i] for i in group if slots[i].choice is not None
                  and (slots[i].hint is None or slots[i].dateline) and not slots[i].abroad]
        if not chosen:
            continue
        best = max(chosen, key=lambda s: (s.score, -s.start))
        for i in group:
            slot = slots[i]
            if slot.hint is None and not slot.abroad and any(
                    c.pid == best.choice.pid for c, _ in slot.ranked):
                slot.choice, slot.score = best.choice, best.score


def _anchor_grid(points: list[tuple[float, float, frozenset[int]]]
                 ) -> dict[tuple[float, float], list[tuple[float, float, frozenset[int]]]]:
    """Anchor points by grid cell, each filed under its own cell and the eight around it.

    A candidate then reads one cell and meets every anchor that can be in
    reach, not all the anchors of the article (quadratic in a long one).
    """
    grid: dict[tuple[float, float], list[tuple[float, float, frozenset[int]]]] = {}
    for point in points:
        row, col = point[0] // _CELL_LAT, point[1] // _CELL_LON
        for d_row in (-1.0, 0.0, 1.0):
            for d_col in (-1.0, 0.0, 1.0):
                grid.setdefault((row + d_row, col + d_col), []).append(point)
    return grid


def _in_reach(cand: Candidate,
              near: dict[tuple[float, float], list[tuple[float, float, frozenset[int]]]]
              ) -> list[tuple[float, frozenset[int]]]:
    """The bonus each anchor within 400 km gives a candidate, with the anchor's mentions."""
    within = []
    cell = (cand.latitude // _CELL_LAT, cand.longitude // _CELL_LON)
    for lat, lon, indices in near.get(cell, ()):
        if abs(lat - cand.latitude) > 4 or abs(lon - cand.longitude) > 6:
            continue  # cheap reject: further than 400 km
        key = (cand.latitude, cand.longitude, lat, lon)
        distance = _DISTANCES.get(key)
        if distance is None:
            if len(_DISTANCES) >= _DISTANCE_CACHE_SIZE:
                _DISTANCES.clear()
            distance = _DISTANCES[key] = _haversine_km(*key)
        if distance < 150:
            within.append((0.8, indices))
        elif distance < 400:
            within.append((0.3, indices))
    return within


def _proximity(within: list[tuple[float, frozenset[int]]], own: frozenset[int]) -> float:
    """Bonus for a candidate close to places the article's other mentions chose."""
    bonus = 0.0
    for value, indices in within:
        if value > bonus and not indices <= own:
            # A name does not support itself, however often it is repeated.
            bonus = value
    return bonus


#: How close to another named place an obscure namesake must lie to be meant.
_BESIDE_KM = 30.0


def _beside_another(cand: Candidate, slot: _Slot, slots: list[_Slot]) -> bool:
    """Whether another name of the article resolves to a point within ``_BESIDE_KM``."""
    own = name_key(slot.text)
    return any(s.choice is not None and s.choice.kind in _POINT_KINDS
               and name_key(s.text) != own
               and _haversine_km(cand.latitude, cand.longitude, s.choice.latitude,
                                 s.choice.longitude) < _BESIDE_KM for s in slots)


#: How far from the article's other places a town found by an alias may lie.
_STORY_REACH_KM = 300.0
#: A city this large is meant by its old or foreign names too (Bombay, Peking).
_ALIAS_CITY = 1_000_000
#: Below this a town is not meant by an alias alone, wherever the story is.
_ALIAS_TOWN = 10_000


#: How alike a name found by its skeleton alone must be spelled to the name it
#: matched (difflib's ratio of their keys): "Ain Issa" and "Ain Aissa" 0.94,
#: "Makhmour" and "Makhmur" 0.93, but "Khurais" and "Quraysh" 0.57.
_SPELLING_RATIO = 0.7


def _transliterations(ranked: list[tuple[Candidate, float]], surface: str
                      ) -> list[tuple[Candidate, float]]:
    """The candidates a name found only by its skeleton may be another spelling of.

    Only places of a transliterating country (elsewhere a skeleton match is
    another word: "Deck" is no spelling of Dhaka), under a name spelled much
    like it (the skeleton folds away ``kh``/``q``, ``sh``/``s`` and every
    vowel: "Command" is no spelling of Kamand).
    """
    said = name_key(surface)
    return [(c, s) for c, s in ranked if c.country_code in TRANSLITERATED_COUNTRIES
            and SequenceMatcher(None, said, name_key(c.matched_name)).ratio()
            >= _SPELLING_RATIO]


def _unabbreviated(ranked: list[tuple[Candidate, float]], surface: str
                   ) -> list[tuple[Candidate, float]]:
    """Candidates less those that only an abbreviation's missing period would name.

    "Mass." is Massachusetts, but "Easter Mass" and "I'll" (Ill.) are not.
    """
    # Capitals are a code of their own (SC, FATA), dotted or not.
    if "." in surface or surface.isupper() or not any(
            c.matched_name.endswith(".") for c, _ in ranked):
        return ranked
    return [(c, s) for c, s in ranked if not c.matched_name.endswith(".")]


def _by_alias_only(cand: Candidate, surface: str) -> bool:
    """Whether a town or district was found only under a name not its own.

    "Choi" is one of Khoy's spellings and "Frank" a former name of a Californian
    hamlet: a bare word matching another place's alias is a person or a common
    word far more often than that place. Countries and provinces are exempt
    ("Britain" and "Calif." are their aliases), and so are cities of a million.
    """
    if cand.kind not in _POINT_KINDS and cand.kind != _ADMIN2 or (
            cand.population >= _ALIAS_CITY):
        return False
    own, said = name_key(cand.name), name_key(surface)
    if own == said or loose_key(own) == loose_key(said) or _same_consonants(own, said):
        return False  # its own name, perhaps in another transliteration (Misrata)
    # "New York" for New York City, "Clacton" for Clacton-on-Sea, "Quebec City" for Québec.
    shorter, longer = sorted((own, said), key=len)
    return not (longer.startswith(shorter) and longer[len(shorter)] == " ")


_VOWELS = str.maketrans("", "", "aeiouy ")


def _same_consonants(own: str, said: str) -> bool:
    """Whether two keys differ only in vowels: "Zaporizhzhya" and "Zaporizhzhia".

    Transliterations disagree most about vowels; three consonants or more in
    the same order are the same name, not a person's ("Choi" is not "Khoy").
    """
    bare = own.translate(_VOWELS)
    return len(bare) >= 3 and bare == said.translate(_VOWELS)


def _is_code(cand: Candidate, surface: str) -> bool:
    # Short capitals in running text are acronyms (PMF, IRGC, DEC); the
    # gazetteer carries such codes for airports and cities. Only countries and
    # provinces and unions are commonly written that way (US, UK, UAE, KSA, TX, EU).
    matched = cand.matched_name
    short_caps = len(matched.replace(".", "")) <= 4 and matched.replace(".", "").isupper()
    if short_caps and cand.kind not in (_COUNTRY, _ADMIN1, _REGION):
        return True
    # Two or three capitals of a name the gazetteer writes as a word ("Ba",
    # "Sol", "El'n") are an acronym (BA, SOL, ELN): datelines spell out in
    # capitals only longer names (ROME, GAZA).
    return len(surface) <= 3 and surface.isupper() and not matched.isupper()


#: How far a first-pass choice must lead the runner-up to be the others' context: an
#: Auburn chosen by size alone must not pull Rochester to New York.
_ANCHOR_MARGIN = 0.5


def _inside(cand: Candidate, container: Candidate) -> bool:
    if container.kind == _COUNTRY:
        return cand.country_code == container.country_code
    return (cand.country_code == container.country_code and cand.admin1 is not None
            and name_key(cand.admin1) == name_key(container.name))


def _destination(latitude: float, longitude: float, distance_km: float,
                 bearing: float) -> tuple[float, float]:
    from geopy.distance import geodesic

    point = geodesic(kilometers=distance_km).destination((latitude, longitude), bearing)
    return point.latitude, point.longitude


def _replace(mention: Mention, **changes) -> Mention:
    from dataclasses import replace

    return replace(mention, **changes)
