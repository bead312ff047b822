"""Air links: the routes of ``air_routes.csv`` drawn as great circles (WGS84 geodesics)."""

from __future__ import annotations

from corridors.geo import WGS84
from netbuild.links import Places, link
from netbuild.tables import as_bool, read_table

__all__ = ["air_links"]

COLUMNS = ("from", "to", "corridor", "source", "seed_branch_line")
#: Spacing of the vertices along a great circle, so that maps draw the curve.
STEP_KM = 250.0
M_PER_KM = 1000.0


def great_circle(a: tuple[float, float], b: tuple[float, float]) -> list[tuple[float, float]]:
    """Vertices along the geodesic from ``a`` to ``b``, about :data:`STEP_KM` apart."""
    _, _, dist_m = WGS84.inv(a[0], a[1], b[0], b[1])
    n = int(dist_m / M_PER_KM / STEP_KM)
    inner = WGS84.npts(a[0], a[1], b[0], b[1], n) if n > 0 else []
    return [a, *inner, b]


def air_links(places: Places) -> list[dict]:
    """Every air link of ``air_routes.csv`` (ids and names from the IATA codes)."""
    out = []
    for row in read_table("air_routes.csv", COLUMNS).rows:
        a, b = row["from"], row["to"]
        na, nb = places.nodes[a], places.nodes[b]
        out.append(link(
            f"air_{na['iata'].lower()}_{nb['iata'].lower()}", "air", row["corridor"], (a, b),
            great_circle(places.lonlat(a), places.lonlat(b)),
            (f"Air {na['iata']}–{nb['iata']}: {na['name_en']} – {nb['name_en']}",
             f"航线 {na['iata']}—{nb['iata']}：{na['name_zh']}—{nb['name_zh']}"),
            row["source"],
            seed_branch_line=as_bool(row["seed_branch_line"], f"air_routes.csv: {a}–{b}")
            if row.get("seed_branch_line") else None,
        ))
    return out
