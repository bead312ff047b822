"""Write the built network as the shipped layers (``geodata/README.md``) into a directory.

Nodes and links are written sorted by id, compact and with sorted keys, so a rebuild from
the same tables gives the same bytes and a diff of the layers shows only what changed.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from corridors.antimeridian import geojson_line
from netbuild.links import DECIMALS

__all__ = ["LAYERS", "write_layers"]

NODE_DECIMALS = 6
LAYERS = ("nodes.geojson", "links.geojson", "corridors.json", "countries.csv",
          "platforms.geojson")


def _node_feature(nd: dict) -> dict:
    props = {k: v for k, v in nd.items() if k not in ("lon", "lat")}
    point = [round(nd["lon"], NODE_DECIMALS), round(nd["lat"], NODE_DECIMALS)]
    return {"type": "Feature", "id": nd["id"], "properties": props,
            "geometry": {"type": "Point", "coordinates": point}}


def _link_feature(lk: dict) -> dict:
    props = {k: v for k, v in lk.items() if k != "coords"}
    return {"type": "Feature", "id": lk["id"], "properties": props,
            "geometry": geojson_line(lk["coords"], decimals=DECIMALS)}


def _write_json(path: Path, data: object, *, indent: int | None, sort_keys: bool = True) -> None:
    text = json.dumps(data, ensure_ascii=False, sort_keys=sort_keys, indent=indent,
                      separators=(",", ":") if indent is None else None)
    path.write_text(text + "\n", encoding="utf-8")


def write_layers(
    out_dir: Path,
    *,
    nodes: dict[str, dict],
    links: list[dict],
    corridors: dict,
    countries: dict[str, tuple[str, str]],
    platforms: list[dict],
) -> None:
    """Write the five layers into ``out_dir`` (which must exist).

    ``countries.csv`` lists only the countries some node is in.
    """
    _write_json(out_dir / "nodes.geojson",
                {"type": "FeatureCollection",
                 "features": [_node_feature(nodes[n]) for n in sorted(nodes)]}, indent=None)
    _write_json(out_dir / "links.geojson",
                {"type": "FeatureCollection",
                 "features": [_link_feature(lk) for lk in sorted(links, key=lambda x: x["id"])]},
                indent=None)
    _write_json(out_dir / "corridors.json", corridors, indent=1)
    with (out_dir / "countries.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["iso2", "name_en", "name_zh"])
        for iso in sorted({nd["country"] for nd in nodes.values()}):
            writer.writerow([iso, *countries[iso]])
    _write_json(out_dir / "platforms.geojson",
                {"type": "FeatureCollection", "features": platforms}, indent=1, sort_keys=False)
