"""Air as it is flown (issue 19): Taiyuan's freighters flown as published, a shipper trucked to
the nearest hub that serves, services not seen for two years labelled and ranked after the
current ones, the freighter's CO2e factor on a freighter leg."""

from __future__ import annotations

import pandas as pd
import pytest

from corridors import NetworkValidationError
from corridors.air_services import freighter_links, read_air_services
from corridors.network import DEFAULT_DATA_DIR
from corridors.services import load_services
from planner.core.api import plan
from planner.model.records import Haul
from planner.text.messages import render


def _air(origin: str, destination: str, alternatives: int = 6):
    return plan(origin, destination, modes="air,road", alternatives=alternatives)


def _flights(option) -> list[tuple[str, str]]:
    flights = (leg for leg in option.legs if leg.mode.value == "air" and not leg.wait)
    return [(leg.from_id, leg.to_id) for leg in flights]


def test_taiyuan_almaty_flies_direct_on_the_freighter() -> None:
    options = _air("Taiyuan", "Almaty")
    direct = [o for o in options if _flights(o) == [("tyn_airport", "ala_airport")]]
    assert direct, [_flights(o) for o in options]
    assert direct[0].ride is not None and direct[0].ride.service_id == "SX-TYN-ALA-AIR"
    assert not any("hkg_airport" in stop for o in options for f in _flights(o) for stop in f)


def test_chicago_from_taiyuan_is_never_via_hong_kong() -> None:
    options = _air("Taiyuan", "Chicago")
    assert not any("hkg_airport" in stop for o in options for f in _flights(o) for stop in f)
    rides = {o.ride.service_id for o in options if o.ride is not None}
    assert "SX-TYN-ORD-AIR" in rides  # Taiyuan's own freighter through Pudong is offered
    taiyuan = next(o for o in options if o.ride and o.ride.service_id == "SX-TYN-ORD-AIR")
    assert _flights(taiyuan) == [("tyn_airport", "pvg_airport"), ("pvg_airport", "ord_airport")]


@pytest.mark.parametrize("destination", ["Luxembourg", "Almaty", "Frankfurt"])
def test_jincheng_is_trucked_to_a_hub_within_400_km(destination: str) -> None:
    options = [o for o in _air("Jincheng", destination) if o.haul is Haul.AIR]
    assert options
    for option in options:
        first = next(i for i, leg in enumerate(option.legs) if leg.mode.value == "air")
        trucked = sum(leg.distance_km for leg in option.legs[:first])
        assert trucked <= 400, (destination, option.exit_port, trucked)
    # Zhengzhou, 150 km away, is offered (first, or after Taiyuan's connection where that one
    # is better for the priority)
    assert any(o.exit_port.id == "cgo_airport" for o in options)


def test_a_service_not_seen_for_two_years_is_labelled_and_ranked_last() -> None:
    options = _air("Taiyuan", "Brussels")
    stale = [i for i, o in enumerate(options) if o.ride and o.ride.stale]
    assert stale and options[stale[0]].ride.service_id == "SX-TYN-BRU-AIR"
    current = [i for i, o in enumerate(options) if not (o.ride and o.ride.stale)]
    assert current and max(current) < min(stale)  # every current option first
    option = options[stale[0]]
    # the 2022 flight is the fastest: without the rule it ranked first
    assert option.transit_days <= min(options[i].transit_days for i in current)
    notes = [n for n in option.notes if n.code == "rides_service"]
    assert "last seen 2022" in render(notes[0], "en")
    assert "最后一次见于 2022 年" in render(notes[0], "zh")
    fresh = [n for o in options[: len(current)] for n in o.notes if n.code == "rides_service"]
    assert all("last seen" not in render(n, "en") for n in fresh)


def test_a_freighter_leg_is_charged_the_freighter_factor() -> None:
    option = next(
        o for o in _air("Taiyuan", "Almaty") if _flights(o) == [("tyn_airport", "ala_airport")]
    )
    leg = next(i for i, lg in enumerate(option.legs) if lg.mode.value == "air" and not lg.wait)
    assert option.legs[leg].freighter
    keys = {f[1].key for f in option.co2e_method.factors if f[0] == "air"}
    assert keys == {"air.co2e_g_per_tkm_freighter_long_haul"}
    assert option.co2e_method.leg_factors[leg] == pytest.approx(880.0)
    # a belly-hold link keeps the belly factor
    belly = next(
        o for o in _air("Taiyuan", "Almaty")
        if len(_flights(o)) == 1 and not any(lg.freighter for lg in o.legs)
    )
    keys = {f[1].key for f in belly.co2e_method.factors if f[0] == "air"}
    assert keys == {"air.co2e_g_per_tkm_long_haul"}


def test_freighter_links_leave_out_links_belly_flights_share() -> None:
    services = load_services(DEFAULT_DATA_DIR, _node_ids())
    links = freighter_links(services)
    assert frozenset(("tyn_airport", "ala_airport")) in links
    assert frozenset(("tyn_airport", "pvg_airport")) in links
    assert frozenset(("tyn_airport", "hkg_airport")) not in links  # belly only
    mixed = pd.concat([services, services.loc[["SX-TYN-ALA-AIR"]].assign(aircraft="belly")])
    assert frozenset(("tyn_airport", "ala_airport")) not in freighter_links(mixed)


def _node_ids() -> set[str]:
    from corridors import load_network

    return set(load_network().nodes.index)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"aircraft": "zeppelin"}, "aircraft 'zeppelin' is not one of"),
        ({"route": "tyn_airport"}, "a route names at least two airports"),
        ({"last_seen": "lately"}, "last_seen 'lately' is not a date"),
        ({"first_seen": "2030"}, "first_seen is after last_seen"),
    ],
)
def test_a_broken_air_service_is_named(tmp_path, change, problem) -> None:
    frame = pd.read_csv(DEFAULT_DATA_DIR / "air_services.csv", dtype=str, keep_default_na=False)
    frame.loc[1, list(change)] = list(change.values())
    frame.to_csv(tmp_path / "air_services.csv", index=False)
    with pytest.raises(NetworkValidationError) as caught:
        read_air_services(tmp_path)
    assert any(problem in p and frame.loc[1, "service_id"] in p for p in caught.value.problems)


def test_a_flight_with_a_stopover_does_not_ride_a_non_stop_service() -> None:
    # Taiyuan–Pudong–Almaty is not the Taiyuan–Almaty freighter (it lands where it names)
    options = plan("Taiyuan", "Almaty", modes="air,road", priority="fastest", alternatives=6)
    via_pudong = [o for o in options if len(_flights(o)) == 2]
    assert via_pudong, [_flights(o) for o in options]
    for option in via_pudong:
        assert all(leg.service != "SX-TYN-ALA-AIR" for leg in option.legs)
