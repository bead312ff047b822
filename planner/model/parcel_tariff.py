"""A shipment of parcels priced as parcels are: a postal / e-commerce tariff, per kg.

A cargo class has a tariff when the parameter table holds ``tariff.<class>.first_kg_cny``
with ``extra_kg_cny``, ``max_kg``, ``days_min`` and ``days_max`` (each row with its source,
or marked estimate). A shipment is sent as pieces of at most ``max_kg`` chargeable kg, each
charged its first kg and each extra kg or part of one; the pieces take the published
``days_min``–``days_max``, typically their middle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner.model.params import Parameters

__all__ = ["ParcelTariff"]

FIELDS = ("first_kg_cny", "extra_kg_cny", "max_kg", "days_min", "days_max")
#: a weight this close above a whole kg is that kg (0.002 t is 2 kg, not 2.000000001)
_EPS = 1e-9


@dataclass(frozen=True)
class ParcelTariff:
    """One class's tariff (see the module's words)."""

    cargo: str
    first_kg_cny: float
    extra_kg_cny: float
    max_kg: float
    days_min: float
    days_max: float

    @classmethod
    def of(cls, cargo: str, params: Parameters) -> ParcelTariff | None:
        """The tariff of ``cargo`` in the table, or ``None`` when it has none."""
        prefix = f"tariff.{cargo}."
        if prefix + FIELDS[0] not in params:
            return None
        return cls(cargo, *(float(params[prefix + field]) for field in FIELDS))

    def pieces(self, kg: float) -> int:
        """How many parcels ``kg`` chargeable kilograms are sent as (at least one)."""
        return max(math.ceil(kg / self.max_kg - _EPS), 1)

    def piece_cny(self, kg: float) -> float:
        """One parcel of ``kg``: the first kg, then each extra kg or part of one."""
        return self.first_kg_cny + self.extra_kg_cny * max(math.ceil(kg - _EPS) - 1, 0)

    def charge_cny(self, kg: float) -> float:
        """``kg`` sent as full parcels of ``max_kg`` and one of the rest."""
        full = self.pieces(kg) - 1
        return full * self.piece_cny(self.max_kg) + self.piece_cny(kg - full * self.max_kg)

    @property
    def days(self) -> float:
        """The typical transit: the middle of the published range."""
        return (self.days_min + self.days_max) / 2
