"""Score strike-event extraction on every annotated corpus the project has.

Evaluation only: reads ../shared/eval/score.py (not shipped), writes into a
temporary folder, prints one line of figures per corpus. The seeds are the
shared examples; ``tests/data/articles`` is the set the rules were developed
on; the four ``heldout`` sets were written later by someone who had not seen
the code, to measure how far the rules carry to text they were not tuned on.

    python bench/eval_events.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {
    "seeds": ("seeds", None),
    "own (tuned on)": ("tests/data/articles", "tests/data/gold"),
    "held-out 1": ("tests/data/heldout/articles", "tests/data/heldout/gold"),
    "held-out 2": ("tests/data/heldout2/articles", "tests/data/heldout2/gold"),
    "held-out 3": ("tests/data/heldout3/articles", "tests/data/heldout3/gold"),
    "held-out 4": ("tests/data/heldout4/articles", "tests/data/heldout4/gold"),
}
FIELDS = ("precision", "recall", "f1", "actor_accuracy", "attribution_accuracy",
          "negative_control_fp")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    scorer = args.shared / "eval" / "score.py"
    if not scorer.exists():
        raise SystemExit(f"{scorer} not found: pass --shared PATH")
    print(f"{'corpus':<16}" + "".join(f"{f:>22}" for f in FIELDS))
    with tempfile.TemporaryDirectory() as tmp:
        for name, (articles, gold) in CORPORA.items():
            gold_dir = args.shared / "eval" / "gold" if gold is None else ROOT / gold
            out = Path(tmp) / "events.geojson"
            done = subprocess.run([sys.executable, "-m", "geostrikes", "extract",
                                   str(ROOT / articles), "-o", str(out), "-q"],
                                  capture_output=True, text=True, cwd=ROOT)
            if done.returncode not in (0, 1):
                raise SystemExit(f"extract failed on {articles}:\n{done.stderr}")
            scored = subprocess.run([sys.executable, str(scorer), "--gold", str(gold_dir),
                                     "--pred", str(out)], capture_output=True, text=True,
                                    check=True).stdout.strip().splitlines()[-1]
            figures = dict(item.split("=", 1) for item in scored.split() if "=" in item)
            print(f"{name:<16}" + "".join(f"{figures.get(f, '-'):>22}" for f in FIELDS))


if __name__ == "__main__":
    main()
