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
from typing import TYPE_CHECKING

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
    """Fill ``table``'s dated columns (``at``: per row, its answer or -1; ``ready``: per row,
    its ready cell): each distinct (main haul, port of entry, ready cell) is banded once, the
    prices scaled per row."""
    out = {c: np.full(len(table), None, dtype=object) for c in DATED_COLUMNS}
    col = table.columns
    rows = np.flatnonzero(at >= 0)
    answers = at[rows]
    hauls = col["haul"][answers].tolist()
    kept = [k for k, haul in enumerate(hauls) if haul is not None]
    rows, answers = rows[kept], answers[kept]
    if not len(rows):
        col.update(out)
        return
    keys = list(zip(col["haul"][answers].tolist(), col["entry_port_id"][answers].tolist(),
                    [ready[i] for i in rows.tolist()], strict=True))  # fmt: skip
    codes: dict[tuple, int] = {}
    code = np.array([codes.setdefault(key, len(codes)) for key in keys], dtype=np.intp)
    bands, days = _bands(list(codes), planner)
    factor = np.array([band.factor for band in bands])[code].tolist()
    low = np.array([min(band.low, 1.0) for band in bands])[code].tolist()
    high = np.array([max(band.high, 1.0) for band in bands])[code].tolist()
    cost = [c * f for c, f in zip(col["cost_usd"][answers].tolist(), factor, strict=True)]
    out["cost_usd_min"][answers] = _rounded([c * x for c, x in zip(cost, low, strict=True)])
    out["cost_usd_max"][answers] = _rounded([c * x for c, x in zip(cost, high, strict=True)])
    out["price_as_of"][answers] = np.array([band.as_of for band in bands], dtype=object)[code]
    out["price_source"][answers], out["price_note"][answers] = "model", ""
    out["departure_date"][answers] = out["arrival_date"][answers] = ""
    dated = np.array([day is not None for day in days])[code]
    for k in np.flatnonzero(dated).tolist():  # a ready day: its price, departure and arrival
        j, day, f = int(answers[k]), days[code[k]], factor[k]
        col["cost_usd"][j], col["cost_cny"][j] = round(cost[k], 2), round(
            col["cost_cny"][j] * f, 2)  # fmt: skip
        out["departure_date"][j], out["arrival_date"][j] = _dates(col, j, day, planner)
    col.update(out)


def _bands(keys: list[tuple], planner: Planner) -> tuple[list, list[dt.date | None]]:
    """The price band and the ready day of each distinct (main haul, port of entry, ready
    cell)."""
    rates = load_rates(planner.network.data_dir)
    nodes = planner.network.nodes
    lon = dict(zip(nodes.index, nodes.geometry.x, strict=True)) if len(nodes) else {}
    days = [_day(text) for _, _, text in keys]
    series = [series_of(haul or None, lon.get(entry)) for haul, entry, _ in keys]
    return [rates.band(s, day) for s, day in zip(series, days, strict=True)], days


def _rounded(values: list[float]) -> np.ndarray:
    """Prices to the cent, as the rows' own (Python's ``round``, not numpy's)."""
    return np.fromiter((round(value, 2) for value in values), dtype=object, count=len(values))


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
