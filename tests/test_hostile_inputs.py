"""Hostile inputs (issue 23): inputs that are not files (a FIFO, a pipe, a device) read with a
time and a size limit; Big5 told from GB18030; a row that does not decode is an error row;
a NUL byte treated the same wherever it is; a file of blank lines; a 60,000-column header read
in linear time."""

from __future__ import annotations

import csv
import io
import os
import threading
import time
from pathlib import Path

import pytest
from cli_kit import one_line, recording_planner, run

from planner.io import streams
from planner.io.batch import plan_batch
from planner.io.encodings import sniff
from planner.io.shipments import BatchFileError, open_shipments, read_shipments

HEADER = "shipment_id,origin,destination\n"


@pytest.fixture
def mini_plan(monkeypatch, mini_network):
    return recording_planner(monkeypatch, mini_network)


@pytest.fixture
def quick(monkeypatch):
    monkeypatch.setattr(streams, "WAIT_SECONDS", 0.3)
    monkeypatch.setattr(streams, "MAX_BYTES", 1 << 20)


def _rows(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))


def test_a_pipe_is_read_once_and_whole(capsys, mini_plan) -> None:
    read, write = os.pipe()  # what `batch <(cat f.csv)` gives: /dev/fd/N
    os.write(write, (HEADER + "S1,Taiyuan,Moscow\nS2,太原,Moscow\n").encode())
    os.close(write)
    try:
        code, out, err = run(capsys, "batch", f"/dev/fd/{read}", "--lang", "en")
    finally:
        os.close(read)
    assert code == 0, err
    assert [r["status"] for r in _rows(out)] == ["ok", "ok"]


def test_a_fifo_written_later_is_waited_for(tmp_path, quick) -> None:
    fifo = tmp_path / "in.csv"
    os.mkfifo(fifo)

    def writer() -> None:
        time.sleep(0.1)
        with open(fifo, "w") as handle:
            handle.write(HEADER + "S1,Taiyuan,Moscow\n")

    thread = threading.Thread(target=writer)
    thread.start()
    columns, rows, _ = read_shipments(fifo)
    thread.join()
    assert columns[:3] == ["shipment_id", "origin", "destination"] and len(rows) == 1


@pytest.mark.parametrize("kind", ["fifo", "zero", "null"])
def test_inputs_that_never_end_or_never_come_are_refused(capsys, tmp_path, quick, kind) -> None:
    path = {"zero": Path("/dev/zero"), "null": Path("/dev/null")}.get(kind)
    if path is None:
        path = tmp_path / "in.csv"
        os.mkfifo(path)
    started = time.monotonic()
    code, _, err = run(capsys, "batch", str(path), "--lang", "en")
    assert code == 2 and "is not a file" in one_line(err)
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("lines", ["\n\n\n", "  \n\t\n \n", ",,,\n,,,\n", "\ufeff\r\n \r\n"])
def test_a_file_of_blank_lines_is_empty(tmp_path, lines) -> None:
    path = tmp_path / "blank.csv"
    path.write_text(lines, encoding="utf-8")
    with pytest.raises(BatchFileError, match="shipments file is empty"):
        open_shipments(path)


def test_big5_is_told_from_gb18030_and_named(capsys, mini_plan, tmp_path) -> None:
    text = HEADER + "S1,Taiyuan,貝拉里\nS2,Taiyuan,臺北\n"
    assert sniff(text.encode("big5")).label == "Big5"
    assert sniff(text.encode("gb18030")).label == "GB18030"
    assert sniff("S1,太原,邯郸\n".encode("gbk")).label == "GB18030"
    path = tmp_path / "big5.csv"
    path.write_bytes(text.encode("big5"))
    code, out, err = run(capsys, "batch", str(path), "--lang", "en")
    assert code == 0 and "read as Big5" in err
    assert [r["destination"] for r in _rows(out)] == ["貝拉里", "臺北"]


def test_a_row_that_does_not_decode_is_an_error_row_not_a_guess(tmp_path) -> None:
    path = tmp_path / "bad.csv"  # the bad bytes past the sample the encoding is told from
    good = "".join(f"S{i},太原,Moscow\n" for i in range(60_000)).encode()
    bad = b"S-bad,Taiyuan,Mos\xff\xfecow\nS-last,Taiyuan,Moscow\n"
    path.write_bytes(HEADER.encode() + good + bad)
    _, rows, problems = read_shipments(path)
    assert len(rows) == 60_002 and problems[-1] is None
    assert "not text in the file's encoding" in problems[-2]
    assert sum(p is not None for p in problems) == 1


@pytest.mark.parametrize("where", ["first", "later"])
def test_a_nul_byte_is_its_rows_error_wherever_it_is(mini_plan, tmp_path, where) -> None:
    rows = ["S1,Taiyuan,Moscow", "S2,Taiyuan,Moscow"]
    rows[0 if where == "first" else 1] = rows[0 if where == "first" else 1] + "\x00"
    path = tmp_path / "nul.csv"
    path.write_bytes((HEADER + "\n".join(rows) + "\n").encode())
    frame = plan_batch(path, planner=mini_plan)
    bad = 0 if where == "first" else 1
    assert frame["status"][bad] == "error" and frame["status"][1 - bad] == "ok"
    assert not any("\x00" in str(v) for v in frame.to_numpy().ravel())


def test_a_60000_column_header_is_read_in_linear_time(tmp_path) -> None:
    path = tmp_path / "wide.csv"
    names = ["shipment_id", "origin", "destination"] + ["x"] * 60_000  # all named alike
    path.write_text(",".join(names) + "\nS1,Taiyuan,Moscow\n")
    started = time.monotonic()
    table = open_shipments(path)
    assert len(table.columns) == 60_003 and table.columns[-1] == "x_60000"
    assert time.monotonic() - started < 5
