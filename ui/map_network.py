"""The officials' map: the corridor network by group, its places and the platforms."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pydeck as pdk

from planner.palette import CORRIDOR_COLOURS as PALETTE
from ui.i18n import STRINGS, both
from ui.map_parts import (
    LINE_TOLERANCE_DEG,
    LONG_HAUL_TOLERANCE_DEG,
    MARKER_COLOURS,
    MODE_COLOURS,
    PIXELS,
    RGB,
    bilingual,
    dot_layer,
    kind_label,
    line_paths,
    path_layer,
    point_record,
    title,
)

#: Colour of a corridor group on the officials' map (and its legend swatch).
GROUP_COLOURS: dict[str, RGB] = {
    "air": MODE_COLOURS["air"],
    "air_intl": [170, 140, 235],
    "land": MODE_COLOURS["rail"],
    "rail_sea": [230, 130, 20],
    "sea": MODE_COLOURS["sea"],
    "road": MODE_COLOURS["road"],
}
#: One colour per corridor, told apart (rail abroad is no longer the Horgos corridor's red).
CORRIDOR_COLOURS: dict[str, RGB] = {cid: list(rgb) for cid, rgb in PALETTE.items()}
#: Corridor kinds (corridors.json) shown as one toggleable group each.
KIND_GROUP = {
    "air": "air",
    "land": "land",
    "rail_abroad": "land",
    "ferry": "land",  # the Caspian ferry is part of the Middle Corridor's rail journey
    "rail_sea": "rail_sea",
    "sea": "sea",
    "road": "road",
    "feeder": "road",
}
GROUPS = ("air_intl", "sea", "road", "rail_sea", "land", "air")  # drawing order: bottom first
#: Line width of each group, in pixels.
GROUP_WIDTHS_PX = {"air": 3, "air_intl": 1, "land": 3, "rail_sea": 3, "sea": 1.5, "road": 2}
#: Groups drawn at world scale take the coarser, long-haul line.
LONG_HAUL_GROUPS = frozenset({"sea", "air", "air_intl"})


def group_of_corridor(kind: str | None) -> str:
    """The map group (``air``, ``land``, ``rail_sea``, ``sea``, ``road``) of a corridor kind."""
    return KIND_GROUP.get(kind or "", "road")


def network_records(network: Any) -> dict[str, list[dict]]:
    """Path records of every link, by map group, with a bilingual tooltip."""
    groups: dict[str, list[dict]] = {g: [] for g in GROUPS}
    corridors = network.corridors
    seed = set(getattr(network, "seed_corridors", ()) or corridors)
    for link_id, row in network.links.iterrows():
        corridor = corridors.get(row["corridor"])
        group = group_of_corridor(corridor.kind if corridor else None)
        if group == "air" and row["corridor"] not in seed:
            group = "air_intl"  # the hubs' international lines, not the seed's network
        if row.get("feeder") is True:
            group = "road"
        colour = CORRIDOR_COLOURS.get(row["corridor"], GROUP_COLOURS[group])
        corridor_name = both(corridor.__dict__) if corridor else str(row["corridor"])
        detail = (
            f"{corridor_name}\n{bilingual('mode_' + str(row['mode']))}"
            f" · {float(row['distance_km']):,.0f} km"
        )
        tolerance = LONG_HAUL_TOLERANCE_DEG if group in LONG_HAUL_GROUPS else LINE_TOLERANCE_DEG
        for path in line_paths(row.geometry, tolerance):
            groups[group].append(
                {"path": path, "color": colour, "title": title(row, link_id), "detail": detail}
            )
    return groups


def place_records(network: Any) -> list[dict]:
    """Point records of the network's places (border crossings, ports, terminals, cities)."""
    records = []
    for node_id, row in network.nodes.iterrows():
        if not (math.isfinite(row["lon"]) and math.isfinite(row["lat"])):
            continue
        detail = kind_label(row["kind"])
        codes = [c for c in (row.get("iata"), row.get("unlocode")) if isinstance(c, str) and c]
        if codes:
            detail += " · " + " ".join(codes)
        radius = 7 if row.get("shanxi_prefecture") is True else 5
        records.append(point_record(row, node_id, detail, radius=radius))
    return records


#: Chinese node kinds labelled on the map (as on the drawn map: planner.views).
LABEL_KINDS = ("border_crossing", "seaport", "rail_terminal")
#: Quoted as a whole: pydeck's JSON reads a bare string as an expression.
LABEL_FONT = "'\"WenQuanYi Micro Hei\", \"Noto Sans CJK SC\", \"Microsoft YaHei\", sans-serif'"


def label_records(network: Any, lang: str) -> list[dict]:
    """Name labels of China's border crossings, seaports and rail terminals, in ``lang``."""
    nodes = network.nodes
    chosen = nodes[(nodes["country"] == "CN") & nodes["kind"].isin(LABEL_KINDS)]
    first = "name_zh" if lang == "zh" else "name_en"
    return [
        {
            "position": [float(row["lon"]), float(row["lat"])],
            "text": str(row[first] or node_id),
            "kind": row["kind"],
        }
        for node_id, row in chosen.iterrows()
        if math.isfinite(row["lon"]) and math.isfinite(row["lat"])
    ]


def label_layer(records: list[dict]) -> pdk.Layer:
    """The labels, dark on a white halo, beside their dots."""
    return pdk.Layer(
        "TextLayer",
        records,
        id="net_labels",
        get_position="position",
        get_text="text",
        get_size=12,
        size_units=PIXELS,
        get_color=[30, 30, 30],
        get_text_anchor="'start'",
        get_alignment_baseline="'center'",
        get_pixel_offset=[9, 0],
        # every glyph the labels need; quoted: pydeck's JSON reads a bare string as an accessor
        character_set="'auto'",
        font_family=LABEL_FONT,
        background=True,
        get_background_color=[255, 255, 255, 200],
        background_padding=[2, 1],
        pickable=False,
    )


def network_layers(
    records: Mapping[str, list[dict]],
    places: list[dict],
    shown: Iterable[str],
    labels: list[dict] | None = None,
) -> list[pdk.Layer]:
    """PathLayers of the shown groups and, if ``"places"`` is shown, the places (and their
    labels) on top."""
    shown = set(shown)
    layers = [
        path_layer(f"net_{group}", records[group], "color", GROUP_WIDTHS_PX[group], highlight=True)
        for group in GROUPS
        if group in shown and records.get(group)
    ]
    if "places" in shown and places:
        place = MARKER_COLOURS["place"]
        layers.append(dot_layer("net_places", places, "radius", place, ring_px=1, highlight=True))
        if labels:
            layers.append(label_layer(labels))
    return layers


def platform_records(network: Any) -> list[dict]:
    """Point records of the open-economy platforms."""
    records = []
    for platform_id, row in network.platforms.iterrows():
        lon, lat = row.get("lon"), row.get("lat")
        if lon is None or lat is None or not (math.isfinite(lon) and math.isfinite(lat)):
            continue
        detail = kind_label(row["kind"])
        receives = row.get("receives")
        if isinstance(receives, list | tuple) and receives:  # codes: "fruit", "meat"...
            detail += "\n" + ", ".join(
                bilingual(f"receives_{r}") if f"receives_{r}" in STRINGS else str(r)
                for r in receives
            )
        records.append(point_record(row, platform_id, detail))
    return records


def platform_layer(records: list[dict]) -> pdk.Layer:
    """Platforms as green dots with a white ring."""
    fill = MARKER_COLOURS["platform"]
    return dot_layer("platforms", records, 8, fill, ring_px=2, highlight=True)
