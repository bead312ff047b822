"""Where the exact search finds its candidate routes for one query, haul by haul.

For each main haul (air, rail, sea, road: :mod:`planner.hauls`), on the graph that haul may
use:

* the Pareto front over (hours, USD, CO2e) (:mod:`planner.pareto`);
* the optimum of the query's priority;
* the best route through each possible port of exit (one tree from the origin, one towards
  the destination).

Each path comes with its haul and whether it is the best of its kind (the priority's optimum,
the best through an exit port): such a route is worth showing even when another beats it on
every objective.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from planner.graph import MultimodalGraph
from planner.hauls import Haul
from planner.pareto import pareto_paths
from planner.records import Priority
from planner.weights import Weights

__all__ = ["candidate_paths"]


def candidate_paths(
    graph: MultimodalGraph,
    weights: Weights,
    priority: Priority,
    ends: tuple[list[int], list[int]],
    masks: Mapping[Haul, np.ndarray],
) -> dict[tuple[int, ...], tuple[bool, Haul]]:
    """Graph paths from a source to a target, each with its haul and whether it is the best of
    its kind.

    Parameters
    ----------
    graph
        The multimodal graph.
    weights
        The shipment's edge weights and blocked edges.
    priority
        The query's priority (its optimum is searched, and it drives the port trees).
    ends
        Graph nodes where a route may start (sources) and end (targets).
    masks
        Per haul, the edges it may not use (:func:`planner.hauls.haul_masks`).

    Returns
    -------
    dict
        Path (tuple of graph nodes) -> (best of its kind, haul).
    """
    sources, targets = ends
    found: dict[tuple[int, ...], tuple[bool, Haul]] = {}
    target_set = set(targets)

    def add(path: Sequence[int] | None, best_of_kind: bool, haul: Haul) -> None:
        if path and len(path) > 1 and path[-1] in target_set:
            key = tuple(path)
            known, first = found.get(key, (False, haul))
            found[key] = (known or best_of_kind, first)

    for haul, mask in masks.items():
        within = weights.closing(mask)
        for path in pareto_paths(graph, within, sources, target_set):
            add(path, False, haul)
        best = _best_path(graph, within.objective(priority), within.blocked, sources, targets)
        add(best, True, haul)
        for path in _exit_port_paths(graph, within, priority, sources, targets):
            add(path, True, haul)
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
