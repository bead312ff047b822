"""The nodes (places) and the plain vertices that shape lines.

Node rows come from the ``nodes_*.csv`` tables; seaports from ``seaports.csv`` with their
position read from the port list shipped inside ``searoute`` (so a seaport's UN/LOCODE and
position agree with the sea network by construction).
"""

from __future__ import annotations

import json
from collections import defaultdict
from importlib import metadata, resources

from netbuild.tables import NODE_COLUMNS, NODE_TABLES, TableError, as_bool, as_list, read_table

__all__ = ["airport_position_checks", "build_nodes", "read_via", "searoute_version", "via_sources"]

#: Node properties that are flags: written only when true.
FLAGS = ("shanxi_prefecture", "departure_terminal", "air_port_of_entry", "cargo_hub")
#: Node properties that are true or false, written whenever the cell is not empty.
BOOLEANS = ("seed_branch_line",)
#: Node properties that are text, written when the cell is not empty.
TEXT = ("iata", "city", "counterpart", "note")
SEAPORT_COLUMNS = ("id", "unlocode", "searoute_name", "name_en", "name_zh", "country", "city",
                   "aliases", "origin", "inland_sea", "lon", "lat", "position_source", "note")
VIA_COLUMNS = ("name", "lon", "lat", "line", "source")


def searoute_version() -> str:
    """The installed searoute's version (named in the sources of what it gives)."""
    return metadata.version("searoute")


def _node(row: dict[str, str], where: str) -> dict:
    node: dict = {
        "id": row["id"],
        "kind": row["kind"],
        "country": row["country"],
        "lon": float(row["lon"]),
        "lat": float(row["lat"]),
        "name_en": row["name_en"],
        "name_zh": row["name_zh"],
        "source": row["source"],
    }
    if row.get("reports"):  # published reports of Shanxi trains to this place
        node["source"] = f"{node['source']}; {row['reports']}"
    if row.get("position_source"):  # an airport placed by another source than airportsdata
        node["source"] = f"{node['source']}; position: {row['position_source']}"
    aliases = as_list(row.get("aliases"))
    if aliases:
        node["aliases"] = aliases
    for key in FLAGS:
        if as_bool(row.get(key), f"{where}: {key}"):
            node[key] = True
    for key in BOOLEANS:
        if row.get(key):
            node[key] = as_bool(row[key], f"{where}: {key}")
    for key in TEXT:
        if row.get(key):
            node[key] = row[key]
    return node


def _searoute_ports() -> dict[str, list[dict]]:
    """searoute's shipped port list, by UN/LOCODE."""
    text = resources.files("searoute").joinpath("data/ports.geojson").read_text("utf-8")
    ports: dict[str, list[dict]] = defaultdict(list)
    for feature in json.loads(text)["features"]:
        ports[feature["properties"]["port"]].append(feature)
    return ports


def _seaports() -> list[dict]:
    ports = _searoute_ports()
    source = f"searoute {searoute_version()} port list (UN/LOCODE, position)"
    out = []
    for row in read_table("seaports.csv", SEAPORT_COLUMNS).rows:
        code = row["unlocode"]
        candidates = ports[code]
        feature = next(
            (f for f in candidates if f["properties"]["name"] == row["searoute_name"]),
            candidates[0] if candidates else None,
        )
        if feature is None:
            raise TableError(f"seaports.csv: UN/LOCODE {code} is not in searoute's port list")
        lon, lat = feature["geometry"]["coordinates"][:2]
        where = source
        if row.get("lon"):  # a published position of the terminals rail–sea trains serve
            lon, lat = float(row["lon"]), float(row["lat"])
            where = f"{row['position_source']}; UN/LOCODE from {source}"
        node = {
            "id": row["id"], "kind": "seaport", "country": row["country"], "lon": lon,
            "lat": lat, "name_en": row["name_en"], "name_zh": row["name_zh"], "source": where,
            "unlocode": code,
        }
        if row.get("city"):  # the city it is drayed to, when that city is a node
            node["city"] = row["city"]
        if row.get("note"):
            node["note"] = row["note"]
        aliases = as_list(row.get("aliases"))
        if aliases:
            node["aliases"] = aliases
        out.append(node)
    return out


def origin_seaports() -> tuple[list[str], list[str]]:
    """Ids of the seaports sea legs start from (the Chinese rail–sea ports) and of the ports on
    an inland sea (the Caspian), which only the explicit ``ferries.csv`` links serve."""
    rows = read_table("seaports.csv", SEAPORT_COLUMNS).rows
    origins = [r["id"] for r in rows if as_bool(r.get("origin"), f"seaports.csv: {r['id']}")]
    inland = [r["id"] for r in rows if as_bool(r.get("inland_sea"), f"seaports.csv: {r['id']}")]
    return origins, inland


def build_nodes() -> dict[str, dict]:
    """Every node by id.

    Raises
    ------
    TableError
        On a duplicate id.
    """
    rows: list[dict] = []
    for name in NODE_TABLES:
        table = read_table(name, NODE_COLUMNS)
        rows += [_node(row, f"{name}: {row.get('id')}") for row in table.rows]
    rows += _seaports()
    nodes: dict[str, dict] = {}
    for node in rows:
        if node["id"] in nodes:
            raise TableError(f"duplicate node id {node['id']}")
        nodes[node["id"]] = node
    return nodes


def airport_position_checks() -> dict[str, str]:
    """Per airport node whose ``position_check`` names a reference as wrong there
    (``airportsdata`` or ``airports-py``), that reference's name (the reason is in
    ``position_source``)."""
    rows = read_table("nodes_airports.csv", (*NODE_COLUMNS, "position_check")).rows
    return {row["id"]: row["position_check"] for row in rows if row.get("position_check")}


def via_sources() -> dict[str, str]:
    """The source text of each via vertex, by name."""
    return {row["name"]: row["source"] for row in read_table("via.csv", VIA_COLUMNS).rows}


def read_via(nodes: dict[str, dict]) -> dict[str, tuple[float, float]]:
    """The shaping vertices of ``via.csv`` by name (a name may not also be a node id)."""
    via: dict[str, tuple[float, float]] = {}
    for row in read_table("via.csv", VIA_COLUMNS).rows:
        name = row["name"]
        if name in via:
            raise TableError(f"via.csv: duplicate name {name}")
        if name in nodes:
            raise TableError(f"via.csv: {name} is also a node id")
        via[name] = (float(row["lon"]), float(row["lat"]))
    return via
