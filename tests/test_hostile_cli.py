"""Hostile command lines (issue 23): values argparse took for options, an --avoid of the route's
own end, a workbook name for JSON, a worker count past the CPUs, a console that is not UTF-8
and a disk that fills up: each one clear line, never a traceback or a wrong answer."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from cli_kit import CLI_DATA, MINI, ROOT, ROUTE, one_line, recording_planner, run

from planner.io.workers import cpu_count, worker_count
from planner.model.errors import InvalidQueryError
from planner.model.query import Query


@pytest.fixture
def mini_plan(monkeypatch, mini_network):
    return recording_planner(monkeypatch, mini_network)


@pytest.mark.parametrize("value", ["-1e400", "-1e5", "-inf", "-2.5E+3"])
def test_a_negative_number_in_any_notation_is_a_value(capsys, mini_plan, value) -> None:
    code, _, err = run(capsys, *ROUTE, "--weight-t", value, "--lang", "en")
    assert code == 2 and "--weight-t: weight (t) must be a positive finite number" in one_line(err)


def test_avoiding_the_destination_itself_is_said_plainly(capsys, mini_plan) -> None:
    code, _, err = run(capsys, *ROUTE, "--avoid", "moscow", "--lang", "en")
    assert code == 2
    assert "--avoid: 'moscow' is where the route starts or ends (Moscow)" in one_line(err)
    code, _, err = run(capsys, *ROUTE, "--avoid", "Taiyuan", "--lang", "zh")
    assert code == 2 and "起点或终点" in one_line(err)
    with pytest.raises(InvalidQueryError) as info:  # the library says it too
        mini_plan.plan(Query("Taiyuan", "Moscow", closures=("moscow",)))
    assert info.value.field == "closures"


def test_the_same_origin_and_destination_is_not_an_avoid_error(capsys, mini_plan) -> None:
    code, _, err = run(capsys, "route", "--from", "Taiyuan", "--to", "taiyuan", "--lang", "en")
    assert code == 2 and one_line(err).startswith("python -m planner: error: --to: origin and")
    assert "--avoid" not in err


@pytest.mark.parametrize("fmt", ["json", "table", "geojson"])
def test_text_formats_are_not_written_into_a_workbook_name(capsys, mini_plan, tmp_path, fmt):
    target = tmp_path / "out.xlsx"
    code, _, err = run(capsys, *ROUTE, "--format", fmt, "-o", str(target), "--lang", "en")
    assert code == 2 and f"--format {fmt}: {fmt} is not a workbook" in one_line(err)
    assert not target.exists() and mini_plan.calls == []
    assert run(capsys, *ROUTE, "--format", "csv", "-o", str(target))[0] == 0
    assert target.read_bytes().startswith(b"PK")


def test_workers_are_capped_at_the_cpus() -> None:
    cpus = cpu_count()
    assert worker_count(10**9, 10**6) == cpus
    assert worker_count(0, 10**6) == cpus
    assert worker_count(2, 1) == 1 and worker_count(1, 10**6) == 1


def _cli(*argv: str, env: dict[str, str] | None = None, prelude: str = ""):
    script = textwrap.dedent(prelude) + "\nfrom planner.cli.main import main\nsys.exit(main())"
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", "import sys\n" + script, "--data-dir", str(MINI), *argv],
        env=environ,
        capture_output=True,
        timeout=300,
    )


def test_a_gbk_console_gets_utf8_csv_with_its_bom() -> None:
    done = _cli(
        "batch", str(CLI_DATA / "shipments.csv"), "--lang", "zh", env={"PYTHONIOENCODING": "gbk"}
    )
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    assert done.stdout.startswith("\ufeff货物编号".encode()), done.stdout[:40]
    assert "规划".encode("gbk") in done.stderr
    done = _cli(*ROUTE, "--format", "csv", "--lang", "zh", env={"PYTHONIOENCODING": "gbk"})
    assert done.returncode == 0 and done.stdout.startswith(b"\xef\xbb\xbf")


_FULL_DISK = """
import resource, signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a file past the limit fails as a full disk does
resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))
"""


@pytest.mark.parametrize("name", ["out.xlsx", "out.csv"])
def test_a_full_disk_is_one_line_and_leaves_nothing(tmp_path, name) -> None:
    book = tmp_path / "book.csv"
    rows = ["shipment_id,origin,destination"] + [f"S{i},Taiyuan,Moscow" for i in range(3000)]
    book.write_text("\n".join(rows) + "\n")
    target = tmp_path / name
    done = _cli("batch", str(book), "-o", str(target), "--lang", "en", prelude=_FULL_DISK)
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err and "Exception ignored" not in err
    assert f"cannot write {target}: File too large" in err.splitlines()[-1]
    assert sorted(tmp_path.iterdir()) == [book]
