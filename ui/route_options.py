"""The route page's answer: the options as cards, the chosen option on the map with its legs,
the comparison table and trade-off chart, and the downloads (CSV, GeoJSON).

The route page imports this module for its constants before any answer is asked for: the maps
(pydeck) and the planner's search are imported where an answer is shown, so the first page
(a form) does not wait for them.
"""

from __future__ import annotations

import io
import json
import logging
import math
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from planner.text.words import words
from ui import common, data, i18n
from ui.i18n import t
from ui.state import Param, as_int, publish

if TYPE_CHECKING:
    import altair as alt

__all__ = ["MAX_ALTERNATIVES", "OPTION_KEY", "OPTION_PARAM", "is_import", "show"]

logger = logging.getLogger(__name__)

#: Options a page shows at most (the cards and the map stay readable).
MAX_ALTERNATIVES = 8
CARDS_PER_ROW = 3
#: A note that is not a warning, by its code: the service an option rides.
_NOTE_ICONS = {"rides_service": ":material/train:"}
#: Session key of the option shown on the map, and its URL parameter.
OPTION_KEY = "r_option"
OPTION_PARAM = Param("opt", OPTION_KEY, 1, as_int(1, MAX_ALTERNATIVES))


def _port_name(node) -> str:
    return i18n.name(node.__dict__) if node is not None else t("none")


def _title(option) -> str:
    """The option's title in the page's language (the planner's message record)."""
    from planner import render

    return render(option.title, i18n.current()) if option.title is not None else ""


def _modes_text(option) -> str:
    return " → ".join(t(f"mode_{m.value}") for m in option.modes)


def show(options: list, query: tuple, network, places: pd.DataFrame) -> None:
    """The options of ``query``: cards, the chosen option's map and legs, the comparison table,
    the trade-off chart and the downloads."""
    from planner.search.answer import answer_of
    from ui import method_section

    origin, destination = query[0], query[1]
    rows = places.set_index("id")

    def name(place_id: str) -> str:  # the page's language only (the form shows both)
        return i18n.name(rows.loc[place_id].to_dict()) if place_id in rows.index else place_id

    importing = is_import(query)
    st.subheader(
        t(
            "options_found_import" if importing else "options_found",
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
        file_name=f"{words('file.routes', i18n.current())}_{slug}.csv",
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
                if option.why is not None:  # the card leads with why it is offered
                    st.markdown(f":material/lightbulb: {render(option.why, i18n.current())}")
                st.caption(_modes_text(option))
                st.markdown(f"{t('transit_range')}  \n{_days_range(option)}")
                haul = f"{option.main_haul_days:.1f}"
                st.caption(t("haul_and_wait", main=haul, wait=f"{option.wait_days:.1f}"))
                departures = _departures(option)
                if departures:
                    st.caption(departures)
                m1, m2 = st.columns(2)
                m1.metric(t("cost_usd"), f"{option.cost_usd:,.0f}")
                m2.metric(t("cost_cny"), f"{option.cost_cny:,.0f}")
                st.caption(_price_line(option))
                if option.dates is not None:
                    st.markdown(_dates_line(option.dates))
                m3, m4 = st.columns(2)
                m3.metric(t("co2e_kg"), f"{option.co2e_kg:,.0f}")
                m4.metric(t("distance_km"), f"{option.distance_km:,.0f}")
                colon = words("sep.colon", i18n.current())  # "：" on a Chinese page
                st.markdown(
                    f"{t('exit_port')}{colon}**{_port_name(option.exit_port)}**  \n"
                    f"{t('entry_port')}{colon}**{_port_name(option.entry_port)}**  \n"
                    f"{t('transfers')}{colon}{option.transfers} · "
                    f"{t('border_crossings')}{colon}{option.border_crossings}"
                )
                if option.inspection_site is not None:
                    site = i18n.name(option.inspection_site.to_dict())
                    st.markdown(f":material/verified: {t('inspection_site')}{colon}**{site}**")
                if option.co2e_method is not None:
                    method = render(option.co2e_method.summary(), i18n.current())
                    st.caption(f":material/eco: {method}")
                for note in option.notes:
                    icon = _NOTE_ICONS.get(note.code, ":material/warning:")
                    st.caption(f"{icon} {render(note, i18n.current())}")


def is_import(query: tuple | None) -> bool:
    """A query from abroad into Shanxi (the planner's own test of direction)."""
    if not query:
        return False
    from planner import Query
    from planner.core.imports import direction_of

    planner = data.planner()
    try:
        resolved = planner.resolve(Query(query[0], query[1], cargo=query[2]))
    except Exception:  # noqa: BLE001 - planned already: a failure here only loses the word
        return False
    return direction_of(planner, resolved) == "import"


def _days_range(option) -> str:
    """``13.7 – **20.4** – 42.2``: the shortest, the typical (bold) and the longest transit."""
    low, typical, high = option.transit_days_min, option.transit_days, option.transit_days_max
    return f"{low:.1f} – **{typical:.1f}** – {high:.1f}"


def _price_line(option) -> str:
    """The price's band, the date of its rates and where it comes from."""
    return t("price_band", low=f"{option.cost_usd_min:,.0f}", high=f"{option.cost_usd_max:,.0f}",
             as_of=option.price_as_of, source=t(f"price_source_{option.price_source}"))


def _dates_line(dates) -> str:
    """Departure and arrival from the ready day; a window where only a frequency is known."""
    basis = t(f"basis_{dates.basis}")
    if dates.earliest == dates.latest:
        return t("dated_trip", departure=dates.departure, arrival=dates.arrival, basis=basis)
    return t("dated_window", earliest=dates.earliest, latest=dates.latest,
             departure=dates.departure, arrival=dates.arrival, basis=basis)


def _departures(option) -> str:
    """How often the service an option rides departs. Empty when the option rides no
    service (its note says so)."""
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
    import altair as alt  # a chart of an answer: not imported by the first page

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
    tooltip = [
        alt.Tooltip("rank:N", title=t("rank")),
        alt.Tooltip("label:N", title=t("label")),
        alt.Tooltip("transit_days:Q", title=t("transit_days")),
        alt.Tooltip("cost_usd:Q", title=t("cost_usd"), format=",.0f"),
        alt.Tooltip("co2e_kg:Q", title=t("co2e_kg"), format=",.0f"),
    ]
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
        tooltip=tooltip,
    )
    # the number over a bubble has the bubble's tooltip (else Vega names the field: "rank: 2")
    # ranks 1, 4, ... over their bubble, 2, 5, ... under it, 3, 6, ... to its right: options
    # close together (the trains often are) no longer write their numbers over each other
    text = {"text": "rank:N", "tooltip": tooltip}
    labels = [
        base.transform_filter(alt.expr.toNumber(alt.datum.rank) % 3 == k)
        .mark_text(dx=dx, dy=dy, fontWeight="bold")
        .encode(**text)
        for k, (dx, dy) in enumerate(((14, 0), (0, -14), (0, 16)))
    ]
    return alt.layer(bubbles, *labels).properties(height=360)


def _route_map(option, network) -> None:
    from ui import maps

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
