"""Figures for officials: what each named corridor is, how long, and what it reaches."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from corridors.records import Mode

if TYPE_CHECKING:
    from corridors.network import Network

__all__ = [
    "DESTINATION_KINDS",
    "HOME_COUNTRY",
    "ROUTE_KINDS",
    "SEED_FIGURE_KEYS",
    "corridor_figures",
    "province_figures",
]

logger = logging.getLogger(__name__)

#: Country of the network's origins: nodes elsewhere are "abroad".
HOME_COUNTRY = "CN"
#: Node kinds that count as a destination a corridor serves.
DESTINATION_KINDS = frozenset({"destination", "city", "seaport"})
#: Corridor kinds made of separate point-to-point routes (flights, sailings) that share their
#: airspace or lanes: the sum of their lengths is no corridor length (670,741 km of air routes).
ROUTE_KINDS = frozenset({"air", "sea"})
#: The seed's per-corridor figures copied into the table (as ``seed_<key>``).
SEED_FIGURE_KEYS = ("lines", "cities", "countries", "trains")

_COLUMNS = [
    "id",
    "name_en",
    "name_zh",
    "kind",
    "seed",
    "length_km",
    "own_length_km",
    "links",
    "nodes",
    "destinations",
    "destination_ids",
    "countries",
    "country_list",
    "first_choice",
    "first_choice_ids",
    *(f"seed_{key}" for key in SEED_FIGURE_KEYS),
    "seed_as_of",
    "seed_source",
]


def corridor_figures(network: Network) -> pd.DataFrame:
    """Return one row of figures per named corridor, the seed's corridors first.

    ``destinations`` counts the foreign places (kinds ``destination``, ``city``, ``seaport``)
    a corridor serves:

    - ``land``: reachable by rail beyond the corridor's crossing(s), i.e. from the foreign
      end of its crossing links over rail links with no end in China (so no other
      corridor's Chinese-side links are used);
    - ``rail_sea`` and ``sea``: foreign ports reachable by sea from the corridor's Chinese
      port(s), without passing through another Chinese port;
    - ``air``: the airports its links join;
    - any other kind: the foreign places on its own links.

    ``first_choice`` counts the destinations for which the corridor is the *shortest* way
    from Shanxi's departure terminals over rail and sea (by distance): the foreign rail
    destinations go to the corridor of the crossing the shortest path uses, the foreign
    ports to the rail–sea corridor of the Chinese port it sails from. It tells officials
    which corridor each destination depends on first; ``planner.scenario`` measures it.

    Parameters
    ----------
    network
        A :class:`corridors.Network`.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``name_en``, ``name_zh``, ``kind``, ``seed``, ``length_km`` (sum of
        geodesic link lengths), ``own_length_km`` (the same for a corridor of lines; NaN for
        one of separate air or sea routes, :data:`ROUTE_KINDS`, whose sum means nothing),
        ``links``, ``nodes`` (distinct), ``destinations`` (count),
        ``destination_ids`` (list), ``countries`` (count of the destinations' countries),
        ``country_list`` (sorted ISO codes), ``first_choice`` (count) and
        ``first_choice_ids`` (list), and from the seed document ``seed_lines``,
        ``seed_cities``, ``seed_countries``, ``seed_trains``, ``seed_as_of``, ``seed_source``
        (missing where the seed gives no figure).
    """
    nodes, links = network.nodes, network.links
    rail_abroad = _graph(links, Mode.RAIL, keep=lambda a, b: _abroad(nodes, a, b))
    sea = _graph(links, Mode.SEA)
    first_choice = _first_choice(network)
    seed = list(network.seed_corridors)
    ordered = seed + [cid for cid in network.corridors if cid not in seed]

    rows = []
    for cid in ordered:
        corridor = network.corridors[cid]
        own = links.loc[links["corridor"] == cid]
        own_nodes = set(own["from"]) | set(own["to"])
        dest = _served(corridor.kind, own, own_nodes, nodes, (rail_abroad, sea))
        countries = sorted({nodes.at[n, "country"] for n in dest})
        row = {
            "id": cid,
            "name_en": corridor.name_en,
            "name_zh": corridor.name_zh,
            "kind": corridor.kind,
            "seed": cid in seed,
            "length_km": float(own["distance_km"].sum()),
            "own_length_km": (
                np.nan if corridor.kind in ROUTE_KINDS else float(own["distance_km"].sum())
            ),
            "links": len(own),
            "nodes": len(own_nodes),
            "destinations": len(dest),
            "destination_ids": sorted(dest),
            "countries": len(countries),
            "country_list": countries,
            "first_choice": len(first_choice.get(cid, ())),
            "first_choice_ids": sorted(first_choice.get(cid, ())),
        }
        row.update(_seed_figures(corridor.figures))
        rows.append(row)
    frame = _typed(pd.DataFrame(rows, columns=_COLUMNS))
    logger.debug("figures for %d corridors", len(frame))
    return frame


def _served(
    kind: str,
    own: pd.DataFrame,
    own_nodes: set[str],
    nodes: pd.DataFrame,
    graphs: tuple[nx.Graph, nx.Graph],
) -> set[str]:
    """The foreign places a corridor of a kind serves (see :func:`corridor_figures`), from its
    links, their nodes, and the rail graph abroad and the sea graph."""
    rail_abroad, sea = graphs
    if kind == "land":
        return _land_destinations(own, nodes, rail_abroad)
    if kind in {"rail_sea", "sea"}:
        return _sea_destinations(own_nodes, nodes, sea)
    if kind == "air":
        return {n for n in own_nodes if _kind(nodes, n) == "airport"}
    return {n for n in own_nodes if _is_foreign_destination(nodes, n)}


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The seed's counts as nullable integers, and its date and source ``None`` where silent."""
    for key in SEED_FIGURE_KEYS:
        frame[f"seed_{key}"] = frame[f"seed_{key}"].astype("Int64")
    for col in ("seed_as_of", "seed_source"):  # None, not NaN, where the seed is silent
        frame[col] = pd.Series(
            [v if isinstance(v, str) else None for v in frame[col]], index=frame.index, dtype=object
        )
    return frame


def _kind(nodes: pd.DataFrame, node_id: str) -> str | None:
    return nodes.at[node_id, "kind"] if node_id in nodes.index else None


def _is_foreign(nodes: pd.DataFrame, node_id: str) -> bool:
    return node_id in nodes.index and nodes.at[node_id, "country"] != HOME_COUNTRY


def _is_foreign_destination(nodes: pd.DataFrame, node_id: str) -> bool:
    return _is_foreign(nodes, node_id) and _kind(nodes, node_id) in DESTINATION_KINDS


def _abroad(nodes: pd.DataFrame, a: str, b: str) -> bool:
    return _is_foreign(nodes, a) and _is_foreign(nodes, b)


def _graph(
    links: pd.DataFrame, mode: Mode, *, keep: Callable[[str, str], bool] | None = None
) -> nx.Graph:
    graph = nx.Graph()
    for a, b in links.loc[links["mode"] == mode.value, ["from", "to"]].itertuples(index=False):
        if keep is None or keep(a, b):
            graph.add_edge(a, b)
    return graph


def _land_destinations(own: pd.DataFrame, nodes: pd.DataFrame, rail_abroad: nx.Graph) -> set:
    crossings = own.loc[own["crossing"] & (own["mode"] == Mode.RAIL.value)]
    starts = {n for n in set(crossings["from"]) | set(crossings["to"]) if _is_foreign(nodes, n)}
    reached: set[str] = set()
    for start in starts:
        reached |= (
            nx.node_connected_component(rail_abroad, start) if start in rail_abroad else {start}
        )
    if not starts:
        logger.warning(
            "land corridor %r has no rail crossing link",
            own["corridor"].iloc[0] if len(own) else "?",
        )
    return {n for n in reached if _is_foreign_destination(nodes, n)}


def _sea_destinations(own_nodes: Iterable[str], nodes: pd.DataFrame, sea: nx.Graph) -> set:
    ports = {n for n in own_nodes if _kind(nodes, n) == "seaport" and not _is_foreign(nodes, n)}
    reached: set[str] = set()
    for port in ports:
        if port not in sea:
            continue
        # do not sail on through another Chinese port: that is another corridor's reach
        stack, seen = [port], {port}
        while stack:
            here = stack.pop()
            for nxt in sea.neighbors(here):
                if nxt in seen:
                    continue
                seen.add(nxt)
                if _is_foreign(nodes, nxt):
                    stack.append(nxt)
        reached |= seen
    return {n for n in reached if _is_foreign(nodes, n) and _kind(nodes, n) == "seaport"}


def _first_choice(network: Network) -> dict[str, set[str]]:
    """Map corridor id -> foreign destinations whose shortest rail/sea path from the Shanxi
    departure terminals leaves China on that corridor (see :func:`corridor_figures`)."""
    nodes, links = network.nodes, network.links
    graph = nx.Graph()
    for link_id, row in links.loc[links["mode"].isin([Mode.RAIL.value, Mode.SEA.value])].iterrows():
        a, b, km = row["from"], row["to"], float(row["distance_km"])
        if not graph.has_edge(a, b) or graph[a][b]["km"] > km:
            graph.add_edge(a, b, km=km, link=link_id)
    terminals = [n for n in nodes.index[nodes["departure_terminal"].astype(bool)] if n in graph]
    if not terminals:
        return {}
    _, paths = nx.multi_source_dijkstra(graph, terminals, weight="km")
    port_corridors = {
        port: cid
        for cid, corridor in network.corridors.items()
        if corridor.kind == "rail_sea"
        for port in _corridor_nodes(links, cid)
        if _kind(nodes, port) == "seaport" and not _is_foreign(nodes, port)
    }
    served: dict[str, set[str]] = {}
    for target, path in paths.items():
        if not _is_foreign_destination(nodes, target):
            continue
        for a, b in zip(path, path[1:], strict=False):
            link = links.loc[graph[a][b]["link"]]
            if link["crossing"] and not (_is_foreign(nodes, a) and _is_foreign(nodes, b)):
                served.setdefault(link["corridor"], set()).add(target)
                break
            if link["mode"] == Mode.SEA.value and a in port_corridors:
                served.setdefault(port_corridors[a], set()).add(target)
                break
    return served


def _corridor_nodes(links: pd.DataFrame, corridor_id: str) -> set[str]:
    own = links.loc[links["corridor"] == corridor_id]
    return set(own["from"]) | set(own["to"])


def _seed_figures(figures: dict | None) -> dict[str, Any]:
    """Flatten the seed figures: ``{"lines": {"value", "as_of", "source"}}`` or scalars."""
    out: dict[str, Any] = {f"seed_{key}": pd.NA for key in SEED_FIGURE_KEYS}
    out["seed_as_of"] = None
    out["seed_source"] = None
    figures = figures or {}
    as_of, sources = [], []
    for key in SEED_FIGURE_KEYS:
        value = _figure(figures, key)
        if isinstance(value, dict):
            if value.get("as_of"):
                as_of.append(str(value["as_of"]))
            if value.get("source"):
                sources.append(str(value["source"]))
            value = value.get("value")
        if value is not None:
            out[f"seed_{key}"] = value
    as_of += [str(figures["as_of"])] if figures.get("as_of") else []
    sources += [str(figures["source"])] if figures.get("source") else []
    if as_of:
        out["seed_as_of"] = max(as_of)
    if sources:
        out["seed_source"] = "; ".join(dict.fromkeys(sources))
    return out


def _figure(figures: dict, key: str) -> Any:
    """Return the figure ``key`` or one qualified by it (``china_europe_lines``)."""
    if key in figures:
        return figures[key]
    for name, value in figures.items():
        if name.endswith(f"_{key}") or name.startswith(f"{key}_"):
            return value
    return None


def province_figures(network: Network) -> pd.DataFrame:
    """The seed document's province-wide figures of a network, one row each: columns ``key``,
    ``value``, ``note``, ``as_of``, ``source``, in file order (a figure given as a bare value
    has ``None`` for the others)."""
    rows = []
    for key, figure in (network.seed_figures or {}).items():
        record = figure if isinstance(figure, dict) else {"value": figure}
        rows.append(
            {
                "key": key,
                "value": record.get("value"),
                "note": record.get("note"),
                "as_of": record.get("as_of"),
                "source": record.get("source"),
            }
        )
    return pd.DataFrame(rows, columns=["key", "value", "note", "as_of", "source"], dtype=object)
