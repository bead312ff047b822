"""Fuzzing the ways in: ``route``'s options, ``batch``'s files and the network loader's layers.

Whatever comes in: no traceback, one line on stderr when something is wrong, the exit code the
input calls for, N rows in and N rows out, and no cell a spreadsheet would run as a formula.
Everything runs the real planner on the mini network (``tests/data/mini``), in this process.
The number of inputs tried per test is its ``max_examples`` (``pytest
--hypothesis-show-statistics`` prints them).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridors import NetworkValidationError, load_network
from planner.cli import main as cli
from planner.core.api import planner_for
from planner.io.encodings import looks_binary
from planner.model.errors import InvalidQueryError, NoRouteError, UnknownPlaceError
from planner.model.query import Query

MINI = Path(__file__).resolve().parent / "data" / "mini"
#: Inputs tried per test (the report of issue 11 gives their sum); more with FUZZ_ROUTE=...
ROUTE_EXAMPLES = int(os.environ.get("FUZZ_ROUTE", 150))
BATCH_EXAMPLES = int(os.environ.get("FUZZ_BATCH", 100))
LOADER_EXAMPLES = int(os.environ.get("FUZZ_LOADER", 100))
BYTES_EXAMPLES = int(os.environ.get("FUZZ_BYTES", 100))
#: First characters that make a spreadsheet run a cell (planner.export.FORMULA_TRIGGERS).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# text with no surrogates (they cannot be written in any encoding) and no NUL (not in argv)
_any_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=14
)
_places = st.sampled_from(
    ["Taiyuan", "太原", "TYN", "Moscow", "莫斯科", "RU", "Chita", "Mosco", "運城", "", " "]
    + ["x" * 300]
)
_numbers = st.sampled_from(
    ["18", "0.5", "0", "-1", "1e306", "1e308", "500000", "nan", "inf", "1e-300", ""]
    + ["heavy", "１８"]
)
_cargo = st.sampled_from(["general", "BULK", "perishable", "plutonium", "", " dangerous "])
_priority = st.sampled_from(["balanced", "FASTEST", "cheapest", "greenest", "", "slowest"])
_alternatives = st.sampled_from(["1", "3", "0", "-2", "two", "99999999999999999999", ""])
_modes = st.sampled_from(["air,rail,road,sea", "rail", "rail,road", "boat", "", ",,", "sea"])
_avoid = st.lists(st.sampled_from(["erenhot", "manzhouli", "land_erenhot", "nowhere"]), max_size=2)


def _one(values: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(values, _any_text)


@pytest.fixture(scope="module")
def mini_planner():
    return planner_for(load_network(MINI))


def _route_code(planner, fields: dict[str, str], avoid: list[str]) -> int:
    """The exit code the route query calls for, found through the Python API (the oracle)."""
    try:
        alternatives = int(fields["alternatives"])
    except ValueError:
        return 2
    if alternatives < 1:
        return 2
    try:
        query = Query(
            fields["from"],
            fields["to"],
            cargo=fields["cargo"],
            weight_t=fields["weight-t"],
            volume_m3=fields["volume-m3"],
            priority=fields["priority"],
            alternatives=alternatives,
            closures=tuple(avoid),
            modes=fields["modes"],
        )
        planner.plan(query)
    except (InvalidQueryError, UnknownPlaceError):
        return 2
    except NoRouteError:
        return 1
    return 0


@settings(_FUZZ, max_examples=ROUTE_EXAMPLES)
@given(
    fields=st.fixed_dictionaries(
        {
            "from": _one(_places),
            "to": _one(_places),
            "cargo": _one(_cargo),
            "weight-t": _one(_numbers),
            "volume-m3": _one(_numbers),
            "priority": _one(_priority),
            "alternatives": _one(_alternatives),
            "modes": _one(_modes),
        }
    ),
    avoid=_avoid,
    fmt=st.sampled_from(["table", "json", "csv", "geojson"]),
    lang=st.sampled_from(["en", "zh"]),
)
def test_route_options(capsys, mini_planner, fields, avoid, fmt, lang) -> None:
    argv = ["--data-dir", str(MINI), "--lang", lang, "route", f"--format={fmt}"]
    argv += [f"--{name}={value}" for name, value in fields.items()]
    argv += [f"--avoid={item}" for item in avoid]
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert code == _route_code(mini_planner, fields, avoid), (code, err)
    if code:
        prefix = "python -m planner: " + ("错误：" if lang == "zh" else "error: ")
        assert out == "" and err.count("\n") == 1 and err.startswith(prefix)
        assert "Traceback" not in err and "internal error" not in err and "内部错误" not in err
        assert len(err) < 1_000, "a value is echoed cut"
        return
    assert err == "" and out
    if fmt in ("json", "geojson"):
        json.loads(out, parse_constant=_not_json)
    elif fmt == "csv":
        _assert_no_formula(list(csv.reader(io.StringIO(out.removeprefix("\ufeff")))))


def _not_json(constant: str) -> None:
    raise AssertionError(f"{constant} is not JSON")


def _assert_no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_TRIGGERS):
                float(cell)  # only a number may start so (-3.5); text is neutralised


HEADER = ["shipment_id", "origin", "destination", "cargo", "weight_t", "volume_m3", "priority"]
_cell = st.one_of(
    _places,
    _numbers,
    _cargo,
    _priority,
    st.sampled_from(["=1+1", "@SUM(A1)", "+1", '"', 'a"b', ",", "x\ny", "\r", "；", "\ufeff"]),
    _any_text,
)
_rows = st.lists(st.lists(_cell, min_size=1, max_size=9), max_size=12)


@pytest.mark.slow
@settings(_FUZZ, max_examples=BATCH_EXAMPLES)
@given(
    rows=_rows,
    form=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "xlsx"]),
    output=st.sampled_from(["csv", "xlsx"]),
    lang=st.sampled_from(["en", "zh"]),
)
def test_batch_files(capsys, tmp_path, rows, form, output, lang) -> None:
    rows = [[f"id{i}", *row] for i, row in enumerate(rows)]
    source = tmp_path / f"in.{'xlsx' if form == 'xlsx' else 'csv'}"
    if form == "xlsx":
        expected = _write_workbook(source, [HEADER, *rows])
    else:
        buffer = io.StringIO()
        csv.writer(buffer).writerows([HEADER, *rows])
        source.write_bytes(buffer.getvalue().encode(form))
        expected = [r[0] for r in csv.reader(io.StringIO(buffer.getvalue())) if r][1:]
    target = tmp_path / f"out.{output}"
    code = cli.main(
        ["--data-dir", str(MINI), "--lang", lang, "batch", str(source), "-o", str(target)]
    )
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    if code == 2 and ("binary" in err or "二进制" in err):
        # more than a trace of control characters is what a binary file looks like: refused
        # whole, by the rule planner.io.encodings.sniff states
        assert form != "xlsx" and looks_binary(source.read_bytes()[:4096])
        return
    if code == 2 and form == "gb18030":
        # GB18030 encodes every character; text of mostly rare ones is not taken for it
        assert "not text in UTF-8, GB18030/GBK or UTF-16" in err or "不是" in err, err
        return
    assert code == 0, err
    out_rows = _read_output(target)
    assert len(out_rows) == len(expected) + 1, "N rows in, N rows out"
    assert [row[0] for row in out_rows[1:]] == expected, "in order"


@settings(_FUZZ, max_examples=BYTES_EXAMPLES)
@given(body=st.binary(max_size=600), lang=st.sampled_from(["en", "zh"]))
def test_batch_files_of_any_bytes(capsys, tmp_path, body, lang) -> None:
    """A header, then any bytes: planned (exit 0) or refused with one line (exit 2)."""
    source = tmp_path / "in.csv"
    source.write_bytes(b"shipment_id,origin,destination\n" + body)
    code = cli.main(["--data-dir", str(MINI), "--lang", lang, "batch", str(source)])
    out, err = capsys.readouterr()
    assert code in (0, 2) and "Traceback" not in err and "internal error" not in err, err
    if code == 2:
        assert out == "" and err.count("\n") == 1
    else:
        _assert_no_formula(list(csv.reader(io.StringIO(out.removeprefix("\ufeff")))))


def _write_workbook(path: Path, rows: list[list[str]]) -> list[str]:
    """The rows as a workbook (text cells); the ids of the rows a reader finds in it."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from planner.io.workbook import _ILLEGAL_XML

    book = Workbook(write_only=True)
    sheet = book.create_sheet("s")
    kept = []
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=_ILLEGAL_XML.sub("", value))
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
        if any(_ILLEGAL_XML.sub("", v).strip() for v in row):
            kept.append(_ILLEGAL_XML.sub("", row[0]))
    book.save(path)
    return kept[1:]


def _read_output(path: Path) -> list[list[str]]:
    if path.suffix == ".csv":
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        _assert_no_formula(rows)
        return rows
    from openpyxl import load_workbook

    sheet = load_workbook(path).worksheets[0]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row), "a formula"
    return [["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows()]


# --- the loader ---------------------------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_any_text, inner, max_size=4),
    max_leaves=12,
)
_LAYERS = ("nodes.geojson", "links.geojson", "corridors.json", "platforms.geojson")


@st.composite
def _broken_layer(draw) -> tuple[str, str]:
    """A layer of the mini network with one part replaced by anything, or any text."""
    layer = draw(st.sampled_from(_LAYERS))
    doc = json.loads((MINI / layer).read_text(encoding="utf-8"))
    how = draw(st.sampled_from(["whole", "member", "feature", "property", "geometry", "text"]))
    value = draw(_json)
    records = doc.get("features") or doc.get("corridors")
    record = draw(st.sampled_from(records))
    if how == "whole":
        doc = value
    elif how == "member":
        doc[draw(st.sampled_from([*doc, "crs"]))] = value
    elif how == "feature":
        records[records.index(record)] = value
    elif how == "property":
        target = record.get("properties", record)
        target[draw(st.sampled_from([*target, "id", "kind", "city"]))] = value
    elif how == "geometry" and "geometry" in record:
        record["geometry"] = {"type": record["geometry"]["type"], "coordinates": value}
    if how == "text":
        return layer, draw(_any_text)
    return layer, json.dumps(doc, ensure_ascii=False)


@pytest.mark.slow
@settings(_FUZZ, max_examples=LOADER_EXAMPLES)
@given(broken=_broken_layer(), validate=st.booleans())
def test_network_layers(capsys, broken, validate) -> None:
    layer, text = broken
    directory = Path(tempfile.mkdtemp(prefix="fuzz-network-"))
    try:
        shutil.copytree(MINI, directory, dirs_exist_ok=True)
        (directory / layer).write_text(text, encoding="utf-8")
        try:
            load_network(directory, validate=validate)
        except NetworkValidationError as exc:
            assert exc.problems and all(
                p.split(": ", 1)[0] in _LAYERS + ("countries.csv",) for p in exc.problems
            ), exc.problems
        if validate:
            code = cli.main(["--data-dir", str(directory), "corridors", "--format", "json"])
            out, err = capsys.readouterr()
            assert code in (0, 3) and "Traceback" not in err, err
            assert (code == 0) == (err == "") and err.count("\n") <= 1
    finally:
        shutil.rmtree(directory, ignore_errors=True)
