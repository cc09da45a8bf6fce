"""The work one process does on a batch of articles, and how its results travel.

A parallel run hands batches of :class:`~geostrikes.model.Article` to worker
processes (a local process pool or Dask workers). Each worker builds its
geoparser once, the first time a batch reaches it, and keeps it in a
per-process cache (:func:`worker_processor`): the gazetteer is opened by the
worker itself, never shipped with a task, and never inherited from a forked
parent, because an SQLite connection must not cross a ``fork``.

What a worker is told to build is a *spec*: ``None`` for the worker's own
bundled gazetteer (so a Dask worker on another machine reads its own
installed copy), a gazetteer file path, or a pickled
:class:`~geostrikes.geocode.geoparser.Geoparser` that the caller injected.

Results go back as one pickled blob per batch (:func:`dumps_results`). A
:class:`~geostrikes.model.Place` whose outline is stored in the gazetteer
carries a closure over the worker's database connection, which cannot be
pickled; it travels instead as a :class:`GeometryRef` (gazetteer, place id)
that loads the outline from the receiving process's own gazetteer on first
use. Places compare without their loader, so results are equal to those of
an in-process run.

Examples
--------
>>> from geostrikes import Article
>>> blob = run_batch("extract", None, [Article("a1", "Jets struck Baqubah in Diyala.")])
>>> [[e.location.text for e in events] for events in loads_results(blob)]
[['Baqubah']]
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from geostrikes.model import Article, Attribution, Mention, Place, Source, StrikeEvent

__all__ = [
    "JOBS",
    "Job",
    "Spec",
    "GeometryRef",
    "Processor",
    "spec_for",
    "worker_processor",
    "run_batch",
    "dumps_results",
    "loads_results",
    "init_worker",
]

Job = Literal["extract", "places"]
JOBS: tuple[Job, ...] = ("extract", "places")

Spec = None | str | bytes
"""What a worker builds: its own default gazetteer (None), a gazetteer path, a pickled Geoparser."""


# --------------------------------------------------------------------------- processors


class Processor:
    """One process's geoparser and extractor, built once and reused for every batch.

    Parameters
    ----------
    geoparser : Geoparser
        Resolves places; the extractor is built over it.
    """

    def __init__(self, geoparser: Any) -> None:
        from geostrikes.extraction.events import Extractor

        self.geoparser = geoparser
        self.extractor = Extractor(geoparser)
        path = getattr(geoparser.gazetteer, "path", None)
        self.gazetteer_path: str | None = str(path) if path is not None else None

    def work(self, job: Job) -> Callable[[Article], list]:
        """Return the per-article function of ``job``: its events, or its place mentions."""
        if job == "extract":
            return self.extractor.extract_article
        if job == "places":
            return self.geoparser.parse
        raise ValueError(f"unknown job {job!r}: use one of {', '.join(JOBS)}")


def spec_for(geoparser: Any = None, gazetteer: Any = None) -> Spec:
    """Return the spec that makes a worker build the caller's geoparser or gazetteer.

    Parameters
    ----------
    geoparser : Geoparser, optional
        An injected geoparser: pickled whole (its gazetteer pickles as its path).
    gazetteer : Gazetteer, optional
        An injected gazetteer: sent as its file path.

    Returns
    -------
    None, str or bytes
        None when neither is given: each worker opens its own bundled gazetteer.
    """
    if geoparser is not None:
        return pickle.dumps(geoparser)
    if gazetteer is not None:
        return str(Path(gazetteer.path).resolve())
    return None


def _build(spec: Spec) -> Processor:
    from geostrikes.geocode.gazetteer import Gazetteer
    from geostrikes.geocode.geoparser import Geoparser

    if isinstance(spec, bytes):
        return Processor(pickle.loads(spec))
    # A fresh Gazetteer, not default_gazetteer(): after a fork the default one
    # may hold the parent's SQLite connection.
    return Processor(Geoparser(Gazetteer(spec)))


_PROCESSORS: dict[Spec, Processor] = {}
_OWNER_PID = os.getpid()


def _forget_inherited() -> None:
    global _OWNER_PID
    _PROCESSORS.clear()
    _gazetteer.cache_clear()
    _geometry.cache_clear()
    _OWNER_PID = os.getpid()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_inherited)


def worker_processor(spec: Spec) -> Processor:
    """Return this process's processor for ``spec``, built on first use.

    Parameters
    ----------
    spec : None, str or bytes
        See :func:`spec_for`.

    Returns
    -------
    Processor
        The same object for every call with the same spec in this process;
        a forked child builds its own.
    """
    if os.getpid() != _OWNER_PID:
        _forget_inherited()
    processor = _PROCESSORS.get(spec)
    if processor is None:
        processor = _PROCESSORS[spec] = _build(spec)
    return processor


def init_worker(spec: Spec) -> None:
    """Pool initializer: leave Ctrl-C to the parent, and build the processor now."""
    # The parent stops the pool on Ctrl-C; a worker dying mid-task on the
    # same signal would only add tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's clean-exit handler is inherited through fork; in a worker it
    # would print the parent's closing line a second time. A worker just ends.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    worker_processor(spec)


def _die_with_parent() -> None:
    """Have the kernel end this worker when its parent ends (Linux), however it ends.

    A parent that leaves by ``os._exit`` from a signal handler while a worker is
    still being forked cannot name it; the worker would then wait forever on a
    queue no one writes to, holding the parent's output pipes open.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import multiprocessing

    with contextlib.suppress(OSError, AttributeError):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:
        os._exit(0)  # the parent ended before the request above was in place


def run_batch(job: Job, spec: Spec, articles: Sequence[Article]) -> bytes:
    """Run ``job`` over one batch in this process's processor.

    Parameters
    ----------
    job : {"extract", "places"}
        Events or place mentions.
    spec : None, str or bytes
        Which geoparser to use (:func:`spec_for`).
    articles : sequence of Article
        The batch.

    Returns
    -------
    bytes
        One list of results per article, in order, as :func:`dumps_results` packs them.
    """
    processor = worker_processor(spec)
    work = processor.work(job)
    return dumps_results([work(article) for article in articles], processor.gazetteer_path)


# --------------------------------------------------------------------------- pickling


class GeometryRef:
    """A picklable loader of a place's stored outline: (gazetteer path, place id).

    Parameters
    ----------
    path : str, optional
        The gazetteer file; None for the bundled one of whichever process loads it.
    place_id : str
        The place's gazetteer id.
    """

    __slots__ = ("path", "place_id")

    def __init__(self, path: str | None, place_id: str) -> None:
        self.path = path
        self.place_id = place_id

    def __call__(self) -> bytes | None:
        """Load the outline as WKB (None when the gazetteer no longer has the place)."""
        return _geometry(self.path, self.place_id)

    def __reduce__(self) -> tuple[Any, ...]:
        return (GeometryRef, (self.path, self.place_id))

    def __repr__(self) -> str:
        return f"GeometryRef({self.path!r}, {self.place_id!r})"


@lru_cache(maxsize=8)
def _gazetteer(path: str | None) -> Any:
    from geostrikes.geocode.gazetteer import Gazetteer, default_gazetteer

    default = default_gazetteer()
    if path is None or Path(path).resolve() == Path(default.path).resolve():
        return default
    return Gazetteer(path)


@lru_cache(maxsize=4096)
def _geometry(path: str | None, place_id: str) -> bytes | None:
    place = _gazetteer(path).get(place_id)
    return place.geometry_wkb if place is not None else None


@lru_cache(maxsize=1)
def _bundled_path() -> str:
    from geostrikes.geocode.gazetteer import Gazetteer

    return str(Path(Gazetteer().path).resolve())


def _init_fields(cls: type) -> tuple[str, ...] | None:
    fields = dataclasses.fields(cls)
    return tuple(f.name for f in fields) if all(f.init for f in fields) else None


# Rebuilt through their constructors: the default pickling of frozen, slotted
# dataclasses looks their fields up again for every object it loads, which
# made unpickling a large share of a parallel run's parent time.
_FIELDS = {cls: names for cls in (Article, Place, Mention, StrikeEvent, Attribution, Source)
           if (names := _init_fields(cls)) is not None}
_LOADER = _FIELDS[Place].index("_geometry_loader")


class _ResultPickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, gazetteer_path: str | None) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        # The bundled gazetteer travels as None so that the receiver uses its own copy.
        path = str(Path(gazetteer_path).resolve()) if gazetteer_path is not None else None
        self._path = None if path == _bundled_path() else path

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        names = _FIELDS.get(cls)
        if names is None:
            return NotImplemented
        values = tuple(getattr(obj, name) for name in names)
        if cls is Place:
            loader = obj._geometry_loader
            if loader is not None and not isinstance(loader, GeometryRef):
                values = (*values[:_LOADER], GeometryRef(self._path, obj.id),
                          *values[_LOADER + 1:])
        return (cls, values)


def dumps_results(results: Any, gazetteer_path: str | None = None) -> bytes:
    """Pickle worker results, stored outlines as :class:`GeometryRef` s.

    Parameters
    ----------
    results : object
        Any structure of model values.
    gazetteer_path : str, optional
        The gazetteer their places came from; None (or the bundled file) for
        the bundled one.

    Returns
    -------
    bytes
        Loads back with :func:`loads_results` (or plain :func:`pickle.loads`).
    """
    buffer = io.BytesIO()
    _ResultPickler(buffer, gazetteer_path).dump(results)
    return buffer.getvalue()


def loads_results(blob: bytes) -> Any:
    """Unpickle what :func:`dumps_results` packed."""
    return pickle.loads(blob)
