"""What an answer says once: its notes for every option, and "How this is computed".

The section explains where the time, the waits, the costs and the CO2e of the cards come from,
with the parameters' values read from the planner's table, and lists the rows the answer cites
(its estimates and its CO2e intensities). The sources are English texts: the Chinese page names
each parameter, its value and date, and says where to read the source, never an English line.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner.model.params import Parameters
from planner.search.answer import Answer
from planner.text import citing
from planner.text.messages import render
from planner.text.words import join, words
from ui import i18n
from ui.i18n import t

__all__ = ["show_answer_notes", "show_method"]

#: Rows of the table the explanation quotes besides the answer's own.
_METHOD_KEYS = (
    "freq.land_per_week",
    "freq.rail_sea_per_week",
    "freq.sea_per_week",
    "freq.air_per_week",
    "border.dwell_hours",
    "gauge_change.hours",
)


def show_answer_notes(answer: Answer) -> None:
    """Above the cards, once: the notes that hold for every option, and a line saying which
    parameters are estimates (named with their sources in :func:`show_method`)."""
    lang = i18n.current()
    lines = [f"- {render(note, lang)}" for note in answer.caveats]
    modes, codes = answer.estimated_modes, {note.code for note in answer.notes}
    estimates = []
    if modes:
        estimates.append(t("estimates_rates", modes=_listed([t(f"mode_{m}") for m in modes])))
    if "estimated_factors" in codes:
        estimates.append(t("estimates_factors"))
    if estimates:
        lines.append("- " + join([*estimates, t("estimates_where")], lang, "sentence"))
    if lines:
        st.caption("\n".join([t("answer_notes"), *lines]))


def _listed(items: list[str]) -> str:
    """``air, rail and road``: a list as the page's language writes one (``sep.*`` words)."""
    lang = i18n.current()
    items = [w.lower() for w in items]
    if len(items) == 1:
        return items[0]
    return join(items[:-1], lang) + words("sep.last", lang) + items[-1]


def _values(params: Parameters) -> dict[str, str]:
    """The numbers the explanation quotes, as text."""

    def g(key: str) -> str:
        return f"{params[key]:g}"

    return {
        "rail": g("rail.speed_kph"),
        "sea": g("sea.speed_kph"),
        "air": g("air.speed_kph"),
        "road": g("road.speed_kph"),
        "land": g("freq.land_per_week"),
        "railsea": g("freq.rail_sea_per_week"),
        "sailings": g("freq.sea_per_week"),
        "flights": g("freq.air_per_week"),
        "dwell": g("border.dwell_hours"),
        "dwell_min": g("border.dwell_min_hours"),
        "dwell_max": g("border.dwell_max_hours"),
        "gauge": g("gauge_change.hours"),
        "fx": g("fx.usd_cny"),
        "fx_as_of": params.row("fx.usd_cny").as_of,
    }


def _rows(answer: Answer, params: Parameters) -> pd.DataFrame:
    lang = i18n.current()
    cited = {row.key: row for row in answer.parameters}
    for key in _METHOD_KEYS:
        cited.setdefault(key, params.row(key))
    records = []
    for row in cited.values():  # the answer's estimates and CO2e intensities, then the waits
        record = {
            t("method_parameter"): citing.name(row, lang),
            t("method_value"): citing.quantity(row, lang),
            t("method_as_of"): row.as_of,
            t("method_estimate"): t("yes") if row.is_estimate else t("no"),
        }
        if lang != "zh":  # the sources are English texts
            record[t("method_key")] = row.key
            record[t("method_source")] = row.source
            record[t("method_why")] = citing.reason(row) if row.is_estimate else ""
        records.append(record)
    return pd.DataFrame(records).set_index(t("method_parameter"))


def show_method(answer: Answer, params: Parameters) -> None:
    """The "How this is computed" expander of an answer."""
    with st.expander(t("method_title"), icon=":material/calculate:"):
        values = _values(params)
        for key in ("method_time", "method_waits", "method_borders", "method_costs", "method_co2"):
            st.markdown(t(key, **values))
        lang = i18n.current()
        if answer.caveats:
            st.caption("\n".join(f"- {render(note, lang)}" for note in answer.caveats))
        st.table(_rows(answer, params))  # the table wraps the sources' text
        if i18n.current() == "zh":
            st.caption(t("method_sources_en"))
