"""What exists: the corridor network's layers, their validation, and figures for officials."""

from __future__ import annotations

from corridors._errors import CorridorError, NetworkValidationError
from corridors.network import DEFAULT_DATA_DIR, Network, load_network
from corridors.records import NODE_KINDS, Corridor, Facility, Link, Mode, Node
from corridors.stats import corridor_figures, province_figures
from corridors.validate import validate_layers

__all__ = [
    "DEFAULT_DATA_DIR",
    "NODE_KINDS",
    "Corridor",
    "CorridorError",
    "Facility",
    "Link",
    "Mode",
    "Network",
    "NetworkValidationError",
    "Node",
    "corridor_figures",
    "load_network",
    "province_figures",
    "validate_layers",
]
