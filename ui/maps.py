"""pydeck layers: the shipped basemap, the corridor network, platforms and a chosen route.

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
from typing import Any

import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from ui.i18n import both, t

__all__ = [
    "CORRIDOR_COLOURS",
    "GROUPS",
    "GROUP_COLOURS",
    "MARKER_COLOURS",
    "MODE_COLOURS",
    "STATUS_COLOURS",
    "WATER",
    "CompactDeck",
    "basemap_layers",
    "deck",
    "fit_view",
    "group_of_corridor",
    "legend_html",
    "network_layers",
    "network_records",
    "place_records",
    "platform_layer",
    "platform_records",
    "route_layers",
    "route_records",
    "scenario_layers",
    "scenario_records",
]

RGB = list[int]

WATER: RGB = [203, 225, 240]
LAND: RGB = [244, 241, 234]
LAND_LINE: RGB = [178, 178, 178]
CHINA: RGB = [250, 247, 240]
CHINA_LINE: RGB = [130, 130, 130]
SHANXI: RGB = [255, 236, 204]
SHANXI_LINE: RGB = [196, 128, 48]
HALO: RGB = [255, 255, 255]

MODE_COLOURS: dict[str, RGB] = {
    "air": [123, 63, 228],
    "rail": [204, 37, 41],
    "road": [110, 110, 110],
    "sea": [18, 102, 180],
}
#: Colour of a corridor group on the officials' map (and its legend swatch).
GROUP_COLOURS: dict[str, RGB] = {
    "air": [123, 63, 228],
    "air_intl": [170, 140, 235],
    "land": [204, 37, 41],
    "rail_sea": [230, 130, 20],
    "sea": [18, 102, 180],
    "road": [110, 110, 110],
}
#: The three land corridors in three reds/browns so they can be told apart.
CORRIDOR_COLOURS: dict[str, RGB] = {
    "land_horgos": [204, 37, 41],
    "land_erenhot": [150, 20, 90],
    "land_manzhouli": [140, 80, 20],
    "railsea_tianjin": [230, 130, 20],
    "railsea_zhoushan": [240, 170, 0],
    "railsea_rizhao": [200, 100, 60],
    "railsea_qinhuangdao": [160, 110, 50],
}
MARKER_COLOURS: dict[str, RGB] = {
    "origin": [20, 140, 60],
    "destination": [20, 20, 20],
    "exit_port": [230, 0, 126],
    "entry_port": [0, 170, 190],
    "transfer": [255, 255, 255],
    "platform": [0, 150, 110],
    "place": [60, 60, 60],
}
#: Corridor kinds (corridors.json) shown as one toggleable group each.
KIND_GROUP = {
    "air": "air",
    "land": "land",
    "rail_abroad": "land",
    "rail_sea": "rail_sea",
    "sea": "sea",
    "road": "road",
    "feeder": "road",
}
GROUPS = ("air_intl", "sea", "road", "rail_sea", "land", "air")  # drawing order: bottom first

TOOLTIP = {
    "html": "<b>{title}</b><br/>{detail}",
    "style": {"fontSize": "12px", "maxWidth": "320px", "whiteSpace": "normal"},
}
#: The sea: three turns of longitude wide, so that a view across the antimeridian is water too.
WORLD_RECT = [[[-540.0, -85.0], [540.0, -85.0], [540.0, 85.0], [-540.0, 85.0], [-540.0, -85.0]]]
#: pydeck turns every string argument into a JavaScript accessor; a quoted one stays a string.
PIXELS = "'pixels'"
#: Map height in pixels.
MAP_HEIGHT_PX = 560


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


# --- basemap ----------------------------------------------------------------------------------


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
    styles = {
        "world": (LAND, LAND_LINE, 0.6),
        "china": (CHINA, CHINA_LINE, 1.0),
        "shanxi": (SHANXI, SHANXI_LINE, 1.0),
        "shanxi_province": (SHANXI, SHANXI_LINE, 1.0),
    }
    for name, (fill, line, width) in styles.items():
        doc = basemaps.get(name)
        if not doc:
            continue
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                doc,
                id=f"basemap_{name}",
                filled=True,
                stroked=True,
                get_fill_color=fill,
                get_line_color=line,
                line_width_units=PIXELS,
                get_line_width=width,
                line_width_min_pixels=width,
                pickable=False,
            )
        )
    return layers


# --- network ----------------------------------------------------------------------------------


def group_of_corridor(kind: str | None) -> str:
    """The map group (``air``, ``land``, ``rail_sea``, ``sea``, ``road``) of a corridor kind."""
    return KIND_GROUP.get(kind or "", "road")


#: Lines are simplified by this many degrees (about 2 km) before they go to the browser.
LINE_TOLERANCE_DEG = 0.05
LINE_DECIMALS = 3
#: Long-haul groups drawn at world scale take a coarser line (about 10 km).
GROUP_TOLERANCE_DEG = {"sea": 0.1, "air": 0.1, "air_intl": 0.1}


def _paths(geometry: Any, tolerance: float = LINE_TOLERANCE_DEG) -> list[list[list[float]]]:
    """Simplified coordinate lists of a LineString or MultiLineString (shapely)."""
    if geometry is None or geometry.is_empty:
        return []
    parts = geometry.geoms if geometry.geom_type.startswith("Multi") else [geometry]
    return [_coords(p.simplify(tolerance, preserve_topology=False).coords) for p in parts]


def _coords(coords: Iterable[Sequence[float]]) -> list[list[float]]:
    return [[round(float(c[0]), LINE_DECIMALS), round(float(c[1]), LINE_DECIMALS)] for c in coords]


def _leg_path(coords: Sequence[Sequence[float]]) -> list[list[float]]:
    """A leg's coordinates, simplified for display (the GeoJSON download keeps them all)."""
    if len(coords) <= 2:
        return _coords(coords)
    from shapely.geometry import LineString

    line = LineString([(float(c[0]), float(c[1])) for c in coords])
    return _coords(line.simplify(LINE_TOLERANCE_DEG, preserve_topology=False).coords)


def network_records(network: Any) -> dict[str, list[dict]]:
    """Path records of every link, by map group, with a bilingual tooltip."""
    groups: dict[str, list[dict]] = {g: [] for g in GROUPS}
    corridors = network.corridors
    seed = set(getattr(network, "seed_corridors", ()) or corridors)
    for link_id, row in network.links.iterrows():
        corridor = corridors.get(row["corridor"])
        kind = corridor.kind if corridor else None
        group = group_of_corridor(kind)
        if group == "air" and row["corridor"] not in seed:
            group = "air_intl"  # the hubs' international lines, not the seed's network
        if row.get("feeder") is True:
            group = "road"
        colour = CORRIDOR_COLOURS.get(row["corridor"], GROUP_COLOURS[group])
        corridor_name = both(corridor.__dict__) if corridor else str(row["corridor"])
        mode = str(row["mode"])
        detail = (
            f"{corridor_name}<br/>{t('mode_' + mode, 'zh')} {t('mode_' + mode, 'en')}"
            f" · {float(row['distance_km']):,.0f} km"
        )
        for path in _paths(row.geometry, GROUP_TOLERANCE_DEG.get(group, LINE_TOLERANCE_DEG)):
            groups[group].append(
                {
                    "path": path,
                    "color": colour,
                    "title": both(
                        {
                            "name_zh": row.get("name_zh"),
                            "name_en": row.get("name_en"),
                            "id": link_id,
                        }
                    ),
                    "detail": detail,
                }
            )
    return groups


def place_records(network: Any) -> list[dict]:
    """Point records of the network's places (border crossings, ports, terminals, cities)."""
    records = []
    for node_id, row in network.nodes.iterrows():
        if not (math.isfinite(row["lon"]) and math.isfinite(row["lat"])):
            continue
        kind = str(row["kind"])
        key = f"kind_{kind}"
        detail = f"{t(key, 'zh')} {t(key, 'en')}" if key in _known_keys() else kind
        codes = [c for c in (row.get("iata"), row.get("unlocode")) if isinstance(c, str) and c]
        if codes:
            detail += " · " + " ".join(codes)
        records.append(
            {
                "position": [float(row["lon"]), float(row["lat"])],
                "title": both(
                    {"name_zh": row["name_zh"], "name_en": row["name_en"], "id": node_id}
                ),
                "detail": detail,
                "radius": 7 if row.get("shanxi_prefecture") is True else 5,
            }
        )
    return records


def _known_keys() -> set[str]:
    from ui.i18n import STRINGS

    return set(STRINGS)


def network_layers(
    records: Mapping[str, list[dict]], places: list[dict], shown: Iterable[str]
) -> list[pdk.Layer]:
    """PathLayers of the shown groups and, if ``"places"`` is shown, the places on top."""
    shown = set(shown)
    layers = []
    widths = {"air": 3, "air_intl": 1, "land": 3, "rail_sea": 3, "sea": 1.5, "road": 2}
    for group in GROUPS:
        if group not in shown or not records.get(group):
            continue
        layers.append(
            pdk.Layer(
                "PathLayer",
                records[group],
                id=f"net_{group}",
                get_path="path",
                get_color="color",
                get_width=widths[group],
                width_units=PIXELS,
                width_min_pixels=widths[group],
                cap_rounded=True,
                joint_rounded=True,
                wrap_longitude=True,
                pickable=True,
                auto_highlight=True,
            )
        )
    if "places" in shown and places:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                places,
                id="net_places",
                get_position="position",
                get_radius="radius",
                radius_units=PIXELS,
                get_fill_color=MARKER_COLOURS["place"],
                get_line_color=HALO,
                stroked=True,
                line_width_min_pixels=1,
                pickable=True,
                auto_highlight=True,
            )
        )
    return layers


def platform_records(network: Any) -> list[dict]:
    """Point records of the open-economy platforms."""
    records = []
    platforms = network.platforms
    for platform_id, row in platforms.iterrows():
        lon, lat = row.get("lon"), row.get("lat")
        if lon is None or lat is None or not (math.isfinite(lon) and math.isfinite(lat)):
            continue
        key = f"kind_{row['kind']}"
        detail = f"{t(key, 'zh')} {t(key, 'en')}" if key in _known_keys() else str(row["kind"])
        receives = row.get("receives")
        if isinstance(receives, list | tuple) and receives:
            detail += "<br/>" + ", ".join(str(r) for r in receives)
        records.append(
            {
                "position": [float(lon), float(lat)],
                "title": both(
                    {"name_zh": row["name_zh"], "name_en": row["name_en"], "id": platform_id}
                ),
                "detail": detail,
            }
        )
    return records


def platform_layer(records: list[dict]) -> pdk.Layer:
    """Platforms as green diamonds-ish dots with a white ring."""
    return pdk.Layer(
        "ScatterplotLayer",
        records,
        id="platforms",
        get_position="position",
        get_radius=8,
        radius_units=PIXELS,
        get_fill_color=MARKER_COLOURS["platform"],
        get_line_color=HALO,
        stroked=True,
        line_width_min_pixels=2,
        pickable=True,
        auto_highlight=True,
    )


# --- a route ----------------------------------------------------------------------------------


def route_records(option: Any, network: Any) -> tuple[list[dict], list[dict]]:
    """Path records of an option's legs (mode colours) and point records of its markers."""
    nodes = network.nodes
    paths: list[dict] = []
    for number, leg in enumerate(option.legs, start=1):
        coords = _leg_path(leg.coords)
        if len(coords) < 2:
            ends = [nodes.loc[n] for n in (leg.from_id, leg.to_id) if n in nodes.index]
            coords = [[float(r["lon"]), float(r["lat"])] for r in ends]
        if len(coords) < 2:
            continue
        mode = leg.mode.value
        ends_text = f"{_node_both(nodes, leg.from_id)} → {_node_both(nodes, leg.to_id)}"
        paths.append(
            {
                "path": coords,
                "color": MODE_COLOURS.get(mode, MODE_COLOURS["road"]),
                "title": f"{number}. {ends_text}",
                "detail": (
                    f"{t('mode_' + mode, 'zh')} {t('mode_' + mode, 'en')} · "
                    f"{leg.distance_km:,.0f} km · {leg.hours:,.0f} h · ${leg.cost_usd:,.0f}"
                ),
            }
        )
    markers: list[dict] = []

    def add(node_id: str | None, role: str, radius: int) -> None:
        if not node_id or node_id not in nodes.index:
            return
        row = nodes.loc[node_id]
        markers.append(
            {
                "position": [float(row["lon"]), float(row["lat"])],
                "color": MARKER_COLOURS[role],
                "radius": radius,
                "title": both(
                    {"name_zh": row["name_zh"], "name_en": row["name_en"], "id": node_id}
                ),
                "detail": f"{t(role + '_marker', 'zh')} {t(role + '_marker', 'en')}",
            }
        )

    if option.legs:
        for leg in option.legs[1:]:
            add(leg.from_id, "transfer", 4)
        add(option.legs[0].from_id, "origin", 8)
        add(option.legs[-1].to_id, "destination", 8)
    # crossings face each other a few km apart: the exit ring stays visible around the entry dot
    add(getattr(option.exit_port, "id", None), "exit_port", 12)
    add(getattr(option.entry_port, "id", None), "entry_port", 7)
    return paths, markers


def _node_both(nodes: Any, node_id: str) -> str:
    if node_id in nodes.index:
        row = nodes.loc[node_id]
        return both({"name_zh": row["name_zh"], "name_en": row["name_en"], "id": node_id})
    return node_id


def route_layers(paths: list[dict], markers: list[dict]) -> list[pdk.Layer]:
    """The legs (white halo under the mode colour) and the markers on top."""
    common = dict(
        get_path="path",
        width_units=PIXELS,
        cap_rounded=True,
        joint_rounded=True,
        wrap_longitude=True,
    )
    return [
        pdk.Layer(
            "PathLayer",
            paths,
            id="route_halo",
            get_color=HALO,
            get_width=8,
            width_min_pixels=8,
            pickable=False,
            **common,
        ),
        pdk.Layer(
            "PathLayer",
            paths,
            id="route_legs",
            get_color="color",
            get_width=4,
            width_min_pixels=4,
            pickable=True,
            auto_highlight=True,
            **common,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            markers,
            id="route_markers",
            get_position="position",
            get_radius="radius",
            radius_units=PIXELS,
            get_fill_color="color",
            get_line_color=[40, 40, 40],
            stroked=True,
            line_width_min_pixels=1.5,
            pickable=True,
        ),
    ]


def fit_view(
    points: Iterable[Sequence[float]], *, width_px: int = 800, height_px: int = MAP_HEIGHT_PX
) -> pdk.ViewState:
    """A view that shows every point (Web Mercator), with a margin."""
    pts = [(float(p[0]), float(p[1])) for p in points]
    if not pts:
        return pdk.ViewState(longitude=100.0, latitude=40.0, zoom=2.3)
    lons = [p[0] for p in pts]
    lats = [max(min(p[1], 84.0), -84.0) for p in pts]
    west, east = min(lons), max(lons)
    if east - west > 180.0:  # shorter the other way round: shift the western points by 360
        shifted = [lon + 360.0 if lon < 0 else lon for lon in lons]
        west, east = min(shifted), max(shifted)
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
    centre_lon = (west + east) / 2
    if centre_lon > 180.0:
        centre_lon -= 360.0
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


# --- a scenario -------------------------------------------------------------------------------

STATUS_COLOURS: dict[str, RGB] = {
    "lost": [200, 20, 20],
    "worse": [240, 150, 0],
    "same": [40, 150, 80],
    "closed": [120, 0, 0],
}


def _status(row: Mapping[str, Any]) -> str:
    if bool(row.get("reachable_before", True)) and not bool(row.get("reachable_after", True)):
        return "lost"
    for column in ("delta_days", "delta_cost_usd"):
        value = row.get(column)
        if isinstance(value, int | float) and math.isfinite(value) and value > 0:
            return "worse"
    return "same"


def scenario_records(frame: Any, network: Any, closed: Iterable[str]) -> dict[str, list[dict]]:
    """Destinations coloured by what the closure does to them, and the closed things in red."""
    nodes = network.nodes
    destinations = []
    for row in frame.to_dict("records"):
        node_id = row.get("destination")
        if node_id not in nodes.index:
            continue
        node = nodes.loc[node_id]
        status = _status(row)
        before, after = row.get("transit_days_before"), row.get("transit_days_after")
        days = " → ".join(
            f"{v:.1f}" if isinstance(v, int | float) and math.isfinite(v) else "—"
            for v in (before, after)
        )
        cost = " → ".join(
            f"${v:,.0f}" if isinstance(v, int | float) and math.isfinite(v) else "—"
            for v in (row.get("cost_usd_before"), row.get("cost_usd_after"))
        )
        destinations.append(
            {
                "position": [float(node["lon"]), float(node["lat"])],
                "color": STATUS_COLOURS[status],
                "title": both(
                    {"name_zh": node["name_zh"], "name_en": node["name_en"], "id": node_id}
                ),
                "detail": f"{t('status_' + status, 'zh')} {t('status_' + status, 'en')}"
                f"<br/>{days} d · {cost}",
            }
        )
    closed = set(closed)
    paths, points = [], []
    links = network.links
    shut = links[links["corridor"].isin(closed) | links.index.isin(closed)]
    for link_id, row in shut.iterrows():
        for path in _paths(row.geometry, GROUP_TOLERANCE_DEG.get("sea", LINE_TOLERANCE_DEG)):
            paths.append(
                {
                    "path": path,
                    "title": both(
                        {
                            "name_zh": row.get("name_zh"),
                            "name_en": row.get("name_en"),
                            "id": link_id,
                        }
                    ),
                    "detail": f"{t('status_closed', 'zh')} {t('status_closed', 'en')}",
                }
            )
    for node_id in closed & set(nodes.index):
        node = nodes.loc[node_id]
        points.append(
            {
                "position": [float(node["lon"]), float(node["lat"])],
                "title": both(
                    {"name_zh": node["name_zh"], "name_en": node["name_en"], "id": node_id}
                ),
                "detail": f"{t('status_closed', 'zh')} {t('status_closed', 'en')}",
            }
        )
    return {"destinations": destinations, "closed_paths": paths, "closed_points": points}


def scenario_layers(records: Mapping[str, list[dict]]) -> list[pdk.Layer]:
    """Closed lines and places (dark red) under the destinations coloured by status."""
    closed = STATUS_COLOURS["closed"]
    return [
        pdk.Layer(
            "PathLayer",
            records["closed_paths"],
            id="closed_paths",
            get_path="path",
            get_color=closed,
            get_width=4,
            width_units=PIXELS,
            width_min_pixels=4,
            wrap_longitude=True,
            pickable=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            records["closed_points"],
            id="closed_points",
            get_position="position",
            get_radius=13,
            radius_units=PIXELS,
            get_fill_color=[255, 255, 255, 0],
            get_line_color=closed,
            stroked=True,
            filled=True,
            line_width_units=PIXELS,
            get_line_width=4,
            pickable=True,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            records["destinations"],
            id="destinations",
            get_position="position",
            get_radius=6,
            radius_units=PIXELS,
            get_fill_color="color",
            get_line_color=[40, 40, 40],
            stroked=True,
            line_width_min_pixels=1,
            pickable=True,
            auto_highlight=True,
        ),
    ]
