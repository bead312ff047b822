"""corridors.validate: every rule of the data contract, one broken fixture each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridors import NetworkValidationError, load_network, validate_layers
from corridors.validate import read_json

BROKEN = Path(__file__).resolve().parent / "data" / "broken"

# (fixture under tests/data/broken, fragment of the message it must produce)
CASES = [
    ("nodes--malformed_json.geojson", "nodes.geojson: not valid JSON: "),
    ("nodes--not_feature_collection.geojson", "nodes.geojson: not a GeoJSON FeatureCollection"),
    ("nodes--duplicate_id.geojson", "nodes.geojson: duplicate id 'datong'"),
    ("nodes--missing_id.geojson", "nodes.geojson: feature #2 (no id): missing id"),
    ("nodes--not_point.geojson", "feature 'taiyuan': geometry is not a Point"),
    ("nodes--unknown_kind.geojson", "feature 'datong': unknown node kind 'town'"),
    ("nodes--lon_out_of_range.geojson", "feature 'moscow': longitude 212.5 out of range"),
    ("nodes--lat_out_of_range.geojson", "feature 'chita': latitude 95.0 out of range"),
    ("nodes--coords_not_numbers.geojson", "feature 'datong': coordinates ['113.3', '40.1'] are"),
    ("nodes--missing_name_zh.geojson", "feature 'datong': missing or empty name_zh"),
    ("nodes--empty_name_en.geojson", "feature 'luliang': missing or empty name_en"),
    ("nodes--missing_source.geojson", "feature 'chita': missing or empty source"),
    ("nodes--counterpart_missing.geojson", "'manzhouli': counterpart 'zabaykalsk' is missing"),
    ("nodes--counterpart_not_reciprocal.geojson", "'zabaykalsk' does not name 'manzhouli' back"),
    ("nodes--no_counterpart.geojson", "feature 'erenhot': border crossing without counterpart"),
    ("nodes--airport_without_iata.geojson", "feature 'dat_airport': airport without iata"),
    ("nodes--seaport_without_unlocode.geojson", "'tianjin_port': seaport without unlocode"),
    ("nodes--bad_country.geojson", "'ulaanbaatar': country 'mn' is not two uppercase letters"),
    ("nodes--unknown_city.geojson", "'tyn_airport': city 'taiyuan_city' is not a known node"),
    ("nodes--duplicate_iata.geojson", "'dat_airport': iata 'TYN' is already used by nodes."),
    ("nodes--city_not_a_city.geojson", "'tianjin_port' is not a city or destination node"),
    ("nodes--flag_not_bool.geojson", "'taiyuan': shanxi_prefecture must be true or false"),
    ("links--not_feature_collection.geojson", "links.geojson: 'features' is not a list"),
    ("links--unknown_node.geojson", "'rail_taiyuan_tianjin': 'to' node 'beijing' is unknown"),
    (
        "links--not_linestring.geojson",
        "'air_tyn_dat': geometry is not a LineString or MultiLineString (found 'Point')",
    ),
    ("links--one_point.geojson", "'air_tyn_dat': LineString has 1 point(s), needs at least 2"),
    (
        "links--far_endpoint.geojson",
        "'road_luliang_taiyuan': geometry starts 49.2 km from its 'from' node 'luliang'",
    ),
    ("links--unknown_mode.geojson", "'sea_tianjin_rotterdam': unknown mode 'ship'"),
    ("links--unknown_corridor.geojson", "'road_luliang_taiyuan': corridor 'road_nowhere' is"),
    ("links--unknown_railway.geojson", "'rail_taiyuan_erenhot': railway 'jingbao' is unknown"),
    ("links--duplicate_id.geojson", "links.geojson: duplicate id 'xing_erenhot'"),
    ("links--self_loop.geojson", "'road_luliang_taiyuan': joins node 'luliang' to itself"),
    ("links--missing_name_en.geojson", "'rail_chita_moscow': missing or empty name_en"),
    ("links--coords_out_of_range.geojson", "'sea_tianjin_rotterdam': latitude -91.0 out of"),
    (
        "links--multilinestring_not_joined.geojson",
        "'sea_tianjin_rotterdam': MultiLineString parts 1 and 2 are not joined at the antimeridian",
    ),
    (
        "links--multilinestring_one_point_part.geojson",
        "'sea_tianjin_rotterdam': MultiLineString part 2 has 1 point(s), needs at least 2",
    ),
    ("links--multilinestring_one_part.geojson", "'air_tyn_dat': MultiLineString has 1 part(s)"),
    (
        "links--uncut_antimeridian.geojson",
        "'sea_tianjin_rotterdam': crosses the antimeridian between [179.0, 35.0] and [-179.0, "
        "36.0] without being cut",
    ),
    ("platforms--unknown_kind.geojson", "'wusu_inspection_fruit': unknown platform kind"),
    ("platforms--unknown_city.geojson", "'taiyuan_wusu_bonded_zone': city 'wusu' is not a known"),
    ("platforms--inspection_without_receives.geojson", "'wusu_inspection_fruit': inspection"),
    ("platforms--not_point.geojson", "'taiyuan_wusu_bonded_zone': geometry is not a Point"),
    ("corridors--malformed_json.json", "corridors.json: not valid JSON: "),
    ("corridors--unused_corridor.json", "corridor 'land_horgos' is used by no link"),
    ("corridors--unknown_kind.json", "corridor 'road_shanxi': unknown kind 'pipeline'"),
    ("corridors--duplicate_railway.json", "duplicate railway id 'jining_erenhot'"),
    ("corridors--bad_published_km.json", "'trans_mongolian': published_km '1110 km' is not a"),
    ("countries--missing_country.csv", "countries.csv: no row for country 'NL'"),
]


def test_every_broken_fixture_is_listed() -> None:
    listed = {name for name, _ in CASES}
    assert listed == {p.name for p in BROKEN.iterdir()}


@pytest.mark.parametrize(("fixture", "fragment"), CASES)
def test_broken_fixture_raises_naming_the_problem(mini_copy, fixture: str, fragment: str) -> None:
    with pytest.raises(NetworkValidationError) as info:
        load_network(mini_copy(fixture))
    problems = info.value.problems
    assert any(fragment in p for p in problems), problems
    assert fragment in str(info.value)


def test_mini_network_is_clean(mini_dir: Path) -> None:
    docs = {name: read_json(mini_dir / name) for name in ("nodes.geojson", "links.geojson")}
    corridors, found = read_json(mini_dir / "corridors.json")
    platforms, _ = read_json(mini_dir / "platforms.geojson")
    assert found == [] and all(problems == [] for _, problems in docs.values())
    problems = validate_layers(
        docs["nodes.geojson"][0], docs["links.geojson"][0], corridors, platforms_fc=platforms
    )
    assert problems == []


def test_malformed_json_names_file_and_position(tmp_path: Path) -> None:
    path = tmp_path / "nodes.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [,]}', encoding="utf-8")
    data, problems = read_json(path)
    assert data is None
    assert problems == ["nodes.geojson: not valid JSON: Expecting value at line 2 column 15"]


def test_missing_file_is_a_problem_not_a_traceback(mini_copy) -> None:
    directory = mini_copy()
    (directory / "links.geojson").unlink()
    with pytest.raises(NetworkValidationError, match=r"links\.geojson: file not found"):
        load_network(directory)


def test_missing_data_directory(tmp_path: Path) -> None:
    with pytest.raises(NetworkValidationError, match="data directory not found"):
        load_network(tmp_path / "nowhere")


def test_all_problems_reported_at_once(mini_copy) -> None:
    directory = mini_copy(
        "nodes--duplicate_id.geojson", "links--unknown_mode.geojson", "corridors--unknown_kind.json"
    )
    with pytest.raises(NetworkValidationError) as info:
        load_network(directory)
    text = "\n".join(info.value.problems)
    assert "duplicate id 'datong'" in text
    assert "unknown mode 'ship'" in text
    assert "unknown kind 'pipeline'" in text
    assert str(info.value).startswith(f"{len(info.value.problems)} problem(s)")


def test_bad_line_reported_once_not_per_vertex() -> None:
    nodes = {"type": "FeatureCollection", "features": []}
    line = {
        "type": "Feature",
        "properties": {"id": "l", "from": "a", "to": "b", "mode": "rail", "corridor": "c"},
        "geometry": {"type": "LineString", "coordinates": [[200, 0], [201, 0], [202, 0]]},
    }
    links = {"type": "FeatureCollection", "features": [line]}
    problems = validate_layers(nodes, links, {"corridors": [], "railways": []})
    out_of_range = [p for p in problems if "longitude" in p]
    assert out_of_range == [
        "links.geojson: feature 'l': longitude 200 out of range (-180..180) (and 2 more)"
    ]


def test_non_object_inputs_are_problems() -> None:
    problems = validate_layers([], "x", None)
    assert "nodes.geojson: not a GeoJSON FeatureCollection (found 'list')" in problems
    assert "links.geojson: not a GeoJSON FeatureCollection (found 'str')" in problems


def test_validate_false_skips_contract_checks(mini_copy) -> None:
    network = load_network(mini_copy("nodes--unknown_kind.geojson"), validate=False)
    assert network.nodes.at["datong", "kind"] == "town"


def test_validate_false_still_refuses_unreadable_files(mini_copy) -> None:
    with pytest.raises(NetworkValidationError, match="not valid JSON"):
        load_network(mini_copy("nodes--malformed_json.geojson"), validate=False)


def test_fixture_files_are_json(mini_dir: Path) -> None:
    for path in mini_dir.glob("*.*json"):
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict), path


def test_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "corridors.json"
    path.write_text('{"corridors": []}', encoding="utf-8-sig")
    assert read_json(path) == ({"corridors": []}, [])


def test_unusable_geometry_without_validation_is_dropped_not_raised(mini_copy) -> None:
    network = load_network(mini_copy("links--one_point.geojson"), validate=False)
    assert network.links.at["air_tyn_dat", "geometry"] is None
    assert network.links.at["air_tyn_dat", "distance_km"] == 0.0


def test_validate_false_refuses_a_layer_that_is_not_geojson(mini_copy) -> None:
    with pytest.raises(NetworkValidationError, match="links.geojson: 'features' is not a list"):
        load_network(mini_copy("links--not_feature_collection.geojson"), validate=False)


# --------------------------------------------------------------------------------------------
# links cut at the antimeridian (RFC 7946 section 3.1.9)

# Anadyr (177.5 E) to Provideniya (173.2 W) across the Bering Sea; the geodesic between them
# crosses the 180th meridian at 64.6995 N.
ANADYR = (177.5, 64.73)
PROVIDENIYA = (-173.2, 64.4)
CROSSING_LAT = 64.6995


def _pacific_layers(geometry: dict) -> tuple[dict, dict, dict]:
    def point(nid: str, lonlat: tuple[float, float]) -> dict:
        props = {"id": nid, "name_en": nid, "name_zh": nid, "source": "test", "kind": "city"}
        props["country"] = "RU"
        return {
            "type": "Feature",
            "properties": props,
            "geometry": {"type": "Point", "coordinates": list(lonlat)},
        }

    nodes = {
        "type": "FeatureCollection",
        "features": [point("anadyr", ANADYR), point("provideniya", PROVIDENIYA)],
    }
    link = {
        "type": "Feature",
        "properties": {
            "id": "sea_anadyr_provideniya",
            "from": "anadyr",
            "to": "provideniya",
            "mode": "sea",
            "corridor": "sea_lanes",
            "name_en": "Bering",
            "name_zh": "白令",
            "source": "test",
        },
        "geometry": geometry,
    }
    corridors = {
        "corridors": [
            {
                "id": "sea_lanes",
                "name_en": "Sea",
                "name_zh": "海运",
                "kind": "sea",
                "source": "test",
            }
        ],
        "railways": [],
    }
    return nodes, {"type": "FeatureCollection", "features": [link]}, corridors


def _cut(
    first_end: float = 180.0, second_start: float = -180.0, second_lat: float = CROSSING_LAT
) -> dict:
    return {
        "type": "MultiLineString",
        "coordinates": [
            [list(ANADYR), [first_end, CROSSING_LAT]],
            [[second_start, second_lat], list(PROVIDENIYA)],
        ],
    }


def test_a_link_cut_at_the_antimeridian_is_valid() -> None:
    assert validate_layers(*_pacific_layers(_cut())) == []


def test_the_same_link_uncut_is_reported() -> None:
    line = {"type": "LineString", "coordinates": [list(ANADYR), list(PROVIDENIYA)]}
    problems = validate_layers(*_pacific_layers(line))
    assert problems == [
        "links.geojson: feature 'sea_anadyr_provideniya': crosses the antimeridian between "
        "[177.5, 64.73] and [-173.2, 64.4] without being cut into a MultiLineString there"
    ]


@pytest.mark.parametrize(
    ("first_end", "second_start", "second_lat"),
    [
        (180.0, 180.0, CROSSING_LAT),
        (179.0, -179.0, CROSSING_LAT),
        (180.0, -180.0, CROSSING_LAT + 0.5),
    ],
    ids=["same_side", "short_of_the_meridian", "latitudes_differ"],
)
def test_parts_must_meet_at_plus_and_minus_180(
    first_end: float, second_start: float, second_lat: float
) -> None:
    problems = validate_layers(*_pacific_layers(_cut(first_end, second_start, second_lat)))
    assert any("parts 1 and 2 are not joined at the antimeridian" in p for p in problems), problems


def test_cut_link_ends_are_checked_on_its_first_and_last_points() -> None:
    geometry = _cut()
    geometry["coordinates"][1][-1] = [-170.0, 64.4]  # about 145 km east of Provideniya
    problems = validate_layers(*_pacific_layers(geometry))
    assert len(problems) == 1 and "geometry ends" in problems[0]
    assert "from its 'to' node 'provideniya'" in problems[0]
    geometry["coordinates"][0][0] = [170.0, 64.73]
    problems = validate_layers(*_pacific_layers(geometry))
    assert any("geometry starts" in p for p in problems) and len(problems) == 2


def test_other_geometry_types_are_still_rejected() -> None:
    polygon = {"type": "Polygon", "coordinates": [[list(ANADYR), [180, 65], list(ANADYR)]]}
    problems = validate_layers(*_pacific_layers(polygon))
    assert problems == [
        "links.geojson: feature 'sea_anadyr_provideniya': geometry is not a LineString or "
        "MultiLineString (found 'Polygon')"
    ]
