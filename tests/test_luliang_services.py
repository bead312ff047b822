"""Lüliang's published trains (services.csv): the Wenshui–Ningbo-Zhoushan rail–sea train
(first run 2026-02-12, twice a week as planned). A route from Lüliang offers it as the
published service, with its ``seen`` date."""

from __future__ import annotations

import pytest

from corridors import Mode
from planner import Planner, Query


@pytest.fixture(scope="module")
def planner(real_network) -> Planner:
    return Planner(real_network)


def _riding(options, service_id: str):
    return [o for o in options if o.ride is not None and o.ride.service_id == service_id]


@pytest.mark.parametrize("destination", ["Singapore", "Jakarta"])
def test_luliang_by_sea_rides_the_wenshui_ningbo_rail_sea_train(planner, destination):
    options = planner.plan(Query("Lüliang", destination, alternatives=8))
    by_train = _riding(options, "SX-WS-NGB-RS")
    assert by_train, [o.ride.service_id if o.ride else None for o in options]
    option = by_train[0]
    assert option.ride.seen == "2026-02-12"
    assert option.ride.per_week == 2 and not option.ride.stale
    assert option.exit_port is not None and option.exit_port.id == "ningbo_zhoushan_port"
    rail = [leg for leg in option.legs if leg.mode is Mode.RAIL and not leg.wait]
    assert rail[0].from_id == "wenshui_terminal"
    assert {leg.service for leg in rail} == {"SX-WS-NGB-RS"}
    # twice a week: the expected wait for the train is half its 3.5-day headway
    waits = [leg for leg in option.legs if leg.wait and leg.from_id == "wenshui_terminal"]
    assert len(waits) == 1 and waits[0].hours == pytest.approx(7 * 24 / 4)

