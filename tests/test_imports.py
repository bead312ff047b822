"""Imports through Shanxi's designated sites, ore through the ports that serve Shanxi, and
parcels through the Taiyuan mail exchange (planner/core/imports.py, import_sites.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from corridors import Mode
from planner.core.imports import direction_of
from planner.core.planner import Planner
from planner.model.import_sites import ImportSitesError, load_import_sites
from planner.model.query import Query
from planner.model.records import Haul
from planner.text.messages import render

GEODATA = Path(__file__).resolve().parents[1] / "geodata"


@pytest.fixture(scope="module")
def planner(real_network) -> Planner:
    return Planner(real_network)


def _site(option) -> str | None:
    return None if option.inspection_site is None else option.inspection_site.id


def _stops(option) -> list[str]:
    return [option.legs[0].from_id, *(leg.to_id for leg in option.legs)]


def test_fruit_from_santiago_clears_at_wusu(planner):
    options = planner.plan(Query("Santiago", "Taiyuan", cargo="fruit"))
    assert options and all(_site(o) == "wusu_inspection_fruit" for o in options)
    assert options[0].to_dict()["inspection_site"]["name_zh"].startswith("太原武宿")
    assert options[0].legs[-1].to_id == "taiyuan"


def test_fruit_from_santiago_by_sea_with_a_truck_or_the_rail_sea_train_inland_and_by_air(
    planner,
):
    """A forwarder offers cherries from Santiago by sea to a port and on by truck or by the
    rail–sea train to Wusu, and by air: all of them, not the Tianjin truck alone."""
    options = planner.plan(Query("Santiago", "Taiyuan", cargo="fruit", weight_t=10,
                                 volume_m3=30))
    assert all(_site(o) == "wusu_inspection_fruit" for o in options)
    by_sea = [o for o in options if o.haul is Haul.SEA]
    by_rail_inland = [o for o in by_sea if any(leg.mode is Mode.RAIL for leg in o.legs)]
    assert by_rail_inland and len(by_rail_inland) < len(by_sea)  # rail inland, and trucks
    for option in by_rail_inland:  # the rail–sea train, after the sailing, never a land train
        modes = [leg.mode for leg in option.legs if leg.mode is not Mode.ROAD]
        assert modes.index(Mode.RAIL) > modes.index(Mode.SEA)
        for leg in option.legs:
            if leg.mode is Mode.RAIL and leg.link_id is not None:
                assert leg.corridor.startswith("railsea_"), leg
        assert "→" in option.label  # 'Sea–rail via Valparaíso → Rizhao': its port of entry
    by_air = [o for o in options if o.haul is Haul.AIR]
    assert by_air and by_air[0].legs[1].from_id == "scl_airport"
    assert by_air[0].transit_days < 7  # within days, not the sailing's weeks


def test_parcel_from_los_angeles_lands_at_the_mail_exchange_with_no_loop(planner):
    """Parcels arrive by air at Taiyuan, where the mail exchange is, and go on to the town:
    no landing at Zhengzhou, a truck to Taiyuan, out to the airport and back."""
    options = planner.plan(Query("Los Angeles", "Taiyuan", cargo="parcel", weight_t=0.002,
                                 volume_m3=0.01))
    assert options and all(_site(o) == "taiyuan_mail_exchange" for o in options)
    for option in options:
        main = [leg for leg in option.legs if leg.mode is not Mode.ROAD]
        assert main[-1].mode is Mode.AIR and main[-1].to_id == "tyn_airport", option.label
        stops = [s for i, s in enumerate(_stops(option)) if i == 0 or s != _stops(option)[i - 1]]
        assert len(stops) == len(set(stops)), stops  # no place passed twice


def test_the_beijing_taiyuan_air_link_says_why_it_is_an_estimate(real_network):
    """No published schedule names the Beijing Capital–Taiyuan flight the hubs' cargo would
    fly on: the link says it is an estimate and why."""
    links = real_network.links
    link = links[(links["from"] == "pek_airport") & (links["to"] == "tyn_airport")].iloc[0]
    assert "estimate:" in link["source"] and "not named" in link["source"]


@pytest.mark.parametrize("destination", ["Datong", "Taiyuan"])
def test_meat_from_montevideo_clears_at_datong(planner, destination):
    options = planner.plan(Query("Montevideo", destination, cargo="meat"))
    assert options and all(_site(o) == "datong_inspection_meat" for o in options)
    for option in options:
        assert "datong_land_port" in _stops(option)  # through the site, then on
        assert option.legs[-1].to_id == destination.lower()
        # legs sum to the totals, the CO2e method covers every leg
        assert option.transit_days == pytest.approx(sum(leg.hours for leg in option.legs) / 24)
        assert len(option.co2e_method.leg_factors) == len(option.legs)


def test_chilled_seafood_from_bergen_flies_into_tyn(planner):
    options = planner.plan(Query("Bergen", "Taiyuan", cargo="chilled_seafood"))
    assert options and all(_site(o) == "wusu_inspection_chilled_seafood" for o in options)
    for option in options:
        into_tyn = [leg for leg in option.legs if leg.to_id == "tyn_airport"]
        assert into_tyn and into_tyn[0].mode is Mode.AIR


def test_ore_from_port_hedland_by_sea_and_rail_through_a_port_serving_shanxi(planner):
    options = planner.plan(Query("Port Hedland", "Taiyuan", cargo="ore", weight_t=3000))
    assert options
    for option in options:
        modes = {leg.mode for leg in option.legs}
        assert {Mode.SEA, Mode.RAIL} <= modes
        assert option.entry_port.id in {"rizhao_port", "tianjin_port"}
        assert option.inspection_site is None  # a gateway, not a designated site
    assert any("lands_at" == n.code for n in options[0].notes)


def test_parcel_from_taiyuan_goes_through_the_mail_exchange(planner):
    options = planner.plan(Query("Taiyuan", "Los Angeles", cargo="parcel", weight_t=0.5,
                                 volume_m3=2))
    assert options and all(_site(o) == "taiyuan_mail_exchange" for o in options)
    for option in options:
        assert "tyn_airport" in _stops(option)
        first_air = next(leg for leg in option.legs if leg.mode is Mode.AIR)
        assert first_air.from_id == "tyn_airport"


def test_closing_datong_leaves_meat_with_the_stated_alternative(planner):
    query = Query("Montevideo", "Taiyuan", cargo="meat", closures=("datong_inspection_meat",))
    options = planner.plan(query)
    assert options and all(_site(o) == "tianjin_port_meat" for o in options)
    said = [n for n in options[0].notes if n.code == "clears_outside_closed"]
    assert said, options[0].notes
    assert "Datong" in render(said[0], "en") and "Tianjin" in render(said[0], "en")
    assert "天津港" in render(said[0], "zh")


def test_general_cargo_and_exports_of_other_classes_are_planned_as_before(planner):
    plain = planner.plan(Query("Santiago", "Taiyuan", cargo="perishable"))
    assert all(o.inspection_site is None for o in plain)
    assert "inspection_site" not in plain[0].to_dict()
    fruit_out = planner.plan(Query("Taiyuan", "Moscow", cargo="fruit"))
    assert all(o.inspection_site is None for o in fruit_out)


def test_direction(planner):
    resolved = planner.resolve(Query("Santiago", "Taiyuan"))
    assert direction_of(planner, resolved) == "import"
    assert direction_of(planner, planner.resolve(Query("Taiyuan", "Santiago"))) == "export"
    assert direction_of(planner, planner.resolve(Query("Santiago", "Shanghai"))) is None


def test_every_site_names_a_network_node_a_class_and_a_source(real_network):
    classes = {r["id"] for r in csv.DictReader(open(GEODATA / "cargo_classes.csv"))}
    platforms = real_network.platforms
    for site in load_import_sites().sites:
        assert site.node in real_network.nodes.index, site.id
        assert site.cargo in classes, site.id
        assert site.source.strip() and site.as_of.strip()
        if site.in_shanxi:  # a Shanxi site is a platform of the seed that receives its class
            assert site.id in platforms.index, site.id
            receives = platforms.loc[site.id, "receives"]
            kind = platforms.loc[site.id, "kind"]
            assert kind == "mail_exchange" or site.cargo in receives, site.id


def test_a_broken_row_is_named(tmp_path):
    rows = (GEODATA / "import_sites.csv").read_text(encoding="utf-8").splitlines()
    rows.append("bad,meat,nowhere,import,tianjin_port,false,,,x,x,source,2024,")
    (tmp_path / "import_sites.csv").write_text("\n".join(rows), encoding="utf-8")
    with pytest.raises(ImportSitesError, match="bad"):
        load_import_sites(tmp_path)
    assert load_import_sites(tmp_path / "none").sites == ()


@pytest.mark.parametrize("origin, destination", [("Pingyao", "Berlin"), ("Berlin", "Pingyao")])
def test_a_county_towns_parcels_are_trucked_to_and_from_the_mail_exchange(
    planner, origin, destination
):
    """Pingyao is beyond the network and Taiyuan airport is one of its gateways: its parcels
    still go by truck between the town and the mail exchange (they began at the airport)."""
    options = planner.plan(Query(origin, destination, cargo="parcel", weight_t=0.002,
                                 volume_m3=0.001))
    assert options
    for option in options:
        truck = option.legs[0] if origin == "Pingyao" else option.legs[-1]
        town = truck.from_id if origin == "Pingyao" else truck.to_id
        assert truck.mode is Mode.ROAD and town.startswith("gn:")  # the town itself
        assert "tyn_airport" in {truck.from_id, truck.to_id}
