"""Officials' page: the corridor map with toggleable layers, the seed's figures, per-corridor
figures and the platforms."""

from __future__ import annotations

import logging

import pandas as pd
import pydeck as pdk
import streamlit as st

from planner.mapdraw import cjk_font
from ui import common, data, i18n, maps
from ui.corridor_figures import corridor_table
from ui.i18n import t
from ui.map_raster import MERCATOR_LAT, WORLD_PX, Raster, draw_raster, frame_bounds, raster_layer
from ui.report_downloads import map_buttons

__all__ = ["render"]

logger = logging.getLogger(__name__)

LAYER_CHOICES = ("air", "air_intl", "land", "rail_sea", "sea", "road", "platforms", "places")
DEFAULT_LAYERS = ["air", "land", "rail_sea", "sea", "platforms", "places"]
#: Named views of the map (each frames what it shows: planner.views).
VIEWS = ("shanxi", "china", "eurasia", "world")
#: Kinds labelled beyond the Shanxi view.
WIDE_LABEL_KINDS = ("border_crossing", "seaport")
#: The basemap picture of a view covers a map this many pixels wide and high at the view's
#: zoom (wider than most screens' map); beyond it the whole world's coarser picture shows.
FRAME_PX = (1400, 700)
#: Picture pixels per map pixel: a little finer than the screen (sharp when zoomed in a
#: little), not more: the picture is sent, decoded and drawn in software on every load.
RASTER_SCALE = 1.25
#: The whole world's picture: its width in pixels (Web Mercator: as high as wide).
WORLD_RASTER_PX = 1024
#: The world view: (longitude, latitude, zoom).
WORLD_VIEW = (60.0, 30.0, 0.9)
#: Seed figure keys shown first, in this order, with their labels.
SEED_KEYS = {
    "china_europe_lines": ("中欧班列线路（条）", "China–Europe lines"),
    "china_europe_cities": ("通达城市（个）", "Cities reached"),
    "china_europe_countries": ("通达国家（个）", "Countries reached"),
    "trains_total": ("累计开行（列）", "Trains run"),
    "air_ports_of_entry": ("航空口岸（个）", "Air ports of entry"),
}


@st.cache_resource(show_spinner=False)
def _layer_records(directory: str | None, lang: str) -> tuple[dict, list, list]:
    """The map's records; their tooltips name places in ``lang`` first (one copy per language)."""
    network = data.network_at(directory)
    return (
        maps.network_records(network),
        maps.place_records(network),
        maps.platform_records(network),
    )


@st.cache_resource(show_spinner=False, max_entries=32)
def _frame_raster(directory: str | None, view_name: str, lang: str, labelled: bool) -> Raster:
    """The basemap of a view, with the place labels in ``lang`` if ``labelled``."""
    network = data.network_at(directory)
    view = _view(network, view_name)
    west, south, east, north = frame_bounds(view.longitude, view.latitude, view.zoom, *FRAME_PX)
    labels = maps.label_records(network, lang) if labelled else []
    if view_name != "shanxi":  # Shanxi's terminals would crowd together
        labels = [r for r in labels if r["kind"] in WIDE_LABEL_KINDS]
    width_px = (east - west) / (360.0 / (WORLD_PX * 2**view.zoom))
    layers = dict(data.basemap_frames(directory))
    shanxi = layers.get("shanxi")
    if view_name not in ("shanxi", "china") and shanxi is not None and "level" in shanxi:
        layers["shanxi"] = shanxi[shanxi["level"] == "province"]  # prefectures: too small here
    return draw_raster(
        layers,
        (west, south, east, north),
        round(width_px),
        scale=RASTER_SCALE,
        labels=labels,
        font=cjk_font(),
    )


@st.cache_resource(show_spinner=False)
def _world_raster(directory: str | None) -> Raster:
    """The whole world's basemap, coarse and unlabelled: what shows beyond a view's picture."""
    bounds = (-180.0, -MERCATOR_LAT, 180.0, MERCATOR_LAT)
    return draw_raster(data.basemap_frames(directory), bounds, WORLD_RASTER_PX, scale=1.0)


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
    view_name = st.segmented_control(
        t("view"),
        list(VIEWS),
        key="c_view",
        required=True,
        format_func=lambda v: t(f"view_{v}"),
    )
    st.query_params["layers"] = ",".join(shown) or "-"
    st.query_params["view"] = view_name

    directory, lang = data.data_dir(), i18n.current()
    records, places, platforms = _layer_records(directory, lang)
    # the basemap and the labels are pictures (ui.map_raster says why), the world's beneath
    frame = _frame_raster(directory, view_name, lang, "places" in shown)
    layers = [raster_layer(_world_raster(directory), "basemap_world")]
    layers += [raster_layer(frame, "basemap_frame")]
    layers += maps.network_layers(records, places, platforms, shown)
    view = _view(network, view_name)
    st.pydeck_chart(
        maps.deck(layers, view), key="c_map", height=maps.MAP_HEIGHT_PX, alt=t("map_alt_corridors")
    )
    legend = _legend(network, shown)
    st.markdown(maps.legend_html(legend), unsafe_allow_html=True)

    map_buttons(st.columns(4)[:2], view_name, (), "corridors")
    st.caption(t("schematic_note"))

    st.markdown(f"#### {t('corridor_figures')}")
    corridor_table()
    if len(network.platforms):
        st.markdown(f"#### {t('platforms_table')}")
        _platform_table(network)


def _view(network, name: str) -> pdk.ViewState:
    """A view that frames all the named view shows (Horgos and Alashankou in China's)."""
    if name == "world":
        lon, lat, zoom = WORLD_VIEW
        return pdk.ViewState(longitude=lon, latitude=lat, zoom=zoom)
    from planner.views import view_bounds

    west, south, east, north = view_bounds(network, name)
    return maps.fit_view([(west, south), (east, north)])


def _legend(network, shown: list[str]) -> list[tuple[str, list[int], str]]:
    """Legend rows: every corridor of the groups shown, one colour each."""
    lang = i18n.current()
    seed = set(getattr(network, "seed_corridors", ()) or network.corridors)
    items: list[tuple[str, list[int], str]] = []
    for group in LAYER_CHOICES:
        if group not in shown or group not in maps.GROUP_COLOURS:
            continue
        for cid, corridor in network.corridors.items():
            in_group = maps.group_of_corridor(corridor.kind)
            if in_group == "air" and cid not in seed:
                in_group = "air_intl"
            if in_group == group:
                colour = maps.CORRIDOR_COLOURS.get(cid, maps.GROUP_COLOURS[group])
                items.append((i18n.name(corridor.__dict__, lang), colour, "line"))
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
