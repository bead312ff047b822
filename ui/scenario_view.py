"""A scenario's results on the page: what was assumed, the counts by status, the destinations'
table, the map (closures, statuses, flows), the flows per corridor and the downloads."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pydeck as pdk
import streamlit as st

from planner.scenario.outcomes import STATUSES
from planner.text.words import words
from ui import common, data, i18n, maps
from ui.i18n import t
from ui.report_downloads import map_buttons, report_buttons

__all__ = ["show_report"]

#: The destinations' table: report column -> string key of its header.
COLUMNS = {
    "status": "col_status",
    "transit_days_before": "col_days_before",
    "transit_days_after": "col_days_after",
    "cost_usd_before": "col_usd_before",
    "cost_usd_after": "col_usd_after",
    "co2e_kg_before": "col_co2e_before",
    "co2e_kg_after": "col_co2e_after",
    "exit_port_before": "col_exit_before",
    "exit_port_after": "col_exit_after",
    "corridor_before": "col_corridor_before",
    "corridor_after": "col_corridor_after",
    "label_before": "col_route_before",
    "label_after": "col_route_after",
    "remark": "col_remark",
}
#: Sort order of the table: what lost most first.
STATUS_ORDER = {
    s: i for i, s in enumerate(("unreachable", "worse", "mixed", "better", "unchanged", "no_route"))
}
FLOW_COLUMNS = {
    "shipments_before": "col_shipments_before",
    "shipments_after": "col_shipments_after",
    "weight_t_before": "col_weight_before",
    "weight_t_after": "col_weight_after",
    "teu_before": "col_teu_before",
    "teu_after": "col_teu_after",
}


def _namer(network: Any, lang: str):
    nodes, corridors = network.nodes, network.corridors

    def name(value: Any) -> str:
        if not isinstance(value, str):
            return ""
        if value in corridors:
            return i18n.name(corridors[value].__dict__, lang)
        if value in nodes.index:
            return i18n.name(nodes.loc[value].to_dict(), lang)
        return value

    return name


def _table(frame: pd.DataFrame, network: Any, lang: str) -> pd.DataFrame:
    name = _namer(network, lang)
    shown = pd.DataFrame(index=frame.index)
    shown[t("col_destination")] = [
        i18n.name(row, lang) for row in frame[["name_en", "name_zh"]].to_dict("records")
    ]
    shown[t("col_country")] = frame["country"]
    for column, key in COLUMNS.items():
        values = frame[column]
        if column == "status":
            values = values.map(lambda s: t(f"scen_status_{s}"))
        elif column.startswith(("exit_port", "corridor")):
            values = values.map(name)
        elif column.startswith("transit_days"):
            values = _figures(values, "{:.1f}")
        elif column.startswith(("cost_usd", "co2e_kg")):
            values = _figures(values, "{:,.0f}")
        shown[t(key)] = values
    order = frame["status"].map(STATUS_ORDER).fillna(len(STATUS_ORDER))
    # no route, no figure: a dash, not the "None" a table shows for a missing value
    shown = shown.astype(object).where(shown.notna() & (shown != ""), "—")
    return shown.loc[order.sort_values(kind="stable").index]


def _figures(values: pd.Series, form: str) -> pd.Series:
    """Figures as the table shows them, in text (a column beside a dash is text: the grid
    cannot hold both as numbers and would fail over to text on every run)."""
    numbers = pd.to_numeric(values, errors="coerce")
    return numbers.map(form.format, na_action="ignore").astype(object)


def _counts(report: dict) -> None:
    totals = report["totals"]
    st.subheader(t("scen_counts", n=totals["destinations"]))
    columns = st.columns(len(STATUSES))
    order = ("unreachable", "worse", "mixed", "better", "unchanged", "no_route")
    for column, status in zip(columns, order, strict=True):
        column.metric(t(f"scen_status_{status}"), totals[status], border=True)
    st.caption(t("scen_status_help"))


def _map(frame: pd.DataFrame, report: dict, network: Any, closed: tuple) -> None:
    st.markdown(f"#### {t('scenario_map')}")
    records = maps.scenario_records(frame, network, closed)
    links = pd.DataFrame(report.get("link_flows") or [])
    flows = maps.flow_records(links, network) if len(links) else None
    basemaps = {n: data.basemap_geojson(n) for n in ("world", "china", "shanxi_province")}
    layers = maps.basemap_layers(basemaps) + maps.scenario_layers(records, flows)
    view = pdk.ViewState(longitude=75.0, latitude=38.0, zoom=1.6)
    st.pydeck_chart(
        maps.deck(layers, view), key="s_map", height=maps.MAP_HEIGHT_PX, alt=t("scenario_map")
    )
    order = ("unreachable", "worse", "mixed", "better", "unchanged", "no_route")
    legend = [(t(f"scen_status_{s}"), maps.STATUS_COLOURS[s], "dot") for s in order]
    legend.append((t("status_closed"), maps.STATUS_COLOURS["closed"], "line"))
    if flows:
        for side in ("before", "after"):
            legend.append((t(f"flows_legend_{side}"), maps.FLOW_COLOURS[side][:3], "line"))
    st.markdown(maps.legend_html(legend), unsafe_allow_html=True)


def _flows(report: dict, network: Any, lang: str) -> None:
    from planner.text.scenario_words import totals_line

    st.markdown(f"#### {t('flows_header')}")
    st.markdown(totals_line(report["totals"], lang))
    if report["assumptions"].get("shipments") == "sample_shipments_illustrative.csv":
        st.caption(t("book_sample_note"))
    flows = pd.DataFrame(report["flows"])
    shown = pd.DataFrame({t("col_corridor"): flows["corridor"].map(_namer(network, lang))})
    for column, key in FLOW_COLUMNS.items():
        shown[t(key)] = flows[column]
    st.dataframe(shown, hide_index=True, key="s_flows")


def _files(report: dict, closed: tuple, stem: str, lang: str) -> None:
    from planner.scenario.mapdraw import VIEWS

    view = st.segmented_control(
        t("map_view"), VIEWS, default="china", key="s_print_view",
        format_func=lambda v: t(f"view_{v}"),
    )  # fmt: skip
    view = view or "china"
    left, right = st.columns(2)
    map_buttons(left, view, closed, stem, link_flows=report.get("link_flows"))
    report_buttons(right, report, view, stem, lang)
    st.caption(t("schematic_note"))


def show_report(report: dict, network: Any, query: tuple) -> None:
    """Everything a scenario report shows."""
    from planner.scenario.closure import report_frame
    from planner.scenario.naming import table_names
    from planner.text.scenario_words import assumption_line

    lang = i18n.current()
    names_zh = data.cargo_classes().names_zh
    st.info(assumption_line(report["assumptions"], lang, names_zh), icon=":material/inventory_2:")
    _counts(report)
    frame = report_frame(report)
    st.dataframe(_table(frame, network, lang), hide_index=True, key="s_table")
    named = report_frame(report, **table_names(network, lang))  # a Chinese file names ports
    closed = tuple(query[0])
    _map(frame, report, network, closed)
    if report["flows"]:
        _flows(report, network, lang)
    origin = report["assumptions"]["origin"]["id"]
    stem = f"{words('file.scenario', lang)}_{origin}_{'_'.join(closed)}"
    left, right = st.columns(2)
    common.csv_download("download_scenario", named, f"{stem}.csv", "s_dl_csv", where=left)
    text = json.dumps(report, ensure_ascii=False, indent=2, allow_nan=False)
    _files(report, closed, stem, lang)
    right.download_button(
        t("download_scenario_json"),
        text.encode("utf-8"),
        file_name=f"{stem}.json",
        mime="application/json",
        key="s_dl_json",
        icon=":material/data_object:",
    )
