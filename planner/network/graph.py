"""The multimodal graph: the corridor layers as a directed graph with per-mode terminals.

Each network node ``x`` becomes a *place* node ``P(x)`` (where a route starts and ends) plus,
for every mode ``m`` (and service: rail–sea trains apart from China–Europe trains) of the links
that touch it, a *running* node ``T(x, m)`` (the cargo is on a vehicle of mode ``m`` at ``x``)
and a *departure* node ``D(x, m)`` (just loaded, waiting for the next departure). Edges:

* ``board``  ``P(x) -> D(x, m)``: loading and handling;
* ``alight`` ``T(x, m) -> P(x)``: unloading and handling;
* ``link``   ``D(a, m) -> T(b, m)`` (waits for the departure) and ``T(a, m) -> T(b, m)`` (a
  through stop: crew change, port call, flight connection), both directions of every link;
* ``drayage`` ``P(port) <-> P(city)``: airports, seaports and terminals joined by truck to the
  city they serve (``city``), and every foreign destination to the seaports and airports of its
  country within ``road.last_mile_max_km`` (hinterland trucking);
* ``switch`` ``T(x, m, s) -> D(x, m, s')``: wagons re-marshalled at a junction from one service
  onto another (a stop, no handling; the next link waits for the new departure).

So a change of mode always costs handling, and no two edges join the same ordered pair of
nodes (a second link between the same two nodes of one mode is split by a ``join`` node): an
edge is named by its two ends. Nodes and edges are integers (``eid`` indexes every edge
array). The shipment and the restrictions of a query never change the graph: they are edge
weights, and a closed edge is left out of the search (see :mod:`planner.network.weights`).

Shortest paths run on a compressed sparse row matrix (``scipy.sparse.csgraph``, Dijkstra in
C); the multi-objective search walks :attr:`MultimodalGraph.successors`. The graph was once
an osmnx MultiDiGraph, but nothing routed on it: building it cost a third of a route query.
"""

from __future__ import annotations

import functools
import itertools
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd
import shapely
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

from corridors import Mode, Node

if TYPE_CHECKING:
    import networkx as nx
from corridors.geo import M_PER_KM, WGS84, geodesic_distance_km
from corridors.network import Network
from planner.model.params import Parameters
from planner.network.costs import (
    EDGE_ALIGHT,
    EDGE_BOARD,
    EDGE_DRAYAGE,
    EDGE_JOIN,
    EDGE_LINK,
    EDGE_SWITCH,
    service_class,
)
from planner.network.trees import Forest, Tree

__all__ = [
    "LegShape",
    "STATE_DEPART",
    "STATE_JOIN",
    "STATE_PLACE",
    "STATE_RUN",
    "Forest",
    "MultimodalGraph",
    "Tree",
    "build_graph",
]

logger = logging.getLogger(__name__)

STATE_PLACE = "place"
STATE_RUN = "run"
STATE_DEPART = "depart"
STATE_JOIN = "join"
#: Corridor kind of a ferry that is part of a rail journey (the Caspian crossing).
FERRY_KIND = "ferry"


class LegShape(NamedTuple):
    """A leg whatever is sent: where, how, how far (a tuple: many are made per batch)."""

    from_id: str
    to_id: str
    mode: Mode
    corridor: str
    distance_km: float
    link_id: str | None
    coords: tuple[tuple[float, float], ...]
    ferry: bool = False  # a ferry inside a rail journey (corridor kind ``ferry``)


@dataclass(eq=False)
class MultimodalGraph:
    """The routable graph of one network.

    Attributes
    ----------
    network
        The corridor network it was built from.
    edges
        One row per edge, indexed by ``eid``: ``u``, ``v``, ``kind``, ``mode``, ``link_id``,
        ``corridor``, ``corridor_kind``, ``distance_km``, ``departing``, ``crossing``,
        ``gauge_change``, ``reverse`` (the link is run against its geometry), ``place_u``,
        ``place_v`` (network node ids), ``country_u``, ``country_v``.
    place_node
        Network node id -> its place node ``P(x)``.
    node_place, node_state
        Per graph node: its network node id and its state (place, depart, run, join).
    u, v
        Per edge: its tail and head graph nodes.
    edges_of_node, edges_of_link, edges_of_corridor
        Edge ids touching a network node, running a link, on a corridor.
    geometry
        Per edge: the line run (links and drayage) or ``None``.
    nodes
        Network node records by id.
    exits
        Per country (ISO2): its nodes with a link abroad.
    """

    network: Network
    edges: pd.DataFrame
    place_node: dict[str, int]
    node_place: list[str]
    node_state: list[str]
    u: np.ndarray
    v: np.ndarray
    edges_of_node: dict[str, np.ndarray]
    edges_of_link: dict[str, np.ndarray]
    edges_of_corridor: dict[str, np.ndarray]
    geometry: np.ndarray
    nodes: dict[str, Node]
    exits: dict[str, frozenset[str]]
    _legs: dict[int, LegShape] = field(default_factory=dict, repr=False)
    _columns: dict[str, list] = field(default_factory=dict, repr=False)

    @property
    def n_edges(self) -> int:
        """Number of edges (``eid`` runs from 0 to ``n_edges - 1``)."""
        return len(self.u)

    @property
    def n_nodes(self) -> int:
        return len(self.node_place)

    @functools.cached_property
    def eid_of(self) -> dict[tuple[int, int], int]:
        """``(u, v)`` -> the edge joining them (there is at most one)."""
        return {pair: e for e, pair in self._ends()}

    @functools.cached_property
    def successors(self) -> list[list[tuple[int, int]]]:
        """Per graph node: ``(next node, eid)`` of every edge leaving it."""
        out: list[list[tuple[int, int]]] = [[] for _ in range(self.n_nodes)]
        for e, (a, b) in self._ends():
            out[a].append((b, e))
        return out

    @functools.cached_property
    def D(self) -> nx.DiGraph:
        """The graph as a networkx DiGraph (edge attribute ``eid``), for tests that enumerate
        paths (networkx is imported here: a route query does not need it)."""
        import networkx as nx

        D = nx.DiGraph()
        D.add_nodes_from(range(self.n_nodes))
        D.add_edges_from((a, b, {"eid": e}) for e, (a, b) in self._ends())
        return D

    def running_nodes(self, nid: str) -> list[int]:
        """The graph nodes where a vehicle runs through a network node (its run states)."""
        return self._running.get(nid, [])

    @functools.cached_property
    def _running(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for gnode, (place, state) in enumerate(zip(self.node_place, self.node_state, strict=True)):
            if state == STATE_RUN:
                found.setdefault(place, []).append(gnode)
        return found

    def _ends(self) -> enumerate[tuple[int, int]]:
        return enumerate(zip(self.u.tolist(), self.v.tolist(), strict=True))

    def column(self, name: str) -> list:
        """An edge column as a plain list indexed by ``eid`` (fast to index; kept once made)."""
        found = self._columns.get(name)
        if found is None:
            found = self._columns[name] = self.edges[name].tolist()
        return found

    def path_eids(self, path: list[int] | tuple[int, ...]) -> list[int]:
        """The edge ids along a path of graph nodes."""
        eid_of = self.eid_of
        return [eid_of[pair] for pair in itertools.pairwise(path)]

    def leg(self, eid: int) -> LegShape:
        """The movement an edge (a link run or a drayage) makes; kept once made."""
        found = self._legs.get(eid)
        if found is None:
            geometry = self.geometry[eid]
            link_id = self.column("link_id")[eid]
            found = self._legs[eid] = LegShape(
                self.node_place[self.u[eid]],
                self.node_place[self.v[eid]],
                Mode(self.column("mode")[eid]),
                self.column("corridor")[eid] or "",
                float(self.column("distance_km")[eid]),
                link_id if isinstance(link_id, str) else None,
                tuple((float(x), float(y)) for x, y, *_ in geometry.coords)
                if geometry is not None
                else (),
                self.column("corridor_kind")[eid] == FERRY_KIND,
            )
        return found

    def forest(self, weightings: list[np.ndarray], closed: np.ndarray, roots: list[int]) -> Forest:
        """Shortest-path trees from ``roots``, one per weighting (see :meth:`tree`)."""
        matrix, kept = self._open_matrix(closed)  # built once, its weights refilled per tree
        trees = [_grown(matrix, weights[kept], roots) for weights in weightings]
        distinct = {t.pred.tobytes(): i for i, t in reversed(list(enumerate(trees)))}
        keep = sorted(distinct.values())  # weightings whose trees agree everywhere: one kept
        return Forest(
            np.stack([trees[i].dist for i in keep]), np.stack([trees[i].pred for i in keep])
        )

    def tree(
        self,
        weights: np.ndarray,
        closed: np.ndarray,
        roots: list[int],
        *,
        backward: bool = False,
    ) -> Tree:
        """Shortest-path tree from ``roots`` (or towards them: ``backward``).

        Parameters
        ----------
        weights
            Per edge, a non-negative weight.
        closed
            Per edge, True where the edge may not be used.
        roots
            Graph nodes the tree grows from (several: the nearest one wins).
        backward
            Grow along reversed edges (distances *to* the roots).
        """
        matrix, kept = self._open_matrix(closed, backward=backward)
        return _grown(matrix, weights[kept], roots)

    def _open_matrix(self, closed: np.ndarray, *, backward: bool = False) -> tuple:
        """The compressed-row matrix of the open edges only (a closed edge is neither built nor
        scanned: a haul closes half the graph or more), and those edges in its order: its
        weights are ``weights[kept]``."""
        order, tails, heads = self._backward if backward else self._forward
        open_ = ~closed[order]
        kept = order[open_]
        rows = np.searchsorted(tails[open_], np.arange(self.n_nodes + 1)).astype(np.int32)
        matrix = csr_matrix(
            (np.zeros(len(kept)), heads[open_], rows), shape=(self.n_nodes, self.n_nodes)
        )
        return matrix, kept

    @functools.cached_property
    def _forward(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return _edge_order(self.u, self.v)

    @functools.cached_property
    def _backward(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return _edge_order(self.v, self.u)


def _edge_order(tails: np.ndarray, heads: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The edges in compressed-row order (by tail, then head), with their tails and heads in
    that order."""
    order = np.lexsort((heads, tails))
    return order, tails[order], heads[order].astype(np.int32)


def _grown(matrix: csr_matrix, data: np.ndarray, roots: list[int]) -> Tree:
    """The shortest-path tree from ``roots`` on ``matrix`` weighted by ``data``."""
    matrix.data = data
    dist, pred = dijkstra(matrix, indices=roots, return_predecessors=True, min_only=True)[:2]
    return Tree(dist=dist, pred=pred)


# Foreign end points reach the seaports and airports of their country near them by truck.
_LAST_MILE_KINDS = ("destination",)
_LAST_MILE_PORT_KINDS = ("seaport", "airport")


def _last_mile_pairs(
    nodes: pd.DataFrame, params: Parameters, *, joined: set[tuple[str, str]]
) -> set[tuple[str, str]]:
    """(port, destination) pairs of one country within ``road.last_mile_max_km`` (straight
    line) that the ``city`` field does not already join: the hinterland trucking that lets a
    destination without a port of its own be reached by sea (Amsterdam from Rotterdam)."""
    radius = params["road.last_mile_max_km"]
    ends = nodes[nodes["kind"].isin(_LAST_MILE_KINDS)]
    ports = nodes[nodes["kind"].isin(_LAST_MILE_PORT_KINDS)]
    if ends.empty or ports.empty:
        return set()
    end_lon = np.repeat(ends["lon"].to_numpy(float), len(ports))
    end_lat = np.repeat(ends["lat"].to_numpy(float), len(ports))
    port_lon = np.tile(ports["lon"].to_numpy(float), len(ends))
    port_lat = np.tile(ports["lat"].to_numpy(float), len(ends))
    _, _, metres = WGS84.inv(end_lon, end_lat, port_lon, port_lat)
    km = np.asarray(metres) / M_PER_KM
    end_ids = np.repeat(ends.index.to_numpy(), len(ports))
    port_ids = np.tile(ports.index.to_numpy(), len(ends))
    same = np.repeat(ends["country"].to_numpy(), len(ports)) == np.tile(
        ports["country"].to_numpy(), len(ends)
    )
    near = same & (km <= radius)
    out = set()
    for end, port in zip(end_ids[near], port_ids[near], strict=True):
        if (port, end) not in joined and (end, port) not in joined:
            out.add((str(port), str(end)))
    return out


def _continuous(geometry: BaseGeometry | None) -> BaseGeometry | None:
    """One LineString per link: the parts of a line cut at the antimeridian joined in order.

    ``geodata/links.geojson`` cuts a line that crosses the 180° meridian into a
    MultiLineString (RFC 7946 §3.1.9); a leg's ``coords`` must stay one sequence of points
    (its readers cope with the jump from ±180 to ∓180), so the parts are joined here.

    Parameters
    ----------
    geometry
        A link geometry (LineString or MultiLineString), or ``None``.

    Returns
    -------
    shapely.geometry.base.BaseGeometry or None
        The same geometry when it is not a MultiLineString; otherwise a LineString of the
        parts' coordinates in order (both ends of each cut kept, so it runs
        ``..., (180, lat), (-180, lat), ...``).
    """
    if geometry is None or geometry.geom_type != "MultiLineString":
        return geometry
    return LineString([xy for part in geometry.geoms for xy in part.coords])


def _flag(value: object) -> bool:
    return bool(value) if isinstance(value, bool | np.bool_) else value is True


def build_graph(network: Network, params: Parameters) -> MultimodalGraph:
    """Build the multimodal graph of a network (see the module docstring).

    Parameters
    ----------
    network
        The corridor network (from :func:`corridors.load_network`).
    params
        The parameter table (the air distance uplift, the drayage circuity and radius).

    Returns
    -------
    MultimodalGraph
        The graph; a :class:`~planner.core.planner.Planner` builds it once and keeps it.
    """
    nodes = network.nodes
    links = network.links
    corridor_kind = {cid: c.kind for cid, c in network.corridors.items()}

    ids: list[str] = list(nodes.index)
    lon = nodes["lon"].astype(float).to_dict()
    lat = nodes["lat"].astype(float).to_dict()
    node_rows: list[tuple[int, float, float, str, str, str]] = []
    place_node: dict[str, int] = {}
    for nid in ids:
        place_node[nid] = len(node_rows)
        node_rows.append((len(node_rows), lon[nid], lat[nid], nid, "", STATE_PLACE))

    modal: dict[tuple[str, str, str, str], int] = {}

    def modal_node(nid: str, mode: str, service: str, state: str) -> int:
        key = (nid, mode, service, state)
        if key not in modal:
            modal[key] = len(node_rows)
            node_rows.append((len(node_rows), lon[nid], lat[nid], nid, mode, state))
        return modal[key]

    edge_rows: list[dict] = []

    def add_edge(u: int, v: int, **attrs: object) -> None:
        edge_rows.append({"u": u, "v": v, **attrs})

    blank = {
        "link_id": None,
        "corridor": "",
        "corridor_kind": "",
        "departing": False,
        "crossing": False,
        "gauge_change": False,
        "reverse": False,
        "geometry": None,
    }
    uplift = params["air.gcd_uplift_km"]
    seen_pairs: set[tuple[int, int]] = set()
    link_from = links["from"].to_numpy()
    link_to = links["to"].to_numpy()
    link_mode = links["mode"].astype(str).str.lower().to_numpy()
    link_corr = links["corridor"].to_numpy()
    link_km = links["distance_km"].astype(float).to_numpy()
    link_xing = [_flag(v) for v in links.get("crossing", pd.Series(False, index=links.index))]
    link_gauge = [_flag(v) for v in links.get("gauge_change", pd.Series(False, index=links.index))]
    geoms = np.array([_continuous(g) for g in links.geometry], dtype=object)
    reversed_geoms = shapely.reverse(geoms)
    for i, lid in enumerate(links.index):
        a, b, mode = link_from[i], link_to[i], link_mode[i]
        if a not in place_node or b not in place_node:
            continue  # validation reports it; never route on a dangling link
        km = link_km[i] + (uplift if mode == Mode.AIR.value else 0.0)
        corr = link_corr[i]
        service = service_class(mode, corridor_kind.get(corr, ""))
        common = {
            "kind": EDGE_LINK,
            "mode": mode,
            "link_id": lid,
            "corridor": corr,
            "corridor_kind": corridor_kind.get(corr, ""),
            "distance_km": km,
            "crossing": link_xing[i],
            "gauge_change": link_gauge[i],
        }
        for start, end, reverse in ((a, b, False), (b, a, True)):
            geometry = reversed_geoms[i] if reverse else geoms[i]
            target = modal_node(end, mode, service, STATE_RUN)
            for state, departing in ((STATE_DEPART, True), (STATE_RUN, False)):
                source = modal_node(start, mode, service, state)
                attrs = {
                    **common,
                    "departing": departing,
                    "reverse": reverse,
                    "geometry": geometry,
                }
                if (source, target) in seen_pairs:  # a parallel link: split it in two
                    join = len(node_rows)
                    node_rows.append((join, lon[end], lat[end], end, mode, STATE_JOIN))
                    add_edge(source, join, **attrs)
                    add_edge(join, target, **blank, kind=EDGE_JOIN, mode=mode, distance_km=0.0)
                else:
                    seen_pairs.add((source, target))
                    add_edge(source, target, **attrs)

    for (nid, mode, _service, state), gnode in list(modal.items()):
        if state == STATE_DEPART:
            add_edge(place_node[nid], gnode, **blank, kind=EDGE_BOARD, mode=mode, distance_km=0.0)
        elif state == STATE_RUN:
            add_edge(gnode, place_node[nid], **blank, kind=EDGE_ALIGHT, mode=mode, distance_km=0.0)

    services: dict[tuple[str, str], dict[str, dict[str, int]]] = {}
    for (nid, mode, service, state), gnode in modal.items():
        services.setdefault((nid, mode), {}).setdefault(service, {})[state] = gnode
    for (_nid, mode), by_service in services.items():
        for first, second in itertools.permutations(by_service, 2):
            run = by_service[first].get(STATE_RUN)
            depart = by_service[second].get(STATE_DEPART)
            if run is not None and depart is not None:
                add_edge(run, depart, **blank, kind=EDGE_SWITCH, mode=mode, distance_km=0.0)

    circuity = params["road.circuity"]
    city_col = nodes["city"] if "city" in nodes.columns else pd.Series(None, index=nodes.index)
    pairs = {
        (nid, city)
        for nid, city in city_col.items()
        if isinstance(city, str) and city != nid and city in place_node
    }
    pairs |= _last_mile_pairs(nodes, params, joined=pairs)
    for nid, city in sorted(pairs):
        km = geodesic_distance_km(lon[nid], lat[nid], lon[city], lat[city]) * circuity
        for u, v in ((nid, city), (city, nid)):
            add_edge(
                place_node[u],
                place_node[v],
                **{
                    **blank,
                    "geometry": LineString([(lon[u], lat[u]), (lon[v], lat[v])]),
                },
                kind=EDGE_DRAYAGE,
                mode=Mode.ROAD.value,
                distance_km=km,
            )

    edges = pd.DataFrame(edge_rows)
    edges["eid"] = np.arange(len(edges))
    edges["place_u"] = [node_rows[u][3] for u in edges["u"]]
    edges["place_v"] = [node_rows[v][3] for v in edges["v"]]
    country = nodes["country"].to_dict()
    edges["country_u"] = edges["place_u"].map(country)
    edges["country_v"] = edges["place_v"].map(country)
    table = edges.drop(columns=["geometry"]).set_index("eid", drop=False)

    def group(column: str) -> dict[str, np.ndarray]:
        frame = table[[column, "eid"]].dropna()
        return {k: v.to_numpy() for k, v in frame.groupby(column)["eid"]}

    touching = pd.concat(
        [
            table[["place_u", "eid"]].set_axis(["place", "eid"], axis=1),
            table[["place_v", "eid"]].set_axis(["place", "eid"], axis=1),
        ]
    ).drop_duplicates()
    built = MultimodalGraph(
        network=network,
        edges=table,
        place_node=place_node,
        node_place=[row[3] for row in node_rows],
        node_state=[row[5] for row in node_rows],
        u=table["u"].to_numpy(dtype=np.int64),
        v=table["v"].to_numpy(dtype=np.int64),
        edges_of_node={k: v.to_numpy() for k, v in touching.groupby("place")["eid"]},
        edges_of_link=group("link_id"),
        edges_of_corridor={k: v for k, v in group("corridor").items() if k},
        geometry=edges["geometry"].to_numpy(),
        nodes=_node_records(network),
        exits=_exits_by_country(network),
    )
    logger.info(
        "built the multimodal graph: %d nodes, %d edges from %d nodes and %d links",
        len(node_rows),
        len(edges),
        len(nodes),
        len(links),
    )
    return built


def _node_records(network: Network) -> dict[str, Node]:
    """Every network node as a :class:`~corridors.Node` record, by id."""
    return network.all_nodes()


def _exits_by_country(network: Network) -> dict[str, frozenset[str]]:
    """Per country, its nodes with a link to a node of another country (where a route can
    leave it)."""
    links = network.links
    countries = network.nodes["country"]
    c_from = countries.reindex(links["from"]).to_numpy()
    c_to = countries.reindex(links["to"]).to_numpy()
    out: dict[str, set[str]] = {}
    for a, b, ca, cb in zip(links["from"], links["to"], c_from, c_to, strict=True):
        if ca != cb:
            out.setdefault(str(ca), set()).add(a)
            out.setdefault(str(cb), set()).add(b)
    return {country: frozenset(ids) for country, ids in out.items()}
