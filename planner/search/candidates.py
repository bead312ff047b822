"""Where the exact search finds its candidate routes for one query, haul by haul.

For each main haul (air, rail, sea, road: :mod:`planner.search.hauls`), on the graph that haul may
use:

* the Pareto front over (hours, USD, CO2e) (:mod:`planner.search.pareto`);
* the optimum of the query's priority;
* the best route through each possible port of exit (one tree from the origin, one towards
  the destination);
* the route that rides each scheduled service of the haul (:mod:`planner.search.rides`).

Each path comes with its haul and whether it is the best of its kind (the priority's optimum,
the best through an exit port, a service's route): such a route is worth showing even when
another beats it on every objective.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from planner.model.records import Priority
from planner.network.graph import MultimodalGraph
from planner.network.trees import Tree
from planner.network.weights import Weights, abroad_mask
from planner.search.hauls import Haul
from planner.search.pareto import pareto_paths
from planner.search.rides import Line, head_weights, ride_path

__all__ = ["candidate_paths"]


def candidate_paths(
    graph: MultimodalGraph,
    weights: Weights,
    priority: Priority,
    ends: tuple[list[int], list[int]],
    masks: Mapping[Haul, np.ndarray],
    lines: Mapping[Haul, list[Line]],
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
        Per haul, the edges it may not use (:func:`planner.search.hauls.haul_masks`).
    lines
        Per haul, the scheduled services it may ride (:func:`planner.search.rides.lines_of`).

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
        values, blocked = within.objective(priority), within.blocked
        forward = graph.tree(values, blocked, sources)
        reached = [t for t in targets if forward.reached(t)]
        if reached:
            add(forward.path_to(min(reached, key=lambda t: forward.dist[t])), True, haul)
        for path in _exit_port_paths(graph, forward, values, blocked, sources, targets):
            add(path, True, haul)
        if lines.get(haul):
            # a train runs its own line, whatever the shipper weighs, and is reached the fastest
            # way (as the route library does: one service, one route)
            by_hours = head_weights(within.priced)
            head = graph.tree(by_hours, blocked, sources)
            for line in lines[haul]:
                add(ride_path(graph, head, line, (by_hours, blocked), target_set), True, haul)
    return found


def _exit_port_paths(
    graph: MultimodalGraph,
    forward: Tree,
    values: np.ndarray,
    blocked: np.ndarray,
    sources: list[int],
    targets: list[int],
) -> list[list[int]]:
    """The best route (for the priority) through each node where a route can leave the
    country of its origin."""
    home = graph.nodes[graph.node_place[sources[0]]].country
    # from the exit on, the route is abroad: it may not turn back and leave by another exit
    backward = graph.tree(values, blocked | ~abroad_mask(graph, home), targets, backward=True)
    exits = graph.exits.get(home, frozenset())
    total = forward.dist + backward.dist
    best: dict[str, tuple[float, int]] = {}
    for gnode in np.flatnonzero(np.isfinite(total)).tolist():
        place = graph.node_place[gnode]
        if place in exits and (place not in best or total[gnode] < best[place][0]):
            best[place] = (float(total[gnode]), gnode)
    return [
        forward.path_to(gnode) + backward.path_to(gnode)[::-1][1:] for _, gnode in best.values()
    ]
