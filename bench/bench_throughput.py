"""Throughput on one core: places and extract against geotext and a floor.

Generates a synthetic corpus (``bench/corpus.py``, 10,000 articles of 3-6 KB
by default) into a temporary file once, then runs each stage over every
article in a fresh single-process child, so that each stage's peak memory is
its own and no stage warms another's caches:

- ``floor``: read the JSON Lines, ``text.lower()`` and ``re.finditer(r"\\w+")``;
  nothing that reads every character can be faster;
- ``geotext``: ``GeoText(text)``, a capitalised-word dictionary matcher that
  resolves nothing: the peer the places goal is set against;
- ``places``: ``Geoparser().parse(article)``, recognition and resolution;
- ``extract``: ``Extractor().extract_article(article)``, places and events.

Every stage reads the same file and times the reading too. Set-up (building
the parser and its first call on a one-line article, which opens the
gazetteer) is timed apart and left out of the rates. Beside the rates: CPU
time per article (``time.process_time``), its share of the wall time (well
under 100% means the machine was busy with something else), and the peak
resident memory of the child (its VmHWM: ``ru_maxrss`` would carry the
parent's peak across ``exec``). Each stage runs a snapshot of the
checkout's HEAD (``git archive``), so commits and edits others make in the
shared checkout during a run cannot split it. Start-up is timed as a cold command beside a
bare ``python -c pass``, median of five.

    python bench/bench_throughput.py                  # 10,000 articles
    python bench/bench_throughput.py --n 2000 --repeat 2
    python bench/bench_throughput.py --profile places --profile-n 2000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

STAGES = ("floor", "geotext", "places", "extract")
STARTUP = ("import geostrikes; from geostrikes.geocode.gazetteer import default_gazetteer; "
           "default_gazetteer().lookup('Baghdad')")
GOAL_PLACES_VS_GEOTEXT = 0.5
GOAL_EXTRACT_RATE = 1000.0
GOAL_STARTUP_S = 1.0

_WORD = re.compile(r"\w+")
_ROOT = Path(__file__).resolve().parent.parent


# -- one stage, in a child process -------------------------------------------------------------

def _worker(stage: str) -> Callable[[dict], int]:
    """A function of one JSON record that does the stage's work and counts its hits."""
    if stage == "floor":
        def floor(record: dict) -> int:
            return len(list(_WORD.finditer(record["text"].lower())))
        return floor
    if stage == "geotext":
        from geotext import GeoText

        def geotext(record: dict) -> int:
            found = GeoText(record["text"])
            return len(found.cities) + len(found.countries)
        return geotext

    from geostrikes import Article

    def article(record: dict) -> Article:
        published = record.get("published")
        return Article(record["id"], record["text"], title=record.get("title"),
                       published=dt.date.fromisoformat(published) if published else None)

    if stage == "places":
        from geostrikes.geocode.geoparser import Geoparser

        parser = Geoparser()

        def places(record: dict) -> int:
            return len(parser.parse(article(record)))
        return places
    if stage == "extract":
        from geostrikes.extraction.events import Extractor

        extractor = Extractor()

        def extract(record: dict) -> int:
            return len(extractor.extract_article(article(record)))
        return extract
    raise ValueError(f"unknown stage {stage!r}: choose one of {', '.join(STAGES)}")


def _warm_up(stage: str) -> Callable[[dict], int]:
    work = _worker(stage)
    work({"id": "warm-up", "text": "Jets struck near Baghdad on Monday, officials said.",
          "published": "2020-01-06"})
    return work


def run_stage(stage: str, corpus: Path) -> dict:
    """Run one stage over every article of ``corpus``; the figures as a dict."""
    wall0, cpu0 = time.perf_counter(), time.process_time()
    work = _warm_up(stage)
    setup = time.perf_counter() - wall0
    articles = hits = 0
    wall1, cpu1 = time.perf_counter(), time.process_time()
    with open(corpus, encoding="utf-8") as lines:
        for line in lines:
            hits += work(json.loads(line))
            articles += 1
    wall = time.perf_counter() - wall1
    cpu = time.process_time() - cpu1
    return {
        "stage": stage, "articles": articles, "hits": hits, "setup_s": setup,
        "setup_cpu_s": cpu1 - cpu0, "wall_s": wall, "cpu_s": cpu,
        "peak_mb": _peak_mb(),
        "code": _package_dir(),
    }


def _peak_mb() -> float:
    """Peak resident memory of this process, in MB."""
    # ru_maxrss survives exec on Linux, so a child started from a big parent
    # would report the parent's peak; the kernel's VmHWM is this image's own.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    # Linux and the BSDs report ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _package_dir() -> str:
    import geostrikes

    return str(Path(geostrikes.__file__).resolve().parent.parent)


def _child(stage: str, corpus: Path, env: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, __file__, "--stage", stage, "--corpus", str(corpus)],
                         check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


# -- the parent ------------------------------------------------------------------------------------

def _timed(code: str, env: dict[str, str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _write_corpus(path: Path, n: int, seed: int) -> tuple[int, int]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus import generate

    size = 0
    with open(path, "w", encoding="utf-8") as out:
        for article in generate(n, seed):
            size += len(article["text"].encode())
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return n, size


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=_ROOT, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def _snapshot(into: Path) -> tuple[Path, str]:
    """Export HEAD's package, so that edits in the shared checkout cannot split a run."""
    head = _git("rev-parse", "--short", "HEAD")
    if not head:
        raise SystemExit("--code head needs a git checkout: use --code worktree")
    into.mkdir()
    archive = subprocess.Popen(["git", "archive", "HEAD", "geostrikes"], cwd=_ROOT,
                               stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(into)], stdin=archive.stdout, check=True)
    archive.stdout.close()
    if archive.wait() != 0:
        raise SystemExit("git archive HEAD failed: use --code worktree")
    return into, f"geostrikes at {head} (a snapshot of HEAD taken at start)"


def _worktree() -> tuple[Path, str]:
    head = _git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = _git("status", "--porcelain", "--", "geostrikes")
    return _ROOT, (f"geostrikes working tree at {head}"
                   + (", with uncommitted changes" if dirty else "")
                   + "; edits made during the run reach the stages that start after them")


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def _table(results: dict[str, dict], n: int, size: int) -> list[str]:
    rate = {s: r["articles"] / r["wall_s"] for s, r in results.items()}
    head = (f"{'stage':<8} {'setup s':>7} {'articles/s':>10} {'MB/s':>6} {'CPU ms/art':>10} "
            f"{'CPU/wall':>8} {'vs geotext':>10} {'vs floor':>8} {'hits/art':>8} "
            f"{'peak MB':>7}  goal")
    lines = [head, "-" * len(head)]
    goals = {
        "places": (f"articles/s >= {GOAL_PLACES_VS_GEOTEXT:.2f}x geotext",
                   lambda: rate["places"] >= GOAL_PLACES_VS_GEOTEXT * rate["geotext"]),
        "extract": (f"articles/s >= {GOAL_EXTRACT_RATE:,.0f}",
                    lambda: rate["extract"] >= GOAL_EXTRACT_RATE),
    }
    for stage, r in results.items():
        goal = ""
        if stage in goals and "geotext" in rate:
            text, check = goals[stage]
            goal = f"{text}: {_verdict(check())}"
        vs_geo = f"{rate[stage] / rate['geotext']:.2f}x" if "geotext" in rate else "-"
        vs_floor = f"{rate[stage] / rate['floor']:.2f}x" if "floor" in rate else "-"
        lines.append(
            f"{stage:<8} {r['setup_s']:>7.2f} {rate[stage]:>10,.0f} "
            f"{size / 1e6 / r['wall_s']:>6.1f} {1000 * r['cpu_s'] / r['articles']:>10.3f} "
            f"{r['cpu_s'] / r['wall_s']:>8.0%} {vs_geo:>10} {vs_floor:>8} "
            f"{r['hits'] / r['articles']:>8.1f} {r['peak_mb']:>7.0f}  {goal}")
    return lines


def main(argv: list[str] | None = None) -> None:
    """Benchmark, or (with ``--stage``) run one stage as the child of a benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000, help="articles (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each stage; the fastest counts (default 1)")
    parser.add_argument("--stages", default=",".join(STAGES),
                        help=f"comma-separated subset of {','.join(STAGES)}")
    parser.add_argument("--code", choices=("head", "worktree"), default="head",
                        help="measure a snapshot of the checkout's HEAD (default), or the "
                             "working tree as it is when each stage starts")
    parser.add_argument("--profile", choices=("places", "extract"),
                        help="profile one stage (of the working tree) with cProfile instead "
                             "of benchmarking")
    parser.add_argument("--profile-n", type=int, default=2000,
                        help="articles to profile (default 2000)")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.stage:
        print(json.dumps(run_stage(args.stage, args.corpus)))
        return
    if args.profile:
        profile(args.profile, args.profile_n, args.seed)
        return

    started = time.perf_counter()
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="geostrikes-bench-") as tmp:
        code, label = (_snapshot(Path(tmp) / "code") if args.code == "head" else _worktree())
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            filter(None, [str(code), os.environ.get("PYTHONPATH")]))}
        sys.path.insert(0, str(code))
        corpus = Path(tmp) / "corpus.jsonl"
        t0 = time.perf_counter()
        n, size = _write_corpus(corpus, args.n, args.seed)
        made = time.perf_counter() - t0
        print(f"corpus: {n:,} articles, {size / 1e6:.1f} MB of text "
              f"(mean {size / n / 1000:.2f} KB), seed {args.seed}, generated in {made:.1f} s")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start; "
              f"Python {sys.version.split()[0]}; one process per stage, one core each")
        print(label)
        results: dict[str, dict] = {}
        for stage in stages:
            runs = [_child(stage, corpus, env) for _ in range(max(1, args.repeat))]
            results[stage] = min(runs, key=lambda r: r["wall_s"])
            print(f"  {stage}: {results[stage]['wall_s']:.1f} s", file=sys.stderr, flush=True)
            if results[stage]["code"] != str(code):
                raise SystemExit(f"{stage} imported geostrikes from {results[stage]['code']}, "
                                 f"not {code}")
        bare = _timed("pass", env)
        light = _timed("import geostrikes", env)
        cold = _timed(STARTUP, env)

    print()
    print("\n".join(_table(results, n, size)))
    print()
    print("start-up, median of 5 (wall s):")
    print(f"  python -c pass                                         {bare:6.3f}")
    print(f"  python -c 'import geostrikes'                          {light:6.3f}")
    print(f"  python -c 'import geostrikes; ...lookup(\"Baghdad\")'    {cold:6.3f}"
          f"   goal < {GOAL_STARTUP_S:.0f} s: {_verdict(cold < GOAL_STARTUP_S)}"
          f"  ({cold - bare:.3f} s over bare Python)")
    print()
    print(f"load average {os.getloadavg()[0]:.2f} at end; "
          f"benchmark took {time.perf_counter() - started:.0f} s")
    if "geotext" in results and (
            "places" in results and results["places"]["articles"] / results["places"]["wall_s"]
            < GOAL_PLACES_VS_GEOTEXT * n / results["geotext"]["wall_s"]
            or "extract" in results and n / results["extract"]["wall_s"] < GOAL_EXTRACT_RATE):
        print("a goal is missed: see where the time goes with "
              "'python bench/bench_throughput.py --profile places' (or extract)")


def profile(stage: str, n: int, seed: int, top: int = 30) -> None:
    """Print the stage's hot spots (file:line) over ``n`` generated articles."""
    import cProfile
    import pstats

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus import generate

    records = list(generate(n, seed))
    work = _warm_up(stage)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    for record in records:
        work(record)
    profiler.disable()
    wall = time.perf_counter() - start
    print(_worktree()[1].split(";")[0])
    print(f"{stage}: {n} articles in {wall:.1f} s under cProfile "
          f"({n / wall:,.0f} articles/s; profiling slows pure Python down)")
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(r"geostrikes", top)


if __name__ == "__main__":
    main()
