#!/usr/bin/env python3
"""Look up coordinates for the annotation in the raw GeoNames / Natural Earth data.

A writing aid, not part of the build: the annotator runs it to choose the intended
feature by hand and copies the chosen row into places.tsv (with its source). It needs
/work/shared/data (or GEODATA); build.py and the tests do not.

    python lookup.py city Springfield US IL      # populated places named so (any state if omitted)
    python lookup.py county "Clark" US OH        # a county: mean of its populated places
    python lookup.py state US OH                 # Natural Earth admin-1 label point
    python lookup.py country DE                  # centroid of the largest polygon
    python lookup.py resolve                     # add the sources' missing keys to places.tsv
    python lookup.py stats                       # the README's counts

Keys in the sources: ``US.IL/Springfield`` (the most populous populated place of that
name in Illinois; ``US.IL/Springfield#4250542`` picks a GeoNames id), ``US.OH/Clark County``
(county: mean of its populated places), ``US.OH`` (state: Natural Earth label point),
``KW`` (country: the GeoNames country point, else the centroid of its largest polygon), ``FR/Paris`` (most populous in country).
"""
from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

DATA = Path(os.environ.get("GEODATA", "/work/shared/data"))


def _rows():
    with gzip.open(DATA / "geonames" / "cities500_2023-03-05.txt.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def _admin2():
    names = {}
    with gzip.open(DATA / "geonames" / "admin2Codes.txt.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            code, name, _ascii, gid = line.rstrip("\n").split("\t")
            names[code] = (name, gid)
    return names


def city(name, cc=None, a1=None):
    a2 = _admin2()
    for r in _rows():
        names = {r[1].lower(), r[2].lower()}
        if name.lower() in names and (cc is None or r[8] == cc) and (a1 is None or r[10] == a1):
            county = a2.get(f"{r[8]}.{r[10]}.{r[11]}", ("", ""))[0]
            print(f"{r[0]}\t{r[1]}\t{float(r[4]):.4f}\t{float(r[5]):.4f}\t{r[7]}\t{r[8]}.{r[10]}\t{county}\tpop={r[14]}")


def county(name, cc, a1):
    a2 = _admin2()
    codes = [c for c, (n, _g) in a2.items() if c.startswith(f"{cc}.{a1}.") and n.lower().replace(" county", "") == name.lower().replace(" county", "")]
    for code in codes:
        pts = [(float(r[4]), float(r[5])) for r in _rows() if f"{r[8]}.{r[10]}.{r[11]}" == code]
        if pts:
            lat = sum(p[0] for p in pts) / len(pts)
            lon = sum(p[1] for p in pts) / len(pts)
            print(f"{a2[code][1]}\t{a2[code][0]}\t{lat:.4f}\t{lon:.4f}\tADM2\t{code}\tmean of {len(pts)} places")


def state(cc, a1):
    d = json.load(gzip.open(DATA / "natural-earth" / "ne_10m_admin_1_states_provinces.geojson.gz"))
    for f in d["features"]:
        p = f["properties"]
        if p.get("iso_a2") == cc and (p.get("postal") == a1 or p.get("gn_a1_code") == f"{cc}.{a1}" or a1 is None):
            print(f"{p.get('gn_id')}\t{p['name']}\t{p['latitude']:.4f}\t{p['longitude']:.4f}\tADM1\t{p.get('postal')}")


# GeoNames country-feature points (the coordinates LGL-style gold uses for a country), for the
# countries in the sources; taken from Gerald Venzl's CC BY 4.0 countries sample data
# (install.sql), which republishes them from GeoNames. Other countries fall back to the
# centroid of their largest Natural Earth polygon.
GEONAMES_COUNTRIES = {
    "AU": (-25.0, 135.0), "BR": (-10.0, -55.0), "CH": (47.00016, 8.01427), "DE": (51.5, 10.5),
    "FR": (46.0, 2.0), "GR": (39.0, 22.0), "HT": (19.07582, -72.29616), "IE": (53.0, -8.0),
    "IQ": (33.0, 44.0), "IT": (42.83333, 12.83333), "JO": (31.0, 36.0), "JP": (35.68536, 139.75309),
    "KR": (36.5, 127.75), "KW": (29.5, 47.75), "LB": (33.83333, 35.83333), "MX": (23.0, -102.0),
    "NO": (62.0, 10.0), "PE": (-10.0, -75.25), "PL": (52.0, 20.0), "RU": (60.0, 100.0),
    "SA": (25.0, 45.0), "SG": (1.36667, 103.8), "SY": (35.0, 38.0), "US": (39.76, -98.5),
    "VN": (16.16667, 107.83333),
}


def _ring_centroid(ring):
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        c = x1 * y2 - x2 * y1
        a += c
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    return (abs(a) / 2, cy / (3 * a), cx / (3 * a)) if a else (0.0, ring[0][1], ring[0][0])


def country(cc):
    d = json.load(gzip.open(DATA / "natural-earth" / "ne_10m_admin_0_countries_dissolved_from_admin_1.geojson.gz"))
    for f in d["features"]:
        if f["properties"]["country_a2"] == cc:
            g = f["geometry"]
            polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
            best = max((_ring_centroid(p[0]) for p in polys), key=lambda t: t[0])
            print(f"-\t{f['properties']['country_name']}\t{best[1]:.4f}\t{best[2]:.4f}\tPCLI\t{cc}\tlargest polygon centroid")


def _city_rows():
    return list(_rows())


def resolve():
    import re
    here = Path(__file__).resolve().parent
    table = here / "places.tsv"
    known = set()
    if table.exists():
        known = {l.split("\t")[0] for l in table.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")}
    keys = []
    for src in sorted(here.glob("*.src.txt")):
        for m in re.finditer(r"\[\[([^\[\]|]+)\|([^\[\]]+)\]\]", src.read_text(encoding="utf-8")):
            k = m.group(2)
            if not k.startswith("@") and k not in known and k not in keys:
                keys.append(k)
    if not keys:
        return
    rows = _city_rows()
    a2 = _admin2()
    ne1 = json.load(gzip.open(DATA / "natural-earth" / "ne_10m_admin_1_states_provinces.geojson.gz"))["features"]
    ne0 = json.load(gzip.open(DATA / "natural-earth" / "ne_10m_admin_0_countries_dissolved_from_admin_1.geojson.gz"))["features"]
    new = []
    for k in keys:
        gid = None
        base = k
        if "#" in k:
            base, gid = k.split("#")
        if "/" in base:
            area, name = base.split("/")
            parts = area.split(".")
            if name.endswith((" County", " Parish")) and len(parts) == 2:
                codes = [c for c, (n, _g) in a2.items() if c.startswith(area + ".") and n == name]
                if len(codes) != 1:
                    print(f"warning: {k}: {len(codes)} counties", file=sys.stderr)
                    continue
                pts = [(float(r[4]), float(r[5])) for r in rows if f"{r[8]}.{r[10]}.{r[11]}" == codes[0]]
                lat, lon = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
                new.append((k, f"{name}, {area}", lat, lon, f"geonames:{a2[codes[0]][1]} (mean of {len(pts)} populated places)"))
                continue
            cands = [r for r in rows if (gid and r[0] == gid) or (not gid and name in (r[1], r[2]) and r[8] == parts[0]
                                                                  and (len(parts) < 2 or r[10] == parts[1]))]
            if not cands:
                print(f"warning: {k}: not found", file=sys.stderr)
                continue
            cands.sort(key=lambda r: -int(r[14] or 0))
            if len(cands) > 1:
                print(f"note: {k}: {len(cands)} candidates, took pop={cands[0][14]} "
                      + "; ".join(f"{r[0]} {a2.get(f'{r[8]}.{r[10]}.{r[11]}', ('?',))[0]} pop={r[14]}" for r in cands[:4]), file=sys.stderr)
            r = cands[0]
            new.append((k, f"{r[1]}, {r[8]}.{r[10]}", float(r[4]), float(r[5]), f"geonames:{r[0]}"))
        elif "." in base:
            cc, a1 = base.split(".")
            f = [f for f in ne1 if f["properties"].get("iso_a2") == cc and f["properties"].get("gn_a1_code") == base]
            if not f:
                f = [f for f in ne1 if f["properties"].get("iso_a2") == cc and f["properties"].get("postal") == a1]
            if len(f) != 1:
                print(f"warning: {k}: {len(f)} admin-1 features", file=sys.stderr)
                continue
            p = f[0]["properties"]
            new.append((k, p["name"], p["latitude"], p["longitude"], f"naturalearth:admin1 label point (geonames:{p.get('gn_id')})"))
        elif base in GEONAMES_COUNTRIES:
            lat, lon = GEONAMES_COUNTRIES[base]
            new.append((k, base, lat, lon, "geonames country feature point (via gvenzl countries sample data, CC BY 4.0)"))
        else:
            f = [f for f in ne0 if f["properties"]["country_a2"] == base]
            if len(f) != 1:
                print(f"warning: {k}: {len(f)} countries", file=sys.stderr)
                continue
            g = f[0]["geometry"]
            polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
            _a, lat, lon = max((_ring_centroid(p[0]) for p in polys), key=lambda t: t[0])
            new.append((k, f[0]["properties"]["country_name"], lat, lon, "naturalearth:admin0 largest polygon centroid"))
    with table.open("a", encoding="utf-8") as fh:
        for k, name, lat, lon, src in new:
            fh.write(f"{k}\t{name}\t{lat:.4f}\t{lon:.4f}\t{src}\n")
            print(f"{k}\t{name}\t{lat:.4f}\t{lon:.4f}")


def stats(*names):
    """Counts for the README: toponyms, and how many have a namesake elsewhere."""
    import math
    import xml.etree.ElementTree as ET

    def km(a, b, c, d):
        p1, p2 = math.radians(a), math.radians(c)
        h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(d - b) / 2) ** 2
        return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))

    by_name = {}
    for r in _rows():
        for n in {r[1].lower(), r[2].lower()}:
            by_name.setdefault(n, []).append((float(r[4]), float(r[5]), int(r[14] or 0)))
    here = Path(__file__).resolve().parent
    for name in names or ("dev", "test"):
        root = ET.parse(here / f"{name}.xml").getroot()
        n = amb = not_biggest = 0
        arts = root.findall("article")
        for top in root.iter("toponym"):
            n += 1
            lat, lon = float(top.findtext("gaztag/lat")), float(top.findtext("gaztag/lon"))
            cands = by_name.get(top.findtext("phrase").lower(), [])
            far = [c for c in cands if km(lat, lon, c[0], c[1]) > 161]
            if far:
                amb += 1
                biggest = max(cands, key=lambda c: c[2])
                if km(lat, lon, biggest[0], biggest[1]) > 161:
                    not_biggest += 1
        words = sum(len(a.findtext("text").split()) for a in arts)
        print(f"{name}: {len(arts)} articles, {words} words, {n} toponyms, {amb} ({amb / n:.0%}) with a "
              f"populated namesake over 161 km from the intended place, {not_biggest} ({not_biggest / n:.0%}) "
              "where the most populous namesake is over 161 km away")


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    {"stats": stats, "resolve": resolve, "city": city, "county": county, "state": state, "country": country}[kind](*args)
