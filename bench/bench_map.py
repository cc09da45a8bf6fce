"""How big and how fast are strike maps of 1,000 to 100,000 events?

Usage: python bench/bench_map.py [--sizes 1000 10000 100000] [--peer-sizes 1000 10000]
                                 [--seed 1] [--keep DIR]

For each size, synthetic events (random places in the Middle East, eight
actors, mixed stances and precisions, reproducible from --seed) are mapped
with geostrikes.render.strike_map, and reported:

* build: seconds to build the map and render it as self-contained HTML;
* size: the HTML file's size;
* drawn: seconds from navigation until the page has loaded, run every
  script and painted two frames, in headless Chromium with the network cut
  off (Leaflet adds layers synchronously, so by then every layer is added);
  the number of events Leaflet reports as drawn is checked.

As a peer in the same run, folium's plain MarkerCluster of CircleMarkers with
popups (one folium element per event) is measured the same way for the
--peer-sizes (not 100,000: that takes minutes), and the ratios are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ACTORS = ("United States", "Israel", "Iran", "Houthis", "Iran-backed militias",
          "US-led coalition", "Turkey", "unknown")
STANCES = ("claimed", "confirmed", "accused", "suspected", "denied", "unattributed")
PRECISIONS = (("exact", 0.60), ("near", 0.15), ("offset", 0.05), ("admin1", 0.14),
              ("border", 0.02), ("country", 0.04))
LON, LAT = (34.0, 60.0), (13.0, 40.0)
FRAME_JS = ("new Promise(r => requestAnimationFrame(() => requestAnimationFrame("
            "() => r(performance.now()))))")


def synthetic_events(n: int, seed: int = 1):
    """An events frame of ``n`` reproducible synthetic events."""
    import geopandas as gpd
    import shapely

    rng = random.Random(seed)
    # Fixed pools of shapes, as real events share provinces, countries and borders.
    provinces = [shapely.box(x, y, x + rng.uniform(0.8, 2.5), y + rng.uniform(0.8, 2.0))
                 for x, y in ((rng.uniform(*LON), rng.uniform(*LAT)) for _ in range(60))]
    countries = [shapely.box(x, y, x + rng.uniform(4, 8), y + rng.uniform(3, 6))
                 for x, y in ((rng.uniform(*LON), rng.uniform(*LAT)) for _ in range(10))]
    borders = [shapely.LineString([(x, y), (x + rng.uniform(-2, 2), y + rng.uniform(1, 3))])
               for x, y in ((rng.uniform(*LON), rng.uniform(*LAT)) for _ in range(8))]
    names, weights = zip(*PRECISIONS, strict=True)
    start = dt.date(2023, 1, 1)
    rows, geoms = [], []
    for i in range(n):
        precision = rng.choices(names, weights)[0]
        if precision == "admin1":
            geom = rng.choice(provinces)
        elif precision == "country":
            geom = rng.choice(countries)
        elif precision == "border":
            geom = rng.choice(borders)
        else:
            geom = shapely.Point(round(rng.uniform(*LON), 4), round(rng.uniform(*LAT), 4))
        actor = rng.choice(ACTORS)
        geoms.append(geom)
        rows.append({
            "actor1": actor,
            "stance": "unattributed" if actor == "unknown" else rng.choice(STANCES),
            "precision": precision,
            "radius_km": rng.choice((5.0, 10.0, 25.0)) if precision in ("near", "offset")
            else None,
            "location": f"Place {i % 997}",
            "event_date": start + dt.timedelta(days=rng.randrange(730)),
            "quote": f"Synthetic report {i}: a strike hit a target near Place {i % 997}.",
            "title": f"Synthetic article {i // 3}",
            "url": f"https://news.example/{i // 3}",
            "source": "Example Wire",
            "fatalities": rng.choice((None, 0, 1, 2, 5)),
        })
    return gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")


def build_geostrikes(frame, out: Path) -> float:
    from geostrikes.render.strike_map import save_map, strike_map

    started = time.perf_counter()
    save_map(strike_map(frame, basemap=False), out)
    return time.perf_counter() - started


def build_marker_cluster(frame, out: Path) -> float:
    """folium's plain MarkerCluster: one CircleMarker element (with popup) per event."""
    import folium
    import folium.plugins

    from geostrikes.render.escape import escape
    from geostrikes.render.offline import inline_assets
    from geostrikes.render.style import actor_colour

    started = time.perf_counter()
    m = folium.Map(location=[30, 45], zoom_start=5, tiles=None, maxZoom=18)
    cluster = folium.plugins.MarkerCluster().add_to(m)
    for row in frame.itertuples():
        point = row.geometry.representative_point()
        folium.CircleMarker([point.y, point.x], radius=6, color=actor_colour(row.actor1),
                            fill=True, popup=folium.Popup(str(escape(row.quote)))
                            ).add_to(cluster)
    out.write_text(inline_assets(m.get_root().render()), encoding="utf-8")
    return time.perf_counter() - started


def drawn(browser, path: Path) -> tuple[float, int | None]:
    """Seconds until loaded and painted, and the events Leaflet reports drawn."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    requests: list[str] = []

    def block(route):
        if route.request.url.startswith(("file:", "data:", "about:", "blob:")):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    page.route("**/*", block)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri(), wait_until="load", timeout=600_000)
    painted = page.evaluate(FRAME_JS) / 1000
    count = page.evaluate("window.geostrikes ? window.geostrikes.visible() : null")
    page.close()
    if requests or errors:
        raise RuntimeError(f"{path.name}: requests {requests[:3]}, errors {errors[:3]}")
    return painted, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--peer-sizes", type=int, nargs="*", default=[1000, 10_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the HTML files in this folder")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench_map_"))
    folder.mkdir(parents=True, exist_ok=True)
    results: dict[tuple[str, int], tuple[float, int, float]] = {}
    print(f"{'method':<24}{'events':>8}{'build s':>10}{'size MB':>10}{'drawn s':>10}"
          f"{'drawn n':>10}")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for n in sorted(set(args.sizes) | set(args.peer_sizes)):
            frame = synthetic_events(n, args.seed)
            runs = [("geostrikes", build_geostrikes)] if n in args.sizes else []
            if n in args.peer_sizes:
                runs.append(("folium MarkerCluster", build_marker_cluster))
            for method, build in runs:
                out = folder / f"{method.split()[0].lower()}_{n}.html"
                seconds = build(frame, out)
                size = out.stat().st_size
                painted, count = drawn(browser, out)
                results[method, n] = (seconds, size, painted)
                shown = "" if count is None else str(count)
                print(f"{method:<24}{n:>8}{seconds:>10.2f}{size / 1e6:>10.2f}{painted:>10.2f}"
                      f"{shown:>10}", flush=True)
                if count is not None and count != len(frame[~frame.geometry.is_empty]):
                    raise RuntimeError(f"{count} of {n} events drawn")
        browser.close()
    for n in args.peer_sizes:
        if ("geostrikes", n) in results and ("folium MarkerCluster", n) in results:
            ours, peer = results["geostrikes", n], results["folium MarkerCluster", n]
            print(f"{n} events, folium MarkerCluster / geostrikes: build "
                  f"{peer[0] / ours[0]:.1f}x, size {peer[1] / ours[1]:.1f}x, "
                  f"drawn {peer[2] / ours[2]:.1f}x")
    if args.keep is None:
        for path in folder.glob("*.html"):
            path.unlink()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
