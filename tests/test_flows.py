"""A shipment book's flows per corridor and link, before and after a closure."""

from __future__ import annotations

import pandas as pd
import pytest

from planner.core.api import planner_for
from planner.scenario.closure import scenario_report
from planner.scenario.flows import FLOW_COLUMNS, plan_flows

BOOK = pd.DataFrame(
    [
        ("s1", "beta", "far", "general", 10, 30, "cheapest"),
        ("s2", "alpha", "far", "electronics", 2, 6, "cheapest"),
        ("s3", "beta", "omega", "general", 5, 20, "balanced"),
        ("s4", "nowhere at all", "far", "general", 5, 20, "balanced"),
    ],
    columns=["shipment_id", "origin", "destination", "cargo", "weight_t", "volume_m3", "priority"],
)


@pytest.fixture(scope="module")
def planner(planner_network):
    return planner_for(planner_network)


def test_every_planned_shipment_counts_once_per_side(planner):
    flows = plan_flows(BOOK, ["railsea_x"], modes="rail,road,sea", planner=planner)
    assert list(flows.corridors.columns) == list(FLOW_COLUMNS)
    totals = flows.totals
    assert totals["shipments"] == 4 and totals["shipments_invalid"] == 1
    assert totals["weight_t"] == pytest.approx(17.0)
    for side in ("before", "after"):
        planned = 3 - totals[f"unplanned_{side}"]
        assert flows.corridors[f"shipments_{side}"].sum() == planned
    by_corridor = flows.corridors.set_index("corridor")
    # without air, the far destination goes by the rail–sea corridor, then overland
    assert by_corridor.loc["railsea_x", "shipments_before"] >= 1
    assert by_corridor.loc["railsea_x", "shipments_after"] == 0
    assert by_corridor.loc["railsea_x", "teu_before"] >= 1
    assert totals["extra_days"] != 0 or totals["extra_cost_usd"] != 0
    links = flows.links.set_index("link")
    assert links.loc["sea_port_far", "shipments_before"] >= 1
    assert links.loc["sea_port_far", "shipments_after"] == 0


def test_a_book_that_loses_its_only_way_is_unplanned(planner):
    flows = plan_flows(BOOK.iloc[[2]], ["land_a", "land_b"], modes="rail,road,sea", planner=planner)
    assert flows.totals["unplanned_before"] == 0 and flows.totals["unplanned_after"] == 1
    assert flows.corridors["shipments_after"].sum() == 0


def test_the_report_carries_the_flows(planner_network):
    report = scenario_report(["railsea_x"], origin="beta", book=BOOK, network=planner_network)
    assert report["assumptions"]["shipments"] == "table"
    assert {"corridor", "shipments_before", "weight_t_before", "shipments_after"} <= set(
        report["flows"][0]
    )
    assert report["totals"]["shipments"] == 4


@pytest.mark.slow
def test_the_shipped_sample_book_is_marked_and_plans(real_network):
    from corridors import DEFAULT_DATA_DIR

    path = DEFAULT_DATA_DIR / "sample_shipments_illustrative.csv"
    book = pd.read_csv(path)
    assert book["basis"].str.contains("estimate: illustrative").all()
    flows = plan_flows(path, ["land_erenhot"], planner=planner_for(real_network))
    assert flows.totals["shipments"] == len(book) and flows.totals["shipments_invalid"] == 0
    assert flows.totals["unplanned_before"] == 0
    assert flows.corridors["shipments_before"].sum() == len(book)
