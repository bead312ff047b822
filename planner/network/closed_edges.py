"""The edges a cargo class may not use, and the sea lanes the Suez choice leaves unsailed.

Three rules, all facts of the data:

* a mode the cargo table forbids the class (no dangerous goods by air);
* a bulk port (main trade ``bulk`` in the data's ``port_trades.csv``: Qinhuangdao, a coal
  port) is no exit for cargo that is not bulk: its sea links (``bulk_only``) are closed to it;
* where the Suez Canal is on the way, the network holds each sea link twice (``passage``
  ``cape`` and ``suez``, built by ``scripts/netbuild/sea.py``); the parameter
  ``sea.suez_open`` (0: round the Cape of Good Hope, as carriers sail since December 2023)
  closes the other one.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from planner.model.cargo import CargoSpec
from planner.model.params import Parameters

__all__ = ["SUEZ_KEY", "closed_edges", "sea_passage"]

SUEZ_KEY = "sea.suez_open"


def sea_passage(params: Parameters) -> str:
    """The passage the sea links use: ``"suez"`` or ``"cape"``."""
    return "suez" if params[SUEZ_KEY] == 1 else "cape"


def closed_edges(
    edges: Mapping[str, np.ndarray], runs: np.ndarray, cargo: CargoSpec, params: Parameters
) -> np.ndarray:
    """True for each edge (columns ``mode``; optionally ``passage`` and ``bulk_only``) the
    cargo class may not use under these parameters; ``runs``: the edges that run a link or
    load and unload (a forbidden mode closes those)."""
    mode = np.asarray(edges["mode"], dtype=object)
    closed = runs & np.isin(mode, [m.value for m in cargo.modes_forbidden])
    if "bulk_only" in edges and not cargo.bulk:
        closed |= np.asarray(edges["bulk_only"], dtype=bool)
    if "passage" in edges:
        passage = np.asarray(edges["passage"], dtype=object)
        closed |= (passage != "") & (passage != sea_passage(params))
    return closed
