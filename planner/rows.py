"""One flat row per option: the scalar fields of the JSON contract, for CSV, Excel and batch.

:func:`option_row` flattens a :class:`~planner.records.RouteOption`; the batch's route library
fills the same row from a candidate route without building the option
(:meth:`planner.engine.Planner.plan_rows`): both go through :func:`route_fields` and
:func:`flat_row`, so the two can never drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from corridors import Mode, Node
from planner.messages import Message, render
from planner.records import RouteOption
from planner.wording import route_notes, route_title

if TYPE_CHECKING:
    from planner.library import Candidates, Choice
    from planner.params import Parameters
    from planner.query import Query

__all__ = [
    "LIST_SEPARATOR",
    "MODE_SEPARATOR",
    "OPTION_COLUMNS",
    "candidate_row",
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
    "modes",
    "exit_port_id",
    "exit_port_name_en",
    "exit_port_name_zh",
    "entry_port_id",
    "entry_port_name_en",
    "entry_port_name_zh",
    "transit_days",
    "cost_usd",
    "cost_cny",
    "co2e_kg",
    "distance_km",
    "transfers",
    "border_crossings",
    "pareto_optimal",
    "corridors",
    "warnings",
)


class _LegLike(Protocol):
    mode: Mode
    corridor: str
    distance_km: float


def route_fields(
    legs: Sequence[_LegLike], exit_port: Node | None, entry_port: Node | None, crossings: int
) -> dict[str, Any]:
    """The fields of a row that do not depend on the shipment: modes, ports, distance,
    transfers, border crossings, corridors."""
    modes: list[str] = []
    corridors: list[str] = []
    for leg in legs:
        mode = leg.mode.value
        if not modes or modes[-1] != mode:
            modes.append(mode)
        if leg.corridor and leg.corridor not in corridors:
            corridors.append(leg.corridor)
    return {
        "modes": MODE_SEPARATOR.join(modes),
        **_port_fields("exit_port", exit_port),
        **_port_fields("entry_port", entry_port),
        "distance_km": round(sum(leg.distance_km for leg in legs), 1),
        "transfers": max(len(modes) - 1, 0),
        "border_crossings": crossings,
        "corridors": MODE_SEPARATOR.join(corridors),
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
        "transit_days": round(days, 1),
        "cost_usd": round(cost_usd, 2),
        "cost_cny": round(cost_usd * usd_cny, 2),
        "co2e_kg": round(co2e_kg, 1),
        "pareto_optimal": pareto_optimal,
        "warnings": LIST_SEPARATOR.join(render(note, lang) for note in notes),
    }
    return {column: row[column] for column in OPTION_COLUMNS}


def option_row(option: RouteOption, lang: str = "en") -> dict[str, Any]:
    """The flat row of one option."""
    return flat_row(
        option.rank,
        option.title,
        route_fields(option.legs, option.exit_port, option.entry_port, option.border_crossings),
        option.objectives,
        option.usd_cny,
        option.pareto_optimal,
        option.notes,
        lang,
    )


def options_to_rows(options: Iterable[RouteOption], lang: str = "en") -> list[dict[str, Any]]:
    """Flatten route options into one dict per option (keys :data:`OPTION_COLUMNS`): the ports'
    ``id``, ``name_en`` and ``name_zh`` as ``exit_port_*`` / ``entry_port_*`` (empty when
    there is none), ``modes`` and ``corridors`` joined by ``+``, ``warnings`` by ``"; "``."""
    return [option_row(option, lang) for option in options]


def candidate_row(
    candidates: Candidates,
    choice: Choice,
    i: int,
    query: Query,
    params: Parameters,
    lang: str = "en",
) -> dict[str, Any]:
    """The flat row of query ``i``'s chosen candidate, without building its option.

    The fields that do not depend on the shipment are made once per candidate, cargo class
    and language (but for a heavy air shipment, whose warning names its weight).
    """
    k = int(choice.best[i])
    shape = candidates.shapes[k]
    # the warning of an air shipment above one freighter's load names its weight: not kept
    heavy = query.weight_t > params["air.max_shipment_t"] and Mode.AIR in shape.modes_used
    key = (k, lang, query.cargo)
    found = None if heavy else candidates.rows.get(key)
    if found is None:
        days = float(candidates.days[k])
        found = flat_row(
            1,
            route_title(candidates.headings[k], days),
            route_fields(shape.legs, shape.exit_port, shape.entry_port, shape.crossings),
            (days, 0.0, 0.0),
            params["fx.usd_cny"],
            False,
            route_notes(params, query.shipment, days, shape),
            lang,
        )
        if not heavy:
            candidates.rows[key] = found
    cost = float(choice.cost[i])
    row = dict(found)
    row["cost_usd"] = round(cost, 2)
    row["cost_cny"] = round(cost * params["fx.usd_cny"], 2)
    row["co2e_kg"] = round(float(choice.co2[i]), 1)
    row["pareto_optimal"] = bool(choice.pareto[i])
    return row
