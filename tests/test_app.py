"""The Streamlit app driven page by page with ``streamlit.testing.v1.AppTest``.

Runs on the small test network (``tests/data/mini``) so that the assertions do not depend on
the shipped data's exact content; one smoke test runs on the shipped network.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from corridors import load_network
from planner.text.columns import header
from tests.apptest_kit import (
    BATCH_CSV,
    BATCH_PAGE,
    CORRIDOR_PAGE,
    FIGURES_PAGE,
    ROOT,
    ROUTE_PAGE,
    SCENARIO_PAGE,
)
from tests.apptest_kit import app as _app
from tests.apptest_kit import deck_json as _deck_json
from tests.apptest_kit import layer_ids as _layer_ids
from tests.apptest_kit import no_failure as _no_failure
from tests.apptest_kit import table as _table
from ui import maps
from ui.corridor_page import DEFAULT_LAYERS
from ui.data import DATA_DIR_ENV

MINI = Path(__file__).resolve().parent / "data" / "mini"


# --- route page ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_route_query_through_the_form(mini_env, downloads):
    at = _app().run()
    _no_failure(at)
    assert at.info, "an empty query should invite the user to choose a destination"
    at.selectbox(key="r_dest").set_value("moscow")
    at.button(key="r_submit").click().run()
    _no_failure(at)
    assert not at.error, [e.value for e in at.error]
    # the query is in the URL, so the link reproduces it
    assert at.query_params["to"] in ("moscow", ["moscow"])
    table = _table(at, "transit_days", "pareto")
    assert len(table) >= 1
    assert {"transit_days", "cost_usd", "cost_cny", "co2e_kg", "pareto"} <= set(table.columns)
    assert table["rank"].tolist() == sorted(table["rank"].tolist())
    assert at.metric, "no option cards"
    spec = _deck_json(at)
    ids = _layer_ids(spec)
    assert ids[0] == "water" and "route_legs" in ids and "route_markers" in ids
    legs = next(layer for layer in spec["layers"] if layer["id"] == "route_legs")
    assert legs["data"] and all(len(rec["path"]) >= 2 for rec in legs["data"])
    assert "mapProvider" not in spec or spec["mapProvider"] is None
    assert spec.get("mapStyle") == "__MAP_STYLE__", "map_style=None would fetch Carto tiles"


def test_link_reproduces_the_query(mini_env):
    at = _app(to="moscow", prio="fastest", w="18", v="40").run()
    _no_failure(at)
    assert at.selectbox(key="r_dest").value == "moscow"
    assert at.segmented_control(key="r_priority").value == "fastest"
    assert at.number_input(key="r_weight").value == 18
    assert len(_table(at, "transit_days", "pareto")) >= 1


def test_query_survives_a_visit_to_another_page(mini_env):
    at = _app(to="moscow", prio="cheapest").run()
    rows = len(_table(at, "transit_days", "pareto"))
    at.switch_page(CORRIDOR_PAGE).run()
    at.switch_page(ROUTE_PAGE).run()
    _no_failure(at)
    assert at.selectbox(key="r_dest").value == "moscow"
    assert at.segmented_control(key="r_priority").value == "cheapest"
    assert len(_table(at, "transit_days", "pareto")) == rows


def test_downloads_are_the_planners_csv_and_geojson(mini_env, downloads):
    at = _app(to="moscow").run()
    _no_failure(at)
    csv_name = next(name for name in downloads if name.endswith(".csv"))
    raw = downloads[csv_name]
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV for Excel/WPS needs a BOM"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(_table(at, "transit_days", "pareto"))
    assert {"rank", "transit_days", "cost_usd", "cost_cny", "co2e_kg"} <= set(rows[0])
    geo_name = next(name for name in downloads if name.endswith(".geojson"))
    doc = json.loads(downloads[geo_name])
    assert doc["type"] == "FeatureCollection"
    legs = [f for f in doc["features"] if f["properties"].get("feature") == "leg"]
    assert legs and all(f["properties"]["mode"] in {"air", "rail", "road", "sea"} for f in legs)


def test_choosing_another_option_redraws_the_map(mini_env):
    at = _app(to="moscow", n="3").run()
    _no_failure(at)
    ranks = _table(at, "transit_days", "pareto")["rank"].tolist()
    if len(ranks) < 2:
        pytest.skip("the test network offers a single option for this query")
    first = _deck_json(at)
    at.segmented_control(key="r_option").set_value(ranks[1]).run()
    _no_failure(at)
    second = _deck_json(at)
    assert at.query_params.get("opt") in (str(ranks[1]), [str(ranks[1])])
    legs = [next(x for x in s["layers"] if x["id"] == "route_legs") for s in (first, second)]
    assert legs[0]["data"] != legs[1]["data"]


def test_unknown_place_is_one_clear_message(mini_env):
    at = _app(to="Atlantis").run()
    _no_failure(at)
    assert len(at.error) == 1
    assert "Atlantis" in at.error[0].value
    # the app keeps working: a known destination plans
    at.selectbox(key="r_dest").set_value("moscow")
    at.button(key="r_submit").click().run()
    _no_failure(at)
    assert not at.error
    assert len(_table(at, "transit_days", "pareto")) >= 1


def test_planner_errors_are_one_line_in_chinese_too(mini_env):
    at = _app(locale="zh-CN", to="taiyuan").run()  # origin and destination are the same
    _no_failure(at)
    assert len(at.error) == 1
    assert at.error[0].value.startswith("无法规划：")
    assert not at.get("deck_gl_json_chart")


def test_bad_link_values_fall_back_to_defaults(mini_env):
    at = _app(w="abc", prio="teleport").run()
    _no_failure(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "w=" in warnings and "prio=" in warnings
    assert at.number_input(key="r_weight").value == 10
    assert at.segmented_control(key="r_priority").value == "balanced"


# --- language ----------------------------------------------------------------------------------


def test_language_follows_the_browser_and_switches(mini_env):
    at = _app(locale="zh-CN").run()
    _no_failure(at)
    assert at.radio(key="lang").value == "zh"
    assert at.header[0].value == "从山西出发的出口路线"
    at.radio(key="lang").set_value("en").run()
    _no_failure(at)
    assert at.header[0].value == "Export routes from Shanxi"
    assert at.query_params["lang"] in ("en", ["en"])


def test_link_language_wins_over_the_browser(mini_env):
    at = _app(locale="zh-CN", lang="en").run()
    assert at.radio(key="lang").value == "en"


# --- corridor map ------------------------------------------------------------------------------


def test_corridor_map_layers_toggle(mini_env):
    at = _app().run()
    at.switch_page(CORRIDOR_PAGE).run()
    _no_failure(at)
    spec = _deck_json(at)
    # the basemap, the lines and the labels are pictures (ui.corridor_pictures): the world's
    # beneath the view's; the places and platforms are one vector layer, for their tooltips
    assert _layer_ids(spec) == ["picture_world", "picture_frame", "net_points"]
    layers = {x["id"]: x for x in spec["layers"]}
    # served as media files beside the spec (which the browser parses slowly), not inline
    assert re.fullmatch(r"/\S*media/[0-9a-f]+\.png", layers["picture_frame"]["image"])
    network = load_network(MINI)
    points = layers["net_points"]["data"]
    # platforms within 2 km of each other are one dot (ui.map_network.platform_records)
    assert len(points) == len(network.nodes) + len(maps.platform_records(network))
    assert all(rec["title"] and rec["detail"] for rec in points), "tooltips need text"
    pictures = {k: layers[k]["image"] for k in ("picture_world", "picture_frame")}

    # the lines' own layer, for their tooltips, is a choice
    at.pills(key="c_layers").set_value([*DEFAULT_LAYERS, "links"]).run()
    _no_failure(at)
    spec = _deck_json(at)
    assert _layer_ids(spec) == ["picture_world", "picture_frame", "net_lines", "net_points"]
    lines = spec["layers"][2]
    assert all(rec["title"] and rec["detail"] for rec in lines["data"]), "tooltips need text"
    assert lines["widthUnits"] == "pixels"
    groups = maps.network_records(network)
    shown = [g for g in DEFAULT_LAYERS if g in groups]
    assert len(lines["data"]) == sum(len(groups[g]) for g in shown)
    colours = {tuple(rec["color"]) for rec in lines["data"]}
    land, air = ({tuple(rec["color"]) for rec in groups[g]} for g in ("land", "air"))
    assert land <= colours and air <= colours and not land & air, (land, air)

    at.pills(key="c_layers").set_value(["air"]).run()
    _no_failure(at)
    spec = _deck_json(at)
    assert _layer_ids(spec) == ["picture_world", "picture_frame"], "no dots, no line layer"
    layers = {x["id"]: x for x in spec["layers"]}
    for key, before in pictures.items():  # the land lines and the labels are gone
        assert layers[key]["image"] != before, key
    assert at.query_params["layers"] in ("air", ["air"])


def test_figures_page(mini_env):
    at = _app().run()
    at.switch_page(CORRIDOR_PAGE).run()
    assert any(link.label == "Figures per corridor, key figures and the platforms"
               for link in at.get("page_link"))  # fmt: skip
    at.switch_page(FIGURES_PAGE).run()
    _no_failure(at)
    assert any(m.value == "825" for m in at.metric), "the seed's 825 trains are shown"
    assert len(at.dataframe[0].value) >= 1
    at.selectbox(key="c_detail").set_value("land_erenhot").run()
    _no_failure(at)
    detail = " ".join(m.value for m in at.markdown)
    assert "Moscow" in detail and "Destinations" in detail
    # on the mini network Erenhot is the shortest way to all three rail destinations
    assert "First choice** (3)" in detail
    figures = at.dataframe[0].value.set_index("Name")
    assert figures.at["Erenhot land corridor", "First choice"] == 3


# --- scenario ----------------------------------------------------------------------------------


def test_scenario_closing_a_crossing(mini_env, downloads):
    at = _app().run()
    at.switch_page(SCENARIO_PAGE).run()
    _no_failure(at)
    at.multiselect(key="s_close").set_value(["erenhot"])
    at.button(key="s_submit").click().run()
    _no_failure(at)
    assert not at.error, [e.value for e in at.error]
    table = at.dataframe[0].value
    assert len(table) >= 1
    # figures as text the grid holds beside a dash (no failing over to text on every run)
    for column, pattern in (("Days before", r"\d+\.\d|—"), ("USD before", r"\d{1,3}(,\d{3})*|—")):
        assert all(re.fullmatch(pattern, str(v)) for v in table[column]), table[column].tolist()
    assert at.query_params["close"] in ("erenhot", ["erenhot"])
    spec = _deck_json(at)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert len(layers["destinations"]["data"]) == len(table)
    # the page is English: the English name first (issue 11: Chinese came first on every page)
    assert [p["title"] for p in layers["closed_points"]["data"]] == ["Erenhot 二连浩特"]
    name = next(n for n in downloads if n.startswith("scenario_"))
    assert downloads[name].startswith(b"\xef\xbb\xbf")
    # the scenario is still there after a visit to another page
    at.switch_page(BATCH_PAGE).run()
    at.switch_page(SCENARIO_PAGE).run()
    _no_failure(at)
    assert at.multiselect(key="s_close").value == ["erenhot"]
    assert len(at.dataframe[0].value) == len(table)


def test_scenario_says_what_it_assumed_and_shows_flows(mini_env, downloads):
    at = _app(close="erenhot", modes="rail,road,sea", weight_t="4", book="sample").run()
    at.switch_page(SCENARIO_PAGE).run()
    _no_failure(at)
    assert at.query_params["modes"] in ("rail,road,sea", ["rail,road,sea"])
    info = at.info[0].value
    assert "4 t" in info and "rail, road, sea" in info and "closed: Erenhot" in info
    metrics = {m.label: int(m.value) for m in at.metric}
    assert sum(metrics.values()) == len(at.dataframe[0].value)
    # six counts side by side: a longer label was cut ("no route before ...")
    assert max(len(label) for label in metrics) <= 16, metrics
    assert set(at.dataframe[0].value["Status"]) <= set(metrics)
    flows = at.dataframe[1].value
    assert "Shipments before" in flows.columns and flows["Shipments before"].sum() > 0
    layers = {layer["id"] for layer in _deck_json(at)["layers"]}
    assert {"flows_before", "flows_after"} <= layers
    report = json.loads(downloads[next(n for n in downloads if n.endswith(".json"))])
    assert report["assumptions"]["weight_t"] == 4.0
    assert report["assumptions"]["shipments"] == "sample_shipments_illustrative.csv"
    labels = {b.proto.label for b in at.get("download_button")}
    assert not {"Download the map (PDF)", "Download a one-page report (PDF)"} & labels
    # the files are drawn once when asked for, then handed over as bytes (never deferred: a
    # second click within a second found no file, issue 22 item 5)
    prepare = [b for b in at.button if b.key.endswith(("_map_prepare", "_report_prepare"))]
    assert len(prepare) == 2
    # each as wide as its two downloads: in a quarter of the page its label was cut
    halves = [c.weight for c in at.columns if any(b.key.endswith("_prepare") for b in c.button)]
    assert halves == [0.5, 0.5]
    for button in prepare:
        button.click().run()
        _no_failure(at)
    labels = {b.proto.label for b in at.get("download_button")}
    assert {"Download the map (PDF)", "Download a one-page report (PDF)"} <= labels
    drawn = {n: downloads[n] for n in downloads if n.endswith((".pdf", ".png"))}
    assert len(drawn) == 4 and all(b.startswith((b"%PDF", b"\x89PNG")) for b in drawn.values())
    assert not [b for b in at.button if b.key.endswith("_prepare")], "prepared once per result"


# --- batch -------------------------------------------------------------------------------------


def test_batch_upload_shows_errors_per_row(mini_env, downloads):
    at = _app().run()
    at.switch_page(BATCH_PAGE).run()
    _no_failure(at)
    at.file_uploader(key="b_file").upload("shipments.csv", BATCH_CSV.encode(), "text/csv")
    at.run()
    _no_failure(at)
    result = _table(at, "Shipment ID", "Status")
    assert result["Shipment ID"].tolist() == ["A1", "A2", "A3", "A4", "A5"]
    # people's words in the headers (issue 22 item 3): no column id, an id only in an ID column
    assert not [c for c in result.columns if "_" in c], list(result.columns)
    assert {"Weight (t)", "Exit port", "Exit port ID", "Pareto-optimal"} <= set(result.columns)
    # the cargo class by its name in the page's language (issue 22 item 6), the file by its id
    cargo = result[header("cargo", "en", page=True)].tolist()
    assert cargo[0] == "General cargo" and "general" not in cargo, cargo
    errors = _table(at, "Shipment ID", "Error")
    assert "A2" in errors["Shipment ID"].tolist() and "A3" in errors["Shipment ID"].tolist()
    assert any("Atlantis" in e for e in errors["Error"])
    assert at.warning, "a batch with errors is summarised as a warning"
    out = downloads["shipments_routes.csv"]
    assert out.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8-sig"))))
    assert len(rows) == 5 and rows[0]["cargo"] == "general"


def test_batch_broken_file_is_one_message(mini_env):
    at = _app().run()
    at.switch_page(BATCH_PAGE).run()
    at.file_uploader(key="b_file").upload("bad.csv", b"name,where\nx,y\n", "text/csv")
    at.run()
    _no_failure(at)
    assert len(at.error) == 1 and "origin" in at.error[0].value
    # still usable: a good file afterwards works
    at.file_uploader(key="b_file").clear().upload("ok.csv", BATCH_CSV.encode(), "text/csv")
    at.run()
    _no_failure(at)
    assert not at.error
    assert len(_table(at, "Shipment ID", "Status")) == 5


def test_batch_oversized_upload_is_refused(mini_env):
    from ui.common import MAX_UPLOAD_BYTES

    big = BATCH_CSV.encode() + b"A9,Taiyuan,Moscow\n" * (MAX_UPLOAD_BYTES // 18 + 1)
    at = _app().run()
    at.switch_page(BATCH_PAGE).run()
    at.file_uploader(key="b_file").upload("big.csv", big, "text/csv")
    at.run()
    _no_failure(at)
    assert len(at.error) == 1 and "limit" in at.error[0].value
    assert not at.get("dataframe")


# --- broken data -------------------------------------------------------------------------------


def test_unreadable_data_is_one_message_per_page(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "no-such-directory"))
    at = _app().run()
    _no_failure(at)
    assert len(at.error) == 1 and "no-such-directory" in at.error[0].value
    for page in (CORRIDOR_PAGE, FIGURES_PAGE, SCENARIO_PAGE, BATCH_PAGE):
        at.switch_page(page).run()
        _no_failure(at)
        assert len(at.error) == 1, page
    assert at.radio(key="lang").value == "en", "the sidebar still works"


# --- the shipped network -----------------------------------------------------------------------


def _on_shipped_data(monkeypatch, needs: str, **query: str) -> AppTest:
    """The app run on the shipped data (skipped when the file ``needs`` is not built)."""
    from corridors import DEFAULT_DATA_DIR

    if not (DEFAULT_DATA_DIR / needs).is_file():
        pytest.skip(f"shipped {needs} not generated yet")
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    at = _app(**query).run()
    _no_failure(at)
    assert not at.error, [e.value for e in at.error]
    return at


@pytest.mark.slow
def test_every_page_runs_on_the_shipped_network(monkeypatch):
    at = _on_shipped_data(monkeypatch, "nodes.geojson", to="moscow", **{"from": "yuncheng"})
    assert len(_table(at, "transit_days", "pareto")) >= 1
    for page in (CORRIDOR_PAGE, FIGURES_PAGE, SCENARIO_PAGE, BATCH_PAGE):
        at.switch_page(page).run()
        _no_failure(at)
        assert not at.error, (page, [e.value for e in at.error])


def test_an_import_says_import_and_names_its_site(monkeypatch):
    """Issue 24: from abroad into Shanxi, the page says import and each card its site."""
    at = _on_shipped_data(monkeypatch, "import_sites.csv", to="taiyuan", cargo="fruit",
                          **{"from": "santiago"})
    assert at.selectbox(key="r_origin").value == "santiago"  # a network place (its airport)
    assert at.header[0].value == "Import routes into Shanxi"
    assert at.subheader[0].value.startswith("Import")
    cards = " ".join(m.value for m in at.markdown)
    assert "Customs clearance site" in cards and "Taiyuan Wusu" in cards
    at.radio(key="lang").set_value("zh").run()
    _no_failure(at)
    assert at.header[0].value == "进口到山西的路线"
    assert "通关查验场地" in " ".join(m.value for m in at.markdown)


def test_a_county_seat_and_a_city_of_the_world_from_a_link(monkeypatch):
    """Issue 10: the pickers hold Shanxi's county seats and the world's cities."""
    at = _on_shipped_data(monkeypatch, "gazetteer.csv", to="Casablanca", **{"from": "祁县"})
    assert at.selectbox(key="r_origin").value == "gn:1797431"  # Qi County's seat
    assert at.selectbox(key="r_dest").value == "gn:2553604"
    assert "seat:xiaoyi" in at.selectbox(key="r_origin").options or any(
        "Xiaoyi" in o for o in at.selectbox(key="r_origin").options
    )
    assert len(_table(at, "transit_days", "pareto")) >= 1


# --- strings -----------------------------------------------------------------------------------


def test_every_string_the_app_uses_exists_in_both_languages():

    from ui.i18n import STRINGS

    assert all(zh.strip() and en.strip() for zh, en in STRINGS.values())
    used: set[str] = set()
    prefixes: set[str] = set()
    for path in [ROOT / "app.py", *(ROOT / "ui").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        # t(key) and, on the maps, bilingual(key) (the key in both languages)
        used |= set(re.findall(r"""\b(?:t|bilingual)\(\s*["']([a-z_0-9]+)["']\s*[,)]""", text))
        prefixes |= set(re.findall(r"""\b(?:t|bilingual)\(\s*f["']([a-z_]+)\{""", text))
        prefixes |= set(re.findall(r"""\b(?:t|bilingual)\(\s*["']([a-z_]+)["']\s*\+""", text))
        prefixes |= set(re.findall(r"""labeller\(\s*["']([a-z_]+)["']""", text))
    assert used, "the scan found no t() calls"
    missing = sorted(used - set(STRINGS))
    assert not missing, f"strings used but not defined: {missing}"
    for prefix in prefixes:  # t(f"mode_{...}") and labeller("cargo_"): the family must exist
        assert any(key.startswith(prefix) for key in STRINGS), prefix
    from ui.route_page import PRIORITY

    for key in [f"priority_{p}" for p in PRIORITY]:  # a cargo class's names are its row's
        assert key in STRINGS, key
    from corridors import Mode

    for mode in Mode:
        assert f"mode_{mode.value}" in STRINGS


# --- what a link carries is shown, never obeyed ---------------------------------------------------


@pytest.mark.parametrize(
    "crafted",
    ["![x](http://evil.example/t.png)", "[log in](http://evil.example/)", ":red[alert] $x$"],
)
def test_a_crafted_link_is_shown_literally(mini_env, crafted):
    at = _app(to=crafted, close=crafted).run()
    _no_failure(at)
    shown = [e.value for e in at.error] + [w.value for w in at.warning]
    assert shown, "the unknown destination is reported"
    for text in shown:
        # every Markdown syntax character of the link's text arrives escaped
        assert "](" not in text.replace("\\](", "") and "![" not in text.replace("\\!\\[", "")
        assert ":red[" not in text


def test_a_link_from_a_place_that_is_not_an_origin_plans_from_the_default(mini_env):
    at = _app(**{"from": "moscow", "to": "ulaanbaatar"}).run()
    _no_failure(at)
    assert at.selectbox(key="r_origin").value == "taiyuan"
    assert any("from" in w.value for w in at.warning)
    assert at.subheader and at.subheader[0].value.startswith("Taiyuan")


def test_close_options_number_their_bubbles_apart_on_the_chart(mini_env):
    """Options close together on the cost-time chart (the trains often are) write their
    numbers on different sides of their bubbles: three ranks in a row, three places."""
    at = _app(to="moscow").run()
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    offsets = {(layer["mark"]["dx"], layer["mark"]["dy"]) for layer in texts}
    filters = [layer["transform"][0]["filter"] for layer in texts]
    assert len(offsets) == len(texts) == 3
    assert sorted(f.rsplit("=== ", 1)[1].rstrip(")") for f in filters) == ["0", "1", "2"]
