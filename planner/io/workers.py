"""A batch's work in forked processes: one pool for the route library and the exact search.

:class:`WorkerPool` is one :class:`concurrent.futures.ProcessPoolExecutor` whose processes are
forked (they share the loaded network, graph and caches with this process instead of building
their own) and set up by an initializer (the planner, the language, each worker's number).
Its tasks run with the planner the worker was forked with:

- the exact search hands out distinct queries to whichever worker is free
  (:meth:`WorkerPool.map_unordered`);
- the route library keeps every origin in one worker for the whole batch
  (:class:`LibraryWorkers`): most of a large batch's time goes into growing each origin's
  library (its shortest-path forests and the candidates towards each destination), and a library
  pays for itself only where it is kept. A chunk is a round of one task per worker, each held at
  a barrier until every worker has taken one, so each worker takes exactly one and plans its own
  part of the chunk (:meth:`WorkerPool.round`).

The parent reads a chunk and submits it (:meth:`LibraryWorkers.submit`); while the workers plan,
it writes the chunk before; then it gathers the parts back in row order
(:meth:`LibraryWorkers.collect`). A worker that raises or dies raises :class:`WorkerFailed`
here, and the batch plans that work itself.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from planner.core.option_rows import OPTION_COLUMNS, RowTable
from planner.model.query_table import QueryTable

if TYPE_CHECKING:
    from planner.core.planner import Planner

__all__ = ["PARALLEL_MIN_QUERIES", "Job", "LibraryWorkers", "WorkerFailed", "WorkerPool"]

logger = logging.getLogger(__name__)

#: ``workers=0`` forks only from this many distinct queries.
PARALLEL_MIN_QUERIES = 200
#: Fewest and most items of one task of :meth:`WorkerPool.map_unordered`'s callers.
PARALLEL_MIN_CHUNK = 8
PARALLEL_MAX_CHUNK = 256

#: A task's function: called in a worker with its planner, its language and the task's item.
Task = Callable[["Planner", str, Any], Any]


def worker_count(workers: int | None, queries: int) -> int:
    """How many processes plan ``queries`` distinct queries when asked for ``workers`` (``None``
    or 1: this one; 0: one per CPU from :data:`PARALLEL_MIN_QUERIES` queries; at most one
    per CPU whatever is asked)."""
    if workers is None or workers == 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        logger.info("no fork start method here: planning in this process")
        return 1
    if workers == 0 and queries < PARALLEL_MIN_QUERIES:
        return 1
    cpus = cpu_count()
    return max(1, min(workers or cpus, queries, cpus))  # never more processes than CPUs


def cpu_count() -> int:
    """The CPUs this process may run on (its affinity, else the machine's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class WorkerFailed(RuntimeError):
    """A worker raised, or died, while planning its part of the work."""


class WorkerPool:
    """``count`` processes forked from this one, planning with ``planner`` in ``lang``.

    The processes are forked at the first task. Use as a context manager, or call
    :meth:`close`.
    """

    def __init__(self, planner: Planner, count: int, lang: str) -> None:
        context = multiprocessing.get_context("fork")
        self.count = count
        self._barrier = context.Barrier(count)
        numbers = context.Value("i", 0)
        self.planner = planner
        self._executor = ProcessPoolExecutor(
            count,
            mp_context=context,
            initializer=_start,
            initargs=(planner, lang, numbers, self._barrier),
        )
        self._broken = False

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def map_unordered(self, task: Task, items: Sequence[Any]) -> Iterator[tuple[int, Any]]:
        """``(i, task(planner, lang, items[i]))`` of every item, in the order they end, each in
        whichever worker is free (raises :class:`WorkerFailed`; the rest is then cancelled)."""
        futures = {self._executor.submit(_call, task, item): i for i, item in enumerate(items)}
        try:
            for future in as_completed(futures):
                yield futures[future], self.result(future)
        finally:
            for future in futures:
                future.cancel()

    def shares(self, items: Sequence[Any]) -> list[Sequence[Any]]:
        """``items`` cut into tasks: about eight per worker, of a bounded size."""
        size = max(PARALLEL_MIN_CHUNK, min(PARALLEL_MAX_CHUNK, len(items) // (self.count * 8) or 1))
        return [items[i : i + size] for i in range(0, len(items), size)]

    def round(self, parts: list[QueryTable | None]) -> list[Future]:
        """Each worker plans ``parts[its number]`` with the route library (``None``: nothing);
        the futures give ``(number, RowTable or None)``."""
        return [self._executor.submit(_plan_own_part, parts) for _ in range(self.count)]


    def result(self, future: Future) -> Any:
        """A task's result (raises :class:`WorkerFailed` if its worker raised or died)."""
        try:
            return future.result()
        except BrokenProcessPool as exc:
            self._broken = True
            raise WorkerFailed(f"a worker died ({exc})") from exc
        except Exception as exc:  # the worker's traceback comes as the cause
            raise WorkerFailed("".join(traceback.format_exception(exc))) from exc

    def alive(self) -> bool:
        """Whether every worker is still running (none has been seen to die)."""
        return not self._broken

    def close(self) -> None:
        """Stop the workers (a task already running is finished first)."""
        self._barrier.abort()  # a round left half-taken must not hold a worker forever
        self._executor.shutdown(wait=True, cancel_futures=True)


def _build_shared(planner: Planner) -> None:
    """Build here, before the fork, what every worker's route library plans with, so that the
    workers share it instead of each building (and keeping) its own: the graph, the timetable,
    the edges priced per cargo class."""
    planner.graph  # noqa: B018 (built on first use)
    planner.timetable  # noqa: B018
    for cargo in planner.cargo_classes.ids:
        planner.priced(cargo)


@dataclass(frozen=True)
class Job:
    """A chunk handed to the workers: per worker, the rows of the chunk it plans."""

    parts: list[np.ndarray]
    size: int
    futures: list[Future]


class LibraryWorkers:
    """The route library's work over a :class:`WorkerPool`, every origin (with its closures and
    modes) kept in one worker."""

    def __init__(self, pool: WorkerPool) -> None:
        self.pool = pool
        _build_shared(pool.planner)
        self._home: dict[tuple, int] = {}  # per origin (with closures and modes): its worker
        self._queries = [0] * pool.count  # distinct queries given to each worker so far

    def submit(self, table: QueryTable) -> Job:
        """Hand each worker its part of ``table`` (planning starts at once)."""
        keys = [(q.origin, q.closures, q.modes) for q in table.groups]
        self._place(keys)
        owner = np.array([self._home[key] for key in keys], dtype=np.intp)
        parts = []
        for k in range(self.pool.count):
            rows = np.flatnonzero(owner[table.group] == k) if len(table) else np.zeros(0, np.intp)
            parts.append(rows)
        tables = [_part(table, rows) if len(rows) else None for rows in parts]
        return Job(parts, len(table), self.pool.round(tables))

    def collect(self, job: Job, progress: Callable[[int], None] | None = None) -> RowTable:
        """The rows of a submitted chunk, in order (raises :class:`WorkerFailed`)."""
        out = RowTable.empty(job.size)
        for future in job.futures:
            k, answer = self.pool.result(future)
            if answer is None:
                continue
            rows = job.parts[k]
            for column in OPTION_COLUMNS:
                out.columns[column][rows] = answer.columns[column]
            for i, error in zip(rows.tolist(), answer.errors, strict=True):
                out.errors[i] = error
            if progress is not None:
                progress(len(rows))
        return out

    def _place(self, keys: list[tuple]) -> None:
        """Give each origin not met before a worker, and count the queries each worker gets.

        The work is per distinct query (an origin's library grows its way to each destination
        once), not per row: the new origins, most queries first, go each to the worker with the
        fewest queries so far.
        """
        counts = Counter(keys)
        for key in sorted((k for k in counts if k not in self._home), key=lambda k: -counts[k]):
            self._home[key] = self._queries.index(min(self._queries))
            self._queries[self._home[key]] += counts[key]
            counts[key] = 0
        for key, n in counts.items():
            self._queries[self._home[key]] += n


def _part(table: QueryTable, rows: np.ndarray) -> QueryTable:
    """The shipments ``rows`` of ``table``, with only their groups."""
    used, group = np.unique(table.group[rows], return_inverse=True)
    return QueryTable(
        groups=[table.groups[g] for g in used.tolist()],
        group=group.ravel().astype(np.intp),
        weight_t=table.weight_t[rows],
        volume_m3=table.volume_m3[rows],
        priority=table.priority[rows],
    )


# What a worker plans with, set by its initializer (forked: copied, never pickled).
_STATE: dict[str, Any] = {}


def _start(planner: Planner, lang: str, numbers: Any, barrier: Any) -> None:
    """A worker's initializer: its planner, language, number and the pool's barrier."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops the workers
    # what the parent made lives as long as the worker: out of the collector's sight, its pages
    # stay shared (a collection writes to every object it walks, copying its page)
    gc.freeze()
    with numbers.get_lock():
        number = numbers.value
        numbers.value += 1
    _STATE.update(planner=planner, lang=lang, number=number, barrier=barrier)


def _call(task: Task, item: Any) -> Any:
    return task(_STATE["planner"], _STATE["lang"], item)


def _plan_own_part(parts: list[QueryTable | None]) -> tuple[int, RowTable | None]:
    # every worker takes one task of the round before any plans: no worker takes two
    _STATE["barrier"].wait()
    number = _STATE["number"]
    part = parts[number]
    if part is None:
        return number, None
    return number, _STATE["planner"].plan_table(part, lang=_STATE["lang"])
