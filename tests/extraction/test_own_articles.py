"""The fictional evaluation articles in tests/data: robust properties of the extraction.

The full scorer lives outside the repository (../shared/eval/score.py); here we only
check what must hold whatever the extractor's recall: nothing is extracted from the
articles that report no strike, and every event that is extracted is well formed.
The gold files themselves are checked for schema errors too.
"""

from __future__ import annotations

import csv
import json
import math
import os
from importlib import resources
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
ARTICLES = DATA / "articles"
GOLD = DATA / "gold"

STANCES = {"claimed", "confirmed", "accused", "suspected", "denied", "unattributed"}
PRECISIONS = {"exact", "near", "admin1", "border", "country"}
GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                  "GeometryCollection"}


def _gold() -> dict[str, dict]:
    return {p.name[: -len(".gold.json")]: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(GOLD.glob("*.gold.json"))}


def _article_ids() -> list[str]:
    return sorted(p.stem for p in ARTICLES.glob("*.txt"))


def _gazetteer_present() -> bool:
    override = os.environ.get("GEOSTRIKES_GAZETTEER")
    if override:
        return Path(override).is_file()
    return Path(str(resources.files("geostrikes.data").joinpath("gazetteer.sqlite"))).is_file()


@pytest.fixture(scope="module")
def features(tmp_path_factory):
    if not _gazetteer_present():
        pytest.skip("no gazetteer: build geostrikes/data/gazetteer.sqlite "
                    "or set GEOSTRIKES_GAZETTEER")
    import geostrikes
    from geostrikes.export import write_events

    articles = list(geostrikes.read_articles(ARTICLES))
    assert sorted(a.id for a in articles) == _article_ids()
    events = geostrikes.extract(articles)
    path = write_events(events, tmp_path_factory.mktemp("own") / "own.geojson")
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    return doc["features"]


# --- the data itself -------------------------------------------------------------------


def test_every_article_has_gold_and_metadata():
    ids = _article_ids()
    assert len(ids) >= 24
    assert sorted(_gold()) == ids
    with open(ARTICLES / "articles.csv", newline="", encoding="utf-8") as f:
        rows = {row["article_id"]: row for row in csv.DictReader(f)}
    assert sorted(rows) == ids
    for aid, row in rows.items():
        assert row["published"], aid
        headline = (ARTICLES / f"{aid}.txt").read_text(encoding="utf-8").splitlines()[0]
        assert row["title"] == headline.strip(), aid


@pytest.mark.parametrize("article_id", _article_ids())
def test_article_length(article_id):
    words = len((ARTICLES / f"{article_id}.txt").read_text(encoding="utf-8").split())
    assert 150 <= words <= 600, words


@pytest.mark.parametrize("article_id", _article_ids())
def test_gold_schema(article_id):
    doc = _gold()[article_id]
    assert doc["article_id"] == article_id
    assert isinstance(doc["is_strike_article"], bool)
    assert isinstance(doc["other_toponyms"], list)
    if not doc["is_strike_article"]:
        assert doc["events"] == []
        return
    assert any(not e.get("optional") for e in doc["events"])
    for event in doc["events"]:
        assert event["precision"] in PRECISIONS
        assert -90 <= event["lat"] <= 90 and -180 <= event["lon"] <= 180
        assert len(event["country"]) == 2 and event["country"].isupper()
        pairs = event.get("acceptable") or [
            {"actor": a, "stance": s}
            for a in (event["actor"] if isinstance(event["actor"], list) else [event["actor"]])
            for s in (event["stance"] if isinstance(event["stance"], list) else [event["stance"]])
        ]
        assert pairs
        for pair in pairs:
            assert pair["actor"] and pair["stance"] in STANCES, pair


def test_enough_negative_controls():
    assert sum(not doc["is_strike_article"] for doc in _gold().values()) >= 6


# --- the extraction --------------------------------------------------------------------


def test_nothing_extracted_from_articles_without_strikes(features):
    negatives = {aid for aid, doc in _gold().items() if not doc["is_strike_article"]}
    found = sorted({f["properties"]["article_id"] for f in features} & negatives)
    assert found == []


def test_every_event_is_well_formed(features):
    ids = set(_article_ids())
    for feature in features:
        props = feature["properties"]
        assert props["article_id"] in ids
        assert isinstance(props["actor"], str) and props["actor"].strip()
        assert props["stance"] in STANCES
        _check_geometry(feature["geometry"])


def _check_geometry(geometry):
    import shapely.geometry

    assert geometry and geometry["type"] in GEOMETRY_TYPES
    shape = shapely.geometry.shape(geometry)
    assert not shape.is_empty and shape.is_valid
    minx, miny, maxx, maxy = shape.bounds
    assert all(math.isfinite(v) for v in (minx, miny, maxx, maxy))
    assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
