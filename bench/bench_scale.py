"""Parallel scaling: `geostrikes extract|places --workers N` on a generated corpus.

Generates a corpus with ``bench/corpus.py`` (JSON Lines, news-length
articles), then for each stage, corpus size and worker count runs the real
command line in a child process, as a user would:

    python -m geostrikes STAGE corpus.jsonl -o OUT --workers N -q

and reports, per run:

- wall time and articles/s; speed-up over one worker at the same size;
- CPU ms per article summed over the whole process tree (user + system,
  from ``wait4``, which includes the pool workers the command reaped) and
  the CPU/wall ratio: on a machine shared with other jobs a ratio well under
  N means the workers waited for a core, not that they had nothing to do;
- peak memory of the process tree, sampled every 0.25 s: the sum of PSS over
  the command and its workers (proportional set size, so the pages forked
  workers share with the parent are counted once), and the sum of RSS;
- whether the output is byte-identical to the one-worker run;
- "cores free": just before the run, N busy loops in N processes against
  one alone (N x its time / their time): how many cores other jobs left,
  so that a speed-up can be read against what the machine could give.

Two corpus sizes show whether memory stays flat as the input grows
(reading, work and writing all stream). ``--engines local,dask`` adds runs on
a Dask LocalCluster of N worker processes.

    python bench/bench_scale.py                         # 1,000 and 4,000 articles, 1 and 2 workers
    python bench/bench_scale.py --sizes 2000 --workers 1,2 --stages extract
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
_SUFFIX = {"extract": "geojsons", "places": "jsonl"}


def _write_corpus(path: Path, n: int, seed: int) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus import generate

    size = 0
    with open(path, "w", encoding="utf-8") as out:
        for article in generate(n, seed):
            line = json.dumps(article, ensure_ascii=False) + "\n"
            size += len(article["text"].encode())
            out.write(line)
    return size


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as fh:
                    todo.extend(int(p) for p in fh.read().split())
        except OSError:
            continue
    return pids


def _memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in KiB; zeros once it is gone."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


class _Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_pss = self.peak_rss = 0
        self.most_processes = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            pids = _tree(self.pid)
            sizes = [_memory_kb(p) for p in pids]
            self.most_processes = max(self.most_processes, sum(1 for s in sizes if s[1]))
            self.peak_pss = max(self.peak_pss, sum(s[0] for s in sizes))
            self.peak_rss = max(self.peak_rss, sum(s[1] for s in sizes))
            self.done.wait(0.25)


def _spin(n: int) -> float:
    start = time.perf_counter()
    x = 0
    for i in range(n):
        x += i
    return time.perf_counter() - start


def cores_free(workers: int, n: int = 10_000_000) -> float:
    """How many of ``workers`` busy loops ran at full speed just now (a shared machine's share)."""
    import multiprocessing

    alone = _spin(n)
    if workers == 1:
        return 1.0
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        start = time.perf_counter()
        pool.map(_spin, [n] * workers)
        together = time.perf_counter() - start
    return min(workers, workers * alone / together)


def run_once(stage: str, corpus: Path, workers: int, engine: str, out_dir: Path) -> dict:
    out = out_dir / f"{stage}-{engine}-{workers}-{corpus.stem}.{_SUFFIX[stage]}"
    command = [sys.executable, "-m", "geostrikes", stage, str(corpus), "-o", str(out),
               "--workers", str(workers), "--engine", engine, "-q"]
    env = {**os.environ, "PYTHONPATH": str(_ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = _Sampler(proc.pid)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}): {err[-2000:]}")
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    size_mb = out.stat().st_size / 1e6
    out.unlink()
    return {"stage": stage, "engine": engine, "workers": workers, "wall_s": wall,
            "cpu_s": usage.ru_utime + usage.ru_stime, "peak_pss_mb": sampler.peak_pss / 1024,
            "peak_rss_mb": sampler.peak_rss / 1024, "processes": sampler.most_processes,
            "sha256": digest, "output_mb": size_mb}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,4000", help="corpus sizes (default 1000,4000)")
    parser.add_argument("--workers", default="1,2", help="worker counts (default 1,2)")
    parser.add_argument("--stages", default="extract,places")
    parser.add_argument("--engines", default="local", help="local and/or dask")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    counts = [int(w) for w in args.workers.split(",")]
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=_ROOT,
                          capture_output=True, text=True).stdout.strip()
    print(f"# geostrikes at {head or 'unknown'}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f} at start")
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        corpora = {}
        for n in sizes:
            path = tmpdir / f"corpus{n}.jsonl"
            corpora[n] = (path, _write_corpus(path, n, args.seed))
        print("| stage | engine | articles | MB in | workers | cores free | wall s | articles/s | "
              "speed-up | CPU ms/article | CPU/wall | peak tree PSS MB | peak tree RSS MB | "
              "processes | same output |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for stage in args.stages.split(","):
            for n in sizes:
                corpus, size = corpora[n]
                base = None
                for engine in args.engines.split(","):
                    for workers in counts:
                        free = cores_free(workers)
                        r = run_once(stage, corpus, workers, engine, tmpdir)
                        if base is None:
                            base = r
                        speedup = base["wall_s"] / r["wall_s"]
                        print(f"| {stage} | {engine} | {n:,} | {size / 1e6:.1f} | {workers} | "
                              f"{free:.1f} | "
                              f"{r['wall_s']:.1f} | {n / r['wall_s']:.0f} | {speedup:.2f}x | "
                              f"{1000 * r['cpu_s'] / n:.1f} | {r['cpu_s'] / r['wall_s']:.2f} | "
                              f"{r['peak_pss_mb']:.0f} | {r['peak_rss_mb']:.0f} | "
                              f"{r['processes']} | "
                              f"{'yes' if r['sha256'] == base['sha256'] else 'NO'} |",
                              flush=True)
    print(f"# load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()
