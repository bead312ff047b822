"""How an option's CO2e is counted: the method, the factors of the table it uses, each leg's.

CO2e of a leg = tonnes × km × its mode's well-to-wheel intensity, after the GLEC Framework v3
and ISO 14083 (:mod:`planner.network.costs` does the sums). Rail mixes the electric and the diesel
intensity by the electric share of the countries a link runs in, so a rail leg's factor lies
between the two; air takes the short- or the long-haul intensity by the leg's length; bulk sails
on a bulk carrier. :func:`emission_method` says which rows of the parameter table an option used
and the factor of each of its legs, so that an answer can state its method.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from corridors import Mode
from planner.model.emission_method import FRAMEWORK, SCOPE, STANDARD, EmissionMethod
from planner.model.params import Parameter, Parameters

if TYPE_CHECKING:
    from planner.model.records import CargoClass, Leg

__all__ = ["FRAMEWORK", "SCOPE", "STANDARD", "EmissionMethod", "emission_method"]

_G_PER_KG = 1000.0
_RAIL = ("rail.co2e_g_per_tkm_electric", "rail.co2e_g_per_tkm_diesel")


def _keys(leg: Leg, cargo: CargoClass, params: Parameters) -> tuple[str, ...]:
    """The intensities of the table a leg's CO2e is computed from (as
    :mod:`planner.network.costs`)."""
    if leg.mode is Mode.RAIL:
        return _RAIL
    if leg.mode is Mode.SEA:
        return ("sea.bulk_co2e_g_per_tkm",) if cargo.value == "bulk" else ("sea.co2e_g_per_tkm",)
    if leg.mode is Mode.AIR:
        short = leg.distance_km < params["air.short_haul_km"]
        return ("air.co2e_g_per_tkm_short_haul" if short else "air.co2e_g_per_tkm_long_haul",)
    return ("road.co2e_g_per_tkm",)


def emission_method(
    legs: Sequence[Leg], weight_t: float, cargo: CargoClass, params: Parameters
) -> EmissionMethod:
    """The method of an option of ``legs`` carrying ``weight_t`` tonnes of ``cargo``.

    Parameters
    ----------
    legs
        The option's priced legs.
    weight_t
        The shipment's weight (the legs' CO2e is for it).
    cargo
        The cargo class (bulk sails on a bulk carrier).
    params
        The parameter table.

    Returns
    -------
    EmissionMethod
        The rows used and each leg's g CO2e per tonne-km.
    """
    factors: dict[str, tuple[str, Parameter]] = {}
    per_leg: list[float | None] = []
    for leg in legs:
        for key in _keys(leg, cargo, params):
            factors.setdefault(key, (leg.mode.value, params.row(key)))
        tkm = weight_t * leg.distance_km
        per_leg.append(leg.co2e_kg * _G_PER_KG / tkm if tkm > 0 else None)
    modes = tuple(leg.mode.value for leg in legs)
    return EmissionMethod(tuple(factors.values()), modes, tuple(per_leg))
