"""A scenario on the map: destinations by what a closure does to them, what is closed, and
with a shipment book the flows on each link (widths by shipments after the closure)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pydeck as pdk

from ui.map_parts import (
    LINE_TOLERANCE_DEG,
    LONG_HAUL_TOLERANCE_DEG,
    OUTLINE,
    PIXELS,
    RGB,
    bilingual,
    dot_layer,
    finite,
    line_paths,
    path_layer,
    point_record,
    title,
)

#: One colour per destination status (planner.outcomes.STATUSES), and for what is closed.
STATUS_COLOURS: dict[str, RGB] = {
    "unreachable": [200, 20, 20],
    "no_route": [150, 150, 150],
    "worse": [240, 150, 0],
    "mixed": [150, 80, 200],
    "better": [30, 120, 220],
    "unchanged": [40, 150, 80],
    "closed": [120, 0, 0],
}
#: Flows: the link's width before the closure (grey) beside its width after (teal).
FLOW_COLOURS: dict[str, RGB] = {"before": [120, 120, 120, 190], "after": [0, 150, 170, 210]}
#: Where each side's line lies, in its own widths from the link's centre line: before on one
#: side, after on the other, touching (deck.gl's PathStyleExtension), so neither hides the other.
FLOW_OFFSETS = {"before": -0.5, "after": 0.5}
_OFFSET = [{"@@type": "PathStyleExtension", "offset": True}]
#: The widest flow line in pixels; a line's width grows with the square root of its shipments.
MAX_FLOW_PX = 14.0
MIN_FLOW_PX = 1.5


def _before_after(values: Sequence[Any], template: str) -> str:
    """``"12.0 → 15.5"``: each value in ``template``, a dash where there is no number."""
    return " → ".join(template.format(v) if finite(v) else "—" for v in values)


def scenario_records(frame: Any, network: Any, closed: Iterable[str]) -> dict[str, list[dict]]:
    """Destinations coloured by status, and the closed things in dark red."""
    nodes = network.nodes
    destinations = []
    for row in frame.to_dict("records"):
        node_id = row.get("destination")
        if node_id not in nodes.index:
            continue
        status = row.get("status") if row.get("status") in STATUS_COLOURS else "unchanged"
        days = _before_after(
            (row.get("transit_days_before"), row.get("transit_days_after")), "{:.1f}"
        )
        cost = _before_after((row.get("cost_usd_before"), row.get("cost_usd_after")), "${:,.0f}")
        detail = f"{bilingual('scen_status_' + status)} · {days} d · {cost}"
        destinations.append(
            point_record(nodes.loc[node_id], node_id, detail, color=STATUS_COLOURS[status])
        )
    closed = set(closed)
    links = network.links
    shut = links[links["corridor"].isin(closed) | links.index.isin(closed)]
    detail = bilingual("status_closed")
    paths = [
        {"path": path, "title": title(row, link_id), "detail": detail}
        for link_id, row in shut.iterrows()
        for path in line_paths(row.geometry, LONG_HAUL_TOLERANCE_DEG)
    ]
    points = [
        point_record(nodes.loc[node_id], node_id, detail) for node_id in closed & set(nodes.index)
    ]
    platforms = network.platforms  # a closed designated site, where the platforms place it
    points += [
        point_record(platforms.loc[site_id], site_id, detail)
        for site_id in sorted(closed & set(platforms.index))
    ]
    return {"destinations": destinations, "closed_paths": paths, "closed_points": points}


def flow_records(links: Any, network: Any) -> dict[str, list[dict]]:
    """Per side, a path record per link that carries shipments, its width by shipments."""
    if links is None or len(links) == 0:
        return {"before": [], "after": []}
    most = max(int(links["shipments_before"].max()), int(links["shipments_after"].max()), 1)
    shapes = network.links
    out: dict[str, list[dict]] = {"before": [], "after": []}
    for row in links.to_dict("records"):
        if row["link"] not in shapes.index:
            continue
        shape = shapes.loc[row["link"]]
        detail = (
            f"{bilingual('flow_shipments')}: {row['shipments_before']} → {row['shipments_after']}"
            f" · {row['weight_t_before']:,.0f} → {row['weight_t_after']:,.0f} t"
        )
        for side in ("before", "after"):
            count = row[f"shipments_{side}"]
            if count <= 0:
                continue
            width = max(MIN_FLOW_PX, MAX_FLOW_PX * math.sqrt(count / most))
            for path in line_paths(shape.geometry, LINE_TOLERANCE_DEG):
                out[side].append(
                    {
                        "path": path,
                        "width": width,
                        "title": title(shape, row["link"]),
                        "detail": detail,
                    }
                )
    return out


def _flow_layer(side: str, records: list[dict]) -> pdk.Layer:
    return pdk.Layer(
        "PathLayer",
        records,
        id=f"flows_{side}",
        get_path="path",
        get_color=FLOW_COLOURS[side],
        get_width="width",
        get_offset=FLOW_OFFSETS[side],
        extensions=_OFFSET,
        width_units=PIXELS,
        pickable=True,
        cap_rounded=True,
        joint_rounded=True,
        wrap_longitude=True,
    )


def scenario_layers(
    records: Mapping[str, list[dict]], flows: Mapping[str, list[dict]] | None = None
) -> list[pdk.Layer]:
    """Flows (before grey, after teal, side by side), closed lines and places (dark red), then the
    destinations coloured by status."""
    closed = STATUS_COLOURS["closed"]
    layers = []
    if flows and (flows.get("before") or flows.get("after")):
        layers += [_flow_layer(side, flows[side]) for side in ("before", "after")]
    return layers + [
        path_layer("closed_paths", records["closed_paths"], closed, 4, rounded=False),
        dot_layer(
            "closed_points",
            records["closed_points"],
            13,
            [255, 255, 255, 0],
            ring=closed,
            filled=True,
            line_width_units=PIXELS,
            get_line_width=4,
        ),
        dot_layer(
            "destinations",
            records["destinations"],
            6,
            "color",
            ring=OUTLINE,
            ring_px=1,
            highlight=True,
        ),
    ]
