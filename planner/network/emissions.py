"""How CO2e is counted: one intensity rule for every movement, and the method an option states.

CO2e of a leg = tonnes × km × its mode's well-to-wheel intensity, after the GLEC Framework v3
and ISO 14083. :func:`co2e_intensity` is the one rule: the edges' CO2e
(:mod:`planner.network.costs`) and the method shown (:func:`emission_method`) both read it. Rail
mixes the electric and the diesel intensity by the electric share of the countries a link runs
in, so a rail leg's factor lies between the two; air takes the short- or the long-haul intensity
by the leg's length, a freighter's where only freighters fly the link, else the belly hold's; a
bulk class sails on a bulk carrier. :func:`emission_method` says which rows of the parameter
table an option used and the factor of each of its legs, so that an answer can state its
method.
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
    freighter: bool | np.ndarray = False,
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
    freighter
        Flown by freighters (air only; one or an array): the freighter's intensity, not the
        belly hold's (GLEC gives them apart).

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
        cargo_only = np.broadcast_to(np.asarray(freighter, dtype=bool), short.shape)
        used = [
            (key, bool((band & (cargo_only if own else ~cargo_only)).any()))
            for (key, own), band in zip(_AIR_KEYS, (short, ~short, short, ~short), strict=True)
        ]
        g = np.select(
            [short & ~cargo_only, ~short & ~cargo_only, short & cargo_only],
            [params[key] for key, _ in _AIR_KEYS[:3]],
            params[_AIR_KEYS[3][0]],
        )
        return Intensity(tuple(k for k, on in used if on), g if g.ndim else float(g))
    if mode is Mode.SEA:
        key = "sea.bulk_co2e_g_per_tkm" if cargo.bulk else "sea.co2e_g_per_tkm"
    else:
        key = "road.co2e_g_per_tkm"
    return Intensity((key,), params[key])


_RAIL_INTENSITY_KEYS = ("rail.co2e_g_per_tkm_electric", "rail.co2e_g_per_tkm_diesel")
#: The air intensities and whether each is a freighter's: belly short and long haul, then
#: freighter short and long haul.
_AIR_KEYS = (
    ("air.co2e_g_per_tkm_short_haul", False),
    ("air.co2e_g_per_tkm_long_haul", False),
    ("air.co2e_g_per_tkm_freighter_short_haul", True),
    ("air.co2e_g_per_tkm_freighter_long_haul", True),
)



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
        if leg.wait:  # a wait for a departure moves nothing
            per_leg.append(None)
            continue
        found = co2e_intensity(leg.mode, leg.distance_km, cargo, params, freighter=leg.freighter)
        for key in found.keys:
            factors.setdefault(key, (leg.mode.value, params.row(key)))
        tkm = weight_t * leg.distance_km
        per_leg.append(leg.co2e_kg * _G_PER_KG / tkm if tkm > 0 else None)
    modes = tuple(leg.mode.value for leg in legs)
    return EmissionMethod(tuple(factors.values()), modes, tuple(per_leg))
