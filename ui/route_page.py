"""Exporter page: the query form and its state in the URL; the answer is :mod:`ui.route_options`."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import streamlit as st

from planner.model.cargo import DEFAULT_CARGO
from planner.model.query import (
    DEFAULT_ALTERNATIVES,
    DEFAULT_VOLUME_M3,
    DEFAULT_WEIGHT_T,
    MAX_VOLUME_M3,
    MAX_WEIGHT_T,
)
from planner.model.records import Priority
from ui import common, data, i18n, route_options
from ui.closable import closable_items, closable_picker
from ui.i18n import t
from ui.route_options import MAX_ALTERNATIVES, OPTION_KEY, OPTION_PARAM
from ui.state import Param, as_choice, as_float, as_int, as_list, publish, seed

__all__ = ["render"]

logger = logging.getLogger(__name__)

PRIORITY = tuple(p.value for p in Priority)
#: The smallest weight and volume a link may carry (the planner's rule: above zero).
MIN_AMOUNT = 0.001
DEFAULT_ORIGIN = "taiyuan"

#: Session keys: the form's widgets and the submitted query; the quotes file's bytes.
QUERY_KEY = "r_query"
RATES_KEY = "r_rates_data"


def _num(value: float) -> str:
    return f"{value:g}"


def _params(origins: list[str], avoidable: list[str]) -> list[Param]:
    origin_default = (
        DEFAULT_ORIGIN if DEFAULT_ORIGIN in origins else (origins[0] if origins else "")
    )
    return [
        Param("from", "r_origin", origin_default),
        Param("to", "r_dest", None),
        Param("cargo", "r_cargo", DEFAULT_CARGO, as_choice(data.cargo_classes().ids)),
        Param("w", "r_weight", DEFAULT_WEIGHT_T, as_float(MIN_AMOUNT, MAX_WEIGHT_T), _num),
        Param("v", "r_volume", DEFAULT_VOLUME_M3, as_float(MIN_AMOUNT, MAX_VOLUME_M3), _num),
        Param("prio", "r_priority", Priority.BALANCED.value, as_choice(PRIORITY)),
        Param("avoid", "r_avoid", [], as_list(avoidable), multi=True),
        Param("n", "r_alts", DEFAULT_ALTERNATIVES, as_int(1, MAX_ALTERNATIVES)),
    ]




def _query(state: tuple):
    """The planner's query of the form's values (in the order of :data:`QUERY_KEYS`)."""
    from planner import Query

    origin, destination, cargo, weight, volume, priority, alternatives, avoid, ready = state
    return Query(
        origin,
        destination,
        cargo=cargo,
        weight_t=weight,
        volume_m3=volume,
        priority=priority,
        alternatives=alternatives,
        closures=tuple(avoid),
        ready=ready,
    )


def _plan(state: tuple) -> list[Any]:
    """The options of the form's query (the planner keeps its answers), priced by the quotes
    uploaded that are valid on its day; each refused row is named above the answer."""
    from planner.io.quotes import read_quotes
    from planner.text.messages import render

    query, planner = _query(state), data.planner()
    rates = st.session_state.get(RATES_KEY)
    if rates:
        query = planner.resolve(query)
        quotes, refused = read_quotes(rates, planner.places, query.ready or dt.date.today())
        for message in refused:
            st.warning(render(message, i18n.current()), icon=":material/request_quote:")
        query = query.replace(quotes=quotes)
    return planner.plan(query)


def _resolve_id(text: str | None, allowed: list[str], network) -> str | None:
    """An id of ``allowed`` for a URL value that may be a name ("Lvliang"), else ``None``."""
    if not text:
        return None
    if text in allowed:
        return text
    from planner.core.api import resolve_place

    try:
        place = resolve_place(text, network)
    except Exception:  # noqa: BLE001 - unknown names are reported by the caller
        return None
    return place.id if place.id in allowed else None


def render() -> None:
    """The route planner page."""
    network = common.network_or_stop()
    world = data.world_places()
    # the pickers list the network's places and the world's larger ones (a smaller one is
    # typed: the planner finds it by name); every Shanxi county seat is an origin
    places = data.picker_places()
    place_ids = places["id"].tolist()
    origins = common.origin_ids(network) + world.loc[world["shanxi_seat"], "id"].tolist()
    avoid_items = closable_items(network)
    params = _params(origins, list(avoid_items))

    heading = st.empty()  # export or import: known once the link or the form gives the query

    # -- the link's values: widgets on a first visit, and a query if the link names a destination
    first_visit = QUERY_KEY not in st.session_state
    url_from, url_to = st.query_params.get("from"), st.query_params.get("to")
    if first_visit:
        for key in ("r_origin", "r_dest"):
            st.session_state.pop(key, None)
    elif st.session_state.get(QUERY_KEY) and "r_dest" not in st.session_state:
        # back from another page: Streamlit dropped the form's widget state; the query has it
        _restore(st.session_state[QUERY_KEY])
        publish(params)
    problems = seed(params) + seed([OPTION_PARAM])
    if first_visit:
        to_id = _resolve_id(url_to, place_ids, network) if url_to else None
        if url_from:
            resolved = _resolve_id(url_from, origins, network)
            if not resolved and to_id in origins:  # from abroad into Shanxi: an import
                resolved = _resolve_id(url_from, place_ids, network)
            if not resolved:  # not a Shanxi origin: the form and the plan both take the default
                problems.append(("from", url_from))
            st.session_state["r_origin"] = resolved or params[0].default
        if url_to:
            # an unknown name stays as typed: the planner's message names it and suggests others
            st.session_state["r_dest"] = to_id if to_id else url_to
        st.session_state[QUERY_KEY] = _query_from_state() if url_to else None
    common.show_bad_link_values(problems)

    _form(origins, place_ids, avoid_items)
    query = st.session_state.get(QUERY_KEY)
    importing = route_options.is_import(query)
    with heading.container():
        st.header(t("route_header_import" if importing else "route_header"))
        st.caption(t("import_caption" if importing else "app_tagline"))

    if _amount_errors():
        return
    if query and query[0] not in origins and query[1] not in origins:  # neither end in Shanxi
        st.warning(t("import_into_shanxi"))
        return
    if not query:
        st.info(t("choose_destination"), icon=":material/travel_explore:")
        return
    options = common.planned(lambda: _plan(query))
    if options is None:
        return
    if not options:
        st.warning(t("no_options"))
        return
    route_options.show(options, query, network, places)


def _amount_errors() -> bool:
    """Show, in words, why the weight or volume typed cannot be planned (the query's own
    check); whether there was such a problem."""
    from planner.model.errors import InvalidQueryError
    from planner.model.query import check_field

    found = False
    for key, field in (("r_weight", "weight_t"), ("r_volume", "volume_m3")):
        try:
            check_field(field, st.session_state.get(key))
        except InvalidQueryError as exc:
            common.show_planning_error(exc)
            found = True
    return found


QUERY_KEYS = (
    "r_origin",
    "r_dest",
    "r_cargo",
    "r_weight",
    "r_volume",
    "r_priority",
    "r_alts",
    "r_avoid",
    "r_ready",
)


def _restore(query: tuple) -> None:
    for key, value in zip(QUERY_KEYS, query, strict=True):
        if key == "r_ready":
            value = dt.date.fromisoformat(value) if value else None
        st.session_state[key] = list(value) if key == "r_avoid" else value


def _query_from_state() -> tuple | None:
    s = st.session_state
    dest = s.get("r_dest")
    if not dest:
        return None
    return (
        s["r_origin"],
        dest,
        s["r_cargo"],
        float(s["r_weight"]),
        float(s["r_volume"]),
        s["r_priority"],
        int(s["r_alts"]),
        tuple(s["r_avoid"]),
        (s.get("r_ready") or dt.date.today()).isoformat(),
    )  # in the order of QUERY_KEYS


def _submit(params: list[Param], place_ids: list[str]) -> None:
    typed = st.session_state.get("r_dest")
    if typed and typed not in place_ids:  # a label or a typed name: its id when it names a place
        resolved = common.place_of_label(typed) or _resolve_id(typed, place_ids, data.get_network())
        if resolved:
            st.session_state["r_dest"] = resolved
    upload = st.session_state.get("r_rates")
    st.session_state[RATES_KEY] = upload.getvalue() if upload is not None else None
    st.session_state[QUERY_KEY] = _query_from_state()
    st.session_state[OPTION_KEY] = 1
    publish(params)
    publish([OPTION_PARAM])


def _form(origins, place_ids, avoid_items) -> None:
    label = common.place_formatter(world=True)
    options_dest = list(place_ids)
    current = st.session_state.get("r_dest")
    if current and current not in options_dest:
        # the label the browser held across a language switch is the place it labels
        current = st.session_state["r_dest"] = common.place_of_label(current) or current
    if current and current not in options_dest:
        options_dest.append(current)  # a typed name that is not (yet) known
    params = _params(origins, list(avoid_items))
    # Shanxi's origins first, then every other place: from abroad, an import into Shanxi
    shanxi = set(origins)
    options_from = list(origins) + [p for p in place_ids if p not in shanxi]
    with st.form("route_form", border=True):
        left, right = st.columns(2)
        left.selectbox(t("origin"), options_from, key="r_origin", format_func=label)
        right.selectbox(
            t("destination"),
            options_dest,
            key="r_dest",
            format_func=label,
            index=None,
            placeholder=t("destination_placeholder"),
            accept_new_options=True,
            help=t("destination_help"),
        )
        c1, c2, c3, c4 = st.columns([2, 1, 1, 3])
        cargo, label = data.cargo_classes().ids, data.cargo_labeller(i18n.current())
        c1.selectbox(t("cargo"), cargo, key="r_cargo", format_func=label)
        for column, label, key, maximum in (
            (c2, "weight_t", "r_weight", MAX_WEIGHT_T),
            (c3, "volume_m3", "r_volume", MAX_VOLUME_M3),
        ):
            # no min/max on the widget: out of its range it only shows a red icon and keeps
            # the old value; the planner's check says what is wrong, in words (_amount_errors)
            column.number_input(
                t(label),
                step=1.0,
                key=key,
                format="%g",
                help=t("amount_help", maximum=f"{maximum:,.0f}"),
            )
        c4.segmented_control(
            t("priority"),
            PRIORITY,
            key="r_priority",
            required=True,
            format_func=i18n.labeller("priority_"),
        )
        a1, a2 = st.columns([5, 1])
        closable_picker(a1, avoid_items, "r_avoid", label="avoid", placeholder="avoid_placeholder")
        a2.number_input(
            t("alternatives"), min_value=1, max_value=MAX_ALTERNATIVES, step=1, key="r_alts"
        )
        d1, d2 = st.columns([1, 3])
        st.session_state.setdefault("r_ready", dt.date.today())
        d1.date_input(t("ready_date"), key="r_ready", help=t("ready_help"))
        d2.file_uploader(t("rates_upload"), type=["csv", "xlsx"], key="r_rates",
                         help=t("rates_help"))  # fmt: skip
        st.form_submit_button(
            t("plan_button"),
            type="primary",
            on_click=_submit,
            args=(params, place_ids),
            icon=":material/route:",
            key="r_submit",
        )


# --- results ----------------------------------------------------------------------------------
