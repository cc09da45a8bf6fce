"""Per-process processors, and results that cross process boundaries intact."""

from __future__ import annotations

import multiprocessing
import pickle

import pytest

from geostrikes.geocode.gazetteer import Gazetteer
from geostrikes.geocode.geoparser import Geoparser
from geostrikes.model import Article, Kind
from geostrikes.scale import jobs

PARENT_CONNECTION = None


def test_processor_is_built_once_per_process():
    assert jobs.worker_processor(None) is jobs.worker_processor(None)


def _child_has_its_own_connection(_):
    processor = jobs.worker_processor(None)
    return processor.geoparser.gazetteer._db is not PARENT_CONNECTION


def test_forked_worker_opens_its_own_gazetteer_connection():
    global PARENT_CONNECTION
    PARENT_CONNECTION = jobs.worker_processor(None).geoparser.gazetteer._db
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.map(_child_has_its_own_connection, [0]) == [True]


def test_stored_outline_travels_as_a_reference_and_loads_on_the_other_side():
    province = Gazetteer().lookup("Diyala", kind=Kind.ADMIN1)[0]
    assert province.has_geometry
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        pickle.dumps(province)
    back = jobs.loads_results(jobs.dumps_results([[province]]))[0][0]
    assert isinstance(back._geometry_loader, jobs.GeometryRef)
    assert back._geometry_loader.path is None  # the bundled file: the receiver's own copy
    assert back == province
    assert back.geometry_wkb == province.geometry_wkb


def test_outline_from_another_gazetteer_file_keeps_its_path(tmp_path):
    copy = tmp_path / "gazetteer.sqlite"
    copy.write_bytes(Gazetteer().path.read_bytes())
    place = Gazetteer(copy).lookup("Diyala", kind=Kind.ADMIN1)[0]
    back = jobs.loads_results(jobs.dumps_results(place, str(copy)))
    assert back._geometry_loader.path == str(copy.resolve())
    assert back.geometry_wkb == place.geometry_wkb


def test_injected_geoparser_is_what_workers_build(tmp_path):
    copy = tmp_path / "gazetteer.sqlite"
    copy.write_bytes(Gazetteer().path.read_bytes())
    spec = jobs.spec_for(Geoparser(Gazetteer(copy)))
    built = jobs.worker_processor(spec)
    assert built.geoparser.gazetteer.path == copy
    assert jobs.spec_for(gazetteer=Gazetteer(copy)) == str(copy.resolve())
    assert jobs.spec_for() is None


def test_run_batch_returns_one_list_per_article_in_order():
    batch = [Article("b", "Drones hit Erbil."), Article("none", "Markets rose."),
             Article("a", "Jets struck Baqubah.")]
    per_article = jobs.loads_results(jobs.run_batch("places", None, batch))
    assert [[m.article_id for m in ms] for ms in per_article] == [["b"], [], ["a"]]
