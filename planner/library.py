"""The route library: candidate routes grown once, priced for many shipments in arrays.

For batch files and scenarios, a query is answered from candidate routes grown once per
origin, cargo class and set of closures: shortest-path trees for time, for CO2e, and for the
cost and the generalised cost of a ladder of probe shipments (from a parcel to a bulk train,
sized from the container, truck and freighter capacities in the parameter table). Every
candidate towards a destination keeps its per-unit cost coefficients, hours and CO2e per
tonne, so a whole chunk of shipments is priced by one matrix product.

The fastest and greenest answers are exact (their best route does not depend on the shipment's
size); the cheapest and balanced ones are the best of the candidates, which the exact search
matches in the great majority of cases (measured by the tests).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from planner._arrays import lexicographic_argmin
from planner.costs import EdgeCosts, customs_territory
from planner.graph import MultimodalGraph, Tree
from planner.messages import Message
from planner.params import Parameters
from planner.places import Place
from planner.ranking import ranking_keys
from planner.records import CargoClass, Priority, Shipment
from planner.routes import Shape, path_total, shape_of
from planner.units import (
    HOURS_PER_DAY,
    KG_PER_T,
    UNIT_NAMES,
    Pricing,
    units_matrix,
    value_of_time,
)
from planner.weights import TIE_BREAK, abroad_mask
from planner.wording import heading

if TYPE_CHECKING:
    from planner.query import Query

__all__ = ["Candidates", "Choice", "Library", "choose", "probe_sizes"]

#: Probe shipments as multiples of one full FEU (by weight and by volume): a parcel-sized
#: share, a part load, one, a few and many boxes; plus a truck and a full freighter.
_FEU_MULTIPLES = (0.04, 0.3, 1.0, 2.5, 8.0, 40.0)


def probe_sizes(params: Parameters) -> list[tuple[float, float]]:
    """``(weight_t, volume_m3)`` of the probe shipments the library's trees are grown for."""
    feu_t = params["container.feu_payload_t"]
    feu_m3 = params["container.feu_volume_m3"] * params["container.fill_factor"]
    sizes = [(k * feu_t, k * feu_m3) for k in _FEU_MULTIPLES]
    sizes += [(k * feu_t, 0.3 * k * feu_m3) for k in _FEU_MULTIPLES]  # dense cargo
    sizes.append((params["road.truck_payload_t"], params["road.truck_volume_m3"]))
    sizes.append((params["air.max_shipment_t"], params["air.max_shipment_t"]))
    return sizes


@dataclass(eq=False)
class Candidates:
    """The candidate routes towards one destination, with their per-unit totals as arrays.

    Attributes
    ----------
    shapes, headings
        Per candidate: its shape and the shipment-independent parameters of its title.
    hours
        ``(n,)`` hours per candidate.
    coef
        ``(n, len(UNIT_NAMES))`` USD per unit of shipment.
    co2_per_t
        ``(n,)`` kg CO2e per tonne.
    failure
        Why there is none (set by the planner once it knows).
    same_place, no_nodes
        Origin and destination are one place; a place has no node to route from or to.
    """

    shapes: list[Shape]
    headings: list[dict]
    hours: np.ndarray
    coef: np.ndarray
    co2_per_t: np.ndarray
    same_place: bool = False
    no_nodes: bool = False
    failure: Message | None = None
    rows: dict = field(default_factory=dict, repr=False)  # (index, lang, heavy) -> flat fields

    @property
    def days(self) -> np.ndarray:
        return self.hours / HOURS_PER_DAY

    def __len__(self) -> int:
        return len(self.shapes)


class Library:
    """Candidate routes from one origin for one cargo class under one set of closures.

    Parameters
    ----------
    graph
        The multimodal graph.
    params
        The parameter table.
    cargo, priced
        The cargo class and its edge coefficients.
    origin
        The origin place, and its graph nodes.
    closed
        Per edge, True where the query's closures, left-out modes or the cargo class forbid it.
    """

    def __init__(
        self,
        graph: MultimodalGraph,
        params: Parameters,
        cargo: CargoClass,
        priced: EdgeCosts,
        origin: tuple[Place, list[int]],
        closed: np.ndarray,
    ) -> None:
        self.graph = graph
        self.params = params
        self.cargo = cargo
        self.priced = priced
        self.start, self.sources = origin
        self.closed = closed
        self.home = graph.nodes[graph.node_place[self.sources[0]]].country if self.sources else ""
        self._trees: dict[bool, list[Tree]] = {}
        self._by_end: dict[Place, Candidates] = {}
        self._lock = threading.Lock()

    def trees(self, domestic: bool) -> list[Tree]:
        """The shortest-path trees from the origin (``domestic``: never leaving its country)."""
        with self._lock:
            found = self._trees.get(domestic)
            if found is None:
                found = self._trees[domestic] = self._grow(domestic)
            return found

    def _grow(self, domestic: bool) -> list[Tree]:
        closed = self.closed | abroad_mask(self.graph, self.home) if domestic else self.closed
        H, C, E = self.priced.hours, self.priced.cost, self.priced.co2e_kg_per_t
        vot_per_t_hour = value_of_time(self.cargo, self.params) / HOURS_PER_DAY
        carbon = self.params["carbon.usd_per_t_co2e"] / KG_PER_T
        sizes = probe_sizes(self.params)
        units = units_matrix([w for w, _ in sizes], [v for _, v in sizes], self.params)
        # each weighting with the ranking's tie-breaker (see planner.weights.Weights.objective)
        weightings = [H + TIE_BREAK * (C @ units[len(units) // 2]), E + TIE_BREAK * H]
        for (weight_t, _), unit in zip(sizes, units, strict=True):
            cost = C @ unit
            weightings.append(cost + TIE_BREAK * H)
            weightings.append(cost + weight_t * (vot_per_t_hour * H + carbon * E) + TIE_BREAK * H)
        return [self.graph.tree(w, closed, self.sources) for w in weightings]

    def candidates(self, end: Place, targets: list[int]) -> Candidates:
        """The candidates towards ``end`` (whose graph nodes are ``targets``); kept once made."""
        found = self._by_end.get(end)
        if found is None:
            found = self._collect(end, targets)
            self._by_end[end] = found
        return found

    def _collect(self, end: Place, targets: list[int]) -> Candidates:
        same_place = self.start == end or bool(set(self.sources) & set(targets))
        ends = [t for t in targets if t not in self.sources]
        shapes: list[Shape] = []
        if ends and self.sources and not same_place:
            domestic = end.country == self.home and self.start.country == self.home
            shapes = self._shapes(ends, end, domestic=domestic)
            if not shapes and domestic:
                shapes = self._shapes(ends, end, domestic=False)
        H, C, E = self.priced.hours, self.priced.cost, self.priced.co2e_kg_per_t
        return Candidates(
            shapes=shapes,
            headings=[heading(self.graph, s) for s in shapes],
            hours=np.array([path_total(H, s.eids) for s in shapes]),
            coef=np.array([path_total(C, s.eids) for s in shapes]).reshape(
                len(shapes), len(UNIT_NAMES)
            ),
            co2_per_t=np.array([path_total(E, s.eids) for s in shapes]),
            same_place=same_place,
            no_nodes=not targets or not self.sources,
        )

    def _shapes(self, targets: list[int], end: Place, *, domestic: bool) -> list[Shape]:
        paths: dict[tuple[int, ...], None] = {}
        for tree in self.trees(domestic):
            dist = tree.dist[targets]
            if np.isfinite(dist).any():
                paths.setdefault(tuple(tree.path_to(targets[int(np.argmin(dist))])), None)
        territory = customs_territory(end.country, self.params)
        out: list[Shape] = []
        seen: set[tuple] = set()
        for path in paths:
            shape = shape_of(self.graph, path, territory)
            if shape is None:
                continue
            key = tuple((leg.from_id, leg.to_id, leg.link_id) for leg in shape.legs)
            if key not in seen:
                seen.add(key)
                out.append(shape)
        return out


@dataclass(frozen=True)
class Choice:
    """The best candidate of each of many shipments, and what it gives them.

    Attributes
    ----------
    best
        ``(m,)`` index of each shipment's best candidate.
    days, cost, co2
        ``(m,)`` its transit days, USD (insurance included) and kg CO2e.
    pareto
        ``(m,)`` True when no other candidate is at least as good on all three for that
        shipment and better on one.
    """

    best: np.ndarray
    days: np.ndarray
    cost: np.ndarray
    co2: np.ndarray
    pareto: np.ndarray


def choose(candidates: Candidates, queries: Sequence[Query], params: Parameters) -> Choice:
    """Price every candidate for every query (one origin, destination and cargo class) at once
    and choose each query's best for its priority (:func:`planner.ranking.ranking_keys`).

    Parameters
    ----------
    candidates
        The candidates towards the queries' destination (at least one).
    queries
        Queries of one cargo class.
    params
        The parameter table.
    """
    weight = np.array([q.weight_t for q in queries])
    volume = np.array([q.volume_m3 for q in queries])
    units = units_matrix(weight, volume, params)
    per_t = Pricing.of(Shipment(queries[0].cargo, 1.0, 1.0), params)  # value, insurance per t
    cost = units @ candidates.coef.T + (per_t.insurance_usd * weight)[:, None]
    co2 = weight[:, None] * candidates.co2_per_t[None, :]
    days = np.broadcast_to(candidates.days[None, :], cost.shape)
    generalised = (
        cost
        + (per_t.vot_usd_per_hour * weight)[:, None] * candidates.hours[None, :]
        + per_t.carbon_usd_per_kg * co2
    )
    best = np.zeros(len(queries), dtype=int)
    priorities = np.array([q.priority.value for q in queries])
    for priority in Priority:
        rows = np.flatnonzero(priorities == priority.value)
        if len(rows):
            keys = ranking_keys(priority, days[rows], cost[rows], co2[rows], generalised[rows])
            best[rows] = lexicographic_argmin(keys)
    pick = np.arange(len(queries))
    d, c, e = days[pick, best], cost[pick, best], co2[pick, best]
    weakly = (days <= d[:, None]) & (cost <= c[:, None]) & (co2 <= e[:, None])
    same = (days == d[:, None]) & (cost == c[:, None]) & (co2 == e[:, None])
    return Choice(best=best, days=d, cost=c, co2=e, pareto=~(weakly & ~same).any(axis=1))
