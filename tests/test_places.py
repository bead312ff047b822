"""Place resolution: ids, names, aliases, codes, countries, and suggestions for unknown names."""

from __future__ import annotations

import csv
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.api import list_places, resolve_place
from planner.model.errors import UnknownPlaceError
from planner.places.index import Place, normalise_name

PLACES = Path(__file__).resolve().parent / "data" / "places"


def _cell(column: str, text: str) -> object:
    """A cell of ``data/places/nodes.csv`` as the network holds it: aliases a list (split at
    ``;``), the Shanxi flag ``True`` or ``None``, an empty cell ``None``."""
    if column == "aliases":
        return text.split(";") if text else []
    if column == "shanxi_prefecture":
        return True if text == "true" else None
    return text or None


def _fake_network() -> SimpleNamespace:
    """The nodes and countries of ``data/places``, as :class:`corridors.Network` holds them."""
    with (PLACES / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    nodes = pd.DataFrame([{k: _cell(k, v) for k, v in row.items()} for row in rows])
    countries = pd.read_csv(PLACES / "countries.csv", encoding="utf-8", keep_default_na=False)
    return SimpleNamespace(nodes=nodes.set_index("id"), countries=countries.set_index("iso2"))


@pytest.fixture(scope="module")
def net() -> SimpleNamespace:
    return _fake_network()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("taiyuan", "taiyuan"),
        ("Taiyuan", "taiyuan"),
        ("TAIYUAN", "taiyuan"),
        ("  太原 ", "taiyuan"),
        ("tyn_airport", "tyn_airport"),
        ("TYN", "tyn_airport"),
        ("tyn", "tyn_airport"),
        ("Taiyuan Wusu", "tyn_airport"),
        ("Lüliang", "luliang"),
        ("Luliang", "luliang"),
        ("Lvliang", "luliang"),
        ("LÜLIANG", "luliang"),
        ("吕梁", "luliang"),
        ("Ulan Bator", "ulaanbaatar"),
        ("ulan-bator", "ulaanbaatar"),
        ("Khorgos", "horgos"),
        ("Zamyn-Uud", "zamyn_uud"),
        ("zamyn uud", "zamyn_uud"),
        ("Zamyn-Üüd", "zamyn_uud"),
        ("CNTSN", "tianjin_port"),
        ("CN TSN", "tianjin_port"),
        ("Malaszewicze", "malaszewicze"),
        ("Małaszewicze", "malaszewicze"),
        ("moskva", "moscow"),
    ],
)
def test_resolves_nodes(net: SimpleNamespace, query: str, expected: str) -> None:
    assert resolve_place(query, net).id == expected


def test_city_includes_its_ports_and_wins_over_a_port_alias(net: SimpleNamespace) -> None:
    # "Tianjin" is the city's name and an alias of the port: the city wins and includes the port
    place = resolve_place("Tianjin", net)
    assert place.id == "tianjin"
    assert place.kind == "city"
    assert set(place.node_ids) == {"tianjin", "tianjin_port"}
    assert resolve_place("taiyuan", net).node_ids == ("taiyuan", "tyn_airport")


def test_other_nodes_are_only_themselves(net: SimpleNamespace) -> None:
    assert resolve_place("TYN", net).node_ids == ("tyn_airport",)
    assert resolve_place("horgos", net).node_ids == ("horgos",)


@pytest.mark.parametrize(
    ("query", "iso2"),
    [
        ("RU", "RU"),
        ("ru", "RU"),
        ("Russia", "RU"),
        ("俄罗斯", "RU"),
        ("poland", "PL"),
        ("Mongolia", "MN"),
    ],
)
def test_resolves_countries(net: SimpleNamespace, query: str, iso2: str) -> None:
    place = resolve_place(query, net)
    assert place == Place(place.id, place.name_en, place.name_zh, "country", iso2, place.node_ids)
    assert place.id == iso2
    assert place.node_ids  # something to route to


def test_country_members_are_towns_and_ports_only(net: SimpleNamespace) -> None:
    assert set(resolve_place("Poland", net).node_ids) == {"warsaw"}
    china = set(resolve_place("China", net).node_ids)
    assert "horgos" not in china
    assert {"taiyuan", "tyn_airport", "tianjin_port"} <= china


@pytest.mark.parametrize(
    ("query", "suggested"),
    [("Mosco", "Moscow"), ("Taiyuna", "Taiyuan"), ("Ulanbatar", "Ulaanbaatar")],
)
def test_unknown_place_suggests_close_names(
    net: SimpleNamespace, query: str, suggested: str
) -> None:
    with pytest.raises(UnknownPlaceError) as info:
        resolve_place(query, net)
    assert info.value.name == query
    assert suggested in info.value.suggestions
    assert len(info.value.suggestions) <= 5
    assert suggested in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("query", ["", "   ", "---", "Atlantis-zzzz-qqq"])
def test_nonsense_is_unknown(net: SimpleNamespace, query: str) -> None:
    with pytest.raises(UnknownPlaceError):
        resolve_place(query, net)


def test_normalise_name() -> None:
    assert normalise_name("Zamyn-Uud") == normalise_name("zamyn uud") == "zamynuud"
    assert normalise_name("Xi'an") == "xian"
    assert normalise_name("Łódź") == "lodz"
    assert normalise_name("太原 ") == "太原"


def test_list_places(net: SimpleNamespace) -> None:
    table = list_places(net)
    assert list(table.columns[:6]) == ["id", "name_en", "name_zh", "kind", "country", "aliases"]
    assert table["id"].is_unique
    assert len(table) == len(net.nodes) + len(net.countries)
    row = table.set_index("id").loc["luliang"]
    assert row["name_zh"] == "吕梁"
    assert "Lvliang" in row["aliases"]
    assert (table["kind"] == "country").sum() == 4
    # every listed id resolves to itself
    for place_id in table["id"]:
        assert resolve_place(place_id, net).id == place_id


# --- the mini test network and the shipped data ---------------------------------------------


def test_mini_network(mini_network) -> None:
    assert resolve_place("Tai-yuan", mini_network).id == "taiyuan"
    assert resolve_place("TYN", mini_network).id == "tyn_airport"
    taiyuan = resolve_place("太原", mini_network)
    assert set(taiyuan.node_ids) == {"taiyuan", "tyn_airport", "taiyuan_rail"}
    assert resolve_place("nlrtm", mini_network).id == "rotterdam_port"
    assert set(resolve_place("Rotterdam", mini_network).node_ids) == {"rotterdam", "rotterdam_port"}
    netherlands = resolve_place("荷兰", mini_network)
    assert netherlands.kind == "country" and set(netherlands.node_ids) == {
        "rotterdam",
        "rotterdam_port",
    }


@pytest.mark.parametrize(
    "spellings",
    [
        ("Lüliang", "Luliang", "Lvliang", "吕梁", "LÜLIANG"),
        ("Ulaanbaatar", "Ulan Bator", "乌兰巴托"),
        ("Horgos", "Khorgos", "霍尔果斯"),
        ("Taiyuan", "太原", "taiyuan"),
        ("Moscow", "莫斯科", "MOSCOW"),
    ],
)
def test_shipped_romanisations(real_network, spellings: tuple[str, ...]) -> None:
    ids = {resolve_place(name, real_network).id for name in spellings}
    assert len(ids) == 1, f"{spellings} resolve to {ids}"


def test_shipped_codes(real_network) -> None:
    nodes = real_network.nodes
    for node_id, code in nodes["iata"].dropna().items():
        assert node_id in resolve_place(code, real_network).node_ids
    for node_id, code in nodes["unlocode"].dropna().items():
        assert node_id in resolve_place(code, real_network).node_ids
        assert node_id in resolve_place(f"{code[:2]} {code[2:]}", real_network).node_ids


def test_every_shipped_name_leads_to_its_node(real_network) -> None:
    """A node's own names lead to it, or to the town it serves (never somewhere else)."""
    problems = []
    for node_id, row in real_network.nodes.iterrows():
        for name in (row["name_en"], row["name_zh"]):
            place = resolve_place(name, real_network)
            if node_id not in place.node_ids:
                problems.append(f"{name!r} ({node_id}) resolves to {place.id}")
    assert not problems, problems


def test_every_shipped_place_resolves_to_itself(real_network) -> None:
    table = list_places(real_network)
    assert table["id"].is_unique
    for place_id in table["id"]:
        assert resolve_place(place_id, real_network).id == place_id
    countries = table[table["kind"] == "country"]
    assert set(countries["id"]) == set(real_network.countries.index)
    for iso2 in countries["id"]:
        assert resolve_place(iso2, real_network).node_ids, f"{iso2} has no nodes"


@settings(max_examples=200, deadline=None)
@given(name=st.text(max_size=30))
def test_any_text_resolves_or_is_unknown(name: str) -> None:
    network = _fake_network()
    try:
        place = resolve_place(name, network)
    except UnknownPlaceError as exc:
        assert len(exc.suggestions) <= 5
        assert "\n" not in str(exc) or "\n" in name
    else:
        assert place.node_ids


def test_a_place_through_pickle_is_the_same_place(net: SimpleNamespace) -> None:
    # a batch's workers receive their places pickled: a network place's NaN position is a new
    # float object then, and the place must still find its cached libraries
    import pickle

    place = resolve_place("Taiyuan", net)
    copy = pickle.loads(pickle.dumps(place))
    assert copy is not place and copy == place and {place: 1}[copy] == 1
    moved = Place(*(getattr(place, f) for f in ("id", "name_en", "name_zh", "kind", "country")),
                  place.node_ids, 112.5, 37.9)  # fmt: skip
    assert moved != place  # a position that is not NaN still counts
