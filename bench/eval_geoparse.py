"""Measure place resolution and recognition on GeoWebNews and on US local news.

Evaluation material only: reads ../shared (not shipped), writes into a
temporary folder, prints the scorer's figures. Besides GeoWebNews (published
gold, in ../shared), it scores the project's own fictional US-local-news sets
(``tests/data/localnews``, LGL format): ``dev`` may be tuned on, ``test`` is
for measurement only.

    python bench/eval_geoparse.py [--shared ../shared] [--only gwn|local]
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
    parser.add_argument("--only", choices=("gwn", "local"))
    args = parser.parse_args()
    scorer = args.shared / "eval/geoparse.py"
    local = Path(__file__).resolve().parents[1] / "tests/data/localnews"
    corpora = []
    if args.only != "local":
        corpora.append(("GeoWebNews", args.shared / "data/geoparse/geowebnews/GWN.xml"))
    if args.only != "gwn":
        corpora += [("local news dev", local / "dev.xml"), ("local news test", local / "test.xml")]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, corpus in corpora:
            for label, extra in (("gold spans (resolution)", []),
                                 ("raw text (recognition + resolution)", ["--no-spans"])):
                inp, pred = tmp / "in.jsonl", tmp / "pred.jsonl"
                run([sys.executable, str(scorer), "to-jsonl", str(corpus), *extra,
                     "-o", str(inp)])
                start = time.perf_counter()
                run([sys.executable, "-m", "geostrikes", "places", str(inp), "-o", str(pred),
                     "-q"])
                elapsed = time.perf_counter() - start
                print(f"== {name}, {label}: places took {elapsed:.1f} s")
                print(run([sys.executable, str(scorer), "score", str(corpus), str(pred)]))


if __name__ == "__main__":
    main()
