"""A batch's route-library work shared between forked processes, each origin in one of them.

Most of a large batch's time goes into growing each origin's route library (its shortest-path
forests and the candidates towards each destination), and a library pays for itself only where
it is kept. So every origin is given to one worker for the whole batch and its library grows
there once. The workers are
forked after the network is loaded, so they share its memory instead of loading their own.

The parent reads a chunk and hands each worker its part (:meth:`LibraryWorkers.submit`); while
the workers plan, it writes the chunk before; then it gathers the parts back in row order
(:meth:`LibraryWorkers.collect`). Queues carry the parts both ways: a worker sending a large
answer never waits on a parent that is still sending it the next part.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import signal
import traceback
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from planner.io.option_rows import OPTION_COLUMNS, RowTable
from planner.model.query_table import QueryTable

if TYPE_CHECKING:
    from collections.abc import Callable

    from planner.core.planner import Planner

__all__ = ["LibraryWorkers", "WorkerFailed"]

logger = logging.getLogger(__name__)

#: Seconds between checks that a worker is still alive while its answer is awaited.
POLL_S = 1.0
#: Seconds a worker is given to stop before it is terminated.
STOP_S = 5.0


class WorkerFailed(RuntimeError):
    """A worker raised, or died, while planning its part of a chunk."""


@dataclass(frozen=True)
class Job:
    """A chunk handed to the workers: per worker, the rows of the chunk it plans."""

    parts: list[np.ndarray]
    size: int


class LibraryWorkers:
    """``count`` forked processes planning with ``planner``'s route library in ``lang``.

    Use as a context manager; the processes stop on leaving it.
    """

    def __init__(self, planner: Planner, count: int, lang: str) -> None:
        context = multiprocessing.get_context("fork")
        self._inboxes = [context.Queue() for _ in range(count)]
        self._outboxes = [context.Queue() for _ in range(count)]
        self._processes = [
            context.Process(target=_serve, args=(planner, lang, inbox, outbox), daemon=True)
            for inbox, outbox in zip(self._inboxes, self._outboxes, strict=True)
        ]
        for process in self._processes:
            process.start()
        self._home: dict[tuple, int] = {}  # per origin (with closures and modes): its worker
        self._queries = [0] * count  # distinct queries given to each worker so far

    def __enter__(self) -> LibraryWorkers:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def submit(self, table: QueryTable) -> Job:
        """Hand each worker its part of ``table`` (planning starts at once)."""
        keys = [(q.origin, q.closures, q.modes) for q in table.groups]
        self._place(keys)
        owner = np.array([self._home[key] for key in keys], dtype=np.intp)
        parts = []
        for k, inbox in enumerate(self._inboxes):
            rows = np.flatnonzero(owner[table.group] == k) if len(table) else np.zeros(0, np.intp)
            if len(rows):
                inbox.put(_part(table, rows))
            parts.append(rows)
        return Job(parts, len(table))

    def collect(self, job: Job, progress: Callable[[int], None] | None = None) -> RowTable:
        """The rows of a submitted chunk, in order (raises :class:`WorkerFailed`)."""
        out = RowTable.empty(job.size)
        for k, rows in enumerate(job.parts):
            if not len(rows):
                continue
            answer = self._answer(k)
            for column in OPTION_COLUMNS:
                out.columns[column][rows] = answer.columns[column]
            for i, error in zip(rows.tolist(), answer.errors, strict=True):
                out.errors[i] = error
            if progress is not None:
                progress(len(rows))
        return out

    def alive(self) -> bool:
        """Whether every worker is still running."""
        return all(process.is_alive() for process in self._processes)

    def close(self) -> None:
        """Stop the workers."""
        for inbox in self._inboxes:
            inbox.put(None)
        for process in self._processes:
            process.join(STOP_S)
            if process.is_alive():
                process.terminate()
        for box in (*self._inboxes, *self._outboxes):
            box.close()
            box.cancel_join_thread()  # what a dead worker left unread must not hang the exit

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

    def _answer(self, k: int) -> RowTable:
        while True:
            try:
                answer = self._outboxes[k].get(timeout=POLL_S)
            except queue.Empty:
                if not self._processes[k].is_alive():
                    raise WorkerFailed(f"worker {k} died") from None
                continue
            if isinstance(answer, str):  # the worker's traceback
                raise WorkerFailed(answer)
            return answer


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


def _serve(planner: Planner, lang: str, inbox: Any, outbox: Any) -> None:
    """A worker: plan each part received until ``None`` comes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops the workers
    while (table := inbox.get()) is not None:
        try:
            outbox.put(planner.plan_table(table, lang=lang))
        except Exception:
            outbox.put(traceback.format_exc())
