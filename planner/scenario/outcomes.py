"""What a closure did to one destination: its status, and the corridor its best route takes.

A destination is ``unchanged``, ``worse`` (slower or dearer, and neither faster nor cheaper),
``better`` (faster or cheaper, and neither slower nor dearer), ``mixed`` (faster but dearer, or
the reverse), ``unreachable`` (cut off by the closure: a route before, none after) or
``no_route`` (none before the closure either, with the modes allowed: not the closure's doing).
CO2e is reported beside, not judged: officials weigh it themselves.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.model.records import RouteOption

__all__ = [
    "DAYS_TOLERANCE",
    "STATUSES",
    "USD_TOLERANCE",
    "main_corridor",
    "status_of",
]

STATUSES = ("unchanged", "worse", "better", "mixed", "unreachable", "no_route")
#: Changes at most this small count as none: a tenth of a day is what the tables show.
DAYS_TOLERANCE = 0.05
#: A change of at most one dollar is rounding, not a change.
USD_TOLERANCE = 1.0
#: Corridor kinds that carry a route's main haul (the others feed or continue it).
MAIN_KINDS = frozenset({"land", "rail_sea", "air"})


def _direction(delta: float, tolerance: float) -> int:
    return 0 if abs(delta) <= tolerance else (1 if delta > 0 else -1)


def status_of(before: RouteOption | None, after: RouteOption | None) -> str:
    """The status of a destination whose best route was ``before`` and is ``after``.

    Parameters
    ----------
    before, after
        The best option before and after the closure (``None``: no route).

    Returns
    -------
    str
        One of :data:`STATUSES`.
    """
    if before is None:
        return "no_route"
    if after is None:
        return "unreachable"
    days = _direction(after.transit_days - before.transit_days, DAYS_TOLERANCE)
    usd = _direction(after.cost_usd - before.cost_usd, USD_TOLERANCE)
    if days > 0 and usd < 0 or days < 0 and usd > 0:
        return "mixed"
    if days > 0 or usd > 0:
        return "worse"
    if days < 0 or usd < 0:
        return "better"
    return "unchanged"


def main_corridor(option: RouteOption | None, kinds: Mapping[str, str]) -> str | None:
    """The named corridor that carries the route out of China: the last main-haul corridor
    (:data:`MAIN_KINDS`) up to the exit port, else the first after it (an air route's trucks
    reach the airport on a feeder), else the first main-haul corridor at all.

    Parameters
    ----------
    option
        The route (``None``: no corridor).
    kinds
        Each corridor id's kind (``land``, ``rail_sea``, ``air``, ``road``...).
    """
    if option is None:
        return None
    legs = option.legs
    exit_id = option.exit_port.id if option.exit_port is not None else None
    at_exit = next((i for i, leg in enumerate(legs) if leg.to_id == exit_id), len(legs) - 1)
    for leg in reversed(legs[: at_exit + 1]):
        if kinds.get(leg.corridor) in MAIN_KINDS:
            return leg.corridor
    for leg in legs[at_exit + 1 :]:
        if kinds.get(leg.corridor) in MAIN_KINDS:
            return leg.corridor
    return next((leg.corridor for leg in legs if leg.corridor), None)
