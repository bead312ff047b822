"""Building the multimodal graph of a network (its shape: :mod:`planner.network.graph`).

The edges are made in a fixed order, which is the order of ``eid``: the runs of every link
(both ways, from the departure and the running node), boarding and alighting at every
terminal, switches between the services of one mode at a node, then drayage between places.
"""

from __future__ import annotations

import itertools
import logging

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString

from corridors import Mode, antimeridian
from corridors.geo import M_PER_KM, WGS84, geodesic_distance_km
from corridors.network import Network
from planner.model.params import Parameters
from planner.network.costs import (
    EDGE_ALIGHT,
    EDGE_BOARD,
    EDGE_DRAYAGE,
    EDGE_JOIN,
    EDGE_LINK,
    EDGE_SWITCH,
    sails_to_americas,
    services_on,
)
from planner.network.graph import (
    STATE_DEPART,
    STATE_JOIN,
    STATE_PLACE,
    STATE_RUN,
    MultimodalGraph,
)
from planner.network.port_trades import bulk_ports_of

__all__ = ["build_graph"]

logger = logging.getLogger(__name__)

# Foreign end points reach the seaports and airports of their country near them by truck.
_LAST_MILE_KINDS = ("destination",)
_LAST_MILE_PORT_KINDS = ("seaport", "airport")

#: The country whose rail–sea block trains run over its land corridors' track (Shanxi's).
_RAIL_SEA_COUNTRY = "CN"
#: The fields of an edge that runs no link (board, alight, switch, join, drayage).
_NO_LINK = {
    "link_id": None,
    "corridor": "",
    "corridor_kind": "",
    "departing": False,
    "crossing": False,
    "gauge_change": False,
    "reverse": False,
    "geometry": None,
    "passage": "",
    "bulk_only": False,
    "service": "",
}


class _Parts:
    """The graph's nodes and edges as they are made: lists, framed once at the end.

    Every network node is a place node first (graph node ``i`` is the ``i``-th network node);
    a modal node is made on first use, keyed by (node, mode, service, state).
    """

    def __init__(self, node_ids: list[str]) -> None:
        self.node_place: list[str] = list(node_ids)
        self.node_state: list[str] = [STATE_PLACE] * len(node_ids)
        self.place_node: dict[str, int] = {nid: i for i, nid in enumerate(node_ids)}
        self.modal: dict[tuple[str, str, str, str], int] = {}
        self.edges: list[dict] = []
        self._pairs: set[tuple[int, int]] = set()

    def _new_node(self, nid: str, state: str) -> int:
        self.node_place.append(nid)
        self.node_state.append(state)
        return len(self.node_place) - 1

    def modal_node(self, nid: str, mode: str, service: str, state: str) -> int:
        """The node of a mode and service at a network node in a state (made once)."""
        key = (nid, mode, service, state)
        if key not in self.modal:
            self.modal[key] = self._new_node(nid, state)
        return self.modal[key]

    def add(self, u: int, v: int, **attrs: object) -> None:
        """An edge from ``u`` to ``v``."""
        self.edges.append({"u": u, "v": v, **attrs})

    def add_plain(self, u: int, v: int, kind: str, mode: str) -> None:
        """An edge of no length that runs no link (board, alight, switch, join)."""
        self.add(u, v, **_NO_LINK, kind=kind, mode=mode, distance_km=0.0)

    def add_run(self, source: int, target: int, end: str, attrs: dict) -> None:
        """A link run from ``source`` to ``target``; one parallel to a run already made is split
        by a join node at ``end``, so that no two edges join the same ordered pair."""
        if (source, target) in self._pairs:
            join = self._new_node(end, STATE_JOIN)
            self.add(source, join, **attrs)
            self.add_plain(join, target, EDGE_JOIN, attrs["mode"])
        else:
            self._pairs.add((source, target))
            self.add(source, target, **attrs)


def build_graph(
    network: Network, params: Parameters, freighters: frozenset[frozenset[str]] = frozenset()
) -> MultimodalGraph:
    """Build the multimodal graph of a network (see :mod:`planner.network.graph`).

    Parameters
    ----------
    network
        The corridor network (from :func:`corridors.load_network`).
    params
        The parameter table (the air distance uplift, the drayage circuity and radius).
    freighters
        The pairs of airports that freighters fly between and no belly service does
        (:func:`corridors.air_services.freighter_links`): their air edges say ``freighter``.

    Returns
    -------
    MultimodalGraph
        The graph; a :class:`~planner.core.planner.Planner` builds it once and keeps it.
    """
    parts = _Parts(list(network.nodes.index))
    _add_link_runs(parts, network, params, freighters)
    _add_boarding(parts)
    _add_switches(parts)
    _add_drayage(parts, network.nodes, params)
    built = _assembled(parts, network)
    logger.info(
        "built the multimodal graph: %d nodes, %d edges from %d nodes and %d links",
        built.n_nodes,
        built.n_edges,
        len(network.nodes),
        len(network.links),
    )
    return built


def _flag(value: object) -> bool:
    return bool(value) if isinstance(value, bool | np.bool_) else value is True


def _add_link_runs(
    parts: _Parts, network: Network, params: Parameters, freighters: frozenset[frozenset[str]]
) -> None:
    """Both directions of every link, each from the departure node (the wait for a departure)
    and from the running node (a through stop) to the running node at the other end; an air
    link that only freighters fly says ``freighter``."""
    links = network.links
    corridor_kind = {cid: c.kind for cid, c in network.corridors.items()}
    country = network.nodes["country"].to_dict()
    uplift = params["air.gcd_uplift_km"]
    link_from = links["from"].to_numpy()
    link_to = links["to"].to_numpy()
    link_mode = links["mode"].astype(str).str.lower().to_numpy()
    link_corr = links["corridor"].to_numpy()
    link_km = links["distance_km"].astype(float).to_numpy()
    link_xing = [_flag(v) for v in links.get("crossing", pd.Series(False, index=links.index))]
    link_gauge = [_flag(v) for v in links.get("gauge_change", pd.Series(False, index=links.index))]
    passage = links.get("passage", pd.Series("", index=links.index)).fillna("").to_numpy()
    bulk_ports = bulk_ports_of(network.data_dir)
    geoms = np.array([antimeridian.joined_line(g) for g in links.geometry], dtype=object)
    reversed_geoms = shapely.reverse(geoms)
    for i, lid in enumerate(links.index):
        a, b, mode = link_from[i], link_to[i], link_mode[i]
        if a not in parts.place_node or b not in parts.place_node:
            continue  # validation reports it; never route on a dangling link
        corr = link_corr[i]
        domestic = not link_xing[i] and country.get(a) == country.get(b) == _RAIL_SEA_COUNTRY
        services = services_on(mode, corridor_kind.get(corr, ""), domestic)
        common = {
            "kind": EDGE_LINK,
            "mode": mode,
            "link_id": lid,
            "corridor": corr,
            "corridor_kind": corridor_kind.get(corr, ""),
            "distance_km": link_km[i] + (uplift if mode == Mode.AIR.value else 0.0),
            "crossing": link_xing[i],
            "gauge_change": link_gauge[i],
            "passage": str(passage[i]),
            "bulk_only": mode == Mode.SEA.value and bool({a, b} & bulk_ports),
            "freighter": mode == Mode.AIR.value and frozenset((a, b)) in freighters,
        }
        for (start, end, reverse), service in itertools.product(
            ((a, b, False), (b, a, True)), services
        ):
            geometry = reversed_geoms[i] if reverse else geoms[i]
            target = parts.modal_node(end, mode, service, STATE_RUN)
            for state, departing in ((STATE_DEPART, True), (STATE_RUN, False)):
                source = parts.modal_node(start, mode, service, state)
                attrs = {**common, "departing": departing, "reverse": reverse, "geometry": geometry,
                         "service": service}  # fmt: skip
                parts.add_run(source, target, end, attrs)


def _add_boarding(parts: _Parts) -> None:
    """Loading onto every departure node and unloading from every running node (handling)."""
    for (nid, mode, _service, state), gnode in list(parts.modal.items()):
        if state == STATE_DEPART:
            parts.add_plain(parts.place_node[nid], gnode, EDGE_BOARD, mode)
        elif state == STATE_RUN:
            parts.add_plain(gnode, parts.place_node[nid], EDGE_ALIGHT, mode)


def _add_switches(parts: _Parts) -> None:
    """Wagons re-marshalled at a node from one service of a mode onto another (no handling)."""
    services: dict[tuple[str, str], dict[str, dict[str, int]]] = {}
    for (nid, mode, service, state), gnode in parts.modal.items():
        services.setdefault((nid, mode), {}).setdefault(service, {})[state] = gnode
    for (_nid, mode), by_service in services.items():
        for first, second in itertools.permutations(by_service, 2):
            run = by_service[first].get(STATE_RUN)
            depart = by_service[second].get(STATE_DEPART)
            if run is not None and depart is not None:
                parts.add_plain(run, depart, EDGE_SWITCH, mode)


def _add_drayage(parts: _Parts, nodes: pd.DataFrame, params: Parameters) -> None:
    """Trucking both ways between a port or terminal and the city it serves, and between a
    foreign destination and the ports of its country near it (straight line × circuity)."""
    lon = nodes["lon"].astype(float).to_dict()
    lat = nodes["lat"].astype(float).to_dict()
    circuity = params["road.circuity"]
    city_col = nodes["city"] if "city" in nodes.columns else pd.Series(None, index=nodes.index)
    pairs = {
        (nid, city)
        for nid, city in city_col.items()
        if isinstance(city, str) and city != nid and city in parts.place_node
    }
    pairs |= _last_mile_pairs(nodes, params, joined=pairs)
    for nid, city in sorted(pairs):
        km = geodesic_distance_km(lon[nid], lat[nid], lon[city], lat[city]) * circuity
        for u, v in ((nid, city), (city, nid)):
            parts.add(
                parts.place_node[u],
                parts.place_node[v],
                **{**_NO_LINK, "geometry": LineString([(lon[u], lat[u]), (lon[v], lat[v])])},
                kind=EDGE_DRAYAGE,
                mode=Mode.ROAD.value,
                distance_km=km,
            )


def _last_mile_pairs(
    nodes: pd.DataFrame, params: Parameters, *, joined: set[tuple[str, str]]
) -> set[tuple[str, str]]:
    """(port, destination) pairs of one country within ``road.last_mile_max_km`` (straight
    line) that the ``city`` field does not already join: the hinterland trucking that lets a
    destination without a port of its own be reached by sea (Amsterdam from Rotterdam)."""
    radius = params["road.last_mile_max_km"]
    ends = nodes[nodes["kind"].isin(_LAST_MILE_KINDS)]
    ports = nodes[nodes["kind"].isin(_LAST_MILE_PORT_KINDS)]
    if ends.empty or ports.empty:
        return set()
    end_lon = np.repeat(ends["lon"].to_numpy(float), len(ports))
    end_lat = np.repeat(ends["lat"].to_numpy(float), len(ports))
    port_lon = np.tile(ports["lon"].to_numpy(float), len(ends))
    port_lat = np.tile(ports["lat"].to_numpy(float), len(ends))
    _, _, metres = WGS84.inv(end_lon, end_lat, port_lon, port_lat)
    km = np.asarray(metres) / M_PER_KM
    end_ids = np.repeat(ends.index.to_numpy(), len(ports))
    port_ids = np.tile(ports.index.to_numpy(), len(ends))
    same = np.repeat(ends["country"].to_numpy(), len(ports)) == np.tile(
        ports["country"].to_numpy(), len(ends)
    )
    near = same & (km <= radius)
    out = set()
    for end, port in zip(end_ids[near], port_ids[near], strict=True):
        if (port, end) not in joined and (end, port) not in joined:
            out.add((str(port), str(end)))
    return out


def _assembled(parts: _Parts, network: Network) -> MultimodalGraph:
    """The graph of the parts made: the edge table, its indexes, and the network's records."""
    edges = pd.DataFrame(parts.edges)
    edges["freighter"] = edges["freighter"].astype("boolean").fillna(False).astype(bool)
    edges["eid"] = np.arange(len(edges))
    edges["place_u"] = [parts.node_place[u] for u in edges["u"]]
    edges["place_v"] = [parts.node_place[v] for v in edges["v"]]
    country = network.nodes["country"].to_dict()
    edges["country_u"] = edges["place_u"].map(country)
    edges["country_v"] = edges["place_v"].map(country)
    lon = network.nodes["lon"]
    west = sails_to_americas(edges["place_u"].map(lon), edges["place_v"].map(lon))
    edges["to_americas"] = west & (edges["mode"] == Mode.SEA.value).to_numpy()
    table = edges.drop(columns=["geometry"]).set_index("eid", drop=False)

    def group(column: str) -> dict[str, np.ndarray]:
        frame = table[[column, "eid"]].dropna()
        return {k: v.to_numpy() for k, v in frame.groupby(column)["eid"]}

    touching = pd.concat(
        [
            table[["place_u", "eid"]].set_axis(["place", "eid"], axis=1),
            table[["place_v", "eid"]].set_axis(["place", "eid"], axis=1),
        ]
    ).drop_duplicates()
    return MultimodalGraph(
        network=network,
        edges=table,
        place_node=parts.place_node,
        node_place=parts.node_place,
        node_state=parts.node_state,
        u=table["u"].to_numpy(dtype=np.int64),
        v=table["v"].to_numpy(dtype=np.int64),
        edges_of_node={k: v.to_numpy() for k, v in touching.groupby("place")["eid"]},
        edges_of_link=group("link_id"),
        edges_of_corridor={k: v for k, v in group("corridor").items() if k},
        geometry=edges["geometry"].to_numpy(),
        nodes=network.all_nodes(),
        exits=_exits_by_country(network),
    )


def _exits_by_country(network: Network) -> dict[str, frozenset[str]]:
    """Per country, its nodes with a link to a node of another country (where a route can
    leave it)."""
    links = network.links
    countries = network.nodes["country"]
    c_from = countries.reindex(links["from"]).to_numpy()
    c_to = countries.reindex(links["to"]).to_numpy()
    out: dict[str, set[str]] = {}
    for a, b, ca, cb in zip(links["from"], links["to"], c_from, c_to, strict=True):
        if ca != cb:
            out.setdefault(str(ca), set()).add(a)
            out.setdefault(str(cb), set()).add(b)
    return {country: frozenset(ids) for country, ids in out.items()}
