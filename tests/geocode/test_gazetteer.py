"""Look-up and ranking on a tiny hand-made gazetteer (no bundled data needed)."""

from __future__ import annotations

import pickle

import pytest

from geostrikes.errors import GazetteerError
from geostrikes.geocode.gazetteer import Gazetteer
from geostrikes.model import Kind


def test_lookup_folds_apostrophes_and_article(tiny_gazetteer):
    for query in ("Al-Qaim", "al Qa'im", "Qaim", "AL QAIM"):
        assert tiny_gazetteer.lookup(query)[0].id == "gn:6", query


def test_al_qaim_is_the_border_town_not_the_village(tiny_gazetteer):
    ranked = tiny_gazetteer.lookup("Al-Qaim")
    assert [p.id for p in ranked[:2]] == ["gn:6", "gn:7"]


def test_loose_transliteration_meets(tiny_gazetteer):
    best = tiny_gazetteer.lookup("Baquba")[0]
    assert best.name == "Baqubah"
    assert best.score < tiny_gazetteer.lookup("Baqubah")[0].score


def test_country_ranks_before_namesake_province(tiny_gazetteer):
    assert tiny_gazetteer.lookup("Georgia")[0].kind == Kind.COUNTRY


def test_capital_city_ranks_before_its_province(tiny_gazetteer):
    assert tiny_gazetteer.lookup("Baghdad")[0].kind == Kind.POPULATED_PLACE


def test_province_word_prefers_the_division(tiny_gazetteer):
    best = tiny_gazetteer.lookup("Baghdad province")[0]
    assert (best.id, best.kind) == ("gn:5", Kind.ADMIN1)
    assert tiny_gazetteer.lookup("Babylon province")[0].name == "Babil"


def test_base_word_prefers_military_site(tiny_gazetteer):
    assert tiny_gazetteer.lookup("Al Asad base")[0].kind == Kind.BASE
    assert tiny_gazetteer.lookup("Ain al-Asad")[0].id == "oa:ORAA"


def test_country_and_kind_filters(tiny_gazetteer):
    assert tiny_gazetteer.lookup("Georgia", country="US")[0].id == "ne1:US-GA"
    assert tiny_gazetteer.lookup("Georgia", kind="admin1")[0].country_code == "US"
    assert tiny_gazetteer.lookup("Georgia", kind=[Kind.BASE]) == []


def test_unknown_place_returns_empty_list(tiny_gazetteer):
    assert tiny_gazetteer.lookup("Nowhereville") == []
    assert tiny_gazetteer.lookup("") == []
    assert tiny_gazetteer.lookup("---") == []


def test_limit(tiny_gazetteer):
    assert len(tiny_gazetteer.lookup("Georgia", limit=1)) == 1
    assert tiny_gazetteer.lookup("Georgia", limit=0) == []


def test_border_has_line_geometry(tiny_gazetteer):
    border = tiny_gazetteer.lookup("Syria-Iraq border")[0]
    assert border.kind == Kind.BORDER
    assert border.geometry.geom_type == "LineString"


def test_point_place_geometry_is_lon_lat_point(tiny_gazetteer):
    town = tiny_gazetteer.lookup("Baqubah")[0]
    assert not town.has_geometry
    assert (town.geometry.x, town.geometry.y) == (town.longitude, town.latitude)


def test_get_by_id_and_outlines(tiny_gazetteer):
    assert tiny_gazetteer.get("gn:3").name == "Babil"
    assert tiny_gazetteer.get("gn:nope") is None
    outlines = tiny_gazetteer.outlines("country")
    assert sorted(outlines["country_code"]) == ["GE", "IQ"]
    assert list(tiny_gazetteer.outlines("admin1", ["IQ"])["name"]) == ["Babil", "Baghdad"]
    assert tiny_gazetteer.country_names()["IQ"] == "Iraq"


def test_gazetteer_pickles_without_its_connection(tiny_gazetteer):
    clone = pickle.loads(pickle.dumps(tiny_gazetteer))
    assert clone.lookup("Babil")[0].id == "gn:3"


def test_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(GazetteerError, match="reinstall"):
        Gazetteer(tmp_path / "none.sqlite").lookup("Baghdad")


def test_damaged_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GazetteerError):
        Gazetteer(bad).lookup("Baghdad")


def test_a_looser_spelling_of_an_iraqi_town_is_a_loose_key_not_an_exact_one(tiny_gazetteer):
    assert not tiny_gazetteer.has_key("baquba")
    assert tiny_gazetteer.has_loose_key("baquba")
    assert not tiny_gazetteer.has_loose_key("baghdadi quarter")
