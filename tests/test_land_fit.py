"""Issue 19, land: origins load on their own railheads, crossings fit the destination."""

from __future__ import annotations

import pytest

from corridors import Mode
from planner import Planner, Query
from planner.model.records import trucked_first_km
from planner.network.crossing_fit import CrossingFit, load_crossing_fit
from planner.text.messages import render

SIBERIAN = {"erenhot", "manzhouli"}


@pytest.fixture(scope="module")
def planner(real_network) -> Planner:
    return Planner(real_network)


def _land(planner: Planner, origin: str, destination: str):
    return planner.plan(Query(origin, destination, modes=("rail", "road")))


def _nodes(option) -> set[str]:
    return {leg.from_id for leg in option.legs} | {leg.to_id for leg in option.legs}


def _first_rail(option) -> str:
    return next(leg.from_id for leg in option.legs if leg.mode is Mode.RAIL)


@pytest.mark.parametrize(
    ("origin", "destination", "railheads"),
    [
        ("Changzhi", "Minsk", {"changzhi_north_terminal", "changzhi_land_port"}),
        ("Changzhi", "Almaty", {"changzhi_north_terminal", "changzhi_land_port"}),
        ("Lüliang", "Almaty", {"wenshui_terminal"}),
    ],
)
def test_origin_loads_on_its_own_railhead(planner, origin, destination, railheads):
    options = _land(planner, origin, destination)
    assert _first_rail(options[0]) in railheads


def test_ulaanbaatar_only_by_erenhot_with_a_truck(planner):
    options = _land(planner, "Taiyuan", "Ulaanbaatar")
    assert options
    assert all(o.exit_port is not None and o.exit_port.id == "erenhot" for o in options)
    trucks = [o for o in options if all(leg.mode is Mode.ROAD for leg in o.legs)]
    assert trucks, "no cross-border truck (TIR) to Ulaanbaatar offered"
    assert "zamyn_uud" in _nodes(trucks[0])


@pytest.mark.parametrize("destination", ["Almaty", "Bishkek", "Tashkent", "Andijan", "Tehran"])
def test_no_siberian_train_to_central_asia(planner, destination):
    options = _land(planner, "Taiyuan", destination)
    assert options
    for option in options:
        assert option.exit_port is None or option.exit_port.id not in SIBERIAN
        assert not _nodes(option) & {"zamyn_uud", "zabaykalsk"}


def test_andijan_by_kashgar(planner):
    options = _land(planner, "Jinzhong", "Andijan")
    assert any({"kashgar", "irkeshtam"} <= _nodes(o) for o in options)


@pytest.mark.parametrize(
    ("origin", "destination"), [("Datong", "Hamburg"), ("Xing County", "Rotterdam")]
)
def test_long_truck_before_the_main_haul_says_why(planner, origin, destination):
    limit = planner.params["road.pre_carriage_note_km"]
    for option in planner.plan(Query(origin, destination)):
        first = trucked_first_km(option.legs)
        if first is None:  # a road haul
            continue
        codes = {note.code for note in option.notes}
        if first > limit:
            assert codes & {"trucked_to_service", "trucked_to_haul"}, option.label
            text = [render(n, "zh") for n in option.notes if n.code.startswith("trucked")]
            assert "公里" in text[0]
        else:
            assert not codes & {"trucked_to_service", "trucked_to_haul"}


def test_fit_table_rule(real_network):
    fit = load_crossing_fit(real_network.data_dir)
    crossings = frozenset({"erenhot", "manzhouli", "horgos", "alashankou"})
    assert fit.shut("KZ", crossings) == {"erenhot", "manzhouli"}
    assert fit.shut("MN", crossings) == {"manzhouli", "horgos", "alashankou"}
    assert fit.shut("DE", crossings) == frozenset()
    assert CrossingFit().shut("KZ", crossings) == frozenset()
