"""The app's Chinese pages, Excel in and out, and words for what is wrong (issue 11), driven
with ``streamlit.testing.v1.AppTest``."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.apptest_kit import (
    BATCH_CSV,
    BATCH_PAGE,
    CORRIDOR_PAGE,
    FIGURES_PAGE,
    SCENARIO_PAGE,
)
from tests.apptest_kit import app as _app
from tests.apptest_kit import deck_json as _deck_json
from tests.apptest_kit import no_failure as _no_failure
from tests.apptest_kit import table as _table
from ui.data import DATA_DIR_ENV

MINI = Path(__file__).resolve().parent / "data" / "mini"


# --- Chinese pages, Excel, words for what is wrong (issue 11) ----------------------------------

_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
#: Latin words a Chinese page may show: codes, units, the formats' and the network's names.
_LATIN_ALLOWED = {"CO2e", "CSV", "UTF", "GBK", "xlsx", "Excel", "GeoJSON"}
#: The names of the CO2e method and a box's unit (issue 9: the method is stated on every card).
_LATIN_ALLOWED |= {"GLEC", "ISO", "WTW", "FEU", "TEU"}  # and the glossary's TEU
#: What the test files themselves hold, echoed in an error.
_ECHOED = {"Atlantis", "heavy"}


#: What a page's Markdown holds that is not shown as text: icons, badges, a file name.
_NOT_TEXT = re.compile(r":material/\w+:|:\w+-badge\[|[\w/]+\.csv")


def _english(texts) -> list[str]:
    shown = [_NOT_TEXT.sub("", str(text)) for text in texts if not str(text).startswith("<")]
    words = [w for text in shown for w in _LATIN_WORD.findall(text)]
    return [w for w in words if w not in _LATIN_ALLOWED | _ECHOED]


def _workbook_bytes(text: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in csv.reader(io.StringIO(text)):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_batch_page_in_chinese_with_bad_rows_and_excel_out(mini_env, downloads):
    from openpyxl import load_workbook

    at = _app(locale="zh-CN").run()
    at.switch_page(BATCH_PAGE).run()
    data = BATCH_CSV.replace("Taiyuan,Moscow,general,18", "太原,莫斯科,general,18", 1)
    at.file_uploader(key="b_file").upload("货物.xlsx", _workbook_bytes(data), "application/zip")
    at.run()
    _no_failure(at)
    assert "文件按 Excel (.xlsx) 读取" in at.warning[0].value
    result, errors = at.dataframe[1].value, at.dataframe[0].value
    assert result["货物编号"].tolist() == ["A1", "A2", "A3", "A4", "A5"]
    assert result["状态"].tolist() == ["成功", "出错", "出错", "成功", "成功"]
    assert not result.isna().any().any(), "an error row's empty cells show empty, not None"
    assert errors["错误"].tolist()[0] == "第 2 行：未知地点 'Atlantis'"
    for frame in (result, errors):
        assert _english(frame.columns) == [], list(frame.columns)
    assert _english(errors["错误"]) == []
    assert _english(result["方案"].dropna()) == [] and _english(result["提示"].dropna()) == []
    sheet = load_workbook(io.BytesIO(downloads["货物_路线方案.xlsx"])).worksheets[0]
    assert sheet.title == "路线方案", "the sheet is named in the page's language"
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["货物编号", "起点", "目的地"] and rows[1][1] == "太原"
    assert downloads["货物_路线方案.csv"].decode("utf-8-sig").startswith("货物编号,起点,目的地,")


@pytest.mark.parametrize(
    ("name", "data", "en", "zh"),
    [
        ("map.png", b"\x89PNG\r\n\x1a\n" + bytes(300), "is a PNG image, not a table", "PNG 图片"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(300), "(.xls)", ".xls"),
        ("x.csv", b"shipment_id,origin\nS1,D\xfcsseldorf\n", "not text in UTF-8", "编码"),
    ],
)
def test_batch_page_names_a_file_that_is_not_a_table(mini_env, name, data, en, zh):
    for locale, expected in (("en-US", en), ("zh-CN", zh)):
        at = _app(locale=locale).run()
        at.switch_page(BATCH_PAGE).run()
        at.file_uploader(key="b_file").upload(name, data, "application/octet-stream")
        at.run()
        _no_failure(at)
        shown = at.error[0].value.replace("\\", "")  # Markdown escapes
        assert len(at.error) == 1 and expected in shown, shown


def test_route_page_in_chinese_has_no_english(mini_env, downloads):
    at = _app(locale="zh-CN", to="moscow").run()
    _no_failure(at)
    table = at.dataframe[-1].value
    shown = [*(c.value for c in at.caption), *(m.value for m in at.markdown), at.subheader[0].value]
    assert _english(shown) == [], shown
    assert _english(table["label"]) == []
    raw = downloads[next(n for n in downloads if n.endswith(".csv"))].decode("utf-8-sig")
    assert raw.startswith("排名,方案,主运输方式,运输方式,")
    assert at.multiselect(key="r_avoid").proto.select_all == 0, "no 'Select 2 matches' entry"
    at.switch_page(SCENARIO_PAGE).run()
    at.multiselect(key="s_close").set_value(["erenhot"])
    at.button(key="s_submit").click().run()
    _no_failure(at)
    spec = _deck_json(at)
    closed = next(x for x in spec["layers"] if x["id"] == "closed_points")
    assert [p["title"] for p in closed["data"]] == ["二连浩特 Erenhot"], "Chinese first"
    labels = at.dataframe[0].value["之前路线"].dropna()
    assert len(labels) and _english(labels) == []
    assumed_line = at.info[0].value  # the cargo class by its Chinese name of the cargo table
    assert "普通货物" in assumed_line and _english([assumed_line]) == [], assumed_line
    name = next(n for n in downloads if n.startswith("情景_") and n.endswith(".csv"))
    # issue 12: each row says its status and, at its end, what the scenario assumed
    text = downloads[name].decode("utf-8-sig")
    assert text.startswith("目的地,英文名,中文名,国家,状态,之前（天）")
    assumed = "起点,货物类别,重量（吨）,体积（立方米）,优先,运输方式,关闭项"
    assert text.splitlines()[0].endswith(assumed)
    assert ",普通货物," in text.splitlines()[1], "the cargo class in Chinese in the download"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en-US", "weight (t) must be at most 500000"), ("zh-CN", "重量（吨）不能超过 500000")],
)
def test_an_out_of_range_weight_is_said_in_words(mini_env, locale, expected):
    at = _app(locale=locale).run()
    at.number_input(key="r_weight").set_value(1e6)
    at.selectbox(key="r_dest").set_value("moscow")
    at.button(key="r_submit").click().run()
    _no_failure(at)
    shown = [e.value.replace("\\", "") for e in at.error]  # Markdown escapes
    assert len(shown) == 1 and expected in shown[0], shown
    assert not at.get("deck_gl_json_chart")
    at.number_input(key="r_weight").set_value(-2)
    at.button(key="r_submit").click().run()
    assert "-2" in at.error[0].value


@pytest.mark.slow
def test_platforms_receive_in_the_pages_language(monkeypatch):
    from corridors import DEFAULT_DATA_DIR

    if not (DEFAULT_DATA_DIR / "platforms.geojson").is_file():
        pytest.skip("shipped platforms not generated yet")
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)  # the shipped codes: fruit, meat...
    cases = (("zh-CN", "可接收", "进境水果"), ("en-US", "Receives", "fruit"))
    for locale, receives, fruit in cases:
        at = _app(locale=locale).run()
        at.switch_page(FIGURES_PAGE).run()
        _no_failure(at)
        platforms = next(f.value for f in at.dataframe if receives in f.value.columns)
        assert fruit in " ".join(platforms[receives]), platforms[receives].tolist()
        at.switch_page(CORRIDOR_PAGE).run()
        _no_failure(at)
        spec = _deck_json(at)
        records = next(x for x in spec["layers"] if x["id"] == "net_points")["data"]
        detail = " ".join(rec["detail"] for rec in records)
        first = "进境水果 imported fruit" if locale == "zh-CN" else "imported fruit 进境水果"
        assert first in detail, detail


def test_traditional_chinese_in_a_link_plans(mini_env):
    at = _app(locale="zh-TW", to="莫斯科", **{"from": "太原"}).run()
    _no_failure(at)
    assert not at.error and len(_table(at, "transit_days", "pareto")) >= 1


@pytest.mark.parametrize(
    ("locale", "title", "words"),
    [
        ("en-US", "How this is computed", ("well-to-wheel", "Waits", "Borders and gauge")),
        ("zh-CN", "计算方法", ("油井到车轮", "候车", "口岸与换轨")),
    ],
)
def test_route_cards_show_the_time_range_and_how_it_is_computed(mini_env, locale, title, words):
    """Issue 9: each card shows shortest – typical (bold) – longest and its CO2e method; the
    page says once how the numbers are made, in the page's language."""
    from corridors import load_network
    from planner import Planner, Query

    options = Planner(load_network(MINI)).plan(Query("taiyuan", "moscow"))
    at = _app(locale=locale, to="moscow").run()
    _no_failure(at)
    shown = [m.value for m in at.markdown]
    for option in options:
        low, typical, high = option.transit_days_min, option.transit_days, option.transit_days_max
        assert low < high, "the mini network's options have a range"
        assert any(f"{low:.1f} – **{typical:.1f}** – {high:.1f}" in text for text in shown)
    captions = [c.value for c in at.caption]
    assert sum("ISO 14083" in c and "GLEC" in c for c in captions) == len(options)
    method = next(e for e in at.expander if e.label == title)
    text = " ".join(m.value for m in method.markdown)
    assert all(word in text for word in words) and "ISO 14083" in text
    rows = method.table[0].value
    assert len(rows) >= 6 and rows.index.is_unique  # the parameters, each named once
    # the caveats of every option said once above the cards, not on each card
    said = "的运价与速度为估算值" if locale == "zh-CN" else "rates and speeds are estimates"
    assert sum(said in c for c in captions) == 1
    assert not any("parameters.csv" in c for c in captions)
    if locale == "zh-CN":
        assert _english(text.split()) == [] and _english(rows.index) == []
        assert _english(str(v) for v in rows.to_numpy().ravel()) == []


def test_the_chinese_page_offers_a_chinese_template_that_reads_back(mini_env, downloads):
    from planner.io.shipments import read_shipments
    from ui.batch_page import TEMPLATE_CSV

    at = _app(locale="zh-CN").run()
    at.switch_page(BATCH_PAGE).run()
    _no_failure(at)
    text = downloads["货物清单模板.csv"].decode("utf-8-sig")
    assert text.startswith("货物编号,起点,目的地,货物类别,重量（吨）"), text[:80]
    assert "生鲜冷链货物" in text and "最快" in text
    columns, rows, _ = read_shipments(io.StringIO(text))
    en_columns, en_rows, _ = read_shipments(io.StringIO(TEMPLATE_CSV))
    assert columns == en_columns
    assert [r[:3] for r in rows] == [r[:3] for r in en_rows]
