"""From a path in the graph to a route: its legs, ports of exit and entry, and its price.

A :class:`Shape` is what a path is whatever is sent: one leg per network link run (or truck
drayage between a port and its city), the places visited, the ports, the border crossings. A
leg carries the transfers before it (handling, waiting for the departure, a change of service);
the last leg also carries the unloading at the destination. :func:`price_legs` prices a shape's
legs for one shipment (the ad valorem insurance of electronics is booked on the first leg), so
the totals of a :class:`~planner.model.records.RouteOption` are exactly the sums of its legs.

Port of exit: the last node in the origin's country before the first foreign node. Port of
entry: the first node in the destination's customs territory (its country, or its customs
union: Małaszewicze for Duisburg, Dostyk for Moscow via Kazakhstan), else the first foreign
node.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from corridors import Mode, Node
from corridors.geo import M_PER_KM, WGS84
from planner.model.records import CargoClass, Haul, Leg
from planner.model.units import Pricing
from planner.network.costs import EDGE_DRAYAGE, EDGE_LINK
from planner.network.graph import LegShape, MultimodalGraph
from planner.text.message import Message, Name

__all__ = [
    "LegShape",
    "Shape",
    "Truck",
    "TruckCost",
    "doubled_back_km",
    "path_total",
    "price_legs",
    "shape_of",
    "through_red_sea",
    "with_trucks",
]


class TruckCost(NamedTuple):
    """A truck's hours (typical, shortest, longest), USD per unit of shipment and kg CO2e per
    tonne, for one cargo class."""

    hours: float
    hours_min: float
    hours_max: float
    coef: np.ndarray
    co2_per_t: float


@dataclass(frozen=True, eq=False)
class Truck:
    """The truck between a place beyond the network and one of its gateways: the first mile
    (from the origin) or the last (to the destination). See :mod:`planner.search.trucks`.

    Attributes
    ----------
    leg
        Where it runs (from, to, road km, the straight line drawn).
    first
        The first mile (the place is the origin) rather than the last.
    place, gateway
        Names of the place and of the gateway node.
    country
        The place's country (ISO2).
    alternatives
        Other places the place's name named (said once, on its truck).
    limit_km
        ``road.on_carriage_max_km`` when the truck is longer (no forwarder would book it; the
        network has no nearer gateway), else ``None``.
    abroad
        The truck crosses a border (the gateway is in another country).
    over_sea
        Its straight line crosses the sea: a ferry or a ship would carry it, which is not
        priced.
    costs
        Per cargo class, what it costs.
    """

    leg: LegShape
    first: bool
    place: Name
    gateway: Name
    country: str
    alternatives: tuple[Name, ...]
    limit_km: float | None
    abroad: bool
    over_sea: bool
    costs: Mapping[CargoClass, TruckCost]

    def price(self, pricing: Pricing) -> tuple[float, float, float]:
        """Hours, USD and kg CO2e of the truck for one shipment."""
        cost = self.costs[pricing.shipment.cargo]
        return (
            cost.hours,
            float(cost.coef @ pricing.units),
            cost.co2_per_t * pricing.shipment.weight_t,
        )

    def notes(self) -> tuple[Message, ...]:
        """What the route says about its truck (and about the place's other namesakes)."""
        out = [
            Message.of(
                "first_mile" if self.first else "last_mile",
                km=self.leg.distance_km,
                place=self.place,
                gateway=self.gateway,
                abroad=self.abroad,
                over_sea=self.over_sea,
                limit_km=self.limit_km,
                first=self.first,
            )
        ]
        if self.alternatives:
            out.append(
                Message.of(
                    "also_named",
                    place=self.place,
                    country=self.country,
                    alternatives=self.alternatives,
                )
            )
        return tuple(out)

# The Red Sea and Suez: a sea leg through this box met the 2024 diversions (lon/lat degrees).
_RED_SEA_BBOX = (32.0, 12.0, 44.0, 30.0)
_MOVES = (EDGE_LINK, EDGE_DRAYAGE)


@dataclass(frozen=True, eq=False)
class Shape:
    """A route whatever is sent.

    Attributes
    ----------
    eids
        Edges of the path, in order.
    bounds
        Leg ``i`` of the path sums the edges ``eids[bounds[i]:bounds[i + 1]]``.
    legs
        The legs (the trucks of a place beyond the network first and last).
    nodes
        Network nodes visited, in order (each once).
    exit_port, entry_port
        Where the route leaves the origin's country and enters the destination's customs
        territory (``None`` for a domestic trip).
    crossings
        Border crossings run.
    air_loop
        Its flights land again in a country they have left (Taiyuan–Hong Kong–Beijing–Chicago).
    first_mile, last_mile
        The trucks from an origin and to a destination beyond the network (else ``None``).
    doubled_back_km
        How much nearer its start (or a town its truck passed) its main haul comes back
        after it was trucked to it (:func:`doubled_back_km`): trucked 498 km from Datong to
        Changzhi North (427 km in a straight line) for a train that runs back north through
        Datong, 4 km from the city, about 423 km.
    """

    eids: tuple[int, ...]
    bounds: tuple[int, ...]
    legs: tuple[LegShape, ...]
    nodes: tuple[str, ...]
    exit_port: Node | None
    entry_port: Node | None
    crossings: int
    air_loop: bool = False
    first_mile: Truck | None = None
    last_mile: Truck | None = None
    doubled_back_km: float = 0.0

    @functools.cached_property
    def modes_used(self) -> frozenset[Mode]:
        return frozenset(leg.mode for leg in self.legs)

    @functools.cached_property
    def haul(self) -> Haul:
        """What carries the route across: it flies, sails (a ferry inside a rail journey is not
        a sailing), goes by train, or by road."""
        modes = {leg.mode for leg in self.legs if not leg.ferry}
        for mode, haul in ((Mode.AIR, Haul.AIR), (Mode.SEA, Haul.SEA), (Mode.RAIL, Haul.RAIL)):
            if mode in modes:
                return haul
        return Haul.ROAD

    @functools.cached_property
    def main_mode(self) -> Mode:
        """The mode that runs the longest distance: what kind of route this is."""
        km: dict[Mode, float] = {}
        for leg in self.legs:
            km[leg.mode] = km.get(leg.mode, 0.0) + leg.distance_km
        return max(km, key=km.__getitem__)

    @functools.cached_property
    def red_sea(self) -> bool:
        """A sea leg runs through the Red Sea and Suez."""
        return any(through_red_sea(leg.coords) for leg in self.legs if leg.mode is Mode.SEA)

    @functools.cached_property
    def distance_km(self) -> float:
        return sum(leg.distance_km for leg in self.legs)

    @property
    def leg_starts(self) -> list[int]:
        return list(self.bounds[:-1])


def shape_of(
    graph: MultimodalGraph, path: Sequence[int], territory: frozenset[str]
) -> Shape | None:
    """The shape of a path of graph nodes.

    Parameters
    ----------
    graph
        The multimodal graph.
    path
        Graph nodes from a source to a target.
    territory
        ISO2 codes of the destination's customs territory (:func:`planner.network.costs.
        customs_territory`).

    Returns
    -------
    Shape or None
        ``None`` when the path moves nowhere or visits a place twice (no forwarder would book
        a route through the same town twice).
    """
    eids = graph.path_eids(path)
    kinds = graph.column("kind")
    moves = [i for i, eid in enumerate(eids) if kinds[eid] in _MOVES]
    if not moves:
        return None
    legs = tuple(graph.leg(eids[i]) for i in moves)
    nodes = tuple([legs[0].from_id] + [leg.to_id for leg in legs])
    if len(set(nodes)) != len(nodes):
        return None
    crossing = graph.column("crossing")
    exit_port, entry_port = _ports(graph, nodes, territory)
    return Shape(
        eids=tuple(eids),
        bounds=(0, *(i + 1 for i in moves[:-1]), len(eids)),
        legs=legs,
        nodes=nodes,
        exit_port=exit_port,
        entry_port=entry_port,
        crossings=sum(bool(crossing[eids[i]]) for i in moves),
        air_loop=_air_loop(graph, legs),
        doubled_back_km=doubled_back_km(graph, legs),
    )


def doubled_back_km(graph: MultimodalGraph, legs: Sequence[LegShape]) -> float:
    """How much nearer to a place its truck passed (its start or a town on the way), in
    straight-line km, the main haul comes back after boarding than where it boards, when it
    is trucked there (0 when it boards at its start or is a road haul): a forwarder does not
    truck a box to a train or a flight that then comes back past the shipper or the road it
    took; it would board where the train passes, and can only where a service stops there.
    Straight lines on both sides, so a winding road to a railhead farther on is not counted."""
    main = [i for i, leg in enumerate(legs) if leg.mode is not Mode.ROAD]
    if not main or main[0] == 0:
        return 0.0
    trucked = [graph.nodes[leg.from_id] for leg in legs[: main[0]]]
    boarded = graph.nodes[legs[main[0]].from_id]
    places = [boarded] + [graph.nodes[leg.to_id] for leg in legs[main[0] : main[-1] + 1]]
    pairs = [(t.lon, t.lat, p.lon, p.lat) for t in trucked for p in places]
    km = _straight_km(pairs).reshape(len(trucked), len(places))
    return max(0.0, float(np.max(km[:, 0] - km[:, 1:].min(axis=1))))


#: Straight-line km between two points, by their coordinates: a batch's routes pass the same
#: towns again and again (the geodesics were most of :func:`doubled_back_km`'s time). Pairs of
#: network nodes; emptied past :data:`_STRAIGHT_KM_MOST` (a long-running app meets other
#: networks' nodes too).
_STRAIGHT_KM: dict[tuple[float, float, float, float], float] = {}
_STRAIGHT_KM_MOST = 1 << 18


def _straight_km(pairs: list[tuple[float, float, float, float]]) -> np.ndarray:
    """The WGS84 geodesic km of each ``(lon1, lat1, lon2, lat2)`` (each pair on its own: the
    same km whatever pairs are asked with it), the new ones in one call."""
    new = [pair for pair in dict.fromkeys(pairs) if pair not in _STRAIGHT_KM]
    if len(_STRAIGHT_KM) + len(new) > _STRAIGHT_KM_MOST:
        _STRAIGHT_KM.clear()
    if new:
        _, _, metres = WGS84.inv(*(list(column) for column in zip(*new, strict=True)))
        km = (np.asarray(metres, dtype=float) / M_PER_KM).tolist()
        _STRAIGHT_KM.update(zip(new, km, strict=True))
    return np.array([_STRAIGHT_KM[pair] for pair in pairs])


def _air_loop(graph: MultimodalGraph, legs: Sequence[LegShape]) -> bool:
    """Whether the flights land again in a country they have left."""
    flights = [leg for leg in legs if leg.mode is Mode.AIR]
    stops = [leg.from_id for leg in flights] + [leg.to_id for leg in flights[-1:]]
    runs = [country for country, _ in itertools.groupby(graph.nodes[n].country for n in stops)]
    return len(runs) != len(set(runs))


def _ports(
    graph: MultimodalGraph, nodes: tuple[str, ...], territory: frozenset[str]
) -> tuple[Node | None, Node | None]:
    countries = [graph.nodes[n].country for n in nodes]
    home = countries[0]
    first_foreign = next((i for i, c in enumerate(countries) if c != home), None)
    if first_foreign is None:
        return None, None
    entry = first_foreign
    if home not in territory:
        entry = next(
            (i for i in range(first_foreign, len(nodes)) if countries[i] in territory),
            first_foreign,
        )
    return graph.nodes[nodes[first_foreign - 1]], graph.nodes[nodes[entry]]


def with_trucks(shape: Shape, first: Truck | None, last: Truck | None) -> Shape:
    """The shape with a first-mile truck before it and a last-mile truck after it."""
    if first is None and last is None:
        return shape
    legs = ((first.leg,) if first else ()) + shape.legs + ((last.leg,) if last else ())
    return dataclasses.replace(shape, legs=legs, first_mile=first, last_mile=last)


def price_legs(
    shape: Shape,
    pricing: Pricing,
    priced: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    ride: tuple[str, range, float, float] | None = None,
) -> tuple[Leg, ...]:
    """The legs of a shape priced for one shipment, each wait for a departure a step of its own.

    Parameters
    ----------
    shape
        The route.
    pricing
        The shipment, priced (its insurance is booked on the first leg).
    priced
        Per edge: hours, USD and kg CO2e of this shipment, and the hours of waiting for a
        departure among its hours.
    ride
        ``(service id, the legs it covers, their hours, the wait for its departure)``: a
        scheduled service's time shared over the legs it covers, in proportion to their
        running hours, after its own wait (or ``None``).

    Returns
    -------
    tuple of Leg
        Each leg's own hours, cost and CO2e; before a leg that waits for a train, ship or
        flight (not a truck: its dispatch is booked) a step that holds the wait (``Leg.wait``).
    """
    hours, cost, co2, waits = priced
    eids = list(shape.eids)
    starts = shape.leg_starts
    leg_hours = np.add.reduceat(hours[eids], starts).tolist()
    leg_cost = np.add.reduceat(cost[eids], starts).tolist()
    leg_co2 = np.add.reduceat(co2[eids], starts).tolist()
    leg_wait = np.add.reduceat(waits[eids], starts).tolist()
    # the first truck before the network's legs, the last after them (its place is taken
    # after the first is in: an index taken before would put it ahead of the last leg)
    for truck, first in ((shape.first_mile, True), (shape.last_mile, False)):
        if truck is not None:
            h, c, e = truck.price(pricing)
            at = 0 if first else len(leg_hours)
            for values, value in ((leg_hours, h), (leg_cost, c), (leg_co2, e), (leg_wait, 0.0)):
                values.insert(at, value)
    legs = shape.legs
    wait = [0.0 if leg.mode is Mode.ROAD else w for leg, w in zip(legs, leg_wait, strict=True)]
    running = [h - w for h, w in zip(leg_hours, wait, strict=True)]
    service: list[str | None] = [None] * len(shape.legs)
    if ride is not None:
        service_id, covered, total, ride_wait = ride
        scale = (total - ride_wait) / sum(running[i] for i in covered)
        for i in covered:
            running[i] *= scale
            wait[i] = 0.0
            service[i] = service_id
        wait[covered[0]] = ride_wait
    leg_cost[0] += pricing.insurance_usd
    out: list[Leg] = []
    for leg, h, w, c, e, s in zip(legs, running, wait, leg_cost, leg_co2, service, strict=True):
        if w > 0:
            out.append(
                Leg(leg.from_id, leg.from_id, leg.mode, leg.corridor, 0.0, w, 0.0, 0.0,
                    service=s, wait=True)
            )
        out.append(
            Leg(
                from_id=leg.from_id,
                to_id=leg.to_id,
                mode=leg.mode,
                corridor=leg.corridor,
                distance_km=leg.distance_km,
                hours=h,
                cost_usd=c,
                co2e_kg=e,
                link_id=leg.link_id,
                coords=leg.coords,
                service=s,
                freighter=leg.freighter,
            )
        )
    return tuple(out)


def path_total(values: np.ndarray, eids: Sequence[int]) -> float | np.ndarray:
    """The sum of per-edge values along a path, exactly rounded (``math.fsum``): two paths of
    the same legs that differ only by zero-cost transfers get the same total, so a tie is a
    tie. ``values`` may be 2-d (one column per unit): the sum is then per column."""
    picked = values[list(eids)]
    if picked.ndim == 1:
        return math.fsum(picked.tolist())
    return np.array([math.fsum(column) for column in picked.T.tolist()])


def through_red_sea(coords: Sequence[tuple[float, float]]) -> bool:
    """True when a line passes through the Red Sea (the box of the 2024 diversions)."""
    west, south, east, north = _RED_SEA_BBOX
    return any(west <= x <= east and south <= y <= north for x, y in coords)
