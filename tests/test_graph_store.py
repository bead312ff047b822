"""The built graph kept on disk (planner.network.graph_store): read back the same as built, its
network put back, made again when a data file or a parameter changes, and never kept for a
network that load_network did not read unchanged from its folder."""

from __future__ import annotations

import dataclasses
import shutil

import numpy as np
import pytest

from corridors import load_network
from corridors.disk_cache import CACHE_ENV
from planner.model.params import load_parameters
from planner.network import graph_store
from tests.conftest import MINI_DIR


@pytest.fixture
def builds(monkeypatch, tmp_path):
    """How many graphs were built (not read from a copy), with a cache of this test's own."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    count = [0]
    real = graph_store.build_graph

    def build(*args, **kwargs):
        count[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(graph_store, "build_graph", build)
    return count


def _same(a, b) -> None:
    assert np.array_equal(a.u, b.u) and np.array_equal(a.v, b.v)
    assert a.edges.equals(b.edges) and a.place_node == b.place_node


def test_a_kept_graph_reads_back_as_built_with_its_network(builds, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI_DIR, data)
    network, params = load_network(data), load_parameters()
    first = graph_store.kept_graph(network, params)
    again = graph_store.kept_graph(network, params)
    assert builds[0] == 1, "the second is read from the copy"
    _same(first, again)
    assert again.network is network
    (data / "port_trades.csv").write_text(
        (data / "port_trades.csv").read_text() if (data / "port_trades.csv").exists() else ""
    )  # the same text, a new time: made again
    graph_store.kept_graph(network, params)
    assert builds[0] == 2


def test_another_parameter_value_or_network_is_built_afresh(builds):
    network, params = load_network(MINI_DIR), load_parameters()
    graph_store.kept_graph(network, params)
    graph_store.kept_graph(network, params, frozenset({frozenset({"a", "b"})}))
    assert builds[0] == 2, "other freighter pairs, another graph"
    replaced = dataclasses.replace(network)  # not as read from its folder: never kept
    graph_store.kept_graph(replaced, params)
    graph_store.kept_graph(replaced, params)
    assert builds[0] == 4
