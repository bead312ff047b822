"""One query's options: candidate routes priced for its shipment, ranked, made into options.

Two sources of candidates feed the same ranking: the exact search of
:mod:`planner.search.candidates`
(:func:`exact_routes`) and the route library of :mod:`planner.search.library`
(:func:`library_routes`).
:func:`to_options` then keeps the Pareto set and the best route of each kind, orders them for
the priority and picks diverse ones (:mod:`planner.search.ranking`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from planner.model.params import Parameters
from planner.model.records import Haul, Priority, RouteOption
from planner.model.units import HOURS_PER_DAY, Pricing
from planner.network.emissions import emission_method
from planner.network.graph import MultimodalGraph
from planner.network.weights import Weights
from planner.search.candidates import candidate_paths
from planner.search.hauls import bookable
from planner.search.hubs import first_airport, loading_at
from planner.search.library import Candidates
from planner.search.ranking import (
    Standing,
    diversity_keys,
    merged_entries,
    order,
    pareto_flags,
    ranking_keys,
    select_diverse,
    served_elsewhere,
    standing,
)
from planner.search.routes import Shape, path_total, price_legs, shape_of
from planner.search.timetable import Timetable, Timing
from planner.search.why import Offered, why_offered
from planner.search.wording import heading, route_notes, route_title

__all__ = ["Routes", "exact_routes", "library_routes", "to_options"]


@dataclass(eq=False)
class Routes:
    """Candidate routes of one query, priced for its shipment.

    Attributes
    ----------
    shapes, headings
        Per route: its shape and the shipment-independent parameters of its title.
    days, cost, co2
        Per route: transit days, USD (insurance included), kg CO2e.
    eligible
        Per route: may be shown (the exact search shows only the Pareto set and the best of
        each kind; the library any candidate).
    timings
        Per route: its hours as a range, and the service it rides (:mod:`planner.search.timetable`).
    """

    shapes: list[Shape]
    headings: list[dict]
    days: np.ndarray
    cost: np.ndarray
    co2: np.ndarray
    eligible: np.ndarray
    timings: list[Timing]

    def keys(self, priority: Priority, pricing: Pricing, ratio: float) -> list[np.ndarray]:
        generalised = pricing.generalised(self.days * HOURS_PER_DAY, self.cost, self.co2)
        found = self.standing(ratio)
        return ranking_keys(
            priority, self.days, self.cost, self.co2, generalised, pricing.shelf_days,
            found.stale, found.days_max,
        )  # fmt: skip

    def standing(self, ratio: float) -> Standing:
        """Per route, what ranks it whatever the priority (:func:`planner.search.ranking.
        standing`)."""
        return standing(self.shapes, self.timings, ratio)


def exact_routes(
    graph: MultimodalGraph,
    weights: Weights,
    priority: Priority,
    ends: tuple[list[int], list[int]],
    territory: frozenset[str],
    *,
    masks: Mapping[Haul, np.ndarray],
    params: Parameters,
    timetable: Timetable,
) -> Routes:
    """The exact search's candidates between ``ends`` (sources, targets), haul by haul, one per
    sequence of legs (paths that differ only by transfers are one route: the better is kept);
    only routes a forwarder would book (:func:`planner.search.hauls.bookable`). A flight
    trucked past a nearer hub that serves is dropped (:mod:`planner.search.hubs`) and the
    search runs again with loading at its airport shut, so that a flight connecting there from
    a nearer airport is still found (as the route library finds it)."""
    search = (graph, priority, ends, territory, masks, params, timetable)
    found = _found(weights, *search)
    hubs = timetable.hubs(params["air.feeder_max_km"])
    far = hubs.dropped([r[0] for r in found.values()])
    if any(far):
        airports = {first_airport(r[0]) for r, drop in zip(found.values(), far, strict=True)
                    if drop}
        loading = loading_at(graph, airports)
        for signature, row in _found(weights.closing(loading), *search).items():
            if signature not in found or row[2] < found[signature][2]:
                found[signature] = row
    rows = list(found.values())
    dropped = served_elsewhere([r[0] for r in rows], [r[4].ride for r in rows])
    rows = [r for r, drop in zip(rows, dropped, strict=True) if not drop]
    far = hubs.dropped([r[0] for r in rows])
    rows = [r for r, drop in zip(rows, far, strict=True) if not drop]
    days, cost, co2 = (np.array([r[3][i] for r in rows], dtype=float) for i in range(3))
    flags = pareto_flags(days, cost, co2)
    best = np.array([r[1] for r in rows], dtype=bool)
    shapes = [r[0] for r in rows]
    return Routes(
        shapes=shapes,
        headings=[heading(graph, s) for s in shapes],
        days=days,
        cost=cost,
        co2=co2,
        eligible=flags | best,
        timings=[r[4] for r in rows],
    )


#: A route found: its shape, best of its kind, ranking key, (days, USD, CO2e) and timing.
_Row = tuple[Shape, bool, tuple, tuple[float, float, float], Timing]


def _found(weights: Weights, *search: Any) -> dict[tuple, _Row]:
    """The routes of one search (``search``: :func:`exact_routes`'s graph, priority, ends,
    territory, masks, params and timetable, in that order), by their sequence of legs, the
    better of each kept."""
    graph, priority, ends, territory, masks, params, timetable = search
    paths = candidate_paths(graph, weights, priority, ends, masks, timetable.lines)
    pricing = weights.pricing
    found: dict[tuple, _Row] = {}
    for path, (best_of_kind, _) in paths.items():
        shape = shape_of(graph, path, territory)
        if shape is None or not bookable(shape, params):
            continue
        timing = timetable.time(shape, weights.priced)
        days = timing.hours / HOURS_PER_DAY
        cost = path_total(weights.cost, shape.eids) + pricing.insurance_usd
        co2 = path_total(weights.co2, shape.eids)
        generalised = pricing.generalised(days * HOURS_PER_DAY, cost, co2)
        stale = timing.ride is not None and timing.ride.stale
        longest = timing.hours_max / HOURS_PER_DAY
        key = tuple(
            ranking_keys(priority, days, cost, co2, generalised, pricing.shelf_days, stale, longest)
        )
        signature = tuple((leg.from_id, leg.to_id, leg.mode, leg.link_id) for leg in shape.legs)
        kept = found.get(signature)
        if kept is None or key < kept[2]:
            best_of_kind = best_of_kind or (kept is not None and kept[1])
            found[signature] = (shape, best_of_kind, key, (days, cost, co2), timing)
        else:
            found[signature] = (kept[0], kept[1] or best_of_kind, *kept[2:])
    return found


def library_routes(candidates: Candidates, pricing: Pricing) -> Routes:
    """The library's candidates towards one destination, priced for one shipment."""
    weight_t = pricing.shipment.weight_t
    return Routes(
        shapes=candidates.shapes,
        headings=candidates.headings,
        days=candidates.days,
        cost=candidates.coef @ pricing.units + pricing.insurance_usd,
        co2=candidates.co2_per_t * weight_t,
        eligible=np.ones(len(candidates), dtype=bool),
        timings=candidates.timings,
    )


def to_options(
    routes: Routes,
    weights: Weights,
    priority: Priority,
    alternatives: int,
    params: Parameters,
) -> list[RouteOption]:
    """Up to ``alternatives`` diverse options, best first for the priority, ranked ``1..n``;
    ``pareto_optimal`` marks the routes no candidate beats on days, cost and CO2e at once."""
    pricing = weights.pricing
    flags = pareto_flags(routes.days, routes.cost, routes.co2)
    ratio = params["ranking.detour_max_ratio"]
    keys = routes.keys(priority, pricing, ratio)
    ranked = routes.standing(ratio)
    offered = routes.eligible & ~ranked.detour
    ordered = [i for i in order(keys, ranked) if offered[i]]
    entries = merged_entries([routes.shapes[i] for i in ordered], params["ranking.same_port_km"])
    kinds = [diversity_keys(routes.shapes[i], entries) for i in ordered]
    chosen = [ordered[j] for j in sorted(select_diverse(kinds, alternatives))]
    usd_cny = params["fx.usd_cny"]
    shipment = pricing.shipment
    options: list[RouteOption] = []
    for rank, i in enumerate(chosen, start=1):
        shape, days, timing = routes.shapes[i], float(routes.days[i]), routes.timings[i]
        covered = timing.covered()
        edges = (weights.hours, weights.cost, weights.co2, weights.priced.wait_hours)
        legs = price_legs(shape, pricing, edges, covered)
        options.append(
            RouteOption(
                legs=legs,
                exit_port=shape.exit_port,
                entry_port=shape.entry_port,
                usd_cny=usd_cny,
                title=route_title(routes.headings[i], days),
                rank=rank,
                pareto_optimal=bool(flags[i]),
                border_crossings=shape.crossings,
                notes=route_notes(params, shipment, pricing.cargo, days, shape, timing),
                haul=shape.haul,
                days_min=timing.hours_min / HOURS_PER_DAY,
                days_max=timing.hours_max / HOURS_PER_DAY,
                ride=timing.ride,
                main_haul_days=timing.main_hours / HOURS_PER_DAY,
                wait_days=timing.wait_hours / HOURS_PER_DAY,
                to_departure_days=timing.before_hours / HOURS_PER_DAY,
                co2e_method=emission_method(legs, shipment.weight_t, pricing.cargo, params),
            )
        )
    offered = [
        Offered(
            o.transit_days, o.transit_days_max, o.cost_usd, o.co2e_kg, o.haul,
            o.exit_port.id if o.exit_port else None, o.exit_port.kind if o.exit_port else None,
            routes.headings[i]["exit"], o.ride, bool(ranked.model[i]),
        )  # fmt: skip
        for o, i in zip(options, chosen, strict=True)
    ]
    whys = why_offered(offered, priority, pricing.shelf_days)
    return [dataclasses.replace(o, why=w) for o, w in zip(options, whys, strict=True)]
