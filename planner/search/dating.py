"""An option dated from a ready day, priced at that day, or priced by a quote; options re-ranked.

* :func:`departure`: when the main haul leaves, from the ready day and the days to its
  terminal: a service with published weekdays leaves on the next such day (on or after the
  day the goods reach it); one with only a frequency gets its earliest (caught at once),
  expected (half the headway) and latest (just missed) departure; a truck leaves when loaded.
* :func:`dated`: the option with its dates; the wait for a weekday service becomes the real
  one, and a dated slow week on its way (:mod:`planner.model.slow_weeks`) a wait of its own,
  so that arrival − ready is the option's transit.
* :func:`priced_at` and :func:`quoted`: its price scaled by the main haul's rate series at
  the day (:mod:`planner.model.rates`), or replaced by a quote.
* :func:`reranked`: options ordered again for the priority after their prices changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corridors import Mode
from planner.model.rates import Band
from planner.model.records import Dates, Haul, Leg, Priority, RouteOption
from planner.model.slow_weeks import SlowWeek
from planner.model.units import Pricing
from planner.search.ranking import Standing, order, pareto_flags, ranking_keys
from planner.search.wording import retitled
from planner.text.message import Message

__all__ = ["Departure", "dated", "departure", "priced_at", "quoted", "reranked"]


@dataclass(frozen=True)
class Departure:
    """The main haul's departure: its day, the wait in days from reaching its terminal, the
    earliest and latest day it may leave, and the basis (:class:`planner.model.records.Dates`)."""

    day: dt.date
    wait_days: float
    earliest: dt.date
    latest: dt.date
    basis: str


def departure(
    ready: dt.date,
    to_departure_days: float,
    wait_days: float,
    weekdays: Sequence[int] = (),
    basis: str = "model",
) -> Departure:
    """When the main haul leaves for goods ready on ``ready`` that reach its terminal
    ``to_departure_days`` later; ``weekdays`` (Monday 0) where a source publishes them;
    ``basis``: ``frequency``, ``unpublished`` (a service whose frequency is not published) or
    ``model`` (the expected wait ``wait_days``) or ``road``."""
    reach = ready + dt.timedelta(days=math.floor(to_departure_days))
    if weekdays:
        ahead = min((d - reach.weekday()) % 7 for d in weekdays)
        day = reach + dt.timedelta(days=ahead)
        wait = 0.0 if ahead == 0 else ahead - (to_departure_days - math.floor(to_departure_days))
        return Departure(day, wait, day, day, "weekdays")
    if basis == "road":
        return Departure(reach, 0.0, reach, reach, basis)
    day = ready + dt.timedelta(days=math.floor(to_departure_days + wait_days))
    latest = ready + dt.timedelta(days=math.floor(to_departure_days + 2 * wait_days))
    return Departure(day, wait_days, reach, latest, basis)


def dated(
    option: RouteOption,
    ready: dt.date,
    gone: Departure,
    slow: Sequence[SlowWeek] = (),
) -> RouteOption:
    """``option`` with its dates from ``ready`` and its departure ``gone``: the wait for its
    service's departure set to the real one, and each slow week its trip meets a wait of its
    own where it holds the route (a note says which and why)."""
    legs = list(option.legs)
    at = _departure_wait(option)
    if at is not None and gone.basis == "weekdays":
        legs[at] = dataclasses.replace(legs[at], hours=gone.wait_days * 24.0)
    shift = gone.wait_days - option.wait_days
    arrival = ready + dt.timedelta(days=option.transit_days + shift)
    notes = list(option.notes)
    nodes = {leg.from_id for leg in legs} | {leg.to_id for leg in legs}
    for week in slow:
        if not week.holds(nodes, gone.day, arrival):
            continue
        where = next(i for i, leg in enumerate(legs) if week.node in (leg.from_id, leg.to_id))
        leg = legs[where]
        node = week.node
        legs.insert(where + (leg.to_id == node and leg.from_id != node), Leg(
            node, node, leg.mode, leg.corridor, 0.0, week.delay_days * 24.0, 0.0, 0.0, wait=True
        ))  # fmt: skip
        arrival += dt.timedelta(days=week.delay_days)
        notes.append(Message.of("slow_week", name=week.name, days=week.delay_days,
                                source=week.source))
    out = dataclasses.replace(
        option,
        legs=tuple(legs),
        notes=tuple(notes),
        wait_days=gone.wait_days,
        dates=Dates(
            gone.day.isoformat(),
            (ready + dt.timedelta(days=math.floor(sum(g.hours for g in legs) / 24.0))).isoformat(),
            gone.earliest.isoformat(),
            gone.latest.isoformat(),
            gone.basis,
        ),
    )
    days = out.transit_days
    # the shortest transit waited for no departure: a day known adds its wait, never less
    low = option.transit_days_min + (gone.wait_days if gone.basis == "weekdays" else max(shift, 0))
    return retitled(dataclasses.replace(
        out,
        days_min=min(low, days),
        days_max=max(option.transit_days_max + shift, days),
    ))


def _departure_wait(option: RouteOption) -> int | None:
    """The index of the leg that holds the wait for the main haul's service, if any."""
    if option.ride is None:
        return None
    for i, leg in enumerate(option.legs):
        if leg.service == option.ride.service_id and not leg.wait:
            return i - 1 if i > 0 and option.legs[i - 1].wait else None
    return None


def priced_at(option: RouteOption, band: Band) -> RouteOption:
    """``option`` priced by its main haul's series: its legs' costs times the band's factor,
    the band and the date of the rates used."""
    scaled = _scaled(option, option.cost_usd * band.factor)
    return dataclasses.replace(scaled, price_band=(band.low, band.high), price_as_of=band.as_of)


def quoted(
    option: RouteOption, price_usd: float, insurance_usd: float, since: str, note: Message
) -> RouteOption:
    """``option`` priced by a quote of ``price_usd`` (its insurance kept beside it), valid
    from ``since``: a firm price, marked ``quote`` with its note."""
    scaled = _scaled(option, price_usd + insurance_usd)
    return dataclasses.replace(
        scaled,
        price_band=(1.0, 1.0),
        price_as_of=since,
        price_source="quote",
        price_note=str(note.params.get("note", "")),
        notes=(*option.notes, note),
    )


def _scaled(option: RouteOption, total: float) -> RouteOption:
    """``option`` with its legs' costs scaled to sum to ``total``."""
    now = option.cost_usd
    if now <= 0 or math.isclose(now, total):
        return option
    k = total / now
    legs = tuple(dataclasses.replace(leg, cost_usd=leg.cost_usd * k) for leg in option.legs)
    return dataclasses.replace(option, legs=legs)


def reranked(options: list[RouteOption], priority: Priority, pricing: Pricing) -> list[RouteOption]:
    """The options ordered again for ``priority`` (their prices changed), ranked ``1..n``, the
    Pareto flags taken among them; what ranks a route whatever the priority (a stale service,
    a model train after a published one) still does."""
    if len(options) < 2:
        return options
    days = np.array([o.transit_days for o in options])
    cost = np.array([o.cost_usd for o in options])
    co2 = np.array([o.co2e_kg for o in options])
    generalised = pricing.generalised(days * 24.0, cost, co2)
    stale = np.array([o.ride is not None and o.ride.stale for o in options])
    rail = np.array([o.haul is Haul.RAIL for o in options])
    ridden = np.array([o.ride is not None for o in options])
    served = rail & ridden & ~stale
    days_max = np.array([o.transit_days_max for o in options])
    keys = ranking_keys(priority, days, cost, co2, generalised, pricing.shelf_days, stale,
                        days_max)  # fmt: skip
    standing = Standing(stale, served, rail & ~ridden & served.any(),
                        np.zeros(len(options), dtype=bool), days_max)  # fmt: skip
    flags = pareto_flags(days, cost, co2)
    return [
        dataclasses.replace(options[i], rank=rank, pareto_optimal=bool(flags[i]))
        for rank, i in enumerate(order(keys, standing), start=1)
    ]


def road_only(option: RouteOption) -> bool:
    """Whether the option's main haul is a truck (it leaves when loaded)."""
    return option.haul is Haul.ROAD or all(leg.mode is Mode.ROAD for leg in option.legs)
