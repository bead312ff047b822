"""Mutations of a parsed layer of the mini network, for the table of broken inputs.

A mutation takes a parsed layer (the JSON data of a ``.json``/``.geojson`` file, or the rows
of a ``.csv`` file) and returns the broken one; :func:`read_layer` and :func:`write_layer` turn
a file into that form and back. ``tests/test_validate.py`` holds the table that uses them.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Takes the parsed layer (JSON data, or the rows of a CSV file) and returns the broken one.
Mutation = Callable[[Any], Any]


@dataclass(frozen=True)
class Raw:
    """A layer written as this text verbatim (for input that is not valid JSON)."""

    text: str


# --------------------------------------------------------------------------------------------
# mutations of a parsed layer


def _locate(doc: dict, record_id: str) -> tuple[list, dict, dict]:
    """Return the list that holds the record ``record_id``, the record and its properties.

    A record is a GeoJSON feature (its properties under ``properties``) or a corridor or
    railway of ``corridors.json`` (the record is its own properties).
    """
    for key in ("features", "corridors", "railways"):
        for record in doc.get(key, []):
            props = record["properties"] if key == "features" else record
            if props.get("id") == record_id:
                return doc[key], record, props
    raise KeyError(f"no record {record_id!r} in the layer")  # a typo in the table fails loudly


def set_prop(record_id: str, key: str, value: Any) -> Mutation:
    """Set a property of one record (``None`` writes JSON ``null``)."""

    def mutate(doc: dict) -> dict:
        _locate(doc, record_id)[2][key] = value
        return doc

    return mutate


def drop_prop(record_id: str, key: str) -> Mutation:
    """Remove a property from one record."""

    def mutate(doc: dict) -> dict:
        del _locate(doc, record_id)[2][key]
        return doc

    return mutate


def edit_geometry(record_id: str, new: Callable[[Any], Any]) -> Mutation:
    """Replace a feature's geometry by ``new(its coordinates)``."""

    def mutate(doc: dict) -> dict:
        feature = _locate(doc, record_id)[1]
        feature["geometry"] = new(feature["geometry"]["coordinates"])
        return doc

    return mutate


def set_geometry(record_id: str, geometry: dict | None) -> Mutation:
    """Give a feature another geometry."""
    return edit_geometry(record_id, lambda _: geometry)


def remove(record_id: str) -> Mutation:
    """Remove one record from its list."""

    def mutate(doc: dict) -> dict:
        holder, record, _ = _locate(doc, record_id)
        holder.remove(record)
        return doc

    return mutate


def copy_record(record_id: str, *, new_id: str | None = None) -> Mutation:
    """Append a copy of one record to its list, under ``new_id`` if given (else a duplicate)."""

    def mutate(doc: dict) -> dict:
        holder, record, _ = _locate(doc, record_id)
        twin = copy.deepcopy(record)
        holder.append(twin)
        if new_id is not None:
            (twin["properties"] if "properties" in twin else twin)["id"] = new_id
        return doc

    return mutate


def set_member(key: str, value: Any) -> Mutation:
    """Set a top-level member of the layer's JSON object."""

    def mutate(doc: dict) -> dict:
        doc[key] = value
        return doc

    return mutate


def drop_member(key: str) -> Mutation:
    """Remove a top-level member of the layer's JSON object."""

    def mutate(doc: dict) -> dict:
        del doc[key]
        return doc

    return mutate


def replace(value: Any) -> Mutation:
    """Replace the whole layer by ``value`` (``None`` writes a file that is JSON ``null``)."""
    return lambda _: value


def text(content: str) -> Mutation:
    """Replace the whole layer by this text, written as it is."""
    return lambda _: Raw(content)


def truncated(doc: Any) -> Raw:
    """The first half of the layer's JSON text: a file cut short."""
    whole = _json_text(doc)
    return Raw(whole[: len(whole) // 2])


def drop_row(first_cell: str) -> Mutation:
    """Remove the CSV rows whose first cell is ``first_cell``."""
    return lambda rows: [row for row in rows if row[0] != first_cell]


def point(lon: Any, lat: Any) -> dict:
    """A GeoJSON Point (the coordinates as given, numbers or not)."""
    return {"type": "Point", "coordinates": [lon, lat]}


def line(coords: list) -> dict:
    """A GeoJSON LineString."""
    return {"type": "LineString", "coordinates": coords}


def multi(*parts: list) -> dict:
    """A GeoJSON MultiLineString of these parts."""
    return {"type": "MultiLineString", "coordinates": list(parts)}


# --------------------------------------------------------------------------------------------
# reading and writing a layer


def _json_text(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1)


def read_layer(path: Path) -> Any:
    """Parse a layer file: JSON data, or the rows (lists of cells) of a CSV file."""
    content = path.read_text(encoding="utf-8")
    if path.suffix == ".csv":
        return list(csv.reader(io.StringIO(content)))
    return json.loads(content)


def write_layer(path: Path, doc: Any) -> None:
    """Write a parsed layer back in its file's format (a :class:`Raw` text as it is)."""
    if isinstance(doc, Raw):
        content = doc.text
    elif path.suffix == ".csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(doc)
        content = out.getvalue()
    else:
        content = _json_text(doc)
    path.write_text(content, encoding="utf-8")
