"""corridors.validate: every rule of the data contract, one broken copy of the mini network each.

Each broken input is a row of :data:`BROKEN`: the layer of ``tests/data/mini`` to change, a
mutation of the parsed layer, and the message the validator must give. The rows are applied to
a copy of the mini network at test time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from mutations import (
    Mutation,
    copy_record,
    drop_member,
    drop_prop,
    drop_row,
    edit_geometry,
    line,
    multi,
    point,
    read_layer,
    remove,
    replace,
    set_geometry,
    set_member,
    set_prop,
    text,
    truncated,
    write_layer,
)

from corridors import NetworkValidationError, load_network, validate_layers
from corridors.jsonfile import read_json

NODES = "nodes.geojson"
LINKS = "links.geojson"
CORRIDORS = "corridors.json"
PLATFORMS = "platforms.geojson"
COUNTRIES = "countries.csv"
LAYERS = (NODES, LINKS, CORRIDORS, PLATFORMS, COUNTRIES)


@dataclass(frozen=True)
class Broken:
    """One broken layer: which file, how it is broken, and what the validator must say.

    ``message`` follows ``"<layer>: "`` at the start of one of the problems reported.
    """

    layer: str
    mutate: Mutation
    message: str


@pytest.fixture
def broken_mini(mini_copy: Callable[[], Path]) -> Callable[..., Path]:
    """Return a factory: a copy of the mini network with the given rows applied, in order."""

    def make(*cases: Broken) -> Path:
        directory = mini_copy()
        for case in cases:
            path = directory / case.layer
            write_layer(path, case.mutate(read_layer(path)))
        return directory

    return make


def _reported(case: Broken, problems: list[str]) -> bool:
    return any(p.startswith(f"{case.layer}: {case.message}") for p in problems)


# --------------------------------------------------------------------------------------------
# the table: one row per rule
#
# A later rule is one more row (mutations in tests/mutations.py).

SEA = "sea_tianjin_rotterdam"


def _nested(depth: int) -> list:
    """A list nested ``depth`` deep: readable JSON, too deep for a layer."""
    value: list = [0]
    for _ in range(depth - 1):
        value = [value]
    return value


BROKEN: dict[str, Broken] = {
    # nodes.geojson
    "nodes-malformed_json": Broken(NODES, truncated, "not valid JSON: "),
    "nodes-not_feature_collection": Broken(
        NODES,
        set_member("type", "GeometryCollection"),
        "not a GeoJSON FeatureCollection (found 'GeometryCollection')",
    ),
    "nodes-duplicate_id": Broken(NODES, copy_record("datong"), "duplicate id 'datong'"),
    "nodes-missing_id": Broken(NODES, drop_prop("luliang", "id"), "feature #2 (no id): missing id"),
    "nodes-not_point": Broken(
        NODES,
        set_geometry("taiyuan", line([[112, 37], [113, 38]])),
        "feature 'taiyuan': geometry is not a Point (found 'LineString')",
    ),
    "nodes-unknown_kind": Broken(
        NODES,
        set_prop("datong", "kind", "town"),
        "feature 'datong': unknown node kind 'town' (allowed: ",
    ),
    "nodes-lon_out_of_range": Broken(
        NODES,
        set_geometry("moscow", point(212.5, 55.7)),
        "feature 'moscow': longitude 212.5 out of range (-180..180)",
    ),
    "nodes-lat_out_of_range": Broken(
        NODES,
        set_geometry("chita", point(113.5, 95.0)),
        "feature 'chita': latitude 95.0 out of range (-90..90)",
    ),
    "nodes-coords_not_numbers": Broken(
        NODES,
        set_geometry("datong", point("113.3", "40.1")),
        "feature 'datong': coordinates ['113.3', '40.1'] are not numbers",
    ),
    "nodes-missing_name_zh": Broken(
        NODES, drop_prop("datong", "name_zh"), "feature 'datong': missing or empty name_zh"
    ),
    "nodes-empty_name_en": Broken(
        NODES, set_prop("luliang", "name_en", "  "), "feature 'luliang': missing or empty name_en"
    ),
    "nodes-missing_source": Broken(
        NODES, drop_prop("chita", "source"), "feature 'chita': missing or empty source"
    ),
    "nodes-counterpart_missing": Broken(
        NODES,
        remove("zabaykalsk"),
        "feature 'manzhouli': counterpart 'zabaykalsk' is missing from the nodes",
    ),
    "nodes-counterpart_not_reciprocal": Broken(
        NODES,
        set_prop("zabaykalsk", "counterpart", "erenhot"),
        "feature 'manzhouli': counterpart 'zabaykalsk' does not name 'manzhouli' back",
    ),
    "nodes-no_counterpart": Broken(
        NODES,
        drop_prop("erenhot", "counterpart"),
        "feature 'erenhot': border crossing without counterpart",
    ),
    "nodes-airport_without_iata": Broken(
        NODES, drop_prop("dat_airport", "iata"), "feature 'dat_airport': airport without iata"
    ),
    "nodes-airport_with_null_iata": Broken(
        NODES, set_prop("dat_airport", "iata", None), "feature 'dat_airport': airport without iata"
    ),
    "nodes-seaport_without_unlocode": Broken(
        NODES,
        drop_prop("tianjin_port", "unlocode"),
        "feature 'tianjin_port': seaport without unlocode",
    ),
    "nodes-bad_country": Broken(
        NODES,
        set_prop("ulaanbaatar", "country", "mn"),
        "feature 'ulaanbaatar': country 'mn' is not two uppercase letters",
    ),
    "nodes-unknown_city": Broken(
        NODES,
        set_prop("tyn_airport", "city", "taiyuan_city"),
        "feature 'tyn_airport': city 'taiyuan_city' is not a known node",
    ),
    "nodes-duplicate_iata": Broken(
        NODES,
        set_prop("dat_airport", "iata", "TYN"),
        "feature 'dat_airport': iata 'TYN' is already used by nodes.geojson: feature 'tyn_airport'",
    ),
    "nodes-city_not_a_city": Broken(
        NODES,
        set_prop("rotterdam_port", "city", "tianjin_port"),
        "feature 'rotterdam_port': city 'tianjin_port' is not a city or destination node",
    ),
    "nodes-flag_not_bool": Broken(
        NODES,
        set_prop("taiyuan", "shanxi_prefecture", "yes"),
        "feature 'taiyuan': shanxi_prefecture must be true or false, not 'yes'",
    ),
    "nodes-null": Broken(NODES, replace(None), "is JSON null, not a JSON object"),
    "nodes-crs_not_wgs84": Broken(
        NODES,
        set_member("crs", {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}),
        "crs 'urn:ogc:def:crs:EPSG::3857' is not WGS 84 longitude/latitude",
    ),
    "nodes-crs_not_an_object": Broken(
        NODES, set_member("crs", "EPSG:3857"), "crs 'EPSG:3857' is not WGS 84"
    ),
    # links.geojson
    "links-null": Broken(LINKS, replace(None), "is JSON null, not a JSON object"),
    "links-nested_too_deep_to_read": Broken(
        LINKS, text("[" * 100_000 + "]" * 100_000), "nested more than 32 levels deep"
    ),
    "links-nested_too_deep_to_walk": Broken(
        LINKS,
        edit_geometry("air_tyn_dat", lambda c: line([c[0], _nested(40)])),
        "nested more than 32 levels deep",
    ),
    "links-not_feature_collection": Broken(
        LINKS, drop_member("features"), "'features' is not a list"
    ),
    "links-unknown_node": Broken(
        LINKS,
        set_prop("rail_taiyuan_tianjin", "to", "beijing"),
        "feature 'rail_taiyuan_tianjin': 'to' node 'beijing' is unknown",
    ),
    "links-not_linestring": Broken(
        LINKS,
        set_geometry("air_tyn_dat", point(112.6, 37.7)),
        "feature 'air_tyn_dat': geometry is not a LineString or MultiLineString (found 'Point')",
    ),
    "links-one_point": Broken(
        LINKS,
        set_geometry("air_tyn_dat", line([[112.628, 37.747]])),
        "feature 'air_tyn_dat': LineString has 1 point(s), needs at least 2",
    ),
    "links-far_endpoint": Broken(
        LINKS,
        set_geometry("road_luliang_taiyuan", line([[111.7, 37.5], [112.549, 37.87]])),
        "feature 'road_luliang_taiyuan': geometry starts 49.2 km from its 'from' node 'luliang' "
        "(more than 5 km)",
    ),
    "links-unknown_mode": Broken(
        LINKS, set_prop(SEA, "mode", "ship"), f"feature {SEA!r}: unknown mode 'ship' (allowed: "
    ),
    "links-unknown_corridor": Broken(
        LINKS,
        set_prop("road_luliang_taiyuan", "corridor", "road_nowhere"),
        "feature 'road_luliang_taiyuan': corridor 'road_nowhere' is unknown",
    ),
    "links-unknown_railway": Broken(
        LINKS,
        set_prop("rail_taiyuan_erenhot", "railway", "jingbao"),
        "feature 'rail_taiyuan_erenhot': railway 'jingbao' is unknown",
    ),
    # a route factor stretches a drawn line to its published length, by at most 20 %
    "links-route_factor_too_large": Broken(
        LINKS,
        set_prop("rail_chita_moscow", "route_factor", 1.6),
        "feature 'rail_chita_moscow': route_factor 1.6 is not a number from 0.833 to 1.250",
    ),
    "links-route_factor_not_a_number": Broken(
        LINKS,
        set_prop("rail_chita_moscow", "route_factor", "1.1"),
        "feature 'rail_chita_moscow': route_factor '1.1' is not a number",
    ),
    "links-duplicate_id": Broken(LINKS, copy_record("xing_erenhot"), "duplicate id 'xing_erenhot'"),
    "links-missing_name_en": Broken(
        LINKS,
        drop_prop("rail_chita_moscow", "name_en"),
        "feature 'rail_chita_moscow': missing or empty name_en",
    ),
    "links-self_loop": Broken(
        LINKS,
        set_prop("road_luliang_taiyuan", "to", "luliang"),
        "feature 'road_luliang_taiyuan': joins node 'luliang' to itself",
    ),
    "links-coords_out_of_range": Broken(
        LINKS,
        edit_geometry(SEA, lambda c: line([*c[:3], [43.4, -91.0], *c[3:]])),
        f"feature {SEA!r}: latitude -91.0 out of range (-90..90)",
    ),
    # a MultiLineString is only for a line cut at the antimeridian (RFC 7946 3.1.9)
    "links-multilinestring_not_joined": Broken(
        LINKS,
        edit_geometry(SEA, lambda c: multi(c[:4], c[3:])),
        f"feature {SEA!r}: MultiLineString parts 1 and 2 are not joined at the antimeridian",
    ),
    "links-multilinestring_one_point_part": Broken(
        LINKS,
        edit_geometry(SEA, lambda c: multi(c, [[4.05, 51.95]])),
        f"feature {SEA!r}: MultiLineString part 2 has 1 point(s), needs at least 2",
    ),
    "links-multilinestring_one_part": Broken(
        LINKS,
        edit_geometry("air_tyn_dat", lambda c: multi(c)),
        "feature 'air_tyn_dat': MultiLineString has 1 part(s), needs at least 2",
    ),
    "links-uncut_antimeridian": Broken(
        LINKS,
        edit_geometry(SEA, lambda c: line([*c[:2], [179.0, 35.0], [-179.0, 36.0], *c[2:]])),
        f"feature {SEA!r}: crosses the antimeridian between [179.0, 35.0] and [-179.0, 36.0] "
        "without being cut into a MultiLineString there",
    ),
    # platforms.geojson
    "platforms-unknown_kind": Broken(
        PLATFORMS,
        set_prop("wusu_inspection_fruit", "kind", "duty_free_shop"),
        "feature 'wusu_inspection_fruit': unknown platform kind 'duty_free_shop' (allowed: ",
    ),
    "platforms-unknown_city": Broken(
        PLATFORMS,
        set_prop("taiyuan_wusu_bonded_zone", "city", "wusu"),
        "feature 'taiyuan_wusu_bonded_zone': city 'wusu' is not a known node",
    ),
    "platforms-not_point": Broken(
        PLATFORMS,
        set_geometry("taiyuan_wusu_bonded_zone", None),
        "feature 'taiyuan_wusu_bonded_zone': geometry is not a Point (found None)",
    ),
    "platforms-inspection_without_receives": Broken(
        PLATFORMS,
        drop_prop("wusu_inspection_fruit", "receives"),
        "feature 'wusu_inspection_fruit': inspection site without receives",
    ),
    "platforms-null": Broken(PLATFORMS, replace(None), "is JSON null, not a JSON object"),
    # corridors.json
    "corridors-null": Broken(CORRIDORS, replace(None), "is JSON null, not a JSON object"),
    "corridors-nan": Broken(
        CORRIDORS,
        text('{"corridors": [], "railways": [], "seed_figures": {"trains": NaN}}'),
        "not valid JSON: NaN is not a JSON number",
    ),
    "corridors-malformed_json": Broken(
        CORRIDORS,
        text('{"corridors": [,]}'),
        "not valid JSON: Expecting value at line 1 column 16",
    ),
    "corridors-unused_corridor": Broken(
        CORRIDORS,
        copy_record("land_manzhouli", new_id="land_horgos"),
        "corridor 'land_horgos' is used by no link",
    ),
    "corridors-unknown_kind": Broken(
        CORRIDORS,
        set_prop("road_shanxi", "kind", "pipeline"),
        "corridor 'road_shanxi': unknown kind 'pipeline' (allowed: ",
    ),
    "corridors-duplicate_railway": Broken(
        CORRIDORS, copy_record("jining_erenhot"), "duplicate railway id 'jining_erenhot'"
    ),
    "corridors-bad_published_km": Broken(
        CORRIDORS,
        set_prop("trans_mongolian", "published_km", "1110 km"),
        "railway 'trans_mongolian': published_km '1110 km' is not a positive number",
    ),
    # countries.csv
    "countries-missing_country": Broken(
        COUNTRIES, drop_row("NL"), "no row for country 'NL' used by nodes"
    ),
}


@pytest.mark.parametrize("case", BROKEN.values(), ids=BROKEN.keys())
def test_broken_layer_raises_naming_the_problem(broken_mini, case: Broken) -> None:
    with pytest.raises(NetworkValidationError) as info:
        load_network(broken_mini(case))
    problems = info.value.problems
    assert _reported(case, problems), problems
    assert case.message in str(info.value)
    assert all(p.split(": ", 1)[0] in LAYERS for p in problems), "every problem names its layer"


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


def test_all_problems_reported_at_once(broken_mini) -> None:
    """Validation goes on past the first problem, in a layer and across layers, then raises."""
    names = (
        "nodes-duplicate_id",
        "nodes-lon_out_of_range",
        "links-unknown_mode",
        "corridors-unknown_kind",
        "platforms-unknown_city",
    )
    cases = [BROKEN[name] for name in names]
    with pytest.raises(NetworkValidationError) as info:
        load_network(broken_mini(*cases))
    problems = info.value.problems
    for name, case in zip(names, cases, strict=True):
        assert _reported(case, problems), (name, problems)
        assert case.message in str(info.value), name
    assert str(info.value).startswith(f"{len(problems)} problem(s)")


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


def test_a_crs_naming_wgs84_lon_lat_is_accepted(broken_mini) -> None:
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    network = load_network(broken_mini(Broken(NODES, set_member("crs", crs), "")))
    assert "taiyuan" in network.nodes.index


@pytest.mark.parametrize("name", ["nodes-null", "links-null", "corridors-null"])
def test_a_null_layer_is_refused_without_validation_too(broken_mini, name) -> None:
    with pytest.raises(NetworkValidationError, match="is JSON null"):
        load_network(broken_mini(BROKEN[name]), validate=False)


def test_validate_false_skips_contract_checks(broken_mini) -> None:
    network = load_network(broken_mini(BROKEN["nodes-unknown_kind"]), validate=False)
    assert network.nodes.at["datong", "kind"] == "town"


def test_validate_false_still_refuses_unreadable_files(broken_mini) -> None:
    with pytest.raises(NetworkValidationError, match="not valid JSON"):
        load_network(broken_mini(BROKEN["nodes-malformed_json"]), validate=False)


def test_fixture_files_are_json(mini_dir: Path) -> None:
    for path in mini_dir.glob("*.*json"):
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict), path


def test_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "corridors.json"
    path.write_text('{"corridors": []}', encoding="utf-8-sig")
    assert read_json(path) == ({"corridors": []}, [])


def test_unusable_geometry_without_validation_is_dropped_not_raised(broken_mini) -> None:
    network = load_network(broken_mini(BROKEN["links-one_point"]), validate=False)
    assert network.links.at["air_tyn_dat", "geometry"] is None
    assert network.links.at["air_tyn_dat", "distance_km"] == 0.0


def test_validate_false_refuses_a_layer_that_is_not_geojson(broken_mini) -> None:
    with pytest.raises(NetworkValidationError, match="links.geojson: 'features' is not a list"):
        load_network(broken_mini(BROKEN["links-not_feature_collection"]), validate=False)
