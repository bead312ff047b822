"""The command line's errors: one line each, in the user's language, with the exit code that says
what went wrong (2 bad input, 1 no route, 3 broken data, 130 interrupted)."""

from __future__ import annotations

import shlex

import pytest
from cli_kit import CLI_DATA, ROUTE, one_line, recording_planner, run

from planner.cli import common
from planner.cli import main as cli


@pytest.fixture
def mini_plan(monkeypatch, mini_network):
    """The CLI plans with the real planner of the mini network (:mod:`cli_kit`)."""
    return recording_planner(monkeypatch, mini_network)


#: Bad commands, places and files, as (the arguments, what the one line of error says).
BAD_COMMANDS = [
    (("route", "--from", "Taiyuan", "--to", "Mosco"), "--to: unknown place 'Mosco'; did you"),
    (("route", "--from", "Taiyuna", "--to", "Moscow"), "--from: unknown place 'Taiyuna'"),
    (("route", "--from", "Taiyuan"), "required: --to"),
    (("teleport",), "invalid choice: 'teleport'"),
    ((), "required"),
    (("batch", str(CLI_DATA / "missing.csv")), "shipments file not found"),
    (("batch", str(CLI_DATA / "shipments_bad_header.csv")), "lacks required column"),
]
#: A bad value of an option of :data:`ROUTE`, as (the option and its value as a shell would
#: split them, what the error says); empty and huge values are refused alike.
BAD_ROUTE_OPTIONS = [
    ("--weight-t heavy", "--weight-t: weight (t) must be a number"),
    ("--weight-t -3", "--weight-t: weight (t) must be a positive"),
    ("--volume-m3 nan", "--volume-m3: volume (m³) must be a positive"),
    ("--cargo plutonium", "general, electronics, perishable, bulk, dangerous"),
    ("--priority slowest", "balanced, fastest, cheapest, greenest"),
    ("--alternatives zero", "--alternatives: must be a whole number"),
    ("--format xml", "choose from 'table', 'json', 'csv', 'geojson'"),
    ("--cargo ''", "--cargo: unknown cargo class ''; choose one of:"),
    ("--priority ''", "--priority: unknown priority ''; choose one of:"),
    ("--modes ''", "--modes: modes is empty"),
    ("--weight-t ''", "--weight-t: weight (t) must be a number, got ''"),
    ("--weight-t 1e306", "--weight-t: weight (t) must be at most 500000"),
    ("--volume-m3 1e308", "--volume-m3: volume (m³) must be at most 1e+06"),
]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        *BAD_COMMANDS,
        *(((*ROUTE, *shlex.split(option)), says) for option, says in BAD_ROUTE_OPTIONS),
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


def test_broken_data_names_every_problem(capsys, mini_copy) -> None:
    directory = mini_copy()
    for name in ("links.geojson", "corridors.json"):
        (directory / name).write_text("null", encoding="utf-8")
    code = cli.main(["--data-dir", str(directory), "places"])
    err = one_line(capsys.readouterr().err)
    assert code == 3 and "the network data is broken (2 problem(s)): " in err
    assert "links.geojson: " in err and "corridors.json: " in err


def test_lang_zh_writes_errors_in_chinese(capsys) -> None:
    code, _, err = run(capsys, "--lang", "zh", "route", "--from", "Taiyuan", "--to", "Mosco")
    assert code == 2 and "--to: 未知地点 'Mosco'" in one_line(err)


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
    ("argv", "prefix", "says"),
    [
        (("route", "--from", "Taiyuan", "--to", "Mosco", "--lang", "zh"), "错误：", "未知地点"),
        (("route", "--from", "Taiyuan", "--to", "Mosco", "--lang", "en"), "error: ", "unknown"),
        # argparse's own words are in the language --lang names, wherever it stands
        (("route", "--from", "Taiyuan", "--lang", "zh"), "错误：", "缺少必需的参数：--to"),
        (("route", "--from", "Taiyuan", "--lang", "en"), "error: ", "required: --to"),
    ],
)
def test_the_prefix_is_in_the_language_of_the_message(capsys, mini_plan, argv, prefix, says):
    """Issue 22 item 3: no 'error:' before a Chinese message."""
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err.startswith(f"python -m planner: {prefix}") and says in err, err
