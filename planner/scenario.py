"""What happens to exporters when corridors, links or crossings close (the officials' view).

:func:`scenario` compares, for every destination, the best route from one origin before and
after closing some ids. It grows one shortest-path tree from the origin per state (open, closed)
and reads every destination off it, so a run costs two searches whatever the number of
destinations.
"""

from __future__ import annotations

import logging
import sys
import types
from collections.abc import Iterable

import networkx as nx
import numpy as np
import pandas as pd

from corridors.network import Network
from planner._errors import InvalidShipmentError
from planner.costs import HOURS_PER_DAY
from planner.graph import MultimodalGraph, build_graph
from planner.params import Parameters, load_parameters
from planner.places import Place, resolve_place
from planner.records import Priority, Shipment
from planner.search import (
    _check_context,
    _check_shipment,
    _end_nodes,
    _make_query,
    _route,
    resolve_avoid,
)

__all__ = ["SCENARIO_COLUMNS", "default_destinations", "scenario"]

logger = logging.getLogger(__name__)

SCENARIO_COLUMNS = (
    "destination",
    "name_en",
    "name_zh",
    "country",
    "reachable_before",
    "reachable_after",
    "label_before",
    "label_after",
    "exit_port_before",
    "exit_port_after",
    "transit_days_before",
    "transit_days_after",
    "cost_usd_before",
    "cost_usd_after",
    "co2e_kg_before",
    "co2e_kg_after",
    "delta_days",
    "delta_cost_usd",
    "route_changed",
)

_DESTINATION_KINDS = ("destination", "city")


def default_destinations(network: Network, *, home: str = "CN") -> list[str]:
    """Return the foreign end points: destination and city nodes, and foreign seaports that
    serve no listed city.

    Parameters
    ----------
    network
        The corridor network.
    home
        ISO2 code of the home country (its nodes are not destinations).

    Returns
    -------
    list of str
        Node ids, in file order.
    """
    nodes = network.nodes
    foreign = nodes[nodes["country"] != home]
    ends = foreign[foreign["kind"].isin(_DESTINATION_KINDS)]
    chosen = list(ends.index)
    served = set(chosen)
    if "city" in foreign.columns:
        ports = foreign[foreign["kind"] == "seaport"]
        for nid, city in ports["city"].items():
            if not (isinstance(city, str) and city in served):
                chosen.append(nid)
    return chosen


def scenario(
    closed: Iterable[str],
    *,
    origin: str | Place = "taiyuan",
    shipment: Shipment | None = None,
    priority: str | Priority = "balanced",
    destinations: Iterable[str | Place] | None = None,
    network: Network | None = None,
    params: Parameters | None = None,
) -> pd.DataFrame:
    """Compare the best route to each destination before and after closing some ids.

    Parameters
    ----------
    closed
        Ids of nodes, links or corridors to close (or place names; a country closes every
        node in it).
    origin
        Where the exporters ship from (a name, id or Place).
    shipment
        What they ship; defaults to ``Shipment()``.
    priority
        Which route counts as best: ``balanced``, ``fastest``, ``cheapest`` or ``greenest``.
    destinations
        Names, ids or Places; defaults to :func:`default_destinations`.
    network
        The corridor network; defaults to the shipped one.
    params
        The parameter table; defaults to the shipped one.

    Returns
    -------
    pandas.DataFrame
        One row per destination with the columns of :data:`SCENARIO_COLUMNS`: reachability,
        label, exit port (id), days, USD and kg CO2e before and after, and the deltas (after
        minus before; NaN when either side is unreachable).

    Raises
    ------
    UnknownPlaceError
        If the origin, a destination or a closed id is unknown.
    InvalidShipmentError
        If the shipment or priority is invalid.
    """
    priority = Priority.parse(priority)
    shipment = _check_shipment(shipment)
    if isinstance(closed, str):
        closed = [closed]
    if network is None:
        from corridors.network import load_network

        network = load_network()
    if params is None:
        params = load_parameters()
    _check_context(network, params)
    graph = build_graph(network, params=params)
    start = origin if isinstance(origin, Place) else resolve_place(str(origin), network)
    if destinations is None:
        destinations = default_destinations(network, home=start.country)
    ends = [d if isinstance(d, Place) else resolve_place(str(d), network) for d in destinations]
    sources = _end_nodes(start, graph)
    if not sources:
        raise InvalidShipmentError(f"{start.name_en} has no node in the network")

    mask, _ = resolve_avoid(list(closed), graph)
    open_mask = np.zeros(graph.n_edges, dtype=bool)
    before = _tree(graph, params, shipment, priority, open_mask, sources)
    after = _tree(graph, params, shipment, priority, mask, sources)

    rows = []
    for end in ends:
        targets = [t for t in _end_nodes(end, graph) if t not in sources]
        row: dict = {
            "destination": end.id,
            "name_en": end.name_en,
            "name_zh": end.name_zh,
            "country": end.country,
        }
        routes = {}
        for side, (query, dist, paths) in (("before", before), ("after", after)):
            reached = [t for t in targets if t in dist]
            route = None
            if reached:
                best = min(reached, key=dist.__getitem__)
                route = _route(query, paths[best], end)
            routes[side] = route
            row[f"reachable_{side}"] = route is not None
            row[f"label_{side}"] = route.label if route else None
            row[f"exit_port_{side}"] = route.exit_port.id if route and route.exit_port else None
            row[f"transit_days_{side}"] = route.hours / HOURS_PER_DAY if route else np.nan
            row[f"cost_usd_{side}"] = route.cost if route else np.nan
            row[f"co2e_kg_{side}"] = route.co2 if route else np.nan
        row["delta_days"] = row["transit_days_after"] - row["transit_days_before"]
        row["delta_cost_usd"] = row["cost_usd_after"] - row["cost_usd_before"]
        b, a = routes["before"], routes["after"]
        row["route_changed"] = (b is None) != (a is None) or (
            b is not None and a is not None and b.eids != a.eids
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=list(SCENARIO_COLUMNS))


def _tree(
    graph: MultimodalGraph,
    params: Parameters,
    shipment: Shipment,
    priority: Priority,
    mask: np.ndarray,
    sources: list[int],
):
    query = _make_query(graph, params, shipment, priority, mask)
    dist, paths = nx.multi_source_dijkstra(graph.D, sources, weight=query.weight(priority.value))
    return query, dist, paths


class _CallableModule(types.ModuleType):
    """``planner.scenario`` names both this module and its function (importing the submodule
    sets the package attribute to the module), so calling the module calls the function."""

    def __call__(self, *args, **kwargs) -> pd.DataFrame:
        return scenario(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
