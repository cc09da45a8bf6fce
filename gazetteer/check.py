"""Acceptance checks of a built gazetteer: do the names news uses find the right places?

For each query the exact-key candidates (``names.key = name_key(query)``,
``exact = 1``) are listed; the check passes when one of them is the expected
feature (kind and country, and a name or id hint). It also checks the Iraq-Syria
border line and prints the size by table and the counts by kind.

Run: ``python gazetteer/check.py [geostrikes/data/gazetteer.sqlite]``; exits 1 on a failure.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from geostrikes.geocode.normalize import name_key  # noqa: E402

#: (query, kind, country code, substring of the place's name or id that marks the right one)
EXPECTED = [
    ("Diyala", "admin1", "IQ", "Diyal"),
    ("Babil", "admin1", "IQ", "Babil"),
    ("Babylon", "admin1", "IQ", "Babil"),
    ("Babel", "admin1", "IQ", "Babil"),
    ("Baqubah", "populated_place", "IQ", "Ba"),
    ("Ba'quba", "populated_place", "IQ", "Ba"),
    ("Kobani", "populated_place", "SY", "gn:"),
    ("Kobane", "populated_place", "SY", "gn:"),
    ("Ayn al-Arab", "populated_place", "SY", "gn:"),
    ("'Ayn al 'Arab", "populated_place", "SY", "gn:"),
    ("Abu Kamal", "populated_place", "SY", "Kam"),
    ("Al-Bukamal", "populated_place", "SY", "Kam"),
    ("Albu Kamal", "populated_place", "SY", "Kam"),
    ("Al-Qaim", "populated_place", "IQ", "Q"),
    ("Jurf al-Sakhar", "populated_place", "IQ", "sup:jurf_al_nasr"),
    ("Jurf al-Nasr", "populated_place", "IQ", "sup:jurf_al_nasr"),
    ("Ain al-Asad", "base", "IQ", "oa:ORAA"),
    ("Al Asad Air Base", "base", "IQ", "oa:ORAA"),
    ("Al Asad Airbase", "base", "IQ", "oa:ORAA"),
    ("Kalsu", "base", "IQ", "sup:kalsu"),
    ("Kalso", "base", "IQ", "sup:kalsu"),
    ("Isfahan", "populated_place", "IR", "Isfahan"),
    ("Esfahan", "populated_place", "IR", "Isfahan"),
    ("Isfahan", "admin1", "IR", "fahan"),
    ("Damascus", "populated_place", "SY", "Damascus"),
    ("Baghdad", "populated_place", "IQ", "Baghdad"),
    ("Erbil", "populated_place", "IQ", "rbil"),
    ("Irbil", "populated_place", "IQ", "rbil"),
    ("Deir ez-Zor", "populated_place", "SY", "Deir"),
    ("Deir al-Zour", "populated_place", "SY", "Deir"),
    ("Dayr az Zawr", "populated_place", "SY", "Deir"),
    ("Sanaa", "populated_place", "YE", "Sana"),
    ("Sana'a", "populated_place", "YE", "Sana"),
    ("Hodeidah", "populated_place", "YE", "daydah"),
    ("Al Hudaydah", "populated_place", "YE", "daydah"),
    ("Tower 22", "base", "JO", "sup:tower_22"),
    ("Al-Tanf", "base", "SY", "sup:al_tanf"),
    ("US", "country", "US", "United States"),
    ("U.S.", "country", "US", "United States"),
    ("USA", "country", "US", "United States"),
    ("United States", "country", "US", "United States"),
    ("UK", "country", "GB", "United Kingdom"),
    ("UAE", "country", "AE", "Emirates"),
    ("KSA", "country", "SA", "Saudi"),
    ("Iraq-Syria border", "border", "IQ-SY", "border:IQ-SY"),
    ("Syria-Iraq border", "border", "IQ-SY", "border:IQ-SY"),
]


def candidates(con: sqlite3.Connection, query: str) -> list[tuple]:
    return con.execute(
        "SELECT p.id, p.name, p.kind, p.cc, p.admin1, p.population FROM names n "
        "JOIN place p USING (pid) WHERE n.key = ? AND n.exact = 1 "
        "ORDER BY p.population DESC, p.pid", (name_key(query),)).fetchall()


def check_names(con: sqlite3.Connection) -> int:
    failures = 0
    for query, kind, cc, hint in EXPECTED:
        cands = candidates(con, query)
        hit = next((c for c in cands if c[2] == kind and c[3] == cc
                    and (hint in c[1] or hint in c[0])), None)
        failures += hit is None
        shown = hit or (cands[0] if cands else None)
        print(f"{'ok  ' if hit else 'FAIL'} {query!r:24} key={name_key(query)!r:22} "
              f"{len(cands):3} candidates; {'found' if hit else 'best'}: {shown}")
    return failures


def check_border(con: sqlite3.Connection) -> int:
    import shapely
    from shapely.geometry import Point

    row = con.execute("SELECT geom, lat, lon FROM place WHERE id = 'border:IQ-SY'").fetchone()
    if row is None or row[0] is None:
        print("FAIL border:IQ-SY missing or without geometry")
        return 1
    line = shapely.from_wkb(row[0])
    dist = line.distance(Point(41.0, 34.4))  # between Al-Qaim and Abu Kamal
    ok = line.geom_type in ("LineString", "MultiLineString") and dist < 0.1
    print(f"{'ok  ' if ok else 'FAIL'} border:IQ-SY {line.geom_type}, {len(shapely.get_coordinates(line))} "
          f"vertices, point ({row[1]}, {row[2]}), {dist:.3f}° from (34.4N, 41.0E)")
    return 0 if ok else 1


def report_sizes(con: sqlite3.Connection, path: Path) -> None:
    print(f"file: {path} {path.stat().st_size / 1e6:.1f} MB")
    try:
        for name, size in con.execute(
                "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"):
            print(f"  {name:28} {size / 1e6:6.1f} MB")
    except sqlite3.OperationalError:  # SQLite built without the dbstat table
        pass
    for kind, n, g in con.execute(
            "SELECT kind, COUNT(*), SUM(LENGTH(geom)) FROM place GROUP BY kind ORDER BY kind"):
        print(f"  {kind:16} {n:7} places, geometry {(g or 0) / 1e6:5.1f} MB")
    for exact, n in con.execute("SELECT exact, COUNT(*) FROM names GROUP BY exact"):
        print(f"  names exact={exact}: {n}")


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else REPO / "geostrikes/data/gazetteer.sqlite"
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    failures = check_names(con) + check_border(con)
    report_sizes(con, path)
    print(f"{len(EXPECTED) + 1 - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
