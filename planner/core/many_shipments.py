"""Many shipments at once from the route library: grouped, priced in arrays, answered as columns.

The shipments of a :class:`~planner.model.query_table.QueryTable` are grouped by origin,
destination, cargo
class and closures; each group's candidates are grown once (:meth:`planner.core.planner.Planner.
candidates`) and every shipment's best is chosen at once (:func:`planner.search.library.choose`). A
group the library has no candidate for is answered by the exact search, shipment by shipment,
or with the reason no route exists. :func:`plan_table` gives flat rows as columns (batch files,
:meth:`~planner.core.planner.Planner.plan_rows`); :func:`best_options` whole options (scenarios).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from planner.core.imports import needs_sites
from planner.core.option_rows import RowTable, candidate_columns, option_row
from planner.model.errors import NoRouteError, PlanningError
from planner.model.query_table import QueryTable, group_key
from planner.model.records import CargoClass, RouteOption, Shipment
from planner.model.units import units_matrix
from planner.network.weights import Weights
from planner.search.exact import library_routes, to_options
from planner.search.explain import reachable
from planner.search.library import Candidates, Choice, choose

if TYPE_CHECKING:
    from planner.core.kept import Kept
    from planner.model.params import Parameters
    from planner.model.query import Query
    from planner.model.units import Pricing
    from planner.network.costs import EdgeCosts
    from planner.network.graph import MultimodalGraph

__all__ = ["Group", "best_options", "plan_table"]

class Planner(Protocol):
    """What answering many shipments needs of a :class:`planner.core.planner.Planner`."""

    params: Parameters
    graph: MultimodalGraph
    groups: Kept[tuple, Group]

    def resolve(self, query: Query) -> Query: ...
    def pricing(self, shipment: Shipment) -> Pricing: ...
    def priced(self, cargo: CargoClass) -> EdgeCosts: ...
    def closed(self, query: Query) -> tuple[np.ndarray, tuple[str, ...]]: ...
    def ends_of(self, query: Query) -> tuple[list[int], list[int]]: ...
    def candidates(self, query: Query) -> Candidates: ...
    def why_none(self, query: Query, weights: Weights, ends: Any, closed_ids: Any) -> Any: ...
    def plan(self, query: Query, *, method: str = ...) -> list[RouteOption]: ...


#: Told how many more shipments are answered (a progress bar's step).
Progress = Callable[[int], None]


@dataclass
class _Chosen:
    """The library's answer to a table: candidates per group, the best of every shipment.

    Attributes
    ----------
    heads
        Per group: its query, resolved (or the error of the whole group).
    stack
        Per group: its candidates, or ``None`` if it has none.
    rows
        ``(n,)`` shipments chosen for (the others are in ``errors`` or ``exact``).
    choice
        Their choice (``n`` shipments).
    errors
        Shipment -> why it has no answer.
    exact
        Shipments the exact search answers (their group has no candidate, yet a route).
    """

    heads: list[Query | PlanningError]
    stack: list[Candidates | None]
    rows: np.ndarray
    choice: Choice | None
    errors: dict[int, PlanningError]
    exact: list[int]


@dataclass(frozen=True)
class Group:
    """What a group of shipments (one origin, destination, cargo class and closures) gets from
    the route library, found once per planner (its ``groups`` keep it by the group's
    :func:`~planner.model.query_table.group_key`: a batch's chunks meet the same groups again).

    Attributes
    ----------
    head
        The group's query, resolved (or the error of the whole group).
    candidates
        Its candidates, or ``None`` if it has none.
    error
        Why it has no answer (``None``: it has one, or the exact search gives it).
    exact
        The exact search answers it (no candidate, yet a route).
    """

    head: Query | PlanningError
    candidates: Candidates | None = None
    error: PlanningError | None = None
    exact: bool = False


def _chosen(planner: Planner, table: QueryTable, progress: Progress | None) -> _Chosen:
    found = _groups(planner, table, progress)
    heads = [group.head for group in found]
    stack = [group.candidates for group in found]
    errors: dict[int, PlanningError] = {}
    exact: list[int] = []
    failed = {g: group.error for g, group in enumerate(found) if group.error is not None}
    by_exact = [g for g, group in enumerate(found) if group.exact]
    if failed or by_exact:
        for i, g in enumerate(table.group.tolist()):
            if g in failed:
                errors[i] = failed[g]
        exact = np.flatnonzero(np.isin(table.group, by_exact)).tolist()
    live = np.array([c is not None for c in stack], dtype=bool)
    rows = np.flatnonzero(live[table.group]) if len(table) else np.zeros(0, dtype=np.intp)
    if not len(rows):
        return _Chosen(heads, stack, rows, None, errors, exact)
    # groups that have candidates, renumbered; every shipment counted at once (sizes repeat)
    index = np.cumsum(live) - 1
    group = index[table.group[rows]]
    kept = [c for c in stack if c is not None]
    tonne = {cargo: planner.pricing(Shipment(cargo, 1.0, 1.0)) for cargo in planner.cargo_classes}
    per_t = [tonne[h.cargo] for h, c in zip(heads, stack, strict=True) if c is not None]
    weight, volume = table.weight_t[rows], table.volume_m3[rows]
    choice = choose(
        kept,
        group,
        units_matrix(weight, volume, planner.params),
        weight,
        table.priority[rows],
        per_t,
        planner.params["ranking.detour_max_ratio"],
    )
    return _Chosen(heads, stack, rows, choice, errors, exact)


def _groups(planner: Planner, table: QueryTable, progress: Progress | None) -> list[Group]:
    """Each group's :class:`Group`: kept ones as kept, new ones found a library at a time (its
    destinations one after another share the trees it grows again)."""
    members = np.bincount(table.group, minlength=len(table.groups))
    keys = [group_key(head) for head in table.groups]
    found: list[Group | None] = [planner.groups.get(key) for key in keys]
    new = {g: _resolved(planner, table.groups[g]) for g, f in enumerate(found) if f is None}
    for g in sorted(new, key=lambda g: _library_of(new[g])):
        head = new[g]
        if isinstance(head, PlanningError):
            found[g] = Group(head, error=head)
        elif members[g]:
            found[g] = planner.groups.put(keys[g], _group(planner, head))
        else:  # no shipment asks: not looked for
            found[g] = Group(head)
        if progress is not None and members[g]:
            progress(int(members[g]))
    if progress is not None:  # the kept ones at once
        progress(int(sum(members[g] for g in range(len(found)) if g not in new)))
    return found  # type: ignore[return-value]


def _resolved(planner: Planner, head: Query) -> Query | PlanningError:
    try:
        return planner.resolve(head)
    except PlanningError as exc:
        return exc


def _library_of(head: Query | PlanningError) -> tuple[str, ...]:
    """What a group's route library is known by (its origin, class, closures and modes)."""
    if isinstance(head, PlanningError):
        return ("",)
    modes = sorted(str(mode) for mode in head.modes)
    return (head.origin.id, str(head.cargo), repr(head.closures), repr(modes))


def _group(planner: Planner, head: Query) -> Group:
    """A resolved group's candidates; or none, with the reason, or the exact search to ask
    (no candidate, yet a route exists)."""
    try:
        planner.ends_of(head)  # an error of the query's ends is the group's answer
        if needs_sites(planner, head):  # through a designated site: planned as `route` plans
            return Group(head, exact=True)
        candidates = planner.candidates(head)
    except PlanningError as exc:
        return Group(head, error=exc)
    if len(candidates):
        return Group(head, candidates)
    # none: why (found once per group, which the planner keeps)
    closed, closed_ids = planner.closed(head)
    weights = Weights.of(planner.priced(head.cargo), planner.pricing(head.shipment), closed)
    ends = planner.ends_of(head)
    if not reachable(planner.graph, *ends, weights.blocked):
        # not joined (a truck from its gateways was tried by planner.candidates)
        return Group(head, error=NoRouteError(planner.why_none(head, weights, ends, closed_ids)))
    try:  # joined, yet maybe by nothing a forwarder books: the exact search says
        planner.plan(head.replace(alternatives=1))
    except NoRouteError as exc:
        return Group(head, error=exc)
    return Group(head, exact=True)


def plan_table(
    planner: Planner, table: QueryTable, *, lang: str = "en", progress: Progress | None = None
) -> RowTable:
    """The best option of every shipment of a table as a flat row (see
    :meth:`planner.core.planner.Planner.plan_table`)."""
    chosen = _chosen(planner, table, progress)
    out = RowTable.empty(len(table))
    for i, error in chosen.errors.items():
        out.errors[i] = error
    for i in chosen.exact:
        out.put(i, _exact(planner, table.query(i), lambda option: option_row(option, lang)))
    if chosen.choice is None:
        return out
    rows = chosen.rows
    group = table.group[rows]
    best = chosen.choice.best
    # the distinct (group, candidate) pairs chosen: each one's route fields are made once
    width = int(best.max()) + 1
    pairs, which = np.unique(group * width + best, return_inverse=True)
    picked = []
    specs = {cargo: planner.cargo_spec(cargo) for cargo in planner.cargo_classes}  # once
    for pair in pairs.tolist():
        g, k = divmod(pair, width)
        picked.append((chosen.stack[g], k, specs[chosen.heads[g].cargo]))
    candidate_columns(
        out, rows, picked, which.ravel(), chosen.choice, table.weight_t[rows], planner.params, lang
    )
    return out


def best_options(planner: Planner, table: QueryTable) -> list[RouteOption | PlanningError]:
    """The best option of every shipment of a table (as :func:`plan_table`, but whole options:
    legs, unrounded totals)."""
    chosen = _chosen(planner, table, None)
    out: list[RouteOption | PlanningError | None] = [None] * len(table)
    for i, error in chosen.errors.items():
        out[i] = error
    for i in chosen.exact:
        out[i] = _exact(planner, table.query(i), lambda option: option)
    if chosen.choice is None:
        return out  # type: ignore[return-value]
    for j, i in enumerate(chosen.rows.tolist()):
        query = planner.resolve(table.query(i))
        candidates = chosen.stack[int(table.group[i])]
        weights = Weights.of(
            planner.priced(query.cargo), planner.pricing(query.shipment), planner.closed(query)[0]
        )
        routes = library_routes(candidates, weights.pricing)
        routes.eligible[:] = False
        routes.eligible[int(chosen.choice.best[j])] = True
        out[i] = to_options(routes, weights, query.priority, 1, planner.params)[0]
    return out  # type: ignore[return-value]


def _exact(planner: Planner, query: Query, answer: Callable) -> object:
    """The exact search's best option for a query, as ``answer`` makes it, or its error."""
    try:
        return answer(planner.plan(query.replace(alternatives=1))[0])
    except PlanningError as exc:
        return exc
