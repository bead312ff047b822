"""Route options out: CSV and .xlsx for people (Excel / WPS safe) and GeoJSON for GIS.

The rows are :mod:`planner.core.option_rows`'s flat rows, the same for one route's options and a
batch.

CSV written here is UTF-8 with a byte-order mark, so Excel and WPS show Chinese names intact,
and every *text* cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
prefixed with ``'`` so that a spreadsheet never runs it as a formula (CSV injection). Numbers are
written as numbers: ``-3.5`` stays ``-3.5`` (the cells: :mod:`planner.io.csv_text`).

GeoJSON follows RFC 7946: lon/lat WGS84, no ``crs`` member, lines that cross the antimeridian
split into a MultiLineString.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pandas as pd

from corridors import antimeridian
from planner.core.option_rows import DATED_COLUMNS, OPTION_COLUMNS, options_to_rows
from planner.io.csv_text import FORMULA_TRIGGERS, NEUTRALISER, csv_line, neutralise_cell, quoted
from planner.io.csv_text import csv_text as _csv_text  # looked up here: a test stands in for it
from planner.io.outputs import atomic_file
from planner.model.records import Leg, RouteOption

if TYPE_CHECKING:
    from corridors.network import Network

__all__ = [
    "CSV_ENCODING",
    "FORMULA_TRIGGERS",
    "NEUTRALISER",
    "OPTION_COLUMNS",
    "neutralise_cell",
    "options_to_csv",
    "options_to_geojson",
    "options_to_rows",
    "record_keys",
    "atomic_path",
    "atomic_text",
    "is_workbook_name",
    "write_table_chunks",
    "xlsx_bytes",
    "write_csv",
    "write_csv_chunks",
    "write_geojson",
]

logger = logging.getLogger(__name__)

#: UTF-8 with a byte-order mark: what Excel and WPS need to read Chinese correctly.
CSV_ENCODING = "utf-8-sig"
BOM = "\ufeff"
#: The file name suffix of an Excel workbook.
WORKBOOK_SUFFIX = ".xlsx"
#: Decimal places of coordinates in GeoJSON output (1e-6 degree is about 0.1 m).
COORD_DECIMALS = 6


def record_keys(records: Iterable[Mapping[str, Any]]) -> list[str]:
    """The union of the records' keys, in order of first appearance (a table's header)."""
    return list(dict.fromkeys(key for record in records for key in record))


@contextlib.contextmanager
def atomic_path(
    target: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[Path]:
    """A path to write that replaces ``target`` only once the block has written it without an
    error (a failed write leaves the earlier file as it was; see :mod:`planner.io.outputs`)."""
    with atomic_file(target, inputs) as handle:
        yield Path(handle.name)


@contextlib.contextmanager
def atomic_text(
    target: str | os.PathLike[str] | IO[str] | IO[bytes],
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[IO[str]]:
    """A text handle on ``target``: for a path, a file that replaces it only once everything is
    written (:func:`planner.io.outputs.atomic_file`: a failed write leaves the earlier file as
    it was; ``inputs`` are never overwritten); for an open binary file, UTF-8 text on it (left
    open); an open text file as it is."""
    if isinstance(target, str | os.PathLike):
        with atomic_file(target, inputs) as raw, _utf8(raw) as handle:
            yield handle
    elif _is_text(target):
        yield target  # type: ignore[misc]
    else:
        with _utf8(target) as handle:  # type: ignore[arg-type]
            yield handle


@contextlib.contextmanager
def _utf8(raw: IO[bytes]) -> Iterator[IO[str]]:
    """UTF-8 text on an open binary file, left open."""
    wrapper = io.TextIOWrapper(raw, encoding="utf-8", newline="")  # type: ignore[arg-type]
    try:
        yield wrapper
        wrapper.flush()
    finally:
        wrapper.detach()


def is_workbook_name(path: str | os.PathLike[str]) -> bool:
    """Whether a file name asks for an .xlsx workbook."""
    return Path(path).suffix.lower() == WORKBOOK_SUFFIX


def write_table_chunks(
    frames: Iterable[pd.DataFrame],
    target: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    header: Sequence[str] | None = None,
    excel: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
    title: str = "",
) -> None:
    """Write tables one after another as one CSV for people (:func:`write_csv_chunks`) or, with
    ``excel``, one .xlsx worksheet named ``title`` (text cells are never formulas; a path is
    written atomically; an open file must be binary; a path is never one of ``inputs``)."""
    if not excel:
        write_csv_chunks(frames, target, header=header, inputs=inputs)
        return
    from planner.io import workbook

    if isinstance(target, str | os.PathLike):
        with atomic_file(target, inputs) as handle:
            workbook.write(frames, handle, header=header, title=title)
    else:
        workbook.write(frames, target, header=header, title=title)  # type: ignore[arg-type]


def xlsx_bytes(frame: pd.DataFrame, title: str = "") -> bytes:
    """A table as an .xlsx workbook, in memory (for a download), its sheet named ``title``."""
    buffer = io.BytesIO()
    write_table_chunks([frame], buffer, excel=True, title=title)
    return buffer.getvalue()


def write_csv_chunks(
    frames: Iterable[pd.DataFrame],
    target: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    header: Sequence[str] | None = None,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write tables one after another as one CSV for people: UTF-8 with BOM, injection-safe.

    Parameters
    ----------
    frames
        Tables of the same columns (written as they come: a generator streams).
    target
        A path (written atomically, see :func:`atomic_text`) or an open text or binary file
        (the BOM is written at its current position).
    header
        The header to write when ``frames`` is empty.
    """
    with atomic_text(target, inputs) as handle:
        handle.write(BOM)
        first = True
        for frame in frames:
            handle.write(_csv_text(frame, header=first))
            first = False
        if first and header is not None:
            handle.write(csv_line([quoted(str(neutralise_cell(h))) for h in header]))


def write_csv(
    rows: pd.DataFrame | Iterable[Mapping[str, Any]],
    target: str | os.PathLike[str] | IO[str] | IO[bytes],
) -> None:
    """Write a table as a CSV for people: UTF-8 with BOM, injection-safe cells.

    Parameters
    ----------
    rows
        A DataFrame (its index is not written) or dicts (columns: the union of their keys,
        in order of first appearance).
    target
        A path (written atomically), or an open text or binary file (the BOM is written at the
        current position).
    """
    if not isinstance(rows, pd.DataFrame):
        records = list(rows)
        rows = pd.DataFrame.from_records(records, columns=record_keys(records))
    write_csv_chunks([rows], target)


def _is_text(target: Any) -> bool:
    return isinstance(target, io.TextIOBase) or hasattr(target, "encoding")


def options_to_csv(
    options: Iterable[RouteOption],
    path_or_buffer: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    lang: str = "en",
) -> None:
    """Write route options as CSV, one row per option (see :func:`options_to_rows`).

    Parameters
    ----------
    options
        Route options, best first.
    path_or_buffer
        Where to write (see :func:`write_csv`).
    lang
        Language of the labels, warnings and headers (``"en"`` or ``"zh"``).
    """
    from planner.text.columns import localized

    columns = [*OPTION_COLUMNS, *DATED_COLUMNS]
    frame = pd.DataFrame(options_to_rows(options, lang, dated=True), columns=columns)
    write_csv(localized(frame, lang), path_or_buffer)


# --- GeoJSON -------------------------------------------------------------------------------


def _split_antimeridian(coords: Sequence[tuple[float, float]]) -> list[list[list[float]]]:
    """Cut a lon/lat polyline where it crosses the antimeridian (RFC 7946, section 3.1.9),
    rounded; a part of fewer than two points is left out."""
    return [
        [[round(x, COORD_DECIMALS), round(y, COORD_DECIMALS)] for x, y, *_ in part]
        for part in antimeridian.cut(coords)
        if len(part) >= 2
    ]


def _geometry(lines: list[Sequence[tuple[float, float]]]) -> dict[str, Any] | None:
    parts: list[list[list[float]]] = []
    for line in lines:
        parts.extend(_split_antimeridian(line))
    if not parts:
        return None
    if len(parts) == 1:
        return {"type": "LineString", "coordinates": parts[0]}
    return {"type": "MultiLineString", "coordinates": parts}


class _Geometries:
    """Node points and link lines of a network, looked up by id."""

    def __init__(self, network: Network | None) -> None:
        self.network = network
        self._points: dict[str, tuple[float, float]] | None = None
        self._lines: dict[str, list[list[tuple[float, float]]]] | None = None
        self._starts: dict[str, str | None] = {}

    def point(self, node_id: str) -> tuple[float, float] | None:
        if self._points is None:
            self._points = {}
            nodes = getattr(self.network, "nodes", None)
            if nodes is not None:
                ids = nodes["id"] if "id" in nodes.columns else nodes.index
                if {"lon", "lat"} <= set(nodes.columns):
                    pairs = zip(nodes["lon"], nodes["lat"], strict=True)
                else:
                    pairs = ((g.x, g.y) for g in nodes.geometry)
                for node_id_, (lon, lat) in zip(ids, pairs, strict=True):
                    self._points[str(node_id_)] = (float(lon), float(lat))
        return self._points.get(node_id)

    def line(self, link_id: str | None, from_id: str) -> list[list[tuple[float, float]]] | None:
        if link_id is None:
            return None
        if self._lines is None:
            self._load_links()
        assert self._lines is not None
        lines = self._lines.get(str(link_id))
        if lines is None:
            return None
        start = self._starts.get(str(link_id))
        if start is not None and start != from_id:  # the leg runs the link backwards
            return [list(reversed(part)) for part in reversed(lines)]
        return lines

    def _load_links(self) -> None:
        self._lines = {}
        links = getattr(self.network, "links", None)
        if links is None:
            return
        ids = links["id"] if "id" in links.columns else links.index
        starts = links["from"] if "from" in links.columns else [None] * len(links)
        for link_id, start, geom in zip(ids, starts, links.geometry, strict=True):
            if geom is None or geom.is_empty:
                continue
            parts = list(geom.geoms) if geom.geom_type.startswith("Multi") else [geom]
            self._lines[str(link_id)] = [
                [(float(c[0]), float(c[1])) for c in part.coords] for part in parts
            ]
            self._starts[str(link_id)] = None if start is None else str(start)

    def leg_lines(self, leg: Leg) -> list[Sequence[tuple[float, float]]]:
        if leg.coords:
            return [[(float(c[0]), float(c[1])) for c in leg.coords]]
        lines = self.line(leg.link_id, leg.from_id)
        if lines:
            return lines
        a, b = self.point(leg.from_id), self.point(leg.to_id)
        if a is None or b is None:
            missing = leg.from_id if a is None else leg.to_id
            raise ValueError(
                f"leg {leg.from_id} -> {leg.to_id} has no geometry and node {missing!r} "
                "has no coordinates in the network"
            )
        return [[a, b]]


def options_to_geojson(options: Iterable[RouteOption], network: Network | None) -> dict[str, Any]:
    """Return route options as a GeoJSON FeatureCollection (RFC 7946) that opens in QGIS.

    Parameters
    ----------
    options
        Route options, best first.
    network
        The corridor network: gives link geometries (by ``Leg.link_id``) and node coordinates
        for legs that carry no ``coords`` of their own; ``None`` if every leg has coords.

    Returns
    -------
    dict
        One LineString (or MultiLineString, when it crosses the antimeridian or its link has
        several parts) feature per leg with ``feature: "leg"``, ``rank``, ``label``, ``leg``
        (1-based), ``from``, ``to``, ``mode``, ``corridor``, ``distance_km``, ``hours``,
        ``cost_usd``, ``co2e_kg``; and one Point feature per port of exit and of entry with
        ``feature: "exit_port"`` / ``"entry_port"``, ``rank``, ``id``, ``name_en``, ``name_zh``.

    Raises
    ------
    ValueError
        If a leg has no geometry and its nodes have no coordinates (naming the leg).
    """
    geometries = _Geometries(network)
    features: list[dict[str, Any]] = []
    for option in options:
        moves = (leg for leg in option.legs if not leg.wait)  # a wait runs no line
        for number, leg in enumerate(moves, start=1):
            geometry = _geometry(geometries.leg_lines(leg))
            if geometry is None:
                raise ValueError(f"leg {leg.from_id} -> {leg.to_id} has fewer than two points")
            properties = {
                "feature": "leg",
                "rank": option.rank,
                "label": option.label,
                "leg": number,
                **leg.to_dict(),
            }
            features.append({"type": "Feature", "geometry": geometry, "properties": properties})
        for role in ("exit_port", "entry_port"):
            port = getattr(option, role)
            if port is None:
                continue
            point = _port_point(port, geometries)
            if point is None:
                logger.warning("no coordinates for %s %s; point left out", role, port.id)
                continue
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": point},
                    "properties": {
                        "feature": role,
                        "rank": option.rank,
                        "label": option.label,
                        "id": port.id,
                        "name_en": port.name_en,
                        "name_zh": port.name_zh,
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}


def _port_point(port: Any, geometries: _Geometries) -> list[float] | None:
    lon, lat = getattr(port, "lon", None), getattr(port, "lat", None)
    if lon is None or lat is None:
        found = geometries.point(port.id)
        if found is None:
            return None
        lon, lat = found
    return [round(float(lon), COORD_DECIMALS), round(float(lat), COORD_DECIMALS)]


def write_geojson(collection: Mapping[str, Any], target: str | os.PathLike[str] | IO[str]) -> None:
    """Write a GeoJSON object as UTF-8 (Chinese kept as characters, no BOM: RFC 7946 / 8259).

    Parameters
    ----------
    collection
        The GeoJSON object.
    target
        A path or an open text file.
    """
    with atomic_text(target) as handle:
        handle.write(json.dumps(collection, ensure_ascii=False) + "\n")
