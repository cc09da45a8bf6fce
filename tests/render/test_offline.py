"""Rendered pages carry their assets inline and load nothing from the network."""

from __future__ import annotations

import importlib
import re

import pytest

from geostrikes.render import offline
from geostrikes.render.offline import (
    OfflineAssetError,
    check_self_contained,
    inline_assets,
    local_assets,
)

LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"


def test_module_examples():
    import doctest

    assert doctest.testmod(offline).failed == 0


def test_every_asset_folium_and_its_cluster_plugin_emit_has_a_local_copy():
    pytest.importorskip("folium")
    import folium
    import folium.plugins

    urls = [u for _n, u in [*folium.Map.default_js, *folium.Map.default_css,
                            *folium.plugins.MarkerCluster.default_js,
                            *folium.plugins.MarkerCluster.default_css]]
    missing = [u for u in urls if u not in local_assets()]
    assert missing == []


def test_stock_folium_page_becomes_self_contained():
    pytest.importorskip("folium")
    import folium
    import folium.plugins

    m = folium.Map(tiles=None)
    folium.plugins.MarkerCluster().add_to(m)
    page = inline_assets(m.get_root().render())
    check_self_contained(page)
    assert "https://cdn" not in re.sub(r"<script>.*?</script>|<style>.*?</style>", "", page,
                                       flags=re.S)
    assert "Leaflet 1.9.3" in page


def test_closing_tags_inside_payloads_are_escaped():
    assets = {"https://x.test/a.js": "var s = '</script><script>x()</SCRIPT>'; // <!-- c",
              "https://x.test/a.css": "p::after{content:'</style>'}"}
    page = ('<head><script src="https://x.test/a.js"></script>'
            '<link rel="stylesheet" href="https://x.test/a.css"/></head>')
    out = inline_assets(page, assets=assets)
    assert out.lower().count("</script") == 1 and out.lower().count("</style") == 1
    assert "<\\/script><script>x()<\\/SCRIPT>" in out and "<\\!--" in out


def test_protocol_relative_and_entity_encoded_urls_are_found():
    assets = {"https://x.test/a.js?v=1&w=2": "ok()"}
    page = "<script src='//x.test/a.js?v=1&amp;w=2'></script>"
    assert inline_assets(page, assets=assets) == "<script>ok()</script>"


def test_missing_local_copy_fails_loudly_naming_the_url():
    page = ('<script src="https://x.test/a.js"></script>'
            '<link rel="stylesheet" href="https://y.test/b.css">')
    with pytest.raises(OfflineAssetError, match=r"https://x\.test/a\.js.*https://y\.test/b\.css"):
        inline_assets(page, assets={})


def test_other_remote_links_fail_too():
    with pytest.raises(OfflineAssetError, match="icon"):
        inline_assets('<link rel="icon" href="https://x.test/icon.png">', assets={})


def test_dropped_assets_are_removed():
    page = '<script src="https://x.test/a.js"></script><p>x</p>'
    assert inline_assets(page, drop=["https://x.test/a.js"], assets={}) == "<p>x</p>"


def test_data_uris_and_inline_scripts_are_left_alone():
    page = '<script src="data:text/javascript,1"></script><script>var a = 1;</script>'
    assert inline_assets(page, assets={}) == page


@pytest.mark.parametrize("page", [
    '<script src="https://x.test/a.js"></script>',
    "<SCRIPT SRC='http://x.test/a.js'></SCRIPT>",
    '<link rel="stylesheet" href="//x.test/a.css">',
    '<link rel="preload" href="https://x.test/font.woff2">',
    "<style>@import url('https://x.test/a.css');</style>",
    '<style>@import "https://x.test/a.css";</style>',
    "<style>p{background:url(https://x.test/bg.png)}</style>",
])
def test_check_finds_remote_references(page):
    with pytest.raises(OfflineAssetError, match="x.test"):
        check_self_contained(page)


def test_check_ignores_tag_like_strings_inside_scripts():
    check_self_contained("<script>var t = '<script src=\"https://x.test/a.js\">';</script>"
                         '<a href="https://example.org">a link is not a request</a>')


def test_missing_wheel_is_reported_with_what_to_install(monkeypatch):
    real = importlib.import_module

    def fake(name, *args):
        if name.startswith("offlinefolium"):
            raise ImportError("No module named 'offlinefolium'")
        return real(name, *args)

    local_assets.cache_clear()
    monkeypatch.setattr(importlib, "import_module", fake)
    try:
        with pytest.raises(OfflineAssetError, match="folium-offline"):
            local_assets()
    finally:
        local_assets.cache_clear()


def test_renamed_private_dict_is_reported(monkeypatch):
    module = importlib.import_module("offlinefolium.elements")
    local_assets.cache_clear()
    monkeypatch.delattr(module, "_res")
    try:
        with pytest.raises(OfflineAssetError, match="_res"):
            local_assets()
    finally:
        monkeypatch.undo()
        local_assets.cache_clear()
    assert LEAFLET_JS in local_assets()


def test_offline_asset_error_is_a_geostrikes_error():
    from geostrikes.errors import GeostrikesError

    assert issubclass(OfflineAssetError, GeostrikesError)
