"""Reading a shipments table, a row at a time, never losing one.

Input columns: ``shipment_id``, ``origin``, ``destination`` and, optionally, ``cargo``,
``weight_t``, ``volume_m3``, ``priority`` (an empty cell takes the default). Header names are
matched case-insensitively, ignoring surrounding spaces (``"Shipment ID"`` works too). Rows are
numbered from 1, the header not counted; completely blank lines are not rows. A row with the
wrong number of fields is kept, padded or cut to the header's width, with its problem named.

A file is read as it streams (its memory does not grow with its length). What it is comes from
its bytes, not its name (:mod:`planner.io.encodings`): CSV text in UTF-8, GB18030 (what Chinese
Excel and WPS save), Big5 or UTF-16, ``;`` or tab separated when the header has no comma; or an
.xlsx workbook (its first visible sheet). Anything else — an image, an .xls, a binary file, a
directory — is refused with one line that says what it is.

A quote opened and never closed would make every line after it one cell: the line where it
opens becomes a row of its own, in error, and the lines after it are read on their own. A cell
longer than a spreadsheet cell holds (:data:`~planner.io.workbook.MAX_CELL_CHARS`) makes its row an
error and is cut in the output; a line the ``csv`` module refuses (a cell over its limit of
131,072 characters) is that row's error, not the file's.
"""

from __future__ import annotations

import csv
import io
import itertools
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pandas as pd

from planner.io.encodings import read_head, sniff
from planner.io.streams import StreamError, is_regular, spooled
from planner.io.workbook import MAX_CELL_CHARS, WorkbookError, read_rows
from planner.model.errors import PlanningError
from planner.text.message import Message
from planner.text.messages import render
from planner.text.typed_words import column_id

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
OPTIONAL_COLUMNS = ("cargo", "weight_t", "volume_m3", "priority", "ready_date")
#: Field separators recognised when the header has no comma (European Excel saves ``;``).
OTHER_DELIMITERS = (";", "\t")
#: Bytes read at a time when counting a file's lines for the progress total.
COUNT_BLOCK_BYTES = 1 << 20
#: How a table that was never a file (a DataFrame, dicts) is named as read.
NO_ENCODING = ""
EXCEL_LABEL = "Excel (.xlsx)"

Row = tuple[int, list[str], Message | None]  # (row number, cells, problem)
SheetRow = tuple[list[str], str | None]  # (cells, a formula cell saved without its value)


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
        ``problem`` the reason a row is broken (a message record naming the row) or ``None``.
    total
        The number of rows if known before reading them (an estimate for a file: its lines).
    encoding
        What the file was read as (``"UTF-8"``, ``"GB18030"``, ``"Big5"``, ``"UTF-16LE"``,
        ``"Excel (.xlsx)"``), ``""`` for a table that was not a file of bytes.
    path
        The file it was read from (an output must never be it), ``None`` for other tables.
    """

    columns: list[str]
    rows: Iterator[Row]
    total: int | None = None
    encoding: str = NO_ENCODING
    path: str | None = None
    keep: Any = None  # what must stay open while the rows are read (a spooled pipe)


def _canonical(header: str) -> str:
    return "_".join(str(header).replace("\ufeff", "").strip().lower().split())


def _columns(header: list[Any]) -> list[str]:
    """Canonical names for known columns, the original text otherwise; checks required ones."""
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    columns: list[str] = []
    taken: set[str] = set()  # sets: a header of 60,000 columns is read in linear time
    suffixes: dict[str, int] = {}  # the next suffix tried for a name taken
    for position, cell in enumerate(header, start=1):
        text = "" if cell is None else str(cell).replace("\ufeff", "").strip()
        canonical = _canonical(text)
        if canonical not in known:  # the app's Chinese headers, a clerk's words
            canonical = column_id(text, known) or canonical
        name = canonical if canonical in known else (text or f"column_{position}")
        if name in taken:
            if name in known:
                raise BatchFileError(Message.of("header_twice", column=name))
            suffix = suffixes.get(name, 2)
            while f"{name}_{suffix}" in taken:
                suffix += 1
            suffixes[name] = suffix + 1
            name = f"{name}_{suffix}"
        columns.append(name)
        taken.add(name)
    missing = [c for c in REQUIRED_COLUMNS if c not in taken]
    if missing:
        raise BatchFileError(
            Message.of(
                "header_lacks", missing=missing, found=columns, required=list(REQUIRED_COLUMNS)
            )
        )
    return columns


def _fitted(
    records: Iterable[tuple[list[Any], Message | None]],
    columns: list[str],
    *,
    text: bool,
    padded: bool = False,
) -> Iterator[Row]:
    """Rows of the header's width, numbered, each with its problem (its own, a wrong width, a
    cell too long). ``padded``: short rows are not a problem (a sheet leaves empty cells out)."""
    width = len(columns)
    for number, (cells, problem) in enumerate(records, start=1):
        texts = cells if text else [_cell(c) for c in cells]
        if problem is None and len(texts) == width and max(map(len, texts)) <= MAX_CELL_CHARS:
            yield number, texts, None  # the common case, without the checks below
            continue
        if len(texts) != width and problem is None and not (padded and len(texts) < width):
            problem = Message.of("row_width", fields=len(texts), width=width)
        if len(texts) != width:
            texts = (texts + [""] * width)[:width]
        long = max(map(len, texts), default=0) > MAX_CELL_CHARS  # rare: look closer only then
        for position, cell in enumerate(texts if long else ()):
            if len(cell) > MAX_CELL_CHARS:
                if problem is None:
                    problem = Message.of(
                        "cell_too_long",
                        column=columns[position],
                        chars=len(cell),
                        limit=MAX_CELL_CHARS,
                    )
                texts[position] = cell[: MAX_CELL_CHARS - 1] + "…"
        yield number, texts, None if problem is None else Message.of(
            "in_row", row=number, reason=problem
        )


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


def _tracked(lines: Iterator[str], taken: list[str]) -> Iterator[str]:
    """``lines``, each kept in ``taken`` as it is read (the caller empties it per record)."""
    for line in lines:
        taken.append(line)
        yield line


def _records(lines: Iterable[str], delimiter: str) -> Iterator[tuple[list[str], Message | None]]:
    """The CSV records of some lines, each with its problem; blank lines left out.

    A record that runs over several lines with an odd number of quotes opened a quote that
    never closed (a cell over the ``csv`` module's limit ends one too): its first line becomes
    a record of its own, with the problem, and the lines after it are read again.
    """
    rest: Iterator[str] = iter(lines)
    while True:
        taken: list[str] = []
        reader = csv.reader(_tracked(rest, taken), delimiter=delimiter, strict=False)
        again: list[str] = []
        while not again:
            taken.clear()
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error:
                cells = None
            if cells and len(taken) == 1 and _UNCLEAN not in taken[0] and "\x00" not in taken[0]:
                yield cells, None  # the common case, without the checks below
            elif len(taken) > 1 and (cells is None or sum(x.count('"') for x in taken) % 2):
                again = taken[1:]
                yield _one_line(taken[0], delimiter), Message.of("row_open_quote")
            elif cells is None:
                limit = csv.field_size_limit()
                yield _one_line(taken[0], delimiter), Message.of("line_too_long", limit=limit)
            elif cells and any(_UNCLEAN in line or "\x00" in line for line in taken):
                yield [_clean(c) for c in cells], Message.of("row_undecodable")
            elif cells:
                yield cells, None
        rest = itertools.chain(again, rest)


#: What a byte that does not decode reads as (``errors="replace"``).
_UNCLEAN = "\ufffd"


def _clean(cell: str) -> str:
    """A cell of a row that did not decode, as written out: no NUL (it is marked instead)."""
    return cell.replace("\x00", _UNCLEAN)


def _one_line(line: str, delimiter: str) -> list[str]:
    """The cells of one line read alone (split at the delimiter if even that fails)."""
    line = line.rstrip("\r\n")
    try:
        return next(csv.reader([line], delimiter=delimiter, strict=False), [""])
    except csv.Error:
        return line.split(delimiter)


def _from_text(stream: IO[str], total: int | None, encoding: str) -> ShipmentTable:
    lines = (line for line in stream if line.strip(_NOT_A_HEADER))
    first = next(lines, "")
    if not first.strip(_NOT_A_HEADER):  # blank lines, spaces or separators only: no header
        raise BatchFileError(Message.of("file_empty", required=list(REQUIRED_COLUMNS)))
    first = first.removeprefix("\ufeff")
    records = _records(itertools.chain([first], stream), _delimiter(first))
    header, _ = next(records, ([], None))
    columns = _columns(header)
    return ShipmentTable(columns, _fitted(records, columns, text=True), total, encoding)


#: What a line holds when it holds no header: line breaks, spaces, a byte-order mark, separators.
_NOT_A_HEADER = " \t\r\n\ufeff,;"


def _from_workbook(source: str | os.PathLike[str] | IO[bytes]) -> ShipmentTable:
    try:
        rows, total, sheet = read_rows(source)
    except WorkbookError as exc:
        raise BatchFileError(Message.of("workbook_unreadable", reason=str(exc))) from None
    filled = (row for row in _readable(rows) if row[1] or any(c.strip() for c in row[0]))
    header = next(filled, None)
    if header is None:
        raise BatchFileError(Message.of("file_empty", required=list(REQUIRED_COLUMNS)))
    columns = _columns(header[0])
    records = ((cells, _uncached(cell)) for cells, cell in filled)
    body = _fitted(records, columns, text=True, padded=True)
    label = f"{EXCEL_LABEL} [{sheet}]" if sheet else EXCEL_LABEL  # a hidden first sheet skipped
    return ShipmentTable(columns, body, max(total - 1, 0), label)


def _uncached(cell: str | None) -> Message | None:
    return None if cell is None else Message.of("formula_uncached", cell=cell)


def _readable(rows: Iterator[SheetRow]) -> Iterator[SheetRow]:
    try:
        yield from rows
    except WorkbookError as exc:
        raise BatchFileError(Message.of("workbook_unreadable", reason=str(exc))) from None


def _refuse_unless_text(kind: str) -> None:
    if kind == "unknown":
        raise BatchFileError(Message.of("file_encoding_unknown"))
    if kind != "text":
        raise BatchFileError(Message.of("file_not_table", kind=kind))


def _count_lines(path: Path) -> int:
    """Lines of a file (one more than its line breaks when it does not end with one)."""
    count, last = 0, b"\n"
    with path.open("rb") as handle:
        while block := handle.read(COUNT_BLOCK_BYTES):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def _from_path(path: Path) -> ShipmentTable:
    if path.is_dir():
        raise BatchFileError(Message.of("file_is_directory", path=str(path)))
    if not is_regular(path):  # a FIFO, a pipe, a device: read once, with limits, then as a file
        spool = _opened(path, spooled)
        table = _from_path(Path(f"/proc/self/fd/{spool.fileno()}"))
        table.keep, table.path = spool, str(path)
        return table
    handle = _opened(path, lambda p: p.open("rb"))
    with handle:
        head, sample, complete = read_head(handle)
    found = sniff(head, sample=sample, complete=complete)
    if found.kind == "xlsx":
        table = _from_workbook(path)
    else:
        _refuse_unless_text(found.kind)
        total = max(_count_lines(path) - 1, 0)
        stream = path.open(encoding=found.encoding, errors="replace", newline="")
        table = _from_text(stream, total, found.label)
    table.path = str(path)
    return table


def _opened(path: Path, opener: Callable[[Path], IO[bytes]]) -> IO[bytes]:
    """``opener(path)``; a file missing or unreadable is the batch's one-line error."""
    try:
        return opener(path)
    except FileNotFoundError:
        raise BatchFileError(Message.of("file_not_found", path=str(path))) from None
    except StreamError as exc:
        raise BatchFileError(exc.record) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        unreadable = Message.of("file_unreadable", path=str(path), reason=reason, errno=exc.errno)
        raise BatchFileError(unreadable) from None


def _from_bytes(data: bytes) -> ShipmentTable:
    found = sniff(data, complete=True)
    if found.kind == "xlsx":
        return _from_workbook(io.BytesIO(data))
    _refuse_unless_text(found.kind)
    return _from_string(data.decode(found.encoding or "utf-8", errors="replace"), found.label)


def _from_string(data: str, encoding: str) -> ShipmentTable:
    data = data.removeprefix("\ufeff")
    total = sum(1 for line in data.splitlines() if line.strip()) - 1 if data else 0
    return _from_text(io.StringIO(data, newline=""), max(total, 0), encoding)


def open_shipments(
    source: str
    | os.PathLike[str]
    | IO[str]
    | IO[bytes]
    | pd.DataFrame
    | Iterable[Mapping]
    | ShipmentTable,
) -> ShipmentTable:
    """Open a shipments table: its header now, its rows as they are read.

    Parameters
    ----------
    source
        A path or an open file (CSV in UTF-8, GB18030 or UTF-16, or an .xlsx workbook), a
        DataFrame, dicts keyed by column name, or a table already opened (returned as it is).

    Returns
    -------
    ShipmentTable
        The columns and the rows.

    Raises
    ------
    BatchFileError
        If the file cannot be opened or read, is not a table, is empty, or its header lacks a
        required column.
    """
    if isinstance(source, ShipmentTable):
        return source
    if isinstance(source, pd.DataFrame):
        body = ((list(row), None) for row in source.itertuples(index=False, name=None))
        columns = _columns(list(source.columns))
        return ShipmentTable(columns, _fitted(body, columns, text=False), len(source))
    if isinstance(source, str | os.PathLike):
        return _from_path(Path(source))
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, bytes):
            return _from_bytes(data)
        return _from_string(data, NO_ENCODING)
    records = list(source)
    header = list(dict.fromkeys(key for record in records for key in record))
    body = (([record.get(key) for key in header], None) for record in records)
    columns = _columns(header)
    return ShipmentTable(columns, _fitted(body, columns, text=False), len(records))


def read_shipments(
    source: str | os.PathLike[str] | IO[str] | IO[bytes] | pd.DataFrame | Iterable[Mapping],
) -> tuple[list[str], list[list[str]], list[str | None]]:
    """Read a whole shipments table as strings (see :func:`open_shipments`).

    Returns
    -------
    columns, rows, problems
        Column names, every row as a list of strings padded or cut to the header's width,
        and for each row the reason it is broken (in English) or ``None``.
    """
    table = open_shipments(source)
    rows, problems = [], []
    for _, cells, problem in table.rows:
        rows.append(cells)
        problems.append(None if problem is None else render(problem, "en"))
    return table.columns, rows, problems
