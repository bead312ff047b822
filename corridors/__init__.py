"""What exists: the corridor network's layers, their validation, and figures for officials.

The public names are imported on first use (PEP 562): ``corridors.records`` (the ``Mode``
enum, the records) costs nothing, and geopandas is loaded only by what reads the layers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corridors._errors import CorridorError, NetworkValidationError
from corridors._lazy import lazy_names
from corridors.records import NODE_KINDS, Corridor, Facility, Link, Mode, Node

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

_LAZY = {
    "DEFAULT_DATA_DIR": "corridors.network",
    "Network": "corridors.network",
    "load_network": "corridors.network",
    "corridor_figures": "corridors.stats",
    "province_figures": "corridors.stats",
    "validate_layers": "corridors.validate",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from corridors.network import DEFAULT_DATA_DIR, Network, load_network
    from corridors.stats import corridor_figures, province_figures
    from corridors.validate import validate_layers


__getattr__, __dir__ = lazy_names(__name__, globals(), _LAZY, __all__)

_EAGER = (CorridorError, NetworkValidationError, NODE_KINDS, Corridor, Facility, Link, Mode, Node)
