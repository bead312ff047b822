"""Many shipments as columns: a group per origin, destination and cargo class, arrays per row.

A batch file asks the same few places, cargo classes and priorities over and over, and a
:class:`~planner.query.Query` per row (tens of thousands per chunk) would check every field of
every row again. A :class:`QueryTable` holds one query per *group* (origin, destination, cargo
class, closures, modes) and, per shipment, its group, weight, volume and priority as arrays:
what the route library prices at once (:meth:`planner.engine.Planner.plan_table`).

:class:`CellReader` makes a table from the text cells of a file's rows, checking each distinct
text once with the checks of :class:`~planner.query.Query` itself
(:func:`planner.query.check_field`), so a row's error is the one a query would raise.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from planner._errors import InvalidQueryError, PlanningError
from planner.query import Query, check_field
from planner.records import Place, Priority

__all__ = ["PRIORITIES", "CellReader", "QueryTable"]

#: Priorities by their code in :attr:`QueryTable.priority`.
PRIORITIES = tuple(Priority)
_PRIORITY_CODE = {p: code for code, p in enumerate(PRIORITIES)}
#: Cells read by :class:`CellReader`, in the order a query checks them (the first error wins).
CELL_FIELDS = ("origin", "destination", "cargo", "weight_t", "volume_m3", "priority")
#: Distinct texts a reader keeps between chunks (beyond, it starts afresh: memory stays flat).
MAX_KEPT_TEXTS = 100_000


@dataclass(frozen=True, eq=False)
class QueryTable:
    """Shipments grouped by origin, destination, cargo class, closures and modes.

    Attributes
    ----------
    groups
        One query per group; only its origin, destination, cargo, closures and modes count.
    group
        ``(m,)`` the group of each shipment.
    weight_t, volume_m3
        ``(m,)`` the shipments' sizes.
    priority
        ``(m,)`` the code of each shipment's priority in :data:`PRIORITIES`.
    """

    groups: list[Query]
    group: np.ndarray
    weight_t: np.ndarray
    volume_m3: np.ndarray
    priority: np.ndarray

    def __len__(self) -> int:
        return len(self.group)

    def query(self, i: int) -> Query:
        """The query of shipment ``i`` (one option: the best)."""
        return self.groups[int(self.group[i])].replace(
            weight_t=float(self.weight_t[i]),
            volume_m3=float(self.volume_m3[i]),
            priority=PRIORITIES[int(self.priority[i])],
            alternatives=1,
        )

    def queries(self) -> list[Query]:
        """The query of every shipment."""
        return [self.query(i) for i in range(len(self))]

    @classmethod
    def of(cls, queries: Iterable[Query]) -> QueryTable:
        """The table of some queries, in order."""
        groups: dict[tuple, int] = {}
        heads: list[Query] = []
        group, weight, volume, priority = [], [], [], []
        for q in queries:
            key = (q.origin, q.destination, q.cargo, q.closures, q.modes)
            g = groups.get(key)
            if g is None:
                g = groups[key] = len(heads)
                heads.append(q)
            group.append(g)
            weight.append(q.weight_t)
            volume.append(q.volume_m3)
            priority.append(_PRIORITY_CODE[q.priority])
        return cls._made(heads, group, weight, volume, priority)

    @classmethod
    def _made(cls, heads, group, weight, volume, priority) -> QueryTable:
        return cls(
            groups=heads,
            group=np.array(group, dtype=np.intp),
            weight_t=np.array(weight, dtype=float),
            volume_m3=np.array(volume, dtype=float),
            priority=np.array(priority, dtype=np.intp),
        )

    def split(self, keep: np.ndarray) -> QueryTable:
        """The shipments where ``keep`` is True (the groups unchanged)."""
        return dataclasses.replace(
            self,
            group=self.group[keep],
            weight_t=self.weight_t[keep],
            volume_m3=self.volume_m3[keep],
            priority=self.priority[keep],
        )


_DEFAULTS = {f.name: f.default for f in dataclasses.fields(Query)}


class CellReader:
    """Reads the text cells of shipments into a :class:`QueryTable`, each distinct text once.

    Parameters
    ----------
    resolve
        Turns a place's text into a :class:`~planner.places.Place` (or raises
        :class:`~planner._errors.PlanningError`).
    """

    def __init__(self, resolve: Callable[[str], Place]) -> None:
        self._resolve = resolve
        self._known: dict[str, dict[str, Any]] = {name: {} for name in CELL_FIELDS}

    def read(
        self, rows: Sequence[Sequence[str]]
    ) -> tuple[QueryTable, list[PlanningError | None]]:
        """The table of the rows that are valid, and per row its error (``None`` if valid).

        Parameters
        ----------
        rows
            Per row, its cells of :data:`CELL_FIELDS` (``""`` for a column the file lacks).
        """
        if any(len(known) > MAX_KEPT_TEXTS for known in self._known.values()):
            self._known = {name: {} for name in CELL_FIELDS}
        seen = [self._known[name] for name in CELL_FIELDS]
        groups: dict[tuple, int] = {}
        heads: list[Query] = []
        group, weight, volume, priority = [], [], [], []
        errors: list[PlanningError | None] = []
        for cells in rows:
            values = []
            for name, known, text in zip(CELL_FIELDS, seen, cells, strict=True):
                value = known.get(text)
                if value is None:
                    value = known[text] = self._checked(name, text)
                values.append(value)
            error = _first_error(values)
            errors.append(error)
            if error is not None:
                continue
            origin, destination, cargo, w, v, p = values
            key = (origin, destination, cargo)
            g = groups.get(key)
            if g is None:
                g = groups[key] = len(heads)
                heads.append(Query(origin, destination, cargo, alternatives=1))
            group.append(g)
            weight.append(w)
            volume.append(v)
            priority.append(_PRIORITY_CODE[p])
        return QueryTable._made(heads, group, weight, volume, priority), errors

    def _checked(self, name: str, text: str) -> Any:
        text = text.strip()
        try:
            if name in ("origin", "destination"):
                if not text:
                    return _Empty(InvalidQueryError(name, "empty"))
                return self._resolve(text)
            return check_field(name, text if text else _DEFAULTS[name])
        except PlanningError as exc:
            return exc


class _Empty:
    """An empty origin or destination: named before any place that does not resolve."""

    def __init__(self, error: PlanningError) -> None:
        self.error = error


def _first_error(values: list[Any]) -> PlanningError | None:
    origin, destination = values[0], values[1]
    for value in (origin, destination):
        if isinstance(value, _Empty):
            return value.error
    for value in values:
        if isinstance(value, PlanningError):
            return value
    return None
