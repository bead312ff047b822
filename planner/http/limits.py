"""What one API process takes on, and what holds it there.

Every limit is read from the environment (``SHANXI_API_<NAME>``, see :data:`ENV`) with a default
that protects a 2-core machine:

- a request's body at most ``max_upload_mb`` (a 10,000-row shipments CSV is about 0.6 MB):
  **413**, said before the body is read when its length is given, else once it passes;
- a batch at most ``max_rows`` rows: **413**;
- requests in hand (running or waiting for a thread) at most ``max_pending``: **503**;
- a request's answer within ``request_seconds``: **503** (its work goes on to its end on its
  thread, counted in hand until then, so a slow query cannot pile up more work);
- batches planned at once at most ``max_batches``, waiting at most ``batch_queue`` more:
  **429**.

The planner is GIL-bound: more threads than ``threads`` only share one core more thinly; run
``python -m planner serve --workers N`` for N cores.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, fields
from typing import Any, TypeVar

__all__ = ["ENV", "Gate", "LimitError", "Limits", "Runner"]

T = TypeVar("T")
#: The environment variables' common prefix.
ENV_PREFIX = "SHANXI_API_"
#: Bytes in a megabyte, as the limit is stated.
MB = 1 << 20
#: Seconds a 429 or 503 asks the client to wait before trying again.
RETRY_AFTER_SECONDS = 5


@dataclass(frozen=True)
class Limits:
    """The limits of one API process (see the module's text)."""

    max_upload_mb: float = 16.0
    max_rows: int = 50_000
    request_seconds: float = 30.0
    max_pending: int = 64
    threads: int = 4
    max_batches: int = 2
    batch_queue: int = 8

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Limits:
        """The limits the environment sets (``SHANXI_API_MAX_ROWS=20000``), the others' defaults.

        Raises
        ------
        ValueError
            A variable that is not a number above 0 (a batch queue may be 0), naming it.
        """
        given: dict[str, Any] = {}
        for field in fields(cls):
            name = ENV[field.name]
            text = environ.get(name, "").strip()
            if not text:
                continue
            kind = float if field.type in ("float", float) else int
            try:
                value = kind(text)
            except ValueError:
                value = -1
            least = 0 if field.name == "batch_queue" else 1e-9
            if not value >= least:
                raise ValueError(f"{name}={text!r}: give a number above 0")
            given[field.name] = value
        return cls(**given)

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * MB)

    def to_dict(self) -> dict[str, Any]:
        return {field.name: getattr(self, field.name) for field in fields(self)}


#: The environment variable of each limit.
ENV = {field.name: ENV_PREFIX + field.name.upper() for field in fields(Limits)}


class LimitError(Exception):
    """A limit reached: the status to answer with, and the catalogue key (``api.<key>``) and
    parameters of the line that says so."""

    def __init__(self, status: int, key: str, **params: Any) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.params = params


class Gate:
    """At most ``most`` things in at once: :meth:`enter` says whether one more may come in."""

    def __init__(self, most: int) -> None:
        self.most = most
        self._inside = 0
        self._lock = threading.Lock()

    @property
    def inside(self) -> int:
        return self._inside

    def enter(self) -> bool:
        with self._lock:
            if self._inside >= self.most:
                return False
            self._inside += 1
            return True

    def leave(self, _done: object = None) -> None:
        with self._lock:
            self._inside -= 1


class Runner:
    """The threads a process plans on: one pool for requests, one for batches, each behind
    its gate, and the request time limit."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.pending = Gate(limits.max_pending)
        self.batching = Gate(limits.max_batches + limits.batch_queue)
        self._pool = ThreadPoolExecutor(limits.threads, thread_name_prefix="api")
        self._batches = ThreadPoolExecutor(limits.max_batches, thread_name_prefix="api-batch")

    async def run(self, work: Callable[..., T], *args: Any) -> T:
        """``work(*args)`` on a request thread, its answer awaited at most ``request_seconds``.

        Raises
        ------
        LimitError
            503: :data:`Limits.max_pending` requests in hand already, or no answer in time.
        """
        if not self.pending.enter():
            raise LimitError(503, "busy", limit=self.pending.most)
        future = self._pool.submit(work, *args)
        future.add_done_callback(self.pending.leave)  # when its work ends, not its wait
        seconds = self.limits.request_seconds
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), seconds)
        except TimeoutError:
            raise LimitError(503, "too_slow", seconds=seconds) from None

    def reserve_batch(self) -> None:
        """Take a batch's place (planned, or waiting for a batch thread).

        Raises
        ------
        LimitError
            429: :data:`Limits.max_batches` batches planned and :data:`Limits.batch_queue`
            waiting already.
        """
        if not self.batching.enter():
            raise LimitError(429, "batches_busy", limit=self.batching.most)

    def start_batch(self, work: Callable[[], None]) -> Future[None]:
        """Run ``work`` (a batch writing its stream) on a batch thread, in the place
        :meth:`reserve_batch` took (given back when it ends)."""
        future = self._batches.submit(work)
        future.add_done_callback(self.batching.leave)
        return future

    def close(self) -> None:
        """Stop taking work; what runs ends on its own."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._batches.shutdown(wait=False, cancel_futures=True)
