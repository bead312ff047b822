"""Hostile outputs (issue 23): an output that is the input, a link, a FIFO, a device or
read-only is refused and nothing is touched; outputs keep the user's umask; an interrupted or
killed write leaves nothing behind; headers that cannot be written are refused before a row."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from cli_kit import CLI_DATA, ROOT, one_line, recording_planner, run

from planner.io.batch import write_batch
from planner.io.outputs import OutputRefused

BOOK = (CLI_DATA / "shipments.csv").read_bytes()


@pytest.fixture
def mini_plan(monkeypatch, mini_network):
    return recording_planner(monkeypatch, mini_network)


@pytest.fixture
def book(tmp_path) -> Path:
    path = tmp_path / "book.csv"
    path.write_bytes(BOOK)
    return path


def _refused(capsys, source: Path, output: Path, expected: str) -> None:
    before = {p: (p.read_bytes() if p.is_file() else None) for p in source.parent.iterdir()}
    code, out, err = run(capsys, "batch", str(source), "-o", str(output), "--lang", "en")
    assert code == 2 and out == "" and expected in one_line(err), err
    after = {p: (p.read_bytes() if p.is_file() else None) for p in source.parent.iterdir()}
    assert after == before  # nothing touched, nothing left


def test_the_input_as_output_is_refused(capsys, mini_plan, book) -> None:
    _refused(capsys, book, book, "is the input file")
    link = book.with_name("link.csv")
    link.symlink_to(book)
    _refused(capsys, book, link, "is the input file")
    hard = book.with_name("hard.csv")
    os.link(book, hard)
    _refused(capsys, book, hard, "is the input file")
    with pytest.raises(OutputRefused):  # the library refuses too
        write_batch(book, book, planner=mini_plan)
    assert book.read_bytes() == BOOK


def test_links_fifos_devices_and_read_only_outputs_are_refused(capsys, mini_plan, book) -> None:
    other = book.with_name("other.csv")
    other.write_text("mine")
    link = book.with_name("link.csv")
    link.symlink_to(other)
    _refused(capsys, book, link, "is a symbolic link")
    assert link.is_symlink() and other.read_text() == "mine"
    hard = book.with_name("hard.csv")
    os.link(other, hard)
    _refused(capsys, book, hard, "hard link")
    os.unlink(hard)
    fifo = book.with_name("fifo.csv")
    os.mkfifo(fifo)
    _refused(capsys, book, fifo, "is a FIFO")
    fifo.unlink()
    code, _, err = run(capsys, "batch", str(book), "-o", "/dev/null")
    assert code == 2 and "is a device" in one_line(err)
    other.chmod(0o444)
    _refused(capsys, book, other, "is read-only")
    assert other.read_text() == "mine"


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_outputs_keep_the_users_umask(capsys, mini_plan, book, mask) -> None:
    before = os.umask(mask)
    try:
        for name in ("out.csv", "out.xlsx"):
            target = book.with_name(name)
            assert run(capsys, "batch", str(book), "-o", str(target))[0] == 0
            assert target.stat().st_mode & 0o777 == 0o666 & ~mask
        target.chmod(0o640)  # a file replaced keeps its permissions
        assert run(capsys, "batch", str(book), "-o", str(target))[0] == 0
        assert target.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(before)


_WRITER = """
import os, signal, sys
import pandas as pd
from planner.cli.common import stopped_by_signals
from planner.io.export import write_table_chunks

def frames():
    for _ in range(3):
        yield pd.DataFrame({{"a": ["x" * 100] * 20000}})
    os.kill(os.getpid(), signal.{signal})
    yield pd.DataFrame({{"a": ["y"]}})

try:
    with stopped_by_signals():
        write_table_chunks(frames(), sys.argv[1], excel=sys.argv[1].endswith(".xlsx"))
except KeyboardInterrupt as exc:
    sys.exit(128 + getattr(exc, "signum", 2))
"""


@pytest.mark.parametrize("signal", ["SIGTERM", "SIGHUP", "SIGINT", "SIGKILL"])
@pytest.mark.parametrize("name", ["out.csv", "out.xlsx"])
def test_a_write_stopped_by_a_signal_leaves_nothing_behind(tmp_path, signal, name) -> None:
    folder, scratch = tmp_path / "out", tmp_path / "tmp"
    folder.mkdir()
    scratch.mkdir()
    target = folder / name
    target.write_text("earlier")
    script = textwrap.dedent(_WRITER.format(signal=signal))
    env = {**os.environ, "TMPDIR": str(scratch), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(target)], env=env, capture_output=True, timeout=120
    )
    assert done.returncode in (-9, 128 + 9, 128 + 15, 128 + 1, 128 + 2, 130), done.stderr
    assert "Traceback" not in done.stderr.decode(), done.stderr
    assert sorted(folder.iterdir()) == [target] and target.read_text() == "earlier"
    assert list(scratch.iterdir()) == []  # openpyxl's rows too


def test_a_chinese_status_column_is_not_a_second_status(capsys, mini_plan, tmp_path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("shipment_id,origin,destination,状态\nS1,Taiyuan,Moscow,待发\n")
    code, out, err = run(capsys, "batch", str(source), "--lang", "zh")
    assert code == 0, err
    header = next(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert len(header) == len(set(header)) and header.count("状态") == 1
    row = next(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert row["状态"] == "成功" or row["状态"] != "待发"
    assert "待发" in row.values()


@pytest.mark.parametrize("columns", [16_400, 18_300])
def test_a_table_wider_than_a_worksheet_is_refused_before_a_row(
    capsys, mini_plan, tmp_path, columns
) -> None:
    source = tmp_path / "wide.csv"
    extra = [f"c{i}" for i in range(columns)]
    source.write_text(",".join(["shipment_id", "origin", "destination", *extra]) + "\n")
    target = tmp_path / "out.xlsx"
    code, _, err = run(capsys, "batch", str(source), "-o", str(target), "--lang", "en")
    assert code == 2 and "more than the 16,384 an .xlsx worksheet holds" in one_line(err)
    assert not target.exists()
    wide = pd.DataFrame({c: [1] for c in extra})
    from planner.io.export import xlsx_bytes
    from planner.io.workbook import TooWide

    with pytest.raises(TooWide):
        xlsx_bytes(wide)
