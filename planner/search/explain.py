"""Why no route exists: the network does not join the places, the cargo class may not use the
only mode that does, or the query closed the ways."""

from __future__ import annotations

import numpy as np

from planner.model.params import Parameters
from planner.network.graph import MultimodalGraph
from planner.network.weights import Weights
from planner.places.index import Place
from planner.text.message import Message, Name

__all__ = ["no_route_reason", "reachable"]


def reachable(
    graph: MultimodalGraph, sources: list[int], targets: list[int], closed: np.ndarray
) -> bool:
    """True when a target can be reached from a source without a closed edge."""
    succ = graph.successors
    shut = closed.tolist()
    seen = set(sources)
    stack = list(sources)
    goal = set(targets)
    while stack:
        node = stack.pop()
        if node in goal:
            return True
        for nxt, eid in succ[node]:
            if not shut[eid] and nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def no_route_reason(
    graph: MultimodalGraph,
    params: Parameters,
    weights: Weights,
    places: tuple[Place, Place],
    nodes: tuple[list[int], list[int]],
    closed: tuple[str, ...],
) -> Message:
    """The reason no route joins ``places`` (origin, destination) for this query.

    Parameters
    ----------
    graph
        The multimodal graph.
    params
        The parameter table (what the cargo class may not use, and why).
    weights
        The query's weights (its forbidden and avoided edges; its pricing's cargo class).
    places
        Origin and destination.
    nodes
        Their graph nodes (sources, targets).
    closed
        The ids the query closed.
    """
    start, end = places
    sources, targets = nodes
    forbidden = tuple(m.value for m in weights.pricing.cargo.forbidden_reasons())
    reason = {
        "origin": Name(start.name_en, start.name_zh),
        "destination": Name(end.name_en, end.name_zh),
        "avoiding": closed,
        "cargo": weights.pricing.cargo.label,
        "forbidden": forbidden,
    }
    if not reachable(graph, sources, targets, np.zeros(graph.n_edges, dtype=bool)):
        return Message.of("no_route", cause="not_joined", **reason)
    closes_it = bool(closed) and not reachable(graph, sources, targets, weights.avoided)
    cause = "other"
    if forbidden and not reachable(graph, sources, targets, weights.forbidden):
        if closed and not closes_it:
            cause = "cargo"
        elif not closed:
            cause = "cargo_only"
    if cause == "other" and closes_it:
        cause = "closed"
    return Message.of("no_route", cause=cause, **reason)
