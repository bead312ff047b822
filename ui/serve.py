"""The app served by Streamlit in a child process, for the browser test and the bench.

:func:`served` starts ``streamlit run`` on a free port of this machine and yields the base URL
once the server answers its health check; the process is stopped on leaving.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

__all__ = ["ServerDidNotStart", "free_port", "served", "stop"]

ROOT = Path(__file__).resolve().parent.parent
#: Seconds a server may take to answer its health check.
START_TIMEOUT_S = 90
#: The variable that points the app at another data directory (the shipped data is served).
_DATA_ENV = "SHANXI_CORRIDORS_DATA"


class ServerDidNotStart(RuntimeError):
    """The server exited or did not answer in time."""


def free_port() -> int:
    """A TCP port of this machine that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(
    script: str = "app.py", *, python: str = sys.executable, log: IO[str] | None = None
) -> Iterator[str]:
    """``streamlit run script`` on a free port, from the repository root; yields the base URL.

    ``log`` receives the server's output (none is kept without it).
    """
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != _DATA_ENV}
    out = log if log is not None else subprocess.DEVNULL
    process = subprocess.Popen(
        [python, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.headless", "true", "--browser.serverAddress", "localhost"],
        cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env,
    )  # fmt: skip
    base = f"http://localhost:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while not _healthy(base):
            if process.poll() is not None or time.monotonic() > deadline:
                raise ServerDidNotStart(f"streamlit did not start for {script}")
            time.sleep(0.25)
        yield base
    finally:
        stop(process)


def stop(process: subprocess.Popen, timeout_s: float = 10.0) -> None:
    """Ask a server to stop, and kill it if it has not within ``timeout_s`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False
