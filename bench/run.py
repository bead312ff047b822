"""``make bench``: how much the planner's command line costs over the bare library imports.

Each measurement is the median of a few whole-process runs (wall time), the planner and its
floor run in turn (A B A B ...) so that a change in the machine's load weighs on both alike:

(a) ``python -m planner route --from Taiyuan --to Moscow`` against the import floor
    ``python -c "import geopandas, scipy.sparse.csgraph, pandas"``. Target: at most 1.3x.
(b) ``python -m planner batch`` on a generated 100,000-row shipments CSV (seeded mix of Shanxi
    origins, destinations, cargo classes, weights and volumes) against the same imports plus
    ``pandas.read_csv`` and ``to_csv`` of that file. Target: at most 3x.
(c) the peak memory of ``python -m planner batch`` on a generated 1,000,000-row file (the batch
    streams in chunks: memory must not grow with the file), summed over the batch and the worker
    processes it forks, read from /proc every 50 ms: proportional set size (a page the forked
    workers share with their parent counts once in all), with the plain sum of resident sizes
    beside it (``bench/peak_memory.py``). Target: at most 250 MB.

The scenario's warm time (the test suite asserts no time) is ``bench/officials.py`` (d).
Prints a small table and writes ``bench/results.json`` with the load average. Run from
anywhere: ``.venv/bin/python bench/run.py [--runs 5] [--batch-runs 3] [--rows 100000]
[--memory-rows 1000000]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from peak_memory import peak_memory_mb  # bench/, run as a script

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"
ROUTE_ARGS = ("route", "--from", "Taiyuan", "--to", "Moscow")
#: What the floors import: the libraries any answer needs (issue 18).
FLOOR_IMPORTS = "import geopandas, scipy.sparse.csgraph, pandas"
ROUTE_TARGET = 1.3
BATCH_TARGET = 3.0
#: Peak memory (PSS, all processes) allowed to the batch of :data:`DEFAULT_MEMORY_ROWS` rows, MB.
MEMORY_TARGET_MB = 250.0
DEFAULT_MEMORY_ROWS = 1_000_000
DEFAULT_RUNS = 5
DEFAULT_BATCH_RUNS = 3
DEFAULT_ROWS = 100_000
SEED = 20240918
#: Rows of the small file used only to find which libraries ``batch`` imports.
PROBE_ROWS = 20
#: Rows of the file timed to project the cost of the full batch.
SAMPLE_ROWS = 1000
#: The full batch is run only if projected to take at most this long (per run).
DEFAULT_BUDGET_S = 600.0
#: Seconds a single run may take before the bench gives up on it.
RUN_TIMEOUT_S = 4 * 3600

# Shipment mix: (cargo class, share, weight range in t, density in t/m3, weight step in t).
CARGO_MIX = (
    ("general", 0.40, (1.0, 24.0), 0.30, 0.5),
    ("electronics", 0.15, (0.2, 8.0), 0.15, 0.1),
    ("perishable", 0.12, (0.5, 20.0), 0.35, 0.5),
    ("bulk", 0.25, (20.0, 3000.0), 1.20, 10.0),
    ("dangerous", 0.08, (0.5, 18.0), 0.80, 0.5),
)
PRIORITY_MIX = (
    ("balanced", 0.4),
    ("fastest", 0.2),
    ("cheapest", 0.25),
    ("greenest", 0.1),
    ("", 0.05),
)
#: Share of rows whose optional cells are left empty (the defaults apply).
EMPTY_OPTIONAL_SHARE = 0.05
#: Share of rows that name a place in Chinese rather than in English.
CHINESE_NAME_SHARE = 0.2



def _python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _run_once(cmd: list[str], label: str) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        cmd,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SystemExit(
            f"{label} failed (exit {done.returncode}): {message[-1] if message else ''}"
        )
    return elapsed


def _time(cmd: list[str], *, runs: int, label: str, warm_up: bool = True) -> list[float]:
    """Wall times of ``runs`` runs of ``cmd`` (after one untimed warm-up run, by default)."""
    times = []
    for attempt in range(0 if warm_up else 1, runs + 1):
        elapsed = _run_once(cmd, label)
        if attempt:  # the first run only warms the disk cache
            times.append(elapsed)
        print(f"  {label}: run {attempt or 'warm-up'}: {elapsed:.2f} s", file=sys.stderr)
    return times


def _time_pair(
    first: list[str], second: list[str], *, runs: int, labels: tuple[str, str]
) -> tuple[list[float], list[float]]:
    """Wall times of two commands run in turn (A B A B ...), so that a change in the machine's
    load during the bench weighs on both alike; one untimed warm-up run of each first."""
    times: tuple[list[float], list[float]] = ([], [])
    for attempt in range(runs + 1):
        for cmd, label, bucket in zip((first, second), labels, times, strict=True):
            elapsed = _run_once(cmd, label)
            if attempt:
                bucket.append(elapsed)
            print(f"  {label}: run {attempt or 'warm-up'}: {elapsed:.2f} s", file=sys.stderr)
    return times


def _floor(python: str, shipments: Path | None = None, out: Path | None = None) -> list[str]:
    """The floor's command: the imports, and with ``shipments`` pandas reading that CSV and
    writing it to ``out``."""
    code = FLOOR_IMPORTS
    if shipments is not None:
        code += f"\npandas.read_csv({str(shipments)!r}).to_csv({str(out)!r}, index=False)"
    return [python, "-c", code]


def _shanxi_places(data_dir: str | None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(English, Chinese) names of the Shanxi origins and of the foreign destinations."""
    sys.path.insert(0, str(ROOT))
    from corridors import load_network

    nodes = load_network(data_dir).nodes
    prefecture = nodes.get("shanxi_prefecture")
    origins = nodes[prefecture.fillna(False).astype(bool)] if prefecture is not None else nodes[:0]
    destinations = nodes[nodes["kind"] == "destination"]
    if origins.empty or destinations.empty:
        raise SystemExit("the network has no Shanxi prefecture cities or no destinations")
    pairs = lambda frame: list(zip(frame["name_en"], frame["name_zh"], strict=True))  # noqa: E731
    return pairs(origins), pairs(destinations)


def write_shipments(path: Path, rows: int, *, data_dir: str | None = None) -> None:
    """Write a realistic seeded shipments CSV of ``rows`` rows."""
    rng = random.Random(SEED)
    origins, destinations = _shanxi_places(data_dir)
    cargo_weights = [share for _, share, *_ in CARGO_MIX]
    priority_weights = [share for _, share in PRIORITY_MIX]
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        header = _input_columns()
        writer.writerow(header)
        pad = [""] * (len(header) - 7)  # the columns after priority (ready_date) left empty
        for number in range(1, rows + 1):
            cargo, _, (low, high), density, step = rng.choices(CARGO_MIX, cargo_weights)[0]
            weight = max(step, round(rng.uniform(low, high) / step) * step)
            volume = max(1, round(weight / density))
            origin = rng.choice(origins)[rng.random() < CHINESE_NAME_SHARE]
            destination = rng.choice(destinations)[rng.random() < CHINESE_NAME_SHARE]
            priority = rng.choices(PRIORITY_MIX, priority_weights)[0][0]
            if rng.random() < EMPTY_OPTIONAL_SHARE:
                writer.writerow([f"SX{number:06d}", origin, destination, "", "", "", "", *pad])
            else:
                writer.writerow(
                    [
                        f"SX{number:06d}",
                        origin,
                        destination,
                        cargo,
                        f"{weight:g}",
                        f"{volume:g}",
                        priority,
                        *pad,
                    ]
                )


def _distinct_queries(path: Path, data_dir: str | None) -> int:
    """How many distinct valid shipments (places, cargo, weight, volume, priority) a file has."""
    sys.path.insert(0, str(ROOT))
    from corridors import load_network
    from planner.io.shipments import open_shipments
    from planner.model.query_table import CELL_FIELDS, CellReader, cell_columns
    from planner.places.index import PlaceIndex

    table = open_shipments(path)
    positions = [table.columns.index(f) if f in table.columns else -1 for f in CELL_FIELDS]
    columns = cell_columns([row for _, row, problem in table.rows if problem is None], positions)
    found, _ = CellReader(PlaceIndex(load_network(data_dir)).resolve).read(columns)
    heads = [(q.origin.id, q.destination.id, q.cargo) for q in found.groups]
    return len(
        {
            (heads[g], w, v, p)
            for g, w, v, p in zip(
                found.group.tolist(),
                found.weight_t.tolist(),
                found.volume_m3.tolist(),
                found.priority.tolist(),
                strict=True,
            )
        }
    )


def _input_columns() -> tuple[str, ...]:
    """The columns of the generated shipments files: every column a shipments file may have."""
    sys.path.insert(0, str(ROOT))
    from planner.io.shipments import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

    return (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)


def _row(name: str, planner_s: float, baseline_s: float, target: float) -> dict:
    ratio = planner_s / baseline_s
    if os.getloadavg()[0] > (os.cpu_count() or 1):
        print(
            f"  note: the machine is busy (load {os.getloadavg()[0]:.1f} on "
            f"{os.cpu_count()} CPUs): '{name}' is noisy",
            file=sys.stderr,
        )
    return {
        "name": name,
        "planner_s": round(planner_s, 3),
        "baseline_s": round(baseline_s, 3),
        "ratio": round(ratio, 2),
        "target": target,
        "pass": ratio <= target,
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="runs of (a) per side")
    parser.add_argument(
        "--batch-runs", type=int, default=DEFAULT_BATCH_RUNS, help="runs of (b) per side"
    )
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="rows of the batch")
    parser.add_argument(
        "--memory-rows",
        type=int,
        default=DEFAULT_MEMORY_ROWS,
        help="rows of the batch whose peak memory is measured (0: not measured)",
    )
    parser.add_argument("--data-dir", help="network directory (default: the shipped geodata/)")
    parser.add_argument(
        "--budget-s",
        type=float,
        default=DEFAULT_BUDGET_S,
        help="run the full batch only if projected under this many seconds",
    )
    parser.add_argument("--full", action="store_true", help="run the full batch whatever it costs")
    return parser


def _route(args: argparse.Namespace, python: str, common: list[str]) -> tuple[dict, dict]:
    """(a): the route command against the import floor."""
    route_cmd = [python, "-m", "planner", *common, *ROUTE_ARGS]
    route_times, floor_times = _time_pair(
        route_cmd, _floor(python), runs=args.runs, labels=("route", "imports")
    )
    row = _row(
        "route Taiyuan→Moscow vs imports",
        statistics.median(route_times),
        statistics.median(floor_times),
        ROUTE_TARGET,
    )
    detail = {
        "command": route_cmd[1:],
        "floor": FLOOR_IMPORTS,
        "times_s": route_times,
        "baseline_times_s": floor_times,
    }
    return row, detail


def _batch(
    args: argparse.Namespace, python: str, common: list[str], tmp: Path
) -> tuple[dict, dict]:
    """(b): the batch against the imports and pandas reading and writing the same file; first
    projected from a probe and a sample (a file of few repeated queries may take hours)."""
    shipments, probe, sample = tmp / "shipments.csv", tmp / "probe.csv", tmp / "sample.csv"
    write_shipments(shipments, args.rows, data_dir=args.data_dir)
    write_shipments(probe, PROBE_ROWS, data_dir=args.data_dir)
    write_shipments(sample, min(SAMPLE_ROWS, args.rows), data_dir=args.data_dir)
    floor_cmd = _floor(python, shipments, tmp / "copy.csv")

    def batch_cmd(path: Path, out: Path) -> list[str]:
        return [python, "-m", "planner", *common, "batch", str(path), "-o", str(out)]

    distinct = {
        name: _distinct_queries(path, args.data_dir)
        for name, path in (("probe", probe), ("sample", sample), ("full", shipments))
    }
    t_probe = _time(batch_cmd(probe, tmp / "p.csv"), runs=1, label="probe", warm_up=False)[0]
    t_sample = _time(batch_cmd(sample, tmp / "s.csv"), runs=1, label="sample", warm_up=False)[0]
    per_query = max(t_sample - t_probe, 0.0) / max(distinct["sample"] - distinct["probe"], 1)
    projected = t_probe + per_query * (distinct["full"] - distinct["probe"])
    print(
        f"  {distinct['full']:,} distinct queries in {args.rows:,} rows; "
        f"{per_query * 1000:.1f} ms per query; projected {projected:,.0f} s",
        file=sys.stderr,
    )
    out = tmp / "routes.csv"
    statuses: list[str] = []
    measured = projected <= args.budget_s or args.full
    if measured:
        batch_times, floor_times = _time_pair(
            batch_cmd(shipments, out),
            floor_cmd,
            runs=args.batch_runs,
            labels=(f"batch {args.rows:,} rows", "imports + pandas read/write"),
        )
        with open(out, encoding="utf-8-sig", newline="") as handle:
            statuses = [row["status"] for row in csv.DictReader(handle)]
    else:
        print(f"  projected over the {args.budget_s:.0f} s budget: not run", file=sys.stderr)
        floor_times = _time(floor_cmd, runs=args.batch_runs, label="imports + pandas I/O")
        batch_times = [projected]
    name = f"batch {args.rows:,} rows vs imports+pandas I/O"
    row = _row(
        name if measured else name + " (projected)",
        statistics.median(batch_times),
        statistics.median(floor_times),
        BATCH_TARGET,
    )
    row["measured"] = measured
    detail = {
        "rows": args.rows,
        "distinct_queries": distinct["full"],
        "sample_distinct_queries": distinct["sample"],
        "ms_per_distinct_query": round(per_query * 1000, 2),
        "measured": measured,
        "rows_out": len(statuses),
        "rows_ok": statuses.count("ok"),
        "floor": floor_cmd[2],
        "times_s": batch_times,
        "baseline_times_s": floor_times,
        "seed": SEED,
    }
    return row, detail


def _memory(args: argparse.Namespace, python: str, common: list[str], tmp: Path) -> dict:
    """(c): the peak memory of a batch ten times as long (streamed: it must not grow)."""
    big = tmp / "big.csv"
    write_shipments(big, args.memory_rows, data_dir=args.data_dir)
    peak = peak_memory_mb(
        [python, "-m", "planner", *common, "batch", str(big), "-o", str(tmp / "big_out.csv")],
        cwd=ROOT,
    )
    print(
        f"  batch {args.memory_rows:,} rows: peak {peak['pss']:.0f} MB proportional, "
        f"{peak['pss_anon']:.0f} MB of it anonymous (the rest: library code, shared with "
        f"whatever else maps it); {peak['rss_sum']:.0f} MB resident summed over its processes",
        file=sys.stderr,
    )
    return {
        "name": f"batch {args.memory_rows:,} rows peak memory MB (PSS)",
        "peak_mb": round(peak["pss"], 1),
        "peak_pss_anon_mb": round(peak["pss_anon"], 1),
        "peak_rss_sum_mb": round(peak["rss_sum"], 1),
        "target_mb": MEMORY_TARGET_MB,
        "pass": peak["pss"] <= MEMORY_TARGET_MB,
    }


def _table(results: list[dict], batch: dict) -> None:
    width = max(len(row["name"]) for row in results)
    header = (
        f"{'benchmark':<{width}} {'planner s':>10} {'baseline s':>11} {'ratio':>9} "
        f"{'target':>7}  result"
    )
    print(header)
    print("-" * len(header))
    for row in results:
        verdict = "PASS" if row["pass"] else "OVER TARGET"
        if "peak_mb" in row:
            print(
                f"{row['name']:<{width}} {row['peak_mb']:>10.0f} {'':>11} {'':>9} "
                f"{row['target_mb']:>5.0f}MB  {verdict}"
            )
            continue
        print(
            f"{row['name']:<{width}} {row['planner_s']:>10.2f} {row['baseline_s']:>11.2f} "
            f"{row['ratio']:>8.2f}x {row['target']:>6.1f}x  {verdict}"
        )
    if batch["measured"]:
        print(
            f"batch: {batch['rows_out']:,} rows out of {batch['rows']:,} in, "
            f"{batch['rows_ok']:,} ok; {batch['distinct_queries']:,} distinct queries"
        )
    else:
        print(f"batch: NOT RUN in full — projected ({batch['ms_per_distinct_query']} ms per query)")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    python = _python()
    common = ["--data-dir", args.data_dir] if args.data_dir else []
    results: list[dict] = []
    details: dict = {}
    with tempfile.TemporaryDirectory(prefix="shanxi-bench-") as tmp:
        row, details["route"] = _route(args, python, common)
        results.append(row)
        row, details["batch"] = _batch(args, python, common, Path(tmp))
        results.append(row)
        if args.memory_rows:
            results.append(_memory(args, python, common, Path(tmp)))
    _table(results, details["batch"])
    payload = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average_1_5_15_min": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "purelib": sysconfig.get_paths()["purelib"],
        "data_dir": args.data_dir or "geodata",
        "results": results,
        "details": details,
    }
    RESULTS.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
