"""The multimodal graph: the corridor layers as an osmnx MultiDiGraph with per-mode terminals.

Each network node ``x`` becomes a *place* node ``P(x)`` (where a route starts and ends) plus,
for every mode ``m`` (and service: rail–sea trains apart from China–Europe trains) of the links
that touch it, a *running* node ``T(x, m)`` (the cargo is on a vehicle of mode ``m`` at ``x``)
and a *departure* node ``D(x, m)`` (just loaded, waiting for the next departure). Edges:

* ``board``  ``P(x) -> D(x, m)``: loading and handling;
* ``alight`` ``T(x, m) -> P(x)``: unloading and handling;
* ``link``   ``D(a, m) -> T(b, m)`` (waits for the departure) and ``T(a, m) -> T(b, m)`` (a
  through stop: crew change, port call, flight connection), both directions of every link;
* ``drayage`` ``P(port) <-> P(city)``: airports, seaports and terminals joined by truck to the
  city they serve (``city``), and every foreign destination to the seaports and airports of its
  country within ``road.last_mile_max_km`` (hinterland trucking);
* ``switch`` ``T(x, m, s) -> D(x, m, s')``: wagons re-marshalled at a junction from one service
  onto another (a stop, no handling; the next link waits for the new departure).

So a change of mode always costs handling, and ``k_shortest_paths`` never meets parallel edges
(a second link between the same two nodes of one mode is split by a ``join`` node). Node ids
are integers, as osmnx routing needs. The graph is built once per network and cached; the
shipment and the restrictions of a query never change it: they are weights (see
:mod:`planner.search`).
"""

from __future__ import annotations

import itertools
import logging
import threading
from dataclasses import dataclass, field

import geopandas as gpd
import networkx as nx
import numpy as np
import osmnx as ox
import pandas as pd
import shapely
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

from corridors import Mode
from corridors.geo import M_PER_KM, WGS84, geodesic_distance_km
from corridors.network import Network
from planner.costs import (
    EDGE_ALIGHT,
    EDGE_BOARD,
    EDGE_DRAYAGE,
    EDGE_JOIN,
    EDGE_LINK,
    EDGE_SWITCH,
    EdgeCosts,
    edge_costs,
    service_class,
)
from planner.params import Parameters
from planner.records import CargoClass

__all__ = ["CRS", "STATE_DEPART", "STATE_PLACE", "STATE_RUN", "MultimodalGraph", "build_graph"]

logger = logging.getLogger(__name__)

CRS = "EPSG:4326"
STATE_PLACE = "place"
STATE_RUN = "run"
STATE_DEPART = "depart"
STATE_JOIN = "join"


@dataclass(eq=False)
class MultimodalGraph:
    """The routable graph of one network, with lookup tables for fast weighting.

    Attributes
    ----------
    G
        The osmnx MultiDiGraph (integer nodes with ``x``, ``y``, ``place``, ``mode``,
        ``state``; edges with ``eid``, ``kind``, ``mode``, ``link_id``, ``corridor``,
        ``distance_km``, ``geometry``).
    D
        The same graph as a networkx DiGraph (no parallel edges exist, so nothing is lost); the
        searches run on it.
    network
        The corridor network it was built from.
    edges
        One row per edge, indexed by ``eid``: ``u``, ``v``, ``kind``, ``mode``, ``link_id``,
        ``corridor``, ``corridor_kind``, ``distance_km``, ``departing``, ``crossing``,
        ``gauge_change``, ``reverse`` (the link is run against its geometry), ``place_u``,
        ``place_v`` (network node ids).
    place_node
        Network node id -> its place node ``P(x)``.
    node_place
        Graph node -> network node id.
    """

    G: nx.MultiDiGraph
    D: nx.DiGraph
    network: Network
    edges: pd.DataFrame
    place_node: dict[str, int]
    node_place: dict[int, str]
    node_state: dict[int, str]
    edge_uv: list[tuple[int, int]]
    edges_of_node: dict[str, np.ndarray]
    edges_of_link: dict[str, np.ndarray]
    edges_of_corridor: dict[str, np.ndarray]
    geometry: np.ndarray
    _priced: dict = field(default_factory=dict, repr=False)
    _columns: dict = field(default_factory=dict, repr=False)
    memo: dict = field(default_factory=dict, repr=False)  # derived tables of the searches
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def column(self, name: str) -> list:
        """An edge column as a plain list indexed by ``eid`` (cached; fast to index)."""
        found = self._columns.get(name)
        if found is None:
            found = self.edges[name].tolist()
            self._columns[name] = found
        return found

    @property
    def n_edges(self) -> int:
        """Number of edges (``eid`` runs from 0 to ``n_edges - 1``)."""
        return len(self.edges)

    def priced(self, cargo: CargoClass, params: Parameters) -> EdgeCosts:
        """Return the edges' cost coefficients for a cargo class (computed once, cached).

        Parameters
        ----------
        cargo
            The cargo class.
        params
            The parameter table.

        Returns
        -------
        EdgeCosts
            Arrays indexed by ``eid``.
        """
        key = (cargo, id(params))
        found = self._priced.get(key)
        if found is None or found[0] is not params:
            with self._lock:
                table = {c: self.edges[c].to_numpy() for c in _PRICED_COLUMNS}
                found = (params, edge_costs(table, cargo, params))
                if len(self._priced) >= _MAX_PRICED:
                    self._priced.pop(next(iter(self._priced)))
                self._priced[key] = found
        return found[1]


_PRICED_COLUMNS = (
    "kind",
    "mode",
    "distance_km",
    "corridor_kind",
    "departing",
    "crossing",
    "gauge_change",
    "country_u",
    "country_v",
)
# Cached coefficient tables per graph: cargo classes x a few parameter tables.
_MAX_PRICED = 32
# Graphs kept (one per network object; the default network is one object).
_MAX_GRAPHS = 4

_CACHE: dict[tuple[int, int], tuple[Network, Parameters, MultimodalGraph]] = {}
_CACHE_LOCK = threading.Lock()


def build_graph(network: Network, *, params: Parameters | None = None) -> MultimodalGraph:
    """Build (or fetch from the cache) the multimodal graph of a network.

    Parameters
    ----------
    network
        The corridor network (from :func:`corridors.load_network`).
    params
        The parameter table (for the air distance uplift and the drayage circuity); defaults
        to the shipped table.

    Returns
    -------
    MultimodalGraph
        The graph, shared between calls with the same network and parameter objects.
    """
    if params is None:
        from planner.params import load_parameters

        params = load_parameters()
    key = (id(network), id(params))
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is network and hit[1] is params:
            return hit[2]
    built = _build(network, params)
    with _CACHE_LOCK:
        if len(_CACHE) >= _MAX_GRAPHS:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = (network, params, built)  # holding both keeps their ids unique
    return built


# Foreign end points reach the seaports and airports of their country near them by truck.
_LAST_MILE_KINDS = ("destination",)
_LAST_MILE_PORT_KINDS = ("seaport", "airport")


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


def _continuous(geometry: BaseGeometry | None) -> BaseGeometry | None:
    """One LineString per link: the parts of a line cut at the antimeridian joined in order.

    ``geodata/links.geojson`` cuts a line that crosses the 180° meridian into a
    MultiLineString (RFC 7946 §3.1.9); a leg's ``coords`` must stay one sequence of points
    (its readers cope with the jump from ±180 to ∓180), so the parts are joined here.

    Parameters
    ----------
    geometry
        A link geometry (LineString or MultiLineString), or ``None``.

    Returns
    -------
    shapely.geometry.base.BaseGeometry or None
        The same geometry when it is not a MultiLineString; otherwise a LineString of the
        parts' coordinates in order (both ends of each cut kept, so it runs
        ``..., (180, lat), (-180, lat), ...``).
    """
    if geometry is None or geometry.geom_type != "MultiLineString":
        return geometry
    return LineString([xy for part in geometry.geoms for xy in part.coords])


def _flag(value: object) -> bool:
    return bool(value) if isinstance(value, bool | np.bool_) else value is True


def _build(network: Network, params: Parameters) -> MultimodalGraph:
    nodes = network.nodes
    links = network.links
    corridor_kind = {cid: c.kind for cid, c in network.corridors.items()}

    ids: list[str] = list(nodes.index)
    lon = nodes["lon"].astype(float).to_dict()
    lat = nodes["lat"].astype(float).to_dict()
    node_rows: list[tuple[int, float, float, str, str, str]] = []
    place_node: dict[str, int] = {}
    for nid in ids:
        place_node[nid] = len(node_rows)
        node_rows.append((len(node_rows), lon[nid], lat[nid], nid, "", STATE_PLACE))

    modal: dict[tuple[str, str, str, str], int] = {}

    def modal_node(nid: str, mode: str, service: str, state: str) -> int:
        key = (nid, mode, service, state)
        if key not in modal:
            modal[key] = len(node_rows)
            node_rows.append((len(node_rows), lon[nid], lat[nid], nid, mode, state))
        return modal[key]

    edge_rows: list[dict] = []

    def add_edge(u: int, v: int, **attrs: object) -> None:
        edge_rows.append({"u": u, "v": v, **attrs})

    blank = {
        "link_id": None,
        "corridor": "",
        "corridor_kind": "",
        "departing": False,
        "crossing": False,
        "gauge_change": False,
        "reverse": False,
        "geometry": None,
    }
    uplift = params["air.gcd_uplift_km"]
    seen_pairs: set[tuple[int, int]] = set()
    link_from = links["from"].to_numpy()
    link_to = links["to"].to_numpy()
    link_mode = links["mode"].astype(str).str.lower().to_numpy()
    link_corr = links["corridor"].to_numpy()
    link_km = links["distance_km"].astype(float).to_numpy()
    link_xing = [_flag(v) for v in links.get("crossing", pd.Series(False, index=links.index))]
    link_gauge = [_flag(v) for v in links.get("gauge_change", pd.Series(False, index=links.index))]
    geoms = np.array([_continuous(g) for g in links.geometry], dtype=object)
    reversed_geoms = shapely.reverse(geoms)
    for i, lid in enumerate(links.index):
        a, b, mode = link_from[i], link_to[i], link_mode[i]
        if a not in place_node or b not in place_node:
            continue  # validation reports it; never route on a dangling link
        km = link_km[i] + (uplift if mode == Mode.AIR.value else 0.0)
        corr = link_corr[i]
        service = service_class(mode, corridor_kind.get(corr, ""))
        common = {
            "kind": EDGE_LINK,
            "mode": mode,
            "link_id": lid,
            "corridor": corr,
            "corridor_kind": corridor_kind.get(corr, ""),
            "distance_km": km,
            "crossing": link_xing[i],
            "gauge_change": link_gauge[i],
        }
        for start, end, reverse in ((a, b, False), (b, a, True)):
            geometry = reversed_geoms[i] if reverse else geoms[i]
            target = modal_node(end, mode, service, STATE_RUN)
            for state, departing in ((STATE_DEPART, True), (STATE_RUN, False)):
                source = modal_node(start, mode, service, state)
                attrs = {
                    **common,
                    "departing": departing,
                    "reverse": reverse,
                    "geometry": geometry,
                }
                if (source, target) in seen_pairs:  # a parallel link: split it in two
                    join = len(node_rows)
                    node_rows.append((join, lon[end], lat[end], end, mode, STATE_JOIN))
                    add_edge(source, join, **attrs)
                    add_edge(join, target, **blank, kind=EDGE_JOIN, mode=mode, distance_km=0.0)
                else:
                    seen_pairs.add((source, target))
                    add_edge(source, target, **attrs)

    for (nid, mode, _service, state), gnode in list(modal.items()):
        if state == STATE_DEPART:
            add_edge(place_node[nid], gnode, **blank, kind=EDGE_BOARD, mode=mode, distance_km=0.0)
        elif state == STATE_RUN:
            add_edge(gnode, place_node[nid], **blank, kind=EDGE_ALIGHT, mode=mode, distance_km=0.0)

    services: dict[tuple[str, str], dict[str, dict[str, int]]] = {}
    for (nid, mode, service, state), gnode in modal.items():
        services.setdefault((nid, mode), {}).setdefault(service, {})[state] = gnode
    for (_nid, mode), by_service in services.items():
        for first, second in itertools.permutations(by_service, 2):
            run = by_service[first].get(STATE_RUN)
            depart = by_service[second].get(STATE_DEPART)
            if run is not None and depart is not None:
                add_edge(run, depart, **blank, kind=EDGE_SWITCH, mode=mode, distance_km=0.0)

    circuity = params["road.circuity"]
    city_col = nodes["city"] if "city" in nodes.columns else pd.Series(None, index=nodes.index)
    pairs = {
        (nid, city)
        for nid, city in city_col.items()
        if isinstance(city, str) and city != nid and city in place_node
    }
    pairs |= _last_mile_pairs(nodes, params, joined=pairs)
    for nid, city in sorted(pairs):
        km = geodesic_distance_km(lon[nid], lat[nid], lon[city], lat[city]) * circuity
        for u, v in ((nid, city), (city, nid)):
            add_edge(
                place_node[u],
                place_node[v],
                **{
                    **blank,
                    "geometry": LineString([(lon[u], lat[u]), (lon[v], lat[v])]),
                },
                kind=EDGE_DRAYAGE,
                mode=Mode.ROAD.value,
                distance_km=km,
            )

    edges = pd.DataFrame(edge_rows)
    edges["eid"] = np.arange(len(edges))
    edges["key"] = 0
    edges["place_u"] = [node_rows[u][3] for u in edges["u"]]
    edges["place_v"] = [node_rows[v][3] for v in edges["v"]]
    country = nodes["country"].to_dict()
    edges["country_u"] = edges["place_u"].map(country)
    edges["country_v"] = edges["place_v"].map(country)
    node_frame = pd.DataFrame(node_rows, columns=["node", "x", "y", "place", "mode", "state"])
    node_frame = node_frame.set_index("node")
    gdf_nodes = gpd.GeoDataFrame(node_frame)
    edge_cols = [
        "eid",
        "kind",
        "mode",
        "link_id",
        "corridor",
        "distance_km",
        "geometry",
    ]  # the other columns stay in ``edges`` (fewer attributes: a faster graph_from_gdfs)
    gdf_edges = gpd.GeoDataFrame(
        edges.set_index(["u", "v", "key"])[edge_cols], geometry="geometry", crs=CRS
    )
    G = ox.convert.graph_from_gdfs(gdf_nodes, gdf_edges, graph_attrs={"crs": CRS})
    D = nx.DiGraph(G)

    def group(column: str) -> dict[str, np.ndarray]:
        frame = edges[[column, "eid"]].dropna()
        return {k: v.to_numpy() for k, v in frame.groupby(column)["eid"]}

    touching = pd.concat(
        [
            edges[["place_u", "eid"]].set_axis(["place", "eid"], axis=1),
            edges[["place_v", "eid"]].set_axis(["place", "eid"], axis=1),
        ]
    ).drop_duplicates()
    edges_of_node = {k: v.to_numpy() for k, v in touching.groupby("place")["eid"]}
    built = MultimodalGraph(
        G=G,
        D=D,
        network=network,
        edges=edges.drop(columns=["geometry", "key"]).set_index("eid", drop=False),
        place_node=place_node,
        node_place={row[0]: row[3] for row in node_rows},
        node_state={row[0]: row[5] for row in node_rows},
        edge_uv=list(zip(edges["u"].tolist(), edges["v"].tolist(), strict=True)),
        edges_of_node=edges_of_node,
        edges_of_link=group("link_id"),
        edges_of_corridor={k: v for k, v in group("corridor").items() if k},
        geometry=edges["geometry"].to_numpy(),
    )
    logger.info(
        "built the multimodal graph: %d nodes, %d edges from %d nodes and %d links",
        len(node_rows),
        len(edges),
        len(nodes),
        len(links),
    )
    return built
