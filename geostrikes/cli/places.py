"""``geostrikes places``: every place mention of the input articles."""

from __future__ import annotations

from pathlib import Path

import click

from geostrikes.cli._common import Counting, finish, max_chars_option, quiet_option, state
from geostrikes.cli._formats import output_options
from geostrikes.cli._scale import scale_options


@click.command("places")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@output_options
@scale_options
@max_chars_option
@quiet_option
def places_command(inputs: tuple[str, ...], output: Path, format: str | None,
                   workers: int | None, engine: str, scheduler: str | None,
                   batch_size: int, max_chars: int) -> None:
    """Find and resolve every place the INPUT articles name.

    INPUT is a .txt, .html, .jsonl/.json or .csv file, a folder (read
    recursively, with an optional articles.csv sidecar of metadata), or -
    for standard input. Writes one JSON object per mention (JSON Lines by
    default) with article_id, start, end, text, name, kind, latitude,
    longitude, country_code, precision, locational (false for metonyms such
    as "Tehran denies") and source ids. JSON Lines inputs whose objects carry
    "spans": [[start, end], ...] are resolved at exactly those spans.

    \b
    Examples:
      geostrikes places seeds/ -o places.jsonl
      geostrikes places feed.jsonl -o places.geojson
      geostrikes places feed.jsonl -o places.jsonl --workers 4
    """
    from geostrikes.export import write_places
    from geostrikes.scale.runner import run

    st = state()
    articles = st.articles(inputs, max_chars=max_chars, desc="places")
    mentions = Counting(run("places", articles, workers=workers, scheduler=scheduler,
                            engine="dask" if scheduler else engine, batch_size=batch_size))
    write_places(mentions, output, format=format)
    st.info(f"wrote {mentions.count} mentions to {output}")
    finish()


COMMANDS = (places_command,)
