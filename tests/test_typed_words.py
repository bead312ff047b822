"""planner.text.typed_words and the readers that use it: a table the app or the CLI wrote in
Chinese is read back as the rows it came from, and so are the words a clerk types (issue 22,
item 2)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from corridors import load_network
from planner.io.batch import plan_batch, write_batch
from planner.io.quotes import COLUMNS as QUOTE_COLUMNS
from planner.io.shipments import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, read_shipments
from planner.model.cargo import load_cargo_classes
from planner.model.errors import InvalidQueryError
from planner.model.quotes import UNITS
from planner.model.records import Haul, Priority
from planner.text.typed_words import TYPED_WORDS_FILE, column_id, known_words, value_id
from planner.text.words import section

MINI = Path(__file__).resolve().parent / "data" / "mini"
INPUT_COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
EN_BATCH = (
    "shipment_id,origin,destination,cargo,weight_t,volume_m3,priority\n"
    "A1,Taiyuan,Moscow,perishable,18,40,fastest\n"
    "A2,太原,Moscow,general,5,10,cheapest\n"
    "A3,Taiyuan,Rotterdam,electronics,2,8,greenest\n"
    "A4,Taiyuan,Rotterdam,,,,\n"
)


@pytest.fixture(scope="module")
def mini():
    return load_network(MINI)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_header_the_planner_writes_names_its_column(lang):
    headers = section("header", lang)
    for column in INPUT_COLUMNS:
        assert column_id(headers[column], INPUT_COLUMNS) == column, headers[column]


@pytest.mark.parametrize(
    ("header", "column"),
    [("起运地", "origin"), ("目的港", "destination"), ("重量", "weight_t"),
     ("重量(吨)", "weight_t"), ("Weight (t)", "weight_t"), ("体积", "volume_m3"),
     ("优先级", "priority"), ("编号", "shipment_id"), (" Shipment ID ", "shipment_id"),
     ("备注", None)],
)  # fmt: skip
def test_a_clerks_headers(header, column):
    assert column_id(header, INPUT_COLUMNS) == column


def test_a_word_names_one_id_and_every_row_names_a_known_one():
    cargo = set(load_cargo_classes().ids)
    with TYPED_WORDS_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        allowed = {
            "column": (*INPUT_COLUMNS, *QUOTE_COLUMNS, "via"),  # a shipments or a quotes file's
            "cargo": cargo,
            "priority": [p.value for p in Priority],
            "mode": [h.value for h in Haul],
            "unit": UNITS,
        }
        assert row["id"] in allowed[row["field"]], row
    assert known_words()["column"]  # the table was read (a clash raises ValueError)


@pytest.mark.parametrize(
    ("word", "cargo"),
    [("生鲜", "perishable"), ("生鲜冷链货物", "perishable"), ("电子产品", "electronics"),
     ("大宗散货", "bulk"), ("Perishable (reefer)", "perishable"), ("普货", "general")],
)  # fmt: skip
def test_cargo_words_name_their_class(word, cargo):
    assert load_cargo_classes().spec(word).id == cargo


def test_an_unknown_cargo_word_is_still_refused_with_the_choices():
    with pytest.raises(InvalidQueryError, match="general"):
        load_cargo_classes().spec("钢琴")


@pytest.mark.parametrize(
    ("word", "priority"),
    [("最快", "fastest"), ("最低碳", "greenest"), ("Cheapest", "cheapest"), ("平衡", "balanced")],
)
def test_priority_words(word, priority):
    assert Priority.parse(word).value == priority
    assert value_id("priority", word) == priority


@pytest.mark.parametrize("excel", [False, True])
def test_a_chinese_result_is_planned_again_row_for_row(mini, excel):
    first = io.BytesIO()
    write_batch(io.StringIO(EN_BATCH), first, excel=excel, network=mini, lang="zh")
    again = plan_batch(io.BytesIO(first.getvalue()), network=mini, lang="en")
    assert again["status"].tolist() == ["ok"] * 4, again["error"].tolist()
    original = plan_batch(io.StringIO(EN_BATCH), network=mini, lang="en")
    for column in ("shipment_id", "label", "transit_days", "cost_usd", "exit_port_id"):
        assert again[column].astype(str).tolist() == original[column].astype(str).tolist()


def test_a_chinese_workbook_names_its_sheet_in_chinese(mini):
    from openpyxl import load_workbook

    out = io.BytesIO()
    write_batch(io.StringIO(EN_BATCH), out, excel=True, network=mini, lang="zh")
    assert load_workbook(out).worksheets[0].title == "路线方案"


def test_a_clerks_own_table_plans():
    text = (
        "编号,起运地,目的港,货类,重量,体积,优先级\n"
        "1,太原,莫斯科,生鲜,5,10,最快\n2,太原,鹿特丹,电子产品,2,8,低碳\n"
    )
    columns, rows, problems = read_shipments(io.StringIO(text))
    typed = [c for c in INPUT_COLUMNS if c != "ready_date"]  # the table has no ready date
    assert columns == typed and problems == [None, None]
    result = plan_batch(io.StringIO(text), network=load_network(MINI))
    assert result["status"].tolist() == ["ok", "ok"], result["error"].tolist()
