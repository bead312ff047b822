"""Cross-checks of the shipped data in ``geodata/`` against independent public sources.

- airports against ``airportsdata`` (IATA code and coordinates) and OurAirports (as ``airports-py``
  3.1.0 packages it, committed as ``scripts/network/airports_ourairports.csv``);
- seaports against the UN/LOCODE port list that ``searoute`` ships;
- railway lengths computed from the geometry against the published lengths (asserted here
  explicitly as well, so the data cannot drift);
- the seed document's facts: 11 Shanxi prefecture cities, 8 Shanxi airports (Taiyuan, the
  seed's six branch lines and Shuozhou, opened 2023-12-18), the four land
  crossings with their counterparts, ≥ 48 rail destination cities in ≥ 16 countries, the
  platforms (1 bonded zone, 3 bonded logistics centres, 3 inspection sites);
- every feature named in English and Chinese and sourced; every basemap small and valid.

A test whose layer is missing fails naming the file (``make network`` / ``make basemap``).
"""

from __future__ import annotations

import csv
import json
import unicodedata
from functools import cache
from importlib import resources
from pathlib import Path

import airportsdata
import geopandas as gpd
import pytest
from shapely.geometry import Point

from corridors import DEFAULT_DATA_DIR, corridor_figures, province_figures
from corridors.geo import geodesic_distance_km
from corridors.validate import read_json, validate_layers

AIRPORT_TOLERANCE_KM = 5.0
#: OurAirports' positions of the network's airports (from airports-py 3.1.0, committed).
OURAIRPORTS = "airports_ourairports.csv"
SEAPORT_TOLERANCE_KM = 50.0
RAILWAY_LENGTH_TOLERANCE = 0.10
BASEMAP_MAX_BYTES = 2 * 1024 * 1024

# Wutaishan (WUT, Xinzhou) opened in 2015 and is missing from airportsdata; the data contract
# (geodata/README.md via DESIGN.md) fixes its position: 38.59917 N, 112.96778 E.
WUT_LON_LAT = (112.96778, 38.59917)

SHANXI_PREFECTURES = {
    "taiyuan": "Taiyuan",
    "datong": "Datong",
    "shuozhou": "Shuozhou",
    "xinzhou": "Xinzhou",
    "yangquan": "Yangquan",
    "luliang": "Luliang",
    "jinzhong": "Jinzhong",
    "changzhi": "Changzhi",
    "jincheng": "Jincheng",
    "linfen": "Linfen",
    "yuncheng": "Yuncheng",
}
# Taiyuan, the seed's six branch airports, and Shuozhou (SZH, opened 2023-12-18: Shanxi's
# seventh branch airport, not one of the seed's six branch lines)
SEED_BRANCH_AIRPORTS = {"DAT", "YCU", "WUT", "CIH", "LFQ", "LLV"}
SHANXI_AIRPORTS = {"TYN", *SEED_BRANCH_AIRPORTS, "SZH"}
AIR_PORTS_OF_ENTRY = {"TYN", "DAT", "YCU"}
# The seed's land crossings (Horgos and Alashankou both serve the Horgos corridor).
CROSSINGS = {"Horgos", "Alashankou", "Erenhot", "Manzhouli"}
# Published lengths (km) of the railways the corridors ride on; the source of each is in
# geodata/corridors.json -> railways.
PUBLISHED_RAILWAY_KM = {
    "Lanzhou–Xinjiang": 1904,
    "Harbin–Manzhouli": 935,
    "Taiyuan–Zhongwei–Yinchuan": 945,
    "Wari": 1260,
    "Datong–Qinhuangdao": 653,
}
# The seed's China–Europe / Central Asia train figures (2024-09-18).
SEED_RAIL_LINES = 18
SEED_RAIL_CITIES = 48
SEED_RAIL_COUNTRIES = 16
SEED_TRAINS = 825
SEED_TRAINS_AS_OF = "2024-09-18"
PLATFORM_COUNTS = {"bonded_zone": 1, "bonded_logistics_centre": 3, "inspection_site": 3}
SEED_CORRIDORS = [
    "air_network",
    "land_horgos",
    "land_erenhot",
    "land_manzhouli",
    "railsea_tianjin",
    "railsea_zhoushan",
    "railsea_rizhao",
]


def _require(*names: str) -> None:
    missing = [n for n in names if not (DEFAULT_DATA_DIR / n).is_file()]
    if missing:
        pytest.fail(f"shipped data missing: {', '.join(missing)} in {DEFAULT_DATA_DIR}")


def _fold(text: str) -> str:
    """Lower-case ASCII folding for name comparison (Lüliang -> luliang, en dash -> '-')."""
    text = text.replace("–", "-").replace("—", "-").replace("ü", "u").replace("Ü", "U")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


@cache
def _searoute_ports() -> dict[str, list[tuple[float, float]]]:
    path = resources.files("searoute") / "data" / "ports.geojson"
    ports: dict[str, list[tuple[float, float]]] = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        code = feature["properties"]["port"]
        lon, lat = feature["geometry"]["coordinates"][:2]
        ports.setdefault(code, []).append((lon, lat))
    return ports


# --------------------------------------------------------------------------------------------
# the network as a whole


def test_shipped_network_validates(real_network) -> None:
    # load_network validated already (it raises NetworkValidationError listing every problem);
    # check the raw layers once more so a regression names its feature here too.
    docs = {}
    for name in ("nodes.geojson", "links.geojson", "corridors.json", "platforms.geojson"):
        path = DEFAULT_DATA_DIR / name
        docs[name], problems = read_json(path) if path.is_file() else (None, [])
        assert problems == []
    problems = validate_layers(
        docs["nodes.geojson"],
        docs["links.geojson"],
        docs["corridors.json"],
        platforms_fc=docs["platforms.geojson"],
    )
    assert problems == []
    assert len(real_network.nodes) > 0 and len(real_network.links) > 0


def test_every_feature_has_names_and_source(real_network) -> None:
    frames = {"nodes": real_network.nodes, "links": real_network.links}
    if not real_network.platforms.empty:
        frames["platforms"] = real_network.platforms
    for layer, frame in frames.items():
        for col in ("name_en", "name_zh", "source"):
            empty = [
                fid for fid, v in frame[col].items() if not isinstance(v, str) or not v.strip()
            ]
            assert empty == [], f"{layer}: {col} missing on {empty}"
    for cid, corridor in real_network.corridors.items():
        assert corridor.name_en and corridor.name_zh and corridor.source, cid
    assert real_network.railways[["name_en", "name_zh", "source"]].notna().all().all()


def test_seed_corridors_present_and_first(real_network) -> None:
    assert list(real_network.seed_corridors) == SEED_CORRIDORS
    table = corridor_figures(real_network)
    assert list(table["id"][: len(SEED_CORRIDORS)]) == SEED_CORRIDORS
    seed = table.set_index("id").loc[SEED_CORRIDORS]
    assert (seed["links"] > 0).all()
    assert (seed["destinations"] > 0).all(), seed["destinations"].to_dict()


# --------------------------------------------------------------------------------------------
# airports and seaports against independent lists


def _named_wrong(reference: str) -> set[str]:
    """The airport nodes whose table row names ``reference``'s position wrong."""
    path = Path(__file__).resolve().parent.parent / "scripts" / "network" / "nodes_airports.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {r["id"] for r in csv.DictReader(handle) if r["position_check"] == reference}


def test_airports_match_airportsdata(real_network) -> None:
    known = airportsdata.load("IATA")
    airports = real_network.nodes[real_network.nodes["kind"] == "airport"]
    assert len(airports) >= len(SHANXI_AIRPORTS)
    misread = _named_wrong("airportsdata")
    far = []
    for node_id, row in airports.iterrows():
        code = row["iata"]
        if code == "WUT" and code not in known:
            offset_km = geodesic_distance_km(row["lon"], row["lat"], *WUT_LON_LAT)
            assert offset_km <= AIRPORT_TOLERANCE_KM, f"{node_id}: {offset_km:.1f} km from WUT"
            continue
        assert code in known, f"{node_id}: IATA {code!r} not in airportsdata"
        ref = known[code]
        lon, lat = (_as_dms(ref["lon"]), _as_dms(ref["lat"])) if node_id in misread else (
            ref["lon"], ref["lat"])
        offset_km = geodesic_distance_km(row["lon"], row["lat"], lon, lat)
        if offset_km > AIRPORT_TOLERANCE_KM:
            far.append(f"{node_id} ({code}) {offset_km:.1f} km off")
        assert ref["country"] == row["country"], f"{node_id}: country {row['country']}"
    assert far == []


def _as_dms(value: float) -> float:
    """airportsdata's decimal read as the degrees-minutes-seconds it was (50.5405: 50°54'05")."""
    degrees = int(value)
    rest = round((value - degrees) * 10_000)
    return degrees + rest // 100 / 60 + rest % 100 / 3600


def test_brussels_liege_luxembourg_within_3_km_of_their_published_positions(
    real_network,
) -> None:
    # airportsdata 20260905 holds these three as degrees-minutes-seconds read as decimals
    # (29-42 km off); read as such they are the airports' published reference points
    known = airportsdata.load("IATA")
    nodes = real_network.nodes.set_index("iata", drop=False)
    assert {"bru_airport", "lgg_airport", "lux_airport"} <= _named_wrong("airportsdata")
    for code in ("BRU", "LGG", "LUX"):
        ref = known[code]
        published = (_as_dms(ref["lon"]), _as_dms(ref["lat"]))
        node = nodes.loc[code]
        assert geodesic_distance_km(node["lon"], node["lat"], *published) <= 3.0, code
        assert geodesic_distance_km(node["lon"], node["lat"], ref["lon"], ref["lat"]) > 25.0


def test_airports_match_a_second_source(real_network) -> None:
    # OurAirports' positions (airports-py): within 5 km, except where the table names this
    # source wrong and says why (Linfen, Shuozhou: both a town and a report place them)
    table = Path(__file__).resolve().parent.parent / "scripts" / "network" / OURAIRPORTS
    with table.open(encoding="utf-8") as handle:
        known = {row["iata"]: row for row in csv.DictReader(handle)}
    airports = real_network.nodes[real_network.nodes["kind"] == "airport"]
    exempt = _named_wrong("airports-py")
    assert exempt == {"lfq_airport", "szh_airport"}
    far = []
    for node_id, row in airports.iterrows():
        ref = known[row["iata"]]
        there = float(ref["lon"]), float(ref["lat"])
        offset_km = geodesic_distance_km(row["lon"], row["lat"], *there)
        if (offset_km > AIRPORT_TOLERANCE_KM) != (node_id in exempt):
            far.append(f"{node_id} ({row['iata']}) {offset_km:.1f} km off")
    assert far == []


def test_wutaishan_not_in_airportsdata_or_matching() -> None:
    ref = airportsdata.load("IATA").get("WUT")
    if ref is not None:  # a later airportsdata may add it: then it must agree
        assert geodesic_distance_km(ref["lon"], ref["lat"], *WUT_LON_LAT) <= AIRPORT_TOLERANCE_KM


def test_seaports_match_searoute_unlocodes(real_network) -> None:
    ports = _searoute_ports()
    assert len(ports) > 3000  # searoute ships ~3,900 UN/LOCODE ports
    seaports = real_network.nodes[real_network.nodes["kind"] == "seaport"]
    assert len(seaports) >= 3
    far = []
    for node_id, row in seaports.iterrows():
        code = row["unlocode"]
        assert code in ports, f"{node_id}: UN/LOCODE {code!r} not in searoute's port list"
        assert code[:2] == row["country"], f"{node_id}: {code} is not in {row['country']}"
        offset_km = min(geodesic_distance_km(row["lon"], row["lat"], *ll) for ll in ports[code])
        if offset_km > SEAPORT_TOLERANCE_KM:
            far.append(f"{node_id} ({code}) {offset_km:.0f} km off")
    assert far == []


def test_seed_seaports_present(real_network) -> None:
    codes = set(real_network.nodes["unlocode"].dropna())
    # Tianjin, Ningbo-Zhoushan (Zhoushan), Rizhao
    assert {"CNTSN", "CNRZH"} <= codes
    assert codes & {"CNZOS", "CNNGB"}


# --------------------------------------------------------------------------------------------
# railways: computed lengths against the published ones


def test_published_railway_lengths(real_network) -> None:
    railways = real_network.railways
    by_name = {_fold(name): rid for rid, name in railways["name_en"].items()}
    for name, km in PUBLISHED_RAILWAY_KM.items():
        matches = [rid for folded, rid in by_name.items() if folded.startswith(_fold(name))]
        assert len(matches) == 1, f"railway {name!r}: found {matches} in {sorted(by_name)}"
        rid = matches[0]
        assert railways.at[rid, "published_km"] == km, f"{rid}: published length drifted"
        computed = railways.at[rid, "computed_km"]
        assert computed == pytest.approx(km, rel=RAILWAY_LENGTH_TOLERANCE), (
            f"{rid}: geometry gives {computed:.0f} km, published {km} km"
        )


def test_every_railway_with_links_is_within_tolerance(real_network) -> None:
    railways = real_network.railways
    used = railways[(railways["computed_km"] > 0) & railways["published_km"].notna()]
    off = {
        rid: (round(row["computed_km"]), row["published_km"])
        for rid, row in used.iterrows()
        if abs(row["computed_km"] - row["published_km"])
        > RAILWAY_LENGTH_TOLERANCE * row["published_km"]
    }
    assert off == {}


# --------------------------------------------------------------------------------------------
# the seed's facts


def test_eleven_shanxi_prefecture_cities(real_network) -> None:
    nodes = real_network.nodes
    origins = nodes[nodes["shanxi_prefecture"]]
    assert set(origins.index) == set(SHANXI_PREFECTURES)
    for node_id, name in SHANXI_PREFECTURES.items():
        row = nodes.loc[node_id]
        assert (row["kind"], row["country"]) == ("city", "CN")
        assert _fold(row["name_en"]) == _fold(name)


def test_prefecture_cities_lie_in_their_basemap_outline(real_network) -> None:
    _require("nodes.geojson", "basemap/shanxi.geojson")
    outlines = real_network.basemap("shanxi").set_index("id")
    outside = [
        node_id
        for node_id in SHANXI_PREFECTURES
        if not outlines.at[node_id, "geometry"].contains(
            Point(real_network.nodes.at[node_id, "lon"], real_network.nodes.at[node_id, "lat"])
        )
    ]
    assert outside == []


def test_shanxi_airports_one_trunk_seven_branches(real_network) -> None:
    nodes = real_network.nodes
    airports = nodes[(nodes["kind"] == "airport") & nodes["iata"].isin(SHANXI_AIRPORTS)]
    assert set(airports["iata"]) == SHANXI_AIRPORTS
    seed_branch = airports.set_index("iata")["seed_branch_line"]
    assert {c for c, flag in seed_branch.items() if flag is True} == SEED_BRANCH_AIRPORTS
    assert seed_branch["SZH"] is False  # the seventh branch airport is not a seed branch line
    assert set(airports.loc[airports["air_port_of_entry"], "iata"]) == AIR_PORTS_OF_ENTRY
    shanxi = real_network.basemap("shanxi").set_index("id").at["shanxi", "geometry"]
    outside = [
        code
        for code, lon, lat in airports[["iata", "lon", "lat"]].itertuples(index=False)
        if not shanxi.contains(Point(lon, lat))
    ]
    assert outside == []
    # every Shanxi airport is joined to Taiyuan ("one point, many lines")
    air = real_network.links[real_network.links["mode"] == "air"]
    tyn = airports.index[airports["iata"] == "TYN"][0]
    joined = set(air.loc[air["from"] == tyn, "to"]) | set(air.loc[air["to"] == tyn, "from"])
    assert set(airports.index) - {tyn} <= joined


def test_four_land_crossings_with_counterparts(real_network) -> None:
    nodes, links = real_network.nodes, real_network.links
    crossings = nodes[(nodes["kind"] == "border_crossing") & (nodes["country"] == "CN")]
    names = {_fold(n): node_id for node_id, n in crossings["name_en"].items()}
    for name in CROSSINGS:
        found = [nid for folded, nid in names.items() if folded.startswith(_fold(name))]
        assert len(found) == 1, f"crossing {name!r}: found {found}"
        node_id = found[0]
        other = nodes.at[node_id, "counterpart"]
        assert nodes.at[other, "kind"] == "border_crossing"
        assert nodes.at[other, "country"] != "CN"
        assert nodes.at[other, "counterpart"] == node_id
        pair = {node_id, other}
        joining = links[
            links.apply(lambda r, pair=pair: {r["from"], r["to"]} == pair, axis=1)
            & links["crossing"]
            & (links["mode"] == "rail")
        ]
        assert len(joining) >= 1, f"no crossing rail link {node_id} <-> {other}"
        # China runs 1435 mm; Kazakhstan, Mongolia and Russia 1520 mm
        assert joining["gauge_change"].all(), f"{node_id} <-> {other}: no gauge change"


def test_seed_figures_shipped(real_network) -> None:
    figures = province_figures(real_network).set_index("key")
    assert figures.at["china_europe_lines", "value"] == SEED_RAIL_LINES
    assert figures.at["china_europe_cities", "value"] == SEED_RAIL_CITIES
    assert figures.at["china_europe_countries", "value"] == SEED_RAIL_COUNTRIES
    assert figures.at["trains_total", "value"] == SEED_TRAINS
    assert figures.at["trains_total", "as_of"] == SEED_TRAINS_AS_OF
    assert figures["source"].notna().all()


def test_rail_destinations_cover_the_seed_figures(real_network) -> None:
    table = corridor_figures(real_network).set_index("id")
    land = table[table["kind"] == "land"]
    nodes = real_network.nodes
    cities = {
        d
        for ids in land["destination_ids"]
        for d in ids
        if nodes.at[d, "kind"] in {"destination", "city"}
    }
    countries = {nodes.at[d, "country"] for d in cities}
    assert len(cities) >= SEED_RAIL_CITIES, sorted(cities)
    assert len(countries) >= SEED_RAIL_COUNTRIES, sorted(countries)
    # each land corridor that crosses a border by rail reaches abroad (the Kashgar line hands
    # over to the trucks over Irkeshtam: its border is crossed on the road corridor)
    links = real_network.links
    by_rail = set(links.loc[links["crossing"] & (links["mode"] == "rail"), "corridor"])
    assert (land.loc[land.index.isin(by_rail), "countries"] > 0).all()
    assert set(land.index) - by_rail <= {"land_kashgar"}


def test_corridors_reach_their_neighbours(real_network) -> None:
    table = corridor_figures(real_network).set_index("id")
    first_country_abroad = {"land_horgos": "KZ", "land_erenhot": "MN", "land_manzhouli": "RU"}
    for cid, iso2 in first_country_abroad.items():
        assert iso2 in table.at[cid, "country_list"], (cid, table.at[cid, "country_list"])
    for cid in ("railsea_tianjin", "railsea_zhoushan", "railsea_rizhao"):
        assert {"NL", "US"} <= set(table.at[cid, "country_list"]), cid
    air = table.loc["air_network"]
    assert air["destinations"] == len(SHANXI_AIRPORTS) and air["country_list"] == ["CN"]


def test_platforms(real_network) -> None:
    _require("platforms.geojson")
    counts = real_network.platforms["kind"].value_counts().to_dict()
    for kind, expected in PLATFORM_COUNTS.items():
        assert counts.get(kind, 0) == expected, f"{kind}: {counts.get(kind, 0)} != {expected}"
    sites = real_network.platforms[real_network.platforms["kind"] == "inspection_site"]
    assert all(isinstance(r, list) and r for r in sites["receives"])


def test_countries_table_names_every_node_country(real_network) -> None:
    _require("countries.csv")
    assert set(real_network.nodes["country"]) <= set(real_network.countries.index)


# --------------------------------------------------------------------------------------------
# basemap


@pytest.mark.parametrize("name", ["world", "china", "shanxi"])
def test_basemap_small_and_valid(name: str) -> None:
    path = DEFAULT_DATA_DIR / "basemap" / f"{name}.geojson"
    if not path.is_file():
        pytest.fail(f"basemap missing: {path} (run `make basemap`)")
    assert path.stat().st_size < BASEMAP_MAX_BYTES
    data, problems = read_json(path)
    assert problems == [] and data["type"] == "FeatureCollection"
    layer = gpd.read_file(path)
    assert len(layer) > 0
    assert layer.crs is None or layer.crs.to_epsg() == 4326
    assert layer.geometry.is_valid.all()
    assert layer.geometry.notna().all() and not layer.geometry.is_empty.any()
    minx, miny, maxx, maxy = layer.total_bounds
    assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
    for col in ("name_en", "name_zh", "source"):
        assert layer[col].notna().all() and (layer[col].str.strip() != "").all(), col
    # RFC 7946 section 3.1.6 (geojson.io warns otherwise): exterior rings counterclockwise
    polygons = layer.geometry.explode(index_parts=False)
    polygons = polygons[polygons.geom_type == "Polygon"]
    assert len(polygons) and all(p.exterior.is_ccw for p in polygons)


def test_shanxi_basemap_has_the_province_and_its_cities() -> None:
    path: Path = DEFAULT_DATA_DIR / "basemap" / "shanxi.geojson"
    if not path.is_file():
        pytest.fail(f"basemap missing: {path} (run `make basemap`)")
    layer = gpd.read_file(path)
    assert set(layer["id"]) == {"shanxi", *SHANXI_PREFECTURES}
