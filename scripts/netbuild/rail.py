"""Rail links: each railway's paths cut into one link per pair of consecutive nodes.

``rail_lines.csv`` gives each path as node ids and via names in order along the line; every
link therefore lies on exactly one railway (``railways.csv``), whose name, source and
caution (``note``) it carries. ``crossings.csv`` marks the border links that change gauge and
adds their own caution.
"""

from __future__ import annotations

from netbuild.links import Places, link
from netbuild.tables import TableError, as_bool, as_number, read_table

__all__ = ["rail_links", "read_railways"]

RAILWAY_COLUMNS = ("id", "name_en", "name_zh", "published_km", "source", "note")
LINE_COLUMNS = ("railway", "corridor", "path")
CROSSING_COLUMNS = ("from", "to", "gauge_change", "note", "source")


def read_railways() -> list[dict]:
    """The railways in table order (``published_km`` is ``None`` where only a section runs)."""
    out = []
    for row in read_table("railways.csv", RAILWAY_COLUMNS).rows:
        km = row.get("published_km")
        out.append({
            "id": row["id"], "name_en": row["name_en"], "name_zh": row["name_zh"],
            "published_km": as_number(km, f"railways.csv: {row['id']}") if km else None,
            "source": row["source"], "note": row.get("note"),
        })
    return out


def _crossings() -> dict[frozenset[str], dict]:
    out = {}
    for row in read_table("crossings.csv", CROSSING_COLUMNS).rows:
        pair = frozenset((row["from"], row["to"]))
        out[pair] = {
            "gauge_change": as_bool(row.get("gauge_change"), f"crossings.csv: {sorted(pair)}"),
            "note": row.get("note"),
        }
    return out


def rail_links(places: Places, railways: list[dict]) -> list[dict]:
    """Every rail link of ``rail_lines.csv``.

    Raises
    ------
    TableError
        If a path names an unknown railway or does not start and end at nodes.
    """
    by_id = {r["id"]: r for r in railways}
    crossings = _crossings()
    nodes = places.nodes
    out = []
    for row in read_table("rail_lines.csv", LINE_COLUMNS).rows:
        railway, path = row["railway"], row["path"].split()
        if railway not in by_id:
            raise TableError(f"rail_lines.csv: unknown railway {railway}")
        if path[0] not in nodes or path[-1] not in nodes:
            raise TableError(f"rail_lines.csv: path of {railway} must start and end at nodes")
        line = by_id[railway]
        start, coords = path[0], [places.lonlat(path[0])]
        for name in path[1:]:
            coords.append(places.lonlat(name))
            if name not in nodes:
                continue
            a, b = nodes[start], nodes[name]
            crossing = crossings.get(frozenset((start, name)), {})
            notes = [line["note"], crossing.get("note")]
            out.append(link(
                f"rail_{start}_{name}", "rail", row["corridor"], (start, name), coords,
                (f"{line['name_en']}: {a['name_en']} – {b['name_en']}",
                 f"{line['name_zh']}：{a['name_zh']}—{b['name_zh']}"),
                line["source"],
                railway=railway,
                crossing=True if a["country"] != b["country"] else None,
                gauge_change=True if crossing.get("gauge_change") else None,
                note="; ".join(n for n in notes if n) or None,
            ))
            start, coords = name, [places.lonlat(name)]
    return out
