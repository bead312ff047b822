"""Choices that survive a language switch (issue 22, item 1), driven with AppTest.

A choice widget travels to the browser as its *label*; the browser sends that label back with
the next submit. After a switch the labels change, so the page must hand every choice widget its
value again (``set_value``) labelled in the new language, or the browser's old label names no
option ("unknown place 'Taiyuan · 太原 (City, CN)'"). The browser test repeats this end to end.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from tests.apptest_kit import SCENARIO_PAGE
from tests.apptest_kit import app as _app
from tests.apptest_kit import no_failure as _no_failure


def _url(at) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def _planned_route(at):
    at.selectbox(key="r_dest").set_value("moscow")
    at.selectbox(key="r_cargo").set_value("perishable")
    at.segmented_control(key="r_priority").set_value("fastest")
    at.button(key="r_submit").click().run()
    _no_failure(at)
    return at


def test_a_switch_hands_every_choice_its_label_in_the_new_language(mini_env):
    at = _planned_route(_app().run())
    at.radio(key="lang").set_value("zh").run()
    _no_failure(at)
    for key, expected in (("r_origin", "taiyuan"), ("r_dest", "moscow"), ("r_cargo", "perishable")):
        box = at.selectbox(key=key)
        assert box.value == expected
        assert box.proto.set_value, f"{key} keeps the English label in the browser"
        assert box.proto.raw_value == box.format_func(expected)
        assert "·" not in expected and box.proto.raw_value != expected
    assert at.segmented_control(key="r_priority").proto.set_value


def test_re_planning_after_switching_both_ways_keeps_the_query_in_ids(mini_env):
    at = _planned_route(_app().run())
    before = at.session_state["r_query"]
    for lang in ("zh", "en"):
        at.radio(key="lang").set_value(lang).run()
        at.button(key="r_submit").click().run()
        _no_failure(at)
        assert not at.error, [e.value for e in at.error]
        assert at.session_state["r_query"] == before
    url = _url(at)
    assert url["to"] == "moscow" and url["cargo"] == "perishable" and url["prio"] == "fastest"
    assert all(" " not in v and "·" not in v for v in url.values()), url


def test_the_scenario_page_keeps_its_choices_across_a_switch(mini_env):
    at = _app().run()
    at.switch_page(SCENARIO_PAGE).run()
    at.multiselect(key="s_close").set_value(["erenhot"])
    at.selectbox(key="s_cargo").set_value("perishable")
    at.button(key="s_submit").click().run()
    query = at.session_state["s_query"]
    at.radio(key="lang").set_value("zh").run()
    _no_failure(at)
    assert at.multiselect(key="s_close").proto.set_value
    assert at.selectbox(key="s_cargo").proto.set_value
    at.button(key="s_submit").click().run()
    _no_failure(at)
    assert at.session_state["s_query"] == query
    assert dict(parse_qsl("close=erenhot")).items() <= _url(at).items()



def test_the_glossary_explains_each_term_on_every_page_in_both_languages(mini_env):
    from tests.apptest_kit import BATCH_PAGE, CORRIDOR_PAGE, FIGURES_PAGE

    cases = (
        ("en-US", ("FEU", "WTW", "GLEC", "ISO 14083", "审图号")),
        ("zh-CN", ("FEU", "油井到车轮", "GLEC", "ISO 14083", "审图号")),
    )
    for locale, terms in cases:
        at = _app(locale=locale).run()
        for page in (None, BATCH_PAGE, CORRIDOR_PAGE, FIGURES_PAGE, SCENARIO_PAGE):
            if page:
                at.switch_page(page).run()
            _no_failure(at)
            text = " ".join(m.value for m in at.sidebar.markdown)
            assert all(term in text for term in terms), (locale, page, text[:200])


def test_the_uploader_speaks_the_pages_language(mini_env):
    from tests.apptest_kit import BATCH_PAGE

    at = _app(locale="zh-CN").run()
    at.switch_page(BATCH_PAGE).run()
    css = " ".join(str(h.proto.body) for h in at.get("html"))
    assert '"上传文件"' in css and "每个文件最大" in css, css[:300]


def test_an_english_page_names_the_bulletin_in_english_and_one_date():
    from planner.text.citing import publication

    title = "山西省商务厅《开发区建设》专刊 2024年第36期"
    assert publication(title, "en").startswith("Shanxi Department of Commerce")
    assert publication(title + " (seed bulletin): 口岸和开放平台", "zh") == title
    assert publication("Xinhua 2024-05-01", "en") == "Xinhua 2024-05-01"
    from ui.figures_page import _widest

    assert _widest({"2024-09", "2024-09-18"}) == ["2024-09"]
    assert _widest({"2024-08", "2024-09-18"}) == ["2024-08", "2024-09-18"]


def test_totals_read_as_more_or_less_not_as_signs():
    from planner.text.scenario_words import totals_line

    totals = dict(shipments=12, weight_t=100, shipments_invalid=0, unplanned_after=1)
    totals |= dict(unplanned_before=0, extra_days=89.1, extra_cost_usd=-1200, extra_co2e_t=0.0)
    zh, en = totals_line(totals, "zh"), totals_line(totals, "en")
    assert "多用 89.1 天、节省 1,200 美元、碳排放不变" in zh and "+" not in zh and "−" not in zh
    assert "89.1 days more, 1,200 USD less, the same CO2e" in en and "+" not in en


def test_a_removed_book_clears_its_flows_with_a_message(mini_env):
    at = _app(close="erenhot", book="upload").run()
    at.switch_page(SCENARIO_PAGE).run()
    _no_failure(at)
    assert any("shipment book" in i.value for i in at.info), [i.value for i in at.info]
    assert not at.session_state["s_query"] or "s_flows" not in [d.key for d in at.dataframe]


def test_a_label_of_either_language_names_its_place(mini_env):
    """Under load the browser may send the destination's label of the language being left; the
    typed-names box takes it as text (AppTest sends a choice by its index, so it cannot send
    one). The route page reads such a text as the place it labels, never as an unknown name."""
    from ui import common

    at = _planned_route(_app().run())
    english = at.selectbox(key="r_dest").format_func("moscow")
    at.radio(key="lang").set_value("zh").run()
    chinese = at.selectbox(key="r_dest").format_func("moscow")
    assert english != chinese and "·" in english
    assert common.place_of_label(english) == common.place_of_label(chinese) == "moscow"
    assert common.place_of_label("Moscow") is None  # a typed name is the planner's to resolve
