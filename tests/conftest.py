"""Shared fixtures: small hand-made events that need no gazetteer.

The places here are invented test features (boxes and lines near real
coordinates), enough to exercise every precision and stance.
"""

from __future__ import annotations

import datetime as dt

import pytest
import shapely

from geostrikes.model import (
    Attribution,
    Kind,
    Mention,
    Place,
    Precision,
    Source,
    Stance,
    StrikeEvent,
)


def _wkb_loader(geom):
    data = shapely.to_wkb(geom)
    return lambda: data


def make_place(pid, name, kind, lat, lon, cc="IQ", geometry=None, admin1=None):
    """A gazetteer-like Place, with an optional shapely geometry."""
    return Place(
        id=pid, name=name, kind=kind, latitude=lat, longitude=lon, country_code=cc,
        admin1=admin1, source_ids=(f"test:{pid}",),
        _geometry_loader=_wkb_loader(geometry) if geometry is not None else None,
    )


def make_event(n, place, precision, actor, stance, *, article_id="art1", quote="A strike hit.",
               date=dt.date(2024, 4, 20), lat=None, lon=None, radius_km=None, **kw):
    mention = Mention(
        article_id=article_id, start=0, end=len(place.name), text=place.name, place=place,
        precision=precision, latitude=place.latitude if lat is None else lat,
        longitude=place.longitude if lon is None else lon, radius_km=radius_km,
    )
    source = Source(article_id=article_id, title=f"Title of {article_id}", outlet="Test Wire",
                    url=f"https://example.org/{article_id}", published=dt.date(2024, 4, 21))
    attribution = Attribution(actor=actor, stance=stance, article_id=article_id,
                              attributed_by=kw.get("attributed_by", ()),
                              denied_by=kw.get("denied_by", ()))
    return StrikeEvent(
        event_id=f"{article_id}:{n}", article_id=article_id, location=mention, actor=actor,
        stance=stance, attributed_by=attribution.attributed_by, denied_by=attribution.denied_by,
        attributions=(attribution,), sources=(source,), target=kw.get("target"),
        weapon=kw.get("weapon"), fatalities=kw.get("fatalities"), injured=kw.get("injured"),
        date=date, date_precision="day", quote=quote, quote_start=0, quote_end=len(quote),
    )


@pytest.fixture
def sample_events():
    """Six events covering exact, near, offset, admin1, border and country precision."""
    province = shapely.box(44.3, 33.3, 45.9, 34.8)
    border = shapely.LineString([(41.0, 34.4), (41.2, 34.9), (41.4, 35.5)])
    country = shapely.box(34.2, 29.5, 35.9, 33.3)
    town = make_place("t:1", "Testtown", Kind.POPULATED_PLACE, 33.31, 44.37, admin1="Testshire")
    base = make_place("t:2", "Test Air Base", Kind.BASE, 32.88, 44.35)
    prov = make_place("t:3", "Testshire", Kind.ADMIN1, 33.9, 45.0, geometry=province)
    line = make_place("t:4", "Iraq–Syria border", Kind.BORDER, 34.9, 41.2, cc="IQ-SY",
                      geometry=border)
    land = make_place("t:5", "Testland", Kind.COUNTRY, 31.4, 35.0, cc="IL", geometry=country)
    return [
        make_event(1, town, Precision.EXACT, "United States", Stance.CLAIMED,
                   quote="The U.S. military said it struck a depot.", fatalities=1,
                   weapon="F-15", target="militia depot"),
        make_event(2, town, Precision.NEAR, "Israel", Stance.SUSPECTED, radius_km=25.0,
                   lat=33.4, lon=44.2, quote="Suspected Israeli drones hit near the town."),
        make_event(3, base, Precision.OFFSET, "unknown", Stance.DENIED, radius_km=10.0,
                   denied_by=("United States",), quote="A blast hit the base; the US denied it."),
        make_event(4, prov, Precision.ADMIN1, "Iran", Stance.ACCUSED,
                   attributed_by=("U.S. officials",), denied_by=("Iran",),
                   quote="U.S. officials said Iranian jets struck in the province."),
        make_event(5, line, Precision.BORDER, "US-led coalition", Stance.CONFIRMED,
                   quote="Coalition jets struck along the border."),
        make_event(6, land, Precision.COUNTRY, "Iran", Stance.CLAIMED, article_id="art2",
                   quote="Iran said it launched missiles.", date=dt.date(2024, 4, 13)),
    ]
