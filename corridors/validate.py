"""Check the shipped layers against the data contract (``geodata/README.md``).

Every check gathers its problems; nothing raises here. :func:`validate_layers` returns the
full list, each message naming the layer and the feature (its id, or ``#index`` when the id
is missing), and :func:`corridors.load_network` raises one
:class:`~corridors.NetworkValidationError` carrying all of them.
"""

from __future__ import annotations

import logging
import re
import reprlib
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

from corridors.geo import geodesic_distance_km
from corridors.jsonfile import read_json
from corridors.records import NODE_KINDS, Mode
from corridors.validate_figures import check_figures
from corridors.validate_geometry import check_line, check_point, is_number

__all__ = [
    "CORRIDOR_KINDS",
    "DRAWN_TOLERANCE",
    "MAX_ENDPOINT_OFFSET_KM",
    "PLATFORM_KINDS",
    "read_json",
    "validate_layers",
]

logger = logging.getLogger(__name__)

#: A link's first/last vertex may lie at most this far from its from/to node.
MAX_ENDPOINT_OFFSET_KM = 5.0
#: A rail link's drawn line may be this share shorter or longer than its published length;
#: its ``route_factor`` (published over drawn) stays within the matching bounds.
DRAWN_TOLERANCE = 0.20
ROUTE_FACTOR_RANGE = (1.0 / (1.0 + DRAWN_TOLERANCE), 1.0 / (1.0 - DRAWN_TOLERANCE))

#: Names of a ``crs`` member that say what RFC 7946 GeoJSON is anyway: WGS 84 lon/lat.
WGS84_CRS_NAMES = frozenset(
    {
        "URN:OGC:DEF:CRS:OGC:1.3:CRS84",
        "URN:OGC:DEF:CRS:OGC::CRS84",
        "OGC:CRS84",
        "CRS84",
        "EPSG:4326",
        "URN:OGC:DEF:CRS:EPSG::4326",
    }
)
CORRIDOR_KINDS = frozenset(
    {"air", "land", "rail_sea", "sea", "ferry", "road", "feeder", "rail_abroad"}
)
PLATFORM_KINDS = frozenset(
    {
        "bonded_zone",
        "bonded_logistics_centre",
        "inspection_site",
        "mail_exchange",
        "ecommerce_platform",
        "industrial_park",
    }
)
#: Kinds a ``city`` property may point at.
CITY_KINDS = frozenset({"city", "destination"})
NODE_FLAGS = ("shanxi_prefecture", "departure_terminal", "air_port_of_entry", "cargo_hub")
LINK_FLAGS = ("crossing", "gauge_change", "feeder")
REQUIRED_TEXT = ("name_en", "name_zh", "source")

NODES_LAYER = "nodes.geojson"
LINKS_LAYER = "links.geojson"
CORRIDORS_LAYER = "corridors.json"
PLATFORMS_LAYER = "platforms.geojson"

RecordCheck = Callable[[dict, str, list[str]], None]

_ID_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_IATA_RE = re.compile(r"^[A-Z0-9]{3}$")
_UNLOCODE_RE = re.compile(r"^[A-Z]{2}[A-Z0-9]{3}$")


def validate_layers(
    nodes_fc: dict,
    links_fc: dict,
    corridors: dict,
    *,
    platforms_fc: dict | None = None,
) -> list[str]:
    """Return every way the layers break the data contract.

    Parameters
    ----------
    nodes_fc
        Parsed ``nodes.geojson`` (a GeoJSON FeatureCollection of Points).
    links_fc
        Parsed ``links.geojson`` (a FeatureCollection of LineStrings; a link that crosses the
        antimeridian is a MultiLineString cut there).
    corridors
        Parsed ``corridors.json`` (``{"seed_figures", "corridors", "railways"}``).
    platforms_fc
        Parsed ``platforms.geojson``, or ``None`` when the layer is not shipped (yet).

    Returns
    -------
    list of str
        One message per problem, each naming the layer and the feature; empty when clean.
    """
    problems: list[str] = []
    node_features = _features(nodes_fc, NODES_LAYER, problems)
    link_features = _features(links_fc, LINKS_LAYER, problems)
    corridor_ids, railway_ids = _check_corridors_file(corridors, problems)

    nodes = _check_nodes(node_features, problems)
    used_corridors = _check_links(link_features, nodes, corridor_ids, railway_ids, problems)
    if link_features is not None and corridor_ids is not None:
        for corridor_id in sorted(corridor_ids - used_corridors):
            problems.append(f"{CORRIDORS_LAYER}: corridor {corridor_id!r} is used by no link")
    if platforms_fc is not None:
        platform_features = _features(platforms_fc, PLATFORMS_LAYER, problems)
        _check_platforms(platform_features, nodes, problems)
    return problems


# --------------------------------------------------------------------------------------------
# helpers shared by the layers


def _in(value: Any, known: Collection[str]) -> bool:
    """Whether ``value`` is one of the ``known`` names (a list or an object from the file
    is not, and is not hashable either)."""
    return isinstance(value, str) and value in known


def _label(layer: str, index: int, feature: Any) -> str:
    fid = None
    if isinstance(feature, dict):
        props = feature.get("properties")
        if isinstance(props, dict):
            fid = props.get("id")
        if fid is None:
            fid = feature.get("id")
    if isinstance(fid, str) and fid.strip():
        return f"{layer}: feature {fid!r}"
    return f"{layer}: feature #{index} (no id)"


def _features(fc: Any, layer: str, problems: list[str]) -> list[Any] | None:
    if fc is None:
        return None  # the reading problem is already reported
    if not isinstance(fc, dict) or fc.get("type") != "FeatureCollection":
        found = fc.get("type") if isinstance(fc, dict) else type(fc).__name__
        problems.append(f"{layer}: not a GeoJSON FeatureCollection (found {found!r})")
        return None
    if "crs" in fc:
        _check_crs(fc["crs"], layer, problems)
    features = fc.get("features")
    if not isinstance(features, list):
        problems.append(f"{layer}: 'features' is not a list")
        return None
    return features


def _check_crs(crs: Any, layer: str, problems: list[str]) -> None:
    """RFC 7946 removed ``crs``: coordinates are WGS 84 longitude, latitude. A ``crs`` naming
    that (as older GDAL writes) is harmless; any other would mean coordinates in another
    system, which every reader of the layer would take for degrees."""
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if not isinstance(name, str) or name.strip().upper() not in WGS84_CRS_NAMES:
        shown = name if isinstance(name, str) else crs
        problems.append(
            f"{layer}: crs {reprlib.repr(shown)} is not WGS 84 longitude/latitude (RFC 7946 "
            "GeoJSON has no crs member: give lon/lat coordinates and leave it out)"
        )


def _props(feature: Any, label: str, problems: list[str]) -> dict | None:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        problems.append(f"{label}: not a GeoJSON Feature")
        return None
    if not isinstance(props := feature.get("properties"), dict):
        problems.append(f"{label}: 'properties' missing or not an object")
        return None
    if props.get("id") is None and isinstance(feature.get("id"), str):
        props = {**props, "id": feature["id"]}
    return props


def _check_id(
    props: dict, label: str, seen: set[str], layer: str, problems: list[str]
) -> str | None:
    fid = props.get("id")
    if not isinstance(fid, str) or not fid.strip():
        problems.append(f"{label}: missing id")
        return None
    if not _ID_RE.match(fid):
        problems.append(f"{label}: id {fid!r} is not ASCII snake_case")
    if fid in seen:
        problems.append(f"{layer}: duplicate id {fid!r}")
        return None
    seen.add(fid)
    return fid


def _checked_features(
    features: list[Any], layer: str, problems: list[str]
) -> Iterator[tuple[dict, str, dict, str | None]]:
    """Yield ``(feature, label, props, id)`` for each feature that has properties.

    The checks every layer shares are made first: a GeoJSON Feature with properties, a unique
    snake_case id (``None`` when missing or a duplicate) and the required names and source.
    """
    seen: set[str] = set()
    for index, feature in enumerate(features):
        label = _label(layer, index, feature)
        props = _props(feature, label, problems)
        if props is None:
            continue
        fid = _check_id(props, label, seen, layer, problems)
        _check_text(props, label, problems, REQUIRED_TEXT)
        yield feature, label, props, fid


def _check_text(props: dict, label: str, problems: list[str], keys: Iterable[str]) -> None:
    for key in keys:
        value = props.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{label}: missing or empty {key}")


def _check_flags(props: dict, label: str, problems: list[str], keys: Iterable[str]) -> None:
    for key in keys:
        if key in props and props[key] is not None and not isinstance(props[key], bool):
            problems.append(f"{label}: {key} must be true or false, not {props[key]!r}")


# --------------------------------------------------------------------------------------------
# corridors.json


def _check_corridors_file(
    data: Any, problems: list[str]
) -> tuple[set[str] | None, set[str] | None]:
    if data is None:
        return None, None
    if not isinstance(data, dict):
        problems.append(f"{CORRIDORS_LAYER}: not a JSON object")
        return None, None
    seed = data.get("seed_figures")
    check_figures(seed, CORRIDORS_LAYER, problems, field="seed_figures")
    corridor_ids = _check_records(data, "corridors", "corridor", problems, _check_corridor)
    railway_ids = _check_records(data, "railways", "railway", problems, _check_railway)
    return corridor_ids, railway_ids


def _check_records(
    data: dict, key: str, what: str, problems: list[str], check: RecordCheck
) -> set[str] | None:
    records = data.get(key)
    if not isinstance(records, list):
        problems.append(f"{CORRIDORS_LAYER}: {key!r} missing or not a list")
        return None
    ids: set[str] = set()
    for index, record in enumerate(records):
        rid = record.get("id") if isinstance(record, dict) else None
        label = (
            f"{CORRIDORS_LAYER}: {what} {rid!r}"
            if isinstance(rid, str) and rid.strip()
            else f"{CORRIDORS_LAYER}: {what} #{index} (no id)"
        )
        if not isinstance(record, dict):
            problems.append(f"{label}: not an object")
            continue
        if not isinstance(rid, str) or not rid.strip():
            problems.append(f"{label}: missing id")
        elif rid in ids:
            problems.append(f"{CORRIDORS_LAYER}: duplicate {what} id {rid!r}")
        else:
            ids.add(rid)
        _check_text(record, label, problems, REQUIRED_TEXT)
        check(record, label, problems)
    return ids


def _check_corridor(record: dict, label: str, problems: list[str]) -> None:
    kind = record.get("kind")
    if not _in(kind, CORRIDOR_KINDS):
        problems.append(
            f"{label}: unknown kind {kind!r} (allowed: {', '.join(sorted(CORRIDOR_KINDS))})"
        )
    _check_flags(record, label, problems, ("seed",))
    check_figures(record.get("figures"), label, problems, field="figures")


def _check_railway(record: dict, label: str, problems: list[str]) -> None:
    km = record.get("published_km")
    if km is not None and (not is_number(km) or km <= 0):
        problems.append(f"{label}: published_km {km!r} is not a positive number")
    sections = record.get("sections")
    if sections is None:
        return
    if not isinstance(sections, list):
        problems.append(f"{label}: 'sections' is not a list")
        return
    for number, section in enumerate(sections, start=1):
        where = f"{label}: section {number}"
        if not isinstance(section, dict):
            problems.append(f"{where} is not an object")
            continue
        _check_text(section, where, problems, ("from", "to", "source"))
        km = section.get("published_km")
        if not is_number(km) or km <= 0:
            problems.append(f"{where}: published_km {km!r} is not a positive number")


# --------------------------------------------------------------------------------------------
# nodes.geojson


def _check_nodes(features: list[Any] | None, problems: list[str]) -> dict[str, dict] | None:
    """Check the node features; return ``{id: {"props", "lonlat", "label"}}`` for the links."""
    if features is None:
        return None
    nodes: dict[str, dict] = {}
    codes: dict[tuple[str, str], str] = {}  # (field, code) -> label of its first holder
    for feature, label, props, fid in _checked_features(features, NODES_LAYER, problems):
        kind = props.get("kind")
        if not _in(kind, NODE_KINDS):
            problems.append(
                f"{label}: unknown node kind {kind!r} (allowed: {', '.join(sorted(NODE_KINDS))})"
            )
        country = props.get("country")
        if not isinstance(country, str) or not _COUNTRY_RE.match(country):
            problems.append(f"{label}: country {country!r} is not two uppercase letters")
        _check_codes(props, label, codes, problems)
        aliases = props.get("aliases")
        if aliases is not None and (
            not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases)
        ):
            problems.append(f"{label}: aliases must be a list of strings")
        _check_flags(props, label, problems, NODE_FLAGS)
        lonlat = check_point(feature.get("geometry"), label, problems)
        if fid is not None:
            nodes[fid] = {"props": props, "lonlat": lonlat, "label": label}
    for fid, node in nodes.items():  # references between nodes, once every id is known
        _check_node_references(fid, node, nodes, problems)
    return nodes


def _check_codes(
    props: dict, label: str, codes: dict[tuple[str, str], str], problems: list[str]
) -> None:
    """IATA on airports, UN/LOCODE on seaports: present, well formed and unique."""
    for key, kind, pattern, shape in (
        ("iata", "airport", _IATA_RE, "a 3-letter code"),
        ("unlocode", "seaport", _UNLOCODE_RE, "a 5-character UN/LOCODE"),
    ):
        code = props.get(key)
        if props.get("kind") == kind and not code:
            problems.append(f"{label}: {kind} without {key}")
        elif code is not None and (not isinstance(code, str) or not pattern.match(code)):
            problems.append(f"{label}: {key} {code!r} is not {shape}")
        elif isinstance(code, str):
            first = codes.setdefault((key, code), label)
            if first != label:
                problems.append(f"{label}: {key} {code!r} is already used by {first}")


def _check_node_references(
    fid: str, node: dict, nodes: dict[str, dict], problems: list[str]
) -> None:
    """``city`` names a city/destination node; a crossing and its counterpart name each other."""
    props, label = node["props"], node["label"]
    city = props.get("city")
    if city is not None and not _in(city, nodes):
        problems.append(f"{label}: city {city!r} is not a known node")
    elif city is not None and not _in(nodes[city]["props"].get("kind"), CITY_KINDS):
        problems.append(f"{label}: city {city!r} is not a city or destination node")
    if props.get("kind") != "border_crossing":
        return
    counterpart = props.get("counterpart")
    if not counterpart:
        problems.append(f"{label}: border crossing without counterpart")
    elif not _in(counterpart, nodes):
        problems.append(f"{label}: counterpart {counterpart!r} is missing from the nodes")
    elif counterpart == fid:
        problems.append(f"{label}: border crossing is its own counterpart")
    elif nodes[counterpart]["props"].get("kind") != "border_crossing":
        problems.append(f"{label}: counterpart {counterpart!r} is not a border_crossing")
    elif nodes[counterpart]["props"].get("counterpart") != fid:
        problems.append(f"{label}: counterpart {counterpart!r} does not name {fid!r} back")


# --------------------------------------------------------------------------------------------
# links.geojson


def _check_links(
    features: list[Any] | None,
    nodes: dict[str, dict] | None,
    corridor_ids: set[str] | None,
    railway_ids: set[str] | None,
    problems: list[str],
) -> set[str]:
    """Check the link features; return the corridor ids that links use."""
    used: set[str] = set()
    if features is None:
        return used
    modes = {m.value for m in Mode}
    for feature, label, props, _ in _checked_features(features, LINKS_LAYER, problems):
        mode = props.get("mode")
        if not _in(mode, modes):
            problems.append(f"{label}: unknown mode {mode!r} (allowed: {', '.join(sorted(modes))})")
        corridor = props.get("corridor")
        if isinstance(corridor, str) and corridor:
            used.add(corridor)
        if not isinstance(corridor, str) or not corridor:
            problems.append(f"{label}: missing corridor")
        elif corridor_ids is not None and corridor not in corridor_ids:
            problems.append(f"{label}: corridor {corridor!r} is unknown")
        railway = props.get("railway")
        if railway is not None and railway_ids is not None and not _in(railway, railway_ids):
            problems.append(f"{label}: railway {railway!r} is unknown")
        _check_flags(props, label, problems, LINK_FLAGS)
        factor = props.get("route_factor")
        low, high = ROUTE_FACTOR_RANGE
        if factor is not None and not (is_number(factor) and low <= factor <= high):
            problems.append(f"{label}: route_factor {factor!r} is not a number from "
                            f"{low:.3f} to {high:.3f} (drawn line within "
                            f"{DRAWN_TOLERANCE:.0%} of the published length)")
        if props.get("from") is not None and props.get("from") == props.get("to"):
            problems.append(f"{label}: joins node {props['from']!r} to itself")
        ends = {}
        for end in ("from", "to"):
            node_id = props.get(end)
            if not isinstance(node_id, str) or not node_id:
                problems.append(f"{label}: missing '{end}' node")
            elif nodes is not None and node_id not in nodes:
                problems.append(f"{label}: '{end}' node {node_id!r} is unknown")
            elif nodes is not None:
                ends[end] = nodes[node_id]["lonlat"]
        line = check_line(feature.get("geometry"), label, problems)
        if line is not None:
            for end, vertex in (("from", line[0]), ("to", line[-1])):
                node_lonlat = ends.get(end)
                if node_lonlat is None or vertex is None:
                    continue
                offset_km = geodesic_distance_km(*vertex, *node_lonlat)
                if offset_km > MAX_ENDPOINT_OFFSET_KM:
                    problems.append(
                        f"{label}: geometry {'starts' if end == 'from' else 'ends'} "
                        f"{offset_km:.1f} km from its '{end}' node {props.get(end)!r} "
                        f"(more than {MAX_ENDPOINT_OFFSET_KM:g} km)"
                    )
    return used


# --------------------------------------------------------------------------------------------
# platforms.geojson


def _check_platforms(
    features: list[Any] | None, nodes: dict[str, dict] | None, problems: list[str]
) -> None:
    if features is None:
        return
    for feature, label, props, _ in _checked_features(features, PLATFORMS_LAYER, problems):
        kind = props.get("kind")
        if not _in(kind, PLATFORM_KINDS):
            problems.append(
                f"{label}: unknown platform kind {kind!r} "
                f"(allowed: {', '.join(sorted(PLATFORM_KINDS))})"
            )
        city = props.get("city")
        if city is not None and nodes is not None and not _in(city, nodes):
            problems.append(f"{label}: city {city!r} is not a known node")
        receives = props.get("receives")
        if kind == "inspection_site" and not receives:
            problems.append(f"{label}: inspection site without receives (what it may receive)")
        elif receives is not None and (
            not isinstance(receives, list) or not all(isinstance(r, str) for r in receives)
        ):
            problems.append(f"{label}: receives must be a list of strings")
        accuracy = props.get("position_accuracy_km")
        if accuracy is not None and not (is_number(accuracy) and 0 <= accuracy <= 1000):
            problems.append(f"{label}: position_accuracy_km {accuracy!r} is not from 0 to 1000")
        check_point(feature.get("geometry"), label, problems)
