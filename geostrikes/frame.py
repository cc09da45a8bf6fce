"""Typed values -> GeoDataFrames: the only place that builds geometries.

Models carry named ``latitude``/``longitude``; here they become shapely
geometries with x = longitude, y = latitude (the one lat/lon swap in the
package), and the gazetteer's stored polygons and border lines are decoded
from WKB. A geometry is honest about precision: a point for a town or base,
the province's polygon for a province-level event, the line for a border,
the country's outline for a country-level event.

The events frame's columns line up with ACLED's where they mean the same:

=================  ==========================================================
column             meaning
=================  ==========================================================
event_id           ``ARTICLE_ID:N``
event_date         date of the strike (``datetime64``; NaT when unknown)
time_precision     ACLED scale: 1 day, 2 week, 3 month or coarser
actor1             the attributed perpetrator (``unknown`` when none)
actor2             the target, as the article names it
location           name of the strike site
admin1             first-level division of the site
country            country name
iso                ISO 3166-1 alpha-2 code (ACLED uses the numeric code)
latitude           representative latitude (WGS84)
longitude          representative longitude (WGS84)
geo_precision      ACLED scale: 1 the site, 2 near it or a district, 3 a region
fatalities         conservative count, ``<NA>`` when not reported
source             outlets reporting it, ``; ``-separated
notes              one-line summary with the quote
stance             claimed, confirmed, accused, suspected, denied, unattributed
attributed_by      who attributes it, ``; ``-separated
denied_by          who denies it, ``; ``-separated
weapon             the means, when named
target             what was hit (same as actor2)
injured            conservative count
quote              the sentence reporting the strike
quote_start        its character offsets in the article's text
quote_end
precision          exact, near, offset, admin2, admin1, border, country, region
radius_km          uncertainty radius for near/offset sites
place_id           gazetteer id of the site
article_id         the (first) reporting article
title, url         that article's title and address
published          its publication date
n_sources          number of articles reporting the event
geometry           Point, Polygon/MultiPolygon or LineString (EPSG:4326)
=================  ==========================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from geostrikes.model import Kind, Mention, Place, Precision, StrikeEvent

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = [
    "EVENT_COLUMNS",
    "PLACE_COLUMNS",
    "place_geometry",
    "mention_geometry",
    "events_frame",
    "places_frame",
]

EVENT_COLUMNS = (
    "event_id", "event_date", "time_precision", "actor1", "actor2", "location", "admin1",
    "country", "iso", "latitude", "longitude", "geo_precision", "fatalities", "source", "notes",
    "stance", "attributed_by", "denied_by", "weapon", "target", "injured", "quote",
    "quote_start", "quote_end", "precision", "radius_km", "place_id", "article_id", "title",
    "url", "published", "n_sources",
)

PLACE_COLUMNS = (
    "article_id", "start", "end", "text", "name", "kind", "latitude", "longitude",
    "country_code", "admin1", "precision", "locational", "role", "radius_km", "place_id",
    "source_ids",
)

# Precisions drawn as the feature's own shape rather than a point.
_SHAPED = {Precision.ADMIN1, Precision.ADMIN2, Precision.COUNTRY, Precision.BORDER}
_GEO_PRECISION = {
    Precision.EXACT: 1, Precision.NEAR: 2, Precision.OFFSET: 2, Precision.ADMIN2: 2,
    Precision.ADMIN1: 3, Precision.BORDER: 3, Precision.COUNTRY: 3, Precision.REGION: 3,
}
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_SEP = "; "


def _point(latitude: float, longitude: float) -> Any:
    from shapely import Point

    # The one lat/lon swap: shapely and GeoJSON are x=longitude, y=latitude.
    return Point(float(longitude), float(latitude))


def place_geometry(place: Place) -> Any:
    """Geometry of a gazetteer place: its stored shape, else its point.

    Parameters
    ----------
    place : Place
        A look-up result.

    Returns
    -------
    shapely.Geometry
        Polygon/MultiPolygon for divisions, LineString for borders, else a
        Point at ``(longitude, latitude)``.
    """
    wkb = place.geometry_wkb
    if wkb:
        import shapely

        return shapely.from_wkb(wkb)
    return _point(place.latitude, place.longitude)


def mention_geometry(mention: Mention) -> Any:
    """Geometry that honestly shows where a mention locates something.

    Divisions, countries and borders get their shape; a site, a "near" place
    or an offset point ("30 miles south of X") gets a point (the radius is a
    separate ``radius_km`` value, so GeoJSON stays RFC 7946). None when the
    mention is unresolved.
    """
    place = mention.place
    if mention.precision in _SHAPED and place is not None and place.has_geometry:
        return place_geometry(place)
    if mention.latitude is not None and mention.longitude is not None:
        return _point(mention.latitude, mention.longitude)
    if place is not None:
        return _point(place.latitude, place.longitude)
    return None


def _joined(values: Iterable[str]) -> str | None:
    seen = list(dict.fromkeys(v for v in values if v))
    return _SEP.join(seen) if seen else None


def _event_row(event: StrikeEvent) -> dict[str, Any]:
    loc = event.location
    place = loc.place if loc is not None else None
    latitude = loc.latitude if loc is not None and loc.latitude is not None else (
        place.latitude if place else None)
    longitude = loc.longitude if loc is not None and loc.longitude is not None else (
        place.longitude if place else None)
    first = event.sources[0] if event.sources else None
    location_name = place.name if place else (loc.text if loc else None)
    if place is not None and place.kind == Kind.COUNTRY:
        country = place.name
    else:
        country = None
    summary = f"{event.actor} ({event.stance.value})"
    if location_name:
        summary += f" at {location_name}"
    if event.quote:
        summary += f": {event.quote}"
    return {
        "event_id": event.event_id,
        "event_date": event.date,
        "time_precision": _TIME_PRECISION.get(event.date_precision or "", None),
        "actor1": event.actor,
        "actor2": event.target,
        "location": location_name,
        "admin1": place.admin1 if place and place.kind != Kind.ADMIN1 else (
            place.name if place else None),
        "country": country,
        "iso": place.country_code if place and place.kind != Kind.BORDER else None,
        "latitude": latitude,
        "longitude": longitude,
        "geo_precision": _GEO_PRECISION.get(loc.precision) if loc else None,
        "fatalities": event.fatalities,
        "source": _joined(s.outlet or "" for s in event.sources),
        "notes": summary,
        "stance": event.stance.value,
        "attributed_by": _joined(event.attributed_by),
        "denied_by": _joined(event.denied_by),
        "weapon": event.weapon,
        "target": event.target,
        "injured": event.injured,
        "quote": event.quote,
        "quote_start": event.quote_start,
        "quote_end": event.quote_end,
        "precision": loc.precision.value if loc else None,
        "radius_km": loc.radius_km if loc else None,
        "place_id": place.id if place else None,
        "article_id": event.article_id,
        "title": first.title if first else None,
        "url": first.url if first else None,
        "published": first.published if first else None,
        "n_sources": max(1, len(event.sources)),
        "geometry": mention_geometry(loc) if loc is not None else None,
    }


def events_frame(events: Iterable[StrikeEvent], country_names: dict[str, str] | None = None
                 ) -> gpd.GeoDataFrame:
    """Strike events as a GeoDataFrame (EPSG:4326), one row per event.

    Parameters
    ----------
    events : iterable of StrikeEvent
        Output of :func:`geostrikes.extract`.
    country_names : dict, optional
        ISO alpha-2 code -> country name, to fill ``country``; by default
        taken from the bundled gazetteer.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`EVENT_COLUMNS` plus ``geometry``; see the module
        docstring for their meaning.
    """
    import geopandas as gpd
    import pandas as pd

    rows = [_event_row(e) for e in events]
    if country_names is None and any(r["iso"] and not r["country"] for r in rows):
        from geostrikes.geocode.gazetteer import default_gazetteer

        country_names = default_gazetteer().country_names()
    for row in rows:
        if row["iso"] and not row["country"] and country_names:
            row["country"] = country_names.get(row["iso"])
    frame = pd.DataFrame(rows, columns=[*EVENT_COLUMNS, "geometry"])
    frame["event_date"] = pd.to_datetime(frame["event_date"], errors="coerce")
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce")
    for column in ("fatalities", "injured", "time_precision", "geo_precision", "n_sources",
                   "quote_start", "quote_end"):
        frame[column] = frame[column].astype("Int64")
    for column in ("latitude", "longitude", "radius_km"):
        frame[column] = frame[column].astype("float64")
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")


def _place_row(mention: Mention) -> dict[str, Any]:
    place = mention.place
    return {
        "article_id": mention.article_id,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "name": place.name if place else None,
        "kind": place.kind.value if place else None,
        "latitude": mention.latitude,
        "longitude": mention.longitude,
        "country_code": place.country_code if place else None,
        "admin1": place.admin1 if place else None,
        "precision": mention.precision.value,
        "locational": mention.locational,
        "role": mention.role,
        "radius_km": mention.radius_km,
        "place_id": place.id if place else None,
        "source_ids": " ".join(place.source_ids) if place else None,
        "geometry": mention_geometry(mention),
    }


def places_frame(mentions: Iterable[Mention]) -> gpd.GeoDataFrame:
    """Place mentions as a GeoDataFrame (EPSG:4326), one row per mention.

    Parameters
    ----------
    mentions : iterable of Mention
        Output of :meth:`geostrikes.Geoparser.parse`.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`PLACE_COLUMNS` plus ``geometry``.
    """
    import geopandas as gpd
    import pandas as pd

    frame = pd.DataFrame([_place_row(m) for m in mentions], columns=[*PLACE_COLUMNS, "geometry"])
    for column in ("start", "end"):
        frame[column] = frame[column].astype("int64")
    return gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326")
