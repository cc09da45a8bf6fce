"""Gazetteer look-up speed: cold command, warm look-ups, peak memory.

Prints figures beside a peer measured in the same run (a bare Python start,
and ``import geopandas``), because these shared machines are noisy.

    python bench/bench_geocode.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

QUERIES = [
    "Diyala", "Babil", "Babylon province", "Baqubah", "Ba'quba", "Kobani", "Ayn al-Arab",
    "Abu Kamal", "Al-Bukamal", "Al-Qaim", "Jurf al-Sakhar", "Ain al-Asad", "Kalsu", "Isfahan",
    "Esfahan", "Damascus", "Baghdad", "Erbil", "Irbil", "Deir ez-Zor", "Sanaa", "Hodeidah",
    "Paris", "Springfield", "Georgia", "Tower 22", "Al-Tanf", "Nowhereville",
]


def timed(cmd: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb(code: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport resource; "
         "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"],
        check=True, capture_output=True, text=True).stdout.split()[-1]
    return int(out) / 1024


def main() -> None:
    bare = timed([sys.executable, "-c", "pass"])
    geopandas = timed([sys.executable, "-c", "import geopandas"], runs=3)
    cold = timed([sys.executable, "-m", "geostrikes", "geocode", "Diyala", "--json"])
    print(f"cold 'geostrikes geocode Diyala': {cold:.3f} s "
          f"(bare python start {bare:.3f} s = {cold / bare:.1f}x; "
          f"'import geopandas' {geopandas:.3f} s; goal < 1 s)")

    from geostrikes.geocode.gazetteer import Gazetteer

    gaz = Gazetteer()
    gaz.lookup("warm-up")
    per_query = []
    for query in QUERIES:
        fresh = Gazetteer()
        fresh.lookup("warm-up")
        start = time.perf_counter()
        fresh.lookup(query)
        per_query.append(time.perf_counter() - start)
    print(f"first look-up of a name (uncached): median {statistics.median(per_query) * 1e6:.0f}"
          f" us, max {max(per_query) * 1e6:.0f} us")
    rounds = 200
    start = time.perf_counter()
    for _ in range(rounds):
        for query in QUERIES:
            gaz.lookup(query)
    warm = (time.perf_counter() - start) / (rounds * len(QUERIES))
    print(f"warm look-up (cached candidates, ranked again): {warm * 1e6:.1f} us per name "
          f"(goal < 100 us)")
    base = peak_rss_mb("pass")
    peak = peak_rss_mb("from geostrikes.geocode.gazetteer import Gazetteer\n"
                       "g = Gazetteer()\n" + "\n".join(f"g.lookup({q!r})" for q in QUERIES))
    print(f"peak memory after {len(QUERIES)} look-ups: {peak:.0f} MB (bare python {base:.0f} MB)")


if __name__ == "__main__":
    main()
