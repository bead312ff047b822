"""Sea links: from each origin seaport to every ocean port, and the ferries of ``ferries.csv``.

searoute routes on the Eurostat maritime network it ships (offline); the line is simplified
(about 2 km) to keep the layer small. Which passages are closed is a dated choice in
``geodata/parameters.csv`` (``sea.suez_open``): since 2024 carriers sail Asia–Europe and
Asia–Mediterranean round the Cape of Good Hope, so Suez is closed by default; set the row to 1
and rebuild to route through Suez again.
"""

from __future__ import annotations

import csv
from pathlib import Path

from shapely.geometry import LineString

from netbuild.links import Places, link
from netbuild.places import origin_seaports, searoute_version
from netbuild.tables import TableError, read_table

__all__ = ["closed_passages", "sea_links"]

SIMPLIFY_DEG = 0.02
SUEZ_KEY = "sea.suez_open"
FERRY_COLUMNS = ("from", "to", "corridor", "name_en", "name_zh", "source")
#: searoute's own default: the Northwest Passage is closed.
ALWAYS_CLOSED = ("northwest",)


def closed_passages(parameters: Path) -> list[str]:
    """The passages searoute must avoid, from the parameter table's dated Suez choice."""
    with parameters.open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["key"]: r for r in csv.DictReader(handle)}
    if SUEZ_KEY not in rows:
        raise TableError(f"{parameters.name}: no {SUEZ_KEY} row (Suez or the Cape?)")
    suez_open = float(rows[SUEZ_KEY]["value"]) == 1
    return [*ALWAYS_CLOSED] if suez_open else [*ALWAYS_CLOSED, "suez"]


def _route(places: Places, a: str, b: str, closed: list[str]) -> list:
    import searoute  # build-time only: imported here so reading the tables does not need it

    route = searoute.searoute(list(places.lonlat(a)), list(places.lonlat(b)), units="km",
                              append_orig_dest=True, restrictions=closed)
    line = LineString(route["geometry"]["coordinates"])
    return list(line.simplify(SIMPLIFY_DEG, preserve_topology=False).coords)


def sea_links(places: Places, parameters: Path) -> list[dict]:
    """Every sea link: origin ports to ocean ports, and the ferries."""
    closed = closed_passages(parameters)
    tool = f"searoute {searoute_version()} Eurostat maritime network"
    passages = "through Suez" if "suez" not in closed else "round the Cape where Suez is shorter"
    source = f"{tool} (shortest sea route, {passages}: {SUEZ_KEY} in parameters.csv)"
    origins, inland = origin_seaports()
    ocean = [n for n, nd in places.nodes.items() if nd["kind"] == "seaport"
             and n not in origins and n not in inland]
    out = []
    for a in origins:
        for b in ocean:
            na, nb = places.nodes[a], places.nodes[b]
            out.append(link(
                f"sea_{na['unlocode'].lower()}_{nb['unlocode'].lower()}", "sea", "sea_lanes",
                (a, b), _route(places, a, b, closed),
                (f"Sea {na['name_en']} – {nb['name_en']}", f"海运 {na['name_zh']}—{nb['name_zh']}"),
                source,
            ))
    for row in read_table("ferries.csv", FERRY_COLUMNS).rows:
        a, b = row["from"], row["to"]
        na, nb = places.nodes[a], places.nodes[b]
        out.append(link(
            f"sea_{na['unlocode'].lower()}_{nb['unlocode'].lower()}", "sea", row["corridor"],
            (a, b), _route(places, a, b, closed), (row["name_en"], row["name_zh"]),
            f"{row['source']}; route: {tool}",
        ))
    return out
