"""The route library's work in forked workers: the same rows as in one process, every origin in
one worker, and a worker's failure planned here instead of lost."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from planner.core.api import planner_for
from planner.core.planner import Planner
from planner.io import batch
from planner.io import workers as split
from planner.model.query import Query
from planner.model.query_table import QueryTable

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork"), reason="the workers are forked (POSIX only)"
)

#: Two origins, several destinations, cargo classes and priorities, and rows in error.
SHIPMENTS = (
    "shipment_id,origin,destination,cargo,weight_t,volume_m3,priority\n"
    "A1,Taiyuan,Moscow,general,18,60,balanced\n"
    "A2,Lvliang,Ulan Bator,,,,fastest\n"
    "A3,Taiyuan,Rotterdam,bulk,500,400,cheapest\n"
    "A4,Lvliang,Moscow,general,3,10,greenest\n"
    "A5,Taiyuan,Mosco,general,18,60,balanced\n"
    "A6,Lvliang,Rotterdam,general,18,60,fastest\n"
    "A7,Taiyuan,Chita,general,18,60,balanced\n"
    "A8,Datong,Rotterdam,bulk,5,10,balanced\n"
    "A9,Taiyuan,Moscow,general,18,60,balanced\n"
)


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "shipments.csv"
    path.write_text(SHIPMENTS, encoding="utf-8")
    return path


class CountingWorkers(split.LibraryWorkers):
    """The workers, with the rows each was given."""

    given: list[list[int]] = []

    def submit(self, table: QueryTable) -> split.Job:
        job = super().submit(table)
        CountingWorkers.given.append([len(rows) for rows in job.parts])
        return job


def test_workers_give_the_rows_of_one_process(tmp_path, mini_network, monkeypatch) -> None:
    path = _write(tmp_path)
    here = batch.plan_batch(path, network=mini_network)
    CountingWorkers.given = []
    monkeypatch.setattr(batch, "LibraryWorkers", CountingWorkers)
    monkeypatch.setattr(batch, "CHUNK_ROWS", 4)  # three chunks: the workers' caches carry over
    forked = batch.plan_batch(path, network=mini_network, workers=2)
    pd.testing.assert_frame_equal(here, forked)
    assert (forked["status"] == "ok").sum() >= 5  # planned, not all errors
    assert len(CountingWorkers.given) == 3
    assert all(sum(given) > 0 for given in zip(*CountingWorkers.given, strict=True))


def test_an_origin_stays_with_one_worker(mini_network) -> None:
    planner = planner_for(mini_network)
    queries = [
        planner.resolve(Query(o, d))
        for o, d in [("Taiyuan", "Moscow"), ("Lvliang", "Moscow"), ("Taiyuan", "Rotterdam")]
    ]
    with split.WorkerPool(planner, 2, "en") as pool:
        workers = split.LibraryWorkers(pool)
        first = workers.submit(QueryTable.of(queries))
        second = workers.submit(QueryTable.of(queries[::-1]))
        owners = []
        for job in (first, second):
            owner = np.full(job.size, -1)
            for k, rows in enumerate(job.parts):
                owner[rows] = k
            owners.append(owner)
            workers.collect(job)
    assert owners[0][0] == owners[0][2] != owners[0][1]  # Taiyuan's rows together
    assert list(owners[1]) == list(owners[0][::-1])  # and with the same worker next time


class FailingInWorkers(Planner):
    """Plans as the planner does, but raises in any process other than the one that made it."""

    def __init__(self, network, params=None) -> None:
        super().__init__(network, params)
        self.home = os.getpid()

    def plan_table(self, table, **options):
        if os.getpid() != self.home:
            raise RuntimeError("a bug in a worker")
        return super().plan_table(table, **options)


def test_a_failing_worker_leaves_its_rows_to_this_process(tmp_path, mini_network, caplog) -> None:
    path = _write(tmp_path)
    here = batch.plan_batch(path, network=mini_network)
    failing = FailingInWorkers(mini_network)
    forked = batch.plan_batch(path, planner=failing, workers=2)
    pd.testing.assert_frame_equal(here, forked)
    assert "a bug in a worker" in caplog.text  # the worker's traceback, logged here


class DyingInWorkers(FailingInWorkers):
    """A worker that dies (as if killed) on its first part."""

    def plan_table(self, table, **options):
        if os.getpid() != self.home:
            os._exit(1)
        return Planner.plan_table(self, table, **options)


@pytest.mark.slow
def test_a_dead_worker_leaves_the_rest_of_the_batch_to_this_process(
    tmp_path, mini_network, monkeypatch, caplog
) -> None:
    path = _write(tmp_path)
    here = batch.plan_batch(path, network=mini_network)
    monkeypatch.setattr(batch, "CHUNK_ROWS", 3)
    forked = batch.plan_batch(path, planner=DyingInWorkers(mini_network), workers=2)
    pd.testing.assert_frame_equal(here, forked)
    assert "died" in caplog.text


class DyingInExactWorkers(FailingInWorkers):
    """The exact search's worker that dies on its first query."""

    def plan(self, query, **options):
        if os.getpid() != self.home:
            os._exit(1)
        return Planner.plan(self, query, **options)


def test_a_dead_exact_search_worker_leaves_its_queries_to_this_process(
    tmp_path, mini_network, caplog
) -> None:
    path = _write(tmp_path)
    here = batch.plan_batch(path, network=mini_network, method="exact")
    dying = DyingInExactWorkers(mini_network)
    forked = batch.plan_batch(path, planner=dying, workers=2, method="exact")
    pd.testing.assert_frame_equal(here, forked)
    assert "died" in caplog.text
