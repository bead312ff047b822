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
:func:`planner.network.build.build_graph` builds it.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from corridors import Mode, Node
from corridors.network import Network
from planner.network.trees import Forest, LooseForest, Tree

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "LegShape",
    "STATE_DEPART",
    "STATE_JOIN",
    "STATE_PLACE",
    "STATE_RUN",
    "Forest",
    "MultimodalGraph",
    "Tree",
]

STATE_PLACE = "place"
STATE_RUN = "run"
STATE_DEPART = "depart"
STATE_JOIN = "join"
#: Corridor kind of a ferry that is part of a rail journey (the Caspian crossing).
FERRY_KIND = "ferry"
#: Corridor kind of the rail–sea trains between a port and the inland terminals.
RAIL_SEA_KIND = "rail_sea"


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
    freighter: bool = False  # an air link that only freighters fly


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
        ``gauge_change``, ``freighter`` (an air link only freighters fly), ``reverse`` (the link
        is run against its geometry), ``place_u``,
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
                bool(self.column("freighter")[eid]),
            )
        return found

    def forest(
        self, weightings: list[np.ndarray], closed: np.ndarray, roots: list[int], *, loose=False
    ) -> Forest | LooseForest:
        """Shortest-path trees from ``roots``, one per weighting (see :meth:`tree`); ``loose``:
        kept as grown, for a few targets (:class:`~planner.network.trees.LooseForest`)."""
        matrix, kept = self._open_matrix(closed)  # built once, its weights refilled per tree
        trees = [_grown(matrix, weights[kept], roots) for weights in weightings]
        distinct = {t.pred.tobytes(): i for i, t in reversed(list(enumerate(trees)))}
        keep = sorted(distinct.values())  # weightings whose trees agree everywhere: one kept
        dist = np.stack([trees[i].dist for i in keep])
        pred = np.stack([trees[i].pred for i in keep])
        return LooseForest(dist, pred) if loose else Forest.of(dist, pred)

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
