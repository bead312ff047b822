"""The officials' view of the designated sites: the scenario page closes one and shows which
imports lose their clearance (ui/scenario_clearance.py, ui/closable.py site_items), and the
corridor map's platforms layer says what each site may receive (ui/map_network.py), in both
languages."""

from __future__ import annotations

import logging

import pytest
from apptest_kit import SCENARIO_PAGE, app, no_failure, table

from corridors import DEFAULT_DATA_DIR
from ui.closable import site_items
from ui.map_network import platform_records
from ui.scenario_clearance import clearance_table

MEAT = "datong_inspection_meat"


@pytest.fixture(autouse=True)
def _quiet():
    """Streamlit's caches warn outside a running app; the tables are read all the same."""
    logging.disable(logging.WARNING)
    yield
    logging.disable(logging.NOTSET)


def test_the_designated_sites_may_be_closed_shanxis_first(real_network):
    items = site_items(real_network)
    assert list(items)[:3] == [
        "wusu_inspection_fruit", "wusu_inspection_chilled_seafood", MEAT
    ]
    assert "taiyuan_mail_exchange" in items and "tianjin_port_meat" in items
    assert all(group == "group_site" for group, _ in items.values())
    assert items[MEAT][1]["name_zh"].startswith("大同国际陆港")


def test_closing_the_datong_site_shows_meat_imports_lose_their_clearance(real_network):
    en = clearance_table((MEAT,), real_network, "en")
    assert en is not None and len(en) == 1
    row = en.iloc[0]
    assert row["Closed site"].startswith("Datong International Land Port")
    assert "meat" in row["Goods"].lower() and row["Direction"] == "import"
    assert row["Still open in Shanxi"] == "none"
    assert "Tianjin" in row["Open outside Shanxi"]
    assert row["Shanxi loses its clearance"] == "yes"
    zh = clearance_table((MEAT,), real_network, "zh").iloc[0]
    assert zh["关闭的场地"].startswith("大同国际陆港") and zh["方向"] == "进口"
    assert "天津港" in zh["省外开放"] and zh["山西失去该类查验"] == "是"


def test_closing_one_wusu_site_keeps_the_other_and_a_closure_of_no_site_shows_nothing(
    real_network,
):
    fruit = clearance_table(("wusu_inspection_fruit", "erenhot"), real_network, "en")
    assert len(fruit) == 1 and "fruit" in fruit.iloc[0]["Goods"].lower()
    assert "Beijing" in fruit.iloc[0]["Open outside Shanxi"]
    both = clearance_table(
        ("wusu_inspection_fruit", "pek_airport_fruit"), real_network, "en"
    )
    assert set(both["Shanxi loses its clearance"]) == {"yes", "no"}  # Beijing is not Shanxi's
    assert clearance_table(("erenhot",), real_network, "en") is None


def test_the_platforms_layer_names_what_each_site_may_receive(real_network):
    records = platform_records(real_network)
    # platforms at one place share one dot and its hover, which names every one of them
    for platform_id, row in real_network.platforms.iterrows():
        named = [r for r in records if row["name_en"] in r["title"] + r["detail"]]
        assert len(named) == 1, platform_id
    wusu = next(r for r in records if r["title"].startswith("Taiyuan Wusu Comprehensive"))
    for words in ("may receive", "可接收", "imported fruit", "进境水果",
                  "imported chilled seafood", "进境冰鲜水产品", "Designated inspection site",
                  "Taiyuan International Mail Exchange", "parcels", "包裹"):
        assert words in wusu["detail"], wusu["detail"]
    datong = next(r for r in records if "进境肉类" in r["detail"])
    assert "imported meat" in datong["detail"]
    assert len(records) < len(real_network.platforms)


@pytest.mark.slow
@pytest.mark.parametrize("locale, header, lost", [
    ("en-US", "Shanxi loses its clearance", "yes"), ("zh-CN", "山西失去该类查验", "是"),
])
def test_the_scenario_page_closes_a_site_and_shows_the_imports_that_lose_clearance(
    monkeypatch, locale, header, lost
):
    if not (DEFAULT_DATA_DIR / "import_sites.csv").is_file():
        pytest.skip("no designated sites shipped")
    at = app(locale=locale, close=MEAT, modes="rail,road,sea").run()
    at.switch_page(SCENARIO_PAGE).run(timeout=300)
    no_failure(at)
    assert at.multiselect(key="s_close").value == [MEAT]
    shown = table(at, header)
    assert list(shown[header]) == [lost]


def test_the_scenario_map_marks_a_closed_site_where_the_platforms_place_it(real_network):
    import pandas as pd

    from ui.map_scenario import scenario_records

    records = scenario_records(pd.DataFrame(columns=["destination"]), real_network,
                               (MEAT, "erenhot"))
    titles = [p["title"] for p in records["closed_points"]]
    assert any(t.startswith("Erenhot") for t in titles)
    assert any(t.startswith("Datong International Land Port designated") for t in titles)


def test_closing_a_site_leaves_a_book_of_exports_planned(real_network):
    """A designated site closes no edge: the shipped (export) book is planned after the Datong
    meat site closes exactly as before (all 56 of its shipments were "unplanned after" when the
    site's id reached the route search as an unknown place)."""
    from planner.core.api import planner_for
    from planner.scenario.flows import plan_flows

    book = DEFAULT_DATA_DIR / "sample_shipments_illustrative.csv"
    flows = plan_flows(book, ["datong_inspection_meat"], planner=planner_for(real_network))
    totals = flows.totals
    assert totals["shipments"] > 0
    assert totals["unplanned_after"] == totals["unplanned_before"] == 0
    assert (flows.corridors["shipments_after"] == flows.corridors["shipments_before"]).all()
