"""Excel workbooks (.xlsx) in and out: a sheet's rows as text, tables written as one sheet.

Reading streams the first worksheet (``openpyxl``'s read-only mode: memory does not grow with
the rows). Writing streams too (write-only mode), a table at a time. Every text is written as
a text cell, so nothing a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) is
ever one; a character XML cannot hold is replaced by U+FFFD, and a text longer than a cell
holds is cut (:data:`MAX_CELL_CHARS`) and ends in "…".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

import numpy as np
import pandas as pd

from planner.io.outputs import scratch_file
from planner.model.errors import PlanningError
from planner.text.message import Message

__all__ = [
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "SHEET_TITLE",
    "TooWide",
    "WorkbookError",
    "cell_text",
    "check_width",
    "read_rows",
    "write",
]

#: Characters a spreadsheet cell holds at most (Excel's limit, also LibreOffice's).
MAX_CELL_CHARS = 32_767
#: Columns a worksheet holds at most (Excel's limit: A to XFD).
MAX_COLUMNS = 16_384
#: Bytes a workbook's part (a sheet's XML) may hold at most when read.
MAX_PART_BYTES = 2 << 30
#: Bytes of shared strings read at most (a cell holds at most 32,767 characters; a million
#: rows of distinct ids and places hold some tens of MB).
MAX_SHARED_STRINGS_BYTES = 256 << 20
#: How many times a part may expand from its packed size (XML of real sheets: under 30).
MAX_EXPANSION = 200
#: Parts smaller than this are not checked for expansion.
_EXPANSION_FLOOR = 16 << 20
#: The fewest bytes a row takes in a sheet's XML (``<row><c><v>1</v></c></row>``).
_MIN_ROW_BYTES = 24
_SHARED = "sharedStrings.xml"
#: What a formula cell saved without its value reads as, before its row is told.
_UNCACHED = object()
#: Title of the sheet written.
SHEET_TITLE = "routes"
#: Control characters that XML 1.0 (and so a worksheet) cannot hold.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Whole numbers up to this size are written without a decimal point when read as text.
_EXACT_INTEGER = 2**53


class WorkbookError(ValueError):
    """A file that is not a readable .xlsx workbook (the reason from the library)."""


class TooWide(PlanningError, ValueError):
    """A table with more columns than a worksheet holds."""


def cell_text(value: Any) -> str:
    """A worksheet cell as the text a CSV would hold: ``18`` not ``18.0``; dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _EXACT_INTEGER:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def read_rows(
    source: str | os.PathLike[str] | IO[bytes],
) -> tuple[Iterator[tuple[list[str], str | None]], int, str]:
    """The rows of a workbook's first visible worksheet as text, trailing empty cells left out.

    The workbook's parts are checked before anything is read (:func:`_check_parts`); the rows
    are those the sheet holds, whatever dimension it claims. A formula cell is read as the
    value Excel saved with it; one saved without (a file written by a program that does not
    compute) is named, its row an error, never read as empty.

    Parameters
    ----------
    source
        A path or an open binary file.

    Returns
    -------
    rows, total, sheet
        The rows (lazily; the workbook is closed after the last), each with the first formula
        cell that has no saved value (``"C2"``) or ``None``; the sheet's row count (an
        estimate); the title of the sheet read when it is not the first (else ``""``).

    Raises
    ------
    WorkbookError
        If the file is not a readable .xlsx workbook, is beyond the limits, or has no visible
        worksheet (also from the rows, when the sheet breaks further on).
    """
    from openpyxl import load_workbook

    # an open file, not a name: openpyxl refuses a name that does not end in .xlsx
    handle = open(source, "rb") if isinstance(source, str | os.PathLike) else source  # noqa: SIM115
    try:
        sizes = _check_parts(handle)
        handle.seek(0)
        book = load_workbook(handle, read_only=True, data_only=True)
    except WorkbookError:
        handle.close()
        raise
    except Exception as exc:  # corrupt, entities refused by the parser...: the library's words
        handle.close()
        raise WorkbookError(_reason(exc)) from None
    sheets = [ws for ws in book.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if not sheets:
        book.close()
        handle.close()
        raise WorkbookError("no visible worksheet")
    sheet = sheets[0]
    part = sizes.get(getattr(sheet, "_worksheet_path", "").lstrip("/"), 0)
    total = min(sheet.max_row or 0, part // _MIN_ROW_BYTES)
    title = "" if sheet is book.worksheets[0] else sheet.title

    def rows() -> Iterator[tuple[list[str], str | None]]:
        try:
            yield from _sheet_rows(book, sheet)
        except WorkbookError:
            raise
        except Exception as exc:  # a sheet broken past its start, whatever the library says
            raise WorkbookError(_reason(exc)) from None
        finally:
            book.close()
            handle.close()

    return rows(), total, title


def _reason(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__)[:200]


def _check_parts(handle: IO[bytes]) -> dict[str, int]:
    """The sizes of the workbook's parts, read from its zip directory before any is opened:
    a part larger than :data:`MAX_PART_BYTES`, shared strings beyond
    :data:`MAX_SHARED_STRINGS_BYTES`, or a part that expands more than :data:`MAX_EXPANSION`
    times (a zip bomb) is refused."""
    import zipfile

    try:
        parts = zipfile.ZipFile(handle).infolist()
    except Exception as exc:
        raise WorkbookError(_reason(exc)) from None
    for part in parts:
        size, packed = part.file_size, max(part.compress_size, 1)
        limit = MAX_SHARED_STRINGS_BYTES if part.filename.endswith(_SHARED) else MAX_PART_BYTES
        if size > limit:
            raise WorkbookError(f"{part.filename} holds {size:,} bytes, over {limit:,}")
        if size > _EXPANSION_FLOOR and size > MAX_EXPANSION * packed:
            raise WorkbookError(
                f"{part.filename} expands {size // packed:,} times ({packed:,} to {size:,} "
                f"bytes), over {MAX_EXPANSION}"
            )
    return {part.filename: part.file_size for part in parts}


def _sheet_rows(book: Any, sheet: Any) -> Iterator[tuple[list[str], str | None]]:
    """The rows a sheet holds, as text: a row as wide as its last cell with a value (not the
    dimension the sheet claims), each with its first formula cell saved without a value."""
    from openpyxl.utils import get_column_letter

    parser = _parser()(
        sheet._get_source(),
        sheet._shared_strings,
        data_only=True,
        epoch=book.epoch,
        date_formats=book._date_formats,
        timedelta_formats=book._timedelta_formats,
    )
    for number, cells in parser.parse():
        found = [(c["column"], c["value"]) for c in cells if c["value"] is not None]
        if not found:
            yield [], None
            continue
        width = max(column for column, _ in found)
        texts = [""] * width
        uncached = None
        for column, value in found:
            if value is _UNCACHED:
                uncached = uncached or f"{get_column_letter(column)}{number}"
            else:
                texts[column - 1] = cell_text(value)
        while texts and not texts[-1].strip():
            texts.pop()
        yield texts, uncached


def _parser() -> Any:
    """openpyxl's sheet parser, marking a formula cell saved without its value."""
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                saved = element.find(VALUE_TAG)  # text's result may be empty, a number's not
                if saved is None or element.get("t") not in ("str", "s", "inlineStr"):
                    cell["value"] = _UNCACHED
            return cell

    return Parser


def write(
    frames: Iterable[pd.DataFrame],
    target: str | os.PathLike[str] | IO[bytes],
    *,
    header: Sequence[str] | None = None,
    title: str = SHEET_TITLE,
) -> None:
    """Write tables one after another as one worksheet (named ``title``, in the reader's
    language: the catalogue's ``sheet.*``).

    Parameters
    ----------
    frames
        Tables of the same columns (a generator streams).
    target
        A path or an open binary file (the caller makes a path's write atomic).
    header
        The header to write when ``frames`` is empty.
    """
    from openpyxl import Workbook

    if header is not None:
        check_width(len(header))
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31] or SHEET_TITLE)  # Excel's limit: 31 characters
    with scratch_file() as (_, name):  # the sheet's rows: an unnamed file, gone however we end
        sheet._writer = _sheet_writer(sheet, name)
        try:
            _append(sheet, frames, header)
            book.save(target)
        except BaseException:  # openpyxl's generators closed now, not later on a closed file
            for stream in (sheet._rows, sheet._writer.xf):
                with contextlib.suppress(Exception):
                    if stream is not None:
                        stream.close()
            raise


def _append(sheet: Any, frames: Iterable[pd.DataFrame], header: Sequence[str] | None) -> None:
    first = True
    for frame in frames:
        if first:
            check_width(frame.shape[1])
            sheet.append([_text_cell(sheet, str(c)) for c in frame.columns])
            first = False
        columns = [_column(sheet, frame.iloc[:, j]) for j in range(frame.shape[1])]
        for row in zip(*columns, strict=True):
            sheet.append(row)
    if first and header is not None:
        sheet.append([_text_cell(sheet, str(c)) for c in header])


def check_width(columns: int) -> None:
    """Refuse a table wider than a worksheet (:data:`MAX_COLUMNS`) before a row is written."""
    if columns > MAX_COLUMNS:
        raise TooWide(Message.of("too_many_columns", columns=columns, limit=MAX_COLUMNS))


def _sheet_writer(sheet: Any, name: str) -> Any:
    """openpyxl's writer of a write-only sheet, streaming its rows into the file ``name``
    (instead of a named file in the temporary folder that a killed process leaves behind)."""
    from openpyxl.worksheet._writer import WorksheetWriter

    class Writer(WorksheetWriter):  # type: ignore[misc]
        def cleanup(self) -> None:  # the file is scratch_file's to remove
            pass

    writer = Writer(sheet, out=name)
    writer.write_top()
    return writer


def _column(sheet: Any, values: pd.Series) -> list[Any]:
    """A column's cells: numbers as numbers (none for a missing or non-finite one), flags as
    booleans, everything else as text cells."""
    if pd.api.types.is_bool_dtype(values):
        return [None if v is None else bool(v) for v in values.to_numpy(object, na_value=None)]
    if pd.api.types.is_numeric_dtype(values):
        numbers = values.to_numpy(dtype=float, na_value=np.nan)
        integral = pd.api.types.is_integer_dtype(values)
        return [
            (int(v) if integral else float(v)) if math.isfinite(v) else None
            for v in numbers.tolist()
        ]
    return [_text_cell(sheet, v) for v in values.to_numpy(dtype=object)]


def _text_cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = _ILLEGAL_XML.sub("\ufffd", str(value))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # text, even when it starts with "=": never a formula
    return cell
