"""A scenario on the map: destinations by what a closure does to them, and what is closed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pydeck as pdk

from ui.map_parts import (
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

STATUS_COLOURS: dict[str, RGB] = {
    "lost": [200, 20, 20],
    "worse": [240, 150, 0],
    "same": [40, 150, 80],
    "closed": [120, 0, 0],
}


def _status(row: Mapping[str, Any]) -> str:
    if bool(row.get("reachable_before", True)) and not bool(row.get("reachable_after", True)):
        return "lost"
    for column in ("delta_days", "delta_cost_usd"):
        value = row.get(column)
        if finite(value) and value > 0:
            return "worse"
    return "same"


def _before_after(values: Sequence[Any], template: str) -> str:
    """``"12.0 → 15.5"``: each value in ``template``, a dash where there is no number."""
    return " → ".join(template.format(v) if finite(v) else "—" for v in values)


def scenario_records(frame: Any, network: Any, closed: Iterable[str]) -> dict[str, list[dict]]:
    """Destinations coloured by what the closure does to them, and the closed things in red."""
    nodes = network.nodes
    destinations = []
    for row in frame.to_dict("records"):
        node_id = row.get("destination")
        if node_id not in nodes.index:
            continue
        status = _status(row)
        days = _before_after(
            (row.get("transit_days_before"), row.get("transit_days_after")), "{:.1f}"
        )
        cost = _before_after((row.get("cost_usd_before"), row.get("cost_usd_after")), "${:,.0f}")
        detail = f"{bilingual('status_' + status)}<br/>{days} d · {cost}"
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
    return {"destinations": destinations, "closed_paths": paths, "closed_points": points}


def scenario_layers(records: Mapping[str, list[dict]]) -> list[pdk.Layer]:
    """Closed lines and places (dark red) under the destinations coloured by status."""
    closed = STATUS_COLOURS["closed"]
    return [
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
