"""Typed values passed between the pipeline's stages.

ingest -> :class:`Article`; the gazetteer -> :class:`Place`; the geoparser ->
:class:`Mention`; extraction -> :class:`StrikeEvent` with its
:class:`Attribution` and :class:`Source` records. All are frozen and slotted:
stages hand each other values, never loose dicts.

Coordinates are carried as named ``latitude``/``longitude`` floats (WGS84).
Shapely geometries are built from them only in :mod:`geostrikes.frame`; the
gazetteer's stored polygons and lines travel as WKB bytes until then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "Article",
    "Kind",
    "Place",
    "Precision",
    "Mention",
    "Stance",
    "Attribution",
    "Source",
    "StrikeEvent",
]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, as read from a file, feed line or table row.

    Parameters
    ----------
    id : str
        The article's identifier; for files, the file name without extension.
    text : str
        The decoded, repaired plain text. Every character offset in geostrikes
        refers to this string.
    title, outlet, url : str, optional
        Source metadata, from the input or an ``articles.csv`` sidecar.
    published : datetime.date, optional
        Publication date; relative dates ("on Sunday") resolve against it.
    published_precision : str, optional
        ``day``, ``month`` or ``year``: how much of ``published`` is known.
    path : str, optional
        Where the article was read from (file, or file and line).
    spans : tuple of (int, int), optional
        Given toponym spans: when present, the geoparser resolves exactly these
        and recognises nothing itself.
    """

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    published_precision: str | None = None
    outlet: str | None = None
    url: str | None = None
    path: str | None = None
    spans: tuple[tuple[int, int], ...] | None = None


class Kind(StrEnum):
    """What sort of feature a gazetteer entry is."""

    COUNTRY = "country"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    POPULATED_PLACE = "populated_place"
    AIRPORT = "airport"
    BASE = "base"
    BORDER = "border"
    SITE = "site"
    REGION = "region"


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer feature, as returned by a look-up.

    Parameters
    ----------
    id : str
        Stable gazetteer id, e.g. ``"gn:98182"``, ``"wof:85632447"``,
        ``"border:IQ-SY"``, ``"sup:kalsu"``.
    name : str
        Preferred (English) name.
    kind : Kind
        Feature kind (``region`` for continents, seas and named regions
        such as "the Middle East").
    latitude, longitude : float
        Representative point (WGS84 degrees).
    country_code : str, optional
        ISO 3166-1 alpha-2; for borders, the two codes joined by ``-``.
    admin1 : str, optional
        Name of the first-level division that contains it.
    population : int
        Population, 0 when unknown.
    source_ids : tuple of str
        Ids in the source gazetteers (``geonames:``, ``wof:``, ``ne:``,
        ``ourairports:``, ``supplement:``).
    feature_code : str, optional
        GeoNames feature code where known (``PPLC``, ``ADM1``, ``AIRB``...).
    matched_name : str, optional
        The name variant the look-up matched.
    score : float
        Ranking score of the look-up that produced it (higher is better).
    """

    id: str
    name: str
    kind: Kind
    latitude: float
    longitude: float
    country_code: str | None = None
    admin1: str | None = None
    population: int = 0
    source_ids: tuple[str, ...] = ()
    feature_code: str | None = None
    matched_name: str | None = None
    score: float = 0.0
    _geometry_loader: Callable[[], bytes | None] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def has_geometry(self) -> bool:
        """Whether the gazetteer stores a polygon or line for this place."""
        return self._geometry_loader is not None

    @property
    def geometry_wkb(self) -> bytes | None:
        """The stored polygon or line as WKB, loaded on first use, else None."""
        if self._geometry_loader is None:
            return None
        return self._geometry_loader()

    @property
    def geometry(self) -> Any:
        """The stored polygon or line as a shapely geometry, else a Point."""
        from geostrikes.frame import place_geometry

        return place_geometry(self)


class Precision(StrEnum):
    """How precisely a mention or event is located."""

    EXACT = "exact"
    NEAR = "near"
    OFFSET = "offset"
    ADMIN2 = "admin2"
    ADMIN1 = "admin1"
    BORDER = "border"
    COUNTRY = "country"
    REGION = "region"


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in an article, resolved (or not) to a gazetteer feature.

    Parameters
    ----------
    article_id : str
        The article the mention comes from.
    start, end : int
        Character span in ``Article.text`` (end exclusive).
    text : str
        ``Article.text[start:end]``.
    place : Place, optional
        The chosen referent; None when nothing in the gazetteer fits.
    precision : Precision
        How precisely the mention locates something.
    latitude, longitude : float, optional
        The located point: the place's point, or for ``offset`` mentions
        ("30 miles south of Baghdad") the computed destination.
    radius_km : float, optional
        Uncertainty radius for ``near`` and ``offset`` mentions.
    locational : bool
        False for metonyms ("Tehran denies") and meeting venues
        ("in Brussels for a meeting"): named, but not a location of anything.
    role : str, optional
        Why it is non-locational or how it was qualified (``metonym``,
        ``venue``, ``near``, ``offset``, ``border``...); ``focus`` for a given
        span the gazetteer cannot resolve, placed near the article's focus.
    anchors : tuple of Mention
        For ``offset``/``near``/``border`` mentions, the reference mentions
        the location was derived from.
    """

    article_id: str
    start: int
    end: int
    text: str
    place: Place | None
    precision: Precision
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None
    locational: bool = True
    role: str | None = None
    anchors: tuple[Mention, ...] = ()

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)`` in the article's text."""
        return (self.start, self.end)


class Stance(StrEnum):
    """How firmly an article attributes a strike to its actor."""

    CLAIMED = "claimed"
    CONFIRMED = "confirmed"
    ACCUSED = "accused"
    SUSPECTED = "suspected"
    DENIED = "denied"
    UNATTRIBUTED = "unattributed"


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who one source says carried out a strike, and how firmly.

    Parameters
    ----------
    actor : str
        Normalised actor (``"Iran"``, ``"US-led coalition"``, ``"unknown"``).
    stance : Stance
        Firmness of the attribution.
    attributed_by : tuple of str
        Who makes the attribution ("U.S. officials"); empty when the outlet
        states it itself.
    denied_by : tuple of str
        Every party that denies.
    article_id : str
        The article in which the attribution is made.
    """

    actor: str
    stance: Stance
    attributed_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    article_id: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """The article an event was reported in."""

    article_id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class StrikeEvent:
    """One strike as reported: where, by whom, how sure, and who says so.

    Parameters
    ----------
    event_id : str
        Stable id, ``ARTICLE_ID:N`` for single-article events.
    article_id : str
        The (first) article the event comes from.
    location : Mention, optional
        The strike site; None when the article names none.
    actor, stance, attributed_by, denied_by
        The headline attribution (see :class:`Attribution`).
    attributions : tuple of Attribution
        Every attribution from every merged source.
    sources : tuple of Source
        Every article that reports the event.
    target, weapon : str, optional
        What was hit; the means ("F-4 Phantom", "drone").
    fatalities, injured : int, optional
        Conservative counts.
    date : datetime.date, optional
        When the strike happened; ``date_precision`` says how well
        (``day``, ``week``, ``month``, ``year``).
    quote : str
        The sentence that reports the strike.
    quote_start, quote_end : int
        The quote's character span in the article's text.
    """

    event_id: str
    article_id: str
    location: Mention | None
    actor: str
    stance: Stance
    attributed_by: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    sources: tuple[Source, ...] = ()
    target: str | None = None
    weapon: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    date: dt.date | None = None
    date_precision: str | None = None
    quote: str = ""
    quote_start: int = 0
    quote_end: int = 0
