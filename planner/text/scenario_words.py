"""A scenario's sentences in English or Chinese: what it assumed, what happened, the totals.

The CLI's table, the one-page report and the app's page say these the same way, in the words
of the catalogue's ``scenario.*`` keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.text.words import catalogue, join, section, words

__all__ = ["NEVER_REACHED", "STATUS_WORDS", "assumption_line", "headline", "totals_line"]

#: Each destination status (planner.outcomes.STATUSES) in (en, zh).
STATUS_WORDS = {
    status: (en, section("scenario.status", "zh")[status])
    for status, en in section("scenario.status", "en").items()
}
#: The remark of a destination that had no route before the closure either.
NEVER_REACHED = (words("scenario.never_reached", "en"), words("scenario.never_reached", "zh"))


def assumption_line(
    assumptions: Mapping[str, Any], lang: str = "en", cargo_zh: Mapping[str, str] | None = None
) -> str:
    """``Assumed shipment: general cargo, 10 t, 30 m³, balanced, from Taiyuan; modes ...``."""
    lang = "zh" if lang == "zh" else "en"
    origin = assumptions.get("origin") or {}
    names = assumptions.get("close_names") or [
        {"name_en": c, "name_zh": c} for c in assumptions.get("close") or ()
    ]
    key = f"name_{lang}"
    closed = join((n[key] for n in names), lang) or words("scenario.nothing_closed", lang)
    cargo, priority = assumptions["cargo"], assumptions["priority"]
    return words(
        "scenario.assumed",
        lang,
        cargo=(cargo_zh or {}).get(cargo, cargo) if lang == "zh" else cargo,
        weight_t=assumptions["weight_t"],
        volume_m3=assumptions["volume_m3"],
        priority=catalogue(lang).get(f"priority.{priority}", priority),
        origin=origin.get(key) or origin.get("id", ""),
        modes=join((catalogue(lang).get(f"mode.{m}", m) for m in assumptions["modes"]), lang),
        closed=closed,
    )


def headline(counts: Mapping[str, int], lang: str = "en") -> str:
    """``Of 112 destinations: 8 worse, 1 mixed, 1 better, 0 unreachable, 102 unchanged``."""
    statuses = section("scenario.status", lang)
    total = sum(counts.get(s, 0) for s in statuses)
    parts = (
        words("scenario.headline_part", lang, count=counts.get(s, 0), status=word)
        for s, word in statuses.items()
    )
    return words("scenario.headline", lang, total=total, parts=join(parts, lang, "comma"))


def totals_line(totals: Mapping[str, Any], lang: str = "en") -> str:
    """The shipment book's totals in one line (empty without a book)."""
    if "shipments" not in totals:
        return ""
    changes = [_change(name, totals.get(key), lang) for name, key in _CHANGES]
    return words("scenario.totals", lang, changes=join(changes, lang), **totals)


#: The totals said as a change, each by its ``scenario.change.<name>_up|down|same`` words.
_CHANGES = (("days", "extra_days"), ("cost", "extra_cost_usd"), ("co2e", "extra_co2e_t"))


def _change(name: str, value: Any, lang: str) -> str:
    """A total's change in words: "3.0 days more", "5.9 t CO2e less" (no signs to read)."""
    value = float(value or 0.0)
    way = "up" if value > 0 else "down" if value < 0 else "same"
    return words(f"scenario.change.{name}_{way}", lang, value=abs(value))
