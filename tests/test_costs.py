"""Leg costs: container, chargeable-weight and truck arithmetic by hand; time, cost, CO2e."""

from __future__ import annotations

import dataclasses
import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridors import Mode
from planner.model.cargo import load_cargo_classes
from planner.model.params import load_parameters
from planner.model.records import Leg, Shipment
from planner.model.units import chargeable_kg, container_mix, shipment_units, truck_count
from planner.network.costs import expected_wait_hours, leg_cost
from planner.network.countries import crossing_dwell_hours, electric_share, ferry_wait_hours
from planner.network.emissions import co2e_intensity, emission_method

P = load_parameters()
CARGO = load_cargo_classes()
TEU_T, FEU_T = P["container.teu_payload_t"], P["container.feu_payload_t"]
TEU_M3 = P["container.teu_volume_m3"] * P["container.fill_factor"]
FEU_M3 = P["container.feu_volume_m3"] * P["container.fill_factor"]
RATIO = P["container.teu_cost_ratio"]


def test_params_used_by_the_hand_checks():
    # the hand-worked numbers below rely on these shipped values
    assert (TEU_T, FEU_T, RATIO) == (28.2, 26.7, 0.6)
    assert TEU_M3 == pytest.approx(28.22) and FEU_M3 == pytest.approx(57.545)


@pytest.mark.parametrize(
    ("weight_t", "volume_m3", "expected"),
    [
        (10, 20, (1, 0)),  # one TEU holds it (0.6 FEU-equivalents)
        (10, 30, (0, 1)),  # 30 m3 > 28.2 m3 usable in a TEU: one FEU (1.0) beats two TEU (1.2)
        (27, 10, (1, 0)),  # 27 t > 26.7 t FEU payload, fits a TEU's 28.2 t
        (60, 20, (3, 0)),  # heavy: 3 TEU (84.6 t) at 1.8 beat 2 FEU + 1 TEU (2.6)
        (5, 120, (1, 2)),  # bulky: 2 FEU (115 m3) + 1 TEU at 2.6 beat 3 FEU
        (0.001, 0.001, (1, 0)),  # anything takes at least one box
    ],
)
def test_container_mix_by_hand(weight_t, volume_m3, expected):
    assert container_mix(weight_t, volume_m3, P) == expected


def _brute_force_mix(weight_t: float, volume_m3: float) -> float:
    best = math.inf
    for n_feu, n_teu in itertools.product(range(60), range(60)):
        fits = n_teu * TEU_T + n_feu * FEU_T >= weight_t - 1e-9 and (
            n_teu * TEU_M3 + n_feu * FEU_M3 >= volume_m3 - 1e-9
        )
        if fits and n_feu + n_teu > 0:
            best = min(best, n_feu + RATIO * n_teu)
    return best


@settings(max_examples=60, deadline=None)
@given(st.floats(0.01, 600), st.floats(0.01, 1500))
def test_container_mix_is_the_cheapest(weight_t, volume_m3):
    # small shipments are searched exhaustively, large ones near the cost's breakpoints:
    # both must match brute force
    teu, feu = container_mix(weight_t, volume_m3, P)
    assert teu * TEU_T + feu * FEU_T >= weight_t - 1e-6
    assert teu * TEU_M3 + feu * FEU_M3 >= volume_m3 - 1e-6
    assert feu + RATIO * teu == pytest.approx(_brute_force_mix(weight_t, volume_m3))


@pytest.mark.parametrize(
    ("weight_t", "volume_m3"),
    [(300, 10), (10, 1400), (600, 1200), (420.5, 800.25), (26.7 * 20, 57.545 * 20)],
)
def test_container_mix_of_large_shipments_matches_brute_force(weight_t, volume_m3):
    teu, feu = container_mix(weight_t, volume_m3, P)
    assert feu + RATIO * teu == pytest.approx(_brute_force_mix(weight_t, volume_m3))


def test_container_mix_of_huge_shipments_is_fast_and_sound():
    teu, feu = container_mix(1e6, 1e6, P)
    assert teu * TEU_T + feu * FEU_T >= 1e6 and teu * TEU_M3 + feu * FEU_M3 >= 1e6


@pytest.mark.parametrize(
    ("weight_t", "volume_m3", "expected_kg"),
    [
        (1.0, 3.0, 1000.0),  # dense: actual weight 1,000 kg > 3 m3 x 167 = 501 kg
        (1.0, 10.0, 1670.0),  # light: volumetric 10 x 167 = 1,670 kg
        (0.5, 3.0, 501.0),
    ],
)
def test_chargeable_weight_by_hand(weight_t, volume_m3, expected_kg):
    assert chargeable_kg(weight_t, volume_m3, P) == pytest.approx(expected_kg)


@pytest.mark.parametrize(
    ("weight_t", "volume_m3", "trucks"),
    [(10, 30, 1), (30, 80, 1), (30.5, 10, 2), (60, 10, 2), (5, 170, 3), (0.1, 0.1, 1)],
)
def test_truck_count_by_hand(weight_t, volume_m3, trucks):
    # 30 t and 80 m3 a truck
    assert truck_count(weight_t, volume_m3, P) == trucks


def test_rail_leg_by_hand():
    shipment = Shipment("general", 18, 40)  # one FEU
    leg = leg_cost(Mode.RAIL, 1000, shipment, corridor_kind="land", params=P)
    wait = 168 / (2 * P["freq.land_per_week"])
    assert leg.hours == pytest.approx(1000 / P["rail.speed_kph"] + wait)
    assert leg.cost_usd == pytest.approx(1000 * P["rail.feu_usd_per_km"])
    share = P["rail.electric_share"]  # no countries given: the default share
    intensity = (
        share * P["rail.co2e_g_per_tkm_electric"] + (1 - share) * P["rail.co2e_g_per_tkm_diesel"]
    )
    assert leg.co2e_kg == pytest.approx(18 * 1000 * intensity / 1000)


def test_rail_co2e_follows_the_electric_share_of_each_country():
    shipment = Shipment("general", 18, 40)
    electric, diesel = P["rail.co2e_g_per_tkm_electric"], P["rail.co2e_g_per_tkm_diesel"]
    # Mongolia's Trans-Mongolian is diesel: the diesel intensity, whatever the default says
    mongolia = leg_cost(Mode.RAIL, 1000, shipment, countries=("MN", "MN"), params=P)
    assert P["rail.electric_share.MN"] == 0
    assert mongolia.co2e_kg == pytest.approx(18 * 1000 * diesel / 1000)
    # a country without a row takes the default; a crossing link the mean of its two ends
    assert "rail.electric_share.UZ" not in P
    uzbekistan = leg_cost(Mode.RAIL, 1000, shipment, countries=("UZ", "UZ"), params=P)
    assert uzbekistan.co2e_kg == pytest.approx(
        leg_cost(Mode.RAIL, 1000, shipment, params=P).co2e_kg
    )
    share = (P["rail.electric_share.CN"] + P["rail.electric_share.MN"]) / 2
    border = leg_cost(Mode.RAIL, 10, shipment, countries=("CN", "MN"), params=P)
    assert border.co2e_kg == pytest.approx(
        18 * 10 * (share * electric + (1 - share) * diesel) / 1000
    )
    assert electric_share("MN", P) == 0 and electric_share("UZ", P) == P["rail.electric_share"]


def test_border_crossing_and_gauge_change_cost_time_and_money():
    shipment = Shipment("general", 50, 40)  # two TEU
    plain = leg_cost(Mode.RAIL, 10, shipment, departing=False, params=P)
    crossing = leg_cost(
        Mode.RAIL, 10, shipment, departing=False, crossing=True, gauge_change=True, params=P
    )
    assert crossing.hours - plain.hours == pytest.approx(
        P["border.dwell_hours"] + P["gauge_change.hours"]
    )
    assert crossing.cost_usd - plain.cost_usd == pytest.approx(
        2 * (P["border.usd_per_box"] + P["gauge_change.usd_per_box"])
    )


def test_a_crossing_with_a_published_dwell_takes_it_instead_of_the_defaults():
    shipment = Shipment("general", 18, 40)
    plain = leg_cost(Mode.RAIL, 10, shipment, departing=False, params=P)

    def crossing(countries: tuple[str, str]) -> float:
        return (
            leg_cost(
                Mode.RAIL,
                10,
                shipment,
                departing=False,
                crossing=True,
                gauge_change=True,
                countries=countries,
                params=P,
            ).hours
            - plain.hours
        )

    # Erenhot–Zamyn-Üüd: the published typical dwell, transloading included, either way round
    assert crossing(("CN", "MN")) == pytest.approx(P["border.rail.CN-MN.typical_hours"])
    assert crossing(("MN", "CN")) == crossing(("CN", "MN"))
    assert crossing_dwell_hours("PL", "BY", P) == P["border.rail.BY-PL.typical_hours"]
    # Manzhouli–Zabaykalsk has no published figure: the defaults apply
    assert crossing_dwell_hours("CN", "RU", P) is None
    assert crossing(("CN", "RU")) == pytest.approx(
        P["border.dwell_hours"] + P["gauge_change.hours"]
    )
    # the table keeps the published range beside the typical value
    assert (
        P["border.rail.CN-KZ.min_hours"]
        <= P["border.rail.CN-KZ.typical_hours"]
        <= P["border.rail.CN-KZ.max_hours"]
    )


def test_a_ferry_without_a_timetable_waits_its_published_typical_wait():
    shipment = Shipment("general", 18, 40)
    caspian = leg_cost(Mode.SEA, 0, shipment, countries=("KZ", "AZ"), params=P)
    assert caspian.hours == pytest.approx(P["ferry.AZ-KZ.typical_wait_hours"])
    assert ferry_wait_hours("AZ", "KZ", P) == P["ferry.AZ-KZ.typical_wait_hours"]
    ocean = leg_cost(Mode.SEA, 0, shipment, countries=("CN", "NL"), params=P)
    assert ocean.hours == pytest.approx(expected_wait_hours(Mode.SEA, "sea", P))


def test_rail_sea_trains_have_their_own_rate_and_frequency():
    shipment = Shipment("general", 18, 40)
    land = leg_cost(Mode.RAIL, 500, shipment, corridor_kind="land", params=P)
    railsea = leg_cost(Mode.RAIL, 500, shipment, corridor_kind="rail_sea", params=P)
    assert railsea.cost_usd == pytest.approx(500 * P["rail.railsea_feu_usd_per_km"])
    assert land.hours - railsea.hours == pytest.approx(
        expected_wait_hours(Mode.RAIL, "land", P) - expected_wait_hours(Mode.RAIL, "rail_sea", P)
    )


def test_air_leg_by_hand():
    shipment = Shipment("electronics", 2, 20)  # chargeable 20 x 167 = 3,340 kg
    leg = leg_cost(Mode.AIR, 8000, shipment, board=True, params=P)
    kg = 3340.0
    expected = kg * (P["air.usd_per_kg"] + 8000 * P["air.usd_per_kg_km"])
    expected += kg * P["handling.air.usd_per_kg"]
    assert leg.cost_usd == pytest.approx(expected)
    # CO2e on actual tonnes, long-haul intensity
    assert leg.co2e_kg == pytest.approx(2 * 8000 * P["air.co2e_g_per_tkm_long_haul"] / 1000)
    short = leg_cost(Mode.AIR, 500, shipment, params=P)
    assert short.co2e_kg == pytest.approx(2 * 500 * P["air.co2e_g_per_tkm_short_haul"] / 1000)


def test_road_and_class_surcharges():
    general = leg_cost(Mode.ROAD, 100, Shipment("general", 40, 50), params=P)
    assert general.cost_usd == pytest.approx(2 * 100 * P["road.truck_usd_per_km"])  # 2 trucks
    reefer = leg_cost(Mode.ROAD, 100, Shipment("perishable", 40, 50), params=P)
    assert reefer.cost_usd == pytest.approx(general.cost_usd * CARGO["perishable"].equipment_factor)
    dangerous = leg_cost(Mode.SEA, 100, Shipment("dangerous", 10, 20), params=P)
    assert dangerous.cost_usd == pytest.approx(
        0.6 * 100 * P["sea.feu_usd_per_km"] * CARGO["dangerous"].surcharge_factor
    )


def test_bulk_is_priced_per_tonne_on_rail_and_sea():
    bulk = Shipment("bulk", 200, 250)
    rail = leg_cost(Mode.RAIL, 1000, bulk, board=True, params=P)
    assert rail.cost_usd == pytest.approx(
        200 * (1000 * P["rail.bulk_usd_per_tkm"] + P["handling.bulk.usd_per_t"])
    )
    sea = leg_cost(Mode.SEA, 10000, bulk, params=P)
    assert sea.cost_usd == pytest.approx(200 * 10000 * P["sea.bulk_usd_per_tkm"])
    assert sea.co2e_kg == pytest.approx(200 * 10000 * P["sea.bulk_co2e_g_per_tkm"] / 1000)


def test_forbidden_modes_come_from_the_table():
    assert set(CARGO["dangerous"].forbidden_reasons()) == {Mode.AIR}
    assert set(CARGO["bulk"].forbidden_reasons()) == {Mode.AIR}
    assert CARGO["general"].forbidden_reasons() == {}
    assert "IATA" in CARGO["dangerous"].forbidden_reasons()[Mode.AIR]  # the table's reason
    lenient = dataclasses.replace(CARGO["dangerous"], modes_forbidden=frozenset())
    assert lenient.forbidden_reasons() == {}


def test_expected_wait_is_half_the_headway():
    assert expected_wait_hours(Mode.SEA, "sea", P) == pytest.approx(
        168 / (2 * P["freq.sea_per_week"])
    )
    assert expected_wait_hours(Mode.ROAD, "road", P) == P["road.dispatch_hours"]


def test_shipment_units():
    units = shipment_units(Shipment("general", 5, 120), P)
    assert (units.teu, units.feu, units.boxes) == (1, 2, 3)
    assert units.feu_equiv == pytest.approx(2 + RATIO)
    assert units.chargeable_kg == pytest.approx(120 * 167)
    assert units.trucks == 2


@pytest.mark.parametrize(
    ("mode", "km", "cargo"),
    [
        (Mode.SEA, 10000, "general"),
        (Mode.SEA, 10000, "bulk"),
        (Mode.AIR, 500, "general"),
        (Mode.AIR, 8000, "general"),
        (Mode.ROAD, 300, "perishable"),
    ],
)
def test_leg_co2e_and_the_method_shown_read_one_intensity(mode, km, cargo):
    spec = CARGO[cargo]
    found = co2e_intensity(mode, km, spec, P)
    leg = leg_cost(mode, km, Shipment(cargo, 20, 30), params=P)
    assert leg.co2e_kg == pytest.approx(20 * km * found.g_per_tkm / 1000)
    priced = Leg("a", "b", mode, "", km, leg.hours, leg.cost_usd, leg.co2e_kg)
    method = emission_method([priced], 20, spec, P)
    assert [row.key for _, row in method.factors] == list(found.keys)
    assert method.leg_factors[0] == pytest.approx(found.g_per_tkm)


def test_rail_intensity_mixes_electric_and_diesel_by_share():
    found = co2e_intensity(Mode.RAIL, 1000, CARGO["general"], P, electric_share=0.25)
    electric, diesel = P["rail.co2e_g_per_tkm_electric"], P["rail.co2e_g_per_tkm_diesel"]
    assert found.g_per_tkm == pytest.approx(0.25 * electric + 0.75 * diesel)
    assert found.keys == ("rail.co2e_g_per_tkm_electric", "rail.co2e_g_per_tkm_diesel")


def test_a_sea_link_to_the_americas_pays_their_rate() -> None:
    """An edge built from outside the Americas to a port of them (``to_americas``) pays
    ``sea.americas_feu_usd_per_km``; any other sea link the Asia–Europe rate."""
    from planner.network.costs import edge_costs

    table = {"kind": ["link", "link"], "mode": ["sea", "sea"], "distance_km": [1000.0, 1000.0],
             "corridor_kind": ["sea", "sea"], "departing": [False, False],
             "crossing": [False, False], "gauge_change": [False, False],
             "to_americas": [True, False]}  # fmt: skip
    feu = edge_costs(table, CARGO["general"], P).cost[:, 0]
    assert feu.tolist() == pytest.approx(
        [1000 * P["sea.americas_feu_usd_per_km"], 1000 * P["sea.feu_usd_per_km"]]
    )
