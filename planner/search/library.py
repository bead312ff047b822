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
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from planner.model.arrays import lexicographic_argmin
from planner.model.cargo import CargoSpec
from planner.model.params import Parameters
from planner.model.records import Haul, Priority, Shipment
from planner.model.units import HOURS_PER_DAY, UNIT_NAMES, Pricing
from planner.network.costs import EdgeCosts
from planner.network.countries import customs_territory
from planner.network.graph import MultimodalGraph
from planner.network.trees import Forest, LooseForest, Tree
from planner.network.weights import TIE_BREAK, abroad_mask
from planner.places.index import Place
from planner.search.hauls import LAND_HAULS, bookable
from planner.search.hubs import LOADING, first_airport, loading_at
from planner.search.ranking import (
    Standing,
    beaten,
    ranking_keys,
    served_elsewhere,
    standing,
)
from planner.search.rides import head_weights, ride_path
from planner.search.routes import Shape, path_total
from planner.search.timetable import Timetable, Timing

__all__ = ["Candidates", "Choice", "Library", "choose", "probe_sizes", "weightings"]

#: Probe shipments as multiples of one full FEU (by weight and by volume): a parcel-sized
#: share, a part load, one, a few and many boxes; plus a truck and a full freighter.
_FEU_MULTIPLES = (0.04, 0.3, 1.0, 2.5, 8.0, 40.0)
#: The per-candidate flags of :class:`planner.search.ranking.Standing` the choice reads.
_FLAGS = ("stale", "model", "detour")
#: Hours within which a service's time counts as the trees' own (sums in another order).
_HOURS_TOLERANCE = 1e-6


def probe_sizes(params: Parameters) -> list[tuple[float, float]]:
    """``(weight_t, volume_m3)`` of the probe shipments the library's trees are grown for."""
    feu_t = params["container.feu_payload_t"]
    feu_m3 = params["container.feu_volume_m3"] * params["container.fill_factor"]
    sizes = [(k * feu_t, k * feu_m3) for k in _FEU_MULTIPLES]
    sizes += [(k * feu_t, 0.3 * k * feu_m3) for k in _FEU_MULTIPLES]  # dense cargo
    sizes.append((params["road.truck_payload_t"], params["road.truck_volume_m3"]))
    sizes.append((params["air.max_shipment_t"], params["air.max_shipment_t"]))
    return sizes


def weightings(priced: EdgeCosts, params: Parameters, cargo: CargoSpec) -> list[np.ndarray]:
    """The weightings a route library's trees are grown for: hours, CO2e, and the cost and
    the generalised cost of each probe shipment (:func:`probe_sizes`), each with the ranking's
    tie-breaker (see :meth:`planner.network.weights.Weights.objective`). The same for every
    origin, haul and closure of a cargo class (thirty edge arrays: kept once per class)."""
    H, C, E = priced.hours, priced.cost, priced.co2e_kg_per_t
    probes = [Pricing.of(Shipment(cargo.id, w, v), params, cargo) for w, v in probe_sizes(params)]
    middle = probes[len(probes) // 2].units
    out = [H + TIE_BREAK * (C @ middle), E + TIE_BREAK * H]
    for probe in probes:
        cost = C @ probe.units
        co2 = E * probe.shipment.weight_t
        out.append(cost + TIE_BREAK * H)
        out.append(probe.generalised(H, cost, co2) + TIE_BREAK * H)
    return out


@dataclass(eq=False)
class Candidates:
    """The candidate routes towards one destination, with their per-unit totals as arrays.

    Attributes
    ----------
    shapes, headings, timings
        As :class:`planner.search.exact.Routes`' (a candidate is a route not yet priced).
    hours
        ``(n,)`` hours per candidate (on its service where it rides one).
    coef
        ``(n, len(UNIT_NAMES))`` USD per unit of shipment.
    co2_per_t
        ``(n,)`` kg CO2e per tonne.
    same_place, no_nodes
        Origin and destination are one place; a place has no node to route from or to.
    """

    shapes: list[Shape]
    headings: list[dict]
    hours: np.ndarray
    coef: np.ndarray
    co2_per_t: np.ndarray
    timings: list[Timing] = field(default_factory=list)
    same_place: bool = False
    no_nodes: bool = False
    rows: dict = field(default_factory=dict, repr=False)  # (index, lang, heavy) -> flat fields

    @property
    def days(self) -> np.ndarray:
        return self.hours / HOURS_PER_DAY

    def standing(self, ratio: float) -> Standing:
        """Per candidate, what ranks it whatever the priority (kept per ``ratio``)."""
        found = self.rows.get(("standing", ratio))
        if found is None:
            found = self.rows[("standing", ratio)] = standing(self.shapes, self.timings, ratio)
        return found

    def ranked(self, ratio: float) -> np.ndarray:
        """``(len(_FLAGS) + 1, n)``: the :meth:`standing` flags and the longest days, as one
        block for :func:`choose` (kept per ``ratio``)."""
        found = self.rows.get(("ranked", ratio))
        if found is None:
            ranked = self.standing(ratio)
            rows = [getattr(ranked, name).astype(float) for name in _FLAGS] + [ranked.days_max]
            found = self.rows[("ranked", ratio)] = np.vstack(rows)
        return found

    def __len__(self) -> int:
        return len(self.shapes)


class _Store(Protocol):
    """A bounded store of values made once per key (:class:`planner.core.kept.Kept`)."""

    def made(self, key: Hashable, make: Callable[[], LooseForest]) -> LooseForest: ...


class Library:
    """Candidate routes from one origin for one cargo class under one set of closures.

    Parameters
    ----------
    graph
        The multimodal graph.
    params
        The parameter table.
    cargo, priced
        The cargo class's spec and its edge coefficients.
    origin
        The origin place, and its graph nodes.
    closed
        Per edge, True where the query's closures, left-out modes or the cargo class forbid it.
    shaped
        A path's shape and the parameters of its title (``None`` for a path no forwarder would
        book), given its customs territory; the planner keeps them for every library.
    hauls
        Per main haul, the edges its options may not use (:func:`planner.search.hauls.haul_masks`):
        the trees grow haul by haul.
    timetable
        The services the routes may ride.
    fit
        The crossings of the country a land route leaves that it may not use to reach a
        country (:meth:`planner.core.planner.Planner.misfits`); none by default.
    regrown
        Where the trees grown again with exits shut are kept, by ``(name, domestic, haul,
        shut)`` (a bounded store with ``made(key, make)``, shared by a planner's libraries:
        the destinations of one library met one after another share them, and they are too
        many to keep them all); by default none is kept.
    name
        What tells this library from the others sharing ``regrown`` (the planner's key).
    weighed
        The trees' :func:`weightings`, kept by the planner (by default made for each growth).
    """

    def __init__(
        self,
        graph: MultimodalGraph,
        params: Parameters,
        cargo: CargoSpec,
        priced: EdgeCosts,
        origin: tuple[Place, list[int]],
        closed: np.ndarray,
        shaped: Callable[[tuple[int, ...], frozenset[str]], tuple[Shape, dict] | None],
        hauls: Mapping[Haul, np.ndarray],
        timetable: Timetable,
        fit: Callable[[str, str], frozenset[str]] | None = None,
        regrown: _Store | None = None,
        name: Hashable = None,
        weighed: Callable[[], list[np.ndarray]] | None = None,
    ) -> None:
        self.graph = graph
        self.params = params
        self.cargo = cargo
        self.priced = priced
        self.start, self.sources = origin
        self.closed = closed
        self.shaped = shaped
        self.hauls = hauls
        self.timetable = timetable
        self.fit = fit
        self.home = graph.nodes[graph.node_place[self.sources[0]]].country if self.sources else ""
        self._forests: dict[tuple[bool, Haul, frozenset[str]], Forest] = {}
        self._territories: dict[str, frozenset[str]] = {}
        self._by_end: dict[Place, Candidates] = {}
        self._chains: dict[str, list[int]] = {}  # per service: its line's graph nodes
        self._closed: dict[Haul, np.ndarray] = {}
        self._heads: dict[Haul, Tree] = {}  # per haul: the way to the services' first stops
        self._lock = threading.Lock()
        self._regrown = regrown
        self.name = name
        self._weighed = weighed

    def forest(
        self, domestic: bool, haul: Haul, shut: frozenset[str] = frozenset(), *, again=False
    ) -> Forest | LooseForest:
        """The shortest-path trees from the origin for one main haul (``domestic``: never
        leaving its country; ``shut``: network nodes it may not pass; ``again``: grown again
        with the exits of one destination's served corridors shut, kept in the shared store)."""
        key = (domestic, haul, shut)
        if again:  # not kept past its destination without a store
            if self._regrown is None:
                return self._grow(*key, loose=True)
            return self._regrown.made((self.name, *key), lambda: self._grow(*key, loose=True))
        with self._lock:
            found = self._forests.get(key)
            if found is None:
                found = self._forests[key] = self._grow(*key)
            return found

    def _closed_for(self, haul: Haul) -> np.ndarray:
        """The edges a haul's trees may not use (made once per haul; never written to)."""
        found = self._closed.get(haul)
        if found is None:
            found = self._closed[haul] = self.closed | self.hauls[haul]
        return found

    def _grow(
        self, domestic: bool, haul: Haul, shut: frozenset[str], *, loose: bool = False
    ) -> Forest | LooseForest:
        closed = self._closed_for(haul).copy()
        if domestic:
            closed = closed | abroad_mask(self.graph, self.home)
        for nid in shut:
            if nid.startswith(LOADING):  # loading at an airport shut, its connections run
                closed |= loading_at(self.graph, {nid.removeprefix(LOADING)})
            else:
                closed[self.graph.edges_of_node[nid]] = True
        return self.graph.forest(self._weightings(), closed, self.sources, loose=loose)

    def _weightings(self) -> list[np.ndarray]:
        """The trees' weightings (the same for every haul and closure of this library): from
        the planner's store, which keeps them per cargo class, else made for each growth."""
        if self._weighed is not None:
            return self._weighed()
        return weightings(self.priced, self.params, self.cargo)

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
        found: list[tuple[Shape, dict]] = []
        if ends and self.sources and not same_place:
            domestic = end.country == self.home and self.start.country == self.home
            found = self._shapes(ends, end, domestic=domestic)
            if not found and domestic:
                found = self._shapes(ends, end, domestic=False)
        found, timings = self._served(found, ends, end, domestic=domestic)
        shapes = [shape for shape, _ in found]
        # cost and CO2e per unit: one sum over the concatenated edges of all routes
        eids = [e for shape in shapes for e in shape.eids]
        starts = np.cumsum([0] + [len(shape.eids) for shape in shapes[:-1]])
        C, E = self.priced.cost, self.priced.co2e_kg_per_t
        total = (lambda v: np.add.reduceat(v[eids], starts, axis=0)) if shapes else None
        return Candidates(
            shapes=shapes,
            headings=[head for _, head in found],
            hours=np.array([t.hours for t in timings]),
            coef=total(C) if total else np.zeros((0, len(UNIT_NAMES))),
            co2_per_t=total(E) if total else np.zeros(0),
            timings=timings,
            same_place=same_place,
            no_nodes=not targets or not self.sources,
        )

    def _served(
        self, found: list[tuple[Shape, dict]], targets: list[int], end: Place, *, domestic: bool
    ) -> tuple[list[tuple[Shape, dict]], list[Timing]]:
        """The candidates with their timings, less the routes where a service runs the same
        corridor (:func:`planner.search.ranking.served_elsewhere`); the trees are grown again with
        the exits of the served corridors shut, so the best route of every other corridor is still
        a candidate, as the exact search's best route through each exit is."""
        shut: frozenset[str] = frozenset()
        # by the shape's edges (one library's shapes are one territory's: the same edges, the
        # same shape): the known ones are timed once
        timed: dict[tuple[int, ...], Timing] = {}
        hubs = self.timetable.hubs(self.params["air.feeder_max_km"])
        while True:
            for shape, _ in found:
                if shape.eids not in timed:
                    timed[shape.eids] = self.timetable.time(shape, self.priced)
            timings = [timed[shape.eids] for shape, _ in found]
            dropped = served_elsewhere([shape for shape, _ in found], [t.ride for t in timings])
            # a flight trucked past a nearer hub that serves is no candidate: loading at its
            # airport is shut and the trees grown again (as in the exact search)
            far = [hubs.too_far(s) for s, _ in found]
            loads = {LOADING + first_airport(s) for (s, _), f in zip(found, far, strict=True) if f}
            # a route dropped, one that rides a service slower than the trees reckoned, or one
            # not seen running for long (ranked after the current ones) may lose to the best
            # route through another exit, so its corridor is shut and the trees grown again
            served = [
                s
                for (s, _), drop, t in zip(found, dropped, timings, strict=True)
                if drop
                or (t.ride is not None and t.hours > self._tree_hours(s) + _HOURS_TOLERANCE)
                or (t.ride is not None and t.ride.stale)
            ]
            exits = {s.exit_port.id for s in served if s.exit_port is not None} | loads
            if exits <= shut:
                break
            shut |= exits
            hauls = {s.haul for s in served} | ({Haul.AIR} if loads else set())  # theirs change
            found = self._shapes(targets, end, domestic=domestic, shut=(shut, hauls), known=found)
        far = hubs.dropped([shape for shape, _ in found])  # the final set, as the exact search
        served = served_elsewhere([shape for shape, _ in found], [t.ride for t in timings])
        kept = [i for i, (a, b) in enumerate(zip(served, far, strict=True)) if not (a or b)]
        return [found[i] for i in kept], [timings[i] for i in kept]

    def _tree_hours(self, shape: Shape) -> float:
        """A route's hours as the trees weigh them (before any service's timetable)."""
        return float(path_total(self.priced.hours, shape.eids))

    def _shapes(
        self,
        targets: list[int],
        end: Place,
        *,
        domestic: bool,
        shut: tuple[frozenset[str], set[Haul]] | None = None,
        known: Sequence[tuple[Shape, dict]] = (),
    ) -> list[tuple[Shape, dict]]:
        """Bookable candidates: ``known`` ones, the forests' paths (``shut``: nodes the trees
        of some hauls may not pass) and, the first time, the services' routes."""
        territory = self._territories.get(end.country)
        if territory is None:
            territory = self._territories[end.country] = customs_territory(end.country, self.params)
        out: list[tuple[Shape, dict]] = list(known)
        # one per path: two paths with the same legs (one changing trains where the other runs
        # through) both stay, as the exact search keeps the better of them for each shipment
        seen = {s.eids for s, _ in out}
        nodes, hauls = (frozenset(), set(self.hauls)) if shut is None else shut
        misfit = self.fit(self.home, end.country) if self.fit else frozenset()
        paths = {
            p
            for haul in hauls
            for p in self.forest(
                domestic,
                haul,
                nodes | misfit if haul in LAND_HAULS else nodes,
                again=shut is not None,
            ).paths(targets)
        }
        if not domestic and shut is None:  # the services' routes, on the forest's fastest tree
            target_set = set(targets)
            values = head_weights(self.priced)
            for line in self.timetable.lines_to(self.graph.node_place[t] for t in targets):
                weighted = (values, self._closed_for(line.haul))
                head = self._heads.get(line.haul)
                if head is None:
                    head = self._heads[line.haul] = self.graph.tree(*weighted, self.sources)
                path = ride_path(self.graph, head, line, weighted, target_set, self._chains)
                if path is not None:
                    paths.add(tuple(path))
        for path in sorted(paths):
            found = self.shaped(path, territory)
            if found is None or not bookable(found[0], self.params):
                continue
            if found[0].eids not in seen:
                seen.add(found[0].eids)
                out.append(found)
        return out


@dataclass(frozen=True)
class Choice:
    """The best candidate of each of many shipments, and what it gives them.

    Attributes
    ----------
    best
        ``(m,)`` index of each shipment's best candidate among its destination's.
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


def choose(
    stack: Sequence[Candidates],
    group: np.ndarray,
    units: np.ndarray,
    weight_t: np.ndarray,
    priority: np.ndarray,
    per_t: Sequence[Pricing],
    ratio: float = 1.5,
) -> Choice:
    """Price every candidate for every shipment at once and choose each one's best for its
    priority (:func:`planner.search.ranking.ranking_keys`).

    Parameters
    ----------
    stack
        Candidates of each destination (each with at least one).
    group
        ``(m,)`` which of ``stack`` each shipment goes by.
    units
        ``(m, len(UNIT_NAMES))`` the shipments' units (:func:`planner.model.units.units_matrix`).
    weight_t
        ``(m,)`` the shipments' weights.
    priority
        ``(m,)`` each shipment's priority, by its code in ``tuple(Priority)``.
    per_t
        Per member of ``stack``, a tonne of its cargo class priced (value of time and
        insurance are per tonne).
    ratio
        ``ranking.detour_max_ratio``: a candidate longer than this times the shortest of its
        haul (and on no service) is not chosen, as it is not offered.
    """
    # routes padded to one width (a missing one is infinite), every destination's put at once
    lengths = np.array([len(c) for c in stack])
    width = int(lengths.max())
    held = np.arange(width) < lengths[:, None]
    coef = np.zeros((len(stack), width, len(UNIT_NAMES)))
    coef[held] = np.concatenate([c.coef for c in stack])
    hours = np.full((len(stack), width), np.inf)
    hours[held] = np.concatenate([c.hours for c in stack])
    co2_per_t = np.full((len(stack), width), np.inf)
    co2_per_t[held] = np.concatenate([c.co2_per_t for c in stack])
    block = np.zeros((len(_FLAGS) + 1, len(stack), width))
    block[-1] = np.inf  # the longest days of a missing route
    timed = [bool(c.timings) for c in stack]
    if any(timed):
        ranked = [c.ranked(ratio) for c, t in zip(stack, timed, strict=True) if t]
        block[:, held & np.array(timed)[:, None]] = np.concatenate(ranked, axis=1)
    flags = dict(zip(_FLAGS, (block[k] > 0 for k in range(len(_FLAGS))), strict=True))
    longest = block[-1]
    weight = np.asarray(weight_t, dtype=float)
    insurance = np.array([p.insurance_usd for p in per_t])[group] * weight
    value_of_time = np.array([p.vot_usd_per_hour for p in per_t])[group] * weight
    carbon = np.array([p.carbon_usd_per_kg for p in per_t])[group]
    shelf = np.array([p.shelf_days for p in per_t])[group][:, None]
    hours = hours[group]
    cost = np.einsum("rku,ru->rk", coef[group], units) + insurance[:, None]
    cost[~np.isfinite(hours)] = np.inf
    co2 = weight[:, None] * co2_per_t[group]
    days = hours / HOURS_PER_DAY
    generalised = cost + value_of_time[:, None] * hours + carbon[:, None] * co2
    best = np.zeros(len(weight), dtype=int)
    for code, each in enumerate(Priority):
        rows = np.flatnonzero(priority == code)
        if len(rows):
            g = group[rows]
            keys = ranking_keys(
                each, days[rows], cost[rows], co2[rows], generalised[rows], shelf[rows],
                flags["stale"][g], longest[g],
            )
            # a detour is not offered; a model train is never first where a service runs
            # (planner.search.ranking.order): the best is the first that is neither
            ahead = [flags[name][g] for name in ("detour", "model")]
            ahead = [a.astype(float) for a in ahead if a.any()]
            best[rows] = lexicographic_argmin([*ahead, *keys])
    pick = np.arange(len(weight))
    d, c, e = days[pick, best], cost[pick, best], co2[pick, best]
    pareto = ~beaten([d[:, None], c[:, None], e[:, None]], [days, cost, co2])
    return Choice(best=best, days=d, cost=c, co2=e, pareto=pareto)
