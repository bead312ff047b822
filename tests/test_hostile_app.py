"""The app and hostile input (issue 23): an address in the page's link is shown, never made a
link; a shipment book removed takes its flows off the scenario page."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from apptest_kit import app, no_failure

#: What GitHub's Markdown (Streamlit's) links by itself: www., a scheme's ://, an e-mail.
_AUTOLINK = re.compile(r"(?i)\bwww\\?\.|\b[a-z][a-z0-9+.-]*\\?:\\?/\\?/|[\w.+-]@[\w-]")


@pytest.mark.parametrize(
    "address", ["www.evil.example/login", "https://evil.example/login", "help@evil.example"]
)
def test_an_address_in_the_link_is_never_clickable(mini_env, address) -> None:
    at = app(to=address, close=address).run()
    no_failure(at)
    shown = [e.value for e in at.error] + [w.value for w in at.warning]
    assert shown, "the unknown destination is reported"
    assert any("evil" in text for text in shown)
    for text in shown:
        assert not _AUTOLINK.search(text), text


def test_a_removed_shipment_book_takes_its_flows_with_it(monkeypatch) -> None:
    from ui import scenario_page

    state = {scenario_page.BOOK_BYTES_KEY: b"shipment_id,origin,destination\n", "s_upload": None}
    monkeypatch.setattr(scenario_page, "st", SimpleNamespace(session_state=state))
    monkeypatch.setattr(scenario_page, "_query", lambda: ("q",))
    monkeypatch.setattr(scenario_page, "publish", lambda params: None)
    scenario_page._submit([])
    assert scenario_page.BOOK_BYTES_KEY not in state
    upload = SimpleNamespace(size=5, getvalue=lambda: b"a,b\n")
    state["s_upload"] = upload
    scenario_page._submit([])
    assert state[scenario_page.BOOK_BYTES_KEY] == b"a,b\n"
