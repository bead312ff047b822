"""Every named railway's length against its published length (issue 8, item 1).

The published lengths and their sources are data (``scripts/network/railways.csv`` and
``railway_sections.csv``, shipped in ``geodata/corridors.json``); this test reads them there.
The distances the planner uses (each rail link's drawn length times its route factor) must lie
within 5 % of every published length; the drawn lines, schematic between named stations
(the track's curves between them are in no source at hand), within 20 %.
"""

from __future__ import annotations

import pandas as pd
import pytest

from corridors import Network
from corridors.railway_lengths import DEFAULT_TOLERANCE, DRAWN_TOLERANCE, railway_lengths

#: The sections of railways issue 8 names, as railway -> [(from, to), ...].
NAMED_SECTIONS = {
    "trans_mongolian": [
        ("ulan_ude", "naushki"),
        ("sukhbaatar", "ulaanbaatar"),
        ("ulaanbaatar", "zamyn_uud"),
    ],
    "trans_siberian": [("moscow_rail_hub", "ulan_ude")],
    "turksib": [("semey", "lugovaya")],
    "moscow_brest": [("moscow_rail_hub", "brest")],
    "warsaw_terespol": [("warsaw", "brest")],
    "warsaw_kunowice": [("warsaw", "frankfurt_oder")],
    "beijing_baotou": [("datong_station", "jining")],
    "jining_erenhot": [("jining", "erenhot")],
    "taiyuan_zhongwei_yinchuan": [("taiyuan_dry_port", "zhongwei")],
}
#: The railways issue 8 names whole.
NAMED_RAILWAYS = (
    "lanzhou_xinjiang",
    "northern_xinjiang",
    "harbin_manzhouli",
    "wari",
    "datong_qinhuangdao",
)
#: Every line issue 8 names, as (railway, from, to); ``None`` ends: the whole railway.
NAMED_LINES = [
    *((railway, start, end) for railway, pairs in NAMED_SECTIONS.items() for start, end in pairs),
    *((railway, None, None) for railway in NAMED_RAILWAYS),
]


@pytest.fixture(scope="module")
def lengths(real_network: Network) -> pd.DataFrame:
    return railway_lengths(real_network)


def _key(row: pd.Series) -> tuple[str, str | None, str | None]:
    start = row["from"] if isinstance(row["from"], str) else None
    end = row["to"] if isinstance(row["to"], str) else None
    return row["railway"], start, end


def test_the_named_lines_have_published_lengths(lengths: pd.DataFrame) -> None:
    listed = {_key(row) for _, row in lengths.iterrows()}
    assert [line for line in NAMED_LINES if line not in listed] == []


def test_every_published_length_names_its_source(lengths: pd.DataFrame) -> None:
    assert len(lengths) >= len(NAMED_LINES)
    assert all(isinstance(s, str) and s.strip() for s in lengths["source"])
    assert (lengths["published_km"] > 0).all()


@pytest.mark.parametrize(
    ("kind", "ratio", "tolerance"),
    [
        ("built", "ratio", DEFAULT_TOLERANCE),  # what the planner uses: within 5 %
        ("drawn", "drawn_ratio", DRAWN_TOLERANCE),  # a route factor mends at most 20 %
    ],
)
def test_lengths_stay_near_the_published_ones(
    lengths: pd.DataFrame, kind: str, ratio: str, tolerance: float
) -> None:
    off = [
        f"{_key(row)}: {kind} {row[f'{kind}_km']} km, published {row['published_km']:.0f} km"
        for _, row in lengths.iterrows()
        if pd.isna(row[ratio]) or abs(row[ratio] - 1) > tolerance
    ]
    assert off == []


def test_a_route_factor_names_the_published_length_it_comes_from(real_network: Network) -> None:
    rail = real_network.links[real_network.links["mode"] == "rail"]
    factored = rail[rail["route_factor"].notna()]
    published = set(
        real_network.railways.index[
            real_network.railways["published_km"].notna()
            | real_network.railways["sections"].notna()
        ]
    )
    # every railway with a published length has factored links, and only those
    assert set(factored["railway"]) == published
    assert all(
        isinstance(s, str) and s.startswith("published ") for s in factored["route_factor_source"]
    )
    ratio = factored["distance_km"] / factored["drawn_km"]
    assert ratio.to_numpy() == pytest.approx(factored["route_factor"].astype(float).to_numpy())
    plain = rail[rail["route_factor"].isna()]
    assert (plain["distance_km"] == plain["drawn_km"]).all()
