"""Officials' page: close crossings, ports or corridors and see what every destination loses."""

from __future__ import annotations

import logging

import pandas as pd
import pydeck as pdk
import streamlit as st

from ui import common, data, i18n, maps
from ui.closable import closable_items, closable_picker
from ui.i18n import t
from ui.state import Param, as_list, publish, seed

__all__ = ["render"]

logger = logging.getLogger(__name__)

QUERY_KEY = "s_query"
DEFAULT_ORIGIN = "taiyuan"


@st.cache_data(show_spinner=False, max_entries=32)
def _scenario(
    closed: tuple[str, ...], origin: str, directory: str | None, lang: str
) -> pd.DataFrame:
    from planner import scenario

    network = data.network_at(directory)
    return scenario(list(closed), origin=origin, network=network, lang=lang)


def _params(items: list[str], origins: list[str]) -> list[Param]:
    default = DEFAULT_ORIGIN if DEFAULT_ORIGIN in origins else (origins[0] if origins else "")
    return [
        Param("close", "s_close", [], as_list(items), multi=True),
        Param("origin", "s_origin", default, _choice(origins)),
    ]


def _choice(allowed: list[str]):
    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError(text)
        return text

    return parse


def _submit(params: list[Param]) -> None:
    closed = tuple(st.session_state["s_close"])
    st.session_state[QUERY_KEY] = (closed, st.session_state["s_origin"]) if closed else None
    publish(params)


def render() -> None:
    """The scenario page."""
    network = common.network_or_stop()
    items = closable_items(network)
    origins = common.origin_ids(network)
    params = _params(list(items), origins)
    st.header(t("scenario_header"))

    first_visit = QUERY_KEY not in st.session_state
    if not first_visit and st.session_state[QUERY_KEY] and "s_close" not in st.session_state:
        # back from another page: the widgets' state was dropped; the query has it
        closed, origin = st.session_state[QUERY_KEY]
        st.session_state["s_close"], st.session_state["s_origin"] = list(closed), origin
        publish(params)
    problems = seed(params)
    if first_visit:
        closed = tuple(st.session_state["s_close"])
        st.session_state[QUERY_KEY] = (closed, st.session_state["s_origin"]) if closed else None
    common.show_bad_link_values(problems)

    place_label = common.place_formatter(data.places())
    with st.form("scenario_form"):
        left, right = st.columns([3, 1])
        closable_picker(
            left,
            items,
            "s_close",
            label="scenario_close",
            placeholder="close_placeholder",
            help="scenario_close_help",
        )
        right.selectbox(t("scenario_origin"), origins, key="s_origin", format_func=place_label)
        st.form_submit_button(
            t("scenario_run"),
            type="primary",
            on_click=_submit,
            args=(params,),
            icon=":material/block:",
            key="s_submit",
        )

    query = st.session_state.get(QUERY_KEY)
    if not query:
        st.info(t("scenario_pick"), icon=":material/touch_app:")
        return
    closed, origin = query
    try:
        with st.spinner(t("planning")):
            frame = _scenario(tuple(closed), origin, data.data_dir(), i18n.current())
    except ImportError:
        common.show_error(t("feature_missing", what="planner.scenario"))
        return
    except Exception as exc:  # noqa: BLE001 - a planning error is one line
        logger.exception("scenario failed")
        common.show_planning_error(exc)
        return
    _show(frame, place_label)
    _map(frame, network, closed)
    common.csv_download(
        "download_scenario", frame, f"scenario_{origin}_{'_'.join(closed)}.csv", "s_dl_csv"
    )


#: Scenario columns shown, in order, with their (zh, en) headers.
COLUMNS = {
    "reachable_before": ("之前可达", "Reachable before"),
    "reachable_after": ("之后可达", "Reachable after"),
    "transit_days_before": ("之前（天）", "Days before"),
    "transit_days_after": ("之后（天）", "Days after"),
    "delta_days": ("增加（天）", "+ days"),
    "cost_usd_before": ("之前（美元）", "USD before"),
    "cost_usd_after": ("之后（美元）", "USD after"),
    "delta_cost_usd": ("增加（美元）", "+ USD"),
    "exit_port_before": ("之前出境口岸", "Exit before"),
    "exit_port_after": ("之后出境口岸", "Exit after"),
    "label_before": ("之前路线", "Route before"),
    "label_after": ("之后路线", "Route after"),
    "route_changed": ("路线改变", "Route changed"),
}


def _map(frame: pd.DataFrame, network, closed) -> None:
    st.markdown(f"#### {t('scenario_map')}")
    records = maps.scenario_records(frame, network, closed)
    basemaps = {n: data.basemap_geojson(n) for n in ("world", "china", "shanxi_province")}
    layers = maps.basemap_layers(basemaps) + maps.scenario_layers(records)
    view = pdk.ViewState(longitude=75.0, latitude=38.0, zoom=1.6)
    st.pydeck_chart(
        maps.deck(layers, view), key="s_map", height=maps.MAP_HEIGHT_PX, alt=t("scenario_map")
    )
    legend = [(t(f"status_{s}"), maps.STATUS_COLOURS[s], "dot") for s in ("lost", "worse", "same")]
    legend.append((t("status_closed"), maps.STATUS_COLOURS["closed"], "line"))
    st.markdown(maps.legend_html(legend), unsafe_allow_html=True)


def _flag(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series(True, index=frame.index)
    return frame[column].fillna(False).astype(bool)


def _show(frame: pd.DataFrame, place_label) -> None:
    before, after = _flag(frame, "reachable_before"), _flag(frame, "reachable_after")
    lost = int((before & ~after).sum())
    worse = pd.Series(False, index=frame.index)
    for column in ("delta_days", "delta_cost_usd"):
        if column in frame.columns:
            worse |= pd.to_numeric(frame[column], errors="coerce").fillna(0) > 0
    st.subheader(t("scenario_summary", n=len(frame), lost=lost, slower=int(worse.sum())))

    lang = i18n.current()
    index = 0 if lang == "zh" else 1
    nodes = data.get_network().nodes

    def port(node_id):
        if isinstance(node_id, str) and node_id in nodes.index:
            return i18n.name(nodes.loc[node_id].to_dict(), lang)
        return node_id if isinstance(node_id, str) else ""

    shown = pd.DataFrame(index=frame.index)
    if "name_en" in frame.columns:
        shown[t("col_destination")] = [
            i18n.name(row, lang) for row in frame[["name_en", "name_zh"]].to_dict("records")
        ]
    elif "destination" in frame.columns:
        shown[t("col_destination")] = frame["destination"].map(place_label)
    if "country" in frame.columns:
        shown[t("col_country")] = frame["country"]
    for column, labels in COLUMNS.items():
        if column not in frame.columns:
            continue
        values = frame[column]
        if column.startswith("exit_port"):
            values = values.map(port)
        elif column.startswith(("transit_days", "delta_days")):
            values = pd.to_numeric(values, errors="coerce").round(1)
        elif column.startswith(("cost_usd", "delta_cost")):
            values = pd.to_numeric(values, errors="coerce").round(0)
        shown[labels[index]] = values
    order = (~(before & ~after)).astype(int) * 1e9 - pd.to_numeric(
        frame.get("delta_days", pd.Series(0, index=frame.index)), errors="coerce"
    ).fillna(0)
    shown = shown.loc[order.sort_values(kind="stable").index]
    st.dataframe(shown, hide_index=True, key="s_table")
