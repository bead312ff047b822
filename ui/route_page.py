"""Exporter page: the query form, ranked option cards, comparison, trade-off chart and map."""

from __future__ import annotations

import io
import json
import logging
import math
from typing import Any

import altair as alt
import pandas as pd
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
from planner.search.answer import answer_of
from ui import common, data, i18n, maps, method_section
from ui.closable import closable_items, closable_picker
from ui.i18n import t
from ui.state import Param, as_choice, as_float, as_int, as_list, publish, seed

__all__ = ["render"]

logger = logging.getLogger(__name__)

PRIORITY = tuple(p.value for p in Priority)
#: Options a page shows at most (the cards and the map stay readable).
MAX_ALTERNATIVES = 8
#: The smallest weight and volume a link may carry (the planner's rule: above zero).
MIN_AMOUNT = 0.001
DEFAULT_ORIGIN = "taiyuan"
CARDS_PER_ROW = 3

#: A note that is not a warning, by its code: the service an option rides.
_NOTE_ICONS = {"rides_service": ":material/train:"}

#: Session keys: the form's widgets and the submitted query.
QUERY_KEY = "r_query"
OPTION_KEY = "r_option"


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


OPTION_PARAM = Param("opt", OPTION_KEY, 1, as_int(1, MAX_ALTERNATIVES))


def _query(state: tuple):
    """The planner's query of the form's values (in the order of :data:`QUERY_KEYS`)."""
    from planner import Query

    origin, destination, cargo, weight, volume, priority, alternatives, avoid = state
    return Query(
        origin,
        destination,
        cargo=cargo,
        weight_t=weight,
        volume_m3=volume,
        priority=priority,
        alternatives=alternatives,
        closures=tuple(avoid),
    )


def _plan(state: tuple) -> list[Any]:
    """The options of the form's query (the planner keeps its answers)."""
    return data.planner().plan(_query(state))


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
    places = pd.concat([data.places(), world.drop(columns="shanxi_seat")], ignore_index=True)
    place_ids = places["id"].tolist()
    origins = common.origin_ids(network) + world.loc[world["shanxi_seat"], "id"].tolist()
    avoid_items = closable_items(network)
    params = _params(origins, list(avoid_items))

    st.header(t("route_header"))
    st.caption(t("app_tagline"))

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
        if url_from:
            resolved = _resolve_id(url_from, origins, network)
            if not resolved:  # not a Shanxi origin: the form and the plan both take the default
                problems.append(("from", url_from))
            st.session_state["r_origin"] = resolved or params[0].default
        if url_to:
            resolved = _resolve_id(url_to, place_ids, network)
            # an unknown name stays as typed: the planner's message names it and suggests others
            st.session_state["r_dest"] = resolved if resolved else url_to
        st.session_state[QUERY_KEY] = _query_from_state() if url_to else None
    common.show_bad_link_values(problems)

    _form(origins, places, place_ids, avoid_items)

    if _amount_errors():
        return
    query = st.session_state.get(QUERY_KEY)
    if not query:
        st.info(t("choose_destination"), icon=":material/travel_explore:")
        return
    options = common.planned(lambda: _plan(query))
    if options is None:
        return
    if not options:
        st.warning(t("no_options"))
        return
    _results(options, query, network, places)


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
)


def _restore(query: tuple) -> None:
    for key, value in zip(QUERY_KEYS, query, strict=True):
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
    )  # in the order of QUERY_KEYS


def _submit(params: list[Param], place_ids: list[str]) -> None:
    typed = st.session_state.get("r_dest")
    if typed and typed not in place_ids:  # a typed name: use its id when it names a place
        resolved = _resolve_id(typed, place_ids, data.get_network())
        if resolved:
            st.session_state["r_dest"] = resolved
    st.session_state[QUERY_KEY] = _query_from_state()
    st.session_state[OPTION_KEY] = 1
    publish(params)
    publish([OPTION_PARAM])


def _form(origins, places, place_ids, avoid_items) -> None:
    label = common.place_formatter(places)
    options_dest = list(place_ids)
    current = st.session_state.get("r_dest")
    if current and current not in options_dest:
        options_dest.append(current)  # a typed name that is not (yet) known
    params = _params(origins, list(avoid_items))
    with st.form("route_form", border=True):
        left, right = st.columns(2)
        left.selectbox(t("origin"), origins, key="r_origin", format_func=label)
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
        st.form_submit_button(
            t("plan_button"),
            type="primary",
            on_click=_submit,
            args=(params, place_ids),
            icon=":material/route:",
            key="r_submit",
        )


# --- results ----------------------------------------------------------------------------------


def _port_name(node) -> str:
    return i18n.name(node.__dict__) if node is not None else t("none")


def _title(option) -> str:
    """The option's title in the page's language (the planner's message record)."""
    from planner import render

    return render(option.title, i18n.current()) if option.title is not None else ""


def _modes_text(option) -> str:
    return " → ".join(t(f"mode_{m.value}") for m in option.modes)


def _results(options: list, query: tuple, network, places: pd.DataFrame) -> None:
    origin, destination = query[0], query[1]
    rows = places.set_index("id")

    def name(place_id: str) -> str:  # the page's language only (the form shows both)
        return i18n.name(rows.loc[place_id].to_dict()) if place_id in rows.index else place_id

    st.subheader(
        t(
            "options_found",
            origin=common.literal(name(origin)),
            destination=common.literal(name(destination)),
            n=len(options),
        )
    )
    st.caption(t("share_link"))

    ranks = [o.rank or i for i, o in enumerate(options, start=1)]
    if st.session_state.get(OPTION_KEY) not in ranks:
        st.session_state[OPTION_KEY] = ranks[0]
    answer = answer_of(options)  # what holds for every option is said once, not on each card
    method_section.show_answer_notes(answer)
    _cards(answer.options)
    method_section.show_method(answer, data.planner().params)

    st.markdown(f"#### {t('route_map')}")
    word = t("option")
    chosen_rank = st.segmented_control(
        t("show_on_map"),
        ranks,
        key=OPTION_KEY,
        required=True,
        format_func=lambda r: f"{word} {r}",
        on_change=lambda: publish([OPTION_PARAM]),
    )
    chosen = options[ranks.index(chosen_rank)]
    _route_map(chosen, network)
    with st.expander(f"{t('legs')} · {t('option')} {chosen_rank}"):
        st.dataframe(_legs_table(chosen, network), hide_index=True, key="r_legs")

    st.markdown(f"#### {t('comparison')}")
    st.dataframe(
        _comparison(options), hide_index=True, key="r_table", column_config=_comparison_config()
    )
    chart_col, _ = st.columns([3, 2])
    with chart_col:
        st.markdown(f"#### {t('tradeoff')}")
        st.altair_chart(_tradeoff_chart(options), key="r_chart", width="stretch")

    d1, d2 = st.columns(2)
    slug = f"{origin}_{destination}".replace(" ", "_")
    d1.download_button(
        t("download_csv"),
        _options_csv(options),
        file_name=f"routes_{slug}.csv",
        mime="text/csv",
        key="r_dl_csv",
        icon=":material/download:",
    )
    d2.download_button(
        t("download_geojson"),
        _route_geojson(chosen, network),
        file_name=f"route_{slug}_option{chosen_rank}.geojson",
        mime="application/geo+json",
        key="r_dl_geojson",
        icon=":material/download:",
    )


def _cards(options: list) -> None:
    from planner import render

    for start in range(0, len(options), CARDS_PER_ROW):
        columns = st.columns(CARDS_PER_ROW)
        for column, option in zip(columns, options[start : start + CARDS_PER_ROW], strict=False):
            with column.container(border=True):
                badge = f" :green-badge[{t('pareto')}]" if option.pareto_optimal else ""
                st.markdown(f"**{option.rank}. {_title(option)}**{badge}")
                st.caption(_modes_text(option))
                st.markdown(f"{t('transit_range')}  \n{_days_range(option)}")
                departures = _departures(option)
                if departures:
                    st.caption(departures)
                m1, m2 = st.columns(2)
                m1.metric(t("cost_usd"), f"{option.cost_usd:,.0f}")
                m2.metric(t("cost_cny"), f"{option.cost_cny:,.0f}")
                m3, m4 = st.columns(2)
                m3.metric(t("co2e_kg"), f"{option.co2e_kg:,.0f}")
                m4.metric(t("distance_km"), f"{option.distance_km:,.0f}")
                st.markdown(
                    f"{t('exit_port')}: **{_port_name(option.exit_port)}**  \n"
                    f"{t('entry_port')}: **{_port_name(option.entry_port)}**  \n"
                    f"{t('transfers')}: {option.transfers} · "
                    f"{t('border_crossings')}: {option.border_crossings}"
                )
                if option.co2e_method is not None:
                    method = render(option.co2e_method.summary(), i18n.current())
                    st.caption(f":material/eco: {method}")
                for note in option.notes:
                    icon = _NOTE_ICONS.get(note.code, ":material/warning:")
                    st.caption(f"{icon} {render(note, i18n.current())}")


def _days_range(option) -> str:
    """``13.7 – **20.4** – 42.2``: the shortest, the typical (bold) and the longest transit."""
    low, typical, high = option.transit_days_min, option.transit_days, option.transit_days_max
    return f"{low:.1f} – **{typical:.1f}** – {high:.1f}"


def _departures(option) -> str:
    """How often the service an option rides departs; the services publish no weekdays, so
    no dates are given. Empty when the option rides no service (its note says so)."""
    if option.ride is None:
        return ""
    per_week = option.ride.per_week
    if math.isnan(per_week):
        return t("departures_unknown")
    return t("departures_per_week", n=f"{per_week:g}")


def _comparison(options: list) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "rank": o.rank,
                "label": _title(o),
                "modes": _modes_text(o),
                "transit_days": round(o.transit_days, 1),
                "transit_days_min": round(o.transit_days_min, 1),
                "transit_days_max": round(o.transit_days_max, 1),
                "cost_usd": round(o.cost_usd),
                "cost_cny": round(o.cost_cny),
                "co2e_kg": round(o.co2e_kg),
                "transfers": o.transfers,
                "border_crossings": o.border_crossings,
                "exit_port": _port_name(o.exit_port),
                "entry_port": _port_name(o.entry_port),
                "pareto": bool(o.pareto_optimal),
            }
            for o in options
        ]
    )


def _comparison_config() -> dict:
    cc = st.column_config
    return {
        "rank": cc.NumberColumn(t("rank"), width="small"),
        "label": cc.TextColumn(t("label")),
        "modes": cc.TextColumn(t("modes")),
        "transit_days": cc.NumberColumn(t("transit_days"), format="%.1f"),
        "transit_days_min": cc.NumberColumn(t("transit_days_min"), format="%.1f"),
        "transit_days_max": cc.NumberColumn(t("transit_days_max"), format="%.1f"),
        "cost_usd": cc.NumberColumn(t("cost_usd"), format="localized"),
        "cost_cny": cc.NumberColumn(t("cost_cny"), format="localized"),
        "co2e_kg": cc.NumberColumn(t("co2e_kg"), format="localized"),
        "transfers": cc.NumberColumn(t("transfers")),
        "border_crossings": cc.NumberColumn(t("border_crossings")),
        "exit_port": cc.TextColumn(t("exit_port")),
        "entry_port": cc.TextColumn(t("entry_port")),
        "pareto": cc.CheckboxColumn(t("pareto"), help=t("pareto_help")),
    }


def _tradeoff_chart(options: list) -> alt.Chart:
    frame = pd.DataFrame(
        [
            {
                "rank": str(o.rank),
                "label": _title(o),
                "transit_days": round(o.transit_days, 1),
                "cost_usd": round(o.cost_usd),
                "co2e_kg": round(o.co2e_kg),
                "pareto": t("yes") if o.pareto_optimal else t("no"),
            }
            for o in options
        ]
    )
    base = alt.Chart(frame).encode(
        x=alt.X("transit_days:Q", title=t("transit_days"), scale=alt.Scale(zero=False)),
        y=alt.Y("cost_usd:Q", title=t("cost_usd"), scale=alt.Scale(zero=False)),
    )
    bubbles = base.mark_circle(opacity=0.75, stroke="#333", strokeWidth=1).encode(
        size=alt.Size("co2e_kg:Q", title=t("co2e_kg"), scale=alt.Scale(range=[80, 1400])),
        color=alt.Color(
            "pareto:N",
            title=t("pareto"),
            scale=alt.Scale(domain=[t("yes"), t("no")], range=["#1a9850", "#9e9e9e"]),
        ),
        tooltip=[
            alt.Tooltip("rank:N", title=t("rank")),
            alt.Tooltip("label:N", title=t("label")),
            alt.Tooltip("transit_days:Q", title=t("transit_days")),
            alt.Tooltip("cost_usd:Q", title=t("cost_usd"), format=",.0f"),
            alt.Tooltip("co2e_kg:Q", title=t("co2e_kg"), format=",.0f"),
        ],
    )
    labels = base.mark_text(dy=-14, fontWeight="bold").encode(text="rank:N")
    return (bubbles + labels).properties(height=360)


def _route_map(option, network) -> None:
    basemaps = {name: data.basemap_geojson(name) for name in ("world", "china", "shanxi_province")}
    paths, markers = maps.route_records(option, network)
    layers = maps.basemap_layers(basemaps) + maps.route_layers(paths, markers)
    points = [p for rec in paths for p in rec["path"]] + [m["position"] for m in markers]
    view = maps.fit_view(points)
    st.pydeck_chart(
        maps.deck(layers, view), key="r_map", height=maps.MAP_HEIGHT_PX, alt=t("map_alt_route")
    )
    used = []
    for mode in dict.fromkeys(m.value for m in option.modes):
        used.append(
            (t(f"mode_{mode}"), maps.MODE_COLOURS.get(mode, maps.MODE_COLOURS["road"]), "line")
        )
    for role in ("origin", "exit_port", "entry_port", "destination"):
        used.append((t(f"{role}_marker"), maps.MARKER_COLOURS[role], "dot"))
    st.markdown(maps.legend_html(used), unsafe_allow_html=True)


def _legs_table(option, network) -> pd.DataFrame:
    def node_name(node_id: str) -> str:
        row = data.place_row(node_id, network)
        return i18n.name(row) if row else node_id

    def corridor_name(corridor_id: str) -> str:
        corridor = network.corridors.get(corridor_id)
        return i18n.name(corridor.__dict__) if corridor else str(corridor_id or "")

    return pd.DataFrame(
        [
            {
                t("leg_from"): node_name(leg.from_id),
                t("leg_to"): node_name(leg.to_id),
                t("mode"): t(f"mode_{leg.mode.value}"),
                t("corridor"): corridor_name(leg.corridor),
                t("distance_km"): round(leg.distance_km),
                t("hours"): round(leg.hours, 1),
                t("cost_usd"): round(leg.cost_usd),
                t("co2e_kg"): round(leg.co2e_kg),
            }
            for leg in option.legs
        ]
    )


def _options_csv(options: list) -> bytes:
    from planner.io.export import options_to_csv

    buffer = io.BytesIO()
    options_to_csv(options, buffer, lang=i18n.current())
    return buffer.getvalue()


def _route_geojson(option, network) -> bytes:
    from planner.io.export import options_to_geojson

    doc = options_to_geojson([option], network)
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")
