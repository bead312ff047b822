"""scripts/build_network.py: the shipped layers are what the tables in scripts/network/ build,
and a build that does not validate leaves the target directory as it was."""

from __future__ import annotations

import csv
import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from corridors import DEFAULT_DATA_DIR

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "build_network.py"
TABLES = SCRIPT.parent / "network"
LAYERS = ("nodes.geojson", "links.geojson", "corridors.json", "countries.csv", "platforms.geojson")


@pytest.fixture(scope="module")
def build_network() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_network", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
