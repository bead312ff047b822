"""pydeck maps, offline: the shipped basemap, the corridor network, platforms, a route, a scenario.

The public names of the maps, each implemented in the module of its idea:

- ``ui.map_frame``: the offline Deck, the basemap, a view that fits, the legend;
- ``ui.map_parts``: what every data layer is made of (shared colours, tooltip records, lines);
- ``ui.map_network``: the officials' map of the corridor network, its places and platforms;
- ``ui.map_route``: one route option's legs and markers;
- ``ui.map_scenario``: destinations by what a closure does to them, and what is closed.
"""

from __future__ import annotations

from ui.map_frame import (
    MAP_HEIGHT_PX,
    WATER,
    CompactDeck,
    basemap_layers,
    deck,
    fit_view,
    legend_html,
)
from ui.map_network import (
    CORRIDOR_COLOURS,
    GROUP_COLOURS,
    GROUPS,
    group_of_corridor,
    label_records,
    network_layers,
    network_records,
    place_records,
    platform_records,
    shown_lines,
)
from ui.map_parts import MARKER_COLOURS, MODE_COLOURS
from ui.map_route import route_layers, route_records
from ui.map_scenario import (
    FLOW_COLOURS,
    STATUS_COLOURS,
    flow_records,
    scenario_layers,
    scenario_records,
)

__all__ = [
    "CORRIDOR_COLOURS",
    "FLOW_COLOURS",
    "GROUPS",
    "GROUP_COLOURS",
    "MAP_HEIGHT_PX",
    "MARKER_COLOURS",
    "MODE_COLOURS",
    "STATUS_COLOURS",
    "WATER",
    "CompactDeck",
    "basemap_layers",
    "deck",
    "fit_view",
    "flow_records",
    "group_of_corridor",
    "label_records",
    "legend_html",
    "network_layers",
    "network_records",
    "place_records",
    "platform_records",
    "route_layers",
    "route_records",
    "scenario_layers",
    "scenario_records",
    "shown_lines",
]
