"""Property tests: arbitrary text never breaks places or extract, and output stays valid."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geostrikes.export import events_to_geojson
from geostrikes.extraction.events import Extractor
from geostrikes.frame import mention_geometry
from geostrikes.geocode.geoparser import Geoparser
from geostrikes.model import Article, Stance

WORDS = st.sampled_from([
    "Israeli", "jets", "struck", "near", "Baghdad", "Tehran", "denied", "air", "strikes",
    "on", "the", "Syria-Iraq", "border", "30", "miles", "south", "of", "Diyala", "province",
    "U.S.", "officials", "said", "drone", "hit", "Sanaa", "<script>", "al-", "'", "\n", ",",
    ".", "Kobane", "suspected", "Houthis", "claimed", "İstanbul", "Ba'quba", "—", "\x00",
])
TEXTS = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join))


@pytest.fixture(scope="module")
def parser():
    return Geoparser()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_places_never_raise_and_spans_point_into_the_text(parser, text):
    for mention in parser.parse(Article("p", text)):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        geometry = mention_geometry(mention)
        assert geometry is None or geometry.is_valid


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_extract_never_raises_and_writes_strict_geojson(parser, text):
    events = Extractor(parser).extract_article(Article("p", text))
    for event in events:
        assert event.stance in set(Stance)
        assert text[event.quote_start:event.quote_end] == event.quote
    collection = events_to_geojson(events) if events else {"type": "FeatureCollection",
                                                           "features": []}
    encoded = json.dumps(collection, allow_nan=False)
    assert "crs" not in json.loads(encoded)
