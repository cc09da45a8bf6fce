"""``geostrikes places``: every place mention of the input articles."""

from __future__ import annotations

from pathlib import Path

import click

from geostrikes.cli._common import finish, max_chars_option, quiet_option, state
from geostrikes.cli._formats import output_options


@click.command("places")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@output_options
@max_chars_option
@quiet_option
def places_command(inputs: tuple[str, ...], output: Path, format: str | None,
                   max_chars: int) -> None:
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
    """
    from geostrikes.export import write_places
    from geostrikes.geocode.geoparser import Geoparser

    st = state()
    articles = st.articles(inputs, max_chars=max_chars, desc="places")
    counted = [0]

    def counting(mentions):
        for mention in mentions:
            counted[0] += 1
            yield mention

    write_places(counting(Geoparser().parse_many(articles)), output, format=format)
    st.info(f"wrote {counted[0]} mentions to {output}")
    finish()


COMMANDS = (places_command,)
