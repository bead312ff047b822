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
    labels = _Labels()
    lab_h, lab_c, lab_e, alive = labels.h, labels.c, labels.e, labels.alive
    dominated = labels.dominated
    at_node: dict[int, list[int]] = {}  # the labels alive at a node (pruned as they die)
    heap: list[tuple[float, float, float, int]] = []
    finals: list[int] = []
    for s in sources:
        lid = labels.add(0.0, 0.0, 0.0, s, -1)
        at_node.setdefault(s, []).append(lid)
        heapq.heappush(heap, (0.0, 0.0, 0.0, lid))
    while heap:
        h, c, e, lid = heapq.heappop(heap)
        if not alive[lid]:
            continue
        node = labels.node[lid]
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
            new = labels.add(nh, nc, ne, nxt, lid)
            here.append(new)
            heapq.heappush(heap, (nh, nc, ne, new))
        if len(lab_h) > MAX_LABELS:
            logger.info("Pareto search stopped at %d labels: the front may be partial", MAX_LABELS)
            break
    return [labels.path(lid) for lid in finals]


class _Labels:
    """The search's labels, a column per field (plain lists: the loop reads them by index):
    hours, USD, kg CO2e, graph node, parent label (-1 at a source), and whether it is alive
    (not dominated by a later one)."""

    __slots__ = ("alive", "c", "e", "h", "node", "parent")

    def __init__(self) -> None:
        self.h: list[float] = []
        self.c: list[float] = []
        self.e: list[float] = []
        self.node: list[int] = []
        self.parent: list[int] = []
        self.alive: list[bool] = []

    def add(self, h: float, c: float, e: float, node: int, parent: int) -> int:
        """A new label, alive; its id."""
        self.h.append(h)
        self.c.append(c)
        self.e.append(e)
        self.node.append(node)
        self.parent.append(parent)
        self.alive.append(True)
        return len(self.h) - 1

    def dominated(self, h: float, c: float, e: float, among: list[int]) -> bool:
        """Whether a live label of ``among`` is no worse on all three."""
        h_, c_, e_, alive = self.h, self.c, self.e, self.alive
        for i in among:
            if alive[i] and h_[i] <= h and c_[i] <= c and e_[i] <= e:
                return True
        return False

    def path(self, lid: int) -> list[int]:
        """The graph nodes from a source to the label's node."""
        path = []
        while lid >= 0:
            path.append(self.node[lid])
            lid = self.parent[lid]
        return path[::-1]
