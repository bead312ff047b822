"""A big hub's own long-haul lanes are flown from the hub (issue 20): a shipper at Pudong,
Beijing or Zhengzhou is not trucked to another airport to fly what the hub flies itself, though
the one service on the lane was last reported over two years ago; a smaller airport's shipper
may be trucked to a hub."""

from __future__ import annotations

import pytest

from planner.core.api import plan, planner_for
from planner.model.records import Haul


def _flights(option) -> list[tuple[str, str]]:
    flights = (leg for leg in option.legs if leg.mode.value == "air" and not leg.wait)
    return [(leg.from_id, leg.to_id) for leg in flights]


def _trucked_km(option) -> float:
    first = next(i for i, leg in enumerate(option.legs) if leg.mode.value == "air")
    return sum(leg.distance_km for leg in option.legs[:first])


@pytest.mark.parametrize("priority", ["fastest", "balanced", "cheapest"])
@pytest.mark.parametrize(
    ("origin", "destination", "lane"),
    [
        ("PVG", "Chicago", ("pvg_airport", "ord_airport")),
        ("Shanghai", "Chicago", ("pvg_airport", "ord_airport")),
        ("PEK", "Frankfurt", None),
        ("CGO", "Luxembourg", ("cgo_airport", "lux_airport")),
    ],
)
def test_a_hub_flies_its_own_long_haul(origin, destination, lane, priority) -> None:
    options = [
        o for o in plan(origin, destination, modes="air,road", priority=priority, alternatives=6)
        if o.haul is Haul.AIR
    ]
    assert options
    hub = options[0].exit_port.id
    first = _flights(options[0])
    assert len(first) == 1 and first[0][0] == hub, first  # one flight, from the hub itself
    assert _trucked_km(options[0]) < 100  # loaded at home, not trucked to another hub
    if lane is not None:
        assert first[0] == lane
    # no option trucks the hub's shipper to another airport that flies the same lane
    for option in options:
        assert _trucked_km(option) <= 400, (option.exit_port.id, _trucked_km(option))


def test_beijing_flies_straight_to_frankfurt_and_first_when_fastest() -> None:
    options = plan("PEK", "Frankfurt", modes="air,road", priority="fastest", alternatives=6)
    assert _flights(options[0]) == [("pek_airport", "fra_airport")]


def test_pudong_chicago_is_the_hubs_lane_not_a_stale_service() -> None:
    option = plan("PVG", "Chicago", modes="air,road", priority="fastest")[0]
    assert _flights(option) == [("pvg_airport", "ord_airport")]
    # the lane's only record (last reported 2024) is not ridden: the hub's flight, not labelled
    # stale and not ranked after a 1,700 km truck to Beijing
    assert option.ride is None or not option.ride.stale
    planner = planner_for(None)
    hubs = planner.timetable.hubs(400.0)
    assert ("pvg_airport", "ord_airport") in hubs.direct


def test_a_current_hub_service_is_ridden() -> None:
    option = plan("PVG", "Paris", modes="air,road", priority="fastest")[0]
    assert _flights(option) == [("pvg_airport", "cdg_airport")]
    assert option.ride is not None and option.ride.service_id == "HUB-PVG-CDG-AIR"
    assert not option.ride.stale


def test_taiyuan_to_chicago_may_go_through_a_hub() -> None:
    options = [
        o for o in plan("Taiyuan", "Chicago", modes="air,road", alternatives=6)
        if o.haul is Haul.AIR
    ]
    assert options
    assert options[0].exit_port.id in {"tyn_airport", "cgo_airport", "pek_airport", "pvg_airport"}
    assert not any("hkg_airport" in stop for o in options for f in _flights(o) for stop in f)
