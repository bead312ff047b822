"""planner.columns: the tables people read in Chinese have no English header or status."""

from __future__ import annotations

import pandas as pd

from planner.io.batch import RESULT_COLUMNS
from planner.io.shipments import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from planner.model.cargo import load_cargo_classes
from planner.scenario.closure import SCENARIO_COLUMNS
from planner.text.columns import HEADERS_ZH, header, localized


def test_every_column_the_planner_writes_has_a_chinese_header() -> None:
    known = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, *RESULT_COLUMNS, *SCENARIO_COLUMNS)
    assert [c for c in known if c not in HEADERS_ZH] == []
    assert len(set(HEADERS_ZH.values())) == len(HEADERS_ZH), "two columns, one header"


def test_localized_table() -> None:
    frame = pd.DataFrame(
        {
            "shipment_id": ["A", "B"],
            "status_input": ["mine", ""],
            "note": ["x", "y"],
            "modes": ["road+rail", None],
            "pareto_optimal": pd.array([True, None], dtype="boolean"),
            "status": ["ok", "error"],
            "cargo": ["perishable", "水果"],
            "priority": ["fastest", None],
        }
    )
    out = localized(frame, "zh", cargo_zh=load_cargo_classes().names_zh)  # the rows' name_zh
    expected = [
        "货物编号",
        "状态（输入）",
        "note",
        "运输方式",
        "帕累托最优",
        "状态",
        "货物类别",
        "优先",
    ]
    assert list(out.columns) == expected
    assert out["状态"].tolist() == ["成功", "出错"]
    assert out["运输方式"].tolist()[0] == "公路+铁路"
    assert out["帕累托最优"].tolist()[0] == "是"
    assert out["货物类别"].tolist() == ["生鲜冷链货物", "水果"], "an unknown class stays as typed"
    assert out["优先"].tolist()[0] == "最快"
    assert out["状态（输入）"].tolist() == ["mine", ""], "a user's cells are theirs"
    assert localized(frame, "en") is frame
    assert header("cost_usd", "en") == "cost_usd" and header("cost_usd", "zh") == "费用（美元）"


def test_an_english_page_shows_words_and_an_english_file_keeps_the_ids() -> None:
    """Issue 22 item 3: no shipment_id, weight_t, exit_port_name_en or pareto_optimal on an
    English page; the English file keeps them (the JSON keys, the batch input's columns)."""
    frame = pd.DataFrame(
        {c: [1] for c in ("shipment_id", "weight_t", "exit_port_name_en", "exit_port_id",
                          "pareto_optimal", "status_input", "Status", "status")}
    )  # fmt: skip
    shown = list(localized(frame, "en", page=True).columns)
    assert shown == [
        "Shipment ID", "Weight (t)", "Exit port", "Exit port ID", "Pareto-optimal",
        "Status (input)", "Status (input) (input)", "Status",
    ]  # fmt: skip
    known = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, *RESULT_COLUMNS, *SCENARIO_COLUMNS)
    for column in known:  # a person's words: no underscore, a capital first
        heading = header(column, "en", page=True)
        assert "_" not in heading and heading[0].isupper(), (column, heading)
        assert ("ID" in heading.split()) == column.endswith(("_id", "_ids")), heading
    assert list(localized(frame, "en").columns) == list(frame.columns)
    assert header("weight_t_input", "en") == "weight_t_input"


def test_an_english_page_names_the_cargo_classes_and_its_file_keeps_the_ids() -> None:
    """Issue 22 item 6: the batch page in English showed "perishable"; it shows the cargo
    table's English name, an unknown class as typed; the file (no ``page``) keeps the ids."""
    classes = load_cargo_classes()
    frame = pd.DataFrame({"cargo": ["perishable", "mangoes", None], "priority": ["fastest"] * 3})
    shown = localized(frame, "en", cargo_en=classes.names("en"), page=True)
    assert shown["Cargo class"].tolist()[:2] == ["Perishable (reefer)", "mangoes"]
    assert shown["Priority"].tolist()[0] == "fastest"
    assert frame["cargo"].tolist()[0] == "perishable", "the caller's table is not changed"
    assert localized(frame, "en", cargo_en=classes.names("en")) is frame
    assert classes.names("zh") == classes.names_zh
    assert classes.names_zh["perishable"] == "生鲜冷链货物"
