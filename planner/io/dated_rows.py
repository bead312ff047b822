"""A batch's price bands and dates, made from its rows' columns after they are planned.

Every answered row gets :data:`planner.core.option_rows.DATED_COLUMNS`: the price band of its
main haul's rate series (:func:`planner.core.dated.series_of`) and the date of the rates; a
row with a ``ready_date`` its departure and arrival (:func:`planner.search.dating.departure`,
a service's published weekdays where it rides one) and its price at that day. A file without
the column costs one band per distinct route kind, no more. The batch does not add the dated
slow weeks (a route's nodes are not in its row): ``route --ready`` does.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from planner.core.dated import series_of
from planner.core.option_rows import DATED_COLUMNS
from planner.model.query import check_field
from planner.model.rates import load_rates
from planner.search.dating import departure

if TYPE_CHECKING:
    from planner.core.option_rows import RowTable
    from planner.core.planner import Planner

__all__ = ["READY_COLUMN", "dated_chunks"]

READY_COLUMN = "ready_date"


def dated_chunks(columns: Sequence[str], chunks: Iterator, planner: Planner) -> Iterator:
    """The chunks ``(cells, results)`` of a batch with the dated columns added to each
    chunk's answers (``results.answers``, rows ``results.at``)."""
    at = list(columns).index(READY_COLUMN) if READY_COLUMN in columns else None
    for cells, results in chunks:
        ready = [row[at] if at is not None and at < len(row) else "" for row in cells]
        _add(results.answers, results.at, ready, planner)
        yield cells, results


def _add(table: RowTable, at: np.ndarray, ready: list[str], planner: Planner) -> None:
    rates = load_rates(planner.network.data_dir)
    nodes = planner.network.nodes
    lon = dict(zip(nodes.index, nodes.geometry.x, strict=True)) if len(nodes) else {}
    out = {c: np.full(len(table), None, dtype=object) for c in DATED_COLUMNS}
    col = table.columns
    bands: dict[tuple, Any] = {}
    for i in np.flatnonzero(at >= 0).tolist():
        j = int(at[i])
        if col["haul"][j] is None:
            continue
        day = _day(ready[i])
        series = series_of(col["haul"][j] or None, lon.get(col["entry_port_id"][j]))
        band = bands.get((series, day))
        if band is None:
            band = bands[(series, day)] = rates.band(series, day)
        cost = col["cost_usd"][j] * band.factor
        if day is not None:
            col["cost_usd"][j], col["cost_cny"][j] = round(cost, 2), round(
                col["cost_cny"][j] * band.factor, 2)  # fmt: skip
        out["cost_usd_min"][j] = round(cost * min(band.low, 1.0), 2)
        out["cost_usd_max"][j] = round(cost * max(band.high, 1.0), 2)
        out["price_as_of"][j], out["price_source"][j] = band.as_of, "model"
        out["price_note"][j] = ""
        out["departure_date"][j] = out["arrival_date"][j] = ""
        if day is not None:
            gone, arrival = _dates(col, j, day, planner)
            out["departure_date"][j], out["arrival_date"][j] = gone, arrival
    col.update(out)


def _day(text: str) -> dt.date | None:
    """The ready day of a cell (empty or unreadable: none; the row is still planned)."""
    try:
        return check_field("ready", text) if text and text.strip() else None
    except ValueError:
        return None


def _dates(col: dict, j: int, day: dt.date, planner: Planner) -> tuple[str, str]:
    services = planner.services
    service, haul = col["service"][j] or "", col["haul"][j]
    weekdays: tuple[int, ...] = ()
    if service in services.index and haul != "sea":
        weekdays = tuple(services.at[service, "weekdays"])
    per_week = services.at[service, "per_week"] if service in services.index else math.nan
    basis = (
        "road" if haul == "road"
        else "frequency" if not math.isnan(per_week)
        else "unpublished" if service in services.index
        else "model"
    )  # fmt: skip
    wait = float(col["wait_days"][j])
    gone = departure(day, float(col["to_departure_days"][j]), wait, weekdays, basis)
    days = float(col["transit_days"][j]) - wait + gone.wait_days
    return gone.day.isoformat(), (day + dt.timedelta(days=math.floor(days))).isoformat()
