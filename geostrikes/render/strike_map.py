"""Folium maps of strike events: who struck where, and how sure anyone is.

:func:`strike_map` turns events into a Leaflet map that works on an
air-gapped machine:

* one toggleable layer per actor, in that actor's fixed colour
  (:mod:`geostrikes.render.style`); the stance is the fill and outline, so
  colour always means "who";
* precision drawn honestly: a marker for a site, a circle of ``radius_km``
  around a marker for "near" and offset places, the province's or country's
  outline for events located no better than that, the line for a border;
* popups with the place, date, actor and stance, who attributes and who
  denies, target, weapon, casualties, the quoted sentence and the source,
  every piece of article text escaped through :mod:`geostrikes.render.escape`;
* a legend, a date-range filter, a list of country-level reports, and a
  basemap of outlines instead of tiles (:mod:`geostrikes.render.basemap`).

Each actor is one Leaflet piece built in the browser from a compact JSON
table, the way folium's ``FastMarkerCluster`` works, rather than one folium
element per event: an element costs about 1 ms and 0.7 KB to render and
folium's per-element templates put text into JavaScript template literals.
The table travels in a ``<script type="application/json">`` element (raw
text to the HTML parser, fast for ``JSON.parse``, and never compiled as a
Jinja template by branca). A popup's facts arrive escaped; the page only
joins them with fixed labels when the popup opens. Above
``cluster_threshold`` points an actor's markers are drawn on a shared canvas
and clustered in the actor's colour, so 100,000 events still open.

:func:`to_html` and :func:`save_map` produce one self-contained file
(:mod:`geostrikes.render.offline`); the returned map's ``_repr_html_`` shows
the same in Jupyter, also offline and in exported notebooks.

Folium is imported by the functions that need it, not by this module.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geostrikes.errors import InputError
from geostrikes.render import style as _style
from geostrikes.render.escape import (
    Markup,
    css_color,
    escape,
    format_html,
    join_html,
    js_json,
    link,
)

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas as gpd

    from geostrikes.model import StrikeEvent

__all__ = ["strike_map", "to_html", "save_map"]

_AREA_PANE = "gs-areas"
_AREA_PANE_Z_INDEX = 390  # above the basemap, below Leaflet's overlay pane (400) of markers
_DEFAULT_BOUNDS = (25.0, 12.0, 63.0, 42.0)  # the Middle East, for a map without events
_MAX_AREA_EVENTS_SHOWN = 20
_PRECISION_TEXT = {
    "exact": None,
    "near": "near here, within about {r} km",
    "offset": "estimated from a distance and direction, within about {r} km",
    "admin2": "somewhere in this district",
    "admin1": "somewhere in this province",
    "country": "somewhere in this country",
    "border": "along this border",
}
_STANCE_INDEX = {s: i for i, s in enumerate(_style.STANCES)}
_SHAPES = ("point", "area", "circle", "line")
_CSS = """
.folium-map.leaflet-container{background:#dbe6ee}
.gs-box{background:rgba(255,255,255,.95);padding:6px 9px;border-radius:5px;
 box-shadow:0 1px 5px rgba(0,0,0,.35);font:12px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,
 "Noto Sans",sans-serif;color:#222;max-width:270px}
.gs-box .gs-h{font-weight:600;margin:5px 0 2px}
.gs-box .gs-h:first-child{margin-top:0}
.gs-title{font-weight:700;font-size:13px;margin-bottom:3px}
.gs-row{display:flex;align-items:center;gap:6px;white-space:nowrap;overflow:hidden;
 text-overflow:ellipsis}
.gs-sw{display:inline-block;width:11px;height:11px;border-radius:50%;flex:none;
 border:1px solid rgba(0,0,0,.4);vertical-align:-1px}
.gs-n{color:#666}
.gs-key{width:18px;height:18px;flex:none}
.gs-note{color:#555;font-size:11px;margin-top:4px;white-space:normal}
.gs-time input{width:170px;margin:0}
.gs-time label{display:flex;align-items:center;gap:4px}
.gs-time .gs-dates{font-variant-numeric:tabular-nums}
.gs-panel summary{cursor:pointer;font-weight:600}
.gs-panel ul{margin:4px 0 0;padding:0;list-style:none;max-height:40vh;overflow:auto}
.gs-panel li{margin:3px 0;white-space:normal}
.gs-pop{font:12px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
 max-width:330px}
.gs-pop .gs-head{font-weight:600;margin-bottom:2px}
.gs-pop table{border-collapse:collapse;margin:3px 0}
.gs-pop th{text-align:left;font-weight:600;padding:0 8px 0 0;vertical-align:top;color:#444;
 white-space:nowrap}
.gs-pop td{padding:0}
.gs-pop blockquote{margin:4px 0;padding:1px 7px;border-left:3px solid #bbb;font-style:italic}
.gs-pop hr{border:0;border-top:1px solid #ccc;margin:6px 0}
.gs-url{font-family:monospace;word-break:break-all;color:#555}
.gs-cluster div{width:100%;height:100%;border-radius:50%;display:flex;align-items:center;
 justify-content:center;color:#fff;font:600 12px system-ui,sans-serif;opacity:.9;
 border:2px solid rgba(255,255,255,.85);box-shadow:0 0 3px rgba(0,0,0,.6);
 text-shadow:0 0 2px #000,0 0 2px #000}
.leaflet-control-layers{font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.leaflet-control-layers-overlays label{margin:1px 0}
"""


# ----------------------------------------------------------------------------- data

def _texts(frame: gpd.GeoDataFrame, name: str) -> list[str | None]:
    """Return a column as stripped strings; None where missing or empty."""
    if name not in frame.columns:
        return [None] * len(frame)
    column = frame[name]
    missing = column.isna().tolist()
    values = column.astype(str).str.strip().tolist()
    return [None if gone or not value else value for value, gone in zip(values, missing,
                                                                         strict=True)]


def _numbers(frame: gpd.GeoDataFrame, name: str) -> list[float | None]:
    """Return a column as finite floats; None where missing or not a number."""
    import pandas as pd

    if name not in frame.columns:
        return [None] * len(frame)
    values = pd.to_numeric(frame[name], errors="coerce").astype("float64").tolist()
    return [v if math.isfinite(v) else None for v in values]


def _dates(frame: gpd.GeoDataFrame, name: str) -> tuple[list[int | None], list[str | None]]:
    """Days since 1970-01-01 and ``YYYY-MM-DD`` labels of a column of dates."""
    import pandas as pd

    if name not in frame.columns:
        return [None] * len(frame), [None] * len(frame)
    stamps = pd.to_datetime(frame[name], errors="coerce", utc=True).dt.tz_localize(None)
    stamps = stamps.dt.normalize()
    # Timedelta division is unit-safe (pandas 3 stores microseconds; MAPS.md pitfall 7).
    days = ((stamps - pd.Timestamp("1970-01-01")) // pd.Timedelta(days=1)).tolist()
    labels = stamps.dt.strftime("%Y-%m-%d").tolist()
    return ([int(d) if d == d else None for d in days],
            [label if isinstance(label, str) else None for label in labels])


@dataclass
class _ActorData:
    name: str
    colour: str
    points: list[list[Any]] = field(default_factory=list)
    areas: dict[tuple[bytes, int], dict[str, Any]] = field(default_factory=dict)
    geoms: list[dict[str, Any]] = field(default_factory=list)
    geom_index: dict[bytes, int] = field(default_factory=dict)
    count: int = 0

    def geometry(self, geom: Any) -> int:
        import shapely

        key = shapely.to_wkb(geom)
        if key not in self.geom_index:
            small = shapely.set_precision(shapely.simplify(geom, 0.002), 1e-4, mode="pointwise")
            self.geom_index[key] = len(self.geoms)
            self.geoms.append(shapely.geometry.mapping(small))
        return self.geom_index[key]


def _casualties(fatalities: int | None, injured: int | None) -> str | None:
    parts = []
    if fatalities is not None:
        parts.append(f"{fatalities} killed")
    if injured is not None:
        parts.append(f"{injured} injured")
    return ", ".join(parts) or None


def _km_text(radius: float | None) -> str:
    if not radius:
        return "?"
    # An uncertainty radius is itself approximate: no spurious digits.
    return f"{radius:.0f}" if radius >= 3 else f"{radius:.1f}"


def _place_text(row: dict[str, Any]) -> str | None:
    names: list[str] = []
    for name in (row["location"], row["admin1"], row["country"]):
        if name and name not in names:
            names.append(name)
    return ", ".join(names) or None


@functools.lru_cache(maxsize=4096)
def _source_html(url: str | None, title: str | None, outlet: str | None,
                 published: str | None, n_sources: int | None) -> Markup:
    # Cached: the events of one article share their source line.
    source = link(url, title or url or "untitled article")
    details = [b for b in (outlet, published) if b]
    if details:
        source = format_html("{} — {}", source, ", ".join(details))
    if (n_sources or 1) > 1:
        source = format_html("{} (and {} more)", source, n_sources - 1)
    return source


def _popup_fields(row: dict[str, Any]) -> list[str]:
    """Return the facts of a popup as escaped HTML, in the order the page reads them.

    Place, date, attributed by, denied by, target, weapon, casualties (empty
    when not reported), then the quote and the source. The browser only
    joins these with fixed labels, so every piece of article text is
    escaped here, once.
    """
    where = _place_text(row) or "place not named"
    note = _PRECISION_TEXT.get(row["precision"] or "")
    if note:
        radius = row["radius_km"]
        where = f"{where} ({note.format(r=_km_text(radius))})"
    source = _source_html(row["url"], row["title"], row["source"], row["published"],
                          row["n_sources"])
    facts = (where, row["date"] or "not reported", row["attributed_by"], row["denied_by"],
             row["target"], row["weapon"], _casualties(row["fatalities"], row["injured"]),
             row["quote"])
    return [*(escape(fact) for fact in facts), source]


_TEXT_COLUMNS = ("location", "admin1", "country", "attributed_by", "denied_by", "target",
                 "weapon", "quote", "title", "url", "source")
_POINT, _LINES, _AREAS = {0}, {1, 5}, {3, 6}  # shapely type ids


@dataclass
class _Collected:
    actors: dict[str, _ActorData] = field(default_factory=dict)
    country_rows: list[tuple[dict[str, Any], _ActorData]] = field(default_factory=list)
    undrawn: int = 0
    bounds: tuple[float, float, float, float] | None = None
    countries: set[str] = field(default_factory=set)
    days: set[int] = field(default_factory=set)


def _collect(frame: gpd.GeoDataFrame) -> _Collected:
    """Sort events into per-actor points and areas, with their popup facts."""
    import shapely

    out = _Collected()
    columns = {name: _texts(frame, name) for name in _TEXT_COLUMNS}
    raw_actors, raw_stances = _texts(frame, "actor1"), _texts(frame, "stance")
    precisions = [p.casefold() if p else None for p in _texts(frame, "precision")]
    radii = _numbers(frame, "radius_km")
    counts = {name: [int(v) if v is not None and v >= 0 else None for v in _numbers(frame, name)]
              for name in ("fatalities", "injured", "n_sources")}
    days, dates = _dates(frame, "event_date")
    _, published = _dates(frame, "published")
    out.countries = {code for code in _texts(frame, "iso") if code}

    geoms = frame.geometry.to_numpy()
    kinds = shapely.get_type_id(geoms)
    drawable = (kinds >= 0) & ~shapely.is_empty(geoms)
    if drawable.any():
        out.bounds = tuple(float(v) for v in shapely.total_bounds(geoms[drawable]))
    xs, ys = shapely.get_x(geoms).tolist(), shapely.get_y(geoms).tolist()

    by_name: dict[str | None, _ActorData] = {}
    stances: dict[str | None, str] = {}
    for i, geom in enumerate(geoms):
        actor = by_name.get(raw_actors[i])
        if actor is None:
            name = _style.actor_key(raw_actors[i])
            actor = out.actors.get(name)
            if actor is None:
                actor = out.actors[name] = _ActorData(name, _style.actor_colour(name))
            by_name[raw_actors[i]] = actor
        actor.count += 1
        kind = int(kinds[i])
        if not drawable[i] or not (kind in _POINT or kind in _LINES or kind in _AREAS):
            out.undrawn += 1
            continue
        stance = stances.get(raw_stances[i])
        if stance is None:
            stance = stances[raw_stances[i]] = _style.normalise_stance(raw_stances[i])
        s = _STANCE_INDEX[stance]
        row = {name: values[i] for name, values in columns.items()}
        row.update(precision=precisions[i], radius_km=radii[i] if radii[i] else None,
                   date=dates[i], published=published[i], **{k: v[i] for k, v in counts.items()})
        if days[i] is not None:
            out.days.add(days[i])
        tooltip = " · ".join(b for b in (actor.name, stance, _place_text(row), dates[i]) if b)
        if kind in _POINT:
            radius = row["radius_km"] if row["precision"] in ("near", "offset") else None
            actor.points.append([round(ys[i], 5), round(xs[i], 5), s,
                                 round(radius * 1000) if radius else 0, days[i],
                                 _popup_fields(row), tooltip])
            continue
        key = (geom.wkb, s)
        area = actor.areas.get(key)
        if area is None:
            area = actor.areas[key] = {
                "geom": actor.geometry(geom), "stance": s, "times": set(), "popups": [],
                "n": 0, "line": kind in _LINES, "size": geom.area, "tooltip": tooltip}
        area["n"] += 1
        if days[i] is not None:
            area["times"].add(days[i])
        if len(area["popups"]) < _MAX_AREA_EVENTS_SHOWN:
            area["popups"].append(_popup_fields(row))
        if row["precision"] == "country":
            out.country_rows.append(({**row, "stance": stance}, actor))
    return out


def _collected(frame: gpd.GeoDataFrame) -> _Collected:
    import gc

    # Building hundreds of thousands of small lists sets off the cyclic garbage
    # collector over and over; none of them form cycles. Halves a 100k build.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _collect(frame)
    finally:
        if enabled:
            gc.enable()


def _actor_payload(actor: _ActorData, fast: bool) -> dict[str, Any]:
    areas = []
    # Largest first, so that a province drawn over its country still gets the clicks.
    for area in sorted(actor.areas.values(), key=lambda a: -a["size"]):
        tooltip = escape(area["tooltip"] if area["n"] == 1 else
                         f"{area['tooltip']} ({area['n']} reports)")
        areas.append([area["geom"], area["stance"], sorted(area["times"]), area["popups"],
                      "" if fast else tooltip, area["n"], 1 if area["line"] else 0])
    points = [p[:6] + ["" if fast else escape(p[6])] for p in actor.points]
    colour = css_color(actor.colour)
    return {
        "actor": actor.name,
        "colour": colour,
        "count": actor.count,
        "fast": fast,
        "stances": list(_style.STANCES),
        "heads": [format_html("{} {} · {}", _swatch(colour), actor.name, _style.STANCE_LABELS[s])
                  for s in _style.STANCES],
        "styles": {shape: [_style.path_style(s, colour, shape) for s in _style.STANCES]
                   for shape in _SHAPES},
        "points": points,
        "areas": areas,
        "geoms": actor.geoms,
    }


# ----------------------------------------------------------------------------- HTML pieces

def _swatch(colour: str) -> Markup:
    return format_html('<span class="gs-sw" style="background:{}"></span>', css_color(colour))


def _key_svg(stance: str) -> Markup:
    st = _style.path_style(stance, "#555555", "point")
    dash = format_html(' stroke-dasharray="{}"', st["dashArray"]) if st["dashArray"] else ""
    return format_html(
        '<svg class="gs-key" viewBox="0 0 18 18"><circle cx="9" cy="9" r="6" fill="{}" '
        'fill-opacity="{}" stroke="{}" stroke-width="{}" stroke-linecap="round"{}/></svg>',
        st["fillColor"], st["fillOpacity"], st["color"], st["weight"], dash)


_PRECISION_KEYS = Markup(
    '<div class="gs-row"><svg class="gs-key" viewBox="0 0 18 18"><circle cx="9" cy="9" r="4" '
    'fill="#555"/></svg>site</div>'
    '<div class="gs-row"><svg class="gs-key" viewBox="0 0 18 18"><circle cx="9" cy="9" r="8" '
    'fill="#555" fill-opacity=".15" stroke="#555"/><circle cx="9" cy="9" r="2.5" fill="#555"/>'
    '</svg>near a place: radius of uncertainty</div>'
    '<div class="gs-row"><svg class="gs-key" viewBox="0 0 18 18"><path d="M2 4l9-2 5 7-4 7-9-2z" '
    'fill="#555" fill-opacity=".2" stroke="#555" stroke-width="1.5"/></svg>'
    'somewhere in a province or country</div>'
    '<div class="gs-row"><svg class="gs-key" viewBox="0 0 18 18"><path d="M2 15l6-6 3 2 5-9" '
    'fill="none" stroke="#555" stroke-width="3" stroke-linecap="round"/></svg>'
    'along a border</div>')


def _legend_html(actors: Sequence[_ActorData], title: str | None, undrawn: int) -> Markup:
    parts = [format_html('<div class="gs-title">{}</div>', title)] if title else []
    parts.append(Markup('<div class="gs-h">Attributed to</div>'))
    parts += [format_html('<div class="gs-row">{}<span>{}</span> <span class="gs-n">{}</span>'
                          "</div>", _swatch(a.colour), a.name, a.count) for a in actors]
    if not actors:
        parts.append(Markup('<div class="gs-note">No events.</div>'))
    parts.append(Markup('<div class="gs-h">How sure</div>'))
    rows = (("claimed", "claimed or confirmed"), ("accused", "accused or suspected"),
            ("denied", "denied"), ("unattributed", "unattributed (grey)"))
    parts += [format_html('<div class="gs-row">{}{}</div>', _key_svg(s), text) for s, text in rows]
    parts.append(Markup('<div class="gs-h">Where</div>'))
    parts.append(_PRECISION_KEYS)
    if undrawn:
        parts.append(format_html('<div class="gs-note">{} report{} without a place not drawn.'
                                 "</div>", undrawn, "" if undrawn == 1 else "s"))
    return join_html("", parts)


def _country_panel_html(rows: Sequence[tuple[dict[str, Any], _ActorData]]) -> Markup:
    items = []
    for row, actor in sorted(rows, key=lambda r: r[0]["date"] or "", reverse=True):
        quote = format_html(": “{}”", row["quote"]) if row["quote"] else ""
        items.append(format_html("<li>{} <b>{}</b> ({}) — {}, {}{}</li>", _swatch(actor.colour),
                                 actor.name, row["stance"], _place_text(row) or "?",
                                 row["date"] or "undated", quote))
    return format_html("<details><summary>Country-level reports ({})</summary><ul>{}</ul>"
                       "</details>", len(rows), join_html("", items))


def _layer_label(actor: _ActorData) -> Markup:
    return format_html('{} {} <span class="gs-n">({})</span>', _swatch(actor.colour), actor.name,
                       actor.count)


# ----------------------------------------------------------------------------- folium pieces

_ACTOR_JS = """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.featureGroup({{ this.options|tojavascript }});
(function (group, d) {
  var gs = window.geostrikes = window.geostrikes || {layers: []};
  var S = d.styles, fast = d.fast, points = group, renderer = null, areaRenderer = null;
  var popupOptions = {maxWidth: 360, maxHeight: 360};
  var labels = ["Place", "Date", "Attributed by", "Denied by", "Target", "Weapon", "Casualties"];
  function opts(base, extra) { return Object.assign({}, base, extra); }
  // The facts arrive escaped (strike_map._popup_fields); only fixed markup is added here.
  function popup(stance, f) {
    var rows = "";
    for (var i = 0; i < labels.length; i++) {
      if (f[i]) { rows += "<tr><th>" + labels[i] + "</th><td>" + f[i] + "</td></tr>"; }
    }
    return '<div class="gs-pop"><div class="gs-head">' + d.heads[stance] + "</div><table>" +
      rows + "</table>" + (f[7] ? "<blockquote>" + f[7] + "</blockquote>" : "") +
      "<div>Source: " + f[8] + "</div></div>";
  }
  function pointPopup(r) { return function () { return popup(r[2], r[5]); }; }
  function areaPopup(r) {
    return function () {
      var html = r[3].map(function (f) { return popup(r[1], f); }).join("<hr>");
      var more = r[5] - r[3].length;
      return more > 0 ? html + '<div class="gs-note">and ' + more + " more reports here</div>"
                      : html;
    };
  }
  function radiusCircle(r) {
    var circle = L.circle([r[0], r[1]], opts(S.circle[r[2]], {
      radius: r[3], pane: "gs-areas", renderer: areaRenderer,
      className: "gs-radius gs-" + d.stances[r[2]]}));
    return circle.bindPopup(pointPopup(r), popupOptions);
  }
  if (fast) {
    // One canvas per pane for every actor: a canvas each would multiply paint work.
    renderer = gs.canvas = gs.canvas || L.canvas({padding: 0.1});
    areaRenderer = gs.areaCanvas = gs.areaCanvas || L.canvas({padding: 0.1, pane: "gs-areas"});
    points = L.markerClusterGroup({
      maxClusterRadius: 45, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
      iconCreateFunction: function (cluster) {
        var n = cluster.getChildCount(), size = n < 100 ? 30 : n < 1000 ? 36 : 44;
        return L.divIcon({html: '<div style="background:' + d.colour + '">' + n + '</div>',
                          className: "gs-cluster", iconSize: L.point(size, size)});
      }
    });
    // Popups (and uncertainty circles) are made on the first click, not for every marker.
    points.on("click", function (e) {
      var marker = e.layer, r = marker && marker.gsRow;
      if (!r || marker.getPopup()) { return; }
      marker.bindPopup(pointPopup(r), popupOptions);
      if (r[3] > 0) {
        var circle = radiusCircle(r);
        marker.on("popupopen", function () { group.addLayer(circle); });
        marker.on("popupclose", function () { group.removeLayer(circle); });
      }
      marker.openPopup();
    });
  }
  var areas = d.areas.map(function (r) {
    var o = opts(r[6] ? S.line[r[1]] : S.area[r[1]], {
      pane: "gs-areas", renderer: areaRenderer,
      className: "gs-event gs-area gs-" + d.stances[r[1]]});
    var layer = L.geoJSON(d.geoms[r[0]], opts(o, {style: function () { return o; }}));
    layer.bindPopup(areaPopup(r), popupOptions);
    if (r[4]) { layer.bindTooltip(r[4], {sticky: true}); }
    layer.gsTimes = r[2];
    layer.gsCount = r[5];
    group.addLayer(layer);
    return layer;
  });
  var pointOptions = d.stances.map(function (stance, s) {
    return opts(S.point[s], {radius: 6, renderer: renderer,
                             className: "gs-event gs-point gs-" + stance});
  });
  var markers = d.points.map(function (r) {
    var marker = L.circleMarker([r[0], r[1]], pointOptions[r[2]]);
    marker.gsTime = r[4];
    if (fast) {
      marker.gsRow = r;
    } else {
      marker.bindPopup(pointPopup(r), popupOptions);
      if (r[6]) { marker.bindTooltip(r[6], {sticky: true}); }
      if (r[3] > 0) { marker.gsCircle = radiusCircle(r); group.addLayer(marker.gsCircle); }
      group.addLayer(marker);
    }
    return marker;
  });
  var pending = fast;
  if (fast) {
    group.addLayer(points);
    // Cluster once on the map: before that, the cluster group checks every new
    // marker against a plain array of the pending ones, which is quadratic.
    group.once("add", function () {
      pending = false;
      points.addLayers(markers.filter(function (m) { return !m.gsHidden; }));
    });
  }

  group.gsActor = d.actor;
  group.gsColour = d.colour;
  group.gsCount = d.count;
  group.gsAreas = areas;
  group.gsMarkers = markers;
  group.gsFilter = function (t0, t1) {
    areas.forEach(function (layer) {
      var show = layer.gsTimes.length === 0 || layer.gsTimes.some(function (t) {
        return t >= t0 && t <= t1; });
      if (show === !layer.gsHidden) { return; }
      layer.gsHidden = !show;
      if (show) { group.addLayer(layer); } else { layer.closePopup(); group.removeLayer(layer); }
    });
    var on = [], off = [];
    markers.forEach(function (m) {
      var show = m.gsTime === null || (m.gsTime >= t0 && m.gsTime <= t1);
      if (show === !m.gsHidden) { return; }
      m.gsHidden = !show;
      (show ? on : off).push(m);
    });
    off.forEach(function (m) { m.closePopup(); });
    if (fast) {
      if (pending) { return; }
      if (off.length) { points.removeLayers(off); }
      if (on.length) { points.addLayers(on); }
      return;
    }
    off.forEach(function (m) {
      group.removeLayer(m);
      if (m.gsCircle) { group.removeLayer(m.gsCircle); }
    });
    on.forEach(function (m) {
      if (m.gsCircle) { group.addLayer(m.gsCircle); }
      group.addLayer(m);
    });
  };
  group.gsVisible = function () {
    var n = 0;
    areas.forEach(function (l) { n += l.gsHidden ? 0 : l.gsCount; });
    markers.forEach(function (m) { n += m.gsHidden ? 0 : 1; });
    return n;
  };
  gs.layers.push(group);
})({{ this.get_name() }},
   JSON.parse(document.getElementById({{ this.data_id|tojson }}).textContent));
{% endmacro %}
"""

_VIEW_JS = """
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.fitBounds({{ this.bounds|tojson }},
  {padding: [30, 30], maxZoom: 8, animate: false});
{% endmacro %}
"""

_CONTROL_JS = """
{% macro script(this, kwargs) %}
(function () {
  var control = L.control({position: {{ this.position|tojson }}});
  control.onAdd = function () {
    var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
    div.innerHTML = {{ this.content }};
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    {{ this.on_add }}
    return div;
  };
  control.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}
"""

_DATE_FILTER_JS = """
var lo = div.querySelector(".gs-from"), hi = div.querySelector(".gs-to");
var out = div.querySelector(".gs-dates");
function day(t) { return new Date(t * 86400000).toISOString().slice(0, 10); }
function apply(event) {
  var a = +lo.value, b = +hi.value;
  if (a > b) {
    if (event && event.target === lo) { hi.value = a; b = a; } else { lo.value = b; a = b; }
  }
  out.textContent = day(a) + " – " + day(b);
  window.geostrikes.filter(a, b);
}
lo.addEventListener("input", apply);
hi.addEventListener("input", apply);
out.textContent = day(+lo.value) + " – " + day(+hi.value);
"""

_READY_JS = """
{% macro script(this, kwargs) %}
(function (map) {
  var gs = window.geostrikes = window.geostrikes || {layers: []};
  gs.map = map;
  gs.filter = function (t0, t1) { gs.layers.forEach(function (l) { l.gsFilter(t0, t1); }); };
  gs.visible = function () {
    return gs.layers.reduce(function (n, l) {
      return n + (map.hasLayer(l) ? l.gsVisible() : 0); }, 0);
  };
  requestAnimationFrame(function () { requestAnimationFrame(function () {
    gs.ready = performance.now();
  }); });
})({{ this._parent.get_name() }});
{% endmacro %}
"""


@functools.cache
def _folium_classes() -> Any:
    """Folium subclasses, defined on first use so that importing this module stays light."""
    from types import SimpleNamespace

    import folium
    import folium.plugins
    from branca.element import Element
    from folium.elements import JSCSSMixin
    from folium.template import Template

    # Leaflet and jQuery only: folium's Bootstrap, Font Awesome and awesome-markers
    # defaults are 1.2 MB this map never uses (jQuery stays for folium popups added later).
    map_js = [(n, u) for n, u in folium.Map.default_js if n in ("leaflet", "jquery")]
    map_css = [(n, u) for n, u in folium.Map.default_css if n == "leaflet_css"]
    cluster_js = list(folium.plugins.MarkerCluster.default_js)
    cluster_css = [(n, u) for n, u in folium.plugins.MarkerCluster.default_css
                   if n == "markerclustercss"]

    class StrikeMap(folium.Map):
        """A folium map whose notebook view and ``save`` are self-contained."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # Per map, not per class: add_js_link() appends to these lists.
            self.default_js = list(map_js)
            self.default_css = list(map_css)

        def _repr_html_(self, **kwargs: Any) -> str:
            return _iframe(to_html(self))

        def save(self, outfile: Any, close_file: bool = True, **kwargs: Any) -> None:
            if isinstance(outfile, str | os.PathLike):
                save_map(self, outfile)
            else:
                page = to_html(self)
                outfile.write(page.encode("utf-8") if "b" in getattr(outfile, "mode", "")
                              else page)
                if close_file:
                    outfile.close()

    class Raw(Element):
        """Text put into the page as it is, never parsed as a Jinja template."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

        def render(self, **kwargs: Any) -> str:
            return self.text

    class ActorLayer(JSCSSMixin, folium.FeatureGroup):
        """One actor's events, built in the browser from a JSON table."""

        _template = Template(_ACTOR_JS)

        def __init__(self, payload: dict[str, Any], label: str) -> None:
            super().__init__(name=label, overlay=True, control=True, show=True)
            self._name = "ActorLayer"
            self.payload = js_json(payload)
            self.data_id = f"{self.get_name()}_data"
            self.default_js = list(cluster_js) if payload["fast"] else []
            self.default_css = list(cluster_css) if payload["fast"] else []

        def render(self, **kwargs: Any) -> None:
            # The table goes in a JSON script element: the browser reads that as
            # raw text and JSON.parse is far faster than parsing a JavaScript
            # literal of the same size; and branca would otherwise compile the
            # rendered script, table included, as a Jinja template.
            self.get_root().html.add_child(Raw(
                f'<script type="application/json" id="{self.data_id}">{self.payload}</script>'),
                name=self.data_id)
            super().render(**kwargs)

    class Control(folium.MacroElement):
        """A Leaflet control holding escaped HTML."""

        _template = Template(_CONTROL_JS)

        def __init__(self, content: Markup, position: str, css_class: str,
                     on_add: str = "") -> None:
            super().__init__()
            self._name = "Control"
            self.content = js_json(str(content))
            self.position = position
            self.css_class = css_class
            self.on_add = on_add

    class View(folium.MacroElement):
        """Fit the map to the events before they are added, so clusters are built once."""

        _template = Template(_VIEW_JS)

        def __init__(self, bounds: list[list[float]]) -> None:
            super().__init__()
            self._name = "View"
            self.bounds = bounds

    class Ready(folium.MacroElement):
        """Registers the map and marks when the first frame with every layer is drawn."""

        _template = Template(_READY_JS)

        def __init__(self) -> None:
            super().__init__()
            self._name = "Ready"

    return SimpleNamespace(StrikeMap=StrikeMap, ActorLayer=ActorLayer, Control=Control,
                           View=View, Ready=Ready)


def _iframe(page: str, height: int = 600) -> str:
    return format_html(
        '<iframe srcdoc="{}" style="width:100%;height:{}px;border:0" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>',
        page, height)


def _frame(events: Any) -> gpd.GeoDataFrame:
    import geopandas as gpd

    if isinstance(events, gpd.GeoDataFrame):
        try:
            events.geometry  # noqa: B018 - raises when there is no active geometry column
        except AttributeError as exc:
            raise InputError("the events frame has no geometry column; build it with "
                             "geostrikes.events_frame or read it with geostrikes.read_events"
                             ) from exc
        return events
    if hasattr(events, "columns"):
        raise InputError("events must be a GeoDataFrame with a geometry column, or a list of "
                         "StrikeEvent; read event files with geostrikes.read_events")
    from geostrikes.errors import GazetteerError
    from geostrikes.frame import events_frame

    events = list(events)
    try:
        return events_frame(events)
    except (ImportError, GazetteerError):
        # Country names come from the gazetteer; a map can do without them.
        return events_frame(events, country_names={})


def _tile_layer(tiles: str) -> folium.TileLayer:
    from urllib.parse import urlsplit

    import folium

    if "{" in tiles:
        host = urlsplit(tiles).hostname or "custom tiles"
        return folium.TileLayer(tiles, attr=str(escape(f"Tiles: {host}")), max_zoom=18)
    return folium.TileLayer(tiles, max_zoom=18)


def _date_filter(days: Iterable[int]) -> Any:
    lo, hi = min(days), max(days)
    content = format_html(
        '<div class="gs-h">Event dates</div>'
        '<label>from <input type="range" class="gs-from" min="{lo}" max="{hi}" value="{lo}" '
        'step="1" aria-label="first date"></label>'
        '<label>to&nbsp;&nbsp;&nbsp; <input type="range" class="gs-to" min="{lo}" max="{hi}" '
        'value="{hi}" step="1" aria-label="last date"></label>'
        '<div class="gs-dates"></div><div class="gs-note">Undated reports stay shown.</div>',
        lo=lo, hi=hi)
    return _folium_classes().Control(content, "bottomleft", "gs-box gs-time", _DATE_FILTER_JS)


def strike_map(events: Iterable[StrikeEvent] | gpd.GeoDataFrame, *, tiles: str | None = None,
               basemap: gpd.GeoDataFrame | bool | None = None, cluster_threshold: int = 500,
               title: str | None = None) -> folium.Map:
    r"""Map strike events by attributed actor, drawn as precisely as they are known.

    Parameters
    ----------
    events : list of StrikeEvent or geopandas.GeoDataFrame
        Events from :func:`geostrikes.extract`, or an events frame
        (:func:`geostrikes.events_frame`, :func:`geostrikes.read_events`).
    tiles : str, optional
        None (default) draws the offline outline basemap and makes no
        request at all. A folium tile name (``"OpenStreetMap"``,
        ``"CartoDB Positron"``) or a URL template
        (``"https://tiles.example/{z}/{x}/{y}.png"``) opts into online tiles.
    basemap : geopandas.GeoDataFrame or bool, optional
        Outlines to draw under the events (EPSG:4326; an optional ``kind``
        column, ``country`` or ``admin1``, picks the style). None (default)
        takes countries, and the provinces of the events' countries, from
        the bundled gazetteer when there are no tiles; False draws none.
    cluster_threshold : int
        An actor with more point events than this is drawn on a canvas and
        clustered, so that large sets stay fast.
    title : str, optional
        Shown on the legend and as the page title.

    Returns
    -------
    folium.Map
        A ``folium.Map`` subclass whose ``save`` and Jupyter view are
        self-contained; see also :func:`save_map` and :func:`to_html`.

    Examples
    --------
    >>> import geostrikes
    >>> events = geostrikes.extract(geostrikes.read_articles("seeds/"))  # doctest: +SKIP
    >>> m = strike_map(events, title="Seeds")  # doctest: +SKIP
    >>> save_map(m, "map.html")  # doctest: +SKIP

    Without the gazetteer, from an events frame and your own outlines:

    >>> import geopandas as gpd, shapely
    >>> frame = gpd.GeoDataFrame({"actor1": ["Iran"], "stance": ["claimed"],
    ...     "precision": ["exact"], "quote": ["Iran said it struck <here>."]},
    ...     geometry=[shapely.Point(44.4, 33.3)], crs="EPSG:4326")
    >>> land = gpd.GeoDataFrame(geometry=[shapely.box(38, 29, 49, 38)], crs="EPSG:4326")
    >>> html = to_html(strike_map(frame, basemap=land))
    >>> "Iran said it struck &lt;here&gt;." in html.replace("\\u0026", "&")
    True
    """
    import folium

    classes = _folium_classes()
    frame = _frame(events)
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    found = _collected(frame)
    ordered = sorted(found.actors.values(),
                     key=lambda a: (a.name == "unknown", -a.count, a.name.casefold()))
    bounds = found.bounds or _DEFAULT_BOUNDS
    centre = [(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2]

    m = classes.StrikeMap(location=centre, zoom_start=5, tiles=None, control_scale=True,
                          maxZoom=18, minZoom=2)
    root = m.get_root()
    root.title = str(escape(title or "geostrikes map"))
    root.header.add_child(folium.Element(f"<style>{_CSS}</style>"), name="geostrikes_css")
    if tiles is not None:
        _tile_layer(tiles).add_to(m)

    outlines = basemap
    if outlines is None and tiles is None:
        from geostrikes.render.basemap import gazetteer_outlines

        outlines = gazetteer_outlines(found.countries)
    if outlines is not None and outlines is not False and outlines is not True:
        from geostrikes.render.basemap import PANE, PANE_Z_INDEX, basemap_layer

        # Above opaque tiles (200) when there are any, else at the bottom.
        folium.map.CustomPane(PANE, z_index=PANE_Z_INDEX if tiles is None else 250,
                              pointer_events=False).add_to(m)
        basemap_layer(outlines, bounds, fill=tiles is None).add_to(m)
    folium.map.CustomPane(_AREA_PANE, z_index=_AREA_PANE_Z_INDEX, pointer_events=True).add_to(m)
    if found.bounds:
        classes.View([[bounds[1], bounds[0]], [bounds[3], bounds[2]]]).add_to(m)

    for actor in ordered:
        fast = len(actor.points) > cluster_threshold
        classes.ActorLayer(_actor_payload(actor, fast), str(_layer_label(actor))).add_to(m)

    classes.Control(_legend_html(ordered, title, found.undrawn), "bottomright",
                    "gs-box gs-legend").add_to(m)
    if len(found.days) > 1:
        _date_filter(found.days).add_to(m)
    if found.country_rows:
        classes.Control(_country_panel_html(found.country_rows), "topleft",
                        "gs-box gs-panel").add_to(m)
    folium.LayerControl(position="topright", collapsed=len(ordered) > 12).add_to(m)
    classes.Ready().add_to(m)
    return m


def to_html(m: folium.Map) -> str:
    """Render a map as one self-contained HTML page.

    Parameters
    ----------
    m : folium.Map
        Any folium map; every CDN asset it uses is inlined.

    Returns
    -------
    str
        HTML that loads nothing from the network (online tiles excepted,
        when the map has them).

    Raises
    ------
    geostrikes.render.offline.OfflineAssetError
        When an asset has no local copy.

    Examples
    --------
    >>> import geopandas as gpd
    >>> page = to_html(strike_map(gpd.GeoDataFrame(geometry=[]), basemap=False))
    >>> "cdn.jsdelivr" in page
    False
    """
    from geostrikes.render.offline import inline_assets

    return inline_assets(m.get_root().render())


def save_map(m: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write a map as one self-contained HTML file, atomically.

    Parameters
    ----------
    m : folium.Map
        The map, e.g. from :func:`strike_map`.
    path : path-like
        Where to write; an earlier file is replaced only once the new one
        is complete.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    geostrikes.errors.OutputError
        When the folder is missing or not writable.

    Examples
    --------
    >>> import geopandas as gpd, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "map.html"
    >>> save_map(strike_map(gpd.GeoDataFrame(geometry=[]), basemap=False), out).exists()
    True
    """
    from geostrikes._atomic import atomic_open

    page = to_html(m)
    with atomic_open(path, "w", encoding="utf-8") as fh:
        fh.write(page)
    return Path(path)
