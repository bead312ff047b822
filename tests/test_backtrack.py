"""No option trucks a box far to a main haul that then runs back past the shipper
(``ranking.backtrack_max_km``): Datong and Taiyuan to Moscow, in both searches and the batch."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest

from corridors import Mode
from corridors.geo import geodesic_distance_km
from planner.core.api import planner_for
from planner.model.query import Query
from planner.network.graph import LegShape
from planner.search.hauls import bookable
from planner.search.routes import doubled_back_km

#: Straight-line km from a route's start within which a main haul passes "the origin".
_NEAR_KM = 30.0


@pytest.fixture(scope="module")
def planner(real_network):
    return planner_for(real_network)


def _leg(a: str, b: str, mode: Mode, km: float) -> LegShape:
    return LegShape(a, b, mode, "c", km, None, ())


def _graph(**points: tuple[float, float]) -> SimpleNamespace:
    return SimpleNamespace(
        nodes={n: SimpleNamespace(lon=lon, lat=lat) for n, (lon, lat) in points.items()}
    )


# Datong, Changzhi North, Datong station (4 km off), Erenhot, Rizhao port
_GRAPH = _graph(
    dt=(113.30, 40.077), czn=(113.10, 36.25), dts=(113.29, 40.11), erl=(111.98, 43.65),
    rz=(119.55, 35.38),
)


def test_a_truck_to_a_train_back_past_the_start_is_doubled_back():
    legs = [
        _leg("dt", "czn", Mode.ROAD, 498.0),
        _leg("czn", "dts", Mode.RAIL, 540.0),
        _leg("dts", "erl", Mode.RAIL, 460.0),
    ]
    km = doubled_back_km(_GRAPH, legs)
    assert 415.0 < km < 427.0  # Datong–Changzhi North in a straight line, less the ~4 km to
    # Datong station


def test_a_train_that_does_not_come_back_is_not_doubled_back():
    legs = [_leg("dt", "czn", Mode.ROAD, 498.0), _leg("czn", "rz", Mode.RAIL, 700.0)]
    # the nearest place the train passes (Rizhao) is farther than the truck ran
    assert doubled_back_km(_GRAPH, legs) == 0.0
    # a train north to Erenhot (411 km from Datong) comes back 16 km nearer than Changzhi
    north = [_leg("dt", "czn", Mode.ROAD, 498.0), _leg("czn", "erl", Mode.RAIL, 900.0)]
    assert 5.0 < doubled_back_km(_GRAPH, north) < 25.0
    # a truck along a winding road to a railhead beyond: nothing comes back
    beyond = [_leg("dt", "dts", Mode.ROAD, 60.0), _leg("dts", "erl", Mode.RAIL, 420.0)]
    assert doubled_back_km(_GRAPH, beyond) == 0.0


def test_a_train_back_past_a_town_the_truck_passed_is_doubled_back():
    """Trucked from Erenhot through Datong to Changzhi North, for a train back north through
    Datong station: the town on the way counts as the start does."""
    legs = [
        _leg("erl", "dt", Mode.ROAD, 412.0),
        _leg("dt", "czn", Mode.ROAD, 498.0),
        _leg("czn", "dts", Mode.RAIL, 540.0),
    ]
    assert 415.0 < doubled_back_km(_GRAPH, legs) < 427.0
    # boarding at the start, or a road haul, is never doubled back
    assert doubled_back_km(_GRAPH, [_leg("dt", "erl", Mode.RAIL, 500.0)]) == 0.0
    assert doubled_back_km(_GRAPH, [_leg("dt", "czn", Mode.ROAD, 498.0)]) == 0.0


def test_bookable_holds_the_parameter(planner):
    limit = planner.params["ranking.backtrack_max_km"]
    options = planner.plan(Query("Datong", "Moscow", alternatives=1))
    assert options, "Datong has a way to Moscow"
    shape = _shape_like(planner, "Datong", "Moscow")
    assert bookable(dataclasses.replace(shape, doubled_back_km=limit), planner.params)
    assert not bookable(dataclasses.replace(shape, doubled_back_km=limit + 1), planner.params)


def _shape_like(planner, origin: str, destination: str):
    """A rail shape of the route library between two places (any will do)."""
    query = Query(origin, destination)
    candidates = planner.candidates(planner.resolve(query))
    return next(s for s in candidates.shapes if s.haul.value == "rail")


def _boarded_far_then_back(planner, option, near_km: float) -> bool:
    """Some town the option's truck passes (its start included) lies more than three times
    ``near_km`` from where the main haul boards, and the main haul then passes within
    ``near_km`` of it."""
    legs = [leg for leg in option.legs if not leg.wait]
    first = next((i for i, leg in enumerate(legs) if leg.mode is not Mode.ROAD), None)
    if not first:
        return False
    nodes = planner.graph.nodes
    boarded = nodes[legs[first].from_id]
    passed = [nodes[leg.to_id] for leg in legs[first:] if leg.mode is not Mode.ROAD]

    def km(a, b) -> float:
        return geodesic_distance_km(a.lon, a.lat, b.lon, b.lat)

    towns = [nodes[leg.from_id] for leg in legs[:first]]
    return any(
        km(town, boarded) > 3 * near_km and any(km(town, p) < near_km for p in passed)
        for town in towns
    )


@pytest.mark.parametrize("method", ["exact", "library"])
@pytest.mark.parametrize("origin", ["Datong", "Taiyuan", "Jinzhong", "Lvliang"])
def test_no_option_is_trucked_past_the_origin_and_back(planner, origin, method):
    options = planner.plan(Query(origin, "Moscow", alternatives=8), method=method)
    assert options
    assert not [o.title for o in options if _boarded_far_then_back(planner, o, _NEAR_KM)]
    boarded = {o.legs[next(i for i, g in enumerate(o.legs) if g.mode is Mode.RAIL)].from_id
               for o in options if o.haul.value == "rail"}
    assert "changzhi_north_terminal" not in boarded


def test_datong_moscow_rides_datongs_own_train_first(planner):
    """Datong–Manzhouli–Moscow left Datong Pingwang on 2025-09-26 (China Daily 2025-10-17):
    the first option, a short drayage to the land port; no longer 498 km to Changzhi North."""
    options = planner.plan(Query("Datong", "Moscow"))
    first = options[0]
    assert first.ride is not None and first.ride.service_id == "SX-DT-MOW-MZL"
    assert not first.ride.stale
    assert first.exit_port.id == "manzhouli"
    assert first.legs[0].distance_km < 20


def test_datong_is_trucked_to_beijing_on_the_jingda_expressway(planner):
    """PEK is about 350 km from Datong by the Jingda expressway (334 km Beijing–Datong:
    Baike.com), not 687 km through Shuozhou and Tianjin."""
    options = planner.plan(Query("Datong", "Moscow", alternatives=8))
    pek = next(o for o in options if o.exit_port is not None and o.exit_port.id == "pek_airport")
    first_air = next(i for i, leg in enumerate(pek.legs) if leg.mode is Mode.AIR)
    trucks = pek.legs[:first_air]
    assert [leg.to_id for leg in trucks] == ["beijing", "pek_airport"]
    assert 300 < sum(leg.distance_km for leg in trucks) < 400


def test_taiyuan_moscow_first_is_zhongding_via_manzhouli(planner):
    """Taiyuan's own railhead's service first (18.8 d), not a 214 km truck south to Changzhi
    North for a train that runs back north through Taiyuan."""
    options = planner.plan(Query("Taiyuan", "Moscow"))
    first = options[0]
    assert first.ride is not None and first.ride.service_id == "SX-ZD-MOW-MZL"
    assert sum(leg.distance_km for leg in first.legs[:2] if leg.mode is Mode.ROAD) < 50


def test_the_batch_chooses_as_the_route_library(planner):
    queries = [Query("Datong", "Moscow", alternatives=1), Query("Taiyuan", "Moscow",
                                                                alternatives=1)]
    rows = planner.plan_rows(queries)
    for query, row in zip(queries, rows, strict=True):
        assert "Changzhi North" not in row["label"]
        assert row["label"] == planner.plan(query, method="library")[0].to_dict("en")["label"]


def test_straight_km_kept_by_coordinates_is_each_pair_geodesic():
    from planner.search import routes

    taiyuan_moscow, datong_taiyuan = (112.55, 37.87, 37.62, 55.75), (113.3, 40.08, 112.55, 37.87)
    pairs = [taiyuan_moscow, datong_taiyuan, taiyuan_moscow]
    routes._STRAIGHT_KM.pop(pairs[1], None)
    first = routes._straight_km(pairs)
    again = routes._straight_km(pairs[1:2])  # from the store, alone
    assert first.tolist() == [geodesic_distance_km(*p) for p in pairs]
    assert again.tolist() == first[1:2].tolist() and first[0] == first[2]
