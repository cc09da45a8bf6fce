"""The public ``extract`` and ``places``: the pipeline on one core, many, or a Dask cluster.

These are what ``geostrikes.extract`` and ``geostrikes.places`` name. With
the defaults they run in this process, exactly as
:func:`geostrikes.extraction.events.extract` and
:meth:`geostrikes.Geoparser.parse_many` do; ``workers=`` and
``engine="dask"`` spread the articles over processes or a cluster through
:func:`geostrikes.scale.runner.run`, with the same results in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from geostrikes.model import Article, StrikeEvent
from geostrikes.scale.runner import run

if TYPE_CHECKING:  # pragma: no cover
    import geopandas as gpd

    from geostrikes.geocode.gazetteer import Gazetteer
    from geostrikes.geocode.geoparser import Geoparser

__all__ = ["extract", "places"]


def extract(articles: Iterable[Article] | Article, *, geoparser: Geoparser | None = None,
            merge: bool = False, workers: int | None = 1, engine: str = "local",
            scheduler: str | None = None) -> list[StrikeEvent]:
    """Strike events of the articles, as typed values.

    Parameters
    ----------
    articles : Article or iterable of Article
        E.g. ``geostrikes.read_articles("seeds/")``; read lazily.
    geoparser : Geoparser, optional
        Injected geoparser (and through it, the gazetteer).
    merge : bool
        Also merge reports of the same strike across articles into one event
        with every source (:func:`geostrikes.extraction.events.merge_events`).
        Off by default, so that each event belongs to exactly one article.
    workers : int, optional
        Processes to use; None for every core. 1 (the default) runs here.
    engine : {"local", "dask"}
        ``dask`` runs on a Dask cluster (``pip install 'geostrikes[dask]'``).
    scheduler : str, optional
        The Dask scheduler's address, e.g. ``"tcp://10.0.0.5:8786"``; without
        one a local cluster of ``workers`` processes is started.

    Returns
    -------
    list of StrikeEvent
        In input order whatever the engine; turn them into a GeoDataFrame
        with :func:`geostrikes.events_frame`.

    Examples
    --------
    >>> from geostrikes import Article
    >>> art = Article("a1", "Suspected Israeli drones struck a depot near Baghdad on Monday.")
    >>> [(e.actor, e.stance.value) for e in extract(art)]
    [('Israel', 'suspected')]
    """
    events = list(run("extract", articles, workers=workers, engine=engine, scheduler=scheduler,
                      geoparser=geoparser))
    if merge:
        from geostrikes.extraction.events import merge_events

        return merge_events(events)
    return events


def places(articles: Iterable[Article] | Article, *, gazetteer: Gazetteer | None = None,
           workers: int | None = 1, engine: str = "local", scheduler: str | None = None
           ) -> gpd.GeoDataFrame:
    """Every place mention of the articles as a GeoDataFrame.

    Parameters
    ----------
    articles : Article or iterable of Article
        E.g. ``geostrikes.read_articles("seeds/")``.
    gazetteer : Gazetteer, optional
        The bundled one by default.
    workers, engine, scheduler
        As for :func:`extract`.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per mention, in input order; columns in
        :data:`geostrikes.frame.PLACE_COLUMNS`.

    Examples
    --------
    >>> from geostrikes import Article
    >>> list(places(Article("a1", "Drones hit Erbil."))["name"])
    ['Erbil']
    """
    from geostrikes.frame import places_frame

    mentions: Any = run("places", articles, workers=workers, engine=engine,
                        scheduler=scheduler, gazetteer=gazetteer)
    return places_frame(mentions)
