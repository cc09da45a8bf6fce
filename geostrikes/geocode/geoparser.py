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
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import compress, pairwise
from typing import TYPE_CHECKING

from geostrikes.geocode import rules
from geostrikes.geocode.demonyms import DEMONYMS
from geostrikes.geocode.gazetteer import Candidate, Gazetteer, default_gazetteer
from geostrikes.geocode.normalize import name_key
from geostrikes.geocode.recognize import find_spans, tokenize
from geostrikes.model import Article, Kind, Mention, Place, Precision

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = ["Geoparser", "places"]

_PRECISION_OF_KIND = {
    Kind.COUNTRY: Precision.COUNTRY,
    Kind.ADMIN1: Precision.ADMIN1,
    Kind.ADMIN2: Precision.ADMIN2,
    Kind.BORDER: Precision.BORDER,
    Kind.REGION: Precision.REGION,
}
_POINT_KINDS = frozenset({Kind.POPULATED_PLACE, Kind.AIRPORT, Kind.BASE, Kind.SITE})
_GOVERNMENT_SEATS = frozenset({"PPLC", "PPLG", "PPLA"})
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
    "upper lower central street road river lake mount world cup airport".split()
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
        self._rank_cache: dict[str, tuple[bool, list[tuple[Candidate, float]]]] = {}

    # -- stages ---------------------------------------------------------------------

    def recognise(self, text: str, tokens: list | None = None) -> list[tuple[int, int]]:
        """Spans of ``text`` that name gazetteer places."""
        tokens = tokenize(text) if tokens is None else tokens
        return [(s.start, s.end) for s in find_spans(text, tokens, self.gazetteer.has_key)]

    def _slots(self, text: str, spans: Iterable[tuple[int, int]], recognised: bool,
               keep: Callable[[int, int], bool] | None = None) -> list[_Slot]:
        slots = []
        for start, end in spans:
            surface = text[start:end]
            demonym, ranked = self._ranked(surface)
            if demonym:
                slots.append(_Slot(start, end, surface, ranked, Kind.COUNTRY))
                continue
            if not ranked and not recognised:
                ranked = self._fallback(surface)
            hint = rules.kind_hint(text, start, end)
            if not ranked and hint is not None:
                ranked = self.gazetteer.rank(surface, kind=hint)[:_MAX_CANDIDATES]
            qualifier = rules.qualifier(text, start) if keep is None or keep(start, end) else None
            slots.append(_Slot(start, end, surface, ranked, hint, qualifier))
        return slots

    def _ranked(self, surface: str) -> tuple[bool, list[tuple[Candidate, float]]]:
        """Whether a surface is a demonym, and its context-free candidates (cached)."""
        found = self._rank_cache.get(surface)
        if found is not None:
            return found
        demonym = DEMONYMS.get(name_key(surface))
        country = self.gazetteer.country(demonym) if demonym else None
        if country is not None:
            # Given as a place span, "Russian" can only mean Russia.
            found = (True, [(country, country.prior)])
        else:
            # In running text a short code is a word ("DEC", "PMF", "BC"), not a place.
            found = (False, [(c, s) for c, s in self.gazetteer.rank(surface)[:_MAX_CANDIDATES]
                             if not _is_code(c, surface)])
        if len(self._rank_cache) >= _RANK_CACHE_SIZE:
            self._rank_cache.clear()
        self._rank_cache[surface] = found
        return found

    def _fallback(self, surface: str) -> list[tuple[Candidate, float]]:
        """Candidates for the longest part of a name that is known ("Dubai World Cup")."""
        words = surface.replace("-", " ").split()
        for size in range(len(words) - 1, 0, -1):
            for first in (0, len(words) - size):
                part = " ".join(words[first:first + size])
                if name_key(part) in _FALLBACK_NOISE:
                    continue
                # Only a well-known part stands for the whole: "Dubai World Cup" is in
                # Dubai, but "Royal Street" is not in Royal City.
                ranked = [(c, s - 0.5) for c, s in self.gazetteer.rank(part)[:_MAX_CANDIDATES]
                          if not _is_code(c, part) and c.exact and c.prior >= 1.5]
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
        for first_pass in (True, False):
            # A name repeated through the article brings the same candidates
            # back: measure each against the anchors once per pass.
            reach: dict[int, list[tuple[float, frozenset[int]]]] = {}
            admin1_keys = {name_key(c.name) for _, c in anchors if c.kind == Kind.ADMIN1}
            admin1_keys |= {name_key(c.admin1) for _, c in anchors if c.admin1}
            for index, slot in enumerate(slots):
                if not first_pass and keep is not None and not keep(slot.start, slot.end):
                    continue
                if len(slot.ranked) == 1:
                    slot.choice, slot.score = slot.ranked[0]
                    continue  # nothing to choose between
                apposition = self._apposition(text, slots, index)
                hint = slot.hint
                best, best_score = None, -math.inf
                for cand, base in slot.ranked:
                    score = base + 1.3 * countries.get(cand.country_code or "", 0.0)
                    if hint is not None and cand.kind == hint:
                        score += 2.0
                    if admin1_keys and cand.admin1 and name_key(cand.admin1) in admin1_keys:
                        score += 0.9
                    if apposition is not None and _inside(cand, apposition):
                        score += 3.0
                    if near:
                        within = reach.get(cand.pid)
                        if within is None:
                            within = reach[cand.pid] = _in_reach(cand, near)
                        score += _proximity(within, index)
                    if score > best_score:
                        best, best_score = cand, score
                slot.choice, slot.score = best, best_score
            if first_pass:
                anchors = [(i, s.choice) for i, s in enumerate(slots)
                           if s.choice is not None and _confident(s)]
                near = _anchor_grid(_anchor_points(anchors))

    @staticmethod
    def _country_profile(text: str, slots: list[_Slot], tokens: list | None = None
                         ) -> dict[str, float]:
        votes: Counter[str] = Counter()
        for slot in slots:
            if not slot.ranked:
                continue
            top, score = slot.ranked[0]
            cc = top.country_code or ""
            if top.kind == Kind.COUNTRY:
                # "Washington said", "U.S. officials": the country as an actor
                # says little about where the story happens.
                if slot.metonym_role(text) is None:
                    votes[cc] += 1.0
            elif len(slot.ranked) == 1 or score - slot.ranked[1][1] > 1.0:
                votes[cc] += 0.5
            else:
                for cand, _ in slot.ranked[:5]:
                    votes[cand.country_code or ""] += 0.1
        tokens = tokenize(text) if tokens is None else tokens
        # Picked out in C: most words are no demonym.
        for token in compress(tokens, map(DEMONYMS.__contains__, map(_KEY, tokens))):
            code = DEMONYMS.get(token.key)
            if code and token.capital and not token.text.isupper() and "." not in token.text:
                votes[code] += 0.3
        votes.pop("", None)
        total = sum(votes.values())
        if not total:
            return {}
        top = max(votes.values())
        return {cc: v / top for cc, v in votes.items()}

    def _plausible(self, text: str, slots: list[_Slot], countries: dict[str, float]
                   ) -> list[_Slot]:
        """Drop recognised names whose only reading is an obscure far-away namesake.

        A one-word name that resolves to a hamlet, a district or a facility in
        a country the article is otherwise not about, with no word saying it
        is a place ("the town of", "X province", "near"), is far more often a
        surname or a common word than a place.
        """
        kept = []
        for slot in slots:
            cand = slot.choice
            if cand is None:
                continue
            obscure = (cand.kind in (Kind.ADMIN2, Kind.SITE, Kind.AIRPORT)
                       or cand.kind == Kind.POPULATED_PLACE and cand.population < 5000)
            single = len(slot.text.split()) == 1
            supported = (slot.hint is not None or slot.qualifier is not None
                         or countries.get(cand.country_code or "", 0.0) >= 0.5)
            if obscure and single and not supported:
                continue
            kept.append(slot)
        return kept

    @staticmethod
    def _apposition(text: str, slots: list[_Slot], index: int) -> Candidate | None:
        """For "X, Y" where Y is a province or country, the Y that contains X."""
        if index + 1 >= len(slots):
            return None
        nxt = slots[index + 1]
        gap = text[slots[index].end:nxt.start]
        if gap.strip() != "," or not nxt.ranked:
            return None
        top = nxt.ranked[0][0]
        return top if top.kind in (Kind.ADMIN1, Kind.COUNTRY) else None


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
        if keep is not None:
            slots = [slot for slot in slots if keep(slot.start, slot.end)]
        if not given:
            slots = self._plausible(text, slots, countries)
        mentions = [self._mention(article.id, text, slot) for slot in slots]
        if not given:
            mentions = self._add_borders(article.id, text, mentions, countries)
        return mentions

    def _mention(self, article_id: str, text: str, slot: _Slot) -> Mention:
        cand = slot.choice
        if cand is None:
            return Mention(article_id, slot.start, slot.end, slot.text, None, Precision.EXACT,
                           locational=False, role="unresolved")
        place = self.gazetteer.place(cand, slot.score)
        precision = _PRECISION_OF_KIND.get(cand.kind, Precision.EXACT)
        role = None
        role = slot.metonym_role(text)
        if role in ("metonym", "modifier") and not (
                cand.kind in (Kind.COUNTRY, Kind.ADMIN1) or cand.feature_code in _GOVERNMENT_SEATS):
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
                border = self._border_place(cue, profile)
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
            border = self._border_place(cue, profile)
            if border is None:
                continue
            inner = [m for m in out if cue.start <= m.start and m.end <= cue.end]
            out = [m for m in out if m not in inner]
            out += _border_mentions(article_id, cue, border, inner)
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _border_place(self, cue: rules.BorderCue, profile: dict[str, float]) -> Place | None:
        codes = [self._country_code(side) for side in cue.sides]
        if any(code is None for code in codes):
            return None
        if len(codes) == 1:
            # "the Iranian border" in an Iraq story: the other side is the
            # article's most prominent country that has a border with it.
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
        if cand.kind in (Kind.COUNTRY, Kind.BORDER, Kind.REGION):
            continue
        entry = by_place.setdefault(cand.pid, (cand.latitude, cand.longitude, set()))
        entry[2].add(index)
    return [(lat, lon, frozenset(indices)) for lat, lon, indices in by_place.values()]


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


def _proximity(within: list[tuple[float, frozenset[int]]], index: int) -> float:
    """Bonus for a candidate close to places the article's other mentions chose."""
    bonus = 0.0
    for value, indices in within:
        if value > bonus and not (len(indices) == 1 and index in indices):
            # A mention does not support itself.
            bonus = value
    return bonus


def _is_code(cand: Candidate, surface: str) -> bool:
    # Short capitals in running text are acronyms (PMF, IRGC, DEC); the
    # gazetteer carries such codes for airports and cities. Only countries and
    # provinces are commonly written that way (US, UK, UAE, KSA).
    matched = cand.matched_name
    short_caps = len(matched.replace(".", "")) <= 4 and matched.replace(".", "").isupper()
    return short_caps and cand.kind not in (Kind.COUNTRY, Kind.ADMIN1)


def _confident(slot: _Slot) -> bool:
    if len(slot.ranked) < 2:
        return True
    return slot.score - slot.ranked[1][1] > 0.5 or slot.choice is slot.ranked[0][0]


def _inside(cand: Candidate, container: Candidate) -> bool:
    if container.kind == Kind.COUNTRY:
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


def places(articles: Iterable[Article] | Article, *, gazetteer: Gazetteer | None = None
           ) -> gpd.GeoDataFrame:
    """Every place mention of the articles as a GeoDataFrame.

    Parameters
    ----------
    articles : Article or iterable of Article
        E.g. ``geostrikes.read_articles("seeds/")``.
    gazetteer : Gazetteer, optional
        The bundled one by default.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per mention; columns in :data:`geostrikes.frame.PLACE_COLUMNS`.
    """
    from geostrikes.frame import places_frame

    if isinstance(articles, Article):
        articles = [articles]
    return places_frame(Geoparser(gazetteer).parse_many(articles))
