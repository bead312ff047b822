"""Time, cost and CO2e of moving a shipment along the multimodal graph.

A shipment is counted in units (containers, chargeable kg, trucks, tonnes: see
:mod:`planner.model.units`). Every edge of the graph (see :mod:`planner.network.graph`) has hours
that do not depend on the shipment, a cost that is *linear* in the shipment's units
(:data:`~planner.model.units.UNIT_NAMES`) and a CO2e that is linear in its weight.
:func:`edge_costs` turns the graph's edge table into those coefficient arrays once per cargo
class (its row of the cargo table), so a query only takes a dot product. :func:`leg_cost` prices
a single movement with the same code, for callers and tests.

Time of a movement = running time at the mode's speed + what comes before it can run: handling
at a transfer, the expected wait for the next departure (half the headway of the weekly
frequency, or the published wait for a ferry without a timetable), border dwell and
gauge-change transhipment (the published typical dwell of the crossing between two countries
where there is one). CO2e = tonne-km x the intensity of :func:`planner.network.emissions.
co2e_intensity`. Every number comes from the parameter table and the cargo table.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from corridors import Mode
from planner.model.cargo import CargoSpec, load_cargo_classes
from planner.model.params import Parameters
from planner.model.records import Shipment
from planner.model.units import UNIT_NAMES, shipment_units
from planner.network.closed_edges import closed_edges
from planner.network.countries import (
    by_country_pair,
    crossing_dwell_hours,
    crossing_dwell_range,
    electric_share,
    ferry_wait_hours,
    ferry_wait_range,
    same_customs_union,
)
from planner.network.emissions import co2e_intensity

__all__ = [
    "AMERICAS_WEST_OF",
    "EDGE_ALIGHT",
    "EDGE_BOARD",
    "EDGE_DRAYAGE",
    "EDGE_JOIN",
    "EDGE_LINK",
    "EDGE_SWITCH",
    "HOURS_PER_WEEK",
    "EdgeCosts",
    "LegCost",
    "edge_costs",
    "expected_wait_hours",
    "leg_cost",
    "service_class",
    "sails_to_americas",
    "services_on",
]

logger = logging.getLogger(__name__)

# Edge kinds of the multimodal graph.
EDGE_LINK = "link"  # a network link run by its mode
EDGE_BOARD = "board"  # place -> departure node of a mode: loading / handling
EDGE_ALIGHT = "alight"  # running node of a mode -> place: unloading / handling
EDGE_DRAYAGE = "drayage"  # port, airport or terminal <-> the city it serves, by truck
EDGE_JOIN = "join"  # second half of a parallel link split in two (no cost)
EDGE_SWITCH = "switch"  # running on one service -> departing on another of the same mode

HOURS_PER_WEEK = 7 * 24
G_PER_KG = 1000.0
#: West of this longitude a port is in the Americas: a sailing there from outside them pays the
#: Americas' own rate (``sea.americas_feu_usd_per_km``), and its price follows their series.
AMERICAS_WEST_OF = -30.0


def sails_to_americas(from_lon: Any, to_lon: Any) -> Any:
    """Whether a sailing from ``from_lon`` to ``to_lon`` (degrees; numbers or arrays) goes from
    outside the Americas to a port of them: it pays their rate (the graph's ``to_americas``
    edges, the rate a route cites)."""
    return (np.asarray(to_lon) < AMERICAS_WEST_OF) & ~(np.asarray(from_lon) < AMERICAS_WEST_OF)

# Columns of the cost coefficients (the order of :data:`planner.model.units.UNIT_NAMES`).
_FEU, _BOX, _KG, _TRUCK, _TONNE = range(len(UNIT_NAMES))

# Frequency key by (mode, corridor kind); any other corridor kind uses the mode's default.
_RAIL_SEA_KINDS = frozenset({"rail_sea"})


@dataclass(frozen=True)
class LegCost:
    """Hours, cost and CO2e of one movement for one shipment; ``wait_hours``: the part of its
    hours spent waiting for a departure."""

    hours: float
    cost_usd: float
    co2e_kg: float
    wait_hours: float = 0.0


@dataclass(frozen=True)
class EdgeCosts:
    """Per-edge coefficient arrays for one cargo class (index = the graph's ``eid``).

    Attributes
    ----------
    hours
        Hours of the edge (independent of the shipment's size).
    cost
        ``(n_edges, len(UNIT_NAMES))`` USD per unit; ``cost @ units.vector()`` is the cost.
    co2e_kg_per_t
        kg CO2e per tonne of cargo; times ``weight_t`` is the CO2e.
    forbidden
        True on edges of a mode the cargo class may not use.
    wait_hours
        The part of ``hours`` spent waiting for a departure (half the headway, or a ferry's
        published wait).
    hours_min, hours_max
        The edge's hours when the departure is caught at once / just missed and the border
        dwell is its published minimum / maximum.
    """

    hours: np.ndarray
    cost: np.ndarray
    co2e_kg_per_t: np.ndarray
    forbidden: np.ndarray
    wait_hours: np.ndarray
    hours_min: np.ndarray
    hours_max: np.ndarray


def expected_wait_hours(mode: Mode, corridor_kind: str, params: Parameters) -> float:
    """The expected hours waited for the next departure boarded in ``mode`` on a corridor of
    ``corridor_kind``: half the headway (departures per week from the parameter table); a
    truck, its dispatch time."""
    if mode is Mode.ROAD:
        return params["road.dispatch_hours"]
    if mode is Mode.RAIL:
        key = "freq.rail_sea_per_week" if corridor_kind in _RAIL_SEA_KINDS else "freq.land_per_week"
    else:
        key = f"freq.{mode.value}_per_week"
    per_week = params[key]
    return HOURS_PER_WEEK / (2.0 * per_week) if per_week > 0 else 0.0


def service_class(mode: Mode | str, corridor_kind: str) -> str:
    """The service a link of ``mode`` on a corridor of ``corridor_kind`` belongs to:
    ``"rail_sea"`` for rail on a rail–sea corridor (the block trains to the ports, boarded for
    their own departures, apart from the China–Europe / Central Asia trains), else ``""``."""
    if Mode(mode) is Mode.RAIL and corridor_kind in _RAIL_SEA_KINDS:
        return "rail_sea"
    return ""


def services_on(mode: Mode | str, corridor_kind: str, domestic: bool) -> tuple[str, ...]:
    """The services that run on a link (:func:`service_class`): a land corridor's domestic
    rail track is also run by the block trains to the ports (a train from Xi'an, Yinchuan or
    Changzhi to a port runs over the China–Europe corridors' track in China as one train,
    and waits for no China–Europe departure on the way)."""
    own = service_class(mode, corridor_kind)
    if Mode(mode) is Mode.RAIL and not own and corridor_kind == "land" and domestic:
        return (own, "rail_sea")
    return (own,)


@dataclass(frozen=True)
class _Edges:
    """The edge table's columns as arrays, and what its ends' countries decide (edge_costs)."""

    kind: np.ndarray
    mode: np.ndarray
    km: np.ndarray
    departing: np.ndarray
    crossing: np.ndarray
    gauge: np.ndarray
    railsea: np.ndarray
    link: np.ndarray
    transfer: np.ndarray
    internal: np.ndarray
    share: np.ndarray
    dwell: np.ndarray
    dwell_lo: np.ndarray
    dwell_hi: np.ndarray
    ferry_wait: np.ndarray
    ferry_lo: np.ndarray
    ferry_hi: np.ndarray
    freighter: np.ndarray
    to_americas: np.ndarray

    @classmethod
    def of(cls, edges: Mapping[str, np.ndarray], params: Parameters) -> _Edges:
        kind = np.asarray(edges["kind"], dtype=object)
        n = len(kind)
        if "country_u" in edges and "country_v" in edges:
            pairs = list(zip(edges["country_u"], edges["country_v"], strict=True))
        else:
            pairs = [(None, None)] * n

        def per_pair(of) -> np.ndarray:
            return by_country_pair(pairs, of)

        dwell_lo, dwell_hi = (
            per_pair(lambda a, b, i=i: crossing_dwell_range(a, b, params)[i]) for i in (0, 1)
        )
        ferry_lo, ferry_hi = (
            per_pair(lambda a, b, i=i: (ferry_wait_range(a, b, params) or (None,) * 2)[i])
            for i in (0, 1)
        )
        return cls(
            kind=kind,
            mode=np.asarray(edges["mode"], dtype=object),
            km=np.asarray(edges["distance_km"], dtype=float),
            departing=np.asarray(edges["departing"], dtype=bool),
            crossing=np.asarray(edges["crossing"], dtype=bool),
            gauge=np.asarray(edges["gauge_change"], dtype=bool),
            railsea=np.isin(
                np.asarray(edges["corridor_kind"], dtype=object), list(_RAIL_SEA_KINDS)
            ),
            link=kind == EDGE_LINK,
            transfer=(kind == EDGE_BOARD) | (kind == EDGE_ALIGHT),
            internal=per_pair(lambda a, b: same_customs_union(a, b, params)) == 1,
            # rail tonne-km hauled electrically: the mean of the shares at the link's two ends
            share=per_pair(
                lambda a, b: (electric_share(a, params) + electric_share(b, params)) / 2
            ),
            dwell=per_pair(lambda a, b: crossing_dwell_hours(a, b, params)),
            dwell_lo=dwell_lo,
            dwell_hi=dwell_hi,
            ferry_wait=per_pair(lambda a, b: ferry_wait_hours(a, b, params)),
            ferry_lo=ferry_lo,
            ferry_hi=ferry_hi,
            freighter=np.asarray(edges.get("freighter", np.zeros(n)), dtype=bool),
            to_americas=np.asarray(edges.get("to_americas", np.zeros(n)), dtype=bool),
        )


@dataclass(frozen=True)
class _Sums:
    """The arrays :func:`edge_costs` adds to; the hours that vary (waits, border dwells) apart."""

    hours: np.ndarray
    cost: np.ndarray
    co2: np.ndarray
    waiting: np.ndarray
    wait_lo: np.ndarray
    wait_hi: np.ndarray
    dwelling: np.ndarray
    dwelling_lo: np.ndarray
    dwelling_hi: np.ndarray

    @classmethod
    def zeros(cls, n: int) -> _Sums:
        names = [f.name for f in fields(cls) if f.name != "cost"]
        return cls(cost=np.zeros((n, len(UNIT_NAMES))), **{name: np.zeros(n) for name in names})


def edge_costs(edges: Mapping[str, np.ndarray], cargo: CargoSpec, params: Parameters) -> EdgeCosts:
    """Price every edge of a graph for one cargo class.

    Parameters
    ----------
    edges
        Columns of equal length, one row per edge: ``kind`` (``EDGE_*``), ``mode`` (mode value
        string), ``distance_km``, ``corridor_kind``, ``departing`` (the link is run right
        after boarding: wait for the departure instead of a through stop), ``crossing`` and
        ``gauge_change`` (bool); optionally ``country_u`` and ``country_v`` (ISO2 at the two
        ends: crossings inside a customs union, published crossing dwells and ferry waits,
        the electric share of rail).
    cargo
        The cargo class's spec (its rate factor, bulk, air surcharge and forbidden modes).
    params
        The parameter table.

    Returns
    -------
    EdgeCosts
        Coefficient arrays indexed like the rows of ``edges``.
    """
    e = _Edges.of(edges, params)
    n = len(e.kind)
    sums = _Sums.zeros(n)
    for m in Mode:
        is_mode = e.mode == m.value
        if not is_mode.any():
            continue
        run = e.link & is_mode
        _run_hours(m, run, is_mode, e, sums, params)
        _run_price(m, run, e, cargo, sums, params)
        _crossings(m, run, e, sums, params)
        _handling(m, e.transfer & is_mode, e, cargo, sums, params)
    # drayage between a port/airport/terminal and its city: a truck at urban speed
    dray = e.kind == EDGE_DRAYAGE
    sums.hours[dray] += e.km[dray] / params["road.drayage_speed_kph"]
    sums.cost[dray, _TRUCK] += cargo.rate_factor * params["road.truck_usd_per_km"] * e.km[dray]
    road = co2e_intensity(Mode.ROAD, e.km[dray], cargo, params)
    sums.co2[dray] += road.g_per_tkm * e.km[dray] / G_PER_KG

    forbidden = closed_edges(edges, e.link | e.transfer, cargo, params)
    varying = sums.waiting + sums.dwelling
    return EdgeCosts(
        hours=sums.hours,
        cost=sums.cost,
        co2e_kg_per_t=sums.co2,
        forbidden=forbidden,
        wait_hours=sums.waiting,
        hours_min=sums.hours - varying + sums.wait_lo + sums.dwelling_lo,
        hours_max=sums.hours - varying + sums.wait_hi + sums.dwelling_hi,
    )


def _run_hours(
    m: Mode, run: np.ndarray, is_mode: np.ndarray, e: _Edges, sums: _Sums, params: Parameters
) -> None:
    """Running time, and the wait for the departure (after boarding) or a through stop."""
    n = len(e.kind)
    hours = sums.hours
    hours[run] += e.km[run] / params[f"{m.value}.speed_kph"]
    if m is Mode.RAIL:
        wait = np.where(
            e.railsea,
            expected_wait_hours(m, "rail_sea", params),
            expected_wait_hours(m, "land", params),
        )
        stop = params["rail.stop_hours"]
    else:
        wait = np.full(n, expected_wait_hours(m, "", params))
        if m is Mode.SEA:  # a ferry without a timetable: its published wait
            wait = np.where(np.isnan(e.ferry_wait), wait, e.ferry_wait)
        stop = {
            Mode.SEA: params["sea.port_call_hours"],
            Mode.AIR: params["air.connection_hours"],
            Mode.ROAD: 0.0,
        }[m]
    starts = run & e.departing
    hours[starts] += wait[starts]
    sums.waiting[starts] = wait[starts]
    if m is Mode.ROAD:  # a truck's dispatch is booked: no headway to catch
        sums.wait_lo[starts] = sums.wait_hi[starts] = wait[starts]
    else:  # from a departure caught at once to one just missed
        sums.wait_hi[starts] = 2 * wait[starts]
        if m is Mode.SEA:
            ferry = starts & ~np.isnan(e.ferry_lo)
            sums.wait_lo[ferry], sums.wait_hi[ferry] = e.ferry_lo[ferry], e.ferry_hi[ferry]
    hours[run & ~e.departing] += stop
    # wagons re-marshalled onto another service at a junction: a stop, no handling (the
    # next link waits for the new service's departure)
    hours[(e.kind == EDGE_SWITCH) & is_mode] += stop


def _run_price(
    m: Mode, run: np.ndarray, e: _Edges, cargo: CargoSpec, sums: _Sums, params: Parameters
) -> None:
    """Freight of the links run (bulk per tonne by wagon and bulk ship, else per box, kg or
    truck times the class's rate factor) and their CO2e."""
    km, cost = e.km[run], sums.cost
    if m is Mode.RAIL:
        if cargo.bulk:
            cost[run, _TONNE] += params["rail.bulk_usd_per_tkm"] * km
        else:
            rate = np.where(
                e.railsea, params["rail.railsea_feu_usd_per_km"], params["rail.feu_usd_per_km"]
            )
            cost[run, _FEU] += cargo.rate_factor * rate[run] * km
    elif m is Mode.SEA:
        if cargo.bulk:
            cost[run, _TONNE] += params["sea.bulk_usd_per_tkm"] * km
        else:  # the transpacific and Panama lanes pay two to three times Asia–Europe per km
            rate = np.where(
                e.to_americas, params["sea.americas_feu_usd_per_km"], params["sea.feu_usd_per_km"]
            )
            cost[run, _FEU] += cargo.rate_factor * rate[run] * km
    elif m is Mode.AIR:
        cost[run, _KG] += params["air.usd_per_kg_km"] * km
        cost[run & e.departing, _KG] += params["air.usd_per_kg"]
    else:  # road
        cost[run, _TRUCK] += cargo.rate_factor * params["road.truck_usd_per_km"] * km
    share, freighter = e.share[run], e.freighter[run]
    found = co2e_intensity(m, km, cargo, params, electric_share=share, freighter=freighter)
    sums.co2[run] += found.g_per_tkm * km / G_PER_KG


def _crossings(m: Mode, run: np.ndarray, e: _Edges, sums: _Sums, params: Parameters) -> None:
    """Border crossing and gauge change on the link that crosses; inside a customs union (EU,
    EAEU) no clearance, only a short stop (a rail crossing with a published dwell takes that,
    transloading included)."""
    n = len(e.kind)
    hours, cost = sums.hours, sums.cost
    fee_unit = _TRUCK if m is Mode.ROAD else _BOX
    xing = run & e.crossing & ~e.internal
    published = xing & ~np.isnan(e.dwell) if m is Mode.RAIL else np.zeros(n, dtype=bool)
    hours[published] += e.dwell[published]
    hours[xing & ~published] += params["border.dwell_hours"]
    sums.dwelling[xing] = np.where(published[xing], e.dwell[xing], params["border.dwell_hours"])
    sums.dwelling_lo[xing], sums.dwelling_hi[xing] = e.dwell_lo[xing], e.dwell_hi[xing]
    cost[xing, fee_unit] += params["border.usd_per_box"]
    hours[run & e.crossing & e.internal] += params["border.internal_dwell_hours"]
    change = run & e.gauge
    hours[change & ~published] += params["gauge_change.hours"]
    cost[change, fee_unit] += params["gauge_change.usd_per_box"]


def _handling(
    m: Mode, lift: np.ndarray, e: _Edges, cargo: CargoSpec, sums: _Sums, params: Parameters
) -> None:
    """Handling when boarding or leaving the mode (bulk at a yard or port per tonne)."""
    hours, cost = sums.hours, sums.cost
    if m in (Mode.RAIL, Mode.SEA) and cargo.bulk:
        hours[lift] += params["handling.bulk.hours"]
        cost[lift, _TONNE] += params["handling.bulk.usd_per_t"]
    elif m in (Mode.RAIL, Mode.SEA):
        hours[lift] += params[f"handling.{m.value}.hours"]
        cost[lift, _BOX] += params[f"handling.{m.value}.usd_per_box"]
    elif m is Mode.AIR:
        hours[lift] += params["handling.air.hours"]
        cost[lift, _KG] += params["handling.air.usd_per_kg"]
        if cargo.air_surcharge_usd_per_kg:  # cool-chain handling where the cargo is loaded
            cost[lift & (e.kind == EDGE_BOARD), _KG] += cargo.air_surcharge_usd_per_kg
    else:
        hours[lift] += params["handling.road.hours"]
        cost[lift, _TRUCK] += params["handling.road.usd_per_truck"]


def leg_cost(
    mode: Mode | str,
    distance_km: float,
    shipment: Shipment,
    *,
    corridor_kind: str = "",
    departing: bool = True,
    crossing: bool = False,
    gauge_change: bool = False,
    countries: tuple[str, str] | None = None,
    board: bool = False,
    alight: bool = False,
    params: Parameters,
    cargo: CargoSpec | None = None,
) -> LegCost:
    """Price one movement of ``shipment`` over ``distance_km`` by ``mode``.

    Parameters
    ----------
    mode
        The mode run.
    distance_km
        Distance run, km (for air: the great-circle distance plus the GLEC uplift).
    shipment
        What is sent.
    corridor_kind
        Kind of the link's corridor (decides rail rates and frequencies).
    departing
        The movement starts a service (wait for the departure) rather than passing a stop.
    crossing, gauge_change
        The movement crosses a border / changes gauge.
    countries
        ISO2 codes at the two ends (a crossing inside a customs union has no clearance).
    board, alight
        Include the handling of loading onto / unloading from the mode.
    params
        The parameter table.
    cargo
        The spec of the shipment's class; by default, its row of the shipped cargo table.

    Returns
    -------
    LegCost
        Hours, USD and kg CO2e.
    """
    mode = Mode(mode)
    rows = [(EDGE_LINK, distance_km, departing, crossing, gauge_change)]
    if board:
        rows.append((EDGE_BOARD, 0.0, False, False, False))
    if alight:
        rows.append((EDGE_ALIGHT, 0.0, False, False, False))
    table = {
        "kind": [r[0] for r in rows],
        "mode": [mode.value] * len(rows),
        "distance_km": [r[1] for r in rows],
        "corridor_kind": [corridor_kind] * len(rows),
        "departing": [r[2] for r in rows],
        "crossing": [r[3] for r in rows],
        "gauge_change": [r[4] for r in rows],
    }
    if countries is not None:
        table["country_u"] = [countries[0]] * len(rows)
        table["country_v"] = [countries[1]] * len(rows)
    spec = load_cargo_classes().spec(shipment.cargo) if cargo is None else cargo
    priced = edge_costs(table, spec, params)
    units = shipment_units(shipment, params)
    return LegCost(
        hours=float(priced.hours.sum()),
        cost_usd=float((priced.cost @ units.vector()).sum()),
        co2e_kg=float(priced.co2e_kg_per_t.sum() * shipment.weight_t),
        wait_hours=float(priced.wait_hours.sum()),
    )
