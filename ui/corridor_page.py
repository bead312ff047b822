"""Officials' page: the corridor map with toggleable layers, its legend and downloads (the
figures are on their own page: ``ui.figures_page``)."""

from __future__ import annotations

import streamlit as st

from planner.text.words import words
from ui import common, data, i18n, maps
from ui.corridor_pictures import VIEWS, corridor_layers, view_state
from ui.i18n import t
from ui.report_downloads import map_buttons

__all__ = ["render"]

LAYER_CHOICES = (
    "air", "air_intl", "land", "rail_sea", "sea", "road", "platforms", "places", "links",
)  # fmt: skip
DEFAULT_LAYERS = ["air", "land", "rail_sea", "sea", "platforms", "places"]


def render() -> None:
    """The corridor map page."""
    network = common.network_or_stop()
    st.header(t("corridors_header"))

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

    layers = corridor_layers(data.data_dir(), view_name, i18n.current(), shown)
    view = view_state(network, view_name)
    st.pydeck_chart(
        maps.deck(layers, view), key="c_map", height=maps.MAP_HEIGHT_PX, alt=t("map_alt_corridors")
    )
    legend = _legend(network, shown)
    st.markdown(maps.legend_html(legend), unsafe_allow_html=True)

    map_buttons(st.columns(2)[0], view_name, (), words("file.corridors", i18n.current()))
    st.caption(t("schematic_note"))
    # the figures have a page of their own: the map page stays light (it loads in software)
    st.page_link("ui/pages/figures.py", label=t("figures_link"), icon=":material/table_chart:")


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
