"""Plan many shipments from a table: N rows in, N rows out, in the same order, a chunk at a time.

Every input row comes out, in order, with the best option's scalar fields
(:data:`planner.core.option_rows.OPTION_COLUMNS`), ``status`` (``ok`` or ``error``) and ``error``
(the reason, naming the row). A broken row — the wrong number of fields, a number that is not one,
an unknown place, an empty origin — becomes an ``error`` row; it never stops the batch and is
never dropped. The table is read, planned and written a chunk of :data:`CHUNK_ROWS` rows at a
time, so memory does not grow with the file. A chunk's cells are read column by column, each
distinct text once (:class:`planner.model.query_table.CellReader`); the route library prices all the
shipments of one origin, destination and cargo class together in arrays and gives their rows
as columns (:meth:`planner.core.planner.Planner.plan_table`). The exact search plans a query once.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from planner.core.api import planner_for
from planner.core.option_rows import DATED_COLUMNS, OPTION_COLUMNS, RowTable, option_row
from planner.core.planner import Planner
from planner.io.dated_rows import dated_chunks
from planner.io.export import is_workbook_name, write_table_chunks
from planner.io.progress import Progress, ProgressCallback
from planner.io.shipments import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    BatchFileError,
    ShipmentTable,
    open_shipments,
    read_shipments,
)
from planner.io.workers import Job, LibraryWorkers, WorkerFailed, WorkerPool, worker_count
from planner.model.arrays import objects
from planner.model.errors import InvalidQueryError, PlanningError
from planner.model.query import Query
from planner.model.query_table import (
    CELL_FIELDS,
    CHECKED_FIELDS,
    CellReader,
    QueryTable,
    cell_columns,
)
from planner.text.columns import header as column_header
from planner.text.columns import localized
from planner.text.message import Message
from planner.text.messages import render
from planner.text.words import words

if TYPE_CHECKING:
    from corridors.network import Network
    from planner.model.params import Parameters

__all__ = [
    "BatchFileError", "BatchSummary", "CHUNK_ROWS", "METHODS", "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS", "RESULT_COLUMNS", "plan_batch", "read_shipments", "write_batch",
]  # fmt: skip

logger = logging.getLogger(__name__)

#: Columns added to every input row: the best option's fields, then the status.
RESULT_COLUMNS = (*OPTION_COLUMNS, *DATED_COLUMNS, "status", "error")
STATUS_OK = "ok"
STATUS_ERROR = "error"
#: Planner methods (see ``Planner.plan``): the route library, or the full search.
METHOD_LIBRARY = "library"
METHOD_EXACT = "exact"
METHODS = (METHOD_LIBRARY, METHOD_EXACT)
#: Rows read, planned and written at a time.
CHUNK_ROWS = 5_000
#: Suffix given to an input column whose name is also a result column.
INPUT_SUFFIX = "_input"
#: Result columns that hold whole numbers, decimals, and a flag (empty on error rows).
_INT_COLUMNS = ("rank", "transfers", "border_crossings")
_FLOAT_COLUMNS = (
    "transit_days", "transit_days_min", "transit_days_max", "main_haul_days", "wait_days",
    "cost_usd", "cost_cny", "co2e_kg", "distance_km", "to_departure_days", "cost_usd_min",
    "cost_usd_max",
)  # fmt: skip

Source = (
    str | os.PathLike[str] | IO[str] | IO[bytes] | pd.DataFrame | Iterable[Mapping] | ShipmentTable
)


def plan_batch(
    rows_or_path: Source,
    *,
    network: Network | None = None,
    params: Parameters | None = None,
    planner: Planner | None = None,
    progress: bool | ProgressCallback | None = None,
    workers: int | None = None,
    method: str = METHOD_LIBRARY,
    lang: str = "en",
) -> pd.DataFrame:
    """Plan every shipment of a table and return the best option of each.

    Parameters
    ----------
    rows_or_path
        A shipments CSV or .xlsx workbook (path or open file), a DataFrame, or dicts keyed
        by column name.
    network, params
        The corridor network and parameter table (the shipped ones by default).
    planner
        The planner to use (default: the one of ``network`` and ``params``).
    progress
        ``True`` / ``False`` to force / hide progress on stderr, a callable
        ``(rows_done, rows_total)`` (at most every 0.1 s, always after the last), or ``None``
        (the default): a bar when stderr is a terminal, a line per tenth for a long batch
        when it is not.
    workers
        ``None`` or ``1``: this process. ``n > 1``: ``n`` forked processes (POSIX only): the
        exact search shares out distinct queries, the route library origins (one pool for the
        batch: :mod:`planner.io.workers`). ``0``: one per CPU when the first chunk's distinct
        queries are :data:`~planner.io.workers.PARALLEL_MIN_QUERIES` or more. Do not fork
        from a multi-threaded program (a Streamlit app): keep the default.
    method
        ``"library"`` (the default): the route library, shipments of one origin, destination
        and cargo class priced together; exact for fastest and greenest. ``"exact"``: the
        full search for every distinct shipment (tens of milliseconds each).
    lang
        Language of the labels and warnings (``"en"`` or ``"zh"``).

    Returns
    -------
    pandas.DataFrame
        One row per input row, in order: the input columns (as text), then
        :data:`RESULT_COLUMNS` (the best option's fields, empty on error; ``status``;
        ``error`` such as ``"row 7: unknown place 'Mosco'; did you mean: Moscow?"``). An input
        column named like a result column is kept with the suffix ``_input``. Its
        ``attrs["encoding"]`` says what the input was read as (see :class:`BatchSummary`).

    Raises
    ------
    BatchFileError
        Only if the table as a whole is unusable: file missing or unreadable, empty, or a
        required column missing from the header.
    """
    table, chunks, _ = _planned(rows_or_path, network, params, planner, progress, workers, method,
                                lang)  # fmt: skip
    names = _header(table.columns)
    frames = [_frame(names, cells, results) for cells, results in chunks]
    if not frames:
        frames = [_frame(names, [], _Results(RowTable.empty(0), np.zeros(0, np.intp), []))]
    frame = pd.concat(frames, ignore_index=True)
    # text as pandas' own strings (written out, plain objects are faster: see _frame)
    text = [c for c, kind in frame.dtypes.items() if pd.api.types.is_object_dtype(kind)]
    frame = frame.astype(dict.fromkeys(text, "str"))
    frame.attrs["encoding"] = table.encoding
    return frame


class BatchSummary(NamedTuple):
    """What :func:`write_batch` wrote: rows, rows in error, and what the input was read as
    (``"UTF-8"``, ``"GB18030"``, ``"UTF-16LE"``, ``"Excel (.xlsx)"``; ``""`` for a table)."""

    rows: int
    errors: int
    encoding: str


def write_batch(
    source: Source,
    target: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    excel: bool | None = None,
    **options: Any,
) -> BatchSummary:
    """Plan a shipments table and write the result for people, a chunk at a time: CSV (UTF-8
    with BOM, injection-safe) or an .xlsx workbook, headers in the language of ``lang``.

    Parameters
    ----------
    source
        As for :func:`plan_batch`.
    target
        A path (written to a temporary file, then renamed: a failed write leaves the old file)
        or an open file (binary for a workbook).
    excel
        Write an .xlsx workbook; by default when ``target`` is a path ending in ``.xlsx``.
    **options
        As for :func:`plan_batch`.

    Returns
    -------
    BatchSummary
        Rows written, rows in error, what the input was read as.
    """
    lang = options.pop("lang", "en")
    table, chunks, cargo_zh = _planned(
        source,
        options.pop("network", None),
        options.pop("params", None),
        options.pop("planner", None),
        options.pop("progress", None),
        options.pop("workers", None),
        options.pop("method", METHOD_LIBRARY),
        lang,
    )
    if options:
        raise TypeError(f"unknown option(s): {', '.join(options)}")
    if excel is None:
        excel = isinstance(target, str | os.PathLike) and is_workbook_name(target)
    counts = [0, 0]

    def frames() -> Iterator[pd.DataFrame]:
        for cells, results in chunks:
            counts[0] += len(cells)
            counts[1] += sum(bool(error) for error in results.errors)
            yield localized(_frame(names, cells, results), lang, cargo_zh=cargo_zh)

    names = _header(table.columns, lang)
    header = [column_header(c, lang) for c in names]
    inputs, title = [table.path] if table.path else [], words("sheet.routes", lang)
    write_table_chunks(frames(), target, header=header, excel=excel, inputs=inputs, title=title)
    return BatchSummary(counts[0], counts[1], table.encoding)


def _planned(
    source: Source,
    network: Network | None,
    params: Parameters | None,
    planner: Planner | None,
    progress: bool | ProgressCallback | None,
    workers: int | None,
    method: str,
    lang: str,
) -> tuple[ShipmentTable, Iterator[tuple[list[list[str]], _Results]], dict[str, str]]:
    """The table, its chunks as planned, and the Chinese names of the planner's cargo classes."""
    if method not in METHODS:
        raise InvalidQueryError("method", "unknown_choice", what="method", value=method,
                                choices=METHODS)  # fmt: skip
    if workers is not None and workers < 0:
        raise ValueError(f"workers must be 0 (automatic) or more, got {workers}")
    table = open_shipments(source)
    planner = planner or planner_for(network, params)
    cargo_zh = planner.cargo_classes.names_zh
    chunks = _chunks(table, planner, progress, workers, method, lang)
    return table, dated_chunks(table.columns, chunks, planner), cargo_zh


@dataclass(frozen=True)
class _Results:
    """What a chunk's rows get: the answers of its valid rows, and every row's error."""

    answers: RowTable
    at: np.ndarray  # per row, its answer in ``answers`` (-1: none)
    errors: list[str]


def _chunks(
    table: ShipmentTable,
    planner: Planner,
    progress: bool | ProgressCallback | None,
    workers: int | None,
    method: str,
    lang: str,
) -> Iterator[tuple[list[list[str]], _Results]]:
    reader = CellReader(planner.places.resolve, planner.cargo_classes)
    fields = CELL_FIELDS + CHECKED_FIELDS
    positions = [table.columns.index(f) if f in table.columns else -1 for f in fields]
    total = table.total or 0
    bar = Progress(progress, total=total, queries=total)
    done = 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        bar.update(done)

    plan = _Planning(planner, method, workers, lang, step)
    rows = iter(table.rows)
    pending: _Chunk | None = None  # the chunk before, whose answers are awaited
    try:
        while cells := list(itertools.islice(rows, CHUNK_ROWS)):
            valid = [i for i, (_, _, problem) in enumerate(cells) if problem is None]
            queries, invalid = reader.read(cell_columns([cells[i][1] for i in valid], positions))
            done += len(cells) - len(queries)  # broken rows need no planning
            chunk = _Chunk(cells, valid, queries, invalid, plan.submit(queries))
            if pending is not None:  # the workers plan this chunk while the one before is written
                yield plan.results(pending)
            pending = chunk
        if pending is not None:
            yield plan.results(pending)
    finally:
        plan.close()
    bar.update(done, total=done)


@dataclass(frozen=True)
class _Chunk:
    """Rows read: their cells, which are valid, their queries and their errors of reading, and
    the workers' job planning them (``None``: planned in this process)."""

    cells: list
    valid: list[int]
    queries: QueryTable
    invalid: list[PlanningError | None]
    job: Job | None


@dataclass
class _Planning:
    """How a batch's chunks are planned: here, or by one pool of forked workers for the whole
    batch, made at the first chunk when ``workers`` asks for it
    (:func:`~planner.io.workers.worker_count`): the route library's work shared by origin, or
    the exact search's distinct queries."""

    planner: Planner
    method: str
    workers: int | None
    lang: str
    step: Callable[[int], None]
    pool: WorkerPool | None = None
    split: LibraryWorkers | None = None
    asked: bool = False

    def submit(self, queries: QueryTable) -> Job | None:
        """Start planning a chunk in the workers (``None``: it is planned when collected)."""
        if not self.asked and self.method == METHOD_LIBRARY:
            self.asked = True
            count = worker_count(self.workers, len(queries.groups))
            if count > 1:
                logger.info("batch: route library over %d processes", count)
                self.pool = WorkerPool(self.planner, count, self.lang)
                self.split = LibraryWorkers(self.pool)
        return self.split.submit(queries) if self.split is not None else None

    def results(self, chunk: _Chunk) -> tuple[list[list[str]], _Results]:
        """A chunk's cells and what its rows get."""
        answers = None
        if chunk.job is not None and self.split is not None:
            try:
                answers = self.split.collect(chunk.job, self.step)
            except WorkerFailed as exc:  # a bug must not sink the batch: this process plans it
                logger.error("a worker failed on a chunk; planning it here:\n%s", exc)
                if not self.split.pool.alive():  # a worker died: the rest is planned here too
                    self.close()
        if answers is None:
            answers = _answers(self.planner, chunk.queries, self.method, self.lang, self.step, self)
        cells, lang = chunk.cells, self.lang
        errors = ["" if problem is None else render(problem, lang) for _, _, problem in cells]
        at = np.full(len(cells), -1, dtype=np.intp)
        answered = [i for i, error in zip(chunk.valid, chunk.invalid, strict=True) if error is None]
        at[answered] = np.arange(len(answered))
        for i, error in zip(chunk.valid, chunk.invalid, strict=True):
            if error is not None:
                errors[i] = _row_error(cells[i][0], error, lang)
        for i, error in zip(answered, answers.errors, strict=True):
            if error is not None:
                errors[i] = _row_error(cells[i][0], error, lang)
        return [row for _, row, _ in cells], _Results(answers, at, errors)

    def exact_pool(self, queries: int) -> WorkerPool | None:
        """The pool for the exact search, made at the first chunk (``queries``: its distinct
        queries); ``None``: this process plans."""
        if not self.asked and self.method == METHOD_EXACT:
            self.asked = True
            count = worker_count(self.workers, queries)
            if count > 1:
                logger.info("batch: exact search over %d processes", count)
                self.pool = WorkerPool(self.planner, count, self.lang)
        return self.pool if self.method == METHOD_EXACT else None

    def close(self) -> None:
        """Stop the workers, if any: the rest of the batch is planned here."""
        if self.pool is not None:
            self.pool.close()
        self.pool = self.split = None


def _row_error(row: int, error: PlanningError, lang: str) -> str:
    return render(Message.of("in_row", row=row, reason=error.record), lang)


def _answers(planner: Planner, queries: QueryTable, method: str, lang: str,
             step: Callable[[int], None], plan: _Planning) -> RowTable:  # fmt: skip
    """The best option of every shipment of a chunk: from the route library at once, or
    planned one distinct query at a time (the exact search, or the library after a bug)."""
    if method == METHOD_LIBRARY:
        try:
            return planner.plan_table(queries, lang=lang, progress=step)
        except Exception:  # a bug must not sink the batch: find the query it belongs to
            logger.exception("route library failed on a chunk; planning it query by query")
    rows: dict[Query, list[int]] = {}
    for i, query in enumerate(queries.queries()):
        rows.setdefault(query, []).append(i)
    out = RowTable.empty(len(queries))
    for query, outcome in _outcomes(planner, list(rows), method, lang, plan):
        answer = outcome if isinstance(outcome, dict) else PlanningError(outcome)
        for i in rows[query]:
            out.put(i, answer)
        step(len(rows[query]))
    return out


def _outcomes(
    planner: Planner, queries: list[Query], method: str, lang: str, plan: _Planning
) -> Iterator[tuple[Query, dict[str, Any] | str]]:
    """``(query, best option's row or the reason there is none)`` for every query."""
    if not queries:
        return
    if method == METHOD_EXACT and plan.pool is None and not plan.asked:
        # The first query, planned here, builds the graph and caches before the fork: the
        # workers share them instead of building their own.
        yield queries[0], _outcome(planner, queries[0], method, lang)
        queries = queries[1:]
        plan.exact_pool(len(queries) + 1)
    pool = plan.pool if method == METHOD_EXACT else None
    if pool is None:
        for query in queries:
            yield query, _outcome(planner, query, method, lang)
        return
    chunks = pool.shares(queries)
    logger.info("batch: %d queries over %d processes", len(queries), pool.count)
    pending = dict(enumerate(chunks))
    try:
        for index, outcomes in pool.map_unordered(_exact_chunk, chunks):
            for query, outcome in zip(pending.pop(index), outcomes, strict=True):
                yield query, outcome
    except WorkerFailed as exc:  # a lost worker: finish what is left here
        logger.warning("parallel planning failed (%s); finishing in this process", exc)
        if not pool.alive():
            plan.close()
        for index in sorted(pending):
            for query in pending[index]:
                yield query, _outcome(planner, query, METHOD_EXACT, lang)


def _outcome(planner: Planner, query: Query, method: str, lang: str) -> dict[str, Any] | str:
    """The best option of a query as a row, or the reason there is none."""
    try:
        options = planner.plan(query, method=method)
    except PlanningError as exc:
        return exc.render(lang)
    except Exception as exc:  # a bug must not sink a 100,000-row batch; it is logged in full
        logger.exception("planner failed on %s", query)
        return f"internal error ({type(exc).__name__}: {exc})"
    if not options:
        return "the planner found no option"
    return option_row(options[0], lang)


def _exact_chunk(planner: Planner, lang: str, queries: list[Query]) -> list[dict[str, Any] | str]:
    """A worker's task: the exact search's outcome of each query."""
    return [_outcome(planner, query, METHOD_EXACT, lang) for query in queries]


def _header(columns: list[str], lang: str = "en") -> list[str]:
    """Output columns: the input's (renamed where a result column has the name, in ``lang``
    too: an input column ``状态`` beside the status, in Chinese), then the results."""
    results = set(RESULT_COLUMNS) | {column_header(c, lang) for c in RESULT_COLUMNS}
    names, taken = [], set()
    for column in columns:
        name = column
        while name in results or name in taken or column_header(name, lang) in results:
            name = f"{name}{INPUT_SUFFIX}"
        names.append(name)
        taken.add(name)
    return [*names, *RESULT_COLUMNS]


def _frame(header: list[str], cells: list[list[str]], results: _Results) -> pd.DataFrame:
    """The output frame of a chunk (``header``: its columns, from :func:`_header`): input
    columns as text, result columns typed (nullable)."""
    data: dict[str, Any] = {}
    inputs = header[: len(header) - len(RESULT_COLUMNS)]
    by_column = zip(*cells, strict=True) if cells else ([] for _ in inputs)
    for name, texts in zip(inputs, by_column, strict=True):
        data[name] = pd.Series(np.fromiter(texts, dtype=object, count=len(cells)), dtype=object)
    answered = np.flatnonzero(results.at >= 0)
    for column in RESULT_COLUMNS[:-2]:
        values = np.full(len(cells), None, dtype=object)
        values[answered] = results.answers.columns[column][results.at[answered]]
        if column in _INT_COLUMNS:
            data[column] = pd.array(values, dtype="Int64")
        elif column in _FLOAT_COLUMNS:
            data[column] = pd.array(np.array(values, dtype=float), dtype="Float64")
        elif column == "pareto_optimal":
            data[column] = pd.array(values, dtype="boolean")
        else:
            data[column] = pd.Series(values, dtype=object)
    errors = objects(results.errors)
    data["status"] = pd.Series(np.where(errors == "", STATUS_OK, STATUS_ERROR), dtype=object)
    data["error"] = pd.Series(errors, dtype=object)
    # text stays plain objects: as pandas' Arrow strings it would cost time and memory to write
    return pd.DataFrame(data)
