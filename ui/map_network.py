"""The officials' map: the corridor network by group, its places and the platforms."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pydeck as pdk

from planner.model.params import load_parameters
from planner.network.closed_edges import sea_passage
from planner.scenario.palette import CORRIDOR_COLOURS as PALETTE
from planner.scenario.views import VIEWS
from ui.i18n import STRINGS, both
from ui.map_parts import (
    LINE_TOLERANCE_DEG,
    MARKER_COLOURS,
    MODE_COLOURS,
    PIXELS,
    RGB,
    bilingual,
    dot_layer,
    kind_label,
    line_paths,
    point_record,
    segment_layer,
    title,
    unwrapped,
)

#: The view close enough for every Shanxi city to keep its name beside the platforms.
PROVINCE_VIEW = VIEWS[0]

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
#: Groups drawn at world scale take a coarse line: a few pixels off at the China view's zoom,
#: and a third of the segments (with "Line details" on, each is sent with its tooltip).
LONG_HAUL_GROUPS = frozenset({"sea", "air", "air_intl"})
COARSE_TOLERANCE_DEG = 0.25
#: Corridor kinds abroad, drawn with the long-haul line too (rail across Russia and Central Asia).
LONG_HAUL_KINDS = frozenset({"rail_abroad", "ferry", "sea", "air"})


#: How a place and a platform are drawn: fill, radius and ring width (pixels).
PLACE_DOT = {"fill": MARKER_COLOURS["place"], "ring": 1}
#: A minor station's or a place abroad's dot: small and faint, named only in its tooltip.
MINOR_DOT = {"fill": [*MARKER_COLOURS["place"][:3], 110], "radius": 2.5, "ring": 0}
PLATFORM_DOT = {"fill": MARKER_COLOURS["platform"], "radius": 8, "ring": 2}
#: Platforms nearer each other than this are one dot, one hover naming them all (the Wusu
#: bonded zone, its designated sites and the mail exchange at Wusu airport, 1.1 km apart).
PLATFORM_SAME_KM = 2.0
KM_PER_DEGREE = 111.2


def group_of_corridor(kind: str | None) -> str:
    """The map group (``air``, ``land``, ``rail_sea``, ``sea``, ``road``) of a corridor kind."""
    return KIND_GROUP.get(kind or "", "road")


def network_records(network: Any) -> dict[str, list[dict]]:
    """Segment records of every link, by map group, with a bilingual tooltip.

    Links share their lanes (most sea links sail through the same straits): a stretch drawn by
    several links of a group is one segment, named after the first, whose tooltip says how
    many more use it.
    """
    groups: dict[str, dict[tuple, dict]] = {g: {} for g in GROUPS}
    corridors = network.corridors
    seed = set(getattr(network, "seed_corridors", ()) or corridors)
    sailed = network.sailed_links(sea_passage(load_parameters()))
    for link_id, row in sailed.iterrows():
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
        far = group in LONG_HAUL_GROUPS or (corridor and corridor.kind in LONG_HAUL_KINDS)
        tolerance = COARSE_TOLERANCE_DEG if far else LINE_TOLERANCE_DEG
        record = {
            "color": colour,
            "width": GROUP_WIDTHS_PX[group],
            "title": title(row, link_id),
            "detail": detail,
        }
        for path in line_paths(row.geometry, tolerance):
            path = unwrapped(path)
            for start, end in zip(path, path[1:], strict=False):
                key = tuple(sorted((tuple(start), tuple(end))))
                seen = groups[group].get(key)
                if seen is None:
                    groups[group][key] = {"from": start, "to": end, **record, "more": 0}
                elif seen["title"] != record["title"]:
                    seen["more"] += 1
    return {group: [_shared(s) for s in segments.values()] for group, segments in groups.items()}


def _shared(segment: dict) -> dict:
    more = segment.pop("more")
    if more:
        segment["detail"] += "\n" + bilingual("map_shared_lane", " · ", n=more)
    return segment


def place_records(network: Any) -> list[dict]:
    """Point records of the network's places: the ones a map names (China's crossings and
    ports, Shanxi's cities: :func:`planner.scenario.mapdraw.labelled_places`) as full dots, the
    minor stations and places abroad small and faint (their names are in the tooltip)."""
    from planner.scenario.mapdraw import labelled_places

    named = set(labelled_places(network, "china").index)
    records = []
    for node_id, row in network.nodes.iterrows():
        if not (math.isfinite(row["lon"]) and math.isfinite(row["lat"])):
            continue
        detail = kind_label(row["kind"])
        codes = [c for c in (row.get("iata"), row.get("unlocode")) if isinstance(c, str) and c]
        if codes:
            detail += " · " + " ".join(codes)
        if node_id in named:
            radius = 7 if row.get("shanxi_prefecture") is True else 5
            records.append(point_record(row, node_id, detail, radius=radius, **PLACE_DOT))
        else:
            records.append(point_record(row, node_id, detail, **MINOR_DOT))
    return records


def label_records(network: Any, lang: str, view: str) -> list[dict]:
    """Name labels of the places ``view`` names, in ``lang``, the most important first
    (:func:`planner.scenario.mapdraw.labelled_places`). Beyond the Shanxi view every city but
    the first (the one the corridors pass most) is ``minor``: it gives way to the platforms'
    dots (in the China view Shanxi's cities and platforms share a thumbnail, and names laid
    over the dots hid both)."""
    from planner.scenario.mapdraw import labelled_places

    first = "name_zh" if lang == "zh" else "name_en"
    places = labelled_places(network, view)
    cities = places.index[places["kind"] == "city"]
    major = set(cities if view == PROVINCE_VIEW else cities[:1])
    return [
        {
            "id": str(node_id),
            "position": [float(row["lon"]), float(row["lat"])],
            "text": str(row[first] or row["name_en"] or node_id),
            "kind": row["kind"],
            "minor": row["kind"] == "city" and node_id not in major,
        }
        for node_id, row in places.iterrows()
        if math.isfinite(row["lon"]) and math.isfinite(row["lat"])
    ]


def shown_lines(records: Mapping[str, list[dict]], shown: Iterable[str]) -> list[dict]:
    """The segment records of the shown groups, in drawing order (bottom first)."""
    shown = set(shown)
    return [r for group in GROUPS if group in shown for r in records.get(group, ())]


def network_layers(
    records: Mapping[str, list[dict]],
    places: list[dict],
    platforms: list[dict],
    shown: Iterable[str],
) -> list[pdk.Layer]:
    """The map's vector layers: the lines of the shown groups if ``"links"`` is shown (one
    layer, each line with its tooltip), then the places (if ``"places"`` is shown) and the
    platforms (if ``"platforms"`` is) in another, on top.

    The lines are drawn in the map's pictures in any case (``ui.corridor_pictures``): in a
    browser without a GPU each vector layer costs time on every load (``ui.map_raster``), so
    the lines' own layer, for their tooltips, is a choice.
    """
    shown = set(shown)
    layers = []
    lines = shown_lines(records, shown) if "links" in shown else []
    if lines:
        layers.append(segment_layer("net_lines", lines, "width", highlight=True))
    points = (places if "places" in shown else []) + (platforms if "platforms" in shown else [])
    if points:
        layers.append(
            dot_layer(
                "net_points",
                points,
                "radius",
                "fill",
                highlight=True,
                get_line_width="ring",
                line_width_units=PIXELS,
            )  # fmt: skip
        )
    return layers


def platform_records(network: Any) -> list[dict]:
    """Point records of the open-economy platforms: one per place (platforms within
    :data:`PLATFORM_SAME_KM` of the first are one), naming every platform there, each with its
    kind and what a designated site may receive."""
    groups: list[list[tuple[str, Any]]] = []
    for platform_id, row in network.platforms.iterrows():
        lon, lat = row.get("lon"), row.get("lat")
        if lon is None or lat is None or not (math.isfinite(lon) and math.isfinite(lat)):
            continue
        near = next((g for g in groups if _km(g[0][1], row) <= PLATFORM_SAME_KM), None)
        if near is None:
            groups.append([(platform_id, row)])
        else:
            near.append((platform_id, row))
    records = []
    for group in groups:
        platform_id, row = group[0]
        lines = [_platform_detail(row)]
        for other_id, other in group[1:]:
            lines.append(f"· {title(other, other_id)}\n{_platform_detail(other)}")
        records.append(point_record(row, platform_id, "\n".join(lines), **PLATFORM_DOT))
    return records


def _km(a: Any, b: Any) -> float:
    """About how many km apart two rows' ``lon``/``lat`` are (a flat map: for nearby points)."""
    dx = (a["lon"] - b["lon"]) * math.cos(math.radians((a["lat"] + b["lat"]) / 2))
    return math.hypot(dx, a["lat"] - b["lat"]) * KM_PER_DEGREE


def _platform_detail(row: Any) -> str:
    """A platform's kind in both languages, and what it may receive where it says."""
    detail = kind_label(row["kind"])
    receives = row.get("receives")
    if isinstance(receives, list | tuple) and receives:  # codes: "fruit", "meat"...
        goods = [bilingual(f"receives_{r}") if f"receives_{r}" in STRINGS else str(r)
                 for r in receives]
        detail += " · " + bilingual("receives_label") + ": " + ", ".join(goods)
    return detail
