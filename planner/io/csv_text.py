"""A table as CSV text for people: cells as ``DataFrame.to_csv`` writes them, text made safe.

Every *text* cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
prefixed with ``'`` so that a spreadsheet never runs it as a formula (CSV injection); numbers
are written as numbers (``-3.5`` stays ``-3.5``), floats as pandas writes them (numpy's shortest
repr, which is Python's ``repr``). A batch's columns repeat a lot (a route's fields are alike for
every shipment that takes it), so each distinct cell is made once, and neighbouring columns whose
rows repeat together are joined once per distinct run of cells: the text is the same, made
with far less work per row.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["FORMULA_TRIGGERS", "NEUTRALISER", "csv_line", "csv_text", "neutralise_cell", "quoted"]

#: First characters that make a spreadsheet treat a cell as a formula (OWASP, CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: What is put before such a cell.
NEUTRALISER = "'"


def neutralise_cell(value: Any) -> Any:
    """Return a cell safe for a spreadsheet.

    Parameters
    ----------
    value
        A cell value.

    Returns
    -------
    object
        Numbers and booleans unchanged; missing values (``None``, NaN, ``pd.NA``) as ``""``;
        text that starts with a formula trigger prefixed with ``'``; other text unchanged.
    """
    if value is None:
        return ""
    if isinstance(value, bool | numbers.Number):
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            if math.isnan(float(value)):
                return ""
        return value
    if not isinstance(value, str):
        try:
            if pd.isna(value):
                return ""
        except (TypeError, ValueError):
            pass
        value = str(value)
    if value.startswith(FORMULA_TRIGGERS):
        return NEUTRALISER + value
    return value


def csv_text(frame: pd.DataFrame, *, header: bool) -> str:
    """A table as CSV lines (as ``DataFrame.to_csv`` writes them, minimal quoting, ``\\r\\n``),
    every text cell neutralised: a column at a time, each distinct cell made once, and runs of
    columns whose rows repeat (a route's fields) joined once per distinct run."""
    rows, width = frame.shape
    text = ""
    if rows:
        columns = [_column_codes(frame.iloc[:, j]) for j in range(width)]
        if width == 1:  # a lone empty field is quoted, or the line would read as blank
            columns = [(columns[0][0], [cell or '""' for cell in columns[0][1]])]
        cells = [_cells(*run) for run in _runs(columns, rows)]
        text = "\r\n".join(map(",".join, zip(*cells, strict=True))) + "\r\n"
    if header:
        text = csv_line([quoted(str(neutralise_cell(str(c)))) for c in frame.columns]) + text
    return text


def csv_line(cells: list[str]) -> str:
    """One CSV line of cells already made."""
    return ",".join(cells) + "\r\n"


#: Neighbouring columns make one run while their distinct rows are at most this share of the
#: rows (a run's line is joined once per distinct row, and is one cell per row after).
_RUN_SHARE = 0.25

Coded = tuple[np.ndarray, list[str]]  # per row the code of its cell, and the cells by code


def _runs(columns: list[Coded], rows: int) -> Iterator[tuple[np.ndarray, list[Coded]]]:
    """Neighbouring columns gathered into runs while a run's distinct rows are few: per run,
    the code of each row's distinct run and its columns."""
    most = rows * _RUN_SHARE
    code, count, members = columns[0][0], len(columns[0][1]), columns[:1]
    for codes, texts in columns[1:]:
        if count <= most and len(texts) <= most:
            pairs, distinct = pd.factorize(code * len(texts) + codes)
            if len(distinct) <= most:
                code, count = pairs, len(distinct)
                members.append((codes, texts))
                continue
        yield code, members
        code, count, members = codes, len(texts), [(codes, texts)]
    yield code, members


def _cells(code: np.ndarray, members: list[Coded]) -> list[str]:
    """Every row's cells of a run joined by ``,``, each distinct line made once."""
    if len(members) == 1:
        codes, texts = members[0]
        return texts if codes is _SAME else np.array(texts, dtype=object)[codes].tolist()
    first = np.empty(int(code.max()) + 1, dtype=np.intp)
    first[code] = np.arange(len(code))  # a row of each distinct line (any: they are alike)
    parts = [np.array(texts, dtype=object)[codes[first]].tolist() for codes, texts in members]
    lines = np.array(list(map(",".join, zip(*parts, strict=True))), dtype=object)
    return lines[code].tolist()


def _column_codes(values: pd.Series) -> Coded:
    """The CSV cells of a column, each distinct one once: numbers as pandas writes them, text
    neutralised and quoted; a missing value empty."""
    if pd.api.types.is_float_dtype(values):
        # by their bits: 0.0 and -0.0 are written apart; missing (NaN) is empty
        bits = values.to_numpy(dtype=float, na_value=np.nan).view(np.int64)
        codes, found = pd.factorize(bits)
        # what to_csv writes for a float: numpy's shortest repr, which is Python's
        numbers_ = found.view(float)
        texts = list(map(float.__repr__, numbers_.tolist()))
        for i in np.flatnonzero(np.isnan(numbers_)).tolist():
            texts[i] = ""
    elif pd.api.types.is_integer_dtype(values) or pd.api.types.is_bool_dtype(values):
        codes, found = pd.factorize(values)
        texts = [str(v) for v in found.to_numpy(dtype=object)]
    else:
        objects = values.to_numpy(dtype=object)
        if pd.api.types.infer_dtype(objects, skipna=True) not in ("string", "empty"):
            return _SAME, [_text_cell(v) for v in objects]
        codes, found = pd.factorize(objects)  # batch columns repeat a lot
        texts = _text_cells(found.tolist())
    codes = codes.astype(np.int64)
    codes[codes < 0] = len(texts)  # missing: empty
    return codes, [*texts, ""]


#: The codes of a column whose cells are per row, in order (never joined into a run).
_SAME = np.zeros(0, dtype=np.int64)


def _text_cells(texts: list[str]) -> list[str]:
    """Cells of distinct texts: as they are when none needs a mark or quotes (checked at once:
    a column of ids, all distinct, is the common case), else one at a time."""
    blob = "\x00".join(texts)
    if not any(c in blob for c in _QUOTE_TRIGGERS) and _TRIGGER_STARTS.isdisjoint(
        [text[:1] for text in texts]
    ):
        return texts
    return [_text_cell(text) for text in texts]


def _text_cell(value: Any) -> str:
    if type(value) is str:  # the common case, without neutralise_cell's checks of every kind
        return quoted(NEUTRALISER + value if value.startswith(FORMULA_TRIGGERS) else value)
    return quoted(str(neutralise_cell(value)))


def quoted(text: str) -> str:
    """``text`` quoted as the csv module's minimal quoting does (``,``, ``"`` or a line break)."""
    if any(c in text for c in _QUOTE_TRIGGERS):
        return '"' + text.replace('"', '""') + '"'
    return text


_QUOTE_TRIGGERS = (",", '"', "\r", "\n")
_TRIGGER_STARTS = frozenset(FORMULA_TRIGGERS)
