"""Typed records of what exists: nodes, links, named corridors and platforms."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class CaseInsensitiveEnum(enum.Enum):
    """An enum of lowercase string values looked up case-insensitively (``Mode("Rail")``)."""

    @classmethod
    def _missing_(cls, value: object) -> CaseInsensitiveEnum | None:
        if isinstance(value, str):
            for member in cls:
                if member.value == value.strip().lower():
                    return member
        return None


class Mode(CaseInsensitiveEnum):
    """Transport mode of a link."""

    AIR = "air"
    RAIL = "rail"
    ROAD = "road"
    SEA = "sea"


NODE_KINDS = frozenset(
    {
        "city",
        "airport",
        "rail_terminal",
        "rail_station",
        "border_crossing",
        "seaport",
        "destination",
    }
)


@dataclass(frozen=True)
class Node:
    """A place of the network (a point feature of ``geodata/nodes.geojson``)."""

    id: str
    name_en: str
    name_zh: str
    kind: str
    country: str
    lon: float
    lat: float
    source: str
    iata: str | None = None
    unlocode: str | None = None
    aliases: tuple[str, ...] = ()
    props: dict = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Link:
    """A line of the network (a feature of ``geodata/links.geojson``: a LineString, or a
    MultiLineString cut at the antimeridian)."""

    id: str
    from_id: str
    to_id: str
    mode: Mode
    corridor: str
    distance_km: float
    source: str
    props: dict = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Corridor:
    """A named corridor (a row of ``geodata/corridors.json``) with the seed's figures."""

    id: str
    name_en: str
    name_zh: str
    kind: str
    source: str
    figures: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Facility:
    """An open-economy platform (``geodata/platforms.geojson``): bonded zone, park, ..."""

    id: str
    name_en: str
    name_zh: str
    kind: str
    lon: float
    lat: float
    source: str
    props: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
