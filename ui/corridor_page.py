"""Officials' page: the corridor map with toggleable layers, the seed's figures, per-corridor
figures and the platforms."""

from __future__ import annotations

import logging

import pandas as pd
import pydeck as pdk
import streamlit as st

from ui import common, data, i18n, maps
from ui.i18n import t

__all__ = ["render"]

logger = logging.getLogger(__name__)

LAYER_CHOICES = ("air", "air_intl", "land", "rail_sea", "sea", "road", "platforms", "places")
DEFAULT_LAYERS = ["air", "land", "rail_sea", "sea", "platforms", "places"]
#: Named views of the map: (longitude, latitude, zoom).
VIEWS = {
    "shanxi": (112.3, 37.6, 5.6),
    "china": (108.0, 36.0, 3.4),
    "eurasia": (72.0, 45.0, 2.0),
    "world": (60.0, 30.0, 0.9),
}
VIEW_LABELS = {
    "shanxi": ("山西", "Shanxi"),
    "china": ("中国", "China"),
    "eurasia": ("亚欧", "Eurasia"),
    "world": ("世界", "World"),
}
#: Seed figure keys shown first, in this order, with their labels.
SEED_KEYS = {
    "china_europe_lines": ("中欧班列线路（条）", "China–Europe lines"),
    "china_europe_cities": ("通达城市（个）", "Cities reached"),
    "china_europe_countries": ("通达国家（个）", "Countries reached"),
    "trains_total": ("累计开行（列）", "Trains run"),
    "air_ports_of_entry": ("航空口岸（个）", "Air ports of entry"),
}
#: The seed's per-corridor figures (``seed_<key>`` columns of corridor_figures).
FIGURE_KEYS = {
    "lines": ("线路", "lines"),
    "cities": ("城市", "cities"),
    "countries": ("国家", "countries"),
    "trains": ("班列（列）", "trains"),
}


@st.cache_resource(show_spinner=False)
def _layer_records(directory: str | None, lang: str) -> tuple[dict, list, list]:
    """The map's records; their tooltips name places in ``lang`` first (one copy per language)."""
    del lang  # part of the cache key: the records read the session's language
    network = data.network_at(directory)
    return (
        maps.network_records(network),
        maps.place_records(network),
        maps.platform_records(network),
    )


def render() -> None:
    """The corridor map page."""
    network = common.network_or_stop()
    st.header(t("corridors_header"))
    _seed_figures(network.seed_figures)

    if "c_layers" not in st.session_state:
        wanted = st.query_params.get("layers")
        chosen = [x for x in (wanted or "").split(",") if x in LAYER_CHOICES]
        st.session_state["c_layers"] = chosen if wanted else list(DEFAULT_LAYERS)
    if "c_view" not in st.session_state:
        view = st.query_params.get("view")
        st.session_state["c_view"] = view if view in VIEWS else "eurasia"

    shown = st.pills(
        t("layers"),
        LAYER_CHOICES,
        selection_mode="multi",
        key="c_layers",
        format_func=i18n.labeller("layer_"),
    )
    view_index = 0 if i18n.current() == "zh" else 1
    view_name = st.segmented_control(
        t("view"),
        list(VIEWS),
        key="c_view",
        required=True,
        format_func=lambda v: VIEW_LABELS[v][view_index],
    )
    st.query_params["layers"] = ",".join(shown) or "-"
    st.query_params["view"] = view_name

    records, places, platforms = _layer_records(data.data_dir(), i18n.current())
    # prefecture outlines only where they can be told apart (and cost bytes worth paying)
    province = "shanxi" if view_name in ("shanxi", "china") else "shanxi_province"
    basemaps = {name: data.basemap_geojson(name) for name in ("world", "china", province)}
    layers = maps.basemap_layers(basemaps) + maps.network_layers(records, places, shown)
    if "platforms" in shown and platforms:
        layers.append(maps.platform_layer(platforms))
    lon, lat, zoom = VIEWS[view_name]
    view = pdk.ViewState(longitude=lon, latitude=lat, zoom=zoom)
    st.pydeck_chart(
        maps.deck(layers, view), key="c_map", height=maps.MAP_HEIGHT_PX, alt=t("map_alt_corridors")
    )
    legend = _legend(network, shown)
    st.markdown(maps.legend_html(legend), unsafe_allow_html=True)

    st.markdown(f"#### {t('corridor_figures')}")
    _corridor_table()
    if len(network.platforms):
        st.markdown(f"#### {t('platforms_table')}")
        _platform_table(network)


def _legend(network, shown: list[str]) -> list[tuple[str, list[int], str]]:
    """Legend rows: one per group, the land and rail–sea corridors one by one."""
    lang = i18n.current()
    items: list[tuple[str, list[int], str]] = []
    for group in LAYER_CHOICES:
        if group not in shown or group not in maps.GROUP_COLOURS:
            continue
        named = [
            (cid, colour)
            for cid, colour in maps.CORRIDOR_COLOURS.items()
            if cid in network.corridors
            and maps.group_of_corridor(network.corridors[cid].kind) == group
        ]
        for cid, colour in named:
            items.append((i18n.name(network.corridors[cid].__dict__, lang), colour, "line"))
        label = t(f"layer_{group}") if not named else t("rail_abroad")
        if group != "rail_sea" or not named:
            items.append((label, maps.GROUP_COLOURS[group], "line"))
    if "platforms" in shown:
        items.append((t("layer_platforms"), maps.MARKER_COLOURS["platform"], "dot"))
    if "places" in shown:
        items.append((t("layer_places"), maps.MARKER_COLOURS["place"], "dot"))
    return items


def _figure(entry) -> tuple[object, str | None, str | None]:
    if isinstance(entry, dict):
        return entry.get("value"), entry.get("as_of"), entry.get("source")
    return entry, None, None


def _seed_figures(figures: dict) -> None:
    if not figures:
        return
    st.markdown(f"#### {t('seed_figures')}")
    keys = [k for k in SEED_KEYS if k in figures] + [
        k for k in figures if k not in SEED_KEYS and isinstance(figures[k], dict)
    ]
    columns = st.columns(max(len(keys), 1))
    dates, sources = set(), set()
    lang_index = 0 if i18n.current() == "zh" else 1
    for column, key in zip(columns, keys, strict=False):
        value, as_of, source = _figure(figures[key])
        label = SEED_KEYS[key][lang_index] if key in SEED_KEYS else key.replace("_", " ")
        note = figures[key].get("note") if isinstance(figures[key], dict) else None
        help_text = " · ".join(str(x) for x in (note, as_of) if x) or None
        column.metric(
            label,
            f"{value:,}" if isinstance(value, int | float) else str(value),
            help=help_text,
        )
        if as_of:
            dates.add(str(as_of))
        if source:
            sources.add(str(source))
    for key in ("as_of", "source"):  # flat form: {"as_of": ..., "source": ...}
        if isinstance(figures.get(key), str):
            (dates if key == "as_of" else sources).add(figures[key])
    if dates or sources:
        st.caption(
            t(
                "seed_as_of",
                date=", ".join(sorted(dates)) or "—",
                source="; ".join(sorted(sources)) or "—",
            )
        )


def _corridor_table() -> None:
    try:
        frame = data.figures()
    except Exception as exc:  # noqa: BLE001 - figures are an extra; the map still shows
        logger.exception("corridor figures failed")
        common.show_error(exc)
        return
    lang = i18n.current()
    name_col = "name_zh" if lang == "zh" else "name_en"
    shown = pd.DataFrame(
        {
            t("col_name"): frame[name_col],
            t("col_kind"): [
                t(f"ckind_{k}") if f"ckind_{k}" in i18n.STRINGS else k for k in frame["kind"]
            ],
            t("col_length_km"): frame["length_km"].round(0),
            t("col_links"): frame["links"],
            t("col_nodes"): frame["nodes"],
            t("col_destinations"): frame["destinations"],
            t("col_countries"): frame["countries"],
            t("col_first_choice"): frame["first_choice"],
        }
    )
    for key in ("lines", "cities", "countries", "trains"):
        column = f"seed_{key}"
        if column in frame.columns and frame[column].notna().any():
            label = FIGURE_KEYS[key][0 if lang == "zh" else 1]
            shown[f"★ {label}"] = _blank_missing(frame[column])
    if "seed_as_of" in frame.columns and frame["seed_as_of"].notna().any():
        shown[f"★ {t('as_of')}"] = _blank_missing(frame["seed_as_of"])
    st.dataframe(
        shown,
        hide_index=True,
        key="c_figures",
        column_config={
            t("col_length_km"): st.column_config.NumberColumn(format="localized"),
            t("col_first_choice"): st.column_config.NumberColumn(help=t("first_choice_help")),
        },
    )
    _corridor_detail(frame)


def _blank_missing(column: pd.Series) -> pd.Series:
    """The seed gives some figures for some corridors only: show the rest as empty cells."""
    return pd.Series(
        ["" if pd.isna(value) else str(value) for value in column], index=column.index, dtype=str
    )


def _corridor_detail(frame: pd.DataFrame) -> None:
    """Which destinations and countries one corridor serves, by name."""
    if "destination_ids" not in frame.columns:
        return
    lang = i18n.current()
    names = {row["id"]: i18n.name(row, lang) for row in frame.to_dict("records")}
    chosen = st.selectbox(
        t("corridor_detail"),
        list(names),
        key="c_detail",
        format_func=lambda cid: names.get(cid, cid),
        index=None,
        placeholder=t("corridor_detail_placeholder"),
    )
    if chosen is None:
        return
    row = frame.set_index("id").loc[chosen]
    network = data.get_network()
    nodes, countries = network.nodes, network.countries
    places = [
        i18n.name(nodes.loc[n].to_dict(), lang) if n in nodes.index else n
        for n in row["destination_ids"] or []
    ]
    states = [
        i18n.name(countries.loc[c].to_dict(), lang) if c in countries.index else c
        for c in row["country_list"] or []
    ]
    first = [
        i18n.name(nodes.loc[n].to_dict(), lang) if n in nodes.index else n
        for n in row.get("first_choice_ids") or []
    ]
    st.markdown(
        f"**{t('col_destinations')}** ({len(places)}): {', '.join(places) or t('none')}  \n"
        f"**{t('col_countries')}** ({len(states)}): {', '.join(states) or t('none')}  \n"
        f"**{t('col_first_choice')}** ({len(first)}): {', '.join(first) or t('none')}"
    )


def _platform_table(network) -> None:
    lang = i18n.current()
    rows = []
    nodes = network.nodes
    for _, row in network.platforms.iterrows():
        kind_key = f"kind_{row['kind']}"
        city = row.get("city")
        city_name = i18n.name(nodes.loc[city].to_dict()) if city in nodes.index else (city or "")
        receives = row.get("receives")
        rows.append(
            {
                t("col_name"): row["name_zh"] if lang == "zh" else row["name_en"],
                t("col_kind"): t(kind_key) if kind_key in i18n.STRINGS else row["kind"],
                t("col_city"): city_name,
                t("col_receives"): ("、" if lang == "zh" else ", ").join(
                    t(f"receives_{r}") if f"receives_{r}" in i18n.STRINGS else str(r)
                    for r in receives
                )
                if isinstance(receives, list | tuple)
                else "",
                t("col_source"): row.get("source") or "",
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="c_platforms")
