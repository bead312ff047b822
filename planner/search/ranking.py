"""Which options to show, in which order: the priority's keys, the Pareto set and diversity.

One ranking serves the exact search, the route library and the batch rows: :func:`ranking_keys`
gives, for a priority, the keys that order routes best first — the priority's objective
(balanced: the generalised cost of :class:`~planner.model.units.Pricing`), ties broken by the other
objectives. The exact search sorts its candidates by them; the route library takes, for every
shipment of a chunk at once, the candidate that is least by them.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence

import numpy as np

from corridors import Mode
from planner.model.records import Haul, Priority
from planner.search.routes import Shape

__all__ = [
    "diversity_keys",
    "order",
    "pareto_flags",
    "ranking_keys",
    "select_diverse",
    "served_elsewhere",
]


_DAYS_DECIMALS = 6
_MONEY_DECIMALS = 2
_KG_DECIMALS = 3


def ranking_keys(
    priority: Priority,
    days: np.ndarray,
    cost: np.ndarray,
    co2: np.ndarray,
    generalised: np.ndarray,
    shelf_days: float | np.ndarray = math.inf,
    stale: bool | np.ndarray = False,
) -> list[np.ndarray]:
    """The keys that order routes best first for a priority, most significant first.

    Parameters
    ----------
    priority
        The priority.
    days, cost, co2
        Transit days, USD and kg CO2e (arrays of one shape, or broadcastable).
    generalised
        The generalised cost (used by ``balanced``).
    shelf_days
        How long the cargo keeps (a perishable's shelf life; infinite otherwise): a route that
        outlasts it ranks after every one that does not, whatever the priority.
    stale
        Per route: it rides a service not seen running for long (:class:`planner.search.
        timetable.Timetable`); it ranks after every route that does not (then by the keys).
    """
    # compared as shown to a cent, a gram and a tenth of a second: two routes equal in a
    # criterion must tie on it, whatever order their edges were summed in
    days, cost, co2, generalised = (
        np.round(days, _DAYS_DECIMALS),
        np.round(cost, _MONEY_DECIMALS),
        np.round(co2, _KG_DECIMALS),
        np.round(generalised, _MONEY_DECIMALS),
    )
    if priority is Priority.FASTEST:
        keys = [days, cost, co2]
    elif priority is Priority.CHEAPEST:
        keys = [cost, days, co2]
    elif priority is Priority.GREENEST:
        keys = [co2, days, cost]
    else:
        keys = [generalised, days, cost, co2]
    if np.any(stale):
        keys = [np.asarray(stale, dtype=float) * np.ones_like(np.asarray(days, dtype=float)),
                *keys]
    if np.all(np.isinf(shelf_days)):
        return keys
    spoils = np.greater(days, shelf_days) * np.ones_like(np.asarray(days, dtype=float))
    return [spoils, *keys]


def order(keys: Sequence[np.ndarray]) -> list[int]:
    """Indices of 1-d keys' items, best first (stable: equal routes keep their order)."""
    return np.lexsort(tuple(reversed([np.asarray(k) for k in keys]))).tolist()


def pareto_flags(days: np.ndarray, cost: np.ndarray, co2: np.ndarray) -> np.ndarray:
    """Per route: True when no other route is at least as good on all three objectives and
    better on one."""
    d, c, e = (np.asarray(x, dtype=float) for x in (days, cost, co2))
    weakly = (d[None, :] <= d[:, None]) & (c[None, :] <= c[:, None]) & (e[None, :] <= e[:, None])
    same = (d[None, :] == d[:, None]) & (c[None, :] == c[:, None]) & (e[None, :] == e[:, None])
    return ~(weakly & ~same).any(axis=1)


def diversity_keys(shape: Shape) -> tuple[Hashable, ...]:
    """Keys of a route from coarse to fine: its main haul; the haul and its port of exit (the
    border crossing, sea port or airport it leaves by); both ports; for a flight, also the
    airport it is loaded at (Taiyuan's own freighter through Pudong is not the truck to
    Pudong). Options differ by corridor: a train from another Shanxi terminal through the same
    ports is the same option."""
    exit_id = shape.exit_port.id if shape.exit_port else None
    entry_id = shape.entry_port.id if shape.entry_port else None
    boarded = None
    if shape.haul is Haul.AIR:
        boarded = next(leg.from_id for leg in shape.legs if leg.mode is Mode.AIR)
    return (
        shape.haul,
        (shape.haul, exit_id),
        (shape.haul, exit_id, entry_id),
        (shape.haul, exit_id, entry_id, boarded),
    )


def served_elsewhere(shapes: Sequence[Shape], rides: Sequence[object | None]) -> list[bool]:
    """True for a route that rides no scheduled service where another of the same haul and
    ports (:func:`diversity_keys`) rides one: where a service runs a corridor, the option is
    that service, not a train the model imagines beside it."""
    served = {diversity_keys(s)[-1] for s, ride in zip(shapes, rides, strict=True) if ride}
    return [
        ride is None and diversity_keys(s)[-1] in served
        for s, ride in zip(shapes, rides, strict=True)
    ]


def select_diverse(kinds: Sequence[tuple[Hashable, ...]], alternatives: int) -> list[int]:
    """Pick up to ``alternatives`` routes, given best first with their :func:`diversity_keys`:
    first the best of each main haul, then of each port of exit, then of each pair of ports;
    never two routes whose finest keys are the same."""
    chosen: list[int] = []
    taken: set[int] = set()
    for level in range(len(kinds[0]) if kinds else 0):
        seen = {kinds[i][level] for i in chosen}
        for i, keys in enumerate(kinds):
            if len(chosen) >= alternatives:
                return chosen
            if i not in taken and keys[level] not in seen:
                seen.add(keys[level])
                taken.add(i)
                chosen.append(i)
    return chosen
