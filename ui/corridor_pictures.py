"""The corridor map's pictures (the basemap, the lines and the labels, drawn offline:
``ui.map_raster`` says why) and its vector layers, for a named view.

Two pictures, bottom first: the whole world's, coarse (what shows beyond the view's picture
when the map is moved), then the view's. Each is a basemap with the lines and labels laid on
it; the basemaps and the lines are drawn once per process and kept apart, so a toggled layer
draws only the lines again.
"""

from __future__ import annotations

import pydeck as pdk
import streamlit as st

from planner.scenario.mapdraw import cjk_font
from ui import data, i18n, map_raster, maps
from ui.map_raster import WORLD_PX, Raster

__all__ = ["VIEWS", "corridor_layers", "view_state"]

#: Named views of the map (each frames what it shows: planner.views).
VIEWS = ("shanxi", "china", "eurasia", "world")
#: The picture of a view covers a map this many pixels wide and high at the view's zoom
#: (wider than most screens' map); beyond it the whole world's coarser picture shows.
FRAME_PX = (1400, 700)
#: Picture pixels per map pixel: a little finer than the screen (sharp when zoomed in a
#: little), not more: the picture is sent, decoded and drawn in software on every load.
RASTER_SCALE = 1.25
#: The whole world's picture: its width in pixels (Web Mercator: as high as wide).
WORLD_RASTER_PX = 1024
WORLD_BOUNDS = (-180.0, -map_raster.MERCATOR_LAT, 180.0, map_raster.MERCATOR_LAT)
#: The world view: (longitude, latitude, zoom).
WORLD_VIEW = (60.0, 30.0, 0.9)


def view_state(network, name: str) -> pdk.ViewState:
    """A view that frames all the named view shows (Horgos and Alashankou in China's)."""
    if name == "world":
        lon, lat, zoom = WORLD_VIEW
        return pdk.ViewState(longitude=lon, latitude=lat, zoom=zoom)
    from planner.scenario.views import view_bounds

    west, south, east, north = view_bounds(network, name)
    return maps.fit_view([(west, south), (east, north)])


def corridor_layers(directory: str | None, view_name: str, lang: str, shown: list[str]) -> list:
    """The map's layers: the world's picture, the view's, then the vector layers
    (``maps.network_layers``)."""
    groups = tuple(g for g in maps.GROUPS if g in shown)
    labelled = "places" in shown
    world = world_picture(directory, groups)
    frame = frame_picture(directory, view_name, lang, groups, labelled, "platforms" in shown)
    layers = [
        map_raster.raster_layer(world, "picture_world"),
        map_raster.raster_layer(frame, "picture_frame"),
    ]
    records, places, platforms = _records(directory, lang)
    return layers + maps.network_layers(records, places, platforms, shown)


@st.cache_resource(show_spinner=False, max_entries=32)
def frame_picture(
    directory: str | None,
    view_name: str,
    lang: str,
    groups: tuple[str, ...],
    labelled: bool,
    platforms: bool = False,
) -> Raster:
    """A view's picture: its basemap, the lines of the ``groups`` and, if ``labelled``, the
    place labels in ``lang``, none under the platforms' dots if ``platforms`` (the map draws
    them over the picture: a label under them was hidden, Taiyuan and Qingdao Port)."""
    network = data.network_at(directory)
    labels = maps.label_records(network, lang, view_name) if labelled else []
    lines, _, dots = _records(directory, lang)
    bounds, width_px = _frame(directory, view_name)
    overlay = map_raster.draw_overlay(
        bounds,
        width_px,
        scale=RASTER_SCALE,
        lines=maps.shown_lines(lines, groups),
        labels=labels,
        dots=dots if labelled and platforms else [],
        font=cjk_font(),
    )
    return map_raster.composed(_frame_basemap(directory, view_name), overlay)


@st.cache_resource(show_spinner=False, max_entries=16)
def world_picture(directory: str | None, groups: tuple[str, ...]) -> Raster:
    """The whole world's picture, coarse and unlabelled: its basemap and the lines of the
    ``groups`` (one picture for both languages: only the lines' tooltips differ)."""
    lines = maps.shown_lines(_records(directory, i18n.current())[0], groups)
    overlay = map_raster.draw_overlay(WORLD_BOUNDS, WORLD_RASTER_PX, scale=1.0, lines=lines)
    return map_raster.composed(_world_basemap(directory), overlay)


@st.cache_resource(show_spinner=False)
def _records(directory: str | None, lang: str) -> tuple[dict, list, list]:
    """The map's records; their tooltips name places in ``lang`` first (one copy per language)."""
    network = data.network_at(directory)
    return (
        maps.network_records(network),
        maps.place_records(network),
        maps.platform_records(network),
    )


def _frame(directory: str | None, view_name: str) -> tuple[tuple[float, ...], int]:
    """The bounds of a view's picture and the width in map pixels it covers."""
    view = view_state(data.network_at(directory), view_name)
    bounds = map_raster.frame_bounds(view.longitude, view.latitude, view.zoom, *FRAME_PX)
    return bounds, round((bounds[2] - bounds[0]) / (360.0 / (WORLD_PX * 2**view.zoom)))


@st.cache_resource(show_spinner=False, max_entries=8)
def _frame_basemap(directory: str | None, view_name: str) -> Raster:
    """The basemap of a view."""
    bounds, width_px = _frame(directory, view_name)
    layers = dict(data.basemap_frames(directory))
    shanxi = layers.get("shanxi")
    if view_name not in ("shanxi", "china") and shanxi is not None and "level" in shanxi:
        layers["shanxi"] = shanxi[shanxi["level"] == "province"]  # prefectures: too small here
    return map_raster.draw_raster(layers, bounds, width_px, scale=RASTER_SCALE)


@st.cache_resource(show_spinner=False)
def _world_basemap(directory: str | None) -> Raster:
    """The whole world's basemap, coarse."""
    frames = data.basemap_frames(directory)
    return map_raster.draw_raster(frames, WORLD_BOUNDS, WORLD_RASTER_PX, scale=1.0)
