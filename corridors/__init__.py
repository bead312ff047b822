"""What exists: the corridor network's layers, their validation, and figures for officials."""

from __future__ import annotations

from corridors._errors import CorridorError, NetworkValidationError
from corridors.records import NODE_KINDS, Corridor, Facility, Link, Mode, Node

__all__ = [
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
]

# Filled in by the loader / stats modules (issue 2):
# from corridors.network import Network, load_network
# from corridors.stats import corridor_figures
