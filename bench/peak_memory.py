"""The peak memory of a command and every process it forks, read from /proc (bench (c)).

``ru_maxrss`` gives the largest single process; a batch that forks workers needs their sum, and
a page its workers share with their parent (copy-on-write) must count once: the proportional
set size (PSS) divides each shared page among its sharers. The plain sum of resident sizes is
kept beside it as an upper bound.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

BYTES_PER_MB = 1 << 20
#: Seconds between two readings of the batch's memory.
MEMORY_SAMPLE_S = 0.05


def tree(root: int) -> list[int]:
    """``root`` and every process descended from it (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def memory_kib(pids: list[int]) -> tuple[int, int]:
    """The summed proportional and resident set sizes of ``pids``, KiB (a page shared by n
    processes counts 1/n in the first, fully in each in the second)."""
    pss = rss = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue  # it has just ended
        for line in text.splitlines():
            if line.startswith("Pss:"):
                pss += int(line.split()[1])
            elif line.startswith("Rss:"):
                rss += int(line.split()[1])
    return pss, rss


def peak_memory_mb(cmd: list[str], *, cwd: Path | None = None) -> dict[str, float]:
    """Peak memory of ``cmd`` and the processes it forks, MB, read every
    :data:`MEMORY_SAMPLE_S` s: ``pss`` (each shared page divided among its sharers: the memory
    the batch occupies) and ``rss_sum`` (every process's resident memory added up: shared pages
    counted once per process, an upper bound), run in ``cwd``."""
    process = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_pss = peak_rss = 0
    while process.poll() is None:
        pss, rss = memory_kib(tree(process.pid))
        peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
        time.sleep(MEMORY_SAMPLE_S)
    if process.returncode:
        raise SystemExit(f"the memory run failed: {process.stderr.read().decode()[-500:]}")
    return {"pss": peak_pss * 1024 / BYTES_PER_MB, "rss_sum": peak_rss * 1024 / BYTES_PER_MB}
