"""The map every page draws on: an offline Deck, the shipped basemap, a view that fits, a legend.

Offline by construction: every Deck is built with ``map_provider=None`` and keeps pydeck's
default ``map_style`` sentinel. Streamlit's frontend drops that sentinel and draws no tiles,
whereas ``map_style=None`` makes it fetch a Carto style from the internet. The "sea" is a
water-coloured polygon under the shipped land outlines.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Mapping, Sequence

import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from corridors import antimeridian
from ui.map_parts import PIXELS, RGB

WATER: RGB = [203, 225, 240]
LAND: RGB = [244, 241, 234]
LAND_LINE: RGB = [178, 178, 178]
CHINA: RGB = [250, 247, 240]
CHINA_LINE: RGB = [130, 130, 130]
SHANXI: RGB = [255, 236, 204]
SHANXI_LINE: RGB = [196, 128, 48]
#: Basemap layer -> (fill, outline, outline width in pixels), drawn in this order.
BASEMAP_STYLES: dict[str, tuple[RGB, RGB, float]] = {
    "world": (LAND, LAND_LINE, 0.6),
    "china": (CHINA, CHINA_LINE, 1.0),
    "shanxi": (SHANXI, SHANXI_LINE, 1.0),
    "shanxi_province": (SHANXI, SHANXI_LINE, 1.0),
}
#: Every basemap layer: filled, outlined (widths in pixels), not picked by the tooltip.
OUTLINED = {"filled": True, "stroked": True, "line_width_units": PIXELS, "pickable": False}

TOOLTIP = {
    "html": "<b>{title}</b><br/>{detail}",
    # a detail's lines are split by "\n" (pydeck escapes markup inside a value: no <br/>)
    "style": {"fontSize": "12px", "maxWidth": "320px", "whiteSpace": "pre-line"},
}
#: The sea: three turns of longitude wide, so that a view across the antimeridian is water too.
WORLD_RECT = [[[-540.0, -85.0], [540.0, -85.0], [540.0, 85.0], [-540.0, 85.0], [-540.0, -85.0]]]
#: Map height in pixels.
MAP_HEIGHT_PX = 560
#: Web Mercator stops at this latitude; a point further north or south is fitted as if there.
MAX_MERCATOR_LAT = 84.0


class CompactDeck(pdk.Deck):
    """A Deck serialised without indentation (pydeck indents by 2: several times the bytes)."""

    def to_json(self) -> str:
        return json.dumps(
            self,
            sort_keys=True,
            default=default_serialize,
            separators=(",", ":"),
            ensure_ascii=False,  # a Chinese character is 1 char, not 6 ("\\u592a")
        )


def deck(layers: Sequence[pdk.Layer], view: pdk.ViewState) -> CompactDeck:
    """A Deck over the shipped basemap, with no tile provider and a bilingual tooltip."""
    return CompactDeck(
        layers=list(layers),
        initial_view_state=view,
        # repeat: at world scale the land (and the lines) are drawn again beyond ±180°
        views=[pdk.View(type="MapView", controller=True, repeat=True)],
        map_provider=None,  # no tiles; do NOT pass map_style=None (see module docstring)
        tooltip=TOOLTIP,
    )


def basemap_layers(basemaps: Mapping[str, dict | None]) -> list[pdk.Layer]:
    """Water, then the world's countries, China and Shanxi (when shipped).

    The browser parses every byte of a map on each run (Streamlit reads the spec with a
    JavaScript JSON5 parser), so the basemap is kept small: see ``ui.data``.
    """
    layers = [
        pdk.Layer(
            "SolidPolygonLayer",
            [{"polygon": WORLD_RECT}],
            id="water",
            get_polygon="polygon",
            get_fill_color=WATER,
            pickable=False,
        )
    ]
    for name, (fill, line, width) in BASEMAP_STYLES.items():
        doc = basemaps.get(name)
        if not doc:
            continue
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                doc,
                id=f"basemap_{name}",
                get_fill_color=fill,
                get_line_color=line,
                get_line_width=width,
                line_width_min_pixels=width,
                **OUTLINED,
            )
        )
    return layers


def fit_view(
    points: Iterable[Sequence[float]], *, width_px: int = 800, height_px: int = MAP_HEIGHT_PX
) -> pdk.ViewState:
    """A view that shows every point (Web Mercator), with a margin."""
    pts = [(float(p[0]), float(p[1])) for p in points]
    if not pts:
        return pdk.ViewState(longitude=100.0, latitude=40.0, zoom=2.3)
    lons = [p[0] for p in pts]
    lats = [max(min(p[1], MAX_MERCATOR_LAT), -MAX_MERCATOR_LAT) for p in pts]
    west, east = antimeridian.extent(lons)
    south, north = min(lats), max(lats)

    def merc_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    lon_span = max(east - west, 0.5)
    y_span = max(merc_y(north) - merc_y(south), 0.01)
    zoom_x = math.log2(width_px * 360.0 / (lon_span * 512.0))
    zoom_y = math.log2(height_px * 2 * math.pi / (y_span * 512.0))
    zoom = max(min(zoom_x, zoom_y) - 0.35, 0.5)
    centre_y = (merc_y(north) + merc_y(south)) / 2
    centre_lat = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    centre_lon = antimeridian.wrapped_lon((west + east) / 2)
    return pdk.ViewState(longitude=centre_lon, latitude=centre_lat, zoom=min(zoom, 8.0))


def legend_html(items: Sequence[tuple[str, RGB, str]]) -> str:
    """A compact legend: (label, colour, ``"line"`` or ``"dot"``) per item."""
    cells = []
    for label, rgb, shape in items:
        colour = f"rgb({rgb[0]},{rgb[1]},{rgb[2]})"
        if shape == "dot":
            swatch = (
                f'<span style="display:inline-block;width:11px;height:11px;'
                f"border-radius:50%;background:{colour};border:1px solid #333;"
                f'margin-right:5px;vertical-align:middle"></span>'
            )
        else:
            swatch = (
                f'<span style="display:inline-block;width:22px;height:4px;'
                f'background:{colour};margin-right:5px;vertical-align:middle"></span>'
            )
        cells.append(
            '<span style="margin-right:14px;white-space:nowrap">'
            f"{swatch}{html.escape(label)}</span>"
        )
    return '<div style="font-size:0.85rem;line-height:1.9">' + "".join(cells) + "</div>"
