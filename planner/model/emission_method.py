"""The method of an option's CO2e as a record: framework, standard, scope and the factors used.

:func:`planner.network.emissions.emission_method` fills it from an option's legs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planner.model.params import Parameter
from planner.text.message import Message

__all__ = ["FRAMEWORK", "SCOPE", "STANDARD", "EmissionMethod"]

FRAMEWORK = "GLEC Framework v3"
STANDARD = "ISO 14083"
SCOPE = "well-to-wheel"

@dataclass(frozen=True)
class EmissionMethod:
    """The method of one option's CO2e.

    Attributes
    ----------
    factors
        ``(mode, row of the parameter table)`` of every intensity its legs use, each once.
    leg_modes, leg_factors
        Per leg: its mode, and its g CO2e per tonne-km (``None`` for a leg of no distance).
    """

    factors: tuple[tuple[str, Parameter], ...]
    leg_modes: tuple[str, ...]
    leg_factors: tuple[float | None, ...]

    def by_mode(self) -> tuple[tuple[str, float, float], ...]:
        """``(mode, lowest, highest)`` g CO2e per tonne-km of the legs of each mode, in the
        order the modes first run."""
        spans: dict[str, list[float]] = {}
        for mode, factor in zip(self.leg_modes, self.leg_factors, strict=True):
            if factor is not None:
                spans.setdefault(mode, []).append(factor)
        return tuple((mode, min(v), max(v)) for mode, v in spans.items())

    def summary(self) -> Message:
        """The method in a line: framework, standard, scope and each mode's factors."""
        spans = tuple((mode, round(lo, 1), round(hi, 1)) for mode, lo, hi in self.by_mode())
        return Message.of(
            "co2e_method", framework=FRAMEWORK, standard=STANDARD, scope=SCOPE, factors=spans
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON of the method: ``framework``, ``standard``, ``scope`` and ``factors``
        (``mode``, ``key``, ``g_co2e_per_tkm``, ``source``, ``as_of``, ``estimate``)."""
        return {
            "framework": FRAMEWORK,
            "standard": STANDARD,
            "scope": SCOPE,
            "factors": [
                {
                    "mode": mode,
                    "key": row.key,
                    "g_co2e_per_tkm": row.value,
                    "source": row.source,
                    "as_of": row.as_of,
                    "estimate": row.estimate or None,
                }
                for mode, row in self.factors
            ],
        }
