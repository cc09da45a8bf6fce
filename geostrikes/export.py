"""Events and place mentions out to files, and events back in.

Strike events leave geostrikes as an events GeoDataFrame (see
:mod:`geostrikes.frame`) written in one of these formats, chosen by
``format=`` or else by the file's suffix:

==============  ============================  =====================================
format          suffixes                      what is written
==============  ============================  =====================================
``geojson``     ``.geojson``, ``.json``       RFC 7946 FeatureCollection
``geojsonseq``  ``.geojsons``, ``.geojsonl``  one Feature a line (RFC 8142 text
                                              sequence; ``.geojsonl`` without the
                                              RS separator, as GDAL does)
``jsonl``       ``.jsonl``, ``.ndjson``       JSON Lines: for events one Feature
                                              a line, for places one flat record
``parquet``     ``.parquet``, ``.geoparquet`` GeoParquet
``gpkg``        ``.gpkg``                     GeoPackage, layer ``events`` or
                                              ``places``
``csv``         ``.csv``                      every column, geometry as WKT
``acled``       (``format="acled"`` only)     CSV in ACLED's export columns
==============  ============================  =====================================

GeoJSON is written by a small serializer of our own rather than by GDAL so
that it is strict RFC 7946 whatever the data hold: no ``crs`` member,
``[longitude, latitude]`` positions rounded to 6 decimals, polygon exteriors
counter-clockwise, ``null`` for every missing or non-finite value, ISO 8601
dates. Each Feature carries ``article_id``, ``actor`` (= ``actor1``) and
``stance`` first, which is what the scorer reads, then every other column.

Every file goes through :func:`geostrikes._atomic.atomic_path`: it is written
beside the destination and renamed over it only when complete, so a failure
never leaves a truncated file nor clobbers an earlier result.

Examples
--------
>>> from geostrikes.export import format_for
>>> format_for("events.geojson")
'geojson'
>>> format_for("events.csv", "acled")
'acled'
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import numbers
import os
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from geostrikes._atomic import atomic_open, atomic_path
from geostrikes.errors import FormatError, InputError, OutputError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

    from geostrikes.model import Mention

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "ACLED_COLUMNS",
    "PLACE_RECORD_FIELDS",
    "format_for",
    "events_to_geojson",
    "iter_features",
    "write_events",
    "read_events",
    "place_record",
    "write_places",
]

FORMATS = ("geojson", "geojsonseq", "parquet", "gpkg", "csv", "acled", "jsonl")

SUFFIXES = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".geojsons": "geojsonseq",
    ".geojsonl": "geojsonseq",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
    ".gpkg": "gpkg",
    ".csv": "csv",
}

_ALIASES = {
    "json": "geojson",
    "geojsons": "geojsonseq",
    "geojsonl": "geojsonseq",
    "ndjson": "jsonl",
    "geoparquet": "parquet",
    "geopackage": "gpkg",
}

# Suffixes whose readers expect plain newline-delimited records, not RFC 8142's
# RS-prefixed ones (GDAL's GeoJSONSeq driver makes the same choice).
_NO_RS_SUFFIXES = {".geojsonl", ".jsonl", ".ndjson"}
_RS = "\x1e"

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

PLACE_RECORD_FIELDS = (
    "article_id", "start", "end", "text", "name", "kind", "latitude", "longitude",
    "country_code", "precision", "locational", "source_ids", "place_id", "admin1", "role",
    "radius_km",
)

#: Events or mentions made into one frame and written at a time.
CHUNK_SIZE = 5000

_DATE_COLUMNS = ("event_date", "published")
_INT_COLUMNS = ("time_precision", "geo_precision", "fatalities", "injured", "quote_start",
                "quote_end", "n_sources")
_FLOAT_COLUMNS = ("latitude", "longitude", "radius_km")
_LEAD_PROPERTIES = ("article_id", "actor", "stance")
_DECIMALS = 6

# ACLED's `iso` is the ISO 3166-1 numeric code and `region` its own grouping.
# Only the theatres the gazetteer covers are listed; others are left blank.
_ACLED_COUNTRY = {
    "AE": (784, "Middle East"), "BH": (48, "Middle East"), "IL": (376, "Middle East"),
    "IQ": (368, "Middle East"), "IR": (364, "Middle East"), "JO": (400, "Middle East"),
    "KW": (414, "Middle East"), "LB": (422, "Middle East"), "OM": (512, "Middle East"),
    "PS": (275, "Middle East"), "QA": (634, "Middle East"), "SA": (682, "Middle East"),
    "SY": (760, "Middle East"), "TR": (792, "Middle East"), "YE": (887, "Middle East"),
    "EG": (818, "Northern Africa"), "LY": (434, "Northern Africa"),
    "SD": (729, "Northern Africa"), "AF": (4, "South Asia"), "PK": (586, "South Asia"),
    "SO": (706, "Eastern Africa"), "UA": (804, "Europe"), "RU": (643, "Europe"),
}
_MISSILE = re.compile(r"missile|rocket|artiller|shell|mortar|howitzer", re.IGNORECASE)
# An air-launched missile is still an air strike in ACLED's coding.
_AIRCRAFT = re.compile(r"drone|uav|aircraft|air ?strike|jet|plane|helicopter|\bf-\d",
                       re.IGNORECASE)


# --------------------------------------------------------------------------- formats


def format_for(path: str | os.PathLike[str], format: str | None = None, *,
               allowed: Iterable[str] = FORMATS) -> str:
    """Return the output format: ``format`` when given, else ``path``'s suffix's.

    Parameters
    ----------
    path : path-like
        The output file.
    format : str, optional
        One of :data:`FORMATS` (case-insensitive; ``geoparquet``,
        ``geopackage``, ``ndjson`` are accepted as aliases).
    allowed : iterable of str
        The formats the caller can write.

    Returns
    -------
    str
        A member of ``allowed``.

    Raises
    ------
    FormatError
        When the format is unknown, not allowed, or cannot be told from the suffix.

    Examples
    --------
    >>> format_for("out/events.GeoParquet")
    'parquet'
    >>> format_for("x.txt")
    Traceback (most recent call last):
    ...
    geostrikes.errors.FormatError: cannot tell the format of 'x.txt' from its suffix: ...
    """
    allowed = tuple(allowed)
    choices = ", ".join(allowed)
    if format is not None:
        name = _ALIASES.get(format.lower(), format.lower())
        if name not in allowed:
            raise FormatError(f"unknown format {format!r} here: use one of {choices}")
        return name
    suffix = Path(path).suffix.lower()
    name = SUFFIXES.get(suffix)
    if name is None or name not in allowed:
        suffixes = ", ".join(s for s, f in SUFFIXES.items() if f in allowed)
        raise FormatError(f"cannot tell the format of {str(path)!r} from its suffix: use one of "
                          f"{suffixes}, or give a format ({choices})")
    return name


# --------------------------------------------------------------------------- JSON values


def _clean_text(text: str) -> str:
    # Lone surrogates (from broken decoders) cannot be encoded as UTF-8.
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    return text


def _jsonable(value: Any) -> Any:
    """Return a JSON-safe copy of one value; non-finite and missing values become None."""
    if value is None:
        return None
    if isinstance(value, str):
        return _clean_text(value)
    kind = type(value).__name__
    if kind in ("NAType", "NaTType"):
        return None
    if isinstance(value, bool) or kind in ("bool", "bool_"):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, dt.date):
        return value.isoformat()
    if kind == "datetime64":
        import pandas as pd

        return _jsonable(pd.Timestamp(value))
    if isinstance(value, dict):
        return {_clean_text(str(k)): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset) or kind == "ndarray":
        return [_jsonable(v) for v in value]
    return _clean_text(str(value))


def _date_string(value: Any) -> str | None:
    """``YYYY-MM-DD`` for a date-like value, None when missing."""
    value = _jsonable(value)
    if value is None:
        return None
    return value[:10] if isinstance(value, str) and re.match(r"\d{4}-\d\d-\d\d", value) else value


def _coordinate(value: Any, limit: float) -> float | None:
    """Round a latitude/longitude property; None when missing or out of range."""
    number = _jsonable(value)
    if not isinstance(number, float | int) or isinstance(number, bool) or abs(number) > limit:
        return None
    return round(float(number), _DECIMALS)


def _dumps(obj: Any) -> str:
    """One compact, strict JSON text (the serializer every GeoJSON writer uses)."""
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


# --------------------------------------------------------------------------- geometry


def _orient(geom: Any) -> Any:
    """Exterior rings counter-clockwise, holes clockwise (RFC 7946 section 3.1.6)."""
    import shapely

    if hasattr(shapely, "orient_polygons"):
        return shapely.orient_polygons(geom, exterior_cw=False)
    from shapely.geometry import GeometryCollection, MultiPolygon, Polygon
    from shapely.geometry.polygon import orient

    if isinstance(geom, Polygon):
        return orient(geom, 1.0)
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([orient(p, 1.0) for p in geom.geoms])
    if isinstance(geom, GeometryCollection):
        return GeometryCollection([_orient(g) for g in geom.geoms])
    return geom


def _position(coords: tuple[float, ...]) -> list[float]:
    position = [round(float(coords[0]), _DECIMALS), round(float(coords[1]), _DECIMALS)]
    if len(coords) > 2 and math.isfinite(coords[2]):
        position.append(round(float(coords[2]), 3))
    return position


def _coordinates(geom: Any) -> Any:
    kind = geom.geom_type
    if kind == "Point":
        return _position(geom.coords[0])
    if kind in ("LineString", "LinearRing"):
        return [_position(c) for c in geom.coords]
    if kind == "Polygon":
        return [[_position(c) for c in ring.coords] for ring in (geom.exterior, *geom.interiors)]
    return [_coordinates(part) for part in geom.geoms]


def _geometry_object(geom: Any) -> dict[str, Any]:
    kind = geom.geom_type
    if kind == "GeometryCollection":
        return {"type": kind, "geometries": [_geometry_object(g) for g in geom.geoms]}
    return {"type": "LineString" if kind == "LinearRing" else kind,
            "coordinates": _coordinates(geom)}


def _in_wgs84(geom: Any) -> bool:
    import numpy as np
    import shapely

    xy = shapely.get_coordinates(geom)
    if not np.isfinite(xy).all():
        return False
    return bool((np.abs(xy[:, 0]) <= 180).all() and (np.abs(xy[:, 1]) <= 90).all())


def geometry_to_geojson(geom: Any) -> dict[str, Any] | None:
    """Convert a shapely geometry (WGS84 lon/lat) to an RFC 7946 geometry object.

    Parameters
    ----------
    geom : shapely.Geometry or None
        In longitude/latitude degrees.

    Returns
    -------
    dict or None
        None for a missing or empty geometry, and for one with non-finite or
        out-of-range coordinates (which cannot be WGS84).

    Examples
    --------
    >>> from shapely import Polygon
    >>> geometry_to_geojson(Polygon([(0, 0), (0, 1), (1, 1)]))  # clockwise in
    {'type': 'Polygon', 'coordinates': [[[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]]}
    """
    if geom is None or not hasattr(geom, "geom_type") or geom.is_empty:
        return None
    if not _in_wgs84(geom):
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        geom = _orient(geom)
    return _geometry_object(geom)


# --------------------------------------------------------------------------- events


def _as_frame(events: Any, country_names: dict[str, str] | None = None) -> gpd.GeoDataFrame:
    """Return an events GeoDataFrame in EPSG:4326 from StrikeEvents or a GeoDataFrame."""
    import geopandas as gpd

    if isinstance(events, gpd.GeoDataFrame):
        frame = events
    elif hasattr(events, "columns"):
        raise InputError("expected StrikeEvents or a GeoDataFrame, got a DataFrame without "
                         "geometry: build it with geostrikes.events_frame")
    else:
        from geostrikes.frame import events_frame

        frame = events_frame(events, country_names=country_names)
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    return frame


def _lead_properties(columns: Iterable[str]) -> list[str]:
    columns = list(columns)
    lead = [c for c in _LEAD_PROPERTIES if c in columns or (c == "actor" and "actor1" in columns)]
    return lead + [c for c in columns if c not in lead]


def _iter_properties(frame: gpd.GeoDataFrame) -> Iterator[dict[str, Any]]:
    """JSON-safe properties of each row, ``article_id``/``actor``/``stance`` first."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    properties = _lead_properties(columns)
    for row in frame[columns].itertuples(index=False, name=None):
        values = dict(zip(columns, row, strict=True))
        if "actor1" in values:
            values["actor"] = values["actor1"]
        props: dict[str, Any] = {}
        for name in properties:
            value = values[name]
            if name in _DATE_COLUMNS:
                props[name] = _date_string(value)
            elif name == "latitude":
                props[name] = _coordinate(value, 90)
            elif name == "longitude":
                props[name] = _coordinate(value, 180)
            else:
                props[_clean_text(str(name))] = _jsonable(value)
        yield props


def iter_features(frame: gpd.GeoDataFrame) -> Iterator[dict[str, Any]]:
    """Yield one RFC 7946 Feature dict per row of an events (or places) frame.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        In EPSG:4326 (a frame without a CRS is taken to be in it; another CRS
        is reprojected).

    Yields
    ------
    dict
        ``{"type": "Feature", "geometry": ..., "properties": ...}``, JSON-safe:
        ``article_id``, ``actor`` (a copy of ``actor1``) and ``stance`` first,
        then every other column; dates as ``YYYY-MM-DD``; missing, NaN and
        infinite values as None; latitude/longitude rounded to 6 decimals.
        A geometry that cannot be WGS84 (non-finite or out-of-range
        coordinates) is written as null, with a warning.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import Point
    >>> frame = gpd.GeoDataFrame({"actor1": ["Iran"]}, geometry=[Point(44.4, 33.3)])
    >>> next(iter_features(frame))
    {'type': 'Feature', 'geometry': {'type': 'Point', 'coordinates': [44.4, 33.3]}, \
'properties': {'actor': 'Iran', 'actor1': 'Iran'}}
    """
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    skipped = 0
    for geom, props in zip(frame.geometry.array, _iter_properties(frame), strict=True):
        geometry = geometry_to_geojson(geom)
        if geometry is None and geom is not None and not geom.is_empty:
            skipped += 1
        yield {"type": "Feature", "geometry": geometry, "properties": props}
    if skipped:
        warnings.warn(f"{skipped} geometr{'y' if skipped == 1 else 'ies'} with non-finite or "
                      "out-of-range coordinates written as null", stacklevel=2)


def events_to_geojson(events: Any) -> dict[str, Any]:
    """Strike events as an RFC 7946 FeatureCollection dict.

    Parameters
    ----------
    events : list of StrikeEvent or geopandas.GeoDataFrame
        Events, or an events frame from :func:`geostrikes.events_frame`.

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "features": [...]}`` with no ``crs``
        member; ``json.dumps(..., allow_nan=False)`` accepts it.

    Examples
    --------
    >>> events_to_geojson([])
    {'type': 'FeatureCollection', 'features': []}
    """
    return {"type": "FeatureCollection", "features": list(iter_features(_as_frame(events)))}


def _write_feature_collection(features: Iterable[dict[str, Any]], fh: IO[str]) -> None:
    # One Feature a line: a diff of two runs shows changed events.
    fh.write('{"type":"FeatureCollection","features":[')
    for i, feature in enumerate(features):
        fh.write(",\n" if i else "\n")
        fh.write(_dumps(feature))
    fh.write("\n]}\n")


def _write_sequence(records: Iterable[Any], fh: IO[str], rs: bool) -> None:
    prefix = _RS if rs else ""
    for record in records:
        fh.write(prefix)
        fh.write(_dumps(record))
        fh.write("\n")


def _engine_errors() -> tuple[type[BaseException], ...]:
    import pyogrio.errors

    # pyarrow raises ValueError/TypeError subclasses for data it cannot store.
    return (ValueError, TypeError, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
            pyogrio.errors.FieldError, pyogrio.errors.GeometryError)


def _write_with_engine(path: Path, fmt: str, write: Callable[[Path], None]) -> None:
    with atomic_path(path) as tmp:
        try:
            write(tmp)
        except _engine_errors() as exc:
            raise OutputError(f"cannot write {str(path)!r} as {fmt}: {exc}") from exc


def _for_csv(frame: gpd.GeoDataFrame) -> Any:
    import pandas as pd

    table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    for column in _DATE_COLUMNS:
        if column in table:
            table[column] = [_date_string(v) for v in table[column]]
    table[frame.geometry.name] = frame.geometry.to_wkt(rounding_precision=_DECIMALS).array
    return table


def _sub_event_type(weapon: Any) -> str:
    text = weapon if isinstance(weapon, str) else ""
    if _MISSILE.search(text) and not _AIRCRAFT.search(text):
        return "Shelling/artillery/missile attack"
    return "Air/drone strike"


def _acled_tags(row: dict[str, Any]) -> str:
    tags = []
    for key in ("stance", "attributed_by", "denied_by"):
        value = _jsonable(row.get(key))
        if value:
            # Our lists are "; "-separated, which is ACLED's tag separator.
            tags.append(f"{key}={', '.join(str(value).split('; '))}")
    return "; ".join(tags)


def acled_table(frame: gpd.GeoDataFrame) -> Any:
    """Lay an events frame out in ACLED's export columns, in ACLED's order.

    Known values are filled (date, year, precisions, actors, place, source,
    notes, fatalities; ``iso`` as the numeric code and ``region`` for the
    countries geostrikes covers); the rest (``inter1``, ``admin2``, ...)
    are blank. Stance, who attributes and who denies go into ``tags`` as
    ``stance=accused; attributed_by=U.S. officials; denied_by=Iran``.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        An events frame.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ACLED_COLUMNS`.

    Examples
    --------
    >>> list(acled_table(_as_frame([])).columns[:3])
    ['event_id_cnty', 'event_date', 'year']
    """
    import pandas as pd

    rows = []
    for row in frame.drop(columns=frame.geometry.name).to_dict("records"):
        date = _date_string(row.get("event_date"))
        iso2 = _jsonable(row.get("iso"))
        iso, region = _ACLED_COUNTRY.get(iso2 or "", (None, None))
        rows.append({
            "event_id_cnty": _jsonable(row.get("event_id")),
            "event_date": date,
            "year": int(date[:4]) if date else None,
            "time_precision": _jsonable(row.get("time_precision")),
            "disorder_type": "Political violence",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": _sub_event_type(row.get("weapon")),
            "actor1": _jsonable(row.get("actor1")),
            "actor2": _jsonable(row.get("actor2")),
            "iso": iso,
            "region": region,
            "country": _jsonable(row.get("country")),
            "admin1": _jsonable(row.get("admin1")),
            "location": _jsonable(row.get("location")),
            "latitude": _coordinate(row.get("latitude"), 90),
            "longitude": _coordinate(row.get("longitude"), 180),
            "geo_precision": _jsonable(row.get("geo_precision")),
            "source": _jsonable(row.get("source")),
            "notes": _jsonable(row.get("notes")),
            "fatalities": _jsonable(row.get("fatalities")),
            "tags": _acled_tags(row),
        })
    table = pd.DataFrame(rows, columns=list(ACLED_COLUMNS), dtype=object)
    for column in ("year", "time_precision", "iso", "geo_precision", "fatalities"):
        table[column] = table[column].astype("Int64")
    return table


def _event_frames(events: Any, country_names: dict[str, str] | None,
                  chunk: int) -> Iterator[gpd.GeoDataFrame]:
    """Events frames of at most ``chunk`` events each; a frame passes whole; at least one."""
    import geopandas as gpd

    if isinstance(events, gpd.GeoDataFrame) or hasattr(events, "columns"):
        yield _as_frame(events, country_names)
        return
    yield from _chunk_frames(events, lambda batch: _as_frame(batch, country_names), chunk)


def _chunk_frames(items: Iterable[Any], build: Callable[[list[Any]], gpd.GeoDataFrame],
                  chunk: int) -> Iterator[gpd.GeoDataFrame]:
    empty = True
    for batch in _batches(items, chunk):
        empty = False
        yield build(batch)
    if empty:
        yield build([])


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _features(frames: Iterable[gpd.GeoDataFrame]) -> Iterator[dict[str, Any]]:
    for frame in frames:
        yield from iter_features(frame)


def _write_tables(frames: Iterable[gpd.GeoDataFrame], fh: IO[str],
                  table: Callable[[gpd.GeoDataFrame], Any]) -> None:
    for index, frame in enumerate(frames):
        table(frame).to_csv(fh, index=False, header=index == 0, lineterminator="\n")


def _arrow_table(frame: gpd.GeoDataFrame) -> Any:
    import pandas as pd
    import pyarrow as pa
    import shapely

    name = frame.geometry.name
    table = pa.Table.from_pandas(pd.DataFrame(frame.drop(columns=name)), preserve_index=False)
    wkb = shapely.to_wkb(frame.geometry.array, output_dimension=2)
    return table.append_column(name, pa.array(list(wkb), type=pa.binary()))


def _parts_schema(first: Any, frame: gpd.GeoDataFrame) -> Any:
    import pyarrow as pa

    # A column with no value in the first part is typed null there; every
    # such column of ours holds text.
    fields = [pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f
              for f in first.schema]
    name = frame.geometry.name
    column: dict[str, Any] = {"encoding": "WKB", "geometry_types": []}
    if frame.crs is not None:
        column["crs"] = frame.crs.to_json_dict()
    geo = {"version": "1.0.0", "primary_column": name, "columns": {name: column}}
    metadata = dict(first.schema.metadata or {})
    metadata[b"geo"] = json.dumps(geo).encode()
    return pa.schema(fields, metadata=metadata)


def _write_parquet_parts(tmp: Path, frames: Iterable[gpd.GeoDataFrame]) -> None:
    """GeoParquet written one row group a frame, never holding every row."""
    import pyarrow.parquet as pq

    writer = None
    try:
        for frame in frames:
            table = _arrow_table(frame)
            if writer is None:
                schema = _parts_schema(table, frame)
                writer = pq.ParquetWriter(tmp, schema)
            writer.write_table(table.cast(schema))
    finally:
        if writer is not None:
            writer.close()


def _write_frames(path: Path, fmt: str, frames: Iterator[gpd.GeoDataFrame], layer: str) -> None:
    """Write parquet or gpkg: in one call when one frame, else appended part by part."""
    import pyogrio

    first = next(frames)
    second = next(frames, None)
    if second is None:
        if fmt == "parquet":
            _write_with_engine(path, fmt, lambda tmp: first.to_parquet(tmp, index=False))
        else:
            _write_with_engine(path, fmt, lambda tmp: pyogrio.write_dataframe(
                first, tmp, layer=layer, driver="GPKG"))
        return
    parts = itertools.chain((first, second), frames)
    if fmt == "parquet":
        _write_with_engine(path, fmt, lambda tmp: _write_parquet_parts(tmp, parts))
        return

    def append_all(tmp: Path) -> None:
        for index, frame in enumerate(parts):
            # Parts differ in geometry types, so the layer takes any.
            pyogrio.write_dataframe(frame, tmp, layer=layer, driver="GPKG", append=index > 0,
                                    geometry_type="Unknown", promote_to_multi=False)

    _write_with_engine(path, fmt, append_all)


def write_events(events: Any, path: str | os.PathLike[str], *, format: str | None = None,
                 country_names: dict[str, str] | None = None,
                 chunk_size: int = CHUNK_SIZE) -> Path:
    """Write strike events to a file, atomically, streaming.

    Parameters
    ----------
    events : iterable of StrikeEvent or geopandas.GeoDataFrame
        Events (a list, or a generator such as a parallel run's, which is
        consumed ``chunk_size`` events at a time), or an events frame from
        :func:`geostrikes.events_frame`.
    path : path-like
        The file to create or replace.
    format : str, optional
        One of :data:`FORMATS`; by default told from ``path``'s suffix (see
        the module docstring). ``acled`` writes ACLED's CSV columns.
    country_names : dict, optional
        ISO alpha-2 code -> country name, passed to
        :func:`geostrikes.events_frame` when ``events`` are StrikeEvents.
    chunk_size : int
        Events turned into a frame and written at a time: GeoJSON, GeoJSON
        sequences, JSON Lines and CSV are written as text chunk by chunk,
        GeoParquet one row group a chunk, GeoPackage appended a chunk at a
        time (its layer's geometry type is then ``Unknown``). The output is
        the same for any ``chunk_size`` except in those two binary formats'
        layout.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    FormatError
        Unknown format, or none to be told from the suffix.
    OutputError
        The folder is missing or read-only, or writing failed; any earlier
        file at ``path`` is then left as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "events.geojson"
    >>> write_events([], out).name
    'events.geojson'
    >>> out.read_text()[:40]
    '{"type":"FeatureCollection","features":['
    """
    path = Path(path)
    fmt = format_for(path, format)
    frames = _event_frames(events, country_names, chunk_size)
    if fmt in ("parquet", "gpkg"):
        _write_frames(path, fmt, frames, "events")
        return path
    with atomic_open(path) as fh:
        if fmt == "geojson":
            _write_feature_collection(_features(frames), fh)
        elif fmt in ("geojsonseq", "jsonl"):
            rs = fmt == "geojsonseq" and path.suffix.lower() not in _NO_RS_SUFFIXES
            _write_sequence(_features(frames), fh, rs)
        else:
            _write_tables(frames, fh, _for_csv if fmt == "csv" else acled_table)
    return path


# --------------------------------------------------------------------------- reading


def _refuse_constant(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


def _features_from_json(path: Path, fmt: str) -> list[Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{str(path)!r} is not UTF-8 text: is it really GeoJSON?") from exc
    if fmt == "geojson" and not text.lstrip().startswith(_RS):
        try:
            doc = json.loads(text, parse_constant=_refuse_constant)
        except json.JSONDecodeError as exc:
            # A .json file may hold one Feature a line: read it as a sequence.
            if not exc.msg.startswith("Extra data"):
                raise InputError(f"{str(path)!r} is not valid JSON ({exc}): is it GeoJSON?"
                                 ) from exc
        except ValueError as exc:
            raise InputError(f"{str(path)!r} is not strict JSON ({exc})") from exc
        else:
            if isinstance(doc, dict) and doc.get("type") == "Feature":
                return [doc]
            if not (isinstance(doc, dict) and doc.get("type") == "FeatureCollection"
                    and isinstance(doc.get("features"), list)):
                raise InputError(f"{str(path)!r} is not a GeoJSON FeatureCollection")
            return doc["features"]
    features = []
    # Not splitlines(): U+2028 and friends may sit unescaped inside a record.
    for number, line in enumerate(text.split("\n"), 1):
        line = line.strip().lstrip(_RS).strip()
        if not line:
            continue
        try:
            features.append(json.loads(line, parse_constant=_refuse_constant))
        except ValueError as exc:
            raise InputError(f"{str(path)!r} line {number} is not valid JSON ({exc})") from exc
    return features


def _frame_from_features(features: list[Any], path: Path) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import shape

    rows, geometries = [], []
    for number, feature in enumerate(features, 1):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise InputError(f"{str(path)!r}: record {number} is not a GeoJSON Feature")
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            raise InputError(f"{str(path)!r}: feature {number} has no properties object")
        geometry = feature.get("geometry")
        try:
            geometries.append(shape(geometry) if geometry else None)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
            raise InputError(f"{str(path)!r}: feature {number} has a malformed geometry "
                             f"({type(exc).__name__}: {exc})") from exc
        rows.append(props)
    frame = pd.DataFrame(rows)
    return gpd.GeoDataFrame(frame, geometry=geometries, crs="EPSG:4326")


def _to_date(value: Any) -> dt.date | None:
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _to_int(value: Any) -> int | None:
    value = _jsonable(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        value = int(value) if value.is_integer() else None
    elif not isinstance(value, int):
        try:
            value = int(str(value))
        except ValueError:
            return None
    # Int64 holds what it can; a count beyond it is garbage, not data.
    return value if value is not None and -(2**63) <= value < 2**63 else None


def _to_float(value: Any) -> float | None:
    value = _jsonable(value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        return None


def _text_or_none(value: Any) -> Any:
    return None if _jsonable(value) is None else value


def _events_dtypes(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Give a read-back frame the columns, order and dtypes of ``events_frame``."""
    import geopandas as gpd
    import pandas as pd

    from geostrikes.frame import EVENT_COLUMNS

    if "actor" in frame.columns:
        if "actor1" not in frame.columns:
            frame["actor1"] = frame["actor"]
        frame = frame.drop(columns="actor")
    geometry = frame.geometry.array
    data = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    extra = [c for c in data.columns if c not in EVENT_COLUMNS]
    columns: dict[str, Any] = {}
    for name in (*EVENT_COLUMNS, *extra):
        values = data[name].tolist() if name in data.columns else [None] * len(data)
        if name in _DATE_COLUMNS:
            # Through date objects, as events_frame does, so the unit matches.
            series = pd.to_datetime(pd.Series([_to_date(v) for v in values], dtype=object),
                                    errors="coerce")
        elif name in _INT_COLUMNS:
            series = pd.Series([_to_int(v) for v in values], dtype=object).astype("Int64")
        elif name in _FLOAT_COLUMNS:
            series = pd.Series([_to_float(v) for v in values], dtype=object).astype("float64")
        else:
            series = pd.Series([_text_or_none(v) for v in values], dtype=object)
            series = series.infer_objects() if series.notna().any() else series
        columns[name] = series
    table = pd.DataFrame(columns)
    return gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(geometry), crs="EPSG:4326")


def read_events(path: str | os.PathLike[str]) -> gpd.GeoDataFrame:
    """Read events written by :func:`write_events` back into an events frame.

    Parameters
    ----------
    path : path-like
        A GeoJSON, GeoJSON sequence / JSON Lines, GeoParquet or GeoPackage
        file (told from the suffix; a ``.json`` may hold either GeoJSON).

    Returns
    -------
    geopandas.GeoDataFrame
        The columns and dtypes of :func:`geostrikes.events_frame` (dates as
        ``datetime64``, counts as ``Int64``, ``actor1`` from ``actor``),
        then any extra columns the file has; EPSG:4326.

    Raises
    ------
    InputError
        The file is missing, unreadable or malformed.
    FormatError
        The suffix is not one ``read_events`` reads.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = write_events([], pathlib.Path(tempfile.mkdtemp()) / "e.geojson")
    >>> len(read_events(out)), "actor1" in read_events(out).columns
    (0, True)
    """
    path = Path(path)
    fmt = format_for(path, allowed=("geojson", "geojsonseq", "jsonl", "parquet", "gpkg"))
    if not path.is_file():
        raise InputError(f"cannot read {str(path)!r}: no such file")
    try:
        if fmt in ("geojson", "geojsonseq", "jsonl"):
            frame = _frame_from_features(_features_from_json(path, fmt), path)
        elif fmt == "parquet":
            import geopandas as gpd

            frame = gpd.read_parquet(path)
        else:
            import pyogrio

            layers = [name for name, _ in pyogrio.list_layers(path)]
            layer = "events" if "events" in layers else None
            frame = pyogrio.read_dataframe(path, layer=layer)
    except OSError as exc:
        raise InputError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from exc
    except InputError:
        raise
    except _engine_errors() as exc:
        raise InputError(f"cannot read {str(path)!r} as {fmt}: {exc}") from exc
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    return _events_dtypes(frame)


# --------------------------------------------------------------------------- places


def place_record(mention: Mention) -> dict[str, Any]:
    """One place mention as a flat, JSON-safe record.

    Parameters
    ----------
    mention : Mention
        A resolved or unresolved mention.

    Returns
    -------
    dict
        Keys :data:`PLACE_RECORD_FIELDS`; ``source_ids`` is a list; missing
        and non-finite values are None.

    Examples
    --------
    >>> from geostrikes.model import Mention, Precision
    >>> place_record(Mention("a1", 0, 5, "Erbil", None, Precision.EXACT))["source_ids"]
    []
    """
    place = mention.place
    return {
        "article_id": _jsonable(mention.article_id),
        "start": mention.start,
        "end": mention.end,
        "text": _jsonable(mention.text),
        "name": _jsonable(place.name) if place else None,
        "kind": place.kind.value if place else None,
        "latitude": _coordinate(mention.latitude, 90),
        "longitude": _coordinate(mention.longitude, 180),
        "country_code": _jsonable(place.country_code) if place else None,
        "precision": mention.precision.value,
        "locational": bool(mention.locational),
        "source_ids": [_jsonable(s) for s in place.source_ids] if place else [],
        "place_id": _jsonable(place.id) if place else None,
        "admin1": _jsonable(place.admin1) if place else None,
        "role": _jsonable(mention.role),
        "radius_km": _jsonable(mention.radius_km),
    }


def _place_properties(props: dict[str, Any]) -> dict[str, Any]:
    # places_frame joins source ids with spaces; records carry them as a list.
    ids = props.get("source_ids")
    props["source_ids"] = ids.split() if isinstance(ids, str) else (ids or [])
    record = {name: props.get(name) for name in PLACE_RECORD_FIELDS}
    record.update((k, v) for k, v in props.items() if k not in record)
    return record


def _frame_records(frame: gpd.GeoDataFrame) -> Iterator[dict[str, Any]]:
    for props in _iter_properties(frame):
        yield _place_properties(props)


def _frame_place_features(frame: gpd.GeoDataFrame) -> Iterator[dict[str, Any]]:
    for feature in iter_features(frame):
        feature["properties"] = _place_properties(feature["properties"])
        yield feature


def _mention_features(mentions: Iterable[Mention]) -> Iterator[dict[str, Any]]:
    from geostrikes.frame import mention_geometry

    for mention in mentions:
        yield {"type": "Feature", "geometry": geometry_to_geojson(mention_geometry(mention)),
               "properties": place_record(mention)}


def write_places(mentions: Any, path: str | os.PathLike[str], *,
                 format: str | None = None, chunk_size: int = CHUNK_SIZE) -> Path:
    """Write place mentions to a file, atomically, streaming.

    Parameters
    ----------
    mentions : iterable of Mention or geopandas.GeoDataFrame
        Mentions (a generator is fine), or a frame from
        :func:`geostrikes.places_frame`.
    path : path-like
        The file to create or replace.
    format : str, optional
        ``jsonl`` (one :func:`place_record` a line), ``geojson``,
        ``geojsonseq``, ``parquet``, ``gpkg`` (layer ``places``) or ``csv``;
        by default told from the suffix. ``jsonl``, ``geojson`` and
        ``geojsonseq`` write mentions one by one as they come, never holding
        them all; the others build a frame of ``chunk_size`` mentions at a
        time (see :func:`write_events`).
    chunk_size : int
        Mentions made into one frame and written at a time.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    FormatError
        Unknown format, or none to be told from the suffix.
    OutputError
        The folder is missing or read-only, or writing failed; any earlier
        file at ``path`` is then left as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from geostrikes.model import Mention, Precision
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "places.jsonl"
    >>> _ = write_places(iter([Mention("a1", 0, 5, "Erbil", None, Precision.EXACT)]), out)
    >>> out.read_text()[:25]
    '{"article_id":"a1","start'
    """
    import geopandas as gpd

    path = Path(path)
    fmt = format_for(path, format, allowed=("jsonl", "geojson", "geojsonseq", "parquet", "gpkg",
                                            "csv"))
    is_frame = isinstance(mentions, gpd.GeoDataFrame)
    if fmt in ("jsonl", "geojson", "geojsonseq"):
        if is_frame:
            features = _frame_place_features(mentions)
            records: Iterable[Any] = _frame_records(mentions)
        else:
            features = _mention_features(mentions)
            records = map(place_record, mentions)
        with atomic_open(path) as fh:
            if fmt == "jsonl":
                _write_sequence(records, fh, rs=False)
            elif fmt == "geojson":
                _write_feature_collection(features, fh)
            else:
                _write_sequence(features, fh, rs=path.suffix.lower() not in _NO_RS_SUFFIXES)
        return path
    if is_frame:
        frames: Iterator[gpd.GeoDataFrame] = iter([mentions])
    else:
        from geostrikes.frame import places_frame

        frames = _chunk_frames(mentions, places_frame, chunk_size)
    if fmt in ("parquet", "gpkg"):
        _write_frames(path, fmt, frames, "places")
        return path
    with atomic_open(path) as fh:
        _write_tables(frames, fh, _for_csv)
    return path
