"""Many shipments as columns: the cells of a file read into groups, each row's error the one a
Query raises; the forest's paths told apart by the ids of its trie."""

from __future__ import annotations

import numpy as np
import pytest

from planner.core.api import planner_for
from planner.model.errors import PlanningError
from planner.model.query import Query
from planner.model.query_table import CELL_FIELDS, PRIORITIES, CellReader, QueryTable, cell_columns

ROWS = [
    ["Taiyuan", "Moscow", "general", "18", "60", "balanced"],
    ["太原", "莫斯科", "", "", "", ""],  # the same places in other words; the defaults
    ["Taiyuan", "Mosco", "general", "18", "60", "balanced"],  # unknown place
    ["", "Mosco", "general", "18", "60", "balanced"],  # an empty origin is named first
    ["Taiyuan", "Moscow", "plutonium", "-1", "60", "soon"],  # the cargo is checked first
    ["Taiyuan", "Moscow", "bulk", "1e9", "60", "fastest"],  # too heavy
    ["Datong", "Rotterdam", "BULK", " 300 ", "250", "Cheapest"],
]


def _query_error(cells: list[str]) -> str | None:
    """What making the row's query raises (places resolved first, as batch does)."""
    planner = planner_for()
    origin, destination, *rest = (c.strip() for c in cells)
    for field, text in (("origin", origin), ("destination", destination)):
        if not text:
            return f"{field} is empty"
    fields = {name: text for name, text in zip(CELL_FIELDS[2:], rest, strict=True) if text}
    try:
        planner.cargo_spec(fields.get("cargo", "general"))  # the class is the planner's table's
        Query(planner.places.resolve(origin), planner.places.resolve(destination), **fields)
    except PlanningError as exc:
        return str(exc)
    return None


def test_cells_read_into_groups_with_the_query_s_own_errors() -> None:
    planner = planner_for()
    columns = cell_columns(ROWS, range(len(CELL_FIELDS)))
    table, errors = CellReader(planner.places.resolve).read(columns)
    assert [None if e is None else str(e) for e in errors] == [_query_error(r) for r in ROWS]
    assert str(errors[3]) == "origin is empty"
    assert "cargo" in str(errors[4])
    valid = [i for i, e in enumerate(errors) if e is None]
    assert valid == [0, 1, 6]
    queries = table.queries()
    # the first two rows are one group: their places resolve alike
    assert table.group[0] == table.group[1] != table.group[2]
    assert queries[1] == Query(
        planner.places.resolve("Taiyuan"), planner.places.resolve("Moscow"), alternatives=1
    )
    assert (queries[2].cargo.value, queries[2].weight_t, queries[2].priority.value) == (
        "bulk",
        300.0,
        "cheapest",
    )


def test_a_table_of_queries_gives_them_back() -> None:
    queries = [
        Query("Taiyuan", "Moscow", weight_t=w, priority=p, alternatives=1)
        for w in (1.0, 2.5)
        for p in PRIORITIES
    ] + [Query("Datong", "Moscow", cargo="bulk", alternatives=1)]
    table = QueryTable.of(queries)
    assert len(table.groups) == 2
    assert table.queries() == queries


def test_a_missing_column_is_empty_cells() -> None:
    assert cell_columns([["a", "b"], ["c", "d"]], [1, -1]) == [["b", "d"], ["", ""]]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_forest_paths_are_the_trees_own(seed: int) -> None:
    planner = planner_for()
    graph = planner.graph
    rng = np.random.default_rng(seed)
    closed = rng.random(graph.n_edges) < 0.05
    roots = [graph.place_node["taiyuan"]]
    weightings = [rng.random(graph.n_edges) for _ in range(6)]
    forest = graph.forest(weightings, closed, roots)
    trees = [graph.tree(w, closed, roots) for w in weightings]
    for place in ("moscow", "rotterdam", "tianjin_port", "erenhot"):
        targets = [graph.place_node[place]]
        walked = {tuple(t.path_to(targets[0])) for t in trees if t.reached(targets[0])}
        assert forest.paths(targets) == walked
        assert forest.paths(targets) == forest.paths(targets)  # walked once, then kept
