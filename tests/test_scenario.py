"""Scenario view: best route to each destination before and after closures."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from planner._errors import InvalidShipmentError, UnknownPlaceError
from planner.api import plan
from planner.records import Shipment
from planner.scenarios import SCENARIO_COLUMNS, default_destinations, scenario

PLANNER_DIR = Path(__file__).resolve().parent / "data" / "planner"


def test_default_destinations_are_the_foreign_end_points(planner_network):
    assert default_destinations(planner_network) == ["omega", "far", "near_far"]


def test_closing_a_crossing_moves_the_exit(planner_network):
    frame = scenario(["land_b"], origin="beta", network=planner_network).set_index("destination")
    assert list(frame.reset_index().columns) == list(SCENARIO_COLUMNS)
    omega = frame.loc["omega"]
    assert omega["reachable_before"] and omega["reachable_after"]
    assert (omega["exit_port_before"], omega["exit_port_after"]) == ("east_cn", "gate_cn")
    assert omega["route_changed"]
    assert omega["delta_days"] == pytest.approx(
        omega["transit_days_after"] - omega["transit_days_before"]
    )


def test_cheapest_after_is_never_cheaper(planner_network):
    frame = scenario(
        ["xing_east", "sea_port_far"], origin="beta", priority="cheapest", network=planner_network
    )
    assert (frame["delta_cost_usd"] >= -1e-9).all()


def test_before_is_the_best_option_of_plan(planner_network):
    frame = scenario([], origin="beta", priority="cheapest", network=planner_network)
    for row in frame.itertuples():
        best = plan("beta", row.destination, priority="cheapest", network=planner_network)[0]
        assert row.cost_usd_before == pytest.approx(best.cost_usd)
        assert row.transit_days_before == pytest.approx(best.transit_days)
        assert row.label_before == best.label
        assert not row.route_changed and row.delta_days == 0


def test_unreachable_after(planner_network):
    frame = scenario(
        ["land_a", "land_b", "air_x"],
        origin="beta",
        destinations=["omega"],
        network=planner_network,
    )
    row = frame.iloc[0]
    assert row["reachable_before"] and not row["reachable_after"]
    assert row["label_after"] is None and row["exit_port_after"] is None
    assert np.isnan(row["delta_days"]) and np.isnan(row["delta_cost_usd"])
    assert row["route_changed"]


def test_bad_input(planner_network):
    with pytest.raises(UnknownPlaceError):
        scenario(["no_such_corridor_here"], origin="beta", network=planner_network)
    with pytest.raises(InvalidShipmentError):
        scenario([], origin="beta", priority="whenever", network=planner_network)
    with pytest.raises(InvalidShipmentError):
        scenario([], origin="beta", shipment="heavy", network=planner_network)


def test_real_network_erenhot_closure(real_network):
    start = time.perf_counter()
    frame = scenario(["land_erenhot"], shipment=Shipment("general", 18, 40), network=real_network)
    elapsed = time.perf_counter() - start
    assert elapsed < 3.0, f"scenario took {elapsed:.2f} s"
    assert len(frame) == len(default_destinations(real_network))
    ub = frame.set_index("destination").loc["ulaanbaatar"]
    assert ub["exit_port_before"] == "erenhot"
    assert ub["reachable_after"] and ub["exit_port_after"] != "erenhot"
    assert ub["delta_days"] > 0
    assert not frame["exit_port_after"].eq("erenhot").any()
