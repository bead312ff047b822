"""The corridor map drawn offline for a report: PNG or PDF, from the shipped layers.

geopandas draws the shipped basemap (the world's countries, China, Shanxi) and matplotlib the
corridors, one colour each (:mod:`planner.scenario.palette`), the closed ids in dark red, optional
flow
widths, and labels for the terminals, ports and border crossings (both names; a label that
would overlap one already placed is left out). Each view frames everything it shows. Every
map carries the note that it is schematic: it has no map approval number and may not
be published as a map of China.
"""

from __future__ import annotations

import io
import logging
import math
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from planner.model.params import load_parameters
from planner.network.closed_edges import sea_passage
from planner.scenario.palette import corridor_colour
from planner.scenario.views import LABELLED_KINDS, VIEWS, view_bounds
from planner.text.words import words

__all__ = [
    "SCHEMATIC_NOTE",
    "VIEWS",
    "draw_map",
    "map_axes",
    "map_bytes",
    "map_figure",
    "new_figure",
]

logger = logging.getLogger(__name__)
# WenQuanYi has no bold face: matplotlib would log a warning for every bold title
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


def _both(key: str) -> str:
    """A map's words in both languages, English first: a map is read by either audience."""
    return f"{words(key, 'en')} {words(key, 'zh')}"


SCHEMATIC_NOTE = _both("map.schematic_note")
TITLE = _both("map.title")
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


def _links(ax: Any, network: Any, view: str, closed: set[str]) -> list[Line2D]:
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
        label = f"{corridor.name_en}\n{corridor.name_zh}" if corridor else str(corridor_id)
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


def _labels(ax: Any, network: Any, view: str, closed: set[str], font: dict) -> None:
    """Dots and labels of the terminals, ports and crossings (and Shanxi's cities in the
    Shanxi view) inside the frame; a label that would overlap one placed is left out."""
    nodes = network.nodes
    west, east = ax.get_xlim()
    south, north = ax.get_ylim()
    kinds = LABELLED_KINDS + (("city",) if view == "shanxi" else ())
    if view in WIDE_VIEWS:  # Shanxi's terminals crowd together at this scale
        kinds = ("border_crossing", "seaport")
    chosen = nodes[(nodes["country"] == "CN") & nodes["kind"].isin(kinds)]
    if view == "shanxi" and "shanxi_prefecture" in nodes.columns:
        is_city = chosen["kind"] == "city"
        chosen = chosen[~is_city | (chosen["shanxi_prefecture"] == True)]  # noqa: E712
    inside = chosen[chosen["lon"].between(west, east) & chosen["lat"].between(south, north)]
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed: list[Any] = []
    size = 7.5 if view in ("china", "shanxi") else 6.5
    order = {"border_crossing": 0, "seaport": 1, "rail_terminal": 2, "city": 3}
    for node_id, row in sorted(inside.iterrows(), key=lambda item: order[item[1]["kind"]]):
        is_closed = node_id in closed
        marker = {"border_crossing": "D", "seaport": "s", "rail_terminal": "^", "city": "o"}
        ax.plot(
            row["lon"], row["lat"], marker=marker[row["kind"]], ms=5 if not is_closed else 8,
            color=CLOSED_COLOUR if is_closed else "#333333", mec="white", mew=0.6, zorder=7,
        )  # fmt: skip
        text = f"{row['name_zh']} {row['name_en']}".strip()
        for dx, dy, ha, va in ((6, 3, "left", "bottom"), (-6, 3, "right", "bottom"),
                               (6, -3, "left", "top"), (-6, -3, "right", "top")):  # fmt: skip
            label = ax.annotate(
                text, (row["lon"], row["lat"]), xytext=(dx, dy), textcoords="offset points",
                ha=ha, va=va, fontsize=size, zorder=8, color="#1d1d1d",
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
                **font,
            )  # fmt: skip
            box = label.get_window_extent(renderer).expanded(1.05, 1.1)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 <= frame.y1
            if inside and not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            label.remove()


def map_axes(
    ax: Any,
    network: Any,
    *,
    view: str = "china",
    closed: Iterable[str] = (),
    link_flows: Any = None,
) -> list[Line2D]:
    """Draw the map into ``ax``; return the legend's handles (corridors drawn, closed)."""
    closed = set(closed)
    font = {"fontfamily": cjk_font()} if cjk_font() else {}
    west, south, east, north = view_bounds(network, view)
    _basemap(ax, network)
    handles = _links(ax, network, view, closed)
    _flows(ax, network, link_flows)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    # plate carrée stretched by the middle latitude: shapes look right at the view's centre
    middle = math.radians((south + north) / 2)
    ax.set_aspect(1 / max(math.cos(middle), 0.2))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.figure.canvas.draw()  # the labels measure themselves against the final frame
    _labels(ax, network, view, closed, font)
    if closed:
        handles.append(Line2D([], [], color=CLOSED_COLOUR, lw=3, label=_both("map.closed")))
    if link_flows is not None and len(link_flows):
        handles.append(Line2D([], [], color=FLOW_COLOUR, lw=5, alpha=0.55, label=_both("map.flow")))
    return handles


def map_figure(
    network: Any,
    *,
    view: str = "china",
    closed: Iterable[str] = (),
    link_flows: Any = None,
    title: str | None = None,
) -> Figure:
    """The map on an A4 landscape page: title, map, legend of the corridors, schematic note."""
    closed = list(closed)
    font = {"fontfamily": cjk_font()} if cjk_font() else {}
    figure = new_figure(PAGE_IN)
    ax = figure.add_axes((0.01, 0.06, 0.68, 0.86))
    handles = map_axes(ax, network, view=view, closed=closed, link_flows=link_flows)
    heading = title or TITLE
    if closed:
        heading += f" — {_both('map.closed_heading')}: {', '.join(closed)}"
    figure.text(0.02, 0.955, heading, fontsize=13, weight="bold", **font)
    used = {h.get_label(): h for h in handles}
    figure.legend(
        handles=list(used.values()), loc="upper left", bbox_to_anchor=(0.70, 0.92), ncol=1,
        frameon=False, prop=font_manager.FontProperties(size=7, **_family(font)),
    )  # fmt: skip
    figure.text(0.02, 0.012, SCHEMATIC_NOTE, fontsize=8, color="#7a0000", **font)
    return figure


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
