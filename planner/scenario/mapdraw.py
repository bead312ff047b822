"""The corridor map drawn offline for a report: PNG or PDF, from the shipped layers.

geopandas draws the shipped basemap (the world's countries, China, Shanxi) and matplotlib the
corridors, one colour each (:mod:`planner.scenario.palette`), the closed ids in dark red, optional
flow widths, and the names of China's border crossings and seaports and of Shanxi's cities,
each beside its point and none over another (:mod:`planner.scenario.labels`; the minor
stations are left to the app's tooltips). The map fills its frame (the view's box grows to
the page's shape); the title, the legend and the names are in the reader's language, the
title and the schematic note in the other language too, after it, with the day it was drawn
and the date of the newest figure. Every map carries the note that it is schematic: it has
no map approval number and may not be published as a map of China.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import textwrap
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from planner.model.params import load_parameters
from planner.network.closed_edges import sea_passage
from planner.scenario.labels import Label, place_labels
from planner.scenario.palette import corridor_colour
from planner.scenario.views import VIEWS, view_bounds
from planner.text.words import words

__all__ = [
    "SCHEMATIC_NOTE",
    "VIEWS",
    "both",
    "dated",
    "draw_map",
    "map_axes",
    "map_bytes",
    "map_figure",
    "new_figure",
]

logger = logging.getLogger(__name__)
# WenQuanYi has no bold face: matplotlib would log a warning for every bold title
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


def both(key: str, lang: str = "en") -> str:
    """A map's words in both languages, the reader's first: a map travels to either audience."""
    other = "en" if lang == "zh" else "zh"
    first, second = words(key, lang), words(key, other)
    return first if first == second else f"{first} {second}"


def dated(lang: str) -> str:
    """The day the map is drawn and the date of the newest figure it rests on."""
    params = load_parameters()
    newest = max(str(params.row(key).as_of) for key in params)
    return words("report.dated", lang, made=dt.date.today().isoformat(), as_of=newest)


SCHEMATIC_NOTE = both("map.schematic_note")
#: CJK fonts looked for, in order (``make browser`` installs the first).
CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
#: A4 landscape, inches; PNG resolution.
PAGE_IN = (11.69, 8.27)
PNG_DPI = 170
CLOSED_COLOUR = "#780000"
FLOW_COLOUR = "#009aa8"
MAX_FLOW_PT = 9.0
LINE_PT = {"named": 1.8, "muted": 0.7}
#: Corridors drawn only in the wide views, and those views.
WIDE_ONLY = frozenset({"air_international"})
WIDE_VIEWS = frozenset({"eurasia", "world"})
MUTED = frozenset({"rail_abroad", "sea_lanes", "road_shanxi", "air_feeder", "air_international"})
WATER, LAND, CHINA, SHANXI = "#dbe8f2", "#f4f1ea", "#fbf8f2", "#f3dfb8"
#: China's kinds of place named on every view but Shanxi's, most important first.
LABELLED_KINDS = ("border_crossing", "seaport")
#: The marker of each kind of place named.
MARKERS = {"border_crossing": "D", "seaport": "s", "city": "o"}
#: Characters of a line of the legend.
LEGEND_CHARS = {"en": 44, "zh": 22}


#: Drawing is serialised: the app draws downloads on threads, and the font registry is shared.
DRAWING = threading.RLock()


def new_figure(size_in: tuple[float, float]) -> Figure:
    """A figure on its own Agg canvas (no pyplot: no global state, safe on any thread)."""
    figure = Figure(figsize=size_in)
    FigureCanvasAgg(figure)
    return figure


def cjk_font() -> str | None:
    """Register the first CJK font found and return its family name (``None``: none found;
    Chinese then shows as boxes)."""
    for path in CJK_FONTS:
        if Path(path).is_file():
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
    logger.warning("no CJK font found (%s): Chinese names will not render", CJK_FONTS[0])
    return None


def _rgb(colour: tuple[int, int, int]) -> tuple[float, float, float]:
    return tuple(c / 255 for c in colour)  # type: ignore[return-value]


def _coords(geometry: Any) -> list[list[tuple[float, float]]]:
    parts = getattr(geometry, "geoms", [geometry])
    return [list(part.coords) for part in parts if part is not None and not part.is_empty]


def _basemap(ax: Any, network: Any) -> None:
    ax.set_facecolor(WATER)
    for name, face, edge, width in (
        ("world", LAND, "#b9b2a6", 0.3),
        ("china", CHINA, "#8c8273", 0.6),
        ("shanxi", SHANXI, "#b07a2a", 0.8),
    ):
        try:
            layer = network.basemap(name)
        except (FileNotFoundError, ValueError):
            continue
        layer.plot(ax=ax, color=face, edgecolor=edge, linewidth=width, zorder=1)


def _name(row: Any, lang: str) -> str:
    """A node's or corridor's name in ``lang`` (the English one where it has none)."""
    get = row.get if isinstance(row, dict) else lambda k, d=None: getattr(row, k, d)
    local = get(f"name_{lang}")
    return str(local if isinstance(local, str) and local else get("name_en") or "")


def _links(ax: Any, network: Any, view: str, closed: set[str], lang: str) -> list[Line2D]:
    """The links by corridor; the legend's handles of the corridors drawn."""
    handles = []
    links = network.sailed_links(sea_passage(load_parameters()))
    for corridor_id, group in links.groupby("corridor", sort=False):
        if corridor_id in WIDE_ONLY and view not in WIDE_VIEWS:
            continue  # the hubs' intercontinental flights would hide China's corridors
        segments = [part for geometry in group.geometry for part in _coords(geometry)]
        muted = corridor_id in MUTED
        width = LINE_PT["muted" if muted else "named"]
        colour = _rgb(corridor_colour(str(corridor_id)))
        style = (0, (4, 2)) if str(corridor_id).startswith("air") else "solid"
        ax.add_collection(
            LineCollection(
                segments,
                colors=[colour],
                linewidths=width,
                linestyles=style,
                zorder=3 if muted else 4,
                alpha=0.75 if muted else 0.95,
            )  # fmt: skip
        )
        corridor = network.corridors.get(corridor_id)
        label = _name(corridor, lang) if corridor else str(corridor_id)
        label = "\n".join(textwrap.wrap(label, LEGEND_CHARS[lang]))
        handles.append(Line2D([], [], color=colour, linewidth=width + 0.6, ls=style, label=label))
    shut = links[links["corridor"].isin(closed) | links.index.isin(closed)]
    if len(shut):
        segments = [part for geometry in shut.geometry for part in _coords(geometry)]
        ax.add_collection(
            LineCollection(segments, colors=CLOSED_COLOUR, linewidths=3.2, zorder=5, alpha=0.9)
        )
    return handles


def _flows(ax: Any, network: Any, link_flows: Any) -> None:
    if link_flows is None or len(link_flows) == 0:
        return
    most = max(float(link_flows["shipments_after"].max()), 1.0)
    shapes = network.links
    for row in link_flows.to_dict("records"):
        count = row.get("shipments_after", 0)
        if count <= 0 or row["link"] not in shapes.index:
            continue
        width = max(0.8, MAX_FLOW_PT * math.sqrt(count / most))
        segments = _coords(shapes.loc[row["link"]].geometry)
        ax.add_collection(
            LineCollection(segments, colors=FLOW_COLOUR, linewidths=width, alpha=0.55, zorder=6)
        )


def labelled_places(network: Any, view: str) -> Any:
    """The places a view names, the most important first: China's border crossings and
    seaports, those the named corridors pass first (Tianjin before a port no corridor uses),
    then Shanxi's cities, the one whose own terminals and airport the named corridors pass
    most first (in the wide views that one only: the others crowd together at that scale)."""
    nodes = network.nodes
    seed = set(getattr(network, "seed_corridors", ()) or network.corridors)
    links = network.links[network.links["corridor"].isin(seed)]
    uses = links["from"].value_counts().add(links["to"].value_counts(), fill_value=0)
    home = nodes[nodes["country"] == "CN"]
    gates = home[home["kind"].isin(LABELLED_KINDS)].copy()
    gates["rank"] = [(LABELLED_KINDS.index(k), -uses.get(i, 0)) for i, k in gates["kind"].items()]
    flags = home.get("shanxi_prefecture", pd.Series(False, index=home.index))
    cities = home[(home["kind"] == "city") & flags.eq(True)].copy()
    served = uses.groupby(nodes["city"].reindex(uses.index)).sum() if "city" in nodes else uses
    busy = {i: uses.get(i, 0) + served.get(i, 0) for i in cities.index}
    cities["rank"] = [(len(LABELLED_KINDS), -busy[i]) for i in cities.index]
    if view in WIDE_VIEWS:
        cities = cities.sort_values("rank").head(1)
    return pd.concat([gates, cities]).sort_values("rank", kind="stable")


def _labels(ax: Any, network: Any, view: str, closed: set[str], font: dict, lang: str) -> None:
    """Dots of the places the view names (:func:`labelled_places`) inside the frame, and their
    names where they fit (:func:`planner.scenario.labels.place_labels`)."""
    west, east = ax.get_xlim()
    south, north = ax.get_ylim()
    chosen = labelled_places(network, view)
    inside = chosen[chosen["lon"].between(west, east) & chosen["lat"].between(south, north)]
    for node_id, row in inside.iterrows():
        is_closed = node_id in closed
        ax.plot(
            row["lon"], row["lat"], marker=MARKERS[row["kind"]], ms=5 if not is_closed else 8,
            color=CLOSED_COLOUR if is_closed else "#333333", mec="white", mew=0.6, zorder=7,
        )  # fmt: skip
    labels = [
        Label(str(i), float(r["lon"]), float(r["lat"]), _name(r.to_dict(), lang))
        for i, r in inside.iterrows()
    ]
    size = 7.5 if view in ("china", "shanxi") else 6.5
    place_labels(ax, labels, size=size, offset_pt=4.5, font=font.get("fontfamily"))


def map_axes(
    ax: Any,
    network: Any,
    *,
    view: str = "china",
    closed: Iterable[str] = (),
    link_flows: Any = None,
    lang: str = "en",
) -> list[Line2D]:
    """Draw the map into ``ax``, filling it; return the legend's handles (corridors drawn,
    closed, flows, the kinds of place marked), in ``lang``."""
    closed = set(closed)
    font = {"fontfamily": cjk_font()} if cjk_font() else {}
    west, south, east, north = view_bounds(network, view)
    _basemap(ax, network)
    handles = _links(ax, network, view, closed, lang)
    _flows(ax, network, link_flows)
    # plate carrée stretched by the middle latitude: shapes look right at the view's centre;
    # the view's box grows to the frame's shape, so the map fills it
    stretch = 1 / max(math.cos(math.radians((south + north) / 2)), 0.2)
    west, south, east, north = _filling(ax, (west, south, east, north), stretch)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(stretch)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    _labels(ax, network, view, closed, font, lang)
    if closed:
        handles.append(Line2D([], [], color=CLOSED_COLOUR, lw=3, label=words("map.closed", lang)))
    if link_flows is not None and len(link_flows):
        flow = Line2D([], [], color=FLOW_COLOUR, lw=5, alpha=0.55, label=words("map.flow", lang))
        handles.append(flow)
    for kind, marker in MARKERS.items():
        mark = Line2D([], [], ls="", marker=marker, ms=5, color="#333333", mec="white")
        mark.set_label(words(f"app.kind_{kind}", lang))
        handles.append(mark)
    return handles


def _filling(ax: Any, bounds: tuple[float, ...], stretch: float) -> tuple[float, ...]:
    """``bounds`` grown about their centre, across or up, to the shape of ``ax``'s frame."""
    west, south, east, north = bounds
    where = ax.get_position(original=True)  # the frame given, not as the basemap's aspect left it
    width_in, height_in = ax.figure.get_size_inches()
    frame = (where.width * width_in) / (where.height * height_in)
    across, up = east - west, (north - south) * stretch
    if across / up < frame:
        grow = (up * frame - across) / 2
        return (west - grow, south, east + grow, north)
    grow = (across / frame - up) / stretch / 2
    return (west, max(south - grow, -90.0), east, min(north + grow, 90.0))


def map_figure(
    network: Any,
    *,
    view: str = "china",
    closed: Iterable[str] = (),
    link_flows: Any = None,
    title: str | None = None,
    lang: str = "en",
) -> Figure:
    """The map on an A4 landscape page: the title, the map filling the page but for the
    legend at its right, the schematic note and the date under it; words in ``lang``."""
    closed = list(closed)
    font = {"fontfamily": cjk_font()} if cjk_font() else {}
    figure = new_figure(PAGE_IN)
    ax = figure.add_axes((0.01, 0.075, 0.74, 0.855))
    handles = map_axes(ax, network, view=view, closed=closed, link_flows=link_flows, lang=lang)
    heading = title or both("map.title", lang)
    if closed:
        names = words("sep.list", lang).join(_closed_name(network, c, lang) for c in closed)
        heading += f" — {words('map.closed_heading', lang, names=names)}"
    figure.text(0.01, 0.955, heading, fontsize=13, weight="bold", **font)
    used = {h.get_label(): h for h in handles}
    figure.legend(
        handles=list(used.values()), loc="upper left", bbox_to_anchor=(0.755, 0.93), ncol=1,
        frameon=False, prop=font_manager.FontProperties(size=7, **_family(font)),
        title=words("map.legend", lang), title_fontproperties=font_manager.FontProperties(
            size=8, weight="bold", **_family(font)),
        alignment="left", labelspacing=0.6,
    )  # fmt: skip
    figure.text(0.01, 0.045, both("map.schematic_note", lang), fontsize=8, color="#7a0000", **font)
    figure.text(0.01, 0.018, dated(lang), fontsize=7.5, color="#333333", **font)
    return figure


def _closed_name(network: Any, closure: str, lang: str) -> str:
    """A closed node's or corridor's name in ``lang`` (the id where the network has none)."""
    if closure in network.nodes.index:
        return _name(network.nodes.loc[closure].to_dict(), lang) or closure
    corridor = network.corridors.get(closure)
    return _name(corridor, lang) if corridor else closure


def _family(font: dict) -> dict:
    return {"family": font["fontfamily"]} if font else {}


def map_bytes(network: Any, fmt: str, **options: Any) -> bytes:
    """The map as PNG or PDF bytes (``fmt``: ``"png"`` or ``"pdf"``; see :func:`map_figure`)."""
    buffer = io.BytesIO()
    with DRAWING:
        map_figure(network, **options).savefig(buffer, format=fmt, dpi=PNG_DPI)
    return buffer.getvalue()


def draw_map(network: Any, output: str | Path, **options: Any) -> None:
    """Write the map to ``output`` (its suffix, ``.png`` or ``.pdf``, says the format)."""
    fmt = Path(output).suffix.lower().lstrip(".")
    if fmt not in ("png", "pdf"):
        raise ValueError(f"{output}: the map is written as .png or .pdf")
    data = map_bytes(network, fmt, **options)
    from planner.io.export import atomic_path

    with atomic_path(output) as temporary:
        temporary.write_bytes(data)
