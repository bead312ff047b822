"""The first- and last-mile trucks of a place beyond the network, and the routes they finish.

A place of the world that is not a node (:mod:`planner.places.gateways`) is reached by the search to
each of its gateways and a truck between the gateway and the place. The truck runs the
great-circle distance times ``road.detour_factor`` and is priced as the network prices an
on-carriage by road (:func:`planner.network.costs.edge_costs`: loading, the dispatch and the drive
at
``road.speed_kph``, a border where the gateway is in another country, unloading). A truck
longer than ``road.on_carriage_max_km`` is still offered (the network has nothing nearer) but
says so.

:func:`routes_with` and :func:`candidates_with` add the trucks to the exact search's routes
and to the route library's candidates; :func:`joined_routes` and :func:`joined_candidates`
put the answers through every gateway together, so the ranking chooses among them with the
trucks counted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from corridors import Mode, Node
from planner.model.cargo import CargoClass, CargoClasses
from planner.model.params import Parameters
from planner.model.records import Place
from planner.model.units import HOURS_PER_DAY, UNIT_NAMES, Pricing
from planner.network.costs import EDGE_ALIGHT, EDGE_BOARD, EDGE_LINK, edge_costs
from planner.network.graph import LegShape
from planner.search.exact import Routes
from planner.search.library import Candidates
from planner.search.routes import Truck, TruckCost, with_trucks
from planner.search.timetable import Timing
from planner.text.message import Name

__all__ = ["candidates_with", "joined_candidates", "joined_routes", "make_truck", "routes_with"]


def make_truck(
    place: Place,
    gateway: Node,
    straight_km: float,
    *,
    first: bool,
    over_sea: bool = False,
    params: Parameters,
    cargo_classes: CargoClasses,
) -> Truck:
    """The truck between a place beyond the network and one of its gateways.

    Parameters
    ----------
    place
        The place (its position and names).
    gateway
        The network node.
    straight_km
        The great-circle km between them.
    first
        The first mile (from the place to the gateway) rather than the last.
    over_sea
        Its straight line crosses the sea (a ferry or a ship would carry it; not priced).
    params
        The parameter table.
    cargo_classes
        The cargo table (the truck is priced for each class).
    """
    km = straight_km * params["road.detour_factor"]
    here, there = (place.lon, place.lat), (gateway.lon, gateway.lat)
    ends = (place.id, gateway.id) if first else (gateway.id, place.id)
    coords = (here, there) if first else (there, here)
    countries = (place.country, gateway.country) if first else (gateway.country, place.country)
    abroad = countries[0] != countries[1]
    table = {
        "kind": [EDGE_BOARD, EDGE_LINK, EDGE_ALIGHT],
        "mode": [Mode.ROAD.value] * 3,
        "distance_km": [0.0, km, 0.0],
        "corridor_kind": [""] * 3,
        "departing": [False, True, False],
        "crossing": [False, abroad, False],
        "gauge_change": [False] * 3,
        "country_u": [countries[0]] * 3,
        "country_v": [countries[1]] * 3,
    }
    costs = {}
    for cargo, spec in cargo_classes.items():
        priced = edge_costs(table, spec, params)
        costs[cargo] = TruckCost(
            hours=float(priced.hours.sum()),
            hours_min=float(priced.hours_min.sum()),
            hours_max=float(priced.hours_max.sum()),
            coef=priced.cost.sum(axis=0),
            co2_per_t=float(priced.co2e_kg_per_t.sum()),
        )
    limit = params["road.on_carriage_max_km"]
    return Truck(
        leg=LegShape(ends[0], ends[1], Mode.ROAD, "", km, None, coords),
        first=first,
        place=Name(place.name_en, place.name_zh),
        gateway=Name(gateway.name_en, gateway.name_zh),
        country=place.country,
        alternatives=place.alternatives,
        limit_km=limit if km > limit else None,
        abroad=abroad,
        over_sea=over_sea,
        costs=costs,
    )


def _timing(
    timing: Timing, hours: tuple[float, float, float], shift: int, ahead: float
) -> Timing:
    """A route's timing with its trucks' hours added; the service's legs moved by ``shift``
    (a first-mile truck comes before them) and its departure by ``ahead`` (that truck's hours)."""
    legs = None if timing.legs is None else (timing.legs[0] + shift, timing.legs[1] + shift)
    return dataclasses.replace(
        timing,
        hours=timing.hours + hours[0],
        hours_min=timing.hours_min + hours[1],
        hours_max=timing.hours_max + hours[2],
        legs=legs,
        before_hours=timing.before_hours + ahead,
    )


def _added(trucks: Sequence[Truck | None], cargo: CargoClass) -> TruckCost:
    """The trucks' costs summed for a cargo class."""
    found = [t.costs[cargo] for t in trucks if t is not None]
    return TruckCost(
        hours=sum(c.hours for c in found),
        hours_min=sum(c.hours_min for c in found),
        hours_max=sum(c.hours_max for c in found),
        coef=sum((c.coef for c in found), np.zeros(len(UNIT_NAMES))),
        co2_per_t=sum(c.co2_per_t for c in found),
    )


def routes_with(
    routes: Routes, first: Truck | None, last: Truck | None, pricing: Pricing
) -> Routes:
    """The exact search's routes to a gateway, finished by the trucks (priced for one
    shipment)."""
    added = _added((first, last), pricing.shipment.cargo)
    shift = int(first is not None)
    ahead = _added((first,), pricing.shipment.cargo).hours
    hours = (added.hours, added.hours_min, added.hours_max)
    return Routes(
        shapes=[with_trucks(s, first, last) for s in routes.shapes],
        headings=routes.headings,
        days=routes.days + added.hours / HOURS_PER_DAY,
        cost=routes.cost + float(added.coef @ pricing.units),
        co2=routes.co2 + added.co2_per_t * pricing.shipment.weight_t,
        eligible=routes.eligible,
        timings=[_timing(t, hours, shift, ahead) for t in routes.timings],
    )


def candidates_with(
    found: Candidates, first: Truck | None, last: Truck | None, cargo: CargoClass
) -> Candidates:
    """The route library's candidates to a gateway, finished by the trucks."""
    added = _added((first, last), cargo)
    shift = int(first is not None)
    ahead = _added((first,), cargo).hours
    hours = (added.hours, added.hours_min, added.hours_max)
    return Candidates(
        shapes=[with_trucks(s, first, last) for s in found.shapes],
        headings=found.headings,
        hours=found.hours + added.hours,
        coef=found.coef + added.coef,
        co2_per_t=found.co2_per_t + added.co2_per_t,
        timings=[_timing(t, hours, shift, ahead) for t in found.timings],
        no_nodes=found.no_nodes,
    )


def joined_routes(parts: Sequence[Routes]) -> Routes:
    """The routes through every gateway, as one query's."""
    return Routes(
        shapes=[s for r in parts for s in r.shapes],
        headings=[h for r in parts for h in r.headings],
        days=_join([r.days for r in parts], float),
        cost=_join([r.cost for r in parts], float),
        co2=_join([r.co2 for r in parts], float),
        eligible=_join([r.eligible for r in parts], bool),
        timings=[t for r in parts for t in r.timings],
    )


def joined_candidates(parts: Sequence[Candidates]) -> Candidates:
    """The candidates through every gateway, as one destination's."""
    coef = [c.coef for c in parts if len(c)]
    return Candidates(
        shapes=[s for c in parts for s in c.shapes],
        headings=[h for c in parts for h in c.headings],
        hours=_join([c.hours for c in parts], float),
        coef=np.concatenate(coef) if coef else np.zeros((0, len(UNIT_NAMES))),
        co2_per_t=_join([c.co2_per_t for c in parts], float),
        timings=[t for c in parts for t in c.timings],
        no_nodes=all(c.no_nodes for c in parts),
    )


def _join(arrays: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(arrays).astype(dtype) if arrays else np.zeros(0, dtype=dtype)
