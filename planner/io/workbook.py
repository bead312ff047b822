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


def read_rows(source: str | os.PathLike[str] | IO[bytes]) -> tuple[Iterator[list[str]], int]:
    """The rows of a workbook's first worksheet as text, trailing empty cells left out.

    Parameters
    ----------
    source
        A path or an open binary file.

    Returns
    -------
    rows, total
        The rows (lazily; the workbook is closed after the last) and the sheet's row count
        as the file states it (an estimate: 0 when it does not say).

    Raises
    ------
    WorkbookError
        If the file is not a readable .xlsx workbook or has no worksheet (also from the rows,
        when the sheet breaks further on).
    """
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    # an open file, not a name: openpyxl refuses a name that does not end in .xlsx
    handle = open(source, "rb") if isinstance(source, str | os.PathLike) else source  # noqa: SIM115
    try:
        book = load_workbook(handle, read_only=True, data_only=True)
        sheet = book.worksheets[0] if book.worksheets else None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        handle.close()
        raise WorkbookError(str(exc) or type(exc).__name__) from None
    if sheet is None:
        book.close()
        handle.close()
        raise WorkbookError("no worksheet")
    total = sheet.max_row or 0

    def rows() -> Iterator[list[str]]:
        try:
            for values in sheet.iter_rows(values_only=True):
                cells = [cell_text(v) for v in values]
                while cells and not cells[-1].strip():
                    cells.pop()
                yield cells
        except Exception as exc:  # a sheet broken past its start, whatever the library says
            raise WorkbookError(str(exc) or type(exc).__name__) from None
        finally:
            book.close()
            handle.close()

    return rows(), total


def write(
    frames: Iterable[pd.DataFrame],
    target: str | os.PathLike[str] | IO[bytes],
    *,
    header: Sequence[str] | None = None,
) -> None:
    """Write tables one after another as one worksheet.

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
    sheet = book.create_sheet(SHEET_TITLE)
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
