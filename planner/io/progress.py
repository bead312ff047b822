"""Progress of a long batch on stderr: a redrawn bar on a terminal, a line per tenth otherwise,
or a callback (the app's progress bar)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

__all__ = ["PROGRESS_MIN_QUERIES", "Progress", "ProgressCallback"]

ProgressCallback = Callable[[int, int], None]

#: Show a progress bar on its own from this many distinct queries (or whenever stderr is a TTY).
PROGRESS_MIN_QUERIES = 1000
#: Seconds between two calls of a progress callback (the first and the last always happen).
PROGRESS_CALLBACK_S = 0.1
#: Seconds between two redraws of the progress bar.
PROGRESS_INTERVAL_S = 0.25
PROGRESS_WIDTH = 30
#: Lines written for a long batch when stderr is not a terminal (one per tenth).
PROGRESS_STEPS = 10


class Progress:
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
        self._reported: tuple[int, int] | None = None
        self._last_tenth = 0
        self._start = time.monotonic()

    def update(self, done: int, total: int | None = None) -> None:
        """Report ``done`` rows of ``total`` (the total may be corrected as reading ends)."""
        if total is not None:
            self.total = total
        self.total = max(self.total, done)  # an estimated total may fall short
        if self.callback is None and not (self.bar or self.lines):
            return
        elapsed = time.monotonic() - self._start
        if self.callback is not None:
            # first, last, and at most every PROGRESS_CALLBACK_S: a UI redraw per query of a
            # 100,000-row file would cost more than the planning
            due = (
                self._last_callback is None
                or done >= self.total
                or elapsed - self._last_callback >= PROGRESS_CALLBACK_S
            )
            if due and (done, self.total) != self._reported:
                self._last_callback = elapsed
                self._reported = (done, self.total)
                self.callback(done, self.total)
            return
        fraction = done / self.total if self.total else 1.0
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
