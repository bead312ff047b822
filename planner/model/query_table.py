"""Many shipments as columns: a group per origin, destination and cargo class, arrays per row.

A batch file asks the same few places, cargo classes and priorities over and over, and a
:class:`~planner.model.query.Query` per row (tens of thousands per chunk) would check every field of
every row again. A :class:`QueryTable` holds one query per *group* (origin, destination, cargo
class, closures, modes) and, per shipment, its group, weight, volume and priority as arrays:
what the route library prices at once (:meth:`planner.core.planner.Planner.plan_table`).

:class:`CellReader` makes a table from the text cells of a file's rows, checking each distinct
text once with the checks of :class:`~planner.model.query.Query` itself
(:func:`planner.model.query.check_field`), so a row's error is the one a query would raise.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from planner.model.cargo import CargoClass, CargoClasses, load_cargo_classes
from planner.model.errors import InvalidQueryError, PlanningError
from planner.model.query import Query, check_field
from planner.model.records import Place, Priority

__all__ = [
    "CELL_FIELDS", "CHECKED_FIELDS", "PRIORITIES", "CellReader", "QueryTable", "cell_columns",
    "group_key",
]

#: Priorities by their code in :attr:`QueryTable.priority`.
PRIORITIES = tuple(Priority)
_PRIORITY_CODE = {p: code for code, p in enumerate(PRIORITIES)}
#: Cells read by :class:`CellReader`, in the order a query checks them (the first error wins).
CELL_FIELDS = ("origin", "destination", "cargo", "weight_t", "volume_m3", "priority")
#: Fields a row's cells are checked for but that do not group or price it (the ready date
#: dates the answer after it is planned): a bad cell is the row's error all the same.
CHECKED_FIELDS = ("ready_date",)
_QUERY_FIELD = {"ready_date": "ready"}
#: Distinct texts a reader keeps between chunks (beyond, it starts afresh: memory stays flat).
MAX_KEPT_TEXTS = 100_000
#: Places a group's code has room for (a table names far fewer).
_MAX_PLACES = 1 << 20


def group_key(query: Query) -> tuple:
    """What shipments one route library answers alike are grouped by: origin, destination,
    cargo class, closures and modes (their sizes, priorities and days are priced per row)."""
    return (query.origin, query.destination, query.cargo, query.closures, query.modes)


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
            key = group_key(q)
            g = groups.get(key)
            if g is None:
                g = groups[key] = len(heads)
                heads.append(q)
            group.append(g)
            weight.append(q.weight_t)
            volume.append(q.volume_m3)
            priority.append(_PRIORITY_CODE[q.priority])
        return cls(
            groups=heads,
            group=np.array(group, dtype=np.intp),
            weight_t=np.array(weight, dtype=float),
            volume_m3=np.array(volume, dtype=float),
            priority=np.array(priority, dtype=np.intp),
        )


_DEFAULTS = {f.name: f.default for f in dataclasses.fields(Query)}


class CellReader:
    """Reads the text cells of shipments into a :class:`QueryTable`, each distinct text once.

    Parameters
    ----------
    resolve
        Turns a place's text into a :class:`~planner.places.index.Place` (or raises
        :class:`~planner.model.errors.PlanningError`).
    cargo_classes
        The cargo table a class is checked against (the shipped one by default; a planner's
        is ``planner.cargo_classes``).
    """

    def __init__(
        self, resolve: Callable[[str], Place], cargo_classes: CargoClasses | None = None
    ) -> None:
        self._resolve = resolve
        self._cargo = load_cargo_classes() if cargo_classes is None else cargo_classes
        self._cargo_code = {cargo: code for code, cargo in enumerate(self._cargo.ids)}
        self._forget()

    def _forget(self) -> None:
        self._known: dict[str, dict[str, Any]] = {n: {} for n in CELL_FIELDS + CHECKED_FIELDS}
        self._heads: dict[int, Query] = {}
        self._places: list[Place] = []
        self._place_codes: dict[Place, int] = {}

    def read(
        self, columns: Sequence[Sequence[str]]
    ) -> tuple[QueryTable, list[PlanningError | None]]:
        """The table of the rows that are valid, and per row its error (``None`` if valid).

        Parameters
        ----------
        columns
            Per field of :data:`CELL_FIELDS`, then of :data:`CHECKED_FIELDS` (these may be
            left out), the cell of every row (``""`` for a column the file lacks).
        """
        if any(len(known) > MAX_KEPT_TEXTS for known in self._known.values()):
            self._forget()
        n_rows = len(columns[0])
        # per field, the code of each row's value (-1: the cell is in error)
        codes = []
        broken = np.zeros(n_rows, dtype=bool)
        fields = (CELL_FIELDS + CHECKED_FIELDS)[: len(columns)]
        for name, texts in zip(fields, columns, strict=True):
            known = self._known[name]
            for text in set(texts).difference(known):
                known[text] = self._checked(name, text)
            code = {text: self._code(name, known[text]) for text in set(texts)}
            codes.append(np.array([code[text] for text in texts], dtype=float))
            broken |= codes[-1] < 0
        errors: list[PlanningError | None] = [None] * n_rows
        for i in np.flatnonzero(broken).tolist():
            cells = zip(fields, columns, strict=True)
            errors[i] = _first_error([self._known[name][texts[i]] for name, texts in cells])
        ok = ~broken
        origin, destination, cargo, weight, volume, priority = (c[ok] for c in codes[:6])
        key = (origin * _MAX_PLACES + destination) * len(self._cargo_code) + cargo
        keys, group = np.unique(key.astype(np.int64), return_inverse=True)
        heads = [self._head(k) for k in keys.tolist()]
        table = QueryTable(heads, group.ravel(), weight, volume, priority.astype(np.intp))
        return table, errors

    def _head(self, key: int) -> Query:
        """The query of a group, kept between chunks."""
        found = self._heads.get(key)
        if found is None:
            places, cargo = divmod(key, len(self._cargo_code))
            origin, destination = divmod(places, _MAX_PLACES)
            found = self._heads[key] = Query(
                self._places[origin],
                self._places[destination],
                self._cargo.ids[cargo],
                alternatives=1,
            )
        return found

    def _code(self, name: str, value: Any) -> float:
        """A checked cell as a number: a place's, cargo class's or priority's code, a size;
        ``-1`` for a cell in error."""
        if isinstance(value, PlanningError | _Empty):
            return -1
        if name in ("origin", "destination"):
            code = self._place_codes.get(value)
            if code is None:
                code = self._place_codes[value] = len(self._places)
                self._places.append(value)
            return code
        if name == "cargo":
            return self._cargo_code[self._cargo.spec(value).id]
        if name == "priority":
            return _PRIORITY_CODE[value]
        if name in CHECKED_FIELDS:
            return 0
        return value

    def _checked(self, name: str, text: str) -> Any:
        text = text.strip()
        try:
            if name in ("origin", "destination"):
                if not text:
                    return _Empty(InvalidQueryError(name, "empty"))
                return self._resolve(text)
            if name == "cargo":
                return CargoClass(self._cargo.spec(text if text else _DEFAULTS[name]).id)
            if name in CHECKED_FIELDS:
                return check_field(_QUERY_FIELD[name], text) if text else None
            return check_field(name, text if text else _DEFAULTS[name])
        except PlanningError as exc:
            return exc


def cell_columns(rows: Sequence[Sequence[str]], positions: Sequence[int]) -> list[list[str]]:
    """The columns a :class:`CellReader` reads: per field, the cell at its position in every
    row (``-1``: the file lacks the column, every cell is empty)."""
    return [[row[p] for row in rows] if p >= 0 else [""] * len(rows) for p in positions]


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
