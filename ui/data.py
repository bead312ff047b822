"""Cached access to the network and the frames the pages show.

The network (and anything derived from it that is large and read-only, like map layers) is a
``st.cache_resource``: one copy shared by every session. Small tables are ``st.cache_data``.
"""

from __future__ import annotations

import io
import json
import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

if TYPE_CHECKING:
    from collections.abc import Callable

    from corridors import Network
    from planner.model.cargo import CargoClasses

__all__ = [
    "DATA_DIR_ENV",
    "basemap_frames",
    "basemap_geojson",
    "warm_up",
    "csv_bytes",
    "figures",
    "get_network",
    "network_at",
    "picker_places",
    "places",
    "planner",
]

logger = logging.getLogger(__name__)

#: Environment variable naming another data directory (tests point it at a small network).
DATA_DIR_ENV = "SHANXI_CORRIDORS_DATA"
#: Degrees the basemap outlines are simplified by before they are sent to the browser
#: (about 2 km: invisible at the zoom levels of the app, and a fraction of the bytes).
BASEMAP_TOLERANCE_DEG = {"world": 0.2, "china": 0.03, "shanxi": 0.005, "shanxi_province": 0.01}
#: Islands smaller than this (square degrees) are left out.
MIN_PART_AREA_DEG2 = {"world": 0.5, "china": 0.01, "shanxi": 0.0}
#: Decimal places kept of basemap coordinates (0.01 degree is about 1 km).
BASEMAP_DECIMALS = {"world": 1, "china": 2, "shanxi": 3}


def data_dir() -> str | None:
    """The data directory chosen by the environment, or ``None`` for the shipped data."""
    return os.environ.get(DATA_DIR_ENV) or None


def cargo_classes() -> CargoClasses:
    """The cargo table of the app's data directory (the shipped one where it has none)."""
    from planner.model.cargo import load_cargo_classes

    return load_cargo_classes(data_dir())


def cargo_labeller(lang: str) -> Callable[[str], str]:
    """A ``format_func`` naming a cargo class in ``lang`` by its row of the cargo table."""
    table = cargo_classes()
    return lambda cargo: table.name(cargo, lang)


def get_network() -> Network:
    """The corridor network, loaded once per process and data directory."""
    return network_at(data_dir())


@st.cache_resource(show_spinner=False)
def network_at(directory: str | None) -> Network:
    """The network of a data directory (``None``: the shipped one), loaded once per process."""
    from corridors import load_network

    return load_network(directory)


def warm_up() -> None:
    """Build the planner's graph and the world gazetteer's name index in the background, once
    per process (``app.py`` starts it when a page's run ends).

    The first page (a form) needs neither, so by the time someone asks for a route they are
    ready instead of costing that first query seconds; started after the run, the build does
    not take the interpreter from the page it would otherwise slow down.
    """
    try:
        _warm_up(data_dir())
    except Exception:  # noqa: BLE001 - a broken data directory: the page has said so
        logger.exception("warm-up not started")


@st.cache_resource(show_spinner=False)
def _warm_up(directory: str | None) -> threading.Thread:
    network = network_at(directory)

    def build() -> None:
        try:
            from planner.core.api import planner_for

            planner = planner_for(network)
            planner.graph  # noqa: B018 - built on first use
            planner.places.world  # noqa: B018 - read on first use
        except Exception:  # noqa: BLE001 - the query itself will report the problem
            logger.exception("background warm-up failed")

    thread = threading.Thread(target=build, name="planner-warm-up", daemon=True)
    thread.start()
    return thread


def basemap_geojson(name: str) -> dict[str, Any] | None:
    """A basemap layer as a small GeoJSON dict, or ``None`` when it is not shipped.

    ``name`` is ``world``, ``china``, ``shanxi`` (province and prefectures) or
    ``shanxi_province`` (the outline only). Outlines are simplified and rounded, and properties
    dropped: the basemap is not pickable, and every byte is parsed by the browser on each run.
    """
    return _basemap(name, data_dir())


@st.cache_resource(show_spinner=False)
def _basemap(name: str, directory: str | None) -> dict[str, Any] | None:
    from corridors import DEFAULT_DATA_DIR

    network = network_at(directory)
    source = "shanxi" if name == "shanxi_province" else name
    try:
        gdf = network.basemap(source)
    except FileNotFoundError:
        path = Path(DEFAULT_DATA_DIR) / "basemap" / f"{source}.geojson"
        if not path.is_file():
            logger.warning("basemap %s not shipped", name)
            return None
        import geopandas as gpd

        gdf = gpd.read_file(path)
    if name == "shanxi_province" and "level" in gdf.columns:
        gdf = gdf[gdf["level"] == "province"]
    small = gdf[["geometry"]].copy()
    min_area = MIN_PART_AREA_DEG2.get(name, 0.0)
    small["geometry"] = [_drop_small_parts(g, min_area) for g in small.geometry]
    small["geometry"] = small.geometry.simplify(
        BASEMAP_TOLERANCE_DEG.get(name, 0.01), preserve_topology=False
    )
    small = small[~(small.geometry.isna() | small.geometry.is_empty)]
    doc = json.loads(small.to_json(drop_id=True))
    decimals = BASEMAP_DECIMALS.get(source, 3)
    features = [
        {"type": "Feature", "properties": {}, "geometry": _rounded(f["geometry"], decimals)}
        for f in doc["features"]
    ]
    return {"type": "FeatureCollection", "features": features}


@st.cache_resource(show_spinner=False)
def basemap_frames(directory: str | None) -> dict[str, Any]:
    """The shipped basemap layers at full detail (``world``, ``china``, ``shanxi``: GeoDataFrames),
    those that are shipped, for the pictures of the map (``ui.corridor_pictures``)."""
    network = network_at(directory)
    frames = {}
    for name in ("world", "china", "shanxi"):
        try:
            frames[name] = network.basemap(name)
        except FileNotFoundError:
            logger.warning("basemap %s not shipped", name)
    return frames


def _drop_small_parts(geometry: Any, min_area: float) -> Any:
    if geometry is None or min_area <= 0 or geometry.geom_type != "MultiPolygon":
        return geometry
    from shapely.geometry import MultiPolygon

    parts = [p for p in geometry.geoms if p.area >= min_area]
    if not parts:
        parts = [max(geometry.geoms, key=lambda p: p.area)]
    return MultiPolygon(parts)


def _rounded(geometry: dict[str, Any], decimals: int) -> dict[str, Any]:
    def walk(value: Any) -> Any:
        if isinstance(value, list) and value and isinstance(value[0], int | float):
            return [round(v, decimals) for v in value]
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def planner():
    """The planner of the network in use (one per process and data directory)."""
    from planner.core.api import planner_for

    return planner_for(get_network())


def places() -> pd.DataFrame:
    """Every place a route may start or end at (``planner.places.index.index.list_places``)."""
    return _places(data_dir())


@st.cache_data(show_spinner=False)
def _places(directory: str | None) -> pd.DataFrame:
    # the table of ``planner.core.api.list_places``, of an index of its own: the first page
    # lists the places before the planner (and its imports) is needed
    from planner.places.index import PlaceIndex

    return PlaceIndex(network_at(directory)).table()


#: The world's cities a picker lists from this many people on (and every Shanxi county seat);
#: a smaller place is typed and found by name (``planner.places.index.index``).
PICK_MIN_POPULATION = 100_000


def world_places() -> pd.DataFrame:
    """The world gazetteer's places the pickers list beside the network's (Shanxi's county
    seats, the cities of :data:`PICK_MIN_POPULATION` people or more), less those the network
    has under the same name; empty without a gazetteer."""
    return _world_places(data_dir())


#: The code that makes the pickers' lists (:func:`_world_picks`): an edit makes them again.
_PLACES_CODE = Path(__file__).resolve().parent.parent / "planner" / "places"


@st.cache_data(show_spinner=False)
def _world_places(directory: str | None) -> pd.DataFrame:
    from corridors.disk_cache import file_states, kept
    from planner.places.world import GAZETTEER_FILE

    data = network_at(directory).data_dir
    path = data / GAZETTEER_FILE
    if not path.is_file():
        return pd.DataFrame(columns=["id", "name_en", "name_zh", "kind", "country", "shanxi_seat"])
    # reading the gazetteer (46,000 rows) cost a cold first page a third of a second: the
    # list is kept on disk beside the network, named by the state of what it is made from
    sources = [*data.glob("*.geojson"), path, Path(__file__), *_PLACES_CODE.glob("*.py")]
    key = ("app-world-picks", PICK_MIN_POPULATION, str(data.resolve()), file_states(sources))
    return kept(key, lambda: _world_picks(directory, path))


def _world_picks(directory: str | None, path: Path) -> pd.DataFrame:
    from planner.places.names import normalise_name
    from planner.places.world import load_picks

    # the gazetteer's rows only: its name index is built by the warm-up, after the page shows
    picks = load_picks(path, min_population=PICK_MIN_POPULATION)
    known = _places(directory)
    named = set(zip(known["name_en"].map(normalise_name), known["country"], strict=True))
    twin = [
        (normalise_name(name), country) in named
        for name, country in zip(picks["name_en"], picks["country"], strict=True)
    ]
    return picks[~pd.Series(twin, index=picks.index)].reset_index(drop=True)


def picker_places() -> pd.DataFrame:
    """The places the route page's pickers list: the network's (:func:`places`), then the
    world's larger ones (:func:`world_places`); one frame per process, read only."""
    return _picker_places(data_dir())


@st.cache_resource(show_spinner=False)
def _picker_places(directory: str | None) -> pd.DataFrame:
    world = _world_places(directory).drop(columns="shanxi_seat")
    return pd.concat([_places(directory), world], ignore_index=True)


def place_row(place_id: str, network: Network) -> dict[str, Any] | None:
    """The names and position of a place a route names: a node of the network, or a place of
    the world it ends at (a gazetteer id such as ``gn:2553604``); ``None`` for neither."""
    nodes = network.nodes
    if place_id in nodes.index:
        return nodes.loc[place_id].to_dict()
    if ":" not in place_id:
        return None
    from planner.core.api import resolve_place

    try:
        place = resolve_place(place_id, network)
    except Exception:  # noqa: BLE001 - an id the gazetteer no longer has: shown as it is
        return None
    return {"name_en": place.name_en, "name_zh": place.name_zh, "lon": place.lon,
            "lat": place.lat, "kind": place.kind, "country": place.country}  # fmt: skip


def figures() -> pd.DataFrame:
    """Figures per corridor (``corridors.corridor_figures``)."""
    return _figures(data_dir())


@st.cache_data(show_spinner=False)
def _figures(directory: str | None) -> pd.DataFrame:
    from corridors import corridor_figures

    return corridor_figures(network_at(directory))


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as the planner writes CSV for people: UTF-8 with BOM, injection-safe."""
    from planner.io.export import write_csv

    buffer = io.BytesIO()
    write_csv(frame, buffer)
    return buffer.getvalue()
