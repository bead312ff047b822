"""Write the planner's hand-checkable test network (run once; the output is committed).

Two Shanxi-like cities (alpha, beta), a rail terminal and an airport at alpha, two land border
crossings into KZ (gate: one corridor, east: another), a Chinese seaport with a rail–sea train
and a sea line to a NL port, air lines to KZ and NL, a rail line on from KZ to NL, and a NL
destination with no link of its own (near_far).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = "test fixture: invented network for the planner tests"

NODES = [
    # id, kind, country, lon, lat, extra
    ("alpha", "city", "CN", 112.55, 37.87, {"shanxi_prefecture": True}),
    ("beta", "city", "CN", 111.14, 37.52, {"shanxi_prefecture": True}),
    (
        "alpha_rail",
        "rail_terminal",
        "CN",
        112.70,
        37.70,
        {"city": "alpha", "departure_terminal": True},
    ),
    ("alpha_airport", "airport", "CN", 112.63, 37.75, {"city": "alpha", "iata": "AAX"}),
    ("gate_cn", "border_crossing", "CN", 82.57, 45.17, {"counterpart": "gate_kz"}),
    ("gate_kz", "border_crossing", "KZ", 82.45, 45.13, {"counterpart": "gate_cn"}),
    ("east_cn", "border_crossing", "CN", 80.42, 44.21, {"counterpart": "east_kz"}),
    ("east_kz", "border_crossing", "KZ", 80.30, 44.17, {"counterpart": "east_cn"}),
    ("omega", "destination", "KZ", 76.95, 43.24, {}),
    ("omega_airport", "airport", "KZ", 77.04, 43.35, {"city": "omega", "iata": "OMX"}),
    ("cn_port", "seaport", "CN", 117.75, 38.98, {"unlocode": "CNXAA"}),
    ("far", "destination", "NL", 4.48, 51.92, {}),
    ("far_port", "seaport", "NL", 4.10, 51.95, {"city": "far", "unlocode": "NLXFF"}),
    ("far_airport", "airport", "NL", 4.76, 52.31, {"city": "far", "iata": "FFX"}),
    # no link and no port of its own: reached by hinterland trucking from far_port/far_airport
    ("near_far", "destination", "NL", 5.12, 52.09, {}),
]

XING = {"crossing": True, "gauge_change": True}
RED_SEA_ROUTE = [
    (122.0, 30.0),
    (104.0, 1.3),
    (80.0, 6.0),
    (43.5, 12.6),
    (32.5, 30.0),
    (10.0, 37.5),
    (-6.0, 36.0),
    (-9.5, 43.0),
]

LINKS = [
    # id, from, to, mode, corridor, extra, via (extra vertices)
    ("road_beta_alpha", "beta", "alpha", "road", "road_x", {}, []),
    ("rail_alpha_gate", "alpha_rail", "gate_cn", "rail", "land_a", {}, [(100.0, 41.0)]),
    ("xing_gate", "gate_cn", "gate_kz", "rail", "land_a", XING, []),
    ("rail_gate_omega", "gate_kz", "omega", "rail", "land_a", {}, []),
    ("rail_alpha_east", "alpha_rail", "east_cn", "rail", "land_b", {}, [(98.0, 40.0)]),
    ("xing_east", "east_cn", "east_kz", "rail", "land_b", XING, []),
    ("rail_east_omega", "east_kz", "omega", "rail", "land_b", {}, []),
    ("rail_omega_far", "omega", "far", "rail", "land_a", {}, [(50.0, 52.0), (20.0, 52.0)]),
    ("rail_alpha_port", "alpha_rail", "cn_port", "rail", "railsea_x", {}, []),
    (
        "sea_port_far",
        "cn_port",
        "far_port",
        "sea",
        "railsea_x",
        {},
        RED_SEA_ROUTE,
    ),
    ("air_alpha_omega", "alpha_airport", "omega_airport", "air", "air_x", {}, []),
    ("air_alpha_far", "alpha_airport", "far_airport", "air", "air_x", {}, []),
]

CORRIDORS = [
    ("air_x", "air", "Air lines"),
    ("land_a", "land", "Land corridor A (gate)"),
    ("land_b", "land", "Land corridor B (east)"),
    ("railsea_x", "rail_sea", "Rail–sea corridor"),
    ("road_x", "road", "Road"),
]

COUNTRIES = [
    ("CN", "China", "中国"),
    ("KZ", "Kazakhstan", "哈萨克斯坦"),
    ("NL", "Netherlands", "荷兰"),
]


def main() -> None:
    coords = {n[0]: (n[3], n[4]) for n in NODES}
    nodes = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "id": nid,
                    "name_en": nid.replace("_", " ").title(),
                    "name_zh": f"测试{nid}",
                    "kind": kind,
                    "country": country,
                    "source": SOURCE,
                    **extra,
                },
            }
            for nid, kind, country, lon, lat, extra in NODES
        ],
    }
    links = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [list(coords[a]), *map(list, via), list(coords[b])],
                },
                "properties": {
                    "id": lid,
                    "from": a,
                    "to": b,
                    "mode": mode,
                    "corridor": corridor,
                    "name_en": lid.replace("_", " "),
                    "name_zh": f"测试{lid}",
                    "source": SOURCE,
                    **extra,
                },
            }
            for lid, a, b, mode, corridor, extra, via in LINKS
        ],
    }
    corridors = {
        "seed_figures": {},
        "corridors": [
            {
                "id": cid,
                "name_en": name,
                "name_zh": f"测试{cid}",
                "kind": kind,
                "seed": False,
                "source": SOURCE,
                "figures": {},
            }
            for cid, kind, name in CORRIDORS
        ],
        "railways": [],
    }
    (HERE / "nodes.geojson").write_text(json.dumps(nodes, ensure_ascii=False, indent=1), "utf-8")
    (HERE / "links.geojson").write_text(json.dumps(links, ensure_ascii=False, indent=1), "utf-8")
    (HERE / "corridors.json").write_text(
        json.dumps(corridors, ensure_ascii=False, indent=1), "utf-8"
    )
    with (HERE / "countries.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["iso2", "name_en", "name_zh"])
        writer.writerows(COUNTRIES)


if __name__ == "__main__":
    main()
