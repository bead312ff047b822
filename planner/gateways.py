"""Gateways: the network nodes a place beyond the network is reached through by truck.

A city of the gazetteer that is not a node (Casablanca, a Shanxi county seat) is joined to the
network by a truck from or to its nearest *gateways of each kind*: sea ports, airports, and
land ends (the towns, foreign destinations and rail terminals the trains, trucks and drayage of
the network reach). Of each kind, the nearest :data:`PER_KIND` of the place's own country
within reach of a truck (``road.on_carriage_max_km`` over the detour factor, as the crow
flies); a kind with none there gives its nearest anywhere, however far (the truck then says
it is longer than a forwarder would book: :mod:`planner.trucks`). The search then runs to each
gateway, and the truck finishes the route (:meth:`planner.engine.Planner.plan`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from corridors.geo import M_PER_KM, WGS84

__all__ = ["GATEWAY_KINDS", "PER_KIND", "km_from", "nearest_gateways"]

#: Node kinds a truck may start or end at, by kind of gateway.
GATEWAY_KINDS = {
    "sea": ("seaport",),
    "air": ("airport",),
    "land": ("city", "destination", "rail_terminal"),
}
#: Gateways of each kind a place is joined to (the nearest ones).
PER_KIND = 2


def nearest_gateways(
    nodes: pd.DataFrame, lon: float, lat: float, country: str, *, reach_km: float
) -> tuple[tuple[str, float], ...]:
    """The gateways of a point, nearest first.

    Parameters
    ----------
    nodes
        The network's nodes (index: id; columns ``kind``, ``country``, ``lon``, ``lat``).
    lon, lat
        The place.
    country
        Its ISO2 code (gateways of that country within ``reach_km`` come first).
    reach_km
        How far, as the crow flies, a gateway of the place's own country may be.

    Returns
    -------
    tuple
        ``(node id, straight-line km)`` of each gateway, nearest first, each once.
    """
    found: dict[str, float] = {}
    for kinds in GATEWAY_KINDS.values():
        pool = nodes[nodes["kind"].isin(kinds)]
        if pool.empty:
            continue
        km = km_from(pool, lon, lat)
        home = (pool["country"].to_numpy() == country) & (km <= reach_km)
        chosen = np.flatnonzero(home) if home.any() else np.arange(len(pool))
        for i in chosen[np.argsort(km[chosen], kind="stable")][:PER_KIND].tolist():
            found[str(pool.index[i])] = float(km[i])
    return tuple(sorted(found.items(), key=lambda item: (item[1], item[0])))


def km_from(pool: pd.DataFrame, lon: float, lat: float) -> np.ndarray:
    """Straight-line (geodesic) km from a point to each node of ``pool``."""
    lons = pool["lon"].to_numpy(dtype=float)
    lats = pool["lat"].to_numpy(dtype=float)
    _, _, metres = WGS84.inv(np.full(len(pool), lon), np.full(len(pool), lat), lons, lats)
    return np.asarray(metres, dtype=float) / M_PER_KM
