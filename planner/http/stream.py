"""A file a thread writes and an answer streams: the batch writer
(:func:`planner.io.batch.write_batch`) writes its CSV or workbook into a :class:`ByteStream`
on a batch thread, and the response sends the bytes as they come.

At most :data:`BLOCKS_AHEAD` blocks wait to be sent: a client that reads slowly slows the
writer, and one that reads nothing for ``stall_seconds`` or goes away stops it (its next write
raises :class:`BrokenPipeError`, so the batch thread ends and frees its place).
"""

from __future__ import annotations

import asyncio
import io
import threading
import time
from collections.abc import AsyncIterator

__all__ = ["BLOCKS_AHEAD", "ByteStream"]

#: Blocks written and not yet sent, at most.
BLOCKS_AHEAD = 64
#: Seconds between looks at whether the client is gone, while the writer waits.
_LOOK_SECONDS = 0.5
#: The end of the stream, in the queue.
_END = b""


class ByteStream(io.RawIOBase):
    """A writable binary file (for one writer thread) whose bytes :meth:`blocks` yields on the
    event loop ``loop``."""

    def __init__(self, loop: asyncio.AbstractEventLoop, stall_seconds: float) -> None:
        super().__init__()
        self._loop = loop
        self._queue: asyncio.Queue[bytes | BaseException] = asyncio.Queue()
        self._room = threading.Semaphore(BLOCKS_AHEAD)
        self._gone = threading.Event()
        self._stall = stall_seconds

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if not data:
            return 0
        waited_since = time.monotonic()
        while not self._room.acquire(timeout=_LOOK_SECONDS):
            if self._gone.is_set() or time.monotonic() - waited_since > self._stall:
                self._gone.set()
                raise BrokenPipeError("the client stopped reading")
        if self._gone.is_set():
            raise BrokenPipeError("the client went away")
        self._put(bytes(data))
        return len(data)

    def finish(self, error: BaseException | None = None) -> None:
        """The writer is done (``error``: it failed; the stream is cut short)."""
        if not self._gone.is_set():
            self._put(error if error is not None else _END)

    def _put(self, item: bytes | BaseException) -> None:
        try:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, item)
        except RuntimeError:  # the loop is closed: the server is stopping
            self._gone.set()
            raise BrokenPipeError("the server is stopping") from None

    async def blocks(self) -> AsyncIterator[bytes]:
        """The bytes, block by block, to the end; a writer's failure is raised (the answer is
        cut short: its length was never promised)."""
        try:
            while True:
                item = await self._queue.get()
                if isinstance(item, BaseException):
                    raise item
                if item == _END:
                    return
                self._room.release()
                yield item
        finally:
            self._gone.set()  # done, failed or the client went away: the writer stops
