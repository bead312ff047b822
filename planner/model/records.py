"""Typed records of the planner: the shipment asked about and the route options found.

Totals of a :class:`RouteOption` are derived from its legs, never stored twice.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass, field

from corridors.records import CaseInsensitiveEnum, Mode, Node
from planner.model.cargo import DEFAULT_CARGO, CargoClass
from planner.model.emission_method import EmissionMethod
from planner.model.errors import InvalidQueryError
from planner.model.import_sites import ImportSite
from planner.text.message import Message, Name
from planner.text.messages import render
from planner.text.typed_words import value_id

#: Query field of each enum, for the error that names it.
_FIELDS = {"Priority": "priority"}


class _CaseInsensitiveEnum(CaseInsensitiveEnum):
    @classmethod
    def parse(cls, value: str | enum.Enum):
        """Return the member for ``value`` or raise InvalidQueryError naming the choices."""
        if isinstance(value, cls):
            return value
        found = cls._value2member_map_.get(value)
        if found is not None:
            return found
        try:
            return cls(value.value if isinstance(value, enum.Enum) else value)
        except ValueError:
            field = _FIELDS.get(cls.__name__)
            word = value_id(field, value) if field else None  # a Chinese or typed word
            if word is not None:
                return cls(word)
            # Priority -> "priority"
            what = re.sub(r"(?<!^)(?=[A-Z])", " ", cls.__name__).lower()
            raise InvalidQueryError(
                _FIELDS.get(cls.__name__, what),
                "unknown_choice",
                what=what,
                value=value,
                choices=tuple(m.value for m in cls),
            ) from None


class Haul(CaseInsensitiveEnum):
    """The main haul of an option: what carries it across (see :mod:`planner.search.hauls`)."""

    AIR = "air"
    RAIL = "rail"
    SEA = "sea"
    ROAD = "road"


class Priority(_CaseInsensitiveEnum):
    BALANCED = "balanced"
    FASTEST = "fastest"
    CHEAPEST = "cheapest"
    GREENEST = "greenest"


def positive_number(field: str, value: object) -> float:
    """``value`` as a positive finite float, or InvalidQueryError naming ``field``."""
    if type(value) is float and 0.0 < value < float("inf"):
        return value
    if isinstance(value, bool):
        raise InvalidQueryError(field, "not_a_number", value=value)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidQueryError(field, "not_a_number", value=value) from None
    if not (number > 0 and number < float("inf")):
        raise InvalidQueryError(field, "not_positive", value=value)
    return number


@dataclass(frozen=True)
class Shipment:
    """What is sent: cargo class (an id of the cargo table), gross weight in tonnes and volume
    in cubic metres."""

    cargo: CargoClass = DEFAULT_CARGO
    weight_t: float = 10.0
    volume_m3: float = 30.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "cargo", CargoClass.parse(self.cargo))
        for name in ("weight_t", "volume_m3"):
            value = getattr(self, name)
            object.__setattr__(self, name, positive_number(name, value))


@dataclass(frozen=True, eq=False)
class Place:
    """A place a route can start or end at.

    Attributes
    ----------
    id
        The node id, or the ISO 3166-1 alpha-2 code for a whole country.
    name_en, name_zh
        Names in English and Chinese.
    kind
        A node kind (``city``, ``airport``, ``seaport``...) or ``"country"``.
    country
        ISO 3166-1 alpha-2 code.
    node_ids
        Network nodes that count as being at this place: a city or destination is itself plus
        the airports, seaports and terminals that serve it; another node is itself; a country is
        its destination, city, seaport and airport nodes; a place of the world beyond the
        network is its gateways.
    lon, lat
        Where it is (a place of the world beyond the network; NaN for a network place).
    gateways
        A place of the world beyond the network: ``(node id, straight-line km, whether the
        line crosses the sea)`` of the network nodes a truck joins it to
        (:class:`planner.places.gateways.Gateway`); empty for a network place.
    alternatives
        Other places the name that chose it also names, the most populous first.
    """

    id: str
    name_en: str
    name_zh: str
    kind: str
    country: str
    node_ids: tuple[str, ...]
    lon: float = math.nan
    lat: float = math.nan
    gateways: tuple[tuple[str, float, bool], ...] = ()
    alternatives: tuple[Name, ...] = ()

    @property
    def beyond_network(self) -> bool:
        """A place of the world reached by truck from the network's gateways."""
        return bool(self.gateways)

    def __hash__(self) -> int:  # the id names a place: cheap to hash, equal places share it
        return hash(self.id)

    def __eq__(self, other: object) -> bool:
        # field by field, but a network place's NaN position equals NaN: a place that came
        # through pickle (a batch's worker) has NaNs of its own and is still the same place
        if self is other:
            return True
        if not isinstance(other, Place):
            return NotImplemented
        return self._key() == other._key()

    def _key(self) -> tuple:
        position = tuple(None if math.isnan(x) else x for x in (self.lon, self.lat))
        fields = (self.id, self.name_en, self.name_zh, self.kind, self.country, self.node_ids)
        return (*fields, *position, self.gateways, self.alternatives)


@dataclass(frozen=True)
class Ride:
    """A service a route rides: its id, names and departures a week (NaN: not published);
    ``stale``: not seen running for long (:class:`planner.search.timetable.Timetable`)."""

    service_id: str
    name: Name
    per_week: float
    seen: str
    source: str
    stale: bool = False

    def to_dict(self) -> dict:
        return {
            "id": self.service_id,
            "name_en": self.name.en,
            "name_zh": self.name.zh,
            "per_week": None if math.isnan(self.per_week) else self.per_week,
            "seen": self.seen,
            "source": self.source,
            "stale": self.stale,
        }


def trucked_first_km(legs) -> float | None:
    """Km trucked before the first leg of another mode (``None``: every leg is by road); the
    legs of an option or of a route's shape."""
    km = 0.0
    for leg in legs:
        if leg.mode is not Mode.ROAD:
            return km
        km += leg.distance_km
    return None


@dataclass(frozen=True)
class Leg:
    """One movement between two network nodes, or a wait for a departure (``wait``).

    ``hours`` includes the leg's running time and what is spent before it can run: handling
    at a transfer, border dwell and gauge change, a truck's dispatch. The wait for a train,
    ship or flight to depart is a step of its own before the leg (``wait``: from and to the
    same node, no distance, cost or CO2e).
    """

    from_id: str
    to_id: str
    mode: Mode
    corridor: str
    distance_km: float
    hours: float
    cost_usd: float
    co2e_kg: float
    link_id: str | None = None
    coords: tuple[tuple[float, float], ...] = field(default=(), compare=False, repr=False)
    service: str | None = None  # the id of the scheduled service it rides, if any
    freighter: bool = False  # an air leg on a link only freighters fly (their CO2e factor)
    wait: bool = False  # a wait for a departure at ``from_id``: no distance, cost or CO2e

    def to_dict(self) -> dict:
        return {
            "from": self.from_id,
            "to": self.to_id,
            "mode": self.mode.value,
            "corridor": self.corridor,
            "distance_km": round(self.distance_km, 1),
            "hours": round(self.hours, 1),
            "cost_usd": round(self.cost_usd, 2),
            "co2e_kg": round(self.co2e_kg, 1),
            "service": self.service,
            "wait": self.wait,
        }


@dataclass(frozen=True)
class Dates:
    """An option's dates from a ready day (ISO strings): its main haul's ``departure`` and its
    ``arrival`` at the destination; ``earliest`` and ``latest`` departure where only a
    frequency is known (else the departure); ``basis``: ``weekdays`` (a service's published
    days), ``frequency`` (a service's departures a week), ``model`` (a model train, ship or
    flight: the estimated frequency) or ``road`` (a truck leaves when loaded)."""

    departure: str
    arrival: str
    earliest: str
    latest: str
    basis: str

    def to_dict(self) -> dict:
        return {
            "departure_date": self.departure,
            "arrival_date": self.arrival,
            "departure_earliest": self.earliest,
            "departure_latest": self.latest,
            "departure_basis": self.basis,
        }


def _port_dict(node: Node | None) -> dict | None:
    if node is None:
        return None
    return {"id": node.id, "name_en": node.name_en, "name_zh": node.name_zh}


@dataclass(frozen=True)
class RouteOption:
    """One way from origin to destination; totals derive from ``legs``."""

    legs: tuple[Leg, ...]
    exit_port: Node | None
    entry_port: Node | None
    usd_cny: float
    title: Message | None = None
    rank: int = 0
    pareto_optimal: bool = False
    border_crossings: int = 0
    notes: tuple[Message, ...] = ()
    haul: Haul | None = None
    days_min: float | None = None
    days_max: float | None = None
    ride: Ride | None = None
    co2e_method: EmissionMethod | None = None
    #: where the option clears or passes by law (an import's designated site), if anywhere
    inspection_site: ImportSite | None = None
    main_haul_days: float = 0.0
    wait_days: float = 0.0
    why: Message | None = None
    #: days from the start to the main haul's terminal, ready to board (its wait not counted)
    to_departure_days: float = 0.0
    dates: Dates | None = None
    #: the price's band as fractions of ``cost_usd`` (low, high), the date of the rates used
    #: and where the price comes from (``model`` or ``quote``, whose note is ``price_note``)
    price_band: tuple[float, float] = (1.0, 1.0)
    price_as_of: str = ""
    price_source: str = "model"
    price_note: str = ""

    @property
    def cost_usd_min(self) -> float:
        """The low end of the price's band."""
        return self.cost_usd * min(self.price_band[0], 1.0)

    @property
    def cost_usd_max(self) -> float:
        """The high end of the price's band."""
        return self.cost_usd * max(self.price_band[1], 1.0)

    @property
    def transit_days_min(self) -> float:
        """The shortest transit: a departure caught at once, the published minimum."""
        return self.transit_days if self.days_min is None else self.days_min

    @property
    def transit_days_max(self) -> float:
        """The longest usual transit: a departure just missed, the published maximum."""
        return self.transit_days if self.days_max is None else self.days_max

    @property
    def label(self) -> str:
        """The title in English (the JSON contract's ``label``)."""
        return render(self.title, "en") if self.title is not None else ""

    @property
    def warnings(self) -> tuple[str, ...]:
        """The notes in English (the JSON contract's ``warnings``)."""
        return tuple(render(note, "en") for note in self.notes)

    @property
    def transit_days(self) -> float:
        return sum(leg.hours for leg in self.legs) / 24.0

    @property
    def cost_usd(self) -> float:
        return sum(leg.cost_usd for leg in self.legs)

    @property
    def cost_cny(self) -> float:
        return self.cost_usd * self.usd_cny

    @property
    def co2e_kg(self) -> float:
        return sum(leg.co2e_kg for leg in self.legs)

    @property
    def distance_km(self) -> float:
        return sum(leg.distance_km for leg in self.legs)

    @property
    def modes(self) -> tuple[Mode, ...]:
        """Modes in the order used, consecutive repeats collapsed."""
        seen: list[Mode] = []
        for leg in self.legs:
            if not seen or seen[-1] is not leg.mode:
                seen.append(leg.mode)
        return tuple(seen)

    @property
    def transfers(self) -> int:
        """Changes of mode along the route."""
        return max(len(self.modes) - 1, 0)

    @property
    def objectives(self) -> tuple[float, float, float]:
        """(transit_days, cost_usd, co2e_kg): the three things the Pareto set is taken over."""
        return (self.transit_days, self.cost_usd, self.co2e_kg)

    def _dict(self, lang: str) -> dict:
        return {
            "rank": self.rank,
            "label": render(self.title, lang) if self.title is not None else "",
            "haul": self.haul.value if self.haul is not None else None,
            "modes": [m.value for m in self.modes],
            "exit_port": _port_dict(self.exit_port),
            "entry_port": _port_dict(self.entry_port),
            "transit_days": round(self.transit_days, 1),
            "transit_days_min": round(self.transit_days_min, 1),
            "transit_days_max": round(self.transit_days_max, 1),
            "main_haul_days": round(self.main_haul_days, 1),
            "wait_days": round(self.wait_days, 1),
            "why": self._why(lang),
            "service": self.ride.to_dict() if self.ride is not None else None,
            "cost_usd": round(self.cost_usd, 2),
            "cost_cny": round(self.cost_cny, 2),
            "cost_usd_min": round(self.cost_usd_min, 2),
            "cost_usd_max": round(self.cost_usd_max, 2),
            "price_as_of": self.price_as_of,
            "price_source": self.price_source,
            "price_note": self.price_note,
            "to_departure_days": round(self.to_departure_days, 1),
            **(self.dates.to_dict() if self.dates is not None else {}),
            "co2e_kg": round(self.co2e_kg, 1),
            "co2e_method": self.co2e_method.to_dict() if self.co2e_method is not None else None,
            "distance_km": round(self.distance_km, 1),
            "transfers": self.transfers,
            "border_crossings": self.border_crossings,
            "pareto_optimal": self.pareto_optimal,
            "warnings": [render(note, lang) for note in self.notes],
            "legs": [
                {**leg.to_dict(), "co2e_g_per_tkm": factor}
                for leg, factor in zip(self.legs, self._leg_factors(), strict=True)
            ],
        }

    def to_dict(self, lang: str = "en") -> dict:
        """The JSON shape of DESIGN.md's contract, its texts in ``lang``; an option that clears
        at a designated site names it as ``inspection_site`` ({id, name_en, name_zh})."""
        out = self._dict(lang)
        if self.inspection_site is not None:
            out["inspection_site"] = self.inspection_site.to_dict()
        return out

    def _why(self, lang: str) -> dict | None:
        """Why the option is offered: its first reason's code, every reason's, the text."""
        if self.why is None:
            return None
        reasons = list(self.why.params.get("reasons", ()))
        code = reasons[0] if reasons else self.why.code
        return {"code": code, "reasons": reasons, "text": render(self.why, lang)}

    def _leg_factors(self) -> list[float | None]:
        if self.co2e_method is None:
            return [None] * len(self.legs)
        return [None if f is None else round(f, 1) for f in self.co2e_method.leg_factors]
