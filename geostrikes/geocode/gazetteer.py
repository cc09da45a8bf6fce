"""The bundled offline gazetteer: look-up by name, ranked as a news reader means it.

The data are one SQLite file shipped inside the package
(``geostrikes/data/gazetteer.sqlite``, built by ``gazetteer/build.py`` from
GeoNames, Who's On First, Natural Earth, OurAirports and a curated
supplement). It is opened read-only on the first look-up, never at import.

Every name variant is stored under its :func:`~geostrikes.geocode.normalize.name_key`
(and, where it differs, its looser transliteration skeleton), so a look-up is
one indexed query. Candidates are then ranked by a prior that encodes what a
reader of strike reporting means by a bare name: countries and provinces
before namesake villages, capitals and big cities before small namesakes, a
city before the province it gives its name to, and military sites when the
query says base, airbase or camp.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geostrikes.errors import GazetteerError
from geostrikes.geocode.normalize import loose_key, name_key, skeleton
from geostrikes.model import Kind, Place

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

__all__ = ["Gazetteer", "Candidate", "default_gazetteer", "SCHEMA_VERSION", "SCHEMA_SQL",
           "TRANSLITERATED_COUNTRIES"]

#: Countries whose towns the bundled gazetteer keeps at any size (the build's
#: size policy); elsewhere towns need 5,000 people or a Middle-East source.
EVERY_TOWN_COUNTRIES = frozenset({"US", "GB", "CA", "AU", "NZ", "IE"})

#: Countries whose place names reach English news by transliteration from a
#: non-Latin script, in many spellings: Arabic ("Ain Issa", "Ayn Isa"), Persian,
#: Kurdish, Pashto and Urdu, Cyrillic ("Saky", "Saki") and the Caucasus. There a
#: name written in running text may be found by its transliteration skeleton
#: alone. Elsewhere a skeleton match is more often another word or a person
#: ("Jaish" is no spelling of the Indian town of Jais; "Deck" none of Dhaka).
TRANSLITERATED_COUNTRIES = frozenset("""
SA YE OM AE QA BH KW IQ SY LB JO PS IL EG LY TN DZ MA EH MR SD SO DJ
IR AF PK TJ
RU UA BY KZ KG UZ TM AZ AM GE
""".split())

SCHEMA_VERSION = "1"

#: The tables ``gazetteer/build.py`` writes and this module reads.
SCHEMA_SQL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE place (
  pid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  lat REAL NOT NULL, lon REAL NOT NULL,
  cc TEXT,
  admin1 TEXT,
  population INTEGER NOT NULL DEFAULT 0,
  feature_code TEXT,
  source_ids TEXT NOT NULL,
  geom BLOB
);
CREATE TABLE names (
  key TEXT NOT NULL,
  pid INTEGER NOT NULL,
  exact INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (key, exact, pid)
) WITHOUT ROWID;
"""

# Words that say the query means a military site or facility.
_SITE_WORDS = re.compile(
    r"\b(air ?base|air field|airfield|airport|base|camp|fob|garrison|barracks|"
    r"air station|facility|depot)\b"
)
# Words that say the query means a division, with the kinds they point to.
_DIVISION_WORDS = {
    "province": Kind.ADMIN1, "governorate": Kind.ADMIN1, "governate": Kind.ADMIN1,
    "state": Kind.ADMIN1, "region": Kind.ADMIN1, "muhafazat": Kind.ADMIN1,
    "ostan": Kind.ADMIN1, "district": Kind.ADMIN2, "qada": Kind.ADMIN2, "county": Kind.ADMIN2,
    "city": Kind.POPULATED_PLACE, "town": Kind.POPULATED_PLACE,
    "village": Kind.POPULATED_PLACE,
}
_SITE_KINDS = frozenset({Kind.BASE, Kind.AIRPORT, Kind.SITE})

# Kind priors, on the same scale as log10(population) / 3.5 (a city of ten
# million scores 2.0). Countries outrank everything; a province outranks a
# village of the same name, but not its own capital city (see _rank).
_KIND_PRIOR = {
    Kind.COUNTRY: 3.5,
    Kind.REGION: 3.2,
    Kind.ADMIN1: 1.8,
    Kind.BORDER: 2.5,
    Kind.ADMIN2: 1.1,
    Kind.BASE: 1.0,
    Kind.SITE: 1.0,
    Kind.AIRPORT: 0.7,
    Kind.POPULATED_PLACE: 0.0,
}
# SITE and MILB mark the curated supplement's own sites and bases, chosen for being what
# the news means by the name ("the White House", not the Tennessee town).
_FEATURE_BONUS = {"PPLC": 0.9, "PPLA": 0.6, "PPLA2": 0.25, "PPLG": 0.6, "SITE": 0.6, "MILB": 0.6}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A raw candidate row before it becomes a :class:`~geostrikes.model.Place`."""

    pid: int
    id: str
    name: str
    kind: Kind
    latitude: float
    longitude: float
    country_code: str | None
    admin1: str | None
    population: int
    feature_code: str | None
    source_ids: tuple[str, ...]
    has_geometry: bool
    matched_name: str
    exact: bool

    @property
    def prior(self) -> float:
        """Context-free plausibility of this referent for a bare name."""
        prior = _KIND_PRIOR[self.kind] + _FEATURE_BONUS.get(self.feature_code or "", 0.0)
        if self.kind == Kind.POPULATED_PLACE:
            prior += math.log10(self.population + 1) / 3.5
        elif self.kind in (Kind.ADMIN1, Kind.ADMIN2):
            # Only a tie-breaker between namesake divisions.
            prior += math.log10(self.population + 1) / 20
        return prior


def _data_path() -> Path:
    override = os.environ.get("GEOSTRIKES_GAZETTEER")
    if override:
        return Path(override)
    return Path(str(resources.files("geostrikes.data").joinpath("gazetteer.sqlite")))


class Gazetteer:
    """Offline look-up of places by name.

    Parameters
    ----------
    path : path-like, optional
        A gazetteer SQLite file; by default the one bundled with the package
        (or the file named by the ``GEOSTRIKES_GAZETTEER`` environment variable).

    Examples
    --------
    >>> gaz = Gazetteer()
    >>> best = gaz.lookup("Ba'quba")[0]
    >>> (best.name, best.kind.value, best.country_code)
    ('Baqubah', 'populated_place', 'IQ')
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else _data_path()
        self._local = threading.local()
        self._cache: dict[tuple[str, bool], tuple[Candidate, ...]] = {}
        self._known: dict[str, bool] = {}
        self._loose_known: dict[str, bool] = {}
        self._countries: dict[str, Candidate | None] = {}

    # -- storage -----------------------------------------------------------------------

    @property
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self._connect()
        return db

    def _connect(self) -> sqlite3.Connection:
        if not self.path.is_file():
            raise GazetteerError(
                f"gazetteer data not found at {str(self.path)!r}: reinstall geostrikes, "
                "or rebuild it with 'python gazetteer/build.py'"
            )
        try:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                 check_same_thread=False)
            version = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(
                f"gazetteer file {str(self.path)!r} is damaged ({exc}): reinstall geostrikes"
            ) from exc
        if not version or version[0] != SCHEMA_VERSION:
            raise GazetteerError(
                f"gazetteer file {str(self.path)!r} has schema {version and version[0]!r}, "
                f"expected {SCHEMA_VERSION!r}: rebuild it with 'python gazetteer/build.py'"
            )
        return db

    def __getstate__(self) -> dict[str, Any]:
        # Connections do not pickle: workers reopen the file themselves.
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])

    _COLUMNS = ("p.pid, p.id, p.name, p.kind, p.lat, p.lon, p.cc, p.admin1, p.population, "
                "p.feature_code, p.source_ids, p.geom IS NOT NULL")

    def _rows_to_candidates(self, rows: Iterable[tuple], exact: bool) -> list[Candidate]:
        return [
            Candidate(pid, pid_s, name, Kind(kind), lat, lon, cc, admin1, population or 0,
                      fcode, tuple(source_ids.split()), bool(has_geom), matched, exact)
            for (pid, pid_s, name, kind, lat, lon, cc, admin1, population, fcode, source_ids,
                 has_geom, matched) in rows
        ]

    def candidates(self, key: str, *, exact: bool = True) -> tuple[Candidate, ...]:
        """All places stored under a normalised key (cached).

        Parameters
        ----------
        key : str
            A :func:`name_key` (``exact=True``) or :func:`loose_key` value.
        exact : bool
            Which key table to search.
        """
        cache_key = (key, exact)
        found = self._cache.get(cache_key)
        if found is None:
            rows = self._db.execute(
                f"SELECT {self._COLUMNS}, n.name FROM names n JOIN place p ON p.pid = n.pid "
                "WHERE n.key = ? AND n.exact = ?",
                (key, int(exact)),
            ).fetchall()
            found = tuple(self._rows_to_candidates(rows, exact))
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[cache_key] = found
        return found

    def has_key(self, key: str) -> bool:
        """Whether any place is stored under this exact :func:`name_key` (cached)."""
        known = self._known.get(key)
        if known is None:
            row = self._db.execute(
                "SELECT 1 FROM names WHERE key = ? AND exact = 1 LIMIT 1", (key,)).fetchone()
            known = row is not None
            if len(self._known) > 500_000:
                self._known.clear()
            self._known[key] = known
        return known

    def has_loose_key(self, key: str) -> bool:
        """Whether a place of a transliterating country bears this name in another spelling.

        True when some place in :data:`TRANSLITERATED_COUNTRIES` is stored
        under the :func:`loose_key` of ``key`` (cached): the look-up that
        :meth:`rank` falls back to when no exact key matches.

        Parameters
        ----------
        key : str
            A :func:`name_key` value.

        Examples
        --------
        >>> gaz = Gazetteer()
        >>> gaz.has_key("ain issa"), gaz.has_loose_key("ain issa")
        (False, True)
        """
        known = self._loose_known.get(key)
        if known is None:
            loose = skeleton(key)
            known = bool(loose) and self._db.execute(
                "SELECT 1 FROM names n JOIN place p ON p.pid = n.pid WHERE n.key = ? "
                f"AND p.cc IN ({_TRANSLITERATED_SQL}) LIMIT 1", (loose,)).fetchone() is not None
            if len(self._loose_known) > 500_000:
                self._loose_known.clear()
            self._loose_known[key] = known
        return known

    def country(self, code: str) -> Candidate | None:
        """The country with this ISO alpha-2 code, as a candidate (cached)."""
        code = code.upper()
        if code not in self._countries:
            rows = self._db.execute(
                f"SELECT {self._COLUMNS}, p.name FROM place p WHERE p.kind = 'country' "
                "AND p.cc = ? ORDER BY p.population DESC LIMIT 1", (code,)).fetchall()
            found = self._rows_to_candidates(rows, True)
            self._countries[code] = found[0] if found else None
        return self._countries[code]

    def geometry_wkb(self, pid: int) -> bytes | None:
        """The stored polygon or line of a place, as WKB."""
        row = self._db.execute("SELECT geom FROM place WHERE pid = ?", (pid,)).fetchone()
        return row[0] if row else None

    def place(self, candidate: Candidate, score: float = 0.0) -> Place:
        """Turn a candidate into a :class:`~geostrikes.model.Place`."""
        loader = None
        if candidate.has_geometry:
            pid = candidate.pid
            loader = _memo(lambda: self.geometry_wkb(pid))
        return Place(
            id=candidate.id, name=candidate.name, kind=candidate.kind,
            latitude=candidate.latitude, longitude=candidate.longitude,
            country_code=candidate.country_code, admin1=candidate.admin1,
            population=candidate.population, source_ids=candidate.source_ids,
            feature_code=candidate.feature_code, matched_name=candidate.matched_name,
            score=score, _geometry_loader=loader,
        )

    def candidate(self, place_id: str) -> Candidate | None:
        """A place by its gazetteer id (``"gn:98182"``) as a candidate, or None."""
        row = self._db.execute(
            f"SELECT {self._COLUMNS}, p.name FROM place p WHERE p.id = ?", (place_id,)
        ).fetchone()
        return None if row is None else self._rows_to_candidates([row], True)[0]

    def get(self, place_id: str) -> Place | None:
        """A place by its gazetteer id (``"gn:98182"``), or None."""
        cand = self.candidate(place_id)
        return None if cand is None else self.place(cand)

    # -- look-up -----------------------------------------------------------------------

    def lookup(self, name: str, *, country: str | None = None,
               kind: Kind | str | Iterable[Kind | str] | None = None,
               limit: int = 10) -> list[Place]:
        """Ranked candidates for a place name, best first.

        Parameters
        ----------
        name : str
            A place name in any common spelling ("Ba'quba", "Deir ez-Zor",
            "Al Asad airbase", "Babylon province").
        country : str, optional
            ISO 3166-1 alpha-2 code: keep only places in that country.
        kind : Kind, str or iterable of them, optional
            Keep only these kinds.
        limit : int
            At most this many results.

        Returns
        -------
        list of Place
            Empty when nothing matches (an unknown place is not an error).

        Examples
        --------
        >>> gaz = Gazetteer()
        >>> gaz.lookup("Babylon province")[0].name
        'Babil'
        >>> gaz.lookup("Georgia", kind="country")[0].country_code
        'GE'
        """
        ranked = self.rank(name, country=country, kind=kind)
        return [self.place(c, score) for c, score in ranked[:max(0, limit)]]

    def rank(self, name: str, *, country: str | None = None,
             kind: Kind | str | Iterable[Kind | str] | None = None
             ) -> list[tuple[Candidate, float]]:
        """Candidates with their context-free scores, best first."""
        kinds = _kinds(kind)
        query = name_key(name)
        if not query:
            return []
        wants_site = bool(_SITE_WORDS.search(query))
        hinted_kind = None
        words = query.split()
        if len(words) > 1 and words[-1] in _DIVISION_WORDS:
            hinted_kind = _DIVISION_WORDS[words[-1]]
        found = self._match(query)
        if not found and hinted_kind is not None:
            found = self._match(" ".join(words[:-1]))
        if not found and wants_site:
            stripped = _SITE_WORDS.sub(" ", query).split()
            if stripped:
                found = self._match(" ".join(stripped))
        cc = country.upper() if country else None
        scored: dict[int, tuple[Candidate, float]] = {}
        for cand in found:
            if cc and cand.country_code != cc:
                continue
            if kinds and cand.kind not in kinds:
                continue
            score = cand.prior + (0.0 if cand.exact else -0.8)
            if name_key(cand.name) == query:
                score += 0.15
            if wants_site and cand.kind in _SITE_KINDS:
                score += 2.5
            if hinted_kind is not None and cand.kind == hinted_kind:
                score += 2.5
            best = scored.get(cand.pid)
            if best is None or score > best[1]:
                scored[cand.pid] = (cand, score)
        _demote_alias_namesakes(scored, query)
        return sorted(scored.values(), key=lambda cs: (-cs[1], -cs[0].population, cs[0].id))

    def _match(self, query: str) -> tuple[Candidate, ...]:
        found = self.candidates(query, exact=True)
        if found:
            return found
        loose = loose_key(query)
        return self.candidates(loose, exact=False) + self.candidates(loose, exact=True)

    # -- whole-table access ----------------------------------------------------------

    def keys(self, *, exact: bool = True) -> Iterator[str]:
        """Every distinct stored key (for building a recogniser)."""
        for (key,) in self._db.execute(
                "SELECT DISTINCT key FROM names WHERE exact = ? ORDER BY key", (int(exact),)):
            yield key

    def country_names(self) -> dict[str, str]:
        """ISO alpha-2 code -> English short name of every country."""
        return _country_names(self)

    def outlines(self, kind: Kind | str = Kind.COUNTRY,
                 country_codes: Iterable[str] | None = None) -> gpd.GeoDataFrame:
        """Country or province outlines as a GeoDataFrame (for basemaps).

        Parameters
        ----------
        kind : {"country", "admin1", "admin2"}
            Which divisions.
        country_codes : iterable of str, optional
            Keep only these countries.

        Returns
        -------
        geopandas.GeoDataFrame
            Columns ``id``, ``name``, ``country_code`` and ``geometry`` (EPSG:4326).
        """
        import geopandas as gpd
        import shapely

        sql = "SELECT id, name, cc, geom FROM place WHERE kind = ? AND geom IS NOT NULL"
        params: list[Any] = [Kind(kind).value]
        codes = sorted({c.upper() for c in country_codes}) if country_codes is not None else None
        if codes is not None:
            sql += f" AND cc IN ({','.join('?' * len(codes))})"
            params += codes
        rows = self._db.execute(sql + " ORDER BY id", params).fetchall()
        return gpd.GeoDataFrame(
            {"id": [r[0] for r in rows], "name": [r[1] for r in rows],
             "country_code": [r[2] for r in rows]},
            geometry=shapely.from_wkb([r[3] for r in rows]), crs="EPSG:4326",
        )

    def info(self) -> dict[str, Any]:
        """Provenance: sources with versions and licences, counts, file size."""
        meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        return {
            "path": str(self.path),
            "size_bytes": self.path.stat().st_size,
            "schema_version": meta.get("schema_version"),
            "sources": json.loads(meta.get("sources", "[]")),
            "counts": json.loads(meta.get("counts", "{}")),
            "attribution": meta.get("attribution", ""),
        }


_TRANSLITERATED_SQL = ",".join(f"'{code}'" for code in sorted(TRANSLITERATED_COUNTRIES))

#: How much a town found only under a former or foreign name loses when places
#: bear that name as their own ("Salisbury" is a town in England, not Harare).
_ALIAS_PENALTY = 1.0
_OWN_NAME_MIN_POPULATION = 5000


def _demote_alias_namesakes(scored: dict[int, tuple[Candidate, float]], query: str) -> None:
    """Lower towns matched by an alternate name when a real place bears it as its own."""
    # Only a town counts as the owner: "New York" is New York City's name as much as the
    # state's, but "Salisbury" is a town of its own, and Harare's only by history.
    owners = [c for c, _ in scored.values() if name_key(c.name) == query
              and c.kind == Kind.POPULATED_PLACE and c.population >= _OWN_NAME_MIN_POPULATION]
    if not owners:
        return
    for pid, (cand, score) in list(scored.items()):
        if cand.kind == Kind.POPULATED_PLACE and name_key(cand.name) != query:
            scored[pid] = (cand, score - _ALIAS_PENALTY)


def _kinds(kind: Kind | str | Iterable[Kind | str] | None) -> frozenset[Kind]:
    if kind is None:
        return frozenset()
    if isinstance(kind, str):
        return frozenset({Kind(kind)})
    return frozenset(Kind(k) for k in kind)


def _memo(loader):
    box: list = []

    def load():
        if not box:
            box.append(loader())
        return box[0]

    return load


@lru_cache(maxsize=4)
def _country_names(gaz: Gazetteer) -> dict[str, str]:
    rows = gaz._db.execute("SELECT cc, name FROM place WHERE kind = 'country'").fetchall()
    return {cc: name for cc, name in rows if cc}


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The shared bundled gazetteer, opened on first use."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Gazetteer()
        return _DEFAULT
