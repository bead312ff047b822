"""``make bench`` (e): the HTTP API held under load, on loopback, bounded, stopping by itself.

Starts ``python -m planner serve`` on a free port of 127.0.0.1 (``--workers``, one per CPU by
default) on the shipped data, waits for ``/health``, then:

1. **routes**: 200 ``GET /v1/route`` from 20 concurrent clients over a mix of 50 real queries
   (the seeded shipments mix of ``bench/run.py``, each query one the planner answers, checked
   in this process before the server starts, so the server's caches start cold): throughput,
   p50 / p95 / p99 latency, errors. Goal: 0 errors, p95 at most 1 s on 2 cores.
2. **memory**: the server's memory (proportional set size of all its processes, /proc) before
   and after 1,000 more route requests of the same mix, and after 1,000 more again (growth
   that goes on is a leak; a first step may be the allocator settling). Goal: no growth.
3. **batches**: 5 concurrent ``POST /v1/batch`` of the same 10,000-row file (the generator of
   ``bench/run.py``), each streamed to its end and its rows counted: time per batch, rows per
   second over all, errors.

An error is a request that failed or whose answer is not a 200 with the rows asked for. Prints
a table and writes ``bench/api_results.json`` with the load average (the machine may be shared:
read the figures with it). Run: ``.venv/bin/python bench/api_load.py [--workers N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from peak_memory import BYTES_PER_MB, memory_kib, tree  # bench/, run as a script
from run import SEED, write_shipments

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from ui.serve import free_port, stop  # noqa: E402  (the repository's, as the server's)

RESULTS = Path(__file__).resolve().parent / "api_results.json"
ROUTE_REQUESTS, CLIENTS, QUERIES = 200, 20, 50
MEMORY_REQUESTS = 1_000
BATCHES, BATCH_ROWS = 5, 10_000
#: Candidate rows drawn to find QUERIES the planner answers.
CANDIDATES = 120
P95_TARGET_S = 1.0
#: Seconds the server may take to answer /health, a request, the whole bench.
START_TIMEOUT_S, REQUEST_TIMEOUT_S, BENCH_TIMEOUT_S = 180.0, 300.0, 1800.0
#: The route request's fields, from a shipments row's columns.
FIELDS = {"origin": "from", "destination": "to", "cargo": "cargo", "weight_t": "weight_t",
          "volume_m3": "volume_m3", "priority": "priority"}  # fmt: skip


def real_queries(folder: Path) -> list[dict[str, str]]:
    """:data:`QUERIES` route requests from the seeded shipments mix, each answered by the
    planner (checked here, in this process)."""
    sys.path.insert(0, str(ROOT))
    from planner.core.api import planner_for
    from planner.model.errors import PlanningError
    from planner.model.query import Query

    path = folder / "candidates.csv"
    write_shipments(path, CANDIDATES)
    planner, found, seen = planner_for(), [], set()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            asked = {FIELDS[k]: v for k, v in row.items() if k in FIELDS and v}
            key = tuple(sorted(asked.items()))
            fields = {k: v for k, v in row.items() if k in FIELDS and k not in
                      ("origin", "destination") and v}  # fmt: skip
            if key in seen:
                continue
            try:
                planner.plan(Query(row["origin"], row["destination"], **fields))
            except PlanningError:
                continue
            seen.add(key)
            found.append(asked)
            if len(found) == QUERIES:
                return found
    raise SystemExit(f"only {len(found)} of {CANDIDATES} candidate queries have a route")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def _timed(ask, times: list[float], errors: list[str]) -> None:
    """Time one request: ``ask()`` sends it and returns what is wrong with its answer, or ``""``."""
    start = time.perf_counter()
    try:
        problem = await ask()
    except httpx.HTTPError as exc:
        problem = f"{type(exc).__name__}: {exc}"
    if problem:
        errors.append(problem)
    times.append(time.perf_counter() - start)


async def _concurrently(clients: int, work, limits: httpx.Limits | None = None) -> float:
    """Seconds for ``clients`` coroutines ``work(http)`` sharing one HTTP client."""
    options = {"limits": limits} if limits is not None else {}  # else httpx's own
    start = time.perf_counter()
    async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT_S, **options) as http:
        await asyncio.gather(*(work(http) for _ in range(clients)))
    return time.perf_counter() - start


async def _routes(base: str, queries: list[dict[str, str]], count: int) -> dict:
    """``count`` route requests from :data:`CLIENTS` clients, the queries in a seeded order."""
    rng = random.Random(SEED)
    todo = [queries[i % len(queries)] for i in range(count)]
    rng.shuffle(todo)
    waiting = iter(todo)
    latencies: list[float] = []
    errors: list[str] = []

    async def client(http: httpx.AsyncClient) -> None:
        for asked in waiting:

            async def ask(asked=asked) -> str:
                response = await http.get(f"{base}/v1/route", params=asked)
                ok = response.status_code == 200 and response.json()["options"]
                return "" if ok else f"{response.status_code}: {response.text[:200]}"

            await _timed(ask, latencies, errors)

    wall = await _concurrently(CLIENTS, client, httpx.Limits(max_connections=CLIENTS))
    return {
        "requests": count,
        "clients": CLIENTS,
        "wall_s": wall,
        "per_s": count / wall,
        "p50_s": _percentile(latencies, 0.50),
        "p95_s": _percentile(latencies, 0.95),
        "p99_s": _percentile(latencies, 0.99),
        "max_s": max(latencies),
        "errors": len(errors),
        "first_errors": errors[:3],
    }


async def _batches(base: str, shipments: Path) -> dict:
    """:data:`BATCHES` concurrent batches of ``shipments``, each read to its end."""
    data = shipments.read_bytes()
    times: list[float] = []
    errors: list[str] = []

    async def one(http: httpx.AsyncClient) -> None:
        async def ask() -> str:
            files = {"file": ("shipments.csv", data, "text/csv")}
            response = await http.post(f"{base}/v1/batch", files=files)
            rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
            ok = response.status_code == 200 and len(rows) == BATCH_ROWS + 1
            return "" if ok else f"{response.status_code}: {len(rows)} lines"

        await _timed(ask, times, errors)

    wall = await _concurrently(BATCHES, one)
    return {
        "batches": BATCHES,
        "rows": BATCH_ROWS,
        "wall_s": wall,
        "rows_per_s": BATCHES * BATCH_ROWS / wall,
        "batch_s": sorted(times),
        "errors": len(errors),
        "first_errors": errors[:3],
    }


def _memory_mb(server: subprocess.Popen) -> float:
    return memory_kib(tree(server.pid))["pss"] * 1024 / BYTES_PER_MB


async def _wait_ready(base: str, server: subprocess.Popen) -> float:
    start = time.perf_counter()
    async with httpx.AsyncClient(timeout=5) as http:
        while time.perf_counter() - start < START_TIMEOUT_S:
            if server.poll() is not None:
                raise SystemExit(f"the server stopped (exit {server.returncode})")
            try:
                if (await http.get(f"{base}/health")).status_code == 200:
                    return time.perf_counter() - start
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.5)
    raise SystemExit(f"the server did not answer /health within {START_TIMEOUT_S:.0f} s")


async def _bench(base: str, server: subprocess.Popen, folder: Path, queries: list) -> dict:
    shipments = folder / "shipments.csv"
    write_shipments(shipments, BATCH_ROWS)
    results: dict = {"start_s": await _wait_ready(base, server)}
    results["routes"] = await _routes(base, queries, ROUTE_REQUESTS)
    before = _memory_mb(server)
    results["memory_requests"] = await _routes(base, queries, MEMORY_REQUESTS)
    after = _memory_mb(server)
    await _routes(base, queries, MEMORY_REQUESTS)  # growth that goes on, or only settling?
    again = _memory_mb(server)
    results["memory_mb"] = {"before": before, "after": after, "growth": after - before,
                            "after_next": again, "growth_next": again - after}  # fmt: skip
    results["batches"] = await _batches(base, shipments)
    results["memory_mb"]["after_batches"] = _memory_mb(server)
    return results


def _report(results: dict) -> None:
    routes, memory, batches = results["routes"], results["memory_mb"], results["batches"]
    print(f"API load (loopback, {results['workers']} worker(s), {os.cpu_count()} CPUs, "
          f"load average {results['load_average']}; the machine may be shared)")  # fmt: skip
    print(f"  routes  {routes['requests']} requests, {routes['clients']} clients: "
          f"{routes['per_s']:.1f}/s, p50 {routes['p50_s']:.3f} s, p95 {routes['p95_s']:.3f} s "
          f"(goal <= {P95_TARGET_S:g} s), p99 {routes['p99_s']:.3f} s, "
          f"errors {routes['errors']}")  # fmt: skip
    warm = results["memory_requests"]
    print(f"  memory  {MEMORY_REQUESTS} more requests ({warm['per_s']:.1f}/s, p95 "
          f"{warm['p95_s']:.3f} s, errors {warm['errors']}): {memory['before']:.0f} -> "
          f"{memory['after']:.0f} MB (growth {memory['growth']:+.1f} MB; over the next "
          f"{MEMORY_REQUESTS}: {memory['growth_next']:+.1f} MB); after the batches "
          f"{memory['after_batches']:.0f} MB")  # fmt: skip
    print(f"  batches {batches['batches']} x {batches['rows']:,} rows at once: "
          f"{batches['wall_s']:.1f} s, {batches['rows_per_s']:,.0f} rows/s, each "
          f"{', '.join(f'{t:.1f}' for t in batches['batch_s'])} s, "
          f"errors {batches['errors']}")  # fmt: skip
    for part in ("routes", "memory_requests", "batches"):
        for error in results[part]["first_errors"]:
            print(f"  {part} error: {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="api-load-") as name:
        folder = Path(name)
        queries = real_queries(folder)
        command = [sys.executable, "-m", "planner", "serve", "--port", str(port),
                   "--workers", str(args.workers)]  # fmt: skip
        log = (folder / "server.log").open("wb")  # a pipe left unread could stall the server
        server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            results = asyncio.run(asyncio.wait_for(
                _bench(base, server, folder, queries), BENCH_TIMEOUT_S))  # fmt: skip
        finally:
            stop(server, timeout_s=30)
            log.close()
            said = (folder / "server.log").read_text("utf-8", "replace").strip()
            if said:
                print("server log (last lines):\n" + "\n".join(said.splitlines()[-10:]))
    results |= {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "workers": args.workers,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    _report(results)


if __name__ == "__main__":
    main()
