"""The parts every data layer of the maps is made of.

Colours shared by several maps, the bilingual tooltip text, point records, lines simplified for
the browser, and the path and dot layers with the settings they all share (sizes in pixels,
lines repeated across the antimeridian).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import pydeck as pdk

from corridors import antimeridian
from ui.i18n import STRINGS, both, current, t

RGB = list[int]

HALO: RGB = [255, 255, 255]
#: The ring around a route marker or a destination.
OUTLINE: RGB = [40, 40, 40]
MODE_COLOURS: dict[str, RGB] = {
    "air": [123, 63, 228],
    "rail": [204, 37, 41],
    "road": [110, 110, 110],
    "sea": [18, 102, 180],
}
MARKER_COLOURS: dict[str, RGB] = {
    "origin": [20, 140, 60],
    "destination": [20, 20, 20],
    "exit_port": [230, 0, 126],
    "entry_port": [0, 170, 190],
    "transfer": HALO,
    "platform": [0, 150, 110],
    "place": [60, 60, 60],
}

#: pydeck turns every string argument into a JavaScript accessor; a quoted one stays a string.
PIXELS = "'pixels'"
#: Lines are simplified by this many degrees (about 2 km) before they go to the browser.
LINE_TOLERANCE_DEG = 0.05
#: Long-haul lines drawn at world scale take a coarser line (about 10 km).
LONG_HAUL_TOLERANCE_DEG = 0.1
LINE_DECIMALS = 3


# --- tooltip text and records ---------------------------------------------------------------------


def bilingual(key: str, sep: str = " ", **fmt: Any) -> str:
    """The string ``key`` (formatted with ``fmt``) in both languages, the page's first, joined
    by ``sep``: tooltips are read by either audience ("Rail" then its Chinese on an English page,
    the Chinese first on a Chinese one)."""
    first = current()
    other = "en" if first == "zh" else "zh"
    return f"{t(key, first, **fmt)}{sep}{t(key, other, **fmt)}"


def kind_label(kind: Any) -> str:
    """A node or platform kind in both languages (the kind itself when it has no string)."""
    key = f"kind_{kind}"
    return bilingual(key) if key in STRINGS else str(kind)


def title(row: Any, record_id: str) -> str:
    """Both names of a node, link or platform row, or its id when it has none."""
    return both({"name_zh": row.get("name_zh"), "name_en": row.get("name_en"), "id": record_id})


def point_record(row: Any, record_id: str, detail: str, **extra: Any) -> dict:
    """A tooltip record at the row's ``lon``/``lat``, with ``extra`` fields (colour, radius)."""
    return {
        "position": [float(row["lon"]), float(row["lat"])],
        "title": title(row, record_id),
        "detail": detail,
        **extra,
    }


def finite(value: Any) -> bool:
    """Whether ``value`` is a number that is not NaN or infinite."""
    return isinstance(value, int | float) and math.isfinite(value)


# --- lines ----------------------------------------------------------------------------------------


def line_paths(geometry: Any, tolerance: float = LINE_TOLERANCE_DEG) -> list[list[list[float]]]:
    """Simplified coordinate lists of a LineString or MultiLineString (shapely)."""
    if geometry is None or geometry.is_empty:
        return []
    parts = geometry.geoms if geometry.geom_type.startswith("Multi") else [geometry]
    return [_rounded(p.simplify(tolerance, preserve_topology=False).coords) for p in parts]


def unwrapped(path: Sequence[Sequence[float]]) -> list[list[float]]:
    """A path whose longitudes never jump by more than 180°: one crossing the antimeridian runs
    on beyond ±180 (the map repeats the world) instead of straight back across it."""
    return [[round(lon, LINE_DECIMALS), lat] for lon, lat in antimeridian.unwrapped(path)]


def leg_path(coords: Sequence[Sequence[float]]) -> list[list[float]]:
    """A leg's coordinates, simplified for display (the GeoJSON download keeps them all)."""
    if len(coords) <= 2:
        return _rounded(coords)
    from shapely.geometry import LineString

    line = LineString([(float(c[0]), float(c[1])) for c in coords])
    return _rounded(line.simplify(LINE_TOLERANCE_DEG, preserve_topology=False).coords)


def _rounded(coords: Iterable[Sequence[float]]) -> list[list[float]]:
    return [[round(float(c[0]), LINE_DECIMALS), round(float(c[1]), LINE_DECIMALS)] for c in coords]


# --- layers ---------------------------------------------------------------------------------------

#: Every path layer: the records' ``path``, widths in pixels, lines repeated across ±180°.
PATH_SETTINGS = {"get_path": "path", "width_units": PIXELS, "wrap_longitude": True}
#: Every dot layer: the records' ``position``, radii in pixels, a ring, a tooltip.
DOT_SETTINGS = {
    "get_position": "position",
    "radius_units": PIXELS,
    "stroked": True,
    "pickable": True,
}


def path_layer(
    layer_id: str,
    records: list[dict],
    color: RGB | str,
    width_px: float,
    *,
    rounded: bool = True,
    pickable: bool = True,
    highlight: bool = False,
) -> pdk.Layer:
    """A PathLayer of ``{"path": ...}`` records, ``width_px`` wide at every zoom.

    ``color`` is an RGB list or the name of the records' colour field; ``rounded`` gives round
    caps and joints; ``highlight`` lights up the line under the pointer.
    """
    options: dict[str, Any] = {}
    if rounded:
        options.update(cap_rounded=True, joint_rounded=True)
    if highlight:
        options["auto_highlight"] = True
    return pdk.Layer(
        "PathLayer",
        records,
        id=layer_id,
        get_color=color,
        get_width=width_px,
        width_min_pixels=width_px,
        pickable=pickable,
        **PATH_SETTINGS,
        **options,
    )


def segment_layer(
    layer_id: str, records: list[dict], width_px: float | str, *, highlight: bool = False
) -> pdk.Layer:
    """A LineLayer of ``{"from": ..., "to": ..., "color": ...}`` records, ``width_px`` wide
    (a number, or the name of the records' width field).

    Straight segments, not paths: in a browser without a GPU the PathLayer's shaders cost
    about a second on every load, the LineLayer's a fraction of that (``ui.map_raster``).
    """
    return pdk.Layer(
        "LineLayer",
        records,
        id=layer_id,
        get_source_position="from",
        get_target_position="to",
        get_color="color",
        get_width=width_px,
        width_units=PIXELS,
        width_min_pixels=1,
        pickable=True,
        auto_highlight=highlight,
    )


def dot_layer(
    layer_id: str,
    records: list[dict],
    radius: float | str,
    fill: RGB | str,
    *,
    ring: RGB = HALO,
    ring_px: float | None = None,
    highlight: bool = False,
    **options: Any,
) -> pdk.Layer:
    """A ScatterplotLayer of ``{"position": ...}`` records: dots sized in pixels, with a ring.

    ``radius`` and ``fill`` are values or the names of the records' fields; ``ring_px`` is the
    ring's least width in pixels; ``highlight`` lights up the dot under the pointer;
    ``options`` are further pydeck layer arguments.
    """
    if ring_px is not None:
        options["line_width_min_pixels"] = ring_px
    if highlight:
        options["auto_highlight"] = True
    return pdk.Layer(
        "ScatterplotLayer",
        records,
        id=layer_id,
        get_radius=radius,
        get_fill_color=fill,
        get_line_color=ring,
        **DOT_SETTINGS,
        **options,
    )
