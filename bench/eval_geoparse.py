"""Measure place resolution and recognition on GeoWebNews.

Evaluation material only: reads ../shared (not shipped), writes into a
temporary folder, prints the scorer's figures.

    python bench/eval_geoparse.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(cmd: list[str]) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True)
    # Exit 1 means some inputs were skipped (reported on stderr); still scored.
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    if done.stderr.strip():
        print(done.stderr.strip(), file=sys.stderr)
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[1].parent / "shared")
    args = parser.parse_args()
    corpus = args.shared / "data/geoparse/geowebnews/GWN.xml"
    scorer = args.shared / "eval/geoparse.py"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for label, extra in (("gold spans (resolution)", []),
                             ("raw text (recognition + resolution)", ["--no-spans"])):
            inp, pred = tmp / "in.jsonl", tmp / "pred.jsonl"
            run([sys.executable, str(scorer), "to-jsonl", str(corpus), *extra, "-o", str(inp)])
            start = time.perf_counter()
            run([sys.executable, "-m", "geostrikes", "places", str(inp), "-o", str(pred), "-q"])
            elapsed = time.perf_counter() - start
            print(f"== GeoWebNews, {label}: places took {elapsed:.1f} s")
            print(run([sys.executable, str(scorer), "score", str(corpus), str(pred)]))


if __name__ == "__main__":
    main()
