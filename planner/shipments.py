"""Reading a shipments table, a row at a time, never losing one.

Input columns: ``shipment_id``, ``origin``, ``destination`` and, optionally, ``cargo``,
``weight_t``, ``volume_m3``, ``priority`` (an empty cell takes the default). Header names are
matched case-insensitively, ignoring surrounding spaces (``"Shipment ID"`` works too). Rows are
numbered from 1, the header not counted; completely blank lines are not rows. A row with the
wrong number of fields is kept, padded or cut to the header's width, with its problem named.

A file is read as it streams (its memory does not grow with its length): UTF-8 (with or without
a byte-order mark) when its start is valid UTF-8, else GB18030 (what Chinese Excel and WPS
save); ``;`` or tab separated when the header has no comma.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import logging
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pandas as pd

from planner._errors import PlanningError

__all__ = [
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "BatchFileError",
    "ShipmentTable",
    "open_shipments",
    "read_shipments",
]

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("shipment_id", "origin", "destination")
OPTIONAL_COLUMNS = ("cargo", "weight_t", "volume_m3", "priority")
#: Field separators recognised when the header has no comma (European Excel saves ``;``).
OTHER_DELIMITERS = (";", "\t")
#: Bytes of a file's start that decide its encoding.
SNIFF_BYTES = 1 << 20
#: Bytes read at a time when counting a file's lines for the progress total.
COUNT_BLOCK_BYTES = 1 << 20

Row = tuple[int, list[str], str | None]  # (row number, cells, problem)


class BatchFileError(PlanningError, ValueError):
    """The shipments table as a whole cannot be read (missing file, header or column)."""


@dataclass
class ShipmentTable:
    """A shipments table opened for reading.

    Attributes
    ----------
    columns
        Column names (known ones in canonical form, the others as written).
    rows
        ``(number, cells, problem)`` per row, lazily: cells padded or cut to the header's width,
        ``problem`` the reason a row is broken or ``None``.
    total
        The number of rows if known before reading them (an estimate for a file: its lines).
    """

    columns: list[str]
    rows: Iterator[Row]
    total: int | None = None


def _canonical(header: str) -> str:
    return "_".join(str(header).replace("\ufeff", "").strip().lower().split())


def _columns(header: list[Any]) -> list[str]:
    """Canonical names for known columns, the original text otherwise; checks required ones."""
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    columns: list[str] = []
    for position, cell in enumerate(header, start=1):
        text = "" if cell is None else str(cell).replace("\ufeff", "").strip()
        canonical = _canonical(text)
        name = canonical if canonical in known else (text or f"column_{position}")
        if name in columns:
            if name in known:
                raise BatchFileError(f"shipments header names column {name!r} twice")
            suffix = 2
            while f"{name}_{suffix}" in columns:
                suffix += 1
            name = f"{name}_{suffix}"
        columns.append(name)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        found = ", ".join(repr(c) for c in columns) or "nothing"
        raise BatchFileError(
            f"shipments header lacks required column(s) {', '.join(missing)} "
            f"(found {found}); required: {', '.join(REQUIRED_COLUMNS)}"
        )
    return columns


def _fitted(records: Iterable[list[Any]], width: int, *, text: bool) -> Iterator[Row]:
    for number, cells in enumerate(records, start=1):
        texts = cells if text else [_cell(c) for c in cells]
        problem = None
        if len(texts) != width:
            problem = f"row {number}: has {len(texts)} fields, the header has {width}"
            texts = (texts + [""] * width)[:width]
        yield number, texts, problem


def _cell(value: Any) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _delimiter(first_line: str) -> str:
    """``,`` unless the header line has none and uses ``;`` or a tab (Excel in some locales)."""
    if "," in first_line:
        return ","
    counts = {d: first_line.count(d) for d in OTHER_DELIMITERS}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def _from_text(stream: IO[str], total: int | None) -> ShipmentTable:
    lines = (line for line in stream if line.strip("\r\n\ufeff"))
    first = next(lines, "")
    if not first.strip("\r\n\ufeff"):
        raise BatchFileError(
            "shipments file is empty; expected a header with: " + ", ".join(REQUIRED_COLUMNS)
        )
    first = first.removeprefix("\ufeff")
    reader = csv.reader(
        itertools.chain([first], stream), delimiter=_delimiter(first), strict=False
    )
    try:
        header = next(reader)
    except csv.Error as exc:  # a NUL byte in exotic csv versions; be safe
        raise BatchFileError(f"shipments file is not readable as CSV: {exc}") from None
    columns = _columns(header)
    records = (r for r in _safe(reader) if r)  # a blank line is not a row
    return ShipmentTable(columns, _fitted(records, len(columns), text=True), total)


def _safe(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    try:
        yield from reader
    except csv.Error as exc:
        raise BatchFileError(f"shipments file is not readable as CSV: {exc}") from None


def _encoding(sample: bytes) -> str:
    """UTF-8 when the start of the file is valid UTF-8 (a character cut at the end of the
    sample allowed), else GB18030."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as handle:
        while block := handle.read(COUNT_BLOCK_BYTES):
            count += block.count(b"\n")
    return count


def _from_path(path: Path) -> ShipmentTable:
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise BatchFileError(f"shipments file not found: {path}") from None
    except OSError as exc:
        raise BatchFileError(f"cannot read shipments file {path}: {exc.strerror}") from None
    with handle:
        sample = handle.read(SNIFF_BYTES)
    encoding = _encoding(sample)
    total = max(_count_lines(path) - 1 + (not sample.endswith(b"\n")), 0)
    stream = path.open(encoding=encoding, errors="replace", newline="")
    return _from_text(stream, total)


def open_shipments(
    source: str | os.PathLike[str] | IO[str] | IO[bytes] | pd.DataFrame | Iterable[Mapping],
) -> ShipmentTable:
    """Open a shipments table: its header now, its rows as they are read.

    Parameters
    ----------
    source
        A CSV path or open file (UTF-8 with or without BOM, or GB18030), a DataFrame, or
        dicts keyed by column name.

    Returns
    -------
    ShipmentTable
        The columns and the rows.

    Raises
    ------
    BatchFileError
        If the file cannot be opened or read, is empty, or its header lacks a required column.
    """
    if isinstance(source, pd.DataFrame):
        body = source.itertuples(index=False, name=None)
        columns = _columns(list(source.columns))
        return ShipmentTable(columns, _fitted(body, len(columns), text=False), len(source))
    if isinstance(source, str | os.PathLike):
        return _from_path(Path(source))
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, bytes):
            data = data.decode(_encoding(data[:SNIFF_BYTES]), errors="replace")
        data = data.removeprefix("\ufeff")
        total = sum(1 for r in csv.reader(io.StringIO(data)) if r) - 1 if data else 0
        return _from_text(io.StringIO(data, newline=""), max(total, 0))
    records = list(source)
    header = list(dict.fromkeys(key for record in records for key in record))
    body = [[record.get(key) for key in header] for record in records]
    columns = _columns(header)
    return ShipmentTable(columns, _fitted(body, len(columns), text=False), len(body))


def read_shipments(
    source: str | os.PathLike[str] | IO[str] | IO[bytes] | pd.DataFrame | Iterable[Mapping],
) -> tuple[list[str], list[list[str]], list[str | None]]:
    """Read a whole shipments table as strings (see :func:`open_shipments`).

    Returns
    -------
    columns, rows, problems
        Column names, every row as a list of strings padded or cut to the header's width,
        and for each row the reason it is broken or ``None``.
    """
    table = open_shipments(source)
    rows, problems = [], []
    for _, cells, problem in table.rows:
        rows.append(cells)
        problems.append(problem)
    return table.columns, rows, problems
