"""The built multimodal graph kept on disk between runs of the command line.

Building the graph from the assembled network cost 0.18 s of a 1.1 s ``route`` command; a copy
unpickles in 0.015 s (2.9 MB; measured 2026-12-08). It is kept beside the network's copy
(:mod:`corridors.disk_cache`), named by everything it is made from: every file of the data
folder (time and size), the parameter values, the pairs of airports only freighters fly, and
the source of this package and of :mod:`planner.model`. Only a network :func:`load_network
<corridors.load_network>` read unchanged from its folder has its graph kept
(:data:`corridors.network.LOADED_FROM`): any other is built as before. The copy holds no
network (the planner has it): it is put back when read.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from corridors.disk_cache import file_states, kept
from corridors.network import LOADED_FROM, Network
from planner.model.params import Parameters
from planner.network.build import build_graph
from planner.network.graph import MultimodalGraph

__all__ = ["kept_graph"]

#: The code a graph is made by: an edit makes it again.
_CODE = [Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "model"]


def kept_graph(
    network: Network, params: Parameters, freighters: frozenset[frozenset[str]] = frozenset()
) -> MultimodalGraph:
    """The graph of ``network`` (:func:`~planner.network.build.build_graph`), read from its copy
    on disk when there is one."""

    def build() -> MultimodalGraph:
        return build_graph(network, params, freighters)

    folder = getattr(network, LOADED_FROM, None)
    if folder is None:
        return build()
    key = (
        "graph",
        folder,
        file_states(Path(folder).iterdir()),
        file_states(p for d in _CODE for p in d.glob("*.py")),
        tuple((name, params[name]) for name in sorted(params)),
        tuple(sorted(tuple(sorted(pair)) for pair in freighters)),
    )
    graph = kept(key, lambda: dataclasses.replace(build(), network=None))
    graph.network = network
    return graph

