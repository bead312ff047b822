"""The command line's batch command: every row kept, encodings, workbooks, cells that look like
formulas, files that are not tables, and writes that fail leaving the earlier file."""

from __future__ import annotations

import csv
import io
import json

import pytest
from cli_kit import CLI_DATA, ROUTE, one_line, recording_planner, run, written

from planner.cli import main as cli
from planner.model.query import Query


@pytest.fixture
def mini_plan(monkeypatch, mini_network):
    """The CLI plans with the real planner of the mini network (:mod:`cli_kit`)."""
    return recording_planner(monkeypatch, mini_network)


def test_batch_to_file_keeps_every_row(capsys, mini_plan, tmp_path) -> None:
    target = tmp_path / "routes.csv"
    code, out, err = run(capsys, "batch", str(CLI_DATA / "shipments.csv"), "-o", str(target))
    assert code == 0, err
    assert "planned 2 of 7 shipment(s); 5 error row(s)" in err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["shipment_id"] for r in rows] == ["A1", "A2", "A3", "A4", "A5", "A6", "A7"]
    assert [r["status"] for r in rows] == ["ok", "ok", "error", "error", "error", "error", "error"]
    assert rows[1]["origin"] == "太原"
    assert "did you mean: Moscow" in rows[2]["error"]
    assert rows[3]["error"].startswith("row 4: weight (t) must be a number")
    assert rows[4]["error"] == "row 5: origin is empty"
    assert rows[5]["error"] == "row 6: has 3 fields, the header has 7"
    assert rows[6]["error"].startswith("row 7: no route from Datong to Moscow")
    query = Query("Taiyuan", "Moscow", cargo="general", weight_t=18, volume_m3=60)
    best = mini_plan.plan(query, method="library")[0]
    assert float(rows[0]["cost_usd"]) == round(best.cost_usd, 2)


def test_batch_workers_one_plans_here_and_a_bad_count_is_named(capsys, mini_plan) -> None:
    default = run(capsys, "batch", str(CLI_DATA / "shipments.csv"))[:2]
    assert default[0] == 0
    assert default == run(capsys, "batch", str(CLI_DATA / "shipments.csv"), "--workers", "1")[:2]
    code, _, err = run(capsys, "batch", str(CLI_DATA / "shipments.csv"), "--workers", "none")
    assert code == 2 and "--workers" in err and len(err.strip().splitlines()) == 1


def test_batch_to_stdout(capsys, mini_plan) -> None:
    code, out, _ = run(capsys, "batch", str(CLI_DATA / "shipments.csv"))
    assert code == 0
    assert out.startswith("\ufeffshipment_id,origin,destination,")
    assert len(list(csv.reader(io.StringIO(out[1:])))) == 8


def test_batch_gbk_file_is_read_as_gb18030_and_says_so(capsys, mini_plan, tmp_path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("shipment_id,origin,destination\nS1,太原,Moscow\n".encode("gbk"))
    code, out, err = run(capsys, "batch", str(path))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows[0]["origin"] == "太原" and rows[0]["status"] == "ok"
    assert "planned 1 of 1 shipment(s); 0 error row(s); read as GB18030" in err


def test_batch_writes_xlsx_with_chinese_headers_and_no_formula(capsys, mini_plan, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "routes.xlsx"
    code, _, err = run(
        capsys, "--lang", "zh", "batch", str(CLI_DATA / "shipments.csv"), "-o", str(target)
    )
    assert code == 0, err
    assert f"已将 7 行写入 {target}" in err and "已规划 2/7 票货物；5 行出错" in err
    sheet = load_workbook(target).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert header[:3] == ["货物编号", "起点", "目的地"] and header[-2:] == ["状态", "错误"]
    assert len(rows) == 8 and rows[2][1] == "太原" and rows[1][-2] == "成功"
    assert rows[5][-1] == "第 5 行：起点为空"


def test_batch_cells_that_look_like_formulas_stay_text(capsys, mini_plan, tmp_path) -> None:
    """CSV injection: a cell starting with = + - @ is quoted in CSV and text in a workbook."""
    from openpyxl import load_workbook

    path = written(
        tmp_path / "s.csv",
        b"shipment_id,origin,destination\n=1+2,Taiyuan,Moscow\n@SUM(A1),Taiyuan,Moscow\n",
    )
    code, out, err = run(capsys, "batch", str(path))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert [r["shipment_id"] for r in rows] == ["'=1+2", "'@SUM(A1)"]
    target = tmp_path / "routes.xlsx"
    assert run(capsys, "batch", str(path), "-o", str(target))[0] == 0
    sheet = load_workbook(target).worksheets[0]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["=1+2", "@SUM(A1)"]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row), "never a formula"


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: d, "is a directory, not a shipments file"),
        (lambda d: written(d / "a.csv", b"\x89PNG\r\n\x1a\n" + bytes(64)), "is a PNG image"),
        (lambda d: written(d / "a.csv", bytes(range(256))), "is a binary file, not a table"),
    ],
    ids=["directory", "png", "binary"],
)
def test_batch_of_what_is_not_a_table_is_one_line(capsys, mini_plan, tmp_path, make, expected):
    code, out, err = run(capsys, "batch", str(make(tmp_path)))
    assert code == 2 and out == "" and expected in one_line(err)


def test_batch_with_a_huge_weight_is_an_error_row_without_traceback(capsys, mini_plan, tmp_path):
    path = written(
        tmp_path / "s.csv",
        b"shipment_id,origin,destination,weight_t\nA,Taiyuan,Moscow,1e308\nB,Taiyuan,Moscow,1\n",
    )
    code, out, err = run(capsys, "batch", str(path))
    assert code == 0 and "Traceback" not in err
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert [r["status"] for r in rows] == ["error", "ok"]
    assert rows[0]["error"] == "row 1: weight (t) must be at most 500000, got '1e308'"


def test_a_failed_write_leaves_the_earlier_file(capsys, mini_plan, tmp_path, monkeypatch) -> None:
    """Disk full part-way: the file at the path is the earlier one, no temporary file left."""
    from planner.io import batch, export

    written = 0

    def full(frame, *, header):
        nonlocal written
        written += 1
        if written == 2:
            raise OSError(28, "No space left on device")
        return original(frame, header=header)

    original = export._csv_text
    monkeypatch.setattr(export, "_csv_text", full)
    monkeypatch.setattr(batch, "CHUNK_ROWS", 2)
    for argv in (
        ("batch", str(CLI_DATA / "shipments.csv")),
        (*ROUTE, "--format", "csv"),
    ):
        target = tmp_path / "out.csv"
        target.write_text("earlier\n", encoding="utf-8")
        written = 0
        if argv[0] == "route":
            written = 1  # a route's table is one chunk: its first write fails
        code, _, err = run(capsys, *argv, "-o", str(target))
        assert code == 2 and "No space left on device" in one_line(err)
        assert target.read_text(encoding="utf-8") == "earlier\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_failed_xlsx_and_text_writes_leave_the_earlier_file(tmp_path, monkeypatch) -> None:
    from planner.io import export, workbook

    target = tmp_path / "out.xlsx"
    target.write_bytes(b"earlier")

    def broken(frames, handle, *, header=None, title=""):  # a path: written to a handle
        handle.write(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workbook, "write", broken)
    with pytest.raises(OSError):
        export.write_table_chunks([], target, header=["a"], excel=True)
    with pytest.raises(ZeroDivisionError), export.atomic_text(tmp_path / "out.json") as out:
        out.write("{")
        raise ZeroDivisionError
    assert target.read_bytes() == b"earlier" and sorted(tmp_path.iterdir()) == [target]


def test_real_batch_and_geojson(capsys, real_network, tmp_path) -> None:
    target = tmp_path / "routes.csv"
    assert cli.main(["batch", str(CLI_DATA / "shipments.csv"), "-o", str(target)]) == 0
    capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 7
    assert rows[0]["status"] == "ok" and float(rows[0]["cost_usd"]) > 0
    assert rows[1]["status"] == "ok"  # 太原 → Ulan Bator
    assert "did you mean: Moscow" in rows[2]["error"]
    code = cli.main(
        [
            "route",
            "--from",
            "Lvliang",
            "--to",
            "Los Angeles",
            "--format",
            "geojson",
            "--alternatives",
            "2",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    collection = json.loads(out)
    legs = [f for f in collection["features"] if f["properties"]["feature"] == "leg"]
    assert legs and {f["properties"]["rank"] for f in legs} <= {1, 2}
    path = tmp_path / "routes.geojson"
    path.write_text(out, encoding="utf-8")
    import geopandas as gpd

    frame = gpd.read_file(path)
    assert len(frame) == len(collection["features"])
    bounds = frame.total_bounds
    assert -180 <= bounds[0] <= bounds[2] <= 180 and -90 <= bounds[1] <= bounds[3] <= 90
