"""A query's options finished for its day and its quotes: dates, dated prices, quoted prices.

:func:`finished` is what :meth:`planner.core.planner.Planner.plan` returns: the route search's
options (which know nothing of dates or quotes) priced by the main haul's rate series at the
ready day (the model's price and its band without one), priced by a valid quote of their lane
and mode, dated from the ready day, and ranked again when a price changed.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Protocol

from planner.model.quotes import Quote
from planner.model.rates import Rates, load_rates
from planner.model.records import Haul, RouteOption
from planner.model.slow_weeks import load_slow_weeks
from planner.model.units import shipment_units
from planner.network.costs import AMERICAS_WEST_OF
from planner.search.dating import dated, departure, priced_at, quoted, reranked, road_only
from planner.text.message import Message

if TYPE_CHECKING:
    import pandas as pd

    from corridors.network import Network
    from planner.model.params import Parameters
    from planner.model.query import Query
    from planner.model.records import Shipment
    from planner.model.units import Pricing


class Planner(Protocol):
    """What dating and quoting options need of a :class:`planner.core.planner.Planner` (a
    protocol: the planner imports this module)."""

    network: Network
    params: Parameters
    services: pd.DataFrame

    def pricing(self, shipment: Shipment) -> Pricing: ...

__all__ = ["finished", "series_of"]

#: The series each main haul's price follows (a sea haul: by its port of entry).
SERIES = {
    Haul.AIR: "air_china_europe",
    Haul.RAIL: "rail_china_europe",
    Haul.ROAD: "truck_china",
    Haul.SEA: "sea_asia_neu",
}


def series_of(haul: Haul | str | None, entry_lon: float | None) -> str:
    """The rate series an option's price follows: its main haul's, the Los Angeles lane's for
    a sailing to the Americas."""
    haul = Haul(haul) if haul else Haul.ROAD
    if haul is Haul.SEA and entry_lon is not None and entry_lon < AMERICAS_WEST_OF:
        return "sea_asia_uswc"
    return SERIES[haul]


def finished(planner: Planner, query: Query, options: list[RouteOption]) -> list[RouteOption]:
    """``options`` of ``query`` priced at its day (or the model's price with its band),
    priced by its quotes, and dated from its ready day (see the module)."""
    rates = load_rates(planner.network.data_dir)
    day = query.ready
    out = [_priced(o, rates, day) for o in options]
    if query.quotes:
        out = _quoted(planner, query, out, day or dt.date.today())
    if day is not None:
        slow = load_slow_weeks(planner.network.data_dir)
        out = [_dated(planner, o, day, slow) for o in out]
    if day is not None or any(o.price_source == "quote" for o in out):
        out = reranked(out, query.priority, planner.pricing(query.shipment))
    return out


def _priced(option: RouteOption, rates: Rates, day: dt.date | None) -> RouteOption:
    entry = option.entry_port
    series = series_of(option.haul, entry.lon if entry is not None else None)
    return priced_at(option, rates.band(series, day))


def _quoted(
    planner: Planner, query: Query, options: list[RouteOption], day: dt.date
) -> list[RouteOption]:
    """Each option priced by the first quote valid on ``day`` that fits it."""
    shipment = query.shipment
    pricing = planner.pricing(shipment)
    units = shipment_units(shipment, planner.params)
    valid: list[Quote] = [q for q in query.quotes if q.valid_on(day)]
    out = []
    for option in options:
        quote = next((q for q in valid if q.fits(query.origin, query.destination, option)), None)
        if quote is None:
            out.append(option)
            continue
        note = Message.of("quote_used", row=quote.row, note=quote.note,
                          price=quote.price_usd, unit=quote.unit)  # fmt: skip
        price = quote.price(units, shipment.weight_t)
        since = quote.valid_from.isoformat()
        out.append(quoted(option, price, pricing.insurance_usd, since, note))
    return out


def _dated(planner: Planner, option: RouteOption, day: dt.date, slow) -> RouteOption:
    ride = option.ride
    weekdays: tuple[int, ...] = ()
    services = planner.services
    if ride is not None and option.haul is not Haul.SEA and ride.service_id in services.index:
        weekdays = tuple(services.at[ride.service_id, "weekdays"])
    if road_only(option):
        basis = "road"
    elif ride is not None:  # a published service, its frequency published or estimated
        basis = "unpublished" if math.isnan(ride.per_week) else "frequency"
    else:
        basis = "model"
    gone = departure(day, option.to_departure_days, option.wait_days, weekdays, basis)
    return dated(option, day, gone, slow)
