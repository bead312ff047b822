"""A scenario's sentences in English or Chinese: what it assumed, what happened, the totals.

The CLI's table, the one-page report and the app's page say these the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.text.columns import PRIORITY_ZH

__all__ = ["NEVER_REACHED", "STATUS_WORDS", "assumption_line", "headline", "totals_line"]

#: Each destination status (planner.outcomes.STATUSES) in (en, zh).
STATUS_WORDS = {
    status: (en, zh)
    for status, en, zh in (
        ("worse", "worse", "变差"),
        ("mixed", "mixed (faster but dearer, or the reverse)", "有得有失（更快但更贵，或相反）"),
        ("better", "better", "变好"),
        ("unreachable", "unreachable", "不可达"),
        ("unchanged", "unchanged", "不变"),
    )
}
#: The remark of a destination that had no route before the closure either.
NEVER_REACHED = (
    "no route before the closure either, with these modes",
    "在这些运输方式下，关闭前也无路线",
)
_MODES_ZH = {"air": "航空", "rail": "铁路", "road": "公路", "sea": "海运"}


def _zh(lang: str) -> bool:
    return lang == "zh"


def assumption_line(
    assumptions: Mapping[str, Any], lang: str = "en", cargo_zh: Mapping[str, str] | None = None
) -> str:
    """``Assumed shipment: general cargo, 10 t, 30 m³, balanced, from Taiyuan; modes ...``."""
    origin = assumptions.get("origin") or {}
    names = assumptions.get("close_names") or [
        {"name_en": c, "name_zh": c} for c in assumptions.get("close") or ()
    ]
    key = "name_zh" if _zh(lang) else "name_en"
    close = ("、" if _zh(lang) else ", ").join(n[key] for n in names) or "—"
    if _zh(lang):
        modes = "、".join(_MODES_ZH.get(m, m) for m in assumptions["modes"])
        return (
            f"假定货物：{(cargo_zh or {}).get(assumptions['cargo'], assumptions['cargo'])}，"
            f"{assumptions['weight_t']:g} 吨，{assumptions['volume_m3']:g} 立方米，"
            f"{PRIORITY_ZH.get(assumptions['priority'], assumptions['priority'])}，"
            f"从{origin.get('name_zh') or origin.get('id', '')}发出；"
            f"运输方式：{modes}；关闭：{close}"
        )
    return (
        f"Assumed shipment: {assumptions['cargo']} cargo, {assumptions['weight_t']:g} t, "
        f"{assumptions['volume_m3']:g} m³, priority {assumptions['priority']}, from "
        f"{origin.get('name_en') or origin.get('id', '')}; modes: "
        f"{', '.join(assumptions['modes'])}; closed: {close}"
    )


def headline(counts: Mapping[str, int], lang: str = "en") -> str:
    """``Of 112 destinations: 8 worse, 1 mixed, 1 better, 0 unreachable, 102 unchanged``."""
    total = sum(counts.get(s, 0) for s in STATUS_WORDS)
    index = 1 if _zh(lang) else 0
    parts = [f"{counts.get(s, 0)} {words[index]}" for s, words in STATUS_WORDS.items()]
    if _zh(lang):
        return f"{total} 个目的地中：" + "，".join(
            f"{words[1]} {counts.get(s, 0)} 个" for s, words in STATUS_WORDS.items()
        )
    return f"Of {total} destinations: " + ", ".join(parts)


def totals_line(totals: Mapping[str, Any], lang: str = "en") -> str:
    """The shipment book's totals in one line (empty without a book)."""
    if "shipments" not in totals:
        return ""
    t = dict(totals)
    if _zh(lang):
        return (
            f"货物清单 {t['shipments']} 票（{t['weight_t']:,.0f} 吨；"
            f"无效 {t['shipments_invalid']} 票）："
            f"关闭后无法规划 {t['unplanned_after']} 票（之前 {t['unplanned_before']} 票）；"
            f"合计增加 {t['extra_days']:+,.1f} 天、{t['extra_cost_usd']:+,.0f} 美元、"
            f"{t['extra_co2e_t']:+,.1f} 吨 CO2e"
        )
    return (
        f"Shipment book: {t['shipments']} shipments ({t['weight_t']:,.0f} t; "
        f"{t['shipments_invalid']} invalid): {t['unplanned_after']} unplanned after the closure "
        f"({t['unplanned_before']} before); in all {t['extra_days']:+,.1f} days, "
        f"{t['extra_cost_usd']:+,.0f} USD, {t['extra_co2e_t']:+,.1f} t CO2e"
    )
