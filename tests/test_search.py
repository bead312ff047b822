"""Route search: closures, cargo rules, ports, labels, errors, the real network's expected
corridors, and property-based invariants (the Pareto set against brute force:
``test_pareto.py``)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridors import Mode
from planner.core.api import list_places, plan
from planner.model.cargo import load_cargo_classes
from planner.model.errors import (
    InvalidShipmentError,
    NoRouteError,
    PlanningError,
    UnknownPlaceError,
)
from planner.model.params import load_parameters
from planner.model.records import Haul, Priority, Shipment
from tests.invariants import check_invariants, priority_key

PARAMS = load_parameters()
CARGO = load_cargo_classes()


# --------------------------------------------------------------------------------------------
# closures and cargo rules


@pytest.mark.parametrize(
    ("avoid", "never"),
    [
        (("xing_east",), {"link": "xing_east"}),
        (("gate_cn",), {"node": "gate_cn"}),
        (("land_a",), {"corridor": "land_a"}),
        (("KZ",), {"country": "KZ"}),
    ],
)
def test_closed_ids_are_never_used(planner_network, avoid, never):
    for destination in ("far", "far_airport"):
        options = plan("beta", destination, alternatives=20, avoid=avoid, network=planner_network)
        for option in options:
            for leg in option.legs:
                if "link" in never:
                    assert leg.link_id != never["link"]
                if "node" in never:
                    assert never["node"] not in (leg.from_id, leg.to_id)
                if "corridor" in never:
                    assert leg.corridor != never["corridor"]
                if "country" in never:
                    for nid in (leg.from_id, leg.to_id):
                        assert planner_network.nodes.at[nid, "country"] != never["country"]


@pytest.mark.parametrize("cargo", ["dangerous", "bulk"])
def test_forbidden_mode_never_appears(planner_network, cargo):
    for destination in ("far", "omega", "omega_airport", "far_airport"):
        try:
            shipment = Shipment(cargo, 5, 10)
            options = plan("beta", destination, shipment, alternatives=20, network=planner_network)
        except NoRouteError:  # an airport is reached by air only: no option at all
            assert destination.endswith("_airport")
            continue
        assert all(Mode.AIR not in o.modes for o in options)
    general = plan(
        "beta", "omega", Shipment("general", 5, 10), alternatives=20, network=planner_network
    )
    assert any(Mode.AIR in o.modes for o in general)  # air exists for others


def test_no_route_says_why(planner_network):
    with pytest.raises(NoRouteError, match="dangerous goods may not go by air"):
        plan(
            "beta",
            "omega",
            Shipment("dangerous"),
            avoid=["land_a", "land_b"],
            network=planner_network,
        )
    with pytest.raises(NoRouteError, match="avoiding"):
        plan("beta", "omega", avoid=["land_a", "land_b", "air_x"], network=planner_network)
    with pytest.raises(NoRouteError, match="avoiding"):
        plan("beta", "far", avoid=["alpha"], network=planner_network)


# --------------------------------------------------------------------------------------------
# ports, labels, ordering, warnings


def test_ports_of_exit_and_entry(planner_network):
    options = plan("beta", "omega", alternatives=10, network=planner_network)
    by_mode = {o.modes[-1] if o.modes[-1] is not Mode.ROAD else o.modes[-2]: o for o in options}
    rail = by_mode[Mode.RAIL]
    assert rail.exit_port.id in {"gate_cn", "east_cn"}
    assert rail.entry_port.id == {"gate_cn": "gate_kz", "east_cn": "east_kz"}[rail.exit_port.id]
    assert rail.border_crossings == 1
    # the train's Shanxi terminal, then the port of exit: "Rail from Alpha Rail via Gate Cn, 9 d"
    assert rail.label.startswith("Rail from ")
    assert f" via {rail.exit_port.name_en}, " in rail.label
    air = by_mode[Mode.AIR]
    assert (air.exit_port.id, air.entry_port.id) == ("alpha_airport", "omega_airport")
    assert air.label.startswith("Air via Alpha AAX → OMX, ")
    sea = plan("beta", "far", priority="cheapest", network=planner_network)[0]
    assert (sea.exit_port.id, sea.entry_port.id) == ("cn_port", "far_port")
    assert sea.label.startswith("Rail–sea from Alpha Rail via Cn → Far, ")
    domestic = plan("beta", "alpha_airport", network=planner_network)[0]
    assert domestic.exit_port is None and domestic.entry_port is None


def test_entry_port_is_in_the_destination_country(planner_network):
    # far (NL) by rail through KZ: the first foreign node is in KZ, the entry into NL is far
    options = plan("beta", "far", priority="greenest", alternatives=10, network=planner_network)
    rail = next(o for o in options if o.modes == (Mode.ROAD, Mode.RAIL))
    assert rail.exit_port.country == "CN" and rail.entry_port.country == "NL"


@pytest.mark.parametrize("priority", ["fastest", "cheapest", "greenest"])
def test_ordered_best_first(planner_network, priority):
    options = plan("beta", "far", priority=priority, alternatives=10, network=planner_network)
    keys = [priority_key(o, priority) for o in options]
    assert keys == sorted(keys)
    assert len({o.modes for o in options}) >= 3  # diverse mode chains, not one path repeated


def test_balanced_uses_value_of_time(planner_network):
    # the same trip: electronics (high value of time) fly, bulk-like general cargo does not
    fast = plan("beta", "omega", Shipment("electronics", 2, 6), network=planner_network)[0]
    slow = plan("beta", "omega", Shipment("general", 20, 30), network=planner_network)[0]
    assert Mode.AIR in fast.modes and Mode.AIR not in slow.modes


def test_warnings(planner_network):
    late = plan(
        "beta", "far", Shipment("perishable", 10, 20), priority="cheapest", network=planner_network
    )
    # the cheapest way sails, but outlasts the cargo: it ranks after every way that keeps it
    sea = next(o for o in late if Mode.SEA in o.modes)
    assert sea.transit_days > 21 and all(o.transit_days <= 21 for o in late[: sea.rank - 1])
    assert any("perishable" in w for w in sea.warnings)
    assert any("Red Sea" in w for w in sea.warnings)
    assert any("estimate" in w for w in sea.warnings)


def test_destination_can_be_a_country(planner_network):
    options = plan("beta", "NL", network=planner_network)
    assert planner_network.nodes.at[options[0].legs[-1].to_id, "country"] == "NL"


def test_answers_are_memoised_but_lists_are_fresh(planner_network):
    first = plan("beta", "far", network=planner_network)
    second = plan("beta", "far", network=planner_network)
    assert first == second and first is not second


# --------------------------------------------------------------------------------------------
# bad input raises PlanningError subclasses only


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"alternatives": 0}, InvalidShipmentError),
        ({"alternatives": 2.5}, InvalidShipmentError),
        ({"alternatives": True}, InvalidShipmentError),
        ({"priority": "slow"}, InvalidShipmentError),
        ({"shipment": "10 t"}, InvalidShipmentError),
        ({"avoid": ["no_such_thing_at_all"]}, UnknownPlaceError),
        ({"avoid": [3]}, InvalidShipmentError),
        ({"destination": "Atlantis"}, UnknownPlaceError),
        ({"destination": "beta"}, InvalidShipmentError),
        ({"destination": ""}, InvalidShipmentError),
        ({"destination": None}, InvalidShipmentError),
        ({"params": {"rail.speed_kph": 30}}, InvalidShipmentError),
    ],
)
def test_bad_input(planner_network, kwargs, error):
    args = {"origin": "beta", "destination": "far", "network": planner_network, **kwargs}
    with pytest.raises(error):
        plan(**args)


# --------------------------------------------------------------------------------------------
# property-based: random queries never raise anything but PlanningError, answers hold


_INVALID = {
    "origin": ["Atlantis", "", "beijing??"],
    "destination": ["Atlantis", "   ", "nowhere_at_all"],
    "cargo": ["plutonium", ""],
    "weight_t": [0.0, -1.0, float("nan"), float("inf")],
    "volume_m3": [0.0, -5.0, float("nan")],
    "priority": ["soon", ""],
    "alternatives": [0, -1],
    "avoid": [["no_such_id"], [""]],
}


def _query_strategy(planner_network):
    """Mostly valid queries (so most of them are routed); about one in four has one field
    broken."""
    places = list(list_places(planner_network)["id"])
    closable = (
        list(planner_network.links.index)
        + list(planner_network.nodes.index)
        + list(planner_network.corridors)
    )
    valid = st.fixed_dictionaries(
        {
            "origin": st.sampled_from(places),
            "destination": st.sampled_from(places),
            "cargo": st.sampled_from(CARGO.ids),
            "weight_t": st.floats(0.01, 500),
            "volume_m3": st.floats(0.01, 2000),
            "priority": st.sampled_from([p.value for p in Priority] + ["FASTEST"]),
            "alternatives": st.integers(1, 8),
            "avoid": st.lists(st.sampled_from(closable), max_size=3),
            "method": st.sampled_from(["exact", "library"]),
        }
    )
    broken_field = st.sampled_from([*([None] * 3 * len(_INVALID)), *_INVALID])

    @st.composite
    def query(draw):
        q = draw(valid)
        if q["destination"] == q["origin"]:
            q["destination"] = draw(st.sampled_from([p for p in places if p != q["origin"]]))
        field = draw(broken_field)
        if field is not None:
            q[field] = draw(st.sampled_from(_INVALID[field]))
        return q

    return query()


def _run_query(planner_network, q) -> None:
    try:
        shipment = Shipment(q["cargo"], q["weight_t"], q["volume_m3"])
        options = plan(
            q["origin"],
            q["destination"],
            shipment,
            priority=q["priority"],
            alternatives=q["alternatives"],
            avoid=q["avoid"],
            network=planner_network,
            method=q["method"],
        )
    except PlanningError:
        return
    assert len(options) <= q["alternatives"]
    check_invariants(options, q["origin"], q["destination"], planner_network)
    for option in options:
        if Mode.AIR in CARGO[shipment.cargo].modes_forbidden:
            assert Mode.AIR not in option.modes
        for leg in option.legs:
            assert leg.link_id not in q["avoid"] and leg.corridor not in q["avoid"]
            assert leg.from_id not in q["avoid"] and leg.to_id not in q["avoid"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_queries_on_the_test_network(planner_network, data):
    _run_query(planner_network, data.draw(_query_strategy(planner_network)))


@pytest.fixture(scope="module")
def real_strategy(real_network):
    return _query_strategy(real_network)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_queries_on_the_real_network(real_network, real_strategy, data):
    _run_query(real_network, data.draw(real_strategy))


# --------------------------------------------------------------------------------------------
# the shipped network: the corridors the brief expects


@pytest.mark.parametrize("destination", ["almaty", "tashkent"])
def test_central_asia_leaves_by_horgos_or_alashankou(real_network, destination):
    options = plan("taiyuan", destination, network=real_network)
    best_rail = next(o for o in options if Mode.RAIL in o.modes and Mode.AIR not in o.modes)
    assert best_rail.exit_port.id in {"horgos", "alashankou"}
    assert options[0].exit_port.id in {"horgos", "alashankou"}


def test_ulaanbaatar_goes_by_erenhot(real_network):
    options = plan("taiyuan", "ulaanbaatar", network=real_network)
    land = [o for o in options if Mode.AIR not in o.modes]
    assert land and all(o.exit_port.id == "erenhot" for o in land)
    assert all(o.entry_port.id == "zamyn_uud" for o in land)
    assert any(o.label.startswith("Rail from ") and " via Erenhot, " in o.label for o in land)


@pytest.mark.parametrize(
    ("destination", "exit_port", "entry_port"),
    [
        ("duisburg", "horgos", "malaszewicze"),  # EU customs territory begins at the Bug
        ("moscow", "horgos", "altynkol"),  # EAEU: Kazakhstan then Russia, one clearance
        ("ulaanbaatar", "erenhot", "zamyn_uud"),
    ],
)
def test_port_of_entry_is_where_the_destinations_customs_territory_begins(
    real_network, destination, exit_port, entry_port
):
    options = plan("taiyuan", destination, alternatives=10, network=real_network)
    rail = [o for o in options if o.exit_port is not None and o.exit_port.id == exit_port]
    assert rail, f"no option to {destination} leaves by {exit_port}"
    assert rail[0].entry_port.id == entry_port


@pytest.mark.parametrize("destination", ["rotterdam", "hamburg"])
def test_bulk_to_europe_goes_by_sea_when_cheapest(real_network, destination):
    best = plan(
        "taiyuan",
        destination,
        Shipment("bulk", 200, 250),
        priority="cheapest",
        network=real_network,
    )[0]
    assert Mode.SEA in best.modes
    assert best.exit_port.kind == "seaport"


@pytest.mark.parametrize("destination", ["moscow", "almaty", "rotterdam", "los angeles", "tokyo"])
def test_dangerous_goods_never_fly(real_network, destination):
    dangerous = Shipment("dangerous", 1, 2)
    options = plan(
        "taiyuan", destination, dangerous, priority="fastest", alternatives=10, network=real_network
    )
    assert all(Mode.AIR not in o.modes for o in options)


@pytest.mark.parametrize("avoid", ["land_erenhot", "erenhot"])
def test_avoiding_erenhot(real_network, avoid):
    for destination in ("ulaanbaatar", "moscow"):
        options = plan("taiyuan", destination, alternatives=10, avoid=[avoid], network=real_network)
        for option in options:
            for leg in option.legs:
                assert leg.corridor != "land_erenhot" or avoid != "land_erenhot"
                if avoid == "erenhot":  # the crossing shut: no train and no truck through it
                    assert "erenhot" not in (leg.from_id, leg.to_id)
            if avoid == "erenhot":
                assert option.exit_port is None or option.exit_port.id != "erenhot"


def test_a_domestic_trip_stays_at_home(real_network):
    options = plan(
        "luliang", "rizhao", Shipment("bulk", 500, 400), priority="cheapest", network=real_network
    )
    for option in options:
        assert option.exit_port is None and option.border_crossings == 0
        for leg in option.legs:
            assert real_network.nodes.at[leg.to_id, "country"] == "CN"


def test_china_europe_rail_matches_the_published_anchors(real_network):
    from planner.network.costs import expected_wait_hours

    options = plan(
        "taiyuan", "duisburg", Shipment("general", 18, 40), alternatives=8, network=real_network
    )
    rail = next(o for o in options if o.modes == (Mode.ROAD, Mode.RAIL))
    rail_legs = [leg for leg in rail.legs if leg.mode is Mode.RAIL]
    terminal_hours = (
        sum(leg.hours for leg in rail_legs)
        - 2 * PARAMS["handling.rail.hours"]
        - expected_wait_hours(Mode.RAIL, "land", PARAMS)
    )
    assert 13 <= terminal_hours / 24 <= 22
    rail_cost = sum(leg.cost_usd for leg in rail_legs)  # one FEU
    assert 6000 <= rail_cost <= 9000 + 2 * PARAMS["handling.rail.usd_per_box"]


def test_a_perishable_option_over_its_shelf_life_ranks_after_every_one_within_it(real_network):
    perishable = Shipment("perishable", 18, 60)
    for destination in ("moscow", "hamburg", "almaty"):
        options = plan(
            "yuncheng",
            destination,
            perishable,
            priority="cheapest",
            alternatives=8,
            network=real_network,
        )
        keeps = [o.transit_days <= CARGO["perishable"].shelf_life_days for o in options]
        assert keeps == sorted(keeps, reverse=True), destination  # every keeper first


def test_a_perishable_that_keeps_only_in_typical_time_is_warned(real_network):
    # Yuncheng -> Moscow rides a service of 15-21 d, longer at its slowest: the shipper is told
    limit = CARGO["perishable"].shelf_life_days
    options = plan(
        "yuncheng", "moscow", Shipment("perishable", 10, 30), alternatives=8, network=real_network
    )
    for option in options:
        codes = {note.code for note in option.notes}
        assert ("perishable_too_long" in codes) == (option.transit_days > limit), option.label
        at_worst = option.transit_days <= limit < option.transit_days_max
        assert ("perishable_may_be_too_long" in codes) == at_worst, option.label
    assert any(o.transit_days <= limit < o.transit_days_max for o in options)


def test_no_option_chains_air_and_rail(real_network):
    for origin, destination in (
        ("jincheng", "hamburg"),
        ("taiyuan", "rotterdam"),
        ("yuncheng", "moscow"),
    ):
        for option in plan(origin, destination, alternatives=8, network=real_network):
            modes = set(option.modes)
            assert not {Mode.AIR, Mode.RAIL} <= modes, option.label
            assert not {Mode.AIR, Mode.SEA} <= modes, option.label


def test_eurasian_rail_options_span_two_border_crossings(real_network):
    for destination in ("moscow", "duisburg", "almaty"):
        options = plan("taiyuan", destination, alternatives=8, network=real_network)
        exits = {o.exit_port.id for o in options if o.haul is Haul.RAIL}
        assert len(exits) >= 2, (destination, exits)


def test_an_option_says_why_a_mode_is_missing_for_its_class(planner_network):
    options = plan("beta", "far", Shipment("dangerous", 2, 5), network=planner_network)
    assert options
    for option in options:
        assert Mode.AIR not in option.modes
        assert any(w.startswith("no air option for dangerous cargo: ") for w in option.warnings)
    general = plan("beta", "far", Shipment("general", 2, 5), network=planner_network)
    assert not any(w.startswith("no air option") for o in general for w in o.warnings)


def test_a_published_service_leads_though_a_model_train_beats_it_on_paper(real_network):
    """Hypothesis drew Yangquan -> DE, greenest: the first option rides the Linfen-Munich train
    (SX-LF-MUC-ALA) though the model's Erenhot train from Yangquan, which no service runs, is
    faster, cheaper and greener on paper: a published service ranks before a train the model
    imagines; the model train follows it, marked Pareto-optimal."""
    options = plan("yangquan", "DE", Shipment("general", 1.0, 1.0), priority="greenest",
                   alternatives=5, network=real_network)  # fmt: skip
    first, beaten_by = options[0], [o for o in options[1:] if o.pareto_optimal]
    assert first.ride is not None and first.ride.service_id == "SX-LF-MUC-ALA"
    assert not first.pareto_optimal and not first.ride.stale
    better = [o for o in beaten_by if o.co2e_kg < first.co2e_kg and o.cost_usd < first.cost_usd]
    assert better and all(o.ride is None for o in better)  # model trains only
