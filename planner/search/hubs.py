"""Which airport a shipper is trucked to: a hub near the origin that flies to the destination
before a far one.

Jincheng is 150 km from Zhengzhou (CGO) and 726–1,542 km from Beijing and Pudong: a forwarder
trucks its air cargo to Zhengzhou when Zhengzhou flies to the destination. :class:`HubReach`
says of one route whether it is trucked further than ``air.feeder_max_km`` (as the crow flies)
to its first airport while an airport within that reach of the origin flies straight, on a
current link, to an airport within that reach of the destination. It reads only the network
and the services, never the other routes found, so that the exact search and the route library
(which find different sets of routes) drop the same ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from corridors import Mode
from corridors.geo import M_PER_KM, WGS84, geodesic_distance_km
from planner.model.records import Haul
from planner.network.costs import EDGE_BOARD
from planner.network.graph import MultimodalGraph
from planner.search.routes import Shape

__all__ = ["LOADING", "HubReach", "first_airport", "loading_at", "trucked_to_airport_km"]

#: A shut node written so is an airport where only loading is shut (a connection still runs).
LOADING = "loading:"


@dataclass(frozen=True)
class HubReach:
    """The airports and the current direct flights between them, and how far a shipper is
    trucked to an airport before a nearer hub is preferred.

    Attributes
    ----------
    max_km
        The reach, as the crow flies (``air.feeder_max_km``).
    ids, lon, lat
        The network's airports.
    direct
        Airport pairs (both ways) joined by an air link that some current service flies or no
        service is known for (the model's hub flights); a link only a stale service flies is
        not proof that the airport serves, unless it is a cargo hub's (``cargo_hub``): a big
        hub's own lanes are flown whatever one service's last report says.
    """

    max_km: float
    ids: tuple[str, ...]
    lon: np.ndarray
    lat: np.ndarray
    direct: frozenset[tuple[str, str]]
    _km: dict[tuple[float, float], np.ndarray] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def of(
        cls, graph: MultimodalGraph, stale_pairs: Iterable[tuple[str, str]], max_km: float
    ) -> HubReach:
        nodes = graph.network.nodes
        airports = nodes[nodes["kind"] == "airport"]
        links = graph.network.links
        air = links[links["mode"] == Mode.AIR.value]
        pairs = set(zip(air["from"], air["to"], strict=True))
        pairs |= {(b, a) for a, b in pairs}
        hubs = set(airports.index[airports["cargo_hub"].fillna(False).astype(bool)])
        stale = {(a, b) for a, b in stale_pairs if a not in hubs and b not in hubs}
        return cls(
            max_km,
            tuple(str(i) for i in airports.index),
            airports["lon"].to_numpy(float),
            airports["lat"].to_numpy(float),
            frozenset(pairs - stale),
        )

    def _near(self, lon: float, lat: float, below: float = float("inf")) -> list[str]:
        """The airports within the reach of a point (and closer than ``below`` km)."""
        km = self._km.get((lon, lat))
        if km is None:  # every airport at once, kept per point (a batch asks again and again)
            n = len(self.ids)
            _, _, metres = WGS84.inv(np.full(n, lon), np.full(n, lat), self.lon, self.lat)
            km = self._km[(lon, lat)] = np.asarray(metres, dtype=float) / M_PER_KM
        within = zip(self.ids, km.tolist(), strict=True)
        return [a for a, d in within if d <= self.max_km and d < below]

    def near(self, shape: Shape) -> bool:
        """True for a route that flies straight (one flight) from an airport within reach of
        its start, on a current link."""
        km = trucked_to_airport_km(shape)
        if km is None or km > self.max_km:
            return False
        flights = [leg for leg in shape.legs if leg.mode is Mode.AIR]
        return len(flights) == 1 and (flights[0].from_id, flights[0].to_id) in self.direct

    def dropped(self, shapes: list[Shape]) -> list[bool]:
        """:meth:`too_far` of each route, where some route of ``shapes`` flies straight from a
        near hub (:meth:`near`; else a far hub is what the answer has, and it stays)."""
        if not any(self.near(s) for s in shapes):
            return [False] * len(shapes)
        return [self.too_far(s) for s in shapes]

    def too_far(self, shape: Shape) -> bool:
        """True for a flight trucked beyond the reach to its airport, or a connecting flight
        loaded at an airport farther from the start than another, where an airport within the
        reach (and nearer than the one loaded at) flies straight to an airport within reach of
        the destination: a hub's shipper is neither trucked to a far hub nor to a smaller
        airport to connect back through a hub (Zhengzhou–Luxembourg is not flown by way of a
        truck to Taiyuan and a flight to Beijing)."""
        km = trucked_to_airport_km(shape)
        if km is None or not shape.legs[-1].coords:
            return False
        connects = sum(leg.mode is Mode.AIR for leg in shape.legs) > 1
        if km <= self.max_km and not connects:
            return False
        start, end = shape.legs[0].coords[0], shape.legs[-1].coords[-1]
        arrivals = self._near(*end)
        return any((a, b) in self.direct for a in self._near(*start, below=km) for b in arrivals)


def trucked_to_airport_km(shape: Shape) -> float | None:
    """Km as the crow flies from the route's start to its first airport (``None``: the route
    does not fly): the same airport is as far whichever roads a search found to it."""
    if shape.haul is not Haul.AIR:
        return None
    first = next(i for i, leg in enumerate(shape.legs) if leg.mode is Mode.AIR)
    start, airport = shape.legs[0].coords, shape.legs[first].coords
    if first == 0 or not start or not airport:
        return sum(leg.distance_km for leg in shape.legs[:first])
    return geodesic_distance_km(*start[0], *airport[0])


_AIR = Mode.AIR.value


def first_airport(shape: Shape) -> str:
    """The airport a flying route is loaded at."""
    return next(leg.from_id for leg in shape.legs if leg.mode is Mode.AIR)


def loading_at(graph: MultimodalGraph, airports: set[str]) -> np.ndarray:
    """The edges that load air cargo at ``airports`` (a connecting flight there still runs)."""
    kind, mode, place = graph.column("kind"), graph.column("mode"), graph.column("place_u")
    out = np.zeros(graph.n_edges, dtype=bool)
    for airport in airports:  # only the edges touching it (the whole table was scanned before)
        for eid in graph.edges_of_node.get(airport, ()):
            out[eid] = kind[eid] == EDGE_BOARD and mode[eid] == _AIR and place[eid] == airport
    return out
