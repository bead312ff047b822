"""The ``route`` command's work, shared by the command line and the HTTP API
(:mod:`planner.http`): the query of the command's arguments, checked as the command checks it
(cheap things before the network is loaded), planned, and its JSON (``--format json``)."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planner.cli import common
from planner.cli.common import checked, positive_int

if TYPE_CHECKING:
    from planner.core.planner import Planner
    from planner.model.records import Place, RouteOption
    from planner.search.answer import Answer
    from planner.text.message import Message

__all__ = ["Routed", "place_dict", "planned_route", "route_json"]


@dataclass(frozen=True)
class Routed:
    """A route query planned: what was asked (``summary``, the JSON's ``query``), the options,
    their answer (what holds for all said once), the planner, and the quotes refused."""

    summary: dict[str, Any]
    options: list[RouteOption]
    answer: Answer
    planner: Planner
    refused: tuple[Message, ...] = ()


def place_dict(text: str, place: Place) -> dict[str, Any]:
    """A resolved place as the JSON names it, with the text it was typed as."""
    return {
        "input": text,
        "id": place.id,
        "name_en": place.name_en,
        "name_zh": place.name_zh,
        "kind": place.kind,
        "country": place.country,
    }


def planned_route(args: argparse.Namespace, lang: str) -> Routed:
    """Plan the ``route`` command's arguments (as its parser leaves them).

    Raises
    ------
    CliError
        Bad input, as one line naming its option (``--from: unknown place ...``).
    NoRouteError, PlanningError
        As :meth:`Planner.plan` raises them.
    """
    from planner.io.quotes import read_quotes
    from planner.model.query import Query
    from planner.search.answer import answer_of

    # Check the cheap things first, so bad input fails before the network is loaded.
    alternatives = positive_int("--alternatives", args.alternatives, lang)
    fields = {
        "cargo": args.cargo,
        "priority": args.priority,
        "alternatives": alternatives,
        "closures": tuple(args.avoid),
        "modes": args.modes,
        "ready": args.ready,
    }
    for name in ("weight_t", "volume_m3"):
        if getattr(args, name) is not None:
            fields[name] = getattr(args, name)
    query = checked(None, lang, lambda: Query(args.origin, args.destination, **fields))
    planner = common.planner_of(args)
    checked("--cargo", lang, lambda: planner.cargo_classes.spec(query.cargo))
    origin = checked("--from", lang, lambda: planner.places.resolve(args.origin))
    destination = checked("--to", lang, lambda: planner.places.resolve(args.destination))
    query = query.replace(origin=origin, destination=destination)
    refused: tuple[Message, ...] = ()
    if getattr(args, "rates", None):  # the quotes valid on the ready day (today without one)
        day = query.ready or dt.date.today()
        read = lambda: read_quotes(args.rates, planner.places, day)  # noqa: E731
        quotes, refused = checked("--rates", lang, read)
        query = query.replace(quotes=quotes)
    # the error's field names its option: --to for the same place twice, else --avoid
    options = checked(None, lang, lambda: planner.plan(query), otherwise="--avoid")
    summary = {
        "origin": place_dict(args.origin, origin),
        "destination": place_dict(args.destination, destination),
        "cargo": query.cargo.value,
        "weight_t": query.weight_t,
        "volume_m3": query.volume_m3,
        "priority": query.priority.value,
        "alternatives": query.alternatives,
        "avoid": list(args.avoid),
        "modes": sorted(m.value for m in query.modes),
        **({"ready": query.ready.isoformat()} if query.ready is not None else {}),
    }
    return Routed(summary, options, answer_of(options), planner, tuple(refused))


def route_json(routed: Routed, lang: str) -> dict[str, Any]:
    """What ``route --format json`` prints: ``{"query": ..., "notes", "parameters",
    "options"}`` (texts in ``lang``, keys English)."""
    return {"query": routed.summary, **routed.answer.to_dict(lang)}
