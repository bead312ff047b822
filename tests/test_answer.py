"""planner.answer and planner.emissions: what holds for every option is said once, naming the
parameters and their sources; every option states its CO2e method and factors (issue 9)."""

from __future__ import annotations

import json
import math
import re

import pytest

from corridors import Mode
from planner import Planner, Query, Shipment, plan
from planner.model.params import load_parameters
from planner.model.records import Leg, RouteOption
from planner.network.emissions import FRAMEWORK, SCOPE, STANDARD
from planner.search.answer import ESTIMATE_CODES, answer_of
from planner.text.message import Message
from planner.text.messages import render


def text(value: str) -> Message:
    """A message that reads the same in every language (a made-up title or note)."""
    return Message.of("text", text=value)


def _option(rank: int, *notes: Message) -> RouteOption:
    leg = Leg("a", "b", Mode.RAIL, "c", 100.0, 10.0, 100.0, 1.0)
    return RouteOption(
        (leg,), None, None, 7.0, title=text(f"option {rank}"), rank=rank, notes=notes
    )


def _estimate(mode: str, *keys: str) -> Message:
    params = load_parameters()
    return Message.of("estimated_rates", mode=mode, params=tuple(params.row(k) for k in keys))


def test_a_note_every_option_carries_is_said_once_the_others_stay() -> None:
    shared, own = text("shared caveat"), text("only the first")
    answer = answer_of([_option(1, shared, own), _option(2, shared)])
    assert answer.notes == (shared,)
    assert [o.notes for o in answer.options] == [(own,), ()]
    assert [o.rank for o in answer.options] == [1, 2]


def test_estimates_are_said_for_the_answer_merged_by_mode() -> None:
    first = _option(1, _estimate("rail", "rail.feu_usd_per_km", "rail.speed_kph"))
    second = _option(
        2, _estimate("rail", "rail.feu_usd_per_km"), _estimate("air", "air.usd_per_kg")
    )
    answer = answer_of([first, second])
    assert all(o.notes == () for o in answer.options)
    by_mode = {n.params["mode"]: [r.key for r in n.params["params"]] for n in answer.notes}
    assert by_mode == {"air": ["air.usd_per_kg"], "rail": ["rail.feu_usd_per_km", "rail.speed_kph"]}
    assert [r.key for r in answer.parameters] == [
        "air.usd_per_kg",
        "rail.feu_usd_per_km",
        "rail.speed_kph",
    ]


def test_no_options_no_notes() -> None:
    assert answer_of([]).notes == () and answer_of([]).options == ()


@pytest.fixture(scope="module")
def moscow(real_network):
    return plan("taiyuan", "moscow", Shipment("general", 18, 60), network=real_network)


def test_a_real_answer_says_its_caveats_once(moscow) -> None:
    answer = answer_of(moscow)
    lifted = set(answer.notes)
    for before, after in zip(moscow, answer.options, strict=True):
        assert not lifted & set(after.notes), "a note said for the answer is not repeated"
        assert not any(n.code in ESTIMATE_CODES for n in after.notes)
        # that no service is known is said once for the answer, naming the options
        assert not any(n.code == "no_service" for n in after.notes)
        kept = [n for n in before.notes if n.code not in ESTIMATE_CODES | {"no_service"}]
        assert [n for n in kept if n not in lifted] == list(after.notes)
    for note in (n for o in answer.options for n in o.notes):  # what stays differs
        assert not all(note in o.notes for o in answer.options), render(note)
    # rail, road and air options: the estimates of each mode, once, named with key and reason
    modes = {n.params["mode"] for n in answer.notes if n.code == "estimated_parameters"}
    assert {"rail", "road", "air"} <= modes
    params = load_parameters()
    for note in answer.notes:
        english = render(note, "en")
        assert "parameters.csv" not in english and "see geodata" not in english
        for row in note.params.get("params", ()):
            assert row.key in english and row.as_of in english
            assert params.row(row.key).is_estimate
        zh = render(note, "zh")
        assert re.search(r"[\u4e00-\u9fff]", zh) and "parameters.csv" not in zh


def test_every_option_states_its_co2e_method_and_factors(moscow) -> None:
    params = load_parameters()
    for option in moscow:
        method = option.co2e_method
        assert method is not None
        data = option.to_dict()["co2e_method"]
        assert (data["framework"], data["standard"], data["scope"]) == (FRAMEWORK, STANDARD, SCOPE)
        assert FRAMEWORK == "GLEC Framework v3" and STANDARD == "ISO 14083"
        for factor in data["factors"]:
            row = params.row(factor["key"])
            assert factor["g_co2e_per_tkm"] == row.value and factor["source"] == row.source
            assert factor["key"].startswith(f"{factor['mode']}.")
        electric, diesel = (
            params["rail.co2e_g_per_tkm_electric"],
            params["rail.co2e_g_per_tkm_diesel"],
        )
        for leg, shown in zip(option.legs, option.to_dict()["legs"], strict=True):
            factor = shown["co2e_g_per_tkm"]
            if leg.wait:  # a wait for a departure: no distance, no CO2e
                assert factor is None and leg.co2e_kg == 0 and leg.distance_km == 0
                continue
            # the factor times tonne-km gives the leg's CO2e
            assert math.isclose(factor * 18 * leg.distance_km / 1000, leg.co2e_kg, rel_tol=0.01)
            if leg.mode is Mode.RAIL:
                assert electric - 0.05 <= factor <= diesel + 0.05
            elif leg.mode is Mode.ROAD:
                assert factor == params["road.co2e_g_per_tkm"]
        summary = render(method.summary(), "en")
        assert "GLEC Framework v3" in summary and "well-to-wheel" in summary
        assert "GLEC" in render(method.summary(), "zh") and "克 CO2e" in render(
            method.summary(), "zh"
        )


def test_json_of_an_answer_keeps_every_option_key_and_adds_the_notes(moscow) -> None:
    data = json.loads(json.dumps(answer_of(moscow).to_dict("en"), allow_nan=False))
    assert set(data) == {"notes", "parameters", "options"}
    assert data["notes"] and all(isinstance(n, str) for n in data["notes"])
    assert {"key", "value", "unit", "source", "as_of", "estimate"} <= set(data["parameters"][0])
    for option, original in zip(data["options"], moscow, strict=True):
        assert set(original.to_dict()) == set(option)  # the contract's keys, all kept
        assert len(option["warnings"]) <= len(original.notes)


def test_a_rail_sea_option_names_the_rail_sea_rate(real_network) -> None:
    planner = Planner(real_network)
    options = planner.plan(Query("taiyuan", "rotterdam", modes=("rail", "road", "sea")))
    sea = next(o for o in options if o.haul is not None and o.haul.value == "sea")
    rail = next(n for n in sea.notes if n.code == "estimated_rates" and n.params["mode"] == "rail")
    keys = [r.key for r in rail.params["params"]]
    assert "rail.railsea_feu_usd_per_km" in keys and "rail.feu_usd_per_km" not in keys


def test_an_option_names_its_estimates_briefly_the_answer_in_full(moscow) -> None:
    """A table's cell (CSV, batch) holds an option's notes: there the estimates are named with
    their values; the answer adds each one's key, date and reason."""
    for option in moscow:
        for note in (n for n in option.notes if n.code == "estimated_rates"):
            english, rows = render(note, "en"), note.params["params"]
            assert all(f"{r.value:g} {r.unit}" in english for r in rows)
            assert not any(r.key in english for r in rows) and len(english) < 60 * len(rows)
    full = [render(n, "en") for n in answer_of(moscow).notes if n.code == "estimated_parameters"]
    assert full and all("(" in text and ":" in text for text in full)
