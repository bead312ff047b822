"""The multimodal graph: structure, osmnx compatibility, caching, speed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import osmnx as ox
import pytest

from corridors import load_network
from planner.costs import (
    EDGE_ALIGHT,
    EDGE_BOARD,
    EDGE_DRAYAGE,
    EDGE_JOIN,
    EDGE_LINK,
    EDGE_SWITCH,
)
from planner.graph import STATE_DEPART, STATE_PLACE, STATE_RUN, build_graph
from planner.params import load_parameters

PLANNER_DIR = Path(__file__).resolve().parent / "data" / "planner"


@pytest.fixture(scope="module")
def network():
    return load_network(PLANNER_DIR)


@pytest.fixture(scope="module")
def graph(network):
    return build_graph(network)


def test_nodes_are_integers_with_coordinates(graph, network):
    G = graph.G
    assert all(isinstance(n, int) for n in G.nodes)
    for _, data in G.nodes(data=True):
        assert {"x", "y", "place", "state"} <= set(data)
        row = network.nodes.loc[data["place"]]
        assert (data["x"], data["y"]) == (row["lon"], row["lat"])
    places = [n for n, s in G.nodes(data="state") if s == STATE_PLACE]
    assert len(places) == len(network.nodes)


def test_every_link_runs_both_ways_from_departure_and_running_nodes(graph, network):
    edges = graph.edges[graph.edges["kind"] == EDGE_LINK]
    for lid in network.links.index:
        mine = edges[edges["link_id"] == lid]
        assert len(mine) == 4, lid  # (depart, run) x (forward, backward)
        assert set(mine["reverse"]) == {False, True}
        assert set(mine["departing"]) == {False, True}
        for row in mine.itertuples():
            assert graph.node_state[row.u] in (STATE_DEPART, STATE_RUN)
            assert graph.node_state[row.v] == STATE_RUN


def test_each_mode_has_its_own_terminal_joined_by_transfers(graph):
    G = graph.G
    for u, v, data in G.edges(data=True):
        if data["kind"] == EDGE_BOARD:
            assert G.nodes[u]["state"] == STATE_PLACE and G.nodes[v]["state"] == STATE_DEPART
            assert G.nodes[u]["place"] == G.nodes[v]["place"]
            assert data["mode"] == G.nodes[v]["mode"]
        elif data["kind"] == EDGE_ALIGHT:
            assert G.nodes[u]["state"] == STATE_RUN and G.nodes[v]["state"] == STATE_PLACE
    # alpha_rail has a rail-sea service and a China–Europe service: two running nodes
    rail_runs = {
        n for n, d in G.nodes(data=True) if d["place"] == "alpha_rail" and d["state"] == STATE_RUN
    }
    assert len(rail_runs) == 2
    # and wagons may be switched from one service onto the other there (both ways)
    switches = graph.edges[graph.edges["kind"] == EDGE_SWITCH]
    assert set(switches["place_u"]) == {"alpha_rail"} and len(switches) == 2
    for row in switches.itertuples():
        assert graph.node_state[row.u] == STATE_RUN and graph.node_state[row.v] == STATE_DEPART


def test_ports_airports_and_terminals_are_trucked_to_their_city(graph):
    dray = graph.edges[graph.edges["kind"] == EDGE_DRAYAGE]
    pairs = set(zip(dray["place_u"], dray["place_v"], strict=True))
    for served, city in [("alpha_airport", "alpha"), ("alpha_rail", "alpha"), ("far_port", "far")]:
        assert (served, city) in pairs and (city, served) in pairs
    assert (dray["mode"] == "road").all() and (dray["distance_km"] > 0).all()


def test_osmnx_routes_on_it(graph):
    G = graph.G
    beta, far = graph.place_node["beta"], graph.place_node["far"]
    path = ox.routing.shortest_path(G, beta, far, weight="distance_km")
    assert path[0] == beta and path[-1] == far
    route = ox.routing.route_to_gdf(G, path, weight="distance_km")
    assert len(route) == len(path) - 1


def test_no_parallel_edges_so_the_digraph_loses_nothing(graph):
    assert graph.D.number_of_edges() == graph.G.number_of_edges() == graph.n_edges
    assert sorted(d["eid"] for *_, d in graph.D.edges(data=True)) == list(range(graph.n_edges))


def test_a_parallel_link_is_split_by_a_join_node(tmp_path):
    target = tmp_path / "net"
    shutil.copytree(PLANNER_DIR, target)
    links = json.loads((target / "links.geojson").read_text("utf-8"))
    twin = json.loads(json.dumps(links["features"][0]))
    twin["properties"]["id"] = twin["properties"]["id"] + "_twin"
    links["features"].append(twin)
    (target / "links.geojson").write_text(json.dumps(links), "utf-8")
    graph = build_graph(load_network(target))
    joins = graph.edges[graph.edges["kind"] == EDGE_JOIN]
    assert len(joins) == 4
    assert graph.D.number_of_edges() == graph.G.number_of_edges()


def test_built_once_per_network(network, graph):
    assert build_graph(network) is graph
    assert build_graph(network, params=load_parameters()) is graph


def test_pricing_is_cached_per_cargo_class(graph):
    from planner.records import CargoClass

    params = load_parameters()
    first = graph.priced(CargoClass.GENERAL, params)
    assert graph.priced(CargoClass.GENERAL, params) is first
    assert first.hours.shape == (graph.n_edges,)
    assert (first.hours >= 0).all() and (first.cost >= 0).all()


def test_real_network_builds(real_network):
    """(Its speed is measured by ``make bench``, not asserted here.)"""
    from planner.graph import _build

    built = _build(real_network, load_parameters())
    assert built.n_edges > 4 * len(real_network.links)


def test_a_link_cut_at_the_antimeridian_is_one_line_per_edge(real_network):
    graph = build_graph(real_network)
    links = real_network.links
    cut = links.index[links.geom_type == "MultiLineString"]
    assert len(cut) > 0
    edges = graph.edges
    for lid in cut:
        parts = links.at[lid, "geometry"].geoms
        joined = [xy for part in parts for xy in part.coords]
        mine = edges[(edges["link_id"] == lid) & (edges["kind"] == EDGE_LINK)]
        assert len(mine) == 4, lid
        for eid, reverse in zip(mine["eid"], mine["reverse"], strict=True):
            geometry = graph.geometry[eid]
            assert geometry.geom_type == "LineString"  # search.py reads its ``coords``
            assert list(geometry.coords) == (joined[::-1] if reverse else joined), lid
            lons = [x for x, _ in geometry.coords]
            jumps = [(a, b) for a, b in zip(lons, lons[1:], strict=False) if abs(b - a) > 180]
            assert len(jumps) == 1 and {abs(a) for a in jumps[0]} == {180.0}, lid
