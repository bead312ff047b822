"""Route factors: rail links as long as their railway's published km posts say.

The drawn rail lines run straight between named stations (``via.csv``); between two stations
the real track curves, and no source at hand places it. So the drawing stays schematic and
every rail link of a railway with a published length carries a ``route_factor``: published
length over drawn (geodesic) length of the stretch it lies on, with the published length
named in ``route_factor_source``. ``corridors`` gives the link ``distance_km`` = drawn length
x factor, so the distances the planner uses match the published ones.

The stretches are the railway's published sections (``railway_sections.csv``), shortest
first, then the whole railway (``railways.csv``: its links less the border links, since a
published line length ends at the border station). A link takes the factor of the first
stretch it lies on; a longer stretch spreads what its shorter ones leave of its published
length over its remaining links. A railway without a published length keeps its drawn length.
"""

from __future__ import annotations

import networkx as nx

from corridors.geo import line_length_km
from corridors.validate import DRAWN_TOLERANCE

__all__ = ["FACTOR_DECIMALS", "apply_route_factors"]

#: Decimals of a written factor (a 10,000 km line moves by 0.5 km at most).
FACTOR_DECIMALS = 5


def _stretches(railway: dict) -> list[dict]:
    """The railway's published lengths: its sections, then the whole line (``from`` None)."""
    out = [dict(s) for s in railway.get("sections") or []]
    if railway.get("published_km"):
        out.append({"from": None, "to": None, "published_km": railway["published_km"],
                    "source": railway["source"]})
    return out


def _path_links(own: list[dict], stretch: dict) -> list[dict] | None:
    """The links a stretch runs over: a section's shortest drawn path, or the whole line."""
    if stretch["from"] is None:
        return [lk for lk in own if not lk.get("crossing")]
    graph = nx.Graph()
    for lk in own:
        a, b = lk["from"], lk["to"]
        if not graph.has_edge(a, b) or graph[a][b]["km"] > lk["drawn_km"]:
            graph.add_edge(a, b, km=lk["drawn_km"], link=lk)
    try:
        nodes = nx.shortest_path(graph, stretch["from"], stretch["to"], weight="km")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    return [graph[a][b]["link"] for a, b in zip(nodes, nodes[1:], strict=False)]


def _label(railway: str, stretch: dict) -> str:
    ends = "" if stretch["from"] is None else f" {stretch['from']}–{stretch['to']}"
    return f"{railway}{ends}"


def apply_route_factors(links: list[dict], railways: list[dict]) -> list[str]:
    """Give every rail link of a railway with a published length its ``route_factor``.

    Parameters
    ----------
    links
        The built links (dicts with ``coords``); rail links gain ``route_factor`` and
        ``route_factor_source`` in place.
    railways
        The railways of ``corridors.json`` (``published_km``, ``source``, ``sections``).

    Returns
    -------
    list of str
        Problems: a stretch without a path over its railway's links, or a factor that puts
        the drawn line more than :data:`~corridors.validate.DRAWN_TOLERANCE` off.
    """
    problems: list[str] = []
    rail = [lk for lk in links if lk["mode"] == "rail"]
    for lk in rail:
        lk["drawn_km"] = line_length_km(lk["coords"])
    for railway in railways:
        own = [lk for lk in rail if lk.get("railway") == railway["id"]]
        stretches = []
        for stretch in _stretches(railway):
            path = _path_links(own, stretch)
            if path is None:
                problems.append(f"{_label(railway['id'], stretch)}: no path over its links")
            else:
                stretches.append((len(path), stretch, path))
        factors: dict[str, tuple[float, str]] = {}
        for _, stretch, path in sorted(stretches, key=lambda item: item[0]):
            fixed_km = sum(lk["drawn_km"] * factors[lk["id"]][0] for lk in path
                           if lk["id"] in factors)
            free = [lk for lk in path if lk["id"] not in factors]
            free_km = sum(lk["drawn_km"] for lk in free)
            if not free or free_km <= 0:
                continue
            factor = (stretch["published_km"] - fixed_km) / free_km
            drawn_share = 1.0 / factor if factor > 0 else float("inf")
            if abs(drawn_share - 1.0) > DRAWN_TOLERANCE:
                problems.append(f"{_label(railway['id'], stretch)}: drawn line is "
                                f"{drawn_share:.0%} of the published length")
                continue
            drawn_km = sum(lk["drawn_km"] for lk in path)
            source = (f"published {stretch['published_km']:g} km "
                      f"({_label(railway['id'], stretch)}) over {drawn_km:.0f} km drawn: "
                      f"{stretch['source']}")
            for lk in free:
                factors[lk["id"]] = (round(factor, FACTOR_DECIMALS), source)
        for lk in own:
            if lk["id"] in factors:
                lk["route_factor"], lk["route_factor_source"] = factors[lk["id"]]
    for lk in rail:
        del lk["drawn_km"]
    return problems
