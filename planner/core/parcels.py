"""A parcel shipment priced and timed by its class's tariff.

The way a post or an e-commerce line carries it (door to door: the carriage to and from the
mail exchange is in the postage) costs what the tariff charges for the shipment's
pieces (:class:`~planner.model.parcel_tariff.ParcelTariff`) and takes its published days;
its legs keep their route and CO2e (the CO2e scaled to the shipment's weight where the way was
planned for one parcel: :mod:`planner.core.imports`), their costs and hours shared out as the
network had them, so that the legs still add up to the totals.
"""

from __future__ import annotations

import dataclasses

from planner.model.parcel_tariff import ParcelTariff
from planner.model.records import RouteOption
from planner.model.units import HOURS_PER_DAY
from planner.text.message import Message

__all__ = ["as_parcels"]

#: The notes on how the network's rates and times were estimated, which the tariff replaces
#: (the notes on CO2e factors stay: the emissions are still the legs' own).
REPLACED_NOTES = frozenset({"estimated_rates", "estimated_parameters", "no_service"})

def _shares(values: list[float]) -> list[float]:
    """Each value's share of their sum (equal shares when they sum to nothing)."""
    total = sum(values)
    if total <= 0:
        return [1.0 / len(values)] * len(values)
    return [v / total for v in values]


def as_parcels(
    option: RouteOption, tariff: ParcelTariff, kg: float, *, weight_ratio: float = 1.0
) -> RouteOption:
    """``option`` priced by ``tariff`` for ``kg`` chargeable kilograms, its legs' CO2e
    ``weight_ratio`` times theirs (an option planned for one parcel carrying a shipment of
    another weight: CO2e is tonnes × km × the leg's intensity)."""
    if not option.legs:
        return option
    cost_usd = tariff.charge_cny(kg) / option.usd_cny
    hours = tariff.days * HOURS_PER_DAY
    costs = _shares([leg.cost_usd for leg in option.legs])
    times = _shares([leg.hours for leg in option.legs])
    legs = tuple(
        dataclasses.replace(
            leg, cost_usd=cost_usd * c, hours=hours * t, co2e_kg=leg.co2e_kg * weight_ratio
        )
        for leg, c, t in zip(option.legs, costs, times, strict=True)
    )
    note = Message.of(
        "priced_as_parcels", pieces=tariff.pieces(kg), first=tariff.first_kg_cny,
        extra=tariff.extra_kg_cny, days_min=tariff.days_min, days_max=tariff.days_max,
    )
    return dataclasses.replace(
        option, legs=legs, days_min=tariff.days_min, days_max=tariff.days_max,
        notes=(*(n for n in option.notes if n.code not in REPLACED_NOTES), note),
    )
