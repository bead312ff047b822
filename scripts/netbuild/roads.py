"""Road links: Shanxi expressways, the trucking feeders to the air cargo hubs and the
cross-border truck lanes (TIR).

``roads.csv`` rows are ``road`` (an expressway between two cities, corridor ``road_shanxi``)
or ``feeder`` (trucking to an air cargo hub, corridor ``air_feeder``) or ``tir`` (a truck
lane abroad or across a border, corridor ``road_abroad``); ``via`` lists the
waypoints (via names) the road passes.
"""

from __future__ import annotations

from netbuild.links import Places, link
from netbuild.tables import TableError, read_table

__all__ = ["road_links"]

COLUMNS = ("kind", "from", "to", "via", "name_en", "name_zh", "source")
#: kind -> (id prefix, corridor)
KINDS = {
    "road": ("road", "road_shanxi"),
    "feeder": ("feeder", "air_feeder"),
    "tir": ("tir", "road_abroad"),
}


def road_links(places: Places) -> list[dict]:
    """Every road link of ``roads.csv``."""
    out = []
    for row in read_table("roads.csv", COLUMNS).rows:
        if row["kind"] not in KINDS:
            raise TableError(f"roads.csv: unknown kind {row['kind']!r} (road, feeder or tir)")
        prefix, corridor = KINDS[row["kind"]]
        a, b = row["from"], row["to"]
        coords = places.path([a, *row.get("via", "").split(), b])
        feeder = row["kind"] == "feeder"
        crossing = places.nodes[a]["country"] != places.nodes[b]["country"]
        out.append(link(
            f"{prefix}_{a}_{b}", "road", corridor, (a, b), coords,
            (row["name_en"], row["name_zh"]), row["source"],
            crossing=True if crossing and not feeder else None,
            feeder=True if feeder else None,
        ))
    return out
