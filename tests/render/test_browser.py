"""The map in a real browser with the network cut off: drawn, usable, and not exploitable.

Drives Debian's Chromium through Python Playwright (no browser download).
Every request that is not file:, data:, about: or blob: is aborted and
recorded; page errors and console errors are collected; both must stay empty.
"""

from __future__ import annotations

import datetime as dt
import os
import random

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip("Debian's /usr/bin/chromium is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
gpd = pytest.importorskip("geopandas")
import pandas as pd  # noqa: E402
import shapely  # noqa: E402

from geostrikes.frame import events_frame  # noqa: E402
from geostrikes.render.strike_map import save_map, strike_map  # noqa: E402

PWN = "window.__pwned=1"
HOSTILE_QUOTE = f"<script>{PWN}</script> and </script><script>{PWN}</script>"
HOSTILE_ACTOR = f'<img src=x onerror="{PWN}">'
LOCAL = ("file:", "data:", "about:", "blob:")


def hostile_frame():
    return gpd.GeoDataFrame({
        "actor1": [HOSTILE_ACTOR], "stance": ["claimed"], "precision": ["exact"],
        "quote": [HOSTILE_QUOTE], "title": [f'<img src=x onerror="{PWN}">'],
        "location": [f"</script><script>{PWN}</script>"], "url": [f"javascript:{PWN}"],
        "source": ["`${" + PWN + "}`"], "event_date": [pd.Timestamp("2024-04-22")],
    }, geometry=[shapely.Point(44.9, 32.6)], crs="EPSG:4326")


def outlines():
    return gpd.GeoDataFrame({"kind": ["country", "country", "admin1"]},
                            geometry=[shapely.box(38, 29, 49, 38), shapely.box(33, 28, 38, 34),
                                      shapely.box(44, 33, 46, 35)], crs="EPSG:4326")


def synthetic_frame(n, seed=7):
    rng = random.Random(seed)
    actors = ["Iran", "United States"]
    return gpd.GeoDataFrame({
        "actor1": [actors[i % 2] for i in range(n)],
        "stance": [rng.choice(["claimed", "accused", "denied"]) for _ in range(n)],
        "precision": ["exact"] * n,
        "quote": [f"Synthetic strike {i}." for i in range(n)],
        "event_date": [dt.date(2024, 1, 1) + dt.timedelta(days=i % 30) for i in range(n)],
    }, geometry=[shapely.Point(rng.uniform(40, 48), rng.uniform(30, 37)) for _ in range(n)],
        crs="EPSG:4326")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


class Page:
    """A page with the network cut off, recording what went wrong."""

    def __init__(self, browser, path):
        self.requests, self.errors = [], []
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: self.errors.append(msg.text)
                     if msg.type == "error" else None)
        self.page.goto(path.as_uri(), wait_until="load")
        self.page.wait_for_function("window.geostrikes && window.geostrikes.ready",
                                    timeout=20_000)

    def _route(self, route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def js(self, code, arg=None):
        return self.page.evaluate(code, arg)

    def click_marker(self, actor):
        self.js("""actor => {
            const layer = window.geostrikes.layers.find(l => l.gsActor === actor);
            const marker = layer.gsMarkers[0];
            marker.getElement().setAttribute("data-test", "target");
            window.geostrikes.map.setView(marker.getLatLng(), 9, {animate: false});
        }""", actor)
        self.page.click("[data-test=target]")
        return self.page.inner_text(".leaflet-popup-content")


@pytest.fixture
def sample_page(browser, sample_events, tmp_path):
    frame = events_frame(sample_events, country_names={"IQ": "Iraq", "IL": "Testland"})
    frame = pd.concat([frame, hostile_frame()], ignore_index=True)
    path = save_map(strike_map(gpd.GeoDataFrame(frame, crs="EPSG:4326"), basemap=outlines(),
                               title="Browser test"), tmp_path / "map.html")
    page = Page(browser, path)
    yield page
    page.page.close()
    assert page.requests == [], "the page tried to reach the network"
    assert page.errors == [], "the page raised JavaScript errors"


def test_every_event_is_drawn(sample_page):
    assert sample_page.js("window.geostrikes.visible()") == 7
    assert sample_page.js("document.querySelectorAll('path.gs-event').length") == 7
    assert sample_page.js("document.querySelectorAll('path.gs-radius').length") == 2
    # The basemap is drawn, below the events.
    assert sample_page.js(
        "document.querySelectorAll('.leaflet-gs-basemap-pane path').length") == 3


def test_legend_names_every_actor(sample_page):
    legend = sample_page.page.inner_text(".gs-legend")
    for actor in ("United States", "Israel", "Iran", "US-led coalition", "unknown",
                  HOSTILE_ACTOR):
        assert actor in legend
    assert "claimed or confirmed" in legend and "Browser test" in legend


def test_unticking_an_actor_hides_its_events(sample_page):
    before = sample_page.js("document.querySelectorAll('path.gs-event').length")
    sample_page.page.locator(".leaflet-control-layers-overlays label",
                             has_text="Iran").locator("input").click()
    assert sample_page.js("document.querySelectorAll('path.gs-event').length") == before - 2
    assert sample_page.js("window.geostrikes.visible()") == 5
    assert not sample_page.js("""() => {
        const g = window.geostrikes.layers.find(l => l.gsActor === "Iran");
        return window.geostrikes.map.hasLayer(g); }""")


def test_clicking_a_marker_shows_its_quote(sample_page):
    text = sample_page.click_marker("United States")
    assert "The U.S. military said it struck a depot." in text
    assert "United States · claimed by the actor" in text
    assert sample_page.js(
        "document.querySelector('.leaflet-popup-content a').href") == "https://example.org/art1"


def test_date_filter_hides_events_outside_the_range(sample_page):
    sample_page.js("""() => {
        const lo = document.querySelector(".gs-from");
        lo.value = String(+lo.value + 1);
        lo.dispatchEvent(new Event("input"));
    }""")
    assert sample_page.js("window.geostrikes.visible()") == 6  # the 2024-04-13 one is gone
    assert "2024-04-14" in sample_page.page.inner_text(".gs-dates")


def test_hostile_article_text_does_not_run(sample_page):
    assert sample_page.js("window.__pwned") is None
    text = sample_page.click_marker(HOSTILE_ACTOR)
    assert sample_page.js("window.__pwned") is None
    assert f"<script>{PWN}</script>" in text and f"</script><script>{PWN}</script>" in text
    assert f"javascript:{PWN}" in text
    assert sample_page.js("document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    assert sample_page.js("document.querySelectorAll('.leaflet-container img').length") == 0
    assert HOSTILE_ACTOR in sample_page.page.inner_text(".leaflet-control-layers")


def test_clustered_actors_draw_every_event(browser, tmp_path):
    path = save_map(strike_map(synthetic_frame(600), basemap=outlines(), cluster_threshold=100),
                    tmp_path / "many.html")
    page = Page(browser, path)
    try:
        assert page.js("window.geostrikes.visible()") == 600
        assert page.js("document.querySelectorAll('.gs-cluster').length") > 0
        assert page.js("""() => window.geostrikes.layers.reduce((n, l) =>
            n + l.getLayers()[0].getLayers().length, 0)""") == 600
        # Canvas markers have no element: click where Leaflet drew one, zoomed in past clusters.
        x, y = page.js("""() => {
            const marker = window.geostrikes.layers[0].gsMarkers[0];
            window.geostrikes.map.setView(marker.getLatLng(), 18, {animate: false});
            const p = window.geostrikes.map.latLngToContainerPoint(marker.getLatLng());
            const box = window.geostrikes.map.getContainer().getBoundingClientRect();
            return [box.left + p.x, box.top + p.y]; }""")
        page.page.mouse.click(x, y)
        assert "Synthetic strike 0." in page.page.inner_text(".leaflet-popup-content")
        page.js("window.geostrikes.filter(19723, 19723)")  # 2024-01-01 only
        assert page.js("window.geostrikes.visible()") == 20
        assert page.requests == [] and page.errors == []
    finally:
        page.page.close()
