"""Which options to show, in which order: the priority's keys, the Pareto set and diversity.

One ranking serves the exact search, the route library and the batch rows: :func:`ranking_keys`
gives, for a priority, the keys that order routes best first — the priority's objective
(balanced: the generalised cost of :class:`~planner.model.units.Pricing`), ties broken by the other
objectives. The exact search sorts its candidates by them; the route library takes, for every
shipment of a chunk at once, the candidate that is least by them.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from corridors import Mode
from planner.model.records import Haul, Priority
from planner.model.units import HOURS_PER_DAY
from planner.search.routes import Shape

__all__ = [
    "Standing",
    "diversity_keys",
    "merged_entries",
    "order",
    "pareto_flags",
    "ranking_keys",
    "select_diverse",
    "served_elsewhere",
    "standing",
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
    days_max: np.ndarray | None = None,
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
        How long the cargo keeps (a perishable's shelf life; infinite otherwise): the routes
        that keep within it at their longest (``days_max``) come first, then those that keep
        within it typically, then those that outlast it, whatever the priority.
    stale
        Per route: it rides a service not seen running for long (:class:`planner.search.
        timetable.Timetable`); it ranks after every route that does not (then by the keys).
    days_max
        Per route: its longest usual transit (``days`` when not given).
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
    ones = np.ones_like(np.asarray(days, dtype=float))
    if np.any(stale):
        keys = [np.asarray(stale, dtype=float) * ones, *keys]
    if np.all(np.isinf(shelf_days)):
        return keys
    longest = days if days_max is None else np.round(days_max, _DAYS_DECIMALS)
    spoils = np.greater(longest, shelf_days).astype(float) + np.greater(days, shelf_days)
    return [spoils * ones, *keys]


def order(keys: Sequence[np.ndarray], standing: Standing | None = None) -> list[int]:
    """Indices of 1-d keys' items, best first (stable: equal routes keep their order); a model
    train (:attr:`Standing.model`) that the keys put before the first train on a current
    service goes just after it: a published service ranks before a train the model imagines,
    and such a train is never first where a service runs."""
    ranked = np.lexsort(tuple(reversed([np.asarray(k) for k in keys]))).tolist()
    if standing is None or not standing.model.any():
        return ranked
    at = next((n for n, i in enumerate(ranked) if standing.served[i]), None)
    if at is None:
        return ranked
    moved = [i for i in ranked[:at] if standing.model[i]]
    ahead = [i for i in ranked[:at] if not standing.model[i]]
    return ahead + [ranked[at]] + moved + ranked[at + 1 :]


def pareto_flags(days: np.ndarray, cost: np.ndarray, co2: np.ndarray) -> np.ndarray:
    """Per route: True when no other route is at least as good on all three objectives and
    better on one; better by rounding alone is not better (the same legs summed over the edges
    of two services differ in the last bits)."""
    objectives = [np.asarray(x, dtype=float) for x in (days, cost, co2)]
    return ~beaten([x[:, None] for x in objectives], [x[None, :] for x in objectives])


def beaten(mine: Sequence[np.ndarray], others: Sequence[np.ndarray]) -> np.ndarray:
    """Per row of ``mine`` (days, cost, CO2e; broadcast against ``others``): whether some
    route of ``others`` is at least as good on all three and better, beyond rounding, on one."""
    pairs = list(zip(mine, others, strict=True))
    slack = [_SAME * np.maximum(1.0, np.abs(m)) for m, _ in pairs]
    weakly = np.logical_and.reduce([o <= m + t for (m, o), t in zip(pairs, slack, strict=True)])
    better = np.logical_or.reduce([o < m - t for (m, o), t in zip(pairs, slack, strict=True)])
    return (weakly & better).any(axis=-1)


#: Relative difference below which two routes' figures are the same (rounding, not a route).
_SAME = 1e-9


def diversity_keys(
    shape: Shape, entries: Mapping[str, str] | None = None
) -> tuple[Hashable, ...]:
    """Keys of a route from coarse to fine: its main haul; the haul and its port of exit (the
    border crossing, sea port or airport it leaves by); both ports; for a flight, also the
    airport it is loaded at (Taiyuan's own freighter through Pudong is not the truck to
    Pudong). Options differ by corridor: a train from another Shanxi terminal through the same
    ports is the same option; ``entries`` names a port of entry by a neighbour taken before it
    (:func:`merged_entries`)."""
    exit_id = shape.exit_port.id if shape.exit_port else None
    entry_id = shape.entry_port.id if shape.entry_port else None
    if entries is not None and entry_id is not None:
        entry_id = entries.get(entry_id, entry_id)
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


@dataclass(frozen=True)
class Standing:
    """What places routes before or after others whatever the priority, per route.

    Attributes
    ----------
    stale
        It rides a service not seen running for long.
    served
        A train on a current service.
    model
        A train of the model (no service known on it) where another train rides a current
        service: it ranks after that train (:func:`order`), and is said so.
    detour
        Longer than ``ranking.detour_max_ratio`` times the shortest route of its haul and on no
        service: not offered (a closure or a left-out mode changes the shortest).
    days_max
        Its longest usual transit.
    """

    stale: np.ndarray
    served: np.ndarray
    model: np.ndarray
    detour: np.ndarray
    days_max: np.ndarray


def standing(shapes: Sequence[Shape], timings: Sequence, ratio: float) -> Standing:
    """The :class:`Standing` of routes with their timings (:class:`planner.search.timetable.
    Timing`), ``ratio`` the longest a route may be against the shortest of its haul."""
    n = len(shapes)
    stale, served, unserved = (np.zeros(n, dtype=bool) for _ in range(3))
    km, days_max = np.zeros(n), np.zeros(n)
    hauls = [s.haul for s in shapes]
    shortest: dict[Haul, float] = {}
    for i, (shape, timing) in enumerate(zip(shapes, timings, strict=True)):
        ride, haul = timing.ride, hauls[i]
        km[i] = length = shape.distance_km
        days_max[i] = timing.hours_max
        if ride is None:
            unserved[i] = True
        else:
            stale[i] = ride.stale
            served[i] = haul is Haul.RAIL and not ride.stale
        if length < shortest.get(haul, math.inf):
            shortest[haul] = length
    rail = np.array([h is Haul.RAIL for h in hauls], dtype=bool)
    model = rail & unserved & served.any()
    limit = np.array([ratio * shortest[h] for h in hauls]) if n else np.zeros(0)
    detour = unserved & (km > limit)
    return Standing(stale, served, model, detour, days_max / HOURS_PER_DAY)


def merged_entries(shapes: Sequence[Shape], km: float) -> dict[str, str]:
    """Ports of entry within ``km`` of one taken before them (routes best first), each to that
    one: Long Beach to Los Angeles, so two options differ by more than the next quay."""
    taken: list[tuple[str, float, float]] = []
    out: dict[str, str] = {}
    for shape in shapes:
        port = shape.entry_port
        if port is None or port.id in out:
            continue
        near = next((pid for pid, lon, lat in taken if _km(lon, lat, port.lon, port.lat) <= km),
                    None)
        out[port.id] = near or port.id
        if near is None:
            taken.append((port.id, port.lon, port.lat))
    return out


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle km (a sphere is exact enough to tell neighbouring ports)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * _EARTH_KM * math.asin(math.sqrt(min(1.0, a)))


_EARTH_KM = 6371.0
