"""corridors.network: loading the layers into a Network; corridors.geo: geodesic lengths;
corridors.antimeridian: the cut at the antimeridian."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pytest
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString

from corridors import DEFAULT_DATA_DIR, Link, Mode, Network, Node, load_network
from corridors.antimeridian import cut as antimeridian_parts
from corridors.antimeridian import geojson_line
from corridors.geo import geodesic_distance_km, geodesic_length_km, line_length_km

# mean Earth radius, only for an independent order-of-magnitude check of the geodesic code
MEAN_EARTH_RADIUS_KM = 6371.0088
# a line cut at the antimeridian measures what the uncut one does, within 0.1 %
CUT_LENGTH_REL = 1e-3


def _haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * MEAN_EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def test_default_data_dir_is_repo_geodata() -> None:
    assert DEFAULT_DATA_DIR == Path(__file__).resolve().parent.parent / "geodata"


def test_mini_network_frames(mini_network) -> None:
    nodes, links = mini_network.nodes, mini_network.links
    assert len(nodes) == 16 and len(links) == 12
    assert nodes.index.name == "id" and links.index.name == "id"
    assert nodes.crs.to_epsg() == 4326 and links.crs.to_epsg() == 4326
    for col in ("name_en", "name_zh", "kind", "country", "iata", "unlocode", "city", "aliases"):
        assert col in nodes.columns
    for col in ("from", "to", "mode", "corridor", "railway", "crossing", "gauge_change"):
        assert col in links.columns
    assert {"feeder", "distance_km", "name_en", "name_zh", "source"} <= set(links.columns)
    assert nodes.at["taiyuan", "lon"] == pytest.approx(112.549)
    assert nodes.at["taiyuan", "lat"] == pytest.approx(37.870)
    assert set(links["mode"]) == {"air", "rail", "road", "sea"}


def test_missing_flags_default_false_and_strings_none(mini_network) -> None:
    nodes, links = mini_network.nodes, mini_network.links
    assert nodes["shanxi_prefecture"].dtype == bool
    assert int(nodes["shanxi_prefecture"].sum()) == 3
    assert not nodes.at["moscow", "cargo_hub"]
    assert nodes.at["moscow", "iata"] is None
    assert nodes.at["tyn_airport", "iata"] == "TYN"
    assert links["crossing"].dtype == bool
    assert sorted(links.index[links["crossing"]]) == ["xing_erenhot", "xing_manzhouli"]
    assert links.at["air_tyn_dat", "railway"] is None
    assert nodes.at["luliang", "aliases"] == ["Luliang", "Lvliang"]
    assert nodes.at["moscow", "aliases"] == []


def test_distance_is_geodesic_from_geometry(mini_network) -> None:
    link = mini_network.links.loc["air_tyn_dat"]
    lons, lats = zip(*link.geometry.coords, strict=True)
    expected_m = Geod(ellps="WGS84").line_length(lons, lats)
    assert link["distance_km"] == pytest.approx(expected_m / 1000)
    # and independently, a great circle on a sphere agrees within 0.5 %
    assert link["distance_km"] == pytest.approx(
        _haversine_km(*link.geometry.coords[0], *link.geometry.coords[-1]), rel=5e-3
    )


def test_geodesic_helpers() -> None:
    # one degree of longitude on the equator of WGS84 is 111.319 km
    assert geodesic_distance_km(0, 0, 1, 0) == pytest.approx(111.319, abs=1e-3)
    # the antimeridian is crossed the short way
    assert line_length_km([(179.0, 0.0), (-179.0, 0.0)]) == pytest.approx(222.639, abs=1e-3)
    assert line_length_km([(1.0, 1.0)]) == 0.0
    assert geodesic_length_km(None) == 0.0


def test_node_and_link_records(mini_network) -> None:
    node = mini_network.node("luliang")
    assert isinstance(node, Node)
    assert (node.name_zh, node.kind, node.country) == ("吕梁", "city", "CN")
    assert node.aliases == ("Luliang", "Lvliang")
    assert node.props["shanxi_prefecture"] is True
    airport = mini_network.node("tyn_airport")
    assert airport.iata == "TYN" and airport.props["city"] == "taiyuan"
    link = mini_network.link("xing_erenhot")
    assert isinstance(link, Link)
    assert link.mode is Mode.RAIL
    assert (link.from_id, link.to_id, link.corridor) == ("erenhot", "zamyn_uud", "land_erenhot")
    assert link.props["crossing"] is True and link.props["gauge_change"] is True
    assert link.distance_km == pytest.approx(mini_network.links.at["xing_erenhot", "distance_km"])


@pytest.mark.parametrize(("method", "bad_id"), [("node", "atlantis"), ("link", "air_tyn_mars")])
def test_unknown_ids_raise_keyerror_naming_them(mini_network, method: str, bad_id: str) -> None:
    with pytest.raises(KeyError, match=bad_id):
        getattr(mini_network, method)(bad_id)


def test_corridors_railways_countries_platforms(mini_network) -> None:
    assert mini_network.seed_corridors == (
        "air_network",
        "land_erenhot",
        "land_manzhouli",
        "railsea_tianjin",
    )
    erenhot = mini_network.corridors["land_erenhot"]
    assert erenhot.kind == "land" and erenhot.figures["lines"]["value"] == 3
    railways = mini_network.railways
    assert railways.at["harbin_manzhouli", "published_km"] == 935
    rail = mini_network.links
    on_railway = rail.loc[rail["railway"] == "jining_erenhot", "distance_km"].sum()
    assert railways.at["jining_erenhot", "computed_km"] == pytest.approx(on_railway)
    assert mini_network.countries.at["MN", "name_zh"] == "蒙古"
    assert list(mini_network.platforms["kind"]) == ["bonded_zone", "inspection_site"]
    facility = mini_network.facility("wusu_inspection_fruit")
    assert facility.props["receives"] == ["imported fruit"]
    assert mini_network.seed_figures["trains_total"]["value"] == 825


def test_load_is_cached_and_reloads_after_an_edit(mini_copy) -> None:
    directory = mini_copy()
    first = load_network(directory)
    assert load_network(str(directory)) is first
    nodes_path = directory / "nodes.geojson"
    data = json.loads(nodes_path.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["name_en"] = "Taiyuan City"
    nodes_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    stat = nodes_path.stat()
    os.utime(nodes_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = load_network(directory)
    assert second is not first
    assert second.nodes.at["taiyuan", "name_en"] == "Taiyuan City"


def test_optional_layers_may_be_missing(mini_copy) -> None:
    directory = mini_copy()
    (directory / "platforms.geojson").unlink()
    (directory / "countries.csv").unlink()
    network = load_network(directory)
    assert len(network.nodes) == 16
    assert network.platforms.empty and network.countries.empty
    with pytest.raises(FileNotFoundError, match="basemap 'world' not found"):
        network.basemap("world")


def test_basemap_is_read_lazily_and_cached(mini_copy) -> None:
    directory = mini_copy()
    (directory / "basemap").mkdir()
    outline = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name_en": "Shanxi", "name_zh": "山西"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[110, 34], [114, 34], [114, 40], [110, 40], [110, 34]]],
                },
            }
        ],
    }
    (directory / "basemap" / "shanxi.geojson").write_text(json.dumps(outline), encoding="utf-8")
    network = load_network(directory)
    layer = network.basemap("shanxi")
    assert isinstance(layer, gpd.GeoDataFrame) and layer.crs.to_epsg() == 4326
    assert layer.iloc[0]["name_zh"] == "山西"
    assert network.basemap("shanxi") is layer
    with pytest.raises(ValueError, match="unknown basemap 'moon'; choose one of: world"):
        network.basemap("moon")


# --------------------------------------------------------------------------------------------
# links cut at the antimeridian (RFC 7946 section 3.1.9)

# lines that cross the 180th meridian: Bering Sea eastward, a Pacific great circle's vertices
# 250 km apart near the crossing, the South Pacific westward, and two crossings in one line
CROSSING_LINES = [
    [(177.5, 64.73), (-173.2, 64.4)],
    [(171.9678, 57.055), (176.0627, 57.1661), (-179.8327, 57.1432), (-175.7478, 56.9864)],
    [(-175.8052, -23.9558), (178.8011, -19.3425), (170.0, -15.0)],
    [(175.0, 10.0), (-175.0, 12.0), (-170.0, 15.0), (179.0, 20.0), (170.0, 22.0)],
]


@pytest.mark.parametrize("coords", CROSSING_LINES)
def test_cut_line_measures_like_the_uncut_one(coords: list[tuple[float, float]]) -> None:
    parts = antimeridian_parts([list(c) for c in coords])
    crossings = sum(abs(b[0] - a[0]) > 180 for a, b in zip(coords, coords[1:], strict=False))
    assert len(parts) == crossings + 1
    for part, following in zip(parts, parts[1:], strict=False):
        assert abs(part[-1][0]) == 180 and following[0] == [-part[-1][0], part[-1][1]]
    assert parts[0][0] == list(coords[0]) and parts[-1][-1] == list(coords[-1])
    cut = MultiLineString(parts)
    assert cut.is_valid
    assert geodesic_length_km(cut) == pytest.approx(line_length_km(coords), rel=CUT_LENGTH_REL)


def test_a_line_that_does_not_cross_stays_one_part() -> None:
    coords = [[112.5, 37.9], [170.0, 50.0], [179.9, 51.0]]  # a long line, but no step > 180
    assert antimeridian_parts(coords) == [coords]
    assert geojson_line(coords) == {"type": "LineString", "coordinates": coords}


def test_a_cut_link_loads_with_the_length_of_the_uncut_one(
    mini_copy: Callable[..., Path],
) -> None:
    directory = mini_copy()
    nodes = json.loads((directory / "nodes.geojson").read_text(encoding="utf-8"))
    links = json.loads((directory / "links.geojson").read_text(encoding="utf-8"))
    for nid, name, lonlat in (
        ("anadyr", "Anadyr", [177.5, 64.73]),
        ("provideniya", "Provideniya", [-173.2, 64.4]),
    ):
        props = {"id": nid, "name_en": name, "name_zh": name, "kind": "destination"}
        nodes["features"].append(
            {
                "type": "Feature",
                "properties": {**props, "country": "RU", "source": "test"},
                "geometry": {"type": "Point", "coordinates": lonlat},
            }
        )
    uncut = [[177.5, 64.73], [179.0, 64.8], [-179.0, 64.7], [-173.2, 64.4]]
    template = next(f for f in links["features"] if f["properties"]["id"] == "air_tyn_dat")
    pacific = json.loads(json.dumps(template))
    pacific["properties"].update(id="air_dyr_pvs", **{"from": "anadyr", "to": "provideniya"})
    pacific["geometry"] = geojson_line(uncut)
    assert pacific["geometry"]["type"] == "MultiLineString"
    links["features"].append(pacific)
    (directory / "nodes.geojson").write_text(json.dumps(nodes), encoding="utf-8")
    (directory / "links.geojson").write_text(json.dumps(links), encoding="utf-8")

    network = load_network(directory)
    geometry = network.links.at["air_dyr_pvs", "geometry"]
    assert geometry.geom_type == "MultiLineString" and len(geometry.geoms) == 2
    distance = network.links.at["air_dyr_pvs", "distance_km"]
    assert distance == pytest.approx(line_length_km(uncut), rel=CUT_LENGTH_REL)
    assert distance == pytest.approx(sum(line_length_km(p.coords) for p in geometry.geoms))
    assert network.link("air_dyr_pvs").distance_km == distance


def test_shipped_links_crossing_the_antimeridian_are_cut(real_network: Network) -> None:
    links = real_network.links
    cut = links[links.geom_type == "MultiLineString"]
    assert len(cut) > 0 and set(cut["mode"]) <= {"air", "sea"}
    assert set(links.geom_type) == {"LineString", "MultiLineString"}
    for lid, geometry in cut.geometry.items():
        joined = [xy for part in geometry.geoms for xy in part.coords]
        # the joined line measures the same: the two cut points add nothing
        assert links.at[lid, "distance_km"] == pytest.approx(line_length_km(joined)), lid
    for geometry in links.geometry[links.geom_type == "LineString"]:
        lons = [x for x, _ in geometry.coords]
        assert all(abs(b - a) <= 180 for a, b in zip(lons, lons[1:], strict=False))
    assert links.geometry.is_valid.all()


def test_shipped_links_read_in_geopandas() -> None:
    layer = gpd.read_file(DEFAULT_DATA_DIR / "links.geojson")
    assert set(layer.geom_type) == {"LineString", "MultiLineString"}
    assert layer.geometry.is_valid.all() and not layer.geometry.is_empty.any()
    minx, miny, maxx, maxy = layer.total_bounds
    assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
    assert isinstance(layer.geometry.iloc[0], LineString | MultiLineString)
