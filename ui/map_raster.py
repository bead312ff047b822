"""The corridor map as pictures: countries, China, Shanxi, the corridors' lines and the place
labels drawn offline with matplotlib into Web Mercator PNGs, each shown by one BitmapLayer.

Why a raster: a browser without a GPU draws WebGL in software (SwiftShader) and compiles the
shaders of every vector layer on each page load. The world's outlines, China's and the labels
as GeoJson and Text layers kept the corridor map several seconds from its first frame, and the
lines' LineLayer about half a second more; one picture costs a fraction of that. The places stay
a vector layer, picked for their tooltips (and the lines' layer is a choice on the page).

A BitmapLayer stretches its image linearly in Web Mercator between its bounds, so the picture is
drawn in Web Mercator with exactly those bounds and no margin. ``x`` is longitude in degrees and
``y`` the Mercator ordinate in the same degrees (:func:`mercator_y`): one scale for both.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pydeck as pdk

__all__ = [
    "MERCATOR_LAT",
    "WORLD_PX",
    "Raster",
    "composed",
    "draw_overlay",
    "draw_raster",
    "frame_bounds",
    "latitude",
    "mercator_y",
    "picture_url",
    "raster_layer",
]

#: Web Mercator's edge: the square world's top and bottom latitude.
MERCATOR_LAT = 85.0511287798
#: deck.gl's world is 512 pixels wide at zoom 0.
WORLD_PX = 512.0
#: Colours of the basemap (as the vector basemap had them: ui.map_frame).
WATER = "#cbe1f0"
#: Layer -> (fill, outline, outline width in map pixels), drawn in this order.
STYLES = {
    "world": ("#f4f1ea", "#b2b2b2", 0.6),
    "china": ("#faf7f0", "#828282", 1.0),
    "shanxi": ("#ffeccc", "#c48030", 1.0),
}
#: Labels: size and offset from their place's dot, in map pixels (as the TextLayer had them).
LABEL_PX = 12
LABEL_OFFSET_PX = 9
#: Colours of the PNG's palette: few colours, a small file (the page sends it on each load).
PALETTE_COLOURS = 32


@dataclass(frozen=True)
class Raster:
    """A PNG drawn in Web Mercator and the ``(west, south, east, north)`` it covers."""

    png: bytes
    bounds: tuple[float, float, float, float]

    @property
    def size_px(self) -> tuple[int, int]:
        """The picture's ``(width, height)`` in pixels."""
        from PIL import Image

        return Image.open(io.BytesIO(self.png)).size


def mercator_y(lat: Any) -> Any:
    """Web Mercator's ordinate of a latitude, in degrees (the scale of longitude)."""
    lat = np.clip(np.asarray(lat, dtype=float), -MERCATOR_LAT, MERCATOR_LAT)
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


def latitude(y: float) -> float:
    """The latitude of a Mercator ordinate (:func:`mercator_y`'s inverse)."""
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


def frame_bounds(
    longitude: float, lat: float, zoom: float, width_px: float, height_px: float
) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` of a map ``width_px`` by ``height_px`` pixels centred at
    ``longitude``, ``lat`` at ``zoom``, cut to the one world Web Mercator shows."""
    degrees_per_px = 360.0 / (WORLD_PX * 2**zoom)
    half_x = width_px / 2 * degrees_per_px
    half_y = height_px / 2 * degrees_per_px
    centre_y = float(mercator_y(lat))
    edge = float(mercator_y(MERCATOR_LAT))
    west, east = max(longitude - half_x, -180.0), min(longitude + half_x, 180.0)
    bottom, top = max(centre_y - half_y, -edge), min(centre_y + half_y, edge)
    return (west, latitude(bottom), east, latitude(top))


def _projected(geometry: Any) -> Any:
    import shapely

    return shapely.transform(geometry, lambda xy: np.column_stack([xy[:, 0], mercator_y(xy[:, 1])]))


def draw_raster(
    layers: dict[str, Any],
    bounds: Sequence[float],
    width_px: int,
    *,
    scale: float = 2.0,
    labels: Sequence[dict] = (),
    font: str | None = None,
) -> Raster:
    """The basemap of ``bounds`` as a PNG of a map ``width_px`` wide, drawn ``scale`` times as
    fine (it stays sharp when zoomed in a little, and on a high-density screen).

    Parameters
    ----------
    layers
        GeoDataFrames (or GeoSeries) by name, ``world``, ``china``, ``shanxi``; a missing or
        ``None`` one is not drawn.
    bounds
        ``(west, south, east, north)`` in degrees; the picture covers exactly these.
    width_px
        The width of the map this picture fills, in pixels at the map's own zoom; the height
        follows from the bounds (Web Mercator).
    scale
        Picture pixels per map pixel.
    labels
        ``{"id": ..., "position": [lon, lat], "text": ...}`` records, the most important
        first, each written beside its place where it overlaps no other label and no labelled
        place (:func:`planner.scenario.labels.place_labels`), else left out.
    font
        A font family with Chinese glyphs (``planner.scenario.mapdraw.cjk_font``).
    """
    figure, ax = _canvas(bounds, width_px, scale, WATER)
    degrees_per_px = (bounds[2] - bounds[0]) / (width_px * scale)
    for name, (fill, edge, width) in STYLES.items():
        layer = layers.get(name)
        if layer is None or len(layer) == 0:
            continue
        shapes = layer.geometry.apply(_projected).simplify(degrees_per_px / 2)
        shapes.plot(ax=ax, color=fill, edgecolor=edge, linewidth=width, aspect=None)
    _frame(ax, bounds)
    if labels:
        _labels(ax, labels, font)
    return Raster(_png(figure, scale, transparent=False), tuple(float(b) for b in bounds))


def draw_overlay(
    bounds: Sequence[float],
    width_px: int,
    *,
    scale: float = 2.0,
    lines: Sequence[dict] = (),
    labels: Sequence[dict] = (),
    dots: Sequence[dict] = (),
    font: str | None = None,
) -> Raster:
    """Lines and labels on a transparent PNG over ``bounds``, to lie on a basemap picture.

    ``lines`` are ``{"from": [lon, lat], "to": [lon, lat], "color": [r, g, b], "width": px}``
    records, drawn in their order (the last on top), ``width`` map pixels wide; ``dots`` the
    ``{"position": [lon, lat], "radius": px, "ring": px}`` records the map draws over the
    picture, which no label covers; the other arguments are :func:`draw_raster`'s.
    """
    from matplotlib.collections import LineCollection

    figure, ax = _canvas(bounds, width_px, scale, "none")
    if lines:
        ends = np.array([[r["from"], r["to"]] for r in lines], dtype=float)
        ends[:, :, 1] = mercator_y(ends[:, :, 1])
        colours = np.array([r["color"][:3] for r in lines], dtype=float) / 255.0
        widths = [float(r["width"]) for r in lines]
        ax.add_collection(LineCollection(ends, colors=colours, linewidths=widths, capstyle="round"))
    _frame(ax, bounds)
    if labels:
        _labels(ax, labels, font, dots)
    return Raster(_png(figure, scale, transparent=True), tuple(float(b) for b in bounds))


def composed(base: Raster, overlay: Raster) -> Raster:
    """``overlay`` (transparent, :func:`draw_overlay`) laid on ``base``: one picture of the same
    bounds, so the browser decodes and draws one."""
    from PIL import Image

    if base.bounds != overlay.bounds:
        raise ValueError(f"pictures of other bounds: {base.bounds} and {overlay.bounds}")
    under = Image.open(io.BytesIO(base.png)).convert("RGBA")
    over = Image.open(io.BytesIO(overlay.png)).convert("RGBA")
    if under.size != over.size:
        raise ValueError(f"pictures of other sizes: {under.size} and {over.size}")
    image = Image.alpha_composite(under, over).convert("RGB")
    return Raster(_palette_png(image, PALETTE_COLOURS * 2), base.bounds)


def _canvas(bounds: Sequence[float], width_px: int, scale: float, background: str) -> tuple:
    """A figure and its one axes filling a picture of the map ``width_px`` wide over
    ``bounds``, in Mercator degrees."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    west, south, east, north = (float(b) for b in bounds)
    height_px = width_px * (float(mercator_y(north)) - float(mercator_y(south))) / (east - west)
    # 72 dots per inch at scale 1: a point is a map pixel, so widths and sizes read as pixels
    figure = Figure(figsize=(width_px / 72, height_px / 72), dpi=72 * scale)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_facecolor(background)
    figure.patch.set_facecolor(background)
    return figure, ax


def _frame(ax: Any, bounds: Sequence[float]) -> None:
    west, south, east, north = (float(b) for b in bounds)
    ax.set_xlim(west, east)
    ax.set_ylim(float(mercator_y(south)), float(mercator_y(north)))


def _png(figure: Any, scale: float, *, transparent: bool) -> bytes:
    """The figure as a PNG: a basemap with few colours (a small file, sent on each page load),
    a transparent overlay as it is drawn (it is laid on a basemap before it is sent)."""
    from PIL import Image

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=72 * scale, transparent=transparent)
    if transparent:
        return buffer.getvalue()
    return _palette_png(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"), PALETTE_COLOURS)


def _palette_png(image: Any, colours: int) -> bytes:
    """An RGB picture as a PNG of at most ``colours`` colours."""
    out = io.BytesIO()
    image.quantize(colours).save(out, format="PNG", optimize=True)
    return out.getvalue()


def _labels(ax: Any, labels: Sequence[dict], font: str | None, dots: Sequence[dict] = ()) -> None:
    """Each label beside its place, dark on a white halo, where it overlaps no other label, no
    labelled place and none of the ``dots`` (:func:`planner.scenario.labels.place_labels`;
    the first matter most)."""
    from planner.scenario.labels import Label, place_labels

    chosen = [
        Label(str(r.get("id", i)), float(r["position"][0]), float(mercator_y(r["position"][1])),
              str(r["text"]), over_dots=not r.get("minor", False))
        for i, r in enumerate(labels)
    ]  # fmt: skip
    halo = {"boxstyle": "square,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.78}
    obstacles = [
        (float(d["position"][0]), float(mercator_y(d["position"][1])),
         float(d.get("radius", 0)) + float(d.get("ring", 0)))
        for d in dots
    ]  # fmt: skip
    place_labels(
        ax, chosen, size=LABEL_PX, offset_pt=LABEL_OFFSET_PX, font=font, halo=halo, zorder=5,
        obstacles=obstacles,
    )  # fmt: skip


def data_url(png: bytes) -> str:
    """A PNG as a ``data:`` URL (the map is offline: no file is fetched)."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def picture_url(raster: Raster, key: str) -> str:
    """Where the browser gets the picture: a URL of Streamlit's media files when the app runs
    (``key`` names it in the session), else a ``data:`` URL.

    Not inline in the app: Streamlit reads a map's spec with a JSON5 parser, character by
    character, and a picture in base64 was most of the spec. A media file is fetched and
    decoded beside it. It is served from this machine, like the rest of the app.
    """
    from streamlit import runtime

    if runtime.exists():
        return runtime.get_instance().media_file_mgr.add(raster.png, "image/png", key)
    return data_url(raster.png)


def raster_layer(raster: Raster, layer_id: str) -> pdk.Layer:
    """A BitmapLayer showing ``raster`` over its bounds; not picked by the tooltip."""
    # quoted: pydeck's JSON reads a bare string as an accessor expression
    return pdk.Layer(
        "BitmapLayer",
        None,
        id=layer_id,
        image=f"'{picture_url(raster, layer_id)}'",
        bounds=list(raster.bounds),
        pickable=False,
    )
