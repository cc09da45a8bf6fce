"""Ranking on the bundled gazetteer: what a reader of strike reporting means."""

from __future__ import annotations

import pytest

from geostrikes.geocode.gazetteer import Gazetteer
from geostrikes.model import Kind


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer()


@pytest.mark.parametrize("query,kind,country,near", [
    ("Diyala", Kind.ADMIN1, "IQ", (33.9, 45.0)),
    ("Babil", Kind.ADMIN1, "IQ", (32.6, 44.5)),
    ("Babylon province", Kind.ADMIN1, "IQ", (32.6, 44.5)),
    ("Baqubah", Kind.POPULATED_PLACE, "IQ", (33.75, 44.6)),
    ("Ba'quba", Kind.POPULATED_PLACE, "IQ", (33.75, 44.6)),
    ("Kobani", Kind.POPULATED_PLACE, "SY", (36.89, 38.35)),
    ("Ayn al-Arab", Kind.POPULATED_PLACE, "SY", (36.89, 38.35)),
    ("Abu Kamal", Kind.POPULATED_PLACE, "SY", (34.45, 40.92)),
    ("Al-Bukamal", Kind.POPULATED_PLACE, "SY", (34.45, 40.92)),
    ("Al-Qaim", Kind.POPULATED_PLACE, "IQ", (34.39, 40.99)),
    ("Jurf al-Sakhar", None, "IQ", (32.87, 44.19)),
    ("Jurf al-Nasr", None, "IQ", (32.87, 44.19)),
    ("Ain al-Asad", Kind.BASE, "IQ", (33.79, 42.44)),
    ("Al Asad Air Base", Kind.BASE, "IQ", (33.79, 42.44)),
    ("Kalsu", Kind.BASE, "IQ", (32.8, 44.3)),
    ("Kalso", Kind.BASE, "IQ", (32.8, 44.3)),
    ("Isfahan", Kind.POPULATED_PLACE, "IR", (32.65, 51.67)),
    ("Esfahan", Kind.POPULATED_PLACE, "IR", (32.65, 51.67)),
    ("Damascus", Kind.POPULATED_PLACE, "SY", (33.51, 36.29)),
    ("Baghdad", Kind.POPULATED_PLACE, "IQ", (33.34, 44.40)),
    ("Erbil", Kind.POPULATED_PLACE, "IQ", (36.19, 44.01)),
    ("Irbil", Kind.POPULATED_PLACE, "IQ", (36.19, 44.01)),
    ("Deir ez-Zor", Kind.POPULATED_PLACE, "SY", (35.34, 40.14)),
    ("Sanaa", Kind.POPULATED_PLACE, "YE", (15.35, 44.21)),
    ("Hodeidah", Kind.POPULATED_PLACE, "YE", (14.80, 42.95)),
    ("US", Kind.COUNTRY, "US", (39.76, -98.5)),
    ("U.S.", Kind.COUNTRY, "US", (39.76, -98.5)),
    ("UAE", Kind.COUNTRY, "AE", (23.75, 54.5)),
    ("KSA", Kind.COUNTRY, "SA", (25.0, 45.0)),
    ("Georgia", Kind.COUNTRY, "GE", (42.0, 43.5)),
])
def test_first_candidate_is_what_the_news_means(gaz, query, kind, country, near):
    best = gaz.lookup(query)[0]
    assert best.country_code == country, best
    if kind is not None:
        assert best.kind == kind, best
    assert abs(best.latitude - near[0]) < 0.6 and abs(best.longitude - near[1]) < 0.6, best


def test_curated_rows_carry_their_supplement_source(gaz):
    for query in ("Kalsu", "Tower 22", "Al-Tanf"):
        best = gaz.lookup(query)[0]
        assert any(s.startswith("supplement:") for s in best.source_ids), best


def test_syria_iraq_border_is_a_line_near_al_qaim(gaz):
    import shapely

    border = gaz.lookup("Syria-Iraq border")[0]
    assert border.id == "border:IQ-SY"
    line = border.geometry
    assert line.geom_type in ("LineString", "MultiLineString")
    assert line.distance(shapely.Point(41.0, 34.4)) < 0.1


def test_every_country_has_a_polygon_or_point(gaz):
    outlines = gaz.outlines("country")
    assert len(outlines) > 200
    assert outlines.geometry.is_valid.all()


def test_attribution_names_every_source(gaz):
    text = gaz.info()["attribution"]
    for source in ("GeoNames", "Who's On First", "Natural Earth", "OurAirports"):
        assert source in text
    assert "whosonfirst.org/docs/licenses" in text
