"""The multimodal graph: structure, shortest paths, and that a planner builds it once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from corridors import load_network
from planner.core.api import planner_for
from planner.core.planner import Planner
from planner.model.params import load_parameters
from planner.network import costs
from planner.network.build import build_graph
from planner.network.graph import STATE_DEPART, STATE_PLACE, STATE_RUN

PLANNER_DIR = Path(__file__).resolve().parent / "data" / "planner"


@pytest.fixture(scope="module")
def graph(planner_network):
    return build_graph(planner_network, load_parameters())


def test_every_graph_node_stands_at_a_network_node(graph, planner_network):
    assert len(graph.node_place) == len(graph.node_state) == graph.n_nodes
    assert set(graph.node_place) <= set(planner_network.nodes.index)
    places = [n for n, s in enumerate(graph.node_state) if s == STATE_PLACE]
    assert len(places) == len(planner_network.nodes)
    assert {graph.node_place[n] for n in places} == set(planner_network.nodes.index)
    assert all(graph.place_node[graph.node_place[n]] == n for n in places)


def test_every_link_runs_both_ways_from_departure_and_running_nodes(graph, planner_network):
    edges = graph.edges[graph.edges["kind"] == costs.EDGE_LINK]
    kinds = {cid: c.kind for cid, c in planner_network.corridors.items()}
    countries = planner_network.nodes["country"]
    for lid, link in planner_network.links.iterrows():
        mine = edges[edges["link_id"] == lid]
        # a land corridor's rail track in China is run by the rail–sea trains too
        shared = (
            link["mode"] == "rail" and kinds[link["corridor"]] == "land"
            and not bool(link.get("crossing"))
            and countries[link["from"]] == countries[link["to"]] == "CN"
        )  # fmt: skip
        assert len(mine) == (8 if shared else 4), lid  # (depart, run) x (forward, backward)
        assert set(mine["reverse"]) == {False, True}
        assert set(mine["departing"]) == {False, True}
        for row in mine.itertuples():
            assert graph.node_state[row.u] in (STATE_DEPART, STATE_RUN)
            assert graph.node_state[row.v] == STATE_RUN


def test_each_mode_has_its_own_terminal_joined_by_transfers(graph):
    state, place = graph.node_state, graph.node_place
    modes_of: dict[int, set[str]] = {}
    for row in graph.edges.itertuples():
        if row.kind == costs.EDGE_BOARD:
            assert state[row.u] == STATE_PLACE and state[row.v] == STATE_DEPART
            assert place[row.u] == place[row.v]
            modes_of.setdefault(row.v, set()).add(row.mode)
        elif row.kind == costs.EDGE_ALIGHT:
            assert state[row.u] == STATE_RUN and state[row.v] == STATE_PLACE
        if row.kind == costs.EDGE_LINK and row.departing:
            modes_of.setdefault(row.u, set()).add(row.mode)
    assert all(len(modes) == 1 for modes in modes_of.values())  # one mode per terminal
    # alpha_rail has a rail-sea service and a China–Europe service: two running nodes
    rail_runs = {
        n
        for n, (p, s) in enumerate(zip(place, state, strict=True))
        if p == "alpha_rail" and s == STATE_RUN
    }
    assert len(rail_runs) == 2
    # and wagons may be switched from one service onto the other there (both ways), and
    # wherever the rail–sea trains run over a land corridor's track in China
    switches = graph.edges[graph.edges["kind"] == costs.EDGE_SWITCH]
    assert "alpha_rail" in set(switches["place_u"])
    assert len(switches) == 2 * switches["place_u"].nunique()
    for row in switches.itertuples():
        assert graph.node_state[row.u] == STATE_RUN and graph.node_state[row.v] == STATE_DEPART


def test_ports_airports_and_terminals_are_trucked_to_their_city(graph):
    dray = graph.edges[graph.edges["kind"] == costs.EDGE_DRAYAGE]
    pairs = set(zip(dray["place_u"], dray["place_v"], strict=True))
    for served, city in [("alpha_airport", "alpha"), ("alpha_rail", "alpha"), ("far_port", "far")]:
        assert (served, city) in pairs and (city, served) in pairs
    assert (dray["mode"] == "road").all() and (dray["distance_km"] > 0).all()


@pytest.mark.parametrize("backward", [False, True])
def test_shortest_path_trees_agree_with_networkx(graph, backward):
    km = graph.edges["distance_km"].to_numpy(dtype=float)
    closed = np.zeros(graph.n_edges, dtype=bool)
    closed[graph.edges_of_link[graph.network.links.index[0]]] = True
    beta = graph.place_node["beta"]
    tree = graph.tree(km, closed, [beta], backward=backward)
    D = graph.D.reverse() if backward else graph.D

    def weight(u, v, data):
        return None if closed[data["eid"]] else km[data["eid"]]

    expected = nx.single_source_dijkstra_path_length(D, beta, weight=weight)
    reached = {n for n in range(graph.n_nodes) if tree.reached(n)}
    assert reached == set(expected)
    for node in reached:
        assert tree.dist[node] == pytest.approx(expected[node])
        path = tree.path_to(node)
        pairs = list(zip(path, path[1:], strict=False))
        if backward:
            pairs = [(b, a) for a, b in pairs]
        total = sum(km[graph.eid_of[pair]] for pair in pairs)
        assert total == pytest.approx(expected[node])


def test_no_parallel_edges_so_the_digraph_loses_nothing(graph):
    assert graph.D.number_of_edges() == graph.n_edges == len(graph.eid_of)
    assert sorted(d["eid"] for *_, d in graph.D.edges(data=True)) == list(range(graph.n_edges))


def test_a_parallel_link_is_split_by_a_join_node(tmp_path):
    target = tmp_path / "net"
    shutil.copytree(PLANNER_DIR, target)
    links = json.loads((target / "links.geojson").read_text("utf-8"))
    twin = json.loads(json.dumps(links["features"][0]))
    twin["properties"]["id"] = twin["properties"]["id"] + "_twin"
    links["features"].append(twin)
    (target / "links.geojson").write_text(json.dumps(links), "utf-8")
    graph = build_graph(load_network(target), load_parameters())
    joins = graph.edges[graph.edges["kind"] == costs.EDGE_JOIN]
    assert len(joins) == 4
    assert graph.D.number_of_edges() == graph.n_edges == len(graph.eid_of)


def test_a_planner_builds_its_graph_once(planner_network):
    planner = planner_for(planner_network)
    assert planner.graph is planner.graph
    assert planner_for(planner_network) is planner  # the convenience functions share it
    assert Planner(planner_network).graph is not planner.graph  # another planner owns another


def test_pricing_is_made_once_per_cargo_class(planner_network):

    planner = Planner(planner_network)
    first = planner.priced("general")
    assert planner.priced("General") is first
    assert first.hours.shape == (planner.graph.n_edges,)
    assert (first.hours >= 0).all() and (first.cost >= 0).all()


def test_real_network_builds(real_network):
    """(Its speed is measured by ``make bench``, not asserted here.)"""
    built = build_graph(real_network, load_parameters())
    assert built.n_edges > 4 * len(real_network.links)


def test_a_link_cut_at_the_antimeridian_is_one_line_per_edge(real_network):
    graph = planner_for(real_network).graph
    links = real_network.links
    cut = links.index[links.geom_type == "MultiLineString"]
    assert len(cut) > 0
    edges = graph.edges
    for lid in cut:
        parts = links.at[lid, "geometry"].geoms
        joined = [xy for part in parts for xy in part.coords]
        mine = edges[(edges["link_id"] == lid) & (edges["kind"] == costs.EDGE_LINK)]
        assert len(mine) == 4, lid
        for eid, reverse in zip(mine["eid"], mine["reverse"], strict=True):
            geometry = graph.geometry[eid]
            assert geometry.geom_type == "LineString"  # routes.py reads its ``coords``
            assert list(geometry.coords) == (joined[::-1] if reverse else joined), lid
            lons = [x for x, _ in geometry.coords]
            jumps = [(a, b) for a, b in zip(lons, lons[1:], strict=False) if abs(b - a) > 180]
            assert len(jumps) == 1 and {abs(a) for a in jumps[0]} == {180.0}, lid
