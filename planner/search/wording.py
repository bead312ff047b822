"""What an option says about itself: its title and its notes, as message records.

The title names the long-haul modes, the Shanxi rail terminal a train leaves from, the port of
exit and (by air or sea) the port of entry, and the days: "Rail from Houma Fanglue Land Port
via Horgos, 10 d". The notes warn of what the numbers do not show. Both are
:class:`~planner.text.messages.Message` records; :func:`planner.text.messages.render` writes them.
"""

from __future__ import annotations

import dataclasses
import math

from corridors import Mode, Node
from planner.model.cargo import CargoSpec
from planner.model.params import Parameters
from planner.model.records import Haul, Ride, RouteOption, Shipment, trucked_first_km
from planner.model.units import HOURS_PER_DAY
from planner.network.costs import sails_to_americas
from planner.network.graph import MultimodalGraph
from planner.search.routes import Shape
from planner.search.timetable import Timing
from planner.text.message import Message, Name

__all__ = ["heading", "route_notes", "route_title"]

#: Per mode: the rates of its legs (by cargo kind) and its speed, as the parameter table names them.
_RATE_KEYS = {
    Mode.RAIL: "rail.feu_usd_per_km",
    Mode.SEA: "sea.feu_usd_per_km",
    Mode.AIR: ("air.usd_per_kg_km", "air.usd_per_kg"),
    Mode.ROAD: "road.truck_usd_per_km",
}
_BULK_RATE_KEYS = {Mode.RAIL: "rail.bulk_usd_per_tkm", Mode.SEA: "sea.bulk_usd_per_tkm"}
_RAIL_SEA_RATE = "rail.railsea_feu_usd_per_km"
_AMERICAS_RATE = "sea.americas_feu_usd_per_km"
_PORT_PREFIXES = ("Port of ",)
_PORT_SUFFIXES = (" Port",)


def heading(graph: MultimodalGraph, shape: Shape) -> dict:
    """The title's parameters that do not depend on the shipment: ``modes`` (the long-haul
    modes in order), ``terminal``, ``exit`` and ``entry`` (names, or ``None``)."""
    modes: list[Mode] = []
    terminal = None
    for leg in shape.legs:
        if leg.link_id is None:  # drayage
            continue
        mode = Mode.RAIL if leg.ferry else leg.mode  # the Caspian ferry carries the train
        if not modes or modes[-1] is not mode:
            modes.append(mode)
            starts_at = graph.nodes[leg.from_id]
            if mode is Mode.RAIL and terminal is None and starts_at.kind == "rail_terminal":
                terminal = starts_at
    main = [m for m in modes if m is not Mode.ROAD] or modes or [Mode.ROAD]
    collapsed: list[Mode] = []
    for m in main:
        if not collapsed or collapsed[-1] is not m:
            collapsed.append(m)
    entry = None
    if shape.exit_port is not None and shape.entry_port is not None:
        # by air or sea, or a sailing and then the rail–sea train inland (an import)
        if Mode.AIR in collapsed or Mode.SEA in collapsed:
            entry = _port_name(graph, shape.entry_port, short=True)
    return {
        "modes": tuple(m.value for m in collapsed),
        "terminal": _terminal_name(terminal) if terminal is not None else None,
        "exit": _port_name(graph, shape.exit_port, short=False) if shape.exit_port else None,
        "entry": entry,
    }


def route_title(head: dict, days: float) -> Message:
    """The title of a route: its :func:`heading` and its transit days."""
    return Message.of("route", days=days, **head)


def _service_note(shape: Shape, ride: Ride | None) -> Message:
    if ride is None:
        return Message.of("no_service", haul=shape.haul.value)
    per_week = None if math.isnan(ride.per_week) else ride.per_week
    last_seen = ride.seen[:4] if ride.stale else None
    return Message.of(
        "rides_service", name=ride.name, per_week=per_week, seen=ride.seen, last_seen=last_seen
    )


def _pre_carriage_note(shape: Shape, ride: Ride | None, limit_km: float) -> Message | None:
    """Why a route trucks far before its main haul (past a nearer railhead): the service it
    rides leaves there, or the route is among the best found (else ``None``)."""
    km = trucked_first_km(shape.legs)
    if km is None or km <= limit_km:  # None: a road haul, the truck is the main haul
        return None
    if ride is not None:
        return Message.of("trucked_to_service", km=km, name=ride.name)
    return Message.of("trucked_to_haul", km=km)


def _terminal_name(node: Node) -> Name:
    # "Taiyuan South Freight Yard (dry port)" -> "Taiyuan South Freight Yard"
    return Name(node.name_en.split(" (")[0], node.name_zh.split("（")[0])


def _port_name(graph: MultimodalGraph, node: Node, *, short: bool) -> Name:
    """``Zhengzhou CGO`` / ``FRA`` for airports, ``Tianjin`` for seaports, the name otherwise."""
    if node.kind == "airport" and node.iata:
        city = graph.nodes.get(str(node.props.get("city")))
        if short or city is None:
            return Name(str(node.iata), node.name_zh)
        return Name(f"{city.name_en} {node.iata}", node.name_zh)
    name = node.name_en
    for prefix in _PORT_PREFIXES:
        name = name.removeprefix(prefix)
    for suffix in _PORT_SUFFIXES:
        name = name.removesuffix(suffix)
    return Name(name, node.name_zh)


def _rate_keys(
    mode: Mode, cargo: CargoSpec, shape: Shape, timed: range | None
) -> tuple[str, ...]:
    """The parameters a mode's legs of a route are priced and timed by: its rate (a rail leg
    of a rail–sea option rides a rail–sea train; bulk has its own rates) and its speed where a
    leg is not timed by a service's published transit."""
    rate = _RATE_KEYS[mode]
    if cargo.bulk and mode in _BULK_RATE_KEYS:
        rate = _BULK_RATE_KEYS[mode]
    elif mode is Mode.RAIL and shape.haul is Haul.SEA:
        rate = _RAIL_SEA_RATE
    elif mode is Mode.SEA and _to_americas(shape):
        rate = _AMERICAS_RATE
    keys = [rate] if isinstance(rate, str) else list(rate)
    legs = [i for i, leg in enumerate(shape.legs) if leg.mode is mode]
    if any(shape.legs[i].link_id is not None and i not in (timed or ()) for i in legs):
        keys.append(f"{mode.value}.speed_kph")
    if any(shape.legs[i].link_id is None for i in legs):  # a truck between a port and its city
        keys.append("road.drayage_speed_kph")
    return tuple(keys)


def _to_americas(shape: Shape) -> bool:
    """Whether the route sails from outside the Americas to a port of them (their own rate)."""
    exit_port, entry_port = shape.exit_port, shape.entry_port
    if exit_port is None or entry_port is None:
        return False
    return bool(sails_to_americas(exit_port.lon, entry_port.lon))


def route_notes(
    params: Parameters,
    shipment: Shipment,
    cargo: CargoSpec,
    days: float,
    shape: Shape,
    timing: Timing | None = None,
) -> tuple[Message, ...]:
    """What a shipper should know about a route that its numbers do not say.

    Parameters
    ----------
    params
        The parameter table.
    shipment
        What is sent.
    cargo
        The spec of its class (shelf life, forbidden modes, bulk rates).
    days
        Transit days of the route for this shipment.
    shape
        The route.
    timing
        Its time: the scheduled service its main haul rides, if any, and the legs that
        service's published days time (their speed is then not the model's).

    Returns
    -------
    tuple of Message
        The service it rides (or that none is known), the truck from or to a place beyond
        the network (and the other places its name names), a cargo that would not keep,
        more than one freighter's load by air, a sea leg through the Red Sea, the modes the
        cargo class may not use (and why), and per mode the rates and speed that are
        estimates, each parameter's row of the table.
    """
    ride = timing.ride if timing is not None else None
    covered = timing.covered() if timing is not None else None
    timed = covered[1] if covered is not None else None
    out: list[Message] = [_service_note(shape, ride)]
    trucked = _pre_carriage_note(shape, ride, params["road.pre_carriage_note_km"])
    if trucked is not None:
        out.append(trucked)
    for truck in (shape.first_mile, shape.last_mile):  # a place beyond the network
        if truck is not None:
            out.extend(truck.notes())
    used = shape.modes_used
    limit = cargo.shelf_life_days
    if math.isfinite(limit):
        longest = timing.hours_max / HOURS_PER_DAY if timing is not None else days
        if days > limit:
            out.append(Message.of("perishable_too_long", days=days, limit=limit))
        elif longest > limit:  # typically in time, but not at its slowest
            out.append(Message.of("perishable_may_be_too_long", days=longest, limit=limit))
    if Mode.AIR in used and shipment.weight_t > params["air.max_shipment_t"]:
        out.append(
            Message.of(
                "heavy_for_air", weight_t=shipment.weight_t, capacity_t=params["air.max_shipment_t"]
            )
        )
    if shape.red_sea:
        out.append(Message.of("red_sea"))
    for mode, reason in cargo.forbidden_reasons().items():
        out.append(Message.of("mode_forbidden", mode=mode.value, cargo=cargo.label, reason=reason))
    for mode in sorted(used, key=lambda m: m.value):
        keys = [k for k in _rate_keys(mode, cargo, shape, timed) if k in params]
        rows = tuple(params.row(k) for k in keys if params.is_estimate(k))
        if rows:
            out.append(Message.of("estimated_rates", mode=mode.value, params=rows))
    return tuple(out)


def retitled(option: RouteOption) -> RouteOption:
    """The option with the days of its title (if it names any) taken from its legs (an
    option joined from parts, or dated: its days are no longer those it was titled with)."""
    title = option.title
    if title is None or "days" not in title.params:
        return option
    return dataclasses.replace(
        option, title=Message.of(title.code, **{**title.params, "days": option.transit_days})
    )
