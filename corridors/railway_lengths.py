"""Railway lengths the planner uses, and the drawn lines, against the published ones.

``corridors.json`` gives each railway a ``published_km`` where the whole line is modelled, and
``sections``: published lengths between two of its nodes (``from``, ``to``, ``published_km``,
``source``) where only part is, or where km posts give a length between stations. A whole
railway's length is the sum of its links less the border links (a published line length ends
at the border station); a section's is the shortest path between its two nodes over the
railway's own links.

Two lengths are measured: ``built_km`` sums the links' ``distance_km`` (what the planner
uses: the drawn length times the link's ``route_factor``) and must lie within
:data:`DEFAULT_TOLERANCE` of the published length; ``drawn_km`` sums the geodesic lengths of
the drawn lines, schematic between named stations, and must lie within
:data:`~corridors.validate.DRAWN_TOLERANCE`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from corridors.validate import DRAWN_TOLERANCE

if TYPE_CHECKING:
    from corridors.network import Network

__all__ = ["DEFAULT_TOLERANCE", "DRAWN_TOLERANCE", "LENGTH_COLUMNS", "railway_lengths"]

#: The planner's length of a line lies within this share of the published one (issue 8).
DEFAULT_TOLERANCE = 0.05
LENGTH_COLUMNS = ["railway", "from", "to", "published_km", "built_km", "ratio", "drawn_km",
                  "drawn_ratio", "source"]


def _section_km(own: pd.DataFrame, start: str, end: str) -> tuple[float, float] | None:
    """(planner km, drawn km) of the shortest drawn path from ``start`` to ``end``."""
    graph = nx.Graph()
    for a, b, km, drawn in zip(own["from"], own["to"], own["distance_km"], own["drawn_km"],
                               strict=True):
        if not graph.has_edge(a, b) or graph[a][b]["drawn"] > drawn:
            graph.add_edge(a, b, km=float(km), drawn=float(drawn))
    try:
        path = nx.shortest_path(graph, start, end, weight="drawn")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    pairs = list(zip(path, path[1:], strict=False))
    return (sum(graph[a][b]["km"] for a, b in pairs),
            sum(graph[a][b]["drawn"] for a, b in pairs))


def railway_lengths(network: Network) -> pd.DataFrame:
    """Return one row per published length: a whole railway, or a section of one.

    Parameters
    ----------
    network
        The loaded network.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LENGTH_COLUMNS`; ``from`` and ``to`` are ``None`` for a whole railway;
        ``built_km`` and ``drawn_km`` are ``None`` (ratios NaN) when the section's nodes are
        not joined by the railway's links; ``ratio`` is built over published,
        ``drawn_ratio`` drawn over published.
    """
    rail = network.links[network.links["mode"] == "rail"]
    inland = rail[~rail["crossing"]].groupby("railway")[["distance_km", "drawn_km"]].sum()
    rows = []
    for rid, row in network.railways.iterrows():
        published = row["published_km"]
        if pd.notna(published):
            built, drawn = (inland.loc[rid] if rid in inland.index else (0.0, 0.0))
            rows.append([rid, None, None, float(published), float(built), float(drawn),
                         row["source"]])
        sections = row.get("sections")
        for section in sections if isinstance(sections, list) else []:
            found = _section_km(rail[rail["railway"] == rid], section["from"], section["to"])
            built, drawn = found if found is not None else (None, None)
            rows.append([rid, section["from"], section["to"], float(section["published_km"]),
                         built, drawn, section["source"]])
    frame = pd.DataFrame(rows, columns=["railway", "from", "to", "published_km", "built_km",
                                        "drawn_km", "source"])
    frame["ratio"] = frame["built_km"].astype(float) / frame["published_km"]
    frame["drawn_ratio"] = frame["drawn_km"].astype(float) / frame["published_km"]
    return frame[LENGTH_COLUMNS]
