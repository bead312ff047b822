"""Batch planning: N rows in, N rows out, in order; broken rows become error rows; dedupe."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.option_rows import RowTable
from planner.core.planner import Planner
from planner.io import batch
from planner.io.batch import RESULT_COLUMNS, BatchFileError, plan_batch, read_shipments
from planner.model.query import Query
from planner.model.query_table import QueryTable
from planner.model.records import RouteOption, Shipment

MINI = Path(__file__).parent / "data" / "mini"


class RecordingPlanner(Planner):
    """The real planner of the mini network, noting what batch asks of it: every distinct query
    of a table it plans (method ``library``) and every query planned alone (its method)."""

    def __init__(self, network) -> None:
        super().__init__(network)
        self.calls: list[Query] = []
        self.methods: list[str] = []
        self._in_table = False

    def plan(self, query: Query, *, method: str = "exact") -> list[RouteOption]:
        if not self._in_table:  # a table's queries are noted once, by plan_table
            self.calls.append(self.resolve(query))
            self.methods.append(method)
        return super().plan(query, method=method)

    def plan_table(self, table: QueryTable, *, lang: str = "en", progress=None) -> RowTable:
        distinct = list(dict.fromkeys(table.queries()))
        self.calls += [self.resolve(q) for q in distinct]
        self.methods += ["library"] * len(distinct)
        self._in_table = True
        try:
            return super().plan_table(table, lang=lang, progress=progress)
        finally:
            self._in_table = False

    @property
    def queries(self) -> list[tuple]:
        """``calls`` as (origin, destination, shipment, priority) tuples."""
        return [(q.origin.id, q.destination.id, q.shipment, q.priority.value) for q in self.calls]


class BrokenPlanner(Planner):
    """A planner with a bug: every plan fails with an internal error."""

    def plan(self, query: Query, *, method: str = "exact") -> list[RouteOption]:
        raise ZeroDivisionError("oops")

    def plan_table(self, table: QueryTable, *, lang: str = "en", progress=None) -> RowTable:
        raise ZeroDivisionError("oops")


class StepByStepPlanner(RecordingPlanner):
    """Tells progress after each distinct query of a table (the real planner tells it a group
    of queries at a time), to see batch thin out many small steps."""

    def plan_table(self, table: QueryTable, *, lang: str = "en", progress=None) -> RowTable:
        rows: dict[Query, list[int]] = {}
        for i, query in enumerate(table.queries()):
            rows.setdefault(query, []).append(i)
        out = RowTable.empty(len(table))
        for query, where in rows.items():
            answer = super().plan_table(QueryTable.of([query]), lang=lang).rows()[0]
            for i in where:
                out.put(i, answer)
            if progress is not None:
                progress(len(where))
        return out


@pytest.fixture
def step_plan(monkeypatch, mini_network) -> StepByStepPlanner:
    planner = StepByStepPlanner(mini_network)
    monkeypatch.setattr(batch, "planner_for", lambda *args: planner)
    return planner


@pytest.fixture
def mini_plan(monkeypatch, mini_network) -> RecordingPlanner:
    """Batch plans with the real planner of the mini network (where Datong reaches no foreign
    place: no route)."""
    planner = RecordingPlanner(mini_network)
    monkeypatch.setattr(batch, "planner_for", lambda *args: planner)
    return planner


SHIPMENTS = (
    "shipment_id,origin,destination,cargo,weight_t,volume_m3,priority\n"
    "S1,Taiyuan,Moscow,general,18,60,balanced\n"
    "S2,太原,莫斯科,general,18,60,\n"  # same query as S1 in other words
    "S3,Lvliang,Ulan Bator,,,,fastest\n"
    "S4,Taiyuan,Mosco,general,18,60,balanced\n"  # unknown place
    "S5,Taiyuan,Moscow,general,eighteen,60,balanced\n"  # bad weight
    "S6,,Moscow,general,18,60,balanced\n"  # empty origin
    "S7,Taiyuan,Moscow,general,18\n"  # ragged: too few fields
    "S8,Taiyuan,Moscow,general,18,60,balanced,extra\n"  # ragged: too many
    "S9,Datong,Moscow,general,18,60,balanced\n"  # no route
    "S10,Datong,Rotterdam,plutonium,5,10,balanced\n"  # unknown cargo
    "S11,Datong,Rotterdam,bulk,-5,10,balanced\n"  # negative weight
    "S12,Datong,Rotterdam,bulk,5,10,slowest\n"  # unknown priority
    "S13,Taiyuan,Moscow,general,18,60,BALANCED\n"  # same as S1 again
)


def _write(tmp_path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path = tmp_path / "shipments.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_n_rows_in_n_rows_out_in_order_with_reasons(tmp_path, mini_network, mini_plan) -> None:
    out = plan_batch(_write(tmp_path, SHIPMENTS), network=mini_network)
    assert list(out["shipment_id"]) == [f"S{i}" for i in range(1, 14)]
    assert list(out.columns[:7]) == [
        "shipment_id",
        "origin",
        "destination",
        "cargo",
        "weight_t",
        "volume_m3",
        "priority",
    ]
    assert list(out.columns[7:]) == list(RESULT_COLUMNS)
    status = dict(zip(out["shipment_id"], out["status"], strict=True))
    assert [k for k, v in status.items() if v == "ok"] == ["S1", "S2", "S3", "S13"]
    error = dict(zip(out["shipment_id"], out["error"], strict=True))
    assert error["S1"] == ""
    assert error["S4"] == "row 4: unknown place 'Mosco'; did you mean: Moscow?"
    assert error["S5"].startswith("row 5: weight (t) must be a number")
    assert error["S6"] == "row 6: origin is empty"
    assert error["S7"] == "row 7: has 5 fields, the header has 7"
    assert error["S8"] == "row 8: has 8 fields, the header has 7"
    assert error["S9"] == "row 9: no route from Datong to Moscow"
    assert error["S10"].startswith("row 10: unknown cargo")
    assert "'plutonium'; choose one of: general," in error["S10"]
    assert "weight (t) must be a positive" in error["S11"]
    assert error["S12"].startswith("row 12: unknown priority 'slowest'")
    ok = out[out["status"] == "ok"]
    assert ok["cost_usd"].notna().all() and ok["exit_port_name_zh"].eq("二连浩特").all()
    assert out.loc[out["status"] == "error", "cost_usd"].isna().all()
    assert int(ok["rank"].iloc[0]) == 1
    # the ragged row keeps what it had
    assert out.loc[6, "weight_t"] == "18" and out.loc[6, "priority"] == ""


def test_identical_queries_are_planned_once(tmp_path, mini_network, mini_plan) -> None:
    plan_batch(_write(tmp_path, SHIPMENTS), network=mini_network)
    # S1, S2, S13 are one query; S3 another; S9 a third (it raises, but is asked once)
    assert len(mini_plan.calls) == 3
    assert sorted(c[:2] for c in mini_plan.queries) == [
        ("datong", "moscow"),
        ("luliang", "ulaanbaatar"),
        ("taiyuan", "moscow"),
    ]


def test_the_route_library_by_default_the_exact_search_on_request(
    tmp_path, mini_network, mini_plan
) -> None:
    path = _write(tmp_path, SHIPMENTS)
    plan_batch(path, network=mini_network)
    assert set(mini_plan.methods) == {"library"}
    mini_plan.methods.clear()
    plan_batch(path, network=mini_network, method="exact")
    assert set(mini_plan.methods) == {"exact"}
    with pytest.raises(ValueError, match="choose one of: library, exact"):
        plan_batch(path, network=mini_network, method="guess")


def test_defaults_apply_to_empty_cells(tmp_path, mini_network, mini_plan) -> None:
    plan_batch(
        _write(tmp_path, "shipment_id,origin,destination\nA,Taiyuan,Moscow\n"), network=mini_network
    )
    assert mini_plan.queries == [("taiyuan", "moscow", Shipment(), "balanced")]


def test_headers_are_matched_loosely_and_extra_columns_kept(tmp_path, mini_network, mini_plan):
    text = " Shipment ID ,ORIGIN,Destination,note,status\nA,Taiyuan,Moscow,=1+1,mine\n"
    out = plan_batch(_write(tmp_path, text), network=mini_network)
    assert list(out.columns[:5]) == ["shipment_id", "origin", "destination", "note", "status_input"]
    assert out.loc[0, "note"] == "=1+1" and out.loc[0, "status_input"] == "mine"
    assert out.loc[0, "status"] == "ok"


def test_gb18030_input_is_read(tmp_path, mini_network, mini_plan) -> None:
    text = "shipment_id,origin,destination\nA,太原,莫斯科\n"
    out = plan_batch(_write(tmp_path, text, encoding="gb18030"), network=mini_network)
    assert out.loc[0, "status"] == "ok" and out.loc[0, "origin"] == "太原"


def test_dataframe_and_dict_inputs(mini_network, mini_plan) -> None:
    frame = pd.DataFrame(
        {
            "shipment_id": [1, 2],
            "origin": ["Taiyuan", None],
            "destination": ["Moscow", "Moscow"],
            "weight_t": [5.0, None],
        }
    )
    out = plan_batch(frame, network=mini_network)
    assert list(out["status"]) == ["ok", "error"]
    assert out.loc[1, "error"] == "row 2: origin is empty"
    records = [
        {"shipment_id": "x", "origin": "TYN", "destination": "DAT"},  # IATA codes
        {"shipment_id": "y", "origin": "Taiyuan", "destination": "RU"},  # a country
    ]
    assert list(plan_batch(records, network=mini_network)["status"]) == ["ok", "ok"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("\n\n", "empty"),
        ("ref,start,end\n1,Taiyuan,Moscow\n", "lacks required column(s) shipment_id, origin"),
        ("shipment_id,origin,origin,destination\n", "names column 'origin' twice"),
    ],
)
def test_unusable_files_raise_one_clear_error(tmp_path, mini_network, text, message) -> None:
    with pytest.raises(BatchFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        plan_batch(_write(tmp_path, text), network=mini_network)


def test_missing_file_is_a_clear_error(tmp_path, mini_network) -> None:
    with pytest.raises(BatchFileError, match="not found"):
        plan_batch(tmp_path / "nope.csv", network=mini_network)


def test_header_only_gives_an_empty_table(tmp_path, mini_network, mini_plan) -> None:
    out = plan_batch(_write(tmp_path, "shipment_id,origin,destination\n"), network=mini_network)
    assert len(out) == 0 and "status" in out.columns


def test_progress_callback_and_quiet_default(tmp_path, mini_network, step_plan, capsys) -> None:
    seen: list[tuple[int, int]] = []
    plan_batch(
        _write(tmp_path, SHIPMENTS),
        network=mini_network,
        progress=lambda done, total: seen.append((done, total)),
    )
    # 8 broken rows need no planning; then S1 (3 rows share it), S3, S9; calls are throttled
    # but the first and the last always come
    assert seen[0] == (11, 13) and seen[-1] == (13, 13)
    assert [done for done, _ in seen] == sorted({done for done, _ in seen})
    plan_batch(_write(tmp_path, SHIPMENTS), network=mini_network)
    assert capsys.readouterr().err == ""


def test_an_internal_error_of_the_planner_is_an_error_row(monkeypatch, mini_network) -> None:
    # the library's chunk fails, then each query
    monkeypatch.setattr(batch, "planner_for", lambda *args: BrokenPlanner(mini_network))
    out = plan_batch(
        [{"shipment_id": 1, "origin": "Taiyuan", "destination": "Moscow"}], network=mini_network
    )
    assert out.loc[0, "status"] == "error"
    assert out.loc[0, "error"] == "row 1: internal error (ZeroDivisionError: oops)"


def test_read_shipments_pads_ragged_rows() -> None:
    columns, rows, problems = read_shipments(io.StringIO("shipment_id,origin,destination\na\n"))
    assert columns == ["shipment_id", "origin", "destination"]
    assert rows == [["a", "", ""]]
    assert problems == ["row 1: has 1 fields, the header has 3"]


# --- property: never an unhandled exception, always N rows out -----------------------------

_cell = st.one_of(
    st.sampled_from(
        [
            "Taiyuan",
            "太原",
            "Moscow",
            "Lvliang",
            "Mosco",
            "",
            " ",
            "RU",
            "=1+1",
            "18",
            "-1",
            "nan",
            "inf",
            "1e400",
            "0",
            "general",
            "BULK",
            "fastest",
            "x\ny",
            '"',
            "Zamyn-Uud",
            "\x00",
        ]
    ),
    st.text(max_size=12),
)
_row = st.lists(_cell, min_size=0, max_size=9)


@pytest.fixture(scope="module")
def shared_planner(mini_network) -> Planner:
    """One real planner for every example (its caches warm), not one per example."""
    return Planner(mini_network)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(_row, max_size=25))
def test_random_files_never_crash_and_keep_every_row(
    rows, mini_network, shared_planner, monkeypatch
) -> None:
    monkeypatch.setattr(batch, "planner_for", lambda *args: shared_planner)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["shipment_id", "origin", "destination", "cargo", "weight_t", "volume_m3", "priority"]
    )
    for row in rows:
        writer.writerow(row)
    text = buffer.getvalue()
    expected = sum(1 for r in csv.reader(io.StringIO(text)) if r) - 1
    out = plan_batch(io.StringIO(text), network=mini_network)
    assert len(out) == expected
    assert set(out["status"]) <= {"ok", "error"}
    assert (out["error"].eq("") == out["status"].eq("ok")).all()
    bad = out[out["status"] == "error"]
    assert bad["error"].str.match(r"row \d+: ").all()


def test_forced_progress_writes_lines_when_stderr_is_not_a_terminal(
    tmp_path, mini_network, mini_plan, capsys
) -> None:
    plan_batch(_write(tmp_path, SHIPMENTS), network=mini_network, progress=True)
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("planning: 13/13 shipments (100%)")
    assert "\r" not in err


def test_forked_workers_give_the_same_table(tmp_path, mini_network, mini_plan) -> None:
    path = _write(tmp_path, SHIPMENTS)
    serial = plan_batch(path, network=mini_network, method="exact")
    calls = len(mini_plan.calls)
    parallel = plan_batch(path, network=mini_network, workers=2, method="exact")
    # the first query is planned here (it warms the caches), the others in forked processes
    assert len(mini_plan.calls) == calls + 1
    pd.testing.assert_frame_equal(serial, parallel)


def test_automatic_workers_stay_in_process_for_small_batches(tmp_path, mini_network, mini_plan):
    plan_batch(_write(tmp_path, SHIPMENTS), network=mini_network, workers=0)
    assert len(mini_plan.calls) == 3  # planned here, so the recorder saw the calls


def test_negative_workers_are_refused(tmp_path, mini_network, mini_plan) -> None:
    with pytest.raises(ValueError, match="workers"):
        plan_batch(_write(tmp_path, SHIPMENTS), network=mini_network, workers=-1)


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separated_files(tmp_path, mini_network, mini_plan, delimiter) -> None:
    text = (
        f"shipment_id{delimiter}origin{delimiter}destination{delimiter}weight_t\n"
        f"A{delimiter}Taiyuan{delimiter}Moscow{delimiter}18,5\n"
    )
    out = plan_batch(_write(tmp_path, text), network=mini_network)
    assert list(out["origin"]) == ["Taiyuan"]
    # a decimal comma is not a number here: the row says so rather than guessing
    assert out.loc[0, "error"].startswith("row 1: weight (t) must be a number")


def test_progress_callback_is_throttled(mini_network, step_plan) -> None:
    rows = [
        {"shipment_id": i, "origin": "Taiyuan", "destination": "Moscow", "weight_t": 1 + i / 10}
        for i in range(500)
    ]
    seen: list[tuple[int, int]] = []
    plan_batch(rows, network=mini_network, progress=lambda d, t: seen.append((d, t)))
    assert len(step_plan.calls) == 500
    assert seen[0] == (1, 500) and seen[-1] == (500, 500)
    assert len(seen) < 50  # not one call per query
