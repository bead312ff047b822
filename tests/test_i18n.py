"""ui.i18n: the planner's warnings read in Chinese (taken from real plans, so a changed
planner text that the translation no longer knows shows up here)."""

from __future__ import annotations

import re

from planner import Shipment, plan
from ui.i18n import planner_warning


def _warnings(real_network) -> set[str]:
    queries = [
        ("yuncheng", "rotterdam", Shipment("perishable", 18, 60)),  # long sea: too slow
        # the Red Sea: sea legs to Europe go round the Cape since 2024 (sea.suez_open = 0),
        # a leg to Jeddah still sails the Red Sea
        ("yuncheng", "jeddah", Shipment("perishable", 18, 60)),
        ("taiyuan", "tokyo", Shipment("dangerous", 10, 30)),  # no air, with the reason
        ("taiyuan", "frankfurt", Shipment("general", 120, 200)),  # air: several freighters
    ]
    found: set[str] = set()
    for origin, destination, shipment in queries:
        for option in plan(origin, destination, shipment, alternatives=8, network=real_network):
            found.update(option.warnings)
    return found


def test_every_planner_warning_has_a_chinese_reading(real_network) -> None:
    warnings = _warnings(real_network)
    kinds = {
        "perishable": r"perishable cargo keeps",
        "red_sea": r"Red Sea",
        "no_mode": r"^no air option for dangerous cargo",
        "estimate": r"are estimates",
        "freighters": r"several flights",
    }
    for kind, pattern in kinds.items():
        assert any(re.search(pattern, w) for w in warnings), f"no {kind} warning was produced"
    for warning in warnings:
        zh = planner_warning(warning, "zh")
        assert zh != warning
        assert not re.search(r"[A-Za-z]{3,}", zh.replace("geodata/parameters.csv", "")), zh
        assert planner_warning(warning, "en") == warning


def test_an_unknown_warning_is_left_as_the_planner_wrote_it() -> None:
    assert planner_warning("something new", "zh") == "something new"
