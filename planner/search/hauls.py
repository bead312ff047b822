"""Options a forwarder would book: pre-carriage, one main haul, on-carriage.

Every option is one of four main hauls:

* ``air``: a truck to the airport, one or more flights (a hub transfer is still air), a truck;
* ``rail``: a truck (or a domestic train) to the terminal, a train across the border — the
  Caspian ferry of the Middle Corridor is part of the rail journey — and a truck;
* ``sea``: a truck or a rail–sea train to a port of the origin's country, the sailing, a truck
  or, from the port it lands at, the rail–sea train inland (an import into Shanxi);
* ``road``: a truck across the border where that is a real product (a domestic train may
  bring it to the border, as to Kashgar for the truck over Irkeshtam).

So no option flies and then takes a train, or sails and then takes a train abroad other than
the rail–sea train, and on the far side only a truck finishes the journey, over a short last
stretch (``road.on_carriage_max_km``). Each haul is a mask of the edges it may not use; the
searches run once per haul, and :func:`bookable` rejects what a mask cannot express.
"""

from __future__ import annotations

import numpy as np

from corridors import Mode
from planner.model.params import Parameters
from planner.model.records import Haul
from planner.network.costs import EDGE_DRAYAGE, EDGE_LINK
from planner.network.graph import FERRY_KIND, RAIL_SEA_KIND, MultimodalGraph
from planner.search.routes import Shape

__all__ = ["LAND_HAULS", "Haul", "bookable", "fitted", "haul_masks", "on_carriage_km"]

#: The hauls that leave by a land crossing (the ones :func:`fitted` narrows).
LAND_HAULS = frozenset({Haul.RAIL, Haul.ROAD})


def haul_masks(graph: MultimodalGraph, home: str) -> dict[Haul, np.ndarray]:
    """Per haul, True on the edges its options may not use (``home``: the origin's country).

    Parameters
    ----------
    graph
        The multimodal graph.
    home
        ISO2 code of the origin's country: pre-carriage by rail stays in it.
    """
    edges = graph.edges
    mode = edges["mode"].to_numpy()
    kind = edges["kind"].to_numpy()
    ferry = edges["corridor_kind"].to_numpy() == FERRY_KIND
    abroad = (edges["country_u"].to_numpy() != home) | (edges["country_v"].to_numpy() != home)
    node_kind = {nid: node.kind for nid, node in graph.nodes.items()}
    kind_u = edges["place_u"].map(node_kind).to_numpy()
    kind_v = edges["place_v"].map(node_kind).to_numpy()
    touches = {k: (kind_u == k) | (kind_v == k) for k in ("airport", "seaport")}
    drayage = kind == EDGE_DRAYAGE
    link = kind == EDGE_LINK
    air, rail, sea = (mode == m.value for m in (Mode.AIR, Mode.RAIL, Mode.SEA))
    sailing = sea & link & ~ferry  # boarding at a port is harmless where no sailing is open
    # a rail–sea train runs both ways: after a sailing into its port, it carries the box inland
    # (boarding, alighting and joins are harmless where no other train is open)
    rail_sea = rail & ((edges["corridor_kind"].to_numpy() == RAIL_SEA_KIND) | ~link)
    # a truck across a border is the road haul itself, never a piece of another haul
    road_across = (mode == Mode.ROAD.value) & link & edges["crossing"].to_numpy(dtype=bool)
    # an airport's or a seaport's trucks belong to the hauls that fly or sail from it; a ferry
    # port's (Aktau, Baku) to the train that crosses on the ferry too
    airport_trucks = drayage & touches["airport"]
    ferry_ports = set(edges["place_u"][ferry]) | set(edges["place_v"][ferry])
    at_ferry_port = (
        edges["place_u"].isin(ferry_ports).to_numpy()
        | edges["place_v"].isin(ferry_ports).to_numpy()
    )
    port_trucks_abroad = drayage & touches["seaport"] & abroad
    return {
        Haul.AIR: rail | sea | road_across | port_trucks_abroad,
        Haul.RAIL: air
        | sailing
        | road_across
        | airport_trucks
        | (port_trucks_abroad & ~at_ferry_port),
        Haul.SEA: air | (rail & abroad & ~rail_sea) | (ferry & link) | road_across | airport_trucks,
        # a truck across the border may be reached by a domestic train (rail to Kashgar, then
        # the truck over Irkeshtam), never by a train abroad
        Haul.ROAD: air | (rail & abroad) | sea | airport_trucks | port_trucks_abroad,
    }


def fitted(
    masks: dict[Haul, np.ndarray], graph: MultimodalGraph, shut: frozenset[str]
) -> dict[Haul, np.ndarray]:
    """The masks with the land hauls kept off the crossings ``shut`` (those that serve
    not the country a route goes to: :mod:`planner.network.crossing_fit`)."""
    if not shut:
        return masks
    off = np.zeros(graph.n_edges, dtype=bool)
    for nid in shut:
        if nid in graph.edges_of_node:
            off[graph.edges_of_node[nid]] = True
    return {haul: mask | off if haul in LAND_HAULS else mask for haul, mask in masks.items()}


def on_carriage_km(shape: Shape) -> float:
    """Kilometres trucked after the last leg of the main haul (0 for a road haul)."""
    last_main = max(
        (i for i, leg in enumerate(shape.legs) if leg.mode is not Mode.ROAD), default=None
    )
    if last_main is None:
        return 0.0
    return sum(leg.distance_km for leg in shape.legs[last_main + 1 :])


def bookable(shape: Shape, params: Parameters) -> bool:
    """True when a forwarder would sell this route: the truck that finishes it after its main
    haul is no longer than ``road.on_carriage_max_km``, its flights never land again in a
    country they have left (no backhaul through Hong Kong to fly out of Beijing), and it is
    not trucked to a main haul that then comes back more than ``ranking.backtrack_max_km``
    nearer its start (:attr:`Shape.doubled_back_km`: Datong trucked 498 km to Changzhi North
    for a train back north through Datong)."""
    if shape.haul is Haul.ROAD:
        return True
    return (
        not shape.air_loop
        and on_carriage_km(shape) <= params["road.on_carriage_max_km"]
        and shape.doubled_back_km <= params["ranking.backtrack_max_km"]
    )
