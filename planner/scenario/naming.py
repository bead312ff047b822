"""A scenario table's ids in a reader's words.

An English file keeps the ids of the ports, corridors and closures (the JSON contract's); a
Chinese table names them (``tianjin_port`` -> the port's Chinese name, ``railsea_tianjin`` ->
the corridor's), as its Chinese headers promise.
"""

from __future__ import annotations

from typing import Any

from planner.text.words import words

__all__ = ["id_names", "table_names"]


def id_names(network: Any, lang: str) -> dict[str, str]:
    """Every node's and corridor's id -> its name in ``lang`` (the English name where the
    network has none in ``lang``)."""
    column = f"name_{lang}"
    nodes = network.nodes
    local = nodes[column] if column in nodes.columns else nodes["name_en"]
    names = {
        nid: str(own if isinstance(own, str) and own else en)
        for nid, own, en in zip(nodes.index, local, nodes["name_en"], strict=True)
    }
    for cid, corridor in network.corridors.items():
        names[cid] = getattr(corridor, column, None) or corridor.name_en
    return names


def table_names(network: Any, lang: str) -> dict[str, Any]:
    """The keywords of :func:`planner.scenario.closure.report_frame` for a table in ``lang``:
    none for an English file (ids), the names and the list separator for a Chinese one."""
    if lang != "zh" or network is None:
        return {}
    return {"names": id_names(network, lang), "sep": words("sep.list", lang)}
