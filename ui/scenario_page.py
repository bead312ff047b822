"""Officials' page: close crossings, ports or corridors and see what every destination loses."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from ui import common, data, i18n
from ui.closable import closable_formatter, closable_items
from ui.i18n import t
from ui.state import Param, as_list, publish, seed

__all__ = ["render"]

logger = logging.getLogger(__name__)

QUERY_KEY = "s_query"
DEFAULT_ORIGIN = "taiyuan"


@st.cache_data(show_spinner=False, max_entries=32)
def _scenario(closed: tuple[str, ...], origin: str, directory: str | None) -> pd.DataFrame:
    try:
        from planner import scenario
    except ImportError:  # the package may not re-export it
        from planner.scenario import scenario

    return scenario(list(closed), origin=origin, network=data._network(directory))


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
    problems = seed(params)
    if first_visit:
        closed = tuple(st.session_state["s_close"])
        st.session_state[QUERY_KEY] = (closed, st.session_state["s_origin"]) if closed else None
    for name, value in dict(problems).items():
        st.warning(t("bad_url_value", param=name, value=value), icon=":material/link_off:")

    place_label = common.place_formatter(data.places())
    with st.form("scenario_form"):
        left, right = st.columns([3, 1])
        left.multiselect(
            t("scenario_close"),
            list(items),
            key="s_close",
            format_func=closable_formatter(items),
            placeholder=t("close_placeholder"),
            help=t("scenario_close_help"),
        )
        right.selectbox(t("scenario_origin"), origins, key="s_origin", format_func=place_label)
        st.form_submit_button(
            t("scenario_run"),
            type="primary",
            on_click=_submit,
            args=(params,),
            icon=":material/block:",
        )

    query = st.session_state.get(QUERY_KEY)
    if not query:
        st.info(t("scenario_pick"), icon=":material/touch_app:")
        return
    closed, origin = query
    try:
        with st.spinner(t("planning")):
            frame = _scenario(tuple(closed), origin, data.data_dir())
    except ImportError:
        common.show_error(t("feature_missing", what="planner.scenario"))
        return
    except Exception as exc:  # noqa: BLE001 - a planning error is one line
        logger.exception("scenario failed")
        common.show_error(exc)
        return
    _show(frame, place_label)
    st.download_button(
        t("download_scenario"),
        data.csv_bytes(frame),
        file_name=f"scenario_{origin}_{'_'.join(closed)}.csv",
        mime="text/csv",
        key="s_dl_csv",
        icon=":material/download:",
    )


def _show(frame: pd.DataFrame, place_label) -> None:
    reachable = frame["reachable"] if "reachable" in frame.columns else None
    lost = int((~reachable.astype(bool)).sum()) if reachable is not None else 0
    slower = 0
    for column in ("delta_days", "delta_cost_usd"):
        if column in frame.columns:
            slower = max(slower, int((pd.to_numeric(frame[column], errors="coerce") > 0).sum()))
    st.subheader(t("scenario_summary", n=len(frame), lost=lost, slower=slower))

    shown = frame.copy()
    name_col = "name_zh" if i18n.current() == "zh" else "name_en"
    if name_col in shown.columns:
        other = "name_en" if name_col == "name_zh" else "name_zh"
        shown = shown.drop(columns=[other])
    elif "destination" in shown.columns:
        shown.insert(0, t("destination"), shown["destination"].map(place_label))
    config = {
        "reachable": st.column_config.CheckboxColumn(t("reachable")),
        name_col: st.column_config.TextColumn(t("col_name")),
    }
    for column in shown.columns:
        if column in i18n.STRINGS and column not in config:
            config[column] = st.column_config.Column(t(column))
    st.dataframe(shown, hide_index=True, key="s_table", column_config=config)
