"""strike_map: layers per actor, honest precision, escaped popups, offline HTML."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import subprocess
import sys

import pytest

gpd = pytest.importorskip("geopandas")
pytest.importorskip("folium")
import shapely  # noqa: E402

from geostrikes.errors import InputError, OutputError  # noqa: E402
from geostrikes.frame import events_frame  # noqa: E402
from geostrikes.render import strike_map as sm  # noqa: E402
from geostrikes.render.offline import check_self_contained  # noqa: E402
from geostrikes.render.strike_map import save_map, strike_map, to_html  # noqa: E402
from geostrikes.render.style import actor_colour  # noqa: E402

PWN = "window.__pwned=1"
HOSTILE = {
    "script": f"<script>{PWN}</script>",
    "img": f'<img src=x onerror="{PWN}">',
    "js_url": f"javascript:{PWN}",
    "close": f"</script><script>{PWN}</script>",
}


@pytest.fixture
def outlines():
    return gpd.GeoDataFrame({"kind": ["country", "country", "admin1"]},
                            geometry=[shapely.box(38, 29, 49, 38), shapely.box(33, 28, 38, 34),
                                      shapely.box(44, 33, 46, 35)], crs="EPSG:4326")


@pytest.fixture
def frame(sample_events):
    return events_frame(sample_events, country_names={"IQ": "Iraq", "IL": "Testland"})


def hostile_frame():
    return gpd.GeoDataFrame({
        "actor1": [HOSTILE["img"]], "stance": ["claimed"], "precision": ["exact"],
        "quote": [f"{HOSTILE['script']} then {HOSTILE['close']}"], "title": [HOSTILE["img"]],
        "location": [HOSTILE["close"]], "url": [HOSTILE["js_url"]],
        "source": ["`${" + PWN + "}`"], "attributed_by": [HOSTILE["script"]],
        "event_date": [dt.date(2024, 4, 22)],
    }, geometry=[shapely.Point(44.0, 33.0)], crs="EPSG:4326")


def payloads(m):
    return {p["actor"]: p for p in (json.loads(child.payload) for child in m._children.values()
                                    if child._name == "ActorLayer")}


def normalised(page):
    return re.sub(r"_[0-9a-f]{32}", "_ID", page)


def test_module_examples():
    import doctest

    assert doctest.testmod(sm).failed == 0


def test_one_layer_per_actor_in_fixed_colours(frame, outlines):
    m = strike_map(frame, basemap=outlines)
    layers = payloads(m)
    assert set(layers) == {"United States", "Israel", "unknown", "Iran", "US-led coalition"}
    assert all(p["colour"] == actor_colour(a) for a, p in layers.items())
    assert layers["Iran"]["count"] == 2
    labels = [c.layer_name for c in m._children.values() if c._name == "ActorLayer"]
    assert labels[0].count("Iran") == 1 and "#009E73" in labels[0]  # most events first
    assert "unknown" in labels[-1]


def test_precision_is_drawn_honestly(frame, outlines):
    layers = payloads(strike_map(frame, basemap=outlines))
    # points: [lat, lon, stance, radius in metres, day, popup, tooltip]
    (exact,) = layers["United States"]["points"]
    assert exact[:2] == [33.31, 44.37] and exact[3] == 0
    (near,) = layers["Israel"]["points"]
    assert near[3] == 25_000
    (offset,) = layers["unknown"]["points"]
    assert offset[3] == 10_000
    # areas: [geometry index, stance, days, popup, tooltip, events, is_line]
    iran = layers["Iran"]
    assert sorted(iran["geoms"][a[0]]["type"] for a in iran["areas"]) == ["Polygon", "Polygon"]
    (border,) = layers["US-led coalition"]["areas"]
    assert border[6] == 1
    assert layers["US-led coalition"]["geoms"][0]["type"] == "LineString"


def test_stances_map_to_styles(frame, outlines):
    layers = payloads(strike_map(frame, basemap=outlines))
    iran = layers["Iran"]
    stances = {iran["stances"][a[1]] for a in iran["areas"]}
    assert stances == {"accused", "claimed"}
    accused = iran["stances"].index("accused")
    assert iran["styles"]["area"][accused]["fillOpacity"] == 0


def test_page_is_self_contained_and_pruned(frame, outlines):
    page = to_html(strike_map(frame, basemap=outlines))
    check_self_contained(page)
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']?(https?:)?//", page)
    for unused in ("Bootstrap", "Font Awesome", "awesome-markers", "markercluster"):
        assert unused not in page
    assert "tile.openstreetmap" not in page
    assert len(page) < 600_000


def test_every_actor_is_in_the_legend(frame, outlines):
    page = to_html(strike_map(frame, basemap=outlines, title="Test <map>"))
    legend = json.loads(re.search(r'"gs-box gs-legend"\);\s*div\.innerHTML = ("(?:[^"\\]|\\.)*")',
                                  page).group(1))
    for actor in ("United States", "Israel", "unknown", "Iran", "US-led coalition"):
        assert f"<span>{actor}</span>" in legend
    assert "Test &lt;map&gt;" in legend
    assert "<title>Test &lt;map&gt;</title>" in page
    for text in ("claimed or confirmed", "accused or suspected", "denied", "unattributed"):
        assert text in legend


def test_popups_carry_the_facts(frame, outlines):
    layers = payloads(strike_map(frame, basemap=outlines))
    us = layers["United States"]
    # [place, date, attributed by, denied by, target, weapon, casualties, quote, source]
    fields = us["points"][0][5]
    assert fields[:2] == ["Testtown, Testshire, Iraq", "2024-04-20"]
    assert fields[4:8] == ["militia depot", "F-15", "1 killed",
                           "The U.S. military said it struck a depot."]
    for text in ('href="https://example.org/art1"', "Title of art1", "Test Wire", "2024-04-21"):
        assert text in fields[8], text
    assert "United States · claimed by the actor" in us["heads"][0]
    iran = layers["Iran"]
    province = next(a for a in iran["areas"] if iran["stances"][a[1]] == "accused")
    (fields,) = province[3]
    assert fields[2:4] == ["U.S. officials", "Iran"]
    assert "somewhere in this province" in fields[0]
    assert "within about 25 km" in layers["Israel"]["points"][0][5][0]


def test_hostile_article_text_is_escaped_everywhere(outlines):
    m = strike_map(hostile_frame(), basemap=outlines, title=HOSTILE["script"])
    page = to_html(m)
    for name in ("script", "img", "close"):
        assert HOSTILE[name] not in page
    assert 'href="javascript' not in page and "href=\\\"javascript" not in page
    assert "onerror=\"window" not in page
    # The text is still there for the reader, escaped.
    unescaped = page.replace("\\u0026", "&").replace("\\u003c", "<").replace("\\u003e", ">")
    assert html.escape(HOSTILE["script"], quote=True) in unescaped
    assert "javascript:window.__pwned=1" in unescaped
    (layer,) = payloads(m).values()
    popup = "".join(layer["points"][0][5]) + "".join(layer["heads"])
    assert "<a " not in popup and "&lt;script&gt;" in popup and "${" not in popup
    assert "<img" not in popup and "<script" not in popup
    assert '<span class="gs-url">javascript:window.__pwned=1</span>' in popup


def test_template_syntax_in_articles_is_not_evaluated(outlines):
    frame = hostile_frame()
    frame["quote"] = ["{{ 7*7111 }} {% for x in range(3) %}QZX{% endfor %}"]
    frame["actor1"] = ["{{ 6*7111 }}"]
    frame["location"] = ["{#"]
    page = to_html(strike_map(frame, basemap=outlines, title="{{ 5*5111 }}"))
    for evaluated in ("QZXQZX", "49777", "42666", "25555"):
        assert evaluated not in page
    decoded = page.replace("\\u0026", "&").replace("\\u007b", "{").replace("&#123;", "{")
    for text in ("{{ 7*7111 }}", "{{ 6*7111 }}", "{{ 5*5111 }}"):
        assert text in decoded


def test_country_level_events_are_listed_in_a_panel(frame, outlines):
    page = to_html(strike_map(frame, basemap=outlines))
    assert "Country-level reports (1)" in page
    assert "Iran said it launched missiles." in page


def test_date_filter_spans_the_event_dates(frame, outlines):
    page = to_html(strike_map(frame, basemap=outlines))
    lo = (dt.date(2024, 4, 13) - dt.date(1970, 1, 1)).days
    hi = (dt.date(2024, 4, 20) - dt.date(1970, 1, 1)).days
    assert f'min=\\"{lo}\\" max=\\"{hi}\\"' in page
    layers = payloads(strike_map(frame, basemap=outlines))
    assert layers["United States"]["points"][0][4] == hi


def test_no_date_filter_for_a_single_date(outlines):
    page = to_html(strike_map(hostile_frame(), basemap=outlines))
    assert "gs-from" not in page


def test_many_points_are_clustered_on_canvas(frame, outlines):
    m = strike_map(frame, basemap=outlines, cluster_threshold=0)
    assert all(p["fast"] for p in payloads(m).values() if p["points"])
    page = to_html(m)
    assert "L.MarkerClusterGroup.include" in page
    assert "L.MarkerClusterGroup.include" not in to_html(strike_map(frame, basemap=outlines))


def test_offline_by_default_and_tiles_on_request(frame, outlines):
    assert "tile.openstreetmap.org" not in to_html(strike_map(frame, basemap=outlines))
    page = to_html(strike_map(frame, tiles="OpenStreetMap"))
    assert "tile.openstreetmap.org" in page
    custom = to_html(strike_map(frame, tiles="https://tiles.example/{z}/{x}/{y}.png"))
    assert "https://tiles.example/{z}/{x}/{y}.png" in custom and "tiles.example" in custom


def test_basemap_is_in_a_low_pane_with_attribution(frame, outlines):
    page = to_html(strike_map(frame, basemap=outlines))
    assert re.search(r'createPane\(\s*"gs-basemap"\);\s*\S+\.style\.zIndex = 150;', page)
    assert "Natural Earth" in page and "GeoNames" in page and "Who\\u0027s On First" in page
    none = to_html(strike_map(frame, basemap=False))
    assert "gs-basemap" not in none


def test_default_basemap_asks_the_gazetteer_for_the_events_countries(frame, outlines,
                                                                   monkeypatch):
    from geostrikes.render import basemap

    asked = []
    monkeypatch.setattr(basemap, "gazetteer_outlines",
                        lambda codes: asked.append(set(codes)) or outlines)
    page = to_html(strike_map(frame))
    assert asked == [{"IQ", "IL"}]
    assert "gs-basemap" in page


def test_events_without_a_place_are_counted_not_drawn(frame, outlines):
    frame = frame.copy()
    frame.loc[0, "geometry"] = None
    m = strike_map(frame, basemap=outlines)
    assert payloads(m)["United States"]["points"] == []
    assert "1 report without a place not drawn." in to_html(m)


def test_list_of_strike_events_is_accepted(sample_events, outlines):
    assert len(payloads(strike_map(sample_events, basemap=outlines))) == 5


def test_plain_dataframe_is_refused():
    import pandas as pd

    with pytest.raises(InputError, match="GeoDataFrame"):
        strike_map(pd.DataFrame({"actor1": ["Iran"]}))


def test_empty_input_still_renders():
    page = to_html(strike_map(gpd.GeoDataFrame(geometry=[], crs="EPSG:4326"), basemap=False))
    assert "No events." in page


def test_rendering_is_deterministic_up_to_folium_ids(frame, outlines):
    first = normalised(to_html(strike_map(frame, basemap=outlines)))
    second = normalised(to_html(strike_map(frame, basemap=outlines)))
    assert first == second


def test_notebook_view_is_a_self_contained_iframe(frame, outlines):
    view = strike_map(frame, basemap=outlines)._repr_html_()
    assert view.startswith('<iframe srcdoc="')
    srcdoc = html.unescape(re.match(r'<iframe srcdoc="([^"]*)"', view).group(1))
    assert normalised(srcdoc) == normalised(to_html(strike_map(frame, basemap=outlines)))
    check_self_contained(srcdoc)


def test_save_map_writes_self_contained_html(frame, outlines, tmp_path):
    m = strike_map(frame, basemap=outlines)
    out = save_map(m, tmp_path / "map.html")
    check_self_contained(out.read_text(encoding="utf-8"))
    m.save(str(tmp_path / "again.html"))
    check_self_contained((tmp_path / "again.html").read_text(encoding="utf-8"))
    with pytest.raises(OutputError):
        save_map(m, tmp_path / "missing" / "map.html")


def test_importing_the_module_does_not_import_folium():
    code = ("import sys, geostrikes.render.strike_map; "
            "print([m for m in ('folium', 'geopandas', 'pandas') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


# The command line over strike_map: tests/cli/test_help.py checks its help text.

def test_cli_maps_an_events_file(sample_events, tmp_path):
    from click.testing import CliRunner

    from geostrikes.cli.main import cli
    from geostrikes.export import write_events

    events = write_events(events_frame(sample_events, country_names={"IQ": "Iraq"}),
                          tmp_path / "events.geojson")
    out = tmp_path / "map.html"
    result = CliRunner().invoke(cli, ["map", str(events), "-o", str(out), "--title", "T <1>",
                                      "--cluster-threshold", "0"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    check_self_contained(page)
    assert "<title>T &lt;1&gt;</title>" in page
    assert "The U.S. military said it struck a depot." in page
    assert "wrote a map of 6 events" in result.output


def test_cli_tells_events_files_from_articles(tmp_path):
    from geostrikes.cli.map import _is_events_file

    (tmp_path / "events.json").write_text('{"type": "FeatureCollection", "features": []}')
    (tmp_path / "articles.json").write_text('[{"id": "a", "text": "A strike hit."}]')
    (tmp_path / "feed.jsonl").write_text('{"id": "a", "text": "x"}\n')
    assert _is_events_file(str(tmp_path / "events.json"))
    assert _is_events_file("e.parquet") and _is_events_file("e.gpkg")
    assert not _is_events_file(str(tmp_path / "articles.json"))
    assert not _is_events_file(str(tmp_path / "feed.jsonl"))
    assert not _is_events_file(str(tmp_path)) and not _is_events_file("-")


def test_cli_reports_an_unwritable_output_in_one_line(sample_events, tmp_path):
    from click.testing import CliRunner

    from geostrikes.cli.main import cli
    from geostrikes.export import write_events

    events = write_events(events_frame(sample_events, country_names={}),
                          tmp_path / "events.geojson")
    result = CliRunner().invoke(cli, ["map", str(events), "-o",
                                      str(tmp_path / "missing" / "map.html")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
