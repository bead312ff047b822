"""The cargo table: read into specs, broken rows named, and a new class is one row of data."""

from __future__ import annotations

import csv
import json
import math
import shutil
from pathlib import Path

import pytest

from corridors import Mode, load_network
from planner.cli import main as cli
from planner.core.api import plan
from planner.core.planner import Planner
from planner.model.cargo import (
    CARGO_CLASSES_FILE,
    COLUMNS,
    CargoTableError,
    load_cargo_classes,
)
from planner.model.errors import InvalidQueryError
from planner.model.records import Shipment

SHIPPED = load_cargo_classes()
PLANNER_DIR = Path(__file__).resolve().parent / "data" / "planner"
PHARMA = {
    "id": "pharma",
    "name_en": "Pharmaceuticals (cool chain)",
    "name_zh": "医药冷链",
    "bulk": "0",
    "temperature_controlled": "1",
    "equipment_factor": "1.8",
    "surcharge_factor": "1",
    "air_surcharge_usd_per_kg": "0.5",
    "value_usd_per_t": "80000",
    "insurance_rate": "0.002",
    "vot_usd_per_t_day": "120",
    "shelf_life_days": "40",
    "modes_forbidden": "air",
}


def _rows() -> list[dict[str, str]]:
    with SHIPPED.path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(rows: list[dict[str, str]], directory: Path) -> Path:
    with (directory / CARGO_CLASSES_FILE).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return directory


def _pharma_row() -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update(PHARMA)
    for figure in ("equipment_factor", "surcharge_factor", "air_surcharge_usd_per_kg",
                   "value_usd_per_t", "insurance_rate", "vot_usd_per_t_day",
                   "shelf_life_days", "modes_forbidden"):  # fmt: skip
        row[f"{figure}_source"] = "test fixture"
        row[f"{figure}_as_of"] = "2026"
        row[f"{figure}_estimate"] = "estimate: made up for the test"
    return row


@pytest.fixture
def pharma_dir(tmp_path: Path) -> Path:
    """The planner's test network with the shipped cargo table plus one ``pharma`` row."""
    data = tmp_path / "data"
    shutil.copytree(PLANNER_DIR, data)
    return _write([*_rows(), _pharma_row()], data)


def test_shipped_table_reads_every_class_with_its_figures():
    assert SHIPPED.ids[0] == "general" and len(SHIPPED.ids) == len(set(SHIPPED.ids)) >= 5
    perishable = SHIPPED.spec("Perishable")
    assert perishable.temperature_controlled and perishable.equipment_factor > 1
    assert perishable.shelf_life_days == 21 and SHIPPED["general"].shelf_life_days == math.inf
    assert SHIPPED["bulk"].bulk and not SHIPPED["general"].bulk
    assert SHIPPED["dangerous"].modes_forbidden == frozenset({Mode.AIR})
    assert SHIPPED["electronics"].insurance_rate > 0 == SHIPPED["general"].insurance_rate
    for spec in SHIPPED.values():
        assert spec.name_zh and spec.name_en
        for figure in spec.figures.values():
            assert not figure.source or figure.as_of  # every sourced figure is dated


def test_an_unknown_class_names_the_choices():
    with pytest.raises(InvalidQueryError) as caught:
        SHIPPED.spec("pharma")
    assert caught.value.field == "cargo"
    assert all(cargo in str(caught.value) for cargo in SHIPPED.ids)


def _set(column: str, value: str):
    def mutate(rows: list[dict[str, str]]) -> None:
        rows[1][column] = value

    return mutate


def _duplicate(rows: list[dict[str, str]]) -> None:
    rows.append(dict(rows[1]))


def _drop_default(rows: list[dict[str, str]]) -> None:
    del rows[0]


MUTATIONS = [
    (_set("id", "Not An Id"), "row 3, column id"),
    (_set("name_zh", ""), "row 3, column name_zh: empty"),
    (_set("bulk", "yes"), "row 3, column bulk: 'yes' is not 0 or 1"),
    (_set("equipment_factor", "abc"), "row 3, column equipment_factor: 'abc' is not a number"),
    (_set("vot_usd_per_t_day", "-1"), "row 3, column vot_usd_per_t_day"),
    (_set("insurance_rate", ""), "row 3, column insurance_rate: empty"),
    (_set("modes_forbidden", "air teleport"), "'teleport' is not a mode"),
    (_set("surcharge_factor_source", ""), "row 3, column surcharge_factor_source"),
    (_duplicate, "duplicate id 'electronics'"),
    (_drop_default, "no row for the default class 'general'"),
]


@pytest.mark.parametrize(("mutate", "expected"), MUTATIONS)
def test_a_broken_row_is_named_by_file_row_and_column(tmp_path, mutate, expected):
    rows = _rows()
    mutate(rows)
    with pytest.raises(CargoTableError) as caught:
        load_cargo_classes(_write(rows, tmp_path))
    assert expected in str(caught.value)
    assert CARGO_CLASSES_FILE in str(caught.value)


def test_every_problem_is_gathered_before_raising(tmp_path):
    rows = _rows()
    _set("bulk", "2")(rows)
    rows[2]["name_en"] = ""
    with pytest.raises(CargoTableError) as caught:
        load_cargo_classes(_write(rows, tmp_path))
    assert len(caught.value.problems) == 2


def test_a_broken_table_exits_3_from_the_cli(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(PLANNER_DIR, data)
    rows = _rows()
    _set("equipment_factor", "x")(rows)
    _write(rows, data)
    code = cli.main(["--data-dir", str(data), "route", "--from", "beta", "--to", "omega"])
    err = capsys.readouterr().err
    assert code == 3 and "equipment_factor" in err and "Traceback" not in err


def test_a_new_class_is_one_row_planned_by_the_library(pharma_dir):
    network = load_network(pharma_dir)
    pharma = plan("beta", "omega", Shipment("pharma", 5, 10), alternatives=20, network=network)
    general = plan("beta", "omega", Shipment("general", 5, 10), alternatives=20, network=network)
    assert pharma and all(Mode.AIR not in o.modes for o in pharma)  # its row forbids air
    assert any(Mode.AIR in o.modes for o in general)
    # the same route costs more in reefer equipment, plus the class's insurance
    by_title = {o.label: o for o in general}
    shared = [o for o in pharma if o.label in by_title]
    assert shared and all(o.cost_usd > by_title[o.label].cost_usd for o in shared)
    assert Planner(network).cargo_spec("PHARMA").name_zh == "医药冷链"
    with pytest.raises(InvalidQueryError):  # the shipped table has no such row
        plan("beta", "omega", Shipment("pharma", 5, 10), network=load_network(PLANNER_DIR))


@pytest.mark.parametrize(("lang", "shown"), [("zh", "医药冷链"), ("en", "pharma")])
def test_a_new_class_is_planned_through_the_cli_in_both_languages(
    pharma_dir, capsys, lang, shown
):
    argv = ["--data-dir", str(pharma_dir), "route", "--from", "beta", "--to", "omega"]
    assert cli.main([*argv, "--cargo", "pharma", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert shown in out.splitlines()[0]  # the table's head names the class
    if lang == "zh":
        assert "医药冷链不提供航空方案" in out  # the note of its forbidden mode, by its row's name
    assert cli.main([*argv, "--cargo", "pharma", "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["query"]["cargo"] == "pharma" and answer["options"]


def test_an_unknown_class_is_bad_input_for_the_cli(capsys):
    argv = ["--data-dir", str(PLANNER_DIR), "route", "--from", "beta", "--to", "omega"]
    assert cli.main([*argv, "--cargo", "pharma"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("python -m planner: error: --cargo:") and "general" in err


def test_a_batch_names_the_new_class_in_chinese(pharma_dir, tmp_path, capsys):
    book = tmp_path / "book.csv"
    book.write_text(
        "shipment_id,origin,destination,cargo\nS1,beta,omega,pharma\nS2,beta,omega,nope\n",
        encoding="utf-8",
    )
    out = tmp_path / "routes.csv"
    argv = ["--data-dir", str(pharma_dir), "batch", str(book), "-o", str(out), "--lang", "zh"]
    assert cli.main(argv) == 0
    capsys.readouterr()
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1][3] == "医药冷链" and "成功" in rows[1]
    assert "出错" in rows[2]  # a class the table lacks is that row's error, not the batch's
