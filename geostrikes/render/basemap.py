"""A tile-free basemap: country and province outlines from the bundled gazetteer.

Tile servers are out of reach on an air-gapped machine, so the default map
draws its own ground: land-filled country outlines and, for the countries
the events are in, province outlines. They are clipped to the events' region
plus a margin, simplified (0.02° for countries, 0.01° for provinces, well
under a screen pixel at the zooms a region is read at) and rounded to 0.001°,
which keeps a Middle East basemap near 100 KB.

The layer lives in its own pane with z-index 150, below Leaflet's overlay
pane (400), so its opaque land fill never hides an event, and it ignores the
mouse so that clicks reach the events. The outlines' sources are credited
in the map's attribution control.

Examples
--------
>>> import geopandas as gpd, shapely
>>> world = gpd.GeoDataFrame({"name": ["Testland"]},
...                          geometry=[shapely.box(30, 20, 50, 40)], crs="EPSG:4326")
>>> layer = basemap_layer(world, (40.0, 30.0, 41.0, 31.0))
>>> layer.data["features"][0]["geometry"]["type"]
'Polygon'
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

__all__ = ["ATTRIBUTION", "PANE", "PANE_Z_INDEX", "region", "gazetteer_outlines",
           "basemap_layer"]

ATTRIBUTION = ("Outlines: <a href=\"https://www.naturalearthdata.com/\">Natural Earth</a>, "
               "<a href=\"https://www.geonames.org/\">GeoNames</a>, "
               "<a href=\"https://whosonfirst.org/\">Who's On First</a>")
PANE = "gs-basemap"
PANE_Z_INDEX = 150
_TOLERANCE = {"country": 0.02, "admin1": 0.01}
_GRID = 0.001
_STYLE = {
    "country": {"color": "#8a8a8a", "weight": 0.8, "opacity": 1.0, "fill": True,
                "fillColor": "#f6f4ef", "fillOpacity": 1.0},
    "admin1": {"color": "#bdbdbd", "weight": 0.5, "opacity": 1.0, "fill": False},
}


def region(bounds: Sequence[float], margin: float | None = None
           ) -> tuple[float, float, float, float]:
    """Expand ``(minx, miny, maxx, maxy)`` by a margin, within the world.

    Parameters
    ----------
    bounds : sequence of 4 floats
        Longitude/latitude bounds of the events.
    margin : float, optional
        Degrees to add on each side; by default half the larger side, and at
        least 3°, so a single event still shows its neighbours.

    Examples
    --------
    >>> region((44.0, 33.0, 45.0, 34.0))
    (41.0, 30.0, 48.0, 37.0)
    """
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    if margin is None:
        margin = max(3.0, 0.5 * max(maxx - minx, maxy - miny))
    return (max(-180.0, minx - margin), max(-90.0, miny - margin),
            min(180.0, maxx + margin), min(90.0, maxy + margin))


def gazetteer_outlines(country_codes: Iterable[str] = ()) -> gpd.GeoDataFrame | None:
    """Country outlines, plus province outlines of some countries, from the gazetteer.

    Parameters
    ----------
    country_codes : iterable of str
        ISO alpha-2 codes whose provinces to include (border codes such as
        ``"IQ-SY"`` count for both countries).

    Returns
    -------
    geopandas.GeoDataFrame or None
        Columns ``id``, ``name``, ``country_code``, ``kind`` (``country`` or
        ``admin1``) and geometry; None, with a warning, when the bundled
        gazetteer is not available (the map then has no basemap).

    Examples
    --------
    >>> outlines = gazetteer_outlines(["IQ"])  # doctest: +SKIP
    >>> sorted(outlines["kind"].unique())  # doctest: +SKIP
    ['admin1', 'country']
    """
    import pandas as pd

    from geostrikes.errors import GazetteerError

    codes = sorted({part.strip().upper() for code in country_codes if isinstance(code, str)
                    for part in code.split("-") if len(part.strip()) == 2})
    try:
        from geostrikes.geocode.gazetteer import default_gazetteer

        gazetteer = default_gazetteer()
        countries = gazetteer.outlines("country").assign(kind="country")
        provinces = gazetteer.outlines("admin1", codes).assign(kind="admin1") if codes else None
    except (ImportError, AttributeError, GazetteerError) as exc:
        warnings.warn(f"no basemap: the bundled gazetteer's outlines are not available ({exc})",
                      stacklevel=2)
        return None
    frames = [countries] if provinces is None else [countries, provinces]
    return pd.concat(frames, ignore_index=True)


def _feature_collection(outlines: gpd.GeoDataFrame, box: tuple[float, float, float, float],
                        fill: bool) -> dict[str, Any]:
    import shapely

    kinds = (outlines["kind"].astype(str) if "kind" in outlines.columns
             else ["country"] * len(outlines))
    features = []
    for kind in ("country", "admin1"):
        mask = [k == kind for k in kinds]
        geoms = outlines.geometry.to_numpy()[mask]
        if not len(geoms):
            continue
        geoms = shapely.clip_by_rect(geoms, *box)
        geoms = shapely.simplify(geoms, _TOLERANCE[kind], preserve_topology=True)
        geoms = shapely.set_precision(geoms, _GRID, mode="pointwise")
        style = dict(_STYLE[kind])
        if not fill:
            style["fill"] = False
        for geom in geoms:
            if geom is None or geom.is_empty or geom.geom_type not in (
                    "Polygon", "MultiPolygon", "LineString", "MultiLineString"):
                continue
            features.append({"type": "Feature", "properties": {"style": style},
                             "geometry": shapely.geometry.mapping(geom)})
    return {"type": "FeatureCollection", "features": features}


def basemap_layer(outlines: gpd.GeoDataFrame, bounds: Sequence[float], *, fill: bool = True,
                  margin: float | None = None) -> folium.GeoJson:
    """Build a non-interactive GeoJson layer of outlines in the basemap pane.

    Parameters
    ----------
    outlines : geopandas.GeoDataFrame
        Polygons in EPSG:4326; an optional ``kind`` column (``country`` or
        ``admin1``, default ``country``) picks the style.
    bounds : sequence of 4 floats
        ``(minx, miny, maxx, maxy)`` of the events; outlines are clipped to
        :func:`region` of it.
    fill : bool
        Fill land (off when the map has tiles underneath).
    margin : float, optional
        Passed to :func:`region`.

    Returns
    -------
    folium.GeoJson
        Add it to a map that has a ``folium.map.CustomPane(PANE, PANE_Z_INDEX)``.

    Examples
    --------
    >>> import geopandas as gpd, shapely
    >>> gdf = gpd.GeoDataFrame(geometry=[shapely.box(0, 0, 90, 60)], crs="EPSG:4326")
    >>> basemap_layer(gdf, (10, 10, 11, 11)).options["pane"]
    'gs-basemap'
    """
    import folium

    if outlines.crs is not None and not outlines.crs.equals("EPSG:4326"):
        outlines = outlines.to_crs("EPSG:4326")
    data = _feature_collection(outlines, region(bounds, margin), fill)
    return folium.GeoJson(data, name="Outlines", control=False, pane=PANE, interactive=False,
                          attribution=ATTRIBUTION)
