"""Time, cost and CO2e of moving a shipment along the multimodal graph.

A shipment is counted in units (containers, chargeable kg, trucks, tonnes: see
:mod:`planner.model.units`). Every edge of the graph (see :mod:`planner.network.graph`) has hours
that do not
depend on the shipment, a cost that is *linear* in the shipment's units
(:data:`~planner.model.units.UNIT_NAMES`) and a CO2e that is linear in its weight.
:func:`edge_costs` turns the graph's edge table into those coefficient arrays once per cargo
class, so a query only takes a dot product. :func:`leg_cost` prices a single
movement with the same code, for callers and tests.

Time of a movement = running time at the mode's speed + what comes before it can run: handling
at a transfer, the expected wait for the next departure (half the headway of the weekly
frequency, or the published wait for a ferry without a timetable), border dwell and
gauge-change transhipment (the published typical dwell of the crossing between two countries
where there is one). CO2e = tonne-km x the mode's GLEC well-to-wheel intensity; rail mixes the
electric and diesel intensities by the electric share of the countries the link runs in.
Every number comes from the parameter table.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from corridors import Mode
from planner.model.params import Parameters
from planner.model.records import CargoClass, Shipment
from planner.model.units import UNIT_NAMES, shipment_units
from planner.network.countries import (
    by_country_pair,
    crossing_dwell_hours,
    crossing_dwell_range,
    electric_share,
    ferry_wait_hours,
    ferry_wait_range,
    same_customs_union,
)

__all__ = [
    "EDGE_ALIGHT",
    "EDGE_BOARD",
    "EDGE_DRAYAGE",
    "EDGE_JOIN",
    "EDGE_LINK",
    "EDGE_SWITCH",
    "HOURS_PER_WEEK",
    "EdgeCosts",
    "LegCost",
    "class_forbidden_modes",
    "edge_costs",
    "expected_wait_hours",
    "leg_cost",
    "service_class",
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


def class_forbidden_modes(cargo: CargoClass, params: Parameters) -> dict[Mode, str]:
    """``{Mode: reason}``: the modes a cargo class may not use, each with the reason the
    parameter table gives (a row ``cargo.<class>.forbid_<mode>`` with a non-zero value)."""
    forbidden: dict[Mode, str] = {}
    for mode in Mode:
        key = _FORBID_KEYS[cargo, mode]
        if key in params and params[key]:
            forbidden[mode] = params.row(key).source
    return forbidden


#: The parameter that forbids a cargo class a mode (made once: route notes ask it per route).
_FORBID_KEYS = {
    (cargo, mode): f"cargo.{cargo.value}.forbid_{mode.value}"
    for cargo in CargoClass
    for mode in Mode
}


def expected_wait_hours(mode: Mode, corridor_kind: str, params: Parameters) -> float:
    """Return the expected wait for the next departure of a service.

    Scheduled services wait half their headway on average (departures per week from the
    table); trucks wait their dispatch time.

    Parameters
    ----------
    mode
        The mode boarded.
    corridor_kind
        Kind of the corridor of the first link run (``land``, ``rail_sea``, ``sea``, ...).
    params
        The parameter table.

    Returns
    -------
    float
        Hours.
    """
    if mode is Mode.ROAD:
        return params["road.dispatch_hours"]
    if mode is Mode.RAIL:
        key = "freq.rail_sea_per_week" if corridor_kind in _RAIL_SEA_KINDS else "freq.land_per_week"
    else:
        key = f"freq.{mode.value}_per_week"
    per_week = params[key]
    return HOURS_PER_WEEK / (2.0 * per_week) if per_week > 0 else 0.0


def service_class(mode: Mode | str, corridor_kind: str) -> str:
    """Return the service a link belongs to: cargo stays aboard only within one service.

    Rail–sea block trains and China–Europe / Central Asia trains are different services (a
    change between them means unloading, handling and waiting); every other mode is one
    service.

    Parameters
    ----------
    mode
        The link's mode.
    corridor_kind
        Kind of the link's corridor.

    Returns
    -------
    str
        ``"rail_sea"`` for rail on a rail–sea corridor, ``""`` otherwise.
    """
    if Mode(mode) is Mode.RAIL and corridor_kind in _RAIL_SEA_KINDS:
        return "rail_sea"
    return ""


def _class_factor(cargo: CargoClass, params: Parameters) -> float:
    """Multiplier on container and truck rates for reefer or dangerous equipment."""
    if cargo is CargoClass.PERISHABLE:
        return params["cargo.perishable.reefer_factor"]
    if cargo is CargoClass.DANGEROUS:
        return params["cargo.dangerous.surcharge_factor"]
    return 1.0


def edge_costs(edges: Mapping[str, np.ndarray], cargo: CargoClass, params: Parameters) -> EdgeCosts:
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
        The cargo class.
    params
        The parameter table.

    Returns
    -------
    EdgeCosts
        Coefficient arrays indexed like the rows of ``edges``.
    """
    kind = np.asarray(edges["kind"], dtype=object)
    mode = np.asarray(edges["mode"], dtype=object)
    km = np.asarray(edges["distance_km"], dtype=float)
    corridor_kind = np.asarray(edges["corridor_kind"], dtype=object)
    departing = np.asarray(edges["departing"], dtype=bool)
    crossing = np.asarray(edges["crossing"], dtype=bool)
    gauge = np.asarray(edges["gauge_change"], dtype=bool)
    n = len(kind)
    if "country_u" in edges and "country_v" in edges:
        pairs = list(zip(edges["country_u"], edges["country_v"], strict=True))
    else:
        pairs = [(None, None)] * n
    internal = by_country_pair(pairs, lambda a, b: same_customs_union(a, b, params)) == 1
    # rail tonne-km hauled electrically: the mean of the shares at the link's two ends
    share = by_country_pair(
        pairs, lambda a, b: (electric_share(a, params) + electric_share(b, params)) / 2
    )
    dwell = by_country_pair(pairs, lambda a, b: crossing_dwell_hours(a, b, params))
    dwell_lo, dwell_hi = (
        by_country_pair(pairs, lambda a, b, i=i: crossing_dwell_range(a, b, params)[i])
        for i in (0, 1)
    )
    ferry_wait = by_country_pair(pairs, lambda a, b: ferry_wait_hours(a, b, params))
    ferry_lo, ferry_hi = (
        by_country_pair(pairs, lambda a, b, i=i: (ferry_wait_range(a, b, params) or (None,) * 2)[i])
        for i in (0, 1)
    )
    # the parts of the hours that vary: waits for a departure and border dwells (typical,
    # shortest, longest)
    waiting, wait_lo, wait_hi = np.zeros(n), np.zeros(n), np.zeros(n)
    dwelling, dwelling_lo, dwelling_hi = np.zeros(n), np.zeros(n), np.zeros(n)
    hours = np.zeros(n)
    cost = np.zeros((n, len(UNIT_NAMES)))
    co2 = np.zeros(n)
    forbidden = np.zeros(n, dtype=bool)

    bulk = cargo is CargoClass.BULK
    factor = _class_factor(cargo, params)
    link = kind == EDGE_LINK
    transfer = (kind == EDGE_BOARD) | (kind == EDGE_ALIGHT)
    railsea = np.isin(corridor_kind, list(_RAIL_SEA_KINDS))

    for m in Mode:
        is_mode = mode == m.value
        run = link & is_mode
        if not is_mode.any():
            continue
        speed = params[f"{m.value}.speed_kph"]
        hours[run] += km[run] / speed
        # waiting before the first link after boarding; a through stop otherwise
        if m is Mode.RAIL:
            wait = np.where(
                railsea,
                expected_wait_hours(m, "rail_sea", params),
                expected_wait_hours(m, "land", params),
            )
            stop = params["rail.stop_hours"]
        else:
            wait = np.full(n, expected_wait_hours(m, "", params))
            if m is Mode.SEA:  # a ferry without a timetable: its published wait
                wait = np.where(np.isnan(ferry_wait), wait, ferry_wait)
            stop = {
                Mode.SEA: params["sea.port_call_hours"],
                Mode.AIR: params["air.connection_hours"],
                Mode.ROAD: 0.0,
            }[m]
        starts = run & departing
        hours[starts] += wait[starts]
        waiting[starts] = wait[starts]
        if m is Mode.ROAD:  # a truck's dispatch is booked: no headway to catch
            wait_lo[starts] = wait_hi[starts] = wait[starts]
        else:  # from a departure caught at once to one just missed
            wait_hi[starts] = 2 * wait[starts]
            if m is Mode.SEA:
                ferry = starts & ~np.isnan(ferry_lo)
                wait_lo[ferry], wait_hi[ferry] = ferry_lo[ferry], ferry_hi[ferry]
        hours[run & ~departing] += stop
        # wagons re-marshalled onto another service at a junction: a stop, no handling (the
        # next link waits for the new service's departure)
        hours[(kind == EDGE_SWITCH) & is_mode] += stop

        if m is Mode.RAIL:
            if bulk:
                cost[run, _TONNE] += params["rail.bulk_usd_per_tkm"] * km[run]
            else:
                rate = np.where(
                    railsea, params["rail.railsea_feu_usd_per_km"], params["rail.feu_usd_per_km"]
                )
                cost[run, _FEU] += factor * rate[run] * km[run]
            intensity = (
                share * params["rail.co2e_g_per_tkm_electric"]
                + (1 - share) * params["rail.co2e_g_per_tkm_diesel"]
            )
            co2[run] += intensity[run] * km[run] / G_PER_KG
        elif m is Mode.SEA:
            if bulk:
                cost[run, _TONNE] += params["sea.bulk_usd_per_tkm"] * km[run]
                co2[run] += params["sea.bulk_co2e_g_per_tkm"] * km[run] / G_PER_KG
            else:
                cost[run, _FEU] += factor * params["sea.feu_usd_per_km"] * km[run]
                co2[run] += params["sea.co2e_g_per_tkm"] * km[run] / G_PER_KG
        elif m is Mode.AIR:
            cost[run, _KG] += params["air.usd_per_kg_km"] * km[run]
            cost[run & departing, _KG] += params["air.usd_per_kg"]
            short = km < params["air.short_haul_km"]
            intensity = np.where(
                short,
                params["air.co2e_g_per_tkm_short_haul"],
                params["air.co2e_g_per_tkm_long_haul"],
            )
            co2[run] += intensity[run] * km[run] / G_PER_KG
        else:  # road
            cost[run, _TRUCK] += factor * params["road.truck_usd_per_km"] * km[run]
            co2[run] += params["road.co2e_g_per_tkm"] * km[run] / G_PER_KG

        # border crossing and gauge change on the link that crosses; inside a customs union
        # (EU, EAEU) there is no clearance, only a short stop
        # (a rail crossing with a published dwell takes that, transloading included)
        fee_unit = _TRUCK if m is Mode.ROAD else _BOX
        xing = run & crossing & ~internal
        published = xing & ~np.isnan(dwell) if m is Mode.RAIL else np.zeros(n, dtype=bool)
        hours[published] += dwell[published]
        hours[xing & ~published] += params["border.dwell_hours"]
        dwelling[xing] = np.where(published[xing], dwell[xing], params["border.dwell_hours"])
        dwelling_lo[xing], dwelling_hi[xing] = dwell_lo[xing], dwell_hi[xing]
        cost[xing, fee_unit] += params["border.usd_per_box"]
        hours[run & crossing & internal] += params["border.internal_dwell_hours"]
        change = run & gauge
        hours[change & ~published] += params["gauge_change.hours"]
        cost[change, fee_unit] += params["gauge_change.usd_per_box"]

        # handling when boarding or leaving the mode
        lift = transfer & is_mode
        if m in (Mode.RAIL, Mode.SEA) and bulk:
            hours[lift] += params["handling.bulk.hours"]
            cost[lift, _TONNE] += params["handling.bulk.usd_per_t"]
        elif m in (Mode.RAIL, Mode.SEA):
            hours[lift] += params[f"handling.{m.value}.hours"]
            cost[lift, _BOX] += params[f"handling.{m.value}.usd_per_box"]
        elif m is Mode.AIR:
            hours[lift] += params["handling.air.hours"]
            cost[lift, _KG] += params["handling.air.usd_per_kg"]
            if cargo is CargoClass.PERISHABLE:
                cost[lift & (kind == EDGE_BOARD), _KG] += params["cargo.perishable.air_usd_per_kg"]
        else:
            hours[lift] += params["handling.road.hours"]
            cost[lift, _TRUCK] += params["handling.road.usd_per_truck"]

    # drayage between a port/airport/terminal and its city: a truck at urban speed
    dray = kind == EDGE_DRAYAGE
    hours[dray] += km[dray] / params["road.drayage_speed_kph"]
    cost[dray, _TRUCK] += factor * params["road.truck_usd_per_km"] * km[dray]
    co2[dray] += params["road.co2e_g_per_tkm"] * km[dray] / G_PER_KG

    for m in class_forbidden_modes(cargo, params):
        forbidden |= (mode == m.value) & (link | transfer)
    varying = waiting + dwelling
    return EdgeCosts(
        hours=hours,
        cost=cost,
        co2e_kg_per_t=co2,
        forbidden=forbidden,
        wait_hours=waiting,
        hours_min=hours - varying + wait_lo + dwelling_lo,
        hours_max=hours - varying + wait_hi + dwelling_hi,
    )


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
    priced = edge_costs(table, shipment.cargo, params)
    units = shipment_units(shipment, params)
    return LegCost(
        hours=float(priced.hours.sum()),
        cost_usd=float((priced.cost @ units.vector()).sum()),
        co2e_kg=float(priced.co2e_kg_per_t.sum() * shipment.weight_t),
        wait_hours=float(priced.wait_hours.sum()),
    )
