"""Every destination an exporter names: places of the world gazetteer resolved and reached.

Places beyond the network (planner.world, planner.gateways, planner.trucks) on the shipped
data: names in both scripts, pinyin, alternates and misspellings resolve; ambiguous names take
the most populous and say which; routes end at the city by a truck from a gateway; every Shanxi
county seat is an origin.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from corridors.geo import geodesic_distance_km
from corridors.network import Network
from planner import Planner, Query
from planner.cli.main import main
from planner.model.errors import UnknownPlaceError
from planner.model.records import RouteOption
from planner.text.messages import render

#: How near the route's end must be to the city asked for (issue 10).
END_WITHIN_KM = 150.0
SEED = 20261130
#: Coarse continents by position (for the sample's spread, not for any answer).
CONTINENTS = ("Africa", "Asia", "Europe", "North America", "South America", "Oceania")


@pytest.fixture(scope="module")
def planner(real_network: Network) -> Planner:
    return Planner(real_network)


@pytest.fixture(scope="module")
def world(planner: Planner):
    found = planner.places.world
    assert found is not None, "the shipped network has the world gazetteer beside it"
    return found


def _continent(lon: float, lat: float) -> str:
    if lon < -30:
        return "South America" if lat < 13 and lon > -93 else "North America"
    if (lon > 110 and lat < -10) or lon > 160:
        return "Oceania"
    if lon < 60 and lat >= 36 and not (lon > 26 and lat < 42):  # Anatolia is Asia
        return "Europe"
    if lon < 52 and lat < 36 and not (lon > 34 and lat > 12):  # Arabia, the Levant: Asia
        return "Africa"
    return "Asia"


def _sample(world, count: int, *, chinese: bool) -> pd.DataFrame:
    """Cities of over 100,000 people drawn at a fixed seed, spread over the continents (or,
    ``chinese``: with a Chinese name, from anywhere: the most populous place of that name, as
    a reader means it; Rochester, Minnesota shares 罗切斯特 with the larger Rochester, New
    York, which the name takes)."""
    frame = world.frame
    big = frame[(frame["kind"] == "city") & (frame["population"].fillna(0) > 100_000)].copy()
    big["continent"] = [_continent(x, y) for x, y in zip(big["lon"], big["lat"], strict=True)]
    if chinese:
        named = big[big["name_zh"] != ""]
        largest = frame[frame["name_zh"] != ""].groupby("name_zh")["population"].max()
        named = named[named["population"].to_numpy() == largest[named["name_zh"]].to_numpy()]
        return named.sample(count, random_state=SEED)
    each = count // len(CONTINENTS)
    parts = [
        big[big["continent"] == c].sample(each + (i < count % len(CONTINENTS)), random_state=SEED)
        for i, c in enumerate(CONTINENTS)
    ]
    return pd.concat(parts)


def _check_end(option: RouteOption, city: pd.Series, planner: Planner) -> None:
    """The route ends within END_WITHIN_KM of the city, at a place of its country."""
    lon, lat = option.legs[-1].coords[-1]
    km = geodesic_distance_km(lon, lat, float(city["lon"]), float(city["lat"]))
    assert km <= END_WITHIN_KM, (city["name_en"], option.legs[-1].to_id, km)
    end = option.legs[-1].to_id
    country = (
        planner.graph.nodes[end].country
        if end in planner.graph.nodes
        else str(world_row_country(planner, end))
    )
    assert country == city["country"], (city["name_en"], end, country)


def world_row_country(planner: Planner, row_id: str) -> str:
    world = planner.places.world
    return world.row(world.position(row_id)).country


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Casablanca", "卡萨布兰卡", "卡薩布蘭卡", "casablanca", "Casablanka", "Kazablanka"]
)
def test_casablanca_in_every_spelling(planner: Planner, name: str) -> None:
    place = planner.places.resolve(name)
    assert (place.id, place.country, place.name_zh) == ("gn:2553604", "MA", "卡萨布兰卡")
    assert place.beyond_network and place.gateways


def test_an_ambiguous_name_takes_the_most_populous_and_names_the_others(planner: Planner) -> None:
    place = planner.places.resolve("Casablanca")
    assert place.country == "MA"  # 3.7 M people, against Casablanca, Chile (25,000)
    assert [a.en for a in place.alternatives][:1] == ["Casablanca (CL)"]
    option = planner.plan(Query("Taiyuan", "Casablanca"))[0]
    notes = {n.code: n for n in option.notes}
    assert "Casablanca (CL)" in render(notes["also_named"], "en")
    assert "Casablanca（CL）" in render(notes["also_named"], "zh")


def test_a_near_miss_of_a_network_name_is_still_suggested(planner: Planner) -> None:
    with pytest.raises(UnknownPlaceError) as info:
        planner.places.resolve("Mosco")  # the network's Moscow misspelt: not read as another
    assert "Moscow" in info.value.suggestions


def test_another_spelling_of_a_network_place_is_the_node(planner: Planner) -> None:
    assert planner.places.resolve("Moskva").id == "moscow"
    assert planner.places.resolve("伊斯坦布爾").id == "gn:745044"  # traditional characters


@pytest.mark.parametrize(
    ("name", "seat"),
    [
        ("Qi County", "祁县"),
        ("祁县", "祁县"),
        ("Xiaoyi", "孝义市"),
        ("Gaoping", "高平市"),
        ("介休", "介休市"),
    ],
)
def test_shanxi_county_seats_are_found_by_their_division(
    planner: Planner, name: str, seat: str
) -> None:
    place = planner.places.resolve(name)
    assert (place.name_zh, place.country) == (seat, "CN")
    assert all(planner.graph.nodes[n].country == "CN" for n in place.node_ids)


def test_cli_places_filters_by_country_and_prefix(capsys: pytest.CaptureFixture) -> None:
    assert main(["places", "--country", "MA", "--format", "csv"]) == 0
    rows = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out.lstrip("\ufeff")))
    assert set(rows["country"]) == {"MA"} and "Casablanca" in set(rows["name_en"])
    assert main(["places", "--search", "卡萨", "--format", "json"]) == 0
    found = pd.read_json(__import__("io").StringIO(capsys.readouterr().out))
    assert {"Casablanca", "Port of Casablanca"} <= set(found["name_en"])  # the port is a node
    assert all(
        str(n).startswith("卡萨") or "卡萨" in str(a)
        for n, a in zip(found["name_zh"], found["aliases"], strict=True)
    )


def test_the_prefix_index_is_fast_and_ordered(world) -> None:
    first = [world.row(i).name.en for i in world.starting("casa", limit=3)]
    assert first[0] == "Casablanca"
    assert [world.row(i).name.zh for i in world.starting("伊斯坦", limit=1)] == ["伊斯坦布尔"]


def test_the_pickers_list_is_read_without_the_name_index(world, real_network: Network) -> None:
    """The app's first page lists the gazetteer's places before any name is looked up: the list
    read from the file alone is the index's own (seats first, then the most populous)."""
    from planner.core.api import list_places
    from planner.places.index import PlaceIndex
    from planner.places.world import load_picks

    picks = load_picks(world.path, min_population=100_000)
    pd.testing.assert_frame_equal(picks, world.picks(min_population=100_000))
    seats = int(picks["shanxi_seat"].sum())
    assert seats > 100 and picks["shanxi_seat"].iloc[:seats].all()
    assert "Moscow" in set(picks["name_en"]) and len(picks) > seats + 3000
    # and the network's places: the planner's table is that of an index built alone
    pd.testing.assert_frame_equal(list_places(real_network), PlaceIndex(real_network).table())


# --- routes ---------------------------------------------------------------------------------


def test_the_last_leg_is_a_truck_named_honestly(planner: Planner) -> None:
    option = planner.plan(Query("Taiyuan", "Copenhagen"))[0]
    last = option.legs[-1]
    assert (last.mode.value, last.to_id) == ("road", "gn:2618425")
    gateway = planner.graph.nodes[last.from_id]
    straight = geodesic_distance_km(gateway.lon, gateway.lat, 12.5655, 55.6759)
    assert last.distance_km == pytest.approx(
        straight * planner.params["road.detour_factor"], rel=0.01
    )
    note = next(n for n in option.notes if n.code == "last_mile")
    assert render(note, "en").startswith(f"truck {last.distance_km:,.0f} km from {gateway.name_en}")
    assert render(note, "zh").startswith(f"从{gateway.name_zh}汽运")
    assert option.distance_km == pytest.approx(sum(leg.distance_km for leg in option.legs))


def test_a_truck_beyond_the_on_carriage_limit_says_so(planner: Planner) -> None:
    option = planner.plan(Query("Taiyuan", "Bogota"))[0]
    note = next(n for n in option.notes if n.code == "last_mile")
    assert option.legs[-1].distance_km > planner.params["road.on_carriage_max_km"]
    assert "longer than the 800 km a forwarder would truck" in render(note, "en")


def test_a_far_gateway_is_left_out_where_a_nearer_one_is_half_as_far(planner: Planner) -> None:
    """Bamako is beyond a truck's reach of every gateway: the West African ports stay, Europe's
    (twice as far, and over the sea) do not; every option's last truck is within 1.5 times the
    shortest."""
    options = planner.plan(Query("祁县", "Bamako", alternatives=5))
    trucks = [option.legs[-1].distance_km for option in options]
    assert len(options) >= 3 and max(trucks) <= 1.5 * min(trucks)
    nodes = planner.network.nodes
    starts = {nodes.at[option.legs[-1].from_id, "country"] for option in options}
    assert not starts & {"ES", "FR", "PT", "MA"}


@pytest.mark.slow
def test_hundred_world_cities_on_every_continent(planner: Planner, world) -> None:
    cities = _sample(world, 100, chinese=False)
    assert set(cities["continent"]) == set(CONTINENTS)
    queries = [Query("Taiyuan", row_id, weight_t=12, volume_m3=40) for row_id in cities["id"]]
    rows = planner.plan_rows(queries)
    assert len(rows) == len(queries)
    assert all(isinstance(r, dict) for r in rows), [r for r in rows if not isinstance(r, dict)]
    options = planner.best_options(queries)
    for option, (_, city) in zip(options, cities.iterrows(), strict=True):
        assert isinstance(option, RouteOption), (city["name_en"], option)
        _check_end(option, city, planner)


def test_twenty_cities_by_their_chinese_names(planner: Planner, world) -> None:
    cities = _sample(world, 20, chinese=True)
    queries = [Query("Taiyuan", name) for name in cities["name_zh"]]
    options = planner.best_options(queries)
    for option, (_, city) in zip(options, cities.iterrows(), strict=True):
        assert isinstance(option, RouteOption), (city["name_zh"], option)
        _check_end(option, city, planner)


@pytest.mark.slow
def test_every_shanxi_seat_is_an_origin(planner: Planner, world) -> None:
    seats = world.frame[world.frame["shanxi_seat"] != ""]
    queries = [Query(row_id, "Moscow") for row_id in seats["id"]]
    options = planner.best_options(queries)
    for option, (_, seat) in zip(options, seats.iterrows(), strict=True):
        assert isinstance(option, RouteOption), (seat["shanxi_seat"], option)
        lon, lat = option.legs[0].coords[0]
        km = geodesic_distance_km(lon, lat, float(seat["lon"]), float(seat["lat"]))
        assert km <= END_WITHIN_KM, (seat["shanxi_seat"], km)
        assert option.exit_port is not None and option.exit_port.country == "CN"


def test_exact_search_and_library_agree_through_gateways(planner: Planner) -> None:
    for origin, destination in (("Xiaoyi", "Istanbul"), ("Taiyuan", "Tehran")):
        exact = planner.plan(Query(origin, destination, alternatives=1))[0]
        library = planner.plan(Query(origin, destination, alternatives=1), method="library")[0]
        assert np.isclose(exact.cost_usd, library.cost_usd, rtol=0.02)
        assert exact.legs[-1].to_id == library.legs[-1].to_id
