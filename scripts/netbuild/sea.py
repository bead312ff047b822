"""Sea links: from each origin seaport to every ocean port, and the ferries of ``ferries.csv``.

searoute routes on the Eurostat maritime network it ships (offline); the line is simplified
(about 2 km) to keep the layer small, and that drawn line is the one whose km the planner uses.
Ships sail as carriers route them, not as the shortest line would:

* Panama only to the Americas (a port west of :data:`AMERICAS_WEST_OF_LON`): Asia–Europe,
  –Mediterranean and –Africa loops never cross the Pacific;
* where the Suez Canal is on the shortest route, the link is built twice: round the Cape of
  Good Hope (``passage`` ``cape``) and through Suez (``passage`` ``suez``). The planner uses one
  of them by the dated choice ``sea.suez_open`` in ``geodata/parameters.csv`` (0 since carriers
  went round the Cape in December 2023; ``--sea-route suez`` sets 1 for one run).
"""

from __future__ import annotations

from shapely.geometry import LineString

from netbuild.links import Places, link
from netbuild.places import origin_seaports, searoute_version
from netbuild.tables import read_table

__all__ = ["AMERICAS_WEST_OF_LON", "sea_links"]

SIMPLIFY_DEG = 0.02
FERRY_COLUMNS = ("from", "to", "corridor", "name_en", "name_zh", "source")
#: searoute's own default: the Northwest Passage is closed.
ALWAYS_CLOSED = ("northwest",)
#: A port west of this longitude is in the Americas, the one trade Asia's carriers route
#: through Panama (US East Coast, Caribbean, the Pacific coast of South America).
AMERICAS_WEST_OF_LON = -30.0
#: Where ships may pass on the two choices of the Suez parameter.
CAPE, SUEZ = "cape", "suez"


def _route(places: Places, a: str, b: str, closed: list[str]) -> tuple[list, set[str]]:
    """The simplified sea line from ``a`` to ``b`` and the passages it goes through."""
    import searoute  # build-time only: imported here so reading the tables does not need it

    route = searoute.searoute(list(places.lonlat(a)), list(places.lonlat(b)), units="km",
                              append_orig_dest=True, restrictions=closed,
                              return_passages=True)
    line = LineString(route["geometry"]["coordinates"])
    passages = set(route["properties"].get("traversed_passages") or ())
    return list(line.simplify(SIMPLIFY_DEG, preserve_topology=False).coords), passages


def _routings(places: Places, a: str, b: str) -> list[tuple[str, list]]:
    """The ways a carrier sails from ``a`` to ``b``: one, or round the Cape and through Suez."""
    closed = [*ALWAYS_CLOSED]
    if places.lonlat(b)[0] > AMERICAS_WEST_OF_LON:
        closed.append("panama")
    line, passages = _route(places, a, b, closed)
    if SUEZ not in passages:
        return [("", line)]
    cape, _ = _route(places, a, b, [*closed, SUEZ])
    return [(CAPE, cape), (SUEZ, line)]


def sea_links(places: Places) -> list[dict]:
    """Every sea link: origin ports to ocean ports (twice where Suez is on the way), and the
    ferries."""
    tool = f"searoute {searoute_version()} Eurostat maritime network"
    sources = {
        "": f"{tool} (shortest sea route; Panama only to the Americas)",
        CAPE: f"{tool} (round the Cape of Good Hope: used while sea.suez_open is 0)",
        SUEZ: f"{tool} (through Suez: used when sea.suez_open is 1)",
    }
    origins, inland = origin_seaports()
    ocean = [n for n, nd in places.nodes.items() if nd["kind"] == "seaport"
             and n not in origins and n not in inland]
    out = []
    for a in origins:
        for b in ocean:
            na, nb = places.nodes[a], places.nodes[b]
            base = f"sea_{na['unlocode'].lower()}_{nb['unlocode'].lower()}"
            names = (f"Sea {na['name_en']} – {nb['name_en']}",
                     f"海运 {na['name_zh']}—{nb['name_zh']}")
            for passage, line in _routings(places, a, b):
                out.append(link(
                    f"{base}_{passage}" if passage == SUEZ else base, "sea", "sea_lanes",
                    (a, b), line, names, sources[passage], passage=passage or None,
                ))
    for row in read_table("ferries.csv", FERRY_COLUMNS).rows:
        a, b = row["from"], row["to"]
        na, nb = places.nodes[a], places.nodes[b]
        out.append(link(
            f"sea_{na['unlocode'].lower()}_{nb['unlocode'].lower()}", "sea", row["corridor"],
            (a, b), _route(places, a, b, [*ALWAYS_CLOSED])[0], (row["name_en"], row["name_zh"]),
            f"{row['source']}; route: {tool}",
        ))
    return out
