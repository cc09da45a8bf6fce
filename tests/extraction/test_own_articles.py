"""The fictional evaluation articles in tests/data: robust properties of the extraction.

Five sets live there: the own articles (``articles/``, ``gold/``), on which the extractor
may be developed, and four held-out sets (``heldout/`` to ``heldout4/``) kept for
measurement only. The full scorer lives outside the repository
(../shared/eval/score.py); here we only check the data of every set (gold schema, sidecar,
article length, quoted toponyms) and, on the own set, what must hold whatever the
extractor's recall: nothing is extracted from the articles that report no strike, and
every event that is extracted is well formed. The held-out sets are not asserted on: their
figures come from the scorer.
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

# Each set: its articles folder, its gold folder and the article length (words) allowed.
SETS = {
    "own": (ARTICLES, GOLD, (150, 600)),
    "heldout": (DATA / "heldout" / "articles", DATA / "heldout" / "gold", (200, 700)),
    "heldout2": (DATA / "heldout2" / "articles", DATA / "heldout2" / "gold", (450, 950)),
    "heldout3": (DATA / "heldout3" / "articles", DATA / "heldout3" / "gold", (400, 800)),
    "heldout4": (DATA / "heldout4" / "articles", DATA / "heldout4" / "gold", (400, 800)),
}
# Each set's minimum size: articles, and articles that report no strike.
MINIMUM = {"own": (24, 6), "heldout": (24, 6), "heldout2": (16, 4), "heldout3": (12, 3),
           "heldout4": (16, 4)}

STANCES = {"claimed", "confirmed", "accused", "suspected", "denied", "unattributed"}
PRECISIONS = {"exact", "near", "admin1", "border", "country"}
GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                  "GeometryCollection"}


def _gold(name: str = "own") -> dict[str, dict]:
    gold_dir = SETS[name][1]
    return {p.name[: -len(".gold.json")]: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(gold_dir.glob("*.gold.json"))}


def _article_ids(name: str = "own") -> list[str]:
    return sorted(p.stem for p in SETS[name][0].glob("*.txt"))


def _text(name: str, article_id: str) -> str:
    return (SETS[name][0] / f"{article_id}.txt").read_text(encoding="utf-8")


ALL_ARTICLES = [(name, aid) for name in SETS for aid in _article_ids(name)]
HELDOUT_ARTICLES = [(name, aid) for name, aid in ALL_ARTICLES if name != "own"]


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


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_article_has_gold_and_metadata(name):
    articles_dir = SETS[name][0]
    ids = _article_ids(name)
    assert len(ids) >= MINIMUM[name][0]
    assert sorted(_gold(name)) == ids
    with open(articles_dir / "articles.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["article_id", "title", "published", "published_precision", "outlet", "url"]
        rows = {row["article_id"]: row for row in reader}
    assert sorted(rows) == ids
    for aid, row in rows.items():
        assert row["published"], aid
        headline = _text(name, aid).splitlines()[0]
        assert row["title"] == headline.strip(), aid


@pytest.mark.parametrize(("name", "article_id"), ALL_ARTICLES)
def test_article_length(name, article_id):
    low, high = SETS[name][2]
    words = len(_text(name, article_id).split())
    assert low <= words <= high, words


@pytest.mark.parametrize(("name", "article_id"), ALL_ARTICLES)
def test_gold_schema(name, article_id):
    doc = _gold(name)[article_id]
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


@pytest.mark.parametrize(("name", "article_id"), HELDOUT_ARTICLES)
def test_heldout_gold_quotes_the_article(name, article_id):
    """Every location text and other toponym of a held-out gold file occurs in its article."""
    text = _text(name, article_id)
    doc = _gold(name)[article_id]
    quoted = [t for e in doc["events"] for t in e["location_text"]] + doc["other_toponyms"]
    assert [t for t in quoted if t not in text] == []


@pytest.mark.parametrize("name", sorted(SETS))
def test_enough_negative_controls(name):
    assert sum(not doc["is_strike_article"] for doc in _gold(name).values()) >= MINIMUM[name][1]


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
