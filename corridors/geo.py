"""Geodesic measures on the WGS84 ellipsoid (lengths in km, never on projected planes)."""

from __future__ import annotations

from collections.abc import Sequence

from pyproj import Geod
from shapely.geometry.base import BaseGeometry

__all__ = [
    "M_PER_KM",
    "WGS84",
    "geodesic_distance_km",
    "geodesic_length_km",
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
    if geometry is None or geometry.is_empty:
        return 0.0
    if geometry.geom_type == "MultiLineString":
        return sum(line_length_km(list(part.coords)) for part in geometry.geoms)
    return line_length_km(list(geometry.coords))
