"""Gateways: the network nodes a place beyond the network is reached through by truck.

A city of the gazetteer that is not a node (Casablanca, a Shanxi county seat) is joined to the
network by a truck from or to its nearest *gateways of each kind*: sea ports, airports, and
land ends (the towns, foreign destinations, rail terminals and stations and border crossings
the network's trains, trucks and drayage reach). Of each kind, the :data:`PER_KIND` best of
its :data:`NEAREST` nearest nodes and the nearest of the place's own country, best being: of
the place's country, within reach of a truck (``road.on_carriage_max_km`` over the detour
factor, as the crow flies) and joined over land; else within reach over land (across a
border); else the nearest. Beyond a truck's reach, a gateway more than :data:`FAR_SLACK`
times as far as the place's nearest gateway is left out, and so is one whose straight line
crosses the sea when another is joined over land. A truck that is longer than a forwarder
would book, or whose straight line crosses the sea (an island with no gateway of its own),
says so (:mod:`planner.search.trucks`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd
import shapely

from corridors.geo import M_PER_KM, WGS84

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["GATEWAY_KINDS", "Gateway", "Land", "NEAREST", "PER_KIND", "km_from",
           "nearest_gateways"]

#: Node kinds a truck may start or end at, by kind of gateway.
GATEWAY_KINDS = {
    "sea": ("seaport",),
    "air": ("airport",),
    "land": ("city", "destination", "rail_terminal", "rail_station", "border_crossing"),
}
#: A gateway beyond a truck's reach is kept only within this multiple of the nearest one's km.
FAR_SLACK = 1.5
#: Gateways of each kind a place is joined to, chosen among its nearest nodes of that kind.
PER_KIND = 2
NEAREST = 6
#: A straight line with more than SEA_KM outside the basemap's (simplified) country outlines
#: crosses the sea: a strait, not a coast the outline cuts short; looked at every STEP_KM.
SEA_KM = 50.0
STEP_KM = 10.0


class Gateway(NamedTuple):
    """A gateway of a place: the node, the straight-line km, and whether the line crosses
    the sea."""

    node_id: str
    km: float
    over_sea: bool = False


class Land:
    """The world's land (the basemap's country outlines), to tell a truck from a ferry."""

    def __init__(self, outlines: gpd.GeoDataFrame) -> None:
        self._tree = shapely.STRtree(outlines.geometry.to_numpy())

    def sea_km(self, a: tuple[float, float], b: tuple[float, float], km: float) -> float:
        """About how much of the straight line from ``a`` to ``b`` (``km`` long) is not on
        land: the share of points every :data:`STEP_KM` along it that no outline holds."""
        if abs(a[0] - b[0]) > 180:  # across the antimeridian: not told
            return 0.0
        n = max(2, int(km / STEP_KM) + 1)
        points = shapely.points(np.linspace(a[0], b[0], n), np.linspace(a[1], b[1], n))
        on_land = np.zeros(n, dtype=bool)
        on_land[self._tree.query(points, predicate="intersects")[0]] = True
        return km * float((~on_land).mean())


def nearest_gateways(
    nodes: pd.DataFrame,
    lon: float,
    lat: float,
    country: str,
    *,
    reach_km: float,
    land: Land | None = None,
) -> tuple[Gateway, ...]:
    """The gateways of a point, nearest first.

    Parameters
    ----------
    nodes
        The network's nodes (index: id; columns ``kind``, ``country``, ``lon``, ``lat``).
    lon, lat
        The place.
    country
        Its ISO2 code.
    reach_km
        How far, as the crow flies, a truck reaches.
    land
        The world's land (``None``: every line counts as over land).

    Returns
    -------
    tuple of Gateway
        Each gateway once, nearest first.
    """
    found: dict[str, Gateway] = {}
    for kinds in GATEWAY_KINDS.values():
        pool = nodes[nodes["kind"].isin(kinds)]
        if pool.empty:
            continue
        km = km_from(pool, lon, lat)
        order = np.argsort(km, kind="stable")
        home = pool["country"].to_numpy() == country
        picked = list(order[:NEAREST])
        if home.any():
            picked.append(order[home[order]][0])  # a domestic end: the nearest at home
        scored = []
        for i in dict.fromkeys(int(i) for i in picked):
            # the sea matters to the choice only within reach; to the note, for those chosen
            near = km[i] <= reach_km and not _over_sea(land, (lon, lat), pool, i, km[i])
            scored.append(((not (near and home[i]), not near, km[i]), i, near))
        for _, i, near in sorted(scored)[:PER_KIND]:
            sea = not near and _over_sea(land, (lon, lat), pool, i, km[i])
            found[str(pool.index[i])] = Gateway(str(pool.index[i]), float(km[i]), sea)
    gateways = sorted(found.values(), key=lambda g: (g.km, g.node_id))
    # a truck across the sea is nobody's option where a gateway is joined over land (Casablanca
    # by its own port, not from Algeciras); an island with no gateway of its own keeps them
    overland = [g for g in gateways if not g.over_sea]
    gateways = overland or gateways
    # beyond a truck's reach, only the nearest ends: nobody trucks Paris–Casablanca (1,900 km
    # as the crow flies) when Madrid and Valencia are half as far
    far_limit = max(reach_km, FAR_SLACK * gateways[0].km) if gateways else reach_km
    return tuple(g for g in gateways if g.km <= far_limit)


def _over_sea(
    land: Land | None, here: tuple[float, float], pool: pd.DataFrame, i: int, km: float
) -> bool:
    if land is None:
        return False
    there = (float(pool["lon"].iloc[i]), float(pool["lat"].iloc[i]))
    return bool(land.sea_km(here, there, km) > SEA_KM)


def km_from(pool: pd.DataFrame, lon: float, lat: float) -> np.ndarray:
    """Straight-line (geodesic) km from a point to each node of ``pool``."""
    lons = pool["lon"].to_numpy(dtype=float)
    lats = pool["lat"].to_numpy(dtype=float)
    _, _, metres = WGS84.inv(np.full(len(pool), lon), np.full(len(pool), lat), lons, lats)
    return np.asarray(metres, dtype=float) / M_PER_KM
