"""Export: strict RFC 7946 GeoJSON, round trips, ACLED CSV, atomic writes."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import subprocess
import sys
import warnings
from pathlib import Path

import click
import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from click.testing import CliRunner
from geopandas.testing import assert_geodataframe_equal, assert_geoseries_equal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geostrikes import export
from geostrikes.cli._formats import output_options
from geostrikes.errors import FormatError, InputError, OutputError
from geostrikes.export import (
    ACLED_COLUMNS,
    PLACE_RECORD_FIELDS,
    events_to_geojson,
    iter_features,
    read_events,
    write_events,
    write_places,
)
from geostrikes.frame import EVENT_COLUMNS, events_frame, places_frame
from geostrikes.model import Mention, Precision

COUNTRIES = {"IQ": "Iraq", "IL": "Israel"}


def strict_loads(text: str):
    def refuse(constant):
        raise ValueError(f"non-standard JSON constant {constant}")

    return json.loads(text, parse_constant=refuse)


def positions(coordinates):
    """Every [lon, lat(, z)] position in a GeoJSON coordinates array."""
    if coordinates and isinstance(coordinates[0], int | float):
        yield coordinates
        return
    for part in coordinates:
        yield from positions(part)


def geometry_positions(geometry):
    if geometry is None:
        return
    if geometry["type"] == "GeometryCollection":
        for part in geometry["geometries"]:
            yield from geometry_positions(part)
    else:
        yield from positions(geometry["coordinates"])


def signed_area(ring) -> float:
    pairs = zip(ring, ring[1:], strict=False)
    return sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in pairs)


def assert_rfc7946(doc) -> None:
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert "crs" not in feature
        assert isinstance(feature["properties"], dict)
        for lon, lat, *_ in geometry_positions(feature["geometry"]):
            assert math.isfinite(lon) and math.isfinite(lat)
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        geometry = feature["geometry"]
        if geometry and geometry["type"] == "Polygon":
            exterior, *holes = geometry["coordinates"]
            assert signed_area(exterior) > 0
            assert all(signed_area(hole) < 0 for hole in holes)


@pytest.fixture
def frame(sample_events):
    return events_frame(sample_events, country_names=COUNTRIES)


@pytest.fixture
def mentions(sample_events):
    unresolved = Mention(article_id="art3", start=4, end=11, text="Nowhere", place=None,
                         precision=Precision.EXACT, radius_km=float("nan"))
    return [e.location for e in sample_events] + [unresolved]


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("name", ["events.geojson", "events.json", "events.geojsons",
                                  "events.geojsonl", "events.jsonl", "events.parquet",
                                  "events.geoparquet", "events.gpkg"])
def test_read_events_round_trips_every_format(frame, tmp_path, name):
    path = write_events(frame, tmp_path / name)
    back = read_events(path)
    assert list(back.columns) == [*EVENT_COLUMNS, "geometry"]
    assert back.dtypes.equals(frame.dtypes)
    assert_geodataframe_equal(back, frame, check_less_precise=True, normalize=True)


def test_geojson_round_trip_through_geopandas(frame, tmp_path):
    path = write_events(frame, tmp_path / "events.geojson")
    back = gpd.read_file(path)
    assert back.crs == "EPSG:4326"
    assert_geoseries_equal(back.geometry, frame.geometry, check_less_precise=True,
                           normalize=True)
    assert back["actor"].tolist() == frame["actor1"].tolist()
    assert back["article_id"].tolist() == frame["article_id"].tolist()
    assert back["stance"].tolist() == frame["stance"].tolist()
    assert back["fatalities"].tolist()[0] == 1


def test_geoparquet_round_trip_through_geopandas(frame, tmp_path):
    path = write_events(frame, tmp_path / "events.parquet")
    back = gpd.read_parquet(path)
    for column in ("event_date", "published"):
        # Parquet has no seconds unit: datetime64[s] comes back as [ms].
        back[column] = back[column].astype(frame[column].dtype)
    assert_geodataframe_equal(back, frame)


def test_gpkg_round_trip_through_pyogrio(frame, tmp_path):
    path = write_events(frame, tmp_path / "events.gpkg")
    assert [name for name, _ in pyogrio.list_layers(path)] == ["events"]
    back = pyogrio.read_dataframe(path, layer="events")
    assert_geoseries_equal(back.geometry, frame.geometry, check_less_precise=True,
                           normalize=True)
    assert back["actor1"].tolist() == frame["actor1"].tolist()


@pytest.mark.parametrize("name", ["events.geojson", "events.geojsons", "events.geojsonl"])
def test_gdal_reads_geojson_with_same_features_and_geometry_types(frame, tmp_path, name):
    path = write_events(frame, tmp_path / name)
    back = pyogrio.read_dataframe(path)
    assert len(back) == len(frame)
    assert back.geom_type.tolist() == frame.geom_type.tolist()


def test_write_events_accepts_strike_events(sample_events, frame, tmp_path):
    path = write_events(sample_events, tmp_path / "events.geojson", country_names=COUNTRIES)
    assert_geodataframe_equal(read_events(path), frame, check_less_precise=True, normalize=True)


def test_event_without_geometry_is_null_geometry(frame, tmp_path):
    frame.loc[2, "geometry"] = None
    path = write_events(frame, tmp_path / "events.geojson")
    doc = strict_loads(path.read_text(encoding="utf-8"))
    assert doc["features"][2]["geometry"] is None
    assert len(pyogrio.read_dataframe(path)) == len(frame)
    assert read_events(path).geometry.isna().tolist() == [False, False, True, False, False, False]


# --------------------------------------------------------------------------- RFC 7946


def test_to_geojson_no_crs(frame, tmp_path):
    doc = events_to_geojson(frame)
    assert "crs" not in doc
    path = write_events(frame, tmp_path / "events.geojson")
    text = path.read_text(encoding="utf-8")
    assert '"crs"' not in text
    assert_rfc7946(strict_loads(text))


def test_scorer_properties_come_first(frame):
    feature = events_to_geojson(frame)["features"][3]
    assert list(feature["properties"])[:3] == ["article_id", "actor", "stance"]
    assert feature["properties"]["actor"] == "Iran"
    assert feature["properties"]["stance"] == "accused"
    assert set(EVENT_COLUMNS) <= set(feature["properties"])


def test_positions_are_longitude_first(frame):
    town = events_to_geojson(frame)["features"][0]
    assert town["geometry"] == {"type": "Point", "coordinates": [44.37, 33.31]}
    assert town["properties"]["longitude"] == 44.37
    assert town["properties"]["latitude"] == 33.31


def test_coordinates_are_rounded_to_six_decimals(frame):
    frame.loc[0, "geometry"] = shapely.Point(44.123456789, 33.987654321)
    feature = events_to_geojson(frame)["features"][0]
    assert feature["geometry"]["coordinates"] == [44.123457, 33.987654]


def test_clockwise_polygon_is_written_counter_clockwise(frame):
    clockwise = shapely.Polygon(
        [(44, 33), (44, 34), (45, 34), (45, 33), (44, 33)],
        holes=[[(44.2, 33.2), (44.8, 33.2), (44.8, 33.8), (44.2, 33.8), (44.2, 33.2)]],
    )
    assert not clockwise.exterior.is_ccw and clockwise.interiors[0].is_ccw
    frame.loc[3, "geometry"] = clockwise
    frame.loc[5, "geometry"] = shapely.MultiPolygon([clockwise])
    doc = events_to_geojson(frame)
    assert_rfc7946(doc)
    exterior, hole = doc["features"][3]["geometry"]["coordinates"]
    assert signed_area(exterior) > 0 and signed_area(hole) < 0
    (exterior, hole), = doc["features"][5]["geometry"]["coordinates"]
    assert signed_area(exterior) > 0 and signed_area(hole) < 0


def test_nan_and_infinity_become_null(frame, tmp_path):
    frame["radius_km"] = [math.nan, math.inf, -math.inf, 1.5, math.nan, math.nan]
    frame["latitude"] = frame["latitude"].astype(object)
    frame.loc[0, "latitude"] = math.inf
    frame["notes"] = frame["notes"].astype(object)
    frame.loc[1, "notes"] = math.nan
    text = write_events(frame, tmp_path / "events.geojson").read_text(encoding="utf-8")
    assert "NaN" not in text and "Infinity" not in text
    features = strict_loads(text)["features"]
    assert [f["properties"]["radius_km"] for f in features] == [None, None, None, 1.5, None, None]
    assert features[0]["properties"]["latitude"] is None
    assert features[1]["properties"]["notes"] is None
    assert features[0]["properties"]["injured"] is None  # Int64 <NA>


def test_dates_are_iso_8601(frame):
    props = events_to_geojson(frame)["features"][5]["properties"]
    assert props["event_date"] == "2024-04-13"
    assert props["published"] == "2024-04-21"
    frame["event_date"] = pd.NaT
    assert events_to_geojson(frame)["features"][0]["properties"]["event_date"] is None


def test_non_wgs84_geometry_is_null_with_a_warning(frame):
    frame.loc[0, "geometry"] = shapely.Point(500000, 3700000)
    with pytest.warns(UserWarning, match="out-of-range"):
        doc = events_to_geojson(frame)
    assert doc["features"][0]["geometry"] is None


def test_projected_frame_is_reprojected_to_wgs84(frame):
    projected = frame.to_crs("EPSG:32638")
    lon, lat = events_to_geojson(projected)["features"][0]["geometry"]["coordinates"]
    assert lon == pytest.approx(44.37, abs=1e-6) and lat == pytest.approx(33.31, abs=1e-6)


def test_geojsons_is_an_rfc8142_text_sequence(frame, tmp_path):
    text = write_events(frame, tmp_path / "events.geojsons").read_text(encoding="utf-8")
    records = text.split("\n")
    assert records[-1] == "" and len(records) == len(frame) + 1
    for record in records[:-1]:
        assert record.startswith("\x1e")
        assert strict_loads(record[1:])["type"] == "Feature"
    plain = write_events(frame, tmp_path / "events.geojsonl").read_text(encoding="utf-8")
    assert "\x1e" not in plain
    assert all(strict_loads(line)["type"] == "Feature" for line in plain.splitlines())


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(st.one_of(st.none(), st.text(), st.floats(), st.integers()),
                   min_size=6, max_size=6),
    counts=st.lists(st.one_of(st.none(), st.floats(), st.integers(-10**20, 10**20)),
                    min_size=6, max_size=6),
    coordinates=st.lists(st.one_of(st.none(), st.floats()), min_size=6, max_size=6),
)
def test_any_values_give_strict_json_and_rfc7946(frame, tmp_path, texts, counts, coordinates):
    frame = frame.copy()
    for column in ("actor1", "notes", "quote", "location", "stance", "article_id"):
        frame[column] = pd.Series(texts, dtype=object)
    for column in ("fatalities", "injured"):
        frame[column] = pd.Series(counts, dtype=object)
    frame["latitude"] = pd.Series(coordinates, dtype=object)
    frame["longitude"] = pd.Series(coordinates[::-1], dtype=object)
    text = write_events(frame, tmp_path / "events.geojson").read_text(encoding="utf-8")
    doc = strict_loads(text)
    assert_rfc7946(doc)
    assert len(doc["features"]) == len(frame)
    for feature in doc["features"]:
        props = feature["properties"]
        assert {"article_id", "actor", "stance"} <= set(props)
        assert props["latitude"] is None or -90 <= props["latitude"] <= 90
        assert props["longitude"] is None or -180 <= props["longitude"] <= 180
    seq = write_events(frame, tmp_path / "events.geojsons").read_text(encoding="utf-8")
    assert len(seq.split("\n")) == len(frame) + 1


# --------------------------------------------------------------------------- CSV


def test_acled_csv_has_exactly_acleds_columns_in_order(frame, tmp_path):
    frame.loc[5, "weapon"] = "ballistic missiles"
    path = write_events(frame, tmp_path / "events.csv", format="acled")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert len(ACLED_COLUMNS) == 31
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    first = table.iloc[0]
    assert first["event_id_cnty"] == "art1:1" and first["event_date"] == "2024-04-20"
    assert first["year"] == "2024" and first["iso"] == "368" and first["region"] == "Middle East"
    assert first["event_type"] == "Explosions/Remote violence"
    assert first["disorder_type"] == "Political violence"
    assert first["sub_event_type"] == "Air/drone strike"
    assert first["fatalities"] == "1" and first["inter1"] == "" and first["timestamp"] == ""
    assert table.loc[5, "sub_event_type"] == "Shelling/artillery/missile attack"
    assert table.loc[3, "tags"] == "stance=accused; attributed_by=U.S. officials; denied_by=Iran"
    assert table.loc[3, "admin1"] == "Testshire"


def test_plain_csv_has_every_column_and_wkt_geometry(frame, tmp_path):
    path = write_events(frame, tmp_path / "events.csv")
    table = pd.read_csv(path)
    assert list(table.columns) == [*EVENT_COLUMNS, "geometry"]
    assert table.loc[0, "geometry"] == "POINT (44.37 33.31)"
    assert table.loc[0, "event_date"] == "2024-04-20"
    assert shapely.from_wkt(table.loc[3, "geometry"]).geom_type == "Polygon"


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize(("name", "expected"), [
    ("e.geojson", "geojson"), ("e.JSON", "geojson"), ("e.geojsons", "geojsonseq"),
    ("e.geojsonl", "geojsonseq"), ("e.parquet", "parquet"), ("e.geoparquet", "parquet"),
    ("e.gpkg", "gpkg"), ("e.csv", "csv"), ("e.jsonl", "jsonl"),
])
def test_format_follows_the_suffix(name, expected):
    assert export.format_for(name) == expected


@click.command()
@output_options
def _write_command(output, format):
    """Write the test events."""
    write_events(_write_command.frame, output, format=format)


@pytest.mark.parametrize(("args", "check"), [
    (["-o", "out.geojson"], lambda p: strict_loads(p.read_text())["type"] == "FeatureCollection"),
    (["-o", "out.data", "--format", "geojson"],
     lambda p: strict_loads(p.read_text())["type"] == "FeatureCollection"),
    (["-o", "out.csv", "--format", "ACLED"],
     lambda p: p.read_text().startswith("event_id_cnty,event_date,year,")),
    (["-o", "out.csv"], lambda p: p.read_text().startswith("event_id,event_date,")),
    (["-o", "out.gpkg"], lambda p: p.read_bytes()[:16] == b"SQLite format 3\x00"),
    (["--output", "out.bin", "--format", "parquet"], lambda p: p.read_bytes()[:4] == b"PAR1"),
])
def test_format_follows_suffix_or_format_option(frame, tmp_path, args, check):
    _write_command.frame = frame
    with CliRunner().isolated_filesystem(temp_dir=tmp_path) as folder:
        result = CliRunner().invoke(_write_command, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert check(Path(folder) / args[1])


def test_format_option_lists_formats_in_help():
    result = CliRunner().invoke(_write_command, ["--help"])
    assert "[geojson|geojsonseq|parquet|gpkg|csv|acled|jsonl]" in result.output
    assert "-o, --output PATH" in result.output


def test_unknown_format_raises_format_error_listing_formats(frame, tmp_path):
    with pytest.raises(FormatError, match="geojson, geojsonseq, parquet, gpkg, csv"):
        write_events(frame, tmp_path / "events.xml", format="xml")
    with pytest.raises(FormatError, match=r"\.geojson"):
        write_events(frame, tmp_path / "events.txt")
    with pytest.raises(FormatError, match="jsonl"):
        write_places([], tmp_path / "places.csv", format="acled")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- atomicity


def test_missing_folder_raises_output_error(frame, tmp_path):
    with pytest.raises(OutputError, match="does not exist: create it first"):
        write_events(frame, tmp_path / "missing" / "events.geojson")


def test_folder_as_destination_raises_output_error(frame, tmp_path):
    with pytest.raises(OutputError, match="is a folder"):
        write_events(frame, tmp_path, format="geojson")


@pytest.mark.parametrize("name", ["events.geojson", "events.geojsons", "events.jsonl"])
def test_failure_mid_write_leaves_previous_file_untouched(frame, tmp_path, monkeypatch, name):
    path = tmp_path / name
    write_events(frame.iloc[:2], path)
    before = path.read_bytes()
    calls = []
    real = export._dumps

    def failing(obj):
        calls.append(obj)
        if len(calls) > 2:
            raise RuntimeError("serializer broke")
        return real(obj)

    monkeypatch.setattr(export, "_dumps", failing)
    with pytest.raises(RuntimeError, match="serializer broke"):
        write_events(frame, path)
    assert len(calls) == 3
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize("name", ["events.parquet", "events.gpkg"])
def test_engine_failure_leaves_previous_file_untouched(frame, tmp_path, monkeypatch, name):
    path = write_events(frame, tmp_path / name)
    before = path.read_bytes()

    def half_written(tmp, *args, **kwargs):
        Path(tmp).write_bytes(b"PAR1 truncated")
        raise ValueError("engine broke")

    monkeypatch.setattr(gpd.GeoDataFrame, "to_parquet",
                        lambda self, tmp, **kw: half_written(tmp))
    monkeypatch.setattr(pyogrio, "write_dataframe", lambda df, tmp, **kw: half_written(tmp))
    with pytest.raises(OutputError, match="engine broke"):
        write_events(frame, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_disk_full_on_rename_raises_output_error(frame, tmp_path, monkeypatch):
    path = tmp_path / "events.geojson"
    path.write_text("previous")

    def no_space(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OutputError, match="No space left on device"):
        write_events(frame, path)
    assert path.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.geojson"]


def test_disk_full_while_writing_raises_output_error(frame, tmp_path, monkeypatch):
    path = tmp_path / "events.geojson"
    path.write_text("previous")

    def no_space(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OutputError, match="No space left on device"):
        write_events(frame, path)
    assert path.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.geojson"]


def test_read_only_folder_raises_output_error(frame, tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() == 0:
        # root writes anywhere: simulate what a read-only folder makes creating a file do.
        real_open = os.open

        def denied(path, *args, **kwargs):
            if str(path).startswith(str(folder)):
                raise PermissionError(13, "Permission denied")
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", denied)
    else:
        folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write in") as info:
            write_events(frame, folder / "events.geojson")
        assert "\n" not in str(info.value)
    finally:
        folder.chmod(0o700)


def test_read_only_file_raises_output_error(frame, tmp_path, monkeypatch):
    path = tmp_path / "events.geojson"
    path.write_text("previous")
    monkeypatch.setattr(os, "access", lambda p, mode: False)
    with pytest.raises(OutputError, match="read-only: make it writable"):
        write_events(frame, path)
    assert path.read_text() == "previous"


# --------------------------------------------------------------------------- reading errors


@pytest.mark.parametrize(("name", "content"), [
    ("events.geojson", '{"type": "FeatureCollection", "features": ['),
    ("events.geojson", '{"type": "Topology"}'),
    ("events.geojson", '{"type": "FeatureCollection", "features": [{"type": "Feature", '
                       '"properties": {"x": NaN}, "geometry": null}]}'),
    ("events.geojson", '{"type": "FeatureCollection", "features": [{"type": "Feature", '
                       '"properties": {}, "geometry": {"type": "Point"}}]}'),
    ("events.geojson", b"\xff\xfe\x00garbage"),
    ("events.geojsons", '\x1e{"type": "Feature", "properties": {}, "geometry": null}\n\x1e{bad'),
    ("events.parquet", b"not parquet at all"),
    ("events.gpkg", b"not a geopackage"),
])
def test_malformed_file_raises_input_error(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_events(path)
    assert "\n" not in str(info.value)
    assert name in str(info.value)


def test_missing_file_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_events(tmp_path / "nothing.geojson")


def test_read_events_takes_actor1_from_actor(tmp_path):
    path = tmp_path / "scorer.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [44.4, 33.3]},
         "properties": {"article_id": "a", "actor": "Iran", "stance": "claimed",
                        "event_date": "2024-01-02", "fatalities": 3}}]}))
    back = read_events(path)
    assert back.loc[0, "actor1"] == "Iran" and "actor" not in back.columns
    assert back.loc[0, "event_date"] == pd.Timestamp("2024-01-02")
    assert str(back["fatalities"].dtype) == "Int64" and back.loc[0, "fatalities"] == 3
    assert pd.isna(back.loc[0, "injured"])


# --------------------------------------------------------------------------- places


def test_places_jsonl_streams_mentions_without_a_frame(mentions, tmp_path, monkeypatch):
    import geostrikes.frame

    def no_frame(*args, **kwargs):
        raise AssertionError("places_frame must not be built for JSON Lines")

    monkeypatch.setattr(geostrikes.frame, "places_frame", no_frame)
    seen = []

    def stream():
        for mention in mentions:
            seen.append(mention)
            yield mention

    path = write_places(stream(), tmp_path / "places.jsonl")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == len(mentions) + 1
    records = [strict_loads(line) for line in lines[:-1]]
    assert len(seen) == len(mentions)
    assert all(tuple(r) == PLACE_RECORD_FIELDS for r in records)
    assert records[0]["source_ids"] == ["test:t:1"]
    assert records[0]["latitude"] == 33.31 and records[0]["longitude"] == 44.37
    assert records[0]["locational"] is True
    last = records[-1]
    assert last["radius_km"] is None and last["place_id"] is None and last["source_ids"] == []


def test_places_jsonl_from_a_frame_matches_mentions(mentions, tmp_path):
    from_mentions = write_places(mentions, tmp_path / "a.jsonl").read_text(encoding="utf-8")
    from_frame = write_places(places_frame(mentions), tmp_path / "b.jsonl")
    assert from_frame.read_text(encoding="utf-8") == from_mentions


@pytest.mark.parametrize("name", ["places.geojson", "places.geojsons", "places.parquet",
                                  "places.gpkg", "places.csv"])
def test_places_other_formats(mentions, tmp_path, name):
    path = write_places(iter(mentions), tmp_path / name)
    if name.endswith(".csv"):
        assert len(pd.read_csv(path)) == len(mentions)
        return
    back = gpd.read_parquet(path) if name.endswith(".parquet") else pyogrio.read_dataframe(path)
    expected = places_frame(mentions)
    assert len(back) == len(expected)
    assert_geoseries_equal(back.geometry, expected.geometry, check_less_precise=True,
                           normalize=True)
    if name.endswith(".geojson"):
        assert_rfc7946(strict_loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", ["places.geojson", "places.geojsons"])
def test_places_geojson_from_a_frame_matches_mentions(mentions, tmp_path, name):
    from_mentions = write_places(mentions, tmp_path / name).read_bytes()
    from_frame = write_places(places_frame(mentions), tmp_path / f"frame.{name}")
    assert from_frame.read_bytes() == from_mentions


# --------------------------------------------------------------------------- imports


def test_import_export_stays_light():
    code = ("import sys, geostrikes.export; "
            "heavy = {'geopandas', 'shapely', 'pyogrio', 'pandas', 'pyarrow'} & set(sys.modules); "
            "assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_iter_features_is_lazy(frame):
    features = iter_features(frame)
    assert next(features)["properties"]["event_id"] == "art1:1"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(list(features)) == len(frame) - 1


# --------------------------------------------------------------------------- contract


SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"


@pytest.mark.skipif(not SCORER.is_file(), reason="shared/eval/score.py is not beside the repo")
def test_shared_scorer_reads_our_geojson(frame, tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    path = write_events(frame, tmp_path / "events.geojson")
    predictions = score.load_predictions(path)
    assert {k: len(v) for k, v in predictions.items()} == {"art1": 5, "art2": 1}
    gold = {
        "art1": {"events": [
            {"precision": "exact", "lat": 33.31, "lon": 44.37, "actor": "United States",
             "stance": "claimed"},
            {"precision": "admin1", "lat": 34.05, "lon": 45.1, "actor": "Iran",
             "stance": "accused"},
        ]},
        "art2": {"events": [{"precision": "country", "lat": 31.4, "lon": 35.05,
                             "actor": "Iran", "stance": "claimed"}]},
    }
    result = score.score(gold, predictions)
    assert result["tp"] == 3 and result["fn"] == 0
    assert result["attribution_accuracy"] == 1.0


def test_json_file_holding_one_feature_a_line_is_read(frame, tmp_path):
    seq = write_events(frame, tmp_path / "events.geojsonl")
    path = tmp_path / "events.json"
    path.write_bytes(seq.read_bytes())
    assert_geodataframe_equal(read_events(path), frame, check_less_precise=True, normalize=True)


def test_read_events_tolerates_garbage_values(tmp_path):
    path = tmp_path / "odd.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": None,
         "properties": {"latitude": "abc", "fatalities": 1e30, "event_date": "someday"}}]}))
    row = read_events(path).iloc[0]
    assert pd.isna(row["latitude"]) and pd.isna(row["fatalities"]) and pd.isna(row["event_date"])


# --------------------------------------------------------------------------- streaming


@pytest.mark.parametrize("name,fmt", [("e.geojson", None), ("e.geojsons", None),
                                      ("e.jsonl", None), ("e.csv", None), ("e.csv", "acled")])
def test_text_formats_written_in_chunks_match_one_piece(sample_events, tmp_path, name, fmt):
    whole = write_events(sample_events, tmp_path / f"whole-{name}", format=fmt,
                         country_names=COUNTRIES)
    chunked = write_events(iter(sample_events), tmp_path / f"chunked-{name}", format=fmt,
                           country_names=COUNTRIES, chunk_size=2)
    assert chunked.read_bytes() == whole.read_bytes()
    if name.endswith(".csv"):
        assert chunked.read_text(encoding="utf-8").count("event_id") == 1


def test_geoparquet_parts_read_back_as_the_one_piece_file(sample_events, tmp_path):
    import pyarrow.parquet as pq

    whole = write_events(sample_events, tmp_path / "whole.parquet", country_names=COUNTRIES)
    parts = write_events(iter(sample_events), tmp_path / "parts.parquet",
                         country_names=COUNTRIES, chunk_size=4)
    assert pq.ParquetFile(parts).metadata.num_row_groups == 2
    assert_geodataframe_equal(gpd.read_parquet(parts), gpd.read_parquet(whole))
    back = read_events(parts)
    assert list(back["event_id"]) == [e.event_id for e in sample_events]


def test_geopackage_appended_in_chunks_reads_back_every_event(sample_events, tmp_path):
    whole = pyogrio.read_dataframe(write_events(sample_events, tmp_path / "whole.gpkg",
                                                country_names=COUNTRIES))
    parts = pyogrio.read_dataframe(write_events(iter(sample_events), tmp_path / "parts.gpkg",
                                                country_names=COUNTRIES, chunk_size=4))
    assert list(parts["event_id"]) == list(whole["event_id"])
    assert parts.geometry.geom_equals(whole.geometry).all()
    pd.testing.assert_frame_equal(pd.DataFrame(parts.drop(columns="geometry")),
                                  pd.DataFrame(whole.drop(columns="geometry")))


@pytest.mark.parametrize("name", ["places.parquet", "places.gpkg", "places.csv"])
def test_places_written_in_chunks_keep_every_mention(mentions, tmp_path, name):
    path = write_places(iter(mentions), tmp_path / name, chunk_size=2)
    if name.endswith(".csv"):
        expected = write_places(mentions, tmp_path / f"whole-{name}")
        assert path.read_bytes() == expected.read_bytes()
        return
    back = gpd.read_parquet(path) if name.endswith(".parquet") else pyogrio.read_dataframe(path)
    assert list(back["text"]) == [m.text for m in mentions]


@pytest.mark.parametrize("name", ["events.parquet", "events.gpkg", "events.geojson"])
def test_failure_in_the_middle_of_a_stream_leaves_previous_file(sample_events, tmp_path, name):
    path = write_events(sample_events, tmp_path / name, country_names=COUNTRIES)
    before = path.read_bytes()

    def breaking():
        yield from sample_events[:3]
        raise RuntimeError("the run broke")

    with pytest.raises(RuntimeError, match="the run broke"):
        write_events(breaking(), path, country_names=COUNTRIES, chunk_size=2)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
