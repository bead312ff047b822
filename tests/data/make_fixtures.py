"""Regenerate the mini test network: ``python tests/data/make_fixtures.py``.

``mini/`` is a small valid network (16 nodes, 12 links, 6 corridors) in the shape of the data
contract. The committed files are the fixture; this script only documents how they were made.
Broken inputs are not files: ``tests/test_validate.py`` breaks a copy of ``mini/`` at test time
from a table of mutations.
"""

import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
out = HERE / "mini"
out.mkdir(parents=True, exist_ok=True)
S = "test fixture: approximate public coordinates"
N = [
    (
        "taiyuan",
        "Taiyuan",
        "太原",
        "city",
        "CN",
        112.549,
        37.870,
        {"shanxi_prefecture": True, "aliases": ["Tai-yuan"]},
    ),
    ("datong", "Datong", "大同", "city", "CN", 113.300, 40.077, {"shanxi_prefecture": True}),
    (
        "luliang",
        "Lüliang",
        "吕梁",
        "city",
        "CN",
        111.144,
        37.519,
        {"shanxi_prefecture": True, "aliases": ["Luliang", "Lvliang"]},
    ),
    (
        "tyn_airport",
        "Taiyuan Wusu International Airport",
        "太原武宿国际机场",
        "airport",
        "CN",
        112.628,
        37.747,
        {"iata": "TYN", "city": "taiyuan", "air_port_of_entry": True},
    ),
    (
        "dat_airport",
        "Datong Yungang Airport",
        "大同云冈机场",
        "airport",
        "CN",
        113.482,
        40.060,
        {"iata": "DAT", "city": "datong", "air_port_of_entry": True},
    ),
    (
        "taiyuan_rail",
        "Taiyuan International Rail Terminal",
        "太原国际班列站",
        "rail_terminal",
        "CN",
        112.600,
        37.800,
        {"city": "taiyuan", "departure_terminal": True},
    ),
    (
        "erenhot",
        "Erenhot",
        "二连浩特",
        "border_crossing",
        "CN",
        111.977,
        43.653,
        {"counterpart": "zamyn_uud"},
    ),
    (
        "zamyn_uud",
        "Zamyn-Uud",
        "扎门乌德",
        "border_crossing",
        "MN",
        111.900,
        43.716,
        {"counterpart": "erenhot"},
    ),
    (
        "ulaanbaatar",
        "Ulaanbaatar",
        "乌兰巴托",
        "destination",
        "MN",
        106.917,
        47.918,
        {"aliases": ["Ulan Bator"]},
    ),
    (
        "manzhouli",
        "Manzhouli",
        "满洲里",
        "border_crossing",
        "CN",
        117.433,
        49.597,
        {"counterpart": "zabaykalsk"},
    ),
    (
        "zabaykalsk",
        "Zabaykalsk",
        "后贝加尔斯克",
        "border_crossing",
        "RU",
        117.325,
        49.645,
        {"counterpart": "manzhouli"},
    ),
    ("chita", "Chita", "赤塔", "destination", "RU", 113.500, 52.033, {}),
    ("moscow", "Moscow", "莫斯科", "destination", "RU", 37.618, 55.756, {}),
    (
        "tianjin_port",
        "Port of Tianjin",
        "天津港",
        "seaport",
        "CN",
        117.783,
        38.983,
        {"unlocode": "CNTSN"},
    ),
    ("rotterdam", "Rotterdam", "鹿特丹", "destination", "NL", 4.479, 51.922, {}),
    (
        "rotterdam_port",
        "Port of Rotterdam",
        "鹿特丹港",
        "seaport",
        "NL",
        4.050,
        51.950,
        {"unlocode": "NLRTM", "city": "rotterdam"},
    ),
]
nodes = {"type": "FeatureCollection", "features": []}
pos = {}
for nid, en, zh, kind, cc, lon, lat, extra in N:
    pos[nid] = (lon, lat)
    nodes["features"].append(
        {
            "type": "Feature",
            "properties": {
                "id": nid,
                "name_en": en,
                "name_zh": zh,
                "kind": kind,
                "country": cc,
                "source": S,
                **extra,
            },
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
        }
    )
L = [
    (
        "air_tyn_dat",
        "tyn_airport",
        "dat_airport",
        "air",
        "air_network",
        "Taiyuan–Datong air line",
        "太原—大同航线",
        {},
        [],
    ),
    (
        "rail_taiyuan_erenhot",
        "taiyuan_rail",
        "erenhot",
        "rail",
        "land_erenhot",
        "Taiyuan–Erenhot",
        "太原—二连浩特",
        {"railway": "jining_erenhot"},
        [(112.9, 40.6)],
    ),
    (
        "xing_erenhot",
        "erenhot",
        "zamyn_uud",
        "rail",
        "land_erenhot",
        "Erenhot–Zamyn-Uud crossing",
        "二连浩特—扎门乌德口岸",
        {"crossing": True, "gauge_change": True},
        [],
    ),
    (
        "rail_zamyn_uud_ulaanbaatar",
        "zamyn_uud",
        "ulaanbaatar",
        "rail",
        "land_erenhot",
        "Trans-Mongolian Railway",
        "蒙古纵贯铁路",
        {"railway": "trans_mongolian"},
        [(110.1, 44.9)],
    ),
    (
        "rail_ulaanbaatar_chita",
        "ulaanbaatar",
        "chita",
        "rail",
        "rail_russia",
        "Ulaanbaatar–Chita",
        "乌兰巴托—赤塔",
        {},
        [(107.6, 51.8)],
    ),
    (
        "rail_chita_moscow",
        "chita",
        "moscow",
        "rail",
        "rail_russia",
        "Trans-Siberian Railway",
        "西伯利亚大铁路",
        {},
        [(82.9, 55.0)],
    ),
    (
        "rail_taiyuan_manzhouli",
        "taiyuan_rail",
        "manzhouli",
        "rail",
        "land_manzhouli",
        "Taiyuan–Manzhouli",
        "太原—满洲里",
        {"railway": "harbin_manzhouli"},
        [(123.9, 47.3)],
    ),
    (
        "xing_manzhouli",
        "manzhouli",
        "zabaykalsk",
        "rail",
        "land_manzhouli",
        "Manzhouli–Zabaykalsk crossing",
        "满洲里—后贝加尔斯克口岸",
        {"crossing": True, "gauge_change": True},
        [],
    ),
    (
        "rail_zabaykalsk_chita",
        "zabaykalsk",
        "chita",
        "rail",
        "land_manzhouli",
        "Zabaykalsk–Chita",
        "后贝加尔斯克—赤塔",
        {},
        [],
    ),
    (
        "rail_taiyuan_tianjin",
        "taiyuan_rail",
        "tianjin_port",
        "rail",
        "railsea_tianjin",
        "Taiyuan–Tianjin port",
        "太原—天津港",
        {},
        [(115.5, 38.9)],
    ),
    (
        "sea_tianjin_rotterdam",
        "tianjin_port",
        "rotterdam_port",
        "sea",
        "railsea_tianjin",
        "Tianjin–Rotterdam",
        "天津—鹿特丹",
        {},
        [
            (122.0, 30.0),
            (103.8, 1.2),
            (43.4, 12.6),
            (32.5, 30.0),
            (-5.6, 35.9),
            (-9.5, 43.0),
            (2.0, 51.0),
        ],
    ),
    (
        "road_luliang_taiyuan",
        "luliang",
        "taiyuan",
        "road",
        "road_shanxi",
        "Lüliang–Taiyuan road",
        "吕梁—太原公路",
        {},
        [],
    ),
]
links = {"type": "FeatureCollection", "features": []}
for lid, a, b, mode, cor, en, zh, extra, mid in L:
    coords = [list(pos[a]), *[list(m) for m in mid], list(pos[b])]
    links["features"].append(
        {
            "type": "Feature",
            "properties": {
                "id": lid,
                "from": a,
                "to": b,
                "mode": mode,
                "corridor": cor,
                "name_en": en,
                "name_zh": zh,
                "source": S,
                **extra,
            },
            "geometry": {"type": "LineString", "coordinates": coords},
        }
    )
corr = {
    "seed_figures": {"trains_total": {"value": 825, "as_of": "2024-09-18", "source": S}},
    "corridors": [
        {
            "id": "air_network",
            "name_en": "Air network",
            "name_zh": "航空网络",
            "kind": "air",
            "seed": True,
            "source": S,
            "figures": {},
        },
        {
            "id": "land_erenhot",
            "name_en": "Erenhot land corridor",
            "name_zh": "二连浩特陆路通道",
            "kind": "land",
            "seed": True,
            "source": S,
            "figures": {"lines": {"value": 3, "as_of": "2024-09-18", "source": S}},
        },
        {
            "id": "land_manzhouli",
            "name_en": "Manzhouli land corridor",
            "name_zh": "满洲里陆路通道",
            "kind": "land",
            "seed": True,
            "source": S,
            "figures": {},
        },
        {
            "id": "railsea_tianjin",
            "name_en": "Tianjin rail–sea corridor",
            "name_zh": "天津铁海联运通道",
            "kind": "rail_sea",
            "seed": True,
            "source": S,
            "figures": {},
        },
        {
            "id": "rail_russia",
            "name_en": "Russian railways",
            "name_zh": "俄罗斯铁路",
            "kind": "rail_abroad",
            "seed": False,
            "source": S,
        },
        {
            "id": "road_shanxi",
            "name_en": "Shanxi roads",
            "name_zh": "山西公路",
            "kind": "road",
            "seed": False,
            "source": S,
        },
    ],
    "railways": [
        {
            "id": "jining_erenhot",
            "name_en": "Jining–Erenhot Railway",
            "name_zh": "集二铁路",
            "published_km": 358,
            "source": S,
        },
        {
            "id": "trans_mongolian",
            "name_en": "Trans-Mongolian Railway",
            "name_zh": "蒙古纵贯铁路",
            "published_km": 1110,
            "source": S,
        },
        {
            "id": "harbin_manzhouli",
            "name_en": "Harbin–Manzhouli Railway",
            "name_zh": "滨洲铁路",
            "published_km": 935,
            "source": S,
        },
    ],
}
(out / "nodes.geojson").write_text(
    json.dumps(nodes, ensure_ascii=False, indent=1), encoding="utf-8"
)
(out / "links.geojson").write_text(
    json.dumps(links, ensure_ascii=False, indent=1), encoding="utf-8"
)
(out / "corridors.json").write_text(
    json.dumps(corr, ensure_ascii=False, indent=1), encoding="utf-8"
)
(out / "countries.csv").write_text(
    "iso2,name_en,name_zh\nCN,China,中国\nMN,Mongolia,蒙古\nRU,Russia,俄罗斯\nNL,Netherlands,荷兰\n",
    encoding="utf-8",
)
plat = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {
                "id": "taiyuan_wusu_bonded_zone",
                "name_en": "Taiyuan Wusu Comprehensive Bonded Zone",
                "name_zh": "太原武宿综合保税区",
                "kind": "bonded_zone",
                "city": "taiyuan",
                "source": S,
            },
            "geometry": {"type": "Point", "coordinates": [112.62, 37.76]},
        },
        {
            "type": "Feature",
            "properties": {
                "id": "wusu_inspection_fruit",
                "name_en": "Taiyuan Wusu imported fruit inspection site",
                "name_zh": "太原武宿进境水果指定监管场地",
                "kind": "inspection_site",
                "city": "taiyuan",
                "receives": ["imported fruit"],
                "source": S,
            },
            "geometry": {"type": "Point", "coordinates": [112.63, 37.75]},
        },
    ],
}
(out / "platforms.geojson").write_text(
    json.dumps(plat, ensure_ascii=False, indent=1), encoding="utf-8"
)
