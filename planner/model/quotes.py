"""The exporter's own quotes: a price a forwarder gave for a lane and a mode, with its validity.

A :class:`Quote` is one checked row of a quotes file (:mod:`planner.io.quotes` reads it): its
places resolved, its mode, price, unit and dates. :meth:`Quote.price` is what the quote asks
for one shipment (per shipment, FEU, TEU, tonne or kg); :meth:`Quote.fits` says whether it
prices an option of a query (same ends, same main haul, through ``via`` where it names one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.model.records import Haul, Place, RouteOption
from planner.model.units import ShipmentUnits

__all__ = ["UNITS", "Quote"]

#: The units a quote's price may be per.
UNITS = ("shipment", "FEU", "TEU", "tonne", "kg")


@dataclass(frozen=True)
class Quote:
    """One quote: lane (origin, destination, optional ``via``), main haul, price and unit,
    validity (first and last day), the note, and the row of the file it came from."""

    origin: Place
    destination: Place
    mode: Haul
    price_usd: float
    unit: str
    valid_from: dt.date
    valid_to: dt.date
    note: str = ""
    via: Place | None = None
    row: int = 0

    def valid_on(self, day: dt.date) -> bool:
        """Whether the quote holds on ``day``."""
        return self.valid_from <= day <= self.valid_to

    def price(self, units: ShipmentUnits, weight_t: float) -> float:
        """USD for a shipment of these units: the price times its FEU, TEU (an FEU counts
        two), tonnes or chargeable kg; per shipment as it is."""
        count = {
            "shipment": 1.0,
            "FEU": float(units.feu + units.teu / 2),
            "TEU": float(units.teu + 2 * units.feu),
            "tonne": weight_t,
            "kg": units.chargeable_kg,
        }[self.unit]
        return self.price_usd * count

    def fits(self, origin: Place, destination: Place, option: RouteOption) -> bool:
        """Whether the quote prices ``option`` between ``origin`` and ``destination``: the same
        places (a country: any place in it), the option's main haul, and ``via`` (a node of the
        option's legs or its ports) where the quote names one."""
        if option.haul is not self.mode:
            return False
        if not (_same(self.origin, origin) and _same(self.destination, destination)):
            return False
        if self.via is None:
            return True
        passed = {leg.from_id for leg in option.legs} | {leg.to_id for leg in option.legs}
        return bool(passed & set(self.via.node_ids or (self.via.id,)))


def _same(quoted: Place, asked: Place) -> bool:
    """A quoted place names an asked one: the same place, one of its nodes, or its country."""
    if quoted.id == asked.id:
        return True
    if quoted.kind == "country":
        return quoted.country == asked.country
    return bool(set(quoted.node_ids) & set(asked.node_ids))
