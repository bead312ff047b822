"""Plan many shipments at once from a table: N rows in, N rows out, in the same order.

Input columns: ``shipment_id``, ``origin``, ``destination`` and, optionally, ``cargo``,
``weight_t``, ``volume_m3``, ``priority`` (an empty cell takes the default). Header names are
matched case-insensitively, ignoring surrounding spaces (``"Shipment ID"`` works too).

Every input row comes out, in order, with the best option's scalar fields, ``status``
(``ok`` or ``error``) and ``error`` (the reason, naming the row). A broken row — the wrong number
of fields, a number that is not one, an unknown place, an empty origin — becomes an ``error``
row; it never stops the batch and is never dropped. Rows are numbered from 1, the header not
counted; completely blank lines are not rows. Identical queries (same places after resolution,
cargo, weight, volume and priority) are planned once.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pandas as pd

from planner._errors import InvalidShipmentError, PlanningError
from planner.export import OPTION_COLUMNS, options_to_rows, record_keys
from planner.places import Place, resolve_place
from planner.records import CargoClass, Priority, RouteOption, Shipment

if TYPE_CHECKING:
    from corridors.network import Network

__all__ = [
    "BatchFileError",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "RESULT_COLUMNS",
    "plan_batch",
    "read_shipments",
]

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("shipment_id", "origin", "destination")
OPTIONAL_COLUMNS = ("cargo", "weight_t", "volume_m3", "priority")
#: Columns added to every input row: the best option's fields, then the status.
RESULT_COLUMNS = (*OPTION_COLUMNS, "status", "error")
STATUS_OK = "ok"
STATUS_ERROR = "error"
#: Options asked of the planner per shipment (the batch keeps only the best).
BATCH_ALTERNATIVES = 1
#: Planner methods (``planner.plan(method=...)``): the route library, or the full search.
METHOD_LIBRARY = "library"
METHOD_EXACT = "exact"
METHODS = (METHOD_LIBRARY, METHOD_EXACT)
#: Distinct queries handed to the route library at once (progress moves between chunks).
LIBRARY_CHUNK = 2000
#: Field separators recognised when the header has no comma (European Excel saves ``;``).
OTHER_DELIMITERS = (";", "\t")
#: Encodings tried in order when reading a shipments file (Excel in China often saves GB18030).
INPUT_ENCODINGS = ("utf-8-sig", "gb18030")
#: Show a progress bar on its own from this many distinct queries (or whenever stderr is a TTY).
PROGRESS_MIN_QUERIES = 1000
#: Seconds between two calls of a progress callback (the first and the last always happen).
PROGRESS_CALLBACK_S = 0.1
#: Seconds between two redraws of the progress bar.
PROGRESS_INTERVAL_S = 0.25
PROGRESS_WIDTH = 30
#: Lines written for a long batch when stderr is not a terminal (one per tenth).
PROGRESS_STEPS = 10
#: ``workers=0`` forks only from this many distinct queries; chunk sizes sent to a worker.
PARALLEL_MIN_QUERIES = 200
PARALLEL_MIN_CHUNK = 8
PARALLEL_MAX_CHUNK = 256
#: Suffix given to an input column whose name is also a result column.
INPUT_SUFFIX = "_input"

ProgressCallback = Callable[[int, int], None]


class BatchFileError(PlanningError, ValueError):
    """The shipments table as a whole cannot be read (missing file, header or column)."""


@dataclass(frozen=True)
class _Table:
    """Input rows as strings, one problem (or ``None``) per row."""

    columns: list[str]
    rows: list[list[str]]
    problems: list[str | None]


def _canonical(header: str) -> str:
    return "_".join(str(header).replace("\ufeff", "").strip().lower().split())


def _decode(raw: bytes, source: str) -> str:
    for encoding in INPUT_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    logger.warning("%s is neither UTF-8 nor GB18030; undecodable bytes replaced", source)
    return raw.decode("utf-8", errors="replace")


def _delimiter(text: str) -> str:
    """``,`` unless the header line has none and uses ``;`` or a tab (Excel in some locales)."""
    first = text.lstrip("\r\n").split("\n", 1)[0]
    if "," in first:
        return ","
    counts = {d: first.count(d) for d in OTHER_DELIMITERS}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def _table_from_text(text: str) -> _Table:
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=False)
    try:
        records = [r for r in reader if r]  # a blank line is not a row
    except csv.Error as exc:  # only a NUL byte in exotic csv versions; be safe
        raise BatchFileError(f"shipments file is not readable as CSV: {exc}") from None
    if not records:
        raise BatchFileError(
            "shipments file is empty; expected a header with: " + ", ".join(REQUIRED_COLUMNS)
        )
    header, *body = records
    return _table_from_records(header, body, text=True)


def _table_from_records(
    header: list[Any], body: Iterable[list[Any]], *, text: bool = False
) -> _Table:
    """Rows padded or cut to the header's width; ``text``: the cells are strings already."""
    columns = _columns(header)
    width = len(columns)
    rows: list[list[str]] = []
    problems: list[str | None] = []
    for number, cells in enumerate(body, start=1):
        texts = cells if text else ["" if c is None else str(c) for c in cells]
        problem = None
        if len(texts) != width:
            problem = f"row {number}: has {len(texts)} fields, the header has {width}"
            texts = (texts + [""] * width)[:width]
        rows.append(texts)
        problems.append(problem)
    return _Table(columns, rows, problems)


def _columns(header: list[Any]) -> list[str]:
    """Canonical names for known columns, the original text otherwise; checks required ones."""
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    columns: list[str] = []
    for position, cell in enumerate(header, start=1):
        text = "" if cell is None else str(cell).replace("\ufeff", "").strip()
        canonical = _canonical(text)
        name = canonical if canonical in known else (text or f"column_{position}")
        if name in columns:
            if name in known:
                raise BatchFileError(f"shipments header names column {name!r} twice")
            suffix = 2
            while f"{name}_{suffix}" in columns:
                suffix += 1
            name = f"{name}_{suffix}"
        columns.append(name)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        found = ", ".join(repr(c) for c in columns) or "nothing"
        raise BatchFileError(
            f"shipments header lacks required column(s) {', '.join(missing)} "
            f"(found {found}); required: {', '.join(REQUIRED_COLUMNS)}"
        )
    return columns


def read_shipments(
    source: str | os.PathLike[str] | IO[str] | IO[bytes] | pd.DataFrame | Iterable[Mapping],
) -> tuple[list[str], list[list[str]], list[str | None]]:
    """Read a shipments table as strings, never losing a row.

    Parameters
    ----------
    source
        A CSV path or open file (UTF-8 with or without BOM, or GB18030), a DataFrame, or
        dicts keyed by column name.

    Returns
    -------
    columns, rows, problems
        Column names (known ones in canonical form), every row as a list of strings padded
        or cut to the header's width, and for each row the reason it is broken or ``None``.

    Raises
    ------
    BatchFileError
        If the file cannot be opened or read, is empty, or its header lacks a required column.
    """
    table = _read(source)
    return table.columns, table.rows, table.problems


def _read(source: Any) -> _Table:
    if isinstance(source, pd.DataFrame):
        body = [[_cell(v) for v in row] for row in source.itertuples(index=False, name=None)]
        return _table_from_records(list(source.columns), body)
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise BatchFileError(f"shipments file not found: {path}") from None
        except OSError as exc:
            raise BatchFileError(f"cannot read shipments file {path}: {exc.strerror}") from None
        return _table_from_text(_decode(raw, str(path)))
    if hasattr(source, "read"):
        data = source.read()
        text = data if isinstance(data, str) else _decode(data, "shipments input")
        return _table_from_text(text)
    records = list(source)
    header = record_keys(records)
    body = [[_cell(record.get(key)) for key in header] for record in records]
    return _table_from_records(header, body)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


@dataclass(frozen=True)
class _Query:
    origin: Place
    destination: Place
    shipment: Shipment | None
    priority: Priority
    key: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:  # computed once: a batch looks it up several times a row
        shipment = self.shipment
        load = None if shipment is None else (shipment.cargo, shipment.weight_t, shipment.volume_m3)
        object.__setattr__(self, "key", (self.origin.id, self.destination.id, load, self.priority))


@functools.cache
def _search_plan() -> Callable[..., list[RouteOption]]:
    from planner.search import plan

    return plan


def _plan(*args: Any, **kwargs: Any) -> list[RouteOption]:
    """The route search (imported on first use; tests replace this)."""
    return _search_plan()(*args, **kwargs)


@functools.cache
def _search_plan_rows() -> Callable[..., list]:
    from planner.search import plan_rows

    return plan_rows


def _plan_rows(queries: list[tuple], *, network: Network, params: Any) -> list:
    """The route library's best row of many shipments at once (``planner.search.plan_rows``;
    imported on first use; tests replace this)."""
    return _search_plan_rows()(queries, network=network, params=params)


class _Resolver:
    """Place resolution memoised on the raw text (a batch repeats the same few names)."""

    def __init__(self, network: Network) -> None:
        self.network = network
        self._memo: dict[str, Place | PlanningError] = {}

    def __call__(self, name: str) -> Place:
        hit = self._memo.get(name)
        if hit is None:
            try:
                hit = resolve_place(name, self.network)
            except PlanningError as exc:
                hit = exc
            self._memo[name] = hit
        if isinstance(hit, PlanningError):
            raise hit
        return hit


class _QueryBuilder:
    """Turns a row into a query; parts repeat a lot in a batch, so each is memoised."""

    def __init__(self, network: Network) -> None:
        self.resolve = _Resolver(network)
        self._loads: dict[tuple[str, str, str], Shipment | None | PlanningError] = {}
        self._priorities: dict[str, Priority | PlanningError] = {}

    def __call__(self, values: dict[str, str]) -> _Query:
        """Build the query of one row; raises PlanningError naming the first problem."""
        fields = ("origin", "destination", "cargo", "weight_t", "volume_m3", "priority")
        return self.build(*(values.get(name, "") for name in fields))

    def build(
        self,
        origin_text: str,
        destination_text: str,
        cargo: str,
        weight_t: str,
        volume_m3: str,
        raw_priority: str,
    ) -> _Query:
        """Build a query from the raw cells; raises PlanningError naming the first problem."""
        origin_text, destination_text = origin_text.strip(), destination_text.strip()
        if not origin_text:
            raise InvalidShipmentError("origin is empty")
        if not destination_text:
            raise InvalidShipmentError("destination is empty")
        origin = self.resolve(origin_text)
        destination = self.resolve(destination_text)
        raw_load = (cargo, weight_t, volume_m3)
        if raw_load not in self._loads:
            self._loads[raw_load] = _memo_call(_shipment, *raw_load)
        shipment = _unwrap(self._loads[raw_load])
        if raw_priority not in self._priorities:
            self._priorities[raw_priority] = _memo_call(_priority, raw_priority)
        priority = _unwrap(self._priorities[raw_priority])
        return _Query(origin, destination, shipment, priority)


def _memo_call(function: Callable[..., Any], *args: str) -> Any:
    try:
        return function(*args)
    except PlanningError as exc:
        return exc


def _unwrap(value: Any) -> Any:
    if isinstance(value, PlanningError):
        raise value
    return value


def _shipment(cargo: str, weight_t: str, volume_m3: str) -> Shipment | None:
    load: dict[str, Any] = {}
    if cargo.strip():
        load["cargo"] = CargoClass.parse(cargo.strip())
    for column, text in (("weight_t", weight_t), ("volume_m3", volume_m3)):
        if text.strip():
            load[column] = text.strip()
    return Shipment(**load) if load else None


def _priority(text: str) -> Priority:
    return Priority.parse(text.strip()) if text.strip() else Priority.BALANCED


class _Progress:
    """Progress on stderr: a redrawn bar on a terminal, a line per tenth otherwise (or a callback).

    ``setting`` ``None`` draws on a terminal, and writes lines for a long batch
    (:data:`PROGRESS_MIN_QUERIES` distinct queries or more) when stderr is not a terminal.
    """

    def __init__(
        self, setting: bool | ProgressCallback | None, *, total: int, queries: int
    ) -> None:
        self.total = total
        self.callback: ProgressCallback | None = setting if callable(setting) else None
        tty = _stderr_is_tty()
        if callable(setting) or queries == 0:
            show = False
        elif setting is None:
            show = tty or queries >= PROGRESS_MIN_QUERIES
        else:
            show = bool(setting)
        self.bar = show and tty
        self.lines = show and not tty
        self._last_time = 0.0
        self._last_callback: float | None = None
        self._last_tenth = 0
        self._start = time.monotonic()

    def update(self, done: int) -> None:
        if self.callback is None and not (self.bar or self.lines):
            return
        elapsed = time.monotonic() - self._start
        if self.callback is not None:
            # first, last, and at most every PROGRESS_CALLBACK_S: a UI redraw per query of a
            # 100,000-row file would cost more than the planning
            if (
                self._last_callback is None
                or done >= self.total
                or elapsed - self._last_callback >= PROGRESS_CALLBACK_S
            ):
                self._last_callback = elapsed
                self.callback(done, self.total)
            return
        fraction = done / self.total
        if self.lines:
            tenth = int(fraction * PROGRESS_STEPS)
            if tenth > self._last_tenth:
                self._last_tenth = tenth
                sys.stderr.write(
                    f"planning: {done}/{self.total} shipments ({fraction:.0%}), {elapsed:.1f} s\n"
                )
                sys.stderr.flush()
            return
        if done < self.total and elapsed - self._last_time < PROGRESS_INTERVAL_S:
            return
        self._last_time = elapsed
        filled = round(fraction * PROGRESS_WIDTH)
        bar = "#" * filled + "-" * (PROGRESS_WIDTH - filled)
        end = "\n" if done >= self.total else ""
        counts = f"{done}/{self.total} shipments"
        sys.stderr.write(f"\rplanning [{bar}] {counts} {fraction:4.0%} {elapsed:5.1f} s{end}")
        sys.stderr.flush()


def _stderr_is_tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def plan_batch(
    rows_or_path: str | os.PathLike[str] | IO[str] | IO[bytes] | pd.DataFrame | Iterable[Mapping],
    *,
    network: Network | None = None,
    params: Any = None,
    progress: bool | ProgressCallback | None = None,
    workers: int | None = None,
    method: str = METHOD_LIBRARY,
) -> pd.DataFrame:
    """Plan every shipment of a table and return the best option of each.

    Parameters
    ----------
    rows_or_path
        A shipments CSV (path or open file), a DataFrame, or dicts keyed by column name.
    network
        The corridor network; the shipped one by default.
    params
        Planner parameters passed on to :func:`planner.plan`; the shipped table by default.
    progress
        ``True`` / ``False`` to force / hide progress on stderr, a callable
        ``(rows_done, rows_total)`` called as distinct queries are planned (rows that share
        one, and broken rows, count as done; at most every :data:`PROGRESS_CALLBACK_S`, and
        always after the last), or ``None`` (the default): a bar when
        stderr is a terminal, a line per tenth when it is not and the batch has at least
        :data:`PROGRESS_MIN_QUERIES` distinct queries.
    workers
        Exact method only: the route library always plans in this process, many shipments
        at once. ``None`` or ``1`` (the default): plan in this process. ``n > 1``: spread
        the distinct queries over ``n`` forked processes (POSIX only; elsewhere in this
        process). ``0``: one process per CPU when there are at least
        :data:`PARALLEL_MIN_QUERIES` distinct queries. Do not fork from a multi-threaded
        program (a Streamlit app): keep the default.
    method
        How each shipment is planned (see :func:`planner.plan`). ``"library"`` (the default):
        candidate routes grown once per origin and cargo class, re-priced for each shipment —
        microseconds a shipment; the fastest and greenest answers are exact, the cheapest and
        balanced ones the best of the candidates, which in a small share of cases is not the
        option ``route`` (``"exact"``) would put first. ``"exact"``: the full search for
        every distinct shipment (tens of milliseconds each).

    Returns
    -------
    pandas.DataFrame
        One row per input row, in order: the input columns (as text), then
        :data:`RESULT_COLUMNS` — the best option's fields (empty on error), ``status``
        (``"ok"`` / ``"error"``) and ``error`` (``"row 7: unknown
        place 'Mosco'; did you mean: Moscow?"``, empty when ok). An input column named like a
        result column is kept with the suffix ``_input``.

    Raises
    ------
    BatchFileError
        Only if the table as a whole is unusable: file missing or unreadable, empty, or a
        required column missing from the header.
    """
    table = _read(rows_or_path)
    if network is None:
        from corridors import load_network

        network = load_network()
    if params is None:  # once, not once a shipment
        from planner.params import load_parameters

        params = load_parameters()
    build = _QueryBuilder(network)
    fields = ("origin", "destination", "cargo", "weight_t", "volume_m3", "priority")
    positions = [table.columns.index(f) if f in table.columns else -1 for f in fields]

    queries: list[_Query | None] = []
    errors: list[str] = []
    for number, (cells, problem) in enumerate(zip(table.rows, table.problems, strict=True), 1):
        if problem is not None:
            queries.append(None)
            errors.append(problem)
            continue
        try:
            queries.append(build.build(*(cells[i] if i >= 0 else "" for i in positions)))
            errors.append("")
        except PlanningError as exc:
            queries.append(None)
            errors.append(f"row {number}: {exc}")

    distinct: dict[tuple, _Query] = {}
    rows_per_query: dict[tuple, int] = {}
    for query in queries:
        if query is not None:
            distinct.setdefault(query.key, query)
            rows_per_query[query.key] = rows_per_query.get(query.key, 0) + 1
    logger.info("batch: %d rows, %d distinct queries", len(queries), len(distinct))

    bar = _Progress(progress, total=len(queries), queries=len(distinct))
    done = len(queries) - sum(rows_per_query.values())  # broken rows need no planning
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of: {', '.join(METHODS)}")
    count = _worker_count(workers, len(distinct), method)
    best: dict[tuple, dict[str, Any] | str] = {}  # flattened best option, or the reason
    for key, outcome in _outcomes(distinct, count, network=network, params=params, method=method):
        best[key] = outcome
        done += rows_per_query[key]
        bar.update(done)

    empty: dict[str, Any] = dict.fromkeys(OPTION_COLUMNS)
    result_rows: list[dict[str, Any]] = []
    for number, (query, error) in enumerate(zip(queries, errors, strict=True), start=1):
        found: dict[str, Any] | str = empty if query is None else best[query.key]
        if isinstance(found, str):
            error, found = f"row {number}: {found}", empty
        status = STATUS_ERROR if error else STATUS_OK
        result_rows.append({**found, "status": status, "error": error})
    return _assemble(table, result_rows)


def _outcome(query: _Query, *, network: Network, params: Any, method: str) -> dict[str, Any] | str:
    """The flattened best option of a query, or the reason there is none."""
    try:
        options = _plan(
            query.origin,
            query.destination,
            query.shipment,
            priority=query.priority.value,
            alternatives=BATCH_ALTERNATIVES,
            network=network,
            params=params,
            method=method,
        )
    except PlanningError as exc:
        return str(exc)
    except Exception as exc:  # a bug must not sink a 100,000-row batch; it is logged in full
        logger.exception("planner failed on %s -> %s", query.origin.id, query.destination.id)
        return f"internal error ({type(exc).__name__}: {exc})"
    if not options:
        return "the planner found no option"
    return options_to_rows(options[:1])[0]


def _worker_count(workers: int | None, queries: int, method: str) -> int:
    if workers is not None and workers < 0:
        raise ValueError(f"workers must be 0 (automatic) or more, got {workers}")
    if workers is None or workers == 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        logger.info("no fork start method here: planning in this process")
        return 1
    if workers == 0:
        if queries < PARALLEL_MIN_QUERIES or method != METHOD_EXACT:
            return 1  # the route library answers in microseconds: a fork would cost more
        workers = os.cpu_count() or 1
    return max(1, min(workers, queries))


# What forked workers plan with (set in the parent just before the fork; copied, not pickled).
_WORKER_STATE: dict[str, Any] = {}


def _worker_chunk(chunk: list[tuple[int, _Query]]) -> list[tuple[int, dict[str, Any] | str]]:
    state = _WORKER_STATE
    return [
        (
            i,
            _outcome(
                query, network=state["network"], params=state["params"], method=state["method"]
            ),
        )
        for i, query in chunk
    ]


def _outcomes(
    distinct: dict[tuple, _Query], workers: int, *, network: Network, params: Any, method: str
) -> Iterator[tuple[tuple, dict[str, Any] | str]]:
    """``(key, outcome)`` of every distinct query, in this process or in forked workers."""
    if method == METHOD_LIBRARY:  # microseconds a query: many at once, in this process
        yield from _library_outcomes(distinct, network=network, params=params)
        return
    if workers <= 1:
        for key, query in distinct.items():
            yield key, _outcome(query, network=network, params=params, method=method)
        return
    keys = list(distinct)
    items = list(enumerate(distinct.values()))
    # The first query, planned here, builds the graph and caches before the fork: the workers
    # share them instead of building their own.
    yield keys[0], _outcome(items[0][1], network=network, params=params, method=method)
    items = items[1:]
    size = max(PARALLEL_MIN_CHUNK, min(PARALLEL_MAX_CHUNK, len(items) // (workers * 8) or 1))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    logger.info("batch: %d queries over %d processes", len(items), workers)
    _WORKER_STATE.update(network=network, params=params, method=method)
    pending = {index: query for index, query in items}
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for chunk in pool.imap_unordered(_worker_chunk, chunks):
                for index, outcome in chunk:
                    pending.pop(index, None)
                    yield keys[index], outcome
    except Exception as exc:  # a lost worker: finish what is left here
        logger.warning("parallel planning failed (%s); finishing in this process", exc)
        for index, query in sorted(pending.items()):
            yield keys[index], _outcome(query, network=network, params=params, method=method)
    finally:
        _WORKER_STATE.clear()


def _library_outcomes(
    distinct: dict[tuple, _Query], *, network: Network, params: Any
) -> Iterator[tuple[tuple, dict[str, Any] | str]]:
    """``(key, outcome)`` of every distinct query from the route library, a chunk at a time
    (so progress moves); a chunk the library fails on is planned query by query."""
    keys = list(distinct)
    for start in range(0, len(keys), LIBRARY_CHUNK):
        chunk = keys[start : start + LIBRARY_CHUNK]
        queries = [distinct[key] for key in chunk]
        try:
            answers = _plan_rows(
                [(q.origin, q.destination, q.shipment, q.priority.value) for q in queries],
                network=network,
                params=params,
            )
        except Exception:  # a bug must not sink the batch: find the query it belongs to
            logger.exception("route library failed on a chunk; planning it query by query")
            for key, query in zip(chunk, queries, strict=True):
                yield key, _outcome(query, network=network, params=params, method=METHOD_LIBRARY)
            continue
        for key, answer in zip(chunk, answers, strict=True):
            yield key, str(answer) if isinstance(answer, PlanningError) else answer


#: Result columns that hold whole numbers (nullable, empty on error rows).
_INT_COLUMNS = ("rank", "transfers", "border_crossings")


#: Result columns that hold decimal numbers (nullable, empty on error rows).
_FLOAT_COLUMNS = ("transit_days", "cost_usd", "cost_cny", "co2e_kg", "distance_km")


def _assemble(table: _Table, result_rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The output frame: input columns as text, result columns typed (nullable numbers)."""
    data: dict[str, Any] = {}
    for position, column in enumerate(table.columns):
        name = column
        while name in RESULT_COLUMNS or name in data:
            name = f"{name}{INPUT_SUFFIX}"
        data[name] = pd.array([row[position] for row in table.rows], dtype=object)
    for column in RESULT_COLUMNS:
        values = [row.get(column) for row in result_rows]
        if column in _INT_COLUMNS:
            data[column] = pd.array(values, dtype="Int64")
        elif column in _FLOAT_COLUMNS:
            data[column] = pd.array(values, dtype="Float64")
        elif column == "pareto_optimal":
            data[column] = pd.array(values, dtype="boolean")
        else:
            data[column] = pd.array(values, dtype=object)
    return pd.DataFrame(data)
