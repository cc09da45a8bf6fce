"""A tiny gazetteer built in the test's own folder, independent of the bundled data."""

from __future__ import annotations

import json
import sqlite3

import pytest
import shapely

from geostrikes.geocode.gazetteer import SCHEMA_SQL, SCHEMA_VERSION, Gazetteer
from geostrikes.geocode.normalize import loose_key, name_key

# (id, name, kind, lat, lon, cc, admin1, population, feature_code, geometry, alternate names)
TINY_PLACES = [
    ("gn:1", "Iraq", "country", 33.0, 44.0, "IQ", None, 40_000_000, "PCLI",
     shapely.box(38.8, 29.1, 48.6, 37.4), ["Republic of Iraq"]),
    ("gn:2", "Georgia", "country", 42.0, 43.5, "GE", None, 3_700_000, "PCLI",
     shapely.box(40.0, 41.0, 46.7, 43.6), []),
    ("ne1:US-GA", "Georgia", "admin1", 32.7, -83.4, "US", None, 10_700_000, "ADM1",
     shapely.box(-85.6, 30.4, -80.8, 35.0), []),
    ("gn:3", "Babil", "admin1", 32.5, 44.5, "IQ", None, 2_000_000, "ADM1",
     shapely.box(44.0, 32.0, 45.0, 33.2), ["Babylon", "Babel"]),
    ("gn:4", "Baghdad", "populated_place", 33.34, 44.40, "IQ", "Baghdad", 7_200_000, "PPLC",
     None, ["Bagdad"]),
    ("gn:5", "Baghdad", "admin1", 33.3, 44.3, "IQ", None, 7_600_000, "ADM1",
     shapely.box(43.8, 32.8, 44.9, 33.8), []),
    ("gn:6", "Al Qa'im", "populated_place", 34.37, 41.09, "IQ", "Anbar", 150_000, "PPL",
     None, ["Al-Qaim", "Qaim"]),
    ("gn:7", "Al Qa'im", "populated_place", 31.0, 47.0, "IQ", "Basra", 300, "PPL", None, []),
    ("gn:8", "Baqubah", "populated_place", 33.75, 44.64, "IQ", "Diyala", 470_000, "PPLA",
     None, ["Ba`qubah"]),
    ("oa:ORAA", "Al Asad Air Base", "base", 33.79, 42.44, "IQ", "Anbar", 0, "AIRB", None,
     ["Ain al-Asad", "Al Asad Airbase", "Al Asad"]),
    ("gn:9", "Al Asad", "populated_place", 35.0, 36.0, "SY", "Hama", 2_000, "PPL", None, []),
    ("border:IQ-SY", "Iraq–Syria border", "border", 34.9, 41.2, "IQ-SY", None, 0, "BRDR",
     shapely.LineString([(41.0, 34.4), (41.2, 34.9), (42.3, 37.1)]), ["Syria-Iraq border"]),
]


def build_tiny_gazetteer(path) -> None:
    db = sqlite3.connect(path)
    db.executescript(SCHEMA_SQL)
    db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    db.execute("INSERT INTO meta VALUES ('sources', ?)",
               (json.dumps([{"name": "test", "version": "1", "licence": "CC0"}]),))
    db.execute("INSERT INTO meta VALUES ('counts', ?)", (json.dumps({"country": 2}),))
    db.execute("INSERT INTO meta VALUES ('attribution', 'Test data only.')")
    for pid, row in enumerate(TINY_PLACES, 1):
        pid_s, name, kind, lat, lon, cc, admin1, pop, fcode, geom, alts = row
        db.execute("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                   (pid, pid_s, name, kind, lat, lon, cc, admin1, pop, fcode,
                    f"test:{pid_s}", shapely.to_wkb(geom) if geom is not None else None))
        for variant in [name, *alts]:
            db.execute("INSERT OR IGNORE INTO names VALUES (?,?,1,?)",
                       (name_key(variant), pid, variant))
            if loose_key(variant) != name_key(variant):
                db.execute("INSERT OR IGNORE INTO names VALUES (?,?,0,?)",
                           (loose_key(variant), pid, variant))
    db.commit()
    db.close()


@pytest.fixture(scope="session")
def tiny_gazetteer(tmp_path_factory):
    path = tmp_path_factory.mktemp("gaz") / "tiny.sqlite"
    build_tiny_gazetteer(path)
    return Gazetteer(path)
