"""Export: flat rows, CSV for people (BOM, Chinese, injection), GeoJSON for GIS."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridors import Mode, Node
from planner.core.option_rows import DATED_COLUMNS
from planner.io.export import (
    OPTION_COLUMNS,
    neutralise_cell,
    options_to_csv,
    options_to_geojson,
    options_to_rows,
    write_csv,
    write_geojson,
)
from planner.model.records import Leg, RouteOption
from planner.text.message import Message

USD_CNY = 7.1


def text(value: str) -> Message:
    """A message that reads the same in every language (a made-up title or note)."""
    return Message.of("text", text=value)


def _node(node_id: str, name_en: str, name_zh: str, lon: float, lat: float) -> Node:
    return Node(node_id, name_en, name_zh, "seaport", "CN", lon, lat, "test")


TIANJIN = _node("tianjin_port", "Tianjin Port", "天津港", 117.74, 38.98)
LA = _node("los_angeles_port", "Port of Los Angeles", "洛杉矶港", -118.27, 33.73)
ERENHOT = _node("erenhot", "Erenhot", "二连浩特", 111.98, 43.65)


def _options() -> list[RouteOption]:
    sea = RouteOption(
        legs=(
            Leg(
                "taiyuan",
                "tianjin_port",
                Mode.RAIL,
                "railsea_tianjin",
                600.0,
                30.0,
                900.0,
                1200.0,
                coords=((112.55, 37.87), (117.74, 38.98)),
            ),
            Leg(
                "tianjin_port",
                "los_angeles_port",
                Mode.SEA,
                '=HYPERLINK("x")',
                10500.0,
                400.0,
                2500.0,
                3000.0,
                coords=(
                    (117.74, 38.98),
                    (150.0, 40.0),
                    (179.5, 40.0),
                    (-170.0, 38.0),
                    (-118.27, 33.73),
                ),
            ),
        ),
        exit_port=TIANJIN,
        entry_port=LA,
        usd_cny=USD_CNY,
        title=text("Rail to Tianjin, sea to Los Angeles"),
        rank=1,
        pareto_optimal=True,
        notes=(text("-check reefer plugs"), text("@weekly sailing")),
    )
    land = RouteOption(
        legs=(
            Leg(
                "taiyuan",
                "erenhot",
                Mode.RAIL,
                "land_erenhot",
                800.0,
                40.0,
                1500.0,
                900.0,
                coords=((112.55, 37.87), (111.98, 43.65)),
            ),
        ),
        exit_port=ERENHOT,
        entry_port=None,
        usd_cny=USD_CNY,
        title=text("火车经二连浩特"),
        rank=2,
    )
    return [sea, land]


def test_rows_are_flat_and_follow_the_json_contract() -> None:
    options = _options()
    rows = options_to_rows(options)
    assert len(rows) == 2
    assert list(rows[0]) == list(OPTION_COLUMNS)
    first, second = rows
    data = options[0].to_dict()
    scalars = "rank label transit_days cost_usd cost_cny co2e_kg distance_km transfers"
    for key in (*scalars.split(), "border_crossings", "pareto_optimal"):
        assert first[key] == data[key]
    assert first["modes"] == "rail+sea"
    assert first["exit_port_name_zh"] == "天津港"
    assert first["entry_port_id"] == "los_angeles_port"
    assert second["entry_port_id"] == "" and second["entry_port_name_zh"] == ""
    assert first["warnings"] == "-check reefer plugs; @weekly sailing"
    assert all(not isinstance(v, list | dict | tuple) for row in rows for v in row.values())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+86 351", "'+86 351"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-5", "'-5"),  # text is text, even when it looks like a number
        ("Taiyuan", "Taiyuan"),
        ("太原", "太原"),
        (-5, -5),
        (-2.5, -2.5),
        (0, 0),
        (True, True),
        (None, ""),
        (float("nan"), ""),
        (pd.NA, ""),
    ],
)
def test_neutralise_cell(value: object, expected: object) -> None:
    assert neutralise_cell(value) == expected


def test_csv_has_bom_keeps_chinese_neutralises_text_and_keeps_negative_numbers(
    tmp_path: Path,
) -> None:
    target = tmp_path / "out.csv"
    frame = pd.DataFrame(
        {
            "name": ["太原", "=cmd|' /C calc'!A0", "@x"],
            "delta": [-3.5, 2.0, -1.0],
            "count": [-2, 0, 7],
        }
    )
    write_csv(frame, target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(target, encoding="utf-8-sig")
    assert list(back["name"]) == ["太原", "'=cmd|' /C calc'!A0", "'@x"]
    assert list(back["delta"]) == [-3.5, 2.0, -1.0]
    assert back["delta"].dtype.kind == "f"
    assert list(back["count"]) == [-2, 0, 7]


def test_options_to_csv_to_text_and_binary_buffers() -> None:
    text = io.StringIO()
    options_to_csv(_options(), text)
    assert text.getvalue().startswith("\ufeff")
    binary = io.BytesIO()
    options_to_csv(_options(), binary)
    decoded = binary.getvalue().decode("utf-8-sig")
    assert decoded == text.getvalue()[1:]
    rows = list(csv.DictReader(io.StringIO(decoded)))
    assert [r["rank"] for r in rows] == ["1", "2"]
    assert rows[1]["label"] == "火车经二连浩特"
    assert rows[0]["warnings"] == "'-check reefer plugs; @weekly sailing"
    assert rows[0]["corridors"].startswith("railsea_tianjin+")


def test_options_to_csv_with_no_options_writes_the_header(tmp_path: Path) -> None:
    target = tmp_path / "none.csv"
    options_to_csv([], target)
    header = ",".join([*OPTION_COLUMNS, *DATED_COLUMNS])  # the price band and dates after
    assert target.read_text(encoding="utf-8-sig").strip() == header


def test_write_csv_of_dicts_takes_the_union_of_keys() -> None:
    buffer = io.StringIO()
    write_csv([{"a": 1}, {"b": "-x", "a": 2}], buffer)
    assert buffer.getvalue() == "\ufeffa,b\r\n1,\r\n2,'-x\r\n"


def test_geojson_is_rfc7946_and_reads_in_geopandas(tmp_path: Path) -> None:
    collection = options_to_geojson(_options(), None)
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    legs = [f for f in collection["features"] if f["properties"]["feature"] == "leg"]
    points = [f for f in collection["features"] if f["geometry"]["type"] == "Point"]
    assert len(legs) == 3
    assert {f["properties"]["feature"] for f in points} == {"exit_port", "entry_port"}
    assert len(points) == 3  # two exits, one entry
    for feature in legs:
        assert feature["geometry"]["type"] in {"LineString", "MultiLineString"}
        props = feature["properties"]
        assert {"rank", "mode", "corridor", "hours", "cost_usd", "co2e_kg"} <= set(props)
    # the trans-Pacific leg is split at the antimeridian
    pacific = legs[1]["geometry"]
    assert pacific["type"] == "MultiLineString"
    assert pacific["coordinates"][0][-1][0] == 180.0
    assert pacific["coordinates"][1][0][0] == -180.0

    def walk(coords: list) -> list:
        return [coords] if isinstance(coords[0], float | int) else sum(map(walk, coords), [])

    for feature in collection["features"]:
        for lon, lat in walk(feature["geometry"]["coordinates"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90

    target = tmp_path / "routes.geojson"
    write_geojson(collection, target)
    assert json.loads(target.read_text(encoding="utf-8")) == collection
    frame = gpd.read_file(target)
    assert len(frame) == len(collection["features"])
    assert frame.crs.to_epsg() == 4326
    assert "天津港" in set(frame["name_zh"].dropna())


class _FakeNetwork:
    def __init__(self) -> None:
        from shapely.geometry import LineString, MultiLineString, Point

        self.nodes = gpd.GeoDataFrame(
            {"lon": [112.55, 111.98, 114.0], "lat": [37.87, 43.65, 40.0]},
            index=pd.Index(["taiyuan", "erenhot", "datong"], name="id"),
            geometry=[Point(112.55, 37.87), Point(111.98, 43.65), Point(114.0, 40.0)],
            crs=4326,
        )
        self.links = gpd.GeoDataFrame(
            {"from": ["taiyuan", "datong"], "to": ["erenhot", "erenhot"]},
            index=pd.Index(["ty_er", "dt_er"], name="id"),
            geometry=[
                LineString([(112.55, 37.87), (112.0, 40.0), (111.98, 43.65)]),
                MultiLineString([[(114.0, 40.0), (113.0, 42.0)], [(113.0, 42.0), (111.98, 43.65)]]),
            ],
            crs=4326,
        )


def test_geojson_takes_link_geometry_and_reverses_it_when_needed() -> None:
    network = _FakeNetwork()
    forward = Leg("taiyuan", "erenhot", Mode.RAIL, "land_erenhot", 800, 40, 1, 1, link_id="ty_er")
    backward = Leg("erenhot", "taiyuan", Mode.RAIL, "land_erenhot", 800, 40, 1, 1, link_id="ty_er")
    multi = Leg("datong", "erenhot", Mode.RAIL, "land_erenhot", 500, 20, 1, 1, link_id="dt_er")
    straight = Leg("datong", "taiyuan", Mode.ROAD, "road", 300, 5, 1, 1)
    option = RouteOption((forward, backward, multi, straight), ERENHOT, None, USD_CNY, rank=1)
    features = options_to_geojson([option], network)["features"]
    geoms = [f["geometry"] for f in features if f["properties"]["feature"] == "leg"]
    assert geoms[0]["coordinates"][1] == [112.0, 40.0]
    assert geoms[1]["coordinates"][0] == [111.98, 43.65]
    assert geoms[1]["coordinates"][-1] == [112.55, 37.87]
    assert geoms[2]["type"] == "MultiLineString"
    assert geoms[3] == {"type": "LineString", "coordinates": [[114.0, 40.0], [112.55, 37.87]]}


def test_geojson_names_a_leg_without_any_geometry() -> None:
    leg = Leg("nowhere", "erenhot", Mode.ROAD, "road", 1, 1, 1, 1)
    option = RouteOption((leg,), None, None, USD_CNY)
    with pytest.raises(ValueError, match="nowhere"):
        options_to_geojson([option], _FakeNetwork())


def test_write_csv_frames_of_every_dtype() -> None:
    frame = pd.DataFrame(
        {
            "none": pd.Series([None, None], dtype=object),
            "mixed": pd.Series([-1, "-1"], dtype=object),
            "string": pd.Series(["+x", None], dtype="string"),
            "nullable": pd.array([-3, None], dtype="Int64"),
            "flag": pd.array([True, None], dtype="boolean"),
            "=head": [1.5, float("nan")],
        }
    )
    buffer = io.StringIO()
    write_csv(frame, buffer)
    lines = buffer.getvalue().split("\r\n")
    assert lines[0] == "\ufeffnone,mixed,string,nullable,flag,'=head"
    assert lines[1] == ",-1,'+x,-3,True,1.5"
    assert lines[2] == ",'-1,,,,"


@settings(max_examples=100, deadline=None)
@given(
    cells=st.lists(
        st.one_of(st.text(max_size=15), st.integers(), st.floats(allow_nan=False), st.none()),
        min_size=1,
        max_size=8,
    )
)
def test_any_cells_round_trip_neutralised(cells: list) -> None:
    buffer = io.StringIO()
    write_csv([{f"c{i}": v for i, v in enumerate(cells)}], buffer)
    text = buffer.getvalue()
    assert text.startswith("\ufeff")
    header, row = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert len(row) == len(cells)
    for value, read in zip(cells, row, strict=True):
        expected = neutralise_cell(value)
        assert read == ("" if expected is None else str(expected))
        if isinstance(value, str):
            assert not read.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_rows_agree_with_to_dict_on_real_options(real_network) -> None:
    from planner import plan

    options = plan("Yuncheng", "Rotterdam", network=real_network, alternatives=5)
    for option, row in zip(options, options_to_rows(options, dated=True), strict=True):
        data = option.to_dict()
        for key, value in data.items():
            if key in ("exit_port", "entry_port"):
                for part in ("id", "name_en", "name_zh"):
                    assert row[f"{key}_{part}"] == ((value or {}).get(part) or "")
            elif key == "service":  # the CSV names the service by its id
                assert row[key] == ((value or {}).get("id") or "")
            elif key == "modes":
                assert row[key] == "+".join(value)
            elif key == "warnings":
                assert row[key] == "; ".join(value)
            elif key not in ("legs", "co2e_method", "why"):  # the CSV: the scalar fields
                assert row[key] == value, key


def test_write_csv_with_list_cells() -> None:
    frame = pd.DataFrame({"ids": [["a", "b"], ["-c"]], "name": ["-x", "y"]})
    buffer = io.StringIO()
    write_csv(frame, buffer)
    rows = list(csv.reader(io.StringIO(buffer.getvalue()[1:])))
    assert rows[1] == ["['a', 'b']", "'-x"] and rows[2] == ["['-c']", "y"]


def test_a_line_the_data_already_cut_at_the_antimeridian_is_not_cut_twice() -> None:
    from planner.io.export import _split_antimeridian

    coords = [(170.0, 50.0), (180.0, 50.5), (-180.0, 50.5), (-170.0, 51.0)]
    assert _split_antimeridian(coords) == [
        [[170.0, 50.0], [180.0, 50.5]],
        [[-180.0, 50.5], [-170.0, 51.0]],
    ]


def test_csv_text_is_what_to_csv_writes_of_the_neutralised_cells() -> None:
    """Cells made once per distinct value, repeated columns joined once per distinct run: the
    lines are still exactly pandas' (floats as numpy's shortest repr, 0.0 apart from -0.0)."""
    import numpy as np

    from planner.io.csv_text import csv_text

    rng = np.random.default_rng(7)
    n = 600
    floats = np.array([0.0, -0.0, 1e16, 1.5e-05, 0.1 + 0.2, 12.3, float("nan"), 1e300])
    frame = pd.DataFrame(
        {
            "id": [f"SX{i:04d}" for i in range(n)],
            "place": rng.choice(["Taiyuan", "=cmd", 'say "hi"', "a,b", "", "多式联运"], n),
            "haul": rng.choice(["rail", "sea", None], n),
            "days": pd.array(rng.choice(floats, n), dtype="Float64"),
            "count": pd.array(rng.choice([1, 2, None], n), dtype="Int64"),
            "flag": pd.array(rng.choice([True, False, None], n), dtype="boolean"),
            "cost": pd.array(np.round(rng.random(n) * 1e5, 2), dtype="Float64"),
            "note": rng.choice(["-3", "+x", "line\nbreak", "ok"], n),
        }
    )
    expected = frame.copy()
    for column in ("id", "place", "haul", "note"):
        expected[column] = [neutralise_cell(v) for v in frame[column]]
    written = expected.to_csv(index=False, header=False, lineterminator="\r\n")
    assert csv_text(frame, header=False) == written
    assert csv_text(frame.iloc[:0], header=False) == ""
