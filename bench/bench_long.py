"""Long articles: does the work per MB stay flat as one article grows?

A 50 MB article once ran for hours: per sentence, every actor and every
place mention of the whole article was scanned, which is quadratic in its
length. This script joins generated news articles (``bench/corpus.py``) into
one article of 0.5, 1 and 2 MB (by default) and prints the CPU time per MB
of ``places`` and ``extract`` on each. Linear work gives the same seconds
per MB at every size; a quadratic step doubles them with each doubling.

    python bench/bench_long.py
    python bench/bench_long.py --sizes 0.25,0.5,1 --stages places
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def long_text(megabytes: float, seed: int = 0) -> str:
    """Generated articles joined by blank lines until the text reaches ``megabytes``."""
    from corpus import generate

    parts: list[str] = []
    size = 0
    target = megabytes * 1e6
    for article in generate(1_000_000, seed):
        parts.append(article["text"])
        size += len(article["text"].encode()) + 2
        if size >= target:
            break
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> None:
    """Print CPU seconds per MB for each stage and size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0.5,1,2", help="article sizes in MB (default 0.5,1,2)")
    parser.add_argument("--stages", default="places,extract",
                        help="comma-separated subset of places,extract")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    import datetime as dt

    from geostrikes import Article
    from geostrikes.extraction.events import Extractor
    from geostrikes.geocode.geoparser import Geoparser

    parser_ = Geoparser()
    extractor = Extractor(parser_)
    work = {"places": parser_.parse, "extract": extractor.extract_article}
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    # Warm the gazetteer and caches, so the first size does not pay for them.
    extractor.extract_article(Article("warm-up", long_text(0.05, args.seed + 1)))
    print(f"{'stage':<8} {'MB':>5} {'CPU s':>8} {'CPU s/MB':>9} {'results':>8}")
    for stage in stages:
        for megabytes in (float(s) for s in args.sizes.split(",")):
            text = long_text(megabytes, args.seed)
            article = Article(f"long-{megabytes}", text, published=dt.date(2024, 1, 1))
            start = time.process_time()
            found = work[stage](article)
            cpu = time.process_time() - start
            size = len(text.encode()) / 1e6
            print(f"{stage:<8} {size:>5.2f} {cpu:>8.2f} {cpu / size:>9.2f} {len(found):>8}",
                  flush=True)


if __name__ == "__main__":
    main()
