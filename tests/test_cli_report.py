"""The officials' commands (planner.cli_report): ``scenario`` (``map`` is in test_mapdraw)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from planner.cli import main as cli

ROOT = Path(__file__).resolve().parent.parent


def one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


PLANNER_DATA = ROOT / "tests" / "data" / "planner"


def test_scenario_json_and_table(capsys, tmp_path):
    argv = ["--data-dir", str(PLANNER_DATA), "scenario", "--close", "land_a", "land_b"]
    argv += ["--from", "beta", "--modes", "rail,road,sea", "--weight-t", "4"]
    assert cli.main([*argv, "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["assumptions"]["weight_t"] == 4.0
    assert report["assumptions"]["modes"] == ["rail", "road", "sea"]
    statuses = {d["id"]: d["status"] for d in report["destinations"]}
    assert statuses["omega"] == "unreachable"
    assert cli.main([*argv, "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("假定货物：普通货物，4 吨") and "中断 1 个" in out
    book = tmp_path / "book.csv"
    book.write_text("shipment_id,origin,destination\n1,beta,far\n2,beta,omega\n", encoding="utf-8")
    target = tmp_path / "s.csv"
    assert cli.main([*argv, "--shipments", str(book), "--format", "csv", "-o", str(target)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert {r["status"] for r in rows} >= {"unreachable"} and rows[0]["weight_t"] == "4.0"


@pytest.mark.parametrize(
    ("extra", "names"),
    [
        (["--close", "no_such_thing"], "--close"),
        (["--close", "land_a", "--weight-t", "-3"], "--weight-t"),
        (["--close", "land_a", "--modes", "teleport"], "--modes"),
        (["--close", "land_a", "--shipments", "/no/such/book.csv"], "book.csv"),
    ],
)
def test_scenario_bad_input_is_one_line(capsys, extra, names):
    code = cli.main(["--data-dir", str(PLANNER_DATA), "scenario", "--from", "beta", *extra])
    err = capsys.readouterr().err
    assert code == 2 and names in one_line(err)
