"""The scheduled services table: its contract, every problem named, and the shipped rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from corridors import NetworkValidationError, load_network
from corridors.network import DEFAULT_DATA_DIR
from corridors.services import MODES, load_services

SHIPPED = DEFAULT_DATA_DIR / "services.csv"


@pytest.fixture(scope="module")
def shipped(real_network) -> pd.DataFrame:
    return load_services(real_network.data_dir, set(real_network.nodes.index))


def test_the_shipped_services_are_sourced_and_dated(shipped):
    assert len(shipped) >= 20
    assert set(shipped["mode"]) <= MODES and set(shipped["scope"]) == {"shanxi", "hub"}
    assert shipped["source"].str.len().min() > 20 and shipped["as_of"].str.match(r"^\d{4}").all()
    # Shanxi's own trains leave from Shanxi's terminals and airport
    shanxi = shipped[shipped["scope"] == "shanxi"]
    nodes = load_network().nodes
    starts = nodes.loc[sorted(set(shanxi["origin"]))]
    assert (starts["country"] == "CN").all()
    assert set(starts["kind"]) <= {"rail_terminal", "airport"}
    terminals = starts[starts["kind"] == "rail_terminal"]
    assert terminals["departure_terminal"].fillna(False).astype(bool).all()
    # the announced Taiyuan–Cologne freighter never flew: not a service
    assert not (
        (shipped["origin"] == "tyn_airport") & (shipped["destination"] == "cgn_airport")
    ).any()


def test_published_days_run_minimum_typical_maximum(shipped):
    for _, row in shipped.iterrows():
        days = [row[c] for c in ("days_min", "days_typical", "days_max") if pd.notna(row[c])]
        assert days == sorted(days), row["service_id"]


# one valid row, then (change, the problem expected)
_ROW = {
    "service_id": "X-1",
    "name_en": "Alpha–Omega",
    "name_zh": "甲—乙",
    "operator": "someone",
    "mode": "rail",
    "scope": "shanxi",
    "origin": "alpha_rail",
    "via": "gate_cn",
    "destination": "omega",
    "per_week": "1",
    "days_min": "9",
    "days_typical": "10",
    "days_max": "12",
    "seen": "2025",
    "source": "a report that names the train and its days",
    "as_of": "2025-01-01",
    "estimate": "",
}
_BROKEN = [
    ({"mode": "teleport"}, "mode 'teleport' is not one of"),
    ({"scope": "world"}, "scope 'world' is not one of"),
    ({"origin": "nowhere"}, "stop 'nowhere' is not a network node"),
    ({"via": "gate_cn;atlantis"}, "stop 'atlantis' is not a network node"),
    ({"per_week": "often"}, "per_week 'often' is not a number"),
    ({"days_typical": "-3"}, "days_typical must be a positive number"),
    ({"days_min": "14"}, "days must run minimum <= typical <= maximum"),
    ({"source": ""}, "needs its source and date"),
    ({"name_zh": " "}, "empty name_zh"),
]


@pytest.mark.parametrize(("change", "problem"), _BROKEN)
def test_a_broken_row_is_named(tmp_path: Path, planner_network, change, problem):
    target = tmp_path / "net"
    shutil.copytree(planner_network.data_dir, target)
    frame = pd.DataFrame([_ROW, {**_ROW, "service_id": "X-2", **change}])
    frame.to_csv(target / "services.csv", index=False)
    with pytest.raises(NetworkValidationError) as caught:
        load_services(target, set(planner_network.nodes.index))
    assert any(problem in p and "(X-2)" in p for p in caught.value.problems), caught.value.problems
    assert not any("(X-1)" in p for p in caught.value.problems)


def test_a_network_without_services_has_none(planner_network):
    assert len(load_services(planner_network.data_dir, set(planner_network.nodes.index))) == 0


def test_the_shipped_file_is_the_one_read():
    assert SHIPPED.is_file()
