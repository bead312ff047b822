"""Place names written beside their points on a matplotlib map, none over another.

One placer for the drawn maps (the PNG/PDF map and report, :mod:`planner.scenario.mapdraw`)
and the app's map pictures (``ui.map_raster``). Each label, in the order given (the most
important first), is tried at eight spots around its point, nearest first (right, left,
above, below, then the corners); it is written at the first spot that lies inside the map and
overlaps no label written and no labelled point, else left out (a crowded place keeps the
label that matters most). Every label written carries ``gid = "label:<id>"`` and its point, so
a test reads the drawing back (:func:`written_labels`).
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
    """A name to write at ``(x, y)`` (the axes' data coordinates), known by ``ident``."""

    ident: str
    x: float
    y: float
    text: str


def place_labels(
    ax: Any,
    labels: Sequence[Label],
    *,
    size: float,
    offset_pt: float,
    font: str | None = None,
    halo: dict | None = None,
    zorder: float = 8,
) -> list[Any]:
    """Write the labels that fit (see the module); return their text artists.

    ``size`` is the type's size and ``offset_pt`` the gap between a point and its label, in
    points; ``halo`` the text's ``bbox`` style (a white box by default).
    """
    figure = ax.figure
    figure.canvas.draw()  # the frame and the transforms as they will be drawn
    renderer = figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    points = figure.dpi / 72.0
    family = {"fontfamily": font} if font else {}
    halo = halo or {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75}
    taken = [_point_box(ax, label, points * _POINT_PT) for label in labels]
    written: list[Any] = []
    for index, label in enumerate(labels):
        others = taken[:index] + taken[index + 1 :]
        for dx, dy, ha, va in _SPOTS:
            text = ax.annotate(
                label.text, (label.x, label.y), xytext=(dx * offset_pt, dy * offset_pt),
                textcoords="offset points", ha=ha, va=va, fontsize=size, color="#1d1d1d",
                zorder=zorder, bbox=halo, annotation_clip=False, **family,
            )  # fmt: skip
            box = text.get_window_extent(renderer)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1
            inside = inside and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in others):
                text.set_gid(f"{LABEL_GID}{label.ident}")
                taken.append(box)
                written.append(text)
                break
            text.remove()
    return written


def _point_box(ax: Any, label: Label, half_px: float) -> Any:
    from matplotlib.transforms import Bbox

    x, y = ax.transData.transform((label.x, label.y))
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
