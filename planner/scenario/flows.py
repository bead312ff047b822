"""A shipment book planned before and after a closure: what each corridor and link carries.

Every row of the book is one shipment (the batch columns: ``origin``, ``destination`` and
optional ``cargo``, ``weight_t``, ``volume_m3``, ``priority``). Its best route is found with
every corridor open and again with the closures, under the same modes; each shipment counts
once on the named corridor that carries it out of China (:func:`planner.scenario.outcomes.
main_corridor`) and once on every link its route runs. Containers are counted in TEU (a 40 ft
box is 2 TEU) for routes whose main haul is by rail or sea and whose cargo is not bulk (bulk
goes by wagon or bulk ship).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from planner.core.planner import Planner
from planner.io.shipments import read_shipments
from planner.model.errors import PlanningError
from planner.model.query import Query
from planner.model.records import Haul, RouteOption
from planner.model.units import container_mix
from planner.scenario.outcomes import main_corridor

__all__ = ["FLOW_COLUMNS", "LINK_FLOW_COLUMNS", "Flows", "plan_flows"]

#: Columns of the flows per corridor (the JSON contract's ``flows``).
FLOW_COLUMNS = (
    "corridor",
    "name_en",
    "name_zh",
    "shipments_before",
    "weight_t_before",
    "teu_before",
    "shipments_after",
    "weight_t_after",
    "teu_after",
)
#: Columns of the flows per link (the map's widths).
LINK_FLOW_COLUMNS = (
    "link",
    "shipments_before",
    "weight_t_before",
    "shipments_after",
    "weight_t_after",
)
#: Main hauls that carry containers.
CONTAINER_HAULS = frozenset({Haul.RAIL, Haul.SEA})
#: Optional columns of a book and the query field each fills.
_OPTIONAL = ("cargo", "weight_t", "volume_m3", "priority")
#: Tonnes in a kilogram, for the totals' t CO2e.
_T_PER_KG = 1e-3


@dataclass(frozen=True)
class Flows:
    """A book's shipments per corridor and per link, before and after, and the totals.

    Attributes
    ----------
    corridors
        One row per corridor that carries a shipment on either side (:data:`FLOW_COLUMNS`),
        most shipments before first.
    links
        One row per link (:data:`LINK_FLOW_COLUMNS`).
    totals
        ``shipments`` (rows of the book), ``shipments_invalid`` (rows that are not a valid
        shipment), ``unplanned_before`` / ``unplanned_after`` (valid rows without a route),
        ``weight_t``, ``extra_days`` (summed over the shipments routed on both sides),
        ``extra_cost_usd``, ``extra_co2e_t``.
    source
        What the book was (its file name, or ``"table"``).
    """

    corridors: pd.DataFrame
    links: pd.DataFrame
    totals: dict[str, Any] = field(default_factory=dict)
    source: str = "table"

    def corridor_records(self) -> list[dict[str, Any]]:
        """The flows per corridor as JSON-ready dicts."""
        return [
            {k: (round(v, 2) if isinstance(v, float) else v) for k, v in row.items()}
            for row in self.corridors.to_dict("records")
        ]


def _query(
    columns: list[str], cells: list[str], closures: tuple[str, ...], extra: dict[str, Any]
) -> Query:
    values = dict(zip(columns, cells, strict=False))
    fields = {name: values[name] for name in _OPTIONAL if str(values.get(name) or "").strip()}
    return Query(
        values.get("origin", ""),
        values.get("destination", ""),
        alternatives=1,
        closures=closures,
        **fields,
        **extra,
    )


def _teu(option: RouteOption, query: Query, planner: Planner) -> int:
    if option.haul not in CONTAINER_HAULS or planner.cargo_spec(query.cargo).bulk:
        return 0
    teu, feu = container_mix(query.weight_t, query.volume_m3, planner.params)
    return teu + 2 * feu


def plan_flows(
    book: Any,
    closed: Iterable[str],
    *,
    modes: str | Iterable[str] | None = None,
    planner: Planner,
) -> Flows:
    """Plan a shipment book before and after closing ``closed``; count what each corridor
    and link carries.

    Parameters
    ----------
    book
        A path (CSV or .xlsx), an open file, a DataFrame or dicts (see
        :func:`planner.io.shipments.open_shipments`).
    closed
        Ids of nodes, links or corridors closed after.
    modes
        The modes a route may use on both sides (all by default).
    planner
        The planner to ask.

    Raises
    ------
    BatchFileError
        If the book cannot be read or lacks the ``origin`` or ``destination`` column.
    """
    closed = tuple(closed)
    shipments, valid = _book_queries(book, planner, modes)
    answers = {}
    for side, closures in (("before", ()), ("after", closed)):
        asked = [q.replace(closures=closures) for q in valid]
        answers[side] = planner.best_options(asked)
    totals = {
        "shipments": shipments,
        "shipments_invalid": shipments - len(valid),
        "unplanned_before": 0,
        "unplanned_after": 0,
        "weight_t": round(sum(q.weight_t for q in valid), 2),
        "extra_days": 0.0,
        "extra_cost_usd": 0.0,
        "extra_co2e_t": 0.0,
    }
    per_corridor, per_link = _tally(valid, answers, planner, totals)
    for key in ("extra_days", "extra_cost_usd", "extra_co2e_t"):
        totals[key] = round(totals[key], 2)
    return Flows(
        _corridor_frame(per_corridor, planner),
        _frame(per_link, "link", LINK_FLOW_COLUMNS),
        totals,
        _source_name(book),
    )


def _book_queries(
    book: Any, planner: Planner, modes: str | Iterable[str] | None
) -> tuple[int, list[Query]]:
    """How many shipments a book has, and the queries of those that are valid, resolved."""
    columns, rows, problems = read_shipments(book)
    extra = {} if modes is None else {"modes": modes}
    queries: list[Query | None] = []
    for cells, problem in zip(rows, problems, strict=True):
        try:
            query = None if problem else planner.resolve(_query(columns, cells, (), extra))
        except PlanningError:
            query = None
        queries.append(query)
    return len(rows), [q for q in queries if q is not None]


def _tally(
    valid: list[Query],
    answers: dict[str, list[RouteOption | PlanningError]],
    planner: Planner,
    totals: dict[str, Any],
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """What each corridor and link carries before and after (shipments, tonnes, TEU), per
    corridor and per link; the shipments left unplanned and the extra days, cost and CO2e
    are added to ``totals``."""
    kinds = {cid: c.kind for cid, c in planner.network.corridors.items()}
    per_corridor: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    per_link: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for i, query in enumerate(valid):
        best = {side: answers[side][i] for side in answers}
        for side, found in best.items():
            if isinstance(found, PlanningError):
                totals[f"unplanned_{side}"] += 1
                continue
            corridor = main_corridor(found, kinds) or ""
            counts = per_corridor[corridor]
            counts[f"shipments_{side}"] += 1
            counts[f"weight_t_{side}"] += query.weight_t
            counts[f"teu_{side}"] += _teu(found, query, planner)
            for link in {leg.link_id for leg in found.legs if leg.link_id}:
                per_link[link][f"shipments_{side}"] += 1
                per_link[link][f"weight_t_{side}"] += query.weight_t
        before, after = best["before"], best["after"]
        if isinstance(before, RouteOption) and isinstance(after, RouteOption):
            totals["extra_days"] += after.transit_days - before.transit_days
            totals["extra_cost_usd"] += after.cost_usd - before.cost_usd
            totals["extra_co2e_t"] += (after.co2e_kg - before.co2e_kg) * _T_PER_KG
    return per_corridor, per_link


def _frame(counts: dict[str, dict[str, float]], key: str, columns: tuple[str, ...]) -> pd.DataFrame:
    rows = [{key: name, **values} for name, values in counts.items()]
    frame = pd.DataFrame(rows, columns=list(columns)).fillna(0.0)
    for column in columns:
        if column.startswith(("shipments_", "teu_")):
            frame[column] = frame[column].astype(int)
        elif column.startswith("weight_t_"):
            frame[column] = frame[column].astype(float).round(2)
    return frame.sort_values(
        ["shipments_before", "shipments_after", key], ascending=[False, False, True]
    ).reset_index(drop=True)


def _corridor_frame(counts: dict[str, dict[str, float]], planner: Planner) -> pd.DataFrame:
    frame = _frame(counts, "corridor", FLOW_COLUMNS)
    corridors = planner.network.corridors
    frame["name_en"] = [corridors[c].name_en if c in corridors else c for c in frame["corridor"]]
    frame["name_zh"] = [corridors[c].name_zh if c in corridors else c for c in frame["corridor"]]
    return frame


def _source_name(book: Any) -> str:
    if isinstance(book, str | os.PathLike):
        return os.path.basename(os.fspath(book))
    return str(getattr(book, "name", "table"))
