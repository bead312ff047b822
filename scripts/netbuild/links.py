"""The link record every builder makes, and the place lookup that paths use."""

from __future__ import annotations

from collections.abc import Iterable

from corridors.antimeridian import wrapped_lon
from netbuild.tables import TableError

__all__ = ["DECIMALS", "Places", "link"]

#: Decimals of the written coordinates (about 11 m).
DECIMALS = 4


class Places:
    """Positions of nodes and shaping vertices, looked up by name."""

    def __init__(self, nodes: dict[str, dict], via: dict[str, tuple[float, float]]) -> None:
        self.nodes = nodes
        self.via = via

    def lonlat(self, name: str) -> tuple[float, float]:
        """The ``(lon, lat)`` of a node id or a via name."""
        if name in self.nodes:
            return self.nodes[name]["lon"], self.nodes[name]["lat"]
        if name in self.via:
            return self.via[name]
        raise TableError(f"unknown place {name!r} in a path")

    def path(self, names: Iterable[str]) -> list[tuple[float, float]]:
        """The positions of a list of node ids and via names."""
        return [self.lonlat(n) for n in names]


def rounded(coords: Iterable[tuple[float, float]]) -> list[list[float]]:
    """Wrap longitudes into -180..180, round, and drop repeated points."""
    out: list[list[float]] = []
    for lon, lat in coords:
        point = [round(wrapped_lon(lon), DECIMALS), round(lat, DECIMALS)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def link(
    lid: str,
    mode: str,
    corridor: str,
    ends: tuple[str, str],
    coords: Iterable[tuple[float, float]],
    names: tuple[str, str],
    source: str,
    **props: object,
) -> dict:
    """One link row: ``coords`` rounded; a property whose value is ``None`` is left out."""
    row = {
        "id": lid, "mode": mode, "corridor": corridor, "from": ends[0], "to": ends[1],
        "name_en": names[0], "name_zh": names[1], "source": source, "coords": rounded(coords),
    }
    row.update({k: v for k, v in props.items() if v is not None})
    return row
