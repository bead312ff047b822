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

