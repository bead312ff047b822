"""Hostile layers (issue 23): a figure that is not a number ("10,000+"), a number of 5,000
digits or past a float's range: validation fails naming the file, the feature and the field,
so nothing that validates can crash ``corridors`` later."""

from __future__ import annotations

import json

import pytest
from cli_kit import one_line

from corridors import NetworkValidationError, load_network
from planner.cli import main as cli


def _break(folder, change) -> None:
    path = folder / "corridors.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    text = change(data)
    path.write_text(text if isinstance(text, str) else json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"10,000+"', "figures.lines.value: '10,000+' is not a number"),
        ("true", "figures.lines.value: True is not a number"),
        ("-3", "figures.lines.value: -3 is not from 0 to"),
        ("1" * 5000, "corridors.json: a number of 5,000 digits"),
        ("1" * 400, "corridors.json: a number of 400 digits"),
        ("1" * 5000 + ".5", "corridors.json: the number 111111111111… is beyond a float's range"),
        ("1e400", "corridors.json: the number 1e400 is beyond a float's range"),
    ],
    ids=["text", "boolean", "negative", "5000-digits", "400-digits", "huge-float", "1e400"],
)
def test_a_figure_that_is_not_a_number_fails_validation(capsys, mini_copy, value, expected):
    folder = mini_copy()

    def change(data):
        text = json.dumps(data)
        return text.replace('"lines": {"value": 3', f'"lines": {{"value": {value}', 1)

    _break(folder, change)
    with pytest.raises(NetworkValidationError) as info:
        load_network(folder)
    assert any(expected in problem for problem in info.value.problems), info.value.problems
    code = cli.main(["--data-dir", str(folder), "corridors", "--lang", "en"])
    err = one_line(capsys.readouterr().err)
    assert code == 3 and "corridors.json" in err and "internal error" not in err


def test_seed_figures_are_checked_too(mini_copy) -> None:
    folder = mini_copy()

    def change(data):
        data["seed_figures"]["trains_total"]["value"] = "825 trains"
        data["seed_figures"]["as_of"] = 2024

    _break(folder, change)
    with pytest.raises(NetworkValidationError) as info:
        load_network(folder)
    problems = info.value.problems
    assert any("seed_figures.trains_total.value: '825 trains'" in p for p in problems)
    assert any("seed_figures.as_of: int is not text" in p for p in problems)


def test_figures_that_validate_run_every_command(capsys, mini_copy) -> None:
    folder = mini_copy()

    def change(data):
        data["corridors"][1]["figures"]["lines"]["value"] = 1e12

    _break(folder, change)
    for fmt in ("table", "csv", "json"):
        code = cli.main(["--data-dir", str(folder), "corridors", "--format", fmt])
        assert code == 0, capsys.readouterr().err
