"""An input that is not a regular file — a FIFO, a pipe (``<(cat f.csv)``), a device such as
``/dev/zero`` — read with a time and a size limit into a scratch file, which is then read as
a file is (a pipe can be read only once: sniffing its first bytes would lose them).

The wait for the next bytes is at most :data:`WAIT_SECONDS` (a FIFO nobody writes to would
otherwise hang); the input at most :data:`MAX_BYTES` (``/dev/zero`` never ends). Either limit
reached is a clear one-line refusal, never a hang.
"""

from __future__ import annotations

import os
import select
import stat
import tempfile
import time
from pathlib import Path
from typing import IO

from planner.model.errors import PlanningError
from planner.text.message import Message

__all__ = ["MAX_BYTES", "WAIT_SECONDS", "StreamError", "is_regular", "spooled"]

#: Seconds an input that is not a file may keep us waiting for its next bytes.
WAIT_SECONDS = 10.0
#: Bytes read at most from an input that is not a file (a 1,000,000-row CSV is about 60 MB).
MAX_BYTES = 1 << 30
#: Bytes read at a time.
_BLOCK = 1 << 20
#: Pause between looks at a FIFO no one has opened for writing yet.
_PAUSE_SECONDS = 0.05


class StreamError(PlanningError, ValueError):
    """An input that is not a file gave nothing in time, or too much."""


def is_regular(path: Path) -> bool:
    """Whether ``path`` is a regular file (or names none: its opening says why)."""
    try:
        return stat.S_ISREG(path.stat().st_mode) or stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return True


def spooled(path: Path) -> IO[bytes]:
    """The bytes of ``path`` (not a regular file), in an unnamed scratch file at its start.

    Raises
    ------
    StreamError
        No byte for :data:`WAIT_SECONDS`, or more than :data:`MAX_BYTES`.
    OSError
        It cannot be opened.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO without a writer must not block
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (unnamed on Linux: gone with the process)
    try:
        _copy(fd, spool, str(path))
    except BaseException:
        spool.close()
        raise
    finally:
        os.close(fd)
    spool.seek(0)
    return spool


def _copy(fd: int, spool: IO[bytes], name: str) -> None:
    size, deadline = 0, time.monotonic() + WAIT_SECONDS
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise StreamError(Message.of("input_silent", path=name, seconds=WAIT_SECONDS))
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            block = os.read(fd, _BLOCK)
        except BlockingIOError:
            continue
        if not block:
            if size:  # the writer closed: the whole input
                return
            time.sleep(_PAUSE_SECONDS)  # a FIFO not opened for writing yet reads as its end
            continue
        size += len(block)
        if size > MAX_BYTES:
            raise StreamError(Message.of("input_too_big", path=name, limit=MAX_BYTES))
        spool.write(block)
        deadline = time.monotonic() + WAIT_SECONDS
