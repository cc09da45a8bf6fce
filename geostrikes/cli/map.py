"""``geostrikes map``: a self-contained HTML map of strike events."""

from __future__ import annotations

from pathlib import Path

import click

from geostrikes.cli._common import finish, max_chars_option, quiet_option, state
from geostrikes.cli._scale import scale_options
from geostrikes.errors import InputError

# Files that hold events (what ``geostrikes extract`` writes) rather than articles.
_EVENT_SUFFIXES = {".geojson", ".geojsons", ".geojsonl", ".parquet", ".geoparquet", ".gpkg"}
# Articles and events can both come as JSON; events are GeoJSON features.
_AMBIGUOUS_SUFFIXES = {".json", ".jsonl"}


def _is_events_file(name: str) -> bool:
    path = Path(name)
    suffix = path.suffix.lower()
    if suffix in _EVENT_SUFFIXES:
        return True
    if suffix not in _AMBIGUOUS_SUFFIXES or not path.is_file():
        return False
    with open(path, encoding="utf-8", errors="replace") as fh:
        head = fh.read(4096)
    return '"FeatureCollection"' in head or '"Feature"' in head


def _read_events_files(paths: list[str]):
    from geostrikes.export import read_events

    return [read_events(p) for p in paths]


def _extract_from_articles(inputs: list[str], max_chars: int, **scale):
    st = state()
    try:
        from geostrikes.scale.runner import run
    except ImportError as exc:
        raise InputError(f"cannot read articles here ({exc}); map an events file written by "
                         "'geostrikes extract' (.geojson, .parquet, .gpkg) instead") from exc
    from geostrikes.frame import events_frame

    articles = st.articles(inputs, max_chars=max_chars, desc="extract")
    return events_frame(run("extract", articles, **scale))


@click.command("map")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write (one self-contained file).")
@click.option("--tiles", metavar="NAME|URL", default=None,
              help="Online tiles under the events: a name such as OpenStreetMap or "
                   "'CartoDB Positron', or a URL template with {z}/{x}/{y}. By default the "
                   "map draws country and province outlines and needs no network.")
@click.option("--title", metavar="TEXT", default=None, help="Title on the legend and page.")
@click.option("--cluster-threshold", type=click.IntRange(min=0), default=500, show_default=True,
              help="Cluster an actor's markers when it has more point events than this.")
@scale_options
@max_chars_option
@quiet_option
def map_command(inputs: tuple[str, ...], output: Path, tiles: str | None, title: str | None,
                cluster_threshold: int, workers: int | None, engine: str,
                scheduler: str | None, batch_size: int, max_chars: int) -> None:
    """Draw strike events on a map: who struck where, and how sure anyone is.

    INPUT is an events file written by 'geostrikes extract' (.geojson or a
    GeoJSON .json, .parquet, .gpkg) or articles (.txt, .html, .jsonl/.json,
    .csv, a folder, or - for standard input), which are extracted first.
    Writes one HTML file that opens offline: one layer per attributed actor
    in a fixed colour, the stance as fill (solid claimed/confirmed, hollow
    accused/suspected, dashed denied, dotted grey unattributed), places as
    precise as they are known (a point, a circle of uncertainty, a province
    or country outline, a border line), popups quoting the source, a legend
    and a date filter.

    \b
    Examples:
      geostrikes map events.geojson -o map.html
      geostrikes map seeds/ -o map.html --title "Seed articles"
      geostrikes map events.parquet -o map.html --tiles OpenStreetMap
      geostrikes map feed.jsonl -o map.html --workers 4
    """  # noqa: D301 - click's \b (no rewrapping) must stay a real backspace
    import pandas as pd

    from geostrikes.render.strike_map import save_map, strike_map

    st = state()
    files = [i for i in inputs if _is_events_file(i)]
    articles = [i for i in inputs if i not in files]
    frames = _read_events_files(files)
    if articles:
        frames.append(_extract_from_articles(
            articles, max_chars, workers=workers, scheduler=scheduler,
            engine="dask" if scheduler else engine, batch_size=batch_size))
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    m = strike_map(frame, tiles=tiles, title=title, cluster_threshold=cluster_threshold)
    save_map(m, output)
    st.info(f"wrote a map of {len(frame)} events to {output}")
    finish()


COMMANDS = (map_command,)
