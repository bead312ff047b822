"""The command line's route, places and corridors commands: output formats, languages,
help, and a few runs through a real process (batch: test_cli_batch.py; errors and exit
codes: test_cli_errors.py)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from dataclasses import fields

import pytest
from cli_kit import CLI_DATA, MINI, ROOT, ROUTE, one_line, recording_planner, run

from planner.cli import common
from planner.cli import main as cli
from planner.model.records import Shipment


@pytest.fixture
def mini_plan(monkeypatch, mini_network):
    """The CLI plans with the real planner of the mini network (:mod:`cli_kit`)."""
    return recording_planner(monkeypatch, mini_network)


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
    assert "For every option:\n  - no scheduled service known for these options" in out
    assert "How this is computed:\n  - estimates for" in out


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
    # one feature per movement (a wait for a departure runs no line)
    options = mini_plan.plan(mini_plan.calls[0])
    legs = sum(1 for option in options for leg in option.legs if not leg.wait)
    assert kinds.count("leg") == legs and "exit_port" in kinds and "entry_port" in kinds


def test_modes_leave_a_mode_out(capsys, mini_plan) -> None:
    code, _, err = run(capsys, *ROUTE, "--modes", "rail,road")
    assert code == 0, err
    assert {m.value for m in mini_plan.calls[0].modes} == {"rail", "road"}
    code, _, err = run(capsys, *ROUTE, "--modes", "rail,boat")
    assert code == 2 and "--modes: unknown mode 'boat'" in one_line(err)


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


def test_help_names_every_choice_and_limit(capsys) -> None:
    from planner.model.query import MAX_WEIGHT_T
    from planner.model.records import Priority

    assert cli.main(["route", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "cargo_classes.csv" in out and all(p.value in out for p in Priority)
    assert f"at most {MAX_WEIGHT_T:,.0f}" in out


def test_default_lang_follows_the_locale() -> None:
    assert common.default_lang({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert common.default_lang({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN"}) == "en"
    assert common.default_lang({}) == "en"


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
    # the first rides a published train or nothing listed beats it (a model train may beat a
    # published one on paper and still rank after it)
    assert options[0]["pareto_optimal"] is True or options[0]["service"] is not None
    for option in options:
        assert option["exit_port"]["id"] in real_network.nodes.index
        assert option["legs"] and option["cost_usd"] > 0 and option["transit_days"] > 0


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


def test_route_table_in_chinese_names_places_chinese_first(capsys, mini_plan) -> None:
    code, out, err = run(capsys, "--lang", "zh", *ROUTE, "--weight-t", "18", "--volume-m3", "60")
    assert code == 0, err
    assert out.startswith("太原 Taiyuan → 莫斯科 Moscow · "), out.splitlines()[0]
    assert "、18 吨、60 m³" in out.splitlines()[0]
    assert "满洲里 Manzhouli → 后贝加尔斯克 Zabaykalsk" in out
