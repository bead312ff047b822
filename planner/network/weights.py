"""What a query does to the graph: closed edges and the edge weights of one shipment.

Closing a node, a link, a corridor or a country, leaving a mode out, or a mode the cargo class
may not use, never copies the graph: it is a per-edge mask that the searches skip. The weights
of one shipment are the per-edge hours, USD and kg CO2e, and their generalised cost (see
:class:`planner.model.units.Pricing`).
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from corridors import Mode
from planner.model.errors import UnknownPlaceError
from planner.model.records import Priority
from planner.model.units import Pricing
from planner.network.costs import EDGE_DRAYAGE, EdgeCosts
from planner.network.graph import MultimodalGraph
from planner.places.index import COUNTRY_KIND, Place

__all__ = [
    "LONG_HAUL",
    "Weights",
    "abroad_mask",
    "chain_mask",
    "closure_mask",
    "mode_mask",
]

LONG_HAUL = (Mode.AIR, Mode.RAIL, Mode.SEA)
#: Share of the next objective added to an edge's weight to break ties (far below any real
#: difference: a millionth of an hour per kg CO2e, USD or hour).
TIE_BREAK = 1e-6
#: How many close ids an unknown closure suggests, and how close they must be (difflib ratio).
_SUGGESTIONS = 5
_SUGGESTION_CUTOFF = 0.6


def closure_mask(
    ids: Iterable[str], graph: MultimodalGraph, resolve: Callable[[str], Place]
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Turn ids of nodes, links or corridors (or place names) into a mask of closed edges.

    Parameters
    ----------
    ids
        Ids of nodes, links or corridors; a name that is not an id is resolved as a place (a
        country closes every node in it).
    graph
        The multimodal graph.
    resolve
        Turns a name into a place (raises UnknownPlaceError).

    Returns
    -------
    tuple
        ``(mask, closed)``: True on closed edges, and the ids closed (sorted).

    Raises
    ------
    UnknownPlaceError
        If an entry is neither an id nor a known place name (with the closest ids or names).
    """
    mask = np.zeros(graph.n_edges, dtype=bool)
    nodes = graph.network.nodes
    closed: list[str] = []
    for item in ids:
        if item in graph.edges_of_corridor or item in graph.network.corridors:
            mask[graph.edges_of_corridor.get(item, [])] = True
        elif item in graph.edges_of_link:
            mask[graph.edges_of_link[item]] = True
        elif item in graph.place_node:
            mask[graph.edges_of_node.get(item, [])] = True
        else:
            try:
                place = resolve(item)
            except UnknownPlaceError as exc:
                raise UnknownPlaceError(item, _closest(item, graph) or exc.suggestions) from None
            if place.kind == COUNTRY_KIND:
                members = list(nodes.index[nodes["country"] == place.country])
            elif place.id in graph.place_node:
                members = [place.id]
            else:
                members = list(place.node_ids)
            for nid in members:
                mask[graph.edges_of_node.get(nid, [])] = True
            item = place.id
        closed.append(item)
    return mask, tuple(sorted(set(closed)))


def _closest(item: str, graph: MultimodalGraph) -> list[str]:
    pool = [*graph.edges_of_corridor, *graph.edges_of_link, *graph.place_node]
    return difflib.get_close_matches(item, pool, n=_SUGGESTIONS, cutoff=_SUGGESTION_CUTOFF)


def mode_mask(graph: MultimodalGraph, allowed: frozenset[Mode]) -> np.ndarray:
    """True on every edge of a mode outside ``allowed`` (road includes the trucking to ports)."""
    shut = [m.value for m in Mode if m not in allowed]
    return np.isin(graph.edges["mode"].to_numpy(), shut)


def chain_mask(graph: MultimodalGraph, allowed: frozenset[Mode]) -> np.ndarray:
    """True on link and transfer edges of long-haul modes outside ``allowed`` (trucking to a
    port stays open): a search for one chain of long-haul modes."""
    shut = [m.value for m in LONG_HAUL if m not in allowed]
    modes = graph.edges["mode"].to_numpy()
    return np.isin(modes, shut) & (graph.edges["kind"].to_numpy() != EDGE_DRAYAGE)


def abroad_mask(graph: MultimodalGraph, country: str) -> np.ndarray:
    """True on edges that touch a node outside ``country``."""
    edges = graph.edges
    return (edges["country_u"].to_numpy() != country) | (edges["country_v"].to_numpy() != country)


@dataclass(frozen=True, eq=False)
class Weights:
    """The per-edge weights of one shipment and the edges its query may not use.

    Attributes
    ----------
    pricing
        The shipment, priced.
    hours, cost, co2
        Per edge: hours, USD and kg CO2e of this shipment.
    balanced
        Per edge: the generalised cost (:meth:`Pricing.generalised`).
    forbidden
        Edges of a mode the cargo class may not use.
    avoided
        Edges closed by the query (closures, modes left out, a domestic trip kept at home).
    priced
        The cargo class's edge coefficients they come from (the hours' range, the waits).
    """

    pricing: Pricing
    hours: np.ndarray
    cost: np.ndarray
    co2: np.ndarray
    balanced: np.ndarray
    forbidden: np.ndarray
    avoided: np.ndarray
    priced: EdgeCosts

    @classmethod
    def of(cls, priced: EdgeCosts, pricing: Pricing, avoided: np.ndarray) -> Weights:
        """The weights of ``pricing``'s shipment from the cargo class's edge coefficients."""
        hours = priced.hours
        cost = priced.cost @ pricing.units
        co2 = priced.co2e_kg_per_t * pricing.shipment.weight_t
        return cls(
            pricing=pricing,
            hours=hours,
            cost=cost,
            co2=co2,
            balanced=pricing.generalised(hours, cost, co2),
            forbidden=priced.forbidden,
            avoided=avoided,
            priced=priced,
        )

    @property
    def blocked(self) -> np.ndarray:
        """Edges no route of this query may use."""
        return self.forbidden | self.avoided

    def closing(self, extra: np.ndarray) -> Weights:
        """The same weights with more edges closed."""
        return dataclasses.replace(self, avoided=self.avoided | extra)

    def objective(self, priority: Priority) -> np.ndarray:
        """The edge weights a priority minimises, its tie-breaker folded in.

        A shortest path on the first objective alone picks any of the paths that tie on it
        (a route that unloads and waits at a border where another stays aboard costs no more
        CO2e); a :data:`TIE_BREAK` share of the next objective (hours, or cost for
        ``fastest``) makes the search prefer the one the ranking puts first.
        """
        first, then = {
            Priority.BALANCED: (self.balanced, self.hours),
            Priority.FASTEST: (self.hours, self.cost),
            Priority.CHEAPEST: (self.cost, self.hours),
            Priority.GREENEST: (self.co2, self.hours),
        }[priority]
        return first + TIE_BREAK * then
