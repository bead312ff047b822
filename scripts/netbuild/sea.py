"""Sea links from each origin seaport to every foreign seaport, computed offline by searoute.

searoute routes on the Eurostat maritime network it ships; the line is simplified (about 2 km)
to keep the layer small.
"""

from __future__ import annotations

from shapely.geometry import LineString

from netbuild.links import Places, link
from netbuild.places import origin_seaports, searoute_version

__all__ = ["sea_links"]

SIMPLIFY_DEG = 0.02


def sea_links(places: Places) -> list[dict]:
    """A sea link from every origin port (``seaports.csv``: ``origin``) to every other port."""
    import searoute  # build-time only: imported here so reading the tables does not need it

    source = f"searoute {searoute_version()} Eurostat maritime network (shortest sea route)"
    origins = origin_seaports()
    foreign = [n for n, nd in places.nodes.items() if nd["kind"] == "seaport"
               and n not in origins]
    out = []
    for a in origins:
        for b in foreign:
            route = searoute.searoute(list(places.lonlat(a)), list(places.lonlat(b)),
                                      units="km", append_orig_dest=True)
            line = LineString(route["geometry"]["coordinates"])
            line = line.simplify(SIMPLIFY_DEG, preserve_topology=False)
            na, nb = places.nodes[a], places.nodes[b]
            out.append(link(
                f"sea_{na['unlocode'].lower()}_{nb['unlocode'].lower()}", "sea", "sea_lanes",
                (a, b), list(line.coords),
                (f"Sea {na['name_en']} – {nb['name_en']}", f"海运 {na['name_zh']}—{nb['name_zh']}"),
                source,
            ))
    return out
