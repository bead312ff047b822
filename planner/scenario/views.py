"""What each named map view frames: the app's map and the drawn map show the same places.

``shanxi``: the province; ``china``: every Chinese terminal, port, crossing and city of the
network (Horgos and Alashankou in the far west, Mohan in the south, Manzhouli in the north);
``eurasia``: that and the land corridors' lines abroad to Europe; ``world``: the world.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LABELLED_KINDS", "MARGIN_DEG", "VIEWS", "view_bounds"]

VIEWS = ("shanxi", "china", "eurasia", "world")
#: Degrees of margin around what a view shows.
MARGIN_DEG = {"shanxi": 0.4, "china": 2.0, "eurasia": 3.0, "world": 0.0}
#: Kinds of Chinese node that get a label in every view; Shanxi's cities too in the Shanxi view.
LABELLED_KINDS = ("border_crossing", "seaport", "rail_terminal")
#: Corridor kinds that frame the Eurasia view (the land corridors and what continues them).
EURASIA_KINDS = frozenset({"land", "rail_abroad", "ferry"})
WORLD = (-180.0, -58.0, 180.0, 82.0)


def view_bounds(network: Any, view: str) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` that frames all a view shows."""
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of: {', '.join(VIEWS)}")
    nodes = network.nodes
    home = nodes[nodes["country"] == "CN"]
    if view == "world":
        return WORLD
    if view == "shanxi":
        try:
            west, south, east, north = network.basemap("shanxi").total_bounds
        except (FileNotFoundError, ValueError):
            flags = home.get("shanxi_prefecture")
            prefecture = home if flags is None else home[flags.eq(True)]
            prefecture = prefecture if len(prefecture) else home
            west, east = prefecture["lon"].min(), prefecture["lon"].max()
            south, north = prefecture["lat"].min(), prefecture["lat"].max()
    else:
        shown = home[home["kind"].isin((*LABELLED_KINDS, "city"))]
        west, east = shown["lon"].min(), shown["lon"].max()
        south, north = shown["lat"].min(), shown["lat"].max()
        if view == "eurasia":
            kinds = {cid: c.kind for cid, c in network.corridors.items()}
            land = network.links[network.links["corridor"].map(kinds).isin(EURASIA_KINDS)]
            if len(land):
                lw, ls, le, ln = land.total_bounds
                west, south = min(west, lw), min(south, ls)
                east, north = max(east, le), max(north, ln)
    pad = MARGIN_DEG[view]
    return (west - pad, south - pad, east + pad, north + pad)
