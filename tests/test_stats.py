"""corridors.stats: figures for officials, on the mini network (real data: test_data_sources)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from corridors import corridor_figures, province_figures


@pytest.fixture(scope="module")
def figures(mini_network):
    return corridor_figures(mini_network).set_index("id")


def test_one_row_per_corridor_seed_first(mini_network) -> None:
    table = corridor_figures(mini_network)
    assert list(table["id"]) == [
        "air_network",
        "land_erenhot",
        "land_manzhouli",
        "railsea_tianjin",
        "rail_russia",
        "road_shanxi",
    ]
    assert list(table["seed"]) == [True] * 4 + [False] * 2
    assert table.loc[0, "name_zh"] == "航空网络"


def test_length_links_nodes(mini_network, figures) -> None:
    links = mini_network.links
    for cid in ("land_erenhot", "railsea_tianjin"):
        own = links[links["corridor"] == cid]
        assert figures.at[cid, "length_km"] == pytest.approx(own["distance_km"].sum())
        assert figures.at[cid, "links"] == len(own)
    assert figures.at["land_erenhot", "nodes"] == 4  # taiyuan_rail, erenhot, zamyn_uud, UB
    assert figures["length_km"].gt(0).all()


def test_land_destinations_reached_beyond_the_crossing(figures) -> None:
    # Erenhot: Ulaanbaatar on its own line, then Chita and Moscow over the Russian railways;
    # the Manzhouli corridor's Chinese side never counts, and crossings are not destinations.
    assert figures.at["land_erenhot", "destination_ids"] == ["chita", "moscow", "ulaanbaatar"]
    assert figures.at["land_erenhot", "country_list"] == ["MN", "RU"]
    assert figures.at["land_erenhot", "countries"] == 2
    assert figures.at["land_manzhouli", "destinations"] == 3


def test_land_destinations_stop_at_a_closed_foreign_gap(mini_network) -> None:
    """Without the Ulaanbaatar–Chita link, Erenhot reaches only Ulaanbaatar."""
    cut = replace(mini_network, links=mini_network.links.drop(index="rail_ulaanbaatar_chita"))
    table = corridor_figures(cut).set_index("id")
    assert table.at["land_erenhot", "destination_ids"] == ["ulaanbaatar"]
    assert table.at["land_manzhouli", "destination_ids"] == ["chita", "moscow"]


def test_rail_sea_and_air_destinations(figures) -> None:
    assert figures.at["railsea_tianjin", "destination_ids"] == ["rotterdam_port"]
    assert figures.at["railsea_tianjin", "country_list"] == ["NL"]
    assert figures.at["air_network", "destination_ids"] == ["dat_airport", "tyn_airport"]
    assert figures.at["road_shanxi", "destinations"] == 0


def test_seed_figures_flattened(figures) -> None:
    assert figures.at["land_erenhot", "seed_lines"] == 3
    assert figures.at["land_erenhot", "seed_as_of"] == "2024-09-18"
    assert figures.at["land_erenhot", "seed_source"].startswith("test fixture")
    assert figures["seed_trains"].isna().all()
    assert figures.at["air_network", "seed_as_of"] is None


def test_qualified_figure_names_are_recognised(mini_network) -> None:
    erenhot = replace(
        mini_network.corridors["land_erenhot"],
        figures={
            "china_europe_lines": {"value": 18, "as_of": "2024-09", "source": "bulletin"},
            "trains_total": {"value": 825, "as_of": "2024-09-18", "source": "bulletin"},
        },
    )
    network = replace(mini_network, corridors={**mini_network.corridors, "land_erenhot": erenhot})
    row = corridor_figures(network).set_index("id").loc["land_erenhot"]
    assert (row["seed_lines"], row["seed_trains"]) == (18, 825)
    assert row["seed_as_of"] == "2024-09-18" and row["seed_source"] == "bulletin"


def test_province_figures(mini_network) -> None:
    table = province_figures(mini_network)
    assert list(table.columns) == ["key", "value", "note", "as_of", "source"]
    assert table.to_dict("records") == [
        {
            "key": "trains_total",
            "value": 825,
            "note": None,
            "as_of": "2024-09-18",
            "source": "test fixture: approximate public coordinates",
        }
    ]


def test_first_choice_splits_destinations_by_shortest_corridor(figures) -> None:
    # Mini link lengths: Taiyuan-Erenhot-Ulaanbaatar-Chita 660+9+610+841 = 2,120 km beats
    # Taiyuan-Manzhouli-Zabaykalsk-Chita 1,944+9+378 = 2,331 km, so Erenhot serves all three.
    assert figures.at["land_erenhot", "first_choice_ids"] == ["chita", "moscow", "ulaanbaatar"]
    assert figures.at["land_manzhouli", "first_choice"] == 0
    assert figures.at["railsea_tianjin", "first_choice_ids"] == ["rotterdam_port"]
    assert figures.at["air_network", "first_choice"] == 0


def test_first_choice_names_each_destination_once_on_real_data(real_network) -> None:
    table = corridor_figures(real_network)
    ids = [d for chosen in table["first_choice_ids"] for d in chosen]
    assert len(ids) == len(set(ids))
    chosen = dict(zip(table["id"], table["first_choice_ids"], strict=True))
    assert "ulaanbaatar" in chosen["land_erenhot"]
    assert "almaty" in chosen["land_horgos"]


def test_own_length_is_left_out_for_separate_routes(real_network) -> None:
    from corridors.stats import ROUTE_KINDS

    table = corridor_figures(real_network).set_index("id")
    routes = table["kind"].isin(ROUTE_KINDS)
    assert table.loc[routes, "own_length_km"].isna().all()
    assert table.loc[~routes, "own_length_km"].equals(table.loc[~routes, "length_km"])
    assert pd.isna(table.at["air_international", "own_length_km"])
