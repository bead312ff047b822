"""Ships sail where carriers sail (issue 19): Asia–Europe round the Cape of Good Hope, Suez as a
switch, Panama only to the Americas; a destination's own port, never a truck across the sea;
a coal port is no container exit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridors import Mode, load_network
from corridors.geo import geodesic_distance_km
from planner import Shipment, plan
from planner.core.api import planner_for
from planner.model.params import load_parameters
from planner.network.closed_edges import SUEZ_KEY, closed_edges, sea_passage

LINKS = Path(__file__).resolve().parents[1] / "geodata" / "links.geojson"
EUROPE = ("rotterdam_port", "hamburg_port", "antwerp_port", "felixstowe_port", "valencia_port",
          "piraeus_port")


def _sea_links() -> list[dict]:
    features = json.loads(LINKS.read_text(encoding="utf-8"))["features"]
    return [f for f in features if f["properties"]["mode"] == "sea"]


def _points(geometry: dict) -> list[list[float]]:
    lines = geometry["coordinates"]
    return [p for line in lines for p in line] if geometry["type"] == "MultiLineString" else lines


def test_ships_to_europe_sail_round_the_cape_and_never_cross_the_pacific() -> None:
    seen = 0
    for feature in _sea_links():
        p = feature["properties"]
        if p["to"] not in EUROPE or p.get("passage") == "suez":
            continue
        points = _points(feature["geometry"])
        assert min(lat for _, lat in points) < -30, f"{p['id']} does not round the Cape"
        assert all(-30 < lon < 180 for lon, _ in points), f"{p['id']} crosses the Americas"
        seen += 1
    assert seen >= 4 * len(EUROPE)  # from every origin port


def test_the_suez_variant_goes_through_the_red_sea_and_is_shorter() -> None:
    links = {f["properties"]["id"]: f for f in _sea_links()}
    cape, suez = links["sea_cntsn_nlrtm"], links["sea_cntsn_nlrtm_suez"]
    assert cape["properties"]["passage"] == "cape" and suez["properties"]["passage"] == "suez"
    assert min(lat for _, lat in _points(suez["geometry"])) > -12  # never south of Java
    network = load_network()
    km = network.links["distance_km"]
    assert km["sea_cntsn_nlrtm_suez"] < 0.8 * km["sea_cntsn_nlrtm"]


def test_panama_only_to_the_americas() -> None:
    for feature in _sea_links():
        p = feature["properties"]
        lons = [lon for lon, _ in _points(feature["geometry"])]
        if any(-82 < lon < -77 for lon in lons) and any(-10 < lon < 20 for lon in lons):
            pytest.fail(f"{p['id']} sails through Panama to the Old World")


def test_every_sea_link_runs_as_long_as_its_drawn_line() -> None:
    network = load_network()
    sea = network.links[network.links["mode"] == Mode.SEA.value]
    for link_id, row in sea.iterrows():
        drawn = sum(
            geodesic_distance_km(*a, *b)
            for part in getattr(row.geometry, "geoms", [row.geometry])
            for a, b in zip(part.coords[:-1], part.coords[1:], strict=True)
        )
        assert row["distance_km"] == pytest.approx(drawn, rel=0.01), link_id


def _sea_leg(option):
    return next(leg for leg in option.legs if leg.mode is Mode.SEA and not leg.wait)


def test_taiyuan_to_rotterdam_sails_round_the_cape_and_suez_is_a_switch() -> None:
    cape = [o for o in plan("taiyuan", "rotterdam") if o.exit_port is not None]
    assert cape, "no sea option to Rotterdam"
    assert min(lat for _, lat in _sea_leg(cape[0]).coords) < -30
    params = load_parameters().replace(**{SUEZ_KEY: 1.0})
    assert sea_passage(params) == "suez"
    suez = [o for o in plan("taiyuan", "rotterdam", params=params) if o.exit_port is not None]
    assert min(lat for _, lat in _sea_leg(suez[0]).coords) > -12
    assert suez[0].transit_days < cape[0].transit_days - 5


def test_casablanca_is_reached_by_its_own_port_not_by_a_truck_across_the_sea() -> None:
    options = plan("taiyuan", "casablanca")
    sea = [o for o in options if o.exit_port is not None]
    assert sea and sea[0].entry_port.id == "casablanca_port"
    for option in options:
        trucks = [leg for leg in option.legs if leg.mode is Mode.ROAD and leg.from_id != "taiyuan"]
        assert all(leg.distance_km < 100 for leg in trucks[-1:]), option.title


def test_istanbul_by_a_turkish_port() -> None:
    sea = [o for o in plan("taiyuan", "istanbul") if o.exit_port is not None]
    assert sea and sea[0].entry_port.country == "TR"


def test_a_coal_port_is_no_container_exit_but_bulk_may_use_it() -> None:
    planner = planner_for()
    edges = planner.graph.edges
    at_coal_port = (edges["bulk_only"]).to_numpy()
    assert at_coal_port.any()
    general = planner.priced("general").forbidden
    bulk = planner.priced("bulk").forbidden
    assert general[at_coal_port].all()
    sailed = (edges["passage"] != "suez").to_numpy()  # the Suez variants are shut for all
    assert not bulk[at_coal_port & sailed].any()
    for destination in ("rotterdam", "busan", "singapore", "los angeles"):
        for cargo in ("general", "electronics", "perishable"):
            shipment = Shipment(cargo, 10, 30)
            for option in plan("datong", destination, shipment):
                exit_id = option.exit_port.id if option.exit_port else None
                assert exit_id != "qinhuangdao_port", (destination, cargo)


def test_closed_edges_reads_the_passage_and_the_bulk_flag() -> None:
    import numpy as np

    params = load_parameters()
    spec = planner_for().cargo_spec("general")
    edges = {
        "mode": np.array(["sea", "sea", "sea", "rail"], dtype=object),
        "passage": np.array(["", "cape", "suez", ""], dtype=object),
        "bulk_only": np.array([False, False, False, False]),
    }
    runs = np.ones(4, dtype=bool)
    assert closed_edges(edges, runs, spec, params).tolist() == [False, False, True, False]
    suez = params.replace(**{SUEZ_KEY: 1.0})
    assert closed_edges(edges, runs, spec, suez).tolist() == [False, True, False, False]


def test_busan_by_qingdao_on_the_changzhi_rail_sea_train() -> None:
    options = plan("changzhi", "busan")
    by_qingdao = [o for o in options if o.exit_port and o.exit_port.id == "qingdao_port"]
    assert by_qingdao, "no option through Qingdao"
    services = {leg.service for leg in by_qingdao[0].legs}
    assert "SX-CZ-TAO-RS" in services
    assert by_qingdao[0].legs[0].from_id == "changzhi"
