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


def test_a_sellers_order_list_of_parcels_is_one_plan_per_group_each_row_priced(
    planner, tariff, monkeypatch
):
    """A batch of many small parcels (kg-size tonnes): rows of one origin, destination and
    class ride one plan, searched once (not once per row); every row comes back, in order,
    priced by the tariff for its own kg, its CO2e its own weight's, as `route` answers it."""
    from planner.io.batch import plan_batch
    from planner.model.units import chargeable_kg

    searched: list[float] = []
    search = Planner._plan

    def counted(self, query, method):
        searched.append(query.weight_t)
        return search(self, query, method)

    monkeypatch.setattr(Planner, "_plan", counted)
    ends = [("Taiyuan", "Los Angeles"), ("Pingyao", "Berlin"), ("Los Angeles", "Taiyuan")]
    rows = [
        {"shipment_id": f"P{i}", "origin": ends[i % 3][0], "destination": ends[i % 3][1],
         "cargo": "parcel", "weight_t": 0.0003 + 0.0001 * i, "volume_m3": 0.001}
        for i in range(60)
    ]
    out = plan_batch(rows, planner=planner, workers=1)
    assert list(out["shipment_id"]) == [r["shipment_id"] for r in rows]
    assert (out["status"] == "ok").all(), out["error"].tolist()
    # a few searches for the three groups' parts, all for the one parcel of the dispatch
    assert len(searched) <= 4 * len(ends), len(searched)
    assert set(searched) <= {tariff.max_kg / 1000}
    params = planner.params
    for i, row in out.iterrows():
        kg = float(chargeable_kg(rows[i]["weight_t"], rows[i]["volume_m3"], params))
        assert row["cost_cny"] == pytest.approx(tariff.charge_cny(kg), abs=0.01)
        same = out[out["origin"] == row["origin"]]
        assert same["label"].nunique() == 1  # one plan for the group
    for i in (0, 1, 2, 59):  # as `route` answers the row
        query = Query(rows[i]["origin"], rows[i]["destination"], cargo="parcel",
                      weight_t=rows[i]["weight_t"], volume_m3=rows[i]["volume_m3"])
        best = planner.plan(query)[0]
        assert out.loc[i, "label"] == best.label
        assert out.loc[i, "co2e_kg"] == pytest.approx(round(best.co2e_kg, 1), abs=0.11)
    # CO2e follows each row's weight along the group's one route
    first = out[out["origin"] == "Taiyuan"]
    ratio = first["co2e_kg"] / [rows[i]["weight_t"] for i in first.index]
    assert ratio.max() == pytest.approx(ratio.min(), rel=0.1)


def test_a_parcel_shipment_rides_the_way_planned_for_one_parcel(planner, tariff):
    """A heavy shipment of parcels takes the way of one parcel: the same route, the CO2e
    scaled by weight, the tariff for its pieces."""
    one = planner.plan(Query("Taiyuan", "Berlin", cargo="parcel", weight_t=0.002,
                             volume_m3=0.001))[0]
    many = planner.plan(Query("Taiyuan", "Berlin", cargo="parcel", weight_t=0.5,
                              volume_m3=0.25))[0]
    assert [leg.to_id for leg in many.legs] == [leg.to_id for leg in one.legs]
    assert many.co2e_kg == pytest.approx(one.co2e_kg * 250)
    assert many.cost_cny == pytest.approx(tariff.charge_cny(500))
