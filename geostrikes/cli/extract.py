"""``geostrikes extract``: strike events from articles, as GeoJSON and friends."""

from __future__ import annotations

from pathlib import Path

import click

from geostrikes.cli._common import Counting, finish, max_chars_option, quiet_option, state
from geostrikes.cli._formats import output_options
from geostrikes.cli._scale import scale_options


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@output_options
@click.option("--merge-reports", is_flag=True,
              help="Merge reports of the same strike from different articles into one event "
                   "that keeps every source (its article_id is the first article's).")
@scale_options
@max_chars_option
@quiet_option
def extract_command(inputs: tuple[str, ...], output: Path, format: str | None,
                    merge_reports: bool, workers: int | None, engine: str, scheduler: str | None,
                    batch_size: int, max_chars: int) -> None:
    """Extract strike events from the INPUT articles.

    Every air, drone, missile or rocket strike the articles report: where it
    hit (with honest precision), who carried it out as the article
    attributes it, the stance (claimed, confirmed, accused, suspected,
    denied, unattributed), who attributes and who denies, and the quoting
    sentence. INPUT is a .txt, .html, .jsonl/.json or .csv file, a folder
    (with an optional articles.csv sidecar), or - for standard input.

    \b
    Examples:
      geostrikes extract seeds/ -o events.geojson
      geostrikes extract feed.jsonl -o events.gpkg
      geostrikes extract seeds/ -o events.csv --format acled
      geostrikes extract feed.jsonl -o events.geojsons --workers 8
      geostrikes extract feed.jsonl -o events.parquet --engine dask --scheduler tcp://host:8786
    """
    from geostrikes.export import write_events
    from geostrikes.extraction.events import merge_events
    from geostrikes.scale.runner import run

    st = state()
    articles = st.articles(inputs, max_chars=max_chars, desc="extract")
    events = run("extract", articles, workers=workers, scheduler=scheduler,
                 engine="dask" if scheduler else engine, batch_size=batch_size)
    if merge_reports:
        events = iter(merge_events(events))
    counted = Counting(events)
    write_events(counted, output, format=format)
    st.info(f"wrote {counted.count} events to {output}")
    finish()


COMMANDS = (extract_command,)
