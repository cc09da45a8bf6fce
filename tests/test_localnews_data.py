"""The fictional US local-news geoparsing set in tests/data/localnews: its data is sound.

The set is scored by the external scorer (../shared/eval/geoparse.py); here we only check
what the scorer relies on, without it: the XML parses in the LGL layout it reads, every
gold span's text is the phrase the source marked, coordinates are in range, the XML is
exactly what build.py makes of the sources, and build.py's own checks catch the mistakes
they are there for. Nothing here runs the geoparser.
"""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "data" / "localnews"
SETS = ("dev", "test")


def _build_module():
    spec = importlib.util.spec_from_file_location("localnews_build", HERE / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _build_module()


def _articles(name: str) -> list[ET.Element]:
    return ET.parse(HERE / f"{name}.xml").getroot().findall("article")


@pytest.mark.parametrize("name", SETS)
def test_set_has_25_articles_with_unique_ids(name):
    ids = [art.get("docid") for art in _articles(name)]
    assert len(ids) == 25
    assert len(set(ids)) == 25
    assert all(i.startswith(f"{name}-") for i in ids)


def test_dev_and_test_share_no_article():
    texts = {name: {art.findtext("text") for art in _articles(name)} for name in SETS}
    assert not texts["dev"] & texts["test"]


@pytest.mark.parametrize("name", SETS)
def test_every_span_is_its_phrase_and_coordinates_are_in_range(name):
    for art in _articles(name):
        text = art.findtext("text")
        assert 150 <= len(text.split()) <= 450, art.get("docid")
        toponyms = art.findall("toponyms/toponym")
        assert toponyms, art.get("docid")
        for top in toponyms:
            start, end = int(top.findtext("start")), int(top.findtext("end"))
            assert 0 <= start < end <= len(text)
            assert text[start:end] == top.findtext("phrase"), (art.get("docid"), start)
            lat, lon = float(top.findtext("gaztag/lat")), float(top.findtext("gaztag/lon"))
            assert -90 <= lat <= 90 and -180 <= lon <= 180
            # a span never starts or ends inside a word
            assert start == 0 or not text[start - 1].isalnum()
            assert end == len(text) or not text[end].isalnum()


@pytest.mark.parametrize("name", SETS)
def test_xml_is_what_the_source_builds(name):
    built = BUILD.serialise(BUILD.build(name, BUILD.load_places(HERE / "places.tsv")))
    assert (HERE / f"{name}.xml").read_bytes() == built


@pytest.mark.parametrize("name", SETS)
def test_source_markup_matches_the_xml_spans(name):
    """Each [[surface|key]] in the source is one toponym, in order, with that surface."""
    source = (HERE / f"{name}.src.txt").read_text(encoding="utf-8")
    marked = [m.group(1) for m in re.finditer(r"\[\[([^\[\]|]+)\|[^\[\]]+\]\]", source)]
    phrases = [top.findtext("phrase") for art in _articles(name) for top in art.iter("toponym")]
    assert phrases == marked


def test_dateline_city_and_intended_namesake_differ_by_article():
    """The set's point: the same name is meant as different places in different articles."""
    coords: dict[str, set[tuple[float, float]]] = {}
    for name in SETS:
        for art in _articles(name):
            for top in art.iter("toponym"):
                point = (round(float(top.findtext("gaztag/lat"))), round(float(top.findtext("gaztag/lon"))))
                coords.setdefault(top.findtext("phrase"), set()).add(point)
    for town in ("Springfield", "Salem", "Paris", "Athens", "Columbus", "Lebanon", "Berlin"):
        assert len(coords[town]) >= 3, town


def _render(body: str, places: dict | None = None):
    return BUILD.render(body, places or {})


def test_build_computes_offsets_from_the_markup():
    text, tops = _render("Rain fell in [[Cairo|@37.0,-89.2]], [[Ill.|@40.0,-89.2]], on {{Monday}}.")
    assert text == "Rain fell in Cairo, Ill., on Monday."
    assert [(t["start"], t["end"], t["phrase"]) for t in tops] == [(13, 18, "Cairo"), (20, 24, "Ill.")]
    assert text[13:18] == "Cairo"


def test_build_rejects_an_unmarked_repeat_and_an_unknown_key():
    body = "[[Salem|@44.9,-123.0]] voted. " + "word " * 160 + "Salem agreed."
    text, tops = _render(body)
    with pytest.raises(BUILD.BuildError, match="not marked"):
        BUILD.check_article("x", text, tops, [])
    with pytest.raises(BUILD.BuildError, match="not in places.tsv"):
        _render("[[Salem|US.OR/Salem]] voted.")


def test_build_rejects_a_short_article():
    text, tops = _render("[[Salem|@44.9,-123.0]] voted.")
    with pytest.raises(BUILD.BuildError, match="words"):
        BUILD.check_article("x", text, tops, [])
