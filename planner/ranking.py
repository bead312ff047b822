"""Which options to show, in which order: the priority's keys, the Pareto set and diversity.

One ranking serves the exact search, the route library and the batch rows: :func:`ranking_keys`
gives, for a priority, the keys that order routes best first — the priority's objective
(balanced: the generalised cost of :class:`~planner.units.Pricing`), ties broken by the other
objectives. The exact search sorts its candidates by them; the route library takes, for every
shipment of a chunk at once, the candidate that is least by them.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np

from corridors import Mode
from planner.records import Priority

__all__ = ["diversity_keys", "order", "pareto_flags", "ranking_keys", "select_diverse"]


def ranking_keys(
    priority: Priority,
    days: np.ndarray,
    cost: np.ndarray,
    co2: np.ndarray,
    generalised: np.ndarray,
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
    """
    if priority is Priority.FASTEST:
        return [days, cost, co2]
    if priority is Priority.CHEAPEST:
        return [cost, days, co2]
    if priority is Priority.GREENEST:
        return [co2, days, cost]
    return [generalised, days, cost, co2]


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


def diversity_keys(main_mode: Mode, heading: dict, exit_id: str | None, entry_id: str | None):
    """Keys of a route from coarse to fine: its main mode; its chain of modes (and Shanxi
    terminal); the chain and the port of exit; the whole title and both ports."""
    chain = (heading["modes"], heading["terminal"])
    return (
        main_mode,
        chain,
        (chain, exit_id),
        (chain, heading["exit"], heading["entry"], exit_id, entry_id),
    )


def select_diverse(kinds: Sequence[tuple[Hashable, ...]], alternatives: int) -> list[int]:
    """Pick up to ``alternatives`` routes, given best first with their :func:`diversity_keys`:
    first the best of each main mode, then of each mode chain, of each exit port, of each
    title, then the next best that does not read the same as a route already chosen."""
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
    shown = {kinds[i][-1] for i in chosen}
    for i in range(len(kinds)):
        if len(chosen) >= alternatives:
            break
        if i not in taken and kinds[i][-1] not in shown:
            shown.add(kinds[i][-1])
            taken.add(i)
            chosen.append(i)
    return chosen
