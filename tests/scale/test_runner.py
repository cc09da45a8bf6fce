"""Engines: any number of workers, and a Dask cluster, give the in-process results in order."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import geostrikes
from geostrikes.cli.main import cli
from geostrikes.errors import EngineError
from geostrikes.scale import jobs, runner
from geostrikes.scale.runner import run

REPO = Path(__file__).resolve().parents[2]
INPUTS = [str(REPO / "seeds"), str(REPO / "tests" / "data" / "articles")]


@pytest.fixture(scope="module")
def articles():
    return list(geostrikes.read_articles(INPUTS))


@pytest.fixture(scope="module")
def single(articles):
    return {job: list(run(job, articles)) for job in ("extract", "places")}


@pytest.mark.parametrize("job", ["extract", "places"])
def test_two_workers_give_the_in_process_results_in_input_order(articles, single, job):
    parallel = list(run(job, iter(articles), workers=2, batch_size=3))
    assert parallel == single[job]
    assert len(parallel) > len(articles)
    order = [articles.index(next(a for a in articles if a.id == r.article_id))
             for r in parallel]
    assert order == sorted(order)


def test_outlines_load_in_the_parent_after_a_parallel_run(articles, single):
    parallel = list(run("extract", articles, workers=2, batch_size=5))
    shaped = [(a, b) for a, b in zip(single["extract"], parallel, strict=True)
              if a.location is not None and a.location.place.has_geometry]
    assert shaped
    for mine, theirs in shaped:
        assert theirs.location.place.geometry_wkb == mine.location.place.geometry_wkb


@pytest.mark.parametrize("args,suffix", [(["extract"], "geojson"), (["extract"], "csv"),
                                         (["places"], "jsonl"), (["places"], "parquet")])
def test_cli_output_is_byte_identical_for_one_and_two_workers(tmp_path, args, suffix):
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}.{suffix}"
        result = CliRunner().invoke(cli, [*args, *INPUTS, "-o", str(out), "--workers", workers,
                                          "--batch-size", "4", "-q"])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 1000


def test_map_of_articles_takes_workers_and_draws_the_same_events(tmp_path):
    import re

    pages = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}.html"
        result = CliRunner().invoke(cli, ["map", *INPUTS, "-o", str(out), "--workers", workers,
                                          "--batch-size", "4", "-q"])
        assert result.exit_code == 0, result.output
        # Folium names each element with a random hex id; the rest must match.
        pages.append(re.sub(r"[0-9a-f]{32}", "ID", out.read_text(encoding="utf-8")))
    assert pages[0] == pages[1]
    assert "Diyala" in pages[0] and "Kalsu" in pages[0]  # the seeds' events are drawn


def test_skipped_inputs_still_warn_and_exit_1_with_workers(tmp_path):
    import shutil

    folder = tmp_path / "in"
    shutil.copytree(INPUTS[1], folder)
    (folder / "broken.xyz").write_text("not an article")
    out = tmp_path / "events.geojson"
    result = CliRunner().invoke(cli, ["extract", str(folder), "-o", str(out), "--workers", "2",
                                      "--batch-size", "2"])
    assert result.exit_code == 1
    assert "warning: skipped" in result.output and "broken.xyz" in result.output
    assert out.exists() and "wrote" in result.output


def test_input_of_one_batch_per_worker_runs_in_process(articles, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for a small input")

    monkeypatch.setattr(runner, "_pool", no_pool)
    events = list(run("extract", articles[:8], workers=2, batch_size=4))
    assert events == list(run("extract", articles[:8]))


def test_reading_stays_a_bounded_number_of_batches_ahead(articles):
    read = []

    def reading():
        for article in articles * 4:
            read.append(article.id)
            yield article

    stream = run("places", reading(), workers=2, batch_size=2)
    next(stream)
    # 2 workers x 3 batches in flight x 2 articles, plus the batch being submitted.
    assert len(read) <= 2 * 3 * 2 + 2
    stream.close()


def test_stopping_early_leaves_no_worker_running(articles):
    stream = run("places", articles, workers=2, batch_size=2)
    next(stream)
    assert multiprocessing.active_children()
    stream.close()
    assert multiprocessing.active_children() == []


def _break_on(monkeypatch, article_id, action):
    """Make the worker run ``action(article)`` instead of working on ``article_id``."""
    real = jobs.Processor.work

    def work(self, job):
        def breaking(article):
            if article.id == article_id:
                action(article)
            return real(self, job)(article)
        return breaking

    # Forked workers inherit the patched class.
    monkeypatch.setattr(jobs.Processor, "work", work)


def test_a_worker_error_reaches_the_caller_and_stops_the_pool(articles, monkeypatch):
    def fail(article):
        raise RuntimeError(f"cannot read {article.id}")

    _break_on(monkeypatch, articles[7].id, fail)
    with pytest.raises(RuntimeError, match="cannot read"):
        list(run("extract", articles, workers=2, batch_size=2))
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_is_an_engine_error_not_a_hang(articles, monkeypatch):
    import os

    _break_on(monkeypatch, articles[9].id, lambda article: os._exit(9))
    with pytest.raises(EngineError, match="worker process died"):
        list(run("places", articles, workers=2, batch_size=2))
    assert multiprocessing.active_children() == []


def test_api_takes_workers(articles, single):
    assert geostrikes.extract(articles, workers=2) == single["extract"]
    frame = geostrikes.places(articles, workers=2)
    assert list(frame["text"]) == [m.text for m in single["places"]]


def test_bad_settings_are_value_errors(articles):
    with pytest.raises(ValueError, match="workers"):
        run("extract", articles, workers=0)
    with pytest.raises(ValueError, match="engine"):
        run("extract", articles, engine="spark")
    with pytest.raises(ValueError, match="dask"):
        run("extract", articles, scheduler="tcp://127.0.0.1:8786")


def test_dask_not_installed_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(EngineError, match=r"pip install 'geostrikes\[dask\]'"):
        run("extract", [], engine="dask")
    result = CliRunner().invoke(cli, ["extract", INPUTS[0], "-o", str(tmp_path / "e.geojson"),
                                      "--engine", "dask"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: the dask engine needs")


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.ERROR) as c:
        yield c


@pytest.mark.parametrize("job", ["extract", "places"])
def test_dask_cluster_of_two_workers_gives_the_single_process_results(articles, single, cluster,
                                                                     job):
    results = list(run(job, iter(articles), engine="dask",
                       scheduler=cluster.scheduler_address, batch_size=4))
    assert results == single[job]


def test_dask_without_an_address_starts_a_local_cluster(articles, single):
    pytest.importorskip("distributed")
    assert list(run("extract", articles, engine="dask", workers=2, batch_size=8)) == \
        single["extract"]


def _children(pid):
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _running(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_ctrl_c_exits_130_with_no_output_and_no_worker_left(articles, tmp_path):
    import json
    import os
    import signal
    import subprocess
    import time

    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        for copy in range(40):
            for article in articles:
                fh.write(json.dumps({"id": f"{article.id}-{copy}", "text": article.text}) + "\n")
    out = tmp_path / "events.geojson"
    proc = subprocess.Popen([sys.executable, "-m", "geostrikes", "extract", str(feed), "-o",
                             str(out), "--workers", "2", "--batch-size", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline = time.monotonic() + 60
    workers = []
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the pool did not start"
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [feed]
    assert not [pid for pid in workers if _running(pid)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_worker_ends_when_its_parent_is_killed(tmp_path):
    import os
    import signal
    import subprocess
    import time

    pid_file = tmp_path / "worker.pid"
    script = (
        "import multiprocessing, os, time\n"
        "from geostrikes.scale.jobs import _die_with_parent\n"
        "def work(path):\n"
        "    _die_with_parent()\n"
        "    open(path, 'w').write(str(os.getpid()))\n"
        "    time.sleep(60)\n"
        "p = multiprocessing.get_context('fork').Process(target=work, args=(%r,))\n"
        "p.start()\n"
        "time.sleep(60)\n" % str(pid_file))
    parent = subprocess.Popen([sys.executable, "-c", script],
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline = time.monotonic() + 30
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline, "the worker did not start"
        time.sleep(0.05)
    worker = int(pid_file.read_text())
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(worker)
