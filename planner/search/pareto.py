"""The exact Pareto front of one query: a multi-objective label-setting search."""

from __future__ import annotations

import heapq
import logging

from planner.network.graph import MultimodalGraph
from planner.network.weights import Weights

__all__ = ["MAX_LABELS", "pareto_paths"]

logger = logging.getLogger(__name__)

#: Labels of the search before it stops (then the front may be partial): an algorithmic
#: budget, not a domain figure.
MAX_LABELS = 60_000


def pareto_paths(
    graph: MultimodalGraph, weights: Weights, sources: list[int], targets: set[int]
) -> list[list[int]]:
    """Every path on the Pareto front over (hours, USD, kg CO2e) from a source to a target.

    Multi-objective label setting with target pruning: labels are settled in lexicographic
    order, so a settled label is never dominated later; a new label is dropped when a label at
    its node or at a target weakly dominates it. Past :data:`MAX_LABELS` labels the search stops
    and the front may be partial (logged).

    The ``weights`` give every edge's hours, USD and CO2e for the shipment and the edges it may
    not use; ``sources`` and ``targets`` are the graph nodes where a path may start and end.

    Returns
    -------
    list of list of int
        One path of graph nodes per label reaching a target.
    """
    succ = graph.successors
    H, C, E = weights.hours.tolist(), weights.cost.tolist(), weights.co2.tolist()
    blocked = weights.blocked.tolist()
    # label store: (hours, cost, co2, node, parent label, alive)
    lab_h: list[float] = []
    lab_c: list[float] = []
    lab_e: list[float] = []
    lab_node: list[int] = []
    lab_parent: list[int] = []
    alive: list[bool] = []
    at_node: dict[int, list[int]] = {}
    heap: list[tuple[float, float, float, int]] = []
    finals: list[int] = []

    def dominated(h: float, c: float, e: float, labels: list[int]) -> bool:
        for i in labels:
            if alive[i] and lab_h[i] <= h and lab_c[i] <= c and lab_e[i] <= e:
                return True
        return False

    for s in sources:
        lab_h.append(0.0)
        lab_c.append(0.0)
        lab_e.append(0.0)
        lab_node.append(s)
        lab_parent.append(-1)
        alive.append(True)
        at_node.setdefault(s, []).append(len(lab_h) - 1)
        heapq.heappush(heap, (0.0, 0.0, 0.0, len(lab_h) - 1))
    while heap:
        h, c, e, lid = heapq.heappop(heap)
        if not alive[lid]:
            continue
        node = lab_node[lid]
        if node in targets:
            finals.append(lid)
            continue
        for nxt, eid in succ[node]:
            if blocked[eid]:
                continue
            nh, nc, ne = h + H[eid], c + C[eid], e + E[eid]
            if dominated(nh, nc, ne, finals):
                continue
            here = at_node.setdefault(nxt, [])
            if dominated(nh, nc, ne, here):
                continue
            for i in here:
                if alive[i] and nh <= lab_h[i] and nc <= lab_c[i] and ne <= lab_e[i]:
                    alive[i] = False
            here[:] = [i for i in here if alive[i]]
            lab_h.append(nh)
            lab_c.append(nc)
            lab_e.append(ne)
            lab_node.append(nxt)
            lab_parent.append(lid)
            alive.append(True)
            here.append(len(lab_h) - 1)
            heapq.heappush(heap, (nh, nc, ne, len(lab_h) - 1))
        if len(lab_h) > MAX_LABELS:
            logger.info("Pareto search stopped at %d labels: the front may be partial", MAX_LABELS)
            break
    paths = []
    for lid in finals:
        path = []
        while lid >= 0:
            path.append(lab_node[lid])
            lid = lab_parent[lid]
        paths.append(path[::-1])
    return paths
