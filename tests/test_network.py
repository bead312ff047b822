"""corridors.network: loading the layers into a Network; corridors.geo: geodesic lengths."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import geopandas as gpd
import pytest
from pyproj import Geod

from corridors import DEFAULT_DATA_DIR, Link, Mode, Node, load_network
from corridors.geo import geodesic_distance_km, geodesic_length_km, line_length_km

# mean Earth radius, only for an independent order-of-magnitude check of the geodesic code
MEAN_EARTH_RADIUS_KM = 6371.0088


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
