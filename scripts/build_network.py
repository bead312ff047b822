#!/usr/bin/env python
"""Generate the corridor network of Shanxi Corridors (``make network``).

Writes ``geodata/nodes.geojson``, ``geodata/links.geojson``, ``geodata/corridors.json`` and
``geodata/countries.csv`` from the tables below, following the contract in
``geodata/README.md``.  Every place and every line carries its source; a value that is ours
says so ("estimate: <reason>").

How the tables work
-------------------
* ``NODES`` lists the places (``node(...)`` rows).  Airport coordinates are copied from
  ``airportsdata`` 20260905 (checked again at build time when the package is installed);
  seaport coordinates and UN/LOCODEs are read from the port list shipped inside ``searoute``,
  so the loader's cross-check against searoute's ports passes by construction.
* ``VIA`` holds plain vertices (stations, towns, passes) that shape a line but are not nodes.
* ``RAIL_LINES`` describes each railway as one or more paths: a whitespace-separated list of
  node ids and ``VIA`` names.  A path is cut into one link per pair of consecutive nodes, so
  every rail link lies on exactly one railway (``railway`` property).
* ``ROADS`` (expressways, trucking feeders), ``AIR_*`` (air links, great-circle geometry) and
  ``SEA_*`` (sea legs computed offline with ``searoute``) complete the network.
* A line that crosses the 180° meridian (trans-Pacific air and sea links) is written as a
  MultiLineString cut there (RFC 7946 §3.1.9): one part ends at ±180 and the next starts at
  ∓180, at the latitude where the geodesic between the two vertices crosses it.  Every other
  link is a LineString.

Design choices documented here (see also the report of the network build)
* Manzhouli: Shanxi trains are modelled Datong–Jining (Jingbao) → Jining–Tongliao (Jitong) →
  Tongliao–Ranghulu (Tongrang) → Ranghulu–Hailar–Manzhouli (Binzhou).  The Jitong line was
  built for this north-east freight flow and avoids the Beijing and Shenyang hubs.
* Horgos/Alashankou: Taiyuan–Zhongwei (Taizhongyin) → Zhongwei–Gantang (Baotou–Lanzhou) →
  Gantang–Wuwei (Ganwu) → Lanzhou–Xinjiang (from Wuwei) → Northern Xinjiang / Jinghe–Yining–
  Horgos.  The Lanzhou–Wuwei part of the Lanzhou–Xinjiang railway is modelled too so that the
  whole railway can be checked against its published length.
* Daqin (Datong–Qinhuangdao) is its own corridor ``railsea_qinhuangdao`` (coal rail–sea on
  the Bohai rim; not one of the seed's three rail–sea corridors).
* A trunk link shared by several corridors (e.g. Taiyuan–Yuci) is filed under one corridor;
  the planner routes on all links whatever their corridor.
* Border crossings abroad (``CROSSINGS_ABROAD``) are pairs of ``border_crossing`` nodes on the
  lines already modelled (Sükhbaatar–Naushki, Mamlyutka–Petukhovo, Bulayevo–Isilkul,
  Aul–Lokot, Saryagash–Keles, Lugovaya–Kaindy, Sariosiyo–Pakhtaabad, Khodjadavlet–Farap,
  Krasnoye–Osinovka, Gudogai–Kena, Buslovskaya–Vainikkala), so the planner names the real port
  of entry.  EU internal borders have no customs and get no crossing nodes.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict, deque
from importlib import metadata, resources
from pathlib import Path

from pyproj import Geod
from shapely.geometry import LineString

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "geodata"
GEOD = Geod(ellps="WGS84")

ACCESSED = "accessed 2026-11"
SEED = "山西省商务厅《开发区建设》专刊 2024年第36期"
AIRPORTSDATA = "CAAC; airportsdata 20260905"
TOLERANCE = 0.10  # railway length within 10 % of the published length
SEA_SIMPLIFY_DEG = 0.02
DECIMALS = 4
HALF_TURN_DEG = 180.0  # the antimeridian; consecutive points further apart cross it
CROSSING_BISECTIONS = 50  # halvings of a geodesic to place its antimeridian crossing (< 1 mm)


def wiki(title: str) -> str:
    """Source string for a Wikipedia article."""
    return f"Wikipedia: {title} ({ACCESSED})"


def estimate(reason: str) -> str:
    return f"estimate: {reason}"


# ============================================================================================
# Places
# ============================================================================================


def node(nid, kind, country, lon, lat, en, zh, source, aliases=(), **props):
    """One row of the node table."""
    row = {
        "id": nid,
        "kind": kind,
        "country": country,
        "lon": lon,
        "lat": lat,
        "name_en": en,
        "name_zh": zh,
        "source": source,
    }
    if aliases:
        row["aliases"] = list(aliases)
    row.update(props)
    return row


def city(nid, lon, lat, en, zh, aliases=(), **props):
    return node(nid, "city", "CN", lon, lat, en, zh, wiki(f"{en}"), aliases, **props)


def prefecture(nid, lon, lat, en, zh, aliases=()):
    return node(nid, "city", "CN", lon, lat, en, zh, wiki(f"{en} (prefecture-level city)"),
                aliases, shanxi_prefecture=True)


def dest(nid, country, lon, lat, en, zh, aliases=(), source=None):
    return node(nid, "destination", country, lon, lat, en, zh, source or wiki(en), aliases)


def station(nid, country, lon, lat, en, zh, source, aliases=()):
    return node(nid, "rail_station", country, lon, lat, en, zh, source, aliases)


SHANXI_PREFECTURES = [
    prefecture("taiyuan", 112.549, 37.870, "Taiyuan", "太原"),
    prefecture("datong", 113.300, 40.077, "Datong", "大同"),
    prefecture("shuozhou", 112.433, 39.331, "Shuozhou", "朔州"),
    prefecture("xinzhou", 112.734, 38.416, "Xinzhou", "忻州"),
    prefecture("yangquan", 113.580, 37.857, "Yangquan", "阳泉"),
    prefecture("jinzhong", 112.753, 37.687, "Jinzhong", "晋中", ["Yuci"]),
    prefecture("luliang", 111.144, 37.519, "Lüliang", "吕梁", ["Luliang", "Lvliang", "Lishi"]),
    prefecture("changzhi", 113.116, 36.195, "Changzhi", "长治"),
    prefecture("jincheng", 112.851, 35.491, "Jincheng", "晋城"),
    prefecture("linfen", 111.519, 36.088, "Linfen", "临汾"),
    prefecture("yuncheng", 111.007, 35.026, "Yuncheng", "运城"),
]

CHINA_CITIES = [
    city("beijing", 116.407, 39.904, "Beijing", "北京", ["Peking"]),
    city("tianjin", 117.201, 39.085, "Tianjin", "天津"),
    city("shijiazhuang", 114.515, 38.042, "Shijiazhuang", "石家庄"),
    city("zhengzhou", 113.625, 34.747, "Zhengzhou", "郑州"),
    city("shanghai", 121.474, 31.230, "Shanghai", "上海"),
    city("ningbo", 121.550, 29.874, "Ningbo", "宁波", ["Ningbo-Zhoushan"]),
    city("rizhao", 119.527, 35.416, "Rizhao", "日照"),
    city("qinhuangdao", 119.600, 39.935, "Qinhuangdao", "秦皇岛"),
]

TERMINALS = [
    node("zhongding_terminal", "rail_terminal", "CN", 112.74, 37.66,
         "Zhongding Logistics Park", "中鼎物流园",
         "Jinzhong Daily 2025-09-17 (90 %+ of Shanxi's China–Europe trains start here); "
         + estimate("position placed in Yuci district, Jinzhong; exact site not in the sources"),
         ["Zhongding", "Shanxi Zhongding logistics park",
          "Taiyuan land-port national logistics hub"],
         city="jinzhong", departure_terminal=True),
    node("taiyuan_dry_port", "rail_terminal", "CN", 112.58, 37.80,
         "Taiyuan South Freight Yard (Taiyuan dry port)", "太原南货场（太原陆港）",
         estimate("Taiyuan rail freight terminal south of the city on the Datong–Puzhou "
                  "railway; position approximate"),
         ["Taiyuan dry port", "Taiyuan South freight", "Taiyuan International Dry Port"],
         city="taiyuan", departure_terminal=True),
    node("datong_land_port", "rail_terminal", "CN", 113.36, 40.05,
         "Datong International Land Port", "大同国际陆港",
         SEED + " (bonded logistics centre B, meat inspection site); Shanxi TV 2021-08-02 "
         "(Datong Jinbei logistics park dispatches international trains); "
         + estimate("position approximate, east of Datong city"),
         ["Datong dry port", "Datong Land Port"],
         city="datong", departure_terminal=True),
    node("houma_terminal", "rail_terminal", "CN", 111.37, 35.62,
         "Houma Fanglue Land Port", "侯马方略陆港",
         "Shanxi TV 2021-08-02 (Zhongding, Datong Jinbei and Houma Fanglue dispatch Shanxi's "
         "international trains); " + estimate("position at Houma, county-level city of Linfen"),
         ["Houma", "Houma dry port", "Linfen Fanglue"],
         city="linfen", departure_terminal=True),
]

# Airports: coordinates as in airportsdata 20260905 (WUT is missing there: CAAC/Wikipedia).
AIRPORTS_CN = [
    node("tyn_airport", "airport", "CN", 112.628, 37.7469,
         "Taiyuan Wusu International Airport", "太原武宿国际机场", AIRPORTSDATA,
         ["Taiyuan Wusu", "Wusu"], iata="TYN", city="taiyuan", air_port_of_entry=True),
    node("ycu_airport", "airport", "CN", 111.03139, 35.11639,
         "Yuncheng Guangong Airport", "运城关公机场", AIRPORTSDATA,
         ["Yuncheng Guangong", "Yuncheng Zhangxiao"], iata="YCU", city="yuncheng",
         air_port_of_entry=True),
    node("dat_airport", "airport", "CN", 113.482, 40.0603,
         "Datong Yungang Airport", "大同云冈机场", AIRPORTSDATA,
         ["Datong Yungang", "Datong Airport"], iata="DAT", city="datong",
         air_port_of_entry=True),
    node("cih_airport", "airport", "CN", 113.126, 36.2475,
         "Changzhi Wangcun Airport", "长治王村机场", AIRPORTSDATA,
         ["Changzhi Wangcun"], iata="CIH", city="changzhi"),
    node("lfq_airport", "airport", "CN", 111.641236, 36.132629,
         "Linfen Yaodu Airport", "临汾尧都机场", AIRPORTSDATA,
         ["Linfen Yaodu", "Linfen Qiaoli"], iata="LFQ", city="linfen"),
    node("llv_airport", "airport", "CN", 111.14278, 37.68333,
         "Lüliang Dawu Airport", "吕梁大武机场", AIRPORTSDATA,
         ["Luliang Dawu", "Lvliang Dawu"], iata="LLV", city="luliang"),
    node("wut_airport", "airport", "CN", 112.96778, 38.59917,
         "Xinzhou Wutaishan Airport", "忻州五台山机场",
         "CAAC; " + wiki("Xinzhou Wutaishan Airport") + " (not in airportsdata 20260905)",
         ["Wutaishan", "Xinzhou Wutaishan"], iata="WUT", city="xinzhou"),
    node("cgo_airport", "airport", "CN", 113.841, 34.5197,
         "Zhengzhou Xinzheng International Airport", "郑州新郑国际机场", AIRPORTSDATA,
         ["Zhengzhou Xinzheng"], iata="CGO", city="zhengzhou", cargo_hub=True),
    node("pek_airport", "airport", "CN", 116.585, 40.0801,
         "Beijing Capital International Airport", "北京首都国际机场", AIRPORTSDATA,
         ["Beijing Capital"], iata="PEK", city="beijing", cargo_hub=True),
    node("pvg_airport", "airport", "CN", 121.805, 31.1434,
         "Shanghai Pudong International Airport", "上海浦东国际机场", AIRPORTSDATA,
         ["Shanghai Pudong", "Pudong"], iata="PVG", city="shanghai", cargo_hub=True),
]

# Chinese rail stations (junctions and line ends) and the four Chinese border crossings.
RAIL_STATIONS_CN = [
    station("datong_station", "CN", 113.29, 40.11, "Datong (rail hub)", "大同站",
            wiki("Datong railway station")
            + " (km 0 of the Tongpu railway; Jingbao and Daqin lines meet here)",
            ["Datong railway station"]),
    station("jining", "CN", 113.11, 40.99, "Jining (Ulanqab)", "集宁（乌兰察布）",
            wiki("Jining District") + "; junction of the Jingbao, Jier and Jitong railways",
            ["Ulanqab", "Jining South"]),
    station("benhong", "CN", 113.16, 41.30, "Benhong", "贲红",
            wiki("Jining–Tongliao railway") + " (the Jitong line leaves the Jier line at Benhong); "
            + estimate("station position approximate, Chahar Right Rear Banner"),
            ["Benhong junction"]),
    station("tongliao", "CN", 122.26, 43.62, "Tongliao", "通辽", wiki("Tongliao")),
    station("ranghulu", "CN", 124.87, 46.65, "Ranghulu (Daqing)", "让胡路（大庆）",
            wiki("Ranghulu District") + "; junction of the Binzhou and Tongrang railways",
            ["Rangzhan", "Daqing"]),
    station("harbin", "CN", 126.63, 45.76, "Harbin", "哈尔滨", wiki("Harbin railway station")),
    station("dingbian", "CN", 107.60, 37.59, "Dingbian", "定边",
            wiki("Taiyuan–Zhongwei–Yinchuan railway") + " (branch to Yinchuan leaves here)"),
    station("yinchuan", "CN", 106.19, 38.48, "Yinchuan", "银川", wiki("Yinchuan railway station")),
    station("zhongwei", "CN", 105.19, 37.51, "Zhongwei", "中卫", wiki("Zhongwei")),
    station("gantang", "CN", 104.47, 37.43, "Gantang", "甘塘",
            wiki("Gantang–Wuwei railway") + "; " + estimate("station position approximate")),
    station("wuwei", "CN", 102.63, 37.90, "Wuwei", "武威", wiki("Wuwei, Gansu")),
    station("lanzhou", "CN", 103.72, 36.08, "Lanzhou", "兰州", wiki("Lanzhou"),
            ["Lanzhou North"]),
    station("urumqi", "CN", 87.57, 43.82, "Ürümqi", "乌鲁木齐", wiki("Ürümqi"),
            ["Urumqi", "Wulumuqi"]),
    station("jinghe", "CN", 82.89, 44.61, "Jinghe", "精河", wiki("Jinghe County")),
    station("luliang_station", "CN", 110.95, 37.46, "Lüliang junction (Taizhongyin–Wari)",
            "吕梁（太中银—瓦日铁路交会）",
            wiki("Wari railway") + " (Lin, Shilou; Taiyuan–Anze trains use both lines, China "
            "News Service 2024-10-31); "
            + estimate("junction placed where the Wari line crosses the Taizhongyin line near "
                       "Liulin"), ["Luliang junction", "Lvliang junction"]),
    station("xingxian", "CN", 111.05, 38.42, "Xing County (Watang)", "兴县（瓦塘）",
            wiki("Wari railway") + " (western terminus); "
            + estimate("terminus position approximate"), ["Wafangdian", "Watang", "Xingxian"]),
    station("shijiazhuang_rail", "CN", 114.48, 38.02, "Shijiazhuang (rail)", "石家庄（铁路）",
            wiki("Shijiazhuang railway station")),
    station("beijing_fengtai", "CN", 116.22, 39.85, "Beijing Fengtai West", "北京丰台西",
            wiki("Fengtai West railway station") + " (marshalling yard)"),
    station("jiaozuo", "CN", 113.24, 35.22, "Jiaozuo", "焦作", wiki("Jiaozuo")),
    station("xinxiang", "CN", 113.88, 35.30, "Xinxiang", "新乡", wiki("Xinxiang")),
    station("zhengzhou_north", "CN", 113.65, 34.80, "Zhengzhou North", "郑州北",
            wiki("Zhengzhou North railway station") + " (marshalling yard)"),
    station("xuzhou", "CN", 117.19, 34.27, "Xuzhou", "徐州", wiki("Xuzhou railway station")),
    station("shanghai_nanxiang", "CN", 121.31, 31.30, "Shanghai Nanxiang", "上海南翔",
            wiki("Nanxiang, Shanghai") + " (marshalling yard)"),
    station("xian", "CN", 109.07, 34.42, "Xi'an International Port (Xinzhu)",
            "西安国际港站（新筑）",
            wiki("Xi'an International Port railway station")
            + " (Chang'an China–Europe hub); " + estimate("position approximate"),
            ["Xi'an", "Xian", "Xinzhu", "Chang'an hub"]),
    station("fenglingdu", "CN", 110.32, 34.61, "Fenglingdu", "风陵渡",
            wiki("Datong–Puzhou railway") + " (southern terminus)"),
]

CROSSINGS = [
    node("erenhot", "border_crossing", "CN", 111.98, 43.65, "Erenhot", "二连浩特",
         wiki("Erenhot"), ["Erlianhaote", "Erlian", "Ereen"], counterpart="zamyn_uud"),
    node("zamyn_uud", "border_crossing", "MN", 111.90, 43.72, "Zamyn-Üüd", "扎门乌德",
         wiki("Zamyn-Üüd"), ["Zamyn-Uud", "Zamiin-Uud", "Zamyn Uud"], counterpart="erenhot"),
    node("manzhouli", "border_crossing", "CN", 117.44, 49.59, "Manzhouli", "满洲里",
         wiki("Manzhouli"), ["Manchuria"], counterpart="zabaykalsk"),
    node("zabaykalsk", "border_crossing", "RU", 117.33, 49.65, "Zabaykalsk", "后贝加尔斯克",
         wiki("Zabaykalsk"), ["Zabaikalsk", "Otpor"], counterpart="manzhouli"),
    node("alashankou", "border_crossing", "CN", 82.58, 45.17, "Alashankou", "阿拉山口",
         wiki("Alashankou"), ["Alataw Pass", "Alatau Pass"], counterpart="dostyk"),
    node("dostyk", "border_crossing", "KZ", 82.49, 45.25, "Dostyk", "多斯特克",
         wiki("Dostyk"), ["Druzhba", "Dostyq"], counterpart="alashankou"),
    node("horgos", "border_crossing", "CN", 80.40, 44.21, "Horgos", "霍尔果斯",
         wiki("Khorgas"), ["Khorgos", "Korgas", "Khorgas", "Huoerguosi"], counterpart="altynkol"),
    node("altynkol", "border_crossing", "KZ", 80.27, 44.20, "Altynkol", "阿腾科里",
         wiki("Altynkol"), ["Altynkol station", "Khorgos (KZ)"], counterpart="horgos"),
    node("brest", "border_crossing", "BY", 23.69, 52.10, "Brest", "布列斯特",
         wiki("Brest, Belarus"), ["Brest-Litovsk", "Brest Severny"], counterpart="malaszewicze"),
    node("malaszewicze", "border_crossing", "PL", 23.53, 52.04, "Małaszewicze", "马拉舍维奇",
         wiki("Małaszewicze"), ["Malaszewicze", "Malashevichi"], counterpart="brest"),
]

# Rail border crossings abroad, in pairs (each side in its own country, ``counterpart`` naming
# the other).  The line between a pair is the crossing link (``crossing: true``); the track
# gauge is 1520 mm on both sides of all of them (Finland's 1524 mm runs through), so none
# changes gauge.  Inside the Eurasian Economic Union (RU, BY, KZ, KG) there is no customs
# control at these borders: the planner charges only the customs-union stop there.
TRAINOFTHOUGHT = ("S. Nina B-A, 'Railway Network of Kazakhstan and Freight border crossings', "
                  "trainof-thought.com (list of KZ–RU freight junctions; " + ACCESSED + ")")
EAEU_INTERNAL = ("inside the EAEU customs union (EAEU Treaty 2014): no customs control at "
                 "this border")
RU_BY_OPEN = ("Russia–Belarus Union State: no border or customs control between Russia and "
              "Belarus (EAEU customs union)")
FI_RESTRICTED = ("Finland closed its land border crossings with Russia to travellers from "
                 "2023-11 (Finnish Government decisions 2023-11/12); EU sanctions restrict the "
                 "goods that may cross; check that rail freight runs before routing")
BY_LT_EU = ("EU external border (Lithuanian customs); EU sanctions on Belarus and Russia "
            "restrict the goods that may cross (since 2022)")
POSITION = estimate("station position approximate (placed on the line near the border)")


def xing(nid, country, lon, lat, en, zh, source, aliases, counterpart):
    """One side of a border crossing abroad."""
    return node(nid, "border_crossing", country, lon, lat, en, zh, source, aliases,
                counterpart=counterpart)


CROSSINGS_ABROAD = [
    # Mongolia–Russia, Trans-Mongolian Railway (not in a customs union)
    xing("sukhbaatar", "MN", 106.21, 50.23, "Sükhbaatar", "苏赫巴托",
         wiki("Sükhbaatar (city)") + "; " + wiki("Trans-Mongolian Railway")
         + " (Mongolian border station for Naushki)",
         ["Sukhbaatar", "Suhbaatar", "Sukhe-Bator", "苏赫巴托尔"], "naushki"),
    xing("naushki", "RU", 106.08, 50.39, "Naushki", "纳乌什基",
         wiki("Naushki") + "; " + wiki("Trans-Mongolian Railway")
         + " (Russian border station for Sükhbaatar)",
         ["Naushki station"], "sukhbaatar"),
    # Kazakhstan–Russia (EAEU): Trans-Siberian through Petropavl, and the Turksib at Lokot
    xing("mamlyutka", "KZ", 68.54, 54.94, "Mamlyutka", "马姆柳特卡",
         wiki("Mamlyutka") + "; " + TRAINOFTHOUGHT + " ('Mamlyut'); " + EAEU_INTERNAL,
         ["Mamlyut", "Mamlyutka station"], "petukhovo"),
    xing("petukhovo", "RU", 67.89, 55.07, "Petukhovo", "彼图霍沃",
         wiki("Petukhovo") + " (Russian border station on the Trans-Siberian for Mamlyutka); "
         + EAEU_INTERNAL, ["Petukhovo station"], "mamlyutka"),
    xing("bulayevo", "KZ", 70.44, 54.90, "Bulayevo", "布拉耶沃",
         wiki("Bulayevo") + "; " + TRAINOFTHOUGHT + " ('Bulayevo'); " + EAEU_INTERNAL,
         ["Bulaevo", "Bulayevo-1", "Magzhan Zhumabayev"], "isilkul"),
    xing("isilkul", "RU", 71.27, 54.91, "Isilkul", "伊西利库利",
         wiki("Isilkul") + " (Russian border station on the Trans-Siberian for Bulayevo); "
         + EAEU_INTERNAL, ["Isilkul station"], "bulayevo"),
    xing("lokot", "RU", 81.17, 51.18, "Lokot", "洛科季",
         wiki("Turkestan–Siberia Railway") + "; " + TRAINOFTHOUGHT
         + " (Lokot: lines to Semey and Oskemen); " + EAEU_INTERNAL + "; " + POSITION,
         ["Lokot station", "Loktevsky"], "aul"),
    xing("aul", "KZ", 80.95, 51.02, "Aul", "阿乌尔",
         TRAINOFTHOUGHT + " (KZ junction 'Aul' for Lokot on the Semey line); "
         + EAEU_INTERNAL + "; " + POSITION,
         ["Auyl", "Aul station"], "lokot"),
    # Kazakhstan–Uzbekistan
    xing("saryagash", "KZ", 69.16, 41.46, "Saryagash", "萨雷阿加什",
         wiki("Saryagash") + "; Trend 2026-02-24 and Qazinform 2026-02-24 (Saryagash junction, "
         "36 train pairs a day, to rise to 40); Railway Gazette 2022-11 (Saryagash at the "
         "limit of its capacity)",
         ["Saryagash junction", "Saryağash", "Sarygash"], "keles"),
    xing("keles", "UZ", 69.20, 41.40, "Keles", "克列斯",
         wiki("Keles, Uzbekistan") + "; Kazinform 2019-07-30 (Keles interstate division point "
         "with Kazakhstan); " + POSITION, ["Keles station", "Keles junction"], "saryagash"),
    # Kazakhstan–Kyrgyzstan (EAEU); Lugovaya is also the Turksib junction of the Bishkek line
    xing("lugovaya", "KZ", 72.75, 42.96, "Lugovaya (Kulan)", "卢戈瓦亚",
         wiki("Lugovaya") + " (Turksib junction; Kazakh border station for the Bishkek line); "
         + EAEU_INTERNAL + "; " + estimate("station position approximate"),
         ["Kulan", "Lugovoy"], "kaindy"),
    xing("kaindy", "KG", 73.68, 42.83, "Kaindy", "凯英迪",
         wiki("Kayyngdy") + "; Kloop 2020-01-10 (checkpoint 'Kayyngdy railway' for trains "
         "across the Kyrgyz–Kazakh border); " + EAEU_INTERNAL + "; " + POSITION,
         ["Kayyngdy", "Kaiyndy", "Kainda"], "lugovaya"),
    # Uzbekistan–Tajikistan
    xing("sariosiyo", "UZ", 67.98, 38.42, "Sariosiyo", "萨里奥西约",
         wiki("Rail transport in Uzbekistan") + "; railway-archive.studio-petukh.ru trip report "
         "2014 (Sariasiya on the Uzbek side, Pakhtaabad on the Tajik side of the line to "
         "Dushanbe); " + estimate("pairing of the two border stations taken from that report; "
                                  "position approximate"),
         ["Sariasiya", "Sary-Asiya", "Sariosiyo station"], "pakhtaabad"),
    xing("pakhtaabad", "TJ", 68.10, 38.47, "Pakhtaabad", "帕赫塔巴德",
         wiki("Rail transport in Tajikistan") + "; railway-archive.studio-petukh.ru trip report "
         "2014 (Pakhtaabad, Tursunzoda district); " + POSITION,
         ["Pakhtaobod", "Paxtaobod"], "sariosiyo"),
    # Uzbekistan–Turkmenistan
    xing("khodjadavlet", "UZ", 63.69, 39.27, "Khodjadavlet", "霍贾达夫列特",
         wiki("Trans-Caspian railway") + " (Bukhara–Turkmenabat line); Azatlyk 2022-06 and "
         "auh.com.tm (Alat–Farap border checkpoint); "
         + estimate("Uzbek rail border station named from memory, not from the sources at "
                    "hand; position approximate"),
         ["Khojadavlat", "Xo'jadavlat", "Khodzhadavlet"], "farap"),
    xing("farap", "TM", 63.61, 39.17, "Farap", "法拉普",
         wiki("Farap") + "; " + wiki("Trans-Caspian railway")
         + " (Turkmen border station for Khodjadavlet); Azatlyk 2022-06 and auh.com.tm "
         "(Farap checkpoint on the Uzbek border); " + POSITION,
         ["Farab", "Farap station"], "khodjadavlet"),
    # Russia–Belarus (EAEU, Union State), Smolensk–Orsha
    xing("krasnoye", "RU", 31.43, 54.60, "Krasnoye", "克拉斯诺耶",
         wiki("Moscow–Brest railway") + " (Krasnoye, Russian border station for Osinovka); "
         + RU_BY_OPEN + "; " + POSITION, ["Krasnoe", "Krasnoye (Smolensk)"], "osinovka"),
    xing("osinovka", "BY", 31.00, 54.60, "Osinovka", "奥西诺夫卡",
         wiki("Moscow–Brest railway") + " (Osinovka, Belarusian border station for Krasnoye); "
         + RU_BY_OPEN + "; " + POSITION, ["Asinauka"], "krasnoye"),
    # Belarus–Lithuania, Minsk–Vilnius
    xing("gudogai", "BY", 25.89, 54.66, "Gudogai", "古多盖",
         wiki("Kena, Lithuania") + "; " + wiki("Rail transport in Lithuania")
         + " (Gudogai, Belarusian border station for Kena on the Minsk–Vilnius line); "
         + BY_LT_EU + "; " + POSITION, ["Gudogaj", "Hudahaj"], "kena"),
    xing("kena", "LT", 25.75, 54.63, "Kena", "凯纳",
         wiki("Kena, Lithuania") + " (Lithuanian border station for Gudogai); " + BY_LT_EU
         + "; " + POSITION, ["Kena station"], "gudogai"),
    # Russia–Finland, Saint Petersburg–Helsinki
    xing("buslovskaya", "RU", 28.55, 60.80, "Buslovskaya", "布斯洛夫斯卡亚",
         wiki("Riihimäki–Saint Petersburg railway") + " (Russian border station for "
         "Vainikkala); " + FI_RESTRICTED + "; " + POSITION,
         ["Buslovskaja", "Buslovskaya station"], "vainikkala"),
    xing("vainikkala", "FI", 28.31, 60.86, "Vainikkala", "瓦伊尼卡拉",
         wiki("Vainikkala") + " (Finnish border station for Buslovskaya); " + FI_RESTRICTED,
         ["Vainikkala station"], "buslovskaya"),
]

# Cautions carried by a crossing link (besides its railway's note in ``RAIL_NOTES``).
CROSSING_NOTES = {
    frozenset(pair): text
    for pair, text in [
        (("mamlyutka", "petukhovo"), EAEU_INTERNAL),
        (("bulayevo", "isilkul"), EAEU_INTERNAL),
        (("lokot", "aul"), EAEU_INTERNAL),
        (("lugovaya", "kaindy"), EAEU_INTERNAL),
        (("krasnoye", "osinovka"), RU_BY_OPEN),
        (("gudogai", "kena"), BY_LT_EU),
    ]
}

# Foreign rail junctions that are not themselves destinations.
RAIL_STATIONS_ABROAD = [
    station("karymskaya", "RU", 114.35, 51.62, "Karymskaya", "卡雷姆斯卡亚",
            wiki("Karymskaya") + "; junction of the Trans-Siberian and the Zabaykalsk line"),
    station("aktogay", "KZ", 79.98, 46.95, "Aktogay", "阿克斗卡",
            wiki("Aktogay, East Kazakhstan") + "; junction of the Turksib and the line to Dostyk",
            ["Aqtogay", "Aktogai"]),
    station("zhetygen", "KZ", 77.10, 43.70, "Zhetygen", "热特根",
            wiki("Zhetygen–Khorgos railway") + "; " + estimate("station position approximate"),
            ["Zhetigen", "Zhetigen station"]),
    station("shu", "KZ", 73.76, 43.60, "Shu", "楚", wiki("Shu, Kazakhstan"),
            ["Chu", "Chu station"]),
    station("frankfurt_oder", "DE", 14.55, 52.34, "Frankfurt (Oder)", "奥得河畔法兰克福",
            wiki("Frankfurt (Oder)") + "; PL–DE border station on the E20 line",
            ["Frankfurt an der Oder"]),
    station("arys", "KZ", 68.80, 42.43, "Arys", "阿雷斯", wiki("Arys"), ["Arys station"]),
]

DESTINATIONS = [
    # Central Asia
    dest("almaty", "KZ", 76.95, 43.24, "Almaty", "阿拉木图", ["Alma-Ata", "Alma Ata"]),
    dest("astana", "KZ", 71.43, 51.13, "Astana", "阿斯塔纳", ["Nur-Sultan", "Akmola"]),
    dest("karaganda", "KZ", 73.09, 49.80, "Karaganda", "卡拉干达", ["Qaraghandy"]),
    dest("pavlodar", "KZ", 76.95, 52.29, "Pavlodar", "巴甫洛达尔"),
    dest("petropavl", "KZ", 69.15, 54.87, "Petropavl", "彼得罗巴甫洛夫斯克",
         ["Petropavlovsk"]),
    dest("taraz", "KZ", 71.37, 42.90, "Taraz", "塔拉兹", ["Zhambyl", "Dzhambul"]),
    dest("shymkent", "KZ", 69.59, 42.32, "Shymkent", "奇姆肯特", ["Chimkent"]),
    dest("tashkent", "UZ", 69.24, 41.30, "Tashkent", "塔什干", ["Toshkent"]),
    dest("samarkand", "UZ", 66.96, 39.65, "Samarkand", "撒马尔罕", ["Samarqand"]),
    dest("bukhara", "UZ", 64.42, 39.77, "Bukhara", "布哈拉", ["Buxoro", "Kagan"]),
    dest("bishkek", "KG", 74.59, 42.87, "Bishkek", "比什凯克", ["Frunze"]),
    dest("dushanbe", "TJ", 68.78, 38.56, "Dushanbe", "杜尚别"),
    dest("ashgabat", "TM", 58.38, 37.95, "Ashgabat", "阿什哈巴德", ["Ashkhabad"]),
    # Mongolia
    dest("ulaanbaatar", "MN", 106.917, 47.918, "Ulaanbaatar", "乌兰巴托",
         ["Ulan Bator", "Ulan-Bator", "Ulaan Baatar"]),
    dest("darkhan", "MN", 105.95, 49.47, "Darkhan", "达尔汗"),
    # Russia
    dest("moscow", "RU", 37.62, 55.75, "Moscow", "莫斯科", ["Moskva"]),
    dest("vorsino", "RU", 36.61, 55.23, "Vorsino", "沃尔西诺",
         ["Vorsino station", "Vorsino logistics park"],
         source=wiki("Vorsino") + "; China–Europe terminal (Xinhua/Shanxi reports 2021)"),
    dest("st_petersburg", "RU", 30.32, 59.94, "Saint Petersburg", "圣彼得堡",
         ["St Petersburg", "St. Petersburg", "Sankt-Peterburg", "Leningrad"]),
    dest("smolensk", "RU", 32.05, 54.78, "Smolensk", "斯摩棱斯克"),
    dest("nizhny_novgorod", "RU", 44.00, 56.33, "Nizhny Novgorod", "下诺夫哥罗德",
         ["Nizhniy Novgorod", "Gorky"]),
    dest("kazan", "RU", 49.12, 55.79, "Kazan", "喀山"),
    dest("perm", "RU", 56.25, 58.01, "Perm", "彼尔姆"),
    dest("yekaterinburg", "RU", 60.61, 56.84, "Yekaterinburg", "叶卡捷琳堡",
         ["Ekaterinburg", "Sverdlovsk"]),
    dest("chelyabinsk", "RU", 61.40, 55.16, "Chelyabinsk", "车里雅宾斯克"),
    dest("omsk", "RU", 73.37, 54.99, "Omsk", "鄂木斯克"),
    dest("novosibirsk", "RU", 82.92, 55.03, "Novosibirsk", "新西伯利亚"),
    dest("krasnoyarsk", "RU", 92.87, 56.01, "Krasnoyarsk", "克拉斯诺亚尔斯克"),
    dest("irkutsk", "RU", 104.28, 52.29, "Irkutsk", "伊尔库茨克"),
    dest("ulan_ude", "RU", 107.585, 51.834, "Ulan-Ude", "乌兰乌德", ["Ulan Ude"]),
    dest("chita", "RU", 113.50, 52.03, "Chita", "赤塔"),
    dest("novorossiysk", "RU", 37.77, 44.72, "Novorossiysk", "新罗西斯克"),
    # Belarus and the Baltic / Nordic countries
    dest("minsk", "BY", 27.56, 53.90, "Minsk", "明斯克"),
    dest("vilnius", "LT", 25.28, 54.69, "Vilnius", "维尔纽斯", ["Wilno"]),
    dest("kaunas", "LT", 23.90, 54.90, "Kaunas", "考纳斯"),
    dest("riga", "LV", 24.11, 56.95, "Riga", "里加"),
    dest("kouvola", "FI", 26.70, 60.87, "Kouvola", "科沃拉"),
    dest("helsinki", "FI", 24.94, 60.17, "Helsinki", "赫尔辛基", ["Helsingfors"]),
    # EU
    dest("warsaw", "PL", 21.01, 52.23, "Warsaw", "华沙", ["Warszawa"]),
    dest("lodz", "PL", 19.46, 51.76, "Łódź", "罗兹", ["Lodz"]),
    dest("poznan", "PL", 16.93, 52.41, "Poznań", "波兹南", ["Poznan"]),
    dest("wroclaw", "PL", 17.04, 51.11, "Wrocław", "弗罗茨瓦夫", ["Wroclaw", "Breslau"]),
    dest("gdansk", "PL", 18.65, 54.35, "Gdańsk", "格但斯克", ["Gdansk", "Danzig"]),
    dest("berlin", "DE", 13.40, 52.52, "Berlin", "柏林"),
    dest("hanover", "DE", 9.73, 52.37, "Hanover", "汉诺威", ["Hannover"]),
    dest("hamburg", "DE", 9.99, 53.55, "Hamburg", "汉堡"),
    dest("duisburg", "DE", 6.76, 51.43, "Duisburg", "杜伊斯堡"),
    dest("cologne", "DE", 6.96, 50.94, "Cologne", "科隆", ["Köln", "Koln", "Koeln"]),
    dest("frankfurt", "DE", 8.68, 50.11, "Frankfurt am Main", "法兰克福", ["Frankfurt"]),
    dest("nuremberg", "DE", 11.08, 49.45, "Nuremberg", "纽伦堡", ["Nürnberg", "Nurnberg"]),
    dest("munich", "DE", 11.58, 48.14, "Munich", "慕尼黑", ["München", "Muenchen"]),
    dest("leipzig", "DE", 12.37, 51.34, "Leipzig", "莱比锡"),
    dest("tilburg", "NL", 5.09, 51.56, "Tilburg", "蒂尔堡"),
    dest("rotterdam", "NL", 4.48, 51.92, "Rotterdam", "鹿特丹"),
    dest("amsterdam", "NL", 4.90, 52.37, "Amsterdam", "阿姆斯特丹"),
    dest("liege", "BE", 5.57, 50.63, "Liège", "列日", ["Liege", "Luik"]),
    dest("brussels", "BE", 4.35, 50.85, "Brussels", "布鲁塞尔", ["Bruxelles", "Brussel"]),
    dest("antwerp", "BE", 4.40, 51.22, "Antwerp", "安特卫普", ["Antwerpen", "Anvers"]),
    dest("luxembourg", "LU", 6.13, 49.61, "Luxembourg", "卢森堡"),
    dest("paris", "FR", 2.35, 48.86, "Paris", "巴黎", ["Valenton"]),
    dest("lyon", "FR", 4.84, 45.76, "Lyon", "里昂", ["Lyons"]),
    dest("barcelona", "ES", 2.17, 41.39, "Barcelona", "巴塞罗那"),
    dest("madrid", "ES", -3.70, 40.42, "Madrid", "马德里"),
    dest("valencia", "ES", -0.38, 39.47, "Valencia", "瓦伦西亚", ["València"]),
    dest("verona", "IT", 10.99, 45.44, "Verona", "维罗纳"),
    dest("milan", "IT", 9.19, 45.46, "Milan", "米兰", ["Milano"]),
    dest("genoa", "IT", 8.93, 44.41, "Genoa", "热那亚", ["Genova"]),
    dest("prague", "CZ", 14.42, 50.09, "Prague", "布拉格", ["Praha"]),
    dest("vienna", "AT", 16.37, 48.21, "Vienna", "维也纳", ["Wien"]),
    dest("budapest", "HU", 19.04, 47.50, "Budapest", "布达佩斯"),
    dest("piraeus", "GR", 23.65, 37.94, "Piraeus", "比雷埃夫斯", ["Peiraias", "Athens"]),
    dest("london", "GB", -0.13, 51.51, "London", "伦敦"),
    dest("felixstowe", "GB", 1.35, 51.96, "Felixstowe", "费利克斯托"),
    # Middle East, Africa
    dest("dubai", "AE", 55.27, 25.20, "Dubai", "迪拜", []),
    dest("jeddah", "SA", 39.17, 21.54, "Jeddah", "吉达", ["Jiddah"]),
    dest("johannesburg", "ZA", 28.05, -26.20, "Johannesburg", "约翰内斯堡"),
    dest("durban", "ZA", 31.03, -29.86, "Durban", "德班"),
    dest("nairobi", "KE", 36.82, -1.29, "Nairobi", "内罗毕"),
    dest("mombasa", "KE", 39.67, -4.04, "Mombasa", "蒙巴萨"),
    dest("lagos", "NG", 3.38, 6.52, "Lagos", "拉各斯"),
    dest("tema", "GH", 0.02, 5.67, "Tema", "特马", ["Accra"]),
    # South and South-East Asia
    dest("mumbai", "IN", 72.88, 19.08, "Mumbai", "孟买", ["Bombay"]),
    dest("karachi", "PK", 67.01, 24.86, "Karachi", "卡拉奇"),
    dest("colombo", "LK", 79.86, 6.93, "Colombo", "科伦坡"),
    dest("singapore", "SG", 103.82, 1.35, "Singapore", "新加坡"),
    dest("kuala_lumpur", "MY", 101.69, 3.14, "Kuala Lumpur", "吉隆坡", []),
    dest("bangkok", "TH", 100.50, 13.76, "Bangkok", "曼谷"),
    dest("laem_chabang", "TH", 100.88, 13.08, "Laem Chabang", "林查班"),
    dest("ho_chi_minh_city", "VN", 106.70, 10.78, "Ho Chi Minh City", "胡志明市",
         ["Saigon"]),
    dest("jakarta", "ID", 106.85, -6.21, "Jakarta", "雅加达", []),
    # East Asia
    dest("hong_kong", "HK", 114.17, 22.32, "Hong Kong", "香港"),
    dest("seoul", "KR", 126.98, 37.57, "Seoul", "首尔", ["Incheon"]),
    dest("busan", "KR", 129.04, 35.18, "Busan", "釜山", ["Pusan"]),
    dest("tokyo", "JP", 139.69, 35.69, "Tokyo", "东京"),
    # Americas and Oceania
    dest("los_angeles", "US", -118.24, 34.05, "Los Angeles", "洛杉矶", []),
    dest("san_francisco", "US", -122.42, 37.77, "San Francisco", "旧金山"),
    dest("chicago", "US", -87.63, 41.88, "Chicago", "芝加哥"),
    dest("new_york", "US", -74.01, 40.71, "New York", "纽约", ["New Jersey"]),
    dest("savannah", "US", -81.09, 32.08, "Savannah", "萨凡纳"),
    dest("anchorage", "US", -149.90, 61.22, "Anchorage", "安克雷奇"),
    dest("vancouver", "CA", -123.12, 49.28, "Vancouver", "温哥华"),
    dest("mexico_city", "MX", -99.13, 19.43, "Mexico City", "墨西哥城", ["Ciudad de México"]),
    dest("manzanillo", "MX", -104.32, 19.05, "Manzanillo", "曼萨尼约"),
    dest("sao_paulo", "BR", -46.63, -23.55, "São Paulo", "圣保罗", ["Sao Paulo"]),
    dest("santos", "BR", -46.33, -23.96, "Santos", "桑托斯"),
    dest("lima", "PE", -77.04, -12.05, "Lima", "利马", []),
    dest("valparaiso", "CL", -71.62, -33.05, "Valparaíso", "瓦尔帕莱索", ["Valparaiso"]),
    dest("sydney", "AU", 151.21, -33.87, "Sydney", "悉尼"),
    dest("melbourne", "AU", 144.96, -37.81, "Melbourne", "墨尔本"),
]

# Reports of Shanxi trains to these places, added to the destination's source.
CHINANEWS_2024 = ("China News Service 2024-12-13 (Shanxi trains: Linfen–Munich, "
                  "Linfen–Małaszewicze, Jinzhong–Pavlodar, Jinzhong–Paris, X9235 to Tashkent)")
TRAIN_REPORTS = {
    "munich": CHINANEWS_2024,
    "pavlodar": CHINANEWS_2024,
    "tashkent": CHINANEWS_2024,
    "paris": CHINANEWS_2024 + "; first Shanxi train to Paris (Valenton) 2021-06-02",
    "minsk": "Shanxi TV 2021-08-02 (weekly scheduled Zhongding–Minsk train)",
    "vorsino": "Shanxi Jinou Logistics 2021-01-13 (X8436 Zhongding–Vorsino via Manzhouli)",
    "hamburg": "Jinbao 2020-08-28 (wheelsets by train to Małaszewicze and Hamburg in 18 days)",
    "moscow": "DESIGN brief: public reports of Taiyuan–Moscow trains via Erenhot",
}
TRAIN_REPORTS_CROSSING = {
    "malaszewicze": CHINANEWS_2024 + "; Jinbao 2020-08-28 (Zhongding–Małaszewicze line)",
}

# Cautions carried by the links of a railway (optional ``note`` property).
RAIL_NOTES = {
    "st_petersburg_helsinki": "Finnish–Russian border crossings restricted since 2023; "
                              "check that rail freight runs before routing",
    "barcelona_madrid": "Iberian gauge (1668 mm) west of Barcelona; the transshipment is not "
                        "modelled",
    "datong_hub": "schematic access track",
}

# Foreign airports: (id, IATA, lon, lat, name_en, name_zh, city) -- airportsdata 20260905.
FOREIGN_AIRPORTS = [
    ("fra_airport", "FRA", 8.54313, 50.0264, "Frankfurt Airport", "法兰克福机场", "frankfurt"),
    ("lgg_airport", "LGG", 5.2634, 50.3811, "Liège Airport", "列日机场", "liege"),
    ("ams_airport", "AMS", 4.76389, 52.3086, "Amsterdam Schiphol Airport", "阿姆斯特丹史基浦机场",
     "amsterdam"),
    ("lhr_airport", "LHR", -0.46194, 51.4706, "London Heathrow Airport", "伦敦希思罗机场",
     "london"),
    ("cdg_airport", "CDG", 2.55, 49.0128, "Paris Charles de Gaulle Airport", "巴黎戴高乐机场",
     "paris"),
    ("lux_airport", "LUX", 6.1216, 49.3724, "Luxembourg Findel Airport", "卢森堡芬德尔机场",
     "luxembourg"),
    ("lej_airport", "LEJ", 12.2416, 51.4324, "Leipzig/Halle Airport", "莱比锡/哈勒机场",
     "leipzig"),
    ("cgn_airport", "CGN", 7.14274, 50.8659, "Cologne Bonn Airport", "科隆/波恩机场", "cologne"),
    ("bru_airport", "BRU", 4.2904, 50.5405, "Brussels Airport", "布鲁塞尔机场", "brussels"),
    ("mad_airport", "MAD", -3.56676, 40.4936, "Madrid Barajas Airport", "马德里巴拉哈斯机场",
     "madrid"),
    ("bud_airport", "BUD", 19.2556, 47.4369, "Budapest Ferenc Liszt Airport", "布达佩斯机场",
     "budapest"),
    ("svo_airport", "SVO", 37.4146, 55.9726, "Moscow Sheremetyevo Airport", "莫斯科谢列梅捷沃机场",
     "moscow"),
    ("ala_airport", "ALA", 77.0405, 43.3521, "Almaty International Airport", "阿拉木图国际机场",
     "almaty"),
    ("nqz_airport", "NQZ", 71.4669, 51.0222, "Astana International Airport", "阿斯塔纳国际机场",
     "astana"),
    ("tas_airport", "TAS", 69.2812, 41.2579, "Tashkent International Airport", "塔什干国际机场",
     "tashkent"),
    ("uln_airport", "ULN", 106.767, 47.8431, "Ulaanbaatar Buyant-Ukhaa Airport",
     "乌兰巴托布彦图乌哈机场", "ulaanbaatar"),
    ("dxb_airport", "DXB", 55.3644, 25.2528, "Dubai International Airport", "迪拜国际机场",
     "dubai"),
    ("bom_airport", "BOM", 72.8679, 19.0887, "Mumbai Chhatrapati Shivaji Airport", "孟买机场",
     "mumbai"),
    ("sin_airport", "SIN", 103.994, 1.35019, "Singapore Changi Airport", "新加坡樟宜机场",
     "singapore"),
    ("kul_airport", "KUL", 101.71, 2.74558, "Kuala Lumpur International Airport", "吉隆坡国际机场",
     "kuala_lumpur"),
    ("bkk_airport", "BKK", 100.747, 13.6811, "Bangkok Suvarnabhumi Airport", "曼谷素万那普机场",
     "bangkok"),
    ("hkg_airport", "HKG", 113.915, 22.3089, "Hong Kong International Airport", "香港国际机场",
     "hong_kong"),
    ("icn_airport", "ICN", 126.451, 37.4691, "Seoul Incheon International Airport",
     "首尔仁川国际机场",
     "seoul"),
    ("nrt_airport", "NRT", 140.386, 35.7647, "Tokyo Narita Airport", "东京成田机场", "tokyo"),
    ("anc_airport", "ANC", -149.998138, 61.174085, "Anchorage Ted Stevens Airport",
     "安克雷奇国际机场", "anchorage"),
    ("lax_airport", "LAX", -118.408049, 33.942496, "Los Angeles International Airport",
     "洛杉矶国际机场", "los_angeles"),
    ("sfo_airport", "SFO", -122.375417, 37.618806, "San Francisco International Airport",
     "旧金山国际机场", "san_francisco"),
    ("ord_airport", "ORD", -87.90815, 41.97694, "Chicago O'Hare Airport", "芝加哥奥黑尔机场",
     "chicago"),
    ("jfk_airport", "JFK", -73.778692, 40.639928, "New York JFK Airport", "纽约肯尼迪机场",
     "new_york"),
    ("mex_airport", "MEX", -99.0721, 19.4363, "Mexico City International Airport",
     "墨西哥城国际机场", "mexico_city"),
    ("gru_airport", "GRU", -46.47306, -23.43556, "São Paulo Guarulhos Airport",
     "圣保罗瓜鲁柳斯机场",
     "sao_paulo"),
    ("jnb_airport", "JNB", 28.24233, -26.13367, "Johannesburg O. R. Tambo Airport",
     "约翰内斯堡机场", "johannesburg"),
    ("nbo_airport", "NBO", 36.9278, -1.31924, "Nairobi Jomo Kenyatta Airport", "内罗毕机场",
     "nairobi"),
    ("syd_airport", "SYD", 151.177, -33.9461, "Sydney Kingsford Smith Airport", "悉尼机场",
     "sydney"),
]

# Seaports: id -> (UN/LOCODE in searoute's port list, searoute port name, name_en, name_zh,
# country, city).  Coordinates come from searoute's ports.geojson at build time.
SEAPORTS = [
    ("tianjin_port", "CNTSN", "Tianjin", "Tianjin Port", "天津港", "CN", "tianjin",
     ["Tianjin Xingang", "Xingang", "CNTXG"]),
    ("ningbo_zhoushan_port", "CNNGB", "Ningbo", "Ningbo-Zhoushan Port", "宁波舟山港", "CN",
     "ningbo", ["Zhoushan Port", "Ningbo Port", "Zhoushan", "舟山港", "宁波港", "CNZOS"]),
    ("rizhao_port", "CNRZH", "Rizhao", "Rizhao Port", "日照港", "CN", "rizhao", []),
    ("qinhuangdao_port", "CNSHP", "Qinhuangdao", "Qinhuangdao Port", "秦皇岛港", "CN",
     "qinhuangdao", []),
    ("rotterdam_port", "NLRTM", "Rotterdam", "Port of Rotterdam", "鹿特丹港", "NL", "rotterdam",
     []),
    ("hamburg_port", "DEHAM", "Hamburg", "Port of Hamburg", "汉堡港", "DE", "hamburg", []),
    ("antwerp_port", "BEANR", "Antwerpen", "Port of Antwerp-Bruges", "安特卫普港", "BE", "antwerp",
     ["Port of Antwerp"]),
    ("felixstowe_port", "GBFXT", "Felixstowe", "Port of Felixstowe", "费利克斯托港", "GB",
     "felixstowe", []),
    ("gdansk_port", "PLGDN", "Gdansk", "Port of Gdańsk", "格但斯克港", "PL", "gdansk",
     ["Port of Gdansk"]),
    ("st_petersburg_port", "RULED", "Saint Petersburg", "Port of Saint Petersburg", "圣彼得堡港",
     "RU", "st_petersburg", ["Big Port St Petersburg"]),
    ("piraeus_port", "GRPIR", "Piraeus", "Port of Piraeus", "比雷埃夫斯港", "GR", "piraeus", []),
    ("valencia_port", "ESVLC", "Valencia", "Port of Valencia", "瓦伦西亚港", "ES", "valencia", []),
    ("genoa_port", "ITGOA", "Genova", "Port of Genoa", "热那亚港", "IT", "genoa",
     ["Porto di Genova"]),
    ("novorossiysk_port", "RUNVS", "Novorossiysk", "Port of Novorossiysk", "新罗西斯克港", "RU",
     "novorossiysk", []),
    ("jebel_ali_port", "AEJEA", "Jebel Ali", "Port of Jebel Ali", "杰贝阿里港", "AE", "dubai",
     ["Jebel Ali"]),
    ("jeddah_port", "SAJED", "Jeddah", "Jeddah Islamic Port", "吉达伊斯兰港", "SA", "jeddah", []),
    ("karachi_port", "PKKHI", "Karachi", "Port of Karachi", "卡拉奇港", "PK", "karachi", []),
    ("nhava_sheva_port", "INNSA", "Nhava Sheva", "Nhava Sheva (JNPT)", "那瓦舍瓦港", "IN", "mumbai",
     ["Jawaharlal Nehru Port", "JNPT", "Nhava Sheva"]),
    ("colombo_port", "LKCMB", "Colombo", "Port of Colombo", "科伦坡港", "LK", "colombo", []),
    ("singapore_port", "SGSIN", "Singapore", "Port of Singapore", "新加坡港", "SG", "singapore",
     []),
    ("port_klang", "MYPKG", "Port Kelang", "Port Klang", "巴生港", "MY", "kuala_lumpur",
     ["Port Kelang"]),
    ("laem_chabang_port", "THLCH", "Laem Chabang", "Laem Chabang Port", "林查班港", "TH",
     "laem_chabang", []),
    ("ho_chi_minh_city_port", "VNSGN", "Ho Chi Minh City", "Port of Ho Chi Minh City", "胡志明港",
     "VN", "ho_chi_minh_city", ["Saigon port", "Cat Lai"]),
    ("tanjung_priok_port", "IDTPP", "Tanjung Priok", "Tanjung Priok", "丹戎不碌港", "ID",
     "jakarta", []),
    ("busan_port", "KRPUS", "Pusan", "Port of Busan", "釜山港", "KR", "busan", ["Port of Pusan"]),
    ("tokyo_port", "JPTYO", "Tokyo", "Port of Tokyo", "东京港", "JP", "tokyo", []),
    ("durban_port", "ZADUR", "Durban", "Port of Durban", "德班港", "ZA", "durban", []),
    ("mombasa_port", "KEMBA", "Mombasa", "Port of Mombasa", "蒙巴萨港", "KE", "mombasa", []),
    ("tin_can_port", "NGTIN", "Tincan", "Tin Can Island Port", "廷坎岛港", "NG", "lagos",
     ["Tincan", "Lagos port"]),
    ("tema_port", "GHTEM", "Tema", "Port of Tema", "特马港", "GH", "tema", []),
    ("sydney_port", "AUSYD", "Sydney", "Port Botany (Sydney)", "悉尼港", "AU", "sydney",
     ["Port Botany"]),
    ("melbourne_port", "AUMEL", "Melbourne", "Port of Melbourne", "墨尔本港", "AU", "melbourne",
     []),
    ("los_angeles_port", "USLAX", "Los Angeles", "Port of Los Angeles", "洛杉矶港", "US",
     "los_angeles", []),
    ("long_beach_port", "USLGB", "Long Beach", "Port of Long Beach", "长滩港", "US", "los_angeles",
     ["Long Beach"]),
    ("vancouver_port", "CAVAN", "Vancouver", "Port of Vancouver", "温哥华港", "CA", "vancouver",
     []),
    ("new_york_port", "USNYC", "New York", "Port of New York and New Jersey", "纽约新泽西港",
     "US", "new_york", ["Port Newark"]),
    ("savannah_port", "USSAV", "Savannah", "Port of Savannah", "萨凡纳港", "US", "savannah", []),
    ("manzanillo_port", "MXZLO", "Manzanillo", "Port of Manzanillo", "曼萨尼约港", "MX",
     "manzanillo", []),
    ("santos_port", "BRSSZ", "Santos", "Port of Santos", "桑托斯港", "BR", "santos", []),
    ("callao_port", "PECLL", "Callao", "Port of Callao", "卡亚俄港", "PE", "lima", ["Callao"]),
    ("valparaiso_port", "CLVAP", "Valparaiso", "Port of Valparaíso", "瓦尔帕莱索港", "CL",
     "valparaiso", ["Port of Valparaiso"]),
]
CHINESE_SEAPORTS = ["tianjin_port", "ningbo_zhoushan_port", "rizhao_port", "qinhuangdao_port"]

# ============================================================================================
# Vertices that shape lines (stations, towns, passes); not nodes.  (lon, lat)
# ============================================================================================

VIA = {
    # Datong–Puzhou (Tongpu) railway
    "pingwang": (113.24, 40.02), "libazhuang": (113.16, 39.90),
    "dongyulin": (112.73, 39.47), "yuanshulin": (112.63, 39.44),
    "fenghuangcun": (112.33, 38.95), "zhangzhen": (112.36, 38.88), "pingshe": (112.80, 38.24),
    "douluo": (112.78, 38.33),
    "nanhe": (112.77, 38.19), "yian": (112.03, 37.10), "shidian": (111.33, 35.56),
    "dongzhen": (111.30, 35.43), "hongshan": (112.26, 37.28), "liangdu": (111.85, 36.93),
    "gaocun": (112.72, 38.13), "lengquan": (111.81, 36.78), "fujiatan": (111.73, 36.71),
    "nanguan": (111.74, 36.65), "zhaocheng": (111.70, 36.40), "houma_north": (111.38, 35.65),
    "hanjialing": (113.18, 39.95), "huairen": (113.10, 39.83),
    "jinshatan": (112.98, 39.66), "beizhouzhuang": (112.90, 39.60), "daiyue": (112.82, 39.52),
    "shentou": (112.54, 39.40),
    "shuozhou_stn": (112.43, 39.33), "qianzhai": (112.36, 39.24), "yangfangkou": (112.24, 39.10),
    "ningwu": (112.30, 39.00),
    "xuangang": (112.43, 38.86), "yuanping": (112.71, 38.73), "xinzhou_stn": (112.72, 38.42),
    "yangqu": (112.67, 38.06), "taiyuan_north": (112.58, 37.92),
    "taiyuan_stn": (112.58, 37.85), "xiuwen": (112.66, 37.58), "taigu": (112.55, 37.42),
    "qixian": (112.33, 37.36), "pingyao": (112.17, 37.19), "jiexiu": (111.91, 37.03),
    "lingshi": (111.78, 36.85), "huozhou": (111.72, 36.57), "hongtong": (111.67, 36.25),
    "linfen_stn": (111.52, 36.08), "xiangfen": (111.44, 35.88),
    "gaoxian": (111.40, 35.70), "liyuan": (111.27, 35.50), "wenxi": (111.22, 35.36),
    "shuitou": (111.12, 35.22),
    "anyi": (111.08, 35.08), "yuncheng_stn": (111.00, 35.03), "dianpo": (110.90, 34.95),
    "yuxiang": (110.62, 34.88), "yongji": (110.45, 34.87), "puzhou": (110.33, 34.83),
    "hanyang": (110.28, 34.72),
    # Beijing–Baotou (Datong–Jining) and Jining–Erenhot
    "gudian": (113.30, 40.30), "fengzhen": (113.15, 40.44),
    "baiyinchagan": (113.17, 41.44), "tumurtai": (113.30, 41.85), "zhurihe": (112.90, 42.40),
    "saihantala": (112.64, 42.74),
    # Jining–Tongliao, Tongliao–Ranghulu, Harbin–Manzhouli
    "shangdu": (113.56, 41.56), "huade": (114.01, 41.90),
    "sanggendalai": (116.00, 42.24),
    "zhengxiangbai": (115.00, 42.29), "gurban": (115.50, 42.30), "duolun_river": (116.45, 42.45),
    "dalinor": (116.75, 42.95), "jingpeng": (117.54, 43.26), "reshui": (117.90, 43.50),
    "linxi": (118.05, 43.61), "daban": (118.67, 43.53), "tianshan": (120.08, 43.86),
    "gandaoha": (121.20, 43.90),
    "baokang": (123.32, 44.13), "taipingchuan": (123.20, 44.40), "tongyu": (123.09, 44.81),
    "daan_north": (124.29, 45.51),
    "zhaodong": (125.98, 46.07), "anda": (125.35, 46.42), "daqing_stn": (125.10, 46.59),
    "angangxi": (123.82, 47.15), "fularji": (123.67, 47.21), "longjiang": (123.19, 47.33),
    "zhalantun": (122.74, 48.01), "chengjisihan": (122.10, 48.30), "bokeshi": (121.92, 48.77),
    "xinganling": (121.45, 49.00), "mianduhe": (120.97, 49.04), "yakeshi": (120.71, 49.29),
    "hailar": (119.74, 49.21), "wanggong": (118.50, 49.30), "zhalainuoer": (117.72, 49.45),
    # Taiyuan–Zhongwei–Yinchuan
    "taiyuan_west": (112.45, 37.80), "lishi": (111.14, 37.50), "jiaocheng": (112.16, 37.55),
    "xishan_tunnel": (111.70, 37.60),
    "liulin": (110.89, 37.43), "wubu": (110.72, 37.45), "suide": (110.26, 37.50),
    "zizhou": (110.03, 37.61), "hengshan": (109.29, 37.96), "jingbian": (108.79, 37.60),
    "yanchi": (107.41, 37.78), "lingwu": (106.34, 38.10),
    "huianbao": (106.90, 37.50), "taiyangshan": (106.55, 37.40), "zhongning": (105.68, 37.48),
    # Houma–Xi'an, Longhai (Xi'an–Lanzhou)
    "hejin": (110.71, 35.60), "yumenkou": (110.58, 35.62), "hancheng": (110.44, 35.48),
    "heyang": (110.15, 35.24), "pucheng": (109.59, 34.96), "fuping": (109.18, 34.75),
    "xianyang": (108.71, 34.33), "baoji": (107.14, 34.36), "tianshui": (105.72, 34.58),
    "gangu": (105.33, 34.74), "longxi": (104.63, 35.00), "dingxi": (104.62, 35.58),
    # Baotou–Lanzhou (Zhongwei–Gantang), Gantang–Wuwei
    "shapotou": (104.98, 37.46), "changliushui": (104.75, 37.45),
    "ganwu_1": (104.00, 37.60), "ganwu_2": (103.30, 37.75),
    # Lanzhou–Xinjiang
    "hekou": (103.40, 36.30), "yongdeng": (103.26, 36.74), "wushaoling": (102.87, 37.20),
    "gulang": (102.90, 37.47), "hexibao": (102.10, 38.30), "tianzhu": (103.13, 36.98),
    "haishiwan": (103.20, 36.43), "huangyangzhen": (102.72, 37.64), "yandun": (94.20, 42.35),
    "liaodun": (92.60, 43.05), "yuergou": (88.70, 43.15),
    "yongchang": (101.97, 38.24), "shandan": (101.09, 38.78),
    "zhangye": (100.45, 38.93), "gaotai": (99.82, 39.38), "qingshui": (99.05, 39.55),
    "jiuquan": (98.51, 39.74), "jiayuguan": (98.29, 39.80), "yumen": (97.05, 40.29),
    "liuyuan": (95.43, 41.10), "xingxingxia": (95.13, 41.79), "hami": (93.51, 42.82),
    "shanshan": (90.21, 42.87), "turpan": (89.19, 42.93), "dabancheng": (88.30, 43.36),
    # Northern Xinjiang, Jinghe–Yining–Horgos
    "changji": (87.30, 44.01), "hutubi": (86.88, 44.19), "shihezi": (86.04, 44.31),
    "kuytun": (84.90, 44.43), "wusu": (84.68, 44.42), "tuoli": (83.60, 44.50),
    "bole_junction": (82.40, 44.85),
    "sayram": (81.35, 44.55), "guozigou": (81.15, 44.35), "yining": (81.28, 43.92),
    "qingshuihe": (80.85, 44.05),
    # Wari (Watang–Rizhao): Xing, Lin, Shilou, Xi, Pu, Hongtong, Fushan, Anze, Changzhi
    # South, Anyang South, Puyang, Taiqian (Yellow River), Liangshan, Tai'an, Laiwu, Yiyuan,
    # Yishui, Ju, Rizhao South
    "xingxian_north": (111.13, 38.47), "linxian": (110.99, 37.96), "baiwen": (111.03, 37.78),
    "shilou": (110.83, 37.00), "yonghe": (110.63, 36.76), "xixian": (110.94, 36.69),
    "puxian": (111.10, 36.41),
    "hongtong_north": (111.62, 36.30), "fushan": (111.85, 35.97), "anze": (112.25, 36.15),
    "tunliu": (112.89, 36.32), "changzhi_south": (113.10, 36.12), "huguan": (113.21, 36.11),
    "pingshun": (113.44, 36.20),
    "linzhou": (113.82, 36.08), "anyang_south": (114.35, 36.05), "neihuang": (114.90, 35.97),
    "puyang": (115.03, 35.76), "fanxian": (115.50, 35.85), "taiqian": (115.87, 35.97),
    "liangshan": (116.10, 35.80), "dongping": (116.47, 35.94), "feicheng": (116.77, 36.18),
    "taian": (117.09, 36.19), "laiwu": (117.68, 36.21), "yiyuan": (118.17, 36.18),
    "yishui": (118.63, 35.79), "juxian": (118.84, 35.58), "rizhao_south": (119.40, 35.35),
    # Datong–Qinhuangdao
    "yanggao": (113.75, 40.36), "huailai": (115.52, 40.40), "zhuolu": (115.21, 40.38),
    "yanqing": (115.97, 40.46), "miyun": (116.84, 40.37), "pinggu": (117.12, 40.14),
    "jixian": (117.41, 40.05), "zunhua": (117.96, 40.19), "qianan": (118.70, 40.01),
    "liucun": (119.23, 39.90),
    # Shijiazhuang–Taiyuan, Beijing–Guangzhou, Beijing–Shanhaiguan
    "shouyang": (113.18, 37.89), "yangquan_stn": (113.56, 37.86), "niangziguan": (113.87, 37.95),
    "jingxing": (114.14, 38.03), "dingzhou": (114.99, 38.52), "baoding": (115.48, 38.86),
    "zhuozhou": (115.97, 39.49), "langfang": (116.70, 39.52), "tianjin_stn": (117.21, 39.14),
    "tanggu": (117.65, 39.02),
    # Taiyuan–Jiaozuo, Xinxiang–Yueshan, Longhai, Beijing–Shanghai, Shanghai–Hangzhou–Ningbo
    "yushe": (112.98, 37.07), "wuxiang": (112.86, 36.84), "changzhi_stn": (113.10, 36.20),
    "gaoping": (112.92, 35.80),
    "jincheng_stn": (112.85, 35.49), "yueshan": (112.95, 35.15), "huojia": (113.66, 35.26),
    "kaifeng": (114.31, 34.80), "shangqiu": (115.65, 34.41), "dangshan": (116.35, 34.42),
    "suzhou_ah": (116.98, 33.64), "bengbu": (117.39, 32.92), "nanjing": (118.80, 32.09),
    "zhenjiang": (119.43, 32.19), "changzhou": (119.97, 31.81), "wuxi": (120.30, 31.57),
    "suzhou_js": (120.62, 31.33), "jiaxing": (120.76, 30.75), "hangzhou": (120.21, 30.29),
    "shaoxing": (120.58, 30.00), "yuyao": (121.15, 30.04),
    # Trans-Mongolian, Trans-Siberian, Zabaykalsk line
    "sainshand": (110.14, 44.89), "choir": (109.31, 46.36), "zuunkharaa": (106.45, 48.86),
    "gusinoozyorsk": (106.47, 51.28),
    "borzya": (116.52, 50.39), "olovyannaya": (115.58, 50.95),
    "petrovsk_zabaykalsky": (108.83, 51.27), "khilok": (110.46, 51.36),
    "mysovaya": (105.85, 51.72), "slyudyanka": (103.70, 51.66),
    "zima": (102.05, 53.92), "tulun": (100.58, 54.56), "tayshet": (98.00, 55.94),
    "kansk": (95.71, 56.20), "achinsk": (90.50, 56.27), "mariinsk": (87.75, 56.21),
    "taiga": (85.62, 56.06), "barabinsk": (78.35, 55.35), "tatarsk": (75.97, 55.21),
    "nazyvayevsk": (71.35, 55.57), "ishim": (69.48, 56.11), "tyumen": (65.53, 57.15),
    "kamyshlov": (62.71, 56.84), "kungur": (56.94, 57.43), "vereshchagino": (54.66, 58.08),
    "balezino": (53.01, 57.98), "kirov": (49.67, 58.60), "kotelnich": (48.32, 58.31),
    "shakhunya": (46.61, 57.67), "semyonov": (44.50, 56.79), "vladimir": (40.41, 56.13),
    # Moscow–Kazan–Yekaterinburg, Moscow–Vorsino, Moscow–Brest, Moscow–St Petersburg
    "murom": (42.04, 55.57), "arzamas": (43.84, 55.39), "kanash": (47.49, 55.51),
    "agryz": (52.99, 56.52), "krasnoufimsk": (57.76, 56.61), "druzhinino": (59.50, 56.79),
    "naro_fominsk": (36.73, 55.39),
    "vyazma": (34.30, 55.21), "orsha": (30.42, 54.51), "borisov": (28.50, 54.23),
    "baranovichi": (26.00, 53.13), "tver": (35.90, 56.86), "bologoye": (34.05, 57.88),
    "malaya_vishera": (32.23, 58.85),
    "vyborg": (28.75, 60.71), "lahti": (25.66, 60.98),
    "riihimaki": (24.77, 60.74),
    # Belarus, Baltics
    "molodechno": (26.85, 54.31), "kaisiadorys": (24.45, 54.86),
    "pabrade": (25.76, 54.98), "turmantas": (26.43, 55.68), "daugavpils": (26.53, 55.87),
    "jekabpils": (25.86, 56.51), "ogre": (24.60, 56.82),
    # Poland, Germany, Benelux, France, Spain, Italy, Czechia, Austria, Hungary
    "biala_podlaska": (23.12, 52.03), "lukow": (22.38, 51.93), "siedlce": (22.27, 52.17),
    "skierniewice": (20.14, 51.96), "koluszki": (19.82, 51.74),
    "sochaczew": (20.24, 52.23), "kutno": (19.36, 52.23), "konin": (18.25, 52.22),
    "wrzesnia": (17.57, 52.32), "koscian": (16.65, 52.09), "leszno": (16.58, 51.84),
    "rawicz": (16.86, 51.61), "zbaszynek": (15.82, 52.24), "rzepin": (14.83, 52.35),
    "furstenwalde": (14.07, 52.36),
    "stendal": (11.86, 52.60), "wolfsburg": (10.79, 52.43),
    "celle": (10.08, 52.62), "uelzen": (10.56, 52.97), "luneburg": (10.42, 53.25),
    "minden": (8.92, 52.29), "bielefeld": (8.53, 52.02), "hamm": (7.81, 51.68),
    "dortmund": (7.46, 51.51), "essen": (7.01, 51.45), "dusseldorf": (6.79, 51.22),
    "duren": (6.48, 50.80), "aachen": (6.09, 50.77), "welkenraedt": (5.97, 50.66),
    "namur": (4.87, 50.47), "charleroi": (4.44, 50.41), "aulnoye": (3.84, 50.20),
    "saint_quentin": (3.29, 49.85), "creil": (2.47, 49.26),
    "laroche_migennes": (3.52, 47.96), "dijon": (5.04, 47.32), "macon": (4.83, 46.31),
    "valence": (4.89, 44.93), "avignon": (4.81, 43.95), "nimes": (4.36, 43.84),
    "montpellier": (3.88, 43.61), "narbonne": (3.00, 43.18), "perpignan": (2.90, 42.70),
    "figueres": (2.96, 42.27), "girona": (2.82, 41.98),
    "lleida": (0.62, 41.62), "zaragoza": (-0.88, 41.65), "calatayud": (-1.64, 41.35),
    "guadalajara_es": (-3.17, 40.63),
    "venlo": (6.17, 51.37), "eindhoven": (5.48, 51.44), "breda": (4.78, 51.59),
    "dordrecht": (4.67, 51.81),
    "bonn": (7.10, 50.73), "koblenz": (7.59, 50.35), "mainz": (8.26, 50.00),
    "hanau": (8.92, 50.13), "aschaffenburg": (9.15, 49.98), "wurzburg": (9.93, 49.79),
    "treuchtlingen": (10.91, 48.95), "ingolstadt": (11.43, 48.76),
    "rosenheim": (12.13, 47.86), "kufstein": (12.17, 47.58), "innsbruck": (11.40, 47.26),
    "brenner_pass": (11.51, 47.00), "bolzano": (11.35, 46.50), "trento": (11.12, 46.07),
    "brescia": (10.21, 45.54), "treviglio": (9.59, 45.52),
    "wittenberg": (12.66, 51.87), "bitterfeld": (12.32, 51.62),
    "elsterwerda": (13.52, 51.46), "dresden": (13.74, 51.05), "bad_schandau": (14.15, 50.92),
    "decin": (14.21, 50.77), "usti": (14.04, 50.66),
    "kolin": (15.20, 50.03), "pardubice": (15.78, 50.04), "ceska_trebova": (16.45, 49.90),
    "brno": (16.61, 49.19), "breclav": (16.88, 48.76),
    "hegyeshalom": (17.17, 47.91), "gyor": (17.64, 47.68), "tatabanya": (18.40, 47.58),
    # Kazakhstan, Central Asia
    "usharal": (80.94, 46.17), "beskol": (81.60, 45.80),
    "barnaul": (83.78, 53.35), "rubtsovsk": (81.21, 51.51), "semey": (80.23, 50.41),
    "zhangiztobe": (81.10, 49.20), "ayagoz": (80.44, 47.97),
    "ushtobe": (77.97, 45.25), "sary_ozek": (77.90, 44.36),
    "otar": (75.21, 43.54), "zharkent": (80.00, 44.17), "koktal": (79.72, 44.10),
    "basshi": (78.90, 44.10), "konyrolen": (78.20, 44.00),
    "altyn_emel": (79.30, 44.25), "kapchagay_north": (77.55, 44.05),
    "mointy": (73.36, 46.90), "agadyr": (72.87, 48.26), "temirtau": (72.97, 50.06),
    "kokshetau": (69.39, 53.28), "ekibastuz": (75.33, 51.72),
    "kurgan": (65.33, 55.44),
    "shumikha": (63.29, 55.23), "kyshtym": (60.53, 55.71),
    "gulistan": (68.78, 40.49), "jizzakh": (67.84, 40.12),
    "navoi": (65.38, 40.10), "karshi": (65.80, 38.86), "tashguzar": (66.40, 38.55),
    "boysun": (67.20, 38.20), "kumkurgan": (67.58, 37.83), "tursunzoda": (68.22, 38.51),
    "alat": (63.80, 39.43), "turkmenabat": (63.58, 39.08), "mary": (61.83, 37.60),
    "tejen": (60.51, 37.38), "kara_balta": (73.85, 42.81), "merke": (73.18, 42.87),
    # Road waypoints (expressways)
    "r_yangqu": (112.67, 38.06), "r_yuanping": (112.71, 38.73), "r_shanyin": (112.82, 39.52),
    "r_huairen": (113.10, 39.83), "r_shouyang": (113.18, 37.89), "r_jingxing": (114.14, 38.03),
    "r_qingxu": (112.36, 37.61), "r_fenyang": (111.79, 37.26), "r_pingyao": (112.18, 37.19),
    "r_jiexiu": (111.92, 37.03), "r_huozhou": (111.72, 36.57), "r_hongtong": (111.67, 36.25),
    "r_houma": (111.37, 35.62), "r_wenxi": (111.22, 35.36), "r_taigu": (112.55, 37.42),
    "r_wuxiang": (112.86, 36.84), "r_gaoping": (112.92, 35.80), "r_anze": (112.25, 36.15),
    "r_tunliu": (112.89, 36.32), "r_jiaozuo": (113.24, 35.22), "r_wuzhi": (113.40, 35.05),
    "r_baoding": (115.48, 38.86), "r_langfang": (116.70, 39.52), "r_yingxian": (113.19, 39.55),
    "r_lingqiu": (114.23, 39.44), "r_laiyuan": (114.69, 39.36), "r_xiongan": (116.00, 39.00),
    "r_bazhou": (116.39, 39.10), "r_hengshui": (115.67, 37.74), "r_jinan": (117.00, 36.67),
    "r_taian": (117.09, 36.19), "r_linyi": (118.36, 35.10), "r_huaian": (119.02, 33.61),
    "r_jiangyin": (120.29, 31.92), "r_wuxi": (120.31, 31.49), "r_shanghai": (121.40, 31.20),
    "r_zhuozhou": (115.97, 39.49),
    "r_sanmenxia": (111.20, 34.77), "r_luoyang": (112.45, 34.62),
}

# ============================================================================================
# Railways (published lengths) and the paths that follow them
# ============================================================================================

RAILWAYS = [
    # id, name_en, name_zh, published_km (None: only a section is modelled), source
    ("datong_puzhou", "Datong–Puzhou railway (Tongpu)", "同蒲铁路", 865,
     wiki("Datong–Puzhou railway")),
    ("datong_hub", "Datong rail hub (access to the Datong International Land Port)",
     "大同铁路枢纽（大同国际陆港联络线）", None,
     estimate("short access track inside the Datong hub; geometry schematic")),
    ("beijing_baotou", "Beijing–Baotou railway (Datong–Jining section)",
     "京包铁路（大同—集宁段）", None,
     wiki("Beijing–Baotou railway") + "; only the Datong–Jining section is modelled"),
    ("jining_erenhot", "Jining–Erenhot railway (Jier)", "集二铁路", 331,
     wiki("Jining–Erenhot railway")),
    ("jining_tongliao", "Jining–Tongliao railway (Jitong)", "集通铁路", 943,
     wiki("Jining–Tongliao railway")),
    ("tongliao_ranghulu", "Tongliao–Ranghulu railway (Tongrang)", "通让铁路", 421,
     wiki("Tongliao–Ranghulu railway")),
    ("harbin_manzhouli", "Harbin–Manzhouli railway (Binzhou)", "滨洲铁路", 935,
     wiki("Harbin–Manzhouli railway")),
    ("taiyuan_zhongwei_yinchuan", "Taiyuan–Zhongwei–Yinchuan railway (Taizhongyin)",
     "太中银铁路", 945, wiki("Taiyuan–Zhongwei–Yinchuan railway")),
    ("baotou_lanzhou", "Baotou–Lanzhou railway (Zhongwei–Gantang section)",
     "包兰铁路（中卫—甘塘段）", None,
     wiki("Baotou–Lanzhou railway") + "; only the Zhongwei–Gantang section is modelled"),
    ("gantang_wuwei", "Gantang–Wuwei railway (Ganwu)", "干武铁路", 172,
     wiki("Gantang–Wuwei railway")),
    ("lanzhou_xinjiang", "Lanzhou–Xinjiang railway (Lanxin)", "兰新铁路", 1904,
     wiki("Lanzhou–Xinjiang railway")),
    ("northern_xinjiang", "Northern Xinjiang railway (Ürümqi–Alashankou)", "北疆铁路", 460,
     wiki("Northern Xinjiang railway")),
    ("jinghe_yining_horgos", "Jinghe–Yining–Horgos railway", "精伊霍铁路", 286,
     wiki("Jinghe–Yining–Horgos railway")),
    ("wari", "Wari heavy-haul railway (Watang–Rizhao)", "瓦日铁路", 1260,
     wiki("Wari railway")),
    ("datong_qinhuangdao", "Datong–Qinhuangdao railway (Daqin)", "大秦铁路", 653,
     wiki("Datong–Qinhuangdao railway")),
    ("shijiazhuang_taiyuan", "Shijiazhuang–Taiyuan railway (Yuci–Shijiazhuang section)",
     "石太铁路（榆次—石家庄段）", None,
     wiki("Shijiazhuang–Taiyuan railway") + "; modelled from Yuci (Zhongding)"),
    ("beijing_guangzhou", "Beijing–Guangzhou railway (sections)", "京广铁路（部分）", None,
     wiki("Beijing–Guangzhou railway") + "; Shijiazhuang–Beijing and Xinxiang–Zhengzhou"),
    ("beijing_shanhaiguan", "Beijing–Shanhaiguan railway (Beijing–Tianjin–Tanggu)",
     "京山铁路（北京—天津—塘沽）", None, wiki("Beijing–Shanhaiguan railway")),
    ("taiyuan_jiaozuo", "Taiyuan–Jiaozuo railway (Taijiao)", "太焦铁路", None,
     wiki("Taiyuan–Jiaozuo railway") + "; modelled from Yuci (Zhongding)"),
    ("xinxiang_yueshan", "Xinxiang–Yueshan railway (Jiaozuo–Xinxiang section)",
     "新月铁路（焦作—新乡段）", None, wiki("Xinxiang–Yueshan railway")),
    ("longhai", "Longhai railway (Lanzhou–Xi'an and Zhengzhou–Xuzhou sections)",
     "陇海铁路（兰州—西安、郑州—徐州段）", None, wiki("Longhai railway")),
    ("houma_xian", "Houma–Xi'an railway (Houxi)", "侯西铁路", None,
     wiki("Houma–Xi'an railway")),
    ("beijing_shanghai", "Beijing–Shanghai railway (Xuzhou–Shanghai section)",
     "京沪铁路（徐州—上海段）", None, wiki("Beijing–Shanghai railway")),
    ("shanghai_ningbo", "Shanghai–Hangzhou–Ningbo railways (Huhang, Xiaoyong)",
     "沪杭铁路、萧甬铁路", None,
     wiki("Shanghai–Hangzhou railway") + "; " + wiki("Xiaoshan–Ningbo railway")),
    # abroad
    ("trans_mongolian", "Trans-Mongolian Railway", "蒙古纵贯铁路", None,
     wiki("Trans-Mongolian Railway")),
    ("zabaykalsk_karymskaya", "Karymskaya–Zabaykalsk railway", "卡雷姆斯卡亚—后贝加尔斯克铁路",
     None, wiki("Chinese Eastern Railway") + "; " + wiki("Zabaykalsk")),
    ("trans_siberian", "Trans-Siberian Railway (Karymskaya–Moscow)", "西伯利亚大铁路", None,
     wiki("Trans-Siberian Railway") + "; main line via Perm, Kirov, Nizhny Novgorod"),
    ("moscow_kazan_yekaterinburg", "Moscow–Kazan–Yekaterinburg railway",
     "莫斯科—喀山—叶卡捷琳堡铁路", None, wiki("Moscow–Kazan railway")),
    ("moscow_kyiv", "Moscow–Kyiv railway (Moscow–Vorsino section)",
     "莫斯科—基辅铁路（莫斯科—沃尔西诺段）", None, wiki("Moscow–Kyiv railway")),
    ("moscow_brest", "Moscow–Brest railway", "莫斯科—布列斯特铁路", None,
     wiki("Moscow–Brest railway")),
    ("moscow_st_petersburg", "Moscow–Saint Petersburg railway", "莫斯科—圣彼得堡铁路", 650,
     wiki("Moscow–Saint Petersburg railway")),
    ("st_petersburg_helsinki", "Saint Petersburg–Helsinki railway (via Vainikkala)",
     "圣彼得堡—赫尔辛基铁路", None, wiki("Riihimäki–Saint Petersburg railway")),
    ("minsk_vilnius_kaunas", "Minsk–Vilnius–Kaunas railway", "明斯克—维尔纽斯—考纳斯铁路", None,
     wiki("Rail transport in Lithuania")),
    ("vilnius_riga", "Vilnius–Daugavpils–Riga railway", "维尔纽斯—陶格夫匹尔斯—里加铁路", None,
     wiki("Riga–Daugavpils railway")),
    ("warsaw_terespol", "Warsaw–Terespol railway (PKP line 2)", "华沙—特雷斯波尔铁路", None,
     wiki("Warsaw–Terespol railway")),
    ("warsaw_lodz", "Warsaw–Łódź railway", "华沙—罗兹铁路", None, wiki("Warsaw–Łódź railway")),
    ("warsaw_kunowice", "Warsaw–Kunowice railway (PKP line 3)", "华沙—波兹南—库诺维采铁路", None,
     wiki("Warsaw–Kunowice railway")),
    ("poznan_wroclaw", "Wrocław–Poznań railway", "波兹南—弗罗茨瓦夫铁路", None,
     wiki("Wrocław–Poznań railway")),
    ("frankfurt_oder_berlin", "Berlin–Frankfurt (Oder) railway", "柏林—奥得河畔法兰克福铁路",
     None, wiki("Berlin–Wrocław railway")),
    ("berlin_hanover", "Berlin–Hanover railway (Lehrte line)", "柏林—汉诺威铁路", None,
     wiki("Berlin–Lehrte railway")),
    ("hanover_hamburg", "Hanover–Hamburg railway", "汉诺威—汉堡铁路", None,
     wiki("Hanover–Hamburg railway")),
    ("hanover_duisburg", "Hanover–Hamm–Duisburg railway", "汉诺威—哈姆—杜伊斯堡铁路", None,
     wiki("Hamm–Minden railway") + "; " + wiki("Dortmund–Duisburg railway")),
    ("duisburg_cologne", "Cologne–Duisburg railway", "杜伊斯堡—科隆铁路", None,
     wiki("Cologne–Duisburg railway")),
    ("cologne_liege", "Cologne–Aachen–Liège railway", "科隆—亚琛—列日铁路", None,
     wiki("Cologne–Aachen high-speed railway") + "; " + wiki("Liège–Aachen railway")),
    ("liege_paris", "Liège–Namur–Charleroi–Paris railway", "列日—巴黎铁路", None,
     wiki("Paris–Lille railway") + "; " + wiki("Namur–Liège railway")),
    ("paris_lyon", "Paris–Marseille railway (Paris–Lyon)", "巴黎—里昂铁路", None,
     wiki("Paris–Marseille railway")),
    ("lyon_barcelona", "Lyon–Perpignan–Barcelona railway", "里昂—佩皮尼昂—巴塞罗那铁路", None,
     wiki("Perpignan–Barcelona high-speed rail line")),
    ("barcelona_madrid", "Madrid–Barcelona railway (Iberian gauge, 1668 mm)",
     "马德里—巴塞罗那铁路", None, wiki("Madrid–Barcelona railway")),
    ("duisburg_tilburg", "Duisburg–Venlo–Tilburg railway (Brabant route)",
     "杜伊斯堡—芬洛—蒂尔堡铁路", None, wiki("Venlo–Eindhoven railway")),
    ("tilburg_rotterdam", "Tilburg–Breda–Rotterdam railway", "蒂尔堡—鹿特丹铁路", None,
     wiki("Breda–Rotterdam railway")),
    ("cologne_frankfurt", "Left Rhine railway (Cologne–Mainz–Frankfurt)",
     "科隆—美因茨—法兰克福铁路", None, wiki("West Rhine Railway")),
    ("frankfurt_nuremberg", "Frankfurt–Würzburg–Nuremberg railway", "法兰克福—纽伦堡铁路",
     None, wiki("Main–Spessart railway")),
    ("nuremberg_munich", "Nuremberg–Ingolstadt–Munich railway", "纽伦堡—慕尼黑铁路", None,
     wiki("Nuremberg–Munich railway")),
    ("brenner", "Brenner railway (Munich–Verona)", "布伦纳铁路", None, wiki("Brenner Railway")),
    ("verona_milan", "Milan–Venice railway (Verona–Milan)", "米兰—维罗纳铁路", None,
     wiki("Milan–Venice railway")),
    ("berlin_leipzig", "Berlin–Halle/Leipzig railway", "柏林—莱比锡铁路", None,
     wiki("Berlin–Halle railway")),
    ("berlin_prague", "Berlin–Dresden–Prague railway", "柏林—德累斯顿—布拉格铁路", None,
     wiki("Dresden–Děčín railway") + "; " + wiki("Berlin–Dresden railway")),
    ("prague_vienna", "Prague–Brno–Vienna railway", "布拉格—布尔诺—维也纳铁路", None,
     wiki("Prague–Česká Třebová railway") + "; " + wiki("Brno–Vienna railway")),
    ("vienna_budapest", "Vienna–Győr–Budapest railway", "维也纳—布达佩斯铁路", None,
     wiki("Budapest–Hegyeshalom railway")),
    ("dostyk_aktogay", "Aktogay–Dostyk railway", "阿克斗卡—多斯特克铁路", None,
     wiki("Aktogay–Dostyk railway")),
    ("turksib", "Turkestan–Siberia Railway (Turksib, Novosibirsk–Arys)", "土西铁路", None,
     wiki("Turkestan–Siberia Railway")),
    ("zhetygen_altynkol", "Zhetygen–Altynkol railway", "热特根—阿腾科里铁路", 293,
     wiki("Zhetygen–Khorgos railway")),
    ("petropavl_shu", "Petropavl–Astana–Karaganda–Mointy–Shu railway",
     "彼得罗巴甫洛夫斯克—阿斯塔纳—卡拉干达—楚铁路", None,
     wiki("Rail transport in Kazakhstan")),
    ("astana_pavlodar", "Astana–Ekibastuz–Pavlodar railway", "阿斯塔纳—巴甫洛达尔铁路", None,
     wiki("Rail transport in Kazakhstan")),
    ("omsk_chelyabinsk", "South Siberian line (Omsk–Petropavl–Kurgan–Chelyabinsk)",
     "鄂木斯克—彼得罗巴甫洛夫斯克—车里雅宾斯克铁路", None, wiki("Trans-Siberian Railway")),
    ("chelyabinsk_yekaterinburg", "Chelyabinsk–Yekaterinburg railway",
     "车里雅宾斯克—叶卡捷琳堡铁路",
     None, wiki("South Ural Railway")),
    ("arys_tashkent", "Arys–Tashkent railway", "阿雷斯—塔什干铁路", None,
     wiki("Rail transport in Uzbekistan")),
    ("tashkent_bukhara", "Tashkent–Samarkand–Bukhara railway", "塔什干—撒马尔罕—布哈拉铁路",
     None, wiki("Trans-Caspian railway")),
    ("bukhara_ashgabat", "Trans-Caspian railway (Bukhara–Ashgabat)", "外里海铁路", None,
     wiki("Trans-Caspian railway")),
    ("kagan_dushanbe", "Kagan–Karshi–Kumkurgan–Dushanbe railway", "卡甘—杜尚别铁路", None,
     wiki("Tashguzar–Boysun–Kumkurgan railway") + "; " + wiki("Rail transport in Tajikistan")),
    ("lugovaya_bishkek", "Lugovaya–Bishkek railway", "卢戈瓦亚—比什凯克铁路", None,
     wiki("Rail transport in Kyrgyzstan")),
]

# (railway, corridor, path).  A path lists node ids and VIA names in order along the line.
RAIL_LINES = [
    # --- Shanxi trunk (Tongpu) ---
    ("datong_puzhou", "land_erenhot",
     "datong_station pingwang hanjialing libazhuang huairen jinshatan beizhouzhuang daiyue "
     "dongyulin "
     "yuanshulin shentou shuozhou_stn qianzhai yangfangkou ningwu fenghuangcun zhangzhen "
     "xuangang yuanping xinzhou_stn douluo pingshe nanhe gaocun yangqu taiyuan_north taiyuan_stn "
     "taiyuan_dry_port"),
    ("datong_puzhou", "land_erenhot", "taiyuan_dry_port zhongding_terminal"),
    ("datong_puzhou", "land_horgos",
     "zhongding_terminal xiuwen taigu qixian hongshan pingyao yian jiexiu liangdu lingshi "
     "lengquan fujiatan "
     "nanguan huozhou zhaocheng hongtong linfen_stn xiangfen gaoxian houma_north "
     "houma_terminal"),
    ("datong_puzhou", "land_horgos",
     "houma_terminal shidian liyuan dongzhen wenxi shuitou anyi yuncheng_stn dianpo yuxiang "
     "yongji puzhou "
     "hanyang fenglingdu"),
    # --- Erenhot ---
    ("datong_hub", "land_erenhot", "datong_land_port datong_station"),
    ("beijing_baotou", "land_erenhot", "datong_station gudian fengzhen jining"),
    ("jining_erenhot", "land_erenhot",
     "jining benhong"),
    ("jining_erenhot", "land_erenhot", "benhong baiyinchagan tumurtai zhurihe saihantala erenhot"),
    ("jining_erenhot", "land_erenhot", "erenhot zamyn_uud"),
    # --- Manzhouli ---
    ("jining_tongliao", "land_manzhouli",
     "benhong shangdu huade zhengxiangbai gurban sanggendalai duolun_river dalinor jingpeng "
     "reshui linxi daban tianshan gandaoha tongliao"),
    ("tongliao_ranghulu", "land_manzhouli",
     "tongliao baokang taipingchuan tongyu daan_north ranghulu"),
    ("harbin_manzhouli", "land_manzhouli", "harbin zhaodong anda daqing_stn ranghulu"),
    ("harbin_manzhouli", "land_manzhouli",
     "ranghulu angangxi fularji longjiang zhalantun chengjisihan bokeshi xinganling mianduhe "
     "yakeshi hailar wanggong zhalainuoer manzhouli"),
    ("harbin_manzhouli", "land_manzhouli", "manzhouli zabaykalsk"),
    # --- Horgos / Alashankou ---
    ("taiyuan_zhongwei_yinchuan", "land_horgos",
     "taiyuan_dry_port taiyuan_west jiaocheng xishan_tunnel lishi luliang_station"),
    ("taiyuan_zhongwei_yinchuan", "land_horgos",
     "luliang_station liulin wubu suide zizhou hengshan jingbian dingbian"),
    ("taiyuan_zhongwei_yinchuan", "land_horgos",
     "dingbian huianbao taiyangshan zhongning zhongwei"),
    ("taiyuan_zhongwei_yinchuan", "land_horgos", "dingbian yanchi lingwu yinchuan"),
    ("baotou_lanzhou", "land_horgos", "zhongwei shapotou changliushui gantang"),
    ("houma_xian", "land_horgos",
     "houma_terminal hejin yumenkou hancheng heyang pucheng fuping xian"),
    ("longhai", "land_horgos",
     "xian xianyang baoji tianshui gangu longxi dingxi lanzhou"),
    ("gantang_wuwei", "land_horgos", "gantang ganwu_1 ganwu_2 wuwei"),
    ("lanzhou_xinjiang", "land_horgos",
     "lanzhou hekou haishiwan yongdeng tianzhu wushaoling gulang huangyangzhen wuwei"),
    ("lanzhou_xinjiang", "land_horgos",
     "wuwei hexibao yongchang shandan zhangye gaotai qingshui jiuquan jiayuguan yumen liuyuan "
     "xingxingxia yandun hami liaodun shanshan turpan yuergou dabancheng urumqi"),
    ("northern_xinjiang", "land_horgos",
     "urumqi changji hutubi shihezi kuytun wusu tuoli jinghe"),
    ("northern_xinjiang", "land_horgos", "jinghe bole_junction alashankou"),
    ("northern_xinjiang", "land_horgos", "alashankou dostyk"),
    ("jinghe_yining_horgos", "land_horgos", "jinghe sayram guozigou yining qingshuihe horgos"),
    ("jinghe_yining_horgos", "land_horgos", "horgos altynkol"),
    # --- Rail–sea ---
    ("wari", "railsea_rizhao", "xingxian xingxian_north linxian baiwen luliang_station"),
    ("wari", "railsea_rizhao",
     "luliang_station shilou yonghe xixian puxian hongtong_north fushan anze tunliu "
     "changzhi_south huguan pingshun linzhou anyang_south neihuang puyang fanxian taiqian "
     "liangshan dongping feicheng taian laiwu yiyuan yishui juxian rizhao_south rizhao_port"),
    ("datong_qinhuangdao", "railsea_qinhuangdao",
     "datong_station yanggao huailai zhuolu yanqing miyun pinggu jixian zunhua qianan liucun "
     "qinhuangdao_port"),
    ("shijiazhuang_taiyuan", "railsea_tianjin",
     "zhongding_terminal shouyang yangquan_stn niangziguan jingxing shijiazhuang_rail"),
    ("beijing_guangzhou", "railsea_tianjin",
     "shijiazhuang_rail dingzhou baoding zhuozhou beijing_fengtai"),
    ("beijing_shanhaiguan", "railsea_tianjin",
     "beijing_fengtai langfang tianjin_stn tanggu tianjin_port"),
    ("taiyuan_jiaozuo", "railsea_zhoushan",
     "zhongding_terminal yushe wuxiang changzhi_stn gaoping jincheng_stn yueshan jiaozuo"),
    ("xinxiang_yueshan", "railsea_zhoushan", "jiaozuo huojia xinxiang"),
    ("beijing_guangzhou", "railsea_zhoushan", "xinxiang zhengzhou_north"),
    ("longhai", "railsea_zhoushan", "zhengzhou_north kaifeng shangqiu dangshan xuzhou"),
    ("beijing_shanghai", "railsea_zhoushan",
     "xuzhou suzhou_ah bengbu nanjing zhenjiang changzhou wuxi suzhou_js shanghai_nanxiang"),
    ("shanghai_ningbo", "railsea_zhoushan",
     "shanghai_nanxiang jiaxing hangzhou shaoxing yuyao ningbo_zhoushan_port"),
    # --- Abroad: Mongolia and Russia ---
    ("trans_mongolian", "rail_abroad",
     "zamyn_uud sainshand choir ulaanbaatar"),
    ("trans_mongolian", "rail_abroad", "ulaanbaatar zuunkharaa darkhan"),
    ("trans_mongolian", "rail_abroad",
     "darkhan sukhbaatar"),
    ("trans_mongolian", "rail_abroad", "sukhbaatar naushki"),
    ("trans_mongolian", "rail_abroad", "naushki gusinoozyorsk ulan_ude"),
    ("zabaykalsk_karymskaya", "rail_abroad", "zabaykalsk borzya olovyannaya karymskaya"),
    ("trans_siberian", "rail_abroad", "karymskaya chita"),
    ("trans_siberian", "rail_abroad", "chita khilok petrovsk_zabaykalsky ulan_ude"),
    ("trans_siberian", "rail_abroad", "ulan_ude mysovaya slyudyanka irkutsk"),
    ("trans_siberian", "rail_abroad", "irkutsk zima tulun tayshet kansk krasnoyarsk"),
    ("trans_siberian", "rail_abroad", "krasnoyarsk achinsk mariinsk taiga novosibirsk"),
    ("trans_siberian", "rail_abroad", "novosibirsk barabinsk tatarsk omsk"),
    ("trans_siberian", "rail_abroad", "omsk nazyvayevsk ishim tyumen kamyshlov yekaterinburg"),
    ("trans_siberian", "rail_abroad", "yekaterinburg kungur perm"),
    ("trans_siberian", "rail_abroad",
     "perm vereshchagino balezino kirov kotelnich shakhunya semyonov nizhny_novgorod"),
    ("trans_siberian", "rail_abroad", "nizhny_novgorod vladimir moscow"),
    ("moscow_kazan_yekaterinburg", "rail_abroad", "moscow murom arzamas kanash kazan"),
    ("moscow_kazan_yekaterinburg", "rail_abroad",
     "kazan agryz krasnoufimsk druzhinino yekaterinburg"),
    ("moscow_kyiv", "rail_abroad", "moscow naro_fominsk vorsino"),
    ("moscow_st_petersburg", "rail_abroad",
     "moscow tver bologoye malaya_vishera st_petersburg"),
    ("st_petersburg_helsinki", "rail_abroad", "st_petersburg vyborg buslovskaya"),
    ("st_petersburg_helsinki", "rail_abroad", "buslovskaya vainikkala"),
    ("st_petersburg_helsinki", "rail_abroad", "vainikkala kouvola"),
    ("st_petersburg_helsinki", "rail_abroad", "kouvola lahti riihimaki helsinki"),
    ("moscow_brest", "rail_abroad", "moscow vyazma smolensk"),
    ("moscow_brest", "rail_abroad", "smolensk krasnoye"),
    ("moscow_brest", "rail_abroad", "krasnoye osinovka"),
    ("moscow_brest", "rail_abroad", "osinovka orsha borisov minsk"),
    ("moscow_brest", "rail_abroad", "minsk baranovichi brest"),
    ("minsk_vilnius_kaunas", "rail_abroad", "minsk molodechno gudogai"),
    ("minsk_vilnius_kaunas", "rail_abroad", "gudogai kena"),
    ("minsk_vilnius_kaunas", "rail_abroad", "kena vilnius"),
    ("minsk_vilnius_kaunas", "rail_abroad", "vilnius kaisiadorys kaunas"),
    ("vilnius_riga", "rail_abroad",
     "vilnius pabrade turmantas daugavpils jekabpils ogre riga"),
    # --- Abroad: EU ---
    ("warsaw_terespol", "rail_abroad", "brest malaszewicze"),
    ("warsaw_terespol", "rail_abroad", "malaszewicze biala_podlaska lukow siedlce warsaw"),
    ("warsaw_lodz", "rail_abroad", "warsaw skierniewice koluszki lodz"),
    ("warsaw_kunowice", "rail_abroad", "warsaw sochaczew kutno konin wrzesnia poznan"),
    ("poznan_wroclaw", "rail_abroad", "poznan koscian leszno rawicz wroclaw"),
    ("warsaw_kunowice", "rail_abroad", "poznan zbaszynek rzepin frankfurt_oder"),
    ("frankfurt_oder_berlin", "rail_abroad", "frankfurt_oder furstenwalde berlin"),
    ("berlin_hanover", "rail_abroad", "berlin stendal wolfsburg hanover"),
    ("hanover_hamburg", "rail_abroad", "hanover celle uelzen luneburg hamburg"),
    ("hanover_duisburg", "rail_abroad", "hanover minden bielefeld hamm dortmund essen duisburg"),
    ("duisburg_cologne", "rail_abroad", "duisburg dusseldorf cologne"),
    ("cologne_liege", "rail_abroad", "cologne duren aachen welkenraedt liege"),
    ("liege_paris", "rail_abroad", "liege namur charleroi aulnoye saint_quentin creil paris"),
    ("paris_lyon", "rail_abroad", "paris laroche_migennes dijon macon lyon"),
    ("lyon_barcelona", "rail_abroad",
     "lyon valence avignon nimes montpellier narbonne perpignan figueres girona barcelona"),
    ("barcelona_madrid", "rail_abroad",
     "barcelona lleida zaragoza calatayud guadalajara_es madrid"),
    ("duisburg_tilburg", "rail_abroad", "duisburg venlo eindhoven tilburg"),
    ("tilburg_rotterdam", "rail_abroad", "tilburg breda dordrecht rotterdam"),
    ("cologne_frankfurt", "rail_abroad", "cologne bonn koblenz mainz frankfurt"),
    ("frankfurt_nuremberg", "rail_abroad", "frankfurt hanau aschaffenburg wurzburg nuremberg"),
    ("nuremberg_munich", "rail_abroad", "nuremberg treuchtlingen ingolstadt munich"),
    ("brenner", "rail_abroad",
     "munich rosenheim kufstein innsbruck brenner_pass bolzano trento verona"),
    ("verona_milan", "rail_abroad", "verona brescia treviglio milan"),
    ("berlin_leipzig", "rail_abroad", "berlin wittenberg bitterfeld leipzig"),
    ("berlin_prague", "rail_abroad", "berlin elsterwerda dresden bad_schandau decin usti prague"),
    ("prague_vienna", "rail_abroad", "prague kolin pardubice ceska_trebova brno breclav vienna"),
    ("vienna_budapest", "rail_abroad", "vienna hegyeshalom gyor tatabanya budapest"),
    # --- Abroad: Kazakhstan and Central Asia ---
    ("dostyk_aktogay", "rail_abroad", "dostyk beskol usharal aktogay"),
    ("turksib", "rail_abroad", "novosibirsk barnaul rubtsovsk lokot"),
    ("turksib", "rail_abroad", "lokot aul"),
    ("turksib", "rail_abroad", "aul semey zhangiztobe ayagoz aktogay"),
    ("turksib", "rail_abroad", "aktogay ushtobe sary_ozek zhetygen"),
    ("turksib", "rail_abroad", "zhetygen almaty"),
    ("turksib", "rail_abroad", "almaty otar shu"),
    ("turksib", "rail_abroad", "shu lugovaya"),
    ("turksib", "rail_abroad", "lugovaya taraz"),
    ("turksib", "rail_abroad", "taraz shymkent"),
    ("turksib", "rail_abroad", "shymkent arys"),
    ("zhetygen_altynkol", "rail_abroad",
     "altynkol zharkent koktal altyn_emel basshi konyrolen kapchagay_north zhetygen"),
    ("petropavl_shu", "rail_abroad", "shu mointy agadyr karaganda"),
    ("petropavl_shu", "rail_abroad", "karaganda temirtau astana"),
    ("petropavl_shu", "rail_abroad", "astana kokshetau petropavl"),
    ("astana_pavlodar", "rail_abroad", "astana ekibastuz pavlodar"),
    ("omsk_chelyabinsk", "rail_abroad", "omsk isilkul"),
    ("omsk_chelyabinsk", "rail_abroad", "isilkul bulayevo"),
    ("omsk_chelyabinsk", "rail_abroad", "bulayevo petropavl"),
    ("omsk_chelyabinsk", "rail_abroad", "petropavl mamlyutka"),
    ("omsk_chelyabinsk", "rail_abroad", "mamlyutka petukhovo"),
    ("omsk_chelyabinsk", "rail_abroad", "petukhovo kurgan shumikha chelyabinsk"),
    ("chelyabinsk_yekaterinburg", "rail_abroad", "chelyabinsk kyshtym yekaterinburg"),
    ("arys_tashkent", "rail_abroad", "arys saryagash"),
    ("arys_tashkent", "rail_abroad", "saryagash keles"),
    ("arys_tashkent", "rail_abroad", "keles tashkent"),
    ("tashkent_bukhara", "rail_abroad", "tashkent gulistan jizzakh samarkand"),
    ("tashkent_bukhara", "rail_abroad", "samarkand navoi bukhara"),
    ("bukhara_ashgabat", "rail_abroad", "bukhara alat khodjadavlet"),
    ("bukhara_ashgabat", "rail_abroad", "khodjadavlet farap"),
    ("bukhara_ashgabat", "rail_abroad", "farap turkmenabat mary tejen ashgabat"),
    ("kagan_dushanbe", "rail_abroad",
     "bukhara karshi tashguzar boysun kumkurgan sariosiyo"),
    ("kagan_dushanbe", "rail_abroad", "sariosiyo pakhtaabad"),
    ("kagan_dushanbe", "rail_abroad", "pakhtaabad tursunzoda dushanbe"),
    ("lugovaya_bishkek", "rail_abroad", "lugovaya merke kaindy"),
    ("lugovaya_bishkek", "rail_abroad", "kaindy kara_balta bishkek"),
]

# Links where the track gauge changes (1435 mm <-> 1520 mm).
GAUGE_CHANGES = {
    ("erenhot", "zamyn_uud"), ("manzhouli", "zabaykalsk"), ("alashankou", "dostyk"),
    ("horgos", "altynkol"), ("brest", "malaszewicze"),
}

# ============================================================================================
# Roads: (from, to, via, name_en, name_zh, source, corridor, feeder)
# ============================================================================================

ROADS = [
    ("taiyuan", "xinzhou", "r_yangqu", "G55 Erenhot–Guangzhou Expressway (Taiyuan–Xinzhou)",
     "G55二广高速（太原—忻州）", wiki("G55 Erenhot–Guangzhou Expressway")),
    ("xinzhou", "shuozhou", "r_yuanping", "G55 Erenhot–Guangzhou Expressway (Xinzhou–Shuozhou)",
     "G55二广高速（忻州—朔州）", wiki("G55 Erenhot–Guangzhou Expressway")),
    ("shuozhou", "datong", "r_shanyin r_huairen",
     "G55 Erenhot–Guangzhou Expressway (Shuozhou–Datong)", "G55二广高速（朔州—大同）",
     wiki("G55 Erenhot–Guangzhou Expressway")),
    ("taiyuan", "jinzhong", "", "G20 Qingdao–Yinchuan Expressway (Taiyuan–Yuci)",
     "G20青银高速（太原—榆次）", wiki("G20 Qingdao–Yinchuan Expressway")),
    ("jinzhong", "yangquan", "r_shouyang", "G20 Qingdao–Yinchuan Expressway (Yuci–Yangquan)",
     "G20青银高速（榆次—阳泉）", wiki("G20 Qingdao–Yinchuan Expressway")),
    ("yangquan", "shijiazhuang", "r_jingxing",
     "G5 Beijing–Kunming / G20 Qingdao–Yinchuan Expressway (Shitai section)",
     "G5京昆/G20青银高速（石太段）", wiki("G5 Beijing–Kunming Expressway")),
    ("taiyuan", "luliang", "r_qingxu r_fenyang",
     "G20 Qingdao–Yinchuan Expressway (Taiyuan–Lishi)", "G20青银高速（太原—离石）",
     wiki("G20 Qingdao–Yinchuan Expressway")),
    ("jinzhong", "linfen", "r_pingyao r_jiexiu r_huozhou r_hongtong",
     "G5 Beijing–Kunming Expressway (Yuci–Linfen)", "G5京昆高速（榆次—临汾）",
     wiki("G5 Beijing–Kunming Expressway")),
    ("linfen", "yuncheng", "r_houma r_wenxi", "G5 Beijing–Kunming Expressway (Linfen–Yuncheng)",
     "G5京昆高速（临汾—运城）", wiki("G5 Beijing–Kunming Expressway")),
    ("jinzhong", "changzhi", "r_taigu r_wuxiang",
     "G55 Erenhot–Guangzhou Expressway (Taiyuan–Changzhi)", "G55二广高速（太原—长治）",
     wiki("G55 Erenhot–Guangzhou Expressway")),
    ("changzhi", "jincheng", "r_gaoping", "G55 Erenhot–Guangzhou Expressway (Changzhi–Jincheng)",
     "G55二广高速（长治—晋城）", wiki("G55 Erenhot–Guangzhou Expressway")),
    ("linfen", "changzhi", "r_anze r_tunliu", "G22 Qingdao–Lanzhou Expressway (Linfen–Changzhi)",
     "G22青兰高速（临汾—长治）", wiki("G22 Qingdao–Lanzhou Expressway")),
    ("jincheng", "zhengzhou", "r_jiaozuo r_wuzhi",
     "G55 Erenhot–Guangzhou Expressway (Jincheng–Jiaozuo) and on to Zhengzhou",
     "G55二广高速（晋城—焦作）至郑州",
     wiki("G55 Erenhot–Guangzhou Expressway")
     + "; " + estimate("Jiaozuo–Zhengzhou connector expressway not named in the source")),
    ("yuncheng", "zhengzhou", "r_sanmenxia r_luoyang",
     "Yuncheng–Sanmenxia expressway (G59) and G30 Lianyungang–Khorgas (Sanmenxia–Zhengzhou)",
     "运三高速（G59）、G30连霍高速（三门峡—郑州）",
     wiki("G30 Lianyungang–Khorgas Expressway")
     + "; " + estimate("Yuncheng–Sanmenxia section assigned to G59 Hohhot–Beihai")),
    ("shijiazhuang", "beijing", "r_baoding r_zhuozhou",
     "G4 Beijing–Hong Kong–Macau Expressway (Shijiazhuang–Beijing)", "G4京港澳高速（石家庄—北京）",
     wiki("G4 Beijing–Hong Kong–Macau Expressway")),
    ("beijing", "tianjin", "r_langfang", "G2 Beijing–Shanghai Expressway (Beijing–Tianjin)",
     "G2京沪高速（北京—天津）", wiki("G2 Beijing–Shanghai Expressway")),
    ("shuozhou", "tianjin", "r_yingxian r_lingqiu r_laiyuan r_xiongan r_bazhou",
     "G18 Rongcheng–Wuhai Expressway (Shuozhou–Tianjin)", "G18荣乌高速（朔州—天津）",
     wiki("G18 Rongcheng–Wuhai Expressway")),
]

# Road trucking to the air cargo hubs: (from, to, via, name_en, name_zh, source).
FEEDERS = [
    ("taiyuan", "cgo_airport", "r_taigu r_wuxiang r_gaoping r_jiaozuo r_wuzhi",
     "Trucking Taiyuan–Zhengzhou airport (G55 Erguang via Changzhi, Jincheng, Jiaozuo)",
     "太原—郑州机场卡车航班（G55二广高速）",
     estimate("road-feeder service; route along G55 as the shortest expressway path")),
    ("taiyuan", "pek_airport", "r_shouyang r_jingxing r_baoding r_zhuozhou",
     "Trucking Taiyuan–Beijing Capital airport (G5/G20 to Shijiazhuang, G4 to Beijing)",
     "太原—北京首都机场卡车航班（G5/G20、G4）",
     estimate("road-feeder service; route along G5/G20 and G4")),
    ("taiyuan", "pvg_airport",
     "r_shouyang r_jingxing r_hengshui r_jinan r_taian r_linyi r_huaian r_jiangyin r_wuxi "
     "r_shanghai",
     "Trucking Taiyuan–Shanghai Pudong airport (G20 Qingyin to Jinan, G2 Jinghu to Shanghai)",
     "太原—上海浦东机场卡车航班（G20青银、G2京沪）",
     estimate("road-feeder service; route along G20 and G2")),
]

# ============================================================================================
# Air links
# ============================================================================================

AIR_NETWORK = ["ycu_airport", "dat_airport", "wut_airport", "cih_airport", "lfq_airport",
               "llv_airport"]

CHINANEWS_2022 = ("China News Service 2022-03-10: Taiyuan Wusu international cargo "
                  "(passenger-to-cargo) routes to San Francisco, Brussels, London, Madrid; "
                  "Taiyuan–Cologne cargo planned from end of March 2022")
TYN_INTERNATIONAL = [
    ("sfo_airport", CHINANEWS_2022 + " (weekly B787, resumed 2022)"),
    ("bru_airport", CHINANEWS_2022),
    ("lhr_airport", CHINANEWS_2022),
    ("mad_airport", CHINANEWS_2022),
    ("cgn_airport", CHINANEWS_2022 + "; " + estimate("announced, operation not confirmed")),
    ("hkg_airport", "Macau Daily Times: regular passenger flights Hong Kong–Taiyuan resume "
                    "(belly cargo)"),
    ("bkk_airport", "Taiyuan Wusu 2025 summer schedule as reported online (Bangkok route "
                    "retained; belly cargo); " + estimate("secondary report, not CAAC")),
]

HUB_ESTIMATE = estimate("representative international air cargo connection from this hub "
                        "(freighter or belly, possibly with a stop); schedules not verified; "
                        "great-circle geometry")
CGO_DESTINATIONS = ["lux_airport", "lgg_airport", "fra_airport", "ams_airport", "lhr_airport",
                    "bud_airport", "svo_airport", "ala_airport", "tas_airport", "icn_airport",
                    "nrt_airport", "sin_airport", "kul_airport", "bkk_airport", "dxb_airport",
                    "anc_airport", "ord_airport", "lax_airport", "jfk_airport"]
GLOBAL_HUBS = ["pek_airport", "pvg_airport"]  # these connect to every foreign airport

# ============================================================================================
# Corridors
# ============================================================================================

SEED_AS_OF = "2024-09"
SEED_FIGURES = {
    "china_europe_lines": {"value": 18, "as_of": SEED_AS_OF, "source": SEED,
                           "note": "China–Europe train lines run regularly (常态化开行18条线路)"},
    "china_europe_cities": {"value": 48, "as_of": SEED_AS_OF, "source": SEED,
                            "note": "major cities reached (通达48个主要城市)"},
    "china_europe_countries": {"value": 16, "as_of": SEED_AS_OF, "source": SEED,
                               "note": "countries reached (16个国家)"},
    "trains_total": {"value": 825, "as_of": "2024-09-18", "source": SEED,
                     "note": "China–Europe and China–Central Asia trains run in total "
                             "(中欧、中亚班列累计开行825列)"},
    "air_ports_of_entry": {"value": 3, "as_of": SEED_AS_OF, "source": SEED,
                           "note": "Taiyuan, Datong, Yuncheng (3个航空口岸)"},
}

CORRIDORS = [
    # id, kind, seed, name_en, name_zh, source, figures
    ("air_network", "air", True, "Air network “one point, many lines” (Taiyuan hub)",
     "“一点多线”航空物流通道", SEED,
     {"branch_lines": {"value": 6, "as_of": SEED_AS_OF, "source": SEED,
                       "note": "Taiyuan centre; Yuncheng, Datong, Wutaishan, Changzhi, Linfen, "
                               "Lüliang branches"},
      "air_ports_of_entry": {"value": 3, "as_of": SEED_AS_OF, "source": SEED}}),
    ("land_horgos", "land", True, "Land corridor Shanxi–Horgos (Alashankou)",
     "山西—霍尔果斯（阿拉山口）物流通道", SEED, {}),
    ("land_erenhot", "land", True, "Land corridor Shanxi–Erenhot", "山西—二连浩特物流通道",
     SEED, {}),
    ("land_manzhouli", "land", True, "Land corridor Shanxi–Manzhouli", "山西—满洲里物流通道",
     SEED, {}),
    ("railsea_tianjin", "rail_sea", True, "Rail–sea corridor to Tianjin port",
     "至天津港铁海联运通道", SEED, {}),
    ("railsea_zhoushan", "rail_sea", True, "Rail–sea corridor to Ningbo-Zhoushan port",
     "至舟山港（宁波舟山港）铁海联运通道", SEED, {}),
    ("railsea_rizhao", "rail_sea", True, "Rail–sea corridor to Rizhao port (Wari railway)",
     "至日照港铁海联运通道（瓦日铁路）", SEED, {}),
    ("railsea_qinhuangdao", "rail_sea", False,
     "Rail–sea corridor to Qinhuangdao port (Daqin coal railway)",
     "至秦皇岛港铁海联运通道（大秦铁路）", wiki("Datong–Qinhuangdao railway"), {}),
    ("air_international", "air", False, "International air (Taiyuan and the cargo hubs)",
     "国际航空货运", CHINANEWS_2022 + "; " + HUB_ESTIMATE, {}),
    ("air_feeder", "feeder", False, "Road feeder to the air cargo hubs (Zhengzhou, Beijing, "
     "Shanghai)", "至航空货运枢纽的卡车航班", estimate("road-feeder services by expressway"), {}),
    ("road_shanxi", "road", False, "Shanxi expressways", "山西高速公路网",
     wiki("Expressways of China"), {}),
    ("rail_abroad", "rail_abroad", False, "Rail beyond the border (Mongolia, Russia, Central "
     "Asia, Belarus, EU)", "境外铁路", wiki("China–Europe Railway Express"), {}),
    ("sea_lanes", "sea", False, "Sea lanes from the Chinese ports", "远洋航线",
     "searoute (Eurostat maritime network)", {}),
]

COUNTRIES = {
    "AE": ("United Arab Emirates", "阿联酋"), "AT": ("Austria", "奥地利"),
    "AU": ("Australia", "澳大利亚"), "BE": ("Belgium", "比利时"), "BR": ("Brazil", "巴西"),
    "BY": ("Belarus", "白俄罗斯"), "CA": ("Canada", "加拿大"), "CL": ("Chile", "智利"),
    "CN": ("China", "中国"), "CZ": ("Czechia", "捷克"), "DE": ("Germany", "德国"),
    "ES": ("Spain", "西班牙"), "FI": ("Finland", "芬兰"), "FR": ("France", "法国"),
    "GB": ("United Kingdom", "英国"), "GH": ("Ghana", "加纳"), "GR": ("Greece", "希腊"),
    "HK": ("Hong Kong, China", "中国香港"), "HU": ("Hungary", "匈牙利"),
    "ID": ("Indonesia", "印度尼西亚"), "IN": ("India", "印度"), "IT": ("Italy", "意大利"),
    "JP": ("Japan", "日本"), "KE": ("Kenya", "肯尼亚"), "KG": ("Kyrgyzstan", "吉尔吉斯斯坦"),
    "KR": ("South Korea", "韩国"), "KZ": ("Kazakhstan", "哈萨克斯坦"),
    "LK": ("Sri Lanka", "斯里兰卡"), "LT": ("Lithuania", "立陶宛"),
    "LU": ("Luxembourg", "卢森堡"), "LV": ("Latvia", "拉脱维亚"), "MN": ("Mongolia", "蒙古"),
    "MX": ("Mexico", "墨西哥"), "MY": ("Malaysia", "马来西亚"), "NG": ("Nigeria", "尼日利亚"),
    "NL": ("Netherlands", "荷兰"), "PE": ("Peru", "秘鲁"), "PK": ("Pakistan", "巴基斯坦"),
    "PL": ("Poland", "波兰"), "RU": ("Russia", "俄罗斯"), "SA": ("Saudi Arabia", "沙特阿拉伯"),
    "SG": ("Singapore", "新加坡"), "TH": ("Thailand", "泰国"), "TJ": ("Tajikistan", "塔吉克斯坦"),
    "TM": ("Turkmenistan", "土库曼斯坦"), "US": ("United States", "美国"),
    "UZ": ("Uzbekistan", "乌兹别克斯坦"), "VN": ("Vietnam", "越南"),
    "ZA": ("South Africa", "南非"),
}

# ============================================================================================
# Building
# ============================================================================================


def searoute_version() -> str:
    return metadata.version("searoute")


def searoute_ports() -> dict[str, list[dict]]:
    """searoute's shipped port list, by UN/LOCODE."""
    text = resources.files("searoute").joinpath("data/ports.geojson").read_text("utf-8")
    ports: dict[str, list[dict]] = defaultdict(list)
    for feature in json.loads(text)["features"]:
        ports[feature["properties"]["port"]].append(feature)
    return ports


def build_nodes() -> dict[str, dict]:
    """All node rows by id (seaports positioned from searoute's port list)."""
    rows = (SHANXI_PREFECTURES + CHINA_CITIES + TERMINALS + AIRPORTS_CN + RAIL_STATIONS_CN
            + CROSSINGS + CROSSINGS_ABROAD + RAIL_STATIONS_ABROAD + DESTINATIONS)
    for nid, iata, lon, lat, en, zh, city_id in FOREIGN_AIRPORTS:
        country = next(r["country"] for r in rows if r["id"] == city_id)
        rows.append(node(nid, "airport", country, lon, lat, en, zh, AIRPORTSDATA,
                         iata=iata, city=city_id))
    ports = searoute_ports()
    src = f"searoute {searoute_version()} port list (UN/LOCODE, position)"
    for nid, code, sr_name, en, zh, country, city_id, aliases in SEAPORTS:
        candidates = ports[code]
        feature = next((f for f in candidates if f["properties"]["name"] == sr_name),
                       candidates[0] if candidates else None)
        if feature is None:
            raise SystemExit(f"UN/LOCODE {code} is not in searoute's port list")
        lon, lat = feature["geometry"]["coordinates"]
        rows.append(node(nid, "seaport", country, lon, lat, en, zh, src, aliases,
                         unlocode=code, city=city_id))
    nodes: dict[str, dict] = {}
    for row in rows:
        report = TRAIN_REPORTS.get(row["id"]) or TRAIN_REPORTS_CROSSING.get(row["id"])
        if report:
            row["source"] = f"{row['source']}; {report}"
        if row["id"] in nodes:
            raise SystemExit(f"duplicate node id {row['id']}")
        nodes[row["id"]] = row
    clash = set(nodes) & set(VIA)
    if clash:
        raise SystemExit(f"VIA names that are also node ids: {sorted(clash)}")
    return nodes


def lonlat(nodes: dict, name: str) -> tuple[float, float]:
    if name in nodes:
        return nodes[name]["lon"], nodes[name]["lat"]
    if name in VIA:
        return VIA[name]
    raise SystemExit(f"unknown place {name!r} in a path")


def rounded(coords) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in coords:
        lon = ((lon + 180.0) % 360.0) - 180.0 if abs(lon) > 180.0 else lon
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def link(lid, mode, corridor, a, b, coords, en, zh, source, **props) -> dict:
    row = {"id": lid, "mode": mode, "corridor": corridor, "from": a, "to": b,
           "name_en": en, "name_zh": zh, "source": source, "coords": rounded(coords)}
    row.update({k: v for k, v in props.items() if v is not None})
    return row


def rail_note(railway: str, a: str, b: str) -> str | None:
    """The railway's caution and the crossing's, if any, joined."""
    parts = [RAIL_NOTES.get(railway), CROSSING_NOTES.get(frozenset((a, b)))]
    return "; ".join(p for p in parts if p) or None


def rail_links(nodes: dict) -> list[dict]:
    railways = {r[0]: r for r in RAILWAYS}
    out = []
    for railway, corridor, path in RAIL_LINES:
        _, rname_en, rname_zh, _, rsource = railways[railway]
        names = path.split()
        if names[0] not in nodes or names[-1] not in nodes:
            raise SystemExit(f"path of {railway} must start and end at nodes: {path}")
        start, coords = names[0], [lonlat(nodes, names[0])]
        for name in names[1:]:
            coords.append(lonlat(nodes, name))
            if name in nodes:
                a, b = start, name
                crossing = nodes[a]["country"] != nodes[b]["country"]
                gauge = (a, b) in GAUGE_CHANGES or (b, a) in GAUGE_CHANGES
                en = f"{rname_en}: {nodes[a]['name_en']} – {nodes[b]['name_en']}"
                zh = f"{rname_zh}：{nodes[a]['name_zh']}—{nodes[b]['name_zh']}"
                out.append(link(f"rail_{a}_{b}", "rail", corridor, a, b, coords, en, zh, rsource,
                                railway=railway, crossing=True if crossing else None,
                                gauge_change=True if gauge else None,
                                note=rail_note(railway, a, b)))
                start, coords = name, [lonlat(nodes, name)]
        if len(coords) > 1:
            raise SystemExit(f"path of {railway} ends at a vertex: {path}")
    return out


def road_links(nodes: dict) -> list[dict]:
    out = []
    for a, b, via, en, zh, source in ROADS:
        coords = [lonlat(nodes, a)] + [lonlat(nodes, v) for v in via.split()] + [lonlat(nodes, b)]
        crossing = True if nodes[a]["country"] != nodes[b]["country"] else None
        out.append(link(f"road_{a}_{b}", "road", "road_shanxi", a, b, coords, en, zh, source,
                        crossing=crossing))
    for a, b, via, en, zh, source in FEEDERS:
        coords = [lonlat(nodes, a)] + [lonlat(nodes, v) for v in via.split()] + [lonlat(nodes, b)]
        out.append(link(f"feeder_{a}_{b}", "road", "air_feeder", a, b, coords, en, zh, source,
                        feeder=True))
    return out


def great_circle(a: tuple[float, float], b: tuple[float, float], step_km: float = 250.0):
    _, _, dist_m = GEOD.inv(a[0], a[1], b[0], b[1])
    n = int(dist_m / 1000.0 / step_km)
    inner = GEOD.npts(a[0], a[1], b[0], b[1], n) if n > 0 else []
    return [a, *inner, b]


def air_link(nodes, a, b, corridor, source) -> dict:
    coords = great_circle(lonlat(nodes, a), lonlat(nodes, b))
    na, nb = nodes[a], nodes[b]
    en = f"Air {na['iata']}–{nb['iata']}: {na['name_en']} – {nb['name_en']}"
    zh = f"航线 {na['iata']}—{nb['iata']}：{na['name_zh']}—{nb['name_zh']}"
    return link(f"air_{na['iata'].lower()}_{nb['iata'].lower()}", "air", corridor, a, b, coords,
                en, zh, source)


def air_links(nodes: dict) -> list[dict]:
    out = [air_link(nodes, "tyn_airport", b, "air_network", SEED + " (一点多线 branch line)")
           for b in AIR_NETWORK]
    out += [air_link(nodes, "tyn_airport", b, "air_international", src)
            for b, src in TYN_INTERNATIONAL]
    foreign = [r[0] for r in FOREIGN_AIRPORTS]
    for hub in GLOBAL_HUBS:
        out += [air_link(nodes, hub, b, "air_international", HUB_ESTIMATE) for b in foreign]
    out += [air_link(nodes, "cgo_airport", b, "air_international", HUB_ESTIMATE)
            for b in CGO_DESTINATIONS]
    return out


def sea_links(nodes: dict) -> list[dict]:
    import searoute

    source = f"searoute {searoute_version()} Eurostat maritime network (shortest sea route)"
    foreign = [p[0] for p in SEAPORTS if p[0] not in CHINESE_SEAPORTS]
    out = []
    for a in CHINESE_SEAPORTS:
        for b in foreign:
            route = searoute.searoute(list(lonlat(nodes, a)), list(lonlat(nodes, b)),
                                      units="km", append_orig_dest=True)
            coords = route["geometry"]["coordinates"]
            line = LineString(coords).simplify(SEA_SIMPLIFY_DEG, preserve_topology=False)
            na, nb = nodes[a], nodes[b]
            out.append(link(f"sea_{na['unlocode'].lower()}_{nb['unlocode'].lower()}", "sea",
                            "sea_lanes", a, b, list(line.coords),
                            f"Sea {na['name_en']} – {nb['name_en']}",
                            f"海运 {na['name_zh']}—{nb['name_zh']}", source))
    return out


def length_km(coords) -> float:
    lons = [c[0] for c in coords]
    lats = [c[1] for c in coords]
    return GEOD.line_length(lons, lats) / 1000.0


# ------------------------------------------------------------------------------------------
# Checks


def check(nodes: dict, links: list[dict]) -> list[str]:
    problems: list[str] = []
    ids = [lk["id"] for lk in links]
    for lid, n in Counter(ids).items():
        if n > 1:
            problems.append(f"duplicate link id {lid}")
    corridor_ids = {c[0] for c in CORRIDORS}
    used = {lk["corridor"] for lk in links}
    problems += [f"unknown corridor {c}" for c in sorted(used - corridor_ids)]
    problems += [f"corridor {c} is used by no link" for c in sorted(corridor_ids - used)]
    railway_ids = {r[0] for r in RAILWAYS}
    used_rail = {lk.get("railway") for lk in links if lk["mode"] == "rail"}
    problems += [f"railway {r} has no link" for r in sorted(railway_ids - used_rail)]
    for lk in links:
        for end in ("from", "to"):
            if lk[end] not in nodes:
                problems.append(f"{lk['id']}: unknown {end} node {lk[end]}")
        if lk["mode"] == "rail" and lk.get("railway") not in railway_ids:
            problems.append(f"{lk['id']}: rail link without a known railway")
        for lon, lat in lk["coords"]:
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                problems.append(f"{lk['id']}: coordinate out of range {lon}, {lat}")
                break
        if any(len(part) < 2 for part in antimeridian_parts(lk["coords"])):
            problems.append(f"{lk['id']}: a part cut at the antimeridian has one point")
        for end, vertex in (("from", lk["coords"][0]), ("to", lk["coords"][-1])):
            nd = nodes.get(lk[end])
            if nd and GEOD.inv(vertex[0], vertex[1], nd["lon"], nd["lat"])[2] > 5000:
                problems.append(f"{lk['id']}: geometry end is far from its {end} node")
    for nd in nodes.values():
        if not (-180 <= nd["lon"] <= 180 and -90 <= nd["lat"] <= 90):
            problems.append(f"{nd['id']}: coordinates out of range")
        if nd.get("city") and nd["city"] not in nodes:
            problems.append(f"{nd['id']}: city {nd['city']} unknown")
        if nd.get("counterpart"):
            other = nodes.get(nd["counterpart"])
            if not other or other.get("counterpart") != nd["id"]:
                problems.append(f"{nd['id']}: counterpart not mutual")
        if nd["country"] not in COUNTRIES:
            problems.append(f"{nd['id']}: country {nd['country']} not in the country table")
        if nd["kind"] in {"airport", "seaport", "rail_terminal"} and not nd.get("city"):
            problems.append(f"{nd['id']}: {nd['kind']} without city")
    # connectivity: links plus the city joins (airport/seaport/terminal -> city)
    graph: dict[str, set[str]] = defaultdict(set)
    for lk in links:
        graph[lk["from"]].add(lk["to"])
        graph[lk["to"]].add(lk["from"])
    for nd in nodes.values():
        if nd.get("city"):
            graph[nd["id"]].add(nd["city"])
            graph[nd["city"]].add(nd["id"])
    seen, queue = {"taiyuan"}, deque(["taiyuan"])
    while queue:
        for nxt in graph[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    problems += [f"node {n} is not connected to the network" for n in sorted(set(nodes) - seen)]
    problems += check_airportsdata(nodes)
    used_via = {w for _, _, path in RAIL_LINES for w in path.split()}
    used_via |= {w for table in (ROADS, FEEDERS) for row in table for w in row[2].split()}
    problems += [f"VIA vertex {v} is used by no line" for v in sorted(set(VIA) - used_via)]
    return problems


def check_airportsdata(nodes: dict) -> list[str]:
    try:
        import airportsdata
    except ImportError:  # test-time dependency; the table is copied from it
        return []
    table = airportsdata.load("IATA")
    problems = []
    for nd in nodes.values():
        ref = table.get(nd.get("iata") or "")
        if nd["kind"] != "airport" or ref is None:
            continue
        off_km = GEOD.inv(nd["lon"], nd["lat"], ref["lon"], ref["lat"])[2] / 1000.0
        if off_km > 1.0 or ref["country"] != nd["country"]:
            problems.append(f"{nd['id']}: {off_km:.1f} km from airportsdata {nd['iata']}")
    return problems


def railway_lengths(links: list[dict]) -> list[tuple[str, float, float | None]]:
    total: dict[str, float] = defaultdict(float)
    for lk in links:
        if lk["mode"] == "rail":
            total[lk["railway"]] += length_km(lk["coords"])
    return [(r[0], total[r[0]], r[3]) for r in RAILWAYS]


def rail_reach(nodes: dict, links: list[dict]) -> set[str]:
    """Foreign destinations reachable from the Shanxi terminals by rail alone."""
    graph: dict[str, set[str]] = defaultdict(set)
    for lk in links:
        if lk["mode"] == "rail":
            graph[lk["from"]].add(lk["to"])
            graph[lk["to"]].add(lk["from"])
    start = [n for n, nd in nodes.items() if nd.get("departure_terminal")]
    seen, queue = set(start), deque(start)
    while queue:
        for nxt in graph[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return {n for n in seen if nodes[n]["kind"] == "destination"}


# ------------------------------------------------------------------------------------------
# Writing


def node_feature(nd: dict) -> dict:
    props = {k: v for k, v in nd.items() if k not in ("lon", "lat")}
    return {"type": "Feature", "id": nd["id"], "properties": props,
            "geometry": {"type": "Point",
                         "coordinates": [round(nd["lon"], 6), round(nd["lat"], 6)]}}


def crossing_lat(a: list[float], b: list[float]) -> float:
    """Latitude where the geodesic from ``a`` to ``b`` (lon/lat) crosses the antimeridian.

    The geodesic is the one the loader measures (the short way round), so cutting a line there
    leaves its length unchanged.  Its longitude is monotonic, so bisection finds the crossing.
    """
    azimuth, _, dist_m = GEOD.inv(a[0], a[1], b[0], b[1])
    east = a[0] > 0  # the side of ``a``; the crossing is where the side changes
    near, far = 0.0, dist_m
    lat = a[1]
    for _ in range(CROSSING_BISECTIONS):
        mid = (near + far) / 2.0
        lon, lat_mid, _ = GEOD.fwd(a[0], a[1], azimuth, mid)
        if (lon > 0) == east and abs(lon) < HALF_TURN_DEG:
            near = mid
        else:
            far = mid
        lat = lat_mid
    return lat


def antimeridian_parts(coords: list[list[float]]) -> list[list[list[float]]]:
    """Cut a line where consecutive points are more than 180° of longitude apart.

    RFC 7946 §3.1.9: each crossing ends one part at ±180 and starts the next at ∓180, on the
    same (geodesically interpolated) latitude.  A line that does not cross is one part.
    """
    parts = [[coords[0]]]
    for prev, point in zip(coords, coords[1:], strict=False):
        if abs(point[0] - prev[0]) <= HALF_TURN_DEG:
            parts[-1].append(point)
            continue
        edge = HALF_TURN_DEG if prev[0] > 0 else -HALF_TURN_DEG
        lat = round(crossing_lat(prev, point), DECIMALS)
        if parts[-1][-1] != [edge, lat]:
            parts[-1].append([edge, lat])
        parts.append([[-edge, lat]])
        if point != parts[-1][-1]:
            parts[-1].append(point)
    return parts


def link_geometry(coords: list[list[float]]) -> dict:
    """A LineString, or a MultiLineString when the line crosses the antimeridian."""
    parts = antimeridian_parts(coords)
    if len(parts) == 1:
        return {"type": "LineString", "coordinates": parts[0]}
    return {"type": "MultiLineString", "coordinates": parts}


def link_feature(lk: dict) -> dict:
    props = {k: v for k, v in lk.items() if k != "coords"}
    return {"type": "Feature", "id": lk["id"], "properties": props,
            "geometry": link_geometry(lk["coords"])}


def write_json(path: Path, data, *, indent: int | None) -> None:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=indent,
                      separators=(",", ":") if indent is None else None)
    path.write_text(text + "\n", encoding="utf-8")


def write_outputs(nodes: dict, links: list[dict]) -> None:
    OUT.mkdir(exist_ok=True)
    write_json(OUT / "nodes.geojson",
               {"type": "FeatureCollection",
                "features": [node_feature(nodes[n]) for n in sorted(nodes)]}, indent=None)
    write_json(OUT / "links.geojson",
               {"type": "FeatureCollection",
                "features": [link_feature(lk) for lk in sorted(links, key=lambda x: x["id"])]},
               indent=None)
    corridors = {
        "seed_figures": SEED_FIGURES,
        "corridors": [
            {"id": cid, "kind": kind, "seed": seed, "name_en": en, "name_zh": zh,
             "source": source, "figures": figures}
            for cid, kind, seed, en, zh, source, figures in CORRIDORS
        ],
        "railways": [
            {"id": rid, "name_en": en, "name_zh": zh, "published_km": km, "source": source}
            for rid, en, zh, km, source in RAILWAYS
        ],
    }
    write_json(OUT / "corridors.json", corridors, indent=1)
    used = sorted({nd["country"] for nd in nodes.values()})
    with (OUT / "countries.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["iso2", "name_en", "name_zh"])
        for iso in used:
            writer.writerow([iso, *COUNTRIES[iso]])


def summary(nodes: dict, links: list[dict]) -> bool:
    print("nodes by kind:", dict(sorted(Counter(nd["kind"] for nd in nodes.values()).items())))
    print("links by mode:", dict(sorted(Counter(lk["mode"] for lk in links).items())))
    print("links by corridor:", dict(sorted(Counter(lk["corridor"] for lk in links).items())))
    reach = rail_reach(nodes, links)
    countries = sorted({nodes[n]["country"] for n in reach})
    print(f"rail destinations reachable from the Shanxi terminals: {len(reach)} cities in "
          f"{len(countries)} countries ({', '.join(countries)})")
    print("  " + ", ".join(sorted(nodes[n]["name_en"] for n in reach)))
    ok = True
    print("railway lengths (geodesic sum of links vs published):")
    for rid, km, published in railway_lengths(links):
        if published is None:
            print(f"  {rid:28s} {km:8.0f} km   (section; no published length checked)")
            continue
        ratio = km / published
        flag = "ok" if abs(ratio - 1) <= TOLERANCE else "OUT OF TOLERANCE"
        ok &= flag == "ok"
        print(f"  {rid:28s} {km:8.0f} km vs {published:5d} km  {ratio:6.1%}  {flag}")
    for name in ("nodes.geojson", "links.geojson", "corridors.json", "countries.csv"):
        print(f"  {name}: {(OUT / name).stat().st_size / 1e6:.2f} MB")
    return ok


def validate_with_loader() -> list[str]:
    """Run the project's own contract check when it is importable."""
    sys.path.insert(0, str(ROOT))
    try:
        from corridors.validate import read_json, validate_layers
    except ImportError:
        return []
    docs = [read_json(OUT / name)[0]
            for name in ("nodes.geojson", "links.geojson", "corridors.json")]
    return validate_layers(*docs)


def main() -> int:
    nodes = build_nodes()
    links = rail_links(nodes) + road_links(nodes) + air_links(nodes) + sea_links(nodes)
    problems = check(nodes, links)
    write_outputs(nodes, links)
    lengths_ok = summary(nodes, links)
    problems += [f"loader: {p}" for p in validate_with_loader()]
    for p in problems:
        print("PROBLEM:", p)
    if problems or not lengths_ok:
        print("build finished with problems")
        return 1
    print("build ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
