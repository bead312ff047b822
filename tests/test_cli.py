"""The command line: exit codes, one-line errors, output formats (mostly via ``cli.main``)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from planner.cli import common
from planner.cli import main as cli
from planner.core.planner import Planner
from planner.model.query import Query
from planner.model.records import RouteOption, Shipment

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini"
CLI_DATA = ROOT / "tests" / "data" / "cli"


class RecordingPlanner(Planner):
    """The real planner, noting every query the CLI asks it to plan (resolved) in ``calls``."""

    def __init__(self, network) -> None:
        super().__init__(network)
        self.calls: list[Query] = []

    def plan(self, query: Query, *, method: str = "exact") -> list[RouteOption]:
        self.calls.append(self.resolve(query))
        return super().plan(query, method=method)


@pytest.fixture
def mini_plan(monkeypatch, mini_network) -> RecordingPlanner:
    """The CLI plans with the real planner of the mini network (on it, Datong reaches no foreign
    place: no route)."""
    planner = RecordingPlanner(mini_network)
    monkeypatch.setattr(common, "planner_of", lambda args: planner)
    return planner


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(MINI), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


ROUTE = ("route", "--from", "Taiyuan", "--to", "Moscow")


def test_help_is_exit_0_and_states_the_shipment_defaults(capsys) -> None:
    assert cli.main(["--help"]) == 0
    assert cli.main(["route", "--help"]) == 0
    out = capsys.readouterr().out
    defaults = {f.name: f.default for f in fields(Shipment)}
    assert f"(default: {defaults['weight_t']:g})" in out
    assert f"(default: {defaults['volume_m3']:g})" in out
    assert f"(default: {defaults['cargo'].value})" in out


def test_route_table(capsys, mini_plan) -> None:
    code, out, err = run(capsys, *ROUTE, "--weight-t", "18", "--volume-m3", "60")
    assert code == 0, err
    assert "Taiyuan 太原 → Moscow 莫斯科" in out
    assert "Erenhot 二连浩特 → Chita 赤塔" in out
    assert "Manzhouli 满洲里 → Zabaykalsk 后贝加尔斯克" in out
    call = mini_plan.calls[0]
    assert call.origin.id == "taiyuan" and call.destination.id == "moscow"
    assert call.shipment == Shipment(weight_t=18, volume_m3=60)
    best = mini_plan.plan(call)[0]
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("#"))
    first = lines[header + 2]
    assert first.split()[:2] == ["1", f"{best.transit_days:.1f}"]
    assert f"{best.cost_usd:,.0f}" in first and f"{best.cost_cny:,.0f}" in first
    assert f"{best.co2e_kg:,.0f}" in first and " * " in first
    assert "For every option:\n  - no scheduled rail service known" in out


def test_route_json_shape(capsys, mini_plan) -> None:
    code, out, _ = run(
        capsys,
        *ROUTE,
        "--format",
        "json",
        "--priority",
        "FASTEST",
        "--alternatives",
        "1",
        "--avoid",
        "manzhouli",
        "zabaykalsk",
        "--cargo",
        "perishable",
    )
    assert code == 0
    payload = json.loads(out)
    # issue 9: what holds for every option is said once, with the parameters it cites
    assert set(payload) == {"query", "notes", "parameters", "options"}
    query = payload["query"]
    assert query["origin"]["id"] == "taiyuan" and query["destination"]["name_zh"] == "莫斯科"
    assert query["priority"] == "fastest" and query["cargo"] == "perishable"
    assert query["avoid"] == ["manzhouli", "zabaykalsk"]
    assert len(payload["options"]) == 1
    option = payload["options"][0]
    # DESIGN.md's contract: the fields every option has
    contract = (
        "rank label modes exit_port entry_port transit_days cost_usd cost_cny co2e_kg "
        "distance_km transfers border_crossings pareto_optimal warnings legs"
    )
    assert set(contract.split()) <= set(option)
    assert option["exit_port"] == {"id": "erenhot", "name_en": "Erenhot", "name_zh": "二连浩特"}
    # one option: its notes hold for every option of the answer, said once at the top
    assert any("perishable cargo keeps" in n for n in payload["notes"])
    assert option["warnings"] == []
    assert set(option["legs"][0]) >= {
        "from",
        "to",
        "mode",
        "corridor",
        "distance_km",
        "hours",
        "cost_usd",
        "co2e_kg",
    }
    assert mini_plan.calls[0].closures == ("manzhouli", "zabaykalsk")
    assert mini_plan.calls[0].priority.value == "fastest"


def test_route_csv_to_file_has_bom(capsys, mini_plan, tmp_path) -> None:
    target = tmp_path / "options.csv"
    code, out, err = run(capsys, *ROUTE, "--format", "csv", "-o", str(target))
    assert code == 0 and out == ""
    assert "wrote 2 option(s)" in err
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["rank"] for r in rows] == ["1", "2"]
    assert rows[0]["exit_port_name_zh"] == "二连浩特"
    assert rows[1]["entry_port_id"] == "zabaykalsk"


def test_route_csv_to_stdout(capsys, mini_plan) -> None:
    code, out, _ = run(capsys, *ROUTE, "--format", "csv")
    assert code == 0 and out.startswith("\ufeffrank,label,haul,modes,")


def test_route_geojson(capsys, mini_plan, tmp_path) -> None:
    code, out, _ = run(capsys, *ROUTE, "--format", "geojson")
    assert code == 0
    collection = json.loads(out)
    assert collection["type"] == "FeatureCollection"
    kinds = [f["properties"]["feature"] for f in collection["features"]]
    legs = sum(len(option.legs) for option in mini_plan.plan(mini_plan.calls[0]))
    assert kinds.count("leg") == legs and "exit_port" in kinds and "entry_port" in kinds


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("route", "--from", "Taiyuan", "--to", "Mosco"), "--to: unknown place 'Mosco'; did you"),
        (("route", "--from", "Taiyuna", "--to", "Moscow"), "--from: unknown place 'Taiyuna'"),
        ((*ROUTE, "--weight-t", "heavy"), "--weight-t: weight_t must be a number"),
        ((*ROUTE, "--weight-t", "-3"), "--weight-t: weight_t must be a positive"),
        ((*ROUTE, "--volume-m3", "nan"), "--volume-m3: volume_m3 must be a positive"),
        ((*ROUTE, "--cargo", "plutonium"), "general, electronics, perishable, bulk, dangerous"),
        ((*ROUTE, "--priority", "slowest"), "balanced, fastest, cheapest, greenest"),
        ((*ROUTE, "--alternatives", "zero"), "--alternatives: must be a whole number"),
        ((*ROUTE, "--format", "xml"), "choose from 'table', 'json', 'csv', 'geojson'"),
        (("route", "--from", "Taiyuan"), "required: --to"),
        (("teleport",), "invalid choice: 'teleport'"),
        ((), "required"),
        (("batch", str(CLI_DATA / "missing.csv")), "shipments file not found"),
        (("batch", str(CLI_DATA / "shipments_bad_header.csv")), "lacks required column"),
        # empty and huge options are refused alike
        ((*ROUTE, "--cargo", ""), "--cargo: unknown cargo class ''; choose one of:"),
        ((*ROUTE, "--priority", ""), "--priority: unknown priority ''; choose one of:"),
        ((*ROUTE, "--modes", ""), "--modes: modes is empty"),
        ((*ROUTE, "--weight-t", ""), "--weight-t: weight_t must be a number, got ''"),
        ((*ROUTE, "--weight-t", "1e306"), "--weight-t: weight_t must be at most 500000"),
        ((*ROUTE, "--volume-m3", "1e308"), "--volume-m3: volume_m3 must be at most 1e+06"),
    ],
)
def test_bad_input_is_exit_2_with_one_line(capsys, mini_plan, argv, expected) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert expected in one_line(err)
    assert err.startswith("python -m planner: error: ")
    assert out == ""


def test_unknown_avoid_entry_is_named(capsys, monkeypatch) -> None:
    code, _, err = run(capsys, *ROUTE, "--avoid", "erenhott")
    assert code == 2
    assert "--avoid: unknown place 'erenhott'; did you mean: erenhot" in one_line(err)


def test_no_route_is_exit_1_with_the_reason(capsys, mini_plan) -> None:
    code, _, err = run(capsys, "route", "--from", "Datong", "--to", "Moscow")
    assert code == 1
    assert "no route: no route from Datong to Moscow" in one_line(err)


def test_ctrl_c_is_one_line_and_exit_130(capsys, mini_plan, monkeypatch) -> None:
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(mini_plan, "plan", interrupted)
    assert cli.main(["route", "--from", "Taiyuan", "--to", "Moscow", "--lang", "zh"]) == 130
    assert capsys.readouterr().err == "python -m planner: 已中断\n"


def test_unwritable_output_is_one_line(capsys, mini_plan, tmp_path) -> None:
    code, _, err = run(capsys, *ROUTE, "-o", str(tmp_path / "no" / "such" / "dir.txt"))
    assert code == 2 and "cannot write" in one_line(err)


def test_broken_data_dir_is_one_line_with_its_own_exit_code(capsys, tmp_path) -> None:
    code = cli.main(["--data-dir", str(tmp_path), "places"])
    err = capsys.readouterr().err
    assert code == common.EXIT_BROKEN_DATA == 3 and "network data is broken" in one_line(err)


def test_places(capsys) -> None:
    code, out, _ = run(capsys, "places")
    assert code == 0
    assert "Lüliang" in out and "Luliang; Lvliang" in out and "吕梁" in out
    code, out, _ = run(capsys, "places", "--format", "csv")
    assert code == 0 and out.startswith("\ufeffid,name_en,name_zh,kind,country,aliases")
    code, out, _ = run(capsys, "places", "--format", "json")
    assert {"id": "RU", "kind": "country"}.items() <= next(
        p for p in json.loads(out) if p["id"] == "RU"
    ).items()


def test_corridors(capsys) -> None:
    code, out, _ = run(capsys, "corridors")
    assert code == 0
    assert "land_erenhot" in out and "二连浩特陆路通道" in out
    code, out, _ = run(capsys, "corridors", "--format", "json")
    assert {c["id"] for c in json.loads(out)} >= {"land_erenhot", "railsea_tianjin"}


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
    assert rows[3]["error"].startswith("row 4: weight_t must be a number")
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


# --- through a real process (slow: a few only) ---------------------------------------------


def _python_m_planner(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "planner", "--data-dir", str(MINI), *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.mark.slow
def test_process_unknown_place_exit_2_one_line() -> None:
    done = _python_m_planner("route", "--from", "Taiyuan", "--to", "Mosco")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "python -m planner: error: --to: unknown place 'Mosco'; did you mean: Moscow?\n"
    )


@pytest.mark.slow
def test_process_places() -> None:
    done = _python_m_planner("places")
    assert done.returncode == 0 and "乌兰巴托" in done.stdout and done.stderr == ""


# --- the real route search on the shipped data ----------------------------------------------


@pytest.mark.slow
def test_process_real_route_json(real_network) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "planner",
            "route",
            "--from",
            "Taiyuan",
            "--to",
            "Moscow",
            "--format",
            "json",
            "--alternatives",
            "3",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["query"]["destination"]["id"] == "moscow"
    options = payload["options"]
    assert 1 <= len(options) <= 3
    assert [o["rank"] for o in options] == list(range(1, len(options) + 1))
    assert options[0]["pareto_optimal"] is True
    for option in options:
        assert option["exit_port"]["id"] in real_network.nodes.index
        assert option["legs"] and option["cost_usd"] > 0 and option["transit_days"] > 0


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


def test_help_names_every_choice_and_limit(capsys) -> None:
    from planner.model.query import MAX_WEIGHT_T
    from planner.model.records import Priority

    assert cli.main(["route", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "cargo_classes.csv" in out and all(p.value in out for p in Priority)
    assert f"at most {MAX_WEIGHT_T:,.0f}" in out


@pytest.mark.slow
def test_help_is_fast_to_import() -> None:
    """``--help`` loads neither the network nor geopandas."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from planner.cli import main as cli; cli.main(['--help']); "
            "print('geopandas' in sys.modules)",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip().endswith("False"), done.stdout


def test_lang_zh_writes_errors_in_chinese(capsys) -> None:
    code, _, err = run(capsys, "--lang", "zh", "route", "--from", "Taiyuan", "--to", "Mosco")
    assert code == 2 and "--to: 未知地点 'Mosco'" in one_line(err)


def test_default_lang_follows_the_locale() -> None:
    assert common.default_lang({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert common.default_lang({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN"}) == "en"
    assert common.default_lang({}) == "en"


def test_modes_leave_a_mode_out(capsys, mini_plan) -> None:
    code, _, err = run(capsys, *ROUTE, "--modes", "rail,road")
    assert code == 0, err
    assert {m.value for m in mini_plan.calls[0].modes} == {"rail", "road"}
    code, _, err = run(capsys, *ROUTE, "--modes", "rail,boat")
    assert code == 2 and "--modes: unknown mode 'boat'" in one_line(err)


# --- files in and out, languages, limits (issue 11) -------------------------------------------


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

    path = _written(
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


def test_lang_zh_translates_csv_headers(capsys, mini_plan) -> None:
    code, out, _ = run(capsys, "--lang", "zh", *ROUTE, "--format", "csv")
    assert code == 0 and out.startswith("\ufeff排名,方案,主运输方式,运输方式,出境口岸编号,")
    code, out, _ = run(capsys, "--lang", "zh", "batch", str(CLI_DATA / "shipments.csv"))
    assert out.startswith("\ufeff货物编号,起点,目的地,货物类别,")
    code, out, _ = run(capsys, "--lang", "zh", "places", "--format", "csv")
    assert out.startswith("\ufeff编号,英文名,中文名,类型,国家,别名,代码")
    code, out, _ = run(capsys, "--lang", "en", *ROUTE, "--format", "json")
    assert "transit_days" in json.loads(out)["options"][0], "JSON keys stay the contract's"
    code, out, _ = run(capsys, "--lang", "zh", *ROUTE, "--cargo", "perishable")
    head = out.splitlines()[0]
    assert code == 0 and "生鲜冷链货物" in head and "优先 均衡" in head, head


@pytest.mark.parametrize(
    "argv",
    [
        ("route", "--from", "Taiyuan", "--to", "x" * 100_000),
        (*ROUTE, "--alternatives", "9" * 100_000 + "x"),
        (*ROUTE, "--format", "x" * 100_000),
        (*ROUTE, "--avoid", "x" * 100_000),
        ("x" * 100_000,),
    ],
    ids=["place", "number", "choice", "avoid", "command"],
)
def test_a_huge_value_is_echoed_cut(capsys, argv) -> None:
    code, _, err = run(capsys, *argv)  # the real planner of the mini network
    assert code == 2 and len(one_line(err)) < 400 and "…" in err


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: d, "is a directory, not a shipments file"),
        (lambda d: _written(d / "a.csv", b"\x89PNG\r\n\x1a\n" + bytes(64)), "is a PNG image"),
        (lambda d: _written(d / "a.csv", bytes(range(256))), "is a binary file, not a table"),
    ],
    ids=["directory", "png", "binary"],
)
def test_batch_of_what_is_not_a_table_is_one_line(capsys, mini_plan, tmp_path, make, expected):
    code, out, err = run(capsys, "batch", str(make(tmp_path)))
    assert code == 2 and out == "" and expected in one_line(err)


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_batch_with_a_huge_weight_is_an_error_row_without_traceback(capsys, mini_plan, tmp_path):
    path = _written(
        tmp_path / "s.csv",
        b"shipment_id,origin,destination,weight_t\nA,Taiyuan,Moscow,1e308\nB,Taiyuan,Moscow,1\n",
    )
    code, out, err = run(capsys, "batch", str(path))
    assert code == 0 and "Traceback" not in err
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert [r["status"] for r in rows] == ["error", "ok"]
    assert rows[0]["error"] == "row 1: weight_t must be at most 500000, got '1e308'"


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

    def broken(frames, path, *, header=None):
        Path(path).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workbook, "write", broken)
    with pytest.raises(OSError):
        export.write_table_chunks([], target, header=["a"], excel=True)
    with pytest.raises(ZeroDivisionError), export.atomic_text(tmp_path / "out.json") as out:
        out.write("{")
        raise ZeroDivisionError
    assert target.read_bytes() == b"earlier" and sorted(tmp_path.iterdir()) == [target]


def test_broken_data_names_every_problem(capsys, mini_copy) -> None:
    directory = mini_copy()
    for name in ("links.geojson", "corridors.json"):
        (directory / name).write_text("null", encoding="utf-8")
    code = cli.main(["--data-dir", str(directory), "places"])
    err = one_line(capsys.readouterr().err)
    assert code == 3 and "the network data is broken (2 problem(s)): " in err
    assert "links.geojson: " in err and "corridors.json: " in err


def test_route_at_the_weight_limit_is_valid_json(capsys, real_network) -> None:
    from planner.model.query import MAX_VOLUME_M3, MAX_WEIGHT_T

    code = cli.main(
        [
            "route", "--from", "Taiyuan", "--to", "Moscow", "--format", "json",
            "--weight-t", str(MAX_WEIGHT_T), "--volume-m3", str(MAX_VOLUME_M3),
        ]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    options = json.loads(out, parse_constant=refuse)["options"]
    assert options and all(o["cost_usd"] > 0 and o["transit_days"] > 0 for o in options)


def test_traditional_chinese_names_resolve(capsys, real_network) -> None:
    code = cli.main(["route", "--from", "運城", "--to", "漢堡", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    query = json.loads(out)["query"]
    assert (query["origin"]["id"], query["destination"]["id"]) == ("yuncheng", "hamburg")
