"""One query, in one shape: what the CLI, the app, batch files and scenarios ask the planner.

A :class:`Query` is frozen and validated when it is made; a bad field raises
:class:`~planner.model.errors.InvalidQueryError` naming it. Origin and destination may be given as
text (a name, id or code); :meth:`planner.core.planner.Planner.resolve` turns them into
:class:`~planner.places.index.Place` records, and the resolved query is the planner's cache key.

Examples
--------
>>> Query("Taiyuan", "Moscow", cargo="perishable", weight_t=18, volume_m3=60)  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import numbers
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from corridors.records import Mode
from planner.model.cargo import DEFAULT_CARGO, CargoClass
from planner.model.errors import InvalidQueryError
from planner.model.quotes import Quote
from planner.model.records import Place, Priority, Shipment, positive_number

__all__ = ["ALL_MODES", "MAX_VOLUME_M3", "MAX_WEIGHT_T", "Query", "check_field"]

ALL_MODES = frozenset(Mode)
#: Largest shipment a query accepts: above the largest bulk carrier afloat (Valemax, ~400,000 t
#: deadweight); a bigger number is a typing error, not a shipment.
MAX_WEIGHT_T = 500_000.0
#: Largest volume a query accepts (a 24,000 TEU ship holds about 800,000 m³ of boxes).
MAX_VOLUME_M3 = 1_000_000.0
DEFAULT_WEIGHT_T = 10.0
DEFAULT_VOLUME_M3 = 30.0
DEFAULT_ALTERNATIVES = 5


@dataclass(frozen=True)
class Query:
    """A shipment to plan and how to choose among the ways.

    Attributes
    ----------
    origin, destination
        Where from and where to: text (a name, id, code or country) or a resolved Place.
    cargo
        Cargo class: an id of the cargo table (``geodata/cargo_classes.csv``, or the data
        directory's); the planner checks it against its table.
    weight_t, volume_m3
        Gross weight in tonnes and volume in cubic metres (positive, at most
        :data:`MAX_WEIGHT_T` / :data:`MAX_VOLUME_M3`).
    priority
        ``balanced`` (money + value of time + carbon price), ``fastest``, ``cheapest`` or
        ``greenest``.
    alternatives
        How many options at most (>= 1).
    closures
        Ids of nodes, links or corridors (or place names) closed for this query; sorted.
    modes
        The modes a route may use (all four by default); a mode left out is closed.
    ready
        The day the goods are ready (a ``date`` or ``YYYY-MM-DD``; ``None``: no dates): each
        option then gets its departure and arrival dates and its price at that date.
    quotes
        The exporter's own quotes (:class:`~planner.model.quotes.Quote`, checked when read): a
        valid one replaces the model's price of its lane and mode.
    """

    origin: str | Place
    destination: str | Place
    cargo: CargoClass = DEFAULT_CARGO
    weight_t: float = DEFAULT_WEIGHT_T
    volume_m3: float = DEFAULT_VOLUME_M3
    priority: Priority = Priority.BALANCED
    alternatives: int = DEFAULT_ALTERNATIVES
    closures: tuple[str, ...] = ()
    modes: frozenset[Mode] = ALL_MODES
    ready: dt.date | None = None
    quotes: tuple[Quote, ...] = ()
    _hash: int = dataclasses.field(default=0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        fix = object.__setattr__
        for name, check in _CHECKS.items():
            fix(self, name, check(getattr(self, name)))
        fix(self, "_hash", hash(self._key()))

    def __hash__(self) -> int:  # made once: a query is a cache key many times over
        return self._hash

    def _key(self) -> tuple:
        return (
            self.origin,
            self.destination,
            self.cargo,
            self.weight_t,
            self.volume_m3,
            self.priority,
            self.alternatives,
            self.closures,
            self.modes,
            self.ready,
            self.quotes,
        )

    @classmethod
    def of(
        cls,
        origin: str | Place,
        destination: str | Place,
        shipment: Shipment | None = None,
        **fields: Any,
    ) -> Query:
        """A query from a :class:`~planner.model.records.Shipment` (``None``: the defaults)."""
        if shipment is not None:
            if not isinstance(shipment, Shipment):
                raise InvalidQueryError(
                    "shipment", "wrong_type", expected="a Shipment", got=type(shipment).__name__
                )
            fields = {
                "cargo": shipment.cargo,
                "weight_t": shipment.weight_t,
                "volume_m3": shipment.volume_m3,
                **fields,
            }
        return cls(origin, destination, **fields)

    @property
    def shipment(self) -> Shipment:
        """What is sent: cargo class, weight and volume."""
        return Shipment(self.cargo, self.weight_t, self.volume_m3)

    def replace(self, **changes: Any) -> Query:
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain values (places as ids), for JSON and exports."""
        return {
            "origin": _place_id(self.origin),
            "destination": _place_id(self.destination),
            "cargo": self.cargo.value,
            "weight_t": self.weight_t,
            "volume_m3": self.volume_m3,
            "priority": self.priority.value,
            "alternatives": self.alternatives,
            "closures": list(self.closures),
            "modes": sorted(m.value for m in self.modes),
            **({"ready": self.ready.isoformat()} if self.ready is not None else {}),
            **({"quotes": len(self.quotes)} if self.quotes else {}),
        }

    def undated(self) -> Query:
        """The query without its ready date and quotes: what the route search answers."""
        if self.ready is None and not self.quotes:
            return self
        return dataclasses.replace(self, ready=None, quotes=())


def check_field(name: str, value: object) -> Any:
    """A query field's value as a :class:`Query` keeps it (the check its constructor runs).

    Batch files check each distinct cell of a column once with it, without making a query.

    Raises
    ------
    InvalidQueryError
        Naming the field, as :class:`Query` would.
    """
    return _CHECKS[name](value)


def _place_id(place: str | Place) -> str:
    return place.id if isinstance(place, Place) else place


def _place(field: str, value: object) -> str | Place:
    if isinstance(value, Place):
        return value
    if not isinstance(value, str) or not value.strip():
        raise InvalidQueryError(field, "not_a_place", value=value)
    return value.strip()


def _bounded(field: str, value: object, maximum: float) -> float:
    number = positive_number(field, value)
    if number > maximum:
        raise InvalidQueryError(field, "too_large", value=value, maximum=maximum)
    return number


def _alternatives(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise InvalidQueryError("alternatives", "not_whole", value=value)
    if value < 1:
        raise InvalidQueryError("alternatives", "too_small", value=value, minimum=1)
    return int(value)


def _closures(value: object) -> tuple[str, ...]:
    if value is None or value == ():
        return ()
    if isinstance(value, str):
        value = [value]
    try:
        items = list(value)  # type: ignore[call-overload]
    except TypeError:
        raise InvalidQueryError("closures", "not_a_list", value=value) from None
    out = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise InvalidQueryError("closures", "not_an_id", value=item)
        out.append(item.strip())
    return tuple(sorted(set(out)))


def _modes(value: object) -> frozenset[Mode]:
    if value is None or value is ALL_MODES:
        return ALL_MODES
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    if not isinstance(value, Iterable):
        raise InvalidQueryError("modes", "not_a_list", value=value)
    modes = set()
    for item in value:
        try:
            modes.add(Mode(item.value if isinstance(item, Mode) else item))
        except ValueError:
            raise InvalidQueryError(
                "modes",
                "unknown_choice",
                what="mode",
                value=item,
                choices=tuple(m.value for m in Mode),
            ) from None
    if not modes:
        raise InvalidQueryError("modes", "empty")
    return frozenset(modes)


def _ready(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10] if len(text) > 10 and text[10] in " T" else text)
    except ValueError:
        raise InvalidQueryError("ready", "not_a_date", value=value) from None


def _quotes(value: object) -> tuple[Quote, ...]:
    items = tuple(value or ())  # type: ignore[arg-type]
    for item in items:
        if not isinstance(item, Quote):
            raise InvalidQueryError(
                "quotes", "wrong_type", expected="a Quote", got=type(item).__name__
            )
    return items


#: The check of each field, in the order a query runs them (the first problem is the one named).
_CHECKS: dict[str, Callable[[Any], Any]] = {
    "origin": functools.partial(_place, "origin"),
    "destination": functools.partial(_place, "destination"),
    "cargo": CargoClass.parse,
    "weight_t": functools.partial(_bounded, "weight_t", maximum=MAX_WEIGHT_T),
    "volume_m3": functools.partial(_bounded, "volume_m3", maximum=MAX_VOLUME_M3),
    "priority": Priority.parse,
    "alternatives": _alternatives,
    "closures": _closures,
    "modes": _modes,
    "ready": _ready,
    "quotes": _quotes,
}
