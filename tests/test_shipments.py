"""planner.shipments: a shipments file read whole whatever it holds — every row, in order, each
problem on its row, and one clear line for a file that is not a table."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from planner.io.shipments import BatchFileError, open_shipments, read_shipments
from planner.io.workbook import MAX_CELL_CHARS
from planner.text.messages import render

HEADER = "shipment_id,origin,destination\n"


def _rows(source) -> list[tuple[list[str], str | None]]:
    table = open_shipments(source)
    return [(cells, None if p is None else render(p, "en")) for _, cells, p in table.rows]


def _file(tmp_path: Path, data: bytes, name: str = "shipments.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_gbk_names_that_are_valid_utf8_are_read_as_gb18030(tmp_path) -> None:
    path = _file(tmp_path, (HEADER + "S1,太原,Moscow\nS2,Taiyuan,纽约\n").encode("gbk"))
    table = open_shipments(path)
    assert table.encoding == "GB18030"
    assert [cells for _, cells, _ in table.rows] == [
        ["S1", "太原", "Moscow"],
        ["S2", "Taiyuan", "纽约"],
    ]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_a_byte_order_mark(tmp_path, codec) -> None:
    table = open_shipments(_file(tmp_path, (HEADER + "S1,太原,莫斯科\n").encode(codec)))
    assert table.encoding.startswith("UTF-16")
    assert [cells for _, cells, _ in table.rows] == [["S1", "太原", "莫斯科"]]


def test_an_unterminated_quote_does_not_merge_the_rows_after_it() -> None:
    text = HEADER + 'S1,"Taiyuan,Moscow\nS2,Taiyuan,Moscow\nS3,Taiyuan,Moscow\n'
    rows = _rows(io.StringIO(text))
    assert [cells[0] for cells, _ in rows] == ["S1", "S2", "S3"]
    assert rows[0][1].startswith("row 1: a quote opens in this row and is not closed")
    assert rows[1] == (["S2", "Taiyuan", "Moscow"], None)
    assert rows[2] == (["S3", "Taiyuan", "Moscow"], None)


def test_an_unterminated_quote_in_the_middle_of_the_file(tmp_path) -> None:
    text = HEADER + "S1,Taiyuan,Moscow\n" + 'S2,"Tai,yuan\n' + "S3,Datong,Moscow\n" * 3
    rows = _rows(_file(tmp_path, text.encode()))
    assert [cells[0] for cells, _ in rows] == ["S1", "S2", "S3", "S3", "S3"]
    assert [problem is None for _, problem in rows] == [True, False, True, True, True]


def test_a_quoted_cell_over_two_lines_is_one_row_as_csv_says() -> None:
    text = HEADER + 'S1,"Tai\nyuan",Moscow\nS2,Datong,Moscow\n'
    assert _rows(io.StringIO(text)) == [
        (["S1", "Tai\nyuan", "Moscow"], None),
        (["S2", "Datong", "Moscow"], None),
    ]


def test_a_cell_over_the_csv_modules_limit_is_that_rows_error(tmp_path) -> None:
    huge = "x" * (csv.field_size_limit() + 10)
    text = HEADER + f"S1,Taiyuan,Moscow\nS2,{huge},Moscow\nS3,Datong,Moscow\n"
    rows = _rows(_file(tmp_path, text.encode()))
    assert [cells[0] for cells, _ in rows] == ["S1", "S2", "S3"]
    assert rows[0][1] is None and rows[2][1] is None
    limit = csv.field_size_limit()
    assert rows[1][1] == f"row 2: a cell of this line is longer than {limit:,} characters"
    assert all(len(cell) <= MAX_CELL_CHARS for cell in rows[1][0])


def test_a_cell_longer_than_a_spreadsheet_cell_is_cut_and_named() -> None:
    long = "y" * (MAX_CELL_CHARS + 1)
    rows = _rows(io.StringIO(HEADER + f"S1,{long},Moscow\n"))
    cells, problem = rows[0]
    assert len(cells[1]) == MAX_CELL_CHARS and cells[1].endswith("…")
    assert problem == (
        f"row 1: column 'origin' holds {MAX_CELL_CHARS + 1:,} characters, more than the "
        f"{MAX_CELL_CHARS:,} a spreadsheet cell holds (cut in the output)"
    )


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_png(), "the shipments file is a PNG image, not a table"),
        (b"%PDF-1.4\n" + bytes(range(256)), "the shipments file is a PDF document, not a table"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "an Excel 97-2003 workbook (.xls)"),
        (bytes(range(256)) * 20, "the shipments file is a binary file, not a table"),
        (b"shipment_id,origin\nS1,D\xfcsseldorf\n", "not text in UTF-8, GB18030/GBK or UTF-16"),
    ],
    ids=["png", "pdf", "xls", "binary", "windows-1252"],
)
def test_a_file_that_is_not_a_table_is_one_clear_line(tmp_path, data, expected) -> None:
    for source in (_file(tmp_path, data), io.BytesIO(data)):
        with pytest.raises(BatchFileError) as info:
            open_shipments(source)
        message = str(info.value)
        assert expected in message and "\n" not in message and len(message) < 200
        assert "\\x" not in message, "no escaped bytes"
        assert "表格" in info.value.render("zh") or "编码" in info.value.render("zh")


def test_a_directory_is_not_a_missing_file(tmp_path) -> None:
    with pytest.raises(BatchFileError, match="is a directory, not a shipments file"):
        open_shipments(tmp_path)
    with pytest.raises(BatchFileError, match="shipments file not found"):
        open_shipments(tmp_path / "nope.csv")


def test_a_header_of_huge_names_is_echoed_cut() -> None:
    names = ",".join(f"{i}{'n' * 100_000}" for i in range(30))
    with pytest.raises(BatchFileError) as info:
        open_shipments(io.StringIO(names + "\n"))
    message = str(info.value)
    assert message.startswith("shipments header lacks required column(s) shipment_id")
    assert len(message) < 2_000 and message.count("…") >= 10


def _workbook(rows: list[list], name: str, tmp_path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_an_xlsx_workbook_is_read_as_text_cells(tmp_path) -> None:
    rows = [
        ["shipment_id", "origin", "destination", "weight_t", None, None],
        [1, "太原", "莫斯科", 18],
        ["S2", "运城", "Rotterdam", 18.5, None, ""],
        [None, None, None],  # an empty row is not a row
        ["S3", "Datong"],  # short: the sheet left the empty cells out
    ]
    table = open_shipments(_workbook(rows, "book.xlsx", tmp_path))
    assert table.encoding == "Excel (.xlsx)"
    assert table.columns == ["shipment_id", "origin", "destination", "weight_t"]
    assert [(cells, problem) for _, cells, problem in table.rows] == [
        (["1", "太原", "莫斯科", "18"], None),
        (["S2", "运城", "Rotterdam", "18.5"], None),
        (["S3", "Datong", "", ""], None),
    ]


def test_an_xlsx_given_as_csv_is_read_as_the_workbook_it_is(tmp_path) -> None:
    path = _workbook(
        [["shipment_id", "origin", "destination"], ["A", "太原", "Moscow"]],
        "really_a_workbook.csv",
        tmp_path,
    )
    assert read_shipments(path)[1] == [["A", "太原", "Moscow"]]
    assert read_shipments(io.BytesIO(path.read_bytes()))[1] == [["A", "太原", "Moscow"]]


def test_a_broken_workbook_is_one_clear_line(tmp_path) -> None:
    path = _workbook([["shipment_id", "origin", "destination"]], "book.xlsx", tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(BatchFileError, match="cannot be read as .xlsx") as info:
        open_shipments(path)
    assert "\n" not in str(info.value)
