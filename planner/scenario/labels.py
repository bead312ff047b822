"""Place names written beside their points on a matplotlib map, none over another.

One placer for the drawn maps (the PNG/PDF map and report, :mod:`planner.scenario.mapdraw`)
and the app's map pictures (``ui.map_raster``). Each label, in the order given (the most
important first), is tried at eight spots around its point, nearest first (right, left,
above, below, then the corners); it is written at the first spot that lies inside the map and
overlaps no label written, no labelled point and no obstacle (a dot drawn over the picture,
such as the app's platforms; where every spot is under one, the obstacles are passed over,
unless the label says it gives way to them), else left out (a crowded place keeps the label that
matters most). Every label written
carries ``gid = "label:<id>"`` and its point, so a test reads the drawing back
(:func:`written_labels`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["LABEL_GID", "Label", "place_labels", "written_labels"]

#: The prefix of a written label's ``gid``.
LABEL_GID = "label:"
#: The spots tried around a point: (x, y) in offsets, horizontal and vertical alignment.
_SPOTS = (
    (1, 0, "left", "center"),
    (-1, 0, "right", "center"),
    (0, 1, "center", "bottom"),
    (0, -1, "center", "top"),
    (0.75, 0.75, "left", "bottom"),
    (-0.75, 0.75, "right", "bottom"),
    (0.75, -0.75, "left", "top"),
    (-0.75, -0.75, "right", "top"),
)
#: Half the side of a labelled point's box that a label keeps off, in points.
_POINT_PT = 2.5


@dataclass(frozen=True)
class Label:
    """A name to write at ``(x, y)`` (the axes' data coordinates), known by ``ident``;
    ``over_dots``: written over obstacles where no spot is free of them (a name that matters is
    not lost for a dot beside it), else left out (a minor name gives way)."""

    ident: str
    x: float
    y: float
    text: str
    over_dots: bool = True


def place_labels(
    ax: Any,
    labels: Sequence[Label],
    *,
    size: float,
    offset_pt: float,
    font: str | None = None,
    halo: dict | None = None,
    zorder: float = 8,
    obstacles: Sequence[tuple[float, float, float]] = (),
) -> list[Any]:
    """Write the labels that fit (see the module); return their text artists.

    ``size`` is the type's size and ``offset_pt`` the gap between a point and its label, in
    points; ``halo`` the text's ``bbox`` style (a white box by default); ``obstacles`` are
    ``(x, y, half_pt)``: squares a label keeps off where it can (but the one at its own point).
    """
    figure = ax.figure
    figure.canvas.draw()  # the frame and the transforms as they will be drawn
    renderer = figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    points = figure.dpi / 72.0
    family = {"fontfamily": font} if font else {}
    halo = halo or {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75}
    taken = [_point_box(ax, label.x, label.y, points * _POINT_PT) for label in labels]
    blocked = [((x, y), _point_box(ax, x, y, points * half)) for x, y, half in obstacles]
    style = {"fontsize": size, "color": "#1d1d1d", "zorder": zorder, "bbox": halo, **family}
    written: list[Any] = []
    for index, label in enumerate(labels):
        others = taken[:index] + taken[index + 1 :]
        dots = [box for at, box in blocked if at != (label.x, label.y)]
        # off the dots where it can be; where it cannot, as before them (a name that matters
        # is not lost for a dot beside it)
        text = _spot(ax, label, others + dots, offset_pt, style, frame, renderer)
        if text is None and dots and label.over_dots:
            text = _spot(ax, label, others, offset_pt, style, frame, renderer)
        if text is not None:
            text.set_gid(f"{LABEL_GID}{label.ident}")
            taken.append(text.get_window_extent(renderer))
            written.append(text)
    return written


def _spot(ax: Any, label: Label, others: list, offset_pt: float, style: dict, frame: Any,
          renderer: Any) -> Any:  # fmt: skip
    """The label written at the first of :data:`_SPOTS` inside the frame and over none of
    ``others``, or ``None``."""
    for dx, dy, ha, va in _SPOTS:
        text = ax.annotate(
            label.text, (label.x, label.y), xytext=(dx * offset_pt, dy * offset_pt),
            textcoords="offset points", ha=ha, va=va, annotation_clip=False, **style,
        )  # fmt: skip
        box = text.get_window_extent(renderer)
        inside = frame.x0 <= box.x0 and box.x1 <= frame.x1
        inside = inside and frame.y0 <= box.y0 and box.y1 <= frame.y1
        if inside and not any(box.overlaps(other) for other in others):
            return text
        text.remove()
    return None


def _point_box(ax: Any, x: float, y: float, half_px: float) -> Any:
    from matplotlib.transforms import Bbox

    x, y = ax.transData.transform((x, y))
    return Bbox.from_extents(x - half_px, y - half_px, x + half_px, y + half_px)


def written_labels(figure: Any) -> list[tuple[str, tuple[float, float], Any]]:
    """The labels of a drawn figure: ``(ident, (x, y) of its point, its box in pixels)``,
    read from the drawing (after the figure was drawn or saved)."""
    renderer = figure.canvas.get_renderer()
    found = []
    for ax in figure.axes:
        for text in ax.texts:
            gid = text.get_gid() or ""
            if gid.startswith(LABEL_GID):
                found.append((gid[len(LABEL_GID) :], text.xy, text.get_window_extent(renderer)))
    return found
