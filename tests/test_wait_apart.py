"""The wait shown apart (issue 20, item 4): the main haul's days as forwarders publish them,
the expected wait for its departure as a step of its own, door to door their sum with the
first and last mile."""

from __future__ import annotations

import pytest

from corridors import Mode
from planner.core.api import planner_for
from planner.core.option_rows import OPTION_COLUMNS, option_row
from planner.model.query import Query


@pytest.fixture(scope="module")
def planner(real_network):
    return planner_for(real_network)


def test_jinzhong_tashkent_main_haul_is_the_published_twelve_days(planner):
    """X9235 runs Zhongding–Tashkent in 12 days (services.csv); the weekly train's wait is
    apart, a step of its own, not folded into a 23 km leg."""
    options = planner.plan(Query("Jinzhong", "Tashkent"))
    train = next(o for o in options if o.ride is not None and o.haul.value == "rail")
    assert 10 <= train.main_haul_days <= 14
    assert train.wait_days > 0
    waits = [leg for leg in train.legs if leg.wait]
    assert len(waits) == 1 and waits[0].mode is Mode.RAIL
    assert waits[0].hours == pytest.approx(train.wait_days * 24)
    assert waits[0].from_id == waits[0].to_id == "zhongding_terminal"
    # no running leg holds a wait: the first rail leg is as short as its km allow
    first = next(leg for leg in train.legs if leg.mode is Mode.RAIL and not leg.wait)
    assert first.hours < 24
    # door to door: before the wait + wait + main haul + after
    before = sum(leg.hours for leg in train.legs[: train.legs.index(waits[0])]) / 24
    assert before + train.wait_days + train.main_haul_days <= train.transit_days + 1e-9
    assert train.transit_days - (before + train.wait_days + train.main_haul_days) < 2


def test_wait_and_main_haul_in_json_and_rows(planner):
    option = planner.plan(Query("Taiyuan", "Moscow"))[0]
    data = option.to_dict("zh")
    assert data["main_haul_days"] == round(option.main_haul_days, 1)
    assert data["wait_days"] == round(option.wait_days, 1)
    assert any(leg["wait"] for leg in data["legs"]) == (option.wait_days > 0)
    row = option_row(option, "en")
    assert "main_haul_days" in OPTION_COLUMNS and "wait_days" in OPTION_COLUMNS
    assert row["main_haul_days"] == data["main_haul_days"]
    assert row["wait_days"] == data["wait_days"]


def test_sea_main_haul_is_the_sailing(planner):
    """A rail–sea option's main haul is its sailing, port to port (the figure carriers publish);
    the train to the port and its wait come before it."""
    options = planner.plan(Query("Taiyuan", "Rotterdam", modes=("rail", "road", "sea")))
    sea = next(o for o in options if o.haul.value == "sea")
    sailed = [leg for leg in sea.legs if leg.mode is Mode.SEA and not leg.wait]
    sailing_days = sum(leg.hours for leg in sailed) / 24
    assert sea.main_haul_days == pytest.approx(sailing_days, rel=0.05)
    assert 35 <= sea.main_haul_days <= 55


def test_a_train_of_unpublished_frequency_waits_as_trains_of_its_kind(planner):
    """The Changzhi North–Moscow train (no frequency published) runs on a rail–sea line's
    track out of Changzhi: it is still waited for as a China–Europe train (the estimated land
    frequency), not as the rail–sea trains that share that track."""
    params = planner.params
    land = 7 / (2 * params["freq.land_per_week"])
    rail_sea = 7 / (2 * params["freq.rail_sea_per_week"])
    options = planner.plan(Query("Changzhi", "Moscow", alternatives=8))
    train = next(o for o in options if o.ride is not None and o.ride.service_id == "SX-CZN-MOW")
    assert train.wait_days == pytest.approx(land, abs=0.05)
    assert abs(train.wait_days - rail_sea) > 1
