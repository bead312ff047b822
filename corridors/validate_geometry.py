"""Checks of a layer's geometries: positions in range, Points, lines and their antimeridian cuts.

Each check appends its problems to a list, naming the feature by the ``label`` it is given
(see :mod:`corridors.validate`); nothing raises here.
"""

from __future__ import annotations

import math
import reprlib
from typing import Any

from corridors.antimeridian import HALF_TURN_DEG, crosses

__all__ = ["check_line", "check_point", "is_number"]

MAX_ABS_LON = 180.0
MAX_ABS_LAT = 90.0
MIN_LINE_POINTS = 2
LONLAT_LEN = 2
#: Parts of a link cut at the antimeridian must meet within this many degrees.
JOIN_TOLERANCE_DEG = 1e-6


def is_number(value: Any) -> bool:
    """A finite JSON number (not a boolean)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:  # an integer past a float's range (400 digits)
        return False


def _shown(value: Any) -> str:
    """A value in a message: its repr, short and shallow (a value from a file may be neither)."""
    return reprlib.repr(value)


def _check_position(pos: Any, label: str, problems: list[str]) -> tuple[float, float] | None:
    if not isinstance(pos, list | tuple) or len(pos) < LONLAT_LEN:
        problems.append(f"{label}: coordinate {_shown(pos)} is not a [lon, lat] pair")
        return None
    lon, lat = pos[0], pos[1]
    if not (is_number(lon) and is_number(lat)):
        problems.append(f"{label}: coordinates {_shown([lon, lat])} are not numbers")
        return None
    ok = True
    if abs(lon) > MAX_ABS_LON:
        problems.append(f"{label}: longitude {lon} out of range (-180..180)")
        ok = False
    if abs(lat) > MAX_ABS_LAT:
        problems.append(f"{label}: latitude {lat} out of range (-90..90)")
        ok = False
    return (float(lon), float(lat)) if ok else None


def _clean_positions(part: list) -> list[tuple[float, float] | None] | None:
    """The vertices of a part whose every position is a [lon, lat] pair of numbers in range,
    or ``None`` (then each is checked and its problem named: the slow way, for broken data).

    A comparison with NaN or an infinity is false, so a number in range is finite.
    """
    numbers = (int, float)
    if all(
        type(pos) is list
        and len(pos) >= LONLAT_LEN
        and type(pos[0]) in numbers
        and type(pos[1]) in numbers
        and -MAX_ABS_LON <= pos[0] <= MAX_ABS_LON
        and -MAX_ABS_LAT <= pos[1] <= MAX_ABS_LAT
        for pos in part
    ):
        return [(float(pos[0]), float(pos[1])) for pos in part]
    return None


def check_point(geometry: Any, label: str, problems: list[str]) -> tuple[float, float] | None:
    """A Point's ``(lon, lat)``, or ``None`` with the problem named."""
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        found = geometry.get("type") if isinstance(geometry, dict) else geometry
        problems.append(f"{label}: geometry is not a Point (found {_shown(found)})")
        return None
    return _check_position(geometry.get("coordinates"), label, problems)


def check_line(
    geometry: Any, label: str, problems: list[str]
) -> list[tuple[float, float] | None] | None:
    """Check a link geometry; return its vertices in order (the parts of a cut line joined).

    A link is a LineString, or a MultiLineString cut at the antimeridian (RFC 7946 §3.1.9):
    every part has at least two points, each part but the last ends at ±180 and the next
    starts at ∓180 on the same latitude, and no part jumps across the antimeridian itself.
    """
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in ("LineString", "MultiLineString"):
        found = kind if isinstance(geometry, dict) else geometry
        problems.append(
            f"{label}: geometry is not a LineString or MultiLineString (found {_shown(found)})"
        )
        return None
    coords = geometry.get("coordinates")
    if kind == "LineString":
        parts = [coords]
    elif not isinstance(coords, list) or len(coords) < MIN_LINE_POINTS:
        count = len(coords) if isinstance(coords, list) else 0
        problems.append(
            f"{label}: MultiLineString has {count} part(s), needs at least 2 "
            "(it is only for a line cut at the antimeridian)"
        )
        return None
    else:
        parts = coords
    vertex_problems: list[str] = []
    lines: list[list[tuple[float, float] | None]] = []
    for number, part in enumerate(parts, start=1):
        if not isinstance(part, list) or len(part) < MIN_LINE_POINTS:
            count = len(part) if isinstance(part, list) else 0
            where = "LineString" if kind == "LineString" else f"MultiLineString part {number}"
            problems.append(f"{label}: {where} has {count} point(s), needs at least 2")
            return None
        clean = _clean_positions(part)
        lines.append(
            clean
            if clean is not None
            else [_check_position(pos, label, vertex_problems) for pos in part]
        )
    if vertex_problems:
        # one message per broken line, not one per vertex
        more = len(vertex_problems) - 1
        problems.append(vertex_problems[0] + (f" (and {more} more)" if more else ""))
        return [pos for line in lines for pos in line]
    _check_antimeridian(lines, label, problems)
    return [pos for line in lines for pos in line]


def _check_antimeridian(
    lines: list[list[tuple[float, float] | None]], label: str, problems: list[str]
) -> None:
    """A line must be cut where it crosses the antimeridian, and only there.

    Called once every vertex is a valid ``(lon, lat)`` pair.
    """
    for number, line in enumerate(lines, start=1):
        lons = [pos[0] for pos in line if pos is not None]
        if not lons or max(lons) - min(lons) <= HALF_TURN_DEG:
            continue  # no step can span more than the whole line does (most links)
        for prev, point in zip(line, line[1:], strict=False):
            if prev is not None and point is not None and crosses(prev, point):
                where = "" if len(lines) == 1 else f" (part {number})"
                problems.append(
                    f"{label}: crosses the antimeridian between {list(prev)} and {list(point)}"
                    f"{where} without being cut into a MultiLineString there"
                )
                break
    for number, (line, following) in enumerate(zip(lines, lines[1:], strict=False), start=1):
        end, start = line[-1], following[0]
        if end is None or start is None:
            continue
        joined = (
            abs(abs(end[0]) - HALF_TURN_DEG) <= JOIN_TOLERANCE_DEG
            and abs(end[0] + start[0]) <= JOIN_TOLERANCE_DEG
            and abs(end[1] - start[1]) <= JOIN_TOLERANCE_DEG
        )
        if not joined:
            problems.append(
                f"{label}: MultiLineString parts {number} and {number + 1} are not joined at the "
                f"antimeridian (part {number} ends at {list(end)}, part {number + 1} starts at "
                f"{list(start)}; expected ±180 then ∓180 on the same latitude)"
            )
