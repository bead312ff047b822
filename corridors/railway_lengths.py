"""Built railway lengths against published ones (km posts, line lengths), line by line.

``corridors.json`` gives each railway a ``published_km`` where the whole line is modelled, and
``sections``: published lengths between two of its nodes (``from``, ``to``, ``published_km``,
``source``) where only part is, or where km posts give a length between stations. A whole
railway's built length is the sum of its links less the border links (a published line length
ends at the border station); a section's is the shortest path between its two nodes over the
railway's own links. A length may carry its own ``tolerance`` with the reason
(``tolerance_reason``) where the drawn line is known to fall short; the default is
:data:`DEFAULT_TOLERANCE`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

if TYPE_CHECKING:
    from corridors.network import Network

__all__ = ["DEFAULT_TOLERANCE", "LENGTH_COLUMNS", "railway_lengths"]

#: A built length within this share of the published one is right (issue 8).
DEFAULT_TOLERANCE = 0.05
LENGTH_COLUMNS = ["railway", "from", "to", "published_km", "built_km", "ratio", "tolerance",
                  "tolerance_reason", "source"]


def _section_km(rail: pd.DataFrame, railway: str, start: str, end: str) -> float | None:
    own = rail[rail["railway"] == railway]
    graph = nx.Graph()
    for a, b, km in zip(own["from"], own["to"], own["distance_km"], strict=True):
        if not graph.has_edge(a, b) or graph[a][b]["km"] > km:
            graph.add_edge(a, b, km=float(km))
    try:
        return float(nx.shortest_path_length(graph, start, end, weight="km"))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None


def _tolerance(value: object) -> float:
    return float(value) if isinstance(value, int | float) and value == value else DEFAULT_TOLERANCE


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
        ``built_km`` is ``None`` (``ratio`` NaN) when the section's nodes are not joined by the
        railway's links; ``ratio`` is built over published.
    """
    rail = network.links[network.links["mode"] == "rail"]
    inland = rail[~rail["crossing"]].groupby("railway")["distance_km"].sum()
    rows = []
    for rid, row in network.railways.iterrows():
        published = row["published_km"]
        if pd.notna(published):
            rows.append([rid, None, None, float(published), float(inland.get(rid, 0.0)),
                         _tolerance(row.get("tolerance")), row.get("tolerance_reason"),
                         row["source"]])
        sections = row.get("sections")
        for section in sections if isinstance(sections, list) else []:
            built = _section_km(rail, rid, section["from"], section["to"])
            rows.append([rid, section["from"], section["to"], float(section["published_km"]),
                         built, _tolerance(section.get("tolerance")),
                         section.get("tolerance_reason"), section["source"]])
    frame = pd.DataFrame(rows, columns=[c for c in LENGTH_COLUMNS if c != "ratio"])
    frame["ratio"] = frame["built_km"].astype(float) / frame["published_km"]
    return frame[LENGTH_COLUMNS]
