"""Candidate routes that ride a scheduled service from its first stop to its last.

The searches find the cheapest or fastest way over the network; a Shanxi exporter books a
train, a flight or a truck line that runs (:mod:`corridors.services`). So each search also
offers, per service of its haul, the route that takes the service: the best way from the
origin to the service's first stop (the search's own tree), the service's line through each
stop it names (on its own mode only: a train stays on the rails, a flight in the air) and a
truck from its last stop to the destination, where one is a short drive (or none, where the
last stop is the destination). :mod:`planner.search.timetable` then gives such a route the service's
published time.

A rail–sea train is not offered this way (no truck joins its port to a destination abroad): its
sailing is the sea haul's own search, which finds its port.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from corridors import Mode
from planner.model.records import Haul
from planner.network.costs import EDGE_ALIGHT, EDGE_BOARD, EDGE_DRAYAGE, EDGE_JOIN, EdgeCosts
from planner.network.graph import FERRY_KIND, MultimodalGraph
from planner.network.trees import Tree
from planner.network.weights import TIE_BREAK

__all__ = ["Line", "head_weights", "lines_of", "ride_path"]

#: The main haul a service's mode belongs to.
_HAUL = {
    "rail": Haul.RAIL,
    "rail_ferry": Haul.RAIL,
    "rail_sea": Haul.SEA,
    "air": Haul.AIR,
    "road": Haul.ROAD,
}


#: Where a service bound for a city (a destination node) may end: its terminals of these kinds
#: (a source that names the city but not the terminal, as "Taiyuan–Moscow, about 15 days").
_ENDS_IN_A_CITY = {
    "rail": ("rail_terminal",),
    "rail_ferry": ("rail_terminal", "seaport"),
    "rail_sea": ("seaport",),
    "air": ("airport",),
    "road": (),
}


def head_weights(priced: EdgeCosts) -> np.ndarray:
    """What the way to a service's first stop and its line are grown on: hours, CO2e to break
    a tie (the same for every shipment, so the exact search and the route library take the same
    way to the same train)."""
    return priced.hours + TIE_BREAK * priced.co2e_kg_per_t


@dataclass(frozen=True, eq=False)
class Line:
    """A service as the graph sees it: its id, its haul, the stops it starts at and passes
    (network node ids), where it may end (its destination, and where that is a city, the city's
    terminals of its mode), where a route riding it may end (those, and the places a truck
    joins to them) and, per edge, True where it does not run (another mode)."""

    service_id: str
    haul: Haul
    stops: tuple[str, ...]
    ends: frozenset[str]
    reaches: frozenset[str]
    off_line: np.ndarray

    def chain(self, graph: MultimodalGraph, values: np.ndarray, closed: np.ndarray) -> list[int]:
        """Graph nodes from the first stop's place node through a running node at each stop
        it names to the last stop's place node, on its own mode; ``[]`` where it cannot run
        (a closure, a left-out mode)."""
        shut = closed | self.off_line
        path = [graph.place_node[self.stops[0]]]
        for stop in [*self.stops[1:], None]:
            # onward from a stop, never back through a town it has passed (a train that
            # reaches Alashankou leaves China there, not by turning back to Horgos)
            here = graph.node_place[path[-1]]
            passed = {graph.node_place[node] for node in path} - {here}
            onward = shut.copy()
            for place in passed:
                onward[graph.edges_of_node[place]] = True
            tree = graph.tree(values, onward, [path[-1]])
            if stop is None:
                ends = [graph.place_node[end] for end in sorted(self.ends)]
            else:
                ends = graph.running_nodes(stop)
            reached = [node for node in ends if tree.reached(node)]
            if not reached:
                return []
            path += tree.path_to(min(reached, key=lambda node: tree.dist[node]))[1:]
        return path


def lines_of(services: pd.DataFrame, graph: MultimodalGraph) -> dict[Haul, list[Line]]:
    """Per main haul, the lines of the services it can ride (stops the graph lacks: none)."""
    edges = graph.edges
    mode = edges["mode"].to_numpy()
    ferry = edges["corridor_kind"].to_numpy() == FERRY_KIND
    # a ferry's own board and alight edges and the joins of its split links (the ferry ports'
    # board edges carry the ferry's mode but no corridor): without them a train and ferry
    # line could never leave the train at Aktau
    ferry_modes = set(mode[ferry])
    handling = np.isin(edges["kind"].to_numpy(), (EDGE_BOARD, EDGE_ALIGHT, EDGE_JOIN))
    ferry_handling = handling & np.isin(mode, sorted(ferry_modes))
    # a China–Europe line runs as its own service on the land corridors' track, never as the
    # rail–sea trains that share it in China (boarded as those, it would wait less); on a
    # rail–sea line's own track it runs as the line does (Changzhi North's train leaves so)
    shared = (edges["service"].to_numpy() == "rail_sea") & (
        edges["corridor_kind"].to_numpy() != "rail_sea"
    )
    rail = (mode == Mode.RAIL.value) & ~shared
    runs_on = {
        "rail": rail,
        "rail_ferry": rail | ferry | ferry_handling,
        "air": mode == Mode.AIR.value,
        "rail_sea": mode == Mode.RAIL.value,
        "road": mode == Mode.ROAD.value,
    }
    in_city: dict[str, set[str]] = {}
    for nid, node in graph.nodes.items():
        city = node.props.get("city")
        if isinstance(city, str):
            in_city.setdefault(city, set()).add(nid)
    trucked: dict[str, set[str]] = {}
    drayage = edges["kind"].to_numpy() == EDGE_DRAYAGE
    for u, v in zip(edges["place_u"][drayage], edges["place_v"][drayage], strict=True):
        trucked.setdefault(u, set()).add(v)
    out: dict[Haul, list[Line]] = {}
    for row in services.to_dict("records"):
        mode, destination = row["mode"], row["destination"]
        stops = (row["origin"], *row["via"])
        if not all(stop in graph.place_node for stop in (*stops, destination)):
            continue
        ends = {destination}
        if graph.nodes[destination].kind == "destination":
            kinds = _ENDS_IN_A_CITY[mode]
            ends |= {n for n in in_city.get(destination, ()) if graph.nodes[n].kind in kinds}
        reaches = ends.union(*(trucked.get(end, ()) for end in ends))
        line = Line(
            row["service_id"],
            _HAUL[mode],
            stops,
            frozenset(ends),
            frozenset(reaches),
            ~runs_on[mode],
        )
        out.setdefault(line.haul, []).append(line)
    return out


def ride_path(
    graph: MultimodalGraph,
    head: Tree,
    line: Line,
    weighted: tuple[np.ndarray, np.ndarray],
    targets: set[int],
    chains: dict[str, list[int]] | None = None,
) -> list[int] | None:
    """The route that rides a line: ``head``'s path to its first stop, the line's chain under
    ``weighted`` (edge values, closed edges), then a truck to a target (none where the last
    stop is one); None where the head does not reach the first stop, no truck joins the last
    stop to a target or the line cannot run. ``chains`` keeps the chains made under one
    weighting (the route library's, for all its destinations)."""
    if not any(graph.node_place[t] in line.reaches for t in targets):
        return None  # the line ends elsewhere: most lines, for any one destination
    first = graph.place_node[line.stops[0]]
    if not head.reached(first):
        return None
    chain = None if chains is None else chains.get(line.service_id)
    if chain is None:
        chain = line.chain(graph, *weighted)
        if chains is not None:
            chains[line.service_id] = chain
    tail = _tail(graph, chain[-1], targets) if chain else None
    return None if tail is None else head.path_to(first) + chain[1:] + tail


def _tail(graph: MultimodalGraph, end: int, targets: set[int]) -> list[int] | None:
    """From a line's last stop to a target: nothing where it is one, else a truck (drayage)."""
    if end in targets:
        return []
    kinds, eid_of = graph.column("kind"), graph.eid_of
    for target in sorted(targets):
        eid = eid_of.get((end, target))
        if eid is not None and kinds[eid] == EDGE_DRAYAGE:
            return [target]
    return None
