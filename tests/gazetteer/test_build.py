"""Pure helpers of gazetteer/build.py and the curated supplement; no shared data needed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _load_build():
    spec = importlib.util.spec_from_file_location("gazetteer_build", REPO / "gazetteer/build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


build = _load_build()
from geostrikes.geocode.normalize import loose_key, name_key  # noqa: E402

HEADER = "id,name,alt_names,kind,latitude,longitude,country_code,admin1,source\n"


# --------------------------------------------------------------------------- borders


def test_merge_lines_joins_touching_segments_into_one_line():
    from shapely.geometry import LineString

    merged = build.merge_lines([LineString([(0, 0), (1, 0)]), LineString([(1, 0), (2, 1)])])
    assert merged.geom_type == "LineString"
    assert merged.length == pytest.approx(1 + 2**0.5)


def test_merge_lines_keeps_disjoint_segments_as_multilinestring():
    from shapely.geometry import LineString, MultiLineString

    merged = build.merge_lines([
        LineString([(0, 0), (1, 0)]),
        MultiLineString([[(5, 5), (6, 5)], [(6, 5), (7, 6)]]),
    ])
    assert merged.geom_type == "MultiLineString"
    assert len(merged.geoms) == 2


def test_line_point_lies_on_the_longest_part():
    from shapely.geometry import MultiLineString, Point

    line = MultiLineString([[(0, 0), (0.1, 0)], [(10, 10), (10, 14)]])
    lat, lon = build.line_point(line)
    assert (lat, lon) == pytest.approx((12.0, 10.0))
    assert line.distance(Point(lon, lat)) < 1e-9


def test_border_id_sorts_the_country_codes():
    assert build.border_id("SY", "IQ") == ("border:IQ-SY", "IQ", "SY")
    assert build.border_id("IQ", "SY")[0] == "border:IQ-SY"


def test_border_names_cover_both_orders_and_short_forms():
    names = build.border_names(
        "United States", build.country_name_forms("US", "United States"),
        "Mexico", build.country_name_forms("MX", "Mexico"))
    keys = {name_key(n) for n in names}
    assert "united states mexico border" in keys
    assert "mexico united states border" in keys
    assert "us mexico border" in keys  # "U.S.-Mexico border"
    assert name_key("U.S.-Mexico border") in keys
    assert name_key("Mexico–US border") in keys


def test_iraq_syria_border_names_fold_dashes_and_spaces():
    names = build.border_names("Iraq", ["Iraq"], "Syria", ["Syria", "Syrian Arab Republic"])
    keys = {name_key(n) for n in names}
    for text in ("Iraq-Syria border", "Iraq–Syria border", "Iraq Syria border", "Syria-Iraq border"):
        assert name_key(text) in keys


# --------------------------------------------------------------------------- names


def test_country_forms_put_the_main_name_first_and_add_abbreviations():
    forms = build.country_name_forms("US", "United States")
    assert forms[0] == "United States"
    assert {"US", "U.S.", "USA", "U.S.A.", "America"} <= set(forms)
    assert {"UAE", "U.A.E.", "Emirates"} <= set(build.COUNTRY_ALIASES["AE"])
    assert {"UK", "U.K.", "Britain", "Great Britain"} <= set(build.COUNTRY_ALIASES["GB"])
    assert {"KSA", "Saudi"} <= set(build.COUNTRY_ALIASES["SA"])


def test_name_rows_dedupe_keys_keep_first_form_and_add_differing_loose_keys():
    rows = build.name_rows(1, ["Baqubah", "Ba'qubah", "Baquba", "بعقوبة", ""], loose=True)
    assert rows[("baqubah", 1)] == "Baqubah"
    assert rows[("baquba", 1)] == "Baquba"
    assert (loose_key("Baqubah"), 0) in rows
    assert all(key for key, _exact in rows)  # Arabic script folds to nothing and is dropped
    assert ("", 1) not in rows


def test_name_rows_without_loose_keys():
    rows = build.name_rows(7, ["Kobane", "Kobani"], loose=False)
    assert set(rows) == {("kobane", 1), ("kobani", 1)}


def test_air_base_variants_for_bases():
    variants = build.air_base_variants("Al Asad Air Base", military=True)
    keys = {name_key(v) for v in variants}
    assert name_key("Al Asad Airbase") in keys
    assert name_key("Al Asad base") in keys
    assert name_key("Al Asad air base") in keys


def test_air_base_variants_not_for_civil_airports():
    assert build.air_base_variants("Mezzeh Airport", military=False) == []
    assert build.air_base_variants("Mezzeh Airport", military=True)
    assert build.air_base_variants("Airport", military=True) == []


def test_airfield_name_forms_split_slashes_and_shorten_international():
    forms = build.airfield_name_forms("Balad Southeast Airport / Joint Base Balad")
    assert "Joint Base Balad" in forms and "Balad Southeast Airport" in forms
    assert "Sana'a Airport" in build.airfield_name_forms("Sana'a International Airport")
    assert "Marj al-Sultan Heliport" in build.airfield_name_forms("Marj al-Sultan Heliport (North)")


@pytest.mark.parametrize("name, keywords, expected", [
    ("Al Asad Air Base", "", True),
    ("Al Taji Army Air Field", "", True),
    ("Djibouti-Ambouli Airport", "Camp Lemonnier", True),
    ("Nayrab Military Heliport", "", True),
    ("Erbil International Airport", "Irbil", False),
    ("Campbell River Airport", "", False),
])
def test_is_military(name, keywords, expected):
    assert build.is_military(name, keywords) is expected


def test_keyword_names_drop_codes():
    assert build.keyword_names("OS57, Abu ad Duhor, OSDZ") == ["Abu ad Duhor"]


def test_display_name_prefers_plain_names_without_admin_words():
    assert build.display_name(["Muhafazat Karbala'", "Karbalāʼ", "Karbala"]) == "Karbala"
    assert build.display_name(["Al Muthanna Governorate", "Al Muthanna"]) == "Al Muthanna"
    assert build.display_name(["Babil", "Bābil"]) == "Babil"
    assert build.display_name(["Diyālá"]) == "Diyālá"
    assert build.display_name([None, float("nan"), ""]) == ""


def test_is_proper_name_drops_machine_romanisations():
    assert build.is_proper_name("Munich")
    assert not build.is_proper_name("an dao er cheng")


def test_clean_and_split_names():
    assert build.clean_name("  Deir   ez-Zor ") == "Deir ez-Zor"
    assert build.clean_name(float("nan")) == ""
    assert build.split_names("Arbela|Erbil||Irbil") == ["Arbela", "Erbil", "Irbil"]


def test_simplify_wkb_gives_valid_snapped_polygon():
    import shapely
    from shapely.geometry import Point

    disc = Point(44.0, 33.0).buffer(1.0, quad_segs=64)
    wkb = build.simplify_wkb(disc, 0.01)
    poly = shapely.from_wkb(wkb)
    assert poly.is_valid and poly.geom_type == "Polygon"
    assert len(shapely.get_coordinates(poly)) < len(shapely.get_coordinates(disc))
    coords = shapely.get_coordinates(poly)
    assert (abs(coords * 1e5 - (coords * 1e5).round()) < 1e-6).all()


def test_populated_place_policy():
    def place(cc, pop, origin="geonames", fcode="PPL"):
        return build.Place("x", "X", "populated_place", 0, 0, cc=cc, population=pop,
                           feature_code=fcode, origin=origin)

    assert build.populated_place_policy(place("IQ", 0)) == (True, True, True)
    assert build.populated_place_policy(place("SY", 0, origin="wof"))[0]
    assert not build.populated_place_policy(place("IR", 0, origin="wof"))[0]
    assert build.populated_place_policy(place("IR", 120, origin="wof"))[0]
    assert not build.populated_place_policy(place("FR", 2_000))[0]
    assert build.populated_place_policy(place("FR", 2_000, fcode="PPLC"))[0]
    assert build.populated_place_policy(place("UA", 2_000))[0]
    keep, all_names, loose = build.populated_place_policy(place("DE", 1_500_000))
    assert keep and all_names and loose


# --------------------------------------------------------------------------- supplement


def test_parse_supplement_valid_row():
    rows = build.parse_supplement(
        HEADER + "kalsu,Camp Kalsu,Kalsu|Kalso,base,32.9,44.35,IQ,Babil,https://example.org/x\n")
    assert rows[0].id == "kalsu" and rows[0].alt_names == ("Kalsu", "Kalso")
    assert (rows[0].latitude, rows[0].longitude) == (32.9, 44.35)


@pytest.mark.parametrize("line, message", [
    ("x,X,,airport,1,1,IQ,,src", "kind"),
    ("x,X,,base,91,1,IQ,,src", "out of range"),
    ("x,X,,base,1,181,IQ,,src", "out of range"),
    ("x,X,,base,nan,1,IQ,,src", "out of range"),
    ("x,X,,base,north,1,IQ,,src", "not numbers"),
    ("x,X,,base,1,1,IQ,,", "source"),
    ("x,X,,base,1,1,Iraq,,src", "country_code"),
    ("X Y,X,,base,1,1,IQ,,src", "id"),
    ("x,بغداد,,base,1,1,IQ,,src", "name"),
])
def test_parse_supplement_rejects_bad_rows(line, message):
    with pytest.raises(ValueError, match=message):
        build.parse_supplement(HEADER + line + "\n")


def test_parse_supplement_rejects_duplicates_and_wrong_columns():
    with pytest.raises(ValueError, match="duplicate"):
        build.parse_supplement(HEADER + "a,A,,site,1,1,IQ,,s\na,B,,site,2,2,IQ,,s\n")
    with pytest.raises(ValueError, match="columns"):
        build.parse_supplement("id,name\nx,X\n")


@pytest.fixture(scope="module")
def supplement():
    return build.parse_supplement((REPO / "gazetteer/supplement.csv").read_text(encoding="utf-8"))


def test_bundled_supplement_is_valid_and_sourced(supplement):
    assert len(supplement) >= 20
    for row in supplement:
        assert row.kind in {"base", "site", "populated_place"}
        assert -90 <= row.latitude <= 90 and -180 <= row.longitude <= 180
        assert row.source.startswith(("https://", "ourairports:", "whosonfirst:")), row.id


@pytest.mark.parametrize("rid, names", [
    ("kalsu", {"Kalsu", "Kalso", "FOB Kalsu", "Camp Kalsu", "Kalsu base"}),
    ("al_tanf", {"Tanf", "At Tanf", "al-Tanf"}),
    ("al_asad", {"Ain al-Asad"}),
    ("tower_22", {"Tower 22"}),
    ("victory_base_complex", {"Camp Victory", "Victory Base Complex"}),
    ("jurf_al_nasr", {"Jurf al-Sakhar", "Jurf al-Nasr"}),
])
def test_bundled_supplement_has_the_required_sites(supplement, rid, names):
    row = next(r for r in supplement if r.id == rid)
    assert names <= {row.name, *row.alt_names}


def test_bundled_supplement_places_sit_in_their_countries(supplement):
    boxes = {"IQ": (29, 38, 38.5, 49), "SY": (32, 37.5, 35.5, 42.5), "JO": (29, 33.5, 34.9, 39.4),
             "IR": (25, 40, 44, 63.5), "YE": (12, 19, 42, 54), "QA": (24.4, 26.3, 50.7, 51.7),
             "DJ": (10.9, 12.8, 41.7, 43.5), "US": (24.5, 49.5, -125, -66.9),
             "GB": (49.8, 60.9, -8.7, 1.8)}
    for row in supplement:
        south, north, west, east = boxes[row.country_code]
        assert south <= row.latitude <= north and west <= row.longitude <= east, row.id


# --------------------------------------------------------------------------- regions, provinces


def test_bundled_regions_are_geonames_points_with_their_source():
    import csv

    with (REPO / "gazetteer/regions.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {"Europe", "Africa", "Asia", "Atlantic Ocean", "Indian Ocean"} <= {r["name"] for r in rows}
    for r in rows:
        gid = r["id"].removeprefix("gn:")
        assert gid.isdigit() and r["source"] == f"https://www.geonames.org/{gid}", r["id"]
        assert -90 <= float(r["latitude"]) <= 90 and -180 <= float(r["longitude"]) <= 180
        assert all(name_key(n) for n in [r["name"], *build.split_names(r["alt_names"])])


def test_province_point_keeps_a_label_close_to_the_centroid():
    from types import SimpleNamespace

    from shapely.geometry import box

    r = SimpleNamespace(latitude=0.4, longitude=0.6, geometry=box(0, 0, 1, 1))
    assert build.province_point(r) == (0.4, 0.6)


def test_province_point_of_an_island_chain_labelled_on_one_island_is_the_centroid():
    from types import SimpleNamespace

    from shapely.geometry import MultiPolygon, box

    # A big island in the east and the labelled small one 4 degrees west (Hawaii and Oahu).
    chain = MultiPolygon([box(-156, 19, -155, 20), box(-160, 21, -159.8, 21.2)])
    r = SimpleNamespace(latitude=21.1, longitude=-159.9, geometry=chain)
    lat, lon = build.province_point(r)
    assert build.haversine_km(lat, lon, 19.5, -155.5) < 150


@pytest.mark.parametrize("cc, postal, names", [
    ("US", "TX", ["TX"]), ("CA", "BC", ["BC"]), ("US", "OR", []), ("US", "IN", []),
    ("GB", "KT", []), ("US", None, []),
])
def test_postal_names_only_for_us_and_canada_and_never_a_word(cc, postal, names):
    assert build.postal_names(cc, postal) == names


@pytest.mark.parametrize("name, is_county", [
    ("Harris County", True), ("Orleans Parish", True), ("North Slope Borough", True),
    ("City of Richmond", False),
])
def test_county_names_end_in_a_division_word(name, is_county):
    assert bool(build.COUNTY_WORDS.search(name)) == is_county


def test_ap_state_abbreviations_name_one_state_each():
    keys = [k for forms in build.AP_STATE_ABBREVIATIONS.values()
            for k in {name_key(a) for a in forms}]
    assert len(keys) == len(set(keys)) and all(keys)
