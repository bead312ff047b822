"""planner.workbook: .xlsx written with Chinese intact and no formula; read back as text."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from planner.io.workbook import MAX_CELL_CHARS, cell_text, write


def _read(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [[(c.value, c.data_type) for c in row] for row in sheet.iter_rows()]


def test_text_stays_text_numbers_stay_numbers() -> None:
    frame = pd.DataFrame(
        {
            "name": ["太原", '=HYPERLINK("http://x")', "+1", "a\x01b", "z" * (MAX_CELL_CHARS + 5)],
            "days": pd.array([1.5, None, 3.0, float("inf"), 2.0], dtype="Float64"),
            "rank": pd.array([1, None, 3, 4, 5], dtype="Int64"),
            "pareto": pd.array([True, None, False, True, False], dtype="boolean"),
        }
    )
    buffer = io.BytesIO()
    write([frame.iloc[:2], frame.iloc[2:]], buffer)
    rows = _read(buffer.getvalue())
    assert [v for v, _ in rows[0]] == ["name", "days", "rank", "pareto"]
    assert rows[1] == [("太原", "s"), (1.5, "n"), (1, "n"), (True, "b")]
    assert rows[2][0] == ('=HYPERLINK("http://x")', "s"), "text, never a formula"
    assert rows[2][1:] == [(None, "n"), (None, "n"), (None, "n")]
    assert rows[3][0] == ("+1", "s")
    assert rows[4][0] == ("a\ufffdb", "s") and rows[4][1] == (None, "n")  # no infinity
    assert len(rows[5][0][0]) == MAX_CELL_CHARS and rows[5][0][0].endswith("…")
    assert all(kind != "f" for row in rows for _, kind in row)


def test_an_empty_table_writes_its_header() -> None:
    buffer = io.BytesIO()
    write([], buffer, header=["货物编号", "状态"])
    assert _read(buffer.getvalue()) == [[("货物编号", "s"), ("状态", "s")]]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (18, "18"),
        (18.0, "18"),
        (18.5, "18.5"),
        (1e20, "1e+20"),
        (True, "TRUE"),
        (dt.date(2024, 9, 18), "2024-09-18"),
        ("太原", "太原"),
    ],
)
def test_a_cell_as_csv_would_hold_it(value, text) -> None:
    assert cell_text(value) == text
