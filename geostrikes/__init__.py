"""geostrikes: where was struck, by whom, and how sure is anyone about that.

Read news articles about air, drone and missile strikes; find and geocode the
places they name against a bundled, offline gazetteer; attribute each strike
to an actor with the article's stance; return GeoPandas frames, Folium maps
and GeoJSON.

The pipeline, one subpackage a stage::

    ingest  ->  geocode (gazetteer, geoparser)  ->  extraction  ->  frame  ->  render / export

Importing geostrikes is cheap: the gazetteer and the heavy geo libraries are
loaded by the first call that needs them.

Examples
--------
>>> import geostrikes
>>> geostrikes.Gazetteer().lookup("Diyala")[0].kind  # doctest: +SKIP
<Kind.ADMIN1: 'admin1'>
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from geostrikes._version import __version__
from geostrikes.errors import (
    EngineError,
    FormatError,
    GazetteerError,
    GeostrikesError,
    InputError,
    OutputError,
)
from geostrikes.model import (
    Article,
    Attribution,
    Kind,
    Mention,
    Place,
    Precision,
    Source,
    Stance,
    StrikeEvent,
)

# Public names served lazily: name -> module that defines it.
_LAZY = {
    "Gazetteer": "geostrikes.geocode.gazetteer",
    "read_articles": "geostrikes.ingest",
    "Geoparser": "geostrikes.geocode.geoparser",
    "places": "geostrikes.scale.api",
    "places_frame": "geostrikes.frame",
    "extract": "geostrikes.scale.api",
    "events_frame": "geostrikes.frame",
    "read_events": "geostrikes.export",
    "write_events": "geostrikes.export",
    "strike_map": "geostrikes.render.strike_map",
}

__all__ = [
    "__version__",
    "Article",
    "Attribution",
    "Kind",
    "Mention",
    "Place",
    "Precision",
    "Source",
    "Stance",
    "StrikeEvent",
    "GeostrikesError",
    "InputError",
    "GazetteerError",
    "OutputError",
    "FormatError",
    "EngineError",
    *_LAZY,
]

if TYPE_CHECKING:  # pragma: no cover
    from geostrikes.export import read_events, write_events
    from geostrikes.frame import events_frame, places_frame
    from geostrikes.geocode.gazetteer import Gazetteer
    from geostrikes.geocode.geoparser import Geoparser
    from geostrikes.ingest import read_articles
    from geostrikes.render.strike_map import strike_map
    from geostrikes.scale.api import extract, places


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geostrikes' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
