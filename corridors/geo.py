"""Geodesic measures on the WGS84 ellipsoid (lengths in km, never on projected planes).

The cut of a line at the antimeridian is :mod:`corridors.antimeridian`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

__all__ = [
    "M_PER_KM",
    "WGS84",
    "geodesic_distance_km",
    "geodesic_length_km",
    "geodesic_lengths_km",
    "line_length_km",
]

WGS84 = Geod(ellps="WGS84")
M_PER_KM = 1000.0
_MIN_VERTICES = 2


def geodesic_distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Return the geodesic distance between two lon/lat points.

    Parameters
    ----------
    lon1, lat1
        First point, degrees (WGS84).
    lon2, lat2
        Second point, degrees (WGS84).

    Returns
    -------
    float
        Distance in km along the WGS84 ellipsoid.
    """
    _, _, dist_m = WGS84.inv(lon1, lat1, lon2, lat2)
    return float(dist_m) / M_PER_KM


def line_length_km(coords: Sequence[Sequence[float]]) -> float:
    """Return the geodesic length of a polyline given as ``[(lon, lat), ...]``.

    Consecutive vertices are joined by geodesics, so a line that crosses the antimeridian
    (``179 -> -179``) is measured the short way round.

    Parameters
    ----------
    coords
        Vertices as ``(lon, lat)`` pairs (a third value, if any, is ignored).

    Returns
    -------
    float
        Length in km; ``0.0`` for fewer than two vertices.
    """
    if len(coords) < _MIN_VERTICES:
        return 0.0
    lons = [float(c[0]) for c in coords]
    lats = [float(c[1]) for c in coords]
    return float(WGS84.line_length(lons, lats)) / M_PER_KM


def geodesic_length_km(geometry: BaseGeometry | None) -> float:
    """Return the geodesic length of a shapely (multi)line in km.

    Parameters
    ----------
    geometry
        A LineString or MultiLineString in lon/lat WGS84; ``None`` or empty gives ``0.0``.

    Returns
    -------
    float
        Length in km along the WGS84 ellipsoid.
    """
    return float(geodesic_lengths_km([geometry])[0])


def geodesic_lengths_km(geometries: Sequence[BaseGeometry | None]) -> np.ndarray:
    """The geodesic length in km of each of many (multi)lines (``None`` or empty: ``0.0``), in
    one geodesic computation over all their segments: the layers' 400-odd links are measured
    every time the network loads."""
    import shapely

    parts = [
        (index, part)
        for index, geometry in enumerate(geometries)
        if geometry is not None and not geometry.is_empty
        for part in (geometry.geoms if geometry.geom_type == "MultiLineString" else (geometry,))
    ]
    out = np.zeros(len(geometries))
    if not parts:
        return out
    owners = np.array([index for index, _ in parts])
    xy, part_of = shapely.get_coordinates([part for _, part in parts], return_index=True)
    segment = part_of[1:] == part_of[:-1]  # consecutive vertices of one part
    start, end = xy[:-1][segment], xy[1:][segment]
    _, _, metres = WGS84.inv(start[:, 0], start[:, 1], end[:, 0], end[:, 1])
    np.add.at(out, owners[part_of[:-1][segment]], metres / M_PER_KM)
    return out
    coords, owner = [], []
    for index, part in parts:
        xy = shapely.get_coordinates(part)
        if len(xy) >= _MIN_VERTICES:
            coords.append(xy)
            owner.append(np.full(len(xy) - 1, index))
    if not coords:
        return out
    starts = np.concatenate([xy[:-1] for xy in coords])
    ends = np.concatenate([xy[1:] for xy in coords])
    _, _, metres = WGS84.inv(starts[:, 0], starts[:, 1], ends[:, 0], ends[:, 1])
    np.add.at(out, np.concatenate(owner), metres / M_PER_KM)
    return out
