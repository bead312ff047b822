"""One flat row per option: the scalar fields of the JSON contract, for CSV, Excel and batch.

:func:`option_row` flattens a :class:`~planner.model.records.RouteOption`; the batch's route library
fills the same row from a candidate route without building the option
(:func:`candidate_columns`, for many shipments at once as a :class:`RowTable`): both go
through :func:`route_fields` and :func:`flat_row`, so the two can never drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from corridors import Mode, Node
from planner.model.arrays import objects
from planner.model.cargo import CargoSpec
from planner.model.errors import PlanningError
from planner.model.records import Haul, RouteOption, Shipment
from planner.model.units import HOURS_PER_DAY
from planner.search.wording import route_notes, route_title
from planner.text.message import Message
from planner.text.messages import render

if TYPE_CHECKING:
    from planner.model.params import Parameters
    from planner.search.library import Candidates, Choice

__all__ = [
    "DATED_COLUMNS",
    "LIST_SEPARATOR",
    "MODE_SEPARATOR",
    "OPTION_COLUMNS",
    "RowTable",
    "candidate_columns",
    "dated_fields",
    "flat_row",
    "option_row",
    "options_to_rows",
    "route_fields",
]

#: Separators of list fields flattened into one cell.
MODE_SEPARATOR = "+"
LIST_SEPARATOR = "; "

#: Columns of a flat row, in order: the scalar fields of the JSON contract.
OPTION_COLUMNS = (
    "rank",
    "label",
    "haul",
    "modes",
    "exit_port_id",
    "exit_port_name_en",
    "exit_port_name_zh",
    "entry_port_id",
    "entry_port_name_en",
    "entry_port_name_zh",
    "transit_days",
    "transit_days_min",
    "transit_days_max",
    "main_haul_days",
    "wait_days",
    "to_departure_days",
    "cost_usd",
    "cost_cny",
    "co2e_kg",
    "distance_km",
    "transfers",
    "border_crossings",
    "pareto_optimal",
    "corridors",
    "service",
    "warnings",
)

#: Decimal places of the rounded columns of a row (as ``RouteOption.to_dict``).
DECIMALS = {
    "transit_days": 1,
    "transit_days_min": 1,
    "transit_days_max": 1,
    "main_haul_days": 1,
    "wait_days": 1,
    "to_departure_days": 1,
    "cost_usd": 2,
    "cost_cny": 2,
    "co2e_kg": 1,
}
#: Columns of an option's price band and dates (a route's table and a batch's, after
#: :data:`OPTION_COLUMNS`; the batch computes them from its columns, :mod:`planner.io.dated_rows`).
DATED_COLUMNS = (
    "cost_usd_min", "cost_usd_max", "price_as_of", "price_source", "price_note", "departure_date",
    "arrival_date",
)  # fmt: skip
#: Columns that depend on the shipment, not only on its route; the others come from the route.
SHIPMENT_COLUMNS = ("cost_usd", "cost_cny", "co2e_kg", "pareto_optimal")
ROUTE_COLUMNS = tuple(c for c in OPTION_COLUMNS if c not in SHIPMENT_COLUMNS)


_MODE_NAMES = {mode: mode.value for mode in Mode}  # an enum's value is slow to read


class _LegLike(Protocol):
    mode: Mode
    corridor: str
    distance_km: float


def route_fields(
    legs: Sequence[_LegLike],
    exit_port: Node | None,
    entry_port: Node | None,
    crossings: int,
    haul: Haul | None,
    days_range: tuple[float, float],
    service: str | None,
    haul_days: tuple[float, float] = (0.0, 0.0),
    before_days: float = 0.0,
) -> dict[str, Any]:
    """The fields of a row that do not depend on the shipment: main haul, modes, ports,
    transit days' range, the main haul's days and the wait for its departure (``haul_days``),
    distance, transfers, border crossings, corridors, the service."""
    modes: list[str] = []
    corridors: list[str] = []
    for leg in legs:
        if getattr(leg, "wait", False):
            continue
        mode = _MODE_NAMES[leg.mode]
        if not modes or modes[-1] != mode:
            modes.append(mode)
        if leg.corridor and leg.corridor not in corridors:
            corridors.append(leg.corridor)
    return {
        "haul": haul.value if haul is not None else "",
        "modes": MODE_SEPARATOR.join(modes),
        **_port_fields("exit_port", exit_port),
        **_port_fields("entry_port", entry_port),
        "distance_km": round(sum(leg.distance_km for leg in legs), 1),
        "transfers": max(len(modes) - 1, 0),
        "border_crossings": crossings,
        "corridors": MODE_SEPARATOR.join(corridors),
        "transit_days_min": round(days_range[0], DECIMALS["transit_days_min"]),
        "transit_days_max": round(days_range[1], DECIMALS["transit_days_max"]),
        "main_haul_days": round(haul_days[0], DECIMALS["main_haul_days"]),
        "wait_days": round(haul_days[1], DECIMALS["wait_days"]),
        "to_departure_days": round(before_days, DECIMALS["to_departure_days"]),
        "service": service or "",
    }


def _port_fields(role: str, port: Node | None) -> dict[str, str]:
    if port is None:
        return {f"{role}_id": "", f"{role}_name_en": "", f"{role}_name_zh": ""}
    return {f"{role}_id": port.id, f"{role}_name_en": port.name_en, f"{role}_name_zh": port.name_zh}


def flat_row(
    rank: int,
    title: Message | None,
    fields: dict[str, Any],
    objectives: tuple[float, float, float],
    usd_cny: float,
    pareto_optimal: bool,
    notes: Iterable[Message],
    lang: str = "en",
) -> dict[str, Any]:
    """A row of :data:`OPTION_COLUMNS` (numbers rounded as in ``RouteOption.to_dict``).

    Parameters
    ----------
    rank
        The option's rank.
    title, notes
        Its title and notes (written in ``lang``).
    fields
        Its :func:`route_fields`.
    objectives
        Transit days, USD and kg CO2e.
    usd_cny
        The exchange rate.
    pareto_optimal
        Whether no other option beats it on all three objectives.
    lang
        ``"en"`` or ``"zh"``.
    """
    days, cost_usd, co2e_kg = objectives
    row = {
        "rank": rank,
        "label": render(title, lang) if title is not None else "",
        **fields,
        "transit_days": round(days, DECIMALS["transit_days"]),
        "cost_usd": round(cost_usd, DECIMALS["cost_usd"]),
        "cost_cny": round(cost_usd * usd_cny, DECIMALS["cost_cny"]),
        "co2e_kg": round(co2e_kg, DECIMALS["co2e_kg"]),
        "pareto_optimal": pareto_optimal,
        "warnings": LIST_SEPARATOR.join(render(note, lang) for note in notes),
    }
    return {column: row[column] for column in OPTION_COLUMNS}


def option_row(option: RouteOption, lang: str = "en") -> dict[str, Any]:
    """The flat row of one option."""
    return flat_row(
        option.rank,
        option.title,
        route_fields(
            option.legs,
            option.exit_port,
            option.entry_port,
            option.border_crossings,
            option.haul,
            (option.transit_days_min, option.transit_days_max),
            option.ride.service_id if option.ride is not None else None,
            (option.main_haul_days, option.wait_days),
            option.to_departure_days,
        ),
        option.objectives,
        option.usd_cny,
        option.pareto_optimal,
        option.notes,
        lang,
    )


def options_to_rows(
    options: Iterable[RouteOption], lang: str = "en", *, dated: bool = False
) -> list[dict[str, Any]]:
    """Flatten route options into one dict per option (keys :data:`OPTION_COLUMNS`, and
    :data:`DATED_COLUMNS` if ``dated``): the ports' ``id``, ``name_en`` and ``name_zh`` as
    ``exit_port_*`` / ``entry_port_*`` (empty when there is none), ``modes`` and ``corridors``
    joined by ``+``, ``warnings`` by ``"; "``."""
    if not dated:
        return [option_row(option, lang) for option in options]
    return [{**option_row(option, lang), **dated_fields(option)} for option in options]


def dated_fields(option: RouteOption) -> dict[str, Any]:
    """An option's :data:`DATED_COLUMNS` (its dates empty without a ready day)."""
    dates = option.dates
    return {
        "cost_usd_min": round(option.cost_usd_min, DECIMALS["cost_usd"]),
        "cost_usd_max": round(option.cost_usd_max, DECIMALS["cost_usd"]),
        "price_as_of": option.price_as_of,
        "price_source": option.price_source,
        "price_note": option.price_note,
        "departure_date": dates.departure if dates is not None else "",
        "arrival_date": dates.arrival if dates is not None else "",
    }


@dataclass(frozen=True, eq=False)
class RowTable:
    """The flat rows of many shipments as columns.

    Attributes
    ----------
    columns
        :data:`OPTION_COLUMNS` -> ``(m,)`` object array (``None`` on a shipment in error).
    errors
        Per shipment: why it has no row, or ``None``.
    """

    columns: dict[str, np.ndarray]
    errors: list[PlanningError | None]

    def __len__(self) -> int:
        return len(self.errors)

    def rows(self) -> list[dict[str, Any] | PlanningError]:
        """Per shipment, its row or its error."""
        values = zip(*(self.columns[c].tolist() for c in OPTION_COLUMNS), strict=True)
        return [
            error if error is not None else dict(zip(OPTION_COLUMNS, row, strict=True))
            for row, error in zip(values, self.errors, strict=True)
        ]

    @classmethod
    def empty(cls, m: int) -> RowTable:
        """``m`` shipments, none answered yet."""
        columns = (*OPTION_COLUMNS, *DATED_COLUMNS)  # the dated ones filled after the others
        return cls({c: np.full(m, None, dtype=object) for c in columns}, [None] * m)

    @classmethod
    def of(cls, answers: Sequence[dict[str, Any] | PlanningError]) -> RowTable:
        """The table of rows (or errors), one per shipment."""
        table = cls.empty(len(answers))
        for i, answer in enumerate(answers):
            table.put(i, answer)
        return table

    def put(self, i: int, answer: dict[str, Any] | PlanningError) -> None:
        """Shipment ``i``'s row, or its error."""
        if isinstance(answer, PlanningError):
            self.errors[i] = answer
            return
        for column in OPTION_COLUMNS:
            self.columns[column][i] = answer[column]


def candidate_columns(
    table: RowTable,
    rows: np.ndarray,
    chosen: Sequence[tuple[Candidates, int, CargoSpec]],
    which: np.ndarray,
    choice: Choice,
    weight_t: np.ndarray,
    params: Parameters,
    lang: str = "en",
) -> None:
    """Fill the rows of chosen candidates into ``table``, without building their options.

    The fields of a route are made once per candidate, cargo class and language (:func:`flat_row`
    as for an option; but for a heavy air shipment, whose warning names its weight) and gathered
    by index; the shipment's own fields are rounded per row.

    Parameters
    ----------
    table
        Where the rows go.
    rows
        ``(n,)`` positions in ``table`` of the shipments chosen for.
    chosen
        The distinct ``(candidates, index, cargo class)`` chosen.
    which
        ``(n,)`` each shipment's member of ``chosen``.
    choice
        The choice (``n`` shipments).
    weight_t
        ``(n,)`` the shipments' weights.
    params
        The parameter table.
    lang
        ``"en"`` or ``"zh"``.
    """
    usd_cny = params["fx.usd_cny"]
    heavy_t = params["air.max_shipment_t"]
    # one line per route chosen, its fields in ROUTE_COLUMNS order; gathered per shipment
    made = np.array(
        [_route_row(c, k, cargo, None, params, lang) for c, k, cargo in chosen], dtype=object
    ).reshape(len(chosen), len(ROUTE_COLUMNS))[which]
    for j, column in enumerate(ROUTE_COLUMNS):
        table.columns[column][rows] = made[:, j]
    # the warning of an air shipment above one freighter's load names its weight
    air = np.array([Mode.AIR in c.shapes[k].modes_used for c, k, _ in chosen], dtype=bool)
    for j in np.flatnonzero(air[which] & (weight_t > heavy_t)).tolist():
        candidates, k, cargo = chosen[which[j]]
        row = _route_row(candidates, k, cargo, float(weight_t[j]), params, lang)
        table.columns["warnings"][rows[j]] = row[ROUTE_COLUMNS.index("warnings")]
    cost = choice.cost.tolist()
    digits = DECIMALS
    shipment = {
        "cost_usd": [round(c, digits["cost_usd"]) for c in cost],
        "cost_cny": [round(c * usd_cny, digits["cost_cny"]) for c in cost],
        "co2e_kg": [round(e, digits["co2e_kg"]) for e in choice.co2.tolist()],
        "pareto_optimal": choice.pareto.tolist(),
    }
    for column, values in shipment.items():
        table.columns[column][rows] = objects(values)


def _route_row(
    candidates: Candidates,
    k: int,
    cargo: CargoSpec,
    heavy_t: float | None,
    params: Parameters,
    lang: str,
) -> tuple:
    """The fields of candidate ``k``'s row that come from the route (:data:`ROUTE_COLUMNS`) for
    a shipment of ``cargo`` (of ``heavy_t`` tonnes if it is too heavy for one freighter); kept
    per candidate, cargo class and language unless heavy."""
    key = (k, lang, cargo.id)  # by id: a spec hashes every field
    found = None if heavy_t is not None else candidates.rows.get(key)
    if found is None:
        shape, timing = candidates.shapes[k], candidates.timings[k]
        days = float(candidates.days[k])
        weight = heavy_t if heavy_t is not None else 1.0
        ride = timing.ride
        row = flat_row(
            1,
            route_title(candidates.headings[k], days),
            route_fields(
                shape.legs,
                shape.exit_port,
                shape.entry_port,
                shape.crossings,
                shape.haul,
                (timing.hours_min / HOURS_PER_DAY, timing.hours_max / HOURS_PER_DAY),
                ride.service_id if ride is not None else None,
                (timing.main_hours / HOURS_PER_DAY, timing.wait_hours / HOURS_PER_DAY),
                timing.before_hours / HOURS_PER_DAY,
            ),
            (days, 0.0, 0.0),
            params["fx.usd_cny"],
            False,
            route_notes(params, Shipment(cargo.id, weight, 1.0), cargo, days, shape, timing),
            lang,
        )
        found = tuple(row[column] for column in ROUTE_COLUMNS)
        if heavy_t is None:
            candidates.rows[key] = found
    return found
