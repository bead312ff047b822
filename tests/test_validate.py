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
RECORD_ROWS = Path(__file__).resolve().parent / "data" / "broken_records.json"


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
# A later rule is one more row (mutations in tests/mutations.py); a row that sets or drops one
# property of one record, or gives it another geometry, goes in data/broken_records.json.

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
    "nodes-counterpart_missing": Broken(
        NODES,
        remove("zabaykalsk"),
        "feature 'manzhouli': counterpart 'zabaykalsk' is missing from the nodes",
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
    "links-duplicate_id": Broken(LINKS, copy_record("xing_erenhot"), "duplicate id 'xing_erenhot'"),
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
    "corridors-duplicate_railway": Broken(
        CORRIDORS, copy_record("jining_erenhot"), "duplicate railway id 'jining_erenhot'"
    ),
    # countries.csv
    "countries-missing_country": Broken(
        COUNTRIES, drop_row("NL"), "no row for country 'NL' used by nodes"
    ),
}


def _record_change(row: dict) -> Mutation:
    """The mutation of a row of ``broken_records.json``: a property set or dropped, or the
    record's geometry replaced."""
    if "set" in row:
        return set_prop(row["id"], row["set"], row["to"])
    if "drop" in row:
        return drop_prop(row["id"], row["drop"])
    return set_geometry(row["id"], row["geometry"])


#: The rows that change one property or geometry of one record are data.
BROKEN |= {
    row["case"]: Broken(row["layer"], _record_change(row), row["says"])
    for row in json.loads(RECORD_ROWS.read_text(encoding="utf-8"))["rows"]
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
