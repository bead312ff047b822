"""The antimeridian (±180° of longitude): where lines are cut, joined, unwrapped and framed.

RFC 7946 §3.1.9 asks a GeoJSON line that crosses the 180° meridian to be cut into a
MultiLineString there. The layers are written cut (:func:`cut`, :func:`geojson_line`), a leg
joins the parts again into one sequence of points (:func:`joined_line`), the GeoJSON export
cuts what it sends (:func:`cut`), and a map that repeats the world draws a line on beyond ±180
instead of straight back across it (:func:`unwrapped`, :func:`extent`). One module does all of
it so that every reader agrees on where a line crosses.

A cut is placed on the geodesic's latitude (:func:`crossing_lat`), so a cut line measures as
the uncut one (:func:`corridors.geo.line_length_km`). The ``antimeridian`` package on PyPI cuts
lines and polygons too, but it is not a dependency, it neither joins nor unwraps, and its cut of
a line is planar by default: these few functions are kept instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

from corridors.geo import WGS84

__all__ = [
    "FULL_TURN_DEG",
    "HALF_TURN_DEG",
    "crosses",
    "crossing_lat",
    "cut",
    "extent",
    "geojson_line",
    "joined_line",
    "unwrapped",
    "wrapped_lon",
]

#: The antimeridian; consecutive vertices further apart in longitude cross it.
HALF_TURN_DEG = 180.0
FULL_TURN_DEG = 360.0
#: Halvings of a geodesic that place its antimeridian crossing (2**-50 of the leg: < 1 mm).
_CROSSING_BISECTIONS = 50


def wrapped_lon(lon: float) -> float:
    """A longitude beyond ±180 brought back into -180..180 (one within it is returned as is)."""
    if abs(lon) > HALF_TURN_DEG:
        return ((lon + HALF_TURN_DEG) % FULL_TURN_DEG) - HALF_TURN_DEG
    return lon


def crosses(a: Sequence[float], b: Sequence[float]) -> bool:
    """Whether the step from vertex ``a`` to vertex ``b`` (``(lon, lat)``) crosses the
    antimeridian: the short way round between them does."""
    return abs(b[0] - a[0]) > HALF_TURN_DEG


def _already_cut(a: Sequence[float], b: Sequence[float]) -> bool:
    """``(±180, lat)`` then ``(∓180, lat)``: the two ends of a cut the data made already."""
    return abs(a[0]) == HALF_TURN_DEG == abs(b[0]) and a[0] != b[0]


def crossing_lat(a: Sequence[float], b: Sequence[float]) -> float:
    """Return the latitude where the geodesic from ``a`` to ``b`` crosses the antimeridian.

    The geodesic is the short way round, the one :func:`corridors.geo.line_length_km`
    measures, so cutting a line there leaves its length unchanged. Its longitude is monotonic,
    so bisection finds the crossing.

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


def cut(
    coords: Sequence[Sequence[float]], *, decimals: int | None = None
) -> list[list[list[float]]]:
    """Cut a line where consecutive vertices are more than 180° of longitude apart.

    RFC 7946 §3.1.9: each crossing ends one part at ±180 and starts the next at ∓180 on the
    same latitude, the geodesic's (:func:`crossing_lat`). A longitude beyond ±180 is first
    wrapped into range; a cut already in the line (``(±180, lat), (∓180, lat)``, as
    :func:`joined_line` leaves it) starts the next part and is not cut twice. A line that
    does not cross is one part.

    Parameters
    ----------
    coords
        Vertices as ``[lon, lat]`` pairs (at least one).
    decimals
        Round the crossing latitude to this many decimals (as the vertices are rounded).

    Returns
    -------
    list
        The parts, each a list of ``[lon, lat]``.
    """
    parts: list[list[list[float]]] = [[]]
    prev: list[float] | None = None
    for vertex in coords:
        point = list(vertex)
        point[0] = wrapped_lon(point[0])
        if prev is not None and _already_cut(prev, point):
            parts.append([point])
        elif prev is not None and crosses(prev, point):
            edge = HALF_TURN_DEG if prev[0] > 0 else -HALF_TURN_DEG
            lat = crossing_lat(prev, point)
            if decimals is not None:
                lat = round(lat, decimals)
            if parts[-1][-1] != [edge, lat]:
                parts[-1].append([edge, lat])
            parts.append([[-edge, lat]])
            if point != parts[-1][-1]:
                parts[-1].append(point)
        else:
            parts[-1].append(point)
        prev = point
    return parts


def geojson_line(coords: Sequence[Sequence[float]], *, decimals: int | None = None) -> dict:
    """Return a GeoJSON LineString, or a MultiLineString cut at the antimeridian.

    Parameters
    ----------
    coords
        Vertices as ``[lon, lat]`` pairs.
    decimals
        Passed to :func:`cut`.

    Returns
    -------
    dict
        A GeoJSON geometry object.
    """
    parts = cut(coords, decimals=decimals)
    if len(parts) == 1:
        return {"type": "LineString", "coordinates": parts[0]}
    return {"type": "MultiLineString", "coordinates": parts}


def joined_line(geometry: BaseGeometry | None) -> BaseGeometry | None:
    """One LineString: the parts of a line cut at the antimeridian joined in order.

    A leg's points must stay one sequence (its readers cope with the jump from ±180 to ∓180,
    and :func:`cut` cuts it there again).

    Parameters
    ----------
    geometry
        A LineString or MultiLineString, or ``None``.

    Returns
    -------
    shapely.geometry.base.BaseGeometry or None
        The same geometry when it is not a MultiLineString; otherwise a LineString of the
        parts' coordinates in order (both ends of each cut kept, so it runs
        ``..., (180, lat), (-180, lat), ...``).
    """
    if geometry is None or geometry.geom_type != "MultiLineString":
        return geometry
    return LineString([xy for part in geometry.geoms for xy in part.coords])


def unwrapped(path: Iterable[Sequence[float]]) -> list[list[float]]:
    """A path whose longitudes never jump by more than 180°: one that crosses the antimeridian
    runs on beyond ±180 (for a map that repeats the world) instead of straight back across."""
    out: list[list[float]] = []
    for lon, lat, *_ in path:
        lon = float(lon)
        if out:
            lon += FULL_TURN_DEG * round((out[-1][0] - lon) / FULL_TURN_DEG)
        out.append([lon, float(lat)])
    return out


def extent(lons: Sequence[float]) -> tuple[float, float]:
    """The west and east bounds of longitudes, the shorter way round: across the antimeridian
    (``east`` beyond 180) when that is narrower than across Greenwich."""
    west, east = min(lons), max(lons)
    if east - west > HALF_TURN_DEG:
        shifted = [lon + FULL_TURN_DEG if lon < 0 else lon for lon in lons]
        west, east = min(shifted), max(shifted)
    return west, east
