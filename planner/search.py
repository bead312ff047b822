"""Route search: several real alternatives, their Pareto set, ranked for a priority.

:func:`plan` finds candidate routes on the multimodal graph (:mod:`planner.graph`) for one
shipment, then flags the Pareto set over ``(transit_days, cost_usd, co2e_kg)`` and orders the
options best first for the priority. Candidates come from

* a multi-objective label-setting search (exact Pareto front while it stays under a label
  budget; the front of a small network is complete);
* the optimum of each objective and of the balanced generalised cost (Dijkstra);
* the best route through each possible port of exit (one forward and one backward tree);
* the best route for each chain of long-haul modes (air only, rail only, sea only, rail–sea);
* Yen's k-shortest paths for the priority, when the above give too few.

Closing nodes, links or corridors (``avoid``) and the modes a cargo class may not use are a
weight of ``None`` (networkx's "hidden edge"): the cached graph is never copied. A trip between
two places of one country stays in it (no export and re-import) unless it cannot.

Legs: one per network link run (or truck drayage between a port and its city). A leg's hours,
cost and CO2e include the transfers before it (handling, waiting for the departure, a change of
service); the unloading at the destination is booked on the last leg, and the ad valorem
insurance of electronics on the first, so the totals of a :class:`RouteOption` are exactly the
sums of its legs.

For batch files, ``method="library"`` answers from candidate routes grown once per origin and
cargo class and re-priced per shipment (see the last section of this module).
"""

from __future__ import annotations

import heapq
import itertools
import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from corridors import Mode, Node
from corridors.network import Network
from planner._errors import InvalidShipmentError, NoRouteError, PlanningError, UnknownPlaceError
from planner.costs import (
    EDGE_DRAYAGE,
    EDGE_LINK,
    HOURS_PER_DAY,
    KG_PER_T,
    UNIT_NAMES,
    class_forbidden_modes,
    customs_territory,
    shipment_units,
    value_of_time,
)
from planner.graph import MultimodalGraph, build_graph
from planner.params import Parameters, load_parameters
from planner.places import Place, resolve_place
from planner.records import CargoClass, Leg, Priority, RouteOption, Shipment

__all__ = ["plan", "plan_rows", "resolve_avoid"]

logger = logging.getLogger(__name__)

# Search budgets (algorithmic limits, not domain figures).
_MAX_LABELS = 60_000  # labels of the Pareto search before it stops (then the front may be partial)
_MAX_YEN_PATHS = 12  # k-shortest paths tried when the other generators give too few options
_MAX_PLAN_CACHE = 4096  # memoised plan() answers (batch files repeat queries)
_METHODS = ("exact", "library")
_LONG_HAUL = (Mode.AIR, Mode.RAIL, Mode.SEA)
_MODE_CHAINS = (
    frozenset({Mode.AIR}),
    frozenset({Mode.RAIL}),
    frozenset({Mode.SEA}),
    frozenset({Mode.RAIL, Mode.SEA}),
)
# The Red Sea and Suez: a sea leg through this box met the 2024 diversions (lon/lat degrees).
_RED_SEA_BBOX = (32.0, 12.0, 44.0, 30.0)
_MODE_WORD = {Mode.AIR: "Air", Mode.RAIL: "Rail", Mode.SEA: "Sea", Mode.ROAD: "Road"}
_RATE_KEYS = {
    Mode.RAIL: ("rail.feu_usd_per_km", "rail.railsea_feu_usd_per_km", "rail.speed_kph"),
    Mode.SEA: ("sea.feu_usd_per_km", "sea.speed_kph"),
    Mode.AIR: ("air.usd_per_kg_km", "air.usd_per_kg"),
    Mode.ROAD: ("road.truck_usd_per_km", "road.speed_kph"),
}
_BULK_RATE_KEYS = {Mode.RAIL: ("rail.bulk_usd_per_tkm",), Mode.SEA: ("sea.bulk_usd_per_tkm",)}

# key -> (graph, params, options): holding graph and params keeps their ids unique
_PLAN_CACHE: OrderedDict[tuple, tuple[MultimodalGraph, Parameters, list[RouteOption]]] = (
    OrderedDict()
)
_PLAN_LOCK = threading.Lock()


# --------------------------------------------------------------------------------------------
# the query: arrays of one shipment on one graph


@dataclass(eq=False)
class _Query:
    """Everything a search needs for one shipment, priority and set of closures."""

    graph: MultimodalGraph
    params: Parameters
    shipment: Shipment
    priority: Priority
    hours: list[float]
    cost: list[float]
    co2: list[float]
    blocked: np.ndarray
    forbidden: np.ndarray
    avoided: np.ndarray
    weights: dict[str, list[float]]

    def weight(self, objective: str, *, allowed: frozenset[Mode] | None = None) -> Callable:
        """A networkx weight function: the objective's edge value, ``None`` when closed."""
        values = self.weights[objective]
        if allowed is None:
            mask = self.blocked
        else:
            mask = self.blocked | _chain_mask(self.graph, allowed)
        blocked = mask.tolist()

        def weight(u: int, v: int, data: dict) -> float | None:
            eid = data["eid"]
            return None if blocked[eid] else values[eid]

        return weight


def _balanced(shipment: Shipment, params: Parameters, hours: float, cost: float, co2: float):
    vot = value_of_time(shipment.cargo, params) * shipment.weight_t / HOURS_PER_DAY
    carbon = params["carbon.usd_per_t_co2e"] / KG_PER_T
    return cost + vot * hours + carbon * co2


def _chain_mask(graph: MultimodalGraph, allowed: frozenset[Mode]) -> np.ndarray:
    """True on link and transfer edges of long-haul modes outside ``allowed``."""
    key = ("chain", allowed)
    mask = graph.memo.get(key)
    if mask is None:
        modes = graph.edges["mode"].to_numpy()
        kinds = graph.edges["kind"].to_numpy()
        shut = [m.value for m in _LONG_HAUL if m not in allowed]
        mask = np.isin(modes, shut) & (kinds != EDGE_DRAYAGE)
        graph.memo[key] = mask
    return mask


def _abroad_mask(graph: MultimodalGraph, country: str) -> np.ndarray:
    """True on edges that touch a node outside ``country``."""
    key = ("abroad", country)
    mask = graph.memo.get(key)
    if mask is None:
        mask = (graph.edges["country_u"].to_numpy() != country) | (
            graph.edges["country_v"].to_numpy() != country
        )
        graph.memo[key] = mask
    return mask


def _make_query(
    graph: MultimodalGraph,
    params: Parameters,
    shipment: Shipment,
    priority: Priority,
    avoided: np.ndarray,
) -> _Query:
    priced = graph.priced(shipment.cargo, params)
    units = shipment_units(shipment, params)
    hours = priced.hours
    cost = priced.cost @ units.vector()
    co2 = priced.co2e_kg_per_t * shipment.weight_t
    balanced = _balanced(shipment, params, hours, cost, co2)
    weights = {
        Priority.BALANCED.value: balanced.tolist(),
        Priority.FASTEST.value: hours.tolist(),
        Priority.CHEAPEST.value: cost.tolist(),
        Priority.GREENEST.value: co2.tolist(),
    }
    return _Query(
        graph=graph,
        params=params,
        shipment=shipment,
        priority=priority,
        hours=weights[Priority.FASTEST.value],
        cost=weights[Priority.CHEAPEST.value],
        co2=weights[Priority.GREENEST.value],
        blocked=priced.forbidden | avoided,
        forbidden=priced.forbidden,
        avoided=avoided,
        weights=weights,
    )


# --------------------------------------------------------------------------------------------
# input checks


def _check_context(network: object, params: object) -> None:
    if not isinstance(network, Network):
        raise InvalidShipmentError(
            f"network must be a corridors Network (load_network()), got {type(network).__name__}"
        )
    if not isinstance(params, Parameters):
        raise InvalidShipmentError(
            f"params must be a Parameters table (load_parameters()), got {type(params).__name__}"
        )


def _check_alternatives(alternatives: object) -> int:
    if isinstance(alternatives, bool) or not isinstance(alternatives, int | np.integer):
        raise InvalidShipmentError(f"alternatives must be a whole number, got {alternatives!r}")
    if alternatives < 1:
        raise InvalidShipmentError(f"alternatives must be at least 1, got {alternatives}")
    return int(alternatives)


def _check_shipment(shipment: object) -> Shipment:
    if shipment is None:
        return Shipment()
    if not isinstance(shipment, Shipment):
        raise InvalidShipmentError(f"shipment must be a Shipment, got {type(shipment).__name__}")
    return shipment


def _resolve(value: object, network: Network, what: str) -> Place:
    if isinstance(value, Place):
        return value
    if not isinstance(value, str) or not value.strip():
        raise InvalidShipmentError(f"{what} must be a place name or id, got {value!r}")
    return resolve_place(value, network)


def _avoid_ids(avoid: object) -> tuple[str, ...]:
    if avoid is None:
        return ()
    if isinstance(avoid, str):
        avoid = [avoid]
    try:
        items = list(avoid)  # type: ignore[call-overload]
    except TypeError:
        raise InvalidShipmentError(f"avoid must be a list of ids, got {avoid!r}") from None
    out = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise InvalidShipmentError(
                f"avoid holds {item!r}, not an id of a node, link or corridor"
            )
        out.append(item.strip())
    return tuple(sorted(set(out)))


def resolve_avoid(
    avoid: Iterable[str] | str | None, graph: MultimodalGraph
) -> tuple[np.ndarray, tuple[str, ...]]:
    """Turn ids of nodes, links or corridors (or place names) into a mask of closed edges.

    Parameters
    ----------
    avoid
        Ids of nodes, links or corridors; a name that is not an id is resolved as a place (a
        country closes every node in it).
    graph
        The multimodal graph.

    Returns
    -------
    tuple
        ``(mask, ids)``: True on closed edges, and the ids closed (sorted).

    Raises
    ------
    UnknownPlaceError
        If an entry is neither an id nor a known place name (with the closest names).
    InvalidShipmentError
        If ``avoid`` is not a list of strings.
    """
    ids = _avoid_ids(avoid)
    mask = np.zeros(graph.n_edges, dtype=bool)
    network = graph.network
    closed: list[str] = []
    for item in ids:
        if item in graph.edges_of_corridor or item in network.corridors:
            mask[graph.edges_of_corridor.get(item, [])] = True
        elif item in graph.edges_of_link:
            mask[graph.edges_of_link[item]] = True
        elif item in graph.place_node:
            mask[graph.edges_of_node.get(item, [])] = True
        else:
            try:
                place = resolve_place(item, network)
            except UnknownPlaceError as exc:
                suggestions = _closest(item, graph) or exc.suggestions
                raise UnknownPlaceError(item, suggestions) from None
            if place.kind == "country":
                members = network.nodes.index[network.nodes["country"] == place.country]
            elif place.id in graph.place_node:
                members = [place.id]
            else:
                members = list(place.node_ids)
            for nid in members:
                mask[graph.edges_of_node.get(nid, [])] = True
            closed.append(place.id)
            continue
        closed.append(item)
    return mask, tuple(sorted(set(closed)))


def _closest(item: str, graph: MultimodalGraph) -> list[str]:
    import difflib

    pool = list(graph.edges_of_corridor) + list(graph.edges_of_link) + list(graph.place_node)
    return difflib.get_close_matches(item, pool, n=5, cutoff=0.6)


# --------------------------------------------------------------------------------------------
# the public entry point


def plan(
    origin: str | Place,
    destination: str | Place,
    shipment: Shipment | None = None,
    *,
    priority: str | Priority = "balanced",
    alternatives: int = 5,
    avoid: Iterable[str] | str = (),
    network: Network | None = None,
    params: Parameters | None = None,
    method: str = "exact",
) -> list[RouteOption]:
    """Find the ways to send a shipment from ``origin`` to ``destination``.

    Parameters
    ----------
    origin, destination
        A node id, a name (English or Chinese, any common spelling), a country, or a
        :class:`~planner.places.Place`.
    shipment
        Cargo class, weight and volume; defaults to ``Shipment()`` (10 t general cargo).
    priority
        ``balanced`` (generalised cost: money + value of time + carbon price), ``fastest``,
        ``cheapest`` or ``greenest``; ties are broken by the other objectives.
    alternatives
        How many options to return at most (>= 1).
    avoid
        Ids of nodes, links or corridors closed for this query (or place names).
    network
        The corridor network; defaults to the shipped one.
    params
        The parameter table; defaults to the shipped one.
    method
        ``"exact"`` searches the graph for this query (Pareto label search, optima, every exit
        port and mode chain). ``"library"`` answers from candidate routes grown once per origin
        and cargo class and re-priced for this shipment (microseconds a query, for batch files;
        fastest and greenest answers are exact, cheapest and balanced ones the best of the
        candidates; ``avoid`` falls back to ``"exact"``).

    Returns
    -------
    list of RouteOption
        Distinct routes, best first for the priority, ranked ``1..n``; ``pareto_optimal`` marks
        the routes no found route beats on days, cost and CO2e at once (the first is always one).

    Raises
    ------
    UnknownPlaceError
        If a place or an ``avoid`` entry is unknown (with the closest names).
    InvalidShipmentError
        For a bad shipment, priority, number of alternatives, or origin equal to destination.
    NoRouteError
        If no route joins the two places under the restrictions, with the reason.
    """
    priority = Priority.parse(priority)
    alternatives = _check_alternatives(alternatives)
    shipment = _check_shipment(shipment)
    avoid_ids = _avoid_ids(avoid)
    if method not in _METHODS:
        raise InvalidShipmentError(
            f"unknown method {method!r}; choose one of: {', '.join(_METHODS)}"
        )
    if network is None:
        from corridors.network import load_network

        network = load_network()
    if params is None:
        params = _default_parameters()
    _check_context(network, params)
    start = _resolve(origin, network, "origin")
    end = _resolve(destination, network, "destination")
    graph = build_graph(network, params=params)
    if method == "library" and not avoid_ids:
        return _plan_from_library(graph, params, start, end, shipment, priority, alternatives)
    key = (id(graph), id(params), start, end, shipment, priority, alternatives, avoid_ids)
    with _PLAN_LOCK:
        cached = _PLAN_CACHE.get(key)
        if cached is not None and cached[0] is graph and cached[1] is params:
            _PLAN_CACHE.move_to_end(key)
            return list(cached[2])
    options = _plan(graph, params, start, end, shipment, priority, alternatives, avoid_ids)
    with _PLAN_LOCK:
        _PLAN_CACHE[key] = (graph, params, options)
        while len(_PLAN_CACHE) > _MAX_PLAN_CACHE:
            _PLAN_CACHE.popitem(last=False)
    return list(options)


_DEFAULT_PARAMS: list = [None, -math.inf]  # [Parameters, monotonic time of the last check]
_PARAMS_RECHECK_S = 1.0  # how often the shipped table's file is checked for changes


def _default_parameters() -> Parameters:
    """The shipped parameter table, its file checked for changes at most once a second (a
    batch of 100,000 queries must not stat it 100,000 times)."""
    now = time.monotonic()
    if _DEFAULT_PARAMS[0] is None or now - _DEFAULT_PARAMS[1] > _PARAMS_RECHECK_S:
        _DEFAULT_PARAMS[0] = load_parameters()
        _DEFAULT_PARAMS[1] = now
    return _DEFAULT_PARAMS[0]


def _end_nodes(place: Place, graph: MultimodalGraph) -> list[int]:
    """Place nodes of a place: the node itself when it is one, else every node it stands for."""
    if place.id in graph.place_node:
        return [graph.place_node[place.id]]
    return [graph.place_node[n] for n in place.node_ids if n in graph.place_node]


def _plan(
    graph: MultimodalGraph,
    params: Parameters,
    start: Place,
    end: Place,
    shipment: Shipment,
    priority: Priority,
    alternatives: int,
    avoid_ids: tuple[str, ...],
) -> list[RouteOption]:
    sources = _end_nodes(start, graph)
    targets = _end_nodes(end, graph)
    if not sources or not targets:
        missing = start if not sources else end
        raise NoRouteError(f"{missing.name_en} has no node in the network to route from or to")
    if set(sources) & set(targets) or start == end:
        raise InvalidShipmentError(
            f"origin and destination are the same place ({start.name_en} / {end.name_en})"
        )
    avoided, closed = resolve_avoid(avoid_ids, graph)
    query = _make_query(graph, params, shipment, priority, avoided)
    home = _country(graph, graph.node_place[sources[0]])
    paths: dict[tuple[int, ...], bool] = {}
    if end.country == home and start.country == home:
        # a domestic trip stays at home (no export and re-import) unless it cannot
        domestic = _make_query(
            graph, params, shipment, priority, avoided | _abroad_mask(graph, home)
        )
        paths = _candidate_paths(domestic, sources, targets, alternatives)
    if not paths:
        paths = _candidate_paths(query, sources, targets, alternatives)
    if not paths:
        raise NoRouteError(_no_route_reason(query, start, end, sources, targets, closed))
    routes = [_route(query, path, end, best_of_kind=kind) for path, kind in paths.items()]
    routes = _dedupe([r for r in routes if len(set(r.nodes)) == len(r.nodes)], query)
    if not routes:
        raise NoRouteError(_no_route_reason(query, start, end, sources, targets, closed))
    return _rank(routes, query, alternatives)


# --------------------------------------------------------------------------------------------
# candidate generation


def _candidate_paths(
    query: _Query, sources: list[int], targets: list[int], alternatives: int
) -> dict[tuple[int, ...], bool]:
    """Graph node paths from any source to any target, each with whether it is the best of
    its kind (an objective's optimum, the best through an exit port or for a mode chain): such
    a path is worth showing even when another route beats it on every objective."""
    found: dict[tuple[int, ...], bool] = {}
    target_set = set(targets)

    def add(path: Sequence[int] | None, best_of_kind: bool) -> None:
        if path and len(path) > 1 and path[-1] in target_set:
            key = tuple(path)
            found[key] = found.get(key, False) or best_of_kind

    for path in _pareto_paths(query, sources, target_set):
        add(path, False)
    D = query.graph.D
    objective = query.priority.value
    for name in (objective, *(p.value for p in Priority if p.value != objective)):
        add(_best_path(D, sources, target_set, query.weight(name)), True)
    for chain in _MODE_CHAINS:
        add(_best_path(D, sources, target_set, query.weight(objective, allowed=chain)), True)
    for path in _exit_port_paths(query, sources, targets):
        add(path, True)
    if len(found) < alternatives and len(sources) == 1 and len(targets) == 1:
        for path in _yen_paths(query, sources[0], targets[0], alternatives + len(found)):
            add(path, False)
    return found


def _best_path(
    D: nx.DiGraph, sources: list[int], targets: set[int], weight: Callable
) -> list[int] | None:
    try:
        dist, paths = nx.multi_source_dijkstra(D, sources, weight=weight)
    except nx.NetworkXNoPath:
        return None
    reached = [t for t in targets if t in dist]
    if not reached:
        return None
    best = min(reached, key=dist.__getitem__)
    return paths[best]


def _exit_port_paths(query: _Query, sources: list[int], targets: list[int]) -> list[list[int]]:
    """The best route (for the priority) through each node where a route can leave the country
    of its origin: one forward tree from the origin, one backward tree from the destination."""
    graph = query.graph
    weight = query.weight(query.priority.value)
    D = graph.D
    dist_f, path_f = nx.multi_source_dijkstra(D, sources, weight=weight)
    reverse = D.reverse(copy=False)
    dist_b, path_b = nx.multi_source_dijkstra(reverse, targets, weight=weight)
    origin_country = _country(graph, graph.node_place[sources[0]])
    best: dict[str, tuple[float, int]] = {}
    for gnode, d_f in dist_f.items():
        d_b = dist_b.get(gnode)
        if d_b is None:
            continue
        place = graph.node_place[gnode]
        if place not in _exit_candidates(graph, origin_country):
            continue
        total = d_f + d_b
        if place not in best or total < best[place][0]:
            best[place] = (total, gnode)
    out = []
    for _, gnode in best.values():
        forward = path_f[gnode]
        backward = path_b[gnode]  # from a target to gnode on the reversed graph
        out.append(list(forward) + list(reversed(backward))[1:])
    return out


def _exit_candidates(graph: MultimodalGraph, country: str) -> frozenset[str]:
    """Nodes of ``country`` with a link to a node of another country."""
    key = ("exits", country)
    found = graph.memo.get(key)
    if found is None:
        links = graph.network.links
        countries = graph.network.nodes["country"]
        c_from = countries.reindex(links["from"]).to_numpy()
        c_to = countries.reindex(links["to"]).to_numpy()
        out = set()
        for a, b, ca, cb in zip(links["from"], links["to"], c_from, c_to, strict=True):
            if ca == country and cb != country:
                out.add(a)
            if cb == country and ca != country:
                out.add(b)
        found = frozenset(out)
        graph.memo[key] = found
    return found


def _yen_paths(query: _Query, source: int, target: int, k: int) -> list[list[int]]:
    weight = query.weight(query.priority.value)
    try:
        generator = nx.shortest_simple_paths(query.graph.D, source, target, weight=weight)
        return list(itertools.islice(generator, min(k, _MAX_YEN_PATHS)))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []


def _pareto_paths(query: _Query, sources: list[int], targets: set[int]) -> list[list[int]]:
    """Multi-objective label setting over (hours, cost, CO2e) with target pruning.

    Labels are settled in lexicographic order, so a settled label is never dominated later;
    a new label is dropped when a label at its node or at a target weakly dominates it.
    """
    graph = query.graph
    succ = _successors(graph)
    H, C, E = query.hours, query.cost, query.co2
    blocked = query.blocked.tolist()
    # label store: (hours, cost, co2, node, parent label, alive)
    lab_h: list[float] = []
    lab_c: list[float] = []
    lab_e: list[float] = []
    lab_node: list[int] = []
    lab_parent: list[int] = []
    alive: list[bool] = []
    at_node: dict[int, list[int]] = {}
    heap: list[tuple[float, float, float, int]] = []
    finals: list[int] = []

    def dominated(h: float, c: float, e: float, labels: list[int]) -> bool:
        for i in labels:
            if alive[i] and lab_h[i] <= h and lab_c[i] <= c and lab_e[i] <= e:
                return True
        return False

    for s in sources:
        lab_h.append(0.0)
        lab_c.append(0.0)
        lab_e.append(0.0)
        lab_node.append(s)
        lab_parent.append(-1)
        alive.append(True)
        at_node.setdefault(s, []).append(len(lab_h) - 1)
        heapq.heappush(heap, (0.0, 0.0, 0.0, len(lab_h) - 1))
    while heap:
        h, c, e, lid = heapq.heappop(heap)
        if not alive[lid]:
            continue
        node = lab_node[lid]
        if node in targets:
            finals.append(lid)
            continue
        for nxt, eid in succ[node]:
            if blocked[eid]:
                continue
            nh, nc, ne = h + H[eid], c + C[eid], e + E[eid]
            if dominated(nh, nc, ne, finals):
                continue
            here = at_node.setdefault(nxt, [])
            if dominated(nh, nc, ne, here):
                continue
            for i in here:
                if alive[i] and nh <= lab_h[i] and nc <= lab_c[i] and ne <= lab_e[i]:
                    alive[i] = False
            here[:] = [i for i in here if alive[i]]
            lab_h.append(nh)
            lab_c.append(nc)
            lab_e.append(ne)
            lab_node.append(nxt)
            lab_parent.append(lid)
            alive.append(True)
            here.append(len(lab_h) - 1)
            heapq.heappush(heap, (nh, nc, ne, len(lab_h) - 1))
        if len(lab_h) > _MAX_LABELS:
            logger.info("Pareto search stopped at %d labels: the front may be partial", _MAX_LABELS)
            break
    paths = []
    for lid in finals:
        path = []
        while lid >= 0:
            path.append(lab_node[lid])
            lid = lab_parent[lid]
        paths.append(path[::-1])
    return paths


def _successors(graph: MultimodalGraph) -> list[list[tuple[int, int]]]:
    found = graph.memo.get("successors")
    if found is None:
        found = [[] for _ in range(graph.D.number_of_nodes())]
        for u, v, eid in graph.D.edges(data="eid"):
            found[u].append((v, eid))
        graph.memo["successors"] = found
    return found


# --------------------------------------------------------------------------------------------
# from a graph path to a RouteOption


@dataclass
class _Route:
    eids: tuple[int, ...]
    legs: tuple[Leg, ...]
    nodes: tuple[str, ...]
    exit_port: Node | None
    entry_port: Node | None
    crossings: int
    hours: float
    cost: float
    co2: float
    label: str = ""
    warnings: tuple[str, ...] = ()
    best_of_kind: bool = False

    @property
    def objectives(self) -> tuple[float, float, float]:
        return (self.hours / HOURS_PER_DAY, self.cost, self.co2)


def _node(graph: MultimodalGraph, nid: str) -> Node:
    key = ("node", nid)
    found = graph.memo.get(key)
    if found is None:
        found = graph.network.node(nid)
        graph.memo[key] = found
    return found


def _node_column(graph: MultimodalGraph, column: str) -> dict[str, object]:
    """A column of the network's nodes as a dict by id (cached on the graph)."""
    key = ("node_column", column)
    found = graph.memo.get(key)
    if found is None:
        found = graph.network.nodes[column].to_dict()
        graph.memo[key] = found
    return found


def _country(graph: MultimodalGraph, nid: str) -> str:
    return str(_node_column(graph, "country")[nid])


def _route(query: _Query, path: Sequence[int], end: Place, *, best_of_kind: bool = False) -> _Route:
    graph = query.graph
    eid_of = graph.D
    eids = tuple(eid_of[u][v]["eid"] for u, v in itertools.pairwise(path))
    kinds = graph.column("kind")
    modes = graph.column("mode")
    link_ids = graph.column("link_id")
    corridors = graph.column("corridor")
    km = graph.column("distance_km")
    crossing = graph.column("crossing")
    place_u = graph.column("place_u")
    place_v = graph.column("place_v")
    H, C, E = query.hours, query.cost, query.co2

    legs: list[Leg] = []
    pending = [0.0, 0.0, 0.0]
    crossings = 0
    for eid in eids:
        if kinds[eid] in (EDGE_LINK, EDGE_DRAYAGE):
            geometry = graph.geometry[eid]
            coords = (
                tuple((float(x), float(y)) for x, y, *_ in geometry.coords)
                if (geometry is not None)
                else ()
            )
            link_id = link_ids[eid]
            legs.append(
                Leg(
                    from_id=place_u[eid],
                    to_id=place_v[eid],
                    mode=Mode(modes[eid]),
                    corridor=corridors[eid] or "",
                    distance_km=float(km[eid]),
                    hours=pending[0] + H[eid],
                    cost_usd=pending[1] + C[eid],
                    co2e_kg=pending[2] + E[eid],
                    link_id=link_id if isinstance(link_id, str) else None,
                    coords=coords,
                )
            )
            pending = [0.0, 0.0, 0.0]
            crossings += bool(crossing[eid])
        else:
            pending[0] += H[eid]
            pending[1] += C[eid]
            pending[2] += E[eid]
    if legs and any(pending):
        last = legs[-1]
        legs[-1] = Leg(
            from_id=last.from_id,
            to_id=last.to_id,
            mode=last.mode,
            corridor=last.corridor,
            distance_km=last.distance_km,
            hours=last.hours + pending[0],
            cost_usd=last.cost_usd + pending[1],
            co2e_kg=last.co2e_kg + pending[2],
            link_id=last.link_id,
            coords=last.coords,
        )
    legs = _add_insurance(legs, query)
    nodes = tuple([legs[0].from_id] + [leg.to_id for leg in legs]) if legs else ()
    territory = customs_territory(end.country, query.params)
    exit_port, entry_port = _ports(graph, nodes, end, territory)
    route = _Route(
        eids=eids,
        legs=tuple(legs),
        nodes=nodes,
        exit_port=exit_port,
        entry_port=entry_port,
        crossings=crossings,
        hours=sum(leg.hours for leg in legs),
        cost=sum(leg.cost_usd for leg in legs),
        co2=sum(leg.co2e_kg for leg in legs),
        best_of_kind=best_of_kind,
    )
    route.label = _label(graph, route)
    route.warnings = _warnings(query, route)
    return route


def _insurance_usd(shipment: Shipment, params: Parameters) -> float:
    """The ad valorem insurance premium of a shipment (electronics only), in USD."""
    if shipment.cargo is not CargoClass.ELECTRONICS:
        return 0.0
    return (
        params["cargo.electronics.value_usd_per_t"]
        * params["cargo.electronics.insurance_rate"]
        * shipment.weight_t
    )


def _price_candidates(
    found: _Candidates, shipment: Shipment, params: Parameters
) -> tuple[list[float], list[float], list[float]]:
    """Days, cost (USD) and CO2e (kg) of every candidate route of the library for a shipment."""
    units = _units_vector(shipment.weight_t, shipment.volume_m3, params)
    cost = (found.coef @ units + _insurance_usd(shipment, params)).tolist()
    co2 = (found.co2pt * shipment.weight_t).tolist()
    return found.days, cost, co2


def _add_insurance(legs: list[Leg], query: _Query) -> list[Leg]:
    """Electronics pay an ad valorem insurance premium, booked on the first leg."""
    premium = _insurance_usd(query.shipment, query.params)
    if not legs or not premium:
        return legs
    first = legs[0]
    legs[0] = Leg(
        from_id=first.from_id,
        to_id=first.to_id,
        mode=first.mode,
        corridor=first.corridor,
        distance_km=first.distance_km,
        hours=first.hours,
        cost_usd=first.cost_usd + premium,
        co2e_kg=first.co2e_kg,
        link_id=first.link_id,
        coords=first.coords,
    )
    return legs


def _ports(
    graph: MultimodalGraph, nodes: tuple[str, ...], end: Place, territory: frozenset[str]
) -> tuple[Node | None, Node | None]:
    """Port of exit: the last node in the origin's country before the first foreign node.
    Port of entry: the first node in the destination's customs ``territory`` (its country, or
    its customs union: Małaszewicze for Duisburg, Dostyk for Moscow via Kazakhstan), else the
    first foreign node."""
    if not nodes:
        return None, None
    countries = [_country(graph, n) for n in nodes]
    home = countries[0]
    first_foreign = next((i for i, c in enumerate(countries) if c != home), None)
    if first_foreign is None:
        return None, None
    exit_id = nodes[first_foreign - 1]
    entry_id = nodes[first_foreign]
    if end.country != home:
        inside = next(
            (i for i in range(first_foreign, len(nodes)) if countries[i] in territory), None
        )
        if inside is not None:
            entry_id = nodes[inside]
    return _node(graph, exit_id), _node(graph, entry_id)


def _port_name(graph: MultimodalGraph, node: Node, *, short: bool) -> str:
    """``Zhengzhou CGO`` / ``FRA`` for airports, ``Tianjin`` for seaports, the name otherwise."""
    if node.kind == "airport" and node.iata:
        city = node.props.get("city")
        names = _node_column(graph, "name_en")
        if short or not (isinstance(city, str) and city in names):
            return str(node.iata)
        return f"{names[city]} {node.iata}"
    name = node.name_en
    for prefix in _PORT_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
    for suffix in _PORT_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name


_PORT_PREFIXES = ("Port of ",)
_PORT_SUFFIXES = (" Port",)


def _label(graph: MultimodalGraph, route: _Route) -> str:
    text = _label_text(
        graph,
        [(leg.mode, leg.link_id, leg.from_id) for leg in route.legs],
        route.exit_port,
        route.entry_port,
    )
    return _with_days(text, route.hours)


def _with_days(text: str, hours: float) -> str:
    days = hours / HOURS_PER_DAY
    shown = f"{days:.1f}" if days < _WHOLE_DAYS_FROM else f"{days:.0f}"
    return f"{text}, {shown} d"


def _label_text(
    graph: MultimodalGraph,
    legs: Sequence[tuple[Mode, str | None, str]],
    exit_port: Node | None,
    entry_port: Node | None,
) -> str:
    """``Rail–sea via Tianjin → Rotterdam``, ``Rail from Houma via Horgos``: the long-haul
    modes, the Shanxi rail terminal a train leaves from, exit and entry ports."""
    modes: list[Mode] = []
    terminal = None
    kinds = _node_column(graph, "kind")
    for mode, link_id, from_id in legs:
        if link_id is None:  # drayage
            continue
        if not modes or modes[-1] is not mode:
            modes.append(mode)
            if mode is Mode.RAIL and terminal is None and kinds.get(from_id) == "rail_terminal":
                terminal = from_id
    main = [m for m in modes if m is not Mode.ROAD] or modes or [Mode.ROAD]
    collapsed: list[Mode] = []
    for m in main:
        if not collapsed or collapsed[-1] is not m:
            collapsed.append(m)
    words = [_MODE_WORD[m] for m in collapsed]
    text = words[0] + "".join(f"–{w.lower()}" for w in words[1:])
    if terminal is not None:
        name = str(_node_column(graph, "name_en")[terminal])
        text += f" from {name.split(' (')[0]}"  # "Taiyuan South Freight Yard (dry port)"
    if exit_port is not None:
        text += f" via {_port_name(graph, exit_port, short=False)}"
        if entry_port is not None and collapsed[-1] in (Mode.AIR, Mode.SEA):
            text += f" → {_port_name(graph, entry_port, short=True)}"
    return text


# Transit times from this many days on are shown in whole days in labels.
_WHOLE_DAYS_FROM = 2.0


def _warnings(query: _Query, route: _Route) -> tuple[str, ...]:
    used = frozenset(leg.mode for leg in route.legs)
    red_sea = Mode.SEA in used and any(
        _through_red_sea(leg.coords) for leg in route.legs if leg.mode is Mode.SEA
    )
    return _warning_texts(query.params, query.shipment, route.hours, used, red_sea)


def _warning_texts(
    params: Parameters,
    shipment: Shipment,
    hours: float,
    used: frozenset[Mode],
    red_sea: bool,
) -> tuple[str, ...]:
    out: list[str] = []
    days = hours / HOURS_PER_DAY
    if shipment.cargo is CargoClass.PERISHABLE:
        limit = params["cargo.perishable.max_transit_days"]
        if days > limit:
            out.append(
                f"transit of {days:.1f} d exceeds the {limit:.0f} d a perishable cargo keeps"
            )
    if Mode.AIR in used and shipment.weight_t > params["air.max_shipment_t"]:
        out.append(
            f"{shipment.weight_t:.0f} t is more than one freighter carries "
            f"({params['air.max_shipment_t']:.0f} t): several flights needed"
        )
    if red_sea:
        out.append(
            "sea leg via Suez and the Red Sea: 2024 diversions via the Cape of Good Hope "
            "added about 10–14 days"
        )
    for mode, reason in class_forbidden_modes(shipment.cargo, params).items():
        out.append(f"no {mode.value} option for {shipment.cargo.value} cargo: {reason}")
    estimated = []
    for mode in sorted(used, key=lambda m: m.value):
        keys = _RATE_KEYS[mode]
        if shipment.cargo is CargoClass.BULK and mode in _BULK_RATE_KEYS:
            keys = _BULK_RATE_KEYS[mode]
        if any(params.is_estimate(k) for k in keys if k in params):
            estimated.append(mode.value)
    if estimated:
        out.append(
            f"{', '.join(estimated)} rates or speeds are estimates (see geodata/parameters.csv)"
        )
    return tuple(out)


def _through_red_sea(coords: Sequence[tuple[float, float]]) -> bool:
    west, south, east, north = _RED_SEA_BBOX
    return any(west <= x <= east and south <= y <= north for x, y in coords)


def _dedupe(routes: list[_Route], query: _Query) -> list[_Route]:
    """One route per sequence of legs (paths differing only by transfers), the better kept."""
    best: dict[tuple, _Route] = {}
    for route in routes:
        signature = tuple((leg.from_id, leg.to_id, leg.mode, leg.link_id) for leg in route.legs)
        kept = best.get(signature)
        if kept is None or _sort_key(route, query) < _sort_key(kept, query):
            route.best_of_kind = route.best_of_kind or (kept is not None and kept.best_of_kind)
            best[signature] = route
        else:
            kept.best_of_kind = kept.best_of_kind or route.best_of_kind
    return list(best.values())


def _sort_key(route: _Route, query: _Query) -> tuple[float, ...]:
    return _ranking(query.shipment, query.params, query.priority)(*route.objectives)


def _ranking(
    shipment: Shipment, params: Parameters, priority: Priority
) -> Callable[[float, float, float], tuple]:
    """The sort key of an option's (days, cost, co2) for a priority, best first: the priority's
    objective (balanced: cost plus value of time plus carbon price), ties broken by the others.
    One key serves the exact search, the route library and the batch rows."""
    if priority is Priority.FASTEST:
        return lambda d, c, e: (d, c, e)
    if priority is Priority.CHEAPEST:
        return lambda d, c, e: (c, d, e)
    if priority is Priority.GREENEST:
        return lambda d, c, e: (e, d, c)
    vot = value_of_time(shipment.cargo, params) * shipment.weight_t
    carbon = params["carbon.usd_per_t_co2e"] / KG_PER_T
    return lambda d, c, e: (c + vot * d + carbon * e, d, c, e)


def _pareto_flags(routes: list[_Route]) -> list[bool]:
    flags = []
    objs = [r.objectives for r in routes]
    for i, a in enumerate(objs):
        dominated = any(
            j != i and all(x <= y for x, y in zip(b, a, strict=True)) and b != a
            for j, b in enumerate(objs)
        )
        flags.append(not dominated)
    return flags


def _signature(route: _Route) -> tuple:
    return (
        route.label.rsplit(",", 1)[0],
        route.exit_port.id if route.exit_port else None,
        route.entry_port.id if route.entry_port else None,
    )


def _main_mode(route: _Route) -> Mode:
    """The mode that runs the longest distance: what kind of route this is."""
    km: dict[Mode, float] = {}
    for leg in route.legs:
        km[leg.mode] = km.get(leg.mode, 0.0) + leg.distance_km
    return max(km, key=km.__getitem__) if km else Mode.ROAD


def _kinds(main_mode: Mode, signature: tuple) -> tuple:
    """Diversity keys of a route, coarse to fine: main mode, mode chain, chain and exit port,
    chain, exit and entry port."""
    text, exit_id, entry_id = signature
    chain = text.split(" via ", 1)[0]
    return (main_mode, chain, (chain, exit_id), (text, exit_id, entry_id))


def _select(kinds: list[tuple], alternatives: int) -> list[int]:
    """Pick up to ``alternatives`` of the routes (given best first by their diversity keys):
    first the best of each main mode, then of each mode chain, of each exit port, of each
    entry port, then the next best that does not repeat a chosen route's label and ports."""
    chosen: list[int] = []
    taken: set[int] = set()
    for level in range(len(kinds[0]) if kinds else 0):
        seen = {kinds[i][level] for i in chosen}
        for i, keys in enumerate(kinds):
            if len(chosen) >= alternatives:
                return chosen
            if i not in taken and keys[level] not in seen:
                seen.add(keys[level])
                taken.add(i)
                chosen.append(i)
    # then the next best, but never one that reads the same as a route already shown
    shown = {kinds[i][-1] for i in chosen}
    for i in range(len(kinds)):
        if len(chosen) >= alternatives:
            break
        if i not in taken and kinds[i][-1] not in shown:
            shown.add(kinds[i][-1])
            taken.add(i)
            chosen.append(i)
    return chosen


def _rank(routes: list[_Route], query: _Query, alternatives: int) -> list[RouteOption]:
    flags = dict(zip((id(r) for r in routes), _pareto_flags(routes), strict=True))
    # shown: the Pareto set and the best route of each kind (exit port, mode chain, objective)
    shown = [r for r in routes if flags[id(r)] or r.best_of_kind]
    key = _ranking(query.shipment, query.params, query.priority)
    ordered = sorted(shown, key=lambda r: key(*r.objectives))
    kinds = [_kinds(_main_mode(r), _signature(r)) for r in ordered]
    chosen = [ordered[i] for i in _select(kinds, alternatives)]
    chosen.sort(key=lambda r: key(*r.objectives))
    usd_cny = query.params["fx.usd_cny"]
    return [
        RouteOption(
            legs=route.legs,
            exit_port=route.exit_port,
            entry_port=route.entry_port,
            usd_cny=usd_cny,
            label=route.label,
            rank=rank,
            pareto_optimal=flags[id(route)],
            border_crossings=route.crossings,
            warnings=route.warnings,
        )
        for rank, route in enumerate(chosen, start=1)
    ]


# --------------------------------------------------------------------------------------------
# explaining a failure


def _reachable(query: _Query, sources: list[int], targets: list[int], blocked: np.ndarray) -> bool:
    succ = _successors(query.graph)
    shut = blocked.tolist()
    seen = set(sources)
    stack = list(sources)
    goal = set(targets)
    while stack:
        node = stack.pop()
        if node in goal:
            return True
        for nxt, eid in succ[node]:
            if not shut[eid] and nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def _no_route_reason(
    query: _Query,
    start: Place,
    end: Place,
    sources: list[int],
    targets: list[int],
    closed: tuple[str, ...],
) -> str:
    where = f"no route from {start.name_en} to {end.name_en}"
    none = np.zeros_like(query.blocked)
    if not _reachable(query, sources, targets, none):
        return f"{where}: the network does not join them"
    cargo = query.shipment.cargo
    forbidden = class_forbidden_modes(cargo, query.params)
    rule = "; ".join(f"{cargo.value} goods may not go by {m.value}" for m in forbidden)
    avoiding = f" avoiding {', '.join(closed)}" if closed else ""
    if forbidden and not _reachable(query, sources, targets, query.forbidden):
        if closed and _reachable(query, sources, targets, query.avoided):
            return f"{where}{avoiding}: {rule}"
        if not closed:
            return f"{where}: {rule}, and no other mode reaches {end.name_en}"
    if closed and not _reachable(query, sources, targets, query.avoided):
        return f"{where}{avoiding}"
    detail = f" ({rule})" if forbidden else ""
    return f"{where}{avoiding}{detail}"


# --------------------------------------------------------------------------------------------
# the route library: many shipments from one origin (batch files)
#
# ``plan(..., method="library")`` answers from candidate routes grown once per origin and
# cargo class: shortest-path trees for time, CO2e, and for cost and the balanced generalised
# cost of a few probe shipments (sized from the container, truck and freighter capacities in
# the parameter table). Each candidate keeps its per-unit cost coefficients, so a shipment is
# priced by a dot product. The fastest and greenest answers are exact (their best route does
# not depend on the shipment's size); the cheapest and balanced ones are the best of the
# candidates, which the exact search matches in the great majority of cases (see the tests).

_MAX_LIBRARIES = 256  # (origin, cargo class) libraries kept per graph


@dataclass(eq=False)
class _Shape:
    """What a candidate route is, whatever the cargo: its legs, ports, kind and label text."""

    eids: tuple[int, ...]
    bounds: tuple[int, ...]  # leg i = eids[bounds[i]:bounds[i + 1]]
    legs: tuple[dict, ...]
    nodes: tuple[str, ...]
    exit_port: Node | None
    entry_port: Node | None
    crossings: int
    text: str
    main_mode: Mode
    signature: tuple
    modes_used: frozenset
    red_sea: bool


@dataclass(eq=False)
class _Template:
    """A candidate route for one cargo class, with its costs per unit of shipment."""

    shape: _Shape
    label: str
    leg_hours: list[float]
    leg_coef: np.ndarray
    leg_co2pt: np.ndarray
    hours: float
    coef: np.ndarray
    co2pt: float
    warnings: dict  # False -> warnings of a shipment one freighter carries; "row" -> flat fields


class _Candidates:
    """The templates towards one destination, with their per-unit totals as arrays."""

    def __init__(self, templates: list[_Template], *, same_place: bool, no_nodes: bool) -> None:
        self.templates = templates
        self.same_place = same_place
        self.no_nodes = no_nodes
        self.failure: str | None = None  # why nothing reaches the destination
        self.days = [t.hours / HOURS_PER_DAY for t in templates]
        self.coef = np.array([t.coef for t in templates]).reshape(len(templates), len(UNIT_NAMES))
        self.co2pt = np.array([t.co2pt for t in templates])


class _Library:
    """Candidate routes from one origin for one cargo class, grown from a few trees."""

    def __init__(
        self, graph: MultimodalGraph, params: Parameters, start: Place, cargo: CargoClass
    ) -> None:
        self.graph = graph
        self.params = params
        self.start = start
        self.cargo = cargo
        self.sources = _end_nodes(start, graph)
        priced = graph.priced(cargo, params)
        self.H = priced.hours
        self.C = priced.cost
        self.E = priced.co2e_kg_per_t
        self.forbidden = priced.forbidden
        self.home = _country(graph, graph.node_place[self.sources[0]]) if self.sources else ""
        self._trees: dict[bool, list[tuple[dict, dict]]] = {}
        self._by_end: dict[Place, _Candidates] = {}
        self._lock = threading.Lock()

    def _probe_units(self) -> list[tuple[np.ndarray, float]]:
        p = self.params
        probes = [
            (1.0, 1.0),  # one tonne, one cubic metre: a parcel
            (
                p["container.feu_payload_t"],
                p["container.feu_volume_m3"] * p["container.fill_factor"],
            ),
            (p["road.truck_payload_t"], p["road.truck_volume_m3"]),
            (p["air.max_shipment_t"], p["air.max_shipment_t"]),
        ]
        return [(_units_vector(w, v, p), w) for w, v in probes]

    def trees(self, domestic: bool) -> list[tuple[dict, dict]]:
        with self._lock:
            found = self._trees.get(domestic)
            if found is not None:
                return found
            blocked = self.forbidden.copy()
            if domestic:
                blocked |= _abroad_mask(self.graph, self.home)
            vot = value_of_time(self.cargo, self.params) / HOURS_PER_DAY
            carbon = self.params["carbon.usd_per_t_co2e"] / KG_PER_T
            weightings = [self.H, self.E]
            for units, weight_t in self._probe_units():
                cost = self.C @ units
                weightings.append(cost)
                weightings.append(cost + vot * weight_t * self.H + carbon * weight_t * self.E)
            shut = blocked.tolist()
            found = []
            for values in weightings:
                listed = values.tolist()

                def weight(u: int, v: int, data: dict, listed=listed) -> float | None:
                    eid = data["eid"]
                    return None if shut[eid] else listed[eid]

                found.append(_tree(self.graph.D, self.sources, weight))
            self._trees[domestic] = found
            return found

    def candidates(self, end: Place) -> _Candidates:
        found = self._by_end.get(end)
        if found is not None:
            return found
        ends = _end_nodes(end, self.graph)
        same_place = self.start == end or bool(set(self.sources) & set(ends))
        targets = [t for t in ends if t not in self.sources]
        templates: list[_Template] = []
        if targets and self.sources and not same_place:
            domestic = end.country == self.home and self.start.country == self.home
            templates = self._collect(targets, end, domestic=domestic)
            if not templates and domestic:
                templates = self._collect(targets, end, domestic=False)
        found = _Candidates(templates, same_place=same_place, no_nodes=not ends or not self.sources)
        self._by_end[end] = found
        return found

    def _collect(self, targets: list[int], end: Place, *, domestic: bool) -> list[_Template]:
        paths: dict[tuple[int, ...], None] = {}
        for dist, pred in self.trees(domestic):
            best = None
            for t in targets:
                d = dist.get(t)
                if d is not None and (best is None or d < best[0]):
                    best = (d, t)
            if best is not None:
                paths.setdefault(_walk_back(pred, best[1]), None)
        out = []
        seen = set()
        territory = customs_territory(end.country, self.params)
        for path in paths:
            shape = _shape(self.graph, path, end, territory)
            if shape is None:
                continue
            key = tuple((leg["from_id"], leg["to_id"], leg["link_id"]) for leg in shape.legs)
            if key not in seen:
                seen.add(key)
                out.append(self._template(shape))
        return out

    def _template(self, shape: _Shape) -> _Template:
        eids = list(shape.eids)
        starts = list(shape.bounds[:-1])  # leg i sums eids[bounds[i]:bounds[i + 1]]
        leg_hours = np.add.reduceat(self.H[eids], starts).tolist()
        leg_coef = np.add.reduceat(self.C[eids], starts, axis=0)
        leg_co2pt = np.add.reduceat(self.E[eids], starts)
        hours = float(sum(leg_hours))
        cum_c = [leg_coef.sum(axis=0)]
        cum_e = [float(leg_co2pt.sum())]
        return _Template(
            shape=shape,
            label=_with_days(shape.text, hours),
            leg_hours=leg_hours,
            leg_coef=leg_coef,
            leg_co2pt=leg_co2pt,
            hours=hours,
            coef=cum_c[-1],
            co2pt=cum_e[-1],
            warnings={},
        )


def _tree(D: nx.DiGraph, sources: list[int], weight: Callable) -> tuple[dict, dict]:
    """Distances and predecessors of a shortest-path tree (paths are rebuilt on demand)."""
    if len(sources) == 1:
        pred, dist = nx.dijkstra_predecessor_and_distance(D, sources[0], weight=weight)
        return dist, pred
    dist, paths = nx.multi_source_dijkstra(D, sources, weight=weight)
    return dist, {node: [path[-2]] if len(path) > 1 else [] for node, path in paths.items()}


def _walk_back(pred: dict, target: int) -> tuple[int, ...]:
    path = [target]
    while pred.get(path[-1]):
        path.append(pred[path[-1]][0])
    return tuple(reversed(path))


def _shape(
    graph: MultimodalGraph, path: tuple[int, ...], end: Place, territory: frozenset[str]
) -> _Shape | None:
    """The cargo-independent part of a candidate (cached per path and destination country);
    None when the path has no movement or visits a place twice."""
    key = ("shape", path, end.country)
    if key in graph.memo:
        return graph.memo[key]
    eids = [graph.D[u][v]["eid"] for u, v in itertools.pairwise(path)]
    kinds = graph.column("kind")
    crossing = graph.column("crossing")
    moves = [i for i, eid in enumerate(eids) if kinds[eid] in (EDGE_LINK, EDGE_DRAYAGE)]
    shape = None
    if moves:
        legs = tuple(_static_leg(graph, eids[i]) for i in moves)
        nodes = tuple([legs[0]["from_id"]] + [leg["to_id"] for leg in legs])
        if len(set(nodes)) == len(nodes):
            exit_port, entry_port = _ports(graph, nodes, end, territory)
            text = _label_text(
                graph,
                [(leg["mode"], leg["link_id"], leg["from_id"]) for leg in legs],
                exit_port,
                entry_port,
            )
            km: dict[Mode, float] = {}
            for leg in legs:
                km[leg["mode"]] = km.get(leg["mode"], 0.0) + leg["distance_km"]
            # a leg carries the transfers before it; the last one also those after it
            bounds = (0, *(i + 1 for i in moves[:-1]), len(eids))
            shape = _Shape(
                eids=tuple(eids),
                bounds=bounds,
                legs=legs,
                nodes=nodes,
                exit_port=exit_port,
                entry_port=entry_port,
                crossings=sum(bool(crossing[eids[i]]) for i in moves),
                text=text,
                main_mode=max(km, key=km.__getitem__),
                signature=(
                    text,
                    exit_port.id if exit_port else None,
                    entry_port.id if entry_port else None,
                ),
                modes_used=frozenset(km),
                red_sea=any(
                    _through_red_sea(leg["coords"]) for leg in legs if leg["mode"] is Mode.SEA
                ),
            )
    graph.memo[key] = shape
    return shape


def _static_leg(graph: MultimodalGraph, eid: int) -> dict:
    key = ("static_leg", eid)
    found = graph.memo.get(key)
    if found is None:
        geometry = graph.geometry[eid]
        link_id = graph.column("link_id")[eid]
        found = {
            "from_id": graph.column("place_u")[eid],
            "to_id": graph.column("place_v")[eid],
            "mode": Mode(graph.column("mode")[eid]),
            "corridor": graph.column("corridor")[eid] or "",
            "distance_km": float(graph.column("distance_km")[eid]),
            "link_id": link_id if isinstance(link_id, str) else None,
            "coords": tuple((float(x), float(y)) for x, y, *_ in geometry.coords)
            if geometry is not None
            else (),
        }
        graph.memo[key] = found
    return found


def _leg(static: dict, hours: float, cost: float, co2: float) -> Leg:
    # hot path of batch files: fill the frozen dataclass directly (Leg has no __post_init__,
    # so this is what its __init__ does)
    leg = object.__new__(Leg)
    leg.__dict__.update(static, hours=hours, cost_usd=cost, co2e_kg=co2)
    return leg


def _library(graph: MultimodalGraph, params: Parameters, start: Place, cargo: CargoClass):
    libraries = graph.memo.setdefault(("libraries", id(params)), OrderedDict())
    key = (start, cargo)
    found = libraries.get(key)
    if found is None or found.params is not params:
        found = _Library(graph, params, start, cargo)
        libraries[key] = found
        while len(libraries) > _MAX_LIBRARIES:
            libraries.popitem(last=False)
    return found


# (weight, volume, id(params)) -> (params, units): holding params keeps its id unique
_UNITS_CACHE: OrderedDict[tuple, tuple[Parameters, np.ndarray]] = OrderedDict()
_MAX_UNITS_CACHE = 65_536  # distinct (weight, volume) pairs whose units are remembered


def _units_vector(weight_t: float, volume_m3: float, params: Parameters) -> np.ndarray:
    """The shipment's units (:data:`UNIT_NAMES`); they depend on weight and volume only."""
    key = (weight_t, volume_m3, id(params))
    found = _UNITS_CACHE.get(key)
    if found is None or found[0] is not params:
        units = shipment_units(Shipment(CargoClass.GENERAL, weight_t, volume_m3), params)
        found = (params, units.vector())
        _UNITS_CACHE[key] = found
        if len(_UNITS_CACHE) > _MAX_UNITS_CACHE:
            _UNITS_CACHE.popitem(last=False)
    return found[1]


def _plan_from_library(
    graph: MultimodalGraph,
    params: Parameters,
    start: Place,
    end: Place,
    shipment: Shipment,
    priority: Priority,
    alternatives: int,
) -> list[RouteOption]:
    library = _library(graph, params, start, shipment.cargo)
    found = library.candidates(end)
    if found.no_nodes:
        missing = start if not library.sources else end
        raise NoRouteError(f"{missing.name_en} has no node in the network to route from or to")
    if found.same_place:
        raise InvalidShipmentError(
            f"origin and destination are the same place ({start.name_en} / {end.name_en})"
        )
    templates = found.templates
    if not templates:  # explain why (once per destination), or search exactly if it can
        if found.failure is None:
            sources, targets = library.sources, _end_nodes(end, graph)
            none = np.zeros(graph.n_edges, dtype=bool)
            query = _make_query(graph, params, shipment, priority, none)
            if _reachable(query, sources, targets, query.blocked):
                return _plan(graph, params, start, end, shipment, priority, alternatives, ())
            found.failure = _no_route_reason(query, start, end, sources, targets, ())
        raise NoRouteError(found.failure)
    weight_t = shipment.weight_t
    days, cost, co2 = _price_candidates(found, shipment, params)
    key = _ranking(shipment, params, priority)
    keys = [key(d, c, e) for d, c, e in zip(days, cost, co2, strict=True)]
    objectives = list(zip(days, cost, co2, strict=True))
    count = len(templates)
    if alternatives == 1:
        chosen = [min(range(count), key=keys.__getitem__)]
    else:
        order = sorted(range(count), key=keys.__getitem__)
        picked = _select(
            [_kinds(templates[i].shape.main_mode, templates[i].shape.signature) for i in order],
            alternatives,
        )
        chosen = [order[j] for j in picked]
        chosen.sort(key=keys.__getitem__)
    usd_cny = params["fx.usd_cny"]
    heavy = weight_t > params["air.max_shipment_t"]
    options = []
    for rank, i in enumerate(chosen, start=1):
        template = templates[i]
        shape = template.shape
        mine = objectives[i]
        pareto = not any(
            other != mine and other[0] <= mine[0] and other[1] <= mine[1] and other[2] <= mine[2]
            for other in objectives
        )
        leg_coef = template.leg_coef @ _units_vector(weight_t, shipment.volume_m3, params)
        leg_cost = leg_coef.tolist()
        leg_cost[0] += _insurance_usd(shipment, params)
        legs = tuple(
            _leg(static, h, c, e * weight_t)
            for static, h, c, e in zip(
                shape.legs, template.leg_hours, leg_cost, template.leg_co2pt.tolist(), strict=True
            )
        )
        warnings = None if heavy else template.warnings.get(heavy)
        if warnings is None:  # the heavy warning names the weight: not cached
            warnings = _warning_texts(
                params, shipment, template.hours, shape.modes_used, shape.red_sea
            )
            if not heavy:
                template.warnings[heavy] = warnings
        options.append(
            RouteOption(
                legs=legs,
                exit_port=shape.exit_port,
                entry_port=shape.entry_port,
                usd_cny=usd_cny,
                label=template.label,
                rank=rank,
                pareto_optimal=pareto,
                border_crossings=shape.crossings,
                warnings=warnings,
            )
        )
    return options


# --------------------------------------------------------------------------------------------
# many shipments at once: the best option of each as a flat row (batch files)


def plan_rows(
    queries: Iterable[tuple[str | Place, str | Place, Shipment | None, str | Priority]],
    *,
    network: Network | None = None,
    params: Parameters | None = None,
) -> list[dict | PlanningError]:
    """The best option of many shipments, each as the flat row a batch file needs.

    Each answer equals ``options_to_rows(plan(origin, destination, shipment, priority=...,
    alternatives=1, method="library"))[0]`` (same columns, same rounding), but no
    :class:`RouteOption` or :class:`Leg` is built: queries that share an origin, a cargo class
    and a destination are priced together.

    Parameters
    ----------
    queries
        ``(origin, destination, shipment, priority)`` tuples; origin and destination as for
        :func:`plan`, ``shipment`` ``None`` for the default.
    network
        The corridor network; defaults to the shipped one.
    params
        The parameter table; defaults to the shipped one.

    Returns
    -------
    list
        Per query, in order: a dict keyed by :data:`planner.export.OPTION_COLUMNS`, or the
        :class:`~planner._errors.PlanningError` that :func:`plan` would raise.
    """
    if network is None:
        from corridors.network import load_network

        network = load_network()
    if params is None:
        params = _default_parameters()
    _check_context(network, params)
    graph = build_graph(network, params=params)
    answers: list[dict | PlanningError | None] = []
    groups: dict[tuple, list[tuple[int, Shipment, Priority]]] = {}
    for index, (origin, destination, shipment, priority) in enumerate(queries):
        answers.append(None)
        try:
            parsed = Priority.parse(priority)
            shipment = _check_shipment(shipment)
            start = _resolve(origin, network, "origin")
            end = _resolve(destination, network, "destination")
        except PlanningError as exc:
            answers[index] = exc
            continue
        groups.setdefault((start, end, shipment.cargo), []).append((index, shipment, parsed))
    for (start, end, cargo), members in groups.items():
        library = _library(graph, params, start, cargo)
        found = library.candidates(end)
        if found.no_nodes or found.same_place or not found.templates:
            for index, shipment, priority in members:
                try:
                    options = _plan_from_library(graph, params, start, end, shipment, priority, 1)
                    answers[index] = _option_row_of(options[0])
                except PlanningError as exc:
                    answers[index] = exc
            continue
        for index, shipment, priority in members:
            answers[index] = _best_row(found, params, shipment, priority)
    return answers  # type: ignore[return-value]


def _best_row(found: _Candidates, params: Parameters, shipment: Shipment, priority: Priority):
    templates = found.templates
    weight_t = shipment.weight_t
    days, cost, co2 = _price_candidates(found, shipment, params)
    key = _ranking(shipment, params, priority)
    best = min(range(len(templates)), key=lambda i: key(days[i], cost[i], co2[i]))
    mine = (days[best], cost[best], co2[best])
    pareto = not any(
        (d, c, e) != mine and d <= mine[0] and c <= mine[1] and e <= mine[2]
        for d, c, e in zip(days, cost, co2, strict=True)
    )
    template = templates[best]
    heavy = weight_t > params["air.max_shipment_t"]
    warnings = None if heavy else template.warnings.get(heavy)
    if warnings is None:
        shape = template.shape
        warnings = _warning_texts(params, shipment, template.hours, shape.modes_used, shape.red_sea)
        if not heavy:
            template.warnings[heavy] = warnings
    static = _static_row(template)
    usd = cost[best]
    return {
        **static,
        "transit_days": round(days[best], 1),
        "cost_usd": round(usd, 2),
        "cost_cny": round(usd * params["fx.usd_cny"], 2),
        "co2e_kg": round(co2[best], 1),
        "pareto_optimal": pareto,
        "warnings": _LIST_SEPARATOR.join(warnings),
    }


_LIST_SEPARATOR = "; "  # as planner.export.LIST_SEPARATOR (checked by the tests)
_MODE_SEPARATOR = "+"  # as planner.export.MODE_SEPARATOR (checked by the tests)


def _static_row(template: _Template) -> dict:
    """The fields of a flat row that do not depend on the shipment (cached on the template)."""
    found = template.warnings.get("row")
    if found is None:
        shape = template.shape
        modes: list[str] = []
        corridors: list[str] = []
        for leg in shape.legs:
            mode = leg["mode"].value
            if not modes or modes[-1] != mode:
                modes.append(mode)
            if leg["corridor"] and leg["corridor"] not in corridors:
                corridors.append(leg["corridor"])
        found = {
            "rank": 1,
            "label": template.label,
            "modes": _MODE_SEPARATOR.join(modes),
            **_port_row("exit_port", shape.exit_port),
            **_port_row("entry_port", shape.entry_port),
            "distance_km": round(sum(leg["distance_km"] for leg in shape.legs), 1),
            "transfers": max(len(modes) - 1, 0),
            "border_crossings": shape.crossings,
            "corridors": _MODE_SEPARATOR.join(corridors),
        }
        template.warnings["row"] = found
    return found


def _port_row(role: str, port: Node | None) -> dict[str, str]:
    if port is None:
        return {f"{role}_id": "", f"{role}_name_en": "", f"{role}_name_zh": ""}
    return {f"{role}_id": port.id, f"{role}_name_en": port.name_en, f"{role}_name_zh": port.name_zh}


def _option_row_of(option: RouteOption) -> dict:
    from planner.export import options_to_rows

    return options_to_rows([option])[0]
