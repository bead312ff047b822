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
from planner.model.query_table import QueryTable
from planner.model.records import CargoClass, RouteOption, Shipment
from planner.model.units import units_matrix
from planner.network.weights import Weights
from planner.search.exact import library_routes, to_options
from planner.search.explain import reachable
from planner.search.library import Candidates, Choice, choose

if TYPE_CHECKING:
    from planner.model.params import Parameters
    from planner.model.query import Query
    from planner.model.units import Pricing
    from planner.network.costs import EdgeCosts
    from planner.network.graph import MultimodalGraph

__all__ = ["best_options", "plan_table"]

class Planner(Protocol):
    """What answering many shipments needs of a :class:`planner.core.planner.Planner`."""

    params: Parameters
    graph: MultimodalGraph

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


def _chosen(planner: Planner, table: QueryTable, progress: Progress | None) -> _Chosen:
    heads = [_resolved(planner, head) for head in table.groups]
    stack: list[Candidates | None] = [None] * len(heads)
    members = np.bincount(table.group, minlength=len(table.groups))
    failed: dict[int, PlanningError] = {}
    by_exact: list[int] = []
    # a library's destinations one after another: they share the trees it grows again
    for g in sorted(range(len(heads)), key=lambda g: _library_of(heads[g])):
        head = heads[g]
        if isinstance(head, PlanningError):
            failed[g] = head
        elif members[g]:
            stack[g] = _candidates(planner, head, failed, g, by_exact)
        if progress is not None and members[g]:
            progress(int(members[g]))
    errors: dict[int, PlanningError] = {}
    exact: list[int] = []
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


def _candidates(
    planner: Planner, head: Query, failed: dict, g: int, by_exact: list[int]
) -> Candidates | None:
    """The library's candidates for a group; or ``None``, with the reason in ``failed`` or the
    group in ``by_exact`` (no candidate, yet a route exists)."""
    try:
        planner.ends_of(head)  # an error of the query's ends is the group's answer
        if needs_sites(planner, head):  # through a designated site: planned as `route` plans
            by_exact.append(g)
            return None
        candidates = planner.candidates(head)
    except PlanningError as exc:
        failed[g] = exc
        return None
    if len(candidates):
        return candidates
    if not candidates.explained:  # found out once per destination
        closed, closed_ids = planner.closed(head)
        weights = Weights.of(planner.priced(head.cargo), planner.pricing(head.shipment), closed)
        ends = planner.ends_of(head)
        if not reachable(planner.graph, *ends, weights.blocked):
            # not joined (a truck from its gateways was tried by planner.candidates)
            candidates.failure = planner.why_none(head, weights, ends, closed_ids)
        else:  # joined, yet maybe by nothing a forwarder books: the exact search says, once
            try:
                planner.plan(head.replace(alternatives=1))
            except NoRouteError as exc:
                candidates.failure = exc.record
        candidates.explained = True
    if candidates.failure is not None:
        failed[g] = NoRouteError(candidates.failure)
    else:
        by_exact.append(g)
    return None


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
    for pair in pairs.tolist():
        g, k = divmod(pair, width)
        picked.append((chosen.stack[g], k, planner.cargo_spec(chosen.heads[g].cargo)))
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
