"""The officials' map: the corridor network by group, its places and the platforms."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pydeck as pdk

from ui.i18n import STRINGS, both
from ui.map_parts import (
    LINE_TOLERANCE_DEG,
    LONG_HAUL_TOLERANCE_DEG,
    MARKER_COLOURS,
    MODE_COLOURS,
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
#: The three land corridors in three reds/browns so they can be told apart.
CORRIDOR_COLOURS: dict[str, RGB] = {
    "land_horgos": GROUP_COLOURS["land"],
    "land_erenhot": [150, 20, 90],
    "land_manzhouli": [140, 80, 20],
    "railsea_tianjin": GROUP_COLOURS["rail_sea"],
    "railsea_zhoushan": [240, 170, 0],
    "railsea_rizhao": [200, 100, 60],
    "railsea_qinhuangdao": [160, 110, 50],
}
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
            f"{corridor_name}<br/>{bilingual('mode_' + str(row['mode']))}"
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


def network_layers(
    records: Mapping[str, list[dict]], places: list[dict], shown: Iterable[str]
) -> list[pdk.Layer]:
    """PathLayers of the shown groups and, if ``"places"`` is shown, the places on top."""
    shown = set(shown)
    layers = [
        path_layer(f"net_{group}", records[group], "color", GROUP_WIDTHS_PX[group], highlight=True)
        for group in GROUPS
        if group in shown and records.get(group)
    ]
    if "places" in shown and places:
        place = MARKER_COLOURS["place"]
        layers.append(dot_layer("net_places", places, "radius", place, ring_px=1, highlight=True))
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
            detail += "<br/>" + ", ".join(
                bilingual(f"receives_{r}") if f"receives_{r}" in STRINGS else str(r)
                for r in receives
            )
        records.append(point_record(row, platform_id, detail))
    return records


def platform_layer(records: list[dict]) -> pdk.Layer:
    """Platforms as green dots with a white ring."""
    fill = MARKER_COLOURS["platform"]
    return dot_layer("platforms", records, 8, fill, ring_px=2, highlight=True)
