"""One route option on the map: its legs in mode colours and its markers."""

from __future__ import annotations

from typing import Any

import pydeck as pdk

from ui import data
from ui.map_parts import (
    HALO,
    MARKER_COLOURS,
    MODE_COLOURS,
    OUTLINE,
    bilingual,
    dot_layer,
    leg_path,
    path_layer,
    point_record,
    title,
)

#: Marker radius in pixels by role. Crossings face each other a few km apart: the exit ring
#: stays visible around the entry dot.
MARKER_RADIUS_PX = {"transfer": 4, "origin": 8, "destination": 8, "exit_port": 12, "entry_port": 7}


def route_records(option: Any, network: Any) -> tuple[list[dict], list[dict]]:
    """Path records of an option's legs (mode colours) and point records of its markers."""
    rows = {
        place_id: data.place_row(place_id, network)
        for leg in option.legs
        for place_id in (leg.from_id, leg.to_id)
    }
    rows |= {
        p.id: data.place_row(p.id, network) for p in (option.exit_port, option.entry_port) if p
    }
    rows = {k: v for k, v in rows.items() if v is not None}
    paths: list[dict] = []
    for number, leg in enumerate(option.legs, start=1):
        coords = leg_path(leg.coords)
        if len(coords) < 2:
            ends = [rows[n] for n in (leg.from_id, leg.to_id) if n in rows]
            coords = [[float(r["lon"]), float(r["lat"])] for r in ends]
        if len(coords) < 2:
            continue
        mode = leg.mode.value
        ends_text = f"{_node_title(rows, leg.from_id)} → {_node_title(rows, leg.to_id)}"
        paths.append(
            {
                "path": coords,
                "color": MODE_COLOURS.get(mode, MODE_COLOURS["road"]),
                "title": f"{number}. {ends_text}",
                "detail": (
                    f"{bilingual('mode_' + mode)} · "
                    f"{leg.distance_km:,.0f} km · {leg.hours:,.0f} h · ${leg.cost_usd:,.0f}"
                ),
            }
        )
    roles: list[tuple[str | None, str]] = []
    if option.legs:
        roles += [(leg.from_id, "transfer") for leg in option.legs[1:]]
        roles += [(option.legs[0].from_id, "origin"), (option.legs[-1].to_id, "destination")]
    roles += [
        (getattr(option.exit_port, "id", None), "exit_port"),
        (getattr(option.entry_port, "id", None), "entry_port"),
    ]
    markers = [
        point_record(
            rows[node_id],
            node_id,
            bilingual(f"{role}_marker"),
            color=MARKER_COLOURS[role],
            radius=MARKER_RADIUS_PX[role],
        )
        for node_id, role in roles
        if node_id and node_id in rows
    ]
    return paths, markers


def _node_title(rows: dict[str, dict], node_id: str) -> str:
    return title(rows[node_id], node_id) if node_id in rows else node_id


def route_layers(paths: list[dict], markers: list[dict]) -> list[pdk.Layer]:
    """The legs (white halo under the mode colour) and the markers on top."""
    return [
        path_layer("route_halo", paths, HALO, 8, pickable=False),
        path_layer("route_legs", paths, "color", 4, highlight=True),
        dot_layer("route_markers", markers, "radius", "color", ring=OUTLINE, ring_px=1.5),
    ]
