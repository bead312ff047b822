"""Hostile workbooks (issue 23): formula cells saved without their value, a hidden first sheet,
a sheet claiming more than it holds, zip bombs, corrupt, XXE and billion-laughs files, an
encrypted .xlsx and an .ods: each a clear line or an error row, never a silent empty cell, an
internal error or a long wait; no entity is ever expanded."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from cli_kit import one_line, recording_planner, run
from openpyxl import Workbook

from planner.io import workbook
from planner.io.batch import plan_batch
from planner.io.shipments import BatchFileError, open_shipments

HEADER = ["shipment_id", "origin", "destination", "weight_t"]


@pytest.fixture
def mini_plan(monkeypatch, mini_network):
    return recording_planner(monkeypatch, mini_network)


def _book(path: Path, rows: list[list], *, hidden_first: bool = False) -> Path:
    book = Workbook()
    sheet = book.active
    if hidden_first:
        sheet.title = "old"
        sheet.append(HEADER)
        sheet.append(["H1", "Taiyuan", "Chita", 1])
        sheet.sheet_state = "hidden"
        sheet = book.create_sheet("current")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _rezip(path: Path, change) -> Path:
    """The workbook at ``path`` with its parts changed by ``change(name, data) -> data``."""
    with zipfile.ZipFile(path) as source:
        parts = [(i.filename, source.read(i.filename)) for i in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            target.writestr(name, change(name, data))
    return path


_PARTS = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-'
    'types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
    'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override '
    'PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org'
    '/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship'
    ' Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": '<worksheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" '
    't="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="s"><v>3</v>'
    '</c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>5</v></c></row></sheetData></worksheet>',
    "xl/sharedStrings.xml": '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    'main"><si><t>shipment_id</t></si><si><t>origin</t></si><si><t>destination</t></si><si><t>'
    "S1</t></si><si><t>Taiyuan</t></si><si><t>Moscow</t></si></sst>",
}


def _shared(path: Path) -> Path:
    """A workbook of shared strings (as Excel writes them; openpyxl writes inline strings)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
    return path


def test_a_workbook_of_shared_strings_is_read(tmp_path) -> None:
    table = open_shipments(_shared(tmp_path / "s.xlsx"))
    assert [cells for _, cells, _ in table.rows] == [["S1", "Taiyuan", "Moscow"]]


def test_formula_cells_without_a_saved_value_are_error_rows(mini_plan, tmp_path) -> None:
    rows = [["S1", "Taiyuan", "Moscow", 18], ["S2", "Taiyuan", "Moscow", "=D2*2"]]
    rows.append(["=UPPER(\"s3\")", "=\"Taiyuan\"", "=\"Moscow\"", "=1+1"])
    frame = plan_batch(_book(tmp_path / "f.xlsx", rows), planner=mini_plan)
    assert len(frame) == 3  # a row of formulas is not dropped
    assert list(frame["status"]) == ["ok", "error", "error"]
    assert "cell D3 holds a formula saved without its value" in frame["error"][1]
    assert "cell A4" in frame["error"][2]


def test_formula_cells_with_a_saved_value_are_read_as_it(tmp_path) -> None:
    path = _book(tmp_path / "f.xlsx", [["S1", "Taiyuan", "Moscow", "=9*2"]])
    _rezip(path, lambda name, data: data.replace(b"<f>9*2</f>", b"<f>9*2</f><v>18</v>"))
    table = open_shipments(path)
    assert [(cells, problem) for _, cells, problem in table.rows] == [
        (["S1", "Taiyuan", "Moscow", "18"], None)
    ]


def test_a_hidden_first_sheet_is_not_planned_and_the_sheet_read_is_named(
    capsys, mini_plan, tmp_path
) -> None:
    path = _book(tmp_path / "h.xlsx", [["S1", "Taiyuan", "Moscow", 18]], hidden_first=True)
    code, out, err = run(capsys, "batch", str(path), "--lang", "en")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert [r["shipment_id"] for r in rows] == ["S1"] and "[current]" in err


def test_a_sheet_claiming_more_than_it_holds_is_read_as_it_is(tmp_path) -> None:
    path = _book(tmp_path / "d.xlsx", [["S1", "Taiyuan", "Moscow", 18]])

    def claim(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/sheet"):
            data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
            far = b'<row r="20000"><c r="XFD20000"/></row></sheetData>'
            data = data.replace(b"</sheetData>", far)
            assert b"XFD1048576" in data
        return data

    _rezip(path, claim)
    started = time.monotonic()
    table = open_shipments(path)
    rows = list(table.rows)
    assert time.monotonic() - started < 5
    assert [cells for _, cells, _ in rows] == [["S1", "Taiyuan", "Moscow", "18"]]
    assert table.total is not None and table.total < 1000


def test_a_zip_bomb_of_shared_strings_is_refused_before_it_is_read(tmp_path) -> None:
    path = _shared(tmp_path / "s.xlsx")

    def bomb(name: str, data: bytes) -> bytes:
        if name == "xl/sharedStrings.xml":
            return data.replace(b"<t>Taiyuan</t>", b"<t>" + b"a" * (40 << 20) + b"</t>")
        return data

    _rezip(path, bomb)
    assert path.stat().st_size < 200_000
    with pytest.raises(BatchFileError, match="expands .* times"):
        open_shipments(path)


_DOCTYPES = {
    "xxe": b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    "laughs": b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    b'<!ENTITY f "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">'
    b'<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY e "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>',
}


@pytest.mark.parametrize("kind", ["xxe", "laughs", "corrupt", "truncated"])
@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"])
def test_corrupt_xxe_and_billion_laughs_workbooks_are_one_clear_line(
    capsys, mini_plan, tmp_path, kind, part
) -> None:
    path = _shared(tmp_path / "x.xlsx")

    def spoil(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        if kind == "corrupt":
            return data[: len(data) // 2] + b"<<<"
        if kind == "truncated":
            return data[:40]
        data = data.replace(b"Taiyuan", b"&e;").replace(b"<v>4</v>", b"<v>&e;</v>")
        return _DOCTYPES[kind] + data

    _rezip(path, spoil)
    code, out, err = run(capsys, "batch", str(path), "--lang", "en")
    assert code in (0, 2), err
    if code == 2:
        assert "cannot be read as .xlsx" in one_line(err) and "internal error" not in err
    assert "root:" not in out and "aaaaaaaaaaaaaaaaaaaa" not in out  # no entity expanded


def test_encrypted_xlsx_and_ods_are_named_as_what_they_are(capsys, tmp_path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le")
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(ole + bytes(600))
    with pytest.raises(BatchFileError, match="password-protected"):
        open_shipments(encrypted)
    ods = tmp_path / "book.ods"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(BatchFileError, match=r"OpenDocument spreadsheet \(\.ods\)"):
        open_shipments(ods)


def test_workbook_limits_are_named(monkeypatch, tmp_path) -> None:
    path = _shared(tmp_path / "l.xlsx")
    monkeypatch.setattr(workbook, "MAX_SHARED_STRINGS_BYTES", 10)
    with pytest.raises(BatchFileError, match="sharedStrings.xml holds .* bytes, over 10"):
        open_shipments(path)
