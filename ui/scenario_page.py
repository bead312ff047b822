"""Officials' page: close crossings, ports, corridors or designated sites and see what every
destination gets, for an assumed shipment and the modes allowed, and which imports lose their
clearance; with a shipment book, the corridors' flows."""

from __future__ import annotations

import io
import logging
from typing import Any

import streamlit as st

from planner.model.cargo import DEFAULT_CARGO
from planner.model.records import Priority
from ui import common, data, i18n
from ui.closable import closable_items, closable_picker, site_items
from ui.i18n import t
from ui.scenario_clearance import show_clearance
from ui.scenario_view import show_report
from ui.state import Param, as_choice, as_float, as_list, publish, seed

__all__ = ["render"]

logger = logging.getLogger(__name__)

QUERY_KEY = "s_query"
BOOK_BYTES_KEY = "s_book_bytes"
DEFAULT_ORIGIN = "taiyuan"
MODES = ("air", "rail", "road", "sea")
BOOKS = ("none", "sample", "upload")
SAMPLE_BOOK = "sample_shipments_illustrative.csv"
#: The widgets a query is made of, in the order of :func:`_query`.
QUERY_KEYS = (
    "s_close",
    "s_origin",
    "s_cargo",
    "s_weight",
    "s_volume",
    "s_priority",
    "s_modes",
    "s_book",
)


@st.cache_data(show_spinner=False, max_entries=32)
def _report(query: tuple, book_bytes: bytes | None, directory: str | None, lang: str) -> dict:
    from planner.model.records import Shipment
    from planner.scenario.closure import scenario_report

    closed, origin, cargo, weight, volume, priority, modes, book = query
    network = data.network_at(directory)
    source: Any = None
    if book == "sample":  # the network's own sample, else the shipped one (rows it lacks: invalid)
        from corridors import DEFAULT_DATA_DIR

        own = network.data_dir / SAMPLE_BOOK
        source = own if own.is_file() else DEFAULT_DATA_DIR / SAMPLE_BOOK
    elif book == "upload" and book_bytes:
        source = io.BytesIO(book_bytes)
    report = scenario_report(
        list(closed),
        origin=origin,
        shipment=Shipment(cargo, weight, volume),
        priority=priority,
        modes=list(modes),
        book=source,
        network=network,
        lang=lang,
    )
    if book == "upload":
        report["assumptions"]["shipments"] = "upload"
    return report


def _params(items: list[str], origins: list[str]) -> list[Param]:
    default = DEFAULT_ORIGIN if DEFAULT_ORIGIN in origins else (origins[0] if origins else "")
    return [
        Param("close", "s_close", [], as_list(items), multi=True),
        Param("origin", "s_origin", default, as_choice(origins)),
        Param("cargo", "s_cargo", DEFAULT_CARGO, as_choice(data.cargo_classes().ids)),
        Param("weight_t", "s_weight", 10.0, as_float(0.001, 500_000)),
        Param("volume_m3", "s_volume", 30.0, as_float(0.001, 1_000_000)),
        Param("priority", "s_priority", "balanced", as_choice(p.value for p in Priority)),
        Param("modes", "s_modes", list(MODES), as_list(MODES), multi=True),
        Param("book", "s_book", "none", as_choice(BOOKS)),
    ]


def _query() -> tuple | None:
    values = [st.session_state[key] for key in QUERY_KEYS]
    if not values[0] or not values[6]:
        return None
    values[0], values[6] = tuple(values[0]), tuple(values[6])
    values[3], values[4] = float(values[3]), float(values[4])
    return tuple(values)


def _submit(params: list[Param]) -> None:
    st.session_state[QUERY_KEY] = _query()
    uploaded = st.session_state.get("s_upload")
    if uploaded is not None and uploaded.size <= common.MAX_UPLOAD_BYTES:
        st.session_state[BOOK_BYTES_KEY] = uploaded.getvalue()
    else:  # the book removed (or too large): its flows go with it
        st.session_state.pop(BOOK_BYTES_KEY, None)
    publish(params)


def _form(items: dict, origins: list[str], params: list[Param]) -> None:
    place_label = common.place_formatter()
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
        with st.expander(t("scenario_shipment"), expanded=False):
            cols = st.columns(4)
            cols[0].selectbox(
                t("cargo"), data.cargo_classes().ids, key="s_cargo",
                format_func=data.cargo_labeller(i18n.current()),
            )  # fmt: skip
            cols[1].number_input(t("weight_t"), min_value=0.001, key="s_weight")
            cols[2].number_input(t("volume_m3"), min_value=0.001, key="s_volume")
            cols[3].selectbox(
                t("priority"), [p.value for p in Priority], key="s_priority",
                format_func=i18n.labeller("priority_"),
            )  # fmt: skip
            st.multiselect(
                t("scenario_modes"), list(MODES), key="s_modes",
                format_func=i18n.labeller("mode_"), help=t("scenario_modes_help"),
            )  # fmt: skip
        with st.expander(t("scenario_book"), expanded=st.session_state["s_book"] != "none"):
            st.radio(
                t("scenario_book"), list(BOOKS), key="s_book", horizontal=True,
                format_func=i18n.labeller("book_"), label_visibility="collapsed",
            )  # fmt: skip
            st.caption(t("book_sample_note"))
            limit = common.human_bytes(common.MAX_UPLOAD_BYTES)
            # a form cannot hide the uploader while another choice is made: it says when it counts
            said = t("book_file", limit=limit, choice=t("book_upload"))
            st.file_uploader(said, key="s_upload")
        st.form_submit_button(
            t("scenario_run"),
            type="primary",
            on_click=_submit,
            args=(params,),
            icon=":material/block:",
            key="s_submit",
        )


def render() -> None:
    """The scenario page."""
    network = common.network_or_stop()
    items = {**closable_items(network), **site_items(network)}
    origins = common.origin_ids(network)
    params = _params(list(items), origins)
    st.header(t("scenario_header"))

    first_visit = QUERY_KEY not in st.session_state
    if not first_visit and st.session_state[QUERY_KEY] and "s_close" not in st.session_state:
        # back from another page: the widgets' state was dropped; the query has it
        for key, value in zip(QUERY_KEYS, st.session_state[QUERY_KEY], strict=True):
            st.session_state[key] = list(value) if isinstance(value, tuple) else value
        publish(params)
    problems = seed(params)
    if first_visit:
        st.session_state[QUERY_KEY] = _query()
    common.show_bad_link_values(problems)
    _form(items, origins, params)

    query = st.session_state.get(QUERY_KEY)
    if not query:
        st.info(t("scenario_pick"), icon=":material/touch_app:")
        return
    book = st.session_state.get(BOOK_BYTES_KEY)
    if query[-1] == "upload" and book is None:  # removed (or never given): its flows go too
        st.info(t("book_missing"), icon=":material/upload_file:")
    report = common.planned(lambda: _report(query, book, data.data_dir(), i18n.current()))
    if report is None:
        return
    show_clearance(tuple(query[0]), network, i18n.current())
    show_report(report, network, query)
