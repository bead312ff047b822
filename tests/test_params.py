"""The parameter table: contract of the shipped CSV, the loader's checks, access styles."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from planner.model.errors import PlanningError
from planner.model.params import (
    DEFAULT_PARAMETERS_PATH,
    REQUIRED_KEYS,
    MissingParameterError,
    ParameterTableError,
    load_parameters,
)


@pytest.fixture(scope="module")
def params():
    return load_parameters()


def _write(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["key", "value", "unit", "source", "as_of", "estimate"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def _shipped_rows() -> list[dict]:
    with DEFAULT_PARAMETERS_PATH.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_required_key_is_shipped(params):
    assert set(REQUIRED_KEYS) <= set(params)


def test_every_row_has_unit_source_and_date():
    for row in _shipped_rows():
        assert row["unit"].strip(), row["key"]
        assert row["source"].strip(), row["key"]
        assert row["as_of"].strip()[:4].isdigit(), row["key"]


def test_published_anchors_are_not_marked_as_estimates(params):
    # the brief's published anchors are cited as such; derived values say why they are estimates
    for key in ("anchor.rail_europe_days_min", "anchor.rail_europe_usd_per_feu_max", "fx.usd_cny"):
        assert not params.is_estimate(key)
    assert params.is_estimate("rail.speed_kph")
    assert "13–22 days" in params.row("rail.speed_kph").source


def test_calibrated_rates_reproduce_the_published_anchors(params):
    # rail 7,500 USD/FEU over ~9,500 km lies inside the 6,000–9,000 USD/FEU band
    rail = params["rail.feu_usd_per_km"] * 9500
    assert params["anchor.rail_europe_usd_per_feu_min"] <= rail
    assert rail <= params["anchor.rail_europe_usd_per_feu_max"]
    # sea Shanghai–Rotterdam running time lies inside 32–36 days
    sea_days = params["anchor.sea_europe_km"] / params["sea.speed_kph"] / 24
    assert params["anchor.sea_europe_days_min"] <= sea_days <= params["anchor.sea_europe_days_max"]
    # air Asia–Europe price per kg matches the index within 10 %
    air = params["air.usd_per_kg"] + params["air.usd_per_kg_km"] * params["anchor.air_europe_km"]
    assert air == pytest.approx(params["anchor.air_europe_usd_per_kg"], rel=0.1)
    # IATA 1:6000
    assert params["air.volumetric_kg_per_m3"] == pytest.approx(1e6 / 6000, abs=0.5)


def test_access_styles(params):
    assert params["handling.rail.hours"] == params.handling.rail.hours
    assert params.fx.usd_cny == params["fx.usd_cny"]
    assert params.row("fx.usd_cny").as_of == "2024-12-31"


def test_missing_key_names_it(params):
    with pytest.raises(MissingParameterError, match="rail.warp_speed") as info:
        params["rail.warp_speed"]
    assert isinstance(info.value, PlanningError) and isinstance(info.value, KeyError)
    with pytest.raises(MissingParameterError, match="rail.warp_speed"):
        _ = params.rail.warp_speed
    assert not hasattr(params, "no_such_section")


def test_load_is_cached(params):
    assert load_parameters() is params


def test_replace_marks_changed_values(params):
    changed = params.replace(**{"rail.speed_kph": 40})
    assert changed["rail.speed_kph"] == 40
    assert changed.is_estimate("rail.speed_kph")
    assert params["rail.speed_kph"] != 40


def test_every_problem_is_reported_at_once(tmp_path):
    rows = [r for r in _shipped_rows() if r["key"] != "rail.speed_kph"]
    index = {r["key"]: i for i, r in enumerate(rows)}
    first, second = index["anchor.rail_europe_days_min"], index["anchor.rail_europe_days_max"]
    rows[first] = {**rows[first], "value": "fast"}  # not required: only its own problem
    rows[second] = {**rows[second], "source": ""}
    rows.append(dict(rows[index["fx.usd_cny"]]))  # duplicate
    path = _write(tmp_path / "p.csv", rows)
    with pytest.raises(ParameterTableError) as info:
        load_parameters(path)
    text = str(info.value)
    assert len(info.value.problems) == 4
    assert "not a number" in text and "empty source" in text
    assert "duplicate key" in text and "'rail.speed_kph' is missing" in text


def test_missing_file_and_columns(tmp_path):
    with pytest.raises(ParameterTableError, match="not found"):
        load_parameters(tmp_path / "nope.csv")
    bad = tmp_path / "cols.csv"
    bad.write_text("key,value\nx,1\n", encoding="utf-8")
    with pytest.raises(ParameterTableError, match="missing column"):
        load_parameters(bad)
