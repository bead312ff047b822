"""Geodesic measures on the WGS84 ellipsoid (lengths in km, never on projected planes).

Also the cut of a line at the antimeridian (RFC 7946 §3.1.9) on the geodesic's latitude, so a
cut line measures as the uncut one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

__all__ = [
    "HALF_TURN_DEG",
    "M_PER_KM",
    "WGS84",
    "antimeridian_crossing_lat",
    "antimeridian_parts",
    "geodesic_distance_km",
    "geodesic_length_km",
    "geodesic_lengths_km",
    "geojson_line",
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


#: The antimeridian; consecutive vertices further apart in longitude cross it.
HALF_TURN_DEG = 180.0
#: Halvings of a geodesic that place its antimeridian crossing (2**-50 of the leg: < 1 mm).
_CROSSING_BISECTIONS = 50


def antimeridian_crossing_lat(a: Sequence[float], b: Sequence[float]) -> float:
    """Return the latitude where the geodesic from ``a`` to ``b`` crosses the antimeridian.

    The geodesic is the short way round, the one :func:`line_length_km` measures, so cutting
    a line there leaves its length unchanged. Its longitude is monotonic, so bisection finds
    the crossing.

    Parameters
    ----------
    a, b
        ``(lon, lat)`` of two consecutive vertices more than 180° of longitude apart.

    Returns
    -------
    float
        Latitude in degrees.
    """
    azimuth, _, dist_m = WGS84.inv(a[0], a[1], b[0], b[1])
    east = a[0] > 0  # the side of ``a``; the crossing is where the side changes
    near, far = 0.0, dist_m
    lat = a[1]
    for _ in range(_CROSSING_BISECTIONS):
        mid = (near + far) / 2.0
        lon, lat_mid, _ = WGS84.fwd(a[0], a[1], azimuth, mid)
        if (lon > 0) == east and abs(lon) < HALF_TURN_DEG:
            near = mid
        else:
            far = mid
        lat = lat_mid
    return float(lat)


def antimeridian_parts(
    coords: Sequence[Sequence[float]], *, decimals: int | None = None
) -> list[list[list[float]]]:
    """Cut a line where consecutive vertices are more than 180° of longitude apart.

    RFC 7946 §3.1.9: each crossing ends one part at ±180 and starts the next at ∓180 on the
    same latitude, the geodesic's (:func:`antimeridian_crossing_lat`). A line that does not
    cross is one part.

    Parameters
    ----------
    coords
        Vertices as ``[lon, lat]`` pairs.
    decimals
        Round the crossing latitude to this many decimals (as the vertices are rounded).

    Returns
    -------
    list
        The parts, each a list of ``[lon, lat]``.
    """
    parts = [[list(coords[0])]]
    for prev, point in zip(coords, coords[1:], strict=False):
        point = list(point)
        if abs(point[0] - prev[0]) <= HALF_TURN_DEG:
            parts[-1].append(point)
            continue
        edge = HALF_TURN_DEG if prev[0] > 0 else -HALF_TURN_DEG
        lat = antimeridian_crossing_lat(prev, point)
        if decimals is not None:
            lat = round(lat, decimals)
        if parts[-1][-1] != [edge, lat]:
            parts[-1].append([edge, lat])
        parts.append([[-edge, lat]])
        if point != parts[-1][-1]:
            parts[-1].append(point)
    return parts


def geojson_line(coords: Sequence[Sequence[float]], *, decimals: int | None = None) -> dict:
    """Return a GeoJSON LineString, or a MultiLineString cut at the antimeridian.

    Parameters
    ----------
    coords
        Vertices as ``[lon, lat]`` pairs.
    decimals
        Passed to :func:`antimeridian_parts`.

    Returns
    -------
    dict
        A GeoJSON geometry object.
    """
    parts = antimeridian_parts(coords, decimals=decimals)
    if len(parts) == 1:
        return {"type": "LineString", "coordinates": parts[0]}
    return {"type": "MultiLineString", "coordinates": parts}
