"""The four land crossings closed with the sea open (issue 20's Done-when): Moscow is reached by
sea through Saint Petersburg and a truck, nothing a ship and a truck reach is reported cut off,
and a place with no route before is told apart from one the closure cut off."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from planner.model.params import load_parameters
from planner.places.gateways import FAR_SLACK, km_from
from planner.scenario.closure import scenario, status_counts

SEAPORTS = Path(__file__).resolve().parents[1] / "scripts" / "network" / "seaports.csv"

#: The land crossings of the data (Mohan, to Laos, is one too).
CROSSINGS = ["alashankou", "horgos", "erenhot", "manzhouli", "mohan"]


@pytest.fixture(scope="module")
def closed(real_network):
    return scenario(CROSSINGS, modes="rail,road,sea", network=real_network).set_index(
        "destination"
    )


def test_moscow_is_reached_by_sea_through_saint_petersburg(closed) -> None:
    moscow = closed.loc["moscow"]
    assert moscow["reachable_before"] and moscow["reachable_after"]
    assert moscow["status"] != "unreachable"
    assert moscow["corridor_before"].startswith("land_")
    assert moscow["exit_port_after"].endswith("_port")  # a Chinese sea port
    assert "Saint Petersburg" in moscow["label_after"]
    assert moscow["transit_days_after"] > moscow["transit_days_before"]


def test_nothing_a_ship_and_a_truck_reach_is_cut_off(closed, real_network) -> None:
    cut = closed.index[closed["status"] == "unreachable"].tolist()
    assert cut  # Central Asia, Siberia and Mongolia have no sea route
    assert "moscow" not in cut and "st_petersburg" not in cut
    # each lies beyond a long truck (half as far again as a forwarder's 800 km) from every
    # ocean port: no ship and truck reaches it
    ports = pd.read_csv(SEAPORTS, dtype=str, keep_default_na=False)
    ocean = real_network.nodes.loc[ports.loc[ports["inland_sea"] != "true", "id"]]
    params = load_parameters()
    reach = FAR_SLACK * params["road.on_carriage_max_km"] / params["road.detour_factor"]
    nodes = real_network.nodes
    for place in cut:
        nearest = km_from(ocean, nodes.at[place, "lon"], nodes.at[place, "lat"]).min()
        assert nearest > reach, (place, nearest)
    # and with no ship, truck or train of the modes left they stay cut off
    by_sea = scenario(CROSSINGS, modes="road,sea", destinations=cut, network=real_network)
    assert not by_sea["reachable_after"].any()


def test_no_route_before_is_not_counted_as_cut_off(closed) -> None:
    no_route = closed[closed["status"] == "no_route"]
    cut = closed[closed["status"] == "unreachable"]
    assert len(no_route) and not no_route["reachable_before"].any()
    assert cut["reachable_before"].all() and not cut["reachable_after"].any()
    assert not set(no_route.index) & set(cut.index)
    counts = status_counts(closed.reset_index())
    assert counts["unreachable"] == len(cut) and counts["no_route"] == len(no_route)
