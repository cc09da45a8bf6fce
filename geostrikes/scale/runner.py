"""Engines that run a job over a stream of articles: in-process, a process pool, Dask.

:func:`run` is the one entry point. Whatever the engine, it

- reads the articles lazily, at most a bounded number of batches ahead of
  the workers, so memory stays flat however long the input is;
- yields results in input order, article by article, so the output of a run
  is the same, byte for byte, for any number of workers;
- lets each worker build its geoparser once (:mod:`geostrikes.scale.jobs`).

Engines:

``local`` (default)
    ``workers=1`` runs in this process. More workers fork a
    :class:`concurrent.futures.ProcessPoolExecutor` (spawn where fork is not
    available); an input of at most one batch per worker runs in-process
    anyway, since starting the pool would cost more than it saves. On any
    error or Ctrl-C the workers are terminated before the exception leaves
    :func:`run`; a worker that dies raises :class:`~geostrikes.errors.EngineError`.
``dask``
    A :mod:`dask.bag` of batches, a window of them at a time, on the Dask
    cluster at ``scheduler`` (``tcp://host:8786``) or, without one, on a
    :class:`distributed.LocalCluster` of ``workers`` processes started for
    the run. Workers need geostrikes installed; each opens its own bundled
    gazetteer unless a gazetteer or geoparser was given.

Examples
--------
>>> from geostrikes import Article
>>> arts = [Article("a1", "Jets struck Baqubah."), Article("a2", "Drones hit Erbil.")]
>>> [e.article_id for e in run("extract", arts)]
['a1', 'a2']
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from itertools import chain, islice
from typing import Any

from geostrikes.errors import EngineError
from geostrikes.model import Article
from geostrikes.scale.jobs import (
    JOBS,
    Job,
    Processor,
    Spec,
    init_worker,
    loads_results,
    run_batch,
    spec_for,
)

__all__ = ["ENGINES", "BATCH_SIZE", "default_workers", "batches", "run"]

ENGINES = ("local", "dask")
#: Articles per task: large enough that shipping a batch costs little beside
#: working on it, small enough that the last batches do not leave workers idle long.
BATCH_SIZE = 32
# Batches in flight per worker: enough to hide the reader and the writer.
_AHEAD = 3


def default_workers() -> int:
    """Count the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Split ``items`` lazily into lists of ``size`` (the last may be shorter).

    Examples
    --------
    >>> list(batches(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    if size < 1:
        raise ValueError(f"batch size must be at least 1, not {size}")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def run(job: Job, articles: Iterable[Article], *, workers: int | None = 1,
        engine: str = "local", scheduler: str | None = None, geoparser: Any = None,
        gazetteer: Any = None, batch_size: int | None = None) -> Iterator[Any]:
    """Run ``job`` over ``articles``; yield results in input order as they are ready.

    Parameters
    ----------
    job : {"extract", "places"}
        Yield strike events, or place mentions.
    articles : iterable of Article
        Read lazily (a generator from :func:`geostrikes.read_articles` is fine).
    workers : int, optional
        Processes; None for every core. With ``engine="dask"`` and a
        ``scheduler``, the cluster's own workers are used and this is ignored.
    engine : {"local", "dask"}
        See the module docstring.
    scheduler : str, optional
        A Dask scheduler address; only with ``engine="dask"``.
    geoparser : Geoparser, optional
        Injected geoparser (pickled to each worker).
    gazetteer : Gazetteer, optional
        Injected gazetteer (each worker opens the same file).
    batch_size : int, optional
        Articles per task, :data:`BATCH_SIZE` by default.

    Yields
    ------
    StrikeEvent or Mention
        Article by article, in input order.

    Raises
    ------
    EngineError
        Dask asked for but not installed, or its scheduler unreachable.
    ValueError
        Unknown job or engine, or fewer than one worker.
    """
    if job not in JOBS:
        raise ValueError(f"unknown job {job!r}: use one of {', '.join(JOBS)}")
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if scheduler is not None and engine != "dask":
        raise ValueError("a scheduler address needs engine='dask'")
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    size = BATCH_SIZE if batch_size is None else batch_size
    if isinstance(articles, Article):
        articles = [articles]
    if engine == "dask":
        _check_dask()
        spec = spec_for(geoparser, gazetteer)
        return _dask(job, batches(articles, size), workers, scheduler, spec)
    return _local(job, articles, workers, size, geoparser, gazetteer)


# --------------------------------------------------------------------------- local


def _flatten(per_article: Iterable[list[Any]]) -> Iterator[Any]:
    for results in per_article:
        yield from results


def _in_process(job: Job, articles: Iterable[Article], geoparser: Any, gazetteer: Any
                ) -> Iterator[Any]:
    from geostrikes.geocode.geoparser import Geoparser

    work = Processor(geoparser if geoparser is not None else Geoparser(gazetteer)).work(job)
    for article in articles:
        yield from work(article)


def _start_method() -> str:
    # Fork starts workers in milliseconds and shares the loaded code; the
    # workers open their own gazetteer connections (see jobs.worker_processor).
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _local(job: Job, articles: Iterable[Article], workers: int, size: int, geoparser: Any,
           gazetteer: Any) -> Iterator[Any]:
    if workers == 1 or multiprocessing.current_process().daemon:
        # A pool's own workers are daemons and cannot start another pool.
        return _in_process(job, articles, geoparser, gazetteer)
    stream = batches(articles, size)
    head = list(islice(stream, workers + 1))
    if len(head) <= workers:
        return _in_process(job, chain.from_iterable(head), geoparser, gazetteer)
    return _pool(job, chain(head, stream), workers, spec_for(geoparser, gazetteer))


def _pool(job: Job, stream: Iterator[list[Article]], workers: int, spec: Spec
          ) -> Iterator[Any]:
    context = multiprocessing.get_context(_start_method())
    # ProcessPoolExecutor rather than multiprocessing.Pool: when a worker dies
    # (the kernel's OOM killer, a kill), Pool loses its task and waits forever,
    # the executor raises BrokenProcessPool.
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker,
                                   initargs=(spec,))
    _LIVE.add(executor)
    finished = False
    try:
        pending: deque = deque()
        for batch in stream:
            pending.append(executor.submit(run_batch, job, spec, batch))
            if len(pending) >= workers * _AHEAD:
                yield from _flatten(loads_results(pending.popleft().result()))
        while pending:
            yield from _flatten(loads_results(pending.popleft().result()))
        finished = True
    except BrokenProcessPool as exc:
        raise EngineError("a worker process died (out of memory, or killed): run again with "
                          "fewer --workers or a smaller --batch-size") from exc
    finally:
        _LIVE.discard(executor)
        if finished:
            executor.shutdown(wait=True)
        else:
            # Ctrl-C, an error, or a consumer that stops early: no orphans, and
            # no waiting for the batches in hand.
            _terminate(executor)


#: Pools running now, for :func:`kill_workers`.
_LIVE: set[ProcessPoolExecutor] = set()


def kill_workers() -> None:
    """End every worker of the pools running now, at once and without waiting.

    For the command line's signal handler, which leaves with ``os._exit``: the
    workers ignore Ctrl-C (the parent stops them), so without this they would
    outlive it, holding its output pipes open.
    """
    pids = [process.pid for executor in list(_LIVE)
            for process in list((getattr(executor, "_processes", None) or {}).values())]
    for pid in pids:
        with contextlib.suppress(OSError, TypeError):
            os.kill(pid, signal.SIGKILL)
    for pid in pids:
        # Reaped here, so none is left running (or a zombie) once the parent is gone.
        with contextlib.suppress(OSError, TypeError):
            os.waitpid(pid, 0)


def _terminate(executor: ProcessPoolExecutor) -> None:
    terminate = getattr(executor, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.terminate()
    # The executor's own thread sees its workers gone and reaps them; reaping
    # them here as well would race it for the exit statuses.
    executor.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------------- dask


def _check_dask() -> None:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise EngineError(
            f"the dask engine needs dask and distributed ({exc.name} is not installed): "
            "pip install 'geostrikes[dask]'"
        ) from exc


def _client(workers: int, scheduler: str | None) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.ERROR)
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout="10s"), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise EngineError(f"cannot reach the dask scheduler at {scheduler!r} ({exc}): is it "
                          "running, and is the address tcp://HOST:PORT?") from exc


def _dask(job: Job, stream: Iterator[list[Article]], workers: int, scheduler: str | None,
          spec: Spec) -> Iterator[Any]:
    import dask.bag as db

    client, cluster = _client(workers, scheduler)
    try:
        width = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        task = partial(run_batch, job, spec)
        pending: deque = deque()
        # One bag per window of `width` batches, two windows in flight: the
        # input is never held whole, and results arrive in input order.
        for window in batches(stream, width):
            bag = db.from_sequence(window, npartitions=len(window)).map(task)
            pending.append(client.compute(bag))
            if len(pending) >= 2:
                yield from _window_results(pending.popleft())
        while pending:
            yield from _window_results(pending.popleft())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _window_results(future: Any) -> Iterator[Any]:
    for blob in future.result():
        yield from _flatten(loads_results(blob))
