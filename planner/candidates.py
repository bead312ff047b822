"""Where the exact search finds its candidate routes for one query.

* the Pareto front over (hours, USD, CO2e) (:mod:`planner.pareto`);
* the optimum of each objective and of the balanced generalised cost;
* the best route for each chain of long-haul modes (air only, rail only, sea only, rail–sea);
* the best route through each possible port of exit (one tree from the origin, one towards
  the destination);
* Yen's k shortest paths for the priority, when the above give too few.

Each path comes with whether it is the best of its kind (an objective's optimum, the best for
a mode chain or through an exit port): such a route is worth showing even when another beats
it on every objective.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import networkx as nx
import numpy as np

from corridors import Mode
from planner.graph import MultimodalGraph
from planner.pareto import pareto_paths
from planner.records import Priority
from planner.weights import Weights, chain_mask

__all__ = ["MAX_YEN_PATHS", "MODE_CHAINS", "candidate_paths"]

#: k-shortest paths tried when the other generators give too few options (a search budget).
MAX_YEN_PATHS = 12
MODE_CHAINS = (
    frozenset({Mode.AIR}),
    frozenset({Mode.RAIL}),
    frozenset({Mode.SEA}),
    frozenset({Mode.RAIL, Mode.SEA}),
)


def candidate_paths(
    graph: MultimodalGraph,
    weights: Weights,
    priority: Priority,
    sources: list[int],
    targets: list[int],
    *,
    alternatives: int,
) -> dict[tuple[int, ...], bool]:
    """Graph paths from a source to a target, each with whether it is the best of its kind.

    Parameters
    ----------
    graph
        The multimodal graph.
    weights
        The shipment's edge weights and blocked edges.
    priority
        The query's priority (its optimum is searched first, and drives the port trees).
    sources, targets
        Graph nodes where a route may start and end.
    alternatives
        Options wanted: Yen's paths are added while fewer candidates are found.

    Returns
    -------
    dict
        Path (tuple of graph nodes) -> best of its kind.
    """
    found: dict[tuple[int, ...], bool] = {}
    target_set = set(targets)
    blocked = weights.blocked

    def add(path: Sequence[int] | None, best_of_kind: bool) -> None:
        if path and len(path) > 1 and path[-1] in target_set:
            key = tuple(path)
            found[key] = found.get(key, False) or best_of_kind

    for path in pareto_paths(graph, weights, sources, target_set):
        add(path, False)
    for other in (priority, *(p for p in Priority if p is not priority)):
        add(_best_path(graph, weights.objective(other), blocked, sources, targets), True)
    for chain in MODE_CHAINS:
        closed = blocked | chain_mask(graph, chain)
        add(_best_path(graph, weights.objective(priority), closed, sources, targets), True)
    for path in _exit_port_paths(graph, weights, priority, sources, targets):
        add(path, True)
    if len(found) < alternatives and len(sources) == 1 and len(targets) == 1:
        wanted = alternatives + len(found)
        for path in _yen_paths(graph, weights, priority, sources[0], targets[0], wanted):
            add(path, False)
    return found


def _best_path(
    graph: MultimodalGraph,
    values: np.ndarray,
    closed: np.ndarray,
    sources: list[int],
    targets: list[int],
) -> list[int] | None:
    tree = graph.tree(values, closed, sources)
    reached = [t for t in targets if tree.reached(t)]
    if not reached:
        return None
    return tree.path_to(min(reached, key=lambda t: tree.dist[t]))


def _exit_port_paths(
    graph: MultimodalGraph,
    weights: Weights,
    priority: Priority,
    sources: list[int],
    targets: list[int],
) -> list[list[int]]:
    """The best route (for the priority) through each node where a route can leave the
    country of its origin."""
    values, blocked = weights.objective(priority), weights.blocked
    forward = graph.tree(values, blocked, sources)
    backward = graph.tree(values, blocked, targets, backward=True)
    exits = graph.exits.get(graph.nodes[graph.node_place[sources[0]]].country, frozenset())
    total = forward.dist + backward.dist
    best: dict[str, tuple[float, int]] = {}
    for gnode in np.flatnonzero(np.isfinite(total)).tolist():
        place = graph.node_place[gnode]
        if place in exits and (place not in best or total[gnode] < best[place][0]):
            best[place] = (float(total[gnode]), gnode)
    return [
        forward.path_to(gnode) + backward.path_to(gnode)[::-1][1:] for _, gnode in best.values()
    ]


def _yen_paths(
    graph: MultimodalGraph,
    weights: Weights,
    priority: Priority,
    source: int,
    target: int,
    k: int,
) -> list[list[int]]:
    values = weights.objective(priority).tolist()
    blocked = weights.blocked.tolist()

    def weight(u: int, v: int, data: dict) -> float | None:
        eid = data["eid"]
        return None if blocked[eid] else values[eid]

    try:
        paths = nx.shortest_simple_paths(graph.D, source, target, weight=weight)
        return list(itertools.islice(paths, min(k, MAX_YEN_PATHS)))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []
