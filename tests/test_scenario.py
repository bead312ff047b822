"""Scenario view: best route to each destination before and after closures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from corridors import load_network
from planner.core.api import plan
from planner.model.errors import InvalidShipmentError, UnknownPlaceError
from planner.model.records import Leg, Mode, RouteOption, Shipment
from planner.scenario.closure import (
    SCENARIO_COLUMNS,
    default_destinations,
    report_frame,
    scenario,
    scenario_report,
    status_counts,
)
from planner.scenario.naming import table_names
from planner.scenario.outcomes import STATUSES, status_of
from planner.text.words import words

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
    # the crossing shut (trains and the TIR trucks): Mongolia is reached by air, if at all
    frame = scenario(["erenhot"], shipment=Shipment("general", 18, 40), network=real_network)
    assert len(frame) == len(default_destinations(real_network))
    ub = frame.set_index("destination").loc["ulaanbaatar"]
    assert ub["exit_port_before"] == "erenhot"
    assert ub["exit_port_after"] != "erenhot"
    assert not frame["exit_port_after"].eq("erenhot").any()
    # the rail corridor shut: the TIR truck still crosses at Erenhot
    trains = scenario(["land_erenhot"], shipment=Shipment("general", 18, 40), network=real_network)
    after = trains.set_index("destination").loc["ulaanbaatar"]
    assert after["reachable_after"] and after["corridor_after"] != "land_erenhot"


# --- statuses, modes, remarks, the report (issue 12) -------------------------------------------


def _option(days: float, usd: float) -> RouteOption:
    leg = Leg("a", "b", Mode.RAIL, "land_a", 100.0, days * 24.0, usd, 10.0)
    return RouteOption(legs=(leg,), exit_port=None, entry_port=None, usd_cny=7.0)


@pytest.mark.parametrize(
    ("before", "after", "status"),
    [
        ((10, 1000), (10, 1000), "unchanged"),
        ((10, 1000), (10.04, 1000.5), "unchanged"),  # within a tenth of a day and a dollar
        ((10, 1000), (12, 1000), "worse"),
        ((10, 1000), (10, 1200), "worse"),
        ((10, 1000), (12, 1200), "worse"),
        ((10, 1000), (8, 900), "better"),
        ((10, 1000), (8, 1200), "mixed"),
        ((10, 1000), (40, 500), "mixed"),
        ((10, 1000), None, "unreachable"),
        (None, None, "no_route"),  # none before either: not the closure's doing
        (None, (10, 1000), "no_route"),
    ],
)
def test_status_of(before, after, status):
    made = [None if side is None else _option(*side) for side in (before, after)]
    assert status_of(*made) == status


def test_statuses_agree_with_the_deltas(planner_network):
    frame = scenario(["land_b", "cn_port"], origin="beta", network=planner_network)
    assert set(frame["status"]) <= set(STATUSES)
    for row in frame.itertuples():
        if row.status == "unreachable":
            assert not row.reachable_after
            continue
        days, usd = row.delta_days, row.delta_cost_usd
        assert row.status != "worse" or (days > 0.05 or usd > 1) and days >= -0.05 and usd >= -1
        assert row.status != "better" or (days < -0.05 or usd < -1) and days <= 0.05 and usd <= 1
        assert row.status != "unchanged" or abs(days) <= 0.05 and abs(usd) <= 1
    assert sum(status_counts(frame).values()) == len(frame)


def test_without_air_a_land_closure_leaves_places_unreachable(planner_network):
    with_air = scenario(["land_a", "land_b"], origin="beta", network=planner_network)
    by_land = scenario(
        ["land_a", "land_b"], origin="beta", modes="rail,road,sea", network=planner_network
    )
    with_air, by_land = with_air.set_index("destination"), by_land.set_index("destination")
    assert with_air.loc["omega", "status"] != "unreachable"
    assert with_air.loc["omega", "corridor_after"] == "air_x"
    assert by_land.loc["omega", "status"] == "unreachable"
    assert by_land.loc["omega", "corridor_before"] in ("land_a", "land_b")
    assert by_land.loc["far", "corridor_after"] == "railsea_x"  # the sea still reaches it


@pytest.fixture
def bulk_port_dir(tmp_path) -> Path:
    """The planner fixture with its Chinese port marked as a coal port."""
    target = tmp_path / "planner"
    shutil.copytree(PLANNER_DIR, target)
    (target / "port_trades.csv").write_text(
        "port_id,main_trade,remark_en,remark_zh,source,as_of\n"
        "cn_port,bulk,a coal port,煤炭港,test fixture,2024\n",
        encoding="utf-8",
    )
    return target


def test_a_coal_port_is_no_exit_for_containers_but_for_bulk(bulk_port_dir):
    network = load_network(bulk_port_dir)
    closed = ["land_a", "land_b"]
    frame = scenario(closed, origin="beta", modes="rail,road,sea", network=network, lang="zh")
    far = frame.set_index("destination").loc["far"]
    assert not far["reachable_after"] and far["exit_port_after"] is None
    coal = scenario(
        closed,
        origin="beta",
        modes="rail,road,sea",
        shipment=Shipment("bulk", 30, 30),
        network=network,
    )
    row = coal.set_index("destination").loc["far"]
    assert row["exit_port_after"] == "cn_port" and row["remark"] is None


def test_report_is_the_json_contract(planner_network):
    report = scenario_report(
        ["land_a", "land_b"],
        origin="beta",
        shipment=Shipment("electronics", 2, 8),
        modes=["rail", "road", "sea"],
        network=planner_network,
    )
    json.dumps(report, allow_nan=False)
    assert report["assumptions"] == {
        "origin": {
            "id": "beta",
            "name_en": "Beta",
            "name_zh": report["assumptions"]["origin"]["name_zh"],
        },
        "cargo": "electronics",
        "weight_t": 2.0,
        "volume_m3": 8.0,
        "priority": "balanced",
        "modes": ["rail", "road", "sea"],
        "close": ["land_a", "land_b"],
        "close_names": [  # the corridors' own names, so a page says which were closed
            {
                "id": c,
                "name_en": planner_network.corridors[c].name_en,
                "name_zh": planner_network.corridors[c].name_zh,
            }
            for c in ("land_a", "land_b")
        ],
    }
    omega = next(d for d in report["destinations"] if d["id"] == "omega")
    assert omega["status"] == "unreachable" and omega["after"] is None
    assert set(omega["before"]) >= {"transit_days", "cost_usd", "co2e_kg", "exit_port"}
    counts = {s: report["totals"][s] for s in STATUSES}
    assert sum(counts.values()) == report["totals"]["destinations"] == len(report["destinations"])
    assert report["flows"] == []
    frame = report_frame(report)
    assert (frame["cargo"] == "electronics").all() and (frame["closed"] == "land_a land_b").all()
    # a Chinese table names the ports, corridors, origin and closures (issue 22 item 3)
    named = report_frame(report, **table_names(planner_network, "zh"))
    corridors = planner_network.corridors
    closed = f"{corridors['land_a'].name_zh}、{corridors['land_b'].name_zh}"
    assert (named["closed"] == closed).all()
    ids = set(planner_network.nodes.index) | set(corridors)
    for column in ("exit_port_before", "exit_port_after", "corridor_before", "origin"):
        shown = set(named[column].dropna()) - {""}
        assert shown and not shown & ids, (column, shown)
    before = frame["exit_port_before"].dropna().iloc[0]
    assert named.loc[frame["exit_port_before"] == before, "exit_port_before"].iloc[0] == (
        planner_network.nodes.loc[before, "name_zh"]
    )
    assert report_frame(report, **table_names(planner_network, "en")).equals(frame)


def test_real_network_tianjin_closure_sends_no_container_to_the_coal_port(real_network):
    # its time is a figure of `make bench` (bench/officials.py), not a limit here
    frame = scenario(["tianjin_port"], network=real_network)
    assert (frame["exit_port_after"] != "qinhuangdao_port").all()
    assert (frame["exit_port_after"] == "rizhao_port").any()  # the Wari line's port instead
    assert frame.loc[frame["status"] != "no_route", "remark"].isna().all()


def test_the_four_crossings_closed_with_sea_open(real_network):
    """Closing the four land crossings with sea allowed cuts off only what no ship and truck
    reaches: Europe's inland cities are reached by sea and a truck from a port, and a place with
    no route before is counted apart, never as cut off by the closure (issue 20)."""
    closed = ["land_horgos", "land_erenhot", "land_manzhouli", "land_mohan"]
    frame = scenario(closed, modes="rail,road,sea", network=real_network).set_index("destination")
    for city in ("paris", "budapest", "munich", "luxembourg", "prague", "vienna"):
        assert frame.loc[city, "reachable_after"], city
        assert frame.loc[city, "status"] != "unreachable", city
    no_route = frame[frame["status"] == "no_route"]
    assert len(no_route) and not no_route["reachable_before"].any()
    cut = frame[frame["status"] == "unreachable"]
    assert cut["reachable_before"].all() and not cut["reachable_after"].any()
    counts = status_counts(frame.reset_index())
    assert counts["unreachable"] == len(cut) and counts["no_route"] == len(no_route)


def test_the_report_is_dated_and_says_what_each_status_means():
    from planner.scenario.mapdraw import dated  # the map and the report share it

    assert "2026" in dated("en") and "绘制于" in dated("zh")
    assert "Cut off by the closure" in words("report.status_legend", "en")


def test_closing_the_datong_meat_site_shows_meat_imports_lose_their_clearance(real_network):
    from planner.model.import_sites import load_import_sites
    from planner.scenario.clearance import lost_clearance

    sites = load_import_sites(real_network.data_dir)
    table = lost_clearance(["Datong_Inspection_Meat", "jiayi"], sites)
    assert list(table["site"]) == ["datong_inspection_meat"]  # the other id is no site
    row = table.iloc[0]
    assert (row["cargo"], row["direction"]) == ("meat", "import")
    assert row["lost_in_shanxi"] and row["open_in_shanxi"] == ""
    assert row["open_outside"] == "tianjin_port_meat"
    # closing the fruit site: chilled seafood keeps its own Wusu site
    fruit = lost_clearance(["wusu_inspection_fruit"], sites).iloc[0]
    assert fruit["cargo"] == "fruit" and fruit["lost_in_shanxi"]
    assert lost_clearance([], sites).empty


def test_a_scenario_may_close_a_designated_site(real_network):
    frame = scenario(["datong_inspection_meat"], destinations=["moscow"], network=real_network)
    assert list(frame["destination"]) == ["moscow"]
    assert frame.iloc[0]["status"] == "unchanged"


def test_a_closed_designated_site_is_named_in_what_the_scenario_assumed(real_network):
    from planner.text.scenario_words import assumption_line

    report = scenario_report(["datong_inspection_meat"], destinations=["moscow"],
                             network=real_network)
    names = report["assumptions"]["close_names"]
    assert names[0]["name_en"].startswith("Datong International Land Port designated")
    assert "大同国际陆港进境肉类指定监管场地" in assumption_line(report["assumptions"], "zh")
