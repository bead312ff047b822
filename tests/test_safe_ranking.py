"""Safe ranking and why each option is offered (issue 20, items 2 and 3)."""

from __future__ import annotations

import pytest

from corridors import Mode
from planner.core.api import planner_for
from planner.core.option_rows import option_row
from planner.model.query import Query
from planner.search.ranking import merged_entries


@pytest.fixture(scope="module")
def planner(real_network):
    return planner_for(real_network)


def _shelf_class(option, shelf: float) -> int:
    return int(option.transit_days_max > shelf) + int(option.transit_days > shelf)


def test_yuncheng_moscow_perishable_keeps_within_shelf_life_first(planner):
    """18 t perishable: the options that keep within the 21-day shelf life at their longest
    come first; a train whose 21 d equals the shelf life and whose longest exceeds it ranks
    below a faster train."""
    query = Query("Yuncheng", "Moscow", cargo="perishable", weight_t=18, volume_m3=60)
    options = planner.plan(query)
    shelf = planner.cargo_spec("perishable").shelf_life_days
    classes = [_shelf_class(o, shelf) for o in options]
    assert classes == sorted(classes)
    assert options[0].transit_days_max <= shelf
    assert options[0].why.params["reasons"][0] == "fastest_in_shelf"
    trains = [o for o in options if o.haul.value == "rail"]
    slow = [o for o in trains if o.transit_days >= shelf - 1e-9 and o.transit_days_max > shelf]
    fast = [o for o in trains if o.transit_days < shelf - 0.5]
    assert fast and all(f.rank < s.rank for f in fast for s in slow)


def test_jinzhong_moscow_first_is_a_published_service(planner):
    """A published service first (the Changzhi North–Moscow train since its row came in, a
    truck of 187 km that says why; else Zhongding's via Manzhouli), the Zhongding–Vorsino
    service via Manzhouli offered, and no model train ahead of the first service."""
    options = planner.plan(Query("Jinzhong", "Moscow"))
    first = options[0]
    assert first.ride is not None and first.why.params["reasons"][0] == "service"
    manzhouli = next(o for o in options if o.ride and o.ride.service_id == "SX-ZD-MOW-MZL")
    assert manzhouli.exit_port.id == "manzhouli"
    assert "Manzhouli" in manzhouli.to_dict("en")["why"]["text"]
    assert "满洲里" in manzhouli.to_dict("zh")["why"]["text"]
    models = [o for o in options if o.haul.value == "rail" and o.ride is None]
    assert models, "the model train via Horgos is still offered, after the services"
    for option in models:
        assert "model_train" in option.why.params["reasons"]
        assert option.rank > first.rank


def test_the_batch_chooses_as_the_route_library(planner):
    """plan_rows (the batch) gives the route library's first option: the safe ranking is
    the same in both."""
    queries = [
        Query("Jinzhong", "Moscow", alternatives=1),
        Query("Yuncheng", "Moscow", cargo="perishable", weight_t=18, volume_m3=60, alternatives=1),
        Query("Taiyuan", "Almaty", alternatives=1),
    ]
    rows = planner.plan_rows(queries)
    for query, row in zip(queries, rows, strict=True):
        best = option_row(planner.plan(query, method="library")[0])
        assert row["label"] == best["label"] and row["cost_usd"] == best["cost_usd"]


@pytest.mark.parametrize(
    ("origin", "destination"),
    [("Jinzhong", "Moscow"), ("Taiyuan", "Duisburg"), ("Datong", "Almaty"), ("Yuncheng", "Riga")],
)
def test_no_option_is_a_long_detour_unless_it_rides_a_service(planner, origin, destination):
    ratio = planner.params["ranking.detour_max_ratio"]
    options = planner.plan(Query(origin, destination, alternatives=10))
    shortest: dict = {}
    for option in options:
        shortest[option.haul] = min(option.distance_km, shortest.get(option.haul, 1e18))
    for option in options:
        if option.ride is None:
            assert option.distance_km <= ratio * shortest[option.haul] + 1e-6, option.label


def test_a_closure_still_leaves_the_long_way(planner):
    """A detour is measured among the routes left: closing the short crossings still offers
    the way round (the user forced it)."""
    closed = ("erenhot", "manzhouli", "horgos")
    options = planner.plan(Query("Taiyuan", "Moscow", closures=closed, modes=("rail", "road")))
    trains = [o for o in options if o.haul.value == "rail"]
    assert trains and all(o.exit_port.id == "alashankou" for o in trains)


def test_los_angeles_and_long_beach_are_one_option(planner):
    options = planner.plan(Query("Taiyuan", "Anaheim", alternatives=12))
    seen = set()
    for option in options:
        if option.haul.value != "sea" or option.entry_port is None:
            continue
        key = (option.exit_port.id, option.entry_port.id in ("los_angeles_port", "long_beach_port"))
        if key[1]:
            assert key not in seen, option.label
            seen.add(key)


def test_merged_entries_maps_a_neighbour_port_to_the_one_before(planner):
    nodes = planner.graph.nodes

    class _Shape:
        def __init__(self, port):
            self.entry_port = nodes[port]

    shapes = [_Shape("long_beach_port"), _Shape("los_angeles_port"), _Shape("oakland_port")]
    merged = merged_entries(shapes, planner.params["ranking.same_port_km"])
    assert merged == {
        "long_beach_port": "long_beach_port",
        "los_angeles_port": "long_beach_port",
        "oakland_port": "oakland_port",
    }


def test_every_option_says_why_in_both_languages(planner):
    options = planner.plan(Query("Taiyuan", "Rotterdam"))
    for option in options:
        en, zh = option.to_dict("en")["why"], option.to_dict("zh")["why"]
        assert en["code"] == zh["code"] == option.why.params["reasons"][0]
        assert en["text"] and zh["text"] and en["text"] != zh["text"]
    assert options[0].why.params["reasons"][0] in ("service", "balanced", "cheapest", "greenest",
                                                   "fastest")
    assert all(leg.mode in Mode for o in options for leg in o.legs)
