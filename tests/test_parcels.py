"""Parcels priced as parcels are: the postal / e-commerce tariff per kg of the parameter table
(planner/model/parcel_tariff.py), the whole way through the Taiyuan mail exchange
(planner/core/parcels.py)."""

from __future__ import annotations

import pytest

from planner.core.planner import Planner
from planner.model.params import load_parameters
from planner.model.parcel_tariff import ParcelTariff
from planner.model.query import Query
from planner.text.messages import render


@pytest.fixture(scope="module")
def planner(real_network) -> Planner:
    return Planner(real_network)


@pytest.fixture(scope="module")
def tariff() -> ParcelTariff:
    found = ParcelTariff.of("parcel", load_parameters())
    assert found is not None
    return found


def test_every_tariff_row_is_sourced_and_dated():
    params = load_parameters()
    for field in ("first_kg_cny", "extra_kg_cny", "max_kg", "days_min", "days_max"):
        row = params.row(f"tariff.parcel.{field}")
        assert row.source.strip() and row.as_of.strip() and row.value > 0, row.key


def test_only_a_class_with_a_tariff_is_priced_as_parcels():
    assert ParcelTariff.of("fruit", load_parameters()) is None


def test_first_kg_then_each_extra_kg_or_part_of_one(tariff):
    first, extra = tariff.first_kg_cny, tariff.extra_kg_cny
    assert tariff.charge_cny(0.3) == first
    assert tariff.charge_cny(1.0) == first
    assert tariff.charge_cny(1.2) == first + extra
    assert tariff.charge_cny(2.0) == first + extra


def test_heavier_than_a_piece_goes_as_several_parcels():
    params = load_parameters().replace(**{"tariff.parcel.max_kg": 2})
    tariff = ParcelTariff.of("parcel", params)
    assert tariff.pieces(2.0) == 1 and tariff.pieces(5.0) == 3
    # two full parcels of 2 kg and one of 1 kg
    assert tariff.charge_cny(5.0) == pytest.approx(
        2 * (tariff.first_kg_cny + tariff.extra_kg_cny) + tariff.first_kg_cny
    )


def test_a_2_kg_parcel_from_taiyuan_to_los_angeles_is_priced_by_the_tariff(planner, tariff):
    query = Query("Taiyuan", "Los Angeles", cargo="parcel", weight_t=0.002, volume_m3=0.005)
    options = planner.plan(query)
    assert options
    cny = tariff.first_kg_cny + tariff.extra_kg_cny  # the first kg and one extra kg
    for option in options:
        assert option.inspection_site.id == "taiyuan_mail_exchange"
        assert option.cost_cny == pytest.approx(cny)
        assert option.cost_usd == pytest.approx(sum(leg.cost_usd for leg in option.legs))
        # timed by the published postal days, the legs adding up to them
        assert option.transit_days == pytest.approx(tariff.days)
        assert (option.transit_days_min, option.transit_days_max) == (
            tariff.days_min, tariff.days_max
        )
        said = [n for n in option.notes if n.code == "priced_as_parcels"]
        assert said and "90" in render(said[0], "en") and "首重" in render(said[0], "zh")
        # the air-rate estimates no longer price it, so they are not said
        assert not any(n.code == "estimated_rates" for n in option.notes)


def test_air_freight_would_have_cost_otherwise(planner, tariff):
    # the same 2 kg as general cargo: priced by air-freight rates, not by the tariff
    plain = planner.plan(Query("Taiyuan", "Los Angeles", weight_t=0.002, volume_m3=0.005))
    assert all(o.cost_cny != pytest.approx(tariff.first_kg_cny + tariff.extra_kg_cny)
               for o in plain)
