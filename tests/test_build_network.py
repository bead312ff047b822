"""scripts/build_network.py: the shipped layers are what the tables in scripts/network/ build,
and a build that does not validate leaves the target directory as it was."""

from __future__ import annotations

import copy
import csv
import importlib.util
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from corridors import DEFAULT_DATA_DIR

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_network.py"
TABLES = SCRIPT.parent / "network"
LAYERS = ("nodes.geojson", "links.geojson", "corridors.json", "countries.csv", "platforms.geojson")


@pytest.fixture(scope="module")
def build_network() -> Iterator[ModuleType]:
    """The build script, whose sea routes are found once for the module's builds: searoute's
    646 shortest paths were 80 % of a build, and the tables the tests break change no port."""
    spec = importlib.util.spec_from_file_location("build_network", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import searoute

    found: dict[str, dict] = {}

    def once(origin, destination, **options) -> dict:
        key = repr((origin, destination, sorted(options.items())))
        if key not in found:
            found[key] = routed(origin, destination, **options)
        return copy.deepcopy(found[key])

    routed = searoute.searoute
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(searoute, "searoute", once)
        yield module


def _read(path: Path) -> object:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle))
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_the_tables_build_the_shipped_layers(build_network: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "geodata"
    assert build_network.main(["--out", str(out)]) == 0
    for name in LAYERS:
        assert _read(out / name) == _read(DEFAULT_DATA_DIR / name), (
            f"{name}: the shipped layer is not what scripts/network/ builds (run `make network`)"
        )
    assert [p.name for p in tmp_path.iterdir()] == ["geodata"]  # no build directory left


def _edit_table(path: Path, key: str, value: str, column: str, new: str) -> None:
    """Set ``column`` to ``new`` in the row of ``path`` whose ``key`` is ``value``."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row[key] == value:
            row[column] = new
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.slow
def test_a_build_that_fails_its_checks_replaces_nothing(
    build_network: ModuleType, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    tables = tmp_path / "tables"
    shutil.copytree(TABLES, tables)
    # Erenhot's counterpart made Altynkol, which does not name Erenhot back (the validator),
    # and Choir moved 1° east, out of reach of its km posts (the build's own check)
    _edit_table(tables / "nodes_crossings.csv", "id", "erenhot", "counterpart", "altynkol")
    choir_lon = next(
        float(row["lon"])
        for row in csv.DictReader((tables / "via.csv").open(encoding="utf-8"))
        if row["name"] == "choir"
    )
    _edit_table(tables / "via.csv", "name", "choir", "lon", str(choir_lon + 1.0))
    out = tmp_path / "geodata"
    out.mkdir()
    for name in LAYERS:
        (out / name).write_text("good data\n", encoding="utf-8")
    assert build_network.main(["--tables", str(tables), "--out", str(out)]) == 1
    assert all((out / n).read_text(encoding="utf-8") == "good data\n" for n in LAYERS)
    assert "'altynkol' does not name 'erenhot' back" in caplog.text
    assert "trans_mongolian: choir–maanit lie 171 km apart" in caplog.text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["geodata", "tables"]


def test_a_broken_table_stops_the_build(
    build_network: ModuleType, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    tables = tmp_path / "tables"
    shutil.copytree(TABLES, tables)
    (tables / "via.csv").write_text("name,lon\nx,1\n", encoding="utf-8")
    out = tmp_path / "geodata"
    assert build_network.main(["--tables", str(tables), "--out", str(out)]) == 1
    assert "via.csv: missing column(s) lat, line, source" in caplog.text
    assert list(out.iterdir()) == []


def _airport(node_id: str, iata: str, lon: float, lat: float) -> dict:
    return {"id": node_id, "kind": "airport", "iata": iata, "lon": lon, "lat": lat}


def test_an_airport_away_from_a_second_source_fails_the_build(build_network: ModuleType) -> None:
    from netbuild.checks import airport_problems  # on the path once the script is loaded

    # Brussels where airportsdata puts it (its degrees-minutes-seconds read as decimals)
    # and where the second source (OurAirports, through airports-py) puts it
    refs = {"airportsdata": {"BRU": (4.2904, 50.5405)},
            "airports-py": {"BRU": (4.483602, 50.89717)}}
    misplaced = {"bru_airport": _airport("bru_airport", "BRU", 4.2904, 50.5405)}
    assert airport_problems(misplaced, {}, refs) == ["bru_airport: 42.0 km from airports-py BRU"]
    placed = {"bru_airport": _airport("bru_airport", "BRU", 4.483602, 50.89717)}
    assert airport_problems(placed, {}, refs) == ["bru_airport: 42.0 km from airportsdata BRU"]
    # the row names airportsdata wrong there (the reason in its position_source): clean
    assert airport_problems(placed, {"bru_airport": "airportsdata"}, refs) == []
    # an exception that no longer holds is a problem too
    assert airport_problems(misplaced, {"bru_airport": "airportsdata"}, refs) == [
        "bru_airport: 0.0 km from airportsdata BRU, which its position_check names wrong",
        "bru_airport: 42.0 km from airports-py BRU",
    ]
    assert airport_problems(placed, {"bru_airport": "wikipedia"}, refs) == [
        "bru_airport: position_check names 'wikipedia', not a reference",
        "bru_airport: 42.0 km from airportsdata BRU",
    ]


def test_every_shipped_airport_agrees_with_both_references(build_network: ModuleType) -> None:
    from netbuild.checks import airport_problems, airport_references
    from netbuild.places import airport_position_checks

    refs = airport_references()
    assert set(refs) == {"airportsdata", "airports-py"}  # installed, and the committed table
    features = json.loads((DEFAULT_DATA_DIR / "nodes.geojson").read_text("utf-8"))["features"]
    nodes = {f["properties"]["id"]: {**f["properties"], "lon": f["geometry"]["coordinates"][0],
                                     "lat": f["geometry"]["coordinates"][1]} for f in features}
    assert airport_problems(nodes, airport_position_checks(), refs) == []
