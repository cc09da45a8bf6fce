"""Gazetteer commands: ``geocode`` a name, and ``gazetteer`` provenance."""

from __future__ import annotations

import json

import click

from geostrikes.cli._common import quiet_option
from geostrikes.model import Kind

_KINDS = [k.value for k in Kind]


@click.command("geocode")
@click.argument("name")
@click.option("--country", metavar="CC", help="Only places in this country (ISO alpha-2).")
@click.option("--kind", type=click.Choice(_KINDS), multiple=True,
              help="Only places of this kind (repeatable).")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 1000),
              help="How many candidates to print.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, best first.")
@quiet_option
def geocode_command(name: str, country: str | None, kind: tuple[str, ...], limit: int,
                    as_json: bool) -> None:
    """Look up a place NAME in the bundled offline gazetteer.

    Prints ranked candidates, best first: countries and provinces before
    namesake villages, capitals and big cities before small namesakes,
    military sites when the name says base or camp. Spellings are folded:
    "Ba'quba", "Baqubah" and "Baquba" meet.

    \b
    Examples:
      geostrikes geocode Diyala
      geostrikes geocode "Ain al-Asad" --json
      geostrikes geocode Georgia --kind country --limit 1
    """
    from geostrikes.geocode.gazetteer import default_gazetteer

    places = default_gazetteer().lookup(name, country=country, kind=kind or None, limit=limit)
    if as_json:
        click.echo(json.dumps([_as_dict(p) for p in places], ensure_ascii=False, indent=2))
        return
    if not places:
        click.echo(f"no place found for {name!r}", err=True)
        raise SystemExit(1)
    for rank, place in enumerate(places, 1):
        where = ", ".join(x for x in (place.admin1, place.country_code) if x)
        click.echo(f"{rank}. {place.name} [{place.kind.value}] {where} "
                   f"({place.latitude:.4f}, {place.longitude:.4f}) {place.id}")


def _as_dict(place) -> dict:
    return {
        "name": place.name,
        "kind": place.kind.value,
        "latitude": round(place.latitude, 6),
        "longitude": round(place.longitude, 6),
        "country_code": place.country_code,
        "admin1": place.admin1,
        "population": place.population,
        "feature_code": place.feature_code,
        "id": place.id,
        "source_ids": list(place.source_ids),
        "matched_name": place.matched_name,
        "has_geometry": place.has_geometry,
        "score": round(place.score, 3),
    }


@click.command("gazetteer")
@click.option("--json", "as_json", is_flag=True, help="Print the provenance as JSON.")
def gazetteer_command(as_json: bool) -> None:
    """Print the bundled gazetteer's sources, versions, licences and size.

    \b
    Example:
      geostrikes gazetteer
    """
    from geostrikes.geocode.gazetteer import default_gazetteer

    info = default_gazetteer().info()
    if as_json:
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    click.echo(f"gazetteer: {info['path']}")
    click.echo(f"size: {info['size_bytes'] / 1e6:.1f} MB, schema {info['schema_version']}")
    counts = ", ".join(f"{k}: {v:,}" for k, v in sorted(info["counts"].items()))
    click.echo(f"places: {counts}")
    click.echo("sources:")
    for src in info["sources"]:
        click.echo(f"  - {src.get('name')} ({src.get('version', '?')}), "
                   f"licence {src.get('licence', '?')}")
    click.echo("")
    click.echo(info["attribution"])


COMMANDS = (geocode_command, gazetteer_command)
