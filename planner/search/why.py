"""Why each option is offered: its reasons among the options shown, as one message record.

The first option is there for the priority (the cheapest, the fastest within the shelf life,
the lowest in CO2e, or the best balance) or because it rides a published service; the others
for what sets them apart from the ones above them: a published service, the fastest, the
cheapest, the lowest CO2e, another crossing or port in case one closes, another mode. A model
train (no service known on it, where one runs) says so. :func:`planner.text.messages.render`
writes the record (``msg.why`` and the catalogue's ``why.*``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from planner.model.records import Haul, Priority, Ride
from planner.text.message import Message, Name

__all__ = ["Offered", "why_offered"]

#: Reasons said per option at most (its first ones); a model train's label is said besides.
MAX_REASONS = 2
#: The reason of the first option per priority, when it holds.
_PRIORITY_REASON = {
    Priority.FASTEST: "fastest",
    Priority.CHEAPEST: "cheapest",
    Priority.GREENEST: "greenest",
}
#: "another crossing / port / airport" by the kind of the node a route leaves by.
_OTHER_EXIT = {
    "border_crossing": "other_crossing",
    "seaport": "other_port",
    "airport": "other_airport",
}


@dataclass(frozen=True)
class Offered:
    """What the reasons of one option are read from."""

    days: float
    days_max: float
    cost: float
    co2: float
    haul: Haul | None
    exit_id: str | None
    exit_kind: str | None
    exit_name: Name | None
    ride: Ride | None
    model: bool


def why_offered(
    options: Sequence[Offered], priority: Priority, shelf_days: float = math.inf
) -> list[Message]:
    """Per option, best first, the message of why it is offered."""
    if not options:
        return []
    days = min(o.days for o in options)
    keeping = [o.days for o in options if o.days_max <= shelf_days]
    best = {
        "fastest": days,
        "fastest_in_shelf": min(keeping) if keeping else -math.inf,
        "cheapest": min(o.cost for o in options),
        "greenest": min(o.co2 for o in options),
    }
    perishable = math.isfinite(shelf_days)
    out = []
    for rank, option in enumerate(options):
        above = options[:rank]
        holds = {
            "fastest_in_shelf": perishable and option.days == best["fastest_in_shelf"],
            "fastest": option.days == best["fastest"],
            "cheapest": option.cost == best["cheapest"],
            "greenest": option.co2 == best["greenest"],
        }
        metrics = [code for code, ok in holds.items() if ok]
        if "fastest_in_shelf" in metrics and "fastest" in metrics:
            metrics.remove("fastest")
        reasons: list[str] = []
        if rank == 0:
            lead = _PRIORITY_REASON.get(priority)
            if lead == "fastest" and perishable:
                lead = "fastest_in_shelf"
            if lead in metrics:
                reasons.append(lead)
        if option.ride is not None and not option.ride.stale:
            reasons.append("service")
        reasons += [code for code in metrics if code not in reasons]
        same_haul = [o for o in above if o.haul is option.haul]
        exit_kind = _OTHER_EXIT.get(option.exit_kind or "")
        if rank and not same_haul:
            reasons.append("other_haul")
        elif rank and exit_kind and all(o.exit_id != option.exit_id for o in same_haul):
            reasons.append(exit_kind)
        if not reasons:
            reasons.append("balanced" if rank == 0 else "alternative")
        reasons = reasons[:MAX_REASONS]
        if option.model:
            reasons.append("model_train")
        out.append(_message(tuple(reasons), option))
    return out


def _message(reasons: tuple[str, ...], option: Offered) -> Message:
    ride = option.ride
    per_week = None if ride is None or math.isnan(ride.per_week) else ride.per_week
    return Message.of(
        "why",
        reasons=reasons,
        exit=option.exit_name,
        per_week=per_week,
        haul=option.haul.value if option.haul is not None else None,
    )
