"""How one shipment counts and what its time and carbon are worth: priced once, used everywhere.

A shipment (cargo class, weight, volume) is counted per mode:

* rail and sea: containers, the cheapest mix of 20 ft (TEU) and 40 ft (FEU) boxes that holds its
  weight and volume (several boxes when needed); bulk cargo is priced per tonne instead;
* air: chargeable kilograms, ``max(actual, volumetric at 1:6000)``;
* road: trucks, from weight and volume.

Every edge cost of the graph is linear in these units (:data:`UNIT_NAMES`, see
:mod:`planner.network.costs`). :class:`Pricing` holds everything a search needs to price one
shipment —
its units, the value of its time, the carbon price, its insurance — and
:meth:`Pricing.generalised` is the one generalised cost (money + value of time + carbon price)
that the searches, the ranking and the route library all use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from planner.model.arrays import lexicographic_argmin
from planner.model.cargo import CargoSpec
from planner.model.params import Parameters
from planner.model.records import Shipment

__all__ = [
    "HOURS_PER_DAY",
    "KG_PER_T",
    "UNIT_NAMES",
    "Pricing",
    "ShipmentUnits",
    "chargeable_kg",
    "container_mix",
    "container_mixes",
    "insurance_usd",
    "shipment_units",
    "truck_count",
    "units_matrix",
]

KG_PER_T = 1000.0
HOURS_PER_DAY = 24.0

# The shipment's units every edge cost is linear in (order of the coefficient columns).
UNIT_NAMES = ("feu_equiv", "boxes", "chargeable_kg", "trucks", "weight_t")


@dataclass(frozen=True)
class ShipmentUnits:
    """How a shipment counts on each mode."""

    teu: int
    feu: int
    feu_equiv: float
    chargeable_kg: float
    trucks: int
    weight_t: float

    @property
    def boxes(self) -> int:
        """Containers of either size."""
        return self.teu + self.feu

    def vector(self) -> np.ndarray:
        """The units in :data:`UNIT_NAMES` order."""
        return np.array(
            [self.feu_equiv, self.boxes, self.chargeable_kg, self.trucks, self.weight_t],
            dtype=float,
        )


def _ceil(value: np.ndarray) -> np.ndarray:
    """Ceiling that ignores float noise (``60 / 30 * 1.0000000001`` stays 2), at least 0."""
    return np.maximum(np.ceil(np.round(value, 9)), 0.0)


def container_mixes(
    weight_t: np.ndarray, volume_m3: np.ndarray, params: Parameters
) -> tuple[np.ndarray, np.ndarray]:
    """The cheapest mix of 20 ft (TEU) and 40 ft (FEU) boxes for each of many shipments.

    A TEU costs ``container.teu_cost_ratio`` of an FEU; usable volume is the internal volume
    times ``container.fill_factor``. Ties go to fewer boxes, then fewer TEU. The cost is
    piecewise linear in the number of FEU, so besides every count up to
    :data:`_BRUTE_FORCE_BOXES` only counts near its breakpoints are tried.

    Parameters
    ----------
    weight_t, volume_m3
        Gross weights (t) and volumes (m³), one per shipment.
    params
        The parameter table.

    Returns
    -------
    tuple of numpy.ndarray
        Numbers of TEU and of FEU per shipment (at least one box in all).
    """
    w = np.asarray(weight_t, dtype=float)
    v = np.asarray(volume_m3, dtype=float)
    feu_t = params["container.feu_payload_t"]
    feu_m3 = params["container.feu_volume_m3"] * params["container.fill_factor"]
    max_feu = np.maximum(_ceil(np.maximum(w / feu_t, v / feu_m3)), 1.0)
    small = max_feu <= _BRUTE_FORCE_BOXES
    teu = np.zeros(len(w), dtype=int)
    feu = np.zeros(len(w), dtype=int)
    for rows, every in ((small, True), (~small, False)):
        if rows.any():
            teu[rows], feu[rows] = _mixes(w[rows], v[rows], max_feu[rows], params, every=every)
    return teu, feu


def _mixes(
    w: np.ndarray, v: np.ndarray, max_feu: np.ndarray, params: Parameters, *, every: bool
) -> tuple[np.ndarray, np.ndarray]:
    """The best mix per shipment among FEU counts ``0..12`` (``every``) or near breakpoints."""
    w, v, max_feu = w[:, None], v[:, None], max_feu[:, None]
    teu_t, feu_t = params["container.teu_payload_t"], params["container.feu_payload_t"]
    fill = params["container.fill_factor"]
    teu_m3 = params["container.teu_volume_m3"] * fill
    feu_m3 = params["container.feu_volume_m3"] * fill
    ratio = params["container.teu_cost_ratio"]
    if every:
        n_feu = np.broadcast_to(
            np.arange(_BRUTE_FORCE_BOXES + 1.0), (len(w), _BRUTE_FORCE_BOXES + 1)
        )
    else:
        breaks = [np.zeros_like(w), max_feu, w / feu_t, v / feu_m3]
        if teu_t * feu_m3 != teu_m3 * feu_t:  # where the weight and volume limits cross
            breaks.append((w * teu_m3 - v * teu_t) / (feu_t * teu_m3 - feu_m3 * teu_t))
        window = np.arange(-_BREAK_WINDOW, _BREAK_WINDOW + 1)
        n_feu = np.concatenate([np.floor(b) + window for b in breaks], axis=1)
    n_feu = np.clip(n_feu, 0.0, max_feu)
    n_teu = _ceil(np.maximum((w - n_feu * feu_t) / teu_t, (v - n_feu * feu_m3) / teu_m3))
    n_teu = np.where(n_feu + n_teu == 0, 1.0, n_teu)
    # the count of FEU and TEU follows from the cost, the boxes and the TEU: three keys do
    best = lexicographic_argmin([n_feu + ratio * n_teu, n_feu + n_teu, n_teu])
    rows = np.arange(len(w))
    return n_teu[rows, best].astype(int), n_feu[rows, best].astype(int)


def container_mix(weight_t: float, volume_m3: float, params: Parameters) -> tuple[int, int]:
    """Return the cheapest ``(teu, feu)`` mix of boxes that holds one cargo (see
    :func:`container_mixes`).

    Parameters
    ----------
    weight_t
        Gross cargo weight in tonnes.
    volume_m3
        Cargo volume in cubic metres.
    params
        The parameter table.

    Returns
    -------
    tuple of int
        Number of 20 ft and 40 ft containers (at least one box in all).
    """
    teu, feu = container_mixes(np.array([weight_t]), np.array([volume_m3]), params)
    return int(teu[0]), int(feu[0])


# Shipments needing up to this many FEU are searched exhaustively; beyond, near breakpoints.
_BRUTE_FORCE_BOXES = 12
_BREAK_WINDOW = 4


def chargeable_kg(weight_t: float, volume_m3: float, params: Parameters) -> float:
    """Air chargeable kilograms of ``weight_t`` tonnes and ``volume_m3`` m³ (numbers or
    arrays): the larger of the actual and the volumetric weight (``air.volumetric_kg_per_m3``
    of the parameter table, 1:6000)."""
    return np.maximum(weight_t * KG_PER_T, volume_m3 * params["air.volumetric_kg_per_m3"])


def truck_count(weight_t: float, volume_m3: float, params: Parameters) -> int:
    """Trucks that carry ``weight_t`` tonnes in ``volume_m3`` m³ (numbers or arrays; at least
    one truck), from a truck's payload and volume in the parameter table."""
    need = np.maximum(
        np.asarray(weight_t) / params["road.truck_payload_t"],
        np.asarray(volume_m3) / params["road.truck_volume_m3"],
    )
    return np.maximum(_ceil(need), 1.0).astype(int)


def units_matrix(weight_t: np.ndarray, volume_m3: np.ndarray, params: Parameters) -> np.ndarray:
    """The units of many shipments, one row each in :data:`UNIT_NAMES` order.

    Parameters
    ----------
    weight_t, volume_m3
        Gross weights (t) and volumes (m³).
    params
        The parameter table.

    Returns
    -------
    numpy.ndarray
        ``(n, len(UNIT_NAMES))``.
    """
    pairs, back = np.unique(
        np.column_stack([np.asarray(weight_t, float), np.asarray(volume_m3, float)]),
        axis=0,
        return_inverse=True,
    )  # shipments of a batch repeat their sizes: count each size once
    weight_t, volume_m3 = pairs[:, 0], pairs[:, 1]
    teu, feu = container_mixes(weight_t, volume_m3, params)
    units = np.column_stack(
        [
            feu + teu * params["container.teu_cost_ratio"],
            teu + feu,
            chargeable_kg(weight_t, volume_m3, params),
            truck_count(weight_t, volume_m3, params),
            weight_t,
        ]
    ).astype(float)
    return units[back.ravel()]


def shipment_units(shipment: Shipment, params: Parameters) -> ShipmentUnits:
    """Count a shipment on every mode (containers, chargeable kg, trucks, tonnes).

    Parameters
    ----------
    shipment
        The shipment.
    params
        The parameter table.

    Returns
    -------
    ShipmentUnits
        The counts.
    """
    teu, feu = container_mix(shipment.weight_t, shipment.volume_m3, params)
    return ShipmentUnits(
        teu=teu,
        feu=feu,
        feu_equiv=feu + teu * params["container.teu_cost_ratio"],
        chargeable_kg=float(chargeable_kg(shipment.weight_t, shipment.volume_m3, params)),
        trucks=int(truck_count(shipment.weight_t, shipment.volume_m3, params)),
        weight_t=shipment.weight_t,
    )


def insurance_usd(shipment: Shipment, cargo: CargoSpec) -> float:
    """The ad valorem insurance premium of a shipment, in USD.

    Parameters
    ----------
    shipment
        The shipment.
    cargo
        Its class's spec (``value_usd_per_t`` and ``insurance_rate``; a rate of 0: none).

    Returns
    -------
    float
        USD.
    """
    if not cargo.insurance_rate:
        return 0.0
    return cargo.value_usd_per_t * cargo.insurance_rate * shipment.weight_t


@dataclass(frozen=True)
class Pricing:
    """One shipment priced once: its units and what its time and carbon are worth.

    Attributes
    ----------
    shipment
        The shipment.
    units
        Its units in :data:`UNIT_NAMES` order (``edge_cost @ units`` is an edge's USD).
    vot_usd_per_hour
        Value of time of the whole shipment, USD per hour.
    carbon_usd_per_kg
        Carbon price, USD per kg CO2e.
    insurance_usd
        Ad valorem insurance premium, USD, paid once per route.
    shelf_days
        How many days the cargo keeps (its class's ``shelf_life_days``; infinite when it keeps).
    cargo
        The spec of the shipment's class (``None`` only for a pricing made by hand).
    """

    shipment: Shipment
    units: np.ndarray
    vot_usd_per_hour: float
    carbon_usd_per_kg: float
    insurance_usd: float
    shelf_days: float = math.inf
    cargo: CargoSpec | None = None

    @classmethod
    def of(cls, shipment: Shipment, params: Parameters, cargo: CargoSpec) -> Pricing:
        """Price ``shipment`` of class ``cargo`` (its spec) with the parameter table."""
        vot = cargo.vot_usd_per_t_day * shipment.weight_t / HOURS_PER_DAY
        return cls(
            shipment=shipment,
            units=shipment_units(shipment, params).vector(),
            vot_usd_per_hour=vot,
            carbon_usd_per_kg=params["carbon.usd_per_t_co2e"] / KG_PER_T,
            insurance_usd=insurance_usd(shipment, cargo),
            shelf_days=cargo.shelf_life_days,
            cargo=cargo,
        )

    def generalised(self, hours, cost_usd, co2e_kg):
        """The generalised cost: USD + value of time + carbon price (scalars or arrays)."""
        return cost_usd + self.vot_usd_per_hour * hours + self.carbon_usd_per_kg * co2e_kg
