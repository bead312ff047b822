"""The network places a query's searches run between: a place beyond the network is each of
its gateways, with the truck between them (made once per place, gateway and direction)."""

from __future__ import annotations

from typing import Any, Protocol

from planner.core.kept import Kept
from planner.model.cargo import CargoClasses
from planner.model.params import Parameters
from planner.model.records import Place
from planner.network.graph import MultimodalGraph
from planner.search.routes import Truck
from planner.search.trucks import make_truck

__all__ = ["End", "TruckEnds"]

#: A truck's end: the place a search runs to or from, and the truck beyond it (or ``None``).
End = tuple[Place, Truck | None]


class _Planner(Protocol):
    """What the ends need of a planner (:class:`planner.core.planner.Planner`)."""

    places: Any
    graph: MultimodalGraph
    params: Parameters
    cargo_classes: CargoClasses

    def end_nodes(self, place: Place) -> list[int]: ...


class TruckEnds:
    """The ends of a planner's searches, with the trucks it keeps (``kept``)."""

    def __init__(self, planner: _Planner, kept: Kept[tuple[str, str, bool], Truck]) -> None:
        self._planner = planner
        self._trucks = kept

    def pairs(self, origin: Place, destination: Place) -> list[tuple[End, End]]:
        """Each (start, end) the searches run between, once, never a place to itself."""
        end_nodes = self._planner.end_nodes
        out = []
        for start in self.ends(origin, first=True):
            for end in self.ends(destination, first=False):
                a, b = start[0], end[0]
                if a != b and not set(end_nodes(a)) & set(end_nodes(b)):
                    out.append((start, end))
        return out

    def ends(self, place: Place, *, first: bool) -> list[End]:
        """A network place as itself; a place beyond it as each of its gateways and truck."""
        if not place.beyond_network:
            return [(place, None)]
        planner = self._planner
        out = []
        for node_id, km, over_sea in place.gateways:
            gateway = planner.places.places.get(node_id)
            if gateway is None or node_id not in planner.graph.place_node:
                continue
            key = (place.id, node_id, first)
            truck = self._trucks.get(key)
            if truck is None or truck.alternatives != place.alternatives:
                truck = make_truck(
                    place,
                    planner.graph.nodes[node_id],
                    km,
                    first=first,
                    over_sea=over_sea,
                    params=planner.params,
                    cargo_classes=planner.cargo_classes,
                )
                self._trucks.put(key, truck)
            out.append((gateway, truck))
        return out
