"""The peak memory of a command and every process it forks, read from /proc (bench (c)).

``ru_maxrss`` gives the largest single process; a batch that forks workers needs their sum, and
a page its workers share with their parent (copy-on-write) must count once: the proportional
set size (PSS) divides each shared page among its sharers. The plain sum of resident sizes is
kept beside it as an upper bound, and the proportional size of anonymous memory alone: the
file-backed part (the libraries' code) is divided with every other process on the machine that
maps the same files, so it moves with what else runs.
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


#: The /proc/PID/smaps_rollup fields summed, and the names they are given.
_FIELDS = {"Pss:": "pss", "Rss:": "rss_sum", "Pss_Anon:": "pss_anon"}


def memory_kib(pids: list[int]) -> dict[str, int]:
    """The summed proportional (``pss``), resident (``rss_sum``) and anonymous proportional
    (``pss_anon``) set sizes of ``pids``, KiB (a page shared by n processes counts 1/n in the
    proportional sizes, fully in each process's resident size)."""
    sums = dict.fromkeys(_FIELDS.values(), 0)
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue  # it has just ended
        for line in text.splitlines():
            name = _FIELDS.get(line.split(" ", 1)[0])
            if name is not None:
                sums[name] += int(line.split()[1])
    return sums


def peak_memory_mb(cmd: list[str], *, cwd: Path | None = None) -> dict[str, float]:
    """Peak memory of ``cmd`` and the processes it forks, MB, read every
    :data:`MEMORY_SAMPLE_S` s: ``pss`` (each shared page divided among its sharers: the memory
    the batch occupies) and ``rss_sum`` (every process's resident memory added up: shared pages
    counted once per process, an upper bound) and ``pss_anon`` (``pss`` without the libraries'
    code), run in ``cwd``."""
    process = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = dict.fromkeys(_FIELDS.values(), 0)
    while process.poll() is None:
        for name, kib in memory_kib(tree(process.pid)).items():
            peak[name] = max(peak[name], kib)
        time.sleep(MEMORY_SAMPLE_S)
    if process.returncode:
        raise SystemExit(f"the memory run failed: {process.stderr.read().decode()[-500:]}")
    return {name: kib * 1024 / BYTES_PER_MB for name, kib in peak.items()}
