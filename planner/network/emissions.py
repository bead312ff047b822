"""How CO2e is counted: one intensity rule for every movement, and the method an option states.

CO2e of a leg = tonnes × km × its mode's well-to-wheel intensity, after the GLEC Framework v3
and ISO 14083. :func:`co2e_intensity` is the one rule: the edges' CO2e
(:mod:`planner.network.costs`) and the method shown (:func:`emission_method`) both read it. Rail
mixes the electric and the diesel intensity by the electric share of the countries a link runs
in, so a rail leg's factor lies between the two; air takes the short- or the long-haul intensity
by the leg's length; a bulk class sails on a bulk carrier. :func:`emission_method` says which
rows of the parameter table an option used and the factor of each of its legs, so that an
answer can state its method.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from corridors import Mode
from planner.model.emission_method import FRAMEWORK, SCOPE, STANDARD, EmissionMethod
from planner.model.params import Parameter, Parameters

if TYPE_CHECKING:
    from planner.model.cargo import CargoSpec
    from planner.model.records import Leg

__all__ = [
    "FRAMEWORK",
    "SCOPE",
    "STANDARD",
    "EmissionMethod",
    "Intensity",
    "co2e_intensity",
    "emission_method",
]

_G_PER_KG = 1000.0


@dataclass(frozen=True)
class Intensity:
    """The well-to-wheel CO2e intensity of a movement: the rows of the parameter table it is
    computed from and its g CO2e per tonne-km (an array for an array of distances)."""

    keys: tuple[str, ...]
    g_per_tkm: float | np.ndarray


def co2e_intensity(
    mode: Mode,
    distance_km: float | np.ndarray,
    cargo: CargoSpec,
    params: Parameters,
    *,
    electric_share: float | np.ndarray = 1.0,
) -> Intensity:
    """The CO2e intensity of moving ``cargo`` by ``mode`` over ``distance_km``: the one rule that
    both the edges' CO2e and the method an option states read.

    Rail mixes its electric and diesel intensities by ``electric_share``; air takes the short-
    or the long-haul intensity by the distance; bulk sails on a bulk carrier.

    Parameters
    ----------
    mode
        The mode run.
    distance_km
        The distance (one or an array).
    cargo
        The cargo class's spec.
    params
        The parameter table.
    electric_share
        Share of rail tonne-km hauled electrically (rail only).

    Returns
    -------
    Intensity
        The keys used and the g CO2e per tonne-km.
    """
    if mode is Mode.RAIL:
        electric, diesel = _RAIL_INTENSITY_KEYS
        share = electric_share
        return Intensity(
            _RAIL_INTENSITY_KEYS, share * params[electric] + (1 - share) * params[diesel]
        )
    if mode is Mode.AIR:
        short = np.asarray(distance_km) < params["air.short_haul_km"]
        used = ((_AIR_SHORT_KEY, bool(short.any())), (_AIR_LONG_KEY, bool((~short).any())))
        g = np.where(short, params[_AIR_SHORT_KEY], params[_AIR_LONG_KEY])
        return Intensity(tuple(k for k, on in used if on), g if g.ndim else float(g))
    if mode is Mode.SEA:
        key = "sea.bulk_co2e_g_per_tkm" if cargo.bulk else "sea.co2e_g_per_tkm"
    else:
        key = "road.co2e_g_per_tkm"
    return Intensity((key,), params[key])


_RAIL_INTENSITY_KEYS = ("rail.co2e_g_per_tkm_electric", "rail.co2e_g_per_tkm_diesel")
_AIR_SHORT_KEY = "air.co2e_g_per_tkm_short_haul"
_AIR_LONG_KEY = "air.co2e_g_per_tkm_long_haul"



def emission_method(
    legs: Sequence[Leg], weight_t: float, cargo: CargoSpec, params: Parameters
) -> EmissionMethod:
    """The method of an option of ``legs`` carrying ``weight_t`` tonnes of ``cargo``.

    Parameters
    ----------
    legs
        The option's priced legs.
    weight_t
        The shipment's weight (the legs' CO2e is for it).
    cargo
        The cargo class's spec (a bulk class sails on a bulk carrier).
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
        for key in co2e_intensity(leg.mode, leg.distance_km, cargo, params).keys:
            factors.setdefault(key, (leg.mode.value, params.row(key)))
        tkm = weight_t * leg.distance_km
        per_leg.append(leg.co2e_kg * _G_PER_KG / tkm if tkm > 0 else None)
    modes = tuple(leg.mode.value for leg in legs)
    return EmissionMethod(tuple(factors.values()), modes, tuple(per_leg))
